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

SNIPPET_TOKENS = 42
_WHITESPACE = re.compile(r"\s+")


@dataclass
class Fragment:
    """A piece of text, and whether it is a match."""

    text: str
    match: bool = False


def _matches(text: str, keys: set[str]) -> tuple[list[Span], list[int]]:
    tokens = list(spans(text))
    hits = [i for i, span in enumerate(tokens) if token_keys(span.text)[1] in keys]
    return tokens, hits


def _best_window(tokens: list[Span], hits: list[int], keys: set[str], size: int) -> int:
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


def fragments(text: str, keys: set[str], size: int = SNIPPET_TOKENS, whole: bool = False) -> list[Fragment]:
    """The text cut to the best window (or whole), split into matched and plain pieces."""
    tokens, hits = _matches(text, keys) if keys else (list(spans(text)), [])
    if not tokens:
        return [Fragment(text[:300])]
    if whole:
        start_tok, end_tok = 0, len(tokens)
    else:
        start_tok = _best_window(tokens, hits, keys, size) if hits else 0
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


def snippet_html(text: str, keys: set[str], size: int = SNIPPET_TOKENS) -> str:
    return to_html(fragments(text, keys, size))


def highlight_paragraph_html(paragraph: str, keys: set[str]) -> str:
    """A whole paragraph, escaped, with every match marked (article pages)."""
    return to_html(fragments(paragraph, keys, whole=True))
