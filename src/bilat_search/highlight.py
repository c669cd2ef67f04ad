"""Snippets with the matched words marked, built on escaped text.

Matching is by folded key, so whatever form was typed (`cong an`, `Công an`,
`CÔNG AN`) the words are marked as they stand in the article. The markup is
assembled from escaped pieces: article text can never inject HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import click

from .analysis import Span, spans, token_keys
from .vietnamese import fold

SNIPPET_TOKENS = 42
SNIPPET_SCAN_CHARS = 200_000
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

    @property
    def folded(self) -> set[str]:
        return {folded for run in self.runs for _, folded, _ in run}

    def hits(self, keys: list[tuple[str, str]], joined: list[bool] | None = None) -> list[int]:
        """Indexes of the tokens to mark; `joined[i]`: token i follows i-1 with only a space between."""
        joined = joined if joined is not None else [True] * len(keys)
        exact_in_text = {exact for exact, _ in keys}
        found: set[int] = set()
        for run in self.runs:
            wanted = [
                (exact, True) if accented and exact in exact_in_text else (folded, False)
                for exact, folded, accented in run
            ]

            def match(i: int, j: int, wanted=wanted) -> bool:
                key, exact = wanted[j]
                return keys[i][0 if exact else 1] == key

            singles = {j: [i for i in range(len(keys)) if match(i, j)] for j in range(len(run))}
            together: dict[int, set[int]] = {j: set() for j in range(len(run))}
            for j in range(len(run) - 1):
                for i in singles[j]:
                    if i + 1 < len(keys) and joined[i + 1] and match(i + 1, j + 1):
                        together[j].add(i)
                        together[j + 1].add(i + 1)
            for j in range(len(run)):
                # a syllable that stands with its neighbour somewhere is marked only there
                found.update(together[j] or singles[j])
        return sorted(found)


def terms_for(runs: list[list[str]]) -> Terms:
    """Terms from the words of each run, as typed."""
    return Terms([[(*token_keys(word), fold(word) != word) for word in run] for run in runs])


def _matches(text: str, terms: Terms) -> tuple[list[Span], list[int]]:
    tokens = list(spans(text))
    joined = [i > 0 and _only_space(text, tokens[i - 1].end, tokens[i].start) for i in range(len(tokens))]
    return tokens, terms.hits([token_keys(span.text) for span in tokens], joined)


def _best_window(tokens: list[Span], hits: list[int], size: int) -> int:
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
                key = token_keys(tokens[i].text)[1]
                score += 1.0 if key in seen else 10.0
                seen.add(key)
                if i - 1 in hit_set:
                    score += 3.0
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def fragments(text: str, terms: Terms | None, size: int = SNIPPET_TOKENS, whole: bool = False) -> list[Fragment]:
    """The text cut to the best window (or whole), split into matched and plain pieces."""
    if not whole and len(text) > SNIPPET_SCAN_CHARS:
        text = text[:SNIPPET_SCAN_CHARS]  # a snippet comes from the first 200,000 characters
    tokens, hits = _matches(text, terms) if terms else (list(spans(text[:2000])), [])
    if not tokens:
        return [Fragment(text[:300])]
    if whole:
        start_tok, end_tok = 0, len(tokens)
    else:
        start_tok = _best_window(tokens, hits, size) if hits else 0
        end_tok = min(len(tokens), start_tok + size)
    hit_set = set(hits)
    begin = 0 if whole or start_tok == 0 else tokens[start_tok].start
    finish = len(text) if whole or end_tok == len(tokens) else tokens[end_tok - 1].end
    out: list[Fragment] = []
    if begin > 0:
        out.append(Fragment("… "))
    cursor = begin
    i = start_tok
    while i < end_tok:
        if i in hit_set:
            j = i
            # join a run of matched words, with what stands between them
            while (j + 1 < end_tok and j + 1 in hit_set
                   and _only_space(text, tokens[j].end, tokens[j + 1].start)):
                j += 1
            if tokens[i].start > cursor:
                out.append(Fragment(text[cursor:tokens[i].start]))
            out.append(Fragment(text[tokens[i].start:tokens[j].end], match=True))
            cursor = tokens[j].end
            i = j + 1
        else:
            i += 1
    if finish > cursor:
        out.append(Fragment(text[cursor:finish]))
    if finish < len(text):
        out.append(Fragment(" …"))
    return out


def _only_space(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


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
