"""One meeting as analysts read it: its facts merged from its reports.

Reports of one meeting say the same things with different precision and
spellings (one gives the day, another only the month; one writes `Nikolai
Patrushev`, another `Patrusev Nikolay Platonovich`). The meeting takes the
most certain date, every fact any report gives (one spelling per person,
the best report's first), and lists its reports best first: the report with
the most certain date and the most facts speaks for the meeting.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from .grouping import foreign_person, vn_person, when_of
from .vietnamese import search_key

FACT_FIELDS = ("partner_countries", "vn_officials", "foreign_officials", "foreign_agencies", "locations",
               "meeting_types", "topics")
REPORT_FIELDS = ("id", "title", "source", "url", "date")
CSV_FIELDS = ("meeting_id", "date", *FACT_FIELDS, "reports", "title", "report_ids", "report_urls")
_PRECISION = {"day": 3, "month": 2, "year": 1}


@dataclass
class Meeting:
    """The facts of one meeting and its reports (`reports[0]` is the best)."""

    meeting_id: str
    date: str | None
    date_precision: str | None
    year: int | None
    partner_countries: list[str]
    vn_officials: list[str]
    foreign_officials: list[str]
    foreign_agencies: list[str]
    locations: list[str]
    meeting_types: list[str]
    topics: list[str]
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The best report's title."""
        return self.reports[0]["title"] if self.reports else ""

    @property
    def report_ids(self) -> list[str]:
        return [r["id"] for r in self.reports]

    def as_json(self) -> dict[str, Any]:
        """product.md's shape: `{meeting_id, date, partner_countries, ..., reports: [{id, title, source, url}]}`."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meeting:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})

    def csv_row(self) -> dict[str, Any]:
        """One CSV row (see CSV_FIELDS): lists joined with `; `, the reports as a count, ids and URLs."""
        row: dict[str, Any] = {"meeting_id": self.meeting_id, "date": self.date or ""}
        for name in FACT_FIELDS:
            row[name] = "; ".join(getattr(self, name))
        row["reports"] = len(self.reports)
        row["title"] = self.title
        row["report_ids"] = "; ".join(self.report_ids)
        row["report_urls"] = "; ".join(r.get("url") or "" for r in self.reports)
        return row


def new_meeting_id(report_ids: Iterable[str]) -> str:
    """A short id from the reports a meeting was first seen with (stable across rebuilds of the same files)."""
    digest = hashlib.sha1("\n".join(sorted(report_ids)).encode("utf-8")).hexdigest()
    return "m" + digest[:11]


def report_rank(record: dict) -> tuple:
    """Better reports first: a certain full date, then more precision, then more facts."""
    when = when_of(record)
    facts = sum(1 for name in FACT_FIELDS if record.get(name))
    return (not when.certain_day, -_PRECISION.get(record.get("date_precision") or "", 0), -facts,
            record.get("id") or "")


def summarise(meeting_id: str, records: list[dict]) -> Meeting:
    """A meeting's facts from its reports' records."""
    ordered = sorted(records, key=report_rank)
    dated = [r for r in ordered if r.get("date")]
    best_date = dated[0] if dated else {}
    return Meeting(
        meeting_id=meeting_id,
        date=best_date.get("date"),
        date_precision=best_date.get("date_precision"),
        year=best_date.get("year"),
        partner_countries=_merged(ordered, "partner_countries"),
        vn_officials=_merged(ordered, "vn_officials", lambda name: vn_person(name).key),
        foreign_officials=_foreign(ordered),
        foreign_agencies=_merged(ordered, "foreign_agencies"),
        locations=_merged(ordered, "locations"),
        meeting_types=_merged(ordered, "meeting_types"),
        topics=_merged(ordered, "topics"),
        reports=[{name: record.get(name) for name in REPORT_FIELDS} for record in ordered],
    )


def _merged(records: list[dict], name: str, key_of=search_key) -> list[str]:
    """Every value any report gives, once (`To Lam` and `Tô Lâm` are one, shown with diacritics),
    those given by more reports first (ties: the best report's order)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for record in records:
        for value in dict.fromkeys(record.get(name) or []):
            key = key_of(value)
            if key not in spelling or (spelling[key].isascii() and not value.isascii()):
                spelling[key] = value
            counts[key] += 1
    order = list(spelling)
    return [spelling[key] for key in sorted(order, key=lambda k: (-counts[k], order.index(k)))]


def _foreign(records: list[dict]) -> list[str]:
    """Foreign officials, spelling variants of one person shown once (the best report's spelling)."""
    people: list[tuple[Any, str]] = []
    counts: list[int] = []
    for record in records:
        for value in dict.fromkeys(record.get("foreign_officials") or []):
            person = foreign_person(value)
            if person is None:
                continue
            for i, (known, _) in enumerate(people):
                if known.same_as(person):
                    counts[i] += 1
                    break
            else:
                people.append((person, value))
                counts.append(1)
    order = sorted(range(len(people)), key=lambda i: (-counts[i], i))
    return [people[i][1] for i in order]
