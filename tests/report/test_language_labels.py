"""A document's language reads the same everywhere; the filter keeps what it says."""

from __future__ import annotations

from indicia.report.languages import (
    document_language,
    in_language,
    language_label,
    languages_present,
    other_languages,
)


def _doc(language: str | None, *runs: tuple[int, int, str]) -> dict[str, object]:
    return {
        "language": language,
        "languages": [{"start": s, "end": e, "language": code} for s, e, code in runs],
    }


def test_labels_name_the_language_and_its_code() -> None:
    assert language_label("de") == "German (de)"
    assert language_label(None) == "unknown"
    assert language_label("xx") == "xx"


def test_a_mixed_page_names_its_other_languages_by_amount_of_text() -> None:
    doc = _doc("zh", (0, 100, "zh"), (100, 130, "fr"), (130, 200, "en"), (200, 300, "zh"))
    assert other_languages(doc) == ["en", "fr"]
    assert document_language(doc) == "Chinese (zh); also English (en), French (fr)"
    assert document_language(_doc("en", (0, 10, "en"))) == "English (en)"
    assert document_language(_doc(None)) == "unknown"


def test_filter_choices_and_matching() -> None:
    docs = [_doc("de"), _doc("de"), _doc("ja", (0, 5, "ja"), (5, 9, "en")), _doc(None)]
    assert [(c["code"], c["documents"]) for c in languages_present(docs)] == [("de", 2), ("ja", 1)]
    assert [in_language(d, "en") for d in docs] == [False, False, True, False]
    assert all(in_language(d, None) for d in docs)
