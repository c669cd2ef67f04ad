"""Whoosh's multi-process writer, fed Articles, that fails whole and at once.

Whoosh's MpWriter passes batches of documents to writer processes through
files and a queue. If a writer process failed (a full disk, say), the main
process waited for it forever; if the main process failed, its writer
processes waited forever for more work, and the main process for them at
exit. Here every wait is bounded and watches the other side: a failure on
either side stops both within a second, and the writer's error (an
OSError keeps its errno and file) is raised in the main process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import sys
from dataclasses import dataclass

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from .article import Article
from .buffered_writer import BufferedSegmentWriter
from .documents import article_document
from .memory import LARGE_TEXT, release_freed_memory

ARTICLE = 1
"""Job code of an Article, beside Whoosh's 0 (a finished document)."""
POLL = 0.2
"""Seconds between looks at the writer processes while waiting on a queue."""


class WriterProcessFailed(Exception):
    """A writer process crashed or died: the build cannot be complete."""


@dataclass
class WriterFailure:
    """What a writer process sends back, instead of its segment, when it fails."""

    errno: int | None
    strerror: str | None
    filename: str | None
    description: str

    @classmethod
    def of(cls, exc: BaseException) -> WriterFailure:
        if isinstance(exc, OSError):
            return cls(exc.errno, exc.strerror, exc.filename, f"{type(exc).__name__}: {exc}")
        return cls(None, None, None, f"{type(exc).__name__}: {exc}")

    def exception(self) -> Exception:
        if self.errno is not None:
            return OSError(self.errno, self.strerror, self.filename)
        return WriterProcessFailed(f"a writer process failed: {self.description}")


class _ArticleTask(SubWriterTask):
    """A writer process that turns Articles into documents itself.

    Extraction then runs in the writer processes, in parallel, and right
    before the body is indexed, so the body is tokenised once for both.
    """

    inherited_lock: int | None = None

    def run(self) -> None:
        _detach_from_parent(self.inherited_lock)
        try:
            self._write()
        except BaseException as exc:  # report it, then end: the parent raises it
            self.resultqueue.put(WriterFailure.of(exc))
            sys.exit(1)

    def _write(self) -> None:
        """Whoosh's `SubWriterTask.run` (one segment per process) with a `BufferedSegmentWriter`."""
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BufferedSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames | writer.buffer.fieldnames()
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)

    def _process_file(self, filename, doc_count):
        writer = self.writer
        storage = writer.temp_storage()
        large = False
        with storage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                code, payload = pickle.load(handle)
                if code == ARTICLE:
                    large = large or len(payload.text) > LARGE_TEXT
                    payload = article_document(payload)
                writer.add_document(**payload)
                del payload
        storage.delete_file(filename)
        if large:
            release_freed_memory()


def _detach_from_parent(lock_fd: int | None) -> None:
    """In a writer process: let go of the build lock, and die with the build.

    A forked process shares the lock's open file description: if the build
    is killed, an orphaned writer would hold the lock forever. So the child
    closes its copy, and asks the kernel to kill it when its parent dies.
    """
    if lock_fd is not None:
        with contextlib.suppress(OSError):
            os.close(lock_fd)
    with contextlib.suppress(Exception):  # Linux only; elsewhere the parent's cancel() ends it
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:
            os._exit(1)


class ParallelWriter(MpWriter):
    """Whoosh's multi-process writer (one segment per process), fed Articles, never left waiting."""

    def __init__(self, ix, lock_fd: int | None = None, **kwargs):
        super().__init__(ix, multisegment=True, **kwargs)  # each writer process's segment is final: see _write
        self.lock_fd = lock_fd
        self._results: list = []
        # forked now, from a process holding no article: a child forked later keeps, as its own,
        # the pages of whatever huge article the parent had just read
        for _ in range(self.procs):
            self._new_task()

    def _new_task(self):
        _ArticleTask.inherited_lock = self.lock_fd
        task = _ArticleTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                            self.multisegment)
        task.daemon = True  # never joined at exit: a failed build must not wait for its writers
        self.tasks.append(task)
        task.start()
        return task

    def add_article(self, article: Article) -> None:
        self.docbuffer.append((ARTICLE, article))
        self._added_sub = True
        if len(article.text) > LARGE_TEXT:  # hand it on now, and give back what pickling it took
            self._enqueue()
            release_freed_memory()
        elif len(self.docbuffer) >= self.batchsize:
            self._enqueue()

    def _enqueue(self):
        batch, self.docbuffer = self.docbuffer, []
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in batch:
                pickle.dump(item, handle, 2)
        count = len(batch)
        del batch
        if len(self.tasks) < self.procs:
            self._new_task()
        self._put((filename, count))

    def _put(self, job) -> None:
        """Queue a job, looking at the writer processes while the queue is full."""
        while True:
            self._check_tasks()
            try:
                self.jobqueue.put(job, timeout=POLL)
                return
            except queue.Full:
                continue

    def _check_tasks(self) -> None:
        """Raise the failure of any writer process that reported one, or ended before its time."""
        self._drain()
        for task in self.tasks:
            if task.exitcode not in (None, 0):
                self._drain(wait=1.0)  # its report, if it sent one, is the better message
                raise WriterProcessFailed(f"a writer process ended unexpectedly ({_exit_status(task.exitcode)})")

    def _drain(self, wait: float = 0.0) -> None:
        while True:
            try:
                item = self.resultqueue.get(timeout=wait) if wait else self.resultqueue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, WriterFailure):
                raise item.exception()
            self._results.append(item)

    def _wait_for_segments(self) -> list:
        """Each writer process's segment; raises if one fails or ends without sending it."""
        while len(self._results) < len(self.tasks):
            self._check_tasks()
            try:
                item = self.resultqueue.get(timeout=POLL)
            except queue.Empty:
                if all(task.exitcode == 0 for task in self.tasks):
                    # a writer sends its segment before it ends: what it sent while we waited is there now
                    self._drain()
                    if len(self._results) < len(self.tasks):
                        raise WriterProcessFailed("a writer process ended without its part of the index") from None
                continue
            if isinstance(item, WriterFailure):
                raise item.exception()
            self._results.append(item)
        return self._results

    def _commit(self, mergetype, optimize, merge):
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self._put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = self._wait_for_segments()
        for task in self.tasks:
            task.join()
        finalsegments += [segment for _, _, segment in results]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def cancel(self):
        """Kill the writer processes (ours, by pid), then drop what was written."""
        for task in self.tasks:
            if task.is_alive():
                task.kill()
        for task in self.tasks:
            task.join(5)
        for q in (self.jobqueue, self.resultqueue):
            q.cancel_join_thread()  # nobody will read what is still buffered: do not wait at exit
            q.close()
        SegmentWriter.cancel(self)


def _exit_status(code: int) -> str:
    if code < 0:
        import signal

        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
        return f"killed by signal {-code}"
    return f"exit status {code}"
