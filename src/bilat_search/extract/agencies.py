"""Foreign agencies: the counterpart organisations, as written, variants grouped.

An agency is a gazetteer agency phrase, or an agency head (`Bộ`, `Cơ quan`,
`Ủy ban`, `Ministry`...) followed by agency words and ending with a country
name (`Bộ Nội vụ Cộng hòa Belarus`, `Cơ quan Cảnh sát quốc gia Hàn Quốc`); an
acronym in brackets joins it (`Cảnh sát Liên bang Ô-xtrây-li-a (AFP)`), and an
acronym the gazetteer knows names the agency before its brackets (`Cục Điều
tra Liên bang (FBI)`). Variants of one agency (with or without `Cộng hòa`,
`Liên bang`, its acronym, a shorter form) form one entry, shown in the
spelling the gazetteer knows when the text uses it, else as first written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .countries import CountryFacts
from .gazetteer import VIETNAM, countries, country_words, phrase_keys
from .names import word_keys
from .tokens import Doc

_HEADS = word_keys(
    """bộ cơ ủy uỷ hội tổng cục văn cảnh sở viện học tòa toà lực ban trung ministry police agency
    department bureau office commission committee council service national federal royal general"""
)
# Lower-case words that may stand inside an agency name.
_INNER = word_keys(
    """quan ban đồng cục phòng vụ an ninh quốc gia sát chính trị pháp luật điều tra nhân dân liên bang hòa hoà
    cộng nội xuất nhập cảnh chống ma túy tuý lượng sứ quán lệnh kiểm tối cao thông tin tình báo đối ngoại
    biên phòng hải quan giao thông hình sự kinh tế công an cận vệ binh soát tội phạm hoàng of the for and
    internal affairs"""
)
# Heads that are agencies only with their second word (`Tổng cục`, not `Tổng Tư lệnh`).
_NEEDS_NEXT = {"tổng": "cục", "trung": "tâm", "học": "viện", "văn": "phòng", "lực": "lượng"}
# Words that agency names carry or drop freely.
_GENERIC = word_keys("""cong hoa lien bang lb of the co quan""")


@dataclass(slots=True)
class _Group:
    country: str
    keys: set[frozenset[str]] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    written: list[str] = field(default_factory=list)


@cache
def _known_spellings() -> dict[str, int]:
    """Folded spelling of every gazetteer agency -> its rank in its country's list."""
    out: dict[str, int] = {}
    for c in countries():
        for rank, agency in enumerate(c.get("agencies") or []):
            if isinstance(agency, str):
                out.setdefault(" ".join(phrase_keys(agency)[1]), rank)
    return out


def _rank(written: str) -> int | None:
    return _known_spellings().get(" ".join(phrase_keys(written.split(" (")[0])[1]))


def find_agencies(doc: Doc, cf: CountryFacts, partners: list[str]) -> list[str]:
    """Agencies of the partner countries, in order of first appearance."""
    wanted = set(partners)
    groups: list[_Group] = []
    for m in cf.mentions:
        if m.country == VIETNAM or m.country not in wanted:
            continue
        acronym = None
        if m.kind == "agency" and m.end - m.start == 1 and doc.words[m.start].isupper():
            acronym = doc.words[m.start]
            start = _head_before(doc, m.start) if doc.gap(m.start).endswith("(") else None
            end = m.end
        elif m.kind == "agency":
            if not doc.capital[m.start] and not doc.plain:
                continue
            start, end = m.start, m.end
            earlier = _head_before(doc, m.start)
            if earlier is not None and not doc.clause_start[m.start]:
                start = earlier  # `Cơ quan` + gazetteer `Cảnh sát quốc gia Hàn Quốc`
        else:
            start = _head_before(doc, m.start)
            end = m.end
        if start is None:
            if acronym is None:
                continue
            start = m.start
        elif (
            acronym is None
            and end < len(doc)
            and doc.gap(end).endswith("(")
            and doc.words[end].isupper()
            and len(doc.words[end]) >= 2
            and doc.gap(end + 1 if end + 1 < len(doc) else end).startswith(")")
        ):
            acronym = doc.words[end]
            end += 1
        text = doc.phrase(start, end)
        if "(" in text and not text.endswith(")"):
            text += ")"
        own = country_words().get(m.country, frozenset())
        words = frozenset(
            w
            for w in doc.folded[start:end]
            if w not in own and w not in _GENERIC and (acronym is None or w != acronym.lower())
        )
        _place(groups, m.country, words, acronym, text)
    out = []
    for g in groups:
        full = [w for w in g.written if not (w.isupper() and " " not in w)] or g.written
        ranked = sorted((r, i) for i, w in enumerate(full) if (r := _rank(w)) is not None)
        choice = full[ranked[0][1]] if ranked else full[0]
        if "(" not in choice and g.acronyms:
            with_acronym = [w for w in full if w.startswith(choice.split(" (")[0] + " (")]
            choice = with_acronym[0] if with_acronym else choice
        out.append(choice)
    return out


def _place(groups: list[_Group], country: str, words: frozenset[str], acronym: str | None, text: str) -> None:
    for g in groups:
        if g.country != country:
            continue
        same = (acronym is not None and acronym in g.acronyms) or any(
            words and (words <= k or k <= words) for k in g.keys if k
        )
        if same:
            if words:
                g.keys.add(words)
            if acronym:
                g.acronyms.add(acronym)
            g.written.append(text)
            return
    g = _Group(country)
    if words:
        g.keys.add(words)
    if acronym:
        g.acronyms.add(acronym)
    g.written.append(text)
    groups.append(g)


def _head_before(doc: Doc, i: int) -> int | None:
    """Start of an agency name that ends at token i (a country, or the bracket of an acronym)."""
    head = None
    k = i - 1
    lo = max(0, i - 10)
    while k >= lo:
        key = doc.exact[k]
        if doc.capital[k]:
            if key in _HEADS and (
                key not in _NEEDS_NEXT or (k + 1 < i and doc.exact[k + 1] == _NEEDS_NEXT[key])
            ):
                head = k
            elif key == "đại" and k + 2 < i and doc.exact[k + 2] == "quán":
                head = k  # `Đại sứ quán`, not `Đại sứ` (a person)
        elif key not in _INNER:
            break
        if doc.clause_start[k] or key in ("và", "and"):
            break
        k -= 1
    return head
