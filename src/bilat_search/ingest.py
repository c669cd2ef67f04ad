"""Walk folders and files, read every article, report every skip.

One bad file never stops a build: each failure becomes a `Skip` with its
reason. Duplicates (same URL or same normalised text) are read once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, normalise_url, text_fingerprint
from .decoding import UnreadableFile, decode_bytes
from .memory import LARGE_TEXT, release_freed_memory
from .readers import KnownLine, Skip, parse_html, parse_text, read_jsonl

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MEGABYTE = 1024 * 1024
DEFAULT_MAX_FILE_MB = 20
"""Larger files (and JSON Lines records with more text) are skipped, never half-indexed.

A meeting report is a few kilobytes; 20 MB is a whole book. Reading and
indexing one file costs about 15 times its size in memory, so the limit is
what keeps a build within 500 MB whatever lands in the folder. Users raise it
with `--max-file-mb` or `$BILAT_MAX_FILE_MB`.
"""


@dataclass
class SourceFile:
    """A file to read, with its path relative to the folder being indexed."""

    path: Path
    relative: str

    @property
    def kind(self) -> str | None:
        name = self.path.name.lower()
        if name.endswith(".jsonl.gz") or name.endswith(".ndjson.gz"):
            return "jsonl.gz"
        suffix = self.path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            return "jsonl"
        if suffix in HTML_SUFFIXES:
            return "html"
        if suffix in TEXT_SUFFIXES:
            return "text"
        return None


@dataclass
class IngestReport:
    """What a read of some folders found: for the build summary."""

    files: int = 0
    articles: int = 0
    skipped: list[Skip] = field(default_factory=list)
    duplicates: list[Skip] = field(default_factory=list)
    incomplete: set[str] = field(default_factory=set)
    """Files with something skipped (a record too large, a broken line): the next update reads them again."""


def find_files(paths: Iterable[str | os.PathLike], report: IngestReport) -> Iterator[SourceFile]:
    """Every file below the given paths, each once; symlink loops are cut."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for root in paths:
        root = Path(root)
        if not root.exists() and not root.is_symlink():
            report.skipped.append(Skip(str(root), "no such file or folder"))
            continue
        if root.is_file():
            yield from _once(SourceFile(root, root.name), seen_files, report)
            continue
        if not root.is_dir():
            report.skipped.append(Skip(str(root), "not a file or folder (broken link?)"))
            continue
        def unlistable(error: OSError, root: Path = root) -> None:
            where = os.path.relpath(error.filename, root) if error.filename else str(root)
            report.skipped.append(Skip(where, f"cannot list folder: {error.strerror}"))

        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unlistable):
            try:
                st = os.stat(dirpath)
            except OSError:
                dirnames[:] = []
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                where = os.path.relpath(dirpath, root)
                report.skipped.append(Skip(where, "folder seen before (symlink loop)"))
                dirnames[:] = []
                continue
            seen_dirs.add(key)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = Path(dirpath) / name
                yield from _once(SourceFile(full, os.path.relpath(full, root)), seen_files, report)


def _once(source: SourceFile, seen: set[tuple[int, int]], report: IngestReport) -> Iterator[SourceFile]:
    try:
        st = source.path.stat()
    except OSError as exc:
        report.skipped.append(Skip(source.relative, f"cannot read: {exc.strerror or exc}"))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    yield source


