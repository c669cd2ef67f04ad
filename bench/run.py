"""Benchmarks on the real corpus: build, update, search, HTTP, memory, growth, meetings.

    python bench/run.py [--corpus PATH] [--quick] [--growth] [--json PATH]
    python bench/run.py --index-dir DIR [--meetings-only] [--no-http]

Prints a table and writes JSON (bench/results/latest.json by default). Reads
../shared/corpus/vnnews.jsonl.gz and stops cleanly when it is absent. Timings
are measured, never asserted: machines are noisy, so the figure that counts
for the build is the ratio to a plain Whoosh build made in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "vnnews.jsonl.gz"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # for served.py: the benchmark starts the server the way the tests do

import novel  # noqa: E402
import numpy as np  # noqa: E402

from bilat_search import grouping  # noqa: E402
from bilat_search.meeting_table import meeting_reports, table_of  # noqa: E402
from bilat_search.search import Engine, SearchRequest  # noqa: E402
from bilat_search.store import IndexStore  # noqa: E402
from bilat_search.vietnamese import search_key  # noqa: E402
from served import Server  # noqa: E402

# A fixed mix: one syllable, several, phrases, no diacritics, names, facets.
QUERIES: list[tuple[str, dict]] = [
    ("hà nội", {}), ("nga", {}), ("covid", {}), ("bóng đá", {}), ("giá vàng", {}),
    ("an ninh", {}), ("công an", {}), ("ma túy", {}), ("ma tuý", {}), ("MA TUY", {}),
    ("to lam", {}), ("Tô Lâm", {}), ("bo cong an", {}), ("Bộ Công an", {}), ("bo cong an belarus", {}),
    ("an ninh mạng", {}), ("an ninh mang", {}), ("tội phạm công nghệ cao", {}), ("toi pham cong nghe cao", {}),
    ("hợp tác phòng chống tội phạm", {}), ("hop tac phong chong toi pham", {}), ("đà nẵng", {}),
    ("da nang", {}), ("thủ tướng", {}), ("chủ tịch nước", {}), ("trump", {}), ("putin", {}),
    ("mua bán người", {}), ("buôn lậu", {}), ("rửa tiền", {}), ("dẫn độ", {}), ("khủng bố", {}),
    ('"trao đổi thông tin"', {}), ('"Bộ Nội vụ"', {}), ('"an ninh quốc gia"', {}), ('"hà nội"', {}),
    ("lừa đảo qua mạng", {}), ("giáo dục đào tạo", {}), ("việt nam hàn quốc", {}), ("trung quốc -mỹ", {}),
    ("nga OR belarus", {}), ("biển đông", {}), ("triều tiên tên lửa", {}), ("2017", {}),
    ("nga", {"partner": ["Nga"]}), ("an ninh", {"year": ["2021"]}), ("", {"year": ["2020"]}),
    ("", {"source": ["Dân trí"]}), ("công an", {"topic": ["ma túy"]}), ("hợp tác", {"partner": ["Lào"]}),
    ("tội phạm", {"topic": ["tội phạm công nghệ cao"], "year": ["2021"]}),
    ("", {"partner": ["Nga", "Trung Quốc"]}), ("bộ trưởng", {"type": ["hội đàm"]}),
    ("việt nam", {"year": ["2019", "2020"]}), ("cảnh sát", {"topic": ["ma túy"], "partner": ["Lào"]}),
    ("thế giới", {"source": ["Dân trí"], "year": ["2021"]}),
]
HTTP_SECONDS = 30
SEED_LOAD = 41
"""Queries for the load run: another seed than novel.py's list, so that none was asked before."""
HTTP_CLIENTS = 8


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# Runs a command and reports the peak RSS of its process tree (its own children only).
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "sys.stderr.write('\\nPEAK_RSS_KB %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KB, the largest process of the tree) and stdout of a command."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    peak = int(proc.stderr.rsplit("PEAK_RSS_KB ", 1)[1].split()[0])
    return seconds, peak, proc.stdout


