"""Snippets with the matched words marked, built on escaped text.

Matching is by folded key, so whatever form was typed (`cong an`, `Công an`,
`CÔNG AN`) the words are marked as they stand in the article. The markup is
assembled from escaped pieces: article text can never inject HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from itertools import islice

import click

from .analysis import _KEY_CACHE, _words_of, joins, token_keys
from .vietnamese import fold

SNIPPET_TOKENS = 42
SNIPPET_SCAN_CHARS = 200_000
REGION_CHARS = 800
"""Characters of a long text tokenised for a snippet, around the query's words (`_region`)."""
REGION_HITS = 400
_WHITESPACE = re.compile(r"\s+")


@dataclass
class Fragment:
    """A piece of text, and whether it is a match."""

    text: str
    match: bool = False


@dataclass
class Terms:
    """What to mark: the query's syllables, grouped as typed together.

    Each run is a list of (exact key, folded key, typed with diacritics).
    Marking follows how the search ranks: syllables typed together are
    marked where they stand together (`to lam` marks `Tô Lâm`, not every
    `làm`), and a syllable typed with diacritics marks its exact form when
    the text has it.
    """

    runs: list[list[tuple[str, str, bool]]]

    def __bool__(self) -> bool:
        return any(self.runs)

    def hits(self, keys: list[tuple[str, str]], joined=None) -> list[int]:
        """Indexes of the tokens to mark; `joined(i)`: token i stands right after i-1 (`analysis.joins`)."""
        joined = joined or (lambda i: True)
        exact_keys = [exact for exact, _ in keys]
        folded_keys = [folded for _, folded in keys]
        exact_in_text = set(exact_keys)
        found: set[int] = set()
        for run in self.runs:
            wanted = [
                (exact, exact_keys) if accented and exact in exact_in_text else (folded, folded_keys)
                for exact, folded, accented in run
            ]
            singles = {j: [i for i, k in enumerate(column) if k == key] for j, (key, column) in enumerate(wanted)}
            together: dict[int, set[int]] = {j: set() for j in range(len(run))}
            for j in range(len(run) - 1):
                key, column = wanted[j + 1]
                for i in singles[j]:
                    if i + 1 < len(keys) and column[i + 1] == key and joined(i + 1):
                        together[j].add(i)
                        together[j + 1].add(i + 1)
            for j in range(len(run)):
                # a syllable that stands with its neighbour somewhere is marked only there
                found.update(together[j] or singles[j])
        return sorted(found)


def terms_for(runs: list[list[str]]) -> Terms:
    """Terms from the words of each run, as typed."""
    return Terms([[(*token_keys(word), fold(word) != word) for word in run] for run in runs])


def _matches(text: str, terms: Terms) -> tuple[list[tuple[str, int, int]], list[int]]:
    tokens = _words_of(text)
    cache = _KEY_CACHE
    keys = [cache.get(word) or token_keys(word) for word, _, _ in tokens]

    def joined(i: int) -> bool:
        return i > 0 and _joined(text, tokens[i - 1][2], tokens[i][1])

    return tokens, terms.hits(keys, joined)


