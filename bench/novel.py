"""Queries a server has never seen: a fixed, seeded list built from corpus titles.

The warm figures of `run.py` repeat the same queries and so measure caches; a
user types words the server has not read yet. Here every query is asked once:

- engine level, on a fresh `Engine` (all facets, ten snippets), beside plain
  Whoosh answering the same list on a fresh searcher of a plain index (top
  ten only, no facets, no snippets);
- over HTTP, on a fresh `bilat-search serve` (`/api/search`, each query once);
- the first request after the server opens the index.

    python bench/novel.py --index-dir DIR [--plain-dir DIR] [--corpus PATH]

`run.py` calls these functions on the index it builds.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from bilat_search.search import Engine, SearchRequest  # noqa: E402
from bilat_search.vietnamese import fold  # noqa: E402

QUERY_COUNT = 150
SEED = 14
_WORD = re.compile(r"[^\W\d_]+")


def novel_queries(corpus: Path, count: int = QUERY_COUNT, seed: int = SEED, sample: int = 5000) -> list[str]:
    """Two or three consecutive title words from random articles; every third query without diacritics."""
    titles = []
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= sample:
                break
            title = json.loads(line).get("title") or ""
            words = _WORD.findall(title.lower())
            if len(words) >= 3:
                titles.append(words)
    rng = random.Random(seed)
    queries: list[str] = []
    seen: set[str] = set()
    while len(queries) < count:
        words = rng.choice(titles)
        size = rng.choice((2, 3))
        start = rng.randrange(0, len(words) - size + 1)
        query = " ".join(words[start:start + size])
        if len(queries) % 3 == 2:
            query = fold(query)
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


def percentiles(values: list[float]) -> dict:
    ordered = sorted(values)

    def at(p: float) -> float:
        if not ordered:
            return 0.0
        k = (len(ordered) - 1) * p / 100
        lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
        return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)

    return {"n": len(values), "p50": at(50), "p95": at(95), "p99": at(99), "max": round(max(values, default=0), 1)}


def engine_novel(index_dir: Path, queries: list[str]) -> dict:
    """Each query once on a fresh engine: all facets and ten snippets, as the page asks."""
    opened = time.perf_counter()
    engine = Engine(index_dir)
    engine.generation()
    open_ms = (time.perf_counter() - opened) * 1000
    first = time.perf_counter()
    engine.search(SearchRequest(query=queries[0], page_size=10))
    first_ms = (time.perf_counter() - first) * 1000
    times = []
    for query in queries[1:]:
        started = time.perf_counter()
        engine.search(SearchRequest(query=query, page_size=10))
        times.append((time.perf_counter() - started) * 1000)
    return {"open_ms": round(open_ms, 1), "first_query_ms": round(first_ms, 1), **percentiles(times)}


def plain_novel(plain_dir: Path, queries: list[str]) -> dict:
    """Plain Whoosh on a fresh searcher: OR of the words, top ten, nothing else."""
    from whoosh import index
    from whoosh.qparser import OrGroup, QueryParser

    ix = index.open_dir(str(plain_dir))
    parser = QueryParser("content", ix.schema, group=OrGroup)
    times = []
    with ix.searcher() as searcher:
        for query in queries:
            started = time.perf_counter()
            results = searcher.search(parser.parse(query), limit=10)
            [hit["id"] for hit in results]
            times.append((time.perf_counter() - started) * 1000)
    return percentiles(times)


def http_novel(index_dir: Path, queries: list[str]) -> dict:
    """A fresh server: the first request after it opens the index, then each query once."""
    from served import Server

    with Server(index_dir) as server:
        def ask(query: str) -> float:
            started = time.perf_counter()
            urllib.request.urlopen(server.url + "/api/search?" + urllib.parse.urlencode({"q": query}),
                                   timeout=60).read()
            return (time.perf_counter() - started) * 1000

        first = ask(queries[0])
        times = [ask(query) for query in queries[1:]]
        rss_kb = _resident_kb(server.proc.pid)
    return {"first_request_ms": round(first, 1), **percentiles(times), "server_rss_mb": round(rss_kb / 1024, 1)}


def _resident_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmRSS")))


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--plain-dir", type=Path, help="a plain Whoosh index of the same corpus (plain_whoosh.py)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "vnnews.jsonl.gz")
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"bench: the corpus {args.corpus} is not here; nothing to measure.")
        return 0
    queries = novel_queries(args.corpus)
    results = {"queries": len(queries), "engine": engine_novel(args.index_dir, queries)}
    if args.plain_dir:
        results["plain_whoosh"] = plain_novel(args.plain_dir, queries)
    if not args.no_http:
        results["http"] = http_novel(args.index_dir, queries)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
