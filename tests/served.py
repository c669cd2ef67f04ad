"""`bilat-search serve --port 0` in a subprocess, shared by the tests that need a real server and by bench/run.py.

The OS picks the port, so the only way to learn it is the line the server prints
("Serving bilat-search on http://127.0.0.1:PORT/ ..."). No pytest here: the benchmark imports this too.
"""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode

SERVING = re.compile(r"Serving bilat-search on (http://(\S+):(\d+))/")


class Server:
    """The real CLI serving `index_dir`, its URL read from stdout, and a small HTTP client for it.

    `args` are extra `serve` options (e.g. "--threads", "8"); stderr goes to the file `stderr` (appended to)
    or nowhere; `new_session` puts the server in its own process group, so that a test can end what it leaves;
    `preexec_fn` runs in the child before the server starts (to take privileges away, say).
    Raises AssertionError, with what the server wrote, when no URL comes within `timeout` seconds.
    """

    def __init__(self, index_dir: Path, *args: str, stderr: Path | None = None, env: Mapping[str, str] | None = None,
                 new_session: bool = False, timeout: float = 30, preexec_fn: Callable[[], None] | None = None):
        self.stderr_path = stderr
        self._stderr = open(stderr, "a", encoding="utf-8") if stderr else None  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bilat_search", "serve", "--port", "0", *args, "--index-dir", str(index_dir)],
            stdout=subprocess.PIPE, stderr=self._stderr or subprocess.DEVNULL, text=True, encoding="utf-8",
            env=env, start_new_session=new_session, preexec_fn=preexec_fn)
        self.lines: list[str] = []
        url_line = threading.Event()

        def drain() -> None:  # keep reading so the server never blocks on a full pipe
            for line in self.proc.stdout:
                self.lines.append(line)
                if SERVING.search(line):
                    url_line.set()
            url_line.set()  # it ended without one: no need to wait out the timeout

        self._reader = threading.Thread(target=drain, daemon=True)
        self._reader.start()
        url_line.wait(timeout)
        match = next((m for m in map(SERVING.search, self.lines) if m), None)
        if match is None:
            try:  # did it end, or is it still silent?
                code = self.proc.wait(1)
            except subprocess.TimeoutExpired:
                code = None
            self.stop()
            errors = stderr.read_text(encoding="utf-8")[-2000:] if stderr else "(not kept)"
            why = f"exited with code {code}" if code is not None else f"did not print its URL within {timeout:g} s"
            raise AssertionError(f"the server {why}; stdout: {self.lines}; stderr:\n{errors}")
        # no trailing slash on the URL: `server.url + "/api/search?..."`
        self.url, self.host, self.port = match.group(1), match.group(2), int(match.group(3))

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def search(self, query: str, **params) -> dict:
        status, body = self.get("/api/search?" + urlencode({"q": query, **params}))
        assert status == 200, (status, body[:300])
        return json.loads(body)

    def health(self) -> dict:
        status, body = self.get("/healthz")
        assert status == 200, (status, body[:300])
        return json.loads(body)

    def stop(self) -> None:
        """Terminate, then kill after 10 s; safe to call twice."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._reader.join(5)
        if self._stderr:
            self._stderr.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