def read_file(source: SourceFile, max_mb: float = DEFAULT_MAX_FILE_MB,
              known_lines: Mapping[str, str] | None = None) -> Iterator[Article | Skip | KnownLine]:
    """The articles of one file, or Skips saying why not.

    A text or HTML file over `max_mb` is skipped before it is read; in JSON
    Lines, which hold many articles, each record's text is held to it, and
    records whose line is in `known_lines` come as KnownLine, unread.
    """
    kind = source.kind
    if kind is None:
        yield Skip(source.relative, f"unsupported file type '{source.path.suffix}'")
        return
    try:
        size = source.path.stat().st_size
        if kind in ("jsonl", "jsonl.gz"):
            yield from _read_jsonl_file(source, kind, max_mb, known_lines)
            return
        if size > max_mb * MEGABYTE:
            yield Skip(source.relative, too_large(size, max_mb))
            return
        data = source.path.read_bytes()
    except PermissionError:
        yield Skip(source.relative, "permission denied")
        return
    except OSError as exc:
        yield Skip(source.relative, f"cannot read: {exc.strerror or exc}")
        return
    signature = hashlib.sha1(data).hexdigest()
    try:
        if kind == "html":
            article = parse_html(data, source.relative)
        else:
            article = parse_text(decode_bytes(data), source.relative)
    except UnreadableFile as exc:
        yield Skip(source.relative, str(exc))
        return
    except Exception as exc:  # a parser bug must not stop the build
        yield Skip(source.relative, f"could not parse ({type(exc).__name__}: {exc})")
        return
    del data  # this frame lives on while the article is indexed: a huge file's bytes must not
    if len(article.text) > LARGE_TEXT:
        release_freed_memory()  # the copies made while reading it
    article.file_signature = signature
    yield article


def _read_jsonl_file(source: SourceFile, kind: str, max_mb: float,
                     known_lines: Mapping[str, str] | None = None) -> Iterator[Article | Skip | KnownLine]:
    signature = file_signature(source.path)
    count = 0
    limit = max_mb * MEGABYTE
    for item in read_jsonl(source.path, source.relative, gzipped=kind == "jsonl.gz", known_lines=known_lines):
        if isinstance(item, KnownLine):
            count += 1
        elif isinstance(item, Article):
            # a character takes 1 to 3 bytes in UTF-8: encode only texts that may be over
            if len(item.text) * 3 > limit and (size := len(item.text.encode("utf-8"))) > limit:
                yield Skip(item.path, too_large(size, max_mb, " of text"))
                continue
            item.file_signature = signature
            count += 1
        yield item
    if count == 0:
        yield Skip(source.relative, "no readable article in this JSON Lines file")


def too_large(size: int, max_mb: float, what: str = "") -> str:
    """The reason a file or record over the size limit was skipped, with how to raise it."""
    return (f"too large: {size / MEGABYTE:.1f} MB{what}, over the {max_mb:g} MB limit "
            f"(raise it with --max-file-mb or BILAT_MAX_FILE_MB)")


def file_signature(path: Path) -> str:
    """Content hash for small files; size and mtime for large archives."""
    st = path.stat()
    if st.st_size > 20 * 1024 * 1024:
        return f"size:{st.st_size}:mtime:{st.st_mtime_ns}"
    return hashlib.sha1(path.read_bytes()).hexdigest()


def read_articles(paths: Iterable[str | os.PathLike], report: IngestReport | None = None,
                  max_mb: float = DEFAULT_MAX_FILE_MB) -> Iterator[Article]:
    """Every distinct article below `paths`; skips and duplicates go to `report`."""
    report = report if report is not None else IngestReport()
    seen_urls: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    seen_ids: set[str] = set()
    for source in find_files(paths, report):
        report.files += 1
        for item in read_file(source, max_mb):
            if isinstance(item, Skip):
                report.skipped.append(item)
                report.incomplete.add(source.relative)
                continue
            url_key = normalise_url(item.url) if item.url else None
            text_key = text_fingerprint((item.title or "") + "\n" + item.text)
            first = (url_key and seen_urls.get(url_key)) or seen_texts.get(text_key)
            if first is not None or item.id in seen_ids:
                report.duplicates.append(Skip(item.path, f"duplicate of {first or item.id}"))
                continue
            if url_key:
                seen_urls[url_key] = item.path
            seen_texts[text_key] = item.path
            seen_ids.add(item.id)
            report.articles += 1
            yield item
