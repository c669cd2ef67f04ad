"""Build and update the Whoosh index from article files."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter, SubWriterTask

from .article import Article
from .ingest import IngestReport, SourceFile, file_signature, find_files, read_articles, read_file
from .names import names_text
from .readers import Skip
from .records import bare_record, make_record, to_document
from .schema import build_schema
from .store import IndexStore

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


class _ArticleTask(SubWriterTask):
    """A Whoosh sub-writer process that turns Articles into documents itself.

    Extraction then runs in the writer processes, in parallel, and right
    before the body is indexed, so the body is tokenised once for both.
    """

    def _process_file(self, filename, doc_count):
        writer = self.writer
        storage = writer.temp_storage()
        with storage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                code, payload = pickle.load(handle)
                writer.add_document(**(_document(payload) if code == ARTICLE else payload))
        storage.delete_file(filename)


class ParallelWriter(MpWriter):
    """Whoosh's multi-process writer, fed Articles instead of finished documents."""

    def _new_task(self):
        task = _ArticleTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                            self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def add_article(self, article: Article) -> None:
        self.docbuffer.append((ARTICLE, article))
        if len(self.docbuffer) >= self.batchsize:
            self._enqueue()
        self._added_sub = True


ARTICLE = 1  # job code beside Whoosh's 0 (add_document)
PROCS = 2


def _open_bulk_writer(ix):
    if (os.cpu_count() or 1) > 1:
        return ParallelWriter(ix, procs=PROCS, batchsize=64, multisegment=True, limitmb=256)
    return ix.writer(limitmb=256)


def _add(writer, article: Article) -> None:
    if isinstance(writer, ParallelWriter):
        writer.add_article(article)
    else:
        writer.add_document(**_document(article))


def build(paths: Iterable[str | os.PathLike], store: IndexStore, progress: Progress | None = None,
          on_wait: Callable[[str], None] | None = None, wait: bool = True) -> BuildSummary:
    """Full rebuild into a new generation, swapped in only when complete."""
    started = time.perf_counter()
    paths = list(paths)
    summary = BuildSummary(mode="build")
    report = IngestReport()
    with store.writing(wait=wait, on_wait=on_wait):
        build_dir = store.new_build_dir()
        ix = whoosh_index.create_in(str(build_dir), build_schema())
        writer = _open_bulk_writer(ix)
        try:
            for article in read_articles(paths, report):
                _add(writer, article)
                summary.indexed += 1
                if progress:
                    progress(1)
            if summary.indexed == 0:
                writer.cancel()
                raise NothingToIndex(_nothing_message(paths, report))
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        summary.generation = store.publish(build_dir)
    summary.files = report.files
    summary.skipped = report.skipped
    summary.duplicates = report.duplicates
    summary.total = summary.indexed
    summary.seconds = time.perf_counter() - started
    return summary


def update(paths: Iterable[str | os.PathLike], store: IndexStore, progress: Progress | None = None,
           on_wait: Callable[[str], None] | None = None, wait: bool = True) -> BuildSummary:
    """Add new and changed files, drop deleted ones; crash-safe like a build.

    The served generation is hard-linked into a new folder, changed there, and
    swapped in; a kill at any point leaves the served index as it was.
    """
    started = time.perf_counter()
    paths = list(paths)
    summary = BuildSummary(mode="update")
    report = IngestReport()
    with store.writing(wait=wait, on_wait=on_wait):
        if not store.exists():
            raise FileNotFoundError(f"no index in {store.root}/ to update: run `bilat-search index` first")
        build_dir = store.copy_current()
        ix = whoosh_index.open_dir(str(build_dir))
        known = _known_files(ix)
        writer = ix.writer(limitmb=256)
        try:
            seen_files: set[str] = set()
            for source in find_files(paths, report):
                report.files += 1
                seen_files.add(source.relative)
                try:
                    signature = file_signature(source.path)
                except OSError as exc:
                    report.skipped.append(Skip(source.relative, f"cannot read: {exc.strerror or exc}"))
                    continue
                if known.get(source.relative) == signature:
                    summary.unchanged += 1
                    continue
                changed = source.relative in known
                if changed:
                    writer.delete_by_term("file_path", source.relative)
                count = _add_file(writer, source, report)
                if changed:
                    summary.updated += count
                else:
                    summary.indexed += count
                if progress:
                    progress(count)
            for gone in set(known) - seen_files:
                writer.delete_by_term("file_path", gone)
                summary.removed += 1
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        summary.generation = store.publish(build_dir)
        with whoosh_index.open_dir(str(store.current_path())).searcher() as searcher:
            summary.total = searcher.doc_count()
    summary.files = report.files
    summary.skipped = report.skipped
    summary.duplicates = report.duplicates
    summary.seconds = time.perf_counter() - started
    return summary


def _add_file(writer, source: SourceFile, report: IngestReport) -> int:
    count = 0
    for item in read_file(source):
        if isinstance(item, Skip):
            report.skipped.append(item)
            continue
        writer.update_document(**_document(item))
        count += 1
    return count


def _known_files(ix) -> dict[str, str]:
    """file path -> signature of every file in the index."""
    known: dict[str, str] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            known[fields.get("file_path", "")] = fields.get("file_signature", "")
    return known


def _document(article: Article) -> dict:
    try:
        record = make_record(article)
    except Exception as exc:  # an extractor bug must not stop a build: index the words anyway
        log.warning("meeting facts of %s could not be extracted: %s: %s", article.path, type(exc).__name__, exc)
        record = bare_record(article)
    return to_document(record, article, names_text(record))


def _cancel(writer) -> None:
    with contextlib.suppress(Exception):  # the writer may already be closed
        writer.cancel()


def _nothing_message(paths: list, report: IngestReport) -> str:
    where = ", ".join(str(Path(p)) for p in paths) or "(no paths)"
    if report.skipped:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
        return f"no article could be read from {where} ({len(report.skipped)} skipped: {reasons})"
    return f"no article files found in {where}"
