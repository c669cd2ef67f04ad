#!/usr/bin/env python
"""Measure the meeting-fact extractor against labelled articles.

Reads the seeds (tests/fixtures/seeds_expected.json), the labelled set
(tests/fixtures/meetings/expected.json) and any `--set FOLDER EXPECTED.json`
given, runs `extract_facts` on every labelled article and prints per-field
precision, recall and F1 (list fields: micro-averaged over items) and
accuracies (is_bilateral, year, date, date_precision, date_basis, source).
`--json PATH` writes the figures; `--show` prints every wrong field. Exits 0.

    .venv/bin/python scripts/eval_extraction.py [--set DIR EXPECTED] [--json out.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat_search.extract import extract_facts  # noqa: E402
from bilat_search.ingest import read_articles  # noqa: E402
from bilat_search.schema import LIST_FIELDS  # noqa: E402
from bilat_search.vietnamese import canonical_text  # noqa: E402

ACCURACY_FIELDS = ("is_bilateral", "year", "date", "date_precision", "date_basis", "source")
DEFAULT_SETS = (
    (ROOT / "seeds", ROOT / "tests" / "fixtures" / "seeds_expected.json"),
    (ROOT / "tests" / "fixtures" / "meetings", ROOT / "tests" / "fixtures" / "meetings" / "expected.json"),
)


def item_key(value: str) -> str:
    """Items compare by canonical spelling: case and tone-mark style do not count."""
    return " ".join(canonical_text(value).split())


def load_set(folder: Path, expected_path: Path) -> list[tuple[str, dict, dict]]:
    """(name, expected, predicted) for each labelled article of a folder."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    articles = {a.path: a for a in read_articles([folder])}
    rows = []
    for name, truth in expected.items():
        if name.startswith("_"):
            continue
        article = articles.get(name)
        if article is None:
            print(
                f"warning: {name} listed in {expected_path.name} but not readable in {folder}",
                file=sys.stderr,
            )
            continue
        rows.append((name, truth, extract_facts(article)))
    return rows


def score(rows: list[tuple[str, dict, dict]]) -> dict[str, dict]:
    """Per-field figures over all rows."""
    figures: dict[str, dict] = {}
    for field in LIST_FIELDS:
        tp = fp = fn = 0
        for _, truth, pred in rows:
            if field not in truth:
                continue
            t = {item_key(v) for v in truth[field] or []}
            p = {item_key(v) for v in pred[field] or []}
            tp += len(t & p)
            fp += len(p - t)
            fn += len(t - p)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures[field] = {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
    for field in ACCURACY_FIELDS:
        right = total = 0
        for _, truth, pred in rows:
            if field not in truth:
                continue
            total += 1
            right += pred[field] == truth[field]
        figures[field] = {"accuracy": right / total if total else 1.0, "right": right, "total": total}
    return figures


def differences(rows: list[tuple[str, dict, dict]]) -> list[str]:
    lines = []
    for name, truth, pred in rows:
        for field in LIST_FIELDS:
            if field in truth and {item_key(v) for v in truth[field]} != {item_key(v) for v in pred[field]}:
                lines.append(f"{name} {field}: expected {truth[field]} got {pred[field]}")
        for field in ACCURACY_FIELDS:
            if field in truth and truth[field] != pred[field]:
                lines.append(f"{name} {field}: expected {truth[field]!r} got {pred[field]!r}")
    return lines


def table(title: str, figures: dict[str, dict], count: int) -> str:
    out = [f"{title} ({count} articles)", f"{'field':<20}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}   n"]
    for field in LIST_FIELDS:
        f = figures[field]
        out.append(
            f"{field:<20}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}{'':>7}   "
            f"tp={f['tp']} fp={f['fp']} fn={f['fn']}"
        )
    for field in ACCURACY_FIELDS:
        f = figures[field]
        out.append(f"{field:<20}{'':>21}{f['accuracy']:>7.3f}   {f['right']}/{f['total']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        nargs=2,
        action="append",
        metavar=("FOLDER", "EXPECTED"),
        default=[],
        help="another labelled folder and its expected JSON",
    )
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--show", action="store_true", help="print every field that differs")
    args = parser.parse_args(argv)
    sets = [(f, e) for f, e in DEFAULT_SETS if e.exists()] + [(Path(f), Path(e)) for f, e in args.set]
    report: dict[str, dict] = {}
    all_rows: list[tuple[str, dict, dict]] = []
    started = time.perf_counter()
    for folder, expected in sets:
        rows = load_set(folder, expected)
        all_rows.extend(rows)
        figures = score(rows)
        report[str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder)] = {
            "articles": len(rows),
            "fields": figures,
        }
        print(table(str(folder), figures, len(rows)))
        print()
        if args.show:
            for line in differences(rows):
                print("  " + line)
            print()
    if len(sets) > 1:
        figures = score(all_rows)
        report["all"] = {"articles": len(all_rows), "fields": figures}
        print(table("all", figures, len(all_rows)))
    print(f"\n{len(all_rows)} articles in {time.perf_counter() - started:.2f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
