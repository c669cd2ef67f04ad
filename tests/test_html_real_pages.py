"""The HTML reader on real saved news pages (../shared/corpus/html, described in its README).

The pages and their expected values stay in the shared folder; nothing of them is copied here.
Skipped cleanly when the folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilat_search.readers import parse_html

pytestmark = pytest.mark.corpus

PAGES_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"
EXPECTED = PAGES_DIR / "expected.json"
PAGES = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.is_file() else []
AUTHOR_LINE_WORDS = 8  # "Hà Thu (tổng hợp)", "Ca Tiếu (theo online-tech-tips)": the longest allowed after the body


def _norm(text: str | None) -> str:
    """Whitespace runs (NBSP too) as one space, as expected.json writes its values."""
    return " ".join((text or "").split())


def _page_id(page: dict) -> str:
    return "-".join(page["file"].split("_")[:2])


@pytest.mark.parametrize("page", PAGES or [None], ids=[_page_id(p) for p in PAGES] or ["no-pages"])
def test_real_page(page):
    if page is None:
        pytest.skip(f"no saved pages at {PAGES_DIR}")
    article = parse_html((PAGES_DIR / page["file"]).read_bytes(), page["file"])
    body = _norm(article.text)

    assert _norm(article.title) == page["title"]
    assert article.published == page["date"]
    assert article.url == page["url"]
    assert page["body_first"] in body
    assert page["body_last"] in body
    for chrome in page["not_body"]:
        assert _norm(chrome).lower() not in body.lower(), chrome
    # before the body only the lead (sapo) may come, after it at most an author or source line
    head = body[: body.index(page["body_first"])]
    assert not head or page["lead_first"] in head, head[:200]
    tail = body[body.index(page["body_last"]) + len(page["body_last"]):]
    assert len(tail.split()) <= AUTHOR_LINE_WORDS, tail[:200]
