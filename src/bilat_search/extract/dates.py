"""The meeting's date: day and month from the lead, the year only from evidence about this article.

News leads give the day and month (`Chiều 25/9`, `ngày 13.1`, `On March 2`)
and rarely the year. The year comes from the lead date itself, a full date in
the text on the same day and month, the publication date (a ` date` marker or
page metadata, minding New Year: a meeting on 30/12 published on 2 January is
of the year before), a date in the URL, the page's own timestamp, or the
occasion the opening sentence names (`hội đàm thường niên năm 2022`). Years
the text merely mentions are not evidence: statistics (`năm 2024, lực lượng
chức năng đã bắt giữ`), anniversaries (`1962-2022`), plans and past visits
name other years as often as the meeting's, and a wrong year silently moves a
meeting out of the analyst's year facet. With no evidence the date stays null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Article
from .header import byline_date
from .tokens import Doc

_PAST_YEAR = re.compile(r"năm\s+(?P<year>(?:19|20)\d\d)\s+vừa\s+qua", re.I)
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
    rf"(?<!\w){_TIME_WORD}\s+\(?(?:ngày\s+)?(\d{{1,2}})"
    rf"(?:\s*(?:-|–|đến|tới|và)\s*(?:ngày\s+)?\d{{1,2}}(?=\s*[/.\-]\s*\d))?"
    rf"{_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}|\d{{2}}(?!\d)))?(?![\d.,]*\d)"
)
# `ngày 2 tháng 3 năm 2017`
_VI_WORDS = re.compile(r"(?<!\w)[Nn]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?")
# `On March 2, 2017`, `March 2`, `2 March 2017`
_EN_MDY = re.compile(rf"\b{_MONTH_EN}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_VI_DAY_RANGE = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)")
_EN_DAY_RANGE = re.compile(rf"\b{_MONTH_EN}\s+(\d{{1,2}})\s*(?:-|–|to)\s*(\d{{1,2}})\b")
_EN_FULL = re.compile(rf"\b{_MONTH_EN}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
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
    # baochinhphu.vn (`-102230315183045672.htm`), thanhnien.vn (`-185231026193512345.htm`):
    # a three-digit section code, then yymmdd and the time
    re.compile(r"-1[08]\d(\d\d)(\d\d)(\d\d)\d{6,12}\.html?$"),
    # the government portal's English pages: `/20213/43230.vgp` = year and month, then the article number
    re.compile(r"/((?:19|20)\d\d)(1[0-2]|[1-9])/\d+\.vgp$"),
]

_EARLIEST, _LATEST = 1975, 2035
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_TARGET_BEFORE = re.compile(r"(?:đến|tới|trước|hết|until|by|before)\s+(?:ngày\s+)?$", re.I)
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?!\d)")
_OCCASION_YEAR = re.compile(
    r"(?:(?:hội đàm|hội nghị|hội thảo|giao ban|gặp mặt|đối thoại|sơ kết|tổng kết)(?: [^\W\d]+){0,4} năm|"
    r"(?:\d|sáu|chín) tháng (?:đầu|cuối) năm|Nhân dịp [^.;\n]{0,60}?|Tết [^.;\n]{0,40}?)"
    r"\s*[-–]?\s*(?P<year>(?:19|20)\d\d)(?!\d)",
    re.I,
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


def lead_day_range(text: str) -> tuple[int, int, int] | None:
    """(first day, last day, month) of a span of days the lead gives (`từ ngày 12 đến 16/9`,
    `from March 15-17`): a visit, during which the meeting's own day may be any."""
    found = []
    for m in _VI_DAY_RANGE.finditer(text) if _VI_NUMERIC_PIECE.search(text) else ():
        found.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _EN_DAY_RANGE.finditer(text) if _EN_PIECE.search(text) else ():
        found.append((m.start(), int(m.group(2)), int(m.group(3)), _MONTHS_EN[m.group(1).lower().rstrip(".")]))
    for _, first, last, month in sorted(found):
        if 1 <= month <= 12 and 1 <= first < last <= 31:
            return first, last, month
    return None


