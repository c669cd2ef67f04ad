"""What a query asks for: its words grouped into concepts, each with the other ways of saying it.

Analysts type `hợp tác phòng chống ma tuý với Lào`, `Vietnam Russia law enforcement
cooperation` or `Zhao Kezhi`. Read word by word, the first demands `với` and `chống`
of every answer, the second finds only English texts, the third misses the reports that
write `Triệu Khắc Chí`. Read as concepts, each names something an article may hold in
several ways:

- a fact the extractor found (partner `Lào` from `Laos` or `Lào`, a year, an official,
  a topic, a meeting type, a place): the documents holding it answer the words;
- another name of the same person or body (gazetteer variants: `Zhao Kezhi` =
  `Triệu Khắc Chí`, `Patrusev` ~ `Patrushev`), matched in the text as phrases;
- the same word in the other language (`data/glossary.json`: `law enforcement` =
  `thực thi pháp luật`), matched in the text as phrases.

A concept's words are segmented by longest match over the search keys of all these
phrases; a word that names nothing known is a concept of its own. The lexicon is built
once per index generation (it needs the facet values the index holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .analysis import spans, token_keys
from .extract.gazetteer import load_json
from .extract.officials import fuzzy_tokens
from .facets import FacetIndex
from .query import ParsedQuery
from .vietnamese import nfc

MAX_PHRASE = 8
MAX_MARKED = 24
"""Other phrasings marked in snippets, at most (a country has dozens of names)."""
YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
# facets whose values are named in queries (years are read apart)
NAMED = ("partner", "official", "topic", "type", "location")
# Words that ask for a meeting with a foreign side at all: every meeting report holds them
MEETING_WORDS = ["nước ngoài", "công an nước ngoài", "đối tác nước ngoài", "song phương", "foreign", "bilateral",
                 "foreign counterpart", "foreign police", "counterpart"]
MEETING = ("meeting", "bilateral")
# How queries name the kinds of participants (extract/participants.py)
PARTICIPANT_WORDS = {
    "lãnh đạo cấp cao": ["lãnh đạo cấp cao", "chủ tịch nước", "thủ tướng", "tổng bí thư", "chủ tịch quốc hội",
                         "phó thủ tướng", "top leaders", "president", "prime minister", "general secretary",
                         "party chief"],
    "công an địa phương": ["công an tỉnh", "công an thành phố", "công an địa phương", "công an tỉnh thành",
                           "provincial police", "city police", "local police"],
    "đại sứ": ["đại sứ", "ambassador", "tổng lãnh sự", "lãnh sự", "consul", "embassy", "đại sứ quán"],
    "bộ trưởng": ["bộ trưởng công an", "bộ trưởng bộ công an", "minister of public security", "ministerial"],
    "thứ trưởng": ["thứ trưởng", "thứ trưởng bộ công an", "deputy minister", "vice minister", "deputy-ministerial",
                   "vice-ministerial"],
}
EITHER = {"partner", "type", "topic"}
QUOTED_FACTS = {"partner", "topic", "official", "location"}
"""Facets whose values, typed side by side, are alternatives: `điện đàm trực tuyến`, `Lào Campuchia`."""
PERSON_TOKEN_MIN = 5
"""Shorter name tokens (`Li`, `Kim`, `Wang`) are too common to stand for one person alone."""
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna)$", re.I)
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$")
"""A Vietnamese syllable written without accents (`thanh`, `phong`): a word, not a foreign surname."""


def plain_concepts(parsed: ParsedQuery) -> dict[int, list[Concept]]:
    """Each word its own concept (years marked): for scoring without an index's lexicon."""
    out: dict[int, list[Concept]] = {}
    for run, words in enumerate(parsed.highlight_runs()):
        out[run] = [
            Concept(run, i, i + 1, [word], year=token_keys(word)[1] if YEAR.match(token_keys(word)[1]) else None)
            for i, word in enumerate(words)
        ]
    return out


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Folded keys of a phrase's words, tokenised as queries and texts are."""
    return tuple(token_keys(span.text)[1] for span in spans(nfc(phrase)))


def exact_key(phrase: str) -> tuple[str, ...]:
    """Exact (accented, canonical) keys of a phrase's words."""
    return tuple(token_keys(span.text)[0] for span in spans(nfc(phrase)))


