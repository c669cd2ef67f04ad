"""Whether an article reports a meeting of Vietnam's public-security side with a foreign side.

A meeting report names, in its title and lead, an event (talks, a reception,
a call, a signing), a Vietnamese party and a foreign one. The Vietnamese
party counts when it is the public-security side: the ministry, its leaders
and units, or provincial and city police (`Công an tỉnh Điện Biên`,
`HCMC Department of Public Security`). The state's top leaders (President,
Prime Minister, Party chief, National Assembly chair) count too when the
party they receive is a foreign security, police, interior or justice body:
that is the ministry's diplomacy at the highest level. Defence, foreign
affairs, trade and local government meetings are not, nor are meetings
between two foreign countries that a Vietnamese outlet reports.

Parties are read from phrases (`data/parties.json`) and from the people the
lead names; a phrase belongs to the country written right after it
(`Bộ Công an Trung Quốc`, `Công an tỉnh Sê Kông`, `Thủ tướng Lào`) or, in
English, right before it (`Lao Minister of Public Security`), else to Vietnam.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .countries import CountryFacts
from .gazetteer import VIETNAM, PhraseMatcher, load_json, vn_place_matcher
from .meetings import lead_meeting_types
from .names import ROLE_INNER, TITLE_ENDS, word_keys
from .officials import CITED_BEFORE, LEADERSHIP_ROLE, PersonMention
from .tokens import Doc

SECURITY, LEADERSHIP, OTHER = "security", "leadership", "other"
CONFERENCE = "hội nghị"
LISTING = 3
"""A sentence naming this many foreign countries lists them (a year's review), it names no counterpart."""

_SECURITY_ROLE = re.compile(r"Công an|Public Security|\bMPS\b|[Pp]olice", re.I)
_OTHER_ROLE = re.compile(
    r"Quốc phòng|Ngoại giao|Công Thương|Biên phòng|Defen[cs]e|Foreign Affairs|Foreign Minister|Industry and Trade|"
    r"Border Guard|Ủy ban nhân dân|UBND|Bí thư (?:Thành|Tỉnh) ủy|People's Committee",
    re.I,
)
FOREIGN_SECURITY = re.compile(
    r"Công an|Cảnh sát|An ninh|Nội vụ|Tư pháp|Tình báo|Chính pháp|Kiểm sát|Điều tra|Di trú|Xuất nhập cảnh|"
    r"ma túy|An toàn|Hành pháp|Police|Security|Interior|Justice|Home Affairs|Internal Affairs|Intelligence|"
    r"Law Enforcement|Investigat|Immigration|Narcotic|Drug|Prosecut|Gendarm|Homeland|Interpol|"
    r"\b(?:FBI|FSB|DEA|KGB|AFP|NPA|KNPA|MSS)\b",
    re.I,
)
"""A foreign body or role of the security, police, interior or justice kind."""

_MANY_COUNTRIES = re.compile(r"\b(?:[1-9]\d+|[3-9])\s+(?:quốc gia|nước|countries|nations|economies)\b", re.I)
_SIDELINES = re.compile(r"bên lề|song phương|gặp riêng|on the sidelines|bilateral (?:meeting|talks)", re.I)
# Words that may stand between a party phrase and the country it belongs to.
_OWNER_INNER = (
    ROLE_INNER
    | TITLE_ENDS
    | word_keys("của nước tỉnh thành phố tp bộ trưởng thứ cục sở ban giám đốc và chủ tịch chính phủ thường trực bí")
)
_ENGLISH_SKIP = word_keys("the s")


@cache
def party_matcher() -> PhraseMatcher:
    """Every phrase of `parties.json`, carrying its kind."""
    m = PhraseMatcher()
    data = load_json("parties.json", {})
    for kind in (SECURITY, LEADERSHIP, OTHER):
        for phrase in data.get(kind, []):
            m.add(phrase, kind)
    return m


@dataclass(slots=True)
class Party:
    """A party to the meeting named in the lead: its kind, its side and where it stands."""

    start: int
    kind: str
    home: bool
    cited: bool = False


@dataclass(slots=True)
class Parties:
    """The parties the title and lead name, Vietnamese and foreign."""

    home: list[Party] = field(default_factory=list)
    foreign: list[Party] = field(default_factory=list)
    foreign_security: bool = False

    def kinds(self, end: int) -> set[str]:
        return {p.kind for p in self.home if p.start < end and not p.cited and p.kind}


def is_home(doc: Doc, cf: CountryFacts, people_at: dict[int, PersonMention], start: int, end: int) -> bool:
    """Whether a party phrase at tokens [start, end) is Vietnam's (unless another country is written)."""
    k = start - 1
    while k >= 0 and doc.exact[k] in _ENGLISH_SKIP and not doc.clause_start[k + 1]:
        k -= 1
    if k >= 0 and k in cf.token_country and not doc.clause_start[k + 1]:
        return cf.token_country[k] == VIETNAM  # `Lao Minister of Public Security`, `Singapore's Ministry`
    places = vn_place_matcher()
    n = len(doc)
    k = end
    while k < n and k < end + 9 and not doc.sent_start[k]:
        if k in cf.token_country:
            return cf.token_country[k] == VIETNAM
        if k in people_at:
            return people_at[k].side == "vn"  # `Thứ trưởng Bộ Công an Lê Quốc Hùng`
        if (doc.capital[k] or doc.plain) and places.match_at(doc, k) is not None:
            return True  # `Công an tỉnh Điện Biên`
        if not (doc.capital[k] or doc.exact[k] in _OWNER_INNER or doc.folded[k] in _OWNER_INNER):
            break
        if doc.clause_start[k] and doc.gap(k).strip() not in (",", "(", "-", "–"):
            break
        k += 1
    return True


def read_parties(doc: Doc, cf: CountryFacts, people: list[PersonMention], end: int) -> Parties:
    """The parties named in tokens [0, end): phrases and people."""
    parties = Parties()
    people_at = {m.start: m for m in people}
    for m in party_matcher().find(doc, 0, end):
        cited = any(
            doc.exact[k] in CITED_BEFORE and not doc.capital[k] for k in range(max(0, m.start - 3), m.start)
        )  # `theo chỉ đạo của Bộ trưởng`, `lời mời của Bộ Công an`, `tháp tùng Thủ tướng`
        party = Party(m.start, m.value, is_home(doc, cf, people_at, m.start, m.end), cited)
        if party.home:
            parties.home.append(party)
        else:
            parties.foreign.append(party)
            if m.value == SECURITY or FOREIGN_SECURITY.search(_phrase_after(doc, m.start, m.end)):
                parties.foreign_security = True
    for person in people:
        if person.start >= end or person.former or person.credit:
            continue
        if person.side == "vn":
            if person.titled or person.known:
                parties.home.append(Party(person.start, person_kind(person), True, person.cited))
        elif not person.cited:
            parties.foreign.append(Party(person.start, OTHER, False))
            if FOREIGN_SECURITY.search(person.role):
                parties.foreign_security = True
    parties.home.sort(key=lambda p: p.start)
    parties.foreign.sort(key=lambda p: p.start)
    return parties


def person_kind(person: PersonMention) -> str | None:
    """A Vietnamese official's kind, from the role the text gives (the gazetteer's when it gives none).

    None when neither says: a name after a military rank alone does not tell the side's kind.
    """
    role = person.role
    if _SECURITY_ROLE.search(role) and not LEADERSHIP_ROLE.search(role.split(",")[0]):
        return SECURITY
    if LEADERSHIP_ROLE.search(role):
        return LEADERSHIP
    if _OTHER_ROLE.search(role):
        return OTHER
    if person.known is not None and "Công an" in person.known.role:
        return SECURITY
    return OTHER if person.known is not None else None


def _phrase_after(doc: Doc, start: int, end: int) -> str:
    """The party phrase and the words of its clause that follow (`Bộ Nội vụ Nga`, `Royal Thai Police`)."""
    stop = end
    while stop < len(doc) and stop < end + 6 and not doc.clause_start[stop]:
        stop += 1
    return doc.phrase(max(0, start - 3), stop)


def _counterpart(doc: Doc, cf: CountryFacts, parties: Parties) -> bool:
    """A foreign party: an official, a body, or the partner named in the title, or named as a
    counterpart in the lead of talks, a reception or a call (a conference alone may be domestic)."""
    if parties.foreign or any(m.kind == "agency" and m.start < doc.lead_end for m in cf.mentions):
        return True
    if not any(t != CONFERENCE for t in lead_meeting_types(doc)):
        return any(m.country in cf.partners and m.start < doc.title_end for m in cf.mentions)
    per_sentence: dict[int, set[str]] = {}
    for m in cf.mentions:
        if m.country != VIETNAM and m.start < doc.lead_end:
            per_sentence.setdefault(doc.sent_id[m.start], set()).add(m.country)
    return any(
        m.country in cf.partners
        and (m.start < doc.title_end or (m.counterpart and len(per_sentence[doc.sent_id[m.start]]) < LISTING))
        for m in cf.mentions
        if m.start < doc.lead_end
    )


def _multilateral(doc: Doc) -> bool:
    """The opening reports a gathering of many countries, and no meeting of two of them on its sidelines."""
    core = doc.source[: doc.ends[doc.core_end - 1]] if doc.core_end else ""
    return bool(_MANY_COUNTRIES.search(core)) and not _SIDELINES.search(doc.source[: doc.ends[doc.lead_end - 1]])


def is_bilateral(doc: Doc, cf: CountryFacts, people: list[PersonMention], types: list[str]) -> bool:
    """A meeting of the public-security side (or a top leader receiving foreign security) with a partner."""
    if not cf.partners or not types:
        return False
    if not any(m.country in cf.partners and m.start < doc.lead_end for m in cf.mentions):
        return False
    parties = read_parties(doc, cf, people, doc.lead_end)
    if not lead_meeting_types(doc) and not (parties.foreign and parties.kinds(doc.lead_end) & {SECURITY}):
        return False  # the meeting is named only further down, and the lead has no counterpart
    if not _counterpart(doc, cf, parties):
        return False
    if _multilateral(doc):
        return False
    actor = next((p for p in parties.home if p.start < doc.core_end and not p.cited and p.kind), None)
    if actor is None:
        actor = next((p for p in parties.home if not p.cited and p.kind), None)
    if actor is None:
        # the lead names only the foreign side (`He made the remarks while hosting ...`)
        body = read_parties(doc, cf, people, len(doc))
        return parties.foreign_security and SECURITY in body.kinds(len(doc))
    if actor.kind == SECURITY:
        return True
    if actor.kind == LEADERSHIP:
        return parties.foreign_security or SECURITY in parties.kinds(doc.core_end)
    # defence, foreign affairs, local government: the ministry's meeting only if it stands beside them
    return SECURITY in parties.kinds(doc.core_end)
