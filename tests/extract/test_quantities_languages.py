"""Figures in every language we read: written here, in our own words, one sentence
per case (value, range, unit, rate period, qualifier)."""

from __future__ import annotations

import pytest

from indicia.extract.quantities import find_quantities
from indicia.records import Amount, CleanDocument, Quantity, SourceDocument, Span


def _figures(text: str, language: str | None) -> list[Quantity]:
    source = SourceDocument("d", "d", "", "text", content=text, language=language)
    found = find_quantities(source, CleanDocument("d", text, language=language),
                            [Span(0, len(text))])  # fmt: skip
    for q in found:
        assert text[q.surface_start : q.surface_end] == q.surface
    return list(found)


def _one(text: str, language: str | None) -> Quantity:
    found = _figures(text, language)
    assert len(found) == 1, [(q.surface, q.value, q.unit) for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("language", "text", "value", "low", "high", "unit", "per", "qualifier"),
    [
        ("de", "Laut dem Bericht starben mehr als 4.200 Arbeiter auf den Baustellen.",
         4200, None, None, "people", None, "over"),
        ("de", "Die Firma zahlte rund 1,5 Millionen Euro Strafe.",
         1.5e6, None, None, "EUR", None, "about"),
        ("de", "Die Näherinnen arbeiteten zwölf Stunden am Tag.",
         12, None, None, "hours", "day", None),
        ("fr", "Au moins 37 usines employaient ces ouvriers.",
         37, None, None, "count", None, "at least"),
        ("fr", "Ils touchaient environ 250 dollars par mois.",
         250, None, None, "USD", "month", "about"),
        ("fr", "Entre 300 et 800 millions d'euros ont été versés.",
         None, 3e8, 8e8, "EUR", None, None),
        # a number word, "de", its scale: about a hundred thousand
        ("fr", "Une centaine de milliers de travailleurs vivent dans la vallée.",
         1e5, None, None, "people", None, "about"),
        # the rate period after a verb
        ("fr", "Trois ouvriers meurent chaque semaine sur ce chantier.",
         3, None, None, "people", "week", None),
        # "in", "an", "die": a German sentence full of words English has too
        ("de", "In den Lagern in der Region lebten in diesem Jahr rund 6.000 Menschen.",
         6000, None, None, "people", None, "about"),
        ("es", "Más de 2.700 trabajadores migrantes fueron rescatados.",
         2700, None, None, "people", None, "over"),
        ("es", "La empresa pagó hasta 3,2 millones de dólares al año.",
         3.2e6, None, None, "USD", "year", "up to"),
        ("pt", "Cerca de 900 trabalhadores foram resgatados em 2022.",
         900, None, None, "people", None, "about"),
        ("it", "Almeno 14 aziende hanno usato questi lavoratori.",
         14, None, None, "count", None, "at least"),
        ("ru", "Более 3 тыс. рабочих жили в бараках.",
         3000, None, None, "people", None, "over"),
        ("ru", "Им платили около 40 000 рублей в месяц.",
         40000, None, None, "RUB", "month", "about"),
        ("ar", "توفي أكثر من 300 عامل في المواقع.",
         300, None, None, "people", None, "over"),
        ("ja", "工場では約450人の労働者が働いていた。",
         450, None, None, "people", None, "about"),
        ("ja", "彼らは日々10〜13時間働かされた。",
         None, 10, 13, "hours", "day", None),
        ("ja", "この事業は年間12億ドルの収入を生んだ。",
         1.2e9, None, None, "USD", "year", None),
        ("zh", "至少有3万名工人被转移到其他省份。",
         30000, None, None, "people", None, "at least"),
        ("zh", "该公司雇用了约60至90名工人。",
         None, 60, 90, "people", None, "about"),
        ("ko", "이 공장에서 600명이 넘는 노동자가 일했다.",
         600, None, None, "people", None, "over"),
        ("ko", "수출 규모는 약 2천톤에 달했다.",
         2000, None, None, "tonnes", None, "about"),
        ("ko", "이들은 하루 15시간 일했다.",
         15, None, None, "hours", "day", None),
        ("ko", "피해액은 1만 3천 달러였다.",
         13000, None, None, "USD", None, None),
        # a Sino-Korean numeral spelt in Hangul, before its counter
        ("ko", "그 지역에는 이십만명이 넘는 이주민이 산다.",
         200000, None, None, "people", None, "over"),
        ("ko", "그는 징역 6년 반을 선고받았다.",
         6.5, None, None, "years", None, None),
        # the people counted, written before their number at the end of the clause
        ("zh", "据估计，在该省工作的外籍工人超过五万。",
         50000, None, None, "people", None, "over"),
        ("zh", "法院判处他五年半有期徒刑。",
         5.5, None, None, "years", None, None),
        # a comma after a word is punctuation, not a digit group
        ("zh", "根据报告,对于某些职位,27 岁以下的应聘者必须未婚。",
         27, None, None, "years", None, "under"),
        # a bare number at a rate is a count
        ("ar", "يموت العمال بمعدل 12 كل أسبوع في المواقع.",
         12, None, None, "count", "week", None),
        # "of them": people
        ("fr", "Plus de cent mille d’entre eux travaillaient à l’étranger.",
         1e5, None, None, "people", None, "over"),
        ("es", "Más de 300 de ellos murieron en las obras.",
         300, None, None, "people", None, "over"),
        # an English noun phrase quoted in a Japanese page
        ("ja", "見出しは「83 global companies named」だった。",
         83, None, None, "count", None, None),
        # an English magnitude in an English phrase quoted in a Spanish page
        ("es", "El informe cita la frase «it raised $4.2 million in fees».",
         4.2e6, None, None, "USD", None, None),
    ],
)  # fmt: skip
def test_figures_in_other_languages(
    language: str,
    text: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str,
    per: str | None,
    qualifier: str | None,
) -> None:
    q = _one(text, language)
    assert (q.value, q.low, q.high, q.unit, q.per, q.qualifier) == (
        value, low, high, unit, per, qualifier
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ja", "2021年3月15日に報告書が公開された。"),  # a date
        ("zh", "这家公司成立于2015年。"),  # a year
        ("de", "Am 3. Februar 2021 erschien der Bericht."),  # a date
        ("fr", "Des milliers de personnes ont fui."),  # vague
        ("ko", "수천 명이 고향을 떠났다."),  # vague
        ("es", "Una empresa contrató a un trabajador."),  # "a", "one"
        # Hangul syllables that spell numerals inside ordinary words
        ("ko", "그는 사명감으로 일했다."),
        ("ko", "오만한 태도로 천명했다."),
        ("ko", "수십만 명이 거리로 나왔다."),  # vague
        ("de", "Er bestätigte den Tod von mehreren Hundert Gastarbeitern."),  # vague
        ("fr", "Plusieurs centaines d'ouvriers ont fui."),  # vague
    ],
)
def test_not_figures_in_other_languages(language: str, text: str) -> None:
    assert _figures(text, language) == []


