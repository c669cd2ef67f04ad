"""Search results by meeting: the matching reports of one meeting make one result.

Three outlets reporting one meeting used to fill three places of a page.
A result is now either a meeting (its best-placed matching report, with the
others folded under it) or an article that reports no meeting. Ranks, sorts
and pages are those of the articles: a meeting stands where its first
report would have stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Result:
    docnum: int
    """The report (or article) shown."""
    others: list[int] = field(default_factory=list)
    """Other matching reports of its meeting, in result order."""


def counts(selected: np.ndarray, meeting_of_doc: np.ndarray) -> tuple[int, int]:
    """(results, meetings) among the selected documents: each meeting is one result."""
    meetings = meeting_of_doc[selected]
    reports = meetings[meetings >= 0]
    distinct = len(np.unique(reports))
    return int(selected.sum()) - (len(reports) - distinct), distinct


def page(ordered: np.ndarray, meeting_of_doc: np.ndarray, first: int, count: int) -> list[Result]:
    """Results `first` to `first + count` of documents in result order."""
    meetings = meeting_of_doc[ordered]
    keys = np.where(meetings >= 0, meetings, -1 - ordered)
    _, first_seen = np.unique(keys, return_index=True)
    heads = np.sort(first_seen)[first:first + count]
    out = []
    for head in heads:
        meeting = meetings[head]
        others: list[int] = []
        if meeting >= 0:
            same = np.flatnonzero(meetings == meeting)
            others = [int(ordered[i]) for i in same if i != head]
        out.append(Result(int(ordered[head]), others))
    return out
