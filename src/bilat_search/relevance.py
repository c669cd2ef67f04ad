"""How the concepts of a query make one ranking: which documents answer it, and in what order.

A short query (up to `SHORT_QUERY` concepts) wants every concept: `to lam nga` is about
Tô Lâm and Russia. A longer one is a description (`Chủ tịch nước, Thủ tướng, Tổng Bí
thư tiếp Bộ trưởng Công an nước ngoài`): a document answers when it holds most of it,
weighted by what each concept names, a rare name weighing more than `tiếp` or `hợp tác`.
Each concept scores a document by its best evidence: the typed words (BM25, more when
they stand together), another phrasing of the same thing, or a fact the extractor found;
holding the fact adds to the text. The share of the query a document covers multiplies
its score, so that covering more beats repeating one word. A year beside other words is
a preference: the answers of that year first, the others after.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .concepts import Concept
from .query import Clause

SHORT_QUERY = 2
"""Up to this many concepts, every one is required (then, failing that, some: with a notice)."""
MIN_COVERAGE = 0.3
"""A longer query's answers cover at least this share of its concepts' weight."""
COVERAGE_POWER = 2.0
FACT_CREDIT = 1.2
"""A document holding the fact a concept names scores this many times the concept's weight for it."""
ADJACENT_WEIGHT = 1.5
"""Bonus for two typed words standing side by side, in units of the rarer one's idf."""
ALTERNATIVE_WEIGHT = 0.9
TYPICAL_MIN = 3
"""A fact's typical text score is read from at least this many reports holding both."""
"""Another phrasing (another language, another spelling) scores a little under the words as typed."""


@dataclass(eq=False)
class Evidence:
    """One concept over all documents."""

    mask: np.ndarray
    scores: np.ndarray
    weight: float
    soft: bool = False
    credit: np.ndarray | None = None
    """Per document, the weight of what it holds of the concept (default: `weight` where `mask`)."""
    named: bool = True
    """The concept names something known (a fact, a person or body); a plain word does not."""


def concept_evidence(scorer, concept: Concept) -> Evidence:
    """The documents a concept finds, by its words as typed, its other phrasings and its facts."""
    words = concept.words
    masks = []
    text = np.zeros(scorer.doc_count, dtype=np.float32)
    typed_mask = None
    idfs = []
    for word in words:
        mask, word_scores, idf = scorer.syllable(word)
        typed_mask = mask.copy() if typed_mask is None else typed_mask & mask
        text += word_scores
        idfs.append(idf)
    if typed_mask is None:
        typed_mask = np.zeros(scorer.doc_count, dtype=bool)
    text += scorer.adjacency_bonus(words, idfs, ADJACENT_WEIGHT)
    if len(words) > 1:
        typed_mask &= scorer.typed_phrase_mask(words)  # a known term's words stand together (`điện đàm`)
    if concept.abbreviation:
        typed_mask[:] = False  # `chào` stands for `chào xã giao`, `chào từ biệt`: `chào mừng` is not it
    text = np.where(typed_mask, text, 0).astype(np.float32)
    masks.append(typed_mask)
    # other names of a person or body also stand in the names field (aliases of the extracted facts);
    # another language's words only in the text
    fields = ("title", "body", "names") if concept.entity else ("title", "body")
    for keys in concept.alternatives:
        alt_mask = scorer.phrase([(key, True) for key in keys], fields)
        if not alt_mask.any():
            continue
        alt_scores = np.zeros(scorer.doc_count, dtype=np.float32)
        for key in keys:
            alt_scores += scorer.syllable(key)[1]
        text = np.maximum(text, np.where(alt_mask, alt_scores * ALTERNATIVE_WEIGHT, 0).astype(np.float32))
        masks.append(alt_mask)
    text_mask = np.logical_or.reduce(masks) & scorer.live
    text_weight = scorer.idf(int(text_mask.sum())) if text_mask.any() else 0.0
    # another-language word (`cooperation`) is a plain word for coverage: it names no fact or body
    named = bool(concept.facts or concept.entity or concept.abbreviation)
    facts = concept.mask & scorer.live if concept.mask is not None and concept.year is None else None
    if facts is None or not facts.any():
        return Evidence(text_mask, text, text_weight, named=named)
    # The fact weighs by its own rarity (`công an tỉnh` is in every crime story; the provincial
    # police as a meeting's party in few). A report holding it but written otherwise (in English,
    # with another word) earns what a report holding it in these words typically earns.
    fact_weight = scorer.idf(int(facts.sum()))
    both = facts & text_mask
    typical = float(np.median(text[both])) if both.sum() >= TYPICAL_MIN and not concept.broad else 0.0
    text = np.where(facts, np.maximum(text, typical) + FACT_CREDIT * fact_weight, text).astype(np.float32)
    # holding the fact is holding the concept; its words alone, written somewhere, count by their rarity
    weight = max(text_weight, fact_weight)
    credit = np.where(facts, fact_weight if concept.broad else weight, np.where(text_mask, text_weight, 0))
    return Evidence(text_mask | facts, text, weight, credit=credit.astype(np.float32), named=named)


