"""Huge input files: indexed whole within 500 MB, or, over the size limit, skipped with the reason.

The limit (`--max-file-mb`, `$BILAT_MAX_FILE_MB`, 20 MB by default) holds for a text
or HTML file, and for each record of a JSON Lines file. Below it, memory is bounded
because nothing lists every word of a text: the positions of a long text are packed,
and its fingerprint is hashed a slice at a time (both checked here against the plain
computations they replace). Timings are in bench/huge_files.py, never asserted.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bilat_search.analysis as analysis
import bilat_search.article as article_module
from bilat_search.article import text_fingerprint
from bilat_search.ingest import DEFAULT_MAX_FILE_MB
from bilat_search.vietnamese import fold
from test_crash_safety import ENV, write_articles

MEGABYTE = 1024 * 1024
PEAK_RSS_LIMIT_MB = 500
PARAGRAPH = ("Ngày 2/3/2017, tại Minsk, Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an đã hội đàm với Bộ trưởng Bộ Nội vụ "
             "Belarus về hợp tác phòng, chống tội phạm ma túy, mua bán người và tội phạm công nghệ cao. Hai bên "
             "nhất trí tăng cường trao đổi thông tin, đào tạo cán bộ và phối hợp bảo vệ an ninh của mỗi nước.")

# Runs a command; prints the peak RSS (kB) of the largest process of its tree (the CLI or a writer process).
MEASURED = ("import resource, subprocess, sys\n"
            "code = subprocess.call(sys.argv[1:])\n"
            "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)\n")


def cli(*args, env: dict | None = None, measured: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "bilat_search", *map(str, args)]
    if measured:
        command = [sys.executable, "-c", MEASURED, *command]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=600, env=env or ENV)


def skipped(output: str) -> dict[str, str]:
    """path -> reason, from the summary's `Skipped:` section."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Skipped:"))
    found = {}
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        path, _, reason = line.strip().partition(": ")
        found[path] = reason
    return found