def resident_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmRSS")))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def read_records(corpus: Path, limit: int | None = None) -> list[dict]:
    records = []
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def write_jsonl_gz(path: Path, records: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def bench_build(archive: Path, index_dir: Path, plain_dir: Path) -> dict:
    """Our build and plain Whoosh's, one after the other; the plain index stays in `plain_dir` for the queries."""
    python = sys.executable
    seconds, rss, out = run_measured([python, "-m", "bilat_search", "index", str(archive),
                                      "--index-dir", str(index_dir)])
    docs = int(out.split("Indexed ", 1)[1].split(" ", 1)[0])
    plain_seconds, plain_rss, plain_out = run_measured(
        [python, str(ROOT / "bench" / "plain_whoosh.py"), str(next(archive.glob("*.jsonl.gz"))), str(plain_dir)])
    plain = json.loads(plain_out)
    current = (index_dir / (index_dir / "CURRENT").read_text().strip())
    return {
        "docs": docs, "seconds": round(seconds, 1), "docs_per_s": round(docs / seconds, 1),
        "peak_rss_mb": round(rss / 1024, 1), "index_mb": round(folder_size(current) / 1e6, 1),
        "plain_seconds": round(plain_seconds, 1), "plain_docs_per_s": round(plain["docs"] / plain_seconds, 1),
        "plain_peak_rss_mb": round(plain_rss / 1024, 1), "plain_index_mb": round(plain["bytes"] / 1e6, 1),
        "ratio": round(seconds / plain_seconds, 2),
    }


def bench_update(archive: Path, index_dir: Path, records: list[dict]) -> dict:
    rng = random.Random(7)
    changed = rng.sample(range(len(records)), 100)
    for i in changed:
        records[i] = dict(records[i], text=(records[i].get("text") or "") + "\nCập nhật: bài viết đã được bổ sung.")
    write_jsonl_gz(next(archive.glob("*.jsonl.gz")), records)
    new = [dict(records[i], id=f"bench-new-{n}", text=(records[i].get("text") or "") + f"\nBản mới {n}.")
           for n, i in enumerate(rng.sample(range(len(records)), 100))]
    (archive / "new.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in new) + "\n",
                                       encoding="utf-8")
    seconds, rss, out = run_measured([sys.executable, "-m", "bilat_search", "index", str(archive), "--update",
                                      "--index-dir", str(index_dir)])
    summary = out.strip().splitlines()[0]
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(rss / 1024, 1), "summary": summary}


def bench_search(index_dir: Path) -> dict:
    def one_pass(engine: Engine) -> list[float]:
        times = []
        for query, filters in QUERIES:
            started = time.perf_counter()
            engine.search(SearchRequest(query=query, filters=filters, page_size=10))
            times.append((time.perf_counter() - started) * 1000)
        return times

    opened = time.perf_counter()
    engine = Engine(index_dir)
    engine.generation()
    open_ms = (time.perf_counter() - opened) * 1000
    cold = one_pass(engine)
    warm = one_pass(engine) + one_pass(engine)
    broad = engine.search(SearchRequest(query="việt nam"))
    gen = engine.generation()
    facet_times = []
    match = gen.scorer.evaluate(__import__("bilat_search.query", fromlist=["parse"]).parse("việt nam"))
    for _ in range(20):
        started = time.perf_counter()
        gen.facets.count(match.mask, {}, {})
        facet_times.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(QUERIES), "open_ms": round(open_ms, 1),
        "cold": {"p50": round(percentile(cold, 50), 1), "p95": round(percentile(cold, 95), 1),
                 "p99": round(percentile(cold, 99), 1)},
        "warm": {"p50": round(percentile(warm, 50), 1), "p95": round(percentile(warm, 95), 1),
                 "p99": round(percentile(warm, 99), 1)},
        "broad_query_total": broad.total,
        "facet_counts_ms": {"p50": round(percentile(facet_times, 50), 2),
                            "p95": round(percentile(facet_times, 95), 2)},
    }