def year_evidence(scorer, concept: Concept) -> Evidence:
    """A typed year: documents of that year (the fact) or with the year in their text."""
    mask, scores, idf = scorer.syllable(concept.words[0])
    if concept.mask is not None:
        mask = mask | concept.mask
        scores = scores + np.where(concept.mask, FACT_CREDIT * idf, 0).astype(np.float32)
    return Evidence(mask & scorer.live, scores, idf, soft=True)


def phrase_evidence(scorer, clause: Clause, concept: Concept | None) -> Evidence:
    """A quoted phrase: its words in order (as typed), another name of the same body or person, its fact."""
    mask = scorer.typed_phrase_mask(clause.words)
    scores = np.zeros(scorer.doc_count, dtype=np.float32)
    for word in clause.words:
        scores += scorer.syllable(word)[1]
    scores = np.where(mask, scores, 0).astype(np.float32)
    fields = ("title", "body", "names") if concept is not None and concept.entity else ("title", "body")
    for keys in concept.alternatives if concept else []:
        alt_mask = scorer.phrase([(key, True) for key in keys], fields)
        if alt_mask.any():
            alt_scores = sum(scorer.syllable(key)[1] for key in keys)
            scores = np.maximum(scores, np.where(alt_mask, alt_scores * ALTERNATIVE_WEIGHT, 0).astype(np.float32))
            mask = mask | alt_mask
    mask &= scorer.live
    weight = scorer.idf(int(mask.sum())) if mask.any() else 0.0
    if concept is not None and concept.mask is not None:
        mask = mask | (concept.mask & scorer.live)
        weight = scorer.idf(int(mask.sum()))
        scores = scores + np.where(concept.mask, FACT_CREDIT * weight, 0).astype(np.float32)
    return Evidence(mask, scores, weight)


def _coverage(evidence: list[Evidence], doc_count: int, named_only: bool = True) -> np.ndarray:
    """The weighted share of the concepts each document holds.

    For ranking, only concepts that name something count: a long question's plain words
    (`quy định`, `như thế nào`) are BM25's business, and double-counting them buries answers.
    """
    chosen = [e for e in evidence if e.named or not named_only]
    total = sum(e.weight for e in chosen)
    if not chosen or not total:
        return np.ones(doc_count, dtype=np.float32)
    coverage = np.zeros(doc_count, dtype=np.float32)
    for e in chosen:
        credit = e.credit if e.credit is not None else np.where(e.mask, e.weight, 0)
        coverage += (credit / total).astype(np.float32)
    return coverage


def either(evidence: list[Evidence]) -> Evidence:
    """Concepts naming values of one facet (`điện đàm`, `trực tuyến`; `Lào`, `Campuchia`) are alternatives."""
    if len(evidence) == 1:
        return evidence[0]
    # a document holding the common alternative (`hội đàm`) covers less than one holding the rare one
    return Evidence(
        np.logical_or.reduce([e.mask for e in evidence]),
        np.maximum.reduce([e.scores for e in evidence]),
        max(e.weight for e in evidence),
        credit=np.maximum.reduce([e.credit if e.credit is not None else np.where(e.mask, e.weight, 0)
                                  for e in evidence]),
        named=any(e.named for e in evidence),
    )


def combine(evidence: list[Evidence], doc_count: int, require_all: bool,
            typed: int | None = None, prior: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(mask, scores) of one OR-alternative from its concepts' evidence.

    `typed`: how many concepts were typed (alternatives merged into one piece of evidence
    still count apart: `dien dam hoi dam truc tuyen bo truong` is a longer query than two).
    `prior`: a factor per document (meeting reports first) that the text scores bow to, and
    a typed year does not: `Hoa Kỳ 2026` puts a 2026 article before a meeting of 2019.
    """
    hard = [e for e in evidence if not e.soft]
    required, soft = (hard, [e for e in evidence if e.soft]) if hard else (evidence, [])
    if not required:
        return np.zeros(doc_count, dtype=bool), np.zeros(doc_count, dtype=np.float32)
    scores = np.zeros(doc_count, dtype=np.float32)
    for e in required:
        scores += e.scores
    coverage = _coverage(required, doc_count)
    if require_all and (typed if typed is not None else len(required)) <= SHORT_QUERY:
        mask = np.logical_and.reduce([e.mask for e in required])
    elif require_all:
        mask = _coverage(required, doc_count, named_only=False) >= MIN_COVERAGE - 1e-6
    else:
        mask = np.logical_or.reduce([e.mask for e in required])
    scores = scores * coverage**COVERAGE_POWER
    if prior is not None:
        scores = scores * prior
    for e in soft:
        # a tier, not a factor: every answer of that year before any other (`Bộ Công an Lào 2023`)
        top = float(scores[mask].max()) if mask.any() else 0.0
        scores = scores + np.where(e.mask & mask, top + 1.0, 0).astype(np.float32)
    if not require_all:
        scores = _by_coverage(scores, coverage, mask)
    return mask, scores


def _by_coverage(scores: np.ndarray, coverage: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Answers holding some of the query, those holding more of what it names first.

    `Lương Tam Quang Cuba` without enough of his meetings with Cuba: the other meetings with
    Cuba (the rarer, so weightier, concept) come before his other meetings, however long his
    name's BM25 sum. Within a tier (coverage to the hundredth), the score decides.
    """
    top = float(scores[mask].max()) if mask.any() else 0.0
    return (np.floor(coverage * 100 + 1e-4) * (top + 1.0) + scores).astype(np.float32)
