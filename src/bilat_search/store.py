"""Where the index lives on disk: generations, an atomic pointer, one writer.

Layout of the index folder::

    CURRENT           name of the generation being served (replaced atomically)
    gen-<stamp>/      a complete Whoosh index
    build-<stamp>/    a build in progress (left behind only by a killed build)
    .lock             held (flock) by the one process that writes

A rebuild writes a new generation beside the served one and only then
replaces CURRENT, so a crash, Ctrl-C or kill at any moment leaves the
previous index intact. The lock dies with its process, so a killed build
never blocks the next one, which also sweeps up what it left. A build that
fails (a full disk, say) removes its own folder at once.

A generation is published only once all of it is on disk: every file is
synced, then its folder, then the folder holding it, and only then the
pointer. After a power cut, CURRENT names either the old generation or a
complete new one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from .write_errors import explain, folder_size

CURRENT = "CURRENT"
LOCK = ".lock"
DEFAULT_INDEX_DIR = "index"


class IndexMissing(Exception):
    """No index has been built in this folder yet."""


class IndexUnreadable(Exception):
    """The index is there but cannot be read (permissions, a damaged file)."""


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
        except (OSError, UnicodeDecodeError) as exc:
            raise self.unreadable(exc) from exc
        return name if name and (self.root / name).is_dir() else None

    def current_path(self) -> Path:
        name = self.current_name()
        if name is None:
            raise IndexMissing(f"no index in {self.root}/ yet: run `bilat-search index` first")
        return self.root / name

    def exists(self) -> bool:
        """Whether an index has been published here (an unreadable one counts)."""
        try:
            return self.current_name() is not None
        except IndexUnreadable:
            return True

    def unreadable(self, exc: BaseException, name: str | None = None) -> IndexUnreadable:
        """IndexUnreadable for an error met reading the index (in generation `name`, if known)."""
        if isinstance(exc, OSError) and exc.strerror:
            reason = exc.strerror[0].lower() + exc.strerror[1:]  # "permission denied", after a colon
        else:
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            reason = f"it looks damaged ({detail})"
        where = f"{self.root}/{name}" if name else f"{self.root}/"
        return IndexUnreadable(f"cannot read the index in {where}: {reason}")

    def open(self):
        """The served Whoosh index (raises IndexMissing).

        Without mmap: Whoosh maps each compound segment whole, which counted
        ~650 MB of resident memory for the 38k corpus before the first query.
        Postings are read into arrays once per term anyway (scoring.py).
        """
        path = self.current_path()
        try:
            os.listdir(path)  # Whoosh's storage hides why a folder cannot be listed ("does not exist")
        except OSError as exc:
            raise self.unreadable(exc, path.name) from exc
        return FileStorage(str(path), supports_mmap=False).open_index()

    def generation(self) -> tuple[str, int]:
        """Identifies what is served; changes whenever a build or update lands."""
        pointer = self.root / CURRENT
        try:
            return pointer.read_text(encoding="utf-8").strip(), pointer.stat().st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return "", 0
        except (OSError, UnicodeDecodeError) as exc:
            raise self.unreadable(exc) from exc

    def size_bytes(self) -> int:
        path = self.current_path()
        return sum(f.stat().st_size for f in path.iterdir() if f.is_file())

    # --- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self, wait: bool = True, on_wait=None) -> Iterator[None]:
        """Hold the single-writer lock for the duration of a build or update.

        Raises CannotWrite, with the reason, when the folder cannot be written.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / LOCK, "a+")  # noqa: SIM115 - held across the yield
        except OSError as exc:
            raise explain(exc, self.root, served=self.exists()) from exc
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
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
                handle.flush()
            except OSError as exc:
                raise explain(exc, self.root, served=self.exists()) from exc
            self.lock_fd = handle.fileno()
            self.sweep()
            yield
        finally:
            self.lock_fd = None
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    @contextlib.contextmanager
    def building(self, from_current: bool = False) -> Iterator[Path]:
        """A new build folder (holding the served index, for an update), removed if the block fails.

        An OSError in the block (a full disk, a read-only file system...)
        becomes CannotWrite, whose message says what ran out and how much
        the build had written. Call with the lock held (`writing()`).
        """
        served = self.exists()
        build_dir: Path | None = None
        try:
            build_dir = self._copy_current() if from_current else self._new_build_dir()
            yield build_dir
        except BaseException as exc:
            written = folder_size(build_dir) if build_dir is not None else 0
            if build_dir is not None:
                shutil.rmtree(build_dir, ignore_errors=True)
            if isinstance(exc, OSError):
                raise explain(exc, self.root, written, served) from exc
            raise

    def _new_build_dir(self) -> Path:
        stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"
        path = self.root / f"build-{stamp}"
        path.mkdir(parents=True)
        return path

    def publish(self, build_dir: Path) -> str:
        """Make a finished build the served index, durably; old generations are removed.

        Every file is synced before the folder is renamed, and the rename
        before the pointer moves: a power cut leaves CURRENT naming a
        complete generation, the old one or the new.
        """
        name = "gen-" + build_dir.name.removeprefix("build-")
        final = self.root / name
        sync_tree(build_dir)
        os.rename(build_dir, final)
        try:
            _fsync_dir(self.root)
            tmp = self.root / f".{CURRENT}.{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(name + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.root / CURRENT)
        except BaseException:
            if self.current_name() != name:  # back where the failed build is cleaned up
                with contextlib.suppress(OSError):
                    os.rename(final, build_dir)
            raise
        _fsync_dir(self.root)
        self.sweep(keep_previous=True)
        return name

    def _copy_current(self) -> Path:
        """A new build folder holding the served index as hard links (for --update).

        Whoosh never rewrites a segment file, so linking is safe and instant.
        """
        source = self.current_path()
        target = self._new_build_dir()
        for item in source.iterdir():
            if item.name == "manifest.json":
                shutil.copy2(item, target / item.name)  # rewritten, not appended, by the update
            elif item.is_file() and not item.name.endswith(".lock"):
                try:
                    os.link(item, target / item.name)
                except OSError as exc:
                    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                        raise
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


def sync_tree(folder: Path) -> None:
    """fsync every file below `folder`, then each folder, deepest first."""
    for dirpath, _, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
