"""What a query's words name among the meeting facts: `nga 2023` -> partner Nga, year 2023.

Analysts type partners, people, topics and years as plain words. When words
name a fact of the index (by its label or any alias the gazetteers know), the
documents holding that fact match those words even where the text spells
them otherwise (`Russia`, a year given only by the page's date) and rank
above documents that merely contain the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .analysis import token_keys
from .extract.gazetteer import load_json
from .facets import FacetIndex
from .vietnamese import search_key

MAX_PHRASE = 8
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
# facets whose values are named in queries (source and year handled apart)
NAMED = ("partner", "official", "topic", "type", "location")


@dataclass
class Hint:
    """Words [start, end) of a run name value(s) of a facet; `mask` holds their documents."""

    run: int
    start: int
    end: int
    param: str
    values: list[str]
    mask: np.ndarray


class QueryFacets:
    """Per-generation table: search key of a label or alias -> (facet, label)."""

    def __init__(self, facets: FacetIndex):
        self.facets = facets
        self.table: dict[str, set[tuple[str, str]]] = {}
        for param in NAMED:
            for label in facets.columns[param].labels:
                self._add(label, param, label)
        partners = set(facets.columns["partner"].labels)
        for country in load_json("countries.json", []):
            if country["name"] not in partners:
                continue
            names = [country.get("english", ""), *country.get("aliases", [])]
            ambiguous = set(country.get("ambiguous_aliases", []))
            for alias in names:
                if alias and (alias not in ambiguous or alias == country["name"]):
                    self._add(alias, "partner", country["name"])
        officials = set(facets.columns["official"].labels)
        for person in load_json("vn_officials.json", []):
            if person["name"] in officials:
                for variant in person.get("variants", []):
                    self._add(variant, "official", person["name"])
        self.longest = max((len(k.split()) for k in self.table), default=1)

    def _add(self, phrase: str, param: str, label: str) -> None:
        key = search_key(phrase)
        if key and len(key) > 1:
            self.table.setdefault(key, set()).add((param, label))

    def hints(self, runs: list[list[str]]) -> list[Hint]:
        """Longest matches of known labels and years in each run of typed words."""
        found: list[Hint] = []
        for r, run in enumerate(runs):
            keys = [token_keys(word)[1] for word in run]
            i = 0
            while i < len(keys):
                if _YEAR.match(keys[i]):
                    hint = self._hint(r, i, i + 1, "year", [keys[i]])
                    if hint:
                        found.append(hint)
                    i += 1
                    continue
                for n in range(min(MAX_PHRASE, self.longest, len(keys) - i), 0, -1):
                    entries = self.table.get(" ".join(keys[i:i + n]))
                    if entries:
                        by_param: dict[str, list[str]] = {}
                        for param, label in sorted(entries):
                            by_param.setdefault(param, []).append(label)
                        for param, labels in by_param.items():
                            hint = self._hint(r, i, i + n, param, labels)
                            if hint:
                                found.append(hint)
                        i += n
                        break
                else:
                    i += 1
        return found

    def _hint(self, run: int, start: int, end: int, param: str, values: list[str]) -> Hint | None:
        column = self.facets.columns[param]
        ids = [i for i in (column.value_id(v) for v in values) if i is not None]
        if not ids:
            return None
        return Hint(run, start, end, param, values, column.mask(self.facets.doc_count, ids))

