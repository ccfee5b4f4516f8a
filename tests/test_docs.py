"""The docs keep up with the code: every command and option is documented; CI runs the README command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]

CLI_DOC = (ROOT / "docs" / "cli.md").read_text("utf-8")


def commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def _params(cmd: click.Command) -> list[click.Parameter]:
    """A command's options, and for a group those of each subcommand."""
    params = list(cmd.params)
    for sub in getattr(cmd, "commands", {}).values():
        params += _params(sub)
    return params


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"## `sitrep {name}`" in CLI_DOC
    section = CLI_DOC.split(f"## `sitrep {name}`")[1].split("\n## ")[0]
    for sub in getattr(commands()[name], "commands", {}):
        assert f"sitrep {name} {sub}" in section, f"{name} {sub} is not in docs/cli.md"
    for param in _params(commands()[name]):
        for opt in param.opts + param.secondary_opts:
            if opt.startswith("-") and opt != "--help":
                assert opt in section, f"{name} {opt} is not in its section of docs/cli.md"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```bash\n(.+?)\n```", readme.split("## Quickstart")[1].split("##")[0], re.S)
    assert len(blocks) == 2, "the quickstart has exactly two commands"
    assert "sitrep run" in blocks[0]
    assert blocks[1].strip() in (ROOT / ".ci" / "run").read_text("utf-8")
