"""Which reports tell of one meeting: the rules, each with its reason.

Analysts count meetings, not articles: TTXVN, Vietnam+ in English and CAND
reporting one meeting are one meeting. Two reports are of one meeting when

1. **they report a meeting at all.** An article that reports none
   (`is_bilateral` false, or no partner) is never part of a meeting, however
   many names it shares with one: general news must not pass for a report.
2. **they name the same partner.** A meeting has one counterpart country;
   reports of it name that country (they may name others in passing, so the
   partner lists must share a country, not be equal).
3. **their dates agree.** The same day, or a less precise date that contains
   the other (`2023-09` contains `2023-09-26`; a visit `from March 15-17`
   contains March 16, though its reports then need a person in common). Two
   different days are never one meeting. A year the extractor guessed from years in the text
   (`date_basis` `inferred`) is a guess, so it neither proves nor rules out a
   year; a day and month in the lead still count when the text gives no year
   at all (the extractor drops those: it never invents a year, but two reports
   of `Ngày 26/9` with the same people are one meeting whatever the year).
   A day taken from the publication date (no date in the lead) is the day of
   the meeting or up to two days after it.
4. **their people or place agree, and their people never disagree.** The
   same leader on either side, or the same place; but when both reports name
   Vietnamese officials (or both name foreign ones) and none of them is the
   same person, they are two meetings (the minister's talks and the Prime
   Minister's reception of the same delegation, the same day). Names are
   compared across languages and spellings: `To Lam` is `Tô Lâm`, `Lam` is
   `Tô Lâm` in an English report, `Patrusev Nikolay Platonovich` is
   `Nikolai Patrushev`, and a gazetteer variant is its person. A name the
   Vietnamese press transcribes (`Trang Vĩ`) and one spelled as at home
   (`Zhang Wei`) cannot be compared without the gazetteer, so their
   difference proves nothing.

Reports with a full, certain date (*anchors*) are grouped first, day by day.
A less precise report (no day, no certain year, or no date at all) can
belong to any meeting its date contains, so it must do more: name a person
of the meeting (with a day and month but no certain year), or agree on two of
Vietnamese officials, foreign officials and place, one of them a person (with
less than a day), and fit exactly one meeting. If it fits two (Tô Lâm met
Patrushev in 2017, 2020 and 2021), it stays alone rather than join the wrong one. Such reports
may still form a meeting among themselves when they give the same day (or
month) and agree as strongly; reports with only a year or no date at all
never do: nothing would tell their meetings apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .extract.dates import lead_date, lead_day_range
from .extract.gazetteer import foreign_officials as gazetteer_foreign_officials
from .extract.gazetteer import vn_officials as gazetteer_vn_officials
from .extract.officials import fuzzy_tokens
from .vietnamese import search_key

FIRM_BASES = frozenset({"explicit", "prefix", "metadata", "url"})
"""Where a year is read, not guessed: the lead, the publication date, the URL."""
PUBLISHED_BASES = frozenset({"prefix", "metadata", "url"})
PUBLICATION_LAG_DAYS = 2
"""A report comes out on the day of the meeting or within two days after it."""
LEAD_CHARS = 700
"""Where a day and month without a year are looked for: the title and the first sentences."""
EARLIEST_YEAR, LATEST_YEAR = 1975, 2035
"""The years a meeting date can have (as extract.dates reads them)."""

# Words of titles and institutions that extraction can leave in a foreign name
# (`Federation`, `Women Marise Payne`): they name nobody, so they prove nothing.
NOT_NAME_WORDS = frozenset(fuzzy_tokens(
    "federation council security central committee commission political legal communist party people peoples "
    "revolutionary staff secretariat secretary general ministry minister police national republic state office "
    "department affairs internal public women deputy chief director president chairman ambassador delegation "
    "senior lieutenant colonel major gen lieut mr mrs ms dr his her excellency the of and"
))


# --- dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """What a report says of its meeting's date, and how sure each part is."""

    year: int | None = None
    year_firm: bool = False
    month: int | None = None
    day: int | None = None
    published_day: bool = False
    """The day is the publication's: the meeting was that day or up to two days before."""
    last_day: int | None = None
    """The lead gives a span of days from `day` to this one (a visit): the meeting was one of them."""

    @property
    def certain_day(self) -> bool:
        """A full date read from the text or the publication, day taken from the lead: an anchor."""
        return self.year_firm and self.day is not None and not self.published_day and self.last_day is None

    def days(self) -> range:
        return range(self.day, (self.last_day or self.day) + 1) if self.day is not None else range(0)

    @property
    def has_day(self) -> bool:
        return self.day is not None and self.month is not None

    def as_date(self, year: int | None = None) -> datetime.date | None:
        year = year if year is not None else self.year
        if year is None or not self.has_day:
            return None
        try:
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None


