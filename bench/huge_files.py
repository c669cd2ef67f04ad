"""Huge single files: build time and memory against size.

    python bench/huge_files.py [--sizes 5,10,20,40] [--html-sizes 10,20] [--src PATH] [--json PATH]

Each size is one file (plain text, then HTML) indexed alone by the CLI in a
subprocess, with the size limit raised above it. Printed per file: wall
seconds, seconds per MB (flat when time is linear in size), CPU seconds of
all its processes (steadier than wall time on a shared machine), the peak RSS of
the largest process (exact, from the kernel), and the peak of the summed RSS
and PSS of the whole process tree (sampled every 20 ms: the writer processes
share pages with the main one, which RSS counts twice and PSS once).
`--src` runs another checkout's `src/` (to measure before and after a change).
Measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = 1024 * 1024
PARAGRAPH = ("Ngày {n}/3/2017, tại Minsk, Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an đã hội đàm với Bộ trưởng Bộ Nội "
             "vụ Belarus về hợp tác phòng, chống tội phạm ma túy, mua bán người và tội phạm công nghệ cao; mã hồ sơ "
             "HS-{n}. Hai bên nhất trí tăng cường trao đổi thông tin, đào tạo cán bộ và phối hợp bảo vệ an ninh.")


def paragraphs(size: int):
    """Paragraphs of about `size` bytes in all; numbers vary, so the vocabulary grows with the size."""
    written = 0
    n = 0
    while written < size:
        paragraph = PARAGRAPH.format(n=n)
        written += len(paragraph.encode("utf-8")) + 2
        n += 1
        yield paragraph


def write_text(path: Path, size: int) -> None:
    path.write_text("\n\n".join(paragraphs(size)), encoding="utf-8")


def write_html(path: Path, size: int) -> None:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs(size - 200))
    path.write_text(f"<html><head><title>Bài rất dài</title></head><body><article><h1>Bài rất dài</h1>{body}"
                    "</article></body></html>", encoding="utf-8")


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


MEASURED = ("import resource, subprocess, sys\n"
            "code = subprocess.call(sys.argv[1:])\n"
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print('PEAK_RSS_KB', usage.ru_maxrss, 'CPU_S', usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
            "sys.exit(code)\n")


def measure(folder: Path, index_dir: Path, src: Path, limit_mb: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "BILAT_MAX_FILE_MB": str(limit_mb)}
    command = [sys.executable, "-c", MEASURED, sys.executable, "-m", "bilat_search", "index", str(folder),
               "--index-dir", str(index_dir)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    summed_rss = summed_pss = 0
    while proc.poll() is None:
        samples = [_memory_kb(pid) for pid in _tree(proc.pid)[1:]]  # not the measuring wrapper
        summed_rss = max(summed_rss, sum(r for r, _ in samples))
        summed_pss = max(summed_pss, sum(p for _, p in samples))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    out, err = proc.communicate()
    if proc.returncode != 0 or "Indexed 1 articles" not in out:
        raise RuntimeError(f"the build failed:\n{out}\n{err[-2000:]}")
    peak = int(err.rsplit("PEAK_RSS_KB", 1)[1].split()[0])
    cpu = float(err.rsplit("CPU_S", 1)[1].split()[0])
    return {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "largest_process_rss_mb": round(peak / 1024),
            "summed_rss_mb": round(summed_rss / 1024), "summed_pss_mb": round(summed_pss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,10,20,40", help="plain-text sizes in MB")
    parser.add_argument("--html-sizes", default="10,20", help="HTML sizes in MB")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to run")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "huge_files.json")
    args = parser.parse_args()
    cases = [("text", float(s)) for s in args.sizes.split(",") if s] + \
            [("html", float(s)) for s in args.html_sizes.split(",") if s]
    rows = []
    work = Path(tempfile.mkdtemp(prefix="bilat-huge-"))
    try:
        for kind, size_mb in cases:
            folder = work / f"{kind}-{size_mb:g}"
            folder.mkdir()
            path = folder / ("huge.txt" if kind == "text" else "huge.html")
            (write_text if kind == "text" else write_html)(path, int(size_mb * MEGABYTE))
            actual = path.stat().st_size / MEGABYTE
            result = measure(folder, work / f"ix-{kind}-{size_mb:g}", args.src, limit_mb=actual + 1)
            row = {"kind": kind, "mb": round(actual, 1), **result,
                   "seconds_per_mb": round(result["seconds"] / actual, 2)}
            rows.append(row)
            print(f"{kind:5} {row['mb']:6.1f} MB  {row['seconds']:6.1f} s  {row['seconds_per_mb']:5.2f} s/MB  "
                  f"CPU {row['cpu_seconds']:6.1f} s  "
                  f"largest process {row['largest_process_rss_mb']:5d} MB  summed RSS {row['summed_rss_mb']:5d} MB  "
                  f"summed PSS {row['summed_pss_mb']:5d} MB", flush=True)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(), "src": str(args.src),
                                     "when": time.strftime("%Y-%m-%d %H:%M"), "rows": rows}, indent=2))
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
