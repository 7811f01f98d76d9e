"""The FtM export is valid against the followthemoney model and loads in its tools."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.report import build_dossier
from indicia.report.ftm import ftm_entities, write_entities_csv, write_ftm
from indicia.review import decide
from indicia.screen import ScreenOptions
from indicia.store import open_store

REPORT = (
    "Pak Sol Min, who ran Northwind Harbour Trading Corporation, kept the crews' passports.\n\n"
    "The crews worked 16 hours a day in Tallinn, said Marta Ilves, a researcher.\n"
)
SDN = '901,"PAK, Sol Min","individual","DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("ftm")
    (root / "in").mkdir()
    (root / "in" / "report.txt").write_text(REPORT, encoding="utf-8")
    (root / "sdn.csv").write_text(SDN, encoding="utf-8")
    options = RunOptions(screen=ScreenOptions(lists=(str(root / "sdn.csv"),)))
    with open_store(root / "case.db") as store:
        ingest_paths([str(root / "in")], store, options)
        process(store, options)
        (candidate,) = build_dossier(store)["screening"]["candidates"]
        decide(store, build_dossier(store), "accept_candidate", candidate["id"], "ana", "same")
        return build_dossier(store)


def test_every_entity_is_valid_in_the_model(dossier: dict[str, Any]) -> None:
    exported = list(ftm_entities(dossier))
    ids = {e["id"] for e in exported}
    schemata = {e["schema"] for e in exported}
    assert {"Article", "Person", "Mention", "Sanction", "Note"} <= schemata
    for data in exported:
        proxy = model.get_proxy(data, cleaned=False)  # raises on an unknown schema or property
        cleaned = proxy.clone()
        for prop in proxy.iterprops():
            cleaned.set(prop, proxy.get_prop(prop))
        # cleaning by each property's type changes nothing: every value is valid
        assert cleaned.to_dict()["properties"] == proxy.to_dict()["properties"], data["schema"]
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, f"{data['schema']}.{prop.name} dangles"


def test_accepted_match_is_a_sanction_and_mentions_link_documents(dossier: dict[str, Any]) -> None:
    exported = list(ftm_entities(dossier))
    by_id = {e["id"]: e for e in exported}
    (sanction,) = [e for e in exported if e["schema"] == "Sanction"]
    person = by_id[sanction["properties"]["entity"][0]]
    assert person["schema"] == "Person" and person["properties"]["name"] == ["Pak Sol Min"]
    assert sanction["properties"]["authorityId"] == ["901"]
    assert sanction["properties"]["reason"] == ["same"]
    text = next(d for d in dossier["documents"])["text"]
    for mention in (e for e in exported if e["schema"] == "Mention"):
        assert by_id[mention["properties"]["document"][0]]["schema"] == "Article"
        assert mention["properties"]["name"][0] in text


def test_ftm_validate_reads_the_file(dossier: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "dossier.ftm.json"
    count = write_ftm(dossier, path)
    ftm = Path(sys.executable).with_name("ftm")
    result = subprocess.run(
        [str(ftm), "validate", "-i", str(path), "-o", str(tmp_path / "checked.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    checked = (tmp_path / "checked.json").read_text(encoding="utf-8").splitlines()
    assert len(checked) == count
    assert {json.loads(line)["id"] for line in checked} == {
        json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()
    }


def test_entities_csv_lists_mentions_and_candidates(
    dossier: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "entities.csv"
    write_entities_csv(dossier, path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = {row["name"]: row for row in csv.DictReader(f)}
    pak = rows["Pak Sol Min"]
    assert pak["type"] == "person" and int(pak["mentions"]) >= 1
    assert "901" in pak["screening_candidates"] and "accepted" in pak["screening_candidates"]
    document, start, end = pak["mention_offsets"].split("; ")[0].split(":")
    text = next(d for d in dossier["documents"] if d["id"] == document)["text"]
    assert text[int(start) : int(end)] == "Pak Sol Min"
