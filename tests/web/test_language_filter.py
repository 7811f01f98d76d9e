"""Each document's language in dossier.md, dossier.html and the web UI; the language filter."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from indicia.pipeline import ingest_paths, process
from indicia.report import write_reports
from indicia.store import open_store
from indicia.web.app import create_app

# reports written for this test, on unrelated subjects so that they form separate stories
_GERMAN = (
    "Die Arbeiter einer Ziegelei im Norden berichteten, dass ihr Lohn seit Monaten "
    "ausbleibe. Der Betreiber behielt ihre Ausweise ein und ließ sie nicht gehen. "
    "Eine Gewerkschaft hat den Fall nun der Staatsanwaltschaft übergeben."
)
_ENGLISH = (
    "Fishermen on a trawler in the southern ocean said they had worked twenty hours a day "
    "for a year without a day ashore. The captain kept their passports in a locked drawer. "
    "A charity that interviewed the crew has asked the flag state to inspect the vessel."
)
_CHINESE = (
    "一家服装厂的工人说，他们每天工作十六个小时，一个月只休息一天，工资还被拖欠了半年，"
    "老板把他们的身份证锁在办公室里，谁也不让离开。"
)
_QUOTED = "The workers of the garment factory described their days in an interview with us."


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pile")
    (folder / "ziegelei.txt").write_text(_GERMAN, "utf-8")
    (folder / "trawler.txt").write_text(_ENGLISH, "utf-8")
    (folder / "fabrik.txt").write_text(f"{_CHINESE}\n\n{_QUOTED} {_QUOTED}\n\n{_CHINESE}", "utf-8")
    path = folder / "indicia.db"
    with open_store(path) as store:
        ingest_paths(
            [str(folder / name) for name in ("ziegelei.txt", "trawler.txt", "fabrik.txt")], store
        )
        process(store)
        write_reports(store, folder / "dossier")
    return path


@pytest.fixture()
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path), base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_dossier_files_show_each_documents_language(store_path: Path) -> None:
    out = store_path.parent / "dossier"
    dossier = json.loads((out / "dossier.json").read_text("utf-8"))
    languages = {Path(d["source_path"]).name: d["language"] for d in dossier["documents"]}
    assert languages == {"ziegelei.txt": "de", "trawler.txt": "en", "fabrik.txt": "zh"}
    markdown = (out / "dossier.md").read_text("utf-8")
    assert "| language |" in markdown
    assert "German (de)" in markdown and "English (en)" in markdown
    assert "Chinese (zh); also English (en)" in markdown
    html = (out / "dossier.html").read_text("utf-8")
    assert "German (de)" in html and "Chinese (zh); also English (en)" in html


def test_documents_page_filters_by_language(client: TestClient) -> None:
    page = client.get("/documents").text
    assert "German (de)" in page and "?language=de" in page
    german = client.get("/documents?language=de").text
    assert "German (de)" in german and "English (en)</td>" not in german
    rows = client.get("/documents.json?language=de").json()
    assert [row["language"] for row in rows] == ["de"]
    # a page that mixes languages is found under each of them
    english = client.get("/documents.json?language=en").json()
    assert sorted(row["language"] for row in english) == ["en", "zh"]
    assert client.get("/documents.json?language=fr").json() == []
    assert "No document in this language." in client.get("/documents?language=fr").text


def test_story_list_filters_by_language(client: TestClient) -> None:
    every = client.get("/stories.json").json()
    assert len(every["stories"]) == 3
    german = client.get("/stories.json?language=de").json()
    assert [s["languages"] for s in german["stories"]] == [["de"]]
    page = client.get("/?language=de").text
    assert 'aria-current="page">German (de)' in page
    assert "No story has a document in this language." in client.get("/?language=fr").text