def when_of(record: dict) -> When:
    """The date facts of a record; for a record with no date, the day and month its lead gives."""
    date = record.get("date")
    if not date:
        lead = lead_date(_lead_text(record))
        return When(month=lead[1], day=lead[0]) if lead else When()
    parts = [int(p) for p in str(date).split("-") if p.isdigit()]
    basis = record.get("date_basis") or ""
    firm = basis in FIRM_BASES
    year = parts[0] if parts else None
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    published = False
    if day is not None and basis in PUBLISHED_BASES:
        # the extractor keeps a lead's day and month and takes only the year from the publication
        lead = lead_date(_lead_text(record))
        published = lead is None or (lead[0], lead[1]) != (day, month)
    span = lead_day_range(_lead_text(record)) if day is not None else None
    last_day = span[1] if span and (span[0], span[2]) == (day, month) else None
    return When(year, firm, month, day, published, last_day)


def _lead_text(record: dict) -> str:
    return f"{record.get('title') or ''}\n{(record.get('text') or '')[:LEAD_CHARS]}"


def years_agree(a: When, b: When) -> bool:
    """Only two read years can disagree; a guessed or missing year agrees with any."""
    return not (a.year_firm and b.year_firm and a.year != b.year)


def dates_agree(a: When, b: When) -> bool:
    """Rule 3: the same day, or one date contains the other."""
    if a.has_day and b.has_day:
        if a.published_day or b.published_day:
            return _publication_fits(a, b)
        # the same day, or a day within the other's span of days (`from March 15-17`)
        return a.month == b.month and bool(set(a.days()) & set(b.days())) and years_agree(a, b)
    if a.month is not None and b.month is not None:
        return a.month == b.month and years_agree(a, b)
    return years_agree(a, b)


def _publication_fits(a: When, b: When) -> bool:
    """A publication day fits a meeting day that is the same or up to two days earlier."""
    if a.published_day and b.published_day:
        return (a.year, a.month, a.day) == (b.year, b.month, b.day)
    published, meeting = (a, b) if a.published_day else (b, a)
    out = published.as_date()
    if out is None:
        return False
    years = [meeting.year] if meeting.year_firm else [out.year, out.year - 1]
    for year in years:
        held = meeting.as_date(year)
        if held is not None and 0 <= (out - held).days <= PUBLICATION_LAG_DAYS:
            return True
    return False


# --- people and places --------------------------------------------------------------------


@cache
def _vn_canonical() -> dict[str, str]:
    """Search key of any spelling of a Vietnamese official -> the key of their canonical name."""
    table: dict[str, str] = {}
    for person in gazetteer_vn_officials():
        canonical = search_key(person["name"])
        for name in [person["name"], *(person.get("variants") or [])]:
            table.setdefault(search_key(name), canonical)
    return table


@cache
def _foreign_canonical() -> dict[str, str]:
    """Search key of any spelling of a known foreign official -> their canonical name's key."""
    table: dict[str, str] = {}
    for person in gazetteer_foreign_officials():
        canonical = search_key(person["name"])
        for name in [person["name"], *(person.get("variants") or [])]:
            table.setdefault(search_key(name), canonical)
    return table


@cache
def _foreign_full_names() -> list[tuple[frozenset[str], str]]:
    """(tokens of a known spelling, canonical key) for every gazetteer spelling of two or more words."""
    out = []
    for person in gazetteer_foreign_officials():
        canonical = search_key(person["name"])
        for name in [person["name"], *(person.get("variants") or [])]:
            tokens = name_tokens(name)
            if len(tokens) >= 2:
                out.append((tokens, canonical))
    return out