def bench_http(index_dir: Path, seconds: int = HTTP_SECONDS, clients: int = HTTP_CLIENTS,
               novel: list[str] | None = None, workers: int = 1) -> dict:
    """Warm figures, then 8 clients: every other request a query never asked before (from `novel`)."""
    with Server(index_dir, "--workers", str(workers)) as server:
        base = server.url
        for _ in range(100):
            try:
                server.get("/healthz", timeout=5)
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        paths = []
        for query, filters in QUERIES:
            params = [("q", query)] + [(k, v) for k, vs in filters.items() for v in vs]
            encoded = urllib.parse.urlencode(params)
            paths += [f"/?{encoded}", f"/api/search?{encoded}"]
        for path in paths:  # warm-up: every query once
            urllib.request.urlopen(base + path, timeout=30).read()
        rss_kb = sum(resident_kb(pid) for pid in _server_pids(server))
        alone = []  # one client: the latency of a request on its own, as a user sees it
        for path in paths:
            if path.startswith("/api/"):
                started = time.perf_counter()
                urllib.request.urlopen(base + path, timeout=30).read()
                alone.append((time.perf_counter() - started) * 1000)
        results: dict[str, list[float]] = {"/": [], "/api/search": []}
        errors = 0
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        unseen = iter(f"/api/search?{urllib.parse.urlencode({'q': q})}" for q in (novel or []))

        def client(seed: int) -> None:
            nonlocal errors
            rng = random.Random(seed)
            turn = 0
            while time.monotonic() < deadline:
                turn += 1
                with lock:
                    path = next(unseen, None) if turn % 2 else None
                path = path or rng.choice(paths)
                started = time.perf_counter()
                try:
                    urllib.request.urlopen(base + path, timeout=30).read()
                    ok = True
                except Exception:  # noqa: BLE001 - counted, not raised
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if ok:
                        results["/api/search" if path.startswith("/api/") else "/"].append(elapsed)
                    else:
                        errors += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        total = sum(len(v) for v in results.values())
        everything = results["/"] + results["/api/search"]
        return {
            "workers": workers, "clients": clients, "seconds": seconds, "requests": total, "errors": errors,
            "novel_share": 0.5 if novel else 0.0, "p99": round(percentile(everything, 99), 1),
            "rps": round(total / elapsed, 1),
            "page_p50": round(percentile(results["/"], 50), 1), "page_p99": round(percentile(results["/"], 99), 1),
            "api_p50": round(percentile(results["/api/search"], 50), 1),
            "api_p95": round(percentile(results["/api/search"], 95), 1),
            "api_p99": round(percentile(results["/api/search"], 99), 1),
            "server_rss_mb_after_warmup": round(rss_kb / 1024, 1),
            "api_alone": {"p50": round(percentile(alone, 50), 1), "p95": round(percentile(alone, 95), 1),
                          "p99": round(percentile(alone, 99), 1)},
        }


def _server_pids(server: Server) -> list[int]:
    """The server process, or its workers when it has them (their memory is what serves)."""
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    return workers or [server.proc.pid]


def bench_grouping(index_dir: Path, build_seconds: float | None) -> dict:
    """What grouping adds to a rebuild: read the meeting reports back, group them, save the table."""
    scratch = Path(tempfile.mkdtemp(prefix="meetings-"))
    try:
        started = time.perf_counter()
        with IndexStore(index_dir).open().searcher() as searcher:
            reports = meeting_reports(searcher)
        read = time.perf_counter() - started
        table = table_of(reports)
        table.save(scratch)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out = {"reports": len(reports), "meetings": len(table), "read_seconds": round(read, 3),
           "seconds": round(seconds, 3)}
    if build_seconds:
        out["share_of_rebuild"] = round(seconds / build_seconds, 4)
    return out


GIVEN = ["Aleksandr", "Kim", "Somsak", "Sok", "Wang", "Hiroshi", "Maria", "Ivan", "John", "Carlos", "Oleg", "Min"]
SURNAMES = ["Petrov", "Sisoulith", "Kheng", "Jianguo", "Tanaka", "Smith", "Rodriguez", "Karpenko", "Park", "Lee",
            "Chanthavong", "Sokha", "Ivanov", "Suzuki", "Garcia", "Bouasone"]


