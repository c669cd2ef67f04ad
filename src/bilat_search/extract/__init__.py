"""Meeting facts from an Article (placeholder: replaced by the extraction package)."""

from __future__ import annotations

from ..article import Article


def extract_facts(article: Article) -> dict:
    year = int(article.published[:4]) if article.published else None
    precision = {4: "year", 7: "month", 10: "day"}.get(len(article.published or ""))
    return {
        "is_bilateral": False,
        "partner_countries": [],
        "date": article.published,
        "date_precision": precision,
        "year": year,
        "date_basis": article.published_basis if article.published else None,
        "vn_officials": [],
        "foreign_officials": [],
        "foreign_agencies": [],
        "locations": [],
        "topics": [],
        "meeting_types": [],
        "source": None,
    }
