"""Give the memory a huge article needed back to the system once it is indexed."""

from __future__ import annotations

import contextlib
import ctypes
from functools import cache

LARGE_TEXT = 1 << 20
"""Characters from which an article is worth handing its memory back after (a report is ~3,000)."""


@cache
def _libc():
    return ctypes.CDLL("libc.so.6")


def release_freed_memory() -> None:
    """Return freed heap memory to the system.

    glibc keeps what Python frees for reuse: after a 30 MB article the build
    went on holding 190 MB it no longer needed, beside the writer processes
    that were indexing the article. Without glibc, this does nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        _libc().malloc_trim(0)