def synthetic_reports(count: int, seed: int = 3) -> tuple[list[dict], list[list[str]]]:
    """Meeting reports as an archive holds them: 1-4 reports a meeting, some undated or only by month,
    names with and without diacritics. Returns the records and the true meetings."""
    rng = random.Random(seed)
    partners = ["Lào", "Campuchia", "Trung Quốc", "Nga", "Hàn Quốc", "Nhật Bản", "Hoa Kỳ", "Cuba", "Belarus", "Úc"]
    vn = ["Tô Lâm", "Lương Tam Quang", "Trần Quốc Tỏ", "Lê Quốc Hùng", "Nguyễn Duy Ngọc", "Bùi Văn Nam"]
    places = ["Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng", "Viêng Chăn", "Phnôm Pênh", "Bắc Kinh", "Moskva"]
    records: list[dict] = []
    truth: list[list[str]] = []
    while len(records) < count:
        partner = rng.choice(partners)
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        year = rng.randint(2010, 2025)
        official = rng.choice(vn)
        foreign = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
        place = rng.choice(places)
        ids = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            report = {"id": f"r{len(records)}", "is_bilateral": True, "partner_countries": [partner],
                      "date": f"{year}-{month:02d}-{day:02d}", "date_basis": "explicit", "title": "",
                      "text": "", "vn_officials": [official], "foreign_officials": [foreign], "locations": [place]}
            kind = rng.random()
            if kind < 0.15:  # the lead gives a day and month, no year
                report.update(date=None, date_basis=None, text=f"Ngày {day}/{month}, tại {place}")
            elif kind < 0.25:
                report.update(date=f"{year}-{month:02d}", date_basis="prefix")
            elif kind < 0.35:  # an English report: no diacritics
                report.update(vn_officials=[search_key(official).title()])
            records.append(report)
            ids.append(report["id"])
        truth.append(ids)
    return records, truth


def bench_grouping_scale(count: int = 20_000) -> dict:
    """Grouping alone on many synthetic reports: it must stay a small part of any rebuild."""
    from bilat_search import grouping_eval

    records, truth = synthetic_reports(count)
    started = time.perf_counter()
    groups = grouping.group(records)
    seconds = time.perf_counter() - started
    score = grouping_eval.score(grouping_eval.pairs(groups), grouping_eval.pairs(truth))
    return {"reports": len(records), "true_meetings": len(truth), "meetings": len(groups),
            "seconds": round(seconds, 2), "pair_precision": round(score.precision or 0, 3),
            "pair_recall": round(score.recall or 0, 3)}


def bench_meetings_http(index_dir: Path) -> dict:
    """`/meetings` and partner and official pages, each URL once, on a server that has just opened the index."""
    from bilat_search.extract.gazetteer import countries, vn_officials

    def timed(path: str) -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        return (time.perf_counter() - started) * 1000

    with Server(index_dir) as server:
        base = server.url
        for _ in range(100):
            try:
                server.get("/healthz", timeout=5)
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        first = timed("/meetings")  # opens the generation's meetings
        data = json.loads(urllib.request.urlopen(base + "/api/meetings", timeout=60).read())
        sorts = ["-date", "date", "partner", "-official", "foreign", "type", "-place", "topic", "-reports"]
        pages = []
        for param, values in data["facets"].items():
            for n, value in enumerate(values):
                query = urllib.parse.urlencode([(param, value["value"]), ("sort", sorts[n % len(sorts)])])
                pages.append(f"/meetings?{query}")
        pages += [f"/meetings?sort={sort}&lang=en" for sort in sorts]
        pages += [f"/meetings?page=2&year={year}" for year in range(2010, 2026)]
        meetings_ms = [timed(path) for path in dict.fromkeys(pages)]
        words = [urllib.parse.urlencode({"q": q}) for q, _ in QUERIES[:20]]
        words_ms = [timed(f"/meetings?{query}") for query in words]
        searched = [urllib.parse.urlencode({"q": q}) for q, _ in QUERIES[20:40]]
        searched_ms = []
        for query in searched:  # a user who searched, then opens the meetings view of that search
            timed(f"/api/search?{query}")
            searched_ms.append(timed(f"/meetings?{query}&sort=-reports"))
        partner_ms = [timed("/partner/" + urllib.parse.quote(c["name"])) for c in countries()]
        official_ms = [timed("/official/" + urllib.parse.quote(p["name"])) for p in vn_officials()]

    def figures(values: list[float]) -> dict:
        return {"n": len(values), "p50": round(percentile(values, 50), 1), "p95": round(percentile(values, 95), 1),
                "max": round(max(values), 1) if values else 0.0}

    return {"meetings_in_index": data["total"], "first_meetings_ms": round(first, 1),
            "meetings": figures(meetings_ms), "meetings_with_words_cold": figures(words_ms),
            "meetings_after_search": figures(searched_ms),
            "partner": figures(partner_ms), "official": figures(official_ms)}


