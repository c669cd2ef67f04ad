"""Gazetteers: the data files of `bilat_search/data`, loaded once, as fast phrase matchers.

The knowledge (country names, agencies, officials, topic phrases) lives in
JSON so that it can grow without touching code. Each phrase is tokenised with
the index tokenizer and stored under its first folded token, longest first,
so that matching an article is one dictionary lookup per token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..analysis import spans, token_keys
from ..vietnamese import nfc
from .tokens import Doc, toneless


def load_json(name: str, default: Any) -> Any:
    """A data file of the package, or `default` when it is missing or unreadable."""
    try:
        raw = resources.files("bilat_search").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return default
    try:
        return json.loads(raw)
    except ValueError:
        return default


def phrase_keys(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exact keys, folded keys) of a phrase, tokenised like article text."""
    exact: list[str] = []
    folded: list[str] = []
    for span in spans(nfc(phrase)):
        e, f = token_keys(span.text)
        exact.append(e)
        folded.append(f)
    return tuple(exact), tuple(folded)


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens [start, end) of a doc matched a phrase carrying `value`."""

    start: int
    end: int
    value: Any
    exact: bool
    """True when every accented token matched with its diacritics."""


class PhraseMatcher:
    """Longest-match phrase lookup over a Doc.

    Strict by default: in a text written with diacritics every word must
    match with its diacritics (`Nga` never matches `ngã`, `lao` never `Lào`);
    a text written without them (English editions, `To Lam`) matches folded.
    `lenient` additionally forgives a wrong or missing tone mark on accented
    words (`ma tùy`, `toi phạm`), as long as vowel quality agrees and, for
    short phrases, at least one word is spelled exactly.
    """

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, value: Any) -> None:
        exact, folded = phrase_keys(phrase)
        if not exact:
            return
        tl = tuple(toneless(e) for e in exact)
        bucket = self._index.setdefault(folded[0], [])
        for entry in bucket:
            if entry[1] == exact and entry[4] == value:
                return
        bucket.append((len(exact), exact, folded, tl, value))
        bucket.sort(key=lambda entry: -entry[0])

    def __bool__(self) -> bool:
        return bool(self._index)

    def match_at(self, doc: Doc, i: int, lenient: bool = False) -> Match | None:
        """The longest phrase starting at token i, if any."""
        bucket = self._index.get(doc.folded[i])
        if bucket is None:
            return None
        n = len(doc.words)
        plain = doc.plain
        for size, exact, folded, tl, value in bucket:
            if i + size > n:
                continue
            all_exact = True
            ok = True
            exact_words = 0
            for k in range(size):
                t = i + k
                if doc.folded[t] != folded[k]:
                    ok = False
                    break
                if doc.exact[t] == exact[k]:
                    exact_words += 1
                    continue
                all_exact = False
                if plain:
                    continue
                if lenient and (not doc.accented[t] or toneless(doc.exact[t]) == tl[k]):
                    continue
                ok = False
                break
            if not ok:
                continue
            if lenient and not all_exact and size <= 2 and exact_words == 0 and any(
                doc.accented[i + k] for k in range(size)
            ):
                continue
            return Match(i, i + size, value, all_exact)
        return None

    def find(self, doc: Doc, start: int = 0, end: int | None = None, lenient: bool = False) -> Iterator[Match]:
        """Non-overlapping longest matches, left to right, in tokens [start, end)."""
        end = len(doc.words) if end is None else end
        i = start
        index = self._index
        folded = doc.folded
        while i < end:
            if folded[i] in index:
                m = self.match_at(doc, i, lenient)
                if m is not None and m.end <= end:
                    yield m
                    i = m.end
                    continue
            i += 1


# ---------------------------------------------------------------- data files


@dataclass(frozen=True, slots=True)
class CountryHit:
    """What a country phrase is: the country's canonical name and the kind of phrase."""

    country: str
    kind: str
    """`name`, `alias`, `ambiguous`, `capital`, `city`, `agency`."""
    canonical: str
    """The canonical spelling of the phrase (for capitals and cities: the first spelling)."""


@cache
def countries() -> list[dict]:
    data = load_json("countries.json", [])
    if isinstance(data, dict):
        data = data.get("countries", list(data.values()))
    return [c for c in data if isinstance(c, dict) and c.get("name")]


VIETNAM = "Việt Nam"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for item in value:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.extend(s for s in [item.get("name"), *item.get("aliases", [])] if isinstance(s, str))
        elif isinstance(item, list):
            out.extend(s for s in item if isinstance(s, str))
    return out


