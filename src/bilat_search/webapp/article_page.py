"""One article: paragraphs with the query marked, its meeting facts, related articles."""

from __future__ import annotations

import re

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from .. import highlight
from ..query import parse
from ..related import related_to
from . import engine
from .i18n import translate
from .params import url_with

bp = Blueprint("article", __name__)

ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
# fact field -> search parameter its values link to
FACT_LINKS = {"partner_countries": "partner", "vn_officials": "official", "locations": "location",
              "topics": "topic", "meeting_types": "type", "source": "source"}
FACT_ORDER = ("partner_countries", "date", "vn_officials", "foreign_officials", "foreign_agencies", "locations",
              "topics", "meeting_types", "source", "path")
# fact field -> (page of each value, the label of its link)
PROFILE_LINKS = {"partner_countries": ("profiles.partner", "partner_page"),
                 "vn_officials": ("profiles.official", "official_page")}


def _load(article_id: str) -> dict:
    if not ARTICLE_ID.match(article_id):
        abort(404)
    record = engine().article(article_id)
    if record is None:
        abort(404)
    return record


@bp.get("/article/<path:article_id>")
def show(article_id: str):
    record = _load(article_id)
    query = request.args.get("q", "")[:500]
    keys = highlight.terms_for(parse(query).highlight_runs()) if query else None
    paragraphs = [Markup(highlight.highlight_paragraph_html(p, keys)) for p in record["text"].split("\n\n") if p]
    lang_param = request.args.get("lang")
    base = MultiDict([("lang", lang_param)] if lang_param else [])
    facts = []
    for name in FACT_ORDER:
        value = record.get(name)
        if value in (None, [], ""):
            continue
        values = value if isinstance(value, list) else [value]
        param = FACT_LINKS.get(name)
        items = [{"text": str(v), "href": url_with(base, add=(param, str(v))) if param else None} for v in values]
        if name in PROFILE_LINKS:
            endpoint, label = PROFILE_LINKS[name]
            for item in items:
                item["profile"] = url_for(endpoint, name=item["text"], lang=lang_param)
                item["profile_label"] = translate(label, name=item["text"])
        if name == "date" and record.get("year"):
            items = [{"text": str(value), "href": url_with(base, add=("year", str(record["year"])))}]
        facts.append({"name": name, "items": items})
    related = related_to(engine().chronology(), article_id)
    similar = engine().similar(article_id) if record.get("meeting_id") is None else []
    back_href = request.referrer if _same_site(request.referrer) else url_with(base, set_={"q": query or None})
    return render_template("article.html", record=record, paragraphs=paragraphs, facts=facts, related=related,
                           similar=similar, back_href=back_href, query=query, lang_param=lang_param)


@bp.get("/api/articles/<path:article_id>")
def api_article(article_id: str):
    """The record, and the meeting it reports (its merged facts and every report), or null."""
    record = _load(article_id)
    meeting = engine().meeting(record["meeting_id"]) if record.get("meeting_id") else None
    return jsonify({**record, "meeting": meeting.as_json() if meeting else None})


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)
