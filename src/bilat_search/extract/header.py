"""Page chrome before an article's prose, and the page's own timestamp among it.

Saved pages and copied texts often begin with what surrounded the article:
a menu of provinces, a logo address, the site's clock (`Thứ Hai, 08/12/2025
12:08 GMT+7`), stray widget letters, a section label. None of it is the
article: the lead starts after it, or menus are read as meeting places and
the site's clock as the meeting's year. A timestamp right before the prose
or right under the headline is the article's own (a byline); one followed by
more chrome is the site header's clock on the day the page was saved, and
says nothing about the meeting.
"""

from __future__ import annotations

import re

_LETTER = re.compile(r"[^\W\d_]")
_BULLET = re.compile(r"^[•·▪►›»*+\-–—|]\s*")
_LINK = re.compile(r"https?://|www\.|\.(?:png|jpe?g|gif|webp|svg)\b", re.I)
_TEMPLATE = re.compile(r"\{\{|\}\}|\{[a-z_]+\}")
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?!\d)")
_EN_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\.?,?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b",
    re.I,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|GMT\s*[+-]\s*\d+")
_DAY_WORDS = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|ngày|cập nhật|đăng|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|updated|published|posted)\b",
    re.I,
)
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
MAX_HEADER_LINES = 80
MENU_WORDS = 3
"""Lines of at most this many words, three or more in a row, are a menu."""
BYLINE_WORDS = 12


def _words(line: str) -> int:
    return len(line.split())


def _line_date(line: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a line that is a timestamp: a full date with a clock, or with little else."""
    m = _FULL_DATE.search(line)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _EN_DATE.search(line)
        if not m:
            return None
        day, month, year = int(m.group(2)), _MONTHS[m.group(1).lower()], int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    after = line[m.end() : m.end() + 12]
    if _CLOCK.search(after) or _CLOCK.search(line[max(0, m.start() - 9) : m.start()]):
        return year, month, day  # `13/03/2025 18:08`, `12:08 08/12/2025`
    rest = _DAY_WORDS.sub(" ", line[: m.start()] + " " + line[m.end() :])
    return (year, month, day) if _words(rest) <= 4 else None


def _is_chrome(line: str) -> bool:
    """A line that is not prose: no letters, a widget letter, a bullet item, a link, a template, a clock."""
    text = line.strip()
    if not _LETTER.search(text) or len(text) <= 3:
        return True
    if _BULLET.match(text) and _words(text) <= 8:
        return True
    if _TEMPLATE.search(text):
        return True
    if _LINK.search(text) and _words(text) <= BYLINE_WORDS:
        return True
    return _line_date(text) is not None and _words(text) <= BYLINE_WORDS


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first lines of a text."""
    out = []
    offset = 0
    for line in text.split("\n")[:MAX_HEADER_LINES]:
        out.append((offset, line))
        offset += len(line) + 1
    return out


def content_start(text: str) -> int:
    """Offset of the first line of the article itself, after any page chrome and menus."""
    lines = _lines(text)
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        if not line.strip() or _is_chrome(line):
            i += 1
            continue
        run = i
        while run < len(lines) and (not lines[run][1].strip() or 0 < _words(lines[run][1]) <= MENU_WORDS):
            run += 1
        short = sum(1 for _, line in lines[i:run] if line.strip())
        if short >= 3 and run < len(lines):
            i = run  # a menu: `An Giang`, `Bac Lieu`, ... one per line
            continue
        return offset
    return 0


def byline_date(text: str) -> tuple[int, int, int] | None:
    """The article's own timestamp among its first lines, if it has one.

    A timestamp line counts when prose, a headline or a caption follows it; one
    followed by further chrome (menu items, widget letters) is the site's clock.
    """
    start = content_start(text)
    header = [line.strip() for line in text[:start].split("\n") if line.strip()]
    article = [line.strip() for line in text[start : start + 3000].split("\n") if line.strip()][:12]
    lines = header + article
    for i, line in enumerate(lines):
        found = _line_date(line)
        if found is None:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not following or (not _is_chrome(following) and _words(following) > MENU_WORDS):
            return found  # before prose, or the text's last line
    return None
