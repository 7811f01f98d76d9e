"""Which nodes of the origins graph are drawn as origins."""

from __future__ import annotations

from typing import Any

from indicia.report.views import origins_graph


def _doc(doc_id: str, derived_from: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": doc_id,
        "title": doc_id,
        "outlet": None,
        "published": None,
        "source_path": f"{doc_id}.txt",
        "derived_from": derived_from,
    }


def test_a_rewrite_listed_under_an_origin_is_not_drawn_as_an_origin() -> None:
    dossier = {
        "documents": [
            _doc(
                "rewrite",
                [
                    {
                        "relation": "cites",
                        "document": None,
                        "outlet": "Harbour Watch",
                        "evidence": "told Harbour Watch",
                    }
                ],
            ),
            _doc("alone", []),
        ],
        "stories": [
            {
                "id": "s1",
                "title": "t",
                "documents": ["rewrite", "alone"],
                "origins": [
                    {"outlet": "Harbour Watch", "documents": ["rewrite"]},
                    {"outlet": "unknown outlet: alone", "documents": ["alone"]},
                ],
                "independent_sources": 2,
            }
        ],
        "indicators": [],
        "claims": [],
        "entities": [],
        "summary": {},
    }
    nodes = {n["id"]: n for n in origins_graph(dossier, "s1")["nodes"]}
    assert nodes["d:rewrite"]["origin"] is False
    assert nodes["d:alone"]["origin"] is True
    assert nodes["o:Harbour Watch"]["origin"] is True
