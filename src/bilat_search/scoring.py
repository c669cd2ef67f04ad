"""Ranked retrieval over Whoosh postings with numpy, cached per index generation.

Whoosh's own matchers walk every candidate document in Python, and its
phrase matcher decodes positions document by document: a broad query with
phrase boosts took seconds on 38k articles. Here each term's postings are
read once per generation (block by block) into arrays, and a query is a
handful of array operations:

- every typed syllable matches all its forms (`duong`: `đường`, `dương`, ...)
  and scores more in its exact form when typed with diacritics, in the
  title, body and names fields (`vocabulary.py` lists the forms);
- BM25 scores per field, weighted and summed;
- syllables typed side by side earn an adjacency bonus, computed from
  positions with a sorted-key intersection instead of a phrase matcher;
- quoted phrases filter by the same adjacency test.
"""

from __future__ import annotations

import math
import pickle
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

from . import relevance
from .analysis import token_keys
from .codec import PackedLeafMatcher
from .concepts import Concept, plain_concepts
from .postings_format import PackedPositions, packed_block
from .query import ParsedQuery
from .vietnamese import fold
from .vocabulary import Vocabulary

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"title": 2.0, "body": 1.0, "names": 1.5}
EXACT_WEIGHT = 1.5
"""Extra weight of a syllable's exact form (when typed with diacritics) over its folded form."""
PAIR_WEIGHT = 1.5
"""Bonus for two syllables standing side by side, in units of the rarer one's idf (accents restored)."""
POSITION_BUDGET = 12_000_000
"""Positions kept in memory (int32 pairs): about 100 MB."""
POSTING_BUDGET = 20_000_000
MEETING_FACTOR = 2.0
"""Extra score factor for an article that reports a meeting: this archive's reason to exist."""
TIME_LIMIT = 2.0
"""Seconds one query may spend; the rest of its words are skipped and the answer is marked partial."""

_COUNT_BYTES = 4  # whoosh.formats._INT_SIZE
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
_BYTE_TO_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


Key = tuple[str, bool]
"""An index key, and whether it stands for every form that folds to it (`duong`: `đường`, `dương`, ...)."""


@dataclass
class Match:
    """The documents a query matches and their scores (arrays over all docnums)."""

    mask: np.ndarray
    scores: np.ndarray
    partial: bool = False


class Budget:
    """A time limit for one query; words past it are skipped and the result says so."""

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.spent = False

    def left(self) -> bool:
        if time.monotonic() > self.deadline:
            self.spent = True
        return not self.spent


class _LRU:
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


