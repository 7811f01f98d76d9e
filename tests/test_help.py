"""Help is tested: every command and every option explains itself to a newcomer.

The commands are discovered from the click group, so a command added later
without help text fails here.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from indicia.cli import main


def _commands() -> list[str]:
    return sorted(main.commands)


def test_the_core_commands_exist() -> None:
    assert {"run", "ingest", "report"} <= set(main.commands)


def test_top_level_help_names_every_command_and_a_first_step() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage:")
    for name in _commands():
        assert name in result.output
    # A newcomer sees how to start without reading anything else.
    assert "indicia run" in result.output
    assert "--out" in result.output


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_a_help_text(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.split()) >= 5, f"{name} lacks help text"


@pytest.mark.parametrize("name", _commands())
def test_every_option_has_a_help_text(name: str) -> None:
    command = main.commands[name]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {'/'.join(param.opts)} lacks help text"


@pytest.mark.parametrize("name", _commands())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_answers_help(name: str, flag: str) -> None:
    result = CliRunner().invoke(main, [name, flag])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage:")
    assert (main.commands[name].help or "").split()[0] in result.output


def test_group_options_have_help() -> None:
    for param in main.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help or param.is_eager, f"{'/'.join(param.opts)} lacks help text"


def test_installed_entry_point_prints_help() -> None:
    # The real process, as a user runs it, not only click's in-process runner.
    done = subprocess.run(
        [sys.executable, "-m", "indicia.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "run" in done.stdout and "ingest" in done.stdout and "report" in done.stdout


def test_version_option() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("indicia")
