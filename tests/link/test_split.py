"""Splitting stories whose documents agree too little with each other (link/split.py)."""

from __future__ import annotations

from collections.abc import Callable

from indicia.link.split import SPLIT_COSINE, split_stories


def _story_for(doc: str) -> str:
    return f"s-{doc}"


def _similarity(table: dict[frozenset[str], float]) -> Callable[[str, str], float]:
    def similarity(a: str, b: str) -> float:
        return table.get(frozenset((a, b)), 0.0)

    return similarity


def test_pages_of_one_series_that_agree_on_little_are_split_apart() -> None:
    # Three press releases of one office on three orders: each close to the others only
    # through the office's wording, below the split threshold.
    low = SPLIT_COSINE / 2
    table = {
        frozenset(("r1", "r2")): low,
        frozenset(("r1", "r3")): low,
        frozenset(("r2", "r3")): low,
    }
    stories = {"s-r1": ["r1", "r2", "r3"]}
    out, splits = split_stories(
        stories, {}, _similarity(table), dict.fromkeys(["r1", "r2", "r3"], "en"), _story_for
    )
    assert out == {"s-r1": ["r1"], "s-r2": ["r2"], "s-r3": ["r3"]}
    assert splits["s-r2"].story == splits["s-r3"].story == "s-r1"
    assert splits["s-r2"].cosine == round(low, 3)


def test_reports_of_one_event_stay_together_and_a_stray_leaves() -> None:
    high = SPLIT_COSINE * 2
    table = {
        frozenset(("a", "b")): high,
        frozenset(("a", "c")): high,
        frozenset(("b", "c")): high,
        frozenset(("a", "x")): SPLIT_COSINE * 1.5,  # close to one of them only
    }
    docs = ["a", "b", "x", "c"]
    out, splits = split_stories(
        {"s-a": docs}, {}, _similarity(table), dict.fromkeys(docs, "de"), _story_for
    )
    # x agrees with a, but on average not with the group a, b, c.
    assert out == {"s-a": ["a", "b", "c"], "s-x": ["x"]}
    assert set(splits) == {"s-x"}


def test_a_copy_goes_with_its_original() -> None:
    table = {frozenset(("a", "b")): 0.0}
    docs = ["a", "b", "b-copy", "a-copy"]
    out, _ = split_stories(
        {"s-a": docs},
        {"b-copy": "b", "a-copy": "a"},
        _similarity(table),
        dict.fromkeys(docs, "fr"),
        _story_for,
    )
    assert out == {"s-a": ["a", "a-copy"], "s-b": ["b", "b-copy"]}


def test_a_story_in_several_languages_is_left_as_it_is() -> None:
    # Words cannot be compared across languages: what joined them was anchors.
    docs = ["en", "ja", "ko"]
    out, splits = split_stories(
        {"s-en": docs},
        {},
        _similarity({}),
        {"en": "en", "ja": "ja", "ko": "ko"},
        _story_for,
    )
    assert out == {"s-en": docs}
    assert splits == {}


def test_a_group_whose_id_is_taken_stays_in_its_story() -> None:
    # "b" started a story of its own that still exists: its group cannot take that id.
    docs = ["a", "b"]
    stories = {"s-a": docs, "s-b": ["other"]}
    languages = {"a": "en", "b": "en", "other": "en"}
    out, splits = split_stories(stories, {}, _similarity({}), languages, _story_for)
    assert out == {"s-a": ["a", "b"], "s-b": ["other"]}
    assert splits == {}
