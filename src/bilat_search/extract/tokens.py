"""One tokenisation per article, shared by every extractor.

The title and the text are split once into syllable tokens (the same
tokenizer as the index), and every per-token fact the rules need is computed
here with cached dictionary lookups: exact and folded keys, a tone-free key
for typo-tolerant matching, capitalisation, sentence and clause starts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..analysis import _KEY_CACHE, _words_of, token_keys
from ..article import Article

LEAD_CHARS = 700
"""How much of the text counts as the lead (the first paragraph is often longer)."""
CORE_CHARS = 300
"""The core of the lead: the first sentence or two after any photo caption."""
_CAPTION = re.compile(r"(?<!\w)(?:Ảnh|Photo|PHOTO|ẢNH)\s*:|\(Ảnh\b")

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
    core_end: int
    """Tokens [0, core_end) are the title and the first sentences of the lead (captions skipped)."""

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


def _title_and_text_words(title: str, text: str, offset: int) -> list[tuple[str, int, int]]:
    """Words of `title + "\n\n" + text` with offsets into that string.

    The text is tokenised on its own (the very string the index will read):
    `_words_of` remembers it, so indexing the body right after extraction
    does not tokenise it again.
    """
    title_words = _words_of(title) if title else []
    text_words = _words_of(text)
    if not offset:
        return list(text_words)
    return [*title_words, *((w, s + offset, e + offset) for w, s, e in text_words)]


def _starts_after(marks: list[int], starts: list[int], ends: list[int], n: int) -> list[bool]:
    """Tokens preceded by a mark (a punctuation position) since the previous token."""
    flags = [False] * n
    for position in marks:
        k = bisect_right(starts, position)
        if 0 < k < n and ends[k - 1] <= position:
            flags[k] = True
    return flags


def _region_end(starts: list[int], sent_id: list[int], first: int, limit: int, stretch: int) -> int:
    """First token at or past `limit` characters, moved on to finish its sentence (up to `stretch`)."""
    n = len(starts)
    end = first
    while end < n and starts[end] < limit:
        end += 1
    while 0 < end < n and sent_id[end] == sent_id[end - 1] and starts[end] < stretch:
        end += 1
    return end


def tokenize(article: Article) -> Doc:
    """Tokenise the title and text of an article once."""
    title = (article.title or "").strip()
    text = article.text or ""
    source = f"{title}\n\n{text}" if title else text
    offset = len(title) + 2 if title else 0
    spans_ = _title_and_text_words(title, text, offset)
    cache = _KEY_CACHE
    keys = [cache.get(w) or token_keys(w) for w, _, _ in spans_]
    words = [w for w, _, _ in spans_]
    starts = [s for _, s, _ in spans_]
    ends = [e for _, _, e in spans_]
    exact = [k[0] for k in keys]
    folded = [k[1] for k in keys]
    n = len(words)
    accented = [e != f for e, f in keys]
    capital = [w[:1].isupper() for w in words]
    sent_start = _starts_after([m.start() for m in _SENTENCE_GAP.finditer(source)], starts, ends, n)
    clause_start = _starts_after([m.start() for m in _CLAUSE_GAP.finditer(source)], starts, ends, n)
    if n:
        sent_start[0] = True
    clause_start = [c or s for c, s in zip(clause_start, sent_start, strict=True)]
    sent_id = list(accumulate(sent_start))
    if n:
        sent_id = [i - 1 for i in sent_id]
    title_end = 0
    while title_end < n and starts[title_end] < offset:
        title_end += 1
    lead_limit = offset + LEAD_CHARS
    first_para = source.find("\n\n", offset)
    if first_para != -1:
        lead_limit = max(lead_limit, min(first_para, offset + 2 * LEAD_CHARS))
    lead_end = _region_end(starts, sent_id, title_end, lead_limit, lead_limit + 400)
    plain = sum(accented) < 0.12 * max(n, 1)
    core_start = offset
    while True:
        para_end = source.find("\n\n", core_start)
        para = source[core_start : para_end if para_end != -1 else len(source)]
        if para_end == -1 or len(para) > 400 or not _CAPTION.search(para):
            break
        core_start = para_end + 2
    core_limit = core_start + CORE_CHARS
    para_end = source.find("\n\n", core_start)
    if para_end != -1:
        core_limit = min(core_limit, para_end)
    core_end = _region_end(starts, sent_id, title_end, core_limit, core_start + 700)
    lead_end = max(lead_end, core_end)
    return Doc(
        source,
        words,
        exact,
        folded,
        starts,
        ends,
        accented,
        capital,
        sent_start,
        clause_start,
        sent_id,
        title_end,
        lead_end,
        offset,
        plain,
        core_end,
    )
