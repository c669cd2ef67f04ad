"""Ranking evaluation: run judged queries, score them with ir-measures.

Used by scripts/eval_ranking.py (tables for the docs) and by the tests that
check ranking on the shared legal retrieval set.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .search import Engine, SearchRequest

MEASURES = ("nDCG@10", "RR@10", "R@10")


@dataclass
class Query:
    qid: str
    text: str
    filters: dict[str, list[str]] | None = None


def load_queries(path: Path) -> list[Query]:
    """JSON Lines `{qid, query}` (or a JSON list of them)."""
    text = Path(path).read_text(encoding="utf-8")
    items = json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines()
                                                                     if line.strip()]
    return [Query(str(item["qid"]), item["query"], item.get("filters")) for item in items]


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """TREC qrels (`qid 0 docid grade`) or JSON `{qid: {docid: grade}}`."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        return {str(q): {str(d): int(g) for d, g in docs.items()} for q, docs in json.loads(text).items()}
    qrels: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4:
            qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return qrels


Searcher = Callable[[Query, int], list[str]]


def engine_searcher(engine: Engine, id_of: Callable[[dict], str] = lambda record: record["id"]) -> Searcher:
    """Our engine as a judged run: each result, then the other reports of its meeting folded under it."""
    paths = {record["id"]: record for record in engine.records()}

    def search(query: Query, depth: int) -> list[str]:
        response = engine.search(SearchRequest(query=query.text, filters=query.filters or {}, page_size=depth))
        ranked: list[str] = []
        for hit in response.hits:
            ranked.append(id_of(hit.record))
            ranked.extend(id_of(paths[other["id"]]) for other in hit.others if other["id"] in paths)
        return ranked[:depth]
    return search


def run(queries: Iterable[Query], searcher: Searcher, depth: int = 10) -> dict[str, dict[str, float]]:
    """qid -> {docid: score}, scores decreasing with rank (the form ir-measures reads)."""
    results: dict[str, dict[str, float]] = {}
    for query in queries:
        ranked = searcher(query, depth)
        results[query.qid] = {doc: float(depth - rank) for rank, doc in enumerate(ranked)}
    return results


def measure(qrels: dict[str, dict[str, int]], results: dict[str, dict[str, float]]) -> tuple[dict, dict]:
    """(overall {measure: value}, per query {qid: {measure: value}}) for the judged queries."""
    import ir_measures

    measures = [ir_measures.parse_measure(m) for m in MEASURES]
    judged = {qid: docs for qid, docs in qrels.items() if qid in results}
    run_for_judged = {qid: results[qid] or {"__none__": 0.0} for qid in judged}
    overall = {str(m): value for m, value in ir_measures.calc_aggregate(measures, judged, run_for_judged).items()}
    per_query: dict[str, dict[str, float]] = {}
    for metric in ir_measures.iter_calc(measures, judged, run_for_judged):
        per_query.setdefault(metric.query_id, {})[str(metric.measure)] = metric.value
    return overall, per_query
