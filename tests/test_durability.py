"""Power loss: a generation is published only once every file of it is on disk.

`os.fsync`, `os.rename` and `os.replace` are watched in the test process (the edge
of the world: the kernel), while a real build and a real update run: every file of
the published generation, then its folder, then the index folder holding the rename,
must be synced before CURRENT is replaced, and CURRENT's own content before that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bilat_search.indexer import build, update
from bilat_search.store import CURRENT, IndexStore
from test_crash_safety import write_articles

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="names synced files through /proc/self/fd")


class DiskCalls:
    """The order of fsync (by path), rename and replace calls made by the test process."""

    def __init__(self, monkeypatch):
        self.events: list[tuple[str, str]] = []
        real_fsync, real_rename, real_replace = os.fsync, os.rename, os.replace

        def fsync(fd):
            self.events.append(("fsync", os.readlink(f"/proc/self/fd/{fd if isinstance(fd, int) else fd.fileno()}")))
            return real_fsync(fd)

        def rename(src, dst, *args, **kwargs):
            self.events.append(("rename", f"{os.fspath(src)} -> {os.fspath(dst)}"))
            return real_rename(src, dst, *args, **kwargs)

        def replace(src, dst, *args, **kwargs):
            self.events.append(("replace", os.fspath(dst)))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "rename", rename)
        monkeypatch.setattr(os, "replace", replace)

    def index(self, kind: str, path: str) -> int:
        """Position of the first such event, or a failure naming what is missing."""
        for i, event in enumerate(self.events):
            if event == (kind, path):
                return i
        raise AssertionError(f"no {kind} of {path}; the last calls: {self.events[-8:]}")

    def last_pointer_move(self, root: Path) -> int:
        moves = [i for i, event in enumerate(self.events) if event == ("replace", str(root / CURRENT))]
        assert moves, f"CURRENT was never replaced: {self.events}"
        return moves[-1]


def assert_published_durably(calls: DiskCalls, store: IndexStore) -> None:
    generation = store.current_path()
    build_dir = store.root / generation.name.replace("gen-", "build-", 1)
    pointer = calls.last_pointer_move(store.root)
    renamed = calls.index("rename", f"{build_dir} -> {generation}")
    files = sorted(p.name for p in generation.iterdir())
    assert files and all((generation / name).is_file() for name in files), files
    for name in files:  # synced where they were written, before the folder was renamed
        assert calls.index("fsync", str(build_dir / name)) < renamed, name
    assert calls.index("fsync", str(build_dir)) < renamed
    root_synced = [i for i, event in enumerate(calls.events) if event == ("fsync", str(store.root))]
    assert any(renamed < i < pointer for i in root_synced), "the rename must be on disk before the pointer moves"
    assert any(i > pointer for i in root_synced), "and the pointer's move itself"
    temporary = [i for i, (kind, path) in enumerate(calls.events)
                 if kind == "fsync" and Path(path).name.startswith(f".{CURRENT}.")]
    assert temporary and temporary[-1] < pointer, "CURRENT's new content is synced before it replaces the old"


def test_a_rebuild_syncs_every_file_before_moving_the_pointer(tmp_path, monkeypatch):
    folder = write_articles(tmp_path / "articles", 300, "Argentina", seed=1)  # two writer processes on two cores
    store = IndexStore(tmp_path / "ix")
    calls = DiskCalls(monkeypatch)
    build([folder], store)
    assert_published_durably(calls, store)


def test_an_update_syncs_every_file_before_moving_the_pointer(tmp_path, monkeypatch):
    folder = write_articles(tmp_path / "articles", 60, "Argentina", seed=1)
    store = IndexStore(tmp_path / "ix")
    build([folder], store)
    write_articles(folder, 30, "Peru", seed=3, prefix="moi")
    (folder / "tin-0001.txt").unlink()
    calls = DiskCalls(monkeypatch)
    summary = update([folder], store)
    assert (summary.indexed, summary.removed) == (30, 1)
    assert_published_durably(calls, store)  # the files linked from the served generation too
