"""An index folder that cannot be written or read: one clear line, a non-zero exit, never a traceback.

- not writable (as root, the CLI runs without the capabilities that let root ignore permissions),
- on a read-only file system (a tmpfs remounted read-only, as root),
- a file where the folder should be;
- `serve` on an unreadable index says so, and a running server keeps serving what it had.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from served import Server
from test_crash_safety import ENV, served_on_disk, write_articles

IS_ROOT = os.geteuid() == 0
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def without_root_powers() -> None:
    """In a child about to run the CLI: drop what lets root ignore file permissions."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


LIMITED = {"preexec_fn": without_root_powers} if IS_ROOT else {}
"""Popen arguments that make folder permissions apply to the CLI, even for root."""


def cli(*args, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bilat_search", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env or ENV, **popen)


def one_error_line(result: subprocess.CompletedProcess, code: int = 1) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture
def folder(tmp_path):
    """tmp_path, where folder permissions apply to the CLI (else the test skips), given back at the end."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    try:
        written = subprocess.run([sys.executable, "-c", f"open({str(probe / 'x')!r}, 'w')"], capture_output=True,
                                 timeout=60, **LIMITED).returncode == 0
    except (OSError, subprocess.SubprocessError):  # root that may not drop its powers here
        written = True
    probe.chmod(0o755)
    shutil.rmtree(probe)
    if written:
        pytest.skip("folder permissions do not apply to the CLI here (root that cannot drop its powers)")
    yield tmp_path
    for parent, dirs, _ in os.walk(tmp_path):
        for name in dirs:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(parent, name), 0o755)


# --- not writable ------------------------------------------------------------------------------------------

def test_an_index_folder_in_a_folder_without_write_permission(folder):
    locked = folder / "locked"
    locked.mkdir(mode=0o555)
    result = cli("index", SEEDS, "--index-dir", locked / "ix", **LIMITED)
    line = one_error_line(result)
    assert line == f"Error: cannot write the index in {locked / 'ix'}/: permission denied."
    assert not (locked / "ix").exists()


@pytest.mark.parametrize("update", [False, True])
def test_an_index_folder_without_write_permission_keeps_its_index(folder, update):
    index_dir = folder / "ix"
    assert cli("index", SEEDS, "--index-dir", index_dir).returncode == 0
    before = served_on_disk(index_dir)
    index_dir.chmod(0o555)
    args = ["index", SEEDS, "--update"] if update else ["index", SEEDS]
    line = one_error_line(cli(*args, "--index-dir", index_dir, **LIMITED))
    assert line == f"Error: cannot write the index in {index_dir}/: permission denied. The previous index is still served."
    assert served_on_disk(index_dir) == before
    search = cli("search", "nga", "--json", "--index-dir", index_dir, **LIMITED)
    assert search.returncode == 0, search.stderr  # reading needs no write permission


# --- a read-only file system -------------------------------------------------------------------------------

@pytest.fixture
def read_only_disk(tmp_path):
    """A tmpfs holding a built index, remounted read-only; skips unless root may mount here."""
    if not IS_ROOT or not shutil.which("mount"):
        pytest.skip("mounting a read-only file system needs root and mount(8)")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        assert cli("index", SEEDS, "--index-dir", disk / "ix").returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.parametrize("update", [False, True])
def test_a_read_only_file_system_is_named(read_only_disk, update):
    index_dir = read_only_disk / "ix"
    before = served_on_disk(index_dir)
    args = ["index", SEEDS, "--update"] if update else ["index", SEEDS]
    line = one_error_line(cli(*args, "--index-dir", index_dir))
    assert line == (f"Error: cannot write the index in {index_dir}/: the file system is read-only. "
                    "The previous index is still served.")
    assert served_on_disk(index_dir) == before
    assert cli("search", "nga", "--index-dir", index_dir).returncode == 0


def test_a_new_index_on_a_read_only_file_system(read_only_disk):
    line = one_error_line(cli("index", SEEDS, "--index-dir", read_only_disk / "other"))
    assert line == f"Error: cannot write the index in {read_only_disk / 'other'}/: the file system is read-only."


# --- a file where the folder should be -----------------------------------------------------------------------

def test_an_index_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "ix"
    blocker.write_text("not a folder", encoding="utf-8")
    # through the environment (the option is checked by click itself, below)
    line = one_error_line(cli("index", SEEDS, env={**ENV, "BILAT_INDEX_DIR": str(blocker)}))
    assert line == f"Error: cannot write the index in {blocker}/: {blocker} is a file, not a folder."
    line = one_error_line(cli("index", SEEDS, "--index-dir", blocker / "inside"))
    assert line == f"Error: cannot write the index in {blocker / 'inside'}/: {blocker} is a file, not a folder."
    line = one_error_line(cli("index", SEEDS, "--index-dir", blocker))
    assert line == f"Error: cannot write the index in {blocker}/: {blocker} is a file, not a folder."
    for command in (["search", "nga"], ["stats"], ["export"], ["serve", "--port", "0"]):
        line = one_error_line(cli(*command, "--index-dir", blocker))
        assert line == f"Error: {blocker} is a file, not an index folder", command
    assert blocker.read_text(encoding="utf-8") == "not a folder"


# --- serving an index that cannot be read --------------------------------------------------------------------

def damage(generation: Path) -> None:
    """Overwrite a generation's tables of contents, as a failing disk might."""
    for toc in generation.glob("*.toc"):
        toc.write_bytes(b"\x00garbage" * 8)


def test_serve_on_a_damaged_index_says_so(tmp_path):
    index_dir = tmp_path / "ix"
    assert cli("index", SEEDS, "--index-dir", index_dir).returncode == 0
    generation = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    damage(generation)
    line = one_error_line(cli("serve", "--port", "0", "--index-dir", index_dir))
    assert line.startswith(f"Error: cannot read the index in {generation}: it looks damaged (")
    line = one_error_line(cli("search", "nga", "--index-dir", index_dir))
    assert line.startswith(f"Error: cannot read the index in {generation}: it looks damaged (")


def test_serve_on_an_index_without_read_permission_says_so(folder):
    index_dir = folder / "ix"
    assert cli("index", SEEDS, "--index-dir", index_dir).returncode == 0
    generation = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    generation.chmod(0o000)
    line = one_error_line(cli("serve", "--port", "0", "--index-dir", index_dir, **LIMITED))
    assert line == f"Error: cannot read the index in {generation}: permission denied"


@pytest.mark.parametrize("problem", ["permission", "damage"])
def test_a_running_server_keeps_what_it_had_when_the_new_index_cannot_be_read(folder, problem):
    articles = write_articles(folder / "old", 30, "Argentina", seed=1)
    index_dir = folder / "ix"
    assert cli("index", articles, "--index-dir", index_dir).returncode == 0
    errors = folder / "serve.err"
    with Server(index_dir, stderr=errors, env=ENV, **LIMITED) as server:
        assert server.health()["articles"] == 30
        new = write_articles(folder / "new", 20, "Chile", seed=2)
        assert cli("index", new, "--index-dir", index_dir).returncode == 0
        generation = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
        if problem == "permission":
            generation.chmod(0o000)
            reason = "permission denied"
        else:
            damage(generation)
            reason = "it looks damaged ("

        for _ in range(3):  # every request is answered from what was served, and said once
            health = server.health()
            assert health["articles"] == 30 and health["status"] == "ok"
            assert health["warning"].startswith(f"cannot read the index in {generation}: {reason}"), health
            assert server.search("argentina")["total"] == 30
            status, _ = server.get("/?q=argentina")
            assert status == 200
        logged = [line for line in errors.read_text(encoding="utf-8").splitlines() if "cannot read the index" in line]
        assert len(logged) == 1 and logged[0].endswith(f"still serving {health['generation']}"), logged
        assert "Traceback" not in errors.read_text(encoding="utf-8")

        # the next good build is served at once, without a restart
        generation.chmod(0o755)
        assert cli("index", new, "--index-dir", index_dir).returncode == 0
        deadline = time.monotonic() + 10
        while server.health()["articles"] != 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        health = server.health()
        assert health["articles"] == 20 and "warning" not in health
        assert server.search("chile")["total"] == 20
