"""dossier.json against its contract (DESIGN.md) and its JSON Schema, on real piles.

The pipeline runs on the seeds and on the example corpus; the output must
validate, name every document with the contract's fields, and keep every quote
equal to its document's text[start:end]. The validator itself is tested on
hand-made broken dossiers, so a schema gone loose fails here.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicia.pipeline import run
from indicia.report import SCHEMA_ID, validate_dossier
from indicia.report.dossier import load_schema
from indicia.report.markdown import render_markdown
from indicia.store import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"

# The stable minimum of each document, as DESIGN.md's contract lists it.
CONTRACT_DOCUMENT_FIELDS = (
    "id",
    "source_path",
    "title",
    "outlet",
    "url",
    "published",
    "language",
    "status",
    "text",
    "removed",
    "story",
    "derived_from",
)
INDICATOR_CODES = {
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_working_living_conditions",
    "excessive_overtime",
}


def _run(paths: list[Path], out: Path) -> dict[str, Any]:
    with open_store(out / "store.db") as store:
        summary = run([str(p) for p in paths], store, out)
    assert summary.outputs["json"] == out / "dossier.json"
    return json.loads((out / "dossier.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    _run(seed_paths, out)
    return out


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    _run([EXAMPLES], out)
    return out


@pytest.fixture(params=["seeds", "examples"])
def out(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_out")  # type: ignore[no-any-return]


def _load(out: Path) -> dict[str, Any]:
    return json.loads((out / "dossier.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# ------------------------------------------------------------ real pipelines


def test_dossier_validates(out: Path) -> None:
    validate_dossier(_load(out))


def test_all_three_files_are_written(out: Path) -> None:
    for name in ("dossier.json", "dossier.md", "dossier.html"):
        assert (out / name).stat().st_size > 0, name
    assert not list(out.glob("*.tmp")), "a half-written dossier was left behind"


def test_sections_are_lists(out: Path) -> None:
    dossier = _load(out)
    assert dossier["schema"] == SCHEMA_ID
    for section in ("documents", "stories", "indicators", "claims", "entities"):
        assert isinstance(dossier[section], list), section


def test_every_document_has_the_contract_fields(out: Path) -> None:
    for document in _load(out)["documents"]:
        missing = [f for f in CONTRACT_DOCUMENT_FIELDS if f not in document]
        assert not missing, (document["source_path"], missing)
        assert set(document["removed"]) >= {"boilerplate_lines", "repeated_paragraphs"}
        if document["status"] == "ok":
            assert document["text"].strip(), document["source_path"]
            assert document["story"], document["source_path"]
        else:
            assert document["status"] == "rejected"
            assert document["error"], document["source_path"]


def test_every_kept_document_is_in_exactly_one_story(out: Path) -> None:
    dossier = _load(out)
    members: dict[str, list[str]] = {}
    for story in dossier["stories"]:
        for document_id in story["documents"]:
            members.setdefault(document_id, []).append(story["id"])
    for document in dossier["documents"]:
        if document["status"] == "ok":
            assert members.get(document["id"]) == [document["story"]], document["source_path"]


def test_summary_counts_agree_with_the_documents(out: Path) -> None:
    dossier = _load(out)
    documents = dossier["documents"]
    summary = dossier["summary"]
    ok = sum(d["status"] == "ok" for d in documents)
    assert summary["documents"] == len(documents)
    assert summary["ok"] == ok
    assert summary["rejected"] == len(documents) - ok
    assert summary["stories"] == len(dossier["stories"])


def test_findings_use_the_ilo_codes_and_quote_their_documents(out: Path) -> None:
    dossier = _load(out)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for finding in dossier["indicators"]:
        assert finding["code"] in INDICATOR_CODES
        for ev in finding["evidence"]:
            assert texts[ev["document"]][ev["start"] : ev["end"]] == ev["quote"]


def test_markdown_names_every_document(out: Path) -> None:
    markdown = (out / "dossier.md").read_text(encoding="utf-8")
    for document in _load(out)["documents"]:
        assert document["id"] in markdown


def test_html_is_self_contained(out: Path) -> None:
    page = (out / "dossier.html").read_text(encoding="utf-8").lower()
    assert page.startswith("<!doctype html>")
    for external in ('src="http', "src='http", "src=http", "@import", '<link rel="stylesheet'):
        assert external not in page, external


def test_seeds_are_five_documents(seeds_out: Path) -> None:
    documents = _load(seeds_out)["documents"]
    assert len(documents) == 5
    assert all(d["status"] == "ok" for d in documents)


def test_examples_list_every_file(examples_out: Path) -> None:
    documents = _load(examples_out)["documents"]
    assert {Path(d["source_path"]).name for d in documents} == {p.name for p in EXAMPLES.iterdir()}


# --------------------------------------------------------- hostile article text

HOSTILE = (
    "<script>alert('dossier')</script> Harbour news from a fictional town.\n\n"
    'The mayor said <img src=x onerror="alert(1)"> nothing more.\n\n'
    "A closing line with </pre></body> inside it and a javascript:alert(2) link.\n"
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_article_markup_never_runs_in_the_html(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"hostile{suffix}"
    source.write_text(HOSTILE, encoding="utf-8")
    dossier = _run([source], tmp_path / "out")
    validate_dossier(dossier)
    page = (tmp_path / "out" / "dossier.html").read_text(encoding="utf-8").lower()
    # The page may carry its own script; none of the article's markup may become markup.
    assert "<script>alert(" not in page
    assert "<img src=x" not in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert 'onerror="alert(1)"' not in page
    assert page.count("</body>") == 1
    assert page.count("</pre>") == page.count("<pre")


# ------------------------------------------------------ the validator itself

TEXT = "Workers said shifts ran from 6am to 2am. Managers kept $100-200 a month."


def _minimal() -> dict[str, Any]:
    quote = "shifts ran from 6am to 2am"
    start = TEXT.index(quote)
    evidence = {"document": "d1", "quote": quote, "start": start, "end": start + len(quote)}
    return {
        "schema": SCHEMA_ID,
        "documents": [
            {
                "id": "d1",
                "source_path": "a.txt",
                "title": "A",
                "outlet": None,
                "url": None,
                "published": "2025-08-12",
                "language": "en",
                "status": "ok",
                "text": TEXT,
                "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0},
                "story": "s1",
                "derived_from": [],
            },
            {
                "id": "d2",
                "source_path": "junk.bin",
                "title": None,
                "outlet": None,
                "url": None,
                "published": None,
                "language": None,
                "status": "rejected",
                "error": "binary data",
                "text": "",
                "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0},
                "story": None,
                "derived_from": [],
            },
        ],
        "stories": [
            {
                "id": "s1",
                "title": "A",
                "documents": ["d1"],
                "origins": [{"outlet": "Example", "documents": ["d1"]}],
                "independent_sources": 1,
            }
        ],
        "indicators": [
            {
                "story": "s1",
                "code": "excessive_overtime",
                "label": "Excessive overtime",
                "evidence": [evidence],
                "independent_sources": 1,
            }
        ],
        "claims": [
            {
                "id": "c1",
                "story": "s1",
                "measure": "daily shift",
                "value": 20,
                "low": None,
                "high": None,
                "unit": "hours",
                "qualifier": None,
                "period": None,
                "attributed_to": "workers",
                "evidence": [evidence],
                "independent_sources": 1,
                "conflicts": [],
            }
        ],
        "entities": [
            {"name": "Example", "type": "organisation", "aliases": [], "documents": ["d1"]}
        ],
    }


def test_the_minimal_dossier_is_valid() -> None:
    validate_dossier(_minimal())


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(dossier: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = dossier
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()

BROKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "wrong schema id": _set("schema", "indicia.dossier/0"),
    "no entities section": _set("entities", _DELETE),
    "document without text": _set("documents.0.text", _DELETE),
    "document without story field": _set("documents.0.story", _DELETE),
    "document without derived_from": _set("documents.0.derived_from", _DELETE),
    "document without removed counts": _set("documents.0.removed", {}),
    "negative removed count": _set("documents.0.removed.boilerplate_lines", -1),
    "unknown status": _set("documents.0.status", "maybe"),
    "rejected without error": _set("documents.1.error", _DELETE),
    "rejected with empty error": _set("documents.1.error", ""),
    "date not ISO": _set("documents.0.published", "12 August 2025"),
    "unknown relation": _set(
        "documents.0.derived_from",
        [{"document": None, "outlet": "X", "relation": "inspired", "evidence": ""}],
    ),
    "derived from a missing document": _set(
        "documents.0.derived_from",
        [{"document": "nope", "outlet": None, "relation": "copy", "evidence": ""}],
    ),
    "derived from nothing named": _set(
        "documents.0.derived_from",
        [{"document": None, "outlet": None, "relation": "cites", "evidence": "a report"}],
    ),
    "duplicate document id": _set("documents.1.id", "d1"),
    "story of a missing document": _set("stories.0.documents", ["d1", "d9"]),
    "story without documents": _set("stories.0.documents", []),
    "document in a missing story": _set("documents.0.story", "s9"),
    "origin of a missing document": _set("stories.0.origins.0.documents", ["d9"]),
    "unknown indicator code": _set("indicators.0.code", "long_hours"),
    "indicator without evidence": _set("indicators.0.evidence", []),
    "indicator of a missing story": _set("indicators.0.story", "s9"),
    "quote off by one": _set("indicators.0.evidence.0.start", 14),
    "quote from a missing document": _set("claims.0.evidence.0.document", "d9"),
    "quote from a rejected document": _set("claims.0.evidence.0.document", "d2"),
    "negative offset": _set("claims.0.evidence.0.start", -1),
    "empty quote": _set("claims.0.evidence.0.quote", ""),
    "value as text": _set("claims.0.value", "20"),
    "claim with no figure at all": _set("claims.0.value", None),
    "claim without conflicts": _set("claims.0.conflicts", _DELETE),
    "conflict without reason": _set("claims.0.conflicts", [{"claim": "c1"}]),
    "conflict with a false quote": _set(
        "claims.0.conflicts",
        [
            {
                "claim": "c1",
                "reason": "disagrees",
                "evidence": [{"document": "d1", "quote": "Managers", "start": 0, "end": 8}],
            }
        ],
    ),
    "duplicate claim id": lambda d: d["claims"].append(copy.deepcopy(d["claims"][0])),
    "unknown entity type": _set("entities.0.type", "ship"),
    "entity in a missing document": _set("entities.0.documents", ["d9"]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_validator_rejects(name: str) -> None:
    dossier = _minimal()
    BROKEN[name](dossier)
    with pytest.raises((jsonschema.ValidationError, ValueError)):
        validate_dossier(dossier)


def test_the_schema_is_a_valid_json_schema() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_ID
    indicator = schema["$defs"]["indicator"]["properties"]["code"]["enum"]
    assert set(indicator) == INDICATOR_CODES


@settings(deadline=None, max_examples=60)
@given(text=st.text(min_size=1, max_size=80), data=st.data())
def test_true_quotes_validate_and_shifted_ones_do_not(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    dossier = _minimal()
    dossier["documents"][0]["text"] = text
    dossier["claims"] = []
    evidence = dossier["indicators"][0]["evidence"][0]
    evidence.update(quote=text[start:end], start=start, end=end)
    validate_dossier(dossier)
    shift = data.draw(st.sampled_from([-1, 1]))
    if (
        start + shift >= 0
        and end + shift <= len(text)
        and text[start + shift : end + shift] != text[start:end]
    ):
        evidence.update(start=start + shift, end=end + shift)
        with pytest.raises(ValueError):
            validate_dossier(dossier)


# ----------------------------------------- what the example corpus is there to show
# The example files were written to exercise each stage (examples/README.md); these
# checks pin what the demo must keep showing, whatever the stages' internals become.

NORTH_KOREA_FILES = (
    "01-example-ledger-original.html",
    "02-content-farm-rewrite.txt",
    "03-aggregator-copy.txt",
    "04-seo-paraphrase.txt",
    "05-unattributed-rewrite.txt",
)
LIBRARY_FILE = "06-unrelated-library-reopens.md"
BROKEN_FILE = "99-broken-binary-junk.bin"


def _by_file(dossier: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(d["source_path"]).name: d for d in dossier["documents"]}


def test_examples_broken_file_is_rejected_and_the_rest_read(examples_out: Path) -> None:
    documents = _by_file(_load(examples_out))
    assert documents[BROKEN_FILE]["status"] == "rejected"
    assert documents[BROKEN_FILE]["error"]
    for name in (*NORTH_KOREA_FILES, LIBRARY_FILE):
        assert documents[name]["status"] == "ok", name


def test_examples_hold_two_stories_and_one_origin(examples_out: Path) -> None:
    dossier = _load(examples_out)
    documents = _by_file(dossier)
    north_korea = {documents[name]["story"] for name in NORTH_KOREA_FILES}
    assert len(north_korea) == 1, "the five copies of one report are one story"
    assert documents[LIBRARY_FILE]["story"] not in north_korea
    assert len(dossier["stories"]) == 2
    story = next(s for s in dossier["stories"] if s["id"] in north_korea)
    # Five documents, one original report: not five sources.
    assert story["independent_sources"] == 1


@pytest.mark.parametrize(
    ("name", "chrome"),
    [
        ("01-example-ledger-original.html", "Privacy policy"),
        ("01-example-ledger-original.html", "Rice harvest forecast"),
        ("01-example-ledger-original.html", "Search the Ledger"),
        ("03-aggregator-copy.txt", "Log in | Register"),
        ("03-aggregator-copy.txt", "密码"),
        ("03-aggregator-copy.txt", "You are here"),
        ("03-aggregator-copy.txt", "Give Now"),
        ("03-aggregator-copy.txt", "RECOMMENDED"),
        ("03-aggregator-copy.txt", "Ten gardening mistakes"),
        ("03-aggregator-copy.txt", "SponsoredSponsored"),
        ("03-aggregator-copy.txt", "Undo"),
        ("03-aggregator-copy.txt", "Example Photo Agency"),
        ("03-aggregator-copy.txt", "Keywords:"),
        ("04-seo-paraphrase.txt", "Uncategorized"),
        ("04-seo-paraphrase.txt", "Personal Finance"),
    ],
)
def test_examples_lose_their_site_chrome(examples_out: Path, name: str, chrome: str) -> None:
    assert chrome not in _by_file(_load(examples_out))[name]["text"]


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("01-example-ledger-original.html", "The Example Ledger interviewed six North Korean"),
        ("01-example-ledger-original.html", "long after the fighting in Ukraine stops."),
        ("03-aggregator-copy.txt", "according to a report by The Example Ledger."),
        ("03-aggregator-copy.txt", "halved since 2022, falling from about 20 to about 10."),
        ("03-aggregator-copy.txt", "would probably outlive the war."),
        ("03-aggregator-copy.txt", "took home five times what they did."),
        ("04-seo-paraphrase.txt", "between one hundred and two hundred dollars a month"),
        ("04-seo-paraphrase.txt", "after the fighting ends."),
    ],
)
def test_examples_keep_their_article_sentences(
    examples_out: Path, name: str, sentence: str
) -> None:
    assert sentence in _by_file(_load(examples_out))[name]["text"]


def test_examples_repeats_are_collapsed(examples_out: Path) -> None:
    rewrite = _by_file(_load(examples_out))["02-content-farm-rewrite.txt"]
    assert rewrite["removed"]["repeated_paragraphs"] >= 3
    text = rewrite["text"]
    assert text.count("Russia Turns to North Korean Labour") == 1
    assert text.count("Pyongyang keeps most of the money.") == 1
    assert text.count("shipping containers full of bugs") == 1


def test_examples_original_metadata(examples_out: Path) -> None:
    documents = _by_file(_load(examples_out))
    original = documents["01-example-ledger-original.html"]
    assert original["outlet"] == "The Example Ledger"
    assert original["published"] == "2025-08-12"
    assert original["url"] == (
        "https://ledger.example.org/world/2025/08/12/north-korean-labourers-russia"
    )
    assert original["title"].startswith("North Korean labourers on Russian building sites")
    assert documents["03-aggregator-copy.txt"]["published"] == "2025-08-13"


def test_examples_indicators_belong_to_the_labour_story(examples_out: Path) -> None:
    dossier = _load(examples_out)
    documents = _by_file(dossier)
    labour, library = documents[NORTH_KOREA_FILES[0]]["story"], documents[LIBRARY_FILE]["story"]
    codes = {f["code"] for f in dossier["indicators"] if f["story"] == labour}
    assert {"excessive_overtime", "withholding_of_wages"} <= codes
    assert not [f for f in dossier["indicators"] if f["story"] == library]


def test_examples_figures_written_in_words_are_found(examples_out: Path) -> None:
    dossier = _load(examples_out)
    paraphrase = _by_file(dossier)["04-seo-paraphrase.txt"]["id"]

    def quoted_in_paraphrase(claim: dict[str, Any]) -> bool:
        return any(ev["document"] == paraphrase for ev in claim["evidence"])

    claims = [c for c in dossier["claims"] if quoted_in_paraphrase(c)]
    assert any(c["value"] == 50000 and c["unit"] == "people" for c in claims)
    assert any((c["low"], c["high"]) == (100, 200) and c["unit"] == "USD" for c in claims)


# ------------------------------------------------------------------- dossier.md


def _table_rows(markdown: str, header: str) -> list[str]:
    lines = markdown.splitlines()
    first = lines.index(header) + 2
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_tables_survive_hostile_titles() -> None:
    dossier = _minimal()
    dossier["summary"] = {"documents": 2, "ok": 1, "rejected": 1, "stories": 1}
    dossier["documents"][0]["title"] = "A | title\nthat breaks | tables"
    dossier["documents"][0]["outlet"] = "Pipe | Outlet"
    dossier["stories"][0]["title"] = "Story\n## not a heading"
    dossier["documents"][0]["joined_by"] = "it shares name a|b\nand more"
    markdown = render_markdown(dossier)
    header = (
        "| id | file | title | outlet | published | language | status | removed"
        " | in its story because |"
    )
    rows = _table_rows(markdown, header)
    assert len(rows) == 2
    assert all(_cells(row) == _cells(header) for row in rows)
    assert "\n## not a heading" not in markdown


def test_markdown_labels_documents_by_outlet_or_file() -> None:
    dossier = _minimal()
    dossier["summary"] = {"documents": 2, "ok": 1, "rejected": 1, "stories": 1}
    dossier["documents"][0]["source_path"] = "/piles/case/a-report.txt"
    markdown = render_markdown(dossier)
    assert "`d1` a-report.txt" in markdown  # no outlet: the file names it
    dossier["documents"][0]["outlet"] = "Example Ledger"
    assert "`d1` Example Ledger" in render_markdown(dossier)


VALID = {
    "a range without a point value": [
        ("claims.0.value", None),
        ("claims.0.low", 100),
        ("claims.0.high", 200),
    ],
    "a lower bound only": [("claims.0.value", None), ("claims.0.low", 18)],
    "derived from an outlet only": [
        (
            "documents.0.derived_from",
            [{"document": None, "outlet": "BBC", "relation": "cites", "evidence": "told the BBC"}],
        )
    ],
    "a year-month date": [("documents.0.published", "2025-08")],
    "a conflict without quotes": [
        (
            "claims.0.conflicts",
            [{"claim": "c1", "reason": "disagrees", "evidence": []}],
        )
    ],
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_validator_accepts(name: str) -> None:
    dossier = _minimal()
    for path, value in VALID[name]:
        _set(path, value)(dossier)
    validate_dossier(dossier)