def bench_meetings_view_scale(index_dir: Path, count: int = 20_000) -> dict:
    """The meetings view with many meetings: synthetic reports pinned on real articles of the index.

    The corpus reports few meetings; this measures the same arrays and page
    (facets by meeting, sorts, one page) as if thousands of its articles did.
    """
    from bilat_search.chronology import Chronology, MeetingsRequest

    engine = Engine(index_dir)
    gen = engine.generation()
    searcher = gen.searcher()
    article_ids = [term.decode("utf-8") for term in searcher.reader().lexicon("id")]
    records = synthetic_reports(min(count, len(article_ids)))[0][:len(article_ids)]
    for record, article_id in zip(records, random.Random(5).sample(article_ids, len(records)), strict=True):
        record["id"] = article_id
    table = table_of(records)
    started = time.perf_counter()
    chronology = Chronology(table, searcher, gen.facets)
    open_ms = (time.perf_counter() - started) * 1000
    requests = [MeetingsRequest(sort=sort) for sort in ("-date", "date", "partner", "-reports", "official")]
    for param, values in gen.facets.count(gen.facets.live, {}, {}).items():
        requests += [MeetingsRequest(filters={param: [v.value]}, sort="-date") for v in values[:5]]
    times = []
    scores = np.zeros(gen.facets.doc_count, dtype=np.float32)
    for request in requests:
        started = time.perf_counter()
        chronology.view(request, gen.facets.live, scores)
        times.append((time.perf_counter() - started) * 1000)
    return {"meetings": len(table), "reports": len(records), "open_ms": round(open_ms, 1), "views": len(times),
            "p50": round(percentile(times, 50), 1), "p95": round(percentile(times, 95), 1)}


def bench_growth(records: list[dict], work: Path, corpus: Path, factor: int = 4) -> dict:
    archive = work / f"growth-{factor}x"
    archive.mkdir()
    # new ids, URLs and a marker line, so that the copies are not read as duplicates
    grown = [dict(r, id=f"{r['id']}-copy{k}", text=f"{r.get('text') or ''}\nBản sao {k}.",
                  url=f"{r['url']}?copy={k}" if r.get("url") else None) if k else r
             for k in range(factor) for r in records]
    write_jsonl_gz(archive / "vnnews.jsonl.gz", grown)
    index_dir = work / f"growth-{factor}x-index"
    plain_dir = work / f"growth-{factor}x-plain"
    build = bench_build(archive, index_dir, plain_dir)
    result = {"factor": factor, "build": build, "novel": bench_novel(index_dir, plain_dir, corpus)}
    result["search"] = bench_search(index_dir)
    shutil.rmtree(plain_dir, ignore_errors=True)
    return result


def bench_novel(index_dir: Path, plain_dir: Path, corpus: Path) -> dict:
    """Queries never asked before: engine (fresh), plain Whoosh (fresh searcher), HTTP (fresh server)."""
    queries = novel.novel_queries(corpus)
    return {"queries": len(queries), "engine": novel.engine_novel(index_dir, queries),
            "plain_whoosh": novel.plain_novel(plain_dir, queries), "http": novel.http_novel(index_dir, queries)}


