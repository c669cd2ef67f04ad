"""The search page, its JSON twin, CSV export, type-ahead and health check."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, g, jsonify, render_template, request
from markupsafe import Markup

from ..api import response_json
from ..facets import FACETS
from ..records import CSV_FIELDS, csv_row
from ..search import SearchResponse
from ..store import IndexMissing, IndexUnreadable
from . import engine
from .facet_links import chips, facet_view, year_chart
from .i18n import results_summary
from .params import ONLY_MEETINGS, request_from_args, state, url_with

bp = Blueprint("search", __name__)

EXAMPLES = ["to lam han quoc", "\"an ninh mạng\"", "Belarus 2017", "ma túy Lào", "Bộ Nội vụ Nga",
            "dẫn độ", "Lương Tam Quang"]


@bp.get("/")
def index():
    search_request = request_from_args(request.args)
    more = [m for m in request.args.getlist("more") if m in FACETS]
    lang_param = request.args.get("lang")
    base = state(search_request, lang_param, more)
    has_search = bool(search_request.query.strip() or search_request.filters or search_request.meetings_only)
    response = engine().search(search_request) if has_search else None
    context = {"search": search_request, "response": response, "base": base, "examples": EXAMPLES,
               "url_with": url_with, "lang_param": lang_param}
    if response is not None:
        context.update(_view(response, base, more))
    else:
        context.update(example_links=[url_with(base, set_={"q": e}) for e in EXAMPLES],
                       browse_href=url_with(base, set_={"sort": "newest", "q": None}, add=None))
    return render_template("search.html", **context)


def _view(response: SearchResponse, base, more: list[str]) -> dict:
    pages = response.pages
    page = response.request.page
    return {
        "facets": facet_view(response.facets, base, more),
        **chips(response.request.filters, base),
        "sort_links": {s: url_with(base, set_={"sort": None if s == "relevance" else s, "page": None})
                       for s in ("relevance", "newest", "oldest")},
        "prev_href": url_with(base, set_={"page": str(page - 1) if page > 2 else None}) if page > 1 else None,
        "next_href": url_with(base, set_={"page": str(page + 1)}) if page < pages else None,
        "suggestion_href": url_with(base, set_={"q": response.suggestion, "page": None})
        if response.suggestion else None,
        "export_href": url_with(base, "/export.csv", drop=("page", "more", "lang")),
        **year_chart(response.timeline, lambda year: url_with(base, add=("year", year))),
        "snippets": [Markup(hit.snippet_html) for hit in response.hits],
        "article_query": {"q": response.request.query} if response.request.query else {},
        "only_meetings_href": url_with(base, remove=ONLY_MEETINGS) if response.request.meetings_only
        else url_with(base, add=ONLY_MEETINGS),
        "meetings_href": url_with(base, "/meetings", drop=("sort", "page", "more", "only")),
        "summary_text": results_summary(response.results, response.total, response.meetings),
    }


@bp.get("/api/search")
def api_search():
    search_request = request_from_args(request.args)
    response = engine().search(search_request)
    return jsonify(response_json(response))


@bp.get("/export.csv")
def export_csv():
    search_request = request_from_args(request.args)
    records = engine().matching_records(search_request)

    def rows():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
        buffer.write("\ufeff")  # spreadsheets then read the Vietnamese as UTF-8
        writer.writeheader()
        yield buffer.getvalue()
        for record in records:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(csv_row(record))
            yield buffer.getvalue()

    return Response(rows(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="bilat-search.csv"'})


@bp.get("/api/suggest")
def api_suggest():
    prefix = request.args.get("q", "")[:100]
    return jsonify({"query": prefix, "suggestions": engine().complete(prefix)})


@bp.get("/healthz")
def healthz():
    """What is served; `warning` says why a newer index is not (it cannot be read)."""
    eng = engine()
    try:
        gen = eng.generation()
    except IndexMissing:
        return jsonify({"status": "no index", "articles": 0}), 503
    except IndexUnreadable as exc:
        return jsonify({"status": "unreadable", "articles": 0, "message": str(exc)}), 503
    body = {"status": "ok", "articles": gen.searcher().doc_count(), "generation": gen.name[0], "lang": g.get("lang")}
    if eng.problem:
        body["warning"] = eng.problem
    return jsonify(body)
