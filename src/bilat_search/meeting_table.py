"""The meetings of an index: grouped once per build or update, kept beside the index.

Grouping needs every report at once, while the index is written article by
article in parallel processes; so after the writer commits, the meeting
reports are read back (a few per hundred articles), grouped and saved as
`meetings.json` in the new generation, before it is served. An update
regroups the whole set: a new report joins its meeting, and meetings keep
their ids (the id most of their reports already had), so links to a meeting
survive updates and rebuilds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from . import grouping
from .meeting import Meeting, new_meeting_id, summarise
from .records import from_stored

TABLE_FILE = "meetings.json"


class MeetingTable:
    """Every meeting of one index generation, and which meeting each report belongs to."""

    def __init__(self, meetings: list[Meeting]):
        self.meetings = meetings
        self.by_id = {m.meeting_id: m for m in meetings}
        self.by_article = {report_id: m for m in meetings for report_id in m.report_ids}

    def __len__(self) -> int:
        return len(self.meetings)

    def meeting_of(self, article_id: str) -> Meeting | None:
        return self.by_article.get(article_id)

    def meeting_id_of(self, article_id: str) -> str | None:
        meeting = self.by_article.get(article_id)
        return meeting.meeting_id if meeting else None

    def save(self, folder: Path) -> None:
        """Write beside, then rename: an update's folder shares the previous generation's file by a hard link."""
        target = Path(folder) / TABLE_FILE
        temporary = target.with_suffix(".tmp")
        data = {"meetings": [m.as_json() for m in self.meetings]}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)

    @classmethod
    def load(cls, folder: Path) -> MeetingTable | None:
        """The saved table, or None when the generation has none (built before meetings were grouped)."""
        try:
            data = json.loads((Path(folder) / TABLE_FILE).read_text(encoding="utf-8"))
            return cls([Meeting.from_json(item) for item in data["meetings"]])
        except (FileNotFoundError, KeyError, TypeError, ValueError):
            return None


def table_of(records: Iterable[dict[str, Any]], previous: MeetingTable | None = None) -> MeetingTable:
    """Group records into meetings; a meeting keeps the id its reports had in `previous`."""
    by_id = {r["id"]: r for r in records if r.get("is_bilateral")}
    groups = grouping.group(by_id.values())
    ids = stable_ids(groups, previous)
    return MeetingTable([summarise(meeting_id, [by_id[i] for i in group]) for meeting_id, group in zip(ids, groups,
                                                                                                        strict=True)])


def stable_ids(groups: list[list[str]], previous: MeetingTable | None) -> list[str]:
    """One id per group: the previous id most of its reports had (each id to one group only), else a new one."""
    ids: list[str | None] = [None] * len(groups)
    if previous is not None:
        claims: list[tuple[int, int, str]] = []  # (-reports keeping it, group, id)
        for n, group in enumerate(groups):
            held: dict[str, int] = {}
            for report_id in group:
                old = previous.meeting_id_of(report_id)
                if old is not None:
                    held[old] = held.get(old, 0) + 1
            claims += [(-count, n, old) for old, count in held.items()]
        taken: set[str] = set()
        for _, n, old in sorted(claims):
            if ids[n] is None and old not in taken:
                ids[n] = old
                taken.add(old)
    used = {i for i in ids if i}
    out = []
    for group, given in zip(groups, ids, strict=True):
        meeting_id = given or new_meeting_id(group)
        while given is None and meeting_id in used:  # a new group made of the reports of an older id
            meeting_id = new_meeting_id([meeting_id, *group])
        used.add(meeting_id)
        out.append(meeting_id)
    return out


def meeting_reports(searcher) -> list[dict[str, Any]]:
    """The stored records of every article that reports a meeting (text kept: the lead gives dates)."""
    reader = searcher.reader()
    if "is_bilateral" not in reader.indexed_field_names():
        return []
    term = searcher.schema["is_bilateral"].to_bytes(True)
    if ("is_bilateral", term) not in reader:
        return []
    return [from_stored(searcher.stored_fields(docnum))
            for docnum in reader.postings("is_bilateral", term).all_ids() if not reader.is_deleted(docnum)]


def write_table(folder: Path, previous_folder: Path | None = None) -> MeetingTable:
    """Group the meeting reports of the index in `folder` and save the table there."""
    previous = MeetingTable.load(previous_folder) if previous_folder is not None else None
    # without mmap: mapping the segments whole doubled a build's peak memory for a few stored documents
    with FileStorage(str(folder), supports_mmap=False).open_index().searcher() as searcher:
        table = table_of(meeting_reports(searcher), previous)
    table.save(folder)
    return table
