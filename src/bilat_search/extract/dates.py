"""The meeting's date: day and month from the lead, the year from the best evidence available.

News leads give the day and month (`Chiều 25/9`, `ngày 13.1`, `On March 2`)
and rarely the year. The year comes, in order of trust, from the lead date
itself, the publication date (minding New Year: a meeting on 30/12 published
on 2 January is of the year before), a date in the URL, and finally the years
the text mentions, skipping targets and plans (`đến năm 2030`). Precision is
never invented: a day and month with no year anywhere give no date at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Article
from .tokens import Doc

_MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_EN = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_SEP = r"\s*[/.\-]\s*"
_TIME_WORD = (
    r"(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Hh]ôm|[Cc]hiều tối|[Ss]áng sớm)"
    r"(?:\s+(?:nay|qua|mai|ngày|hôm nay))*"
)

# `Chiều 25/9`, `ngày 13.1`, `Ngày 26-10-2019`, `từ ngày 12 đến 16/9/2023`, `ngày 12-16/9`
_VI_NUMERIC = re.compile(
    rf"(?<!\w){_TIME_WORD}\s+(?:ngày\s+)?(\d{{1,2}})"
    rf"(?:\s*(?:-|–|đến|tới|và)\s*(?:ngày\s+)?\d{{1,2}}(?=\s*[/.\-]\s*\d))?"
    rf"{_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}|\d{{2}}(?!\d)))?(?![\d.,]*\d)"
)
# `ngày 2 tháng 3 năm 2017`
_VI_WORDS = re.compile(r"(?<!\w)[Nn]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?")
# `On March 2, 2017`, `March 2`, `2 March 2017`
_EN_MDY = re.compile(rf"\b{_MONTH_EN}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_EN_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_EN}\b(?:,?\s+(\d{{4}}))?")
# Cheap searches for a piece every match of a pattern contains: most leads lack it, and
# the pattern itself (a lookbehind or word boundary first) is tried at every character.
_VI_NUMERIC_PIECE = re.compile(rf"\d{_SEP}\d")
_VI_WORDS_PIECE = "tháng"
_EN_PIECE = re.compile(_MONTH_EN)
# a later end date carrying the year: `từ ngày 12/9 đến ngày 16/9/2023`
_RANGE_END_YEAR = re.compile(rf"^\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}(\d{{4}})")

_URL_DATES = [
    re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)"),
    re.compile(r"[-/_]((?:19|20)\d\d)(\d\d)(\d\d)(?:\d{2,10})?(?:\.html?|\.vnp|\.aspx|/|$|-)"),
    re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})/"),
    # baochinhphu.vn and kin: `-102230315183045672.htm` = 10 + 2 + yymmdd + time
    re.compile(r"-10\d(\d\d)(\d\d)(\d\d)\d{6,12}\.html?$"),
]

# A year not preceded by a digit, `.` or `,`, nor followed by a digit. The lookbehind is
# checked after the digits (`[\d.,]\d{4}` ending there), not before: a pattern that starts
# with `19|20` lets the regex engine skip straight to candidates, three times faster.
_YEAR = re.compile(r"((?:19|20)\d\d)(?<![\d.,]\d{4})(?!\d)")
_TARGET_BEFORE = re.compile(
    r"(?:đến|tới|trước|sau|tầm nhìn|giai đoạn|nhiệm kỳ|kế hoạch|chương trình|chiến lược|mục tiêu|"
    r"phương hướng|triển khai|nhiệm vụ|by|until|to)\s+(?:năm\s+|the year\s+)?(?:\d{4}\s*[-–]\s*)?$",
    re.I,
)
_TARGET_IN_CLAUSE = re.compile(
    r"(?:đến năm|tới năm|tầm nhìn|kế hoạch|chương trình|phương hướng|nhiệm vụ|mục tiêu|by|until|plan)\b",
    re.I,
)
_RANGE = re.compile(r"\(?\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*\)?")
_RANGE_PIECE = re.compile(r"(?:19|20)\d\d\s*[-–]")
"""In every match of the range patterns, and found far faster: few texts have a range."""
_CLAUSE_CUT = re.compile(r"[,;.:()\n]")
_PAREN_RANGE = re.compile(r"\(\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*\)")
_PLAN_RANGE_BEFORE = re.compile(r"(?:giai đoạn|nhiệm kỳ|kế hoạch|chương trình|period|for)\s*$", re.I)
_EARLIEST, _LATEST = 1975, 2035
_MONTH_YEAR = re.compile(r"(?<!\w)tháng\s+(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?!\d)")
_LAST_YEAR_HINT = re.compile(r"last year|năm ngoái|năm trước|năm qua")
_LAST_YEAR_RANGE = re.compile(
    r"(?:last year|năm ngoái|năm trước|năm qua)\W{0,3}\(\s*(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)\s*\)", re.I
)


@dataclass(frozen=True, slots=True)
class DateFacts:
    date: str | None
    precision: str | None
    year: int | None
    basis: str | None

    def as_dict(self) -> dict:
        return {
            "date": self.date,
            "date_precision": self.precision,
            "year": self.year,
            "date_basis": self.basis,
        }


NO_DATE = DateFacts(None, None, None, None)


def _valid(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _year4(raw: str | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    if len(raw) == 2:
        year += 2000
    return year if _EARLIEST <= year <= _LATEST else None


def lead_date(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of the first meeting date in a lead text."""
    best: tuple[int, tuple[int, int, int | None]] | None = None
    for m in _VI_NUMERIC.finditer(text) if _VI_NUMERIC_PIECE.search(text) else ():
        day, month = int(m.group(1)), int(m.group(2))
        if not _valid(day, month):
            continue
        year = _year4(m.group(3))
        if year is None:
            tail = _RANGE_END_YEAR.match(text, m.end())
            year = _year4(tail.group(1)) if tail else None
        best = (m.start(), (day, month, year))
        break
    for m in _VI_WORDS.finditer(text) if _VI_WORDS_PIECE in text else ():
        day, month = int(m.group(1)), int(m.group(2))
        if not _valid(day, month):
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), (day, month, _year4(m.group(3))))
        break
    english = ((_EN_MDY, "md"), (_EN_DMY, "dm")) if _EN_PIECE.search(text) else ()
    for pattern, order in english:
        for m in pattern.finditer(text):
            if order == "md":
                month, day = _MONTHS_EN[m.group(1).lower().rstrip(".")], int(m.group(2))
            else:
                day, month = int(m.group(1)), _MONTHS_EN[m.group(2).lower().rstrip(".")]
            if not _valid(day, month):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), (day, month, _year4(m.group(3))))
            break
    return best[1] if best else None


