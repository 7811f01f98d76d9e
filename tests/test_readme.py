"""README stays true: its CLI reference is the commands' own --help output.

Run with INDICIA_UPDATE_README=1 to rewrite the block after changing help text.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from indicia.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- cli-help:start -->", "<!-- cli-help:end -->"


def _help_block() -> str:
    runner = CliRunner()
    parts = []
    for args in ([], *([name] for name in sorted(main.commands))):  # type: ignore[attr-defined]
        result = runner.invoke(main, [*args, "--help"], prog_name="indicia", terminal_width=88)
        assert result.exit_code == 0, result.output
        parts.append(f"$ indicia {' '.join(args)} --help".replace("  ", " "))
        parts.append(result.output.rstrip())
        parts.append("")
    return "```\n" + "\n".join(parts).rstrip() + "\n```"


def test_readme_shows_the_current_help() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    expected = f"\n{_help_block()}\n"
    if os.environ.get("INDICIA_UPDATE_README"):
        README.write_text(f"{head}{BEGIN}{expected}{END}{tail}", encoding="utf-8")
        return
    assert current == expected, "README CLI reference is stale: rerun, INDICIA_UPDATE_README=1"