def _known_foreign(key: str, tokens: frozenset[str]) -> str | None:
    """The gazetteer person a name spells, whole or in part.

    `Nikolai Platonovich` is written for Nikolai Platonovich Patrushev, and
    `Patrusev Nikolay Platonovich` too: a name whose words all belong to one
    known person's full name is that person (if to one person only).
    """
    exact = _foreign_canonical().get(key)
    if exact is not None or not tokens:
        return exact
    if len(tokens) == 1 and len(next(iter(tokens))) < 5:
        return None
    owners = {canonical for full, canonical in _foreign_full_names() if tokens <= full}
    return owners.pop() if len(owners) == 1 else None


_TRANSLITERATION = (("sh", "s"), ("zh", "z"), ("gh", "g"), ("th", "t"), ("ch", "c"), ("h", ""))


def name_tokens(name: str) -> frozenset[str]:
    """Spelling-tolerant tokens of a foreign name: `Patrusev` ~ `Patrushev`, `Nikolay` ~ `Nikolai`."""
    out = set()
    for token in fuzzy_tokens(name):
        if token in NOT_NAME_WORDS:
            continue
        for a, b in _TRANSLITERATION:
            token = token.replace(a, b)
        if token:
            out.add(token)
    return frozenset(out)


@dataclass(frozen=True)
class Person:
    """One named person of a report, in the forms the rules compare."""

    key: str
    """Search key of the canonical name (`to lam`), or of the name as written when unknown."""
    tokens: frozenset[str]
    known: bool = False
    """Found in a gazetteer: every spelling of the person has this key."""
    transcribed: bool = False
    """Written the Vietnamese way (`Trang Vĩ`, `Bor Tơnicốp`), not as at home (`Zhang Wei`)."""

    def comparable(self, other: Person) -> bool:
        """Whether a difference of names means different people."""
        return (self.known and other.known) or self.transcribed == other.transcribed

    def same_as(self, other: Person) -> bool:
        if self.key == other.key:
            return True
        if self.known and other.known:
            return False  # two gazetteer people
        a, b = self.tokens, other.tokens
        if not a or not b:
            return False
        # `Patrushev` for Nikolai Patrushev: a distinctive name inside the fuller one (not `Kim` in `Kim Jong-uk`)
        smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
        return smaller <= larger and any(len(t) >= 4 for t in smaller)


NAME_CACHE = 50_000
"""People and places recur across an archive's reports: each spelling is read once."""


@lru_cache(maxsize=NAME_CACHE)
def name_key(text: str) -> str:
    return search_key(text)


@lru_cache(maxsize=NAME_CACHE)
def vn_person(name: str) -> Person:
    """A Vietnamese official: gazetteer spelling first; a lone syllable is a given name (`Lam`)."""
    key = _vn_canonical().get(name_key(name), name_key(name))
    syllables = key.split()
    # Vietnamese names are compared whole; only the given name (the last syllable) stands alone
    tokens = frozenset([syllables[-1]]) if len(syllables) == 1 else frozenset()
    return Person(key, tokens, known=key in _vn_canonical().values())


def vn_same(a: Person, b: Person) -> bool:
    if a.key == b.key:
        return True
    lone, full = (a, b) if a.tokens else (b, a)
    return bool(lone.tokens) and not full.tokens and full.key.split()[-1] in lone.tokens


VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưạảẹẻẽịỉĩọỏụủũỳỵỷỹắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữự"
)
"""Letters of Vietnamese that Western spellings of names do not use: the mark of a transcription."""


@lru_cache(maxsize=NAME_CACHE)
def foreign_person(name: str) -> Person | None:
    """A foreign official, or None for a 'name' made only of title and institution words."""
    key = name_key(name)
    tokens = name_tokens(name)
    canonical = _known_foreign(key, tokens)
    if canonical is None and not tokens:
        return None
    transcribed = any(char in VIETNAMESE_LETTERS for char in name.lower())
    return Person(canonical or key, tokens, known=canonical is not None, transcribed=transcribed)


# --- reports and how two of them relate ------------------------------------------------------


