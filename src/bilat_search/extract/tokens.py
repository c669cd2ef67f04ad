"""One tokenisation per article, shared by every extractor.

The title and the text are split once into syllable tokens (the same
tokenizer as the index), and every per-token fact the rules need is computed
here with cached dictionary lookups: exact and folded keys, a tone-free key
for typo-tolerant matching, capitalisation, sentence and clause starts.
Every article pays for this (topics and the date read it), so the two arrays
only the meeting rules read (capitals, sentence ids) are computed on first use:
nine articles in ten never name the ministry and never reach those rules.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from ..analysis import _KEY_CACHE, _words_of, token_keys
from ..article import Article
from .header import content_start

LEAD_CHARS = 700
"""How much of the text counts as the lead (the first paragraph is often longer)."""
CORE_CHARS = 300
"""The core of the lead: the first sentence or two after any photo caption."""
_HEADLINE = re.compile(r"[^\n]{8,160}(?<![.!?…:])")
"""A short single line that does not end a sentence: a headline."""
_CAPTION = re.compile(r"(?<!\w)(?:Ảnh|Photo|PHOTO|ẢNH)\s*:|\(Ảnh\b")

# Sentence gaps: `[.!?…]` before a space, the end or a closing quote, or a line break. The
# same matches as `[.!?…]\s|[.!?…]$|\n|[.!?…]["”’)]`, but a leading character class lets the
# regex engine skip straight to candidates: three times faster.
_SENTENCE_GAP = re.compile(r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])(?:\s|$|[\"”’)]))")
# Clause gaps: punctuation, or a dash between spaces. Two scans: each gets a fast leading
# class, and neither kind of match can contain or hide the other.
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]“”\"–—]")
_SPACED_DASH = re.compile(r"\s-\s")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ENGLISH = frozenset({
    "the", "of", "and", "in", "on", "at", "to", "with", "for", "a", "an", "is", "was", "were", "has", "have", "by",
    "from", "that", "this", "said",
})


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
    sent_start: list[bool]
    clause_start: list[bool]
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
    _capital: list[bool] | None = field(default=None, init=False, repr=False, compare=False)
    _sent_id: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def capital(self) -> list[bool]:
        """Whether each token starts with a capital letter (computed on first use)."""
        if self._capital is None:
            self._capital = [w[:1].isupper() for w in self.words]
        return self._capital

    @property
    def sent_id(self) -> list[int]:
        """The sentence number of each token, from 0 (computed on first use)."""
        if self._sent_id is None:
            self._sent_id = list(accumulate(self.sent_start, initial=-1))[1:]
        return self._sent_id

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
        sent_id = self.sent_id
        sid = sent_id[i]
        a = i
        while a > 0 and sent_id[a - 1] == sid:
            a -= 1
        b = i
        n = len(self.words)
        while b < n and sent_id[b] == sid:
            b += 1
        return a, b


def _columns(title: str, text: str, offset: int) -> tuple[list[str], list[int], list[int]]:
    """Words, start and end offsets of `title + "\n\n" + text`, as three parallel lists.

    The text is tokenised on its own (the very string the index will read),
    last: `_words_of` remembers it, so indexing the body right after
    extraction does not tokenise it again.
    """
    title_words = _words_of(title) if title else []
    text_words = _words_of(text)
    words = [w for w, _, _ in title_words] + [w for w, _, _ in text_words]
    starts = [s for _, s, _ in title_words] + [s + offset for _, s, _ in text_words]
    ends = [e for _, _, e in title_words] + [e + offset for _, _, e in text_words]
    return words, starts, ends


def _keys(words: list[str]) -> list[tuple[str, str]]:
    """(exact, folded) keys of each word: `token_keys`, looked up in its cache first."""
    keys = list(map(_KEY_CACHE.get, words))
    if all(keys):
        return keys
    return [k or token_keys(w) for k, w in zip(keys, words, strict=True)]


def _starts_after(marks: list[int], starts: list[int], ends: list[int]) -> list[bool]:
    """Tokens preceded by a mark (a punctuation position) since the previous token; the first token too."""
    n = len(starts)
    flags = [False] * n
    for position in marks:
        k = bisect_right(starts, position)
        if 0 < k < n and ends[k - 1] <= position:
            flags[k] = True
    if n:
        flags[0] = True
    return flags


def _marks(pattern: re.Pattern, source: str) -> list[int]:
    """Where each match of a punctuation pattern starts."""
    return [m.start() for m in pattern.finditer(source)]


def _region_end(starts: list[int], sent_start: list[bool], first: int, limit: int, stretch: int) -> int:
    """First token at or past `limit` characters, moved on to finish its sentence (up to `stretch`)."""
    n = len(starts)
    end = bisect_left(starts, limit, first)
    while 0 < end < n and not sent_start[end] and starts[end] < stretch:
        end += 1
    return end


def tokenize(article: Article) -> Doc:
    """Tokenise the title and text of an article once (the text from where the article itself starts)."""
    title = (article.title or "").strip()
    text = article.text or ""
    text = text[content_start(text) :]  # menus and the site's clock before the article are not its lead
    source = f"{title}\n\n{text}" if title else text
    offset = len(title) + 2 if title else 0
    words, starts, ends = _columns(title, text, offset)
    keys = _keys(words)
    exact = [k[0] for k in keys]
    folded = [k[1] for k in keys]
    n = len(words)
    accented = [e != f for e, f in keys]
    sentence_marks = _marks(_SENTENCE_GAP, source)
    sent_start = _starts_after(sentence_marks, starts, ends)
    clause_marks = _marks(_CLAUSE_PUNCT, source) + _marks(_SPACED_DASH, source) + sentence_marks
    clause_start = _starts_after(clause_marks, starts, ends)
    title_end = bisect_left(starts, offset)
    lead_limit = offset + LEAD_CHARS
    first_para = source.find("\n\n", offset)
    if first_para != -1:
        lead_limit = max(lead_limit, min(first_para, offset + 2 * LEAD_CHARS))
    lead_end = _region_end(starts, sent_start, title_end, lead_limit, lead_limit + 400)
    # English editions write Vietnamese names with their accents (`Tô Lâm`, `Hà Nội`) but are read as plain text
    plain = sum(accented) < 0.12 * max(n, 1) or sum(map(_ENGLISH.__contains__, exact)) >= 0.12 * max(n, 1)
    core_start = offset
    while True:
        para_end = source.find("\n\n", core_start)
        para = source[core_start : para_end if para_end != -1 else len(source)]
        if para_end == -1 or len(para) > 400 or not _CAPTION.search(para):
            break
        core_start = para_end + 2
    core_limit = core_start + CORE_CHARS
    para_end = source.find("\n\n", core_start)
    if para_end != -1 and not title and _HEADLINE.fullmatch(source[core_start:para_end]):
        # a text without a title that opens with its headline: the core runs on into the first sentence
        core_limit = para_end + 2 + CORE_CHARS
        para_end = source.find("\n\n", para_end + 2)
    if para_end != -1:
        core_limit = min(core_limit, para_end)
    core_end = _region_end(starts, sent_start, title_end, core_limit, core_start + 700)
    lead_end = max(lead_end, core_end)
    return Doc(
        source,
        words,
        exact,
        folded,
        starts,
        ends,
        accented,
        sent_start,
        clause_start,
        title_end,
        lead_end,
        offset,
        plain,
        core_end,
    )
