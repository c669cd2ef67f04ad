"""A new generation opens beside the served one: requests never wait for it."""

from __future__ import annotations

import time

from bilat_search.indexer import build
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore


def _two_generations(tmp_path, make_folder) -> tuple[IndexStore, Engine]:
    store = IndexStore(tmp_path / "ix")
    build([make_folder({"a.txt": "Bộ Công an hội đàm với Bộ Nội vụ Belarus."}, name="one")], store)
    engine = Engine(store.root)
    assert engine.search(SearchRequest(query="belarus")).total == 1
    build([make_folder({"b.txt": "Bộ Công an tiếp đoàn cảnh sát Nhật Bản."}, name="two")], store)
    return store, engine


def test_requests_go_on_with_the_served_generation_while_another_thread_opens_the_new_one(tmp_path, make_folder):
    store, engine = _two_generations(tmp_path, make_folder)
    served = engine._generation
    with engine._lock:  # another request is opening the new generation
        assert engine.generation() is served
        assert engine.search(SearchRequest(query="belarus")).total == 1
    assert engine.generation().name == store.generation()
    assert engine.search(SearchRequest(query="nhat ban")).total == 1


def test_the_server_opens_a_new_generation_before_any_request_asks(tmp_path, make_folder):
    store, engine = _two_generations(tmp_path, make_folder)
    engine.watch(seconds=0.05)
    deadline = time.monotonic() + 10
    while engine._generation.name != store.generation() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine._generation.name == store.generation()
    assert engine._generation._meetings is not None  # read with the generation, not by the first request