@dataclass
class Report:
    """The facts of one meeting report that the rules read."""

    id: str
    partners: frozenset[str]
    when: When
    vn: tuple[Person, ...]
    foreign: tuple[Person, ...]
    places: frozenset[str]

    @classmethod
    def from_record(cls, record: dict) -> Report | None:
        """None for an article that reports no meeting (rule 1)."""
        partners = frozenset(name_key(p) for p in record.get("partner_countries") or [])
        if not record.get("is_bilateral") or not partners:
            return None
        vn = tuple(dict.fromkeys(vn_person(n) for n in record.get("vn_officials") or [] if name_key(n)))
        vn_keys = {p.key for p in vn} | {p.key.split()[-1] for p in vn}
        foreign = []
        for name in record.get("foreign_officials") or []:
            person = foreign_person(name)
            # a Vietnamese leader read as foreign (`Lam` in an English report) is no counterpart
            if person is not None and person.key not in vn_keys and person not in foreign:
                foreign.append(person)
        places = frozenset(name_key(p) for p in record.get("locations") or [] if name_key(p))
        return cls(str(record["id"]), partners, when_of(record), vn, tuple(foreign), places)


def _side(ours: Sequence[Person], theirs: Sequence[Person], same) -> str | None:
    """`same` (a person in common), `different` (both name people, none in common), or None."""
    if not ours or not theirs:
        return None
    if any(same(a, b) for a in ours for b in theirs):
        return "same"
    if all(a.comparable(b) for a in ours for b in theirs):
        return "different"
    return None  # `Trang Vĩ` and `Zhang Wei`: nothing tells whether they are one person


def _foreign_same(a: Person, b: Person) -> bool:
    return a.same_as(b)


@dataclass(frozen=True)
class Agreement:
    """How two reports' people and places compare (rule 4)."""

    vn: str | None
    foreign: str | None
    place: bool

    @property
    def conflict(self) -> bool:
        return self.vn == "different" or self.foreign == "different"

    @property
    def people(self) -> int:
        return (self.vn == "same") + (self.foreign == "same")

    @property
    def evidence(self) -> int:
        return self.people + self.place

    def suffices(self, level: str) -> bool:
        """`day`: two reports of one certain day need a person or the place in common;
        `day_month`: a day and month of an unsure year need a person;
        `vague`: less than a day needs two of the three, one a person;
        `undated`: a report that gives no month at all needs both sides' leaders in common."""
        if self.conflict:
            return False
        if level == SAME_DAY:
            return self.evidence >= 1
        if level == DAY_MONTH:
            return self.people >= 1
        if level == VAGUE:
            return self.people >= 1 and self.evidence >= 2
        return self.people >= 2  # no date at all: both sides' leaders, as well as the partner


SAME_DAY, DAY_MONTH, VAGUE, UNDATED = "day", "day_month", "vague", "undated"
LEVELS = (SAME_DAY, DAY_MONTH, VAGUE, UNDATED)


def level_of(when: When) -> str:
    """How much agreement a report's date leaves to its people and place."""
    if when.certain_day:
        return SAME_DAY
    if when.has_day and not when.published_day:
        return DAY_MONTH
    return VAGUE if when.month is not None or when.year is not None else UNDATED


def agreement(a: Report, b: Report) -> Agreement:
    return Agreement(
        vn=_side(a.vn, b.vn, vn_same),
        foreign=_side(a.foreign, b.foreign, _foreign_same),
        place=bool(a.places & b.places),
    )


# --- grouping -------------------------------------------------------------------------------


@dataclass
class _Meeting:
    reports: list[Report] = field(default_factory=list)

    def when(self) -> When:
        return self.reports[0].when

    def accepts(self, report: Report) -> bool:
        """The report agrees with one member as much as its date requires, and disagrees with none."""
        for member in self.reports:
            if not (member.partners & report.partners and dates_agree(report.when, member.when)):
                return False
        level = level_of(report.when)
        found = False
        for member in self.reports:
            agreed = agreement(report, member)
            if agreed.conflict:
                return False
            found = found or agreed.suffices(max(level, level_of(member.when), key=LEVELS.index))
        return found


def group(records: Iterable[dict]) -> list[list[str]]:
    """The ids of each meeting's reports (one list per meeting, reports by id).

    Records that report no meeting are left out; every record that does is
    in exactly one meeting, alone if no other report of it is there.
    """
    reports = [r for r in map(Report.from_record, records) if r is not None]
    reports.sort(key=lambda r: r.id)
    anchors = [r for r in reports if r.when.certain_day]
    others = [r for r in reports if not r.when.certain_day]
    meetings = _group_anchors(anchors)
    alone = _attach(others, meetings)
    meetings += _group_among(alone)
    return sorted(sorted(r.id for r in m.reports) for m in meetings)


