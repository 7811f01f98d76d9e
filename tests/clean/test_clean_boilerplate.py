"""The line classifier, rule by rule, on short texts written for these tests."""

from __future__ import annotations

import pytest

from indicia.clean.boilerplate import Cues, classify, load_cues
from indicia.clean.lines import split_units
from indicia.data import load_json

ARTICLE = "Officials in the port city said on Tuesday that the new ferry line would open in spring."
ARTICLE_2 = "The operator expects about two thousand passengers a day once the route is running."


def kinds(text: str) -> list[tuple[str, str | None]]:
    units = split_units(text)
    return [(u.text, k) for u, k in zip(units, classify(units), strict=True)]


def kind_of(line: str) -> str | None:
    """The kind of `line` when it sits between two article paragraphs."""
    result = dict(kinds(f"{ARTICLE}\n{line}\n{ARTICLE_2}"))
    assert result[ARTICLE] is None and result[ARTICLE_2] is None
    return result[split_units(line)[0].text]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Undo", "undo"),
        ("SponsoredSponsored", "sponsored"),
        ("Sponsored", "sponsored"),
        ("Powered by TaboolaPowered by Taboola", "sponsored"),
        ("Advertisement", "sponsored"),
        ("open image in gallery", "image_caption"),
        ("Read more", "navigation"),
        ("Skip to content", "navigation"),
        ("滚动新闻", "navigation"),
        ("Share this article", "share_buttons"),
        ("Support Now", "donation_appeal"),
        ("Username", "login_form"),
        ("用户名/邮箱", "login_form"),
        ("看不清?换一张", "login_form"),
        ("您好,欢迎访问! [ 登录 | 注册 ]", "login_form"),
        ("您的位置:首页 - 国际新闻", "breadcrumb"),
        ("You are here: Home > World > Asia", "breadcrumb"),
        ("Home > World > Asia", "breadcrumb"),
        ("首页 > 财经", "breadcrumb"),
        ("标签:国际", "tags"),
        ("Tags: ferries, harbours, transport", "tags"),
        ("关键词: ferry port transport", "keywords"),
        ("Keywords: ferry, port", "keywords"),
        ("Filed under: Transport", "category_list"),
        ("Photo: Harbour Authority", "image_credit"),
        ("(Reuters)", "image_credit"),
        ("A ferry leaves the old harbour at dawn (AFP via Getty Images)", "image_caption"),
        ("A ferry at the quay, 3 May 2024(EPA-EFE)", "image_caption"),
        ("2024-05-03 08:30:00.0   某某日报   原网页", "dateline"),
        ("2024/05/03", "dateline"),
        ("03.05.2024 14:20", "dateline"),
        ("Harbour Gazette | 2024-05-03", "dateline"),
        ("3 May 2024", "dateline"),
        ("May 3, 2024 at 10:00", "dateline"),
        ("Published: 3 May 2024", "dateline"),
        ("发布时间:2024-05-03", "dateline"),
        ("Harbour Gazette staff, Port Town · 3 May 2024", "dateline"),
        ("*Harbour Gazette, May 3, 2024*", "dateline"),
        ("Ads by SomeNetwork", "sponsored"),
        ("More news", "navigation"),
        ("Give Now", "donation_appeal"),
        ("###", "markup"),
        ("* * *", "markup"),
    ],
)
def test_single_line_cues(line: str, kind: str) -> None:
    assert kind_of(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        # Sentences that share words with cues stay article text.
        "The minister said she would register the new company before the vote.",
        "Reporters were told the password to the site had been leaked.",
        "He made a donation to the harbour museum last year.",
        "Thanks to the support of residents, the line reopened in May.",
        "The report was published on 3 May 2024 by the port authority.",
        "Readers of the local paper had asked for the timetable for months.",
        "Photographs taken by the crew show the hull was damaged (see below).",
        "Home ports along the coast have seen fewer ships this year.",
        "The Kursk region has been hit repeatedly, according to local officials.",
        # Headings and short lines that are not chrome.
        "The Ferry That Never Sailed",
        "Next Stop: The Islands?",
        "Why it matters",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert kind_of(line) is None


def test_recommended_block_runs_until_the_article_resumes() -> None:
    text = "\n".join(
        [
            ARTICLE,
            "Recommended",
            "Storm closes coastal road for a second week",
            "Undo",
            "Local bakery wins national bread prize",
            "Undo",
            "Cheap flights to sunny islands Travel Deals |",
            "Sponsored",
            ARTICLE_2,
        ]
    )
    result = kinds(text)
    assert [k for _, k in result] == [
        None,
        "recommended",
        "recommended",
        "undo",
        "recommended",
        "undo",
        "sponsored",
        "sponsored",
        None,
    ]


def test_recommended_heading_alone_takes_no_article_text() -> None:
    result = kinds(f"Related articles\n{ARTICLE}\n{ARTICLE_2}")
    assert [k for _, k in result] == ["recommended", None, None]


def test_donation_appeal_block_needs_two_appeal_lines() -> None:
    appeal = "\n".join(
        [
            ARTICLE,
            "Your support helps our newsroom",
            "Support Now",
            "We send our reporters where the story is, and we never put our journalism behind a "
            "wall: readers like you keep it free for everyone who needs it.",
            "Read more",
            ARTICLE_2,
        ]
    )
    assert [k for _, k in kinds(appeal)] == [None] + ["donation_appeal"] * 4 + [None]
    lone = f"{ARTICLE}\nThe mayor thanked everyone for your support at the opening.\n{ARTICLE_2}"
    assert [k for _, k in kinds(lone)] == [None, None, None]
    worded_otherwise = "\n".join(
        [
            "Good reporting needs you",
            "Give Now",
            "We keep our stories free of any paywall because readers chip in.",
            "Your gift makes the difference.",
            ARTICLE,
        ]
    )
    assert [k for _, k in kinds(worded_otherwise)] == ["donation_appeal"] * 4 + [None]


@pytest.mark.parametrize(
    "form",
    [
        ["账号/邮箱", "密码", "记住我 忘记密码?"],
        ["Username or email", "Password", "Log in | Register"],
        ["Email address", "Forgot your password?"],
    ],
)
def test_login_forms_are_runs_of_short_cue_lines(form: list[str]) -> None:
    result = kinds("\n".join([*form, ARTICLE]))
    assert [k for _, k in result] == ["login_form"] * len(form) + [None]


@pytest.mark.parametrize("line", ["Password leak hits harbour bank", "How to register a boat"])
def test_one_short_line_with_a_login_word_is_not_a_form(line: str) -> None:
    assert kind_of(line) is None


def test_gallery_control_takes_the_caption_after_it() -> None:
    text = f"{ARTICLE}\nopen image in gallery\nThe new ferry moored at the east quay\n{ARTICLE_2}"
    assert [k for _, k in kinds(text)] == [None, "image_caption", "image_caption", None]


def test_widget_heading_takes_its_list() -> None:
    text = "\n".join([ARTICLE, "Recent Posts", "Categories", "- Travel", "- Harbours", "- Weather"])
    assert [k for _, k in kinds(text)] == [
        None,
        "navigation",
        "category_list",
        "category_list",
        "category_list",
        "category_list",
    ]


def test_article_bullets_without_a_widget_heading_stay() -> None:
    text = "\n".join([ARTICLE, "- two new ferries", "- a longer quay", ARTICLE_2])
    assert [k for _, k in kinds(text)] == [None, None, None, None]


def test_widget_heading_followed_by_prose_is_not_a_widget() -> None:
    text = "\n".join(["Categories", ARTICLE])
    assert [k for _, k in kinds(text)] == [None, None]


def test_cues_are_data() -> None:
    data = load_json("boilerplate.json")
    assert set(data["exact_lines"]) >= {"undo", "sponsored", "login_form", "navigation"}
    # Another cue list changes the result without touching code.
    custom = Cues.from_data({**data, "exact_lines": {**data["exact_lines"], "undo": ["Revert"]}})
    units = split_units(f"{ARTICLE}\nRevert")
    assert classify(units, custom)[1] == "undo"
    assert classify(units, load_cues())[1] is None


def test_a_punctuation_only_cue_matches_nothing() -> None:
    data = load_json("boilerplate.json")
    custom = Cues.from_data({**data, "exact_lines": {**data["exact_lines"], "undo": ["?!"]}})
    units = split_units(f"{ARTICLE}\n—\n{ARTICLE_2}")
    assert classify(units, custom) == [None, None, None]
