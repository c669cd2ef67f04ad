"""The timeline: matching articles per year, an SVG drawn on the server."""

from __future__ import annotations

from dataclasses import dataclass

from ..facets import FacetValue

WIDTH = 320
HEIGHT = 96
LABEL_HEIGHT = 16


@dataclass
class Bar:
    year: str
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str
    selected: bool


def bars(years: list[FacetValue], link) -> list[Bar]:
    """Geometry for one bar per year from the first to the last (empty years included)."""
    counts = {int(v.value): v for v in years if v.value.isdigit()}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = list(range(first, last + 1))
    top = max(v.count for v in counts.values()) or 1
    slot = WIDTH / len(span)
    width = max(2.0, slot * 0.75)
    out = []
    for i, year in enumerate(span):
        value = counts.get(year)
        count = value.count if value else 0
        height = (HEIGHT - LABEL_HEIGHT - 4) * count / top
        out.append(Bar(
            year=str(year), count=count, x=round(i * slot + (slot - width) / 2, 1),
            y=round(HEIGHT - LABEL_HEIGHT - height, 1), width=round(width, 1), height=round(height, 1),
            href=link(str(year)), selected=bool(value and value.selected),
        ))
    return out


def label_every(count: int) -> int:
    """Label every n-th year so that labels never overlap."""
    return max(1, -(-count * 34 // WIDTH))
