"""Meetings in the index: grouped at build and update, saved per generation, ids kept across updates."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilat_search import grouping
from bilat_search.chronology import MeetingsRequest
from bilat_search.cli import cli
from bilat_search.indexer import build, update
from bilat_search.meeting import Meeting
from bilat_search.meeting_table import TABLE_FILE, MeetingTable, stable_ids
from bilat_search.search import Engine
from bilat_search.store import IndexStore

GROUPING_FIXTURES = Path(__file__).parent / "fixtures" / "grouping"


def copy_fixtures(folder: Path, prefixes: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in GROUPING_FIXTURES.glob("*.txt"):
        if not prefixes or path.name.startswith(prefixes):
            shutil.copy(path, folder / path.name)
    return folder


def meeting_ids(engine: Engine) -> dict[str, str | None]:
    """File name prefix (g01...) -> meeting_id, as the records say."""
    return {Path(r["path"]).name[:3]: r["meeting_id"] for r in engine.records()}


@pytest.fixture(scope="module")
def grouped_index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("grouped")
    index_dir = root / "index"
    build([copy_fixtures(root / "articles")], IndexStore(index_dir))
    return index_dir


def test_a_build_saves_the_meetings_beside_the_index(grouped_index):
    saved = MeetingTable.load(IndexStore(grouped_index).current_path())
    assert saved is not None and len(saved) == 5
    ids = meeting_ids(Engine(grouped_index))
    assert ids["g01"] == ids["g02"] == ids["g03"] is not None
    assert ids["g06"] == ids["g07"] is not None
    assert len({ids[name] for name in ("g01", "g04", "g05", "g06", "g08")}) == 5
    assert ids["g09"] is None  # general news


def test_records_of_every_interface_carry_the_meeting_id(grouped_index):
    engine = Engine(grouped_index)
    ids = meeting_ids(engine)
    article_id = next(r["id"] for r in engine.records() if r["path"].startswith("g02"))
    assert engine.article(article_id)["meeting_id"] == ids["g01"]
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "--index-dir", str(grouped_index)])
    lines = [json.loads(line) for line in exported.output.splitlines()]
    assert {r["meeting_id"] for r in lines if r["path"].startswith(("g01", "g02", "g03"))} == {ids["g01"]}
    csv_text = runner.invoke(cli, ["export", "--format", "csv", "--index-dir", str(grouped_index)]).output
    assert "meeting_id" in csv_text.splitlines()[0] and ids["g01"] in csv_text


def test_extract_groups_the_files_it_is_given():
    result = CliRunner().invoke(cli, ["extract", "--json", *map(str, sorted(GROUPING_FIXTURES.glob("g0[1-4]*")))])
    records = {r["path"][:3]: r["meeting_id"] for r in map(json.loads, result.output.splitlines())}
    assert records["g01"] == records["g02"] == records["g03"] != records["g04"]


def test_an_update_joins_a_new_report_to_its_meeting_and_keeps_its_id(tmp_path):
    articles = copy_fixtures(tmp_path / "articles", ("g01", "g04", "g05", "g09"))
    store = IndexStore(tmp_path / "index")
    build([articles], store)
    before = meeting_ids(Engine(store.root))
    assert before["g01"] and before["g01"] != before["g04"]
    copy_fixtures(articles, ("g02", "g03"))
    update([articles], store)
    after = meeting_ids(Engine(store.root))
    assert after["g02"] == after["g03"] == after["g01"] == before["g01"]
    assert after["g04"] == before["g04"] and after["g05"] == before["g05"]
    changed = articles / "g03_lao-ha-noi-cand.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nHai bên nhất trí tổ chức hội nghị thường niên.\n",
                       encoding="utf-8")
    update([articles], store)  # the changed report is a new document; its old copy is deleted
    engine = Engine(store.root)
    assert meeting_ids(engine)["g03"] == before["g01"]
    assert engine.meetings(MeetingsRequest(query="thường niên")).articles == 1
    assert engine.meetings(MeetingsRequest(query="Vilay Lakhamphong hà nội")).articles == 3
    (articles / "g01_lao-ha-noi-ttxvn.txt").unlink()  # the report the meeting was first seen with
    update([articles], store)
    assert meeting_ids(Engine(store.root))["g02"] == before["g01"]


def test_a_rebuild_keeps_the_ids_of_the_same_meetings(tmp_path):
    articles = copy_fixtures(tmp_path / "articles")
    store = IndexStore(tmp_path / "index")
    build([articles], store)
    first = meeting_ids(Engine(store.root))
    build([articles], store)
    assert meeting_ids(Engine(store.root)) == first


def test_ids_follow_most_reports_when_meetings_split_or_merge():
    previous = MeetingTable([Meeting.from_json({"meeting_id": "m1", "reports": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}),
                             Meeting.from_json({"meeting_id": "m2", "reports": [{"id": "d"}]})])
    ids = stable_ids([["a", "b"], ["c"], ["d", "e"]], previous)
    assert ids[0] == "m1" and ids[2] == "m2"  # the larger part of a split meeting keeps its id
    assert ids[1] not in ("m1", "m2") and ids[1].startswith("m")
    assert stable_ids([["x"], ["x", "y"]], None)[0] != stable_ids([["x", "y"]], None)[0]


def test_an_index_without_a_saved_table_is_grouped_when_opened(grouped_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(grouped_index, copy)
    (IndexStore(copy).current_path() / TABLE_FILE).unlink()
    assert meeting_ids(Engine(copy)) == meeting_ids(Engine(grouped_index))


def test_a_grouping_failure_does_not_stop_a_build(tmp_path, monkeypatch, caplog):
    def broken(records):
        raise RuntimeError("grouping bug")

    monkeypatch.setattr(grouping, "group", broken)
    store = IndexStore(tmp_path / "index")
    summary = build([copy_fixtures(tmp_path / "articles", ("g01", "g02"))], store)
    assert summary.indexed == 2
    assert not (store.current_path() / TABLE_FILE).exists()
    engine = Engine(store.root)
    assert set(meeting_ids(engine).values()) == {None}  # served without meetings, and says why in the log
    assert "grouping bug" in caplog.text
