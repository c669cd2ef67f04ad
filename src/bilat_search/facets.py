"""Facet counting over numpy arrays, cached once per index generation.

Each facet field becomes two parallel arrays (document, value) read once
from the postings. Counting the documents of a result set is then one
`bincount` per facet, and the disjunctive counts (each facet counted as if
its own selection were lifted) are mask arithmetic, not extra searches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .schema import FACET_FIELDS, HIDDEN_FACT_FIELDS, UNKNOWN_YEAR
from .vietnamese import search_key


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class FacetColumn:
    """One facet field: its value labels and (document, value) pairs."""

    labels: list[str]
    docs: np.ndarray
    values: np.ndarray
    _keys: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._keys = {search_key(label): i for i, label in enumerate(self.labels)}
        self._exact = {label: i for i, label in enumerate(self.labels)}

    def value_id(self, value: str) -> int | None:
        """Exact label first, then a case- and diacritic-insensitive match."""
        if value in self._exact:
            return self._exact[value]
        return self._keys.get(search_key(value))

    def mask(self, doc_count: int, value_ids: list[int]) -> np.ndarray:
        mask = np.zeros(doc_count, dtype=bool)
        if value_ids:
            mask[self.docs[np.isin(self.values, value_ids)]] = True
        return mask

    def counts(self, selected_docs: np.ndarray) -> np.ndarray:
        keep = selected_docs[self.docs]
        return np.bincount(self.values[keep], minlength=len(self.labels))


class Facet:
    """A facet kind: how its values are ordered and shown."""

    def __init__(self, param: str, field: str):
        self.param = param
        self.field = field

    def order(self, values: list[FacetValue]) -> list[FacetValue]:
        return sorted(values, key=lambda v: (not v.selected, -v.count, search_key(v.value)))


class YearFacet(Facet):
    """Newest year first; articles with no known year count under `unknown`, last."""

    def order(self, values: list[FacetValue]) -> list[FacetValue]:
        known = sorted((v for v in values if v.value != UNKNOWN_YEAR), key=lambda v: v.value, reverse=True)
        return known + [v for v in values if v.value == UNKNOWN_YEAR]


FACETS: dict[str, Facet] = {
    param: (YearFacet(param, name) if param == "year" else Facet(param, name))
    for param, name in FACET_FIELDS.items()
}


class FacetIndex:
    """Per-generation facet arrays for a Whoosh searcher."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.doc_count = reader.doc_count_all()
        self.live = np.ones(self.doc_count, dtype=bool)
        if reader.has_deletions():
            self.live[:] = False
            self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        bilateral = self._column(reader, "is_bilateral")
        self.meetings = bilateral.mask(self.doc_count, [i for i, v in enumerate(bilateral.labels) if v == "t"])
        self.columns: dict[str, FacetColumn] = {}
        for facet in FACETS.values():
            self.columns[facet.param] = self._column(reader, facet.field)
        for param, name in HIDDEN_FACT_FIELDS.items():
            self.columns[param] = self._column(reader, name)  # named by queries, not shown

    def _column(self, reader, fieldname: str) -> FacetColumn:
        labels: list[str] = []
        docs: list[np.ndarray] = []
        values: list[np.ndarray] = []
        if fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                label = term.decode("utf-8") if isinstance(term, bytes) else term
                ids = np.fromiter(reader.postings(fieldname, term).all_ids(), dtype=np.int64)
                docs.append(ids)
                values.append(np.full(len(ids), len(labels), dtype=np.int64))
                labels.append(label)
        if docs:
            return FacetColumn(labels, np.concatenate(docs), np.concatenate(values))
        return FacetColumn([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))

    def selection_masks(self, filters: dict[str, list[str]]) -> tuple[dict[str, np.ndarray], list[str]]:
        """One mask per filtered facet (OR within it); unknown values are reported."""
        masks: dict[str, np.ndarray] = {}
        unknown: list[str] = []
        for param, wanted in filters.items():
            column = self.columns[param]
            ids = []
            for value in wanted:
                value_id = column.value_id(value)
                if value_id is None:
                    unknown.append(f"{param}={value}")
                else:
                    ids.append(value_id)
            masks[param] = column.mask(self.doc_count, ids)
        return masks, unknown

    def labels_for(self, param: str, wanted: list[str]) -> list[str]:
        """The index's own spelling of requested values (`nga` -> `Nga`)."""
        column = self.columns[param]
        out = []
        for value in wanted:
            value_id = column.value_id(value)
            out.append(column.labels[value_id] if value_id is not None else value)
        return out

    def count(self, matched: np.ndarray, masks: dict[str, np.ndarray],
              filters: dict[str, list[str]], limit: int | None = None,
              counter: Callable[[FacetColumn, np.ndarray], np.ndarray] | None = None) -> dict[str, list[FacetValue]]:
        """Counts per facet, each computed with its own selection lifted.

        `counter(column, selected documents)` counts something else than
        documents per value (the meetings view counts meetings).
        """
        result: dict[str, list[FacetValue]] = {}
        for param, facet in FACETS.items():
            docs = matched.copy()
            for other, mask in masks.items():
                if other != param:
                    docs &= mask
            column = self.columns[param]
            counts = counter(column, docs) if counter else column.counts(docs)
            selected = set(self.labels_for(param, filters.get(param, [])))
            values = [FacetValue(label, int(counts[i]), label in selected)
                      for i, label in enumerate(column.labels) if counts[i] or label in selected]
            ordered = facet.order(values)
            result[param] = ordered[:limit] if limit else ordered
        return result
