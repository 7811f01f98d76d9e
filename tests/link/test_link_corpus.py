"""The link stage end to end: seeds, incremental = batch, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicia.clean import clean_documents
from indicia.ingest import iter_documents
from indicia.link import LinkOptions, document_features, link_documents
from indicia.records import (
    CleanDocument,
    LinkFeatures,
    LinkResult,
    SourceDocument,
    from_dict,
    to_dict,
)


@pytest.fixture(scope="module")
def seeds(seed_paths: list[Path]) -> tuple[list[SourceDocument], list[CleanDocument]]:
    sources = list(iter_documents([str(p) for p in seed_paths]))
    return sources, clean_documents(sources)


def _doc(doc_id: str, text: str) -> tuple[SourceDocument, CleanDocument]:
    source = SourceDocument(
        id=doc_id, source_path=doc_id, raw_sha256=doc_id, media_type="text", content=text
    )
    return source, CleanDocument(document_id=doc_id, text=text)


def _stories(result: LinkResult) -> dict[str, str]:
    return {d.document_id: d.story_id for d in result.documents}


def test_every_document_gets_one_link(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    result, _ = link_documents(sources, cleaned)
    assert [d.document_id for d in result.documents] == [c.document_id for c in cleaned]
    in_stories = sorted(d for s in result.stories for d in s.documents)
    assert in_stories == sorted(c.document_id for c in cleaned)


def test_seed_quotes_index_the_cleaned_text(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    result, _ = link_documents(sources, cleaned)
    texts = {c.document_id: c.text for c in cleaned}
    quotes = 0
    for link in result.documents:
        for d in link.derived_from:
            if d.start is not None and d.end is not None:
                assert texts[link.document_id][d.start : d.end] == d.evidence
                quotes += 1
    assert quotes >= 2  # one per credited outlet: 002 and 004 credit the BBC


def test_seeds_are_one_story_from_the_bbc(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    result, _ = link_documents(sources, cleaned)
    assert len(result.stories) == 1
    (story,) = result.stories
    assert len(story.documents) == 5
    # 003 retells most of 002, which credits the BBC: one original report, one source.
    assert [o.outlet for o in story.origins] == ["BBC"]
    assert story.independent_sources == 1
    assert len(story.origins[0].documents) == 5


def test_seed_provenance_chain(seeds: tuple[list[SourceDocument], list[CleanDocument]]) -> None:
    sources, cleaned = seeds
    result, _ = link_documents(sources, cleaned)
    links = {d.document_id: d for d in result.documents}
    independent = links[cleaned[4].document_id]
    assert independent.outlet == "The Independent"
    relations = {(d.relation, d.outlet) for d in independent.derived_from}
    assert ("copy", "The Independent") in relations
    assert ("cites", "BBC") in relations
    cites_bbc = links[cleaned[2].document_id]
    assert {(d.relation, d.outlet) for d in cites_bbc.derived_from} == {("cites", "BBC")}


def test_state_round_trips_through_json(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    import json

    sources, cleaned = seeds
    result, state = link_documents(sources, cleaned)
    again, _ = link_documents(sources, cleaned, json.loads(json.dumps(state)))
    assert to_dict(again) == to_dict(result)
    assert from_dict(LinkResult, to_dict(result)) == result


def test_incremental_equals_batch_on_seeds(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    import json

    sources, cleaned = seeds
    batch, batch_state = link_documents(sources, cleaned)
    state = None
    for n in range(1, len(cleaned) + 1):
        result, state = link_documents(sources[:n], cleaned[:n], state)
        state = json.loads(json.dumps(state))
    assert to_dict(result) == to_dict(batch)
    assert state == json.loads(json.dumps(batch_state))


def test_a_state_of_an_older_version_is_relinked_not_resumed(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    """A state saved by an older linker lacks what this one keeps (per-site template
    counts): resuming it would give other stories than a batch run, so it is ignored."""
    import json

    sources, cleaned = seeds
    batch, _ = link_documents(sources, cleaned)
    _, state = link_documents(sources[:2], cleaned[:2])
    old = json.loads(json.dumps(state))
    old["version"] = old["version"] - 1
    old.pop("sites", None)
    for document in old.get("documents", {}).values():
        document["story"] = "story-from-an-old-run"
    again, new_state = link_documents(sources, cleaned, old)
    assert to_dict(again) == to_dict(batch)
    assert new_state["version"] == state["version"]


def test_story_ids_are_stable_when_documents_are_added(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    first, state = link_documents(sources[:2], cleaned[:2])
    later, _ = link_documents(sources, cleaned, state)
    before, after = _stories(first), _stories(later)
    assert all(after[d] == before[d] for d in before)


def test_incremental_equals_batch_on_ecbplus(benchdata_dir: Path) -> None:
    """Two ECB+ topics (four real stories), linked at once and in uneven slices."""
    import json

    path = benchdata_dir / "ecbplus" / "docs.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["topic"] in (2, 5)]
    docs = [_doc(r["doc_id"], r["text"]) for r in rows]
    sources, cleaned = [s for s, _ in docs], [c for _, c in docs]
    batch, batch_state = link_documents(sources, cleaned)
    assert 2 <= len(batch.stories) < len(rows) // 2
    state = None
    start = 0
    for size in (1, 7, 3, 15, 2, 40, 100):
        stop = min(len(rows), start + size)
        result, state = link_documents(sources[:stop], cleaned[:stop], state)
        state = json.loads(json.dumps(state))
        start = stop
    assert start == len(rows)
    assert to_dict(result) == to_dict(batch)
    assert state == json.loads(json.dumps(batch_state))


def test_one_word_documents_are_not_linked_and_said_so() -> None:
    docs = [_doc(f"w{i}", word) for i, word in enumerate(["Hello", "Hello", "Russia"])]
    result, _ = link_documents([s for s, _ in docs], [c for _, c in docs])
    # An identical copy is still a copy, however short; the others stand alone.
    assert len(result.stories) == 2
    assert [d.duplicate_of for d in result.documents] == [None, "w0", None]
    assert any(
        "2 document(s) have fewer than 20 words" in note and "w0, w2" in note
        for note in result.notes
    )


def test_empty_input() -> None:
    result, state = link_documents([], [])
    assert result == LinkResult()
    assert state["documents"] == {}


TEXT = (
    "Thousands of workers from the north were sent to build apartment blocks in the far "
    "east of the country last winter. They worked eighteen hours a day and were watched "
    "by security agents. Most of their wages went to the state, and the rest was held "
    "back until they went home. Two of them escaped and described the camp to reporters."
)


def test_ten_thousand_identical_documents_collapse() -> None:
    docs = [_doc(f"copy{i:05d}", TEXT) for i in range(10_000)]
    result, state = link_documents([s for s, _ in docs], [c for _, c in docs])
    assert len(result.stories) == 1
    story = result.stories[0]
    assert story.independent_sources == 1
    assert len(story.documents) == 10_000
    duplicates = [d for d in result.documents if d.duplicate_of]
    assert len(duplicates) == 9_999
    assert {d.duplicate_of for d in duplicates} == {"copy00000"}
    # Identical copies never reach the LSH index: one entry per band for the flood.
    assert sum(len(v) for v in state["lsh"]["buckets"].values()) == 32


def test_a_flood_of_near_copies_keeps_lsh_buckets_bounded() -> None:
    from indicia.link.minhash import MAX_BUCKET

    docs = [_doc(f"near{i:04d}", f"{TEXT} Update {i}.") for i in range(2_000)]
    result, state = link_documents([s for s, _ in docs], [c for _, c in docs])
    assert len(result.stories) == 1
    assert sum(1 for d in result.documents if d.duplicate_of) == 1_999
    assert max(len(v) for v in state["lsh"]["buckets"].values()) <= MAX_BUCKET


def test_documents_in_other_languages_are_linked_like_english_ones() -> None:
    german = (
        "Tausende Arbeiter aus dem Norden wurden im letzten Winter in den fernen Osten "
        "geschickt, um dort Wohnblöcke zu bauen. Sie arbeiteten achtzehn Stunden am Tag "
        "und wurden von Sicherheitsagenten überwacht."
    )
    docs = [_doc("en1", TEXT), _doc("de1", german), _doc("de2", german)]
    result, _ = link_documents([s for s, _ in docs], [c for _, c in docs])
    assert not any("not processed" in note for note in result.notes)
    links = {d.document_id: d for d in result.documents}
    assert links["de2"].duplicate_of == "de1"
    assert links["de2"].story_id == links["de1"].story_id
    assert links["en1"].story_id != links["de1"].story_id


def test_unattributed_document_alone_is_its_own_origin() -> None:
    source, clean = _doc("lone", TEXT)
    result, _ = link_documents([source], [clean])
    (story,) = result.stories
    assert story.independent_sources == 1
    assert story.origins[0].outlet == "unknown outlet: lone"
    assert story.origins[0].documents == ("lone",)


def test_options_min_words() -> None:
    source, clean = _doc("short", "North Korean workers were sent to Russia.")
    result, _ = link_documents([source], [clean], options=LinkOptions(min_words=3))
    assert result.notes == ()


def test_documents_missing_from_a_later_call_are_left_out(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    _, state = link_documents(sources[:3], cleaned[:3])
    result, _ = link_documents(sources[1:], cleaned[1:], state)
    assert [d.document_id for d in result.documents] == [c.document_id for c in cleaned[1:]]
    assert all(cleaned[0].document_id not in s.documents for s in result.stories)


def test_state_from_other_settings_is_not_reused(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    _, state = link_documents(sources[:2], cleaned[:2], options=LinkOptions(join_cosine=0.99))
    again, _ = link_documents(sources, cleaned, state)
    batch, _ = link_documents(sources, cleaned)
    assert to_dict(again) == to_dict(batch)


def test_two_small_figures_in_common_do_not_join_across_languages() -> None:
    # Another language, another event: only "14" and "90" in common with TEXT's story.
    english = TEXT + " The camp held 14 barracks and 90 guards."
    korean = (
        "지난달 남부 항구 도시에서 열린 수산 박람회에는 14개국 기업이 참가했고 "
        "방문객은 닷새 동안 90만 명을 넘었다고 주최 측이 밝혔다. 내년에는 전시장을 "
        "두 배로 넓히고 온라인 상담 창구도 새로 열 계획이라고 덧붙였다. 14개 업체는 "
        "현장에서 계약을 맺었고 90곳은 다음 달 추가 협상을 하기로 했다."
    )
    docs = [_doc("en", english), _doc("ko", korean)]
    result, _ = link_documents([s for s, _ in docs], [c for _, c in docs])
    links = {d.document_id: d for d in result.documents}
    assert links["en"].story_id != links["ko"].story_id


def test_kept_features_link_as_features_found_in_the_call(
    seeds: tuple[list[SourceDocument], list[CleanDocument]], benchdata_dir: Path
) -> None:
    """What the pipeline keeps per document (`document_features`, through the store's
    JSON) links exactly as what the linker finds itself: on the seeds and on two real
    ECB+ topics, with their pages' addresses (a site with several pages has template
    words blanked, so its anchors are found in the call)."""
    import dataclasses
    import json

    path = benchdata_dir / "ecbplus" / "docs.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    docs = [_doc(r["doc_id"], r["text"]) for r in rows if r["topic"] in (2, 5, 12, 18)]
    urls = {r["doc_id"]: r["url"] for r in rows}
    pages = [dataclasses.replace(s, url=urls[s.id]) for s, _ in docs]
    hosts = [p.url.split("/")[2] for p in pages if p.url]
    assert len(hosts) > len(set(hosts)), "no site with two pages: the template path is untried"
    for sources, cleaned in (seeds, (pages, [c for _, c in docs])):
        found, _ = link_documents(sources, cleaned)
        kept = {
            c.document_id: from_dict(
                LinkFeatures, json.loads(json.dumps(to_dict(document_features((s, c)))))
            )
            for s, c in zip(sources, cleaned, strict=True)
        }
        assert all(f.anchors for f in kept.values())
        given, _ = link_documents(sources, cleaned, features=kept)
        assert to_dict(given) == to_dict(found)
