"""Whoosh analyzers for Vietnamese: syllable tokens, exact and folded.

Each syllable is one token with two keys: the exact key keeps the diacritics
(canonical tone placement and i/y spelling), the folded key drops them.
Title and body are indexed by exact keys; a query word read in its folded
form matches every exact form that folds to it (`vocabulary.py`). So
`to lam` finds `Tô Lâm`, while `đường` still ranks a document with `đường`
above one with only `dương`.

Nothing is dropped: no stop list (`an` in `Bộ Công an` matters), no minimum
length (`ở`). Numbers, dates and codes stay whole (`2/3`, `100.000`,
`COVID-19`). Offsets point into the text as given, so highlights land on the
words a reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from whoosh.analysis import Token, Tokenizer

from .vietnamese import canonical_syllable, fold, nfc

# A chunk is a run of word characters, possibly joined by . , / : - ;
# it is split again unless it is a number or a code with digits.
_CHUNK = re.compile(r"\w+(?:[-./,:]\w+)*")
_NUMBER = re.compile(r"\d+(?:[./,:-]\d+)+")
_PART = re.compile(r"\w+")
_CODE = re.compile(r"\w+(?:-\w+)+|\w+")

_KEY_CACHE: dict[str, tuple[str, str]] = {}
_KEY_CACHE_LIMIT = 500_000


def token_keys(word: str) -> tuple[str, str]:
    """(exact, folded) index keys of one word as written."""
    keys = _KEY_CACHE.get(word)
    if keys is None:
        lower = word.lower().replace("ð", "đ")
        split = lower.split("-")
        exact = "-".join(canonical_syllable(p) for p in split) if len(split) > 1 else canonical_syllable(lower)
        keys = (exact, fold(exact))
        if len(_KEY_CACHE) >= _KEY_CACHE_LIMIT:
            _KEY_CACHE.clear()
        _KEY_CACHE[word] = keys
    return keys


@dataclass(frozen=True, slots=True)
class Span:
    """One token of a text: the word as written and where it is."""

    text: str
    start: int
    end: int


def spans(text: str) -> Iterator[Span]:
    """Split an NFC text into syllable tokens with their character offsets."""
    for match in _CHUNK.finditer(text):
        chunk = match.group(0)
        if chunk.isalnum():
            yield Span(chunk, match.start(), match.end())
        else:
            yield from _split_chunk(chunk, match.start())


def _split_chunk(chunk: str, start: int) -> Iterator[Span]:
    """A chunk with inner punctuation: whole if a number or code, else its words."""
    if _NUMBER.fullmatch(chunk):
        yield Span(chunk, start, start + len(chunk))
        return
    if "-" in chunk and any(c.isdigit() for c in chunk) and any(c.isalpha() for c in chunk):
        # codes such as COVID-19 or A-50; split any trailing punctuation
        for piece in _CODE.finditer(chunk):
            yield Span(piece.group(0), start + piece.start(), start + piece.end())
        return
    for part in _PART.finditer(chunk):
        if part.group(0) != "_":
            yield Span(part.group(0), start + part.start(), start + part.end())


def exact_keys(text: str) -> list[str]:
    return [token_keys(span.text)[0] for span in spans(nfc(text))]


def folded_keys(text: str) -> list[str]:
    return [token_keys(span.text)[1] for span in spans(nfc(text))]


class VietnameseTokenizer(Tokenizer):
    """Syllable tokenizer that emits exact keys, folded keys, or both.

    `exact` indexes title and body (a folded query word reads every form
    through `vocabulary.py`), `folded` the names field. With `both`, how
    earlier indexes were built, a word's two keys share its position.

    One class (not a chain of filters) because Whoosh calls the analyzer once
    per token per field: fewer generator layers is most of the indexing speed.
    """

    FORMS = ("exact", "folded", "both")

    def __init__(self, form: str = "both"):
        if form not in self.FORMS:
            raise ValueError(f"form must be one of {self.FORMS}")
        self.form = form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VietnameseTokenizer) and other.form == self.form

    def __hash__(self) -> int:
        return hash((type(self), self.form))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        if not unicodedata.is_normalized("NFC", value):
            value = nfc(value)
        words = _words_of(value) if tokenize else [(value, 0, len(value))]
        cache = _KEY_CACHE
        form = self.form
        for pos, (word, start, end) in zip(positions_of(value, words, start_pos), words, strict=True):
            exact, folded = cache.get(word) or token_keys(word)
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            if form == "exact":
                token.text = exact
            else:
                token.text = folded
                if form == "both" and exact != folded:
                    yield token
                    token.text = exact
            yield token


_PACK_EVERY = 1 << 20
"""Positions of a long text move from lists to compact arrays every this many positions."""


def keyed_positions(text: str, form: str = "both") -> dict[str, Sequence[int]]:
    """Index key -> positions for a whole text: what a field's postings need.

    The same result as running the tokenizer and grouping its tokens, without
    one Token per word: the build's hot path. The words of a text are
    listed once (`_words_of`: extraction has often just done it). A text of
    more than a million characters is read as it comes instead (a list of
    every word of a 30 MB text took a gigabyte), and past a million
    positions they are packed into arrays of 4-byte integers (a Python int
    costs 36 bytes).
    """
    if not unicodedata.is_normalized("NFC", text):
        text = nfc(text)
    if len(text) > _LIST_LIMIT:
        last = _last_text
        return _grouped_long(text, form, last[1] if last[0] is text else None)
    return _grouped(text, _words_of(text), form)


_LIST_LIMIT = 1 << 20
"""Texts up to this many characters are listed word by word first (faster); longer ones read as they come."""


def _grouped(text: str, words: list[tuple[str, int, int]], form: str) -> dict[str, list[int]]:
    """`keyed_positions` of a listed text, one key form at a time: the build's innermost loop."""
    if form == "both":
        return _grouped_long(text, form, words)
    which = 0 if form == "exact" else 1
    positions: defaultdict[str, list[int]] = defaultdict(list)
    cache = _KEY_CACHE
    pos = -1
    prev_end = words[0][1] if words else 0
    for word, begin, end in words:
        gap = text[prev_end:begin]
        pos += 1 if gap == " " or joins(gap) else 2
        prev_end = end
        positions[(cache.get(word) or token_keys(word))[which]].append(pos)
    return positions


