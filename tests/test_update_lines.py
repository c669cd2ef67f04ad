"""`--update` of a JSON Lines file reads only the records whose line changed."""

from __future__ import annotations

import json

import pytest

from bilat_search import readers
from bilat_search.indexer import Manifest, build, update
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore

RECORDS = [
    {"id": "r1", "title": "Hội đàm với Bộ Nội vụ Belarus", "text": "Bộ Công an hội đàm với Bộ Nội vụ Belarus tại Minsk."},
    {"id": "r2", "title": "Tiếp Đại sứ Nhật Bản", "text": "Thứ trưởng tiếp Đại sứ Nhật Bản tại Hà Nội."},
    {"id": "r3", "title": "Điện đàm với Lào", "text": "Bộ trưởng điện đàm với Bộ trưởng Bộ An ninh Lào."},
]


def _write(folder, records, extra_lines=()) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def parsed(monkeypatch) -> list[int]:
    """Line numbers of the records parsed (a spy on the real parser)."""
    seen: list[int] = []
    real = readers._jsonl_record

    def spy(raw, path, line_no):
        seen.append(line_no)
        return real(raw, path, line_no)

    monkeypatch.setattr(readers, "_jsonl_record", spy)
    return seen


def _built(tmp_path, records, extra_lines=()) -> tuple:
    """A folder holding `news.jsonl` and an index built from it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    _write(folder, records, extra_lines)
    store = IndexStore(tmp_path / "ix")
    build([folder], store)
    return folder, store


def _total(engine: Engine, query: str) -> int:
    return engine.search(SearchRequest(query=query)).total


def test_only_changed_lines_are_parsed(tmp_path, parsed):
    folder, store = _built(tmp_path, RECORDS)
    changed = [RECORDS[0], dict(RECORDS[1], title="Tiếp Đại sứ Hàn Quốc",
                                                 text="Thứ trưởng tiếp Đại sứ Hàn Quốc tại Hà Nội."),
               {"id": "r4", "title": "Hội đàm với Cuba", "text": "Bộ Công an hội đàm với Bộ Nội vụ Cuba."}]
    _write(folder, changed)  # r3 removed, r2 changed, r4 new
    parsed.clear()
    summary = update([folder], store)
    assert parsed == [2, 3]
    assert (summary.indexed, summary.updated, summary.removed_articles, summary.unchanged_articles) == (1, 1, 1, 1)
    engine = Engine(store.root)
    assert _total(engine, "belarus") == 1 and _total(engine, '"Hàn Quốc"') == 1
    assert _total(engine, '"Nhật Bản"') == 0 and _total(engine, "lào") == 0 and _total(engine, "cuba") == 1
    parsed.clear()
    assert update([folder], store).unchanged == 1 and parsed == []  # the file itself unchanged: not opened


def test_a_manifest_without_line_hashes_reads_every_line_once(tmp_path, parsed):
    folder, store = _built(tmp_path, RECORDS)
    manifest_path = store.current_path() / Manifest.NAME
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry.pop("lines")  # as written before line hashes
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    _write(folder, [*RECORDS, {"id": "r4", "title": "Cuba", "text": "Bộ Công an hội đàm với Cuba."}])
    parsed.clear()
    update([folder], store)
    assert parsed == [1, 2, 3, 4]
    assert len(Manifest.load(store.current_path()).lines("news.jsonl")) == 4
    _write(folder, [*RECORDS, {"id": "r4", "title": "Cuba", "text": "Bộ Công an hội đàm với Bộ Nội vụ Cuba."}])
    parsed.clear()
    update([folder], store)
    assert parsed == [4]


def test_records_without_an_id_are_always_read(tmp_path, parsed):
    """They are named by line number: a line inserted above renames them, so no shortcut."""
    no_id = json.dumps({"title": "Không mã", "text": "Công an tỉnh tiếp Tổng lãnh sự Trung Quốc."}, ensure_ascii=False)
    folder, store = _built(tmp_path, RECORDS, [no_id])
    _write(folder, [RECORDS[0], {"id": "r9", "title": "Mới", "text": "Bài mới về hợp tác với Úc."}, *RECORDS[1:]],
           [no_id])
    parsed.clear()
    update([folder], store)
    assert parsed == [2, 5]
    engine = Engine(store.root)
    assert _total(engine, '"Tổng lãnh sự"') == 1 and _total(engine, "úc") == 1
    assert engine.stats()["articles"] == 5
