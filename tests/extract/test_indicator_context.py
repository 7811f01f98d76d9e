"""The labour-context rule: an indicator needs a sentence about work, in every language.

Violence, threats, surveillance or confinement reported of protesters, politicians,
patients, players or suspects is not evidence of forced labour. Each negative below
holds a cue that would fire on its own (checked first, so the test can fail), and
gives no finding once read as a document; each positive gives its indicator, with the
word for work in the sentence itself or in the sentence before it. All sentences are
written for these tests. The last test holds the false hits on the development half
of the general-news pages (bench/indicators.py `news_half`) under the floor in
tests/data/floors.json.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from indicia.extract.indicators import (
    IndicatorOptions,
    find_indicators,
    load_lexicons,
    match_sentence,
)
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument
from shared_inputs import floors, require

NOT_LABOUR = [
    ("en", "Riot police beat protesters outside parliament on Saturday night."),
    ("en", "Two soldiers were held captive for weeks after the ambush near the border."),
    ("en", "The suspect was kept under constant surveillance by detectives for a month."),
    ("en", "The senator said she was threatened with violence after the vote."),
    ("en", "The patient was kept in isolation in a separate ward."),
    ("de", "Die Polizei hat mehrere Demonstranten vor dem Rathaus geschlagen."),
    ("de", "Der Bürgermeister wurde nach der Wahl im Internet bedroht."),
    ("de", "Die Infizierten wurden isoliert, damit sich das Virus nicht ausbreitet."),
    ("fr", "Le député a été menacé de mort sur les réseaux sociaux."),
    ("fr", "Le village est resté isolé pendant trois jours après la tempête."),
    ("es", "El alcalde fue amenazado por un grupo criminal tras las elecciones."),
    ("it", "Il giornalista è stato minacciato più volte da un clan locale."),
    ("pt", "O deputado foi ameaçado de morte nas redes sociais."),
    ("ru", "Депутату угрожали расправой после выборов."),
    ("zh", "警察在广场上殴打了抗议者。"),
    ("zh", "这名政客在网上受到了威胁。"),
    ("ja", "警察がデモの参加者を殴打した。"),
    ("ko", "경찰이 시위대를 폭행했다는 주장이 나왔다."),
    ("ar", "تلقى الصحفي تهديدات بعد نشر تقريره عن الانتخابات."),
]

# a sentence about work in each language, with no indicator in it: set after a negative,
# it gives the page a labour context without being the sentence before the cue
ELSEWHERE = {
    "en": "Elsewhere in the city, factory workers asked their employer for higher wages.",
    "de": "Anderswo in der Stadt forderten Fabrikarbeiter von ihrem Arbeitgeber höhere Löhne.",
    "fr": "Ailleurs, les ouvriers d'une usine ont demandé des salaires plus élevés.",
    "es": "En otra zona, los trabajadores de una fábrica pidieron salarios más altos.",
    "it": "Altrove, gli operai di una fabbrica hanno chiesto salari più alti.",
    "pt": "Noutra cidade, os trabalhadores de uma fábrica pediram salários mais altos.",
    "ru": "В другом городе рабочие завода потребовали повысить зарплату.",
    "zh": "另外，一家工厂的工人要求提高工资。",
    "ja": "一方、工場の労働者たちは賃金の引き上げを求めた。",
    "ko": "한편 공장 노동자들은 임금 인상을 요구했다.",
    "ar": "وفي مدينة أخرى طالب عمال المصانع بزيادة الأجور.",
}

LABOUR = [
    (
        "en",
        "The factory hired forty workers from abroad. "
        "Several of them were beaten when they asked to rest.",
        "physical_sexual_violence",
    ),
    (
        "en",
        "Recruiters promised the women jobs as hotel workers. "
        "They were locked in a house and told they owed a debt.",
        "restriction_of_movement",
    ),
    (
        "de",
        "Die Arbeiter auf der Baustelle sagten, der Vorarbeiter habe ihnen mit "
        "Abschiebung gedroht.",
        "intimidation_threats",
    ),
    (
        "fr",
        "Les ouvriers du chantier ont été menacés de renvoi dans leur pays s'ils se plaignaient.",
        "intimidation_threats",
    ),
    (
        "es",
        "Los trabajadores de la finca dijeron que el capataz los amenazaba con "
        "deportarlos si pedían su salario.",
        "intimidation_threats",
    ),
    (
        "zh",
        "工厂里的工人说，工头经常殴打他们。",
        "physical_sexual_violence",
    ),
    (
        "ko",
        "공장 노동자들은 관리자에게 폭행을 당했다고 말했다.",
        "physical_sexual_violence",
    ),
    (
        "ja",
        "工場の労働者たちは、上司から暴行を受けたと訴えた。",
        "physical_sexual_violence",
    ),
]


def _document(language: str, text: str) -> CleanDocument:
    return CleanDocument(document_id="d", text=text, language=language)


@pytest.mark.parametrize(("language", "text"), NOT_LABOUR, ids=lambda x: str(x)[:30])
def test_violence_and_threats_outside_work_are_not_evidence(language: str, text: str) -> None:
    cues = [
        m for m in match_sentence(text, True, load_lexicons()[language]) if m.blocked_by is None
    ]
    assert cues, "the sentence must hold a cue, or the test proves nothing"
    page = f"{text}\n\n{ELSEWHERE[language]}"
    assert not find_indicators(_document(language, page), split_sentences(page))
    # without the rule the same page gives a finding: the rule is what keeps it out
    ungated = IndicatorOptions(labour_window=None, model=False)
    assert find_indicators(_document(language, page), split_sentences(page), ungated)


@pytest.mark.parametrize(("language", "text", "code"), LABOUR, ids=lambda x: str(x)[:30])
def test_the_same_harms_done_to_workers_are_evidence(language: str, text: str, code: str) -> None:
    hits = find_indicators(_document(language, text), split_sentences(text))
    assert code in {h.code for h in hits}
    for h in hits:
        assert text[h.evidence.start : h.evidence.end] == h.evidence.quote


def test_the_sentence_before_counts_but_not_one_further_back() -> None:
    worker = "The men were hired to work on the fishing boats."
    harm = "Several of them were beaten when they asked to rest."
    filler = "The weather turned cold in the autumn."
    near = f"{worker} {harm}"
    far = f"{worker} {filler} {harm}"
    options = IndicatorOptions(model=False)
    assert find_indicators(_document("en", near), split_sentences(near), options)
    assert not [
        h
        for h in find_indicators(_document("en", far), split_sentences(far), options)
        if h.evidence.quote == harm
    ]


# ------------------------------------------------------------- general news


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "indicators.py"
    spec = importlib.util.spec_from_file_location("indicia_bench_indicators", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def test_false_hits_on_general_news_stay_under_the_floor(benchdata_dir: Path) -> None:
    require(benchdata_dir / "article-extraction" / "ground-truth.json")
    require(benchdata_dir / "trafilatura-eval" / "evaldata.json")
    bench = _bench()
    sentences = hits = 0
    for pages in bench.development_news().values():
        n, found, _ = bench.false_hits(find_indicators, pages)
        sentences += n
        hits += len(found)
    assert sentences > 10_000
    rate = 1000 * hits / sentences
    assert rate <= floors("indicator_news")["false_hits_per_1000_development"], rate