@dataclass
class Entry:
    """What a phrase names: facet values, and other phrasings to look for in the text."""

    facts: set[tuple[str, str]] = field(default_factory=set)
    """(facet parameter, label) pairs."""
    alternatives: set[tuple[str, ...]] = field(default_factory=set)
    """Other phrasings, as folded keys."""
    entity: bool = False
    """A name (person, body): its words must stand together, not scattered over a text."""
    abbreviation: bool = False
    """The word alone is too common to mean this in a text (`chào`): only its phrases count."""
    forms: set[tuple[str, ...]] = field(default_factory=set)
    """The phrases' exact keys: words typed with diacritics must match one (`tính` is not `tỉnh`)."""
    broad: bool = False
    """The facts are wider than the phrase (a body's country): they find its reports, but score little."""


@dataclass
class Concept:
    """Words [start, end) of a run of typed words, and what they name."""

    run: int
    start: int
    end: int
    words: list[str]
    facts: list[tuple[str, str]] = field(default_factory=list)
    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    entity: bool = False
    abbreviation: bool = False
    broad: bool = False
    year: str | None = None
    """The year a four-digit word names (a preference beside other words, not a requirement)."""
    mask: np.ndarray | None = None
    """Documents holding one of the facts."""

    @property
    def family(self) -> str | None:
        """Concepts of one family are alternatives to each other: values of a facet whose values are
        (`điện đàm trực tuyến`, `Lào Campuchia`), or words naming one same fact (`Chủ tịch nước, Thủ tướng`)."""
        params = {param for param, _ in self.facts}
        if len(params) != 1:
            return None
        param = next(iter(params))
        if param in EITHER:
            return param
        return f"{param}:{self.facts[0][1]}" if len(self.facts) == 1 else None


def _typed_as(words: list[str], entry: Entry) -> bool:
    """Words typed without diacritics match any form; typed with them, only a form spelled so."""
    typed = tuple(token_keys(w)[0] for w in words)
    if all(t == token_keys(w)[1] for t, w in zip(typed, words, strict=True)):
        return True
    return any(
        all(t == f or t == token_keys(w)[1] for t, f, w in zip(typed, form, words, strict=True))
        for form in entry.forms
        if len(form) == len(typed)
    )


