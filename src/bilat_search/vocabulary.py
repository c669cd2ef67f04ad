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

FIELDS = ("title", "body")


class Vocabulary:
    """Folded key -> its exact forms, for each field that holds exact keys only."""

    def __init__(self, reader=None, fields: tuple[str, ...] = FIELDS):
        self._accented: dict[str, dict[str, tuple[str, ...]]] = {}
        if reader is not None:
            self._add_terms(reader, fields)

    def _add_terms(self, reader, fields: tuple[str, ...] = FIELDS) -> None:
        """Add the accented terms of `reader` (an index, or one segment of it)."""
        schema = reader.schema
        for name in fields:
            if name not in schema or field_form(schema[name]) != "exact":
                continue
            forms = {key: list(words) for key, words in self._accented.get(name, {}).items()}
            for term in reader.lexicon(name):
                if term.isascii():
                    continue  # no diacritics: its own folded form
                word = term.decode("utf-8")
                key = fold(word)
                if key != word:  # not so for other scripts (`Москва`)
                    known = forms.setdefault(key, [])
                    if word not in known:
                        known.append(word)
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
        saved = _saved(folder)
        if saved is not None and saved[0] == set(_segment_ids(reader)):
            return saved[1]
        return cls(reader)  # none saved (an index built before), or for other segments

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
    return sorted(_segment_key(leaf) for leaf, _ in reader.leaf_readers())


def _segment_key(leaf) -> str:
    return f"{leaf.segment().segment_id()}:{leaf.doc_count_all()}"


def save_vocabulary(folder: Path) -> None:
    """Take the vocabulary of the index in `folder` and save it there (after a build or an update commits).

    An update's folder holds the previous generation's table: when all the
    segments it was taken from are still there, only the new segments' terms
    are read (the whole lexicon took 0.4 s on 38,000 articles).
    """
    from whoosh.filedb.filestore import FileStorage

    with FileStorage(str(folder), supports_mmap=False).open_index().reader() as reader:
        vocabulary = _extended(folder, reader) or Vocabulary(reader)
        vocabulary.save(folder, reader)


def _saved(folder: Path) -> tuple[set[str], Vocabulary] | None:
    """The segments a saved table was taken from, and the table; None when there is none or it is unreadable."""
    try:
        data = json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))
        vocabulary = Vocabulary()
        vocabulary._accented = {field: {key: tuple(words) for key, words in forms.items()}
                                for field, forms in data["fields"].items()}
        return set(data["segments"]), vocabulary
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _extended(folder: Path, reader) -> Vocabulary | None:
    saved = _saved(folder)
    if saved is None:
        return None
    segments, vocabulary = saved
    leaves = {_segment_key(leaf): leaf for leaf, _ in reader.leaf_readers()}
    if not segments <= set(leaves):  # segments were merged: read them all
        return None
    for key, leaf in leaves.items():
        if key not in segments:
            vocabulary._add_terms(leaf)
    return vocabulary
