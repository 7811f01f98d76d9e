"""Small inline SVG drawings: origins graph, figures over time, indicator coverage, timeline.

Each function takes a view model from `indicia.report.views` and returns SVG markup as
`markupsafe.Markup`, so templates can embed it; every article-derived string is
escaped here. Colours come from CSS classes (no inline styles: the web app's CSP
forbids them). No JavaScript, no external library: the drawings work offline and
inside the one-file dossier.html.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

# link(document_id, anchor_key_or_None) -> href
Link = Callable[[str, str | None], str]

_SERIES = 6  # CSS defines .s0 .. .s5


def _text(x: float, y: float, text: str, cls: str = "", anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _svg(width: float, height: float, body: list[str], label: str, cls: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot {cls}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


# ---------------------------------------------------------------- origins graph


def origins_svg(graph: dict[str, Any], link: Link) -> Markup:
    """Columns by derivation depth; arrows point from a copy to what it derives from."""
    nodes = graph["nodes"]
    if not nodes:
        return Markup("")
    node_w, node_h, gap_x, gap_y, pad = 170, 34, 70, 14, 10
    columns: dict[int, list[dict[str, Any]]] = {}
    for node in sorted(nodes, key=lambda n: (n["column"], n["kind"] != "outlet", n["label"])):
        columns.setdefault(node["column"], []).append(node)
    pos: dict[str, tuple[float, float]] = {}
    for col, members in columns.items():
        for row, node in enumerate(members):
            pos[node["id"]] = (pad + col * (node_w + gap_x), pad + 16 + row * (node_h + gap_y))
    width = pad * 2 + (max(columns) + 1) * node_w + max(columns) * gap_x
    height = pad * 2 + 16 + max(len(m) for m in columns.values()) * (node_h + gap_y)
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
        'class="arrowhead"/></marker></defs>',
        _text(pad, pad + 6, "origins", "axis"),
    ]
    for edge in graph["edges"]:
        if edge["source"] not in pos or edge["target"] not in pos:
            continue
        sx, sy = pos[edge["source"]]
        tx, ty = pos[edge["target"]]
        if sx > tx:  # the usual case: the copy sits right of its source
            x1, x2 = sx, tx + node_w
        else:
            x1, x2 = sx + node_w, tx
        y1, y2 = sy + node_h / 2, ty + node_h / 2
        title = f"{edge['relation']}: {edge['evidence']}" if edge["evidence"] else edge["relation"]
        body.append(
            f'<g class="edge {escape(edge["relation"])}"><title>{escape(title)}</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'marker-end="url(#arrow)"/>'
            + _text((x1 + x2) / 2, (y1 + y2) / 2 - 4, edge["relation"], "edge-label", "middle")
            + "</g>"
        )
    for node in nodes:
        x, y = pos[node["id"]]
        cls = f"node {node['kind']}" + (" origin" if node["origin"] else "")
        sub = node["published"] or ("origin" if node["origin"] else node["kind"])
        inner = (
            f"<title>{escape(node['label'])}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{node_w}" height="{node_h}" rx="5"/>'
            + _text(x + 8, y + 14, _clip(node["label"], 20), "node-label")
            + _text(x + 8, y + 28, _clip(sub or "", 28), "node-sub")
        )
        if node["document"]:
            href = escape(link(node["document"], None))
            body.append(f'<a href="{href}" class="{cls}">{inner}</a>')
        else:
            body.append(f'<g class="{cls}">{inner}</g>')
    return _svg(width, height, body, "origins graph", "origins")


# --------------------------------------------------------------- figures plot


def _ordinal(date: str | None) -> int | None:
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = float(10 ** (len(str(int(value))) - 1))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def _short(value: float, year: bool = False) -> str:
    """An axis or point label: 50k, 1.5m, 12; a calendar year is written whole (2019)."""
    if year:
        return f"{value:.0f}"
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


# About how wide a character of the 10-11 px labels is, to keep a label inside the drawing.
_CHAR_WIDTH = 6.2


def _label_at(x: float, y: float, label: str, width: float, cls: str) -> str:
    """A label right of its mark, or left of it where it would run past the edge."""
    if x + 7 + len(label) * _CHAR_WIDTH <= width - 2:
        return _text(x + 7, y, label, cls)
    return _text(x - 7, y, label, cls, "end")


def _groups(points: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Points giving the same figure on the same day, for the same claim, drawn as one."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for point in points:
        key = (point["series"], point["date"], point["value"], point["low"], point["high"])
        groups.setdefault(key, []).append(point)
    return list(groups.values())


def figures_svg(panel: dict[str, Any], link: Link) -> Markup:
    """One measure over publication dates: a dot per figure quoted, a bar for a range.

    Documents that give the same figure on the same day share a dot labelled
    "n documents"; its tooltip lists them all and it links to the first quote. A
    panel of calendar years has an axis of years, not one from zero.
    """
    points = panel["points"]
    width, height, left, right, top, bottom = 440, 180, 52, 56, 24, 36
    year = panel.get("unit") == "year"
    groups = _groups(points)
    dated = [g for g in groups if _ordinal(g[0]["date"]) is not None]
    ords = [o for o in (_ordinal(g[0]["date"]) for g in dated) if o is not None]
    lo_day, hi_day = (min(ords), max(ords)) if ords else (0, 0)
    highest = max(max(p["high"] or p["value"], p["value"]) for p in points)
    if year:
        lowest = min(min(p["low"] or p["value"], p["value"]) for p in points)
        low_value, top_value = float(int(lowest) - 1), float(int(highest) + 1)
    else:
        low_value, top_value = 0.0, _nice_max(highest)
    plot_w, plot_h = width - left - right, height - top - bottom
    undated_x = left + plot_w + 14
    # Distinct figures on one day sit side by side, not on top of each other.
    slots: dict[Any, int] = {}

    def x_of(group: list[dict[str, Any]]) -> float:
        date = group[0]["date"]
        slot = slots[date] = slots.get(date, -1) + 1
        offset = (slot % 4) * 9
        day = _ordinal(date)
        if day is None:
            return undated_x + offset
        if hi_day == lo_day:
            return left + plot_w / 2 + offset
        return left + 10 + (day - lo_day) / (hi_day - lo_day) * (plot_w - 50) + offset

    def y_of(value: float) -> float:
        return top + plot_h - ((value - low_value) / (top_value - low_value)) * plot_h

    body = [
        _text(left, 14, _clip(f"{panel['measure']} ({panel['unit']})", 60), "plot-title"),
        f'<line class="axis-line" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>',
        f'<line class="axis-line" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
    ]
    for frac in (0, 0.5, 1):
        value = low_value + (top_value - low_value) * frac
        y = y_of(value)
        body.append(_text(left - 6, y + 4, _short(value, year), "axis", "end"))
        body.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
        )
    if ords:
        first = dt.date.fromordinal(lo_day).isoformat()
        last = dt.date.fromordinal(hi_day).isoformat()
        if last != first:
            body.append(_text(left, height - 14, first, "axis"))
            body.append(_text(left + plot_w, height - 14, last, "axis", "end"))
        else:
            body.append(_text(left + plot_w / 2, height - 14, first, "axis", "middle"))
    if len(dated) < len(groups):
        body.append(_text(undated_x, height - 14, "undated", "axis", "middle"))
    for group in groups:
        point = group[0]
        x = x_of(group)
        cls = f"s{point['series'] % _SERIES}"
        tip = "\n".join(f"{p['source']} ({p['date'] or 'undated'}): {p['quote']}" for p in group)
        mark = f"<title>{escape(tip)}</title>"
        ranged = point["low"] is not None and point["high"] is not None
        if ranged:
            y1, y2 = y_of(point["low"]), y_of(point["high"])
            mark += (
                f'<line class="range" x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{y2:.1f}"/>'
                f'<line class="range" x1="{x - 4:.1f}" y1="{y1:.1f}" x2="{x + 4:.1f}" '
                f'y2="{y1:.1f}"/><line class="range" x1="{x - 4:.1f}" y1="{y2:.1f}" '
                f'x2="{x + 4:.1f}" y2="{y2:.1f}"/>'
            )
        y = y_of(point["value"])
        mark += f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
        label = (
            f"{_short(point['low'], year)}–{_short(point['high'], year)}"
            if ranged
            else _short(point["value"], year)
        )
        documents = len({p["document"] for p in group})
        if documents > 1:
            # A count of documents, not a multiplier of the figure ("×3" read as one).
            label += f" ({documents} documents)"
        mark += _label_at(x, y + 4, label, width, "point-label")
        href = escape(link(point["document"], point["key"]))
        body.append(f'<a href="{href}" class="point {cls}">{mark}</a>')
    return _svg(width, height, body, f"figures over time: {panel['measure']}", "figures")


# ------------------------------------------------------------ coverage plot


def coverage_svg(rows: list[dict[str, Any]]) -> Markup:
    """Horizontal bars: independent sources (dark) and documents quoted (light) per indicator."""
    if not rows:
        return Markup("")
    label_w, bar_w, row_h, top = 230, 220, 22, 22
    most = max(max(r["documents"], r["independent_sources"], 1) for r in rows)
    height = top + len(rows) * row_h + 8
    body = [
        _text(label_w, 14, "independent sources", "legend s-indep"),
        _text(label_w + 140, 14, "documents quoted", "legend s-docs"),
    ]
    for i, row in enumerate(sorted(rows, key=lambda r: (-r["independent_sources"], r["label"]))):
        y = top + i * row_h
        docs_w = bar_w * row["documents"] / most
        indep_w = bar_w * row["independent_sources"] / most
        tip = (
            f"{row['label']}: {row['independent_sources']} independent sources, "
            f"{row['documents']} documents, {row['quotes']} quotes"
        )
        body.append(
            f"<g><title>{escape(tip)}</title>"
            + _text(label_w - 8, y + 14, _clip(row["label"], 34), "bar-label", "end")
            + f'<rect class="bar docs" x="{label_w}" y="{y + 3}" width="{docs_w:.1f}" '
            f'height="{row_h - 6}"/>'
            + f'<rect class="bar indep" x="{label_w}" y="{y + 7}" width="{indep_w:.1f}" '
            f'height="{row_h - 14}"/>'
            + _text(
                label_w + max(docs_w, indep_w) + 6, y + 15, str(row["independent_sources"]), "axis"
            )
            + "</g>"
        )
    return _svg(label_w + bar_w + 40, height, body, "indicator coverage", "coverage")


# ------------------------------------------------------------------ timeline


def timeline_svg(rows: list[dict[str, Any]], link: Link) -> Markup:
    """Publication dates on one axis; undated documents are listed, not drawn."""
    dated: list[tuple[dict[str, Any], int]] = []
    for row in rows:
        day = _ordinal(row["published"])
        if day is not None:
            dated.append((row, day))
    if not dated:
        return Markup("")
    width, left, right, lane_h, top = 640, 20, 20, 18, 30
    lo, hi = min(o for _, o in dated), max(o for _, o in dated)
    height = top + len(dated) * lane_h + 24
    axis_y = top - 10
    body = [
        f'<line class="axis-line" x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}"/>',
        _text(left, 12, dt.date.fromordinal(lo).isoformat(), "axis"),
    ]
    if hi != lo:
        body.append(_text(width - right, 12, dt.date.fromordinal(hi).isoformat(), "axis", "end"))
    span = max(hi - lo, 1)
    for i, (row, day) in enumerate(dated):
        x = left + (day - lo) / span * (width - left - right - 200) if hi != lo else left + 4
        y = top + i * lane_h
        label = f"{row['published']}  {row['outlet'] or row['title']}"
        href = escape(link(row["id"], None))
        body.append(
            f'<a href="{href}" class="tick"><title>{escape(row["title"])}</title>'
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y + 8}"/>'
            f'<circle cx="{x:.1f}" cy="{y + 8}" r="4"/>'
            + _text(x + 8, y + 12, _clip(label, 48), "node-label")
            + "</a>"
        )
    return _svg(width, height, body, "timeline by publication date", "timeline")


__all__ = ["coverage_svg", "figures_svg", "origins_svg", "timeline_svg"]