def url_date(url: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) from a dated URL path: `/2019/08/12/`, `-20190812103000.htm`."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if not m:
            continue
        year = _year4(m.group(1))
        month = int(m.group(2))
        day = int(m.group(3)) if m.re.groups >= 3 else None
        if year is None or not 1 <= month <= 12 or (day is not None and not _valid(day, month)):
            continue
        return year, month, day
    return None


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
    """Date, precision, year and where the year came from.

    The year comes only from evidence about this article: the lead's own date,
    the publication date (a ` date` marker or page metadata), a date in the
    URL, the page's own timestamp, or a full date in the text on the lead's
    day and month. Years merely mentioned (statistics, anniversaries, plans)
    never make one: an invented year hides a meeting from the right facet.
    """
    lead_text = doc.source[: doc.ends[doc.lead_end - 1]] if doc.lead_end else doc.source[:800]
    found = lead_date(lead_text)
    published = _parse_published(article.published)
    from_url = url_date(article.url)
    if found:
        day, month, year = found
        if year is not None:
            return DateFacts(*_fmt(year, month, day), year, "explicit")
        same_day = _same_day_year(doc.source, day, month)
        if same_day is not None:
            return DateFacts(*_fmt(same_day, month, day), same_day, "inferred")
        for ref, basis in (
            (published, article.published_basis or "metadata"),
            (from_url, "url"),
            (byline_date(article.text or "") or _latest_timestamp(doc.source), "inferred"),
        ):
            if ref:
                y = _roll_back(day, month, ref[0], ref[1], ref[2])
                return DateFacts(*_fmt(y, month, day), y, basis)
        near = _nearest_year(doc.source, day, month)
        if near is not None:
            return DateFacts(*_fmt(near, month, day), near, "inferred")
        return NO_DATE
    if published:
        return DateFacts(*_fmt(*published), published[0], article.published_basis or "metadata")
    if from_url:
        return DateFacts(*_fmt(*from_url), from_url[0], "url")
    byline = byline_date(article.text or "")
    if byline:
        return DateFacts(*_fmt(byline[0], byline[1]), byline[0], "inferred")
    core = doc.source[: doc.ends[doc.core_end - 1]] if doc.core_end else ""
    occasion = occasion_year(core, doc.source)
    if occasion is not None:
        return DateFacts(*_fmt(occasion), occasion, "inferred")
    return NO_DATE


def occasion_year(core: str, text: str = "") -> int | None:
    """The year the opening sentences (`core`) give as the meeting's occasion, never one merely mentioned.

    `hội đàm thường niên năm 2022`, `Nhân dịp Tết Nguyên đán 2026`, `tình hình 6 tháng đầu năm 2018`
    date the meeting; `năm 2024, lực lượng chức năng đã bắt giữ` is a statistic and does not.
    `kết quả năm 2017 vừa qua`, the year just past as the speakers saw it, dates the meeting the
    year after wherever in the `text` it is said.
    """
    for m in _OCCASION_YEAR.finditer(core):
        year = _year4(m.group("year"))
        if year is not None:
            return year
    for m in _PAST_YEAR.finditer(text or core):
        year = _year4(m.group("year"))
        if year is not None:
            return year + 1  # `kết quả năm 2017 vừa qua`: the meeting is in the year after
    return None


def _full_dates(text: str) -> list[tuple[int, int, int, int]]:
    """(year, month, day, offset) of every full date in the text (`28/11/2023`), targets (`đến ngày`) left out."""
    matches = [(int(m.group(1)), int(m.group(2)), m.group(3), m.start()) for m in _FULL_DATE.finditer(text)]
    if _EN_PIECE.search(text):
        matches += [
            (int(m.group(2)), _MONTHS_EN[m.group(1).lower().rstrip(".")], m.group(3), m.start())
            for m in _EN_FULL.finditer(text)
        ]
    found = []
    for day, month, raw_year, at in matches:
        year = _year4(raw_year)
        if year is None or not _valid(day, month):
            continue
        if _TARGET_BEFORE.search(text[max(0, at - 20) : at]):
            continue
        found.append((year, month, day, at))
    return found


def _latest_timestamp(text: str) -> tuple[int, int, int] | None:
    """The latest full date written with a clock (`04/12/2023 14:38`): when the page was published."""
    stamps = [
        (year, month, day)
        for year, month, day, at in _full_dates(text)
        if _CLOCK.search(text[max(0, at - 9) : at + 22])
    ]
    return max(stamps) if stamps else None


def _nearest_year(text: str, day: int, month: int) -> int | None:
    """The year that puts the lead's day and month nearest a full date the text gives, within half a year.

    A report's full dates are of the meeting's days, its publication, or the occasion
    (`kỷ niệm 60 năm quan hệ ngoại giao (1/9/1963 - 1/9/2023)` for talks on 6/11); an
    older agreement or visit lies further away and gives nothing.
    """
    options = []
    for year, ref_month, ref_day, _ in _full_dates(text):
        for candidate in (year - 1, year, year + 1):
            distance = abs((candidate * 372 + month * 31 + day) - (year * 372 + ref_month * 31 + ref_day))
            if distance <= 186:
                options.append((distance, -candidate))
    return -min(options)[1] if options else None  # the nearest; the latest of equally near ones


def _same_day_year(text: str, day: int, month: int) -> int | None:
    """The year of a full date in the text on the lead's own day and month (`19/8/1945-19/8/2025`: the latest)."""
    years = [
        int(m.group(3))
        for m in _FULL_DATE.finditer(text)
        if int(m.group(1)) == day and int(m.group(2)) == month and _year4(m.group(3))
    ]
    if _EN_PIECE.search(text):
        for m in _EN_FULL.finditer(text):
            if _MONTHS_EN[m.group(1).lower().rstrip(".")] == month and int(m.group(2)) == day and _year4(m.group(3)):
                years.append(int(m.group(3)))
    return max(years) if years else None
