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
from pathlib import Path
from typing import Any

import numpy as np

from . import collapse, highlight
from .chronology import Chronology, MeetingsRequest, MeetingsResponse
from .concepts import ConceptLexicon
from .facets import FACETS, FacetIndex, FacetValue
from .meeting import Meeting
from .meeting_table import MeetingTable, meeting_reports, table_of
from .notices import Notice
from .postings import LRU
from .query import ParsedQuery, parse
from .records import MEETING_ID, from_stored
from .scoring import Match, Scorer
from .store import IndexMissing, IndexStore, IndexUnreadable
from .suggest import Suggester
from .vocabulary import Vocabulary

log = logging.getLogger(__name__)

SORTS = ("relevance", "newest", "oldest")
FEW_RESULTS = 10
"""With fewer articles holding every word of a query, those holding some follow them."""
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
RETRY_SECONDS = 2.0
"""How often a published index that could not be opened is tried again."""
WATCH_SECONDS = 1.0
"""How often `serve` looks for a newly published generation."""
SNIPPET_CACHE = 4096
"""Snippets remembered per generation (a few hundred bytes each)."""

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
    meetings_only: bool = False
    """Only articles that report a meeting (the "meeting reports only" toggle)."""

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
    others: list[dict[str, Any]] = field(default_factory=list)
    """The other matching reports of its meeting, folded into this result (id, title, source, url, date)."""

    @property
    def snippet_html(self) -> str:
        return highlight.to_html(self.fragments)