def table(results: dict) -> str:
    b, u, s = results["build"], results.get("update", {}), results["search"]
    lines = [
        f"machine: {results['machine']}  date: {results['date']}  corpus: {results['corpus_docs']} articles",
        "",
        "| measure | bilat-search | plain Whoosh |",
        "| --- | --- | --- |",
        f"| full rebuild | {b['seconds']} s ({b['docs_per_s']} docs/s) | {b['plain_seconds']} s "
        f"({b['plain_docs_per_s']} docs/s) |",
        f"| rebuild ratio | {b['ratio']}x | 1x |",
        f"| peak RSS while building | {b['peak_rss_mb']} MB | {b['plain_peak_rss_mb']} MB |",
        f"| index size | {b['index_mb']} MB | {b['plain_index_mb']} MB |",
    ]
    if u:
        lines.append(f"| --update (100 new + 100 changed) | {u['seconds']} s | |")
    if "novel" in results:
        lines += _novel_rows(results["novel"], "")
    lines += [
        f"| search cold p50/p95/p99 ({s['queries']} queries, facets + 10 snippets) | "
        f"{s['cold']['p50']}/{s['cold']['p95']}/{s['cold']['p99']} ms | |",
        f"| search warm p50/p95/p99 | {s['warm']['p50']}/{s['warm']['p95']}/{s['warm']['p99']} ms | |",
        f"| all facet counts, broad query ({s['broad_query_total']} hits) p50/p95 | "
        f"{s['facet_counts_ms']['p50']}/{s['facet_counts_ms']['p95']} ms | |",
    ]
    if "http" in results:
        h = results["http"]
        a = h["api_alone"]
        lines += [
            f"| HTTP /api/search, one client, warm, p50/p95/p99 | {a['p50']}/{a['p95']}/{a['p99']} ms | |",
            f"| HTTP {h['clients']} clients x {h['seconds']} s (half the requests never asked before) | "
            f"{h['rps']} req/s, p99 {h.get('p99', '-')} ms, {h['errors']} errors | |",
            f"| HTTP / p50/p99 | {h['page_p50']}/{h['page_p99']} ms | |",
            f"| HTTP /api/search p50/p95/p99 | {h['api_p50']}/{h['api_p95']}/{h['api_p99']} ms | |",
            f"| server RSS after warm-up | {h['server_rss_mb_after_warmup']} MB | |",
        ]
    if "http_workers" in results:
        w = results["http_workers"]
        lines += [
            f"| HTTP {w['clients']} clients x {w['seconds']} s, `serve --workers {w['workers']}` (half never asked) | "
            f"{w['rps']} req/s, p99 {w['p99']} ms, {w['errors']} errors | |",
            f"| RSS of the {w['workers']} workers after warm-up (sum) | {w['server_rss_mb_after_warmup']} MB | |",
        ]
    if "grouping" in results:
        gr = results["grouping"]
        share = f", {gr['share_of_rebuild'] * 100:.2f}% of the rebuild" if "share_of_rebuild" in gr else ""
        lines.append(f"| grouping ({gr['reports']} meeting reports -> {gr['meetings']} meetings) | "
                     f"{gr['seconds']} s{share} | |")
    if "grouping_scale" in results:
        sc = results["grouping_scale"]
        lines.append(f"| grouping {sc['reports']} synthetic reports ({sc['true_meetings']} meetings) | "
                     f"{sc['seconds']} s, pairs P {sc['pair_precision']} R {sc['pair_recall']} | |")
    if "meetings_view_scale" in results:
        vs = results["meetings_view_scale"]
        lines.append(f"| meetings view with {vs['meetings']} synthetic meetings ({vs['views']} views) p50/p95 | "
                     f"{vs['p50']}/{vs['p95']} ms (arrays built in {vs['open_ms']} ms) | |")
    if "meetings_http" in results:
        mh = results["meetings_http"]
        lines.append(f"| first /meetings of a new server ({mh['meetings_in_index']} meetings) | "
                     f"{mh['first_meetings_ms']} ms | |")
        for key, label in (("meetings", "/meetings, every facet value and sort, each once"),
                           ("meetings_with_words_cold", "/meetings?q= (words never searched before)"),
                           ("meetings_after_search", "/meetings?q= after /api/search?q= (words read)"),
                           ("partner", "/partner/<name>, every country once"),
                           ("official", "/official/<name>, every official once")):
            f = mh[key]
            lines.append(f"| {label} ({f['n']}) p50/p95/max | {f['p50']}/{f['p95']}/{f['max']} ms | |")
    if "growth" in results:
        g = results["growth"]
        lines += [
            f"| {g['factor']}x corpus rebuild | {g['build']['seconds']} s ({g['build']['docs_per_s']} docs/s) | "
            f"{g['build']['plain_seconds']} s |",
            *_novel_rows(g["novel"], f"{g['factor']}x "),
            f"| {g['factor']}x search warm p50/p95/p99 | {g['search']['warm']['p50']}/{g['search']['warm']['p95']}/"
            f"{g['search']['warm']['p99']} ms | |",
        ]
    return "\n".join(lines)