def test_an_english_sentence_in_another_language_is_read_by_the_english_rules() -> None:
    q = _one("The report says that over 1,200 workers were held at the site.", "ja")
    assert (q.value, q.unit, q.qualifier) == (1200, "people", "over")


def test_bracketed_amount_in_another_currency_is_an_alternative() -> None:
    q = _one("彼らの月給は平均で400ドル(約5万8000円)だった。", "ja")
    assert (q.value, q.unit, q.per) == (400, "USD", "month")
    assert q.alternative_amounts == (Amount("約5万8000円", 58000, None, None, "JPY"),)


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        ("The scheme earned $12.9bn for the state.", 12.9e9, None, None, "USD"),
        ("Its assets reached $1.5 trillion.", 1.5e12, None, None, "USD"),
        ("Officials seized £3.4m in cash.", 3.4e6, None, None, "GBP"),
        ("Fees ranged between 1,200 and 2,300 million dollars.", None, 1.2e9, 2.3e9, "USD"),
    ],
)
def test_magnitudes_of_money(
    text: str, value: float | None, low: float | None, high: float | None, unit: str
) -> None:
    q = _one(text, "en")
    assert (q.value, q.low, q.high, q.unit) == (value, low, high, unit)


def test_one_figure_in_two_currencies() -> None:
    q = _one("Recruits were promised $300-$450 (£240-£360) a month.", "en")
    assert (q.low, q.high, q.unit, q.per) == (300, 450, "USD", "month")
    assert q.alternative_amounts == (Amount("£240-£360", None, 240, 360, "GBP"),)
    q = _one("A welder earned 70,000 roubles a month, about $760, on paper.", "en")
    assert (q.value, q.unit, q.per) == (70000, "RUB", "month")
    assert q.alternative_amounts == (Amount("$760", 760, None, None, "USD"),)
    q = _one("Recruiters charged 15,000 to 30,000 Icelandic krónur each.", "en")
    assert (q.low, q.high, q.unit) == (15000, 30000, "ISK")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("50) Recent reports said 3,000 workers fled.", None),  # a citation marker
        ("[12] Researchers found 70 factories.", "researchers"),
        ("3 March 2024 - Investigators said 400 workers were unpaid.", "investigators"),
        ("Another man said he worked 16 hours a day.", None),  # vague
        ("One worker said the fee was $900.", None),
        ("He said 200 people were held.", None),  # a bare pronoun
        ("Laut Amnesty International starben mehr als 300 Arbeiter.", "Amnesty International"),
        ("Selon l’Organisation internationale du travail, 2 000 ouvriers sont partis.",
         "Organisation internationale du travail"),
        ("Según la OIT, más de 2.700 trabajadores fueron rescatados.", "OIT"),
        ("По данным Amnesty International, более 3 тыс. рабочих погибли.",
         "Amnesty International"),
        ("国際労働機関によると、約450人が働いていた。", "国際労働機関"),
        ("据美国国务院估计,超过3万名工人在中国工作。", "美国国务院"),
        ("국제노동기구에 따르면 600명이 일했다.", "국제노동기구"),
        ("Laut dem Bericht starben 300 Arbeiter.", None),  # "the report" names nobody
    ],
)  # fmt: skip
def test_who_gives_the_figure(text: str, speaker: str | None) -> None:
    languages = {"Laut": "de", "Selon": "fr", "Según": "es", "По": "ru"}
    found = _figures(text, languages.get(text.split()[0]))
    assert found
    assert found[0].attributed_to == speaker


