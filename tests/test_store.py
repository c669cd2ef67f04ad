"""Index generations: atomic swaps, one writer, a server that follows rebuilds."""

import pytest

from bilat_search.indexer import build, update
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexBusy, IndexStore


def test_engine_follows_a_rebuild_without_restart(tmp_path, make_folder):
    store = IndexStore(tmp_path / "ix")
    first = make_folder({"a.txt": "Bộ Công an hội đàm với Bộ Nội vụ Belarus."}, name="one")
    build([first], store)
    engine = Engine(store.root)
    assert engine.search(SearchRequest(query="belarus")).total == 1
    second = make_folder({"b.txt": "Bộ Công an tiếp đoàn cảnh sát Nhật Bản."}, name="two")
    build([second], store)
    assert engine.search(SearchRequest(query="belarus")).total == 0
    assert engine.search(SearchRequest(query="nhat ban")).total == 1


def test_a_second_writer_waits_or_refuses(tmp_path, make_folder):
    store = IndexStore(tmp_path / "ix")
    folder = make_folder({"a.txt": "Tin một về hợp tác."})
    with store.writing(), pytest.raises(IndexBusy, match="another build is writing"):
        build([folder], store, wait=False)
    build([folder], store)  # the lock died with its holder's context
    assert store.exists()


def test_old_generations_and_killed_builds_are_swept(tmp_path, make_folder):
    store = IndexStore(tmp_path / "ix")
    folder = make_folder({"a.txt": "Tin một về hợp tác."})
    build([folder], store)
    leftover = store.root / "build-19990101-000000-1-000001"
    leftover.mkdir()
    (leftover / "junk").write_text("half a segment")
    for _ in range(3):
        build([folder], store)
    names = sorted(p.name for p in store.root.iterdir() if p.is_dir())
    assert leftover.name not in names
    assert len([n for n in names if n.startswith("gen-")]) == 2  # served + previous, for open searchers


def test_update_leaves_the_served_generation_untouched(tmp_path, make_folder):
    store = IndexStore(tmp_path / "ix")
    folder = make_folder({"a.txt": "Tin một về hợp tác."})
    build([folder], store)
    served = store.current_path()
    before = sorted((p.name, p.stat().st_size) for p in served.iterdir())
    (folder / "b.txt").write_text("Tin hai về dẫn độ.", encoding="utf-8")
    update([folder], store)
    assert sorted((p.name, p.stat().st_size) for p in served.iterdir()) == before
    assert store.current_path() != served
