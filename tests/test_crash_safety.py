"""Rebuilds under fire, with real processes: the CLI and the server in subprocesses, real SIGKILLs.

- a rebuild killed at several points leaves the previous index intact and served,
  and the next rebuild succeeds and sweeps what the killed one left;
- the same for `--update`;
- two rebuilds at once: `--no-wait` refuses with a clear message, otherwise the second waits;
- `serve` keeps answering while the same index folder is rebuilt and updated, never fails a
  request, never shows a partial index, and moves to the new index without a restart.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from served import Server

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses /proc, process groups and SIGKILL")

BIG = 1500
"""Articles in a rebuild that must still be running 2 s after it started (~4 s on two cores)."""
MEDIUM = 800
"""Articles in a rebuild that must still be running when a second one starts."""
OLD = 40

# --- articles, written at test time ---------------------------------------------------------------

OFFICIALS = ["Thượng tướng Lương Tam Quang", "Đại tướng Tô Lâm", "Thượng tướng Trần Quốc Tỏ",
             "Trung tướng Phạm Thế Tùng", "Thượng tướng Nguyễn Duy Ngọc", "Thiếu tướng Nguyễn Văn Long"]
PLACES = ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"]
TOPICS = ["phòng, chống tội phạm ma túy", "phòng, chống mua bán người", "bảo đảm an ninh mạng",
          "phòng, chống tội phạm công nghệ cao", "đào tạo cán bộ", "dẫn độ và tương trợ tư pháp về hình sự",
          "phòng, chống khủng bố", "phòng, chống rửa tiền", "bảo hộ công dân", "truy nã tội phạm"]
SENTENCES = [
    "Hai bên đánh giá cao kết quả hợp tác giữa hai Bộ trong thời gian qua, nhất là trong {t}.",
    "Bộ trưởng nhấn mạnh quan hệ hữu nghị truyền thống giữa hai nước ngày càng phát triển tốt đẹp.",
    "Hai bên thống nhất tiếp tục tăng cường trao đổi thông tin, kinh nghiệm trong {t}.",
    "Phía bạn cảm ơn sự đón tiếp trọng thị, chu đáo của Bộ Công an Việt Nam dành cho Đoàn.",
    "Tại buổi làm việc, hai bên đã ký kết biên bản ghi nhớ về hợp tác trong {t} giai đoạn {y}-{y2}.",
    "Đồng chí Thứ trưởng đề nghị hai bên phối hợp chặt chẽ, kịp thời trong {t}, bảo vệ an ninh của mỗi nước.",
    "Hai bên nhất trí duy trì cơ chế họp thường niên ở cấp Thứ trưởng và các đơn vị nghiệp vụ.",
    "Đoàn đại biểu cũng đã đến thăm và làm việc với một số đơn vị thuộc Bộ Công an tại {p}.",
    "Phía Việt Nam đề nghị bạn tạo điều kiện thuận lợi cho công dân Việt Nam sinh sống, học tập và làm việc.",
    "Kết thúc hội đàm, hai bên đã trao đổi quà lưu niệm và chụp ảnh chung.",
]


def write_articles(folder: Path, count: int, partner: str, seed: int = 0, prefix: str = "tin") -> Path:
    """`count` seed-format meeting reports (~2.8 kB each) about one partner country."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    slug = partner.lower().replace(" ", "-")
    for i in range(count):
        year = rnd.randint(2015, 2024)
        lead = (f"Ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}, tại {rnd.choice(PLACES)}, "
                f"{rnd.choice(OFFICIALS)}, Bộ trưởng Bộ Công an đã hội đàm với Đoàn đại biểu cấp cao Bộ Nội vụ "
                f"{partner} do Bộ trưởng dẫn đầu, sang thăm và làm việc tại Việt Nam.")
        sentences = [rnd.choice(SENTENCES).format(t=rnd.choice(TOPICS), y=year, y2=year + 5, p=rnd.choice(PLACES))
                     for _ in range(rnd.randint(14, 22))]
        body = "\n\n".join([lead] + [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)])
        (folder / f"{prefix}-{i:04d}.txt").write_text(
            f"https://cand.com.vn/doi-ngoai/{prefix}-{slug}-{seed}-{i}\n-----------------\n"
            f"Bộ Công an hội đàm với Bộ Nội vụ {partner} (lần {i + 1})\n-----------------\n{body}\n"
            "-----------------\n", encoding="utf-8")
    return folder


