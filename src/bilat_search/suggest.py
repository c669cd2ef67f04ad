"""Did-you-mean and type-ahead, from the gazetteers and the index's own words.

Analysts often type without diacritics. When what they typed is a known
name or phrase (`bo cong an belarus`), we offer the accented form
("Bộ Công an Belarus"); when a query finds nothing, we offer the closest
words the index has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from whoosh.spelling import Corrector, ListCorrector

from .analysis import spans, token_keys
from .extract.gazetteer import load_json
from .query import ParsedQuery
from .vietnamese import fold, search_key
from .vocabulary import Vocabulary

MAX_PHRASE = 7
MAX_CORRECTED_CHARS = 200
MAX_CORRECTED_WORDS = 6
# Names every user of this archive types; not in any one gazetteer file.
COMMON_PHRASES = ["Bộ Công an", "Công an nhân dân", "Bộ trưởng", "Thứ trưởng", "hội đàm", "hội kiến",
                  "an ninh quốc gia", "an ninh mạng", "hợp tác", "phòng chống tội phạm", "tội phạm",
                  "Việt Nam", "Đoàn đại biểu", "Bộ Nội vụ", "Ủy ban An ninh Quốc gia", "trao đổi thông tin",
                  "xuyên quốc gia", "ký kết", "Thượng tướng", "Đại tướng", "Trung tướng", "Thiếu tướng"]


@dataclass
class Suggester:
    """Built once per index generation."""

    phrases: dict[str, str]
    """folded key of a known phrase -> its accented form."""
    completions: list[tuple[str, str, int]]
    """(folded key, display name, article count) for type-ahead."""

    @classmethod
    def build(cls, searcher, facet_index) -> Suggester:
        phrases: dict[str, str] = {}

        def add(name: str) -> None:
            if name and len(name) < 80:
                phrases.setdefault(search_key(name), name)

        for name in COMMON_PHRASES:
            add(name)
        for column in facet_index.columns.values():
            for label in column.labels:
                add(label)
        for country in load_json("countries.json", []):
            for name in [country["name"], *country.get("aliases", []), *country.get("capitals", []),
                         *country.get("agencies", [])]:
                add(name)
        for person in [*load_json("vn_officials.json", []), *load_json("foreign_officials.json", [])]:
            add(person["name"])
        for label in load_json("topics.json", {}):
            add(label)
        completions: Counter = Counter()
        display: dict[str, str] = {}
        for param in ("partner", "official", "location"):
            column = facet_index.columns[param]
            counts = column.counts(facet_index.live)
            for i, label in enumerate(column.labels):
                key = search_key(label)
                completions[key] += int(counts[i])
                display.setdefault(key, label)
        ranked = [(key, display[key], count) for key, count in completions.items() if count]
        return cls(phrases, sorted(ranked, key=lambda item: -item[2]))

    def accented(self, parsed: ParsedQuery) -> str | None:
        """The query with known names accented, if that changes anything."""
        text = parsed.text
        if not text or fold(text) != text:
            return None  # the user typed diacritics: trust them
        pieces = list(spans(text))
        keys = [token_keys(p.text)[1] for p in pieces]
        out: list[str] = []
        cursor = 0
        i = 0
        used_phrase = False
        while i < len(pieces):
            for n in range(min(MAX_PHRASE, len(pieces) - i), 0, -1):
                key = " ".join(keys[i:i + n])
                if key in self.phrases and (n > 1 or len(key) > 3):
                    out.append(text[cursor:pieces[i].start] + self.phrases[key])
                    cursor = pieces[i + n - 1].end
                    i += n
                    used_phrase = True
                    break
            else:
                i += 1
        if not used_phrase:
            return None
        out.append(text[cursor:])
        suggestion = "".join(out)
        return suggestion if suggestion != text else None

    def corrected(self, parsed: ParsedQuery, searcher, vocabulary: Vocabulary) -> str | None:
        """For a query that found nothing: each unknown word replaced by the closest indexed word."""
        reader = searcher.reader()
        if "body" not in reader.indexed_field_names():
            return None
        if len(parsed.text) > MAX_CORRECTED_CHARS:
            return None  # long pasted text: a correction would not help, and costs seconds

        def documents(key: str) -> int:
            return sum(reader.doc_frequency("body", term) for term in vocabulary.keys("body", key, folded=True))

        changed = False
        attempts = 0
        out: list[str] = []
        text = parsed.text
        cursor = 0
        for piece in spans(text):
            key = token_keys(piece.text)[1]
            out.append(text[cursor:piece.start])
            cursor = piece.end
            if (len(key) > 2 and len(key) <= 20 and not key.isdigit() and attempts < MAX_CORRECTED_WORDS
                    and documents(key) == 0):
                attempts += 1
                options = self._corrector(reader, vocabulary, documents).suggest(key, limit=1, maxdist=2)
                if options:
                    out.append(_most_common_form(reader, vocabulary, options[0]))
                    changed = True
                    continue
            out.append(piece.text)
        out.append(text[cursor:])
        return "".join(out) if changed else None

    _corrector_words: list[str] | None = None

    def _corrector(self, reader, vocabulary: Vocabulary, documents: Callable[[str], int]) -> Corrector:
        """Whoosh's edit-distance search over the body's folded words (listed on first need)."""
        if self._corrector_words is None:
            self._corrector_words = sorted({fold(term.decode("utf-8")) for term in reader.lexicon("body")})
        return _FoldedCorrector(self._corrector_words, documents)

    def complete(self, prefix: str, limit: int = 8) -> list[dict]:
        key = search_key(prefix)
        if not key:
            return []
        starts = [c for c in self.completions if c[0].startswith(key)]
        inside = [c for c in self.completions if f" {key}" in f" {c[0]}" and c not in starts]
        return [{"value": name, "count": count} for _, name, count in (starts + inside)[:limit]]


class _FoldedCorrector(ListCorrector):
    """Closest folded words first, then the most common: `duongg` -> `duong`."""

    def __init__(self, words: list[str], documents: Callable[[str], int]):
        super().__init__(words)
        self.documents = documents

    def _suggestions(self, text, maxdist, prefix):
        for score, word in super()._suggestions(text, maxdist, prefix):
            yield score - 0.5 / (self.documents(word) or 1), word


def _most_common_form(reader, vocabulary: Vocabulary, key: str) -> str:
    """The form of a folded word that most body texts use (`duong` -> `đường`)."""
    forms = vocabulary.keys("body", key, folded=True)
    return max(forms, key=lambda form: (reader.doc_frequency("body", form), form != key))
