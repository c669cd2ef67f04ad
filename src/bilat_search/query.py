"""The query language users type, read into clauses (scoring.py runs them).

Syntax: words, `"exact phrases"`, `-excluded` words or phrases, and `OR`
between alternatives. Anything else (`*`, `?`, `~`, `^`, brackets, `field:`)
is read as plain text: a query never fails to parse, and oddities come back
as notices that say what was done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import spans
from .notices import Notice
from .vietnamese import nfc

MAX_QUERY_CHARS = 500
MAX_SYLLABLES = 40

_CLAUSE = re.compile(r'(?P<neg>[-−])?"(?P<phrase>[^"]*)("|$)|(?P<word>[^\s"]+)')



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
