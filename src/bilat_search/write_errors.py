"""Why the index could not be written, said in one line a user can act on.

A full disk, a quota, a file-size limit, a read-only file system, a folder
without write permission, or a file where the index folder should be: the
build stops, and the user reads what ran out or refused, where, and (for
space) how much the build needed, never a traceback.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
from pathlib import Path

SPACE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
"""What a build that ran out of room raises: no space, no quota, a file-size limit (`ulimit -f`)."""


class CannotWrite(Exception):
    """The index folder could not be written; the message says why and what to do."""


def megabytes(size: int) -> str:
    """`2.7 MB`, or `340 kB` below a megabyte."""
    if size < 1_048_576:
        return f"{size / 1024:.0f} kB"
    return f"{size / 1_048_576:.1f} MB"


def folder_size(folder: Path) -> int:
    """Bytes that the files below `folder` hold on their own (0 if it is gone).

    Files linked from elsewhere (an update links the served index) take no
    space of their own, so they are not counted.
    """
    total = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if st.st_nlink == 1:
                total += st.st_size
    return total


def free_space(path: Path) -> int | None:
    """Free bytes on the file system of `path` (or of its nearest existing parent)."""
    for candidate in (path, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def explain(exc: OSError, root: Path, written: int | None = None, served: bool = False) -> CannotWrite:
    """The one-line message for an OSError met while writing the index in `root`.

    `written` is what the partial build held when it stopped (the build
    needed more than that), None when no build had started; `served` says
    whether an earlier index is still being served, which the user will
    want to know.
    """
    where = f"{root}/"
    code = exc.errno
    unchanged = " The previous index is still served." if served else ""
    if code in SPACE_ERRORS:
        needed = (f"the new index needed more than {megabytes(written)}" if written and written >= 65536
                  else "the build could not finish")
        removed = f"{' The partial build was removed.' if written is not None else ''}{unchanged}"
        if code == errno.EFBIG:
            limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
            shown = "" if limit == resource.RLIM_INFINITY else f" of {megabytes(limit)}"
            return CannotWrite(f"a file of the index outgrew the file-size limit{shown} (ulimit -f) in {where}: "
                               f"{needed}.{removed} Raise the limit and build again.")
        free = free_space(root)
        left = f" ({megabytes(free)} free)" if free is not None else ""
        what = f"disk quota exceeded in {where}" if code == errno.EDQUOT else f"no space left on the disk of {where}"
        return CannotWrite(f"{what}: {needed}{left}.{removed} Free some space and build again.")
    if code == errno.EROFS:
        return CannotWrite(f"cannot write the index in {where}: the file system is read-only.{unchanged}")
    if code in (errno.EACCES, errno.EPERM):
        return CannotWrite(f"cannot write the index in {where}: permission denied{_on(exc, root)}.{unchanged}")
    if code in (errno.EEXIST, errno.ENOTDIR):
        blocker = _file_in_the_way(root)
        if blocker is not None:
            return CannotWrite(f"cannot write the index in {where}: {blocker} is a file, not a folder.")
    reason = exc.strerror or str(exc)
    return CannotWrite(f"cannot write the index in {where}: {reason}{_on(exc, root)}.{unchanged}")


def _on(exc: OSError, root: Path) -> str:
    """` (on FILE)` when the error names a file outside the index folder (inside, the folder is what matters)."""
    if not exc.filename or Path(exc.filename).is_relative_to(root):
        return ""
    return f" (on {exc.filename})"


def _file_in_the_way(root: Path) -> Path | None:
    """The index folder, or one of its parents, that exists as something other than a folder."""
    for candidate in (root, *root.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None
