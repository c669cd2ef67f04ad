"""One tokenisation per article, shared by every extractor.

The title and the text are split once into syllable tokens (the same
tokenizer as the index), and every per-token fact the rules need is computed
here with cached dictionary lookups: exact and folded keys, a tone-free key
for typo-tolerant matching, capitalisation, sentence and clause starts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..analysis import spans, token_keys
from ..article import Article

LEAD_CHARS = 700
"""How much of the text counts as the lead (the first paragraph is often longer)."""

_SENTENCE_GAP = re.compile(r"[.!?…]\s|[.!?…]$|\n|[.!?…][\"”’)]")
_CLAUSE_GAP = re.compile(r"[,;:()\[\]“”\"–—]|\s-\s")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _build_toneless_table() -> dict[int, str]:
    """Map each letter carrying a Vietnamese tone mark to the letter without it (quality marks kept)."""
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        if any(m in _TONE_MARKS for m in parts[1:]):
            kept = parts[0] + "".join(m for m in parts[1:] if m not in _TONE_MARKS)
            table[code] = unicodedata.normalize("NFC", kept)
    return table


_TONELESS = _build_toneless_table()
_TONELESS_CACHE: dict[str, str] = {}


def toneless(key: str) -> str:
    """`túy`/`tùy`/`tuý` -> `tuy`, `phạm` -> `pham`, but `đó` -> `đo`, `độ` -> `đô` (quality kept)."""
    value = _TONELESS_CACHE.get(key)
    if value is None:
        value = key.translate(_TONELESS)
        if len(_TONELESS_CACHE) < 200_000:
            _TONELESS_CACHE[key] = value
    return value


@dataclass(slots=True)
class Doc:
    """Parallel token arrays of `title + text` and the region boundaries."""

    source: str
    words: list[str]
    exact: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    accented: list[bool]
    capital: list[bool]
    sent_start: list[bool]
    clause_start: list[bool]
    sent_id: list[int]
    title_end: int
    """Tokens [0, title_end) are the title."""
    lead_end: int
    """Tokens [0, lead_end) are the title and the lead."""
    text_offset: int
    """Character offset of the article text inside `source`."""
    plain: bool
    """The text is written without Vietnamese diacritics (English edition, ASCII typing)."""

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """The characters between token i-1 and token i."""
        prev = self.ends[i - 1] if i > 0 else 0
        return self.source[prev : self.starts[i]]

    def phrase(self, i: int, j: int) -> str:
        """The original text of tokens [i, j)."""
        return self.source[self.starts[i] : self.ends[j - 1]]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the sentence containing token i."""
        sid = self.sent_id[i]
        a = i
        while a > 0 and self.sent_id[a - 1] == sid:
            a -= 1
        b = i
        n = len(self.words)
        while b < n and self.sent_id[b] == sid:
            b += 1
        return a, b


def tokenize(article: Article) -> Doc:
    """Tokenise the title and text of an article once."""
    title = (article.title or "").strip()
    text = article.text or ""
    source = f"{title}\n\n{text}" if title else text
    offset = len(title) + 2 if title else 0
    words: list[str] = []
    exact: list[str] = []
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for span in spans(source):
        words.append(span.text)
        starts.append(span.start)
        ends.append(span.end)
        e, f = token_keys(span.text)
        exact.append(e)
        folded.append(f)
    n = len(words)
    accented = [exact[k] != folded[k] for k in range(n)]
    capital = [w[:1].isupper() for w in words]
    sent_start = [False] * n
    clause_start = [False] * n
    sent_id = [0] * n
    sid = 0
    prev_end = 0
    for k in range(n):
        gap = source[prev_end : starts[k]]
        if k == 0 or (gap and _SENTENCE_GAP.search(gap)):
            if k:
                sid += 1
            sent_start[k] = True
            clause_start[k] = True
        elif gap and _CLAUSE_GAP.search(gap):
            clause_start[k] = True
        sent_id[k] = sid
        prev_end = ends[k]
    title_end = 0
    while title_end < n and starts[title_end] < offset:
        title_end += 1
    lead_limit = offset + LEAD_CHARS
    first_para = source.find("\n\n", offset)
    if first_para != -1:
        lead_limit = max(lead_limit, min(first_para, offset + 2 * LEAD_CHARS))
    lead_end = title_end
    while lead_end < n and starts[lead_end] < lead_limit:
        lead_end += 1
    # finish the sentence the lead cuts into
    while 0 < lead_end < n and sent_id[lead_end] == sent_id[lead_end - 1] and starts[lead_end] < lead_limit + 400:
        lead_end += 1
    plain = sum(accented) < 0.12 * max(n, 1)
    return Doc(source, words, exact, folded, starts, ends, accented, capital, sent_start, clause_start,
               sent_id, title_end, lead_end, offset, plain)