def test_a_german_sentence_full_of_in_is_read_by_german_rules() -> None:
    # "in" is a German word too: four of them do not make the sentence English, so
    # "40.000" groups thousands the German way.
    text = (
        "Nach Angaben der Behörde wurden in den Jahren in der Region rund 40.000 "
        "Arbeiter in Lagern in andere Städte gebracht."
    )
    figure = _one(text, "de")
    assert figure.value == 40000
    assert figure.qualifier == "about"


def test_an_english_sentence_quoted_in_a_german_page_keeps_english_rules() -> None:
    text = "The report said that 1,200 of the workers were paid less than $300 a month."
    values = sorted(q.value or 0 for q in _figures(text, "de"))
    assert values == [300, 1200]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Stand 2021-04 Mehrere Firmen beziehen Ware aus der Region."),
        ("fr", "mis à jour 2019/11 Plusieurs entreprises achètent ces produits."),
        ("ja", "更新 2023-05 複数の企業が製品を輸入した。"),
    ],
)
def test_a_month_written_as_digits_after_a_year_is_no_figure(language: str, text: str) -> None:
    assert [(q.surface, q.value) for q in _figures(text, language)] == []


def test_two_digits_after_a_year_that_can_end_a_range_are_not_taken_for_a_month() -> None:
    from indicia.extract.figures import year_month_spans

    text = "Bilanz 2011-12 und Stand 2022-03"
    assert [text[s:e] for s, e in year_month_spans(text, 0, len(text))] == ["2022-03"]


def test_a_noun_after_a_preposition_is_not_what_a_figure_counts() -> None:
    # ten floors for the labourers: the figure counts floors, not people
    for language, text in [
        ("es", "Construyeron un edificio de diez plantas para los obreros."),
        ("fr", "Ils ont bâti douze dortoirs pour les ouvriers."),
        ("de", "Sie bauten zwölf Baracken für die Arbeiter."),
    ]:
        assert all(q.unit != "people" for q in _figures(text, language)), text


@pytest.mark.parametrize(
    ("language", "text", "measure"),
    [
        ("es", "Más de 3 200 trabajadores han perdido la vida en las obras.", "deaths"),
        ("fr", "Quelque 1 400 travailleurs sont décédés sur les chantiers.", "deaths"),
        ("it", "Almeno 260 lavoratori sono morti nei cantieri.", "deaths"),
        ("ja", "現場では労働者350人が死亡した。", "deaths"),
        ("es", "La fábrica emplea a unos 300 trabajadores.", "workers employed"),
        ("fr", "Environ 500 ouvriers travaillent dans ces usines.", "workers employed"),
    ],
)
def test_a_word_for_workers_is_not_a_cue_that_they_are_employed(
    language: str, text: str, measure: str
) -> None:
    # The noun "trabajadores", "travailleurs", "lavoratori", "労働者" names who is
    # counted; only a verb of work says the figure counts people employed.
    assert _one(text, language).measure == measure


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        # German: the source is a noun phrase; the verb after it is not part of it
        ("de", "Laut Anklageschrift hatte die Firma 40 Arbeiter eingestellt.", "Anklageschrift"),
        ("de", "Laut der Zählung des Arbeitsministeriums gibt es 120 Lager.",
         "Zählung des Arbeitsministeriums"),
        ("de", "Nach Angaben von Human Rights Watch arbeiteten dort 900 Menschen.",
         "Human Rights Watch"),
        # "zufolge" follows its source
        ("de", "Den Gerichtsakten zufolge schickte sie 60 Laptops ins Ausland.", "Gerichtsakten"),
        ("de", "Einer Studie zufolge profitieren 30 Firmen von der Arbeit.", None),  # "a study"
        ("de", "Schätzungen zufolge sollen 5.000 Menschen dort leben.", None),
        # a date before the source, a date inside it
        ("ko", "5일(현지시간) 국제노동기구에 따르면 600명이 일했다.", "국제노동기구"),
        ("zh", "根据劳工部2023年公布的数据,共有3000名工人。", "劳工部"),
        # "the report" after "according to" is a noun, not a reporting verb
        ("en", "According to the report, 400 workers were unpaid.", None),
    ],
)  # fmt: skip
def test_who_gives_the_figure_is_the_source_phrase_alone(
    language: str, text: str, speaker: str | None
) -> None:
    found = _figures(text, language)
    assert found, text
    assert found[0].attributed_to == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the subject is before a relative clause that holds commas of its own
        ("The charge sheet, which names Tom Ray, Bo Li, and Ann Wu as helpers, "
         "alleges that 300 firms hired them.", None),
        ("Amnesty International, which spoke to Rui, Tomas, and Ana, said 70 workers died.",
         "Amnesty International"),
        # a nationality alone names no one; with a role it names a government's people
        ("The British portal claimed that 12 workers died each week.", None),
        ("US officials said 40 workers were held.", "US"),
    ],
)  # fmt: skip
def test_who_gives_an_english_figure(text: str, speaker: str | None) -> None:
    found = _figures(text, "en")
    assert found, text
    assert found[0].attributed_to == speaker


