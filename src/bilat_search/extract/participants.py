"""The kinds of people and bodies at a meeting: what analysts ask for besides names.

`Chủ tịch nước, Thủ tướng tiếp Bộ trưởng Công an nước ngoài`, `Đại sứ chào Bộ trưởng`,
`công an tỉnh hội đàm với Lào`, `deputy-ministerial dialogue`: these name the level and
kind of the participants, not who they were. The labels:

- `lãnh đạo cấp cao`: a top state or Party leader of Vietnam took part;
- `công an địa phương`: the Vietnamese side was provincial or city police;
- `đại sứ`: a foreign ambassador, consul or embassy was the counterpart;
- `bộ trưởng`, `thứ trưởng`: the level of the public-security side's leader (`bộ trưởng`
  also when a foreign security or interior minister is the counterpart).
"""

from __future__ import annotations

import re

from ..vietnamese import search_key
from .bilateral import FOREIGN_SECURITY, LEADERSHIP, SECURITY, Parties
from .officials import PersonMention
from .tokens import Doc

TOP_LEADERS = "lãnh đạo cấp cao"
LOCAL_POLICE = "công an địa phương"
AMBASSADOR = "đại sứ"
MINISTER = "bộ trưởng"
DEPUTY_MINISTER = "thứ trưởng"
KINDS = (TOP_LEADERS, LOCAL_POLICE, AMBASSADOR, MINISTER, DEPUTY_MINISTER)

_LOCAL = re.compile(
    r"^(?:Công an (?:tỉnh|thành phố|Thành phố|TP|các tỉnh|hai tỉnh|2 tỉnh)|Giám đốc Công an|Phó Giám đốc Công an|"
    r"Department of Public Security|Public Security Department|[Pp]rovincial [Pp]olice|[Cc]ity [Pp]olice|"
    r"[Mm]unicipal [Pp]olice|Police Department)",
)
_AMBASSADOR = re.compile(r"Đại sứ|Tổng Lãnh sự|Lãnh sự|[Aa]mbassador|[Cc]onsul|[Ee]mbassy", re.I)
_DEPUTY = re.compile(r"Thứ trưởng|Deputy Minister|Vice Minister|Deputy Public Security Minister", re.I)
_FOREIGN_MINISTER = re.compile(r"(?<!Thứ )(?<!Phó )Bộ trưởng|(?<!Deputy )(?<!Vice )(?<!First Deputy )Minister\b")
_MINISTER = re.compile(r"(?<!Thứ )(?<!Phó )Bộ trưởng|(?<!Deputy )(?<!Vice )Minister of Public Security|"
                       r"(?<!Deputy )Public Security Minister")


def find_participants(doc: Doc, parties: Parties, people: list[PersonMention], present: list[str]) -> list[str]:
    """The kinds (see KINDS) of the meeting's participants, from the lead's parties and the people present."""
    found: list[str] = []
    home = [p for p in parties.home if not p.cited and p.kind]
    if any(p.kind == LEADERSHIP for p in home):
        found.append(TOP_LEADERS)
    if any(p.kind == SECURITY and _LOCAL.match(doc.phrase(p.start, min(len(doc), p.start + 4))) for p in home):
        found.append(LOCAL_POLICE)
    lead_people = [m for m in people if m.start < doc.lead_end and not (m.cited or m.former or m.credit)]
    if any(m.side == "foreign" and _AMBASSADOR.search(m.role) for m in lead_people) or any(
        _AMBASSADOR.search(doc.phrase(p.start, min(len(doc), p.start + 3))) for p in parties.foreign
    ):
        found.append(AMBASSADOR)
    present_keys = [search_key(name) for name in present]
    vn_present = [
        m for m in people
        if m.side == "vn" and any(search_key(m.known.name if m.known else m.written) in key for key in present_keys)
    ]
    foreign_ministers = [
        m for m in lead_people
        if m.side == "foreign" and _FOREIGN_MINISTER.search(m.role) and FOREIGN_SECURITY.search(m.role)
    ]
    if any(_MINISTER.search(m.role) for m in vn_present) or foreign_ministers:
        found.append(MINISTER)  # the ministry's minister, or a foreign security minister it meets
    if any(_DEPUTY.search(m.role) for m in vn_present):
        found.append(DEPUTY_MINISTER)
    return found
