"""Words side by side: adjacency bonuses and phrases, from positions.

Two keys are adjacent where a position of the second is one more than a
position of the first in the same document: a sorted-key intersection over
(docnum << 32 | position), not Whoosh's phrase matcher, which decoded
positions document by document.
"""

from __future__ import annotations

import numpy as np

from .postings import LRU, Postings

Key = tuple[str, bool]
"""An index key, and whether it stands for every form that folds to it (`duong`: `đường`, `dương`, ...)."""


class Adjacency:
    """Which documents hold two keys side by side, or a whole phrase (pairs cached per generation)."""

    def __init__(self, postings: Postings):
        self.postings = postings
        self.doc_count = postings.doc_count
        self.schema = postings.schema
        self.pairs = LRU(2_000_000)

    def term_positions(self, field: str, key: str, folded: bool = False):
        return self.postings.term_positions(field, key, folded)

    def term(self, field: str, key: str, folded: bool = False):
        return self.postings.term(field, key, folded)

    def adjacent(self, field: str, first: Key, second: Key) -> np.ndarray:
        """Documents where key `second` stands right after key `first` (cached)."""
        key = (field, first, second)
        cached = self.pairs.get(key)
        if cached is None:
            cached = self._adjacent(field, first, second)
            self.pairs.put(key, cached, len(cached) + 1)
        return cached

    def _adjacent(self, field: str, first: Key, second: Key) -> np.ndarray:
        docs_a, pos_a = self.term_positions(field, *first)
        docs_b, pos_b = self.term_positions(field, *second)
        if not len(docs_a) or not len(docs_b):
            return np.zeros(0, dtype=np.int64)
        keys_a = (docs_a.astype(np.int64) << 32) | (pos_a.astype(np.int64) + 1)
        keys_b = (docs_b.astype(np.int64) << 32) | pos_b.astype(np.int64)
        both = np.intersect1d(keys_a, keys_b, assume_unique=True)
        return np.unique(both >> 32)

    def phrase(self, keys: list[Key], fields: tuple[str, ...]) -> np.ndarray:
        """Mask of documents holding the keys in this order, in any of the fields."""
        mask = np.zeros(self.doc_count, dtype=bool)
        for field in fields:
            if field not in self.schema:
                continue
            if len(keys) == 1:
                mask[self.term(field, *keys[0])[0]] = True
                continue
            docs_a, pos_a = self.term_positions(field, *keys[0])
            current = (docs_a.astype(np.int64) << 32) | pos_a.astype(np.int64)
            for offset, key in enumerate(keys[1:], 1):
                docs_b, pos_b = self.term_positions(field, *key)
                keys_b = (docs_b.astype(np.int64) << 32) | (pos_b.astype(np.int64) - offset)
                current = np.intersect1d(current, keys_b, assume_unique=True)
                if not len(current):
                    break
            mask[np.unique(current >> 32)] = True
        return mask
