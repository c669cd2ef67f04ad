"""Real data from ../shared/corpus: the whole news corpus and the legal retrieval set.

Skipped cleanly when the corpus is absent (CI has it). The full build takes a
few minutes; its speed is measured by bench/run.py, never asserted here.
"""

import gzip
import json

import pytest

from bilat_search.evaluation import engine_searcher, load_qrels, load_queries, measure, run
from bilat_search.indexer import build
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore
from conftest import SHARED_CORPUS

NEWS = SHARED_CORPUS / "vnnews.jsonl.gz"
QRELS = SHARED_CORPUS / "qrels"

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def news_index(tmp_path_factory):
    if not NEWS.exists():
        pytest.skip(f"{NEWS} is not here")
    index_dir = tmp_path_factory.mktemp("news")
    summary = build([NEWS], IndexStore(index_dir))
    return index_dir, summary


def test_every_real_article_is_indexed(news_index):
    _, summary = news_index
    assert summary.indexed == 38_085
    assert summary.skipped == []


def test_real_corpus_searches_and_facets(news_index):
    engine = Engine(news_index[0])
    response = engine.search(SearchRequest(query="bo cong an"))
    assert response.total > 500
    assert "<mark>" in response.hits[0].snippet_html
    years = {v.value: v.count for v in engine.search(SearchRequest(query="")).facets["year"]}
    assert years["2021"] > 1000 and years["unknown"] > 1000
    dantri = engine.search(SearchRequest(query="", filters={"source": ["Dân trí"]}))
    assert dantri.total >= 2600
    bilateral = [r for r in engine.records() if r["is_bilateral"]]
    assert 1 <= len(bilateral) < 50  # a general news corpus: a handful of ministry meetings at most


def test_legal_retrieval_set_sanity(tmp_path):
    """The shared judged set (legal questions -> passages): each question should find its passage."""
    if not (QRELS / "qrels.txt").exists():
        pytest.skip(f"{QRELS} is not here")
    passages = tmp_path / "passages.jsonl"
    with gzip.open(QRELS / "passages.jsonl.gz", "rt", encoding="utf-8") as source, \
            passages.open("w", encoding="utf-8") as target:
        for line in source:
            record = json.loads(line)
            target.write(json.dumps({"id": str(record["cid"]), "text": record["text"]}, ensure_ascii=False) + "\n")
    build([passages], IndexStore(tmp_path / "ix"))
    engine = Engine(tmp_path / "ix")
    queries = load_queries(QRELS / "queries.jsonl")
    results = run(queries, engine_searcher(engine, lambda record: record["path"].split("#", 1)[1]))
    overall, _ = measure(load_qrels(QRELS / "qrels.txt"), results)
    # measured 0.55 MRR@10 and 0.78 R@10 (2026-11-22); floors well below, to catch regressions
    assert overall["RR@10"] > 0.45
    assert overall["R@10"] > 0.65