def url_date(url: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from a dated URL path: `/2019/08/12/`, `-20190812103000.htm`."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for i, pattern in enumerate(_URL_DATES):
        m = pattern.search(path)
        if not m:
            continue
        year = _year4(m.group(1))
        month = int(m.group(2))
        day = int(m.group(3)) if i != 2 else None
        if year is None or not 1 <= month <= 12 or (day is not None and not _valid(day, month)):
            continue
        return year, month, day
    return None


def inferred_year(text: str, month: int | None = None) -> int | None:
    """The latest year the text mentions as a fact (not a target, plan or period end).

    A meeting early in the year that reviews year Y and plans year Y+1 (`tổng
    kết năm 2023, phương hướng năm 2024`, in January) is of year Y+1.
    """
    facts, targets = _year_mentions(text)
    if not facts:
        return None
    year = max(facts)
    if month is not None and month <= 3 and year + 1 in targets:
        return year + 1
    if month is not None:
        # a past event of `tháng 12/2022` before a meeting on 8/11 puts the meeting in 2023
        later = [int(m.group(1)) for m in _MONTH_YEAR.finditer(text) if int(m.group(2)) == year]
        if later and max(later) > month:
            return year + 1
    return year


def _year_mentions(text: str) -> tuple[list[int], set[int]]:
    skip: set[int] = set()
    years: list[int] = []
    targets: set[int] = set()
    ranges = _RANGE_PIECE.search(text) is not None
    last_year = (
        {m.start(1) for m in _LAST_YEAR_RANGE.finditer(text)}
        if ranges and _LAST_YEAR_HINT.search(text)
        else set()
    )
    for m in _PAREN_RANGE.finditer(text) if ranges else ():
        # anniversaries: `kỷ niệm 60 năm ... (1962-2022)` end in the current year, or the last one
        end = _year4(m.group(2))
        if end:
            years.append(end + 1 if m.start(2) in last_year else end)
        skip.update((m.start(1), m.start(2)))
    for m in _RANGE.finditer(text) if ranges else ():
        if m.start(1) in skip:
            continue
        skip.update((m.start(1), m.start(2)))
        if not _PLAN_RANGE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            start = _year4(m.group(1))
            if start:
                years.append(start)
    for m in _YEAR.finditer(text):
        if m.start(1) in skip:
            continue
        year = _year4(m.group(1))
        if year is None:
            continue
        before = _CLAUSE_CUT.split(text[max(0, m.start() - 60) : m.start()])[-1]
        if _TARGET_BEFORE.search(before) or _TARGET_IN_CLAUSE.search(before):
            targets.add(year)
            continue
        years.append(year)
    return years, targets


def _roll_back(day: int, month: int, year: int, ref_month: int | None, ref_day: int | None) -> int:
    """The year of a day/month seen in a text published (or dated) `ref`: New Year crosses back."""
    if ref_month is None:
        return year
    if month - ref_month >= 2:
        return year - 1
    if month - ref_month == 1 and ref_day is not None and ref_day <= 10 and day >= 20:
        return year - 1
    return year


def _parse_published(published: str | None) -> tuple[int, int | None, int | None] | None:
    if not published:
        return None
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", published.strip())
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _fmt(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def extract_date(doc: Doc, article: Article) -> DateFacts:
    """Date, precision, year and where the year came from."""
    lead_text = doc.source[: doc.ends[doc.lead_end - 1]] if doc.lead_end else doc.source[:800]
    found = lead_date(lead_text)
    published = _parse_published(article.published)
    from_url = url_date(article.url)
    if found:
        day, month, year = found
        if year is not None:
            return DateFacts(*_fmt(year, month, day), year, "explicit")
        for ref, basis in ((published, article.published_basis or "metadata"), (from_url, "url")):
            if ref:
                y = _roll_back(day, month, ref[0], ref[1], ref[2])
                return DateFacts(*_fmt(y, month, day), y, basis)
        y = inferred_year(doc.source, month)
        if y is not None:
            return DateFacts(*_fmt(y, month, day), y, "inferred")
        return NO_DATE
    if published:
        return DateFacts(*_fmt(*published), published[0], article.published_basis or "metadata")
    if from_url:
        return DateFacts(*_fmt(*from_url), from_url[0], "url")
    y = inferred_year(doc.source)
    if y is not None:
        return DateFacts(*_fmt(y), y, "inferred")
    return NO_DATE
