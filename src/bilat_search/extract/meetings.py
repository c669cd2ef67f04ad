"""Meeting types (hội đàm, tiếp, hội kiến, ...) from the title and lead.

`tiếp` is the hard one: it means "to receive" only before a guest (`tiếp
Đoàn`, `tiếp Bộ trưởng X`, `tiếp xã giao`) or after a marker (`đã tiếp`,
`buổi tiếp`, `cuộc tiếp`), never in `tiếp tục`, `tiếp nhận`, `tiếp cận`.
"""

from __future__ import annotations

import re

from .gazetteer import meeting_type_matcher
from .names import word_keys
from .tokens import Doc

RECEIVE = "tiếp"
_NOT_RECEIVE_NEXT = word_keys(
    """tục nhận cận theo xúc giáp thu diễn sức tế tân viện tay quản sau liền nối nữa đến thị vận hợp ứng
    máu cứu lửa âm đất chuyển trợ đó đón tuyến điểm đầu"""
)
_NOT_RECEIVE_PREV = word_keys("đón trực gián liên kế giao tiếp nghênh")
_RECEIVE_PREV = word_keys("đã buổi cuộc gian sẽ vừa thân chiều sáng tối khi khi lần được")
_RECEIVE_NEXT = word_keys("xã đoàn ông bà ngài đại các phái thân")


def is_receive(doc: Doc, i: int) -> bool:
    """Whether `tiếp` at token i means receiving a guest."""
    n = len(doc)
    prev = doc.exact[i - 1] if i > 0 and not doc.clause_start[i] else ""
    nxt = doc.exact[i + 1] if i + 1 < n and not doc.clause_start[i + 1] else ""
    if nxt in _NOT_RECEIVE_NEXT or prev in _NOT_RECEIVE_PREV:
        return False
    if prev in _RECEIVE_PREV or nxt in _RECEIVE_NEXT:
        return True
    if i + 1 < n and doc.capital[i + 1] and not doc.clause_start[i + 1]:
        return True  # `tiếp Bộ trưởng`, `tiếp Đoàn`
    return i + 1 >= n or doc.clause_start[i + 1] or doc.sent_start[i + 1]  # `đã dành thời gian tiếp,`


_SECONDARY = ("hội nghị", "ký kết")
ONLINE = "trực tuyến"
_ONLINE_AFTER = ("trực", "tuyến")
_THIS_MEETING = re.compile(r"\b(?:hội đàm|cuộc họp|buổi làm việc|hội nghị|the talks|the meeting)\b", re.I)
SIGNING = "ký kết"
COURTESY = "hội kiến"
# Body sentences that report an act of this meeting or visit, not of the past.
_OCCASION = re.compile(
    r"(?:\b(?:hai|ba|các) (?:bên|Bộ trưởng|bộ trưởng|Thứ trưởng|thứ trưởng|bộ|Bộ|đoàn)\b|"
    r"Sau (?:hội đàm|hội nghị|buổi)|Kết thúc|Nhân dịp|Cùng ngày|chứng kiến|"
    r"Trong (?:thời gian|khuôn khổ chuyến)|the two (?:sides|ministers)|"
    r"[Oo]n the (?:occasion|same day)|During the visit)"
)
_PAST = re.compile(
    r"(?:được ký|trước đây|thường xuyên|kể từ|nghiên cứu|tiến tới|sẽ ký|đề nghị|regularly|previously|"
    r"proposed|will sign)"
)
_PAST_REF_BEFORE = word_keys("quả nhắc lại từ")


def find_meeting_types(doc: Doc) -> list[str]:
    """Meeting types in the title and first lead sentences, else the lead, else the whole text.

    Further from the lead, conferences and signings are mostly earlier events
    (`đã ký kết`, `tổ chức hội nghị song phương`): they count there only when
    nothing else names the meeting.
    """
    found = _scan(doc, 0, doc.core_end)
    if not found:
        found = _scan(doc, doc.core_end, doc.lead_end)
    if not found:
        found = _scan(doc, doc.lead_end, len(doc))
        primary = [t for t in found if t not in _SECONDARY]
        found = primary[:1] or found[:1]
    for label in _occasions(doc):
        if label not in found:
            found.append(label)
    return found


def lead_meeting_types(doc: Doc) -> list[str]:
    """Meeting types named in the title and lead only (a meeting the article is about)."""
    return _scan(doc, 0, doc.lead_end)


def _occasions(doc: Doc) -> list[str]:
    """Signings and courtesy calls reported later in the text as part of this visit.

    `Sau hội đàm, hai Bộ trưởng đã ký kết Kế hoạch ...`, `Cùng ngày, Bộ trưởng
    đã hội kiến Thủ tướng ...`; a list of past activities (`thường xuyên ... ký
    kết các văn bản`) does not count.
    """
    out: list[str] = []
    for m in meeting_type_matcher().find(doc, doc.core_end, len(doc)):
        if m.value not in (SIGNING, COURTESY, ONLINE) or m.value in out:
            continue
        a, b = doc.sentence_bounds(m.start)
        sentence = doc.source[doc.starts[a] : doc.ends[b - 1]]
        if _PAST.search(sentence):
            continue
        if _OCCASION.search(sentence) or (m.value == ONLINE and _THIS_MEETING.search(sentence)):
            out.append(m.value)  # `Toàn cảnh hội đàm tại điểm cầu Hà Nội`: the talks were online
    return out


def _scan(doc: Doc, start: int, end: int) -> list[str]:
    out: list[str] = []
    matcher = meeting_type_matcher()
    for m in matcher.find(doc, start, end):
        label = m.value
        if label != ONLINE and tuple(doc.exact[m.end : m.end + 2]) == _ONLINE_AFTER and ONLINE not in out:
            out.append(ONLINE)  # `đã hội đàm trực tuyến`: the talks were held online
        if label == SIGNING:
            a, b = doc.sentence_bounds(m.start)
            if _PAST.search(doc.source[doc.starts[a] : doc.ends[b - 1]]):
                continue  # `thường xuyên ... ký kết các văn bản`: past or planned signings
        if any(doc.exact[k] in _PAST_REF_BEFORE for k in range(max(start, m.start - 4), m.start)):
            continue  # `kết quả của cuộc hội đàm với ...`: an earlier meeting
        for other in _LABEL_WORDS:
            if (
                other != label
                and other not in out
                and _contains(doc.exact[m.start : m.end], _LABEL_WORDS[other])
            ):
                out.append(other)  # `điện đàm trực tuyến` is both
        if label == RECEIVE:
            at = [k for k in range(m.start, m.end) if doc.exact[k] == RECEIVE]
            if at and not is_receive(doc, at[0]):
                continue
        if label not in out:
            out.append(label)
    for i in range(start, end):
        if doc.exact[i] == RECEIVE and RECEIVE not in out and is_receive(doc, i):
            out.append(RECEIVE)
    return out


_LABEL_WORDS = {
    "hội đàm": ("hội", "đàm"),
    "điện đàm": ("điện", "đàm"),
    "hội kiến": ("hội", "kiến"),
    "hội nghị": ("hội", "nghị"),
}


def _contains(words: list[str], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(tuple(words[k : k + n]) == part for k in range(len(words) - n + 1))
