#!/usr/bin/env python
"""Measure meeting grouping on the real development set: pairwise precision and recall.

Extracts the meeting facts of every real article (`extract_facts`), groups
the records (`bilat_search.grouping`), and compares the pairs of reports
grouped together with the pairs that `same_event_as` labels in
../shared/corpus/meetings/gold.json, per part (a, b, c; a pair across parts
counts in both) and overall. `--labels` groups the labelled facts instead
of the extracted ones: it measures the rules apart from extraction errors.
`--show` lists the pairs missed and the pairs wrongly made.

    .venv/bin/python scripts/eval_grouping.py [--realset DIR] [--gold gold.json] [--labels] [--show] [--json PATH]

The texts are read from `$BILAT_REALSET` or ~/.cache/bilat-search/realset
(see ../shared/corpus/meetings/README.md); without them it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat_search import grouping, grouping_eval, realset  # noqa: E402
from bilat_search.extract import extract_facts  # noqa: E402

GOLD = ROOT.parent / "shared" / "corpus" / "meetings" / "gold.json"


def extracted_record(row: realset.Labelled) -> dict:
    article = row.article
    return {"id": row.id, "title": article.display_title, "text": article.text, **extract_facts(article)}


def labelled_record(row: realset.Labelled) -> dict:
    """The labels as a record: what grouping would see if extraction were right."""
    label = row.label
    basis = (label.get("date_basis") or "").split(":")[0].strip()
    return {
        "id": row.id, "title": row.article.display_title, "text": row.article.text,
        "is_bilateral": label["is_bilateral"], "partner_countries": label.get("partner_countries") or [],
        "date": label.get("date"), "date_basis": basis if basis in grouping.FIRM_BASES | {"inferred"} else None,
        "vn_officials": label.get("vn_officials") or [], "foreign_officials": label.get("foreign_officials") or [],
        "locations": [label["location"]] if label.get("location") else [],
    }


def figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realset", type=Path, default=realset.default_folder())
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--labels", action="store_true", help="group the labelled facts, not the extracted ones")
    parser.add_argument("--show", action="store_true", help="list missed and wrong pairs")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"no labels at {args.gold}", file=sys.stderr)
        return 0
    rows = realset.load(args.realset, args.gold)
    if not rows:
        print(f"no real-set texts in {args.realset}: see ../shared/corpus/meetings/README.md", file=sys.stderr)
        return 0
    make = labelled_record if args.labels else extracted_record
    records = [make(row) for row in rows]
    started = time.perf_counter()
    groups = grouping.group(records)
    seconds = time.perf_counter() - started
    predicted = grouping_eval.pairs(groups)
    labelled = grouping_eval.pairs(grouping_eval.labelled_groups(row.label for row in rows))
    figures = {}
    print(f"{len(rows)} articles, {sum(1 for r in records if r['is_bilateral'])} called meetings, "
          f"{len(groups)} meetings after grouping ({seconds * 1000:.1f} ms); facts from "
          f"{'the labels' if args.labels else 'extract_facts'}\n")
    print("| part | labelled pairs | predicted pairs | right | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for part in (*realset.PARTS, "all"):
        ids = None if part == "all" else {row.id for row in rows if row.part == part}
        result = grouping_eval.score(predicted, labelled, ids)
        figures[part] = {"labelled": result.labelled, "predicted": result.predicted, "right": result.right,
                         "precision": result.precision, "recall": result.recall}
        print(f"| {part} | {result.labelled} | {result.predicted} | {result.right} | "
              f"{figure(result.precision)} | {figure(result.recall)} |")
    if args.show:
        for title, chosen in (("missed", labelled - predicted), ("wrong", predicted - labelled)):
            print(f"\n{title}: {', '.join('-'.join(p) for p in sorted(chosen)) or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
