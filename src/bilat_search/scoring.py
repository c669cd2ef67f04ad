"""Ranked retrieval: a parsed query as a handful of array operations.

Postings come as arrays from `postings.py`, words side by side from
`adjacency.py`, what the words name from `relevance.py`; this module scores:

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
import re
import time
from dataclasses import dataclass

import numpy as np

from . import relevance
from .adjacency import Adjacency, Key
from .analysis import token_keys
from .concepts import Concept, plain_concepts
from .postings import LRU, Postings
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
MEETING_FACTOR = 2.0
"""Extra score factor for an article that reports a meeting: this archive's reason to exist."""
TIME_LIMIT = 2.0
"""Seconds one query may spend; the rest of its words are skipped and the answer is marked partial."""

_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")


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


class Scorer:
    """Scores queries over one index generation: BM25 per field, adjacency, phrases, concepts."""

    def __init__(self, searcher, live: np.ndarray, vocabulary: Vocabulary | None = None):
        self.postings = Postings(searcher.reader(), tuple(FIELD_WEIGHTS), vocabulary)
        self.adjacency = Adjacency(self.postings)
        self.doc_count = self.postings.doc_count
        self.schema = self.postings.schema
        self.vocabulary = self.postings.vocabulary
        self.lengths = self.postings.lengths
        self.live = live
        self.live_count = max(1, int(live.sum()))
        self.avg_length = {f: max(1.0, float(arr[live].mean()) if live.any() else 1.0)
                           for f, arr in self.lengths.items()}
        self.syllables = LRU(256)  # per-word score arrays (one entry each, ~200 KB on 38k articles)
        self.date_sort = self.postings.column("date_sort")
        self.term = self.postings.term
        self.term_positions = self.postings.term_positions
        self.adjacent = self.adjacency.adjacent
        self.phrase = self.adjacency.phrase

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
        """The first `count` docnums of a result set in the requested order.

        Equal scores go newest first, then by document number: the order of a
        build's documents (which writer process took which) must not decide
        which of several equally good reports makes the first page.
        """
        candidates = np.flatnonzero(match_mask)
        if not len(candidates) or count <= 0:
            return candidates[:0]
        if sort == "relevance":
            keys = -scores[candidates].astype(np.float64)
            tie = -self.date_sort[candidates]
        else:
            dates = self.date_sort[candidates]
            keys = -dates if sort == "newest" else np.where(dates > 0, dates, np.iinfo(np.int64).max // 2)
            keys = keys.astype(np.float64) - scores[candidates] * 1e-6
            tie = np.zeros(len(candidates), dtype=np.int64)
        if len(candidates) > count:
            cut = np.partition(keys, count - 1)[count - 1]
            kept = keys <= cut  # every candidate tied with the last one kept: the tie-break decides among them
            candidates, keys, tie = candidates[kept], keys[kept], tie[kept]
        order = np.lexsort((candidates, tie, keys))
        return candidates[order[:count]]

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


