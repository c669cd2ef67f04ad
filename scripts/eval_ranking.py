"""Ranking quality: our engine against two plain Whoosh baselines, with ir-measures.

    python scripts/eval_ranking.py [--per-query] [--no-distractors] [--no-legal] [--json PATH]
    python scripts/eval_ranking.py --realset [DIR] [--per-query] [--json PATH]

`--realset` measures on the real development set instead: the 36 judged analyst
queries of ../shared/corpus/meetings/queries.json over its 122 articles (texts
rebuilt by that folder's collect.py into DIR, default `$BILAT_REALSET` or
~/.cache/bilat-search/realset), alone and with 2,000 corpus news articles mixed
in, per part (a, b, c: the query ids' first letter) and overall, beside the two
baselines answering with OR of the terms. The output says which parts' queries
were read while tuning.

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

from bilat_search import realset  # noqa: E402
from bilat_search.analysis import VietnameseTokenizer  # noqa: E402
from bilat_search.evaluation import Query, engine_searcher, measure, run  # noqa: E402
from bilat_search.indexer import build  # noqa: E402
from bilat_search.ingest import read_articles  # noqa: E402
from bilat_search.search import Engine  # noqa: E402
from bilat_search.store import IndexStore  # noqa: E402
from bilat_search.vietnamese import search_key  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
REALSET_DIR = ROOT.parent / "shared" / "corpus" / "meetings"
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


def ours(folder: Path, work: Path, id_of=None):
    """Our engine: results in order, each followed by the other reports of its meeting (folded under it)."""
    build([folder], IndexStore(work / "ours"))
    return engine_searcher(Engine(work / "ours"), lambda record: id_of(record["path"]) if id_of else record["path"])


def plain(folder: Path, work: Path, analyzer, name: str, loose_only: bool = False, id_of=None):
    """One Whoosh field (title + text) with the given analyzer; AND falling back to OR, or OR only."""
    schema = Schema(docid=ID(stored=True), content=TEXT(analyzer=analyzer))
    (work / name).mkdir()
    ix = whoosh_index.create_in(str(work / name), schema)
    writer = ix.writer()
    for article in read_articles([folder]):
        docid = id_of(article.path) if id_of else article.path
        writer.add_document(docid=docid, content=f"{article.title or ''}\n{article.text}")
    writer.commit()
    searcher = ix.searcher()
    strict = QueryParser("content", schema)
    loose = QueryParser("content", schema, group=OrGroup)

    parsers = (loose,) if loose_only else (strict, loose)

    def search(query: Query, depth: int) -> list[str]:
        for parser in parsers:
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


def realset_folder(source: Path, work: Path, distractors: int) -> Path:
    """The real set as one JSON Lines file (text, URL and publication marker of each article), plus news."""
    folder = work / "docs"
    folder.mkdir()
    with (folder / "realset.jsonl").open("w", encoding="utf-8") as out:
        for row in realset.load(source, REALSET_DIR / "gold.json"):
            article = row.article
            out.write(json.dumps({"id": row.id, "url": article.url, "title": None, "date": article.published,
                                  "category": None, "text": article.text}, ensure_ascii=False) + "\n")
    if distractors:
        with gzip.open(CORPUS / "vnnews.jsonl.gz", "rt", encoding="utf-8") as handle, \
                (folder / "news.jsonl").open("w", encoding="utf-8") as out:
            for line in itertools.islice(handle, 0, None, 19):
                out.write(line)
                distractors -= 1
                if not distractors:
                    break
    return folder


def _realset_id(path: str) -> str:
    """`realset.jsonl#a001` -> `a001`; news articles keep their path."""
    return path.split("#", 1)[1] if path.startswith("realset.jsonl#") else path


def realset_main(source: Path, per_query: bool, json_path: Path | None) -> int:
    specs = json.loads((REALSET_DIR / "queries.json").read_text(encoding="utf-8"))
    queries = [Query(spec["qid"], spec["query"]) for spec in specs]
    qrels = {spec["qid"]: {doc: int(grade) for doc, grade in spec["judgments"].items()} for spec in specs}
    runs = [("the 122 real articles", 0)]
    if (CORPUS / "vnnews.jsonl.gz").exists():
        runs.append(("the same plus 2,000 corpus news articles", 2000))
    table: dict[str, dict[str, dict[str, tuple[dict, dict]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, distractors in runs:
            work = Path(tmp) / f"set{distractors}"
            work.mkdir()
            folder = realset_folder(source, work, distractors)
            engines = {
                "Whoosh StandardAnalyzer, OR": plain(folder, work, StandardAnalyzer(), "standard", True, _realset_id),
                "one folded field, OR": plain(folder, work, VietnameseTokenizer("folded"), "folded", True,
                                              _realset_id),
                "bilat-search": ours(folder, work, _realset_id),
            }
            table[label] = {}
            for name, search in engines.items():
                results = run(queries, search)
                table[label][name] = {}
                for part in (*realset.PARTS, "all"):
                    chosen = {q: r for q, r in qrels.items() if part == "all" or q[0] == part}
                    table[label][name][part] = measure(chosen, {q: results[q] for q in chosen})
    print(f"real set: {len(queries)} judged queries (part = the query id's first letter); {realset.tuning_note()}")
    print("| set | engine | nDCG@10 a | b | c | all | MRR@10 all | R@10 all |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, engines in table.items():
        for name, parts in engines.items():
            cells = " | ".join(f"{parts[p][0]['nDCG@10']:.3f}" for p in (*realset.PARTS, "all"))
            print(f"| {label} | {name} | {cells} | {parts['all'][0]['RR@10']:.3f} | {parts['all'][0]['R@10']:.3f} |")
    if per_query:
        texts = {q.qid: q.text for q in queries}
        for label, engines in table.items():
            print(f"\n{label}: nDCG@10 per query (ours / StandardAnalyzer OR)")
            ours_per = engines["bilat-search"]["all"][1]
            base_per = engines["Whoosh StandardAnalyzer, OR"]["all"][1]
            for qid in sorted(ours_per):
                print(f"  {qid} {ours_per[qid]['nDCG@10']:.3f} {base_per[qid]['nDCG@10']:.3f}  {texts[qid]}")
    if json_path:
        json_path.write_text(json.dumps({label: {name: {part: figures[0] for part, figures in parts.items()}
                                                 for name, parts in engines.items()}
                                         for label, engines in table.items()}, indent=2), encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--no-distractors", action="store_true")
    parser.add_argument("--no-legal", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--realset", nargs="?", const=str(realset.default_folder()), metavar="DIR",
                        help="measure on the real development set's judged queries instead")
    args = parser.parse_args()
    if args.realset:
        return realset_main(Path(args.realset), args.per_query, args.json)
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
