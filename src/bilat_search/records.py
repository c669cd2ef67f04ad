"""The record: one article's fields as users see them (extract, export, API)."""

from __future__ import annotations

import json
from typing import Any

from .article import Article
from .extract import FIELDS as FACT_FIELDS
from .extract import extract_facts
from .schema import LIST_FIELDS, UNKNOWN_YEAR

MEETING_ID = "meeting_id"
"""Shared by the reports of one meeting; set when records are grouped (meeting_table), never stored."""
RECORD_FIELDS = ("id", "title", "url", "path", *FACT_FIELDS, MEETING_ID, "text")
CSV_FIELDS = tuple(f for f in RECORD_FIELDS if f != "text")


def make_record(article: Article) -> dict[str, Any]:
    """Article plus its extracted meeting facts, in product.md's field names."""
    facts = extract_facts(article)
    record: dict[str, Any] = {
        "id": article.id,
        "title": article.display_title,
        "url": article.url,
        "path": article.path,
    }
    record.update({name: facts.get(name) for name in FACT_FIELDS})
    for name in LIST_FIELDS:
        record[name] = list(record.get(name) or [])
    record[MEETING_ID] = None
    record["text"] = article.text
    return record


def bare_record(article: Article) -> dict[str, Any]:
    """A record with no meeting facts: what is indexed if extraction fails."""
    record: dict[str, Any] = {"id": article.id, "title": article.display_title, "url": article.url,
                              "path": article.path}
    record.update({name: None for name in FACT_FIELDS})
    record["is_bilateral"] = False
    for name in LIST_FIELDS:
        record[name] = []
    record[MEETING_ID] = None
    record["text"] = article.text
    return record


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as one CSV row: lists joined with `; `, missing values empty."""
    return {k: "; ".join(v) if isinstance(v, list) else ("" if v is None else v) for k, v in record.items()}


def date_sort_key(date: str | None) -> int:
    """`2017-03-02` -> 20170302; month or year precision sorts at its start."""
    if not date:
        return 0
    parts = (date.split("-") + ["00", "00"])[:3]
    try:
        return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
    except ValueError:
        return 0


def to_document(record: dict[str, Any], article: Article, names: str) -> dict[str, Any]:
    """The Whoosh document for a record."""
    stored = {k: v for k, v in record.items() if k not in ("text", "title", "url", "path", "id", MEETING_ID)}
    doc = {
        "id": record["id"],
        "path": record["path"],
        "file_path": article.file_path,
        "file_signature": article.file_signature,
        # a title derived from the first sentence is shown, not weighted as a headline
        "title": article.title or "",
        "_stored_title": record["title"],
        "body": record["text"],
        "names": names,
        "date": record.get("date") or "",
        "date_sort": date_sort_key(record.get("date")),
        "is_bilateral": bool(record.get("is_bilateral")),
        "record": json.dumps(stored, ensure_ascii=False),
        "year": str(record["year"]) if record.get("year") else UNKNOWN_YEAR,
    }
    if record.get("url"):
        doc["url"] = record["url"]
    if record.get("source"):
        doc["source"] = record["source"]
    for name in ("partner_countries", "vn_officials", "topics", "meeting_types", "locations", "participants"):
        values = [v.replace(",", " ") for v in record.get(name) or []]
        if values:
            doc[name] = ",".join(values)
    return doc


def from_stored(fields: dict[str, Any]) -> dict[str, Any]:
    """Rebuild a record from a Whoosh stored-fields dict."""
    record: dict[str, Any] = {
        "id": fields.get("id"),
        "title": fields.get("title"),
        "url": fields.get("url"),
        "path": fields.get("path"),
    }
    record.update(json.loads(fields.get("record") or "{}"))
    for name in LIST_FIELDS:
        record[name] = list(record.get(name) or [])
    record[MEETING_ID] = None
    record["text"] = fields.get("body") or ""
    return record