def _grouped_long(text: str, form: str, words: Iterable[tuple[str, int, int]] | None = None
                  ) -> dict[str, Sequence[int]]:
    """`keyed_positions` reading the words as they come, packing positions as they pile up."""
    positions: dict[str, list[int]] = {}
    packed: dict[str, array] = {}
    pack_at = _PACK_EVERY
    cache = _KEY_CACHE
    words = _iter_words(text) if words is None else words
    folded_too = form != "exact"
    exact_too = form != "folded"
    pos = -1
    prev_end = -1
    for word, begin, end in words:
        if prev_end < 0:
            pos += 1
        else:
            gap = text[prev_end:begin]
            pos += 1 if gap == " " or joins(gap) else 2
            if pos >= pack_at:
                _pack(positions, packed)
                pack_at = pos + _PACK_EVERY
        prev_end = end
        exact, folded = cache.get(word) or token_keys(word)
        if folded_too:
            if folded in positions:
                positions[folded].append(pos)
            else:
                positions[folded] = [pos]
        if exact_too and (form == "exact" or exact != folded):
            if exact in positions:
                positions[exact].append(pos)
            else:
                positions[exact] = [pos]
    if not packed:
        return positions
    _pack(positions, packed)
    return packed


def _pack(positions: dict[str, list[int]], packed: dict[str, array]) -> None:
    """Move the positions gathered so far onto the end of their arrays."""
    for key, found in positions.items():
        if key in packed:
            packed[key].extend(found)
        else:
            packed[key] = array("i", found)
    positions.clear()


_JOINING_GAPS = frozenset(("-", "‐", "/"))


def joins(gap: str) -> bool:
    """Whether two words with `gap` between them stand side by side: white space, a hyphen or a slash.

    One rule for the index's positions and for the marks of a snippet.
    """
    return not gap.strip() or gap in _JOINING_GAPS


def positions_of(text: str, words: list[tuple[str, int, int]], start: int = 0) -> list[int]:
    """Token positions with a one-step gap at punctuation.

    Words separated only by white space (or a hyphen, as in `Mát-xcơ-va`) are
    adjacent; across a comma, full stop or quote they are not, so `tố... làm`
    is not the phrase `to lam` and `Minsk. Tại` is not a phrase either.
    """
    out: list[int] = []
    pos = start - 1
    prev_end = None
    for _, begin, end in words:
        if prev_end is None:
            pos += 1
        else:
            gap = text[prev_end:begin]
            pos += 1 if gap == " " or joins(gap) else 2
        out.append(pos)
        prev_end = end
    return out


_last_text: tuple[str | None, list] = (None, [])


def _words_of(text: str) -> list[tuple[str, int, int]]:
    """Words of a text with offsets, remembered for the last text seen.

    Extraction lists the words of the body, then indexing reads them again:
    tokenising once saves a fifth of the build.
    """
    global _last_text
    last = _last_text
    if last[0] is text:
        return last[1]
    found = _word_list(text)
    _last_text = (text, found)  # one assignment: safe between threads
    return found


def _word_list(text: str) -> list[tuple[str, int, int]]:
    """`_iter_words` as a list, without a generator step per word (a third faster)."""
    words: list[tuple[str, int, int]] = []
    append = words.append
    for match in _CHUNK.finditer(text):
        chunk = match.group()
        if chunk.isalnum():
            append((chunk, match.start(), match.end()))
        else:
            words.extend((span.text, span.start, span.end) for span in _split_chunk(chunk, match.start()))
    return words


def _iter_words(text: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of each word, one at a time."""
    for match in _CHUNK.finditer(text):
        chunk = match.group(0)
        if chunk.isalnum():
            yield chunk, match.start(), match.end()
        else:
            for span in _split_chunk(chunk, match.start()):
                yield span.text, span.start, span.end


def text_analyzer() -> VietnameseTokenizer:
    """Body and title: the exact key of each syllable (folded lookups go through `vocabulary.py`)."""
    return VietnameseTokenizer("exact")


def folded_analyzer() -> VietnameseTokenizer:
    """Names and aliases: folded keys only."""
    return VietnameseTokenizer("folded")
