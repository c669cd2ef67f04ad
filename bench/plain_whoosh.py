"""The reference build: plain Whoosh, one field, StandardAnalyzer without stop words.

This is the floor our own build is read against (issue 14: ≤ 1.0x its time),
as measured in ../shared/docs/dependencies.md.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from whoosh import index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema


def build_plain(source: Path, target: Path, procs: int = 2) -> dict:
    schema = Schema(id=ID(stored=True, unique=True),
                    content=TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1)))
    started = time.perf_counter()
    ix = index.create_in(str(target), schema)
    writer = ix.writer(procs=procs, limitmb=256, multisegment=True)
    count = 0
    opener = gzip.open if source.name.endswith(".gz") else open
    with opener(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            content = (record.get("title") or "") + "\n" + (record.get("text") or "")
            writer.add_document(id=str(record["id"]), content=content)
            count += 1
    writer.commit()
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in target.iterdir())
    return {"docs": count, "seconds": round(seconds, 2), "docs_per_s": round(count / seconds, 1), "bytes": size}


if __name__ == "__main__":
    if len(sys.argv) > 2:  # keep the index there, for bench/novel.py
        Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
        print(json.dumps(build_plain(Path(sys.argv[1]), Path(sys.argv[2]))))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(build_plain(Path(sys.argv[1]), Path(tmp))))