@pytest.mark.parametrize(
    ("language", "text", "counted", "measure"),
    [
        # the noun after a counter, ended by a linking character or a particle, is what
        # the figure counts: a count of regions is no count of factories
        ("zh", "调查发现5个地区的18家工厂雇用了这些工人。", "地区", ""),
        ("ko", "조사단은 5개 지역에 있는 공장을 찾았다.", "지역", ""),
        ("ja", "調査では5つの工場で働かされていたという。", "工場", "factories"),
    ],
)
def test_the_noun_after_a_counter_is_what_it_counts(
    language: str, text: str, counted: str, measure: str
) -> None:
    q = next(q for q in _figures(text, language) if q.value == 5)
    assert (q.counted, q.measure) == (counted, measure)


def test_a_counter_before_a_longer_phrase_or_a_verb_reads_no_noun() -> None:
    found = _figures("工場を12ヶ所確認している。", "ja")
    assert [(q.value, q.counted) for q in found] == [(12, None)]


def test_a_latin_unit_ends_at_a_korean_particle() -> None:
    q = _one("수출 물량은 약 350t에 달했다.", "ko")
    assert (q.value, q.unit, q.qualifier) == (350, "tonnes", "about")


def test_a_count_word_ending_the_phrase_after_no_is_what_a_number_counts() -> None:
    q = _one("少なくとも40の国際的なブランドが関わっていた。", "ja")
    assert (q.value, q.unit, q.qualifier) == (40, "count", "at least")
    assert q.counted == "国際的なブランド"
    assert q.surface == "少なくとも40"
    assert _figures("その2の理由を述べた。", "ja") == []


def test_a_qualifier_after_a_counter_is_no_counted_noun() -> None:
    # "100개 이상의 기업": over 100 companies, not 100 of "이상"
    q = _one("그들은 100개 이상의 기업에 취업했다.", "ko")
    assert (q.value, q.qualifier, q.counted, q.measure) == (100, "over", None, "companies")
    q = _one("이들 세 회사에서 일하는 노동자가 많다.", "ko")
    assert q.surface == "세 회사" and q.unit == "count"


def test_a_reward_is_named_in_any_language() -> None:
    for language, text in (
        ("en", "The department offered a reward of up to $5 million for information."),
        ("ko", "국무부는 최대 500만달러의 현상금을 걸었다."),
        ("ja", "国務省は最高500万ドルの報奨金を出している。"),
        ("es", "Ofrecen una recompensa de hasta 5 millones de dólares."),
    ):
        q = _one(text, language)
        assert (q.value, q.unit, q.measure) == (5e6, "USD", "reward offered"), text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ko", "북한 노동자들은 하루 14시간 노동에 시달렸다."),
        ("es", "Los obreros cumplían jornadas de 16 horas."),
        ("ja", "日々12時間の労働を強いられた。"),
    ],
)
def test_hours_of_work_are_named_in_any_language(language: str, text: str) -> None:
    assert _one(text, language).measure == "shift length"


def test_a_word_for_workers_names_no_hours_of_work() -> None:
    # "労働者" holds "働": the workers are named, not their work
    assert _one("労働者は宿舎で24時間の監視を受けた。", "ja").measure == ""