def _best_window(tokens: list[tuple[str, int, int]], hits: list[int], size: int) -> int:
    """Start token of the window with the most distinct matched words (adjacent ones count more)."""
    hit_set = set(hits)
    best_start, best_score = 0, -1.0
    for hit in hits:
        start = max(0, hit - size // 4)
        end = min(len(tokens), start + size)
        seen: set[str] = set()
        score = 0.0
        for i in range(start, end):
            if i in hit_set:
                key = token_keys(tokens[i][0])[1]
                score += 1.0 if key in seen else 10.0
                seen.add(key)
                if i - 1 in hit_set:
                    score += 3.0
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def fragments(text: str, terms: Terms | None, size: int = SNIPPET_TOKENS, whole: bool = False) -> list[Fragment]:
    """The text cut to the best window (or whole), split into matched and plain pieces."""
    full_length = len(text)
    offset = 0
    if not whole:
        text = text[:SNIPPET_SCAN_CHARS]  # a snippet comes from the first 200,000 characters
        if terms:
            offset, end = _region(text, terms)
            text = text[offset:end]
    tokens, hits = _matches(text, terms) if terms else (_words_of(text[:2000]), [])
    if not tokens:
        return [Fragment(text[:300])]
    if whole:
        start_tok, end_tok = 0, len(tokens)
    else:
        start_tok = _best_window(tokens, hits, size) if hits else 0
        end_tok = min(len(tokens), start_tok + size)
    hit_set = set(hits)
    begin = 0 if whole or (start_tok == 0 and offset == 0) else tokens[start_tok][1]
    finish = len(text) if whole or (end_tok == len(tokens) and offset + len(text) == full_length) \
        else tokens[end_tok - 1][2]
    out: list[Fragment] = []
    if offset + begin > 0:
        out.append(Fragment("… "))
    cursor = begin
    i = start_tok
    while i < end_tok:
        if i in hit_set:
            j = i
            # join a run of matched words, with what stands between them
            while (j + 1 < end_tok and j + 1 in hit_set
                   and _joined(text, tokens[j][2], tokens[j + 1][1])):
                j += 1
            if tokens[i][1] > cursor:
                out.append(Fragment(text[cursor:tokens[i][1]]))
            out.append(Fragment(text[tokens[i][1]:tokens[j][2]], match=True))
            cursor = tokens[j][2]
            i = j + 1
        else:
            i += 1
    if finish > cursor:
        out.append(Fragment(text[cursor:finish]))
    if offset + finish < full_length:
        out.append(Fragment(" …"))
    return out


def _region(text: str, terms: Terms) -> tuple[int, int]:
    """The part of a long text around its densest cluster of query words, found by a regex over the folded text.

    Tokenising a whole article for each of ten snippets was half the work of a
    search request; the words are found at C speed here, and only about
    REGION_CHARS around them are tokenised. Texts whose folding changes their
    length (combining marks) are read whole.
    """
    if len(text) <= REGION_CHARS:
        return 0, len(text)
    keys = sorted({folded for run in terms.runs for _, folded, _ in run if folded}, key=len, reverse=True)
    folded_text = fold(text).lower()
    if not keys or len(folded_text) != len(text):
        return 0, len(text)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b")
    found = [(m.start(), m.group(0)) for m in islice(pattern.finditer(folded_text), REGION_HITS)]
    if not found:
        found = [(0, "")]
    width = REGION_CHARS // 2
    best, best_score, j = found[0][0], -1, 0
    for i, (start, _) in enumerate(found):
        j = max(j, i)
        while j + 1 < len(found) and found[j + 1][0] < start + width:
            j += 1
        score = len({key for _, key in found[i:j + 1]}) * 100 + (j - i)
        if score > best_score:
            best, best_score = start, score
    lo = max(0, best - REGION_CHARS // 4)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0
    hi = min(len(text), lo + REGION_CHARS)
    space = text.find(" ", hi)
    return lo, (space if space != -1 and hi < len(text) else len(text))


def _joined(text: str, start: int, end: int) -> bool:
    return joins(text[start:end])


def to_html(parts: list[Fragment]) -> str:
    """Escaped text with `<mark>` around matches; newlines become spaces."""
    html = []
    for part in parts:
        piece = escape(_WHITESPACE.sub(" ", part.text) if "\n" in part.text else part.text)
        html.append(f"<mark>{piece}</mark>" if part.match else piece)
    return "".join(html)


def to_terminal(parts: list[Fragment], color: bool) -> str:
    text = []
    for part in parts:
        piece = _WHITESPACE.sub(" ", part.text)
        text.append(click.style(piece, bold=True, fg="yellow") if part.match and color else piece)
    return "".join(text)


def snippet_html(text: str, terms: Terms | None, size: int = SNIPPET_TOKENS) -> str:
    return to_html(fragments(text, terms, size))


def highlight_paragraph_html(paragraph: str, terms: Terms | None) -> str:
    """A whole paragraph, escaped, with every match marked (article pages)."""
    return to_html(fragments(paragraph, terms, whole=True))
