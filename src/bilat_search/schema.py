"""The Whoosh schema: searchable text in two forms, facets as keywords."""

from __future__ import annotations

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import folded_analyzer, text_analyzer

# Facets of product.md: URL parameter -> index field.
FACET_FIELDS: dict[str, str] = {
    "partner": "partner_countries",
    "year": "year",
    "official": "vn_officials",
    "topic": "topics",
    "source": "source",
    "type": "meeting_types",
    "location": "locations",
}
LIST_FIELDS = ("partner_countries", "vn_officials", "foreign_officials", "foreign_agencies",
               "locations", "topics", "meeting_types")
UNKNOWN_YEAR = "unknown"
SCHEMA_VERSION = 2


def _facet() -> KEYWORD:
    return KEYWORD(stored=False, commas=True, lowercase=False, scorable=False)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        file_path=ID(stored=True),
        file_signature=STORED(),
        url=ID(stored=True),
        title=TEXT(analyzer=text_analyzer(), stored=True, field_boost=2.0),
        body=TEXT(analyzer=text_analyzer(), stored=True),
        names=TEXT(analyzer=folded_analyzer(), field_boost=1.5),
        date=ID(stored=True),
        date_sort=NUMERIC(int, bits=32, sortable=True, stored=False, signed=False),
        is_bilateral=BOOLEAN(stored=True),
        record=STORED(),
        partner_countries=_facet(),
        year=_facet(),
        vn_officials=_facet(),
        topics=_facet(),
        source=_facet(),
        meeting_types=_facet(),
        locations=_facet(),
    )
