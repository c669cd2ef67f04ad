"""Shared fixtures: real indexes in temp folders, built once per session."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from bilat_search.indexer import build
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
GROUPING = FIXTURES / "grouping"
"""Reports of the same meetings (tests/fixtures/grouping/README.md says which tells of which)."""


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("seeds-index")
    build([SEEDS], IndexStore(index_dir))
    return index_dir


@pytest.fixture(scope="session")
def seeds_engine(seeds_index) -> Engine:
    return Engine(seeds_index)


@pytest.fixture(scope="session")
def meetings_index(tmp_path_factory) -> Path:
    """The seeds and the grouping fixtures: 10 meetings told by 13 reports, and one general-news article."""
    folder = copy_seeds(tmp_path_factory.mktemp("meetings-articles"))
    for path in GROUPING.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    index_dir = tmp_path_factory.mktemp("meetings-index")
    build([folder], IndexStore(index_dir))
    return index_dir


@pytest.fixture(scope="session")
def meetings_engine(meetings_index) -> Engine:
    return Engine(meetings_index)


def record_ids(engine: Engine) -> dict[str, str]:
    """File name prefix (`g01`, `000`) -> article id."""
    return {Path(r["path"]).name[:3]: r["id"] for r in engine.records()}


def search_paths(engine: Engine, query: str, **kwargs) -> list[str]:
    """Paths of the hits of a query, in rank order."""
    response = engine.search(SearchRequest(query=query, page_size=50, **kwargs))
    return [Path(hit.record["path"]).name for hit in response.hits]


@pytest.fixture
def make_folder(tmp_path):
    """Write {relative path: text or bytes} into a fresh folder."""

    def make(files: dict[str, str | bytes], name: str = "articles") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        return folder

    return make


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as old Vietnamese Windows software wrote them.

    cp1258 has the vowels with circumflex, breve and horn precomposed, and
    the five tones as combining marks after them.
    """
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in decomposed[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.iterdir():
        shutil.copy(path, target / path.name)
    return target
