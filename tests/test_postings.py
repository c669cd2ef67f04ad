"""Packed postings (codec.py, postings_format.py): the scorer's numpy reading agrees with Whoosh's own."""

from __future__ import annotations

import json

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.formats import Positions

from bilat_search import indexer, schema
from bilat_search.codec import BLOCK_POSTINGS, PackedCodec
from bilat_search.query import parse
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore

ARTICLE_COUNT = BLOCK_POSTINGS * 2 + 300  # three blocks for the words every article holds


def _articles() -> str:
    lines = []
    for n in range(ARTICLE_COUNT):
        extra = " Đường dây buôn lậu bị triệt phá." if n % 7 == 0 else ""
        repeat = " an ninh" * (n % 4)
        lines.append(json.dumps({
            "id": f"a{n}", "title": f"Bản tin an ninh số {n}",
            "text": f"Công an tỉnh trao đổi về an ninh trật tự.{repeat}{extra} Ngày thứ {n}.",
        }, ensure_ascii=False))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    (folder / "news.jsonl").write_text(_articles(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def packed(corpus, tmp_path_factory) -> Engine:
    index_dir = tmp_path_factory.mktemp("packed")
    indexer.build([corpus], IndexStore(index_dir))
    return Engine(index_dir)


@pytest.fixture(scope="module")
def whoosh_written(corpus, tmp_path_factory) -> Engine:
    """An index as Whoosh's own codec and `Positions` format wrote them (indexes built before codec.py)."""
    index_dir = tmp_path_factory.mktemp("whoosh-written")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indexer, "_codec", lambda: W3Codec(blocklimit=128))
        patch.setattr(schema, "PackedPositions", Positions)
        indexer.build([corpus], IndexStore(index_dir))
    return Engine(index_dir)


def _whoosh_postings(engine: Engine, field: str, key: str) -> tuple[list[int], list[float], list[list[int]]]:
    """What Whoosh's generic matcher reads for a key: docnums, weights, positions."""
    reader = engine.generation().searcher().reader()
    ids, weights, positions = [], [], []
    for segment, base in reader.leaf_readers():
        if (field, key) not in segment:
            continue
        matcher = segment.postings(field, key)
        while matcher.is_active():
            ids.append(matcher.id() + base)
            weights.append(matcher.weight())
            positions.append(matcher.value_as("positions"))
            matcher.next()
    return ids, weights, positions


def test_the_index_is_written_with_the_packed_codec(packed):
    reader = packed.generation().searcher().reader()
    assert all(isinstance(segment.codec(), PackedCodec) for segment in reader.segments())
    assert isinstance(packed.generation().searcher().schema["body"].format, schema.PackedPositions)


@pytest.mark.parametrize("field, key", [("body", "an"), ("body", "công"), ("title", "tin"), ("body", "buôn")])
def test_numpy_reading_matches_whoosh_reading(packed, field, key):
    scorer = packed.generation().scorer
    ids, weights, positions = _whoosh_postings(packed, field, key)
    assert len(ids) >= ARTICLE_COUNT // 7
    docs, tf = scorer.term(field, key)
    assert docs.tolist() == ids
    boost = packed.generation().searcher().schema[field].format.field_boost
    assert tf.tolist() == pytest.approx([w / boost for w in weights])
    pos_docs, pos = scorer.term_positions(field, key)
    assert pos_docs.tolist() == [d for d, p in zip(ids, positions, strict=True) for _ in p]
    assert pos.tolist() == [x for p in positions for x in p]


def test_an_index_written_by_whoosh_answers_the_same(packed, whoosh_written):
    assert not isinstance(whoosh_written.generation().searcher().reader().segments()[0].codec(), PackedCodec)
    for field, key in [("body", "an"), ("body", "ninh"), ("title", "số")]:
        new, old = packed.generation().scorer, whoosh_written.generation().scorer
        assert new.term(field, key)[0].tolist() == old.term(field, key)[0].tolist()
        assert new.term_positions(field, key)[1].tolist() == old.term_positions(field, key)[1].tolist()
    for query in ["an ninh", '"an ninh trật tự"', "duong day buon lau", "số 1027", "công an -buôn"]:
        assert _scored(packed, query) == _scored(whoosh_written, query), query


def _scored(engine: Engine, query: str) -> tuple[int, list[float]]:
    """Total and the scores of every match (the two builds number documents differently, so ties differ in order)."""
    response = engine.search(SearchRequest(query=query))
    match = engine.generation().scorer.evaluate(parse(query))
    return response.total, sorted(np.round(match.scores[match.mask], 4).tolist())


def test_an_update_of_an_index_written_by_whoosh_keeps_both_readable(corpus, tmp_path):
    store = IndexStore(tmp_path / "index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indexer, "_codec", lambda: W3Codec(blocklimit=128))
        patch.setattr(schema, "PackedPositions", Positions)
        indexer.build([corpus], store)
    (corpus.parent / "extra").mkdir(exist_ok=True)
    (corpus.parent / "extra" / "new.txt").write_text("Bộ Công an hội đàm với Bộ Nội vụ Belarus.", encoding="utf-8")
    indexer.update([corpus, corpus.parent / "extra"], store)
    engine = Engine(store.root)
    assert engine.search(SearchRequest(query='"Bộ Nội vụ Belarus"')).total == 1
    assert engine.search(SearchRequest(query='"an ninh trật tự"')).total == ARTICLE_COUNT


def test_field_lengths_are_numbers_for_every_document(seeds_engine):
    """Read one column per segment: documents without a title or names count 0, never NaN (which made
    the average title length fall back to 1 and flattened BM25 on titles)."""
    scorer = seeds_engine.generation().scorer
    for field, lengths in scorer.lengths.items():
        assert not np.isnan(lengths).any(), field
        holding = lengths[lengths > 0]
        assert scorer.avg_length[field] == pytest.approx(max(1.0, float(lengths.mean())), rel=1e-4)
        assert len(holding) and holding.min() >= 1
