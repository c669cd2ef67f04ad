"""Search the index: ranked hits, facet counts, snippets, one searcher per generation.

The `Engine` is what the CLI and the web app talk to. It notices when a
rebuild has landed (the index folder's CURRENT pointer changed) and moves to
the new generation on the next request, without a restart.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import highlight
from .facets import FACETS, FacetIndex, FacetValue
from .notices import Notice
from .query import ParsedQuery, parse
from .records import from_stored
from .scoring import Match, Scorer
from .store import IndexMissing, IndexStore, IndexUnreadable
from .suggest import Suggester
from .understanding import QueryFacets

SORTS = ("relevance", "newest", "oldest")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
RETRY_SECONDS = 2.0
"""How often a published index that could not be opened is tried again."""

log = logging.getLogger(__name__)


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


class Generation:
    """One published index: its Whoosh index, per-thread searchers, facet arrays."""

    def __init__(self, store: IndexStore):
        self.name = store.generation()
        self.ix = store.open()
        self._local = threading.local()
        self._searchers: list = []
        self._lock = threading.Lock()
        self.facets = FacetIndex(self.searcher())
        # the scorer reads postings through a reader of its own (under its lock)
        self._scorer_searcher = self.ix.searcher()
        self.scorer = Scorer(self._scorer_searcher, self.facets.live)
        self.understanding = QueryFacets(self.facets)
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
            for searcher in [*self._searchers, self._scorer_searcher]:
                with contextlib.suppress(Exception):  # closing is best effort
                    searcher.close()
            self._searchers.clear()


class Engine:
    """Searches an index folder; safe to share between threads."""

    def __init__(self, index_dir):
        self.store = IndexStore(index_dir)
        self._generation: Generation | None = None
        self._lock = threading.Lock()
        self.problem: str | None = None
        """Why the published index is not the one served, while it cannot be read."""
        self._failed: tuple[tuple[str, int], IndexUnreadable, float] | None = None
        """The generation that could not be opened, why, and when: tried again after RETRY_SECONDS."""

    def generation(self) -> Generation:
        """The generation to answer from: the published one, or the one served so far if that cannot be read.

        Raises IndexMissing, or IndexUnreadable when nothing readable has been served yet.
        """
        gen = self._generation
        try:
            current = self.store.generation()
        except IndexUnreadable as exc:
            return self._keep(gen, exc)
        if gen is None or gen.name != current:
            failed = self._failed
            if failed and failed[0] == current and time.monotonic() - failed[2] < RETRY_SECONDS:
                return self._keep(gen, failed[1])  # not every request pays for a failing open
            with self._lock:
                gen = self._generation
                if gen is None or gen.name != current:
                    try:
                        fresh = Generation(self.store)
                    except IndexMissing:
                        raise
                    except Exception as exc:  # unreadable or damaged: whatever Whoosh raised
                        failure = exc if isinstance(exc, IndexUnreadable) else self.store.unreadable(exc, current[0])
                        self._failed = (current, failure, time.monotonic())
                        return self._keep(gen, failure)
                    old, gen = gen, fresh
                    self._generation = gen
                    self.problem = None
                    self._failed = None
                    if old is not None:
                        # searchers still in use finish on their open files
                        closer = threading.Timer(30.0, old.close)
                        closer.daemon = True
                        closer.start()
        return gen

    def _keep(self, gen: Generation | None, failure: IndexUnreadable) -> Generation:
        """Go on serving `gen` when the published index cannot be read (said once, in the log)."""
        if gen is None:
            raise failure
        if self.problem != str(failure):
            self.problem = str(failure)
            log.warning("%s; still serving %s", failure, gen.name[0])
        return gen

    # --- search -------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        request.validate()
        gen = self.generation()
        parsed = parse(request.query)
        notices = list(parsed.notices)
        masks, unknown = gen.facets.selection_masks(request.filters)
        if unknown:
            notices.append(Notice("unknown_filter_value", {"filters": ", ".join(unknown)}))
        match, loosened = self._match(gen, parsed)
        if loosened:
            notices.append(Notice("some_words"))
        if match.partial:
            notices.append(Notice("partial"))
        accented = gen.suggester.accented(parsed) if not parsed.is_empty else None
        if accented:
            gen.scorer.restore_accents(match, parse(accented).highlight_runs())
        selected = match.mask.copy()
        for mask in masks.values():
            selected &= mask
        total = int(selected.sum())
        sort = "newest" if parsed.is_empty and request.sort == "relevance" else request.sort
        first = (request.page - 1) * request.page_size
        docnums = gen.scorer.top(selected, match.scores, first + request.page_size, sort)[first:]
        terms = highlight.terms_for(parsed.highlight_runs())
        searcher = gen.searcher()
        hits = []
        for docnum in docnums:
            record = from_stored(searcher.stored_fields(int(docnum)))
            text = record.pop("text")
            score = float(match.scores[docnum]) if sort == "relevance" else None
            hits.append(Hit(record, highlight.fragments(text, terms), score))
        facets = gen.facets.count(match.mask, masks, request.filters)
        suggestion = accented
        if not parsed.is_empty and suggestion is None and total == 0:
            suggestion = gen.suggester.corrected(parsed, searcher, gen.scorer.vocabulary)
        return SearchResponse(
            request=request, parsed=parsed, total=total, hits=hits, facets=facets,
            took_ms=(time.perf_counter() - started) * 1000, notices=notices, partial=match.partial,
            unknown_filters=unknown, suggestion=suggestion,
        )

    def _match(self, gen: Generation, parsed: ParsedQuery) -> tuple[Match, bool]:
        """All the words; failing that, some of them (said in a notice)."""
        hints = gen.understanding.hints(parsed.highlight_runs()) if not parsed.is_empty else []
        match = gen.scorer.evaluate(parsed, hints=hints, meetings=gen.facets.meetings)
        if not parsed.is_empty and not match.mask.any() and _syllable_count(parsed) > 1:
            loose = gen.scorer.evaluate(parsed, require_all=False, hints=hints, meetings=gen.facets.meetings)
            if loose.mask.any():
                return loose, True
        return match, False

    def matching_records(self, request: SearchRequest, limit: int = 50_000) -> Iterator[dict[str, Any]]:
        """Every record a search matches (not one page), in its order: for CSV export."""
        request.validate()
        gen = self.generation()
        parsed = parse(request.query)
        masks, _ = gen.facets.selection_masks(request.filters)
        match, _ = self._match(gen, parsed)
        selected = match.mask.copy()
        for mask in masks.values():
            selected &= mask
        sort = "newest" if parsed.is_empty and request.sort == "relevance" else request.sort
        searcher = gen.searcher()
        for docnum in gen.scorer.top(selected, match.scores, limit, sort):
            record = from_stored(searcher.stored_fields(int(docnum)))
            record.pop("text", None)
            yield record

    def complete(self, prefix: str, limit: int = 8) -> list[dict]:
        return self.generation().suggester.complete(prefix, limit)

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
        related = []
        for other in gen.scorer.similar(docnum, record["title"] + "\n" + record["text"], limit):
            rec = from_stored(searcher.stored_fields(other))
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
