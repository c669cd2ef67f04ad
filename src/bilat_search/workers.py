"""Serving with several processes that share one listening socket.

One Python process answers one request at a time on one core (the GIL):
8 analysts searching at once queued behind each other on a 2-core machine.
`serve --workers N` binds the socket once and forks N processes, each with
its own engine (its own readers and caches; the index files are shared by
the page cache). A worker that dies is replaced; the workers die with the
parent, even when it is killed (PR_SET_PDEATHSIG), so no orphan keeps the
port.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Callable

RESTART_PAUSE = 1.0
"""Seconds between replacing a worker that died and the next replacement, so a crash loop does not spin."""


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket every worker accepts on (port 0: the OS picks one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def run_workers(count: int, serve_one: Callable[[], None]) -> int:
    """Fork `count` workers running `serve_one`, replace those that die, and stop them all on SIGTERM or SIGINT."""
    workers: set[int] = set()
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(workers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for _ in range(count):
            workers.add(_fork(serve_one, previous))
        while workers:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            workers.discard(pid)
            if not stopping:
                time.sleep(RESTART_PAUSE)
                if not stopping:
                    workers.add(_fork(serve_one, previous))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _fork(serve_one: Callable[[], None], handlers: dict) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        _die_with_parent()
        serve_one()
    except KeyboardInterrupt:
        pass
    except BaseException as exc:  # noqa: BLE001 - a worker reports and ends; the parent replaces it
        print(f"bilat-search worker {os.getpid()} stopped: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return 0


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):  # Linux only; elsewhere SIGTERM from the parent ends the workers
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:
            os._exit(0)