def _group_anchors(anchors: list[Report]) -> list[_Meeting]:
    """Reports of one certain day and partner: one meeting per agreeing set."""
    by_day: dict[tuple, list[Report]] = {}
    for report in anchors:
        by_day.setdefault((report.when.year, report.when.month, report.when.day), []).append(report)
    meetings: list[_Meeting] = []
    for day_reports in by_day.values():
        meetings += _merge(day_reports)
    return meetings


def _merge(reports: list[Report]) -> list[_Meeting]:
    """Agglomerate: each report joins the first meeting that accepts it, then meetings that now agree merge."""
    meetings: list[_Meeting] = []
    for report in reports:
        home = next((m for m in meetings if m.accepts(report)), None)
        if home is None:
            meetings.append(_Meeting([report]))
        else:
            home.reports.append(report)
    merged = True
    while merged:
        merged = False
        for i, first in enumerate(meetings):
            for second in meetings[i + 1:]:
                if all(first.accepts(r) for r in second.reports):
                    first.reports += second.reports
                    meetings.remove(second)
                    merged = True
                    break
            if merged:
                break
    return meetings


def _attach(others: list[Report], meetings: list[_Meeting]) -> list[Report]:
    """Join each less precise report to the one meeting it fits; return those that fit none or several."""
    candidates = _Candidates(meetings)
    alone = []
    for report in others:
        fits = [m for m in candidates.of(report) if m.accepts(report)]
        if len(fits) == 1:
            fits[0].reports.append(report)
        else:
            alone.append(report)
    return alone


class _Candidates:
    """The anchored meetings a less precise report could fit, looked up by its date or, without one, its people.

    Checking every meeting of a partner would make grouping quadratic in the archive's size.
    """

    def __init__(self, meetings: list[_Meeting]):
        self.index: dict[tuple, list[_Meeting]] = {}
        for meeting in meetings:
            when = meeting.when()
            keys: set[tuple] = set()
            for report in meeting.reports:
                for partner in report.partners:
                    keys |= {(partner, "day", when.month, when.day), (partner, "month", when.year, when.month),
                             (partner, "year", when.year)}
                    keys |= {(partner, "person", key) for key in _person_keys(report)}
            for key in keys:
                self.index.setdefault(key, []).append(meeting)

    def of(self, report: Report) -> list[_Meeting]:
        when = report.when
        keys: list[tuple] = []
        for partner in report.partners:
            if when.published_day and when.as_date() is not None:
                out = when.as_date()
                days = [out - datetime.timedelta(days=lag) for lag in range(PUBLICATION_LAG_DAYS + 1)]
                keys += [(partner, "day", day.month, day.day) for day in days]
            elif when.has_day:
                keys.append((partner, "day", when.month, when.day))
            elif when.month is not None:  # a month of a guessed year may be of any year
                years = [when.year] if when.year_firm else range(EARLIEST_YEAR, LATEST_YEAR + 1)
                keys += [(partner, "month", year, when.month) for year in years]
            elif when.year is not None and when.year_firm:
                keys.append((partner, "year", when.year))
            else:  # no date to go by: only meetings sharing a person can fit (its level asks for one)
                keys += [(partner, "person", key) for key in _person_keys(report)]
        found: dict[int, _Meeting] = {}
        for key in keys:
            for meeting in self.index.get(key, ()):
                found.setdefault(id(meeting), meeting)
        return list(found.values())


def _person_keys(report: Report) -> set[str]:
    """Keys under which a person of the report can be found: names, given names, name tokens."""
    keys = {person.key for person in report.vn} | {person.key.split()[-1] for person in report.vn}
    for person in report.foreign:
        keys.add(person.key)
        keys |= person.tokens
    return keys


def _group_among(alone: list[Report]) -> list[_Meeting]:
    """Less precise reports form meetings among themselves only on a shared day or month."""
    by_period: dict[tuple, list[Report]] = {}
    meetings: list[_Meeting] = []
    for report in alone:
        when = report.when
        if when.has_day:
            # by month: a report of a span of days (`from March 15-17`) may meet one of any of them
            by_period.setdefault(("day", when.month), []).append(report)
        elif when.month is not None and when.year_firm:
            by_period.setdefault(("month", when.year, when.month), []).append(report)
        else:
            meetings.append(_Meeting([report]))  # a year or nothing: nothing tells its meetings apart
    for period_reports in by_period.values():
        meetings += _merge(period_reports)
    return meetings

