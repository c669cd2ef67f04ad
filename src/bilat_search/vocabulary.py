"""The folded view of fields indexed by exact syllables.

Title and body are indexed once per syllable, in its exact form (`đường`):
a second, folded key at every position would double the postings a build
writes. A word typed without diacritics (`duong`) reads every exact form
that folds to it (`đường`, `dương`, `duong`); this table, taken from the
index's own term list, says which forms those are. A build saves it beside
the index (`vocabulary.json`): reading 100,000 terms back took 0.4 s of
every server start and every new generation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .schema import field_form
from .vietnamese import fold


class Vocabulary:
    """Folded key -> its exact forms, for each field that holds exact keys only."""

    def __init__(self, reader=None, fields: tuple[str, ...] = ("title", "body")):
        self._accented: dict[str, dict[str, tuple[str, ...]]] = {}
        if reader is None:
            return
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

    @classmethod
    def load(cls, folder: Path, reader) -> Vocabulary:
        """The table saved with this generation's segments, else read from the index's terms."""
        try:
            data = json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))
            if data.get("segments") == _segment_ids(reader):
                vocabulary = cls()
                vocabulary._accented = {field: {key: tuple(words) for key, words in forms.items()}
                                        for field, forms in data["fields"].items()}
                return vocabulary
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none saved (an index built before), or not readable: read the terms
        return cls(reader)

    def save(self, folder: Path, reader) -> None:
        """Write beside, then rename: an update's folder shares the previous generation's file by a hard link."""
        target = Path(folder) / FILE
        temporary = target.with_suffix(".tmp")
        data = {"segments": _segment_ids(reader), "fields": self._accented}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)


FILE = "vocabulary.json"


def _segment_ids(reader) -> list[str]:
    """What the table was taken from: a table saved for other segments is not used."""
    return sorted(f"{leaf.segment().segment_id()}:{leaf.doc_count_all()}" for leaf, _ in reader.leaf_readers())


def save_vocabulary(folder: Path) -> None:
    """Take the vocabulary of the index in `folder` and save it there (after a build or an update commits)."""
    from whoosh.filedb.filestore import FileStorage

    with FileStorage(str(folder), supports_mmap=False).open_index().reader() as reader:
        Vocabulary(reader).save(folder, reader)