class Scorer:
    """Per-generation arrays and caches for one Whoosh index."""

    def __init__(self, searcher, live: np.ndarray, vocabulary: Vocabulary | None = None):
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.doc_count = self.reader.doc_count_all()
        self.live = live
        self.live_count = max(1, int(live.sum()))
        self.schema = self.reader.schema
        self.vocabulary = vocabulary or Vocabulary(self.reader)
        self.lengths = {f: self._lengths(f) for f in FIELD_WEIGHTS if f in self.schema}
        self.avg_length = {f: max(1.0, float(arr[live].mean()) if live.any() else 1.0)
                           for f, arr in self.lengths.items()}
        self._reading = threading.Lock()
        """One reader serves every thread: its files are read (seek + read) by one thread at a time."""
        self.postings = _LRU(POSTING_BUDGET)
        self.positions = _LRU(POSITION_BUDGET)
        self.pairs = _LRU(2_000_000)
        self.syllables = _LRU(256)  # per-word score arrays (one entry each, ~200 KB on 38k articles)
        self.date_sort = self._column("date_sort")

    # --- loading -------------------------------------------------------------------
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

    def _column(self, field: str) -> np.ndarray:
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
        return self._cached(self.postings, field, key, folded, self._read_term, _merge_postings)

    def _cached(self, cache: _LRU, field: str, key: str, folded: bool, read, merge):
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
        return self._cached(self.positions, field, key, folded, self._read_positions, _merge_positions)

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

    # --- scoring -------------------------------------------------------------------
    def idf(self, doc_freq: int) -> float:
        return math.log(1.0 + (self.live_count - doc_freq + 0.5) / (doc_freq + 0.5))

    def bm25(self, field: str, key: str, weight: float, scores: np.ndarray, mask: np.ndarray,
             folded: bool = False) -> float:
        """Add a key's weighted BM25 to `scores`, mark its documents; returns its idf."""
        docs, tf = self.term(field, key, folded)
        if not len(docs):
            return 0.0
        idf = self.idf(len(docs))
        lengths = self.lengths.get(field)
        norm = K1 * (1 - B + B * (lengths[docs] / self.avg_length[field])) if lengths is not None else K1
        scores[docs] += weight * idf * tf * (K1 + 1) / (tf + norm)
        mask[docs] = True
        return idf

    def syllable(self, word: str) -> tuple[np.ndarray, np.ndarray, float]:
        """(mask, scores, idf) of one typed syllable over title, body and names (cached: callers copy)."""
        cached = self.syllables.get(word)
        if cached is not None:
            return cached
        result = self._syllable(word)
        self.syllables.put(word, result, 1)
        return result

    def _syllable(self, word: str) -> tuple[np.ndarray, np.ndarray, float]:
        exact, folded = token_keys(word)
        accented = fold(word) != word
        scores = np.zeros(self.doc_count, dtype=np.float32)
        mask = np.zeros(self.doc_count, dtype=bool)
        idf = 0.0
        for field, weight in FIELD_WEIGHTS.items():
            if field not in self.schema:
                continue
            idf = max(idf, self.bm25(field, folded, weight, scores, mask, folded=True))
            if accented and exact != folded and field != "names":
                self.bm25(field, exact, weight * EXACT_WEIGHT, scores, mask)
        return mask, scores, idf

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

    # --- queries -------------------------------------------------------------------
    def evaluate(self, parsed: ParsedQuery, require_all: bool = True, seconds: float = TIME_LIMIT,
                 concepts: dict[int, list[Concept]] | None = None, meetings: np.ndarray | None = None) -> Match:
        """The documents and scores of a parsed query (live documents only).

        `concepts` (concepts.ConceptLexicon.for_query) say what the words name, so that
        facts and other phrasings answer them (see relevance.py); `meetings` marks the
        articles that report a meeting, which rank above general news with the same words.
        """
        budget = Budget(seconds)
        concepts = concepts if concepts is not None else plain_concepts(parsed)
        if parsed.is_empty:
            mask = self.live.copy()
            scores = np.zeros(self.doc_count, dtype=np.float32)
        else:
            mask = np.zeros(self.doc_count, dtype=bool)
            scores = np.zeros(self.doc_count, dtype=np.float32)
            runs = [0]
            # a factor, not a bonus: it must hold against any text score (but not against a typed year)
            prior = np.where(meetings, 1 + MEETING_FACTOR, 1).astype(np.float32) if meetings is not None else None
            for group in parsed.groups:
                group_match = self._group(group, require_all, budget, runs, concepts, prior)
                if group_match is not None:
                    mask |= group_match.mask
                    scores += np.where(group_match.mask, group_match.scores, 0)
        for group in parsed.groups:
            for clause in group:
                if clause.negated:
                    mask &= ~self._clause_mask(clause.words)
        mask &= self.live
        return Match(mask, scores, partial=budget.spent)

    def restore_accents(self, match: Match, runs: list[list[str]], weight: float = 0.8) -> None:
        """Score a diacritic-free query as if typed with the accents of a known name.

        `to lam` reads as `Tô Lâm`: documents with that exact form (and those
        syllables side by side) rank above `tố ... làm`. Only ranking changes.
        """
        bonus = np.zeros(self.doc_count, dtype=np.float32)
        scratch = np.zeros(self.doc_count, dtype=bool)
        for run in runs:
            idfs = []
            for word in run:
                exact, folded = token_keys(word)
                idf = 0.0
                if exact != folded:
                    for field in ("title", "body"):
                        idf = max(idf, self.bm25(field, exact, FIELD_WEIGHTS[field] * weight, bonus, scratch))
                idfs.append((exact, idf))
            for (a, idf_a), (b, idf_b) in zip(idfs, idfs[1:], strict=False):
                if idf_a and idf_b:
                    for field in ("title", "body"):
                        bonus[self.adjacent(field, (a, False), (b, False))] += PAIR_WEIGHT * min(idf_a, idf_b) * weight
        match.scores += np.where(match.mask, bonus, 0)

    def _clause_mask(self, words: list[str]) -> np.ndarray:
        if len(words) == 1:
            mask = np.zeros(self.doc_count, dtype=bool)
            folded = token_keys(words[0])[1]
            for field in ("title", "body"):
                mask[self.term(field, folded, folded=True)[0]] = True
            return mask
        return self._phrase_mask(words)

    def _phrase_mask(self, words: list[str]) -> np.ndarray:
        keys = [_as_typed(w) for w in words]
        if all(folded for _, folded in keys):
            return self.phrase(keys, ("title", "body", "names"))
        return self.phrase(keys, ("title", "body"))  # the names field holds folded keys only

    def _group(self, clauses, require_all: bool, budget: Budget, runs: list[int],
               concepts: dict[int, list[Concept]], prior: np.ndarray | None = None) -> Match | None:
        """One OR-alternative. `runs` counts runs across groups (as `highlight_runs` does)."""
        has_words = any(not _YEAR.match(w) for c in clauses if not c.negated for w in c.words)
        evidence: list[relevance.Evidence] = []
        typed = [0]
        in_run = False
        found = False

        def close_run() -> None:
            nonlocal in_run
            if not in_run:
                return
            families: dict[str, list[relevance.Evidence]] = {}
            for concept in concepts.get(runs[0], []):
                if evidence and not budget.left():
                    break
                if concept.year is not None and has_words:
                    evidence.append(relevance.year_evidence(self, concept))
                elif concept.family:
                    families.setdefault(concept.family, []).append(relevance.concept_evidence(self, concept))
                else:
                    evidence.append(relevance.concept_evidence(self, concept))
            evidence.extend(relevance.either(family) for family in families.values())
            typed[0] += len(concepts.get(runs[0], []))
            runs[0] += 1
            in_run = False

        for clause in clauses:
            if clause.negated:
                continue
            if found and not budget.left():
                break
            found = True
            if clause.phrase:
                close_run()
                phrase_concepts = concepts.get(runs[0], [])
                concept = phrase_concepts[0] if phrase_concepts else None
                evidence.append(relevance.phrase_evidence(self, clause, concept))
                typed[0] += 1
                runs[0] += 1
                continue
            in_run = True
        close_run()
        if not evidence:
            return None
        mask, scores = relevance.combine(evidence, self.doc_count, require_all, typed[0], prior)
        return Match(mask, scores)

    def adjacency_bonus(self, words: list[str], idfs: list[float], weight: float) -> np.ndarray:
        """Scores for typed words standing side by side (folded, and more as typed with diacritics)."""
        bonus = np.zeros(self.doc_count, dtype=np.float32)
        for (a, idf_a), (b, idf_b) in zip(zip(words, idfs, strict=True), zip(words[1:], idfs[1:], strict=True),
                                         strict=False):
            if not (idf_a and idf_b):
                continue
            unit = weight * min(idf_a, idf_b)
            ka, kb = (token_keys(a)[1], True), (token_keys(b)[1], True)
            for field, field_weight in (("title", 1.5), ("body", 1.0), ("names", 1.0)):
                if field in self.schema:
                    bonus[self.adjacent(field, ka, kb)] += unit * field_weight
            ea, eb = _as_typed(a), _as_typed(b)
            if not (ea[1] and eb[1]):  # typed with diacritics: the pair as typed counts more
                for field, field_weight in (("title", 1.5), ("body", 1.0)):
                    bonus[self.adjacent(field, ea, eb)] += unit * field_weight * EXACT_WEIGHT
        return bonus

    def typed_phrase_mask(self, words: list[str]) -> np.ndarray:
        """Documents holding the words in this order, each as typed (accented: exact; bare: any form)."""
        return self._phrase_mask(words)

    def top(self, match_mask: np.ndarray, scores: np.ndarray, count: int, sort: str) -> np.ndarray:
        """The first `count` docnums of a result set in the requested order."""
        candidates = np.flatnonzero(match_mask)
        if not len(candidates) or count <= 0:
            return candidates[:0]
        if sort == "relevance":
            keys = -scores[candidates].astype(np.float64)
            tie = candidates
        else:
            dates = self.date_sort[candidates]
            keys = -dates if sort == "newest" else np.where(dates > 0, dates, np.iinfo(np.int64).max // 2)
            keys = keys.astype(np.float64) - scores[candidates] * 1e-6
            tie = candidates
        if len(candidates) > count:
            part = np.argpartition(keys, count - 1)[:count]
            candidates, keys, tie = candidates[part], keys[part], tie[part]
        order = np.lexsort((tie, keys))
        return candidates[order]

    def similar(self, docnum: int, text: str, limit: int) -> list[int]:
        """More like this: the document's most distinctive folded words, scored together."""
        from .analysis import keyed_positions

        counts = {key: len(pos) for key, pos in keyed_positions(text, "folded").items() if len(key) > 1}
        weighted = []
        common = self.live_count * 0.3 if self.live_count > 50 else self.live_count
        for key, tf in counts.items():
            docs, _ = self.term("body", key, folded=True)
            if 1 < len(docs) < common:
                weighted.append((tf * self.idf(len(docs)), key))
        weighted.sort(reverse=True)
        scores = np.zeros(self.doc_count, dtype=np.float32)
        mask = np.zeros(self.doc_count, dtype=bool)
        for _, key in weighted[:25]:
            self.bm25("body", key, 1.0, scores, mask, folded=True)
        mask &= self.live
        mask[docnum] = False
        return [int(d) for d in self.top(mask, scores, limit, "relevance")]


def _as_typed(word: str) -> Key:
    """A word's key as typed: exact with diacritics, else every form that folds to it."""
    exact, folded = token_keys(word)
    return (exact, False) if fold(word) != word else (folded, True)


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
