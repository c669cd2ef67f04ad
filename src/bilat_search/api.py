"""The JSON shapes of product.md, shared by the CLI's --json and the HTTP API."""

from __future__ import annotations

from typing import Any

from .chronology import MeetingsResponse
from .facets import FacetValue
from .search import SearchResponse


def response_json(response: SearchResponse) -> dict[str, Any]:
    """`total` counts the matching articles; `results_total` the results, which pages count (the matching
    reports of one meeting are one result, the others listed in its `other_reports`); `meetings` the
    meetings among the results."""
    request = response.request
    return {
        "query": request.query,
        "filters": request.filters,
        "sort": request.sort,
        "meetings_only": request.meetings_only,
        "total": response.total,
        "results_total": response.results,
        "meetings": response.meetings,
        "meeting_reports": response.meeting_reports,
        "page": request.page,
        "pages": response.pages,
        "page_size": request.page_size,
        "took_ms": round(response.took_ms, 1),
        "partial": response.partial,
        "notices": [str(notice) for notice in response.notices],
        "suggestion": response.suggestion,
        "results": [
            {**hit.record, "snippet_html": hit.snippet_html, "score": hit.score, "other_reports": hit.others}
            for hit in response.hits
        ],
        "facets": facets_json(response.facets),
    }


def meetings_json(response: MeetingsResponse) -> dict[str, Any]:
    """product.md's `/api/meetings`: `{query, total, page, meetings: [...], facets}`, facets counting meetings."""
    request = response.request
    return {
        "query": request.query,
        "filters": request.filters,
        "sort": request.sort,
        "total": response.total,
        "articles": response.articles,
        "page": request.page,
        "pages": response.pages,
        "page_size": request.page_size,
        "took_ms": round(response.took_ms, 1),
        "notices": [str(notice) for notice in response.notices],
        "meetings": [meeting.as_json() for meeting in response.meetings],
        "facets": facets_json(response.facets),
    }


def facets_json(facets: dict[str, list[FacetValue]]) -> dict[str, list[dict[str, Any]]]:
    return {param: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
            for param, values in facets.items()}