@dataclass
class SearchResponse:
    request: SearchRequest
    parsed: ParsedQuery
    total: int
    """Matching articles."""
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    took_ms: float
    notices: list[Notice] = field(default_factory=list)
    partial: bool = False
    suggestion: str | None = None
    unknown_filters: list[str] = field(default_factory=list)
    results: int = 0
    """Results, which pages count: a meeting's matching reports are one result (fewer than `total` then)."""
    meetings: int = 0
    """Meetings among the results."""
    meeting_reports: int = 0
    """Matching articles that report a meeting (what the "meeting reports only" toggle would keep)."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.results // self.request.page_size))

    @property
    def timeline(self) -> list[FacetValue]:
        """Matching articles per known year, oldest first."""
        return sorted((v for v in self.facets.get("year", []) if v.value.isdigit()), key=lambda v: v.value)


@dataclass
class Selection:
    """What a query and filters select in one generation (shared by the search and meetings views)."""

    gen: Generation
    parsed: ParsedQuery
    match: Match
    masks: dict[str, np.ndarray]
    notices: list[Notice]
    unknown: list[str]

    def selected(self) -> np.ndarray:
        selected = self.match.mask.copy()
        for mask in self.masks.values():
            selected &= mask
        return selected


class Generation:
    """One published index: its Whoosh index, per-thread searchers, facet arrays, meetings."""

    def __init__(self, store: IndexStore):
        self.name = store.generation()
        self.path = store.current_path()
        self.ix = store.open()
        self._local = threading.local()
        self._searchers: list = []
        self._lock = threading.Lock()
        self.facets = FacetIndex(self.searcher())
        # the scorer reads postings through a reader of its own (under its lock)
        self._scorer_searcher = self.ix.searcher()
        vocabulary = Vocabulary.load(self.path, self._scorer_searcher.reader())
        self.scorer = Scorer(self._scorer_searcher, self.facets.live, vocabulary)
        self.lexicon = ConceptLexicon(self.facets)
        self._suggester: Suggester | None = None
        self._meetings: Chronology | None = None
        self._meetings_lock = threading.Lock()
        self._snippets = LRU(SNIPPET_CACHE)
        self.meetings  # noqa: B018 - read now, not on the first request

    @property
    def meetings(self) -> Chronology:
        """The generation's meetings (read on first use)."""
        if self._meetings is None:
            with self._meetings_lock:
                if self._meetings is None:
                    searcher = self.searcher()
                    self._meetings = Chronology(_meeting_table(self.path, searcher), searcher, self.facets)
        return self._meetings

    def snippet(self, docnum: int, text: str, terms: highlight.Terms) -> list[highlight.Fragment]:
        """A result's snippet, remembered for the next request with the same words (paging, page and API)."""
        key = (docnum, tuple(tuple(run) for run in terms.runs))
        cached = self._snippets.get(key)
        if cached is None:
            cached = highlight.fragments(text, terms)
            self._snippets.put(key, cached, 1)
        return cached

    def record(self, docnum: int) -> dict[str, Any]:
        """A document's record, with the meeting it reports."""
        record = from_stored(self.searcher().stored_fields(int(docnum)))
        record[MEETING_ID] = self.meetings.table.meeting_id_of(record["id"])
        return record

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
            # one thread opens it; requests arriving meanwhile wait for it (a search after `index`
            # returns sees the new articles); requests already running finish on the generation they hold
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

    def watch(self, seconds: float = WATCH_SECONDS) -> None:
        """Open each newly published generation in the background, so that requests seldom wait for it."""
        def loop() -> None:
            while True:
                time.sleep(seconds)
                with contextlib.suppress(Exception):  # requests report problems; the watcher goes on
                    self.generation()

        threading.Thread(target=loop, name="generation-watch", daemon=True).start()

    def _keep(self, gen: Generation | None, failure: IndexUnreadable) -> Generation:
        """Go on serving `gen` when the published index cannot be read (said once, in the log)."""
        if gen is None:
            raise failure
        if self.problem != str(failure):
            self.problem = str(failure)
            log.warning("%s; still serving %s", failure, gen.name[0])
        return gen

    # --- search -------------------------------------------------------------------
    def select(self, query: str, filters: dict[str, list[str]], ranked: bool = False) -> Selection:
        """The documents a query matches (with scores) and the masks of the filters.

        `ranked`: the answers are shown by relevance, so a short query with few answers holding
        all its words may be followed by those holding some (a date-sorted table would mix them).
        """
        gen = self.generation()
        parsed = parse(query)
        notices = list(parsed.notices)
        masks, unknown = gen.facets.selection_masks(filters)
        if unknown:
            notices.append(Notice("unknown_filter_value", {"filters": ", ".join(unknown)}))
        match, loosened = self._match(gen, parsed, ranked)
        if loosened:
            notices.append(Notice(loosened))
        if match.partial:
            notices.append(Notice("partial"))
        return Selection(gen, parsed, match, masks, notices, unknown)

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        request.validate()
        chosen = self.select(request.query, request.filters, ranked=request.sort == "relevance")
        gen, parsed, match = chosen.gen, chosen.parsed, chosen.match
        accented = gen.suggester.accented(parsed) if not parsed.is_empty else None
        if accented:
            gen.scorer.restore_accents(match, parse(accented).highlight_runs())
        selected = chosen.selected()
        meeting_reports = int((selected & gen.facets.meetings).sum())
        matched = match.mask
        if request.meetings_only:
            selected &= gen.facets.meetings
            matched = matched & gen.facets.meetings
        articles = int(selected.sum())
        meeting_of_doc = gen.meetings.meeting_of_doc
        results_total, meetings = collapse.counts(selected, meeting_of_doc)
        sort = "newest" if parsed.is_empty and request.sort == "relevance" else request.sort
        first = (request.page - 1) * request.page_size
        if results_total == articles:  # no meeting has two reports here: every article is its own result
            docnums = gen.scorer.top(selected, match.scores, first + request.page_size, sort)[first:]
            results = [collapse.Result(int(d)) for d in docnums]
        else:
            ordered = gen.scorer.top(selected, match.scores, articles, sort)
            results = collapse.page(ordered, meeting_of_doc, first, request.page_size)
        terms = highlight.terms_for(parsed.highlight_runs() + gen.lexicon.alternative_runs(parsed))
        hits = []
        for result in results:
            record = gen.record(result.docnum)
            text = record.pop("text")
            score = float(match.scores[result.docnum]) if sort == "relevance" else None
            others = [_report_summary(gen.record(d)) for d in result.others]
            hits.append(Hit(record, gen.snippet(result.docnum, text, terms), score, others))
        facets = gen.facets.count(matched, chosen.masks, request.filters)
        suggestion = accented
        if not parsed.is_empty and suggestion is None and articles == 0:
            suggestion = gen.suggester.corrected(parsed, gen.searcher(), gen.scorer.vocabulary)
        return SearchResponse(
            request=request, parsed=parsed, total=articles, hits=hits, facets=facets,
            took_ms=(time.perf_counter() - started) * 1000, notices=chosen.notices, partial=match.partial,
            unknown_filters=chosen.unknown, suggestion=suggestion, results=results_total, meetings=meetings,
            meeting_reports=meeting_reports,
        )

    def _match(self, gen: Generation, parsed: ParsedQuery, ranked: bool = False) -> tuple[Match, str | None]:
        """All the words; with fewer than a page of such articles, those with some of them after
        (`Lương Tam Quang Cuba`: his meeting first, then other meetings with Cuba); the notice says which."""
        concepts = gen.lexicon.for_query(parsed) if not parsed.is_empty else {}
        match = gen.scorer.evaluate(parsed, concepts=concepts, meetings=gen.facets.meetings)
        if parsed.is_empty or _syllable_count(parsed) < 2 or sum(map(len, concepts.values())) < 2:
            return match, None
        strict = int(match.mask.sum())
        if strict >= FEW_RESULTS or (strict and not ranked):
            return match, None
        loose = gen.scorer.evaluate(parsed, require_all=False, concepts=concepts, meetings=gen.facets.meetings)
        if not loose.mask.any() or int(loose.mask.sum()) == strict:
            return match, None
        if not strict:
            return loose, "some_words"
        scores = loose.scores.copy()
        top = float(scores[loose.mask].max()) if loose.mask.any() else 0.0
        scores[match.mask] += top + 1.0  # every article with all the words first
        return Match(loose.mask, scores, partial=match.partial or loose.partial), "some_words_after"

    def matching_records(self, request: SearchRequest, limit: int = 50_000) -> Iterator[dict[str, Any]]:
        """Every record a search matches (not one page), in its order: for CSV export."""
        request.validate()
        chosen = self.select(request.query, request.filters)
        gen = chosen.gen
        selected = chosen.selected()
        if request.meetings_only:
            selected &= gen.facets.meetings
        sort = "newest" if chosen.parsed.is_empty and request.sort == "relevance" else request.sort
        for docnum in gen.scorer.top(selected, chosen.match.scores, limit, sort):
            record = gen.record(docnum)
            record.pop("text", None)
            yield record

    # --- meetings -----------------------------------------------------------------------
    def meetings(self, request: MeetingsRequest) -> MeetingsResponse:
        """One page of the meetings a search matches (a meeting matches when any report does)."""
        started = time.perf_counter()
        request.validate()
        chosen = self.select(request.query, request.filters)
        response = chosen.gen.meetings.view(request, chosen.match.mask, chosen.match.scores)
        response.notices = chosen.notices
        response.took_ms = (time.perf_counter() - started) * 1000
        return response

    def matching_meetings(self, request: MeetingsRequest) -> list[Meeting]:
        """Every meeting a search matches, in the requested order: for CSV export."""
        request.validate()
        chosen = self.select(request.query, request.filters)
        return chosen.gen.meetings.matching(request, chosen.match.mask, chosen.match.scores)

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.generation().meetings.table.by_id.get(meeting_id)

    def chronology(self) -> Chronology:
        """The served generation's meetings, for the partner and official pages."""
        return self.generation().meetings

    def complete(self, prefix: str, limit: int = 8) -> list[dict]:
        return self.generation().suggester.complete(prefix, limit)

    # --- articles -----------------------------------------------------------------------
    def article(self, article_id: str) -> dict[str, Any] | None:
        gen = self.generation()
        docnum = gen.searcher().document_number(id=article_id)
        return gen.record(docnum) if docnum is not None else None

    def similar(self, article_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """More like this, by the folded words of the article: for articles that report no meeting."""
        gen = self.generation()
        docnum = gen.searcher().document_number(id=article_id)
        if docnum is None:
            return []
        record = gen.record(docnum)
        similar = []
        for other in gen.scorer.similar(docnum, record["title"] + "\n" + record["text"], limit):
            rec = gen.record(other)
            rec.pop("text", None)
            similar.append(rec)
        return similar

    def records(self) -> Iterator[dict[str, Any]]:
        table = self.generation().meetings.table
        for fields in self.generation().searcher().all_stored_fields():
            record = from_stored(fields)
            record[MEETING_ID] = table.meeting_id_of(record["id"])
            yield record

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


def _report_summary(record: dict[str, Any]) -> dict[str, Any]:
    return {name: record.get(name) for name in ("id", "title", "source", "url", "date")}


def _meeting_table(folder: Path, searcher) -> MeetingTable:
    """The table saved with the generation; an index built before meetings were grouped is grouped now."""
    table = MeetingTable.load(folder)
    if table is not None:
        return table
    try:
        return table_of(meeting_reports(searcher))
    except Exception as exc:  # a grouping bug must not take search down: no meetings then
        log.warning("meetings of %s could not be grouped: %s: %s", folder, type(exc).__name__, exc)
        return MeetingTable([])
