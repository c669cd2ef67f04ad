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
from .bilateral import is_bilateral, read_parties
from .countries import find_countries
from .dates import extract_date
from .gazetteer import vn_officials as gazetteer_vn_officials
from .meetings import find_meeting_types
from .officials import find_people, foreign_officials, vn_officials
from .participants import find_participants
from .places import find_locations
from .sources import extract_source
from .tokens import tokenize
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
    "participants",
    "source",
)


def _whole_words(words: list[str]) -> tuple[tuple[str, ...], re.Pattern]:
    """Folded words, longest first, and a regex matching them as whole words."""
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in unique)
    return tuple(unique), re.compile(rf"\b(?:{alternation})\b")


@cache
def _ministry_named() -> tuple[tuple[str, ...], re.Pattern]:
    """Folded words naming the ministry or one of its leaders (see `may_report_meeting`)."""
    words = ["cong an", "public security", "mps"]
    for person in gazetteer_vn_officials():
        roles = " ".join(person.get("roles") or [])
        if "Công an" in roles or "Public Security" in roles:
            words += [search_key(name) for name in [person["name"], *person.get("variants", [])]]
    return _whole_words(words)


@cache
def _leaders_and_security() -> tuple[tuple[tuple[str, ...], re.Pattern], tuple[tuple[str, ...], re.Pattern]]:
    """Folded words of the top leaders, and of foreign security bodies: together, a top leader may be
    receiving a foreign minister of the interior with no word of the ministry in the text."""
    leaders = ["chu tich nuoc", "thu tuong", "tong bi thu", "chu tich quoc hoi", "president", "prime minister",
               "general secretary", "party chief", "pm"]
    security = ["noi vu", "canh sat", "an ninh", "tu phap", "police", "interior", "security", "justice",
                "home affairs"]
    return _whole_words(leaders), _whole_words(security)


def _names_any(text: str, words: tuple[str, ...], pattern: re.Pattern) -> bool:
    # substring tests first: far faster than the regex, and most texts contain none of the words
    return any(map(text.__contains__, words)) and pattern.search(text) is not None


def may_report_meeting(article: Article) -> bool:
    """Whether the text could report a meeting of the public-security side at all.

    Most news never names the ministry, one of its leaders, or a top leader beside a
    security body; for those articles the meeting fields are empty whatever the rest
    finds, so they are not computed at all.
    """
    text = fold(f"{article.title or ''}\n{article.text or ''}").lower()
    if _names_any(text, *_ministry_named()):
        return True
    leaders, security = _leaders_and_security()
    return _names_any(text, *leaders) and _names_any(text, *security)


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
            "topics": find_topics(doc), "meeting_types": [], "participants": [], "source": extract_source(article),
        })
    cf = find_countries(doc)
    people = find_people(doc, cf)
    vn = vn_officials(doc, people)
    types = find_meeting_types(doc)
    bilateral = is_bilateral(doc, cf, people, types)
    partners = cf.partners if bilateral else []
    date = extract_date(doc, article)
    participants = find_participants(doc, read_parties(doc, cf, people, doc.lead_end), people, vn) if bilateral else []
    record = {
        "is_bilateral": bilateral,
        "partner_countries": partners,
        **date.as_dict(),
        "vn_officials": vn if bilateral else [],
        "foreign_officials": foreign_officials(doc, people) if bilateral else [],
        "foreign_agencies": find_agencies(doc, cf, partners) if bilateral else [],
        "locations": find_locations(doc, cf, types) if bilateral else [],
        "topics": find_topics(doc),
        "meeting_types": types if bilateral else [],
        "participants": participants,
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
