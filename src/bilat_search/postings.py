"""A word's postings as numpy arrays, read once per index generation and cached.

Whoosh's matchers walk documents one by one in Python; here a word's
document numbers, frequencies and positions come out of the packed blocks
(codec.py) a block at a time and stay in bounded caches, so that the next
query with the same word costs nothing. Also the per-document numbers the
scores need (field lengths, dates), each read in one call per segment.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

from .codec import PackedLeafMatcher
from .postings_format import PackedPositions, packed_block
from .vocabulary import Vocabulary

POSITION_BUDGET = 12_000_000
"""Positions kept in memory (int32 pairs): at most about 100 MB."""
POSTING_BUDGET = 20_000_000
"""Postings kept in memory (int64 docnum + float32 frequency): at most about 240 MB, reached only on
several times the 38k corpus (smaller budgets made repeated queries on 152,000 articles 5x slower)."""

_COUNT_BYTES = 4  # whoosh.formats._INT_SIZE
_BYTE_TO_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


class LRU:
    """A cache of arrays bounded by their total length, shared by threads."""

    def __init__(self, budget: int):
        self.budget = budget
        self.size = 0
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.items.get(key)
            if entry is None:
                return None
            self.items.move_to_end(key)
            return entry[0]

    def put(self, key, value, size: int) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = (value, size)
            self.size += size
            while self.size > self.budget and len(self.items) > 1:
                _, (_, old_size) = self.items.popitem(last=False)
                self.size -= old_size


class Postings:
    """Per-generation postings, field lengths and dates of one Whoosh index."""

    def __init__(self, reader, fields: tuple[str, ...], vocabulary: Vocabulary | None = None):
        self.reader = reader
        self.leaves = list(reader.leaf_readers())
        self.doc_count = reader.doc_count_all()
        self.schema = reader.schema
        self.vocabulary = vocabulary or Vocabulary(reader)
        self.lengths = {f: self._lengths(f) for f in fields if f in self.schema}
        self._reading = threading.Lock()
        """One reader serves every thread: its files are read (seek + read) by one thread at a time."""
        self.term_cache = LRU(POSTING_BUDGET)
        self.position_cache = LRU(POSITION_BUDGET)

    def _lengths(self, field: str) -> np.ndarray:
        out = np.zeros(self.doc_count, dtype=np.float32)
        for segment, base in self.leaves:
            count = segment.doc_count_all()
            perdoc = getattr(segment, "_perdoc", None)
            if perdoc is None or not hasattr(perdoc, "_cached_reader"):
                out[base:base + count] = [segment.doc_field_length(d, field, 0) for d in range(count)]
                continue
            column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            out[base:base + count] = _BYTE_TO_LENGTH[_numeric_column(column, count)] if column else 0
        return out

    def column(self, field: str) -> np.ndarray:
        """A numeric column's value for every document (0 where none)."""
        out = np.zeros(self.doc_count, dtype=np.int64)
        if field not in self.schema:
            return out
        for segment, base in self.leaves:
            count = segment.doc_count_all()
            if count and segment.has_column(field):
                column = segment.column_reader(field, translate=False)
                out[base:base + count] = _numeric_column(column, count)
        return out

    def _leaf_matchers(self, field: str, key: str):
        for segment, base in self.leaves:
            if (field, key) not in segment:
                continue
            raw = segment._text_to_bytes(field, key)
            yield segment._terms.matcher(field, raw, self.schema[field].format), base

    def term(self, field: str, key: str, folded: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a key, all segments; `folded`: every form that folds to it."""
        return self._cached(self.term_cache, field, key, folded, self._read_term, _merge_postings)

    def _cached(self, cache: LRU, field: str, key: str, folded: bool, read, merge):
        """A key's arrays from `cache`; else read (each form of a folded key) under the lock, and merged."""
        cache_key = (field, key, folded)
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
        with self._reading:
            cached = cache.get(cache_key)
            if cached is not None:
                return cached
            parts = [read(field, term) for term in self.vocabulary.keys(field, key, folded)]
        result = merge(parts)
        cache.put(cache_key, result, len(result[0]))
        return result

    def _read_term(self, field: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        docs_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        boost = self.schema[field].format.field_boost or 1.0
        for matcher, base in self._leaf_matchers(field, key):
            for ids, weights in _block_arrays(matcher):
                docs_parts.append(ids + base)
                tf_parts.append(weights / boost)
        if not docs_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(docs_parts), np.concatenate(tf_parts)

    def term_positions(self, field: str, key: str, folded: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(docnum, position) of every occurrence of a key, in that order; `folded` as in `term`."""
        return self._cached(self.position_cache, field, key, folded, self._read_positions, _merge_positions)

    def _read_positions(self, field: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        # A block's positions come out of one buffer (PackedPositions); an index
        # written before that format pickled a list of deltas per posting.
        packed = isinstance(self.schema[field].format, PackedPositions)
        docnums: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        positions: list[np.ndarray] = []
        for matcher, base in self._leaf_matchers(field, key):
            for ids, block_counts, block_positions in _block_positions(matcher, packed):
                docnums.append(ids.astype(np.int32) + base)
                counts.append(block_counts)
                positions.append(block_positions)
        if not docnums:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
        lengths = np.concatenate(counts)
        return np.repeat(np.concatenate(docnums), lengths), np.concatenate(positions).astype(np.int32)


def _numeric_column(column, count: int) -> np.ndarray:
    """A Whoosh numeric column's values for `count` documents, in one read (else one by one)."""
    if isinstance(column, NumericColumn.Reader):
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored * column._fixedlen)
        values = np.frombuffer(raw, dtype=">" + column._typecode).astype(np.int64)
        if stored == count:
            return values
        return np.concatenate([values, np.full(count - stored, column._default or 0, dtype=np.int64)])
    return np.asarray([column[d] or 0 for d in range(count)], dtype=np.int64)


def _block_arrays(matcher):
    """A posting list block by block as (docnums, weights), without Whoosh's per-posting Python."""
    if isinstance(matcher, PackedLeafMatcher):
        while matcher.is_active():
            yield matcher.arrays()
            matcher._next_block()
        return
    for ids, weights, _ in _whoosh_blocks(matcher):
        yield ids, weights


def _block_positions(matcher, packed: bool):
    """A posting list block by block as (docnums, positions per document, positions)."""
    if isinstance(matcher, PackedLeafMatcher) and packed:
        while matcher.is_active():
            ids, _ = matcher.arrays()
            lengths, joined = matcher.values()
            yield ids, lengths // 4, np.frombuffer(joined, dtype="<u4")
            matcher._next_block()
        return
    for ids, _, values in _whoosh_blocks(matcher):
        yield (ids, *(packed_block(values) if packed else _pickled_block(values)))


def _whoosh_blocks(matcher):
    """Blocks of an index written by Whoosh's own codec (before codec.py), or postings inlined in a term."""
    if not isinstance(matcher, W3LeafMatcher):
        ids = np.asarray(list(matcher.all_ids()), dtype=np.int64)
        matcher.reset()
        weights, values = [], []
        while matcher.is_active():
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        yield ids, np.asarray(weights, dtype=np.float32), values
        return
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        matcher._read_values()
        yield (np.asarray(matcher._ids, dtype=np.int64), np.asarray(matcher._weights, dtype=np.float32),
               matcher._values)
        matcher._next_block()


def _pickled_block(values) -> tuple[np.ndarray, np.ndarray]:
    """(counts, positions) of a block of Whoosh `Positions` values, in one `pickle.loads`.

    Each value is a 4-byte count, then a pickled list of deltas (protocol 2,
    ending in STOP). Their bodies, between one MARK and a LIST opcode, make
    one pickle of the list of lists.
    """
    lists = pickle.loads(b"\x80\x02(" + b"".join([value[_COUNT_BYTES:-1] for value in values]) + b"l.")
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    steps = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
    running = np.cumsum(steps)
    firsts = np.cumsum(counts) - counts
    before = np.repeat(running[firsts] - steps[firsts], counts) if len(steps) else running
    return counts, running - before


def _merge_postings(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One posting list from several terms' (docnums, frequencies): frequencies add up per document."""
    parts = [part for part in parts if len(part[0])]
    if len(parts) <= 1:
        return parts[0] if parts else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    docs, inverse = np.unique(np.concatenate([d for d, _ in parts]), return_inverse=True)
    tf = np.bincount(inverse, weights=np.concatenate([t for _, t in parts])).astype(np.float32)
    return docs, tf


def _merge_positions(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One (docnum, position) list from several terms', in document then position order."""
    parts = [part for part in parts if len(part[0])]
    if len(parts) <= 1:
        return parts[0] if parts else (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
    docs = np.concatenate([d for d, _ in parts])
    positions = np.concatenate([p for _, p in parts])
    order = np.lexsort((positions, docs))
    return docs[order], positions[order]
