"""Where the index lives on disk: generations, an atomic pointer, one writer.

Layout of the index folder::

    CURRENT           name of the generation being served (replaced atomically)
    gen-<stamp>/      a complete Whoosh index
    build-<stamp>/    a build in progress (left behind only by a killed build)
    .lock             held (flock) by the one process that writes

A rebuild writes a new generation beside the served one and only then
replaces CURRENT, so a crash, Ctrl-C or kill at any moment leaves the
previous index intact. The lock dies with its process, so a killed build
never blocks the next one, which also sweeps up what it left.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

CURRENT = "CURRENT"
LOCK = ".lock"
DEFAULT_INDEX_DIR = "index"


class IndexMissing(Exception):
    """No index has been built in this folder yet."""


class IndexBusy(Exception):
    """Another process holds the writer lock."""


def default_index_dir() -> Path:
    return Path(os.environ.get("BILAT_INDEX_DIR") or DEFAULT_INDEX_DIR)


class IndexStore:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.lock_fd: int | None = None
        """The writer lock's descriptor while `writing()` holds it (child processes must close it)."""

    # --- reading -----------------------------------------------------------------
    def current_name(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return name if name and (self.root / name).is_dir() else None

    def current_path(self) -> Path:
        name = self.current_name()
        if name is None:
            raise IndexMissing(f"no index in {self.root}/ yet: run `bilat-search index` first")
        return self.root / name

    def exists(self) -> bool:
        return self.current_name() is not None

    def open(self):
        """The served Whoosh index (raises IndexMissing).

        Without mmap: Whoosh maps each compound segment whole, which counted
        ~650 MB of resident memory for the 38k corpus before the first query.
        Postings are read into arrays once per term anyway (scoring.py).
        """
        return FileStorage(str(self.current_path()), supports_mmap=False).open_index()

    def generation(self) -> tuple[str, int]:
        """Identifies what is served; changes whenever a build or update lands."""
        pointer = self.root / CURRENT
        try:
            return pointer.read_text(encoding="utf-8").strip(), pointer.stat().st_mtime_ns
        except FileNotFoundError:
            return "", 0

    def size_bytes(self) -> int:
        path = self.current_path()
        return sum(f.stat().st_size for f in path.iterdir() if f.is_file())

    # --- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self, wait: bool = True, on_wait=None) -> Iterator[None]:
        """Hold the single-writer lock for the duration of a build or update."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle = open(self.root / LOCK, "a+")  # noqa: SIM115 - held across the yield
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(handle)
                if not wait:
                    raise IndexBusy(f"another build is writing to {self.root}/{holder}") from None
                if on_wait:
                    on_wait(f"another build is writing to {self.root}/{holder}; waiting for it to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            handle.flush()
            self.lock_fd = handle.fileno()
            self.sweep()
            yield
        finally:
            self.lock_fd = None
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def new_build_dir(self) -> Path:
        stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"
        path = self.root / f"build-{stamp}"
        path.mkdir(parents=True)
        return path

    def publish(self, build_dir: Path) -> str:
        """Make a finished build the served index; old generations are removed."""
        name = "gen-" + build_dir.name.removeprefix("build-")
        final = self.root / name
        _fsync_dir(build_dir)
        os.rename(build_dir, final)
        tmp = self.root / f".{CURRENT}.{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / CURRENT)
        _fsync_dir(self.root)
        self.sweep(keep_previous=True)
        return name

    def copy_current(self) -> Path:
        """A new build folder holding the served index as hard links (for --update).

        Whoosh never rewrites a segment file, so linking is safe and instant.
        """
        source = self.current_path()
        target = self.new_build_dir()
        for item in source.iterdir():
            if item.name == "manifest.json":
                shutil.copy2(item, target / item.name)  # rewritten, not appended, by the update
            elif item.is_file() and not item.name.endswith(".lock"):
                try:
                    os.link(item, target / item.name)
                except OSError:
                    shutil.copy2(item, target / item.name)
        return target

    def sweep(self, keep_previous: bool = False) -> None:
        """Remove builds left by killed processes and generations no longer served.

        Only called while holding the lock, so no build-* folder is live but ours.
        """
        current = self.current_name()
        generations = sorted((p for p in self.root.glob("gen-*") if p.is_dir()),
                             key=lambda p: p.stat().st_mtime_ns)
        keep = {current}
        if keep_previous:
            older = [p.name for p in generations if p.name != current]
            if older:
                keep.add(older[-1])
        for path in generations:
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob("build-*"):
            if path.is_dir() and f"-{os.getpid()}-" not in path.name:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob(f".{CURRENT}.*"):
            with contextlib.suppress(OSError):
                path.unlink()


def _read_holder(handle) -> str:
    handle.seek(0)
    text = handle.read().strip()
    if not text:
        return ""
    pid, _, started = text.partition(" ")
    return f" (pid {pid}, started {started})"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
