"""Write one benchmark's section of bench/RESULTS.md, leaving the others as they are."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, markdown: str) -> None:
    """Replace the text between <!-- section:NAME --> and <!-- /section:NAME -->."""
    begin, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    text = RESULTS.read_text(encoding="utf-8")
    if begin not in text:
        text = text.rstrip("\n") + f"\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    RESULTS.write_text(f"{head}{begin}\n{markdown.strip()}\n{end}{tail}", encoding="utf-8")
