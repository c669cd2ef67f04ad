#!/usr/bin/env python
"""Measure the meeting-fact extractor against labelled articles.

Reads the seeds (tests/fixtures/seeds_expected.json), the labelled set
(tests/fixtures/meetings/expected.json) and any `--set FOLDER EXPECTED.json`
given, runs `extract_facts` on every labelled article and prints per-field
precision, recall and F1 (list fields: micro-averaged over items) and
accuracies (is_bilateral, year, date, date_precision, date_basis, source).
`--json PATH` writes the figures; `--show` prints every wrong field. Exits 0.

`--realset [DIR]` measures instead on the real development set (third-party
articles rebuilt by `../shared/corpus/meetings/collect.py`, default folder
`$BILAT_REALSET` or `~/.cache/bilat-search/realset`), per part (a, b, c) and
overall, with the issue's measures: meeting reports detected, precision of
"is a meeting", and on the meetings partner, official, topic and type F1 and
the year (null where the text gives none). `--show` then lists the misses of
the parts used for tuning only (`--show-all` for every part).

    .venv/bin/python scripts/eval_extraction.py [--set DIR EXPECTED] [--json out.json] [--show]
    .venv/bin/python scripts/eval_extraction.py --realset [DIR] [--gold gold.json] [--no-url] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat_search import realset  # noqa: E402
from bilat_search.extract import extract_facts  # noqa: E402
from bilat_search.ingest import read_articles  # noqa: E402
from bilat_search.schema import LIST_FIELDS  # noqa: E402
from bilat_search.vietnamese import canonical_text  # noqa: E402

ACCURACY_FIELDS = ("is_bilateral", "year", "date", "date_precision", "date_basis", "source")
REALSET_GOLD = ROOT.parent / "shared" / "corpus" / "meetings" / "gold.json"
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


def realset_report(folder: Path, gold: Path, with_url: bool, show: str | None) -> dict:
    """Per-part and overall figures on the real set; prints the table (and misses when asked)."""
    rows = realset.load(folder, gold, with_url=with_url)
    if not rows:
        print(f"no real-set texts in {folder}: see ../shared/corpus/meetings/README.md", file=sys.stderr)
        return {}
    started = time.perf_counter()
    extracted = [(row, extract_facts(row.article)) for row in rows]
    seconds = time.perf_counter() - started
    report = {}
    for part in (*realset.PARTS, "all"):
        chosen = [(row.label, record) for row, record in extracted if part in ("all", row.part)]
        if chosen:
            report[part] = realset.score(chosen).as_dict()
    names = [
        ("meeting_recall", "meeting reports detected (recall)"),
        ("meeting_precision", "precision of 'is a meeting'"),
        ("partner_countries_f1", "partner countries F1, on meetings"),
        ("vn_officials_f1", "Vietnamese officials F1, on meetings"),
        ("year_accuracy", "year right, on meetings"),
        ("years_invented", "years invented, on meetings"),
        ("topics_f1", "topics F1, on meetings"),
        ("foreign_officials_f1", "foreign officials F1, on meetings"),
        ("meeting_types_f1", "meeting types F1, on meetings"),
        ("location_accuracy", "location right, on meetings"),
    ]
    parts = list(report)
    print(f"real set: {len(rows)} articles from {folder} (URLs {'given' if with_url else 'withheld'}); "
          f"{realset.tuning_note()}")
    print("| measure | " + " | ".join(f"{p} ({report[p]['articles']})" for p in parts) + " |")
    print("| --- |" + " --- |" * len(parts))
    for key, title in names:
        cells = []
        for p in parts:
            value = report[p][key]
            cells.append(f"{value}" if isinstance(value, int) else f"{value:.3f}")
        print(f"| {title} | " + " | ".join(cells) + " |")
    print(f"\n{len(rows)} articles in {seconds:.2f}s")
    if show:
        for row, record in extracted:
            if show == "tuned" and row.part not in realset.TUNED_PARTS:
                continue
            for line in realset.differences(row.label, record):
                print(f"  {row.id} {line}")
    return report


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
    parser.add_argument("--realset", nargs="?", const=str(realset.default_folder()), metavar="DIR",
                        help="measure on the real development set instead (default folder: %(const)s)")
    parser.add_argument("--gold", type=Path, default=REALSET_GOLD, help="labels of the real set")
    parser.add_argument("--no-url", action="store_true", help="real set: withhold each article's URL")
    parser.add_argument("--show-all", action="store_true", help="real set: misses of every part")
    args = parser.parse_args(argv)
    if args.realset:
        show = "all" if args.show_all else "tuned" if args.show else None
        report = realset_report(Path(args.realset), args.gold, not args.no_url, show)
        if args.json and report:
            Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
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
