"""Ranking quality: our engine against two plain Whoosh baselines, with ir-measures.

    python scripts/eval_ranking.py [--per-query] [--no-distractors] [--no-legal] [--json PATH]

Sets:
- dev: the seeds and the labelled meeting articles, with analyst-style queries
  (tests/fixtures/ranking/dev_queries.json) judged from the labels: grade 2
  when every condition of `grade2` holds, 1 for `grade1`;
- dev + 2,000 unrelated real news articles from ../shared/corpus (if present);
- legal: the shared legal retrieval set (if present), as a sanity check.

Engines: Whoosh `StandardAnalyzer` defaults on one field; one accent-folded
field (our analyzer, folded form only); ours. The baselines use Whoosh's query
parser with AND, falling back to OR when nothing matches, as ours does.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.qparser import OrGroup, QueryParser  # noqa: E402

from bilat_search.analysis import VietnameseTokenizer  # noqa: E402
from bilat_search.evaluation import Query, measure, run  # noqa: E402
from bilat_search.indexer import build  # noqa: E402
from bilat_search.ingest import read_articles  # noqa: E402
from bilat_search.search import Engine, SearchRequest  # noqa: E402
from bilat_search.store import IndexStore  # noqa: E402
from bilat_search.vietnamese import search_key  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = {"seeds": FIXTURES / "seeds_expected.json", "meetings": FIXTURES / "meetings" / "expected.json"}
SOURCES = {"seeds": ROOT / "seeds", "meetings": FIXTURES / "meetings"}


def _holds(record: dict, conditions: dict) -> bool:
    for key, wanted in conditions.items():
        if key == "partner" and wanted not in record["partner_countries"]:
            return False
        if key == "year" and record.get("year") != wanted:
            return False
        if key == "official" and wanted not in record["vn_officials"]:
            return False
        if key == "topic" and wanted not in record["topics"]:
            return False
        if key == "type" and wanted not in record["meeting_types"]:
            return False
        if key == "location" and wanted not in record["locations"]:
            return False
        if key == "bilateral" and bool(record.get("is_bilateral")) != wanted:
            return False
        if key == "foreign_official" and not any(search_key(wanted) in search_key(name)
                                                 for name in record.get("foreign_officials", [])):
            return False
    return True


def dev_set() -> tuple[list[Query], dict[str, dict[str, int]]]:
    """Queries and graded judgments computed from the labelled records."""
    records: dict[str, dict] = {}
    for folder, path in LABELS.items():
        for name, record in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(record, dict):
                records[f"{folder}/{name}"] = record
    specs = json.loads((FIXTURES / "ranking" / "dev_queries.json").read_text(encoding="utf-8"))
    queries, qrels = [], {}
    for spec in specs:
        queries.append(Query(spec["qid"], spec["query"]))
        judged = {}
        for docid, record in records.items():
            if _holds(record, spec["grade2"]):
                judged[docid] = 2
            elif "grade1" in spec and _holds(record, spec["grade1"]):
                judged[docid] = 1
        qrels[spec["qid"]] = judged
    return queries, qrels


def assemble(work: Path, distractors: int) -> Path:
    folder = work / "docs"
    for name, source in SOURCES.items():
        shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("*.json", "*.md"))
    if distractors:
        with gzip.open(CORPUS / "vnnews.jsonl.gz", "rt", encoding="utf-8") as handle, \
                (folder / "news.jsonl").open("w", encoding="utf-8") as out:
            for line in itertools.islice(handle, 0, None, 19):
                out.write(line)
                distractors -= 1
                if not distractors:
                    break
    return folder


def ours(folder: Path, work: Path):
    build([folder], IndexStore(work / "ours"))
    engine = Engine(work / "ours")

    def search(query: Query, depth: int) -> list[str]:
        response = engine.search(SearchRequest(query=query.text, page_size=depth))
        return [hit.record["path"] for hit in response.hits]

    return search


def plain(folder: Path, work: Path, analyzer, name: str):
    """One Whoosh field (title + text) with the given analyzer."""
    schema = Schema(docid=ID(stored=True), content=TEXT(analyzer=analyzer))
    (work / name).mkdir()
    ix = whoosh_index.create_in(str(work / name), schema)
    writer = ix.writer()
    for article in read_articles([folder]):
        writer.add_document(docid=article.path, content=f"{article.title or ''}\n{article.text}")
    writer.commit()
    searcher = ix.searcher()
    strict = QueryParser("content", schema)
    loose = QueryParser("content", schema, group=OrGroup)

    def search(query: Query, depth: int) -> list[str]:
        for parser in (strict, loose):
            try:
                hits = searcher.search(parser.parse(query.text), limit=depth)
            except Exception:  # noqa: BLE001 - a baseline that cannot parse a query finds nothing
                return []
            if len(hits):
                return [hit["docid"] for hit in hits]
        return []

    return search


def legal_set(work: Path) -> tuple[Path, list[Query], dict] | None:
    qdir = CORPUS / "qrels"
    if not (qdir / "qrels.txt").exists():
        return None
    from bilat_search.evaluation import load_qrels, load_queries

    folder = work / "legal"
    folder.mkdir()
    with gzip.open(qdir / "passages.jsonl.gz", "rt", encoding="utf-8") as source, \
            (folder / "passages.jsonl").open("w", encoding="utf-8") as target:
        for line in source:
            record = json.loads(line)
            target.write(json.dumps({"id": str(record["cid"]), "text": record["text"]}, ensure_ascii=False) + "\n")
    qrels = {q: {f"passages.jsonl#{d}": g for d, g in docs.items()}
             for q, docs in load_qrels(qdir / "qrels.txt").items()}
    return folder, load_queries(qdir / "queries.jsonl"), qrels


def evaluate(folder: Path, queries, qrels, work: Path) -> dict[str, tuple[dict, dict]]:
    engines = {
        "Whoosh StandardAnalyzer": plain(folder, work, StandardAnalyzer(), "standard"),
        "one folded field": plain(folder, work, VietnameseTokenizer("folded"), "folded"),
        "bilat-search": ours(folder, work),
    }
    return {name: measure(qrels, run(queries, search)) for name, search in engines.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--no-distractors", action="store_true")
    parser.add_argument("--no-legal", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    queries, qrels = dev_set()
    sets: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        runs = [("dev (seeds + labelled meetings)", 0)]
        if not args.no_distractors and (CORPUS / "vnnews.jsonl.gz").exists():
            runs.append(("dev + 2,000 real news articles", 2000))
        for label, distractors in runs:
            sub = work / f"set{distractors}"
            sub.mkdir()
            sets[label] = evaluate(assemble(sub, distractors), queries, qrels, sub)
        legal = None if args.no_legal else legal_set(work)
        if legal:
            folder, legal_queries, legal_qrels = legal
            sub = work / "legal-run"
            sub.mkdir()
            sets["legal retrieval set (1,110 queries)"] = evaluate(folder, legal_queries, legal_qrels, sub)
    print("| set | engine | nDCG@10 | MRR@10 | R@10 |")
    print("| --- | --- | --- | --- | --- |")
    for label, engines in sets.items():
        for name, (overall, _) in engines.items():
            print(f"| {label} | {name} | {overall['nDCG@10']:.3f} | {overall['RR@10']:.3f} | {overall['R@10']:.3f} |")
    if args.per_query:
        for label, engines in sets.items():
            if label.startswith("legal"):
                continue
            print(f"\n{label}: per query (nDCG@10 / RR@10 / R@10), ours")
            _, per = engines["bilat-search"]
            texts = {q.qid: q.text for q in queries}
            for qid in sorted(per):
                m = per[qid]
                print(f"  {qid} {texts[qid]:40} {m['nDCG@10']:.3f} {m['RR@10']:.3f} {m['R@10']:.3f}")
    if args.json:
        args.json.write_text(json.dumps({label: {name: overall for name, (overall, _) in engines.items()}
                                         for label, engines in sets.items()}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
