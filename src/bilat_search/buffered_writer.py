"""Whoosh's segment writer, with the postings of a build kept in a `PostingBuffer`.

Postings skip Whoosh's pool: no tuple per posting, no sort of millions of
tuples, no posting-by-posting writing (`posting_buffer.py`). Text fields
(`VietnameseText`) hand over their positions grouped by word; identifiers
and keywords their `Field.index` items. Everything else (stored fields,
lengths, merges, deletions) is Whoosh's own code. The buffer gives way to
the pool, with the same result, whenever the pool must hold a buffered field
too: past `limitmb` of buffered postings (the pool then spills to disk), when
a merge brings older segments' postings, or a document sets a boost.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from whoosh.util.text import utf8encode
from whoosh.writing import SegmentWriter

from .analysis import keyed_positions
from .codec import PackedFieldWriter
from .posting_buffer import PostingBuffer
from .postings_format import PackedPositions
from .schema import VietnameseText, field_form


class BufferedSegmentWriter(SegmentWriter):
    """A SegmentWriter whose postings are buffered in columns and written a word at a time."""

    def __init__(self, ix, limitmb: int = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.buffer = PostingBuffer()
        self.buffer_limit = limitmb * 1024 * 1024
        self._buffered: dict[str, str] = {}
        self._itemized: frozenset[str] = frozenset()
        if isinstance(self.fieldwriter, PackedFieldWriter):
            self._buffered = {name: field_form(field) for name, field in self.schema.items()
                              if _bufferable(field)}
            self._itemized = frozenset(name for name, field in self.schema.items()
                                       if name not in self._buffered and _itemizable(field))

    def add_document(self, **fields):
        """Whoosh's `SegmentWriter.add_document`, but a buffered field's postings go to the buffer."""
        buffered = self._buffered
        if not buffered or any(name.startswith("_") and name.endswith("_boost") for name in fields):
            self._give_way()  # a boost changes weights: Whoosh's own code applies it
            return super().add_document(**fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    form = buffered.get(fieldname)
                    if form is not None and isinstance(value, str):
                        length = self.buffer.add(fieldname, docnum, keyed_positions(value, form))
                    elif fieldname in self._itemized:
                        length = self.buffer.add_items(fieldname, docnum, field.index(value))
                        if not field.scorable:
                            length = 0
                    else:
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            add_post((fieldname, tbytes, docnum, weight, vbytes))
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        add_post((spellfield, utf8encode(word)[0], 0, 1, None))
                if field.vector:
                    vitems = field.vector.word_values(value, field.analyzer, mode="index")
                    perdocwriter.add_vector_items(fieldname, field,
                                                  sorted((t, w, v) for t, _, w, v in vitems))
                stored = fields.get(f"_stored_{fieldname}", value)  # a value stored instead of the indexed one
                perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
                column = field.column_type
                if column and stored is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(stored))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        if self.buffer.size > self.buffer_limit:
            self._give_way()

    def add_reader(self, reader):
        self._give_way()  # a merge: the older segments' postings come through the pool
        super().add_reader(reader)

    def _give_way(self) -> None:
        """Move the buffered postings to Whoosh's pool, and buffer no more in this segment."""
        self._buffered = {}
        self._itemized = frozenset()
        if not self.buffer:
            return
        add_post = self.pool.add
        for fieldname in sorted(self.buffer.fieldnames()):
            for item in self.buffer.postings(fieldname, self.schema[fieldname].format.field_boost):
                add_post(item)

    def _flush_segment(self):
        if self.codec.length_stats or self.buffer.fieldnames() & self.pool.fieldnames:
            self._give_way()
        if not self.buffer:
            return super()._flush_segment()
        self.perdocwriter.close()
        _write_postings(self.fieldwriter, self.schema, self.pool.iter_postings(), self.buffer)
        self.fieldwriter.close()

    def _partial_segment(self):
        self._give_way()  # the parent of a multi-process writer reads this segment's postings from the pool
        return super()._partial_segment()


def _bufferable(field) -> bool:
    return (isinstance(field, VietnameseText) and type(field.format) is PackedPositions
            and not field.vector and not field.separate_spelling() and field.column_type is None)


def _itemizable(field) -> bool:
    return (field.indexed and field.format is not None and not field.vector
            and not field.separate_spelling())


def _write_postings(fieldwriter: PackedFieldWriter, schema, pooled, buffer: PostingBuffer) -> None:
    """Write the pool's postings and the buffer's, field by field in name order, as the term index needs."""
    pending = sorted(buffer.fieldnames())

    def write_buffered(before: str | None) -> None:
        while pending and (before is None or pending[0] < before):
            name = pending.pop(0)
            field = schema[name]
            fieldwriter.start_field(name, field)
            for word, ids, weights, counts, values in buffer.terms(name, field.format.field_boost):
                fieldwriter.add_term(word, ids, weights, counts, values)
            fieldwriter.finish_field()

    for fieldname, items in groupby(pooled, key=itemgetter(0)):
        write_buffered(fieldname)
        fieldwriter.add_postings(schema, None, items)
    write_buffered(None)
