"""Gazetteers: the data files of `bilat_search/data`, loaded once, as fast phrase matchers.

The knowledge (country names, agencies, officials, topic phrases) lives in
JSON so that it can grow without touching code. Each phrase is tokenised with
the index tokenizer and stored under its first folded token, longest first,
so that matching an article is one dictionary lookup per token.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress
from typing import Any

from ..analysis import spans, token_keys
from ..vietnamese import nfc
from .tokens import Doc, toneless


def load_json(name: str, default: Any) -> Any:
    """A data file of the package (parsed once, shared: read it, never change it),
    or `default` when it is missing or unreadable."""
    parsed = _parsed(name)
    return default if parsed is None else parsed


@cache
def _parsed(name: str) -> Any:
    try:
        raw = resources.files("bilat_search").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


_PUNCT = re.compile(r"[,;:.()]")


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
        self._single: dict[str, list[tuple]] = {}
        self._multi: dict[tuple[str, str], list[tuple]] = {}
        self._firsts: set[str] = set()

    def add(self, phrase: str, value: Any) -> None:
        exact, folded = phrase_keys(phrase)
        if not exact:
            return
        tl = tuple(toneless(e) for e in exact)
        if len(exact) == 1:
            bucket = self._single.setdefault(folded[0], [])
        else:
            bucket = self._multi.setdefault((folded[0], folded[1]), [])
        for entry in bucket:
            if entry[1] == exact and entry[4] == value:
                return
        bucket.append((len(exact), exact, folded, tl, value, bool(_PUNCT.search(phrase))))
        bucket.sort(key=lambda entry: -entry[0])
        self._firsts.add(folded[0])

    def __bool__(self) -> bool:
        return bool(self._firsts)

    @property
    def firsts(self) -> set[str]:
        """Folded first words of every phrase (a cheap pre-filter)."""
        return self._firsts

    def match_at(self, doc: Doc, i: int, lenient: bool = False) -> Match | None:
        """The longest phrase starting at token i, if any."""
        dfolded = doc.folded
        if dfolded[i] not in self._firsts:
            return None
        n = len(dfolded)
        buckets = []
        if i + 1 < n:
            multi = self._multi.get((dfolded[i], dfolded[i + 1]))
            if multi:
                buckets.append(multi)
        single = self._single.get(dfolded[i])
        if single:
            buckets.append(single)
        dexact = doc.exact
        plain = doc.plain
        for bucket in buckets:
            for size, exact, folded, tl, value, punct in bucket:
                if i + size > n or tuple(dfolded[i : i + size]) != folded:
                    continue
                all_exact = True
                ok = True
                exact_words = 0
                for k in range(size):
                    t = i + k
                    if dexact[t] == exact[k]:
                        exact_words += 1
                        continue
                    all_exact = False
                    if plain:
                        continue
                    if lenient and (not doc.accented[t] or toneless(dexact[t]) == tl[k]):
                        continue
                    ok = False
                    break
                if not ok:
                    continue
                if not punct and size > 1 and any(doc.clause_start[i + k] for k in range(1, size)):
                    continue  # `nhân đạo, tạo điều kiện` is not `đào tạo`
                if (
                    lenient
                    and not all_exact
                    and size <= 2
                    and exact_words == 0
                    and any(doc.accented[i + k] for k in range(size))
                ):
                    continue
                return Match(i, i + size, value, all_exact)
        return None

    def find(
        self, doc: Doc, start: int = 0, end: int | None = None, lenient: bool = False
    ) -> Iterator[Match]:
        """Non-overlapping longest matches, left to right, in tokens [start, end)."""
        end = len(doc.words) if end is None else end
        # only tokens that begin a phrase are tried, picked out at C speed: most tokens begin none
        candidates = compress(range(start, end), map(self._firsts.__contains__, doc.folded[start:end]))
        resume = start
        for i in candidates:
            if i < resume:
                continue  # inside the previous match
            m = self.match_at(doc, i, lenient)
            if m is not None and m.end <= end:
                yield m
                resume = m.end


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
VIETNAM_NAMES = (
    "Việt Nam",
    "Vietnam",
    "Viet Nam",
    "CHXHCN Việt Nam",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Socialist Republic of Vietnam",
    "Vietnamese",
    "Viet Nam's",
    "Vietnam's",
)
"""The home side: recognised so that it is never mistaken for a name, never a partner."""


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


PLACE_KINDS = {"capitals": "capital", "cities": "city"}


@cache
def country_matcher() -> PhraseMatcher:
    """Every phrase that names a country (names, aliases, capitals, cities, agencies)."""
    m = PhraseMatcher()
    for phrase in VIETNAM_NAMES:
        m.add(phrase, CountryHit(VIETNAM, "name", VIETNAM))
    for c in countries():
        name = nfc(c["name"])
        ambiguous = _as_list(c.get("ambiguous_aliases"))
        unsure = {phrase_keys(a)[0] for a in ambiguous}
        for alias in [name, *_as_list(c.get("english")), *_as_list(c.get("aliases"))]:
            if phrase_keys(alias)[0] not in unsure:
                m.add(alias, CountryHit(name, "alias", name))
        for alias in ambiguous:
            m.add(alias, CountryHit(name, "ambiguous", name))
        for kind in ("capitals", "cities"):
            for group in _groups(c.get(kind), kind == "capitals"):
                canonical = nfc(group[0])
                for spelling in group:
                    m.add(
                        spelling,
                        CountryHit(name, PLACE_KINDS[kind], _canonical_place(canonical, nfc(spelling), group)),
                    )
        for agency in _as_list(c.get("agencies")):
            m.add(agency, CountryHit(name, "agency", nfc(agency)))
    return m


def _canonical_place(first: str, written: str, group: list[str]) -> str:
    """The facet spelling of a foreign city: the gazetteer's first spelling, unless that is a
    hyphenated phonetic transcription (`Can-bê-ra`, `Béc-lin`); then the Latin spelling the text
    used, else the last plain Latin spelling listed (`Canberra`, `Berlin`)."""
    if "-" not in first:
        return first
    if "-" not in written and written.isascii():
        return written
    latin = [nfc(s) for s in group if "-" not in s and "." not in s and s.isascii()]
    return latin[-1] if latin else first


@cache
def country_words() -> dict[str, frozenset[str]]:
    """Country -> the folded words of its names and aliases (to tell an agency's own words apart)."""
    out: dict[str, frozenset[str]] = {}
    for c in countries():
        words: set[str] = set()
        for phrase in [
            c["name"],
            *_as_list(c.get("english")),
            *_as_list(c.get("aliases")),
            *_as_list(c.get("ambiguous_aliases")),
        ]:
            words.update(phrase_keys(phrase)[1])
        out[nfc(c["name"])] = frozenset(words)
    return out


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
        for phrase in spec.get("not", []) if isinstance(spec, dict) else []:
            m.add(phrase, None)  # a longer phrase that names something else (`giáo dục và đào tạo`)
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
