"""The meetings view: meetings that match a search, counted by facet, sorted by any column.

`/meetings`, `/api/meetings` and `bilat-search meetings` list meetings, not
articles. A meeting matches when any of its reports matches the query and
the filters; each facet counts meetings (with its own selection lifted, as
the search page counts articles). The per-generation arrays (which meeting
each document reports, a sort key per column) are built once, so a page
is a few array operations, like facets.py.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np

from .facets import FACETS, FacetColumn, FacetIndex, FacetValue
from .grouping import vn_person
from .meeting import Meeting
from .meeting_table import MeetingTable
from .notices import Notice
from .records import date_sort_key
from .schema import UNKNOWN_YEAR
from .vietnamese import search_key

TEXT_COLUMNS = {"partner": "partner_countries", "official": "vn_officials", "foreign": "foreign_officials",
                "type": "meeting_types", "place": "locations", "topic": "topics"}
"""Sortable columns holding names -> the meeting field sorted by (its first value)."""
SORT_COLUMNS = ("date", *TEXT_COLUMNS, "reports", "relevance")
SORT_ALIASES = {"newest": "-date", "oldest": "date"}
"""The search page's sort words, so that its links carry over."""
DEFAULT_SORT = "-date"
MAX_PAGE_SIZE = 200
MAX_PAGE = 1000


class MeetingsBadRequest(ValueError):
    """A parameter of the meetings view that cannot be honoured; the message says why."""


@dataclass
class MeetingsRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    """A column (`date`, `partner`, `official`, `foreign`, `type`, `place`, `topic`, `reports`,
    `relevance`), descending with a leading `-`; `newest` and `oldest` also work."""
    page: int = 1
    page_size: int = 25

    def validate(self) -> None:
        unknown = [name for name in self.filters if name not in FACETS]
        if unknown:
            raise MeetingsBadRequest(f"unknown filter {', '.join(unknown)}: use one of {', '.join(FACETS)}")
        self.sort = SORT_ALIASES.get(self.sort, self.sort or DEFAULT_SORT)
        if self.sort.lstrip("-") not in SORT_COLUMNS:
            raise MeetingsBadRequest(f"unknown sort '{self.sort}': use one of {', '.join(SORT_COLUMNS)}, "
                                     "with a leading - for descending")
        if not 1 <= self.page <= MAX_PAGE:
            raise MeetingsBadRequest(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise MeetingsBadRequest(f"the number of meetings per page must be between 1 and {MAX_PAGE_SIZE}")

    @property
    def column(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")


@dataclass
class MeetingsResponse:
    request: MeetingsRequest
    total: int
    """Meetings that match."""
    articles: int
    """Their reports that match."""
    meetings: list[Meeting]
    facets: dict[str, list[FacetValue]]
    took_ms: float = 0.0
    notices: list[Notice] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))