# --- processes ----------------------------------------------------------------------------------

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}


def cli(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bilat_search", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=ENV)


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.005) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Processes:
    """Every process a test starts, ended by pid at teardown (with any orphans of their groups)."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.popens: list[subprocess.Popen] = []
        self.servers: list[Server] = []
        self.groups: list[int] = []
        self.files: list = []

    def start(self, *args) -> subprocess.Popen:
        name = f"{len(self.popens):02d}-{args[0]}"
        out = open(self.log_dir / f"{name}.out", "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        err = open(self.log_dir / f"{name}.err", "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.files += [out, err]
        proc = subprocess.Popen([sys.executable, "-m", "bilat_search", *map(str, args)], stdout=out, stderr=err,
                                text=True, env=ENV, start_new_session=True)
        proc.name = name
        self.popens.append(proc)
        self.groups.append(proc.pid)
        return proc

    def output(self, proc: subprocess.Popen) -> tuple[str, str]:
        return ((self.log_dir / f"{proc.name}.out").read_text(encoding="utf-8"),
                (self.log_dir / f"{proc.name}.err").read_text(encoding="utf-8"))

    def server(self, index_dir: Path) -> Server:
        server = Server(index_dir, "--threads", "8", stderr=self.log_dir / f"serve-{time.monotonic_ns()}.err", env=ENV,
                        new_session=True)
        self.servers.append(server)
        self.groups.append(server.proc.pid)
        assert server.url.startswith("http://127.0.0.1:"), f"the default bind must be loopback: {server.url}"
        return server

    def kill(self, proc: subprocess.Popen) -> None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def end_orphans(self, pgid: int, grace: float = 2.0) -> list[int]:
        """End (by pid) what outlived a killed leader in its process group by `grace` seconds; returns those pids."""
        deadline = time.monotonic() + grace
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.02)
        survivors = group_members(pgid)
        for pid in survivors:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if survivors:
            wait_for(lambda: not group_members(pgid), 10, f"orphans {survivors} to end")
        return survivors

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        for proc in self.popens:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        for pgid in self.groups:
            self.end_orphans(pgid)
        for handle in self.files:
            handle.close()


@pytest.fixture
def procs(tmp_path):
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    registry = Processes(log_dir)
    yield registry
    registry.close()


# --- what is served -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Served:
    current: str
    files: tuple
    """(name, size) of every file of the served generation"""


def served_on_disk(index_dir: Path) -> Served:
    current = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    return Served(current, tuple(sorted((p.name, p.stat().st_size) for p in (index_dir / current).iterdir())))


def articles_in(index_dir: Path) -> int:
    """The article count of the served index, read by a fresh CLI process."""
    stats = cli("stats", "--json", "--index-dir", index_dir, timeout=60)
    assert stats.returncode == 0, stats.stderr
    return json.loads(stats.stdout)["articles"]


def ids_for(index_dir: Path, query: str) -> tuple[int, list[str]]:
    """Total and ids of the first 100 hits, through the CLI."""
    result = cli("search", query, "--json", "--limit", "100", "--index-dir", index_dir, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return data["total"], [hit["id"] for hit in data["results"]]


def leftovers(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.name.startswith("build-"))


def generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-"))


def committing(index_dir: Path) -> bool:
    """A build folder whose Whoosh commit has begun to land (its second table of contents)."""
    return any(index_dir.glob("build-*/_MAIN_[1-9]*.toc")) or any(index_dir.glob("build-*/manifest.json"))


def kill_at(procs: Processes, proc: subprocess.Popen, point: float | str, index_dir: Path, what: str) -> bool:
    """SIGKILL an index run `point` seconds after its start, or at its commit (`"commit"`).

    Returns whether it was killed: a commit and publish may fall between two looks,
    and then the run must have ended well.
    """
    if point == "commit":
        wait_for(lambda: committing(index_dir) or proc.poll() is not None, 60, "the commit", 0.0005)
        if proc.poll() is not None:
            assert proc.returncode == 0, procs.output(proc)
    else:
        time.sleep(point)
        assert proc.poll() is None, f"the {what} ended before the kill at {point}: {procs.output(proc)}"
    if proc.poll() is not None:
        return False
    procs.kill(proc)
    return True


KILL_POINTS = [0.2, 0.5, 1.0, 2.0, "commit"]


# --- full rebuilds --------------------------------------------------------------------------------

def test_a_killed_rebuild_leaves_the_previous_index_served(tmp_path, procs):
    old = write_articles(tmp_path / "old", OLD, "Argentina", seed=1)
    new = write_articles(tmp_path / "new", BIG, "Chile", seed=2)
    index_dir = tmp_path / "ix"
    first = cli("index", old, "--index-dir", index_dir)
    assert first.returncode == 0, first.stderr
    server = procs.server(index_dir)
    before = served_on_disk(index_dir)
    old_ids = ids_for(index_dir, "argentina")
    assert articles_in(index_dir) == OLD and old_ids[0] == OLD
    http_before = server.search("argentina")

    published_by_a_kill = False
    notes: list[str] = []
    for point in KILL_POINTS:
        if point == "commit":  # the commit-point build sweeps the earlier leftovers first: check them now
            assert leftovers(index_dir), "the killed builds should have left their build folders behind"
        build = procs.start("index", new, "--index-dir", index_dir)
        if kill_at(procs, build, point, index_dir, "build"):
            assert build.returncode == -signal.SIGKILL
        # the writer processes of a killed build must die with it (they would hold the lock otherwise)
        orphans = procs.end_orphans(build.pid)
        notes.append(f"{point}: exit {build.returncode}, {len(orphans)} orphaned writer processes, "
                     f"{len(leftovers(index_dir))} build folders left")
        assert orphans == [], f"writer processes of the build killed at {point} outlived it: {orphans}"

        status, body = server.get("/healthz")
        assert status == 200, body
        after = served_on_disk(index_dir)
        if after == before:
            http_after = server.search("argentina")
            assert (http_after["total"], http_after["results"]) == (http_before["total"], http_before["results"])
            assert json.loads(body)["articles"] == OLD
        else:
            # killed after the new generation was published: it must then be served whole
            assert point == "commit", f"the kill at {point} s changed the served index"
            assert articles_in(index_dir) == BIG and ids_for(index_dir, "chile")[0] == BIG
            assert json.loads(body)["articles"] == BIG
            published_by_a_kill = True
    print("\nkilled rebuilds: " + "; ".join(notes))
    if not published_by_a_kill:  # what a fresh process reads after all the kills
        assert articles_in(index_dir) == OLD and ids_for(index_dir, "argentina") == old_ids

    final = cli("index", new, "--index-dir", index_dir, "--no-wait")
    assert final.returncode == 0, final.stdout + final.stderr
    assert f"Indexed {BIG} articles" in final.stdout
    assert leftovers(index_dir) == [], "the next rebuild must sweep what the killed ones left"
    assert len(generations(index_dir)) <= 2  # the served one and the previous (for open searchers)
    assert not any(p.name.startswith(".CURRENT.") for p in index_dir.iterdir())
    # the same server, never restarted, now serves the new index
    assert server.proc.poll() is None
    assert server.search("chile")["total"] == BIG
    assert server.search("argentina")["total"] == 0
    health = server.health()
    assert health["articles"] == BIG
    assert health["generation"] == (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    if published_by_a_kill:
        print("note: the kill at the commit came after the new generation was published")


def test_a_killed_rebuild_leaves_no_process_holding_the_lock(tmp_path, procs):
    """`kill -9` of a build whose writer processes are running: none outlives it, none keeps the lock.

    (Whoosh's multiprocessing writer forks sub-writers while the build holds the flock; orphaned, they
    used to keep it forever, so the next build refused or waited for ever.)
    """
    new = write_articles(tmp_path / "new", MEDIUM, "Chile", seed=2)
    index_dir = tmp_path / "ix"
    build = procs.start("index", new, "--index-dir", index_dir)
    wait_for(lambda: len(group_members(build.pid)) > 1 or build.poll() is not None, 30,
             "the build to start its writer processes")
    time.sleep(0.3)
    assert build.poll() is None, procs.output(build)
    procs.kill(build)
    deadline = time.monotonic() + 2.0
    while group_members(build.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    survivors = group_members(build.pid)
    try:
        following = cli("index", new, "--index-dir", index_dir, "--no-wait", timeout=120)
    finally:
        procs.end_orphans(build.pid)
    assert following.returncode == 0, following.stderr
    assert f"Indexed {MEDIUM} articles" in following.stdout
    assert leftovers(index_dir) == []
    assert survivors == [], f"processes of the killed build still running: {survivors}"


# --- --update ---------------------------------------------------------------------------------------

def test_a_killed_update_leaves_the_previous_index_served(tmp_path, procs):
    folder = write_articles(tmp_path / "articles", OLD, "Argentina", seed=1)
    index_dir = tmp_path / "ix"
    assert cli("index", folder, "--index-dir", index_dir).returncode == 0
    added = 1000
    write_articles(folder, added, "Peru", seed=3, prefix="moi")
    server = procs.server(index_dir)
    before = served_on_disk(index_dir)
    old_ids = ids_for(index_dir, "argentina")

    published_by_a_kill = False
    for point in [0.3, 1.0, 2.0, "commit"]:
        if point == "commit":  # the commit-point update sweeps the earlier leftovers first: check them now
            assert leftovers(index_dir), "the killed updates should have left their build folders behind"
        update = procs.start("index", folder, "--update", "--index-dir", index_dir)
        kill_at(procs, update, point, index_dir, "update")
        assert procs.end_orphans(update.pid) == [], "an update must not leave processes behind"
        after = served_on_disk(index_dir)
        health = server.health()
        if after == before:  # the served generation's files are untouched (hard links are only added to)
            assert server.search("peru")["total"] == 0
            assert health["articles"] == OLD
        else:
            assert point == "commit", f"the kill at {point} s changed the served index"
            assert articles_in(index_dir) == OLD + added and health["articles"] == OLD + added
            published_by_a_kill = True
    if not published_by_a_kill:
        assert articles_in(index_dir) == OLD and ids_for(index_dir, "argentina") == old_ids

    final = cli("index", folder, "--update", "--no-wait", "--index-dir", index_dir)
    assert final.returncode == 0, final.stdout + final.stderr
    if not published_by_a_kill:
        assert f"{added} new, 0 changed" in final.stdout, final.stdout
    assert f"{OLD + added} articles in all" in final.stdout
    assert leftovers(index_dir) == []
    assert len(generations(index_dir)) <= 2
    assert server.proc.poll() is None
    assert server.search("peru")["total"] == added
    assert server.search("argentina")["total"] == OLD
    assert server.health()["articles"] == OLD + added
    again = cli("index", folder, "--update", "--index-dir", index_dir)
    assert again.returncode == 0 and "0 new, 0 changed, 0 removed" in again.stdout, again.stdout


# --- two rebuilds at once -------------------------------------------------------------------------

def _holding_lock(index_dir: Path, pid: int) -> bool:
    try:
        return (index_dir / ".lock").read_text(encoding="utf-8").split(" ", 1)[0] == str(pid)
    except (FileNotFoundError, IndexError):
        return False


def _first_build_running(tmp_path: Path, procs: Processes) -> tuple[subprocess.Popen, Path, Path]:
    """A build of MEDIUM articles started and holding the lock; the folder for a second one; the index."""
    new = write_articles(tmp_path / "new", MEDIUM, "Chile", seed=2)
    other = write_articles(tmp_path / "other", OLD, "Argentina", seed=1)
    index_dir = tmp_path / "ix"
    first = procs.start("index", new, "--index-dir", index_dir)
    wait_for(lambda: _holding_lock(index_dir, first.pid) or first.poll() is not None, 30, "the first build's lock")
    return first, other, index_dir


def test_a_second_rebuild_with_no_wait_refuses_clearly(tmp_path, procs):
    first, other, index_dir = _first_build_running(tmp_path, procs)
    second = cli("index", other, "--index-dir", index_dir, "--no-wait", timeout=60)
    assert first.poll() is None, "the first build ended before the second started: make it bigger"
    assert second.returncode != 0
    assert "another build is writing" in second.stderr and f"pid {first.pid}" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    assert first.wait(120) == 0, procs.output(first)
    assert f"Indexed {MEDIUM} articles" in procs.output(first)[0]
    assert articles_in(index_dir) == MEDIUM
    assert leftovers(index_dir) == []
    update = cli("index", other, "--update", "--no-wait", "--index-dir", index_dir, timeout=60)
    assert update.returncode == 0, update.stderr  # the lock is free again


def test_a_second_rebuild_waits_for_the_first(tmp_path, procs):
    first, other, index_dir = _first_build_running(tmp_path, procs)
    second = procs.start("index", other, "--index-dir", index_dir)
    wait_for(lambda: "waiting" in procs.output(second)[1] or second.poll() is not None, 30, "the wait message")
    assert first.poll() is None, "the first build ended before the second started: make it bigger"
    assert "another build is writing" in procs.output(second)[1]
    assert second.poll() is None, "the second build must wait, not fail"
    assert first.wait(120) == 0, procs.output(first)
    assert second.wait(120) == 0, procs.output(second)
    out_first, out_second = procs.output(first)[0], procs.output(second)[0]
    assert f"Indexed {MEDIUM} articles" in out_first and f"Indexed {OLD} articles" in out_second
    # the second ran after the first, so its generation is the one served
    current = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    assert f"({current})" in out_second
    assert articles_in(index_dir) == OLD
    assert ids_for(index_dir, "argentina")[0] == OLD and ids_for(index_dir, "chile")[0] == 0
    assert leftovers(index_dir) == []
    assert len(generations(index_dir)) <= 2


# --- serving while rebuilding ---------------------------------------------------------------------

def test_serve_answers_every_request_through_a_rebuild_and_an_update(tmp_path, procs):
    folder = write_articles(tmp_path / "old", OLD, "Argentina", seed=1)
    new = write_articles(tmp_path / "new", 600, "Chile", seed=2)
    index_dir = tmp_path / "ix"
    assert cli("index", folder, "--index-dir", index_dir).returncode == 0
    server = procs.server(index_dir)
    server_pid = server.proc.pid
    first_generation = server.health()["generation"]
    added = 200

    # every state the server may show: (articles, argentina, chile, peru)
    allowed = {"articles": {OLD, 600, 600 + added}, "argentina": {OLD, 0}, "chile": {0, 600}, "peru": {0, added}}
    observed: dict[str, set[int]] = {key: set() for key in allowed}
    failures: list[str] = []
    requests = [0]
    stop = threading.Event()
    lock = threading.Lock()

    searches = [("argentina", "/api/search?q=argentina"), ("chile", "/api/search?q=chile"),
                ("peru", "/api/search?q=peru"), ("page", "/?q=argentina+chile"), ("page", "/?q=&partner=Chile"),
                ("csv", "/export.csv?q=peru"), ("articles", "/healthz")]

    def client(paths: list[tuple[str, str]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        i = 0
        while not stop.is_set():
            key, path = paths[i % len(paths)]
            i += 1
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    failures.append(f"{path}: {response.status} {body[:200]!r}")
                    continue
                if key in allowed:
                    data = json.loads(body)
                    value = data["articles"] if key == "articles" else data["total"]
                    with lock:
                        observed[key].add(value)
            except Exception as exc:  # a dropped connection is a failed request too
                failures.append(f"{path}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            finally:
                with lock:
                    requests[0] += 1
        conn.close()

    # three threads search (from different starting points) while a fourth polls the health check
    threads = [threading.Thread(target=client, args=(paths,), daemon=True)
               for paths in (searches, searches[2:] + searches[:2], searches[4:] + searches[:4],
                             [("articles", "/healthz")])]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        rebuild = cli("index", new, "--index-dir", index_dir, timeout=180)
        assert rebuild.returncode == 0, rebuild.stderr
        wait_for(lambda: server.search("chile")["total"] == 600, 10, "the server to serve the rebuilt index", 0.1)
        time.sleep(0.5)
        write_articles(new, added, "Peru", seed=3, prefix="moi")
        update = cli("index", new, "--update", "--index-dir", index_dir, timeout=180)
        assert update.returncode == 0, update.stderr
        wait_for(lambda: server.search("peru")["total"] == added, 10, "the server to serve the update", 0.1)
        time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(40)
    assert not any(thread.is_alive() for thread in threads)
    print(f"\nserve during rebuild: {requests[0]} requests, {len(failures)} failed")
    assert failures == [], failures[:10]
    assert requests[0] > 50
    for key, values in observed.items():
        assert values <= allowed[key], f"{key}: saw {sorted(values)}, a partial index? allowed {sorted(allowed[key])}"
    assert OLD in observed["articles"] and 600 + added in observed["articles"]
    # no restart: the same process, now on a newer generation
    assert server.proc.poll() is None and server.proc.pid == server_pid
    assert server.health()["generation"] != first_generation
    assert server.search("argentina")["total"] == 0


def exported(index_dir: Path) -> dict[str, dict]:
    """Every record of the served index by id, through the CLI; an id twice is a doubled article."""
    result = cli("export", "--index-dir", index_dir, timeout=120)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)), "an article is in the index twice"
    return {record["id"]: record for record in records}


def test_a_killed_update_neither_loses_nor_doubles_an_article(tmp_path, procs):
    """New, changed and deleted files and JSON Lines records; the update killed at several points, then redone."""
    folder = write_articles(tmp_path / "articles", OLD, "Argentina", seed=1)
    records = [{"id": f"peru-{i}", "url": f"https://vov.vn/peru-{i}", "title": f"Hội đàm với Peru lần {i}",
                "date": f"2023-05-0{i % 9 + 1}", "text": f"Bộ Công an hội đàm với Bộ Nội vụ Peru, lần {i}."}
               for i in range(30)]

    def write_records(items: list[dict]) -> None:
        (folder / "kho.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in items) + "\n",
                                          encoding="utf-8")

    write_records(records)
    index_dir = tmp_path / "ix"
    assert cli("index", folder, "--index-dir", index_dir).returncode == 0
    served_before = exported(index_dir)
    assert len(served_before) == OLD + 30

    added = 1000
    write_articles(folder, added, "Chile", seed=4, prefix="moi")
    for i in range(10):  # changed
        path = folder / f"tin-{i:04d}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("(lần", "(sửa đổi, lần"), encoding="utf-8")
    for i in range(30, 40):  # deleted
        (folder / f"tin-{i:04d}.txt").unlink()
    for record in records[:5]:  # changed records, five dropped, five new
        record["text"] += " Hai bên ký biên bản ghi nhớ."
    write_records(records[:25] + [{"id": f"peru-moi-{i}", "title": f"Tin mới {i}", "text": f"Tin mới về Peru {i}."}
                                  for i in range(5)])
    expected_dir = tmp_path / "expected"
    assert cli("index", folder, "--index-dir", expected_dir).returncode == 0
    expected = exported(expected_dir)
    assert len(expected) == OLD - 10 + added + 30

    before = served_on_disk(index_dir)
    published_by_a_kill = False
    for point in [0.3, 0.8, 1.5, "commit"]:
        update = procs.start("index", folder, "--update", "--index-dir", index_dir)
        kill_at(procs, update, point, index_dir, "update")
        assert procs.end_orphans(update.pid) == []
        if served_on_disk(index_dir) == before:
            assert exported(index_dir) == served_before, f"the kill at {point} changed what is served"
        else:  # killed after it published: then whole
            assert point == "commit", f"the kill at {point} s changed the served index"
            published_by_a_kill = True
            break

    final = cli("index", folder, "--update", "--no-wait", "--index-dir", index_dir)
    assert final.returncode == 0, final.stdout + final.stderr
    if not published_by_a_kill:  # the killed updates' work, done again
        assert f"{added + 5} new, 15 changed, {10 + 5} removed (10 files gone)" in final.stdout, final.stdout
    assert exported(index_dir) == expected
    assert leftovers(index_dir) == []
