"""Related articles of a meeting report: the other reports of its meeting, then other meetings with its partner.

"More like this" by shared words listed the same meeting twice beside an
article that only shared a name. Here relatedness is what analysts mean by
it: the same meeting told by other outlets first, then the partner's other
meetings, newest first. An article that reports no meeting has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .chronology import Chronology
from .meeting import Meeting
from .records import date_sort_key

OTHER_MEETINGS = 6


@dataclass
class Related:
    reports: list[dict[str, Any]] = field(default_factory=list)
    """The other reports of the article's meeting (id, title, source, url, date), best first."""
    meetings: list[Meeting] = field(default_factory=list)
    """Other meetings with the same partner, newest first."""

    def __bool__(self) -> bool:
        return bool(self.reports or self.meetings)


def related_to(chronology: Chronology, article_id: str, limit: int = OTHER_MEETINGS) -> Related:
    meeting = chronology.table.meeting_of(article_id)
    if meeting is None:
        return Related()
    reports = [report for report in meeting.reports if report["id"] != article_id]
    others: dict[str, Meeting] = {}
    for partner in meeting.partner_countries:
        for other in chronology.with_partner(partner):
            if other.meeting_id != meeting.meeting_id:
                others.setdefault(other.meeting_id, other)
    newest = sorted(others.values(), key=lambda m: (-date_sort_key(m.date), m.meeting_id))
    return Related(reports, newest[:limit])
