"""The runner records how the dossier was made and what cleaning could not do."""

from __future__ import annotations

from pathlib import Path

from indicia import build_dossier, open_store, run


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour workers said the plant kept their passports for months.\n\n"
        "They were paid nothing until the season ended, three of them said.\n",
        encoding="utf-8",
    )


def test_summary_says_which_methods_made_the_dossier(tmp_path: Path) -> None:
    _write(tmp_path / "in")
    with open_store(tmp_path / "s.db") as store:
        run([str(tmp_path / "in")], store, tmp_path / "out")
        dossier = build_dossier(store)
    methods = dossier["summary"]["methods"]
    assert set(methods) == {"indicators", "quantities", "entities", "link"}
    assert methods["entities"].startswith(("spacy", "rules"))
    assert all(isinstance(d["notes"], list) for d in dossier["documents"])
    markdown = (tmp_path / "out" / "dossier.md").read_text(encoding="utf-8")
    assert "How this dossier was made" in markdown and methods["entities"] in markdown