class Chronology:
    """One generation's meetings as arrays over its documents."""

    def __init__(self, table: MeetingTable, searcher, facets: FacetIndex):
        self.table = table
        self.meetings = table.meetings
        self.meeting_of_doc = np.full(facets.doc_count, -1, dtype=np.int64)
        """Document number -> index of the meeting it reports (-1: none)."""
        self.doc_of_report = _docnums(searcher, {r for m in self.meetings for r in m.report_ids})
        """Report id -> its document number (reports no longer in the index are left out)."""
        for index, meeting in enumerate(self.meetings):
            for report_id in meeting.report_ids:
                docnum = self.doc_of_report.get(report_id)
                if docnum is not None:
                    self.meeting_of_doc[docnum] = index
        self.reports_mask = (self.meeting_of_doc >= 0) & facets.live
        self.facets = copy.copy(facets)
        """The search's facets, but a meeting's year is its own (a report with no year does not make it undated)."""
        self.facets.columns = {**facets.columns, "year": self._years()}
        self.date_keys = np.array([date_sort_key(m.date) for m in self.meetings], dtype=np.int64)
        self.report_counts = np.array([len(m.reports) for m in self.meetings], dtype=np.int64)
        self.text_ranks = {column: _ranks([getattr(m, name) for m in self.meetings])
                           for column, name in TEXT_COLUMNS.items()}
        self.by_partner = self._index(lambda m: {search_key(p) for p in m.partner_countries})
        """Partner key -> its meetings' indices, newest first."""
        self.by_official = self._index(lambda m: {vn_person(p).key for p in m.vn_officials})
        """Vietnamese official's key -> the indices of the meetings they attended, newest first."""

    def _years(self) -> FacetColumn:
        """The year facet of the meetings view: each report counts under its meeting's year."""
        labels = [*sorted({str(m.year) for m in self.meetings if m.year}), UNKNOWN_YEAR]
        position = {label: i for i, label in enumerate(labels)}
        of_meeting = np.array([position[str(m.year) if m.year else UNKNOWN_YEAR] for m in self.meetings],
                              dtype=np.int64)
        docs = np.flatnonzero(self.meeting_of_doc >= 0)
        return FacetColumn(labels, docs, of_meeting[self.meeting_of_doc[docs]] if len(docs) else docs)

    def _index(self, keys_of) -> dict[str, np.ndarray]:
        lists: dict[str, list[int]] = {}
        for index, meeting in enumerate(self.meetings):
            for key in keys_of(meeting):
                lists.setdefault(key, []).append(index)
        newest = -self.date_keys
        return {key: np.array(sorted(items, key=lambda i: (newest[i], i)), dtype=np.int64)
                for key, items in lists.items()}

    def __len__(self) -> int:
        return len(self.meetings)

    def meeting_mask(self, docs: np.ndarray) -> np.ndarray:
        """Meetings with at least one report among the documents of a mask."""
        chosen = np.zeros(len(self.meetings), dtype=bool)
        indices = self.meeting_of_doc[docs & self.reports_mask]
        chosen[indices] = True
        return chosen

    def count_meetings(self, column: FacetColumn, docs: np.ndarray) -> np.ndarray:
        """Meetings per facet value: a meeting counts once however many of its reports hold the value."""
        keep = docs[column.docs] & self.reports_mask[column.docs]
        meetings = self.meeting_of_doc[column.docs[keep]]
        width = max(1, len(column.labels))
        pairs = np.unique(meetings * width + column.values[keep])
        return np.bincount(pairs % width, minlength=len(column.labels))

    def meeting_scores(self, doc_scores: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """A meeting's relevance: its best matching report's score."""
        scores = np.zeros(len(self.meetings), dtype=np.float32)
        chosen = docs & self.reports_mask
        np.maximum.at(scores, self.meeting_of_doc[chosen], doc_scores[chosen])
        return scores

    def order(self, chosen: np.ndarray, column: str, descending: bool,
              scores: np.ndarray | None = None) -> np.ndarray:
        """Indices of the chosen meetings in the order of a column; empty values last, then newest first."""
        indices = np.flatnonzero(chosen)
        if column == "relevance":
            keys = -(scores[indices] if scores is not None else np.zeros(len(indices))).astype(np.float64)
            missing = np.zeros(len(indices), dtype=bool)
            descending = False
        elif column == "date":
            keys = self.date_keys[indices].astype(np.float64)
            missing = keys == 0
        elif column == "reports":
            keys = self.report_counts[indices].astype(np.float64)
            missing = np.zeros(len(indices), dtype=bool)
        else:
            keys = self.text_ranks[column][indices].astype(np.float64)
            missing = keys < 0
        if descending:
            keys = -keys
        newest = -self.date_keys[indices]
        return indices[np.lexsort((indices, newest, keys, missing))]

    def _chosen(self, request: MeetingsRequest, matched: np.ndarray, masks: dict[str, np.ndarray],
                doc_scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(matching meetings in the requested order, their matching reports' mask)."""
        selected = matched.copy()
        for mask in masks.values():
            selected &= mask
        selected &= self.reports_mask
        chosen = self.meeting_mask(selected)
        scores = self.meeting_scores(doc_scores, selected) if request.column == "relevance" else None
        return self.order(chosen, request.column, request.descending, scores), selected

    def matching(self, request: MeetingsRequest, matched: np.ndarray, doc_scores: np.ndarray) -> list[Meeting]:
        """Every matching meeting, in order."""
        masks, _ = self.facets.selection_masks(request.filters)
        ordered, _ = self._chosen(request, matched, masks, doc_scores)
        return [self.meetings[i] for i in ordered]

    def view(self, request: MeetingsRequest, matched: np.ndarray, doc_scores: np.ndarray) -> MeetingsResponse:
        """One page of the meetings view, from the documents a query matched (and their scores)."""
        started = time.perf_counter()
        masks, _ = self.facets.selection_masks(request.filters)
        ordered, selected = self._chosen(request, matched, masks, doc_scores)
        first = (request.page - 1) * request.page_size
        page = [self.meetings[i] for i in ordered[first:first + request.page_size]]
        facets = self.facets.count(matched & self.reports_mask, masks, request.filters, counter=self.count_meetings)
        return MeetingsResponse(request=request, total=len(ordered), articles=int(selected.sum()),
                                meetings=page, facets=facets, took_ms=(time.perf_counter() - started) * 1000)

    def with_partner(self, partner: str) -> list[Meeting]:
        """The meetings with a partner country, newest first."""
        return [self.meetings[i] for i in self.by_partner.get(search_key(partner), ())]

    def with_official(self, official: str) -> list[Meeting]:
        """The meetings a Vietnamese official attended, newest first."""
        return [self.meetings[i] for i in self.by_official.get(vn_person(official).key, ())]


def _docnums(searcher, ids: set[str]) -> dict[str, int]:
    """Live document numbers of article ids.

    A few ids are looked up one by one; many in one pass over the id lexicon
    (a lookup per id took a second for 20,000 reports, and the pass 0.6 s on
    38,000 articles). An id held by one document carries its number in the
    term's statistics.
    """
    out: dict[str, int] = {}
    if not ids:
        return out
    for leaf, base in searcher.reader().leaf_readers():
        if "id" not in leaf.indexed_field_names():
            continue
        if len(ids) * 20 < leaf.doc_count_all():
            terms = ((key.encode("utf-8"), leaf.term_info("id", key)) for key in ids if ("id", key) in leaf)
        else:
            terms = leaf.iter_field("id")
        for text, info in terms:
            key = text.decode("utf-8") if isinstance(text, bytes) else text
            if key not in ids:
                continue
            if info.doc_frequency() == 1:
                if not leaf.is_deleted(info.min_id()):
                    out[key] = base + info.min_id()
            else:  # an updated article: its older copies are deleted
                for docnum in leaf.postings("id", text).all_ids():
                    if not leaf.is_deleted(docnum):
                        out[key] = base + docnum
    return out


def _ranks(values: list[list[str]]) -> np.ndarray:
    """Rank of each meeting's first value in alphabetical order (case and diacritics aside); -1 when empty."""
    keys = [search_key(v[0]) if v else None for v in values]
    order = {key: rank for rank, key in enumerate(sorted({k for k in keys if k is not None}))}
    return np.array([order[k] if k is not None else -1 for k in keys], dtype=np.int64)
