"""Language detection: script rules, lingua restricted to our languages, None over guesses."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.shared_inputs import BENCHDATA, SEEDS, require

from indicia.clean import clean_documents
from indicia.ingest import iter_documents
from indicia.records import LanguageSpan, Span
from indicia.text.language import (
    SUPPORTED,
    LanguageOptions,
    detect_language,
    detect_languages,
    language_at,
    language_name,
)

# sentences written for these tests, one per language, about what the tool reads
_SAMPLES = {
    "en": "The workers said their passports were taken when they arrived at the factory.",
    "de": (
        "Die Arbeiter sagten, ihre Pässe seien ihnen bei der Ankunft "
        "in der Fabrik abgenommen worden."
    ),
    "fr": (
        "Les ouvriers ont dit que leurs passeports leur avaient été "
        "retirés à leur arrivée à l'usine."
    ),
    "es": "Los trabajadores dijeron que les quitaron los pasaportes al llegar a la fábrica.",
    "pt": (
        "Os trabalhadores disseram que os seus passaportes foram "
        "retirados quando chegaram à fábrica."
    ),
    "it": (
        "I lavoratori hanno detto che i loro passaporti sono stati "
        "sequestrati all'arrivo in fabbrica."
    ),
    "ru": "Рабочие рассказали, что у них отобрали паспорта сразу по прибытии на фабрику.",
    "uk": "Робітники розповіли, що в них забрали паспорти одразу після прибуття на фабрику.",
    "pl": "Robotnicy powiedzieli, że po przyjeździe do fabryki odebrano im paszporty.",
    "ar": "قال العمال إن جوازات سفرهم صودرت فور وصولهم إلى المصنع.",
    "ko": "노동자들은 공장에 도착하자마자 여권을 빼앗겼다고 말했다.",
    "ja": "労働者たちは、工場に着くとすぐにパスポートを取り上げられたと話した。",
    "zh": "工人们说，他们一到工厂护照就被收走了。",
    "th": "คนงานบอกว่าหนังสือเดินทางของพวกเขาถูกยึดเมื่อมาถึงโรงงาน",
    "el": "Οι εργάτες είπαν ότι τους πήραν τα διαβατήρια μόλις έφτασαν στο εργοστάσιο.",
    "hi": "मजदूरों ने बताया कि कारखाने पहुँचते ही उनके पासपोर्ट ले लिए गए।",
}


_LONG_ZH = (
    "工人们说，他们一到工厂护照就被收走了，每天要工作十几个小时，"
    "工资也常常被拖欠好几个月，想回家也回不去。"
)


@pytest.mark.parametrize(("language", "text"), sorted(_SAMPLES.items()))
def test_detects_the_language_of_a_sentence(language: str, text: str) -> None:
    assert detect_language(text) == language


def test_required_news_languages_are_supported() -> None:
    required = "en ko ja zh ru uk de fr es pt it ar pl bg vi id ro sl is et tr nl sv fa hi th"
    assert set(required.split()) <= set(SUPPORTED)
    assert language_name("de") == "German" and language_name("xx") == "xx"
    assert language_name(None) is None


@pytest.mark.parametrize(
    "text", ["", "   ", "12,500 - 3.4%", "Hello there", "OK", "https://example.org/a/b"]
)
def test_short_or_letterless_text_gets_none(text: str) -> None:
    assert detect_language(text) is None


def test_exact_scripts_decide_short_text() -> None:
    assert detect_language("여권을 빼앗겼다") == "ko"
    assert detect_language("パスポートを取られた") == "ja"
    assert detect_language("护照被收走了") == "zh"
    assert detect_language("ถูกยึดหนังสือ") == "th"


def test_the_detector_is_restricted_to_the_configured_languages() -> None:
    only = LanguageOptions(languages=("en", "fr"))
    assert detect_language(_SAMPLES["de"], only) in ("en", "fr", None)
    assert detect_language(_SAMPLES["zh"], LanguageOptions(languages=("en", "zh"))) == "zh"


def test_mixed_pages_get_runs_of_paragraphs_in_each_language() -> None:
    paragraphs = [_LONG_ZH, _SAMPLES["en"] + " " + _SAMPLES["en"], _LONG_ZH * 2]
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for p in paragraphs:
        spans.append(Span(start, start + len(p)))
        start += len(p) + 2
    found = detect_languages(text, spans)
    assert found.language == "zh"
    assert found.mixed
    assert [s.language for s in found.spans] == ["zh", "en", "zh"]
    for span, paragraph in zip(found.spans, paragraphs, strict=True):
        assert text[span.start : span.end] == paragraph
    assert language_at(found.spans, spans[1].start + 3, "zh") == "en"
    assert language_at(found.spans, len(text) + 5, "zh") == "zh"


def test_a_short_han_line_in_a_japanese_page_is_not_called_chinese() -> None:
    text = "北海道漁業協同組合連合会\n\n" + _SAMPLES["ja"] * 3
    found = detect_languages(text, [Span(0, 12), Span(14, len(text))])
    assert found.language == "ja" and not found.mixed


def test_paragraphs_without_letters_are_left_undecided() -> None:
    text = "12.5% - 3,400\n\n---\n\n" + _SAMPLES["fr"]
    found = detect_languages(text, [Span(0, 13), Span(15, 18), Span(20, len(text))])
    assert found.language == "fr"
    assert found.spans == (LanguageSpan(20, len(text), "fr"),)
    assert detect_languages("", []).language is None
    assert detect_languages("!!! ???", [Span(0, 7)]).language is None


def test_short_han_lines_are_chinese_only_on_a_page_without_japanese() -> None:
    heading = "工厂工人护照"
    zh = f"{heading}\n\n{_LONG_ZH}"
    found = detect_languages(zh, [Span(0, 6), Span(8, len(zh))])
    assert found.spans == (LanguageSpan(0, len(zh), "zh"),)
    ja = f"{heading}\n\n{_SAMPLES['ja']}"
    found = detect_languages(ja, [Span(0, 6), Span(8, len(ja))])
    assert found.spans == (LanguageSpan(8, len(ja), "ja"),)


def test_a_short_heading_does_not_switch_language() -> None:
    text = "A Spark of Quiet Defiance\n\n" + _SAMPLES["en"] * 2
    found = detect_languages(text, [Span(0, 25), Span(27, len(text))])
    assert found.language == "en"
    assert found.spans == (LanguageSpan(27, len(text), "en"),)
    assert not found.mixed


def test_a_paragraph_mixing_scripts_is_decided_by_sentence() -> None:
    text = _LONG_ZH + _SAMPLES["en"] + " " + _SAMPLES["en"] + " " + _LONG_ZH
    found = detect_languages(text, [Span(0, len(text))])
    assert [s.language for s in found.spans] == ["zh", "en", "zh"]


def test_clean_sets_language_from_the_text_not_the_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = " ".join([_SAMPLES["de"]] * 4)
    page.write_text(
        f'<html lang="en"><head><title>Bericht</title></head><body><article><p>{body}</p>'
        f"<p>{body}</p></article></body></html>",
        "utf-8",
    )
    [clean] = clean_documents(list(iter_documents([str(page)])))
    assert clean.language == "de"
    assert clean.languages and {s.language for s in clean.languages} == {"de"}


def test_language_accuracy_on_the_multilingual_dev_pile() -> None:
    root = require(BENCHDATA / "news-pile-dev")
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text("utf-8").splitlines()]
    cleaned = clean_documents(list(iter_documents([str(root / r["file"]) for r in labels])))
    right = sum(c.language == r["language"] for c, r in zip(cleaned, labels, strict=True))
    # floor from bench/language.py (1.000 measured); the target is 0.97
    assert right / len(labels) >= 0.97


def test_seed_dump_in_a_chinese_page_is_english_after_cleaning() -> None:
    [path] = sorted(require(SEEDS).glob("004_*.txt"))
    [clean] = clean_documents(list(iter_documents([str(path)])))
    assert clean.language == "en"


_PIECES = st.sampled_from(
    [_SAMPLES["en"], _SAMPLES["ja"], _LONG_ZH, "工厂", "12 %", "\n", "\n\n", " ", "A.", "ок"]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_any_text_gets_ordered_runs_inside_it(text: str) -> None:
    spans, start = [], 0
    for block in text.split("\n"):
        if block.strip():
            spans.append(Span(start, start + len(block)))
        start += len(block) + 1
    found = detect_languages(text, spans)
    for a, b in itertools.pairwise(found.spans):
        assert a.end <= b.start and a.language != b.language
    for run in found.spans:
        assert 0 <= run.start < run.end <= len(text)
        assert run.language in SUPPORTED
    assert found.language is None or found.language in {r.language for r in found.spans} | {
        detect_language(text)
    }