def _novel_rows(n: dict, prefix: str) -> list[str]:
    e, p, h = n["engine"], n["plain_whoosh"], n["http"]
    return [
        f"| {prefix}novel queries, engine, each once ({n['queries']}, facets + 10 snippets) p50/p95/p99 | "
        f"{e['p50']}/{e['p95']}/{e['p99']} ms | {p['p50']}/{p['p95']}/{p['p99']} ms (top ten only) |",
        f"| {prefix}novel queries, HTTP /api/search, fresh server, p50/p95/p99 | "
        f"{h['p50']}/{h['p95']}/{h['p99']} ms | |",
        f"| {prefix}first request after the server opens the index | {h['first_request_ms']} ms "
        f"(engine: open {e['open_ms']} ms, first query {e['first_query_ms']} ms) | |",
        f"| {prefix}server RSS after the novel queries | {h['server_rss_mb']} MB | |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 5 s of HTTP: a smoke run")
    parser.add_argument("--growth", action="store_true", help="also measure a 4x corpus (slow)")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--growth-only", action="store_true", help="only the 4x corpus run")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--index-dir", type=Path,
                        help="measure search and HTTP on this existing index (no build, no update)")
    parser.add_argument("--meetings-only", action="store_true",
                        help="with --index-dir: only the meetings measures (grouping, /meetings, partner pages)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"bench: the corpus {args.corpus} is not here; nothing to measure.")
        return 0
    if args.index_dir:
        results = {"machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
                   "date": time.strftime("%Y-%m-%d %H:%M"), "index": str(args.index_dir),
                   "grouping": bench_grouping(args.index_dir, None),
                   "grouping_scale": bench_grouping_scale(2_000 if args.quick else 20_000)}
        results["meetings_view_scale"] = bench_meetings_view_scale(args.index_dir)
        if not args.meetings_only:
            results["search"] = bench_search(args.index_dir)
        if not args.no_http:
            results["meetings_http"] = bench_meetings_http(args.index_dir)
            if not args.meetings_only:
                results["http"] = bench_http(args.index_dir, seconds=5 if args.quick else HTTP_SECONDS)
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    work = Path(tempfile.mkdtemp(prefix="bilat-bench-"))
    if args.growth_only:
        try:
            growth = bench_growth(read_records(args.corpus, 2000 if args.quick else None), work, args.corpus)
            print(json.dumps(growth, ensure_ascii=False, indent=2))
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.with_name("growth.json").write_text(json.dumps(growth, indent=2), encoding="utf-8")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    try:
        records = read_records(args.corpus, 2000 if args.quick else None)
        archive = work / "archive"
        archive.mkdir()
        if args.quick:
            write_jsonl_gz(archive / "vnnews.jsonl.gz", records)
        else:
            shutil.copy(args.corpus, archive / "vnnews.jsonl.gz")
        index_dir = work / "index"
        results: dict = {
            "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python "
                       f"{platform.python_version()}",
            "date": time.strftime("%Y-%m-%d %H:%M"), "corpus": str(args.corpus), "corpus_docs": len(records),
            "quick": args.quick,
        }
        print("building …", flush=True)
        plain_dir = work / "plain"
        results["build"] = bench_build(archive, index_dir, plain_dir)
        print("queries never asked before …", flush=True)
        results["novel"] = bench_novel(index_dir, plain_dir, args.corpus)
        shutil.rmtree(plain_dir, ignore_errors=True)
        print("grouping meetings …", flush=True)
        results["grouping"] = bench_grouping(index_dir, results["build"]["seconds"])
        results["grouping_scale"] = bench_grouping_scale(2_000 if args.quick else 20_000)
        results["meetings_view_scale"] = bench_meetings_view_scale(index_dir, 2_000 if args.quick else 20_000)
        print("searching …", flush=True)
        results["search"] = bench_search(index_dir)
        if not args.no_http:
            print("meetings pages …", flush=True)
            results["meetings_http"] = bench_meetings_http(index_dir)
            print("HTTP load …", flush=True)
            load_queries = novel.novel_queries(args.corpus, count=4000, seed=SEED_LOAD)
            results["http"] = bench_http(index_dir, seconds=5 if args.quick else HTTP_SECONDS, novel=load_queries)
            print("HTTP load, 2 workers …", flush=True)
            results["http_workers"] = bench_http(index_dir, seconds=5 if args.quick else HTTP_SECONDS,
                                                 novel=novel.novel_queries(args.corpus, count=4000, seed=SEED_LOAD + 1),
                                                 workers=2)
        print("updating …", flush=True)
        results["update"] = bench_update(archive, index_dir, records)
        if args.growth:
            print("growth …", flush=True)
            results["growth"] = bench_growth(records, work, args.corpus)
        print()
        print(table(results))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwrote {args.json}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