def long_text(size: int, word: str) -> str:
    """About `size` bytes of paragraphs, each naming `word`."""
    paragraph = f"{PARAGRAPH} Từ khóa {word}.\n\n"
    return paragraph * (size // len(paragraph.encode("utf-8")) + 1)


def html_page(size: int, word: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in long_text(size, word).split("\n\n") if p)
    return (f"<html><head><title>Bài dài {word}</title></head><body><article><h1>Bài dài {word}</h1>"
            f"{paragraphs}</article></body></html>")


# --- over the limit: skipped, with the reason ---------------------------------------------------------------

def test_the_default_limit_is_generous():
    assert DEFAULT_MAX_FILE_MB == 20


@pytest.mark.parametrize("how", ["option", "environment"])
def test_files_over_the_limit_are_skipped_with_their_reason_never_half_indexed(tmp_path, how):
    folder = write_articles(tmp_path / "articles", 3, "Lào", seed=1)
    (folder / "dai.txt").write_text(long_text(int(1.5 * MEGABYTE), "zzdaitext"), encoding="utf-8")
    (folder / "dai.html").write_text(html_page(int(1.5 * MEGABYTE), "zzdaihtml"), encoding="utf-8")
    records = [{"id": f"ngan{i}", "title": f"Tin ngắn {i}", "text": PARAGRAPH + f" Tin số {i}."} for i in range(2)]
    records.insert(1, {"id": "dai", "title": "Tin rất dài", "text": long_text(int(1.5 * MEGABYTE), "zzdaijson")})
    (folder / "kho.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                      encoding="utf-8")
    index_dir = tmp_path / "ix"
    if how == "option":
        result = cli("index", folder, "--index-dir", index_dir, "--max-file-mb", "1")
    else:
        result = cli("index", folder, "--index-dir", index_dir, env={**ENV, "BILAT_MAX_FILE_MB": "1"})
    assert result.returncode == 0, result.stderr
    assert "Indexed 5 articles from 6 files" in result.stdout, result.stdout
    advice = "over the 1 MB limit (raise it with --max-file-mb or BILAT_MAX_FILE_MB)"
    reasons = skipped(result.stdout)
    assert reasons["dai.txt"] == f"too large: 1.5 MB, {advice}"
    assert reasons["dai.html"].startswith("too large: 1.") and reasons["dai.html"].endswith(advice)
    assert reasons["kho.jsonl#dai"] == f"too large: 1.5 MB of text, {advice}"
    for word in ("zzdaitext", "zzdaihtml", "zzdaijson"):
        found = cli("search", word, "--json", "--index-dir", index_dir)
        assert json.loads(found.stdout)["total"] == 0, word

    # an update holds to the limit too; raised, the files come in whole
    (folder / "dai2.txt").write_text(long_text(int(1.2 * MEGABYTE), "zzdaihai"), encoding="utf-8")
    update = cli("index", folder, "--update", "--index-dir", index_dir, "--max-file-mb", "1")
    assert "dai2.txt: too large: 1.2 MB" in update.stdout, update.stdout
    raised = cli("index", folder, "--update", "--index-dir", index_dir, "--max-file-mb", "2")
    assert raised.returncode == 0 and "Skipped: 0" in raised.stdout, raised.stdout
    for word in ("zzdaitext", "zzdaihtml", "zzdaijson", "zzdaihai"):
        found = json.loads(cli("search", word, "--json", "--index-dir", index_dir).stdout)
        assert found["total"] == 1, word


def test_a_bad_limit_is_refused(tmp_path):
    result = cli("index", tmp_path, "--index-dir", tmp_path / "ix", "--max-file-mb", "0")
    assert result.returncode == 2 and "--max-file-mb" in result.stderr and "Traceback" not in result.stderr


# --- at the limit: whole, within 500 MB ---------------------------------------------------------------------

def test_an_html_page_just_under_the_limit_is_indexed_whole_within_500_mb(tmp_path):
    """HTML is the costliest reader (a tree of the whole page): the bound holds for it too."""
    folder = tmp_path / "articles"
    folder.mkdir()
    page = html_page(int((DEFAULT_MAX_FILE_MB - 0.5) * MEGABYTE), "zzlon")
    (folder / "lon.html").write_text(page, encoding="utf-8")
    assert (folder / "lon.html").stat().st_size < DEFAULT_MAX_FILE_MB * MEGABYTE
    index_dir = tmp_path / "ix"
    result = cli("index", folder, "--index-dir", index_dir, measured=True)
    assert result.returncode == 0, result.stderr
    assert "Indexed 1 articles" in result.stdout and "Skipped: 0" in result.stdout
    peak_mb = int(result.stderr.split("PEAK_RSS_KB")[1].split()[0]) / 1024
    print(f"\npeak RSS of the largest build process for a {len(page) / MEGABYTE:.0f} MB page: {peak_mb:.0f} MB")
    assert peak_mb <= PEAK_RSS_LIMIT_MB
    record = json.loads(cli("export", "--index-dir", index_dir).stdout)
    assert record["text"].count("zzlon") == page.count("<p>")  # every paragraph, none cut


# --- the computations that no longer list every word --------------------------------------------------------

def test_packed_positions_equal_the_plain_ones(monkeypatch):
    text = long_text(40_000, "zz") + "Mát-xcơ-va, 2/3/2017: COVID-19 ở Hà Nội. Bộ Công an."
    plain = {form: analysis.keyed_positions(text, form) for form in ("both", "exact", "folded")}
    assert all(isinstance(v, list) for v in plain["both"].values())
    monkeypatch.setattr(analysis, "_PACK_EVERY", 97)
    for form, expected in plain.items():
        packed = analysis.keyed_positions(text, form)
        assert {key: list(value) for key, value in packed.items()} == expected, form


def _fingerprint_as_before(text: str) -> str:
    return hashlib.sha1(" ".join(fold(text).lower().split()).encode("utf-8")).hexdigest()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x1c\x85\xa0\u2028\u3000\u200bđĐộỘaAΣİẞ")), max_size=40),
       st.integers(min_value=1, max_value=7))
def test_the_fingerprint_is_the_one_ids_were_made_with(text, chunk):
    """Article ids of files without a URL hash this fingerprint: it must not change."""
    original = article_module._FINGERPRINT_CHUNK
    article_module._FINGERPRINT_CHUNK = chunk
    try:
        assert text_fingerprint(text) == _fingerprint_as_before(text)
    finally:
        article_module._FINGERPRINT_CHUNK = original


def test_the_fingerprint_of_a_long_text(tmp_path):
    text = long_text(300_000, "zz")
    assert text_fingerprint(text) == _fingerprint_as_before(text)


def test_a_long_article_is_found_by_its_last_words(tmp_path):
    """Positions packed mid-text still serve phrases at the very end."""
    folder = tmp_path / "articles"
    folder.mkdir()
    text = long_text(3 * MEGABYTE, "giữa") + "Câu cuối cùng nhắc tới zzcuoi zzcung."
    Path(folder / "dai.txt").write_text(text, encoding="utf-8")
    index_dir = tmp_path / "ix"
    assert cli("index", folder, "--index-dir", index_dir).returncode == 0
    found = json.loads(cli("search", '"zzcuoi zzcung"', "--json", "--index-dir", index_dir).stdout)
    assert found["total"] == 1
