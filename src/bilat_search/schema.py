"""The Whoosh schema: text by exact syllables (names folded), facets as keywords."""

from __future__ import annotations

from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from .analysis import VietnameseTokenizer, folded_analyzer, keyed_positions, text_analyzer
from .postings_format import PackedPositions

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
               "locations", "topics", "meeting_types", "participants")
# Facts that queries name but that are not shown as facets: URL parameter -> index field.
HIDDEN_FACT_FIELDS: dict[str, str] = {"participant": "participants"}
UNKNOWN_YEAR = "unknown"


class VietnameseText(TEXT):
    """A TEXT field whose postings come straight from `keyed_positions`.

    Whoosh would build one Token object per word and group them again; this
    gives it the grouped positions directly (same postings, same encoding),
    which makes indexing about a third faster. Queries, highlighting and
    "more like this" still use the analyzer. Positions are stored packed
    (`postings_format.py`), for numpy to read.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.format = PackedPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        boost = self.format.field_boost
        for word, poslist in keyed_positions(value, field_form(self)).items():
            yield word.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)


def field_form(field) -> str:
    """`exact`, `folded` or `both`: which keys a text field's postings hold."""
    analyzer = getattr(field, "analyzer", None)
    return analyzer.form if isinstance(analyzer, VietnameseTokenizer) else "both"


def _facet() -> KEYWORD:
    return KEYWORD(stored=False, commas=True, lowercase=False, scorable=False)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        file_path=ID(stored=True),
        file_signature=STORED(),
        url=ID(stored=True),
        title=VietnameseText(analyzer=text_analyzer(), stored=True, field_boost=2.0),
        body=VietnameseText(analyzer=text_analyzer(), stored=True),
        names=VietnameseText(analyzer=folded_analyzer(), field_boost=1.5),
        date=ID(stored=True),
        date_sort=COLUMN(NumericColumn("I", default=0)),  # sorts only: a NUMERIC field adds 8 terms a document
        is_bilateral=BOOLEAN(stored=True),
        record=STORED(),
        partner_countries=_facet(),
        year=_facet(),
        vn_officials=_facet(),
        topics=_facet(),
        source=_facet(),
        meeting_types=_facet(),
        locations=_facet(),
        participants=_facet(),
    )
