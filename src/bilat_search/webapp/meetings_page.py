"""The meetings view: a chronology table of meetings, its JSON twin and CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import Blueprint, Response, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from ..api import meetings_json
from ..chronology import DEFAULT_SORT, MeetingsRequest, MeetingsResponse
from ..facets import FACETS
from ..meeting import CSV_FIELDS
from . import engine
from .facet_links import chips, facet_view, year_chart
from .i18n import translate
from .params import meetings_request_from_args, state, url_with

bp = Blueprint("meetings", __name__)

PATH = "/meetings"
COLUMNS = ("date", "partner", "official", "foreign", "type", "place", "topic", "reports", "title")
"""The table's columns, in order; all but `title` sort."""
DESCENDING_FIRST = {"date", "reports"}
"""Columns whose first click sorts descending: newest first, most reports first."""


@dataclass
class Column:
    key: str
    label: str
    href: str | None
    """The link that sorts by it (None: not sortable)."""
    aria_sort: str | None
    """`ascending` or `descending` for the sorted column."""


@bp.get(PATH)
def index():
    meetings_request = meetings_request_from_args(request.args)
    more = [m for m in request.args.getlist("more") if m in FACETS]
    lang_param = request.args.get("lang")
    base = state(meetings_request, lang_param, more, default_sort=DEFAULT_SORT)
    response = engine().meetings(meetings_request)
    return render_template("meetings.html", search=meetings_request, response=response, base=base,
                           lang_param=lang_param, form_action=url_with(MultiDict(), PATH),
                           default_sort=DEFAULT_SORT, **view(response, base, more))


def view(response: MeetingsResponse, base: MultiDict, more: list[str]) -> dict:
    """Everything the template shows besides the meetings themselves: links, columns, chart."""
    meetings_request = response.request
    page = meetings_request.page
    years = sorted((v for v in response.facets.get("year", []) if v.value.isdigit()), key=lambda v: v.value)
    return {
        "facets": facet_view(response.facets, base, more, PATH),
        **chips(meetings_request.filters, base, PATH),
        **year_chart(years, lambda year: url_with(base, PATH, add=("year", year))),
        "chart_caption": "meetings_timeline", "bar_caption": "meetings_timeline_bar",
        "columns": columns(meetings_request, base),
        "prev_href": url_with(base, PATH, set_={"page": str(page - 1) if page > 2 else None}) if page > 1 else None,
        "next_href": url_with(base, PATH, set_={"page": str(page + 1)}) if page < response.pages else None,
        "export_href": url_with(base, "/meetings.csv", drop=("page", "more", "lang")),
        "articles_href": url_with(base, "/", drop=("sort", "page", "more")),
    }


def columns(meetings_request: MeetingsRequest, base: MultiDict) -> list[Column]:
    """Header cells: each sortable column links to its sort; the sorted one links to the other direction."""
    out = []
    for key in COLUMNS:
        label = translate(f"col_{key}")
        if key == "title":
            out.append(Column(key, label, None, None))
            continue
        current = meetings_request.column == key
        if current:
            sort = key if meetings_request.descending else f"-{key}"
            aria = "descending" if meetings_request.descending else "ascending"
        else:
            sort = f"-{key}" if key in DESCENDING_FIRST else key
            aria = None
        out.append(Column(key, label, url_with(base, PATH, set_={"sort": None if sort == DEFAULT_SORT else sort,
                                                                  "page": None}), aria))
    return out


@bp.get("/api/meetings")
def api_meetings():
    return jsonify(meetings_json(engine().meetings(meetings_request_from_args(request.args))))


@bp.get("/meetings.csv")
def export_csv():
    meetings = engine().matching_meetings(meetings_request_from_args(request.args))

    def rows():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
        buffer.write("\ufeff")  # spreadsheets then read the Vietnamese as UTF-8
        writer.writeheader()
        yield buffer.getvalue()
        for meeting in meetings:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(meeting.csv_row())
            yield buffer.getvalue()

    return Response(rows(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="bilat-search-meetings.csv"'})
