"""The folded view of fields indexed by exact syllables.

Title and body are indexed once per syllable, in its exact form (`đường`):
a second, folded key at every position would double the postings a build
writes. A word typed without diacritics (`duong`) reads every exact form
that folds to it (`đường`, `dương`, `duong`); this table, taken from the
index's own term list when a generation opens, says which forms those are.
"""

from __future__ import annotations

from .schema import field_form
from .vietnamese import fold


class Vocabulary:
    """Folded key -> its exact forms, for each field that holds exact keys only."""

    def __init__(self, reader, fields: tuple[str, ...] = ("title", "body")):
        self._accented: dict[str, dict[str, tuple[str, ...]]] = {}
        schema = reader.schema
        for name in fields:
            if name not in schema or field_form(schema[name]) != "exact":
                continue
            forms: dict[str, list[str]] = {}
            for term in reader.lexicon(name):
                if term.isascii():
                    continue  # no diacritics: its own folded form
                word = term.decode("utf-8")
                key = fold(word)
                if key != word:  # not so for other scripts (`Москва`)
                    forms.setdefault(key, []).append(word)
            self._accented[name] = {key: tuple(words) for key, words in forms.items()}

    def keys(self, field: str, key: str, folded: bool = False) -> tuple[str, ...]:
        """The index terms that hold `key` in `field`: for a folded key in an exact field, all its forms."""
        accented = self._accented.get(field)
        if not folded or accented is None:
            return (key,)
        return (key, *accented.get(key, ()))
