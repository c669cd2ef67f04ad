"""Meeting facts from an Article: who met whom, when, where, about what, reported by whom.

The article is tokenised once (`tokens`), then each module reads the shared
token arrays: countries, people, agencies, places, topics, meeting types,
the date and the source. This module composes them and decides whether the
article reports a meeting of the Ministry of Public Security (or its leaders)
with a foreign counterpart at all; when it does not, the meeting fields stay
empty while topics, date and source still apply.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..article import Article
from ..vietnamese import fold, nfc, search_key
from .agencies import find_agencies
from .countries import CountryFacts, find_countries
from .dates import extract_date
from .gazetteer import VIETNAM, PhraseMatcher
from .gazetteer import vn_officials as gazetteer_vn_officials
from .meetings import find_meeting_types, lead_meeting_types
from .officials import PersonMention, find_people, foreign_officials, vn_officials
from .places import find_locations
from .sources import extract_source
from .tokens import Doc, tokenize
from .topics import find_topics

__all__ = ["extract_facts", "FIELDS"]

FIELDS = (
    "is_bilateral",
    "partner_countries",
    "date",
    "date_precision",
    "year",
    "date_basis",
    "vn_officials",
    "foreign_officials",
    "foreign_agencies",
    "locations",
    "topics",
    "meeting_types",
    "source",
)


@cache
def _side_matcher() -> PhraseMatcher:
    """Phrases that name the Ministry of Public Security, or a rival ministry (defence, trade...)."""
    m = PhraseMatcher()
    for phrase in (
        "Bộ Công an",
        "Bộ trưởng Công an",
        "Thứ trưởng Công an",
        "Ministry of Public Security",
        "Public Security Ministry",
        "Public Security Minister",
        "Minister of Public Security",
        "Deputy Minister of Public Security",
        "MPS",
        "Đảng ủy Công an Trung ương",
    ):
        m.add(phrase, "mps")
    for phrase in (
        "Bộ Quốc phòng",
        "Quân đội nhân dân",
        "Ministry of National Defence",
        "Ministry of Defence",
        "Bộ Công Thương",
        "Ministry of Industry and Trade",
        "Bộ Ngoại giao",
        "Ministry of Foreign Affairs",
        "Quốc hội",
        "National Assembly",
    ):
        m.add(phrase, "other")
    return m


_MPS_ROLE = re.compile(r"Công an|Public Security|\bMPS\b")
_OTHER_ROLE = re.compile(
    r"Thủ tướng|Chủ tịch nước|Tổng Bí thư|Quốc phòng|Ngoại giao|Quốc hội|Công Thương|"
    r"Prime Minister|President|General Secretary|Defence|Foreign"
)


def _sides(doc: Doc, cf: CountryFacts, start: int, end: int) -> dict[str, int]:
    counts = {"mps": 0, "other": 0}
    for m in _side_matcher().find(doc, start, end):
        if m.value == "mps" and cf.token_country.get(m.end, VIETNAM) != VIETNAM:
            continue  # `Bộ Công an Trung Quốc`: the counterpart's ministry
        counts[m.value] += 1
    return counts


def _actor(doc: Doc, people: list[PersonMention]) -> PersonMention | None:
    """The first Vietnamese leader named in the title or first lead sentences."""
    for m in people:
        if m.start >= doc.core_end:
            break
        if m.side == "vn" and not (m.cited or m.former or m.credit) and (m.titled or m.known):
            return m
    return None


def is_bilateral(
    doc: Doc, cf: CountryFacts, people: list[PersonMention], agencies: list[str], types: list[str]
) -> bool:
    """An MPS meeting with a foreign counterpart: the MPS acts in the lead, a counterpart, a meeting."""
    if not cf.partners or not types:
        return False
    lead = _sides(doc, cf, 0, doc.lead_end)
    foreign_in_lead = any(m.side == "foreign" and m.start < doc.lead_end for m in people)
    if not lead_meeting_types(doc) and not (foreign_in_lead and lead["mps"] > 0):
        return False  # the meeting is named only further down, and the lead has no counterpart
    actor = _actor(doc, people)
    if actor is not None:
        role = actor.role
        actor_mps = bool(_MPS_ROLE.search(role)) or (
            not _OTHER_ROLE.search(role) and actor.known is not None and "Công an" in actor.known.role
        )
        if not actor_mps and _OTHER_ROLE.search(role):
            return False  # the Prime Minister's or the defence minister's meeting
    else:
        actor_mps = False
    if not (lead["mps"] > 0 or actor_mps):
        return False
    if lead["other"] > lead["mps"] and not actor_mps:
        return False
    if not any(m.country in cf.partners and m.start < doc.lead_end for m in cf.mentions):
        return False
    # a counterpart: a foreign official or agency, or the partner named in the title
    return (
        bool(agencies)
        or foreign_in_lead
        or any(m.country in cf.partners and m.start < doc.title_end for m in cf.mentions)
    )


@cache
def _ministry_named() -> tuple[tuple[str, ...], re.Pattern]:
    """Folded words without which `is_bilateral` cannot hold: the ministry or one of its leaders.

    Most news never names the ministry; for those articles the meeting fields
    are empty whatever the rest finds, so they are not computed at all.
    Returned as the words and as a regex matching them as whole words.
    """
    words = ["cong an", "public security", "mps"]
    for person in gazetteer_vn_officials():
        roles = " ".join(person.get("roles") or [])
        if "Công an" in roles or "Public Security" in roles:
            words += [search_key(name) for name in [person["name"], *person.get("variants", [])]]
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in unique)
    return tuple(unique), re.compile(rf"\b(?:{alternation})\b")


def may_report_meeting(article: Article) -> bool:
    """Whether the title or text names the ministry or one of its leaders (see `_ministry_named`)."""
    text = fold(f"{article.title or ''}\n{article.text or ''}").lower()
    words, pattern = _ministry_named()
    # substring tests first: far faster than the regex, and most texts contain none of the words
    return any(map(text.__contains__, words)) and pattern.search(text) is not None


MAX_EXTRACT_CHARS = 200_000
"""Facts come from the first 200,000 characters: a meeting report is far shorter, and a
30 MB text dump would otherwise cost gigabytes of token arrays for nothing."""


def extract_facts(article: Article) -> dict:
    """The meeting facts of one article (see FIELDS); lists de-duplicated, strings NFC."""
    if len(article.text) > MAX_EXTRACT_CHARS:
        article = replace(article, text=article.text[:MAX_EXTRACT_CHARS])
    doc = tokenize(article)
    if not may_report_meeting(article):
        return _finish({
            "is_bilateral": False, "partner_countries": [], **extract_date(doc, article).as_dict(),
            "vn_officials": [], "foreign_officials": [], "foreign_agencies": [], "locations": [],
            "topics": find_topics(doc), "meeting_types": [], "source": extract_source(article),
        })
    cf = find_countries(doc)
    people = find_people(doc, cf)
    vn = vn_officials(doc, people)
    types = find_meeting_types(doc)
    agencies = find_agencies(doc, cf, cf.partners)
    bilateral = is_bilateral(doc, cf, people, agencies, types)
    partners = cf.partners if bilateral else []
    date = extract_date(doc, article)
    record = {
        "is_bilateral": bilateral,
        "partner_countries": partners,
        **date.as_dict(),
        "vn_officials": vn if bilateral else [],
        "foreign_officials": foreign_officials(doc, people) if bilateral else [],
        "foreign_agencies": agencies if bilateral else [],
        "locations": find_locations(doc, cf, types) if bilateral else [],
        "topics": find_topics(doc),
        "meeting_types": types if bilateral else [],
        "source": extract_source(article),
    }
    return _finish(record)


def _finish(record: dict) -> dict:
    for key, value in record.items():
        if isinstance(value, list):
            record[key] = _dedupe(value)
        elif isinstance(value, str):
            record[key] = nfc(value)
    return record


def _dedupe(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = nfc(v)
        if v not in out:
            out.append(v)
    return out
