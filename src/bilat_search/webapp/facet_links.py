"""Facet values, filter chips and year bars as links: shared by the search page and the meetings view."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from ..facets import FACETS, FacetValue
from ..schema import UNKNOWN_YEAR
from .i18n import translate
from .params import url_with
from .timeline import HEIGHT, LABEL_HEIGHT, WIDTH, bars, label_every

FACET_SHOWN = 8


@dataclass
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    href: str


def facet_view(facets: dict[str, list[FacetValue]], base: MultiDict, more: list[str], path: str = "/") -> dict:
    """Per facet: its first values as links that add or remove the value, and a "more" toggle."""
    out = {}
    for param, values in facets.items():
        links = []
        for value in values:
            pair = (param, value.value)
            href = url_with(base, path, remove=pair) if value.selected else url_with(base, path, add=pair)
            label = translate("unknown_year") if param == "year" and value.value == UNKNOWN_YEAR else value.value
            links.append(FacetLink(value.value, label, value.count, value.selected, href))
        expanded = param in more
        out[param] = {
            "links": links if expanded else links[:FACET_SHOWN],
            "hidden": max(0, len(links) - FACET_SHOWN),
            "toggle_href": url_with(base, path, remove=("more", param)) if expanded
            else url_with(base, path, add=("more", param)),
            "expanded": expanded,
        }
    return out


def chips(filters: dict[str, list[str]], base: MultiDict, path: str = "/") -> dict:
    """Removable chips of the selected values, and the link that clears them all."""
    items = []
    for param, values in filters.items():
        for value in values:
            label = translate("unknown_year") if param == "year" and value == UNKNOWN_YEAR else value
            items.append({"param": param, "value": value, "label": label,
                          "href": url_with(base, path, remove=(param, value))})
    return {"chips": items, "clear_href": url_with(base, path, drop=tuple(FACETS) + ("page", "more"))}


def year_chart(years: list[FacetValue], link) -> dict:
    """The bars of a per-year chart and its geometry (`link(year)` is each bar's href)."""
    year_bars = bars(years, link)
    return {"bars": year_bars, "bar_label_every": label_every(len(year_bars)) if year_bars else 1,
            "svg": {"width": WIDTH, "height": HEIGHT, "label_height": LABEL_HEIGHT}}
