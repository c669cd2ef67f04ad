"""The query language users type, and its translation into Whoosh queries.

Syntax: words, `"exact phrases"`, `-excluded` words or phrases, and `OR`
between alternatives. Anything else (`*`, `?`, `~`, `^`, brackets, `field:`)
is read as plain text: a query never fails to parse, and oddities come back
as notices that say what was done.

Every syllable is searched in its exact and its folded form; words typed next
to each other also count as a phrase, so documents where they stand together
rank first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from .analysis import spans, token_keys
from .notices import Notice
from .vietnamese import fold, nfc

MAX_QUERY_CHARS = 500
MAX_SYLLABLES = 40

_CLAUSE = re.compile(r'(?P<neg>[-−])?"(?P<phrase>[^"]*)("|$)|(?P<word>[^\s"]+)')
_HAS_DIACRITIC = re.compile(r"[^\x00-\x7f]")

# weights: exact form above folded form; title above body; adjacency above scatter
EXACT_BOOST = 1.6
PAIR_BOOST = 2.5
PHRASE_BOOST = 3.0


@dataclass
class Clause:
    words: list[str]
    """The syllables as typed (NFC)."""
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    """A query as understood: OR-groups of clauses, plus what to tell the user."""

    text: str
    groups: list[list[Clause]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(c.words for g in self.groups for c in g if not c.negated)

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g if not c.negated and c.words]

    def highlight_runs(self) -> list[list[str]]:
        """Words to mark, grouped as typed together (a phrase, or neighbouring words)."""
        runs: list[list[str]] = []
        for group in self.groups:
            run: list[str] = []
            for clause in group:
                if clause.negated:
                    continue
                if clause.phrase:
                    if run:
                        runs.append(run)
                        run = []
                    runs.append(list(clause.words))
                else:
                    run.extend(clause.words)
            if run:
                runs.append(run)
        return runs


def parse(text: str) -> ParsedQuery:
    """Read what the user typed; never raises."""
    text = nfc(text or "")
    text = "".join(ch if ch.isprintable() or ch in "\t\n" else " " for ch in text)
    parsed = ParsedQuery(text=" ".join(text.split()))
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        parsed.notices.append(Notice("query_cut", {"limit": MAX_QUERY_CHARS}))
    if text.count('"') % 2:
        parsed.notices.append(Notice("unclosed_quote"))
    group: list[Clause] = []
    syllables = 0
    dropped = False
    for match in _CLAUSE.finditer(text):
        if match.group("word") == "OR":
            if group:
                parsed.groups.append(group)
                group = []
            continue
        if match.group("phrase") is not None:
            words = [s.text for s in spans(match.group("phrase"))]
            clause = Clause(words, phrase=len(words) > 1, negated=bool(match.group("neg")))
        else:
            raw = match.group("word")
            negated = raw[0] in "-−" and len(raw) > 1
            if negated:
                raw = raw[1:]
            words = [s.text for s in spans(raw)]
            if not words:
                continue
            clause = Clause(words, phrase=False, negated=negated)
            if len(words) > 1 and not negated:
                clause.phrase = False
        if not clause.words:
            continue
        if syllables + len(clause.words) > MAX_SYLLABLES:
            dropped = True
            break
        syllables += len(clause.words)
        group.append(clause)
    if group:
        parsed.groups.append(group)
    if dropped:
        parsed.notices.append(Notice("too_many_words", {"limit": MAX_SYLLABLES}))
    if parsed.is_empty and any(c.negated for g in parsed.groups for c in g):
        parsed.notices.append(Notice("only_exclusions"))
    return parsed


def _syllable(word: str) -> wq.Query:
    """One typed syllable: its folded form anywhere, its exact form (if typed) scoring more."""
    exact, folded = token_keys(word)
    parts: list[wq.Query] = [wq.Term("body", folded), wq.Term("title", folded), wq.Term("names", folded)]
    if exact != folded:
        parts += [wq.Term("body", exact, boost=EXACT_BOOST), wq.Term("title", exact, boost=EXACT_BOOST)]
    return wq.Or(parts)


def _phrase(words: list[str], boost: float = 1.0) -> wq.Query:
    """Exact phrase: positions always match; diacritics must match when typed."""
    if any(_HAS_DIACRITIC.search(w) for w in words):
        exact = [token_keys(w)[0] for w in words]
        return wq.Or([wq.Phrase(f, exact, boost=boost) for f in ("body", "title")])
    folded = [token_keys(w)[1] for w in words]
    return wq.Or([wq.Phrase(f, folded, boost=boost) for f in ("body", "title", "names")])


def _adjacency(words: list[str]) -> list[wq.Query]:
    """Optional boosts for syllables typed side by side."""
    folded = [token_keys(w)[1] for w in words]
    boosts: list[wq.Query] = []
    for a, b in zip(folded, folded[1:], strict=False):
        for f in ("body", "title", "names"):
            boosts.append(wq.Phrase(f, [a, b], boost=PAIR_BOOST))
    if len(words) > 2:
        boosts.append(wq.Phrase("body", folded, boost=PHRASE_BOOST))
        boosts.append(wq.Phrase("title", folded, boost=PHRASE_BOOST))
    if any(_HAS_DIACRITIC.search(w) for w in words) and len(words) > 1:
        exact = [token_keys(w)[0] for w in words]
        boosts.append(wq.Phrase("body", exact, boost=PHRASE_BOOST))
        boosts.append(wq.Phrase("title", exact, boost=PHRASE_BOOST))
    return boosts


def _group_query(clauses: list[Clause], require_all: bool) -> wq.Query | None:
    required: list[wq.Query] = []
    optional: list[wq.Query] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) > 1:
            optional.extend(_adjacency(run))
        run.clear()

    for clause in clauses:
        if clause.negated:
            continue
        if clause.phrase:
            close_run()
            required.append(_phrase(clause.words, boost=PHRASE_BOOST))
        else:
            run.extend(clause.words)
            required.extend(_syllable(w) for w in clause.words)
    close_run()
    if not required:
        return None
    core = wq.And(required) if require_all else wq.Or(required)
    if len(required) == 1 and not optional:
        return required[0]
    return wq.AndMaybe(core, wq.Or(optional)) if optional else core


def to_whoosh(parsed: ParsedQuery, require_all: bool = True) -> wq.Query:
    """The Whoosh query; `Every` when nothing positive was typed."""
    positives = [q for g in parsed.groups if (q := _group_query(g, require_all)) is not None]
    negatives: list[wq.Query] = []
    for group in parsed.groups:
        for clause in group:
            if clause.negated:
                if len(clause.words) > 1:
                    negatives.append(_phrase(clause.words))
                else:
                    folded = token_keys(clause.words[0])[1]
                    negatives.append(wq.Or([wq.Term("body", folded), wq.Term("title", folded)]))
    if not positives:
        base: wq.Query = wq.Every()
    elif len(positives) == 1:
        base = positives[0]
    else:
        base = wq.Or(positives)
    if negatives:
        return wq.AndNot(base, wq.Or(negatives))
    return base


def has_diacritics(text: str) -> bool:
    return fold(text) != text
