"""The text fields' postings kept in columns until a segment is written.

Whoosh's writer puts every posting in a pool as a tuple, sorts the pool, and
hands the codec one posting at a time: half of a build's time. The text
fields (`schema.VietnameseText`) get their postings grouped by word already,
so here each word keeps its document numbers, frequencies and positions in
three arrays; when the segment is written, the words are sorted and each
one's postings go out as whole blocks (`codec.PackedFieldWriter.add_term`).
Weights are frequency x field boost, as Whoosh computes them.

`size` estimates the bytes held, so the writer can hand everything to
Whoosh's pool (which spills to disk) before memory grows past its limit.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

TERM_BYTES = 300
"""Rough cost of a word's first posting in a field: the dict entry, the tuple and three arrays."""
_NATIVE_U4 = np.dtype("=u4")
_SHORT = 32
"""Words with fewer postings get their weights in Python: numpy's calls cost more for so few."""


class PostingBuffer:
    """Field -> word -> (document numbers, frequencies, positions), in arrays of uint32.

    Other fields (identifiers, keywords) keep each word's document numbers,
    weights and values as their field gave them (`add_items`).
    """

    def __init__(self) -> None:
        self._fields: dict[str, dict[str, tuple[array, array, array]]] = {}
        self._items: dict[str, dict[bytes, tuple[array, array, list[bytes]]]] = {}
        self.size = 0

    def __bool__(self) -> bool:
        return bool(self._fields or self._items)

    def fieldnames(self) -> set[str]:
        return set(self._fields) | set(self._items)

    def add_items(self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]) -> int:
        """Add a field's postings as `Field.index` gives them (word, frequency, weight, value); returns the length."""
        terms = self._items.get(fieldname)
        if terms is None:
            terms = self._items[fieldname] = {}
        length = 0
        for word, freq, weight, value in items:
            entry = terms.get(word)
            if entry is None:
                entry = terms[word] = (array("I"), array("f"), [])
                self.size += TERM_BYTES
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(value or b"")
            length += freq
            self.size += 16 + len(value or b"")
        return length

    def add(self, fieldname: str, docnum: int, positions: Mapping[str, Sequence[int]]) -> int:
        """Add one document's postings for a field (word -> its positions); returns the field's length."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        length = sum(map(len, positions.values()))
        new = 0
        lists = not positions or isinstance(next(iter(positions.values())), list)
        for word, found in positions.items():
            entry = terms.get(word)
            if entry is None:
                entry = terms[word] = (array("I"), array("I"), array("I"))
                new += 1
            docs, counts, held = entry
            docs.append(docnum)
            counts.append(len(found))
            if lists:
                held.extend(found)
            else:  # a long text's positions come packed, as array("i") of non-negative ints
                held.frombytes(memoryview(found).cast("B"))
        self.size += new * TERM_BYTES + 8 * len(positions) + 4 * length
        return length

    def terms(self, fieldname: str, boost: float) -> Iterator[tuple[bytes, array, array, array, bytes]]:
        """(word, ids, weights, value lengths, values) of each word in byte order, as `PackedPositions` has them.

        Takes the field out of the buffer: each word's arrays are freed once written.
        """
        if fieldname in self._items:
            yield from self._item_terms(fieldname)
            return
        terms = self._fields.pop(fieldname, {})
        if not self:
            self.size = 0
        for word in sorted(terms):  # str order is the order of UTF-8 bytes
            docs, counts, found = terms.pop(word)
            if len(counts) <= _SHORT:
                weights = array("f", [count * boost for count in counts])
                lengths = array("I", [4 * count for count in counts])
            else:
                freq = np.frombuffer(counts, dtype=_NATIVE_U4)
                weights = array("f", (freq * np.float64(boost)).astype(np.float32).tobytes())
                lengths = array("I", (freq * 4).astype(_NATIVE_U4).tobytes())
            yield word.encode("utf-8"), docs, weights, lengths, _little_bytes(found)

    def _item_terms(self, fieldname: str) -> Iterator[tuple[bytes, array, array, array, bytes]]:
        terms = self._items.pop(fieldname)
        if not self:
            self.size = 0
        for word in sorted(terms):
            docs, weights, values = terms.pop(word)
            yield word, docs, weights, array("I", map(len, values)), b"".join(values)

    def postings(self, fieldname: str, boost: float) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Whoosh pool items (field, word, document, weight, value) of a field, taking it out of the buffer."""
        for word, ids, weights, lengths, values in self.terms(fieldname, boost):
            end = 0
            for docnum, weight, length in zip(ids, weights, lengths, strict=True):
                start, end = end, end + length
                yield fieldname, word, docnum, weight, values[start:end]


def _little_bytes(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()