class ConceptLexicon:
    """Per generation: search key of a phrase -> what it names."""

    def __init__(self, facets: FacetIndex):
        self.facets = facets
        self.table: dict[tuple[str, ...], Entry] = {}
        self.persons: dict[str, set[tuple[str, ...]]] = {}
        self.compounds: dict[str, tuple[set[str], set[str]]] = {}
        """Abbreviation -> the words before and after it that make it part of another word."""
        """Fuzzy key of a distinctive name token -> all variants of the people it belongs to."""
        self._facts()
        self._gazetteer_names()
        self._glossary()
        self.longest = max((len(k) for k in self.table), default=1)

    def entry(self, phrase: str) -> Entry | None:
        key = phrase_key(phrase)
        if not key:
            return None
        entry = self.table.setdefault(key, Entry())
        entry.forms.add(exact_key(phrase))
        return entry

    # --- building -------------------------------------------------------------
    def _facts(self) -> None:
        columns = self.facets.columns
        for param in NAMED:
            for label in columns[param].labels:
                self._fact(label, param, label)
        partners = set(columns["partner"].labels)
        for country in load_json("countries.json", []):
            if country["name"] not in partners:
                continue
            ambiguous = set(country.get("ambiguous_aliases", []))
            for alias in [country.get("english", ""), *country.get("aliases", [])]:
                if alias and (alias not in ambiguous or alias == country["name"]):
                    self._fact(alias, "partner", country["name"])
        officials = set(columns["official"].labels)
        for person in load_json("vn_officials.json", []):
            if person["name"] in officials:
                for variant in person.get("variants", []):
                    self._fact(variant, "official", person["name"])
        topics = set(columns["topic"].labels)
        for label, spec in load_json("topics.json", {}).items():
            if label in topics:
                for phrase in spec.get("phrases", []) if isinstance(spec, dict) else spec:
                    self._fact(phrase, "topic", label)
        for phrase in MEETING_WORDS:
            self._fact(phrase, *MEETING)
        kinds = set(columns["participant"].labels) if "participant" in columns else set()
        for label, phrases in PARTICIPANT_WORDS.items():
            if label in kinds:
                for phrase in phrases:
                    self._fact(phrase, "participant", label)
        types = set(columns["type"].labels)
        for label, phrases in load_json("meeting_types.json", {}).items():
            if label in types and isinstance(phrases, list):
                for phrase in phrases:
                    if not any(word[:1].isupper() for word in phrase.split()[1:]):
                        self._fact(phrase, "type", label)  # not `tiếp Bộ trưởng`: a guest is another concept

    def _fact(self, phrase: str, param: str, label: str) -> None:
        entry = self.entry(phrase)
        if entry is not None and len(phrase_key(phrase)) <= MAX_PHRASE and len(phrase.strip()) > 1:
            entry.facts.add((param, label))

    def _gazetteer_names(self) -> None:
        """People and bodies by every name they go by; a person also by a distinctive token, spelled loosely."""
        for person in load_json("vn_officials.json", []):
            self._same([person["name"], *person.get("variants", [])], entity=True)
        for person in load_json("foreign_officials.json", []):
            names = [person["name"], *person.get("variants", [])]
            self._same(names, entity=True)
            keys = {phrase_key(name) for name in names}
            for name in names:
                for position, token in enumerate(name.replace("-", " ").split()):
                    # a given name (`Nikolai`) is no one's; a surname or patronymic (`Platonovich`) is.
                    # Names in Vietnamese spelling are left out: their syllables are words (`Trọng`: `trong`)
                    if (
                        len(token) >= PERSON_TOKEN_MIN
                        and token.isascii()
                        and not _SYLLABLE.match(token.lower())
                        and (position > 0 or _PATRONYMIC.search(token))
                    ):
                        self.persons.setdefault("".join(fuzzy_tokens(token)), set()).update(keys)
        for org in load_json("organizations.json", []):
            self._same([org["name"], *org.get("aliases", [])], entity=True)
        partners = set(self.facets.columns["partner"].labels)
        for country in load_json("countries.json", []):
            for agency in country.get("agencies", []):
                entry = self.entry(agency)
                if entry is not None:
                    # `Bộ An ninh Quốc gia Trung Quốc` is not `Bộ Công an Trung Quốc`, but any report
                    # with that partner may name the body otherwise (`Chinese Ministry of State Security`)
                    entry.entity = True
                    if country["name"] in partners:
                        entry.facts.add(("partner", country["name"]))
                        entry.broad = True

    def _glossary(self) -> None:
        data = load_json("glossary.json", {})
        if not isinstance(data, dict):
            return
        for group in data.get("concepts", []):
            self._same(group, entity=False)
        for word, spec in data.get("abbreviations", {}).items():
            entry = self.entry(word)
            if entry is not None:
                entry.alternatives |= {phrase_key(p) for p in spec["phrases"]}
                entry.abbreviation = True
                self.compounds[phrase_key(word)[0]] = (
                    {phrase_key(w)[0] for w in spec.get("not_prev", [])},
                    {phrase_key(w)[0] for w in spec.get("not_next", [])},
                )

    def _same(self, phrases: list[str], entity: bool) -> None:
        keys = {phrase_key(p) for p in phrases if p}
        keys.discard(())
        for phrase in phrases:
            entry = self.entry(phrase)
            if entry is None:
                continue
            entry.alternatives |= keys - {phrase_key(phrase)}
            entry.entity = entry.entity or entity

    # --- reading a query ------------------------------------------------------------
    def for_query(self, parsed: ParsedQuery) -> dict[int, list[Concept]]:
        """Run number (as `ParsedQuery.highlight_runs` counts them) -> its concepts.

        A quoted phrase stays one concept (its words in that order), with the other
        names of the thing it names when the whole phrase is one.
        """
        out: dict[int, list[Concept]] = {}
        run = 0
        for group in parsed.groups:
            words: list[str] = []
            for clause in group:
                if clause.negated:
                    continue
                if clause.phrase:
                    if words:
                        out[run] = self.concepts([words], run)
                        run += 1
                        words = []
                    # quoted: the words in that order, or another way of writing the same name or term
                    # (`Royal Thai Police`, `courtesy call`), or the topic or entity the phrase names; a
                    # meeting type or participant kind is a bucket wider than the phrase: it scores little
                    entry = self.table.get(tuple(token_keys(w)[1] for w in clause.words), Entry())
                    facts = {(param, label) for param, label in entry.facts if param in QUOTED_FACTS}
                    buckets = {(param, label) for param, label in entry.facts if param not in QUOTED_FACTS}
                    quoted = Entry(facts or buckets, entry.alternatives, entry.entity,
                                   broad=entry.broad or (not facts and bool(buckets)))
                    concept = self._concept(run, clause.words, 0, len(clause.words), quoted)
                    concept.entity = entry.entity  # a quoted one-word name too
                    out[run] = [concept]
                    run += 1
                else:
                    words.extend(clause.words)
            if words:
                out[run] = self.concepts([words], run)
                run += 1
        return out

    def alternative_runs(self, parsed: ParsedQuery, limit: int = MAX_MARKED) -> list[list[str]]:
        """Other phrasings of the query's concepts, to mark in snippets (`Zhao Kezhi` marks `Triệu Khắc Chí`)."""
        runs: list[list[str]] = []
        for concepts in self.for_query(parsed).values():
            for concept in concepts:
                runs.extend(list(keys) for keys in concept.alternatives)
        return runs[:limit]

    def concepts(self, runs: list[list[str]], first_run: int = 0) -> list[Concept]:
        """The concepts of each run of typed words, longest known phrase first."""
        found: list[Concept] = []
        for r, run in enumerate(runs, first_run):
            keys = [token_keys(word)[1] for word in run]
            i = 0
            while i < len(keys):
                if YEAR.match(keys[i]):
                    found.append(self._concept(r, run, i, i + 1, Entry(), year=keys[i]))
                    i += 1
                    continue
                for n in range(min(MAX_PHRASE, self.longest, len(keys) - i), 0, -1):
                    entry = self.table.get(tuple(keys[i : i + n]))
                    if entry is not None and entry.abbreviation and self._in_compound(keys, i):
                        continue  # `tiếp nhận`, `trực tiếp`: another word
                    if entry is not None and _typed_as(run[i : i + n], entry) and (
                        entry.facts or entry.alternatives or entry.entity or entry.abbreviation
                    ):
                        found.append(self._concept(r, run, i, i + n, entry))
                        i += n
                        break
                else:
                    n = self._person_run(keys, i)
                    if n:
                        variants: set[tuple[str, ...]] = set()
                        for key in keys[i : i + n]:
                            variants |= self.persons.get("".join(fuzzy_tokens(key)), set())
                        found.append(self._concept(r, run, i, i + n, Entry(alternatives=variants, entity=True)))
                        i += n
                    else:
                        found.append(self._concept(r, run, i, i + 1, Entry()))
                        i += 1
        return found

    def _in_compound(self, keys: list[str], i: int) -> bool:
        before, after = self.compounds.get(keys[i], (set(), set()))
        return (i > 0 and keys[i - 1] in before) or (i + 1 < len(keys) and keys[i + 1] in after)

    def _person_run(self, keys: list[str], i: int) -> int:
        """Length of a run of words, from i, that each loosely spell a token of one same person's names."""
        people: set[tuple[str, ...]] | None = None
        n = 0
        while i + n < len(keys):
            variants = self.persons.get("".join(fuzzy_tokens(keys[i + n])))
            if not variants or len(keys[i + n]) < PERSON_TOKEN_MIN:
                break
            shared = variants if people is None else people & variants
            if not shared:
                break
            people = shared
            n += 1
        return n

    def _concept(self, run: int, words: list[str], start: int, end: int, entry: Entry,
                 year: str | None = None) -> Concept:
        concept = Concept(run, start, end, words[start:end], sorted(entry.facts), sorted(entry.alternatives),
                          entry.entity and end - start > 1, entry.abbreviation, entry.broad, year)
        ids_by_param: dict[str, list[int]] = {}
        for param, label in concept.facts:
            if (param, label) == MEETING:
                continue
            value_id = self.facets.columns[param].value_id(label)
            if value_id is not None:
                ids_by_param.setdefault(param, []).append(value_id)
        if year is not None:
            value_id = self.facets.columns["year"].value_id(year)
            if value_id is not None:
                ids_by_param["year"] = [value_id]
        meeting = MEETING in concept.facts
        if ids_by_param or meeting:
            mask = self.facets.meetings.copy() if meeting else np.zeros(self.facets.doc_count, dtype=bool)
            for param, ids in ids_by_param.items():
                mask |= self.facets.columns[param].mask(self.facets.doc_count, ids)
            concept.mask = mask
        return concept
