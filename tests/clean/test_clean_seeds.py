"""The clean stage on the five real seeds, read from ../shared/seeds at run time.

Expectations name article paragraphs and chrome by a few opening words only, so
no sentence of the seeds is copied here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clean_builders import seed_document

from indicia.clean import clean_documents
from indicia.clean.normalise import normalise_text
from indicia.clean.units import is_sentence, repeat_key
from indicia.records import CleanDocument


@pytest.fixture(scope="module")
def cleaned(seed_paths: list[Path]) -> dict[str, CleanDocument]:
    documents = [seed_document(p) for p in seed_paths]
    return {p.name[:3]: c for p, c in zip(seed_paths, clean_documents(documents), strict=True)}


@pytest.fixture(scope="module")
def sources(seed_paths: list[Path]) -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in seed_paths}


def paragraphs(document: CleanDocument) -> list[str]:
    return [document.text[s.start : s.end] for s in document.paragraphs]


# ------------------------------------------------------------------ seed 004

# The opening words of each of seed 004's article paragraphs, in order (headline first).
ARTICLE_004 = [
    "North Koreans ‘worked like slaves’",
    "Thousands of North Koreans are reportedly",
    "The shortage stems from",
    "Moscow has already relied on",
    "A number of North Korean workers",
    "North Korea has been a staunch",
    "But beyond a limited military role",
    "South Korean intelligence officials told",
    "Labourers who managed to escape",
    "One construction worker said",
    "Another defector said his hands",
    "And a third labourer recalled",
    "Labourers reported living in",
    "The UN banned countries taking",
    "The defectors, who were able",
    "Such accounts are rare",
]

# Chrome of seed 004 by kind: a fragment of each removed line.
CHROME_004 = {
    "login_form": ["用户名/邮箱", "登录密码", "验证码", "看不清?换一张", "欢迎访问"],
    "breadcrumb": ["您的位置"],
    "dateline": ["2025-08-12 00:00:00.0"],
    "donation_appeal": [
        "Your support helps us",
        "Support Now",
        "is on the ground when the story",
        "we need reporters on the ground",
        "is trusted by Americans",
        "Your support makes all",
        "Read more",
    ],
    "recommended": ["RECOMMENDED", "Sonya Massey", "photography brand"],
    "undo": ["Undo"],
    "sponsored": ["SponsoredSponsored", "Powered by Taboola", "Nickel Monopoly", "RIU Hotels"],
    "image_caption": ["open image in gallery", "(AFP via Getty Images)"],
    "tags": ["标签"],
    "keywords": ["关键词"],
    "navigation": ["滚动新闻"],
}


@pytest.mark.parametrize("opening", ARTICLE_004)
def test_seed_004_keeps_every_article_paragraph(
    cleaned: dict[str, CleanDocument], opening: str
) -> None:
    starts = [p for p in paragraphs(cleaned["004"]) if p.startswith(opening)]
    assert len(starts) == 1, f"article paragraph starting {opening!r} missing or repeated"


def test_seed_004_is_exactly_the_article(cleaned: dict[str, CleanDocument]) -> None:
    kept = paragraphs(cleaned["004"])
    assert len(kept) == len(ARTICLE_004)
    for paragraph, opening in zip(kept, ARTICLE_004, strict=True):
        assert paragraph.startswith(opening)
    assert kept[-1].endswith("become ever tighter.")


@pytest.mark.parametrize(
    ("kind", "fragment"), [(k, f) for k, fragments in CHROME_004.items() for f in fragments]
)
def test_seed_004_chrome_is_removed_with_its_kind(
    cleaned: dict[str, CleanDocument], kind: str, fragment: str
) -> None:
    document = cleaned["004"]
    assert fragment not in document.text
    assert any(r.kind == kind and fragment in r.text for r in document.removals), (kind, fragment)


def test_seed_004_every_article_sentence_of_the_source_is_kept(
    cleaned: dict[str, CleanDocument], sources: dict[str, str]
) -> None:
    """Every source line that starts like an article paragraph survives whole."""
    document = cleaned["004"]
    for line in sources["004"].splitlines():
        text = normalise_text(line)
        if any(text.startswith(opening) for opening in ARTICLE_004):
            assert text in document.text


def test_seed_004_title_is_the_headline(cleaned: dict[str, CleanDocument]) -> None:
    title = cleaned["004"].title
    assert title is not None and title.startswith(ARTICLE_004[0])


# --------------------------------------------------------- seeds 000 to 003


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_no_paragraph_appears_twice(cleaned: dict[str, CleanDocument], seed: str) -> None:
    keys = [repeat_key(p) for p in paragraphs(cleaned[seed])]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_no_article_sentence_is_lost(
    cleaned: dict[str, CleanDocument], sources: dict[str, str], seed: str
) -> None:
    document = cleaned[seed]
    for line in sources[seed].splitlines():
        text = normalise_text(line.lstrip("#"))
        if is_sentence(text):
            assert text in document.text, text[:60]


@pytest.mark.parametrize(
    ("seed", "titles", "paragraph_repeats"),
    [("000", 1, 3), ("002", 1, 6)],
)
def test_repeats_are_collapsed(
    cleaned: dict[str, CleanDocument], seed: str, titles: int, paragraph_repeats: int
) -> None:
    kinds = [r.kind for r in cleaned[seed].removals]
    assert kinds.count("repeated_title") == titles
    assert kinds.count("repeated_paragraph") == paragraph_repeats
    assert cleaned[seed].repeated_paragraphs == titles + paragraph_repeats


def test_seed_000_heading_marks_are_gone(cleaned: dict[str, CleanDocument]) -> None:
    document = cleaned["000"]
    assert "#" not in document.text
    assert document.title is not None and document.title.startswith("North Korean Workers Face")
    assert [r.kind for r in document.removals].count("markup") == 2


def test_seed_002_title_is_the_repeated_headline(cleaned: dict[str, CleanDocument]) -> None:
    title = cleaned["002"].title
    assert title is not None and title.startswith("North Korean Laborers Face")


def test_seed_001_has_nothing_to_remove(cleaned: dict[str, CleanDocument]) -> None:
    assert cleaned["001"].removals == ()
    assert cleaned["001"].title is None  # it opens with a sentence, not a headline


def test_seed_003_loses_its_category_list_but_keeps_section_headings(
    cleaned: dict[str, CleanDocument], sources: dict[str, str]
) -> None:
    document = cleaned["003"]
    assert not re.search(r"^- ", document.text, re.M)
    assert "Recently Added" not in document.text
    assert "Categories" not in document.text
    kinds = {r.kind for r in document.removals}
    assert kinds == {"navigation", "category_list"}
    bullets = [line for line in sources["003"].splitlines() if line.startswith("- ")]
    assert sum(1 for r in document.removals if r.kind == "category_list") == len(bullets) + 1
    # Section headings are article structure: they stay as paragraphs of their own.
    for heading in ("A Partnership Born from War", "The Human Commodity", "Next Stop: Donbas?"):
        assert heading in paragraphs(document)
    assert paragraphs(document)[-1].startswith("Specialists contend")


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_removal_offsets_point_at_the_removed_text(
    cleaned: dict[str, CleanDocument], sources: dict[str, str], seed: str
) -> None:
    content = sources[seed]
    for removal in cleaned[seed].removals:
        assert removal.source_start is not None and removal.source_end is not None
        assert normalise_text(content[removal.source_start : removal.source_end]) == removal.text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_segments_are_exact(
    cleaned: dict[str, CleanDocument], sources: dict[str, str], seed: str
) -> None:
    """The seeds need no character changed, so every segment is a verbatim copy."""
    document = cleaned[seed]
    covered = 0
    for s in document.segments:
        assert (
            document.text[s.clean_start : s.clean_end]
            == sources[seed][s.source_start : s.source_end]
        )
        covered += s.clean_end - s.clean_start
    assert covered == sum(p.end - p.start for p in document.paragraphs)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_cleaning_cleaned_text_removes_nothing(
    cleaned: dict[str, CleanDocument], seed: str
) -> None:
    from clean_builders import text_document

    again = clean_documents([text_document(cleaned[seed].text)])[0]
    assert again.text == cleaned[seed].text
    assert again.removals == ()
