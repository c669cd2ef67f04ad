"""A new generation opens beside the served one: requests already running finish on theirs."""

from __future__ import annotations

import time

from bilat_search.indexer import build
from bilat_search.query import parse
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore


def _two_generations(tmp_path, make_folder) -> tuple[IndexStore, Engine]:
    store = IndexStore(tmp_path / "ix")
    build([make_folder({"a.txt": "Bộ Công an hội đàm với Bộ Nội vụ Belarus."}, name="one")], store)
    engine = Engine(store.root)
    assert engine.search(SearchRequest(query="belarus")).total == 1
    build([make_folder({"b.txt": "Bộ Công an tiếp đoàn cảnh sát Nhật Bản."}, name="two")], store)
    return store, engine


def test_a_request_running_on_the_served_generation_finishes_on_it_after_the_swap(tmp_path, make_folder):
    store, engine = _two_generations(tmp_path, make_folder)
    running = engine._generation  # what a request that started before the rebuild holds
    assert engine.generation().name == store.generation()  # the next request: the new generation
    assert engine.search(SearchRequest(query="nhat ban")).total == 1
    parsed = parse("belarus")
    assert running.scorer.evaluate(parsed).mask.sum() == 1  # its files stay open until it is done
    assert running.record(0)["id"]


def test_the_server_opens_a_new_generation_before_any_request_asks(tmp_path, make_folder):
    store, engine = _two_generations(tmp_path, make_folder)
    engine.watch(seconds=0.05)
    deadline = time.monotonic() + 10
    while engine._generation.name != store.generation() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine._generation.name == store.generation()
    assert engine._generation._meetings is not None  # read with the generation, not by the first request
