"""Stories of one publisher's series: the texts of benchdata/indicators-dev.

Most of these texts are pages of a few publishers' series (CBP releases on different
orders, State Department narratives of different countries and years, ILAB pages),
read as plain files with no address: they share the publisher's banner and wording,
yet each reports its own event. tests/data/link/indicators_dev_stories.json says which
few texts report the same one. The floors are what linking reaches today, far below
what it should (pages of one series still share stories): they keep it from getting worse and
say how far it is.
"""

from __future__ import annotations

import hashlib
import json
from itertools import combinations
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from indicia.clean import clean_documents
from indicia.ingest import iter_documents
from indicia.link import link_documents
from shared_inputs import BENCHDATA, REPO, floors, require

LABELS = REPO / "tests" / "data" / "link" / "indicators_dev_stories.json"
FLOORS = floors("link")


def test_a_series_of_one_publisher_stays_apart_as_far_as_it_did() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    folder = require(BENCHDATA / "indicators-dev")
    paths = []
    for text in labels["texts"]:
        path = folder / Path(text["file"]).name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == text["sha256"], path
        paths.append(path)
    gold = {p.name: p.name for p in paths}
    for group in labels["same_story"]:
        for name in group:
            gold[name] = group[0]
    sources = list(iter_documents([str(p) for p in paths]))
    assert len(sources) == len(paths) == 70
    result, _ = link_documents(sources, clean_documents(sources))
    story = {link.document_id: link.story_id for link in result.documents}
    names = [Path(s.source_path).name for s in sources]
    found = [story[s.id] for s in sources]
    ari = adjusted_rand_score([gold[n] for n in names], found)
    joined = [
        (a, b)
        for (a, sa), (b, sb) in combinations(zip(names, found, strict=True), 2)
        if sa == sb and gold[a] != gold[b]
    ]
    kept = [
        group for group in labels["same_story"] if len({found[names.index(n)] for n in group}) == 1
    ]
    print(f"ARI {ari:.3f}, {len(set(found))} stories, {len(joined)} pairs joined wrongly")
    assert ari >= FLOORS["series_ari"]
    assert len(joined) <= FLOORS["series_max_wrong_pairs"]
    assert len(kept) >= FLOORS["series_same_story_kept"]
