"""The buffered writer (posting_buffer.py, buffered_writer.py) writes the postings Whoosh's own path writes."""

from __future__ import annotations

import pytest
from whoosh import index
from whoosh.writing import SegmentWriter

from bilat_search.buffered_writer import BufferedSegmentWriter
from bilat_search.codec import PackedCodec, PackedLeafMatcher
from bilat_search.schema import build_schema

BLOCK = 16  # small blocks: words of a few dozen documents span several


def _document(n: int) -> dict:
    extra = " Đường dây buôn lậu bị triệt phá." if n % 7 == 0 else ""
    return {
        "id": f"a{n}",
        "path": f"news.jsonl#a{n}",
        "title": f"Bản tin an ninh số {n}",
        "_stored_title": f"Bản tin {n}",
        "body": f"Công an tỉnh trao đổi về an ninh trật tự.{' an ninh' * (n % 4)}{extra} Ngày thứ {n}.",
        "names": "Tô Lâm" if n % 3 == 0 else "Phạm Minh Chính",
        "topics": "security,politics" if n % 2 else "security",
        "year": str(2000 + n % 5),
    }


def _write(folder, writer_class, documents, codec=None, **kwargs):
    ix = index.create_in(str(folder), build_schema())
    writer = writer_class(ix, codec=codec or PackedCodec(blocklimit=BLOCK), **kwargs)
    for doc in documents:
        writer.add_document(**doc)
    writer.commit()
    return index.open_dir(str(folder))


def _postings(ix) -> dict:
    """Every field's every word: term statistics, then (doc, weight, value) per posting, as Whoosh reads them."""
    found = {}
    with ix.reader() as reader:
        for field, word in reader.all_terms():
            info = reader.term_info(field, word)
            matcher = reader.postings(field, word)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            found[field, word] = ((info.doc_frequency(), info.weight(), info.max_weight(), info.min_id(),
                                   info.max_id()), items)
    return found


def _stored(ix) -> list:
    with ix.searcher() as searcher:
        return [(searcher.stored_fields(n), searcher.doc_field_length(n, "body")) for n in range(ix.doc_count_all())]


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return [_document(n) for n in range(120)]


@pytest.fixture(scope="module")
def whoosh_index(tmp_path_factory, documents):
    return _write(tmp_path_factory.mktemp("whoosh"), SegmentWriter, documents)


def test_same_postings_as_whoosh(tmp_path, documents, whoosh_index):
    buffered = _write(tmp_path, BufferedSegmentWriter, documents)
    assert _postings(buffered) == _postings(whoosh_index)
    assert _stored(buffered) == _stored(whoosh_index)
    assert _stored(buffered)[0][0]["title"] == "Bản tin 0"


def test_words_span_several_blocks(tmp_path, documents):
    ix = _write(tmp_path, BufferedSegmentWriter, documents)
    with ix.reader() as reader:
        matcher = reader.postings("body", b"an")
        assert isinstance(matcher, PackedLeafMatcher)
        ids, blocks = [], 0
        while matcher.is_active():
            block_ids, weights = matcher.arrays()
            assert weights.tolist() == [float(2 + n % 4) for n in block_ids.tolist()]  # "Công an", "an ninh" x n % 4
            ids += block_ids.tolist()
            blocks += 1
            matcher.skip_to(int(block_ids[-1]) + 1)
        assert ids == list(range(len(documents)))
        assert blocks == -(-len(documents) // BLOCK)


def test_full_buffer_gives_way_to_the_pool(tmp_path, documents, whoosh_index):
    ix = index.create_in(str(tmp_path), build_schema())
    writer = BufferedSegmentWriter(ix, codec=PackedCodec(blocklimit=BLOCK))
    writer.buffer_limit = 20_000  # full after a few dozen documents
    for doc in documents:
        writer.add_document(**doc)
    assert not writer._buffered and not writer.buffer
    writer.commit()
    assert _postings(index.open_dir(str(tmp_path))) == _postings(whoosh_index)


def test_update_with_deletions_and_merge(tmp_path, tmp_path_factory, documents):
    """A second writer deletes, adds and merges: the same index either way."""
    results = []
    for writer_class in (SegmentWriter, BufferedSegmentWriter):
        folder = tmp_path / writer_class.__name__
        folder.mkdir()
        ix = _write(folder, writer_class, documents[:80])
        writer = writer_class(ix, codec=PackedCodec(blocklimit=BLOCK))
        for n in range(0, 80, 9):
            writer.delete_by_term("id", f"a{n}")
        for doc in documents[80:]:
            writer.add_document(**doc)
        writer.commit(optimize=True)  # merges the first segment into this one, deletions dropped
        ix = index.open_dir(str(folder))
        assert ix.doc_count_all() == ix.doc_count() == 80 - 9 + 40
        results.append((_postings(ix), _stored(ix)))
    assert results[0] == results[1]


def test_second_segment_without_merge(tmp_path, documents, whoosh_index):
    ix = _write(tmp_path, BufferedSegmentWriter, documents[:60])
    writer = BufferedSegmentWriter(ix, codec=PackedCodec(blocklimit=BLOCK))
    for doc in documents[60:]:
        writer.add_document(**doc)
    writer.commit(merge=False)
    ix = index.open_dir(str(tmp_path))
    assert len(ix._segments()) == 2
    with ix.searcher() as searcher, whoosh_index.searcher() as expected:
        for word in ("an", "đường", "ngày"):
            assert (sorted(searcher.document_numbers(body=word))
                    == sorted(expected.document_numbers(body=word)))
