"""A Whoosh codec whose posting blocks numpy reads in a few calls.

Whoosh 3 pickles each block of 128 postings as one tuple of document ids,
weights and values, compressed together: reading a word's frequencies meant
decompressing and unpickling its positions too, and Python then walked the
ids one by one. Here a block keeps the same block info (so Whoosh's matchers,
merges and skipping still work), then two separately compressed parts:

- the head: document ids (uint32) and weights (float32, left out when all are 1);
- the values: their lengths (uint32) and bytes, one after the other.

`PackedLeafMatcher.arrays()` and `.values()` give a block as numpy arrays;
BM25 reads only heads. Blocks hold 1,024 postings, so a word of 30,000
documents is 30 blocks. The index stays a Whoosh index: any Whoosh reader
opens it, since the codec travels with each segment.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

BLOCK_POSTINGS = 1024
COMPRESSION = 1
_PARTS = struct.Struct("<BII")  # flags, compressed head bytes, compressed values bytes
_WEIGHTS = 1  # flag: the head holds weights (else every weight is 1.0)
_COMPRESSED = 2
_NO_VALUES = 4
_SMALL = 64
"""Blocks of fewer bytes are stored as they are."""
_U4 = np.dtype("<u4")
_F4 = np.dtype("<f4")


class PackedCodec(W3Codec):
    """Whoosh 3's files and term index; posting blocks as `PackedPostingsWriter` writes them."""

    length_stats = False
    """Per-block document-length statistics serve Whoosh's block-max scoring, which never runs here."""

    def __init__(self, blocklimit: int = BLOCK_POSTINGS, compression: int = COMPRESSION, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return PackedFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors: Whoosh's own blocks
            return super().postings_writer(dbfile, byteids)
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, compression=self._compression,
                                    inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class PackedFieldWriter(W3FieldWriter):
    """Whoosh 3's field writer, which also takes a word's postings all at once."""

    def add_term(self, btext: bytes, ids: array, weights: array, lengths: array, values: bytes) -> None:
        """Write one word of the current field: see `PackedPostingsWriter.add_packed`."""
        self.start_term(btext)
        self._postwriter.add_packed(ids, weights, lengths, values)
        self.finish_term()


class PackedPostingsWriter(W3PostingsWriter):
    def _write_block(self, last: bool = False) -> None:
        ids, weights, values = self._ids, self._weights, self._values
        weighted = None if weights.count(1.0) == len(weights) else _little(weights)
        if values and len(values) == len(ids):
            lengths = np.fromiter(map(len, values), dtype=_U4, count=len(values))
            packed = lengths.tobytes() + b"".join(values)
        else:  # a format without values (Whoosh drops empty ones as they come)
            packed = None
        self._write_parts(_little(ids), weighted, packed, last)

    def add_packed(self, ids: array, weights: array, lengths: array, values: bytes) -> None:
        """Every posting of the current word at once, written as whole blocks.

        `ids` (array "I") ascending, `weights` (array "f"), `lengths` (array
        "I") the byte length of each posting's value in `values`, all joined.
        """
        limit = self._blocklimit
        total = len(ids)
        start = end = 0
        while start < total:
            stop = min(start + limit, total)
            if stop == total:
                block_lengths, block_values = lengths[start:] if start else lengths, values[end:] if end else values
            else:
                block_lengths = lengths[start:stop]
                block_values = values[end:end + sum(block_lengths)]
            end += len(block_values)
            self._ids = ids[start:stop] if total > limit else ids  # the block statistics read these
            self._weights = block_weights = weights[start:stop] if total > limit else weights
            self._maxweight = max(block_weights)
            weighted = None if block_weights.count(1.0) == len(block_weights) else _little(block_weights)
            packed = _little(block_lengths) + block_values if block_values else None  # None: a format without values
            self._write_parts(_little(self._ids), weighted, packed, stop == total)
            start = stop

    def _write_parts(self, head: bytes, weights: bytes | None, packed: bytes | None, last: bool) -> None:
        """One block: ids (and weights unless all are 1), then value lengths and values, each compressed."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        flags = 0
        if weights is not None:
            flags |= _WEIGHTS
            head += weights
        if packed is None:
            flags |= _NO_VALUES
            packed = b""
        if self._compression and len(head) + len(packed) > _SMALL:  # zlib cannot shrink a few bytes
            flags |= _COMPRESSED
            head = zlib.compress(head, self._compression)
            packed = zlib.compress(packed, self._compression) if packed else packed
        ids = self._ids
        info = dumps((len(ids), ids[-1], self._maxweight, 0, length_to_byte(self._minlength),
                      length_to_byte(self._maxlength)), 2)
        length = len(info) + _PARTS.size + len(head) + len(packed)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(_PARTS.pack(flags, len(head), len(packed)))
        self._postfile.write(head)
        self._postfile.write(packed)
        self._blockcount += 1
        self._new_block()


class PackedLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher over packed blocks, plus whole-block numpy access for scoring."""

    def _parts(self) -> tuple[int, int, int]:
        return _PARTS.unpack(self._postfile.get(self._dataoffset, _PARTS.size))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(document ids, weights) of the current block, reading only its head."""
        flags, head_size, _ = self._parts()
        head = self._postfile.get(self._dataoffset + _PARTS.size, head_size)
        if flags & _COMPRESSED:
            head = zlib.decompress(head)
        count = self._blocklength
        ids = np.frombuffer(head, dtype=_U4, count=count).astype(np.int64)
        if flags & _WEIGHTS:
            weights = np.frombuffer(head, dtype=_F4, count=count, offset=4 * count)
        else:
            weights = np.ones(count, dtype=np.float32)
        return ids, weights

    def values(self) -> tuple[np.ndarray, bytes]:
        """(length of each value, all values joined) of the current block."""
        flags, head_size, values_size = self._parts()
        if flags & _NO_VALUES:
            return np.zeros(self._blocklength, dtype=np.int64), b""
        packed = self._postfile.get(self._dataoffset + _PARTS.size + head_size, values_size)
        if flags & _COMPRESSED:
            packed = zlib.decompress(packed)
        count = self._blocklength
        return np.frombuffer(packed, dtype=_U4, count=count).astype(np.int64), packed[4 * count:]

    # Whoosh's matcher interface reads through the same arrays.
    def _read_data(self):
        self._data = True

    def _read_ids(self):
        ids, weights = self.arrays()
        self._ids = ids.tolist()
        self._weights = weights.tolist()

    def _read_weights(self):
        self._read_ids()

    def _read_values(self):
        fixed = self._fixedsize
        if fixed == 0:
            self._values = (None,) * self._blocklength
            return
        lengths, joined = self.values()
        ends = np.cumsum(lengths).tolist()
        starts = [0, *ends[:-1]]
        self._values = tuple(joined[a:b] for a, b in zip(starts, ends, strict=True))


def _little(numbers) -> bytes:
    """An array('I') or array('f') as little-endian bytes."""
    if sys.byteorder == "big":
        numbers = type(numbers)(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()
