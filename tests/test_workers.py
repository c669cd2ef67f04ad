"""`serve --workers N`: several processes on one socket, replaced when they die, gone with the parent."""

from __future__ import annotations

import os
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from served import Server

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc to find the workers")


def _workers(server: Server) -> set[int]:
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def _wait_for(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _refused(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return False
    except OSError:
        return True


def test_two_workers_answer_requests_at_once(seeds_index):
    with Server(seeds_index, "--workers", "2") as server:
        assert "2 workers" in "".join(server.lines)
        assert _wait_for(lambda: len(_workers(server)) == 2)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: server.search("công an")["total"], range(24)))
        assert len(set(answers)) == 1 and answers[0] > 0


def test_a_worker_that_dies_is_replaced(seeds_index):
    with Server(seeds_index, "--workers", "2") as server:
        assert _wait_for(lambda: len(_workers(server)) == 2)
        victim = min(_workers(server))
        os.kill(victim, signal.SIGKILL)
        assert _wait_for(lambda: victim not in _workers(server) and len(_workers(server)) == 2)
        assert server.health()["status"] == "ok"


def test_killing_the_server_ends_its_workers_and_frees_the_port(seeds_index):
    server = Server(seeds_index, "--workers", "2")
    try:
        assert _wait_for(lambda: len(_workers(server)) == 2)
        workers = _workers(server)
        server.proc.kill()
        server.proc.wait(10)
        assert _wait_for(lambda: all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in workers))
        assert _wait_for(lambda: _refused(server.host, server.port))
    finally:
        server.stop()


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True
