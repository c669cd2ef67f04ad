"""Vietnamese spelling: NFC, one tone-mark placement, i/y variants, diacritic folding.

Every comparison in the project goes through these functions, so that `hoà`,
`hòa`, `HOÀ` and `hoa` meet where they should. ICU does the heavy lifting
once: normalising whole documents and building the fold table; the per-syllable
work is cached dictionary lookups.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_NFC = icu.Normalizer2.getNFCInstance()

# Combining marks of the five Vietnamese tones (the sixth, ngang, has none).
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Vowel-quality marks: circumflex, breve, horn.
_QUALITY_MARKS = {"\u0302", "\u0306", "\u031b"}
_VOWELS = set("aăâeêioôơuưy")
_QUALITY_VOWELS = set("ăâêôơư")


def nfc(text: str) -> str:
    """Compose a whole text to NFC with ICU (one call per document)."""
    return _NFC.normalize(text)


def _build_fold_table() -> dict[int, str | None]:
    """Map every Latin letter with diacritics to its bare letter, `đ` to `d`.

    Built once with ICU transliterators over the Latin blocks; applying it is
    a plain `str.translate`, a hundred times faster than calling ICU per token.
    """
    strip = icu.Transliterator.createInstance("NFD; [:Nonspacing Mark:] Remove; NFC")
    ascii_ = icu.Transliterator.createInstance("Latin-ASCII")
    table: dict[int, str | None] = {}
    ranges = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]
    for start, end in ranges:
        for code in range(start, end):
            char = chr(code)
            if not char.isalpha():
                continue
            folded = strip.transliterate(char)
            if folded == char or len(folded) != 1 or not folded.isascii():
                folded = ascii_.transliterate(char)
            if folded != char and len(folded) == 1 and folded.isalpha():
                table[code] = folded
    for code in range(0x0300, 0x0370):
        table[code] = None  # stray combining marks (NFD residue)
    table[0x00D0] = "D"  # Ð (Icelandic eth), often typed for Đ
    table[0x0110] = "D"
    table[0x0111] = "d"
    return table


FOLDS = _build_fold_table()


def _every_code_point(table: dict[int, str | None]) -> list[int | str | None]:
    """The table as a list over the whole BMP, other characters mapped to themselves.

    `str.translate` raises and swallows a LookupError for each character a
    dict lacks: with nothing missing, folding a whole article is twice as fast.
    """
    full: list[int | str | None] = list(range(max(0x10000, max(table) + 1)))
    for code, value in table.items():
        full[code] = value
    return full


FOLD_TABLE = _every_code_point(FOLDS)


def fold(text: str) -> str:
    """Drop every diacritic: `Đà Nẵng` -> `Da Nang` (case kept)."""
    return text.translate(FOLD_TABLE)


def _split_marks(syllable: str) -> tuple[list[str], str]:
    """Letters without tone (quality marks kept) and the tone mark, if any."""
    letters: list[str] = []
    tone = ""
    for char in syllable:
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        kept = "".join(m for m in marks if m not in _TONE_MARKS)
        for mark in marks:
            if mark in _TONE_MARKS:
                tone = mark
        letters.append(unicodedata.normalize("NFC", base + kept))
    return letters, tone


def _tone_position(letters: list[str]) -> int | None:
    """Index of the letter that carries the tone, in the traditional style.

    Traditional placement (`hòa`, `thủy`, `túy`) is what most of the press
    prints; both styles map to it so that either spelling finds the other.
    """
    vowel_idx = [i for i, ch in enumerate(letters) if ch in _VOWELS]
    if not vowel_idx:
        return None
    first = vowel_idx[0]
    # `qu` and `gi` open with a glide that is part of the consonant.
    glide_qu = first > 0 and letters[first - 1] == "q" and letters[first] == "u"
    glide_gi = first == 1 and letters[0] == "g" and letters[1] == "i"
    if (glide_qu or glide_gi) and len(vowel_idx) > 1:
        vowel_idx = vowel_idx[1:]
    # keep only the first contiguous run of vowels
    run = [vowel_idx[0]]
    for i in vowel_idx[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            break
    quality = [i for i in run if letters[i] in _QUALITY_VOWELS]
    if quality:
        return quality[-1]  # ươ -> ơ, uô -> ô, iê -> ê
    has_final = run[-1] < len(letters) - 1
    if len(run) == 1:
        return run[0]
    if has_final:
        return run[-1]
    if len(run) == 3:
        return run[1]
    return run[0]


_Y_AFTER_CONSONANT = re.compile(r"^(?:[bcdđghklmnprstvx]+|qu)y$")


@lru_cache(maxsize=200_000)
def canonical_syllable(syllable: str) -> str:
    """One spelling per lower-case syllable: tone placement and i/y unified.

    `hoà`->`hòa`, `thuỷ`->`thủy`, `tuý`->`túy`, `mĩ`/`mỹ`->`mĩ`, `kì`/`kỳ`->`kì`.
    Words that are not Vietnamese syllables pass through unchanged.
    """
    if syllable.isascii() or len(syllable) > 8:
        if _Y_AFTER_CONSONANT.match(syllable):
            return syllable[:-1] + "i"
        return syllable
    letters, tone = _split_marks(syllable)
    if not tone and not _Y_AFTER_CONSONANT.match("".join(letters)):
        return syllable
    bare = "".join(letters)
    if _Y_AFTER_CONSONANT.match(bare):
        letters[-1] = "i"
    if tone:
        pos = _tone_position(letters)
        if pos is None:
            return syllable
        letters[pos] = unicodedata.normalize("NFC", letters[pos] + tone)
    return "".join(letters)


def canonical_text(text: str) -> str:
    """Lower-case and canonicalise every word of a short text (names, facet values)."""
    return _WORD.sub(lambda m: canonical_syllable(m.group(0)), nfc(text).lower())


def search_key(text: str) -> str:
    """The diacritic-free, lower-case, space-normalised key of a phrase."""
    return " ".join(fold(canonical_text(text)).split())


_WORD = re.compile(r"\w+")
