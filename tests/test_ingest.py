import gzip
import json
import os

import pytest

from bilat_search.ingest import IngestReport, read_articles

ARTICLE = "Ngày {n}/3, tại Hà Nội, Bộ trưởng Tô Lâm đã tiếp Đại sứ. Hai bên bàn về hợp tác số {n}."


def _read(folder):
    report = IngestReport()
    articles = list(read_articles([folder], report))
    return articles, report


def test_every_format_in_one_folder(make_folder):
    records = [{"id": f"r{i}", "url": None, "title": f"Tin {i}", "date": "2020-01-0" + str(i + 1),
                "category": "Thế giới", "text": ARTICLE.format(n=10 + i)} for i in range(3)]
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    folder = make_folder({
        "a.txt": ARTICLE.format(n=1),
        "sub/b.txt": " date 2023-11 " + ARTICLE.format(n=2),
        "c.html": f"<html><body><article><p>{ARTICLE.format(n=3)}</p></article></body></html>",
        "d.jsonl": jsonl,
        "e.jsonl.gz": gzip.compress(jsonl.replace('"r', '"g').replace("số 1", "số 2").encode()),
    })
    articles, report = _read(folder)
    assert report.skipped == []
    assert len(articles) == 9
    paths = {a.path for a in articles}
    assert {"a.txt", os.path.join("sub", "b.txt"), "c.html", "d.jsonl#r0", "e.jsonl.gz#g2"} <= paths
    jsonl_article = next(a for a in articles if a.path == "d.jsonl#r1")
    assert jsonl_article.id == "r1"
    assert jsonl_article.published == "2020-01-02"
    assert jsonl_article.title == "Tin 1"


def test_bad_files_are_skipped_with_reasons(make_folder):
    good = ARTICLE.format(n=1)
    lines = [json.dumps({"id": "ok1", "text": good + " một"}), "{broken json",
             json.dumps({"id": "ok2", "text": good + " hai"})]
    truncated = gzip.compress(("\n".join(lines) + "\n").encode())[:-12]
    folder = make_folder({
        "good.txt": good,
        "empty.txt": "",
        "image.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(300),
        "bad.jsonl": "\n".join(lines) + "\n",
        "cut.jsonl.gz": truncated,
        "notes.docx": b"PK\x03\x04",
    })
    articles, report = _read(folder)
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "PNG" in reasons["image.txt"]
    assert "invalid JSON" in reasons["bad.jsonl:2"]
    assert "truncated" in reasons["cut.jsonl.gz"]
    assert "unsupported" in reasons["notes.docx"]
    assert {a.path for a in articles} >= {"good.txt", "bad.jsonl#ok1", "bad.jsonl#ok2"}


def test_symlink_loop_does_not_hang(make_folder):
    folder = make_folder({"a.txt": ARTICLE.format(n=1), "sub/b.txt": ARTICLE.format(n=2)})
    os.symlink(folder, folder / "sub" / "loop")
    articles, report = _read(folder)
    assert len(articles) == 2
    assert any("symlink loop" in s.reason for s in report.skipped)


def test_duplicates_are_read_once(make_folder):
    seed = "http://example.vn/tin-1\n-----------------\nTiêu đề\n-----------------\n{body}\n-----------------\n"
    folder = make_folder({
        "a.txt": ARTICLE.format(n=1),
        "b.txt": "  " + ARTICLE.format(n=1).upper().replace("  ", " ") + "\n",  # same text, other case
        "c.txt": seed.format(body="Nội dung một."),
        "d.txt": seed.format(body="Nội dung khác hẳn."),  # same URL
    })
    articles, report = _read(folder)
    assert len(articles) == 2
    assert len(report.duplicates) == 2


def test_ids_are_stable_and_url_based(make_folder):
    seed = "https://www.vietnamplus.vn/x/1.vnp\n-----------------\nT\n-----------------\nA.\n-----------------\n"
    first, _ = _read(make_folder({"x.txt": seed}, name="one"))
    second, _ = _read(make_folder({"renamed.txt": seed.replace("A.", "B.")}, name="two"))
    assert first[0].id == second[0].id
    plain1, _ = _read(make_folder({"p.txt": "Văn bản một."}, name="three"))
    plain2, _ = _read(make_folder({"q.txt": "Văn bản một."}, name="four"))
    assert plain1[0].id == plain2[0].id


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(make_folder):
    folder = make_folder({"secret.txt": ARTICLE.format(n=1), "ok.txt": ARTICLE.format(n=2)})
    (folder / "secret.txt").chmod(0)
    articles, report = _read(folder)
    assert [s.reason for s in report.skipped] == ["permission denied"]
