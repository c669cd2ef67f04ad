"""The JSON shapes of product.md, shared by the CLI's --json and the HTTP API."""

from __future__ import annotations

from typing import Any

from .search import SearchResponse


def response_json(response: SearchResponse) -> dict[str, Any]:
    request = response.request
    return {
        "query": request.query,
        "filters": request.filters,
        "sort": request.sort,
        "total": response.total,
        "page": request.page,
        "pages": response.pages,
        "page_size": request.page_size,
        "took_ms": round(response.took_ms, 1),
        "partial": response.partial,
        "notices": [str(notice) for notice in response.notices],
        "suggestion": response.suggestion,
        "results": [
            {**hit.record, "snippet_html": hit.snippet_html, "score": hit.score}
            for hit in response.hits
        ],
        "facets": {
            param: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
            for param, values in response.facets.items()
        },
    }
