"""URL parameters <-> SearchRequest: every view state lives in the URL."""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from ..chronology import DEFAULT_SORT as MEETINGS_DEFAULT_SORT
from ..chronology import MeetingsBadRequest, MeetingsRequest
from ..facets import FACETS
from ..search import MAX_PAGE, BadRequest, SearchRequest

PAGE_SIZE = 10
MEETINGS_PAGE_SIZE = 25
MAX_VALUE_CHARS = 200
MAX_QUERY_PARAM_CHARS = 2000
ONLY_MEETINGS = ("only", "meetings")
"""The "meeting reports only" toggle as a URL parameter."""
STATE_KEYS = ("q", *FACETS, "sort", "page", "lang", "more", "only")


def request_from_args(args: MultiDict) -> SearchRequest:
    """Read and check the parameters; BadRequest says what is wrong."""
    request = SearchRequest(query=_query(args), filters=_filters(args), sort=args.get("sort", "relevance") or
                            "relevance", page=_page(args), page_size=PAGE_SIZE,
                            meetings_only=args.get(ONLY_MEETINGS[0]) == ONLY_MEETINGS[1])
    request.validate()
    return request


def meetings_request_from_args(args: MultiDict) -> MeetingsRequest:
    """The meetings view's parameters: the search page's, with a sort by column."""
    request = MeetingsRequest(query=_query(args), filters=_filters(args),
                              sort=args.get("sort", MEETINGS_DEFAULT_SORT) or MEETINGS_DEFAULT_SORT,
                              page=_page(args), page_size=MEETINGS_PAGE_SIZE)
    try:
        request.validate()
    except MeetingsBadRequest as exc:
        raise BadRequest(str(exc)) from None
    return request


def _query(args: MultiDict) -> str:
    query = args.get("q", "")
    if len(query) > MAX_QUERY_PARAM_CHARS:
        raise BadRequest(f"the query is too long ({len(query)} characters; at most {MAX_QUERY_PARAM_CHARS})")
    return query


def _filters(args: MultiDict) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for param in FACETS:
        values = [v.strip() for v in args.getlist(param) if v.strip()]
        for value in values:
            if len(value) > MAX_VALUE_CHARS:
                raise BadRequest(f"the value of '{param}' is too long")
        if values:
            filters[param] = list(dict.fromkeys(values))
    return filters


def _page(args: MultiDict) -> int:
    page_text = args.get("page", "1") or "1"
    try:
        page = int(page_text)
    except ValueError:
        raise BadRequest(f"page must be a whole number, not '{page_text[:20]}'") from None
    if page < 1 or page > MAX_PAGE:
        raise BadRequest(f"page must be between 1 and {MAX_PAGE}")
    return page


def state(request: SearchRequest | MeetingsRequest, lang: str | None = None, more: list[str] | None = None,
          default_sort: str = "relevance") -> MultiDict:
    """The URL parameters of a view."""
    items: list[tuple[str, str]] = []
    if request.query:
        items.append(("q", request.query))
    for param, values in request.filters.items():
        items.extend((param, v) for v in values)
    if request.sort != default_sort:
        items.append(("sort", request.sort))
    if request.page != 1:
        items.append(("page", str(request.page)))
    if getattr(request, "meetings_only", False):
        items.append(ONLY_MEETINGS)
    if lang:
        items.append(("lang", lang))
    for name in more or []:
        items.append(("more", name))
    return MultiDict(items)


def url_with(base: MultiDict, path: str = "/", *, add: tuple[str, str] | None = None,
             remove: tuple[str, str] | None = None, set_: dict[str, str | None] | None = None,
             drop: tuple[str, ...] = ()) -> str:
    """A link to a view that differs from `base` in one way; facet changes reset the page."""
    items = [(k, v) for k, v in base.items(multi=True) if k not in drop]
    if add or remove:
        items = [(k, v) for k, v in items if k != "page"]
    if remove:
        items = [(k, v) for k, v in items if (k, v) != remove]
    if add and add not in items:
        items.append(add)
    for key, value in (set_ or {}).items():
        items = [(k, v) for k, v in items if k != key]
        if value is not None:
            items.append((key, value))
    query = urlencode(items)
    return f"{path}?{query}" if query else path
