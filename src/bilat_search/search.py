"""Search the index: ranked hits, facet counts, snippets, one searcher per generation.

The `Engine` is what the CLI and the web app talk to. It notices when a
rebuild has landed (the index folder's CURRENT pointer changed) and moves to
the new generation on the next request, without a restart.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import collectors, sorting
from whoosh import query as wq
from whoosh.searching import TimeLimit

from . import highlight
from .facets import FACETS, FacetIndex, FacetValue
from .notices import Notice
from .query import ParsedQuery, parse, to_whoosh
from .records import from_stored
from .store import IndexStore
from .suggest import Suggester

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
TIME_LIMIT_SECONDS = 3.0


class BadRequest(ValueError):
    """A parameter that cannot be honoured; the message says why."""


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10

    def validate(self) -> None:
        unknown = [name for name in self.filters if name not in FACETS]
        if unknown:
            raise BadRequest(f"unknown filter {', '.join(unknown)}: use one of {', '.join(FACETS)}")
        if self.sort not in SORTS:
            raise BadRequest(f"unknown sort '{self.sort}': use relevance, newest or oldest")
        if not 1 <= self.page <= MAX_PAGE:
            raise BadRequest(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise BadRequest(f"the number of results per page must be between 1 and {MAX_PAGE_SIZE}")


@dataclass
class Hit:
    record: dict[str, Any]
    fragments: list[highlight.Fragment]
    score: float | None = None

    @property
    def snippet_html(self) -> str:
        return highlight.to_html(self.fragments)


@dataclass
class SearchResponse:
    request: SearchRequest
    parsed: ParsedQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    took_ms: float
    notices: list[Notice] = field(default_factory=list)
    partial: bool = False
    suggestion: str | None = None
    unknown_filters: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))

    @property
    def timeline(self) -> list[FacetValue]:
        """Matching articles per known year, oldest first."""
        return sorted((v for v in self.facets.get("year", []) if v.value.isdigit()), key=lambda v: v.value)


def _ranking_collector(searcher, limit: int, sortedby):
    """Top-N by score without Whoosh's matcher replacement.

    Once its heap is full, Whoosh's scored collectors periodically `replace`
    the matcher with a cheaper one, and an AndMaybe drops its optional part:
    later documents lose the phrase bonus, so pages overlap and the best
    articles can vanish from page one. Our queries always rank with it.
    """
    if sortedby is not None:
        return searcher.collector(limit=limit, sortedby=sortedby)
    return collectors.TopCollector(limit=limit, usequality=False, replace=0)


class DeadlineCollector(collectors.FilterCollector):
    """Filter to a set of documents and stop at a deadline, in one loop.

    Whoosh's TimeLimitCollector checks the clock only in its own loop, which a
    FilterCollector around it bypasses (and one inside it is bypassed by it);
    this does both jobs, without signals, so it works in server threads.
    """

    def __init__(self, child, allow: set[int] | None, seconds: float):
        super().__init__(child, allow=allow)
        self.seconds = seconds
        self.deadline = 0.0

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.deadline = time.monotonic() + self.seconds

    def collect_matches(self):
        child = self.child
        allow = self._allow
        offset = self.offset
        for n, sub_docnum in enumerate(child.matches()):
            if not n & 255 and time.monotonic() > self.deadline:
                raise TimeLimit
            if allow is not None and offset + sub_docnum not in allow:
                continue
            child.collect(sub_docnum)


class Generation:
    """One published index: its Whoosh index, per-thread searchers, facet arrays."""

    def __init__(self, store: IndexStore):
        self.name = store.generation()
        self.ix = store.open()
        self._local = threading.local()
        self._searchers: list = []
        self._lock = threading.Lock()
        self.facets = FacetIndex(self.searcher())
        self._suggester: Suggester | None = None

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            self._suggester = Suggester.build(self.searcher(), self.facets)
        return self._suggester

    def searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def close(self) -> None:
        with self._lock:
            for searcher in self._searchers:
                with contextlib.suppress(Exception):  # closing is best effort
                    searcher.close()
            self._searchers.clear()


class Engine:
    """Searches an index folder; safe to share between threads."""

    def __init__(self, index_dir):
        self.store = IndexStore(index_dir)
        self._generation: Generation | None = None
        self._lock = threading.Lock()

    def generation(self) -> Generation:
        current = self.store.generation()
        gen = self._generation
        if gen is None or gen.name != current:
            with self._lock:
                gen = self._generation
                if gen is None or gen.name != self.store.generation():
                    old = gen
                    gen = Generation(self.store)
                    self._generation = gen
                    if old is not None:
                        # searchers still in use finish on their open files
                        threading.Timer(30.0, old.close).start()
        return gen

    # --- search -------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        request.validate()
        gen = self.generation()
        searcher = gen.searcher()
        parsed = parse(request.query)
        notices = list(parsed.notices)
        masks, unknown = gen.facets.selection_masks(request.filters)
        if unknown:
            notices.append(Notice("unknown_filter_value", {"filters": ", ".join(unknown)}))
        q = to_whoosh(parsed)
        matched = self._matched(searcher, gen, q, parsed)
        if not parsed.is_empty and not matched.any() and len(parsed.positive_clauses()) >= 1:
            loose = to_whoosh(parsed, require_all=False)
            loose_matched = self._matched(searcher, gen, loose, parsed)
            if loose_matched.any() and _syllable_count(parsed) > 1:
                notices.append(Notice("some_words"))
                q, matched = loose, loose_matched
        selected = matched.copy()
        for mask in masks.values():
            selected &= mask
        total = int(selected.sum())
        sort = request.sort
        if parsed.is_empty and sort == "relevance":
            sort = "newest"
        hits, partial = self._page(searcher, q, selected, masks, sort, request, parsed, total)
        if partial:
            notices.append(Notice("partial"))
        facets = gen.facets.count(matched, masks, request.filters)
        suggestion = None
        if not parsed.is_empty:
            suggestion = gen.suggester.accented(parsed)
            if suggestion is None and total == 0:
                suggestion = gen.suggester.corrected(parsed, searcher)
        return SearchResponse(
            request=request, parsed=parsed, total=total, hits=hits, facets=facets,
            took_ms=(time.perf_counter() - started) * 1000, notices=notices, partial=partial,
            unknown_filters=unknown, suggestion=suggestion,
        )

    def matching_records(self, request: SearchRequest, limit: int = 50_000) -> Iterator[dict[str, Any]]:
        """Every record a search matches (not one page), in its order: for CSV export."""
        request.validate()
        gen = self.generation()
        searcher = gen.searcher()
        parsed = parse(request.query)
        masks, _ = gen.facets.selection_masks(request.filters)
        q = to_whoosh(parsed)
        selected = self._matched(searcher, gen, q, parsed)
        for mask in masks.values():
            selected &= mask
        sort = "newest" if parsed.is_empty and request.sort == "relevance" else request.sort
        sortedby = sorting.FieldFacet("date_sort", reverse=sort == "newest") if sort != "relevance" else None
        docs = set(np.flatnonzero(selected).tolist())
        if not docs:
            return
        collector = collectors.FilterCollector(_ranking_collector(searcher, limit, sortedby), allow=docs)
        searcher.search_with_collector(q, collector)
        for hit in collector.results():
            record = from_stored(hit.fields())
            record.pop("text", None)
            yield record

    def complete(self, prefix: str, limit: int = 8) -> list[dict]:
        return self.generation().suggester.complete(prefix, limit)

    def _matched(self, searcher, gen: Generation, q: wq.Query, parsed: ParsedQuery) -> np.ndarray:
        if isinstance(q, wq.Every):
            return gen.facets.live.copy()
        mask = np.zeros(gen.facets.doc_count, dtype=bool)
        required = q.a if isinstance(q, wq.AndMaybe) else q
        ids = np.fromiter(searcher.docs_for_query(required), dtype=np.int64)
        if len(ids):
            mask[ids] = True
        return mask & gen.facets.live

    def _page(self, searcher, q, selected, masks, sort, request, parsed, total) -> tuple[list[Hit], bool]:
        if total == 0:
            return [], False
        first = (request.page - 1) * request.page_size
        if first >= total:
            return [], False
        limit = first + request.page_size
        sortedby = None
        if sort in ("newest", "oldest"):
            sortedby = sorting.FieldFacet("date_sort", reverse=sort == "newest")
        doc_filter = set(np.flatnonzero(selected).tolist()) if masks else None
        if isinstance(q, wq.Every):
            doc_filter = set(np.flatnonzero(selected).tolist())
        collector = DeadlineCollector(_ranking_collector(searcher, limit, sortedby), allow=doc_filter,
                                      seconds=TIME_LIMIT_SECONDS)
        partial = False
        try:
            searcher.search_with_collector(q, collector)
        except TimeLimit:
            partial = True
        results = collector.results()
        keys = highlight.terms_for(parsed.highlight_runs())
        hits = []
        for position in range(first, min(limit, len(results))):
            fields = results[position]
            record = from_stored(fields.fields())
            text = record.pop("text")
            score = results.score(position) if sort == "relevance" else None
            hits.append(Hit(record, highlight.fragments(text, keys), score))
        return hits, partial

    # --- articles -----------------------------------------------------------------------
    def article(self, article_id: str) -> dict[str, Any] | None:
        searcher = self.generation().searcher()
        fields = searcher.document(id=article_id)
        return from_stored(fields) if fields else None

    def related(self, article_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """More like this: by the folded words of the article, then shared facts."""
        gen = self.generation()
        searcher = gen.searcher()
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            return []
        record = from_stored(searcher.stored_fields(docnum))
        try:
            results = searcher.more_like(docnum, "body", text=record["title"] + "\n" + record["text"],
                                         top=limit, numterms=25)
        except Exception:  # noqa: BLE001 - a failed "related" box must not break the page
            return []
        related = []
        for hit in results:
            rec = from_stored(hit.fields())
            rec.pop("text", None)
            related.append(rec)
        return related

    def records(self) -> Iterator[dict[str, Any]]:
        searcher = self.generation().searcher()
        for fields in searcher.all_stored_fields():
            yield from_stored(fields)

    def stats(self) -> dict[str, Any]:
        gen = self.generation()
        searcher = gen.searcher()
        dates = [d for d in (f.get("date") for f in searcher.all_stored_fields()) if d]
        matched = gen.facets.live
        facets = gen.facets.count(matched, {}, {})
        return {
            "articles": searcher.doc_count(),
            "index_bytes": self.store.size_bytes(),
            "index_path": str(self.store.current_path()),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "sources": {v.value: v.count for v in facets["source"]},
            "partners": {v.value: v.count for v in facets["partner"]},
            "years": {v.value: v.count for v in facets["year"]},
        }


def _syllable_count(parsed: ParsedQuery) -> int:
    return sum(len(c.words) for c in parsed.positive_clauses())
