"""The two set-up commands: `make run` installs what running needs, `make test` adds the test tools.

The Makefile is read by make itself (`make -n`, which prints the commands without
running them) in a copy of the project files, so nothing is installed here; the
fresh-clone timings of both commands are measured by hand and kept in the README.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

TEST_TOOLS = ["pytest", "hypothesis", "playwright", "ruff", "ir-measures"]


def planned(target: str, tmp_path: Path) -> str:
    """The commands `make TARGET` would run on a fresh clone (no .venv yet)."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_the_package_without_the_test_tools(tmp_path):
    commands = planned("run", tmp_path)
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert installs == [".venv/bin/python -m pip install -q -e ."], installs
    assert "bilat-search serve" in commands
    assert "chromium" not in commands and "[test]" not in commands


def test_make_test_adds_the_test_tools(tmp_path):
    commands = planned("test", tmp_path)
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert installs == [".venv/bin/python -m pip install -q -e .", ".venv/bin/python -m pip install -q -e '.[test]'"]
    assert "ruff check src tests scripts" in commands and "pytest" in commands


def test_the_test_tools_are_only_in_the_test_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {r.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower() for r in requirements}

    assert not names(project["dependencies"]) & set(TEST_TOOLS)
    assert set(TEST_TOOLS) <= names(project["optional-dependencies"]["test"])


def test_running_imports_no_test_tool():
    """What `make run` starts (the CLI and the web app) never imports a test tool."""
    code = ("import sys, bilat_search.cli, bilat_search.webapp, bilat_search.indexer; "
            "print(' '.join(sorted(m for m in ('pytest', 'hypothesis', 'playwright', 'ruff', 'ir_measures') "
            "if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
