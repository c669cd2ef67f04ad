"""A page's worth of facts about one partner country or one Vietnamese official, from their meetings.

`/partner/<name>` answers "how often, with whom, about what" for a
country: meetings per year, the officials met on both sides, topics over
time, the counterpart agencies, the latest meetings. `/official/<name>`
answers "whom did they meet, and when". Counts are of meetings, not
articles: three reports of one meeting are one meeting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from .chronology import Chronology
from .extract.gazetteer import countries
from .extract.gazetteer import vn_officials as gazetteer_vn_officials
from .facets import FacetValue
from .grouping import foreign_person, vn_person
from .meeting import Meeting
from .vietnamese import search_key

LATEST = 10


@dataclass
class Count:
    value: str
    count: int


@dataclass
class TopicsOverTime:
    """Meetings per topic and year: `rows[i].counts[j]` is topic i in `years[j]`."""

    years: list[str]
    rows: list[tuple[str, list[int], int]] = field(default_factory=list)
    """(topic, counts per year, total), most frequent topic first."""


@dataclass
class Profile:
    """What the meetings of one partner or one official add up to."""

    name: str
    meetings: list[Meeting]
    """Newest first."""
    per_year: list[FacetValue]
    undated: int
    reports: int
    partners: list[Count]
    vn_officials: list[Count]
    foreign_officials: list[Count]
    agencies: list[Count]
    topics: list[Count]
    topics_over_time: TopicsOverTime

    @property
    def latest(self) -> list[Meeting]:
        return self.meetings[:LATEST]


def partner_profile(chronology: Chronology, name: str) -> Profile | None:
    """The profile of a partner country by any of its names (`nga`, `Russia`, `Liên bang Nga`); None if unknown."""
    key = search_key(name)
    canonical = _country_names().get(key)
    meetings = chronology.with_partner(canonical or name)
    if not meetings and canonical is None:
        return None
    label = canonical or next((p for p in meetings[0].partner_countries if search_key(p) == key), name)
    return _profile(label, meetings)


def official_profile(chronology: Chronology, name: str) -> Profile | None:
    """The profile of a Vietnamese official by any spelling (`to lam`, `Tô Lâm`); None if unknown."""
    key = vn_person(name).key
    meetings = chronology.with_official(name)
    known = _official_names().get(key)
    if not meetings and known is None:
        return None
    label = known or next((p for p in meetings[0].vn_officials if vn_person(p).key == key), name)
    return _profile(label, meetings)


def _profile(name: str, meetings: list[Meeting]) -> Profile:
    years = Counter(str(m.year) for m in meetings if m.year)
    return Profile(
        name=name,
        meetings=meetings,
        per_year=[FacetValue(year, count) for year, count in sorted(years.items())],
        undated=sum(1 for m in meetings if not m.year),
        reports=sum(len(m.reports) for m in meetings),
        partners=_count(meetings, lambda m: m.partner_countries, search_key),
        vn_officials=_count(meetings, lambda m: m.vn_officials, lambda n: vn_person(n).key),
        foreign_officials=_count_foreign(meetings),
        agencies=_count(meetings, lambda m: m.foreign_agencies, search_key),
        topics=_count(meetings, lambda m: m.topics, search_key),
        topics_over_time=_topics_over_time(meetings),
    )


def _count(meetings: Iterable[Meeting], values_of: Callable[[Meeting], list[str]],
           key_of: Callable[[str], str]) -> list[Count]:
    """Meetings per value, one spelling per key (the newest meeting's), most frequent first."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for meeting in meetings:
        for key, value in {key_of(v): v for v in reversed(values_of(meeting))}.items():
            spelling.setdefault(key, value)
            counts[key] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], search_key(spelling[item[0]])))
    return [Count(spelling[key], count) for key, count in ordered]


def _count_foreign(meetings: Iterable[Meeting]) -> list[Count]:
    """Foreign officials per meeting, spelling variants of one person counted as one."""
    people: list[tuple] = []  # (person, spelling, count)
    for meeting in meetings:
        seen: set[int] = set()
        for value in meeting.foreign_officials:
            person = foreign_person(value)
            if person is None:
                continue
            index = next((i for i, (known, _, _) in enumerate(people) if known.same_as(person)), None)
            if index is None:
                people.append((person, value, 0))
                index = len(people) - 1
            if index not in seen:
                seen.add(index)
                known, spelling, count = people[index]
                people[index] = (known, spelling, count + 1)
    return [Count(spelling, count) for _, spelling, count in sorted(people, key=lambda p: (-p[2], search_key(p[1])))]


def _topics_over_time(meetings: list[Meeting]) -> TopicsOverTime:
    years = sorted({str(m.year) for m in meetings if m.year})
    column = {year: i for i, year in enumerate(years)}
    table: dict[str, list[int]] = {}
    for meeting in meetings:
        if not meeting.year:
            continue
        for topic in dict.fromkeys(meeting.topics):
            table.setdefault(topic, [0] * len(years))[column[str(meeting.year)]] += 1
    rows = sorted(((topic, counts, sum(counts)) for topic, counts in table.items()),
                  key=lambda row: (-row[2], search_key(row[0])))
    return TopicsOverTime(years, rows)


@cache
def _country_names() -> dict[str, str]:
    """Search key of any name of a country -> its canonical Vietnamese name."""
    table: dict[str, str] = {}
    for country in countries():
        names = [country["name"], country.get("english") or "", *(country.get("aliases") or [])]
        for name in names:
            if isinstance(name, str) and name:
                table.setdefault(search_key(name), country["name"])
    return table


@cache
def _official_names() -> dict[str, str]:
    """Key of a Vietnamese official in the gazetteer -> their name."""
    return {vn_person(p["name"]).key: p["name"] for p in gazetteer_vn_officials()}
