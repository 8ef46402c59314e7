"""Every command has help and appears in the docs; every setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import click
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


def test_every_command_has_help_and_is_documented() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    docs += (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, cmd in _commands(cli):
        assert cmd.help, name
        assert f"onrecord {name}" in docs, name
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0, name


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for f in fields(Settings):
        assert f"`{f.name}`" in docs, f.name


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick


def test_search_examples_keep_their_phrase_quotes_through_the_shell() -> None:
    """A phrase search in the docs must reach onrecord with its double quotes (the shell eats bare ones)."""
    import shlex

    examples = [line for doc in ("README.md", "docs/cli.md")
                for line in (ROOT / doc).read_text(encoding="utf-8").splitlines()
                if line.lstrip().startswith(".venv/bin/onrecord search ")]
    assert examples
    for line in examples:
        argv = shlex.split(line.split("#", 1)[0])
        assert argv[2].startswith('"') and argv[2].endswith('"'), line
