"""The README documents every CLI command and option users rely on."""

from pathlib import Path

import pytest

from bilat_search.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name):
    assert f"bilat-search {name}" in README
    for param in cli.commands[name].params:
        for opt in param.opts:
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in README, f"{name} {opt} is not in the README"


def test_readme_has_exactly_the_two_setup_commands():
    assert "make run" in README and "make test" in README
    assert "libicu-dev" in README and "pkg-config" in README
