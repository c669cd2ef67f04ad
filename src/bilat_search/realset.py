"""The real development set: third-party meeting reports rebuilt on this machine, and their labels.

The texts live outside the repository (`$BILAT_REALSET`, else
`~/.cache/bilat-search/realset`, one `<id>.txt` each); the labels are
`gold.json` in `../shared/corpus/meetings`. Extraction and ranking are judged
on these articles first: nobody here wrote them. This module reads them and
scores extracted records against the labels, per part (a, b, c) and overall.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .readers import parse_text
from .vietnamese import search_key

PARTS = ("a", "b", "c")
TUNED_PARTS = ("a", "c")
"""The parts whose articles and queries were read while tuning from the start."""
HELD_OUT_UNTIL = "d7a3fb6"
"""Part b was only measured up to this commit (its figures there are the held-out ones, in the
README); its misses were read after it, so later figures on b are no longer held out."""


def tuning_note() -> str:
    """One line for an evaluation's output: which parts its figures were tuned on."""
    return (f"tuned on parts {', '.join(TUNED_PARTS)}; part b held out until commit {HELD_OUT_UNTIL} "
            "(held-out figures in the README), read since")


def default_folder() -> Path:
    """Where `collect.py` writes the texts."""
    return Path(os.environ.get("BILAT_REALSET") or Path.home() / ".cache" / "bilat-search" / "realset")


@dataclass
class Labelled:
    """One real article and what a careful reader says it reports."""

    label: dict
    article: Article

    @property
    def id(self) -> str:
        return self.label["id"]

    @property
    def part(self) -> str:
        return self.label["part"]


def load(folder: Path, gold_path: Path, with_url: bool = True) -> list[Labelled]:
    """Every labelled article whose text is present, read as the `.txt` reader reads it.

    `with_url` gives each article the URL it was published under (as a saved
    page would carry it); without it only the text speaks.
    """
    labels = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    out = []
    for label in labels:
        path = Path(folder) / f"{label['id']}.txt"
        if not path.exists():
            continue
        article = parse_text(path.read_text(encoding="utf-8"), path.name)
        if with_url:
            article.url = label.get("url")
        out.append(Labelled(label, article))
    return out


def item_key(value: str) -> str:
    """Items compare without case or diacritics: `To Lam` is `Tô Lâm`."""
    return search_key(value)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: Iterable[str], predicted: Iterable[str]) -> None:
        t = {item_key(v) for v in truth if v}
        p = {item_key(v) for v in predicted if v}
        self.tp += len(t & p)
        self.fp += len(p - t)
        self.fn += len(t - p)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


LIST_MEASURES = {
    "partner_countries": "partner_countries",
    "vn_officials": "vn_officials",
    "foreign_officials": "foreign_officials",
    "topics": "topics",
    "meeting_types": "meeting_types",
}


def gold_year(label: dict) -> int | None:
    date = label.get("date")
    return int(date[:4]) if date else None


@dataclass
class Figures:
    """The issue's measures over a set of labelled articles."""

    articles: int = 0
    meetings: int = 0
    detected: int = 0
    """Gold meetings that the extractor calls meetings."""
    flagged: int = 0
    """Articles the extractor calls meetings."""
    year_right: int = 0
    years_invented: int = 0
    """Meetings whose text gives no year but the extractor gave one."""
    location_right: int = 0
    lists: dict[str, Counts] | None = None

    @property
    def recall(self) -> float:
        return self.detected / self.meetings if self.meetings else 1.0

    @property
    def precision(self) -> float:
        return self.detected / self.flagged if self.flagged else 1.0

    @property
    def year_accuracy(self) -> float:
        return self.year_right / self.meetings if self.meetings else 1.0

    def as_dict(self) -> dict:
        out = {
            "articles": self.articles,
            "meetings": self.meetings,
            "meeting_recall": round(self.recall, 3),
            "meeting_precision": round(self.precision, 3),
            "year_accuracy": round(self.year_accuracy, 3),
            "years_invented": self.years_invented,
            "location_accuracy": round(self.location_right / self.meetings, 3) if self.meetings else 1.0,
        }
        for name, counts in (self.lists or {}).items():
            out[f"{name}_f1"] = round(counts.f1, 3)
        return out


def score(rows: Iterable[tuple[dict, dict]]) -> Figures:
    """Figures of (label, extracted record) pairs. List fields and years are judged on meetings."""
    figures = Figures(lists={name: Counts() for name in LIST_MEASURES})
    for label, record in rows:
        figures.articles += 1
        figures.flagged += bool(record["is_bilateral"])
        if not label["is_bilateral"]:
            continue
        figures.meetings += 1
        figures.detected += bool(record["is_bilateral"])
        year = gold_year(label)
        figures.year_right += record.get("year") == year
        figures.years_invented += year is None and record.get("year") is not None
        location = label.get("location")
        figures.location_right += (
            {item_key(location)} == {item_key(v) for v in record["locations"]}
            if location else not record["locations"]
        )
        for name, field in LIST_MEASURES.items():
            figures.lists[name].add(label.get(field) or [], record.get(field) or [])
    return figures


def differences(label: dict, record: dict) -> list[str]:
    """What an extracted record gets wrong against its label, one line per field."""
    out = []
    if bool(label["is_bilateral"]) != bool(record["is_bilateral"]):
        out.append(f"is_bilateral: expected {label['is_bilateral']} got {record['is_bilateral']}")
    if not label["is_bilateral"]:
        return out
    year = gold_year(label)
    if record.get("year") != year:
        out.append(f"year: expected {year} got {record.get('year')} ({record.get('date')}, {record.get('date_basis')})")
    for field in LIST_MEASURES.values():
        truth = {item_key(v) for v in label.get(field) or []}
        got = {item_key(v) for v in record.get(field) or []}
        if truth != got:
            out.append(f"{field}: expected {label.get(field)} got {record.get(field)}")
    location = label.get("location")
    got_locations = {item_key(v) for v in record["locations"]}
    if ({item_key(location)} if location else set()) != got_locations:
        out.append(f"location: expected {location!r} got {record['locations']}")
    return out
