"""The `bilat-search` command, run through click's runner and as a real process."""

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from bilat_search.cli import cli
from conftest import SEEDS, copy_seeds


def run(*args, **kwargs):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)
    return result


def test_index_search_stats_export(tmp_path):
    index_dir = tmp_path / "ix"
    result = run("index", SEEDS, "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert "Indexed 5 articles from 5 files" in result.output
    assert "docs/s" in result.output and "Skipped: 0" in result.output

    result = run("search", "ma tuý", "--index-dir", index_dir)
    assert result.exit_code == 0
    assert result.output.startswith("3 results")
    assert "partner:" in result.output

    result = run("search", "to lam", "--json", "--limit", "2", "--index-dir", index_dir)
    data = json.loads(result.output)
    assert data["total"] == 5 and len(data["results"]) == 2
    assert "<mark>Tô Lâm</mark>" in data["results"][0]["snippet_html"]

    result = run("search", "", "--filter", "partner=Nga", "--filter", "partner=Belarus", "--json",
                 "--index-dir", index_dir)
    assert json.loads(result.output)["total"] == 4

    result = run("stats", "--index-dir", index_dir)
    assert "Articles:   5" in result.output and "Vietnam+" in result.output

    result = run("export", "--index-dir", index_dir)
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 5
    assert {"id", "path", "partner_countries", "vn_officials", "topics", "text"} <= set(records[0])

    result = run("export", "--format", "csv", "--index-dir", index_dir)
    assert result.output.splitlines()[0].startswith("id,title,url,path,is_bilateral,partner_countries")
    assert len(result.output.splitlines()) == 6


def test_env_var_names_the_index_dir(tmp_path):
    result = run("index", SEEDS, env={"BILAT_INDEX_DIR": str(tmp_path / "envix")})
    assert result.exit_code == 0
    assert (tmp_path / "envix" / "CURRENT").exists()


def test_update_adds_changes_and_removes(tmp_path):
    folder = copy_seeds(tmp_path / "articles")
    index_dir = tmp_path / "ix"
    run("index", folder, "--index-dir", index_dir)
    (folder / "new.txt").write_text("Ngày 5/7/2019, tại Hà Nội, Thứ trưởng tiếp Đại sứ Cuba về hợp tác.", encoding="utf-8")
    changed = folder / "003_a8c8f23861e36438.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nĐoạn mới về phòng chống khủng bố ở Seoul.",
                       encoding="utf-8")
    (folder / "004_e27f9625345503cc.txt").unlink()
    result = run("index", folder, "--update", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    assert "1 new, 1 changed, 1 removed (1 files gone), 3 files unchanged; 5 articles in all" in result.output
    data = json.loads(run("search", "Seoul", "--json", "--index-dir", index_dir).output)
    assert [r["path"] for r in data["results"]] == ["003_a8c8f23861e36438.txt"]
    assert json.loads(run("search", "Shoigu", "--json", "--index-dir", index_dir).output)["total"] == 0
    assert json.loads(run("search", "Cuba", "--json", "--index-dir", index_dir).output)["total"] == 1


def test_nothing_readable_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("")
    result = CliRunner().invoke(cli, ["index", str(empty), "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code != 0
    assert "no article could be read" in result.output and "empty file" in result.output
    result = CliRunner().invoke(cli, ["index", str(tmp_path / "missing"), "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code != 0 and "no such file or folder" in result.output


def test_unwritable_index_dir(tmp_path):
    if os.geteuid() == 0:
        target = "/proc/bilat-index"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = str(locked / "ix")
    result = CliRunner().invoke(cli, ["index", str(SEEDS), "--index-dir", target])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "Error" in result.output


def test_search_without_an_index(tmp_path):
    result = CliRunner().invoke(cli, ["search", "nga", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code != 0 and "run `bilat-search index` first" in result.output


def test_bad_filter_is_explained(tmp_path):
    run("index", SEEDS, "--index-dir", tmp_path / "ix")
    result = CliRunner().invoke(cli, ["search", "x", "--filter", "colour=red", "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code != 0 and "unknown field 'colour'" in result.output
    result = CliRunner().invoke(cli, ["search", "x", "--filter", "partner", "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code != 0 and "FIELD=VALUE" in result.output


def test_extract_without_index():
    result = run("extract", SEEDS / "000_dd09036725bd3a22.txt", "--json")
    record = json.loads(result.output)
    assert record["partner_countries"] == ["Belarus"]
    assert record["path"] == "000_dd09036725bd3a22.txt"
    assert record["vn_officials"] == ["Tô Lâm"]
    result = run("extract", SEEDS / "004_e27f9625345503cc.txt")
    assert "Lương Tam Quang" in result.output


def test_progress_lines_and_real_process(tmp_path):
    """The installed command, as users run it: plain progress lines when not on a terminal."""
    proc = subprocess.run([sys.executable, "-m", "bilat_search", "index", str(SEEDS), "--index-dir",
                           str(tmp_path / "ix")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Indexed 5 articles" in proc.stdout


def test_update_inside_a_json_lines_file_touches_only_changed_records(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    records = [{"id": f"r{i}", "url": None, "title": f"Tin số {i}", "date": "2021-03-0" + str(i + 1),
                "category": None, "text": f"Ngày {i + 1}/3, Bộ Công an tiếp đoàn số {i} về hợp tác."}
               for i in range(5)]

    def write(rows):
        (folder / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                           encoding="utf-8")

    write(records)
    index_dir = tmp_path / "ix"
    run("index", folder, "--index-dir", index_dir)
    records[1]["text"] += " Hai bên bàn về an ninh mạng."
    del records[3]
    records.append({"id": "r9", "url": None, "title": "Tin mới", "date": "2022-01-01", "category": None,
                    "text": "Tin hoàn toàn mới về dẫn độ."})
    write(records)
    result = run("index", folder, "--update", "--index-dir", index_dir)
    assert "1 new, 1 changed, 1 removed (0 files gone)" in result.output, result.output
    paths = {r["path"] for r in map(json.loads, run("export", "--index-dir", index_dir).output.splitlines())}
    assert paths == {"feed.jsonl#r0", "feed.jsonl#r1", "feed.jsonl#r2", "feed.jsonl#r4", "feed.jsonl#r9"}
    again = run("index", folder, "--update", "--index-dir", index_dir)
    assert "0 new, 0 changed, 0 removed (0 files gone), 1 files unchanged" in again.output
