"""The reading part of the HTML timeline: the event list, the detail panel, search and
filters around the Plotly chart (`chrono.render.html` draws the chart itself).

This module turns the timeline into the plain data the page's script needs (one record per
event, in time order, undated ones included) and assembles the page's HTML, style and script
(`assets/reader.*`). Document text reaches the page only as JSON inside a `<script
type="application/json">` with every `<` escaped, and the script writes it into the page
as text nodes, never as markup: a quote that holds `</script>` or `<img onerror>` stays
text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from chrono.render import Lookup, ui, words
from chrono.render.html_plan import Mark, Plan, estimate
from chrono.render.lanes import lane_key
from chrono.render.table import sorted_events
from chrono.times import display
from chrono.times.explain import dct_words
from chrono.types import AnchorKind, Contradiction, Event, Source, Timeline

SELECTED = "#ff7f0e"  # the ring around the selected event's mark

# How the page's words are looked up: the `[html_reader]` table of display.toml.
_UI = "html_reader"


@cache
def _asset(name: str) -> str:
    return resources.files("chrono.render").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """JSON safe inside a <script>: no `<` that could close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def reader_html(data: Mapping[str, Any]) -> str:
    """The list, the panel and the controls, their style, their data and their script."""
    skeleton = _asset("reader.html")
    for key, text in _words().items():
        skeleton = skeleton.replace("{" + key + "}", html.escape(text))
    return (
        f"<style>{_asset('reader.css')}</style>\n{skeleton}\n"
        f'<script type="application/json" id="chrono-data">{script_json(data)}</script>\n'
        f"<script>{_asset('reader.js')}</script>\n"
    )


def _words() -> dict[str, str]:
    return {str(k): str(v) for k, v in words()[_UI].items()}


# ---------------------------------------------------------------- data


def reader_data(
    timeline: Timeline,
    plan: Plan,
    at: Callable[[int], str | float],
    anchor: Callable[[Mark], int],
    lanes: str = "document",
) -> dict[str, Any]:
    """What the page's script shows. `at` turns an instant into a chart x value; `anchor`
    gives where a mark's label and selection ring sit."""
    lookup = Lookup.of(timeline)
    marks = {m.event.id: m for m in plan.marks}
    titles = {d.document.id: d.document.title or d.document.id for d in timeline.documents}
    entities = {e.id: e.name for e in timeline.entities}
    contradictions: dict[str, list[Contradiction]] = {}
    for c in timeline.contradictions:
        contradictions.setdefault(c.event_id, []).append(c)
    records = [
        _record(e, marks.get(e.id), lookup, titles, entities, contradictions, at, anchor, lanes)
        for e in sorted_events(timeline)
    ]
    return {
        "axis": plan.axis,
        # whole names (the ticks are shortened), for the ticks' tooltips
        "lanes": [titles.get(x.key) or entities.get(x.key) or x.label for x in plan.lanes],
        "documents": [{"id": k, "title": t} for k, t in titles.items()],
        "entities": sorted({n for r in records for n in r["entities"]}, key=str.lower),
        "events": records,
        "words": _words(),
        "traces": {"labels": ui("html", "labels")},
        "ring": SELECTED,
    }


def _record(
    event: Event,
    mark: Mark | None,
    lookup: Lookup,
    titles: Mapping[str, str],
    entities: Mapping[str, str],
    contradictions: Mapping[str, Sequence[Contradiction]],
    at: Callable[[int], str | float],
    anchor: Callable[[Mark], int],
    lanes: str,
) -> dict[str, Any]:
    time = event.time
    b = time.bounds
    low = b.earliest_start if b.earliest_start is not None else b.latest_start
    high = b.latest_end if b.latest_end is not None else b.earliest_end
    named = [entities[p.entity_id] for p in event.participants if p.entity_id in entities]
    return {
        "id": event.id,
        "headline": event.headline,
        "date": time.display,
        "precision": time.granularity.name.lower() if time.granularity else "",
        "approximate": time.approximate,
        "dated": mark is not None,
        "x": at(anchor(mark)) if mark is not None else None,
        "row": mark.row if mark is not None else None,
        "from": at(low) if low is not None else None,
        "to": at(high) if high is not None else None,
        "best": at(point) if (point := estimate(b)) is not None else None,
        "lane": lane_key(event, lanes),
        "documents": list(event.doc_ids),
        "entities": list(dict.fromkeys(named)),
        "participants": [f"{p.role}: {p.text}" for p in event.participants],
        "sources": [_source(s, event, lookup, titles) for s in event.sources],
        "contradictions": [
            _contradiction(c, lookup, titles) for c in contradictions.get(event.id, ())
        ],
    }


def _source(
    source: Source, event: Event, lookup: Lookup, titles: Mapping[str, str]
) -> dict[str, Any]:
    mention = lookup.mentions.get(source.mention_id)
    result = lookup.documents.get(source.doc_id)
    dct = result.document.dct if result is not None else None
    if event.time.chain:
        chain = event.time.chain
    elif mention is not None:
        chain = lookup.explain(mention)
    else:
        chain = ui(_UI, "chain_reported")
    marks = []
    if mention is not None:
        marks.append((mention.start, mention.end, "time"))
    if source.trigger_start >= 0:
        marks.append((source.trigger_start, source.trigger_end, "trigger"))
    return {
        "document": titles.get(source.doc_id, source.doc_id),
        "documentDate": display.point(dct.value) if dct is not None else dct_words(None),
        "quote": _segments(source.quote, source.start, marks),
        "written": mention.text if mention is not None else "",
        "chain": chain,
        "stated": mention is not None and mention.resolution.anchor.kind is AnchorKind.NONE,
    }


def _segments(
    quote: str, start: int, marks: Sequence[tuple[int, int, str]]
) -> list[tuple[str, str]]:
    """The quote cut into (text, kind) pieces: kind "time", "trigger" or "" (plain)."""
    cuts = sorted(
        (max(0, a - start), min(len(quote), b - start), kind)
        for a, b, kind in marks
        if a - start < len(quote) and b - start > 0
    )
    pieces: list[tuple[str, str]] = []
    at = 0
    for a, b, kind in cuts:
        if a < at:
            continue  # overlapping marks: the first one wins
        if a > at:
            pieces.append((quote[at:a], ""))
        pieces.append((quote[a:b], kind))
        at = b
    if at < len(quote):
        pieces.append((quote[at:], ""))
    return pieces


def _contradiction(
    contradiction: Contradiction, lookup: Lookup, titles: Mapping[str, str]
) -> dict[str, Any]:
    claims = []
    for claim in contradiction.claims:
        mention = lookup.mentions.get(claim.mention_id)
        claims.append(
            {
                "document": titles.get(claim.doc_id, claim.doc_id),
                "written": mention.text if mention is not None else "",
                "value": mention.resolution.display if mention is not None else claim.edtf or "",
            }
        )
    return {"reason": contradiction.reason, "claims": claims}


__all__ = ["reader_data", "reader_html", "script_json"]
