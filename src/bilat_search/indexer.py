"""Build and update the Whoosh index from article files."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from .article import Article
from .buffered_writer import BufferedSegmentWriter
from .codec import PackedCodec
from .documents import article_document
from .ingest import DEFAULT_MAX_FILE_MB, IngestReport, SourceFile, file_signature, find_files, read_articles, read_file
from .meeting_table import write_table
from .memory import LARGE_TEXT, release_freed_memory
from .parallel_writer import ParallelWriter
from .readers import KnownLine, Skip
from .schema import build_schema
from .store import IndexStore
from .vocabulary import save_vocabulary

Progress = Callable[[int], None]
log = logging.getLogger(__name__)


@dataclass
class BuildSummary:
    """What a build or update did: printed by the CLI, returned to tests."""

    mode: str
    indexed: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    unchanged_articles: int = 0
    removed_articles: int = 0
    files: int = 0
    seconds: float = 0.0
    skipped: list[Skip] = field(default_factory=list)
    duplicates: list[Skip] = field(default_factory=list)
    total: int = 0
    generation: str = ""

    @property
    def docs_per_second(self) -> float:
        return (self.indexed + self.updated) / self.seconds if self.seconds else 0.0


class NothingToIndex(Exception):
    """No article could be read from the given paths."""


def _open_bulk_writer(ix, lock_fd: int | None):
    if (os.cpu_count() or 1) > 1:
        return ParallelWriter(ix, lock_fd, procs=PROCS, batchsize=64, limitmb=256, codec=_codec())
    return BufferedSegmentWriter(ix, limitmb=256, codec=_codec())


PROCS = 2


def _codec() -> PackedCodec:
    return PackedCodec()


def _add(writer, article: Article) -> None:
    if isinstance(writer, ParallelWriter):
        writer.add_article(article)
    else:
        writer.add_document(**article_document(article))
        if len(article.text) > LARGE_TEXT:
            release_freed_memory()


def build(paths: Iterable[str | os.PathLike], store: IndexStore, progress: Progress | None = None,
          on_wait: Callable[[str], None] | None = None, wait: bool = True,
          max_mb: float = DEFAULT_MAX_FILE_MB) -> BuildSummary:
    """Full rebuild into a new generation, swapped in only when complete.

    Raises CannotWrite (the disk is full, the folder read-only...) after
    removing the partial build; the served index is then unchanged.
    """
    started = time.perf_counter()
    paths = list(paths)
    summary = BuildSummary(mode="build")
    report = IngestReport()
    with store.writing(wait=wait, on_wait=on_wait), store.building() as build_dir:
        ix = whoosh_index.create_in(str(build_dir), build_schema())
        writer = _open_bulk_writer(ix, store.lock_fd)
        manifest = Manifest()
        with _committed(writer, manifest, build_dir):
            for article in read_articles(paths, report, max_mb):
                _add(writer, article)
                manifest.add(article)
                summary.indexed += 1
                if progress:
                    progress(1)
            if summary.indexed == 0:
                raise NothingToIndex(_nothing_message(paths, report))
            manifest.read_again(report.incomplete)
        save_vocabulary(build_dir)
        _group_meetings(build_dir, store.current_path() if store.exists() else None)
        summary.generation = store.publish(build_dir)
    summary.total = summary.indexed
    return _finished(summary, report, started)


def update(paths: Iterable[str | os.PathLike], store: IndexStore, progress: Progress | None = None,
           on_wait: Callable[[str], None] | None = None, wait: bool = True,
           max_mb: float = DEFAULT_MAX_FILE_MB) -> BuildSummary:
    """Add new and changed articles, drop deleted ones; crash-safe like a build.

    Files are compared by content hash; inside a changed JSON Lines file, each
    record by its own hash, so one edited record re-indexes one document.
    The served generation is hard-linked into a new folder, changed there,
    and swapped in: a kill at any point leaves the served index as it was,
    and the next update finds the same differences and does the work again.
    """
    started = time.perf_counter()
    paths = list(paths)
    summary = BuildSummary(mode="update")
    report = IngestReport()
    with store.writing(wait=wait, on_wait=on_wait):
        if not store.exists():
            raise FileNotFoundError(f"no index in {store.root}/ to update: run `bilat-search index` first")
        with store.building(from_current=True) as build_dir:
            ix = whoosh_index.open_dir(str(build_dir))
            manifest = Manifest.load(build_dir, ix)
            writer = BufferedSegmentWriter(ix, limitmb=256, codec=_codec())
            with _committed(writer, manifest, build_dir):
                seen_files: set[str] = set()
                for source in find_files(paths, report):
                    report.files += 1
                    seen_files.add(source.relative)
                    try:
                        signature = file_signature(source.path)
                    except OSError as exc:
                        report.skipped.append(Skip(source.relative, f"cannot read: {exc.strerror or exc}"))
                        continue
                    if manifest.file_signature(source.relative) == signature:
                        summary.unchanged += 1
                        continue
                    _update_file(writer, source, signature, manifest, report, summary, progress, max_mb)
                for gone in manifest.files() - seen_files:
                    writer.delete_by_term("file_path", gone)
                    manifest.drop_file(gone)
                    summary.removed += 1
            save_vocabulary(build_dir)
            _group_meetings(build_dir, build_dir)  # the copy holds the served generation's meetings
            summary.generation = store.publish(build_dir)
        with whoosh_index.open_dir(str(store.current_path())).searcher() as searcher:
            summary.total = searcher.doc_count()
    return _finished(summary, report, started)


@contextlib.contextmanager
def _committed(writer, manifest: Manifest, folder: Path) -> Iterator[None]:
    """Commit the writer and save the manifest when the block completes; cancel the writer if not."""
    try:
        yield
        writer.commit()
        manifest.save(folder)
    except BaseException:
        _cancel(writer)
        raise


def _finished(summary: BuildSummary, report: IngestReport, started: float) -> BuildSummary:
    summary.files = report.files
    summary.skipped = report.skipped
    summary.duplicates = report.duplicates
    summary.seconds = time.perf_counter() - started
    return summary


def _update_file(writer, source: SourceFile, signature: str, manifest: Manifest, report: IngestReport,
                 summary: BuildSummary, progress: Progress | None, max_mb: float) -> None:
    before = manifest.documents(source.relative)
    known = {line: path for path, line in manifest.lines(source.relative).items() if path in before}
    current: dict[str, str] = {}
    current_lines: dict[str, str] = {}
    complete = True
    for item in read_file(source, max_mb, known or None):
        if isinstance(item, KnownLine):  # the same bytes as when it was indexed: not read again
            current[item.path] = before[item.path]
            current_lines[item.path] = item.line_hash
            summary.unchanged_articles += 1
            continue
        if isinstance(item, Skip):
            report.skipped.append(item)
            complete = False
            continue
        item.file_signature = signature
        doc_signature = document_signature(item)
        current[item.path] = doc_signature
        if item.line_hash:
            current_lines[item.path] = item.line_hash
        if before.get(item.path) == doc_signature:
            summary.unchanged_articles += 1
            continue
        writer.delete_by_term("path", item.path)
        writer.update_document(**article_document(item))
        if len(item.text) > LARGE_TEXT:
            release_freed_memory()
        if item.path in before:
            summary.updated += 1
        else:
            summary.indexed += 1
        if progress:
            progress(1)
    for gone in set(before) - set(current):
        writer.delete_by_term("path", gone)
        summary.removed_articles += 1
    if not current:  # nothing indexed from it: unknown to the index, tried again next time, as after a build
        manifest.drop_file(source.relative)
    else:
        manifest.set_file(source.relative, signature if complete else "", current, current_lines)


class Manifest:
    """What each generation holds: file -> (file hash, {article path -> article hash}, {path -> line hash}).

    Kept as JSON beside the index so that `--update` compares hashes without
    reading 38,000 stored documents; in a changed JSON Lines file, a record
    whose line hash is unchanged is not even parsed (parsing the 38,000
    records of a file with 100 changes was most of an update).
    """

    NAME = "manifest.json"

    def __init__(self, files: dict[str, dict] | None = None):
        self._files: dict[str, dict] = files or {}

    @classmethod
    def load(cls, folder: Path, ix=None) -> Manifest:
        try:
            return cls(json.loads((Path(folder) / cls.NAME).read_text(encoding="utf-8"))["files"])
        except (FileNotFoundError, KeyError, ValueError):
            manifest = cls()
            if ix is not None:  # an index from before manifests: rebuild it from the stored fields
                with ix.searcher() as searcher:
                    for fields in searcher.all_stored_fields():
                        entry = manifest._files.setdefault(fields.get("file_path", ""),
                                                           {"signature": fields.get("file_signature", ""),
                                                            "documents": {}})
                        entry["documents"][fields.get("path", "")] = ""
            return manifest

    def save(self, folder: Path) -> None:
        """Write beside, then rename: never into a file another generation may share."""
        target = Path(folder) / self.NAME
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps({"files": self._files}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)

    def add(self, article: Article) -> None:
        entry = self._files.setdefault(article.file_path, {"signature": article.file_signature, "documents": {}})
        entry["documents"][article.path] = document_signature(article)
        if article.line_hash:
            entry.setdefault("lines", {})[article.path] = article.line_hash

    def files(self) -> set[str]:
        return set(self._files)

    def file_signature(self, file_path: str) -> str | None:
        entry = self._files.get(file_path)
        return entry["signature"] if entry else None

    def documents(self, file_path: str) -> dict[str, str]:
        entry = self._files.get(file_path)
        return dict(entry["documents"]) if entry else {}

    def lines(self, file_path: str) -> dict[str, str]:
        """Article path -> hash of the JSON Lines record it was indexed from (none in older manifests)."""
        entry = self._files.get(file_path)
        return dict(entry.get("lines", {})) if entry else {}

    def set_file(self, file_path: str, signature: str, documents: dict[str, str],
                 lines: dict[str, str] | None = None) -> None:
        self._files[file_path] = {"signature": signature, "documents": documents, "lines": lines or {}}

    def drop_file(self, file_path: str) -> None:
        self._files.pop(file_path, None)

    def read_again(self, file_paths: Iterable[str]) -> None:
        """Forget the hashes of these files (some of their content was skipped): the next update reads them.

        What was skipped may be indexed then (a raised size limit, a fixed
        permission); the records' own hashes still spare re-indexing the rest.
        """
        for file_path in file_paths:
            if file_path in self._files:
                self._files[file_path]["signature"] = ""


def document_signature(article: Article) -> str:
    """Changes whenever anything indexed from the article changes."""
    basis = "\x1f".join([article.title or "", article.url or "", article.published or "", article.text])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()


def _group_meetings(folder: Path, previous: Path | None) -> None:
    """Group the new generation's meeting reports (meeting_table); a grouping bug must not stop a build."""
    try:
        write_table(folder, previous)
    except Exception as exc:  # the index is served without a table; the search side groups it when opened
        log.warning("meetings could not be grouped: %s: %s", type(exc).__name__, exc)


def _cancel(writer) -> None:
    with contextlib.suppress(Exception):  # the writer may already be closed
        writer.cancel()


def _nothing_message(paths: list, report: IngestReport) -> str:
    where = ", ".join(str(Path(p)) for p in paths) or "(no paths)"
    if report.skipped:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
        return f"no article could be read from {where} ({len(report.skipped)} skipped: {reasons})"
    return f"no article files found in {where}"