def _groups(value: Any, one_place: bool) -> list[list[str]]:
    """Capitals and cities as groups of spellings of one place, the canonical spelling first.

    A flat list of capitals is the spellings of one capital; a flat list of
    cities is one city per item. Nested lists or {name, aliases} objects group explicitly.
    """
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    if one_place and all(isinstance(item, str) for item in items):
        return [items] if items else []
    groups: list[list[str]] = []
    for item in items:
        if isinstance(item, str):
            groups.append([item])
        elif isinstance(item, list):
            groups.append([s for s in item if isinstance(s, str)])
        elif isinstance(item, dict):
            names = [item.get("name")] + list(item.get("aliases", []) or [])
            groups.append([s for s in names if isinstance(s, str)])
    return [g for g in groups if g]


@cache
def country_matcher() -> PhraseMatcher:
    """Every phrase that names a country (names, aliases, capitals, cities, agencies)."""
    m = PhraseMatcher()
    for c in countries():
        name = nfc(c["name"])
        m.add(name, CountryHit(name, "name", name))
        for alias in _as_list(c.get("english")) + _as_list(c.get("aliases")):
            m.add(alias, CountryHit(name, "alias", name))
        for alias in _as_list(c.get("ambiguous_aliases")):
            m.add(alias, CountryHit(name, "ambiguous", name))
        for kind in ("capitals", "cities"):
            for group in _groups(c.get(kind), kind == "capitals"):
                canonical = nfc(group[0])
                for spelling in group:
                    m.add(spelling, CountryHit(name, kind[:-1], canonical))
        for agency in _as_list(c.get("agencies")):
            m.add(agency, CountryHit(name, "agency", nfc(agency)))
    return m


@cache
def capital_spellings() -> dict[str, str]:
    """Any spelling of a capital or city (folded key) -> its canonical spelling."""
    out: dict[str, str] = {}
    for c in countries():
        for kind in ("capitals", "cities"):
            for group in _groups(c.get(kind), kind == "capitals"):
                for spelling in group:
                    out.setdefault(" ".join(phrase_keys(spelling)[1]), nfc(group[0]))
    return out


@cache
def organizations() -> list[dict]:
    data = load_json("organizations.json", [])
    if isinstance(data, dict):
        data = data.get("organizations", [])
    return [o for o in data if isinstance(o, dict) and o.get("name")]


@cache
def organization_matcher() -> PhraseMatcher:
    """International organisations (Interpol, ASEANAPOL, UNODC...): counterparts without a country."""
    m = PhraseMatcher()
    for o in organizations():
        for phrase in [o["name"], *_as_list(o.get("aliases"))]:
            m.add(phrase, nfc(o["name"]))
    return m


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None
    role: str


@cache
def foreign_officials() -> list[dict]:
    data = load_json("foreign_officials.json", [])
    if isinstance(data, dict):
        data = data.get("officials", [])
    return [p for p in data if isinstance(p, dict) and p.get("name")]


@cache
def foreign_official_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    for p in foreign_officials():
        person = Person(nfc(p["name"]), nfc(p["country"]) if p.get("country") else None, p.get("role") or "")
        for phrase in [p["name"], *_as_list(p.get("variants"))]:
            m.add(phrase, person)
    return m


@cache
def vn_officials() -> list[dict]:
    data = load_json("vn_officials.json", [])
    if isinstance(data, dict):
        data = data.get("officials", [])
    return [p for p in data if isinstance(p, dict) and p.get("name")]


@cache
def vn_official_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    for p in vn_officials():
        roles = p.get("roles") or []
        role = " ".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in roles)
        person = Person(nfc(p["name"]), VIETNAM, role)
        for phrase in [p["name"], *_as_list(p.get("variants"))]:
            m.add(phrase, person)
    return m


@cache
def topic_matcher() -> PhraseMatcher:
    data = load_json("topics.json", {})
    m = PhraseMatcher()
    for label, spec in data.items():
        if label.startswith("_"):
            continue
        phrases = spec.get("phrases", []) if isinstance(spec, dict) else spec
        m.add(label, nfc(label))
        for phrase in phrases:
            m.add(phrase, nfc(label))
    return m


@cache
def meeting_type_matcher() -> PhraseMatcher:
    data = load_json("meeting_types.json", {})
    m = PhraseMatcher()
    for label, phrases in data.items():
        if label.startswith("_"):
            continue
        if isinstance(phrases, dict):
            phrases = phrases.get("phrases", [])
        for phrase in phrases:
            m.add(phrase, nfc(label))
    return m


@cache
def sources() -> tuple[dict[str, str], dict[str, str]]:
    data = load_json("sources.json", {})
    hosts = {k.lower().removeprefix("www."): v for k, v in (data.get("hosts") or {}).items()}
    credits = {nfc(k): v for k, v in (data.get("credits") or {}).items()}
    return hosts, credits


@cache
def vn_place_matcher() -> PhraseMatcher:
    data = load_json("vn_places.json", {})
    places = data.get("places", []) if isinstance(data, dict) else data
    m = PhraseMatcher()
    for p in places:
        name = nfc(p["name"])
        for phrase in [p["name"], *p.get("aliases", [])]:
            m.add(phrase, name)
    return m
