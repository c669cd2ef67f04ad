"""Partner and official pages: `/partner/<name>`, `/official/<name>`."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from ..profiles import Profile, official_profile, partner_profile
from . import engine
from .facet_links import year_chart
from .params import url_with

bp = Blueprint("profiles", __name__)

MAX_NAME_CHARS = 200
OFFICIAL_MEETINGS = 50
"""An official's page lists this many meetings; the meetings view has them all."""


@bp.get("/partner/<name>")
def partner(name: str):
    profile = partner_profile(engine().chronology(), name[:MAX_NAME_CHARS]) if len(name) <= MAX_NAME_CHARS else None
    if profile is None:
        abort(404)
    return _render("partner", profile)


@bp.get("/official/<name>")
def official(name: str):
    profile = official_profile(engine().chronology(), name[:MAX_NAME_CHARS]) if len(name) <= MAX_NAME_CHARS else None
    if profile is None:
        abort(404)
    return _render("official", profile)


def _render(kind: str, profile: Profile):
    """One template for both: a partner's page shows who met on each side, an official's whom they met."""
    lang_param = request.args.get("lang")
    base = MultiDict([("lang", lang_param)] if lang_param else [])
    facet = "partner" if kind == "partner" else "official"
    scoped = MultiDict([*base.items(multi=True), (facet, profile.name)])
    meetings = profile.latest if kind == "partner" else profile.meetings[:OFFICIAL_MEETINGS]
    return render_template(
        "profile.html", kind=kind, profile=profile, meetings=meetings, lang_param=lang_param,
        meetings_href=url_with(scoped, "/meetings"), search_href=url_with(scoped, "/"),
        **year_chart(profile.per_year, lambda year: url_with(scoped, "/meetings", add=("year", year))),
        chart_caption="meetings_timeline", bar_caption="meetings_timeline_bar",
        topic_href=lambda topic: url_with(scoped, "/meetings", add=("topic", topic)),
        official_link=lambda person: url_for("profiles.official", name=person, lang=lang_param),
        partner_link=lambda country: url_for("profiles.partner", name=country, lang=lang_param),
    )
