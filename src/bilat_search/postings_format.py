"""How a text field's postings store positions: raw unsigned 32-bit integers.

Whoosh's `Positions` format pickles each posting's list of position deltas,
so reading a word's positions meant unpickling one list per document and
building a Python int per position: most of the time of a query whose words
the server had not read before. Here a posting's value is the positions as
machine integers, so a block of postings joins into one buffer that numpy
reads in one call (`packed_block`). Whoosh's own readers (highlighting,
its matchers) still work through the `decode_*` methods.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

import numpy as np
from whoosh.formats import Positions

if array("I").itemsize != 4:  # pragma: no cover - every platform CPython runs on today
    raise ImportError("PackedPositions needs 4-byte unsigned ints")

_LITTLE_ENDIAN = np.dtype("<u4")


class PackedPositions(Positions):
    """Positions as little-endian uint32, one value per posting; the count is the length / 4."""

    def encode(self, poslist: Sequence[int]) -> bytes:
        packed = array("I", poslist)
        if sys.byteorder == "big":
            packed.byteswap()
        return packed.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return np.frombuffer(valuestring, dtype=_LITTLE_ENDIAN).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


def packed_block(values: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(positions per posting, all positions) of a block of `PackedPositions` values, in two numpy calls."""
    counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // 4
    return counts, np.frombuffer(b"".join(values), dtype=_LITTLE_ENDIAN)
