"""The extractor against the labelled articles: field-level targets and every seed record exactly."""

import importlib.util
import json
from pathlib import Path

import pytest

from bilat_search.extract import FIELDS, extract_facts
from bilat_search.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]
SEEDS_EXPECTED = ROOT / "tests" / "fixtures" / "seeds_expected.json"
MEETINGS = ROOT / "tests" / "fixtures" / "meetings"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_extraction", ROOT / "scripts" / "eval_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seed_cases():
    expected = json.loads(SEEDS_EXPECTED.read_text(encoding="utf-8"))
    return [(name, record) for name, record in expected.items() if not name.startswith("_")]


SEEDS = {a.path: a for a in read_articles([ROOT / "seeds"])}


@pytest.mark.parametrize(("name", "expected"), _seed_cases(), ids=[n for n, _ in _seed_cases()])
def test_seed_record_exactly(name, expected):
    record = extract_facts(SEEDS[name])
    assert {k: record[k] for k in FIELDS} == {k: expected[k] for k in FIELDS}


@pytest.fixture(scope="module")
def fixture_figures():
    expected = MEETINGS / "expected.json"
    if not expected.exists():
        pytest.skip("labelled set not present")
    module = _eval_module()
    rows = module.load_set(MEETINGS, expected)
    assert len(rows) >= 50
    return module.score(rows)


@pytest.mark.parametrize(
    ("field", "target"),
    [
        ("partner_countries", 0.95),
        ("vn_officials", 0.90),
        ("topics", 0.85),
    ],
)
def test_list_field_f1_targets(fixture_figures, field, target):
    assert fixture_figures[field]["f1"] >= target


@pytest.mark.parametrize(("field", "target"), [("year", 0.90), ("is_bilateral", 0.90)])
def test_accuracy_targets(fixture_figures, field, target):
    assert fixture_figures[field]["accuracy"] >= target


def test_eval_script_writes_json(tmp_path):
    out = tmp_path / "figures.json"
    assert _eval_module().main(["--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["seeds"]["fields"]["partner_countries"]["f1"] == 1.0
