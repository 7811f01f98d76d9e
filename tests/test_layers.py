"""The architecture holds: no stage imports another (import-linter's contracts in
pyproject.toml), and the web app uses only the report package's public API."""

from __future__ import annotations

import grimp
import pytest
from importlinter.cli import lint_imports

from shared_inputs import REPO


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("indicia", cache_dir=None)


def _package(graph: grimp.ImportGraph, name: str) -> set[str]:
    return {name, *graph.find_descendants(name)}


def test_the_import_linter_contracts_hold() -> None:
    config = str(REPO / "pyproject.toml")
    assert lint_imports(config_filename=config, no_cache=True, no_logo=True) == 0


def test_web_uses_only_the_public_api_of_report(graph: grimp.ImportGraph) -> None:
    reaching_in = sorted(
        (module, imported)
        for module in _package(graph, "indicia.web")
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("indicia.report.")
    )
    assert reaching_in == []


def test_report_never_imports_web(graph: grimp.ImportGraph) -> None:
    assert not graph.chain_exists("indicia.report", "indicia.web", as_packages=True)
    for module in _package(graph, "indicia.report"):
        assert not any(
            m.startswith("indicia.web") for m in graph.find_modules_directly_imported_by(module)
        ), module


def test_no_stage_imports_another(graph: grimp.ImportGraph) -> None:
    # The contract says so too; this names the offending import when one appears.
    stages = ("ingest", "clean", "link", "extract", "reconcile", "screen", "report")
    allowed: set[tuple[str, str]] = set()
    crossing = []
    for stage in stages:
        for module in _package(graph, f"indicia.{stage}"):
            for imported in graph.find_modules_directly_imported_by(module):
                other = imported.split(".")[1] if imported.count(".") else ""
                if (
                    other in stages
                    and other != stage
                    and (module, f"indicia.{other}") not in allowed
                ):
                    crossing.append((module, imported))
    assert crossing == []
