"""A build that runs out of room, for real: a small tmpfs (as root) or a file-size limit (RLIMIT_FSIZE).

Full rebuilds and `--update`, failing in the main process or in a writer process:
the build stops with one line saying what ran out, where and how much it needed,
exits non-zero, removes its partial build, leaves the previous index served, and
leaves no process behind; the next build, once there is room, succeeds.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilat_search.write_errors import explain
from served import Server
from test_crash_safety import ENV, generations, group_members, leftovers, served_on_disk, write_articles

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses RLIMIT_FSIZE, tmpfs and /proc")

OLD = 40
NEW = 1500
"""Seed-format articles (~2.8 kB each): 40 make a 0.3 MB index, 1,500 about 4 MB."""
HANG = 120
"""Seconds after which a build counts as hung (it should stop within a few)."""
FILE_LIMIT = 1_048_576
"""RLIMIT_FSIZE for the failing builds: any file of the index past 1 MB fails to grow."""


def run_cli(*args, file_limit: int | None = None) -> subprocess.CompletedProcess:
    """The real CLI in its own process group; after it ends, no process of that group may remain."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    proc = subprocess.Popen([sys.executable, "-m", "bilat_search", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=ENV, start_new_session=True,
                            preexec_fn=limit if file_limit else None)
    try:
        out, err = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"`bilat-search {' '.join(map(str, args))}` hung for {HANG} s: {err[-2000:]}")
    finally:
        for pid in group_members(proc.pid):  # only what this test started
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def assert_stopped_cleanly(result: subprocess.CompletedProcess, index_dir: Path, before, what: str) -> str:
    """Non-zero exit, one line, no traceback, no partial build, the previous index untouched; returns the line."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.stderr
    assert what in lines[0], lines[0]
    assert "The partial build was removed. The previous index is still served." in lines[0], lines[0]
    assert leftovers(index_dir) == [], "the partial build must be removed at once"
    assert served_on_disk(index_dir) == before
    assert len(generations(index_dir)) == 1
    return lines[0]


def articles_served(index_dir: Path) -> int:
    stats = run_cli("stats", "--json", "--index-dir", index_dir)
    assert stats.returncode == 0, stats.stderr
    return json.loads(stats.stdout)["articles"]


@pytest.fixture
def indexed(tmp_path):
    """An index of OLD articles, and folders of articles that outgrow the limits."""
    old = write_articles(tmp_path / "old", OLD, "Argentina", seed=1)
    many = write_articles(tmp_path / "many", NEW, "Chile", seed=2)
    one = tmp_path / "one-long"
    one.mkdir()
    long_text = (old / "tin-0000.txt").read_text(encoding="utf-8") * 800  # ~2.3 MB: one job file past 1 MB
    (one / "dai.txt").write_text(long_text, encoding="utf-8")
    index_dir = tmp_path / "ix"
    first = run_cli("index", old, "--index-dir", index_dir)
    assert first.returncode == 0, first.stderr
    return index_dir, old, many, one


# --- a file-size limit: any user, any file system --------------------------------------------------

LIMIT_LINE = "a file of the index outgrew the file-size limit of 1.0 MB (ulimit -f) in "


@pytest.mark.parametrize("where", ["writer process", "main process"])
def test_a_rebuild_past_the_file_size_limit_stops_and_keeps_the_index(indexed, where):
    """Many small articles fill a writer process's segment; one long article, the main process's job file."""
    index_dir, old, many, one = indexed
    before = served_on_disk(index_dir)
    source = many if where == "writer process" else one
    result = run_cli("index", source, "--index-dir", index_dir, file_limit=FILE_LIMIT)
    line = assert_stopped_cleanly(result, index_dir, before, LIMIT_LINE + f"{index_dir}/")
    assert "Raise the limit and build again." in line
    assert articles_served(index_dir) == OLD

    again = run_cli("index", source, "--index-dir", index_dir)
    assert again.returncode == 0, again.stderr
    assert articles_served(index_dir) == (NEW if source is many else 1)


def test_an_update_past_the_file_size_limit_stops_and_keeps_the_index(indexed):
    index_dir, old, many, _ = indexed
    for path in many.iterdir():
        shutil.copy(path, old / f"moi-{path.name}")
    before = served_on_disk(index_dir)
    result = run_cli("index", old, "--update", "--index-dir", index_dir, file_limit=FILE_LIMIT)
    assert_stopped_cleanly(result, index_dir, before, LIMIT_LINE)
    assert articles_served(index_dir) == OLD

    again = run_cli("index", old, "--update", "--index-dir", index_dir)
    assert again.returncode == 0, again.stderr
    assert f"{NEW} new, 0 changed" in again.stdout and f"{OLD + NEW} articles in all" in again.stdout


# --- a full disk: a 3 MB tmpfs, mounted by the test as root ----------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs at tmp_path/disk; skips unless root may mount one here."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def grow(disk: Path, size: str = "64m") -> None:
    """Free space the way an administrator would: a bigger disk."""
    subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)


@pytest.mark.parametrize("mode", ["rebuild", "update"])
def test_a_full_disk_stops_the_build_with_one_line_and_keeps_serving(tmp_path, small_disk, mode):
    old = write_articles(tmp_path / "old", OLD, "Argentina", seed=1)
    index_dir = small_disk / "ix"
    first = run_cli("index", old, "--index-dir", index_dir)
    assert first.returncode == 0, first.stderr
    many = write_articles(old if mode == "update" else tmp_path / "many", NEW, "Chile", seed=2, prefix="moi")
    before = served_on_disk(index_dir)
    with Server(index_dir, stderr=tmp_path / "serve.err", env=ENV) as server:
        assert server.health()["articles"] == OLD
        args = ["index", old, "--update"] if mode == "update" else ["index", many]
        result = run_cli(*args, "--index-dir", index_dir)
        line = assert_stopped_cleanly(result, index_dir, before, f"no space left on the disk of {index_dir}/: ")
        assert "the new index needed more than " in line and " free)." in line, line
        assert line.endswith("Free some space and build again."), line
        assert server.health()["articles"] == OLD
        assert server.search("argentina")["total"] == OLD

        grow(small_disk)
        again = run_cli(*args, "--index-dir", index_dir)
        assert again.returncode == 0, again.stderr
        expected = OLD + NEW if mode == "update" else NEW
        assert articles_served(index_dir) == expected
        assert server.search("chile")["total"] == NEW
        assert leftovers(index_dir) == []


# --- the words of each kind of running out ------------------------------------------------------------------

@pytest.mark.parametrize(("code", "start"), [(errno.ENOSPC, "no space left on the disk of"),
                                             (errno.EDQUOT, "disk quota exceeded in"),
                                             (errno.EFBIG, "a file of the index outgrew the file-size limit")])
def test_each_kind_of_running_out_is_named(tmp_path, code, start):
    """The messages for what the tests above cannot make happen on every machine (a quota, a disk full at once)."""
    error = OSError(code, os.strerror(code), str(tmp_path / "build-x" / "seg"))
    during = str(explain(error, tmp_path, written=5 * 1_048_576, served=True))
    assert during.startswith(f"{start}") and f"{tmp_path}/" in during
    assert "the new index needed more than 5.0 MB" in during
    assert "The partial build was removed. The previous index is still served." in during
    at_once = str(explain(error, tmp_path, written=None, served=False))  # out of room writing the lock itself
    assert "the build could not finish" in at_once
    assert "partial build" not in at_once and "previous index" not in at_once
