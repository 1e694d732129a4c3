"""The library API: documents in, a `Timeline` out. The CLI is a thin layer over this.

Per document: tag -> decide news/narrative -> resolve -> (no date? infer one from the
text and resolve again against it, `chrono.dating`) -> events. Across documents: merge
the reports of one happening (`chrono.merge`), solve every time constraint at once
(`chrono.consistency`: contradictions, and dates for undated documents that others imply),
and order the events on one timeline. Each stage is a pure function in its own module;
this one only wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from chrono import (
    consistency,
    dating,
    doctype,
    documents,
    events,
    merge,
    resolver,
    sentences,
    tagger,
)
from chrono.errors import InputError, UsageError, unknown_dct_id, unknown_doc_type
from chrono.types import (
    CalendarValue,
    Contradiction,
    DocType,
    Document,
    DocumentResult,
    Event,
    Timeline,
)

DOC_TYPES = ("auto", "news", "narrative")


def parse_doc_type(value: str | DocType | None) -> DocType | None:
    """'auto' (or None) lets chrono decide per document."""
    if value is None or isinstance(value, DocType):
        return value
    if value not in DOC_TYPES:
        raise UsageError(unknown_doc_type(value))
    return None if value == "auto" else DocType(value)


def analyze(document: Document, doc_type: str | DocType | None = None) -> DocumentResult:
    """All per-document stages for one document."""
    forced = parse_doc_type(doc_type)
    tags = tagger.tag(document.text, document.body_start)
    spans = sentences.sentence_spans(document.text, document.body_start)
    kind, reason = doctype.decide(document, tags, forced)
    mentions = resolver.resolve(document, tags, kind, spans)
    if document.dct is None:
        estimate = dating.infer(document, mentions, spans)
        if estimate is not None:
            document, mentions = dating.resolve(document, tags, kind, spans, estimate)
    found = events.extract_events(document, mentions, spans)
    return DocumentResult(document, kind, reason, mentions, found)


def analyze_text(
    text: str,
    *,
    dct: str | None = None,
    doc_type: str | DocType | None = None,
    doc_id: str = "text",
) -> DocumentResult:
    """Analyse a string: `analyze_text("She left in 2004. Five years later she returned.")`."""
    value = _dct_value(dct) if dct else None
    document = documents.document_from_text(text, doc_id, dct=value)
    return analyze(document, doc_type)


def build_timeline(
    results: Iterable[DocumentResult], errors: Sequence[str] = (), warnings: Sequence[str] = ()
) -> Timeline:
    """One timeline from analysed documents: events in time order, undated ones last."""
    results = tuple(results)
    merged, view = _merge_and_solve(results)
    if view.dates:  # documents the other documents date ("she is 55", "born in 1967")
        results = tuple(
            _redated(r, view.dates[r.document.id]) if r.document.id in view.dates else r
            for r in results
        )
        merged, view = _merge_and_solve(results)
    order = {r.document.id: i for i, r in enumerate(results)}
    all_events = sorted(merged.events, key=lambda e: _event_key(e, order))
    notes = [w for r in results for w in r.document.warnings] + list(warnings)
    found = merged.contradictions + view.contradictions
    return Timeline(
        results, tuple(_with_contradictions(all_events, found)), found, tuple(errors), tuple(notes)
    )


def _merge_and_solve(
    results: Sequence[DocumentResult],
) -> tuple[merge.Merged, consistency.View]:
    """Reports of one happening merged, then every time constraint of every document solved."""
    mentions = {m.id: m for r in results for m in r.mentions}
    inputs = [e for r in results for e in r.events]
    merged = merge.merge(inputs, mentions)
    return merged, consistency.solve(results, inputs, merged)


def _redated(result: DocumentResult, estimate: dating.Estimate) -> DocumentResult:
    """A document analysed again against the date the other documents give it."""
    document = result.document
    tags = tagger.tag(document.text, document.body_start)
    spans = sentences.sentence_spans(document.text, document.body_start)
    dated, mentions = dating.resolve(document, tags, result.doc_type, spans, estimate)
    found = events.extract_events(dated, mentions, spans)
    return DocumentResult(dated, result.doc_type, result.doc_type_reason, mentions, found)


def _with_contradictions(
    found_events: Sequence[Event], contradictions: Sequence[Contradiction]
) -> list[Event]:
    by_event: dict[str, list[str]] = {}
    for c in contradictions:
        by_event.setdefault(c.event_id, []).append(c.id)
    return [
        replace(e, contradiction_ids=tuple(dict.fromkeys((*e.contradiction_ids, *by_event[e.id]))))
        if e.id in by_event
        else e
        for e in found_events
    ]


def _event_key(event: Event, order: dict[str, int]) -> tuple[int, int, int, int, int]:
    """Earliest possible start first (then the narrower one: 1 Jan 2004 before '2004'),
    then document order and position; undated events last."""
    bounds = event.time.bounds
    known = [
        x
        for x in (
            bounds.earliest_start,
            bounds.latest_start,
            bounds.earliest_end,
            bounds.latest_end,
        )
        if x is not None
    ]
    position = event.sources[0].start if event.sources else 0
    document = order.get(event.doc_ids[0], 0)
    if not known:
        return (1, 0, 0, document, position)
    latest = bounds.latest_start if bounds.latest_start is not None else known[-1]
    return (0, known[0], latest, document, position)


def reconstruct(
    paths: str | Path | Sequence[str | Path],
    *,
    dct: str | Sequence[str] | None = None,
    doc_type: str | DocType | None = "auto",
) -> Timeline:
    """Read files or folders and reconstruct their chronology.

    `dct` is one date for every document (`"2023-07-15"`) or a list of
    `DOC_ID=DATE` / `DATE` items as `--dct` takes them. Unreadable inputs do not
    stop the others: their one-line reasons are in `Timeline.errors`.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    overrides = documents.parse_dct_options([dct] if isinstance(dct, str) else list(dct or ()))
    forced = parse_doc_type(doc_type)
    results: list[DocumentResult] = []
    errors: list[str] = []
    for item in documents.iter_documents([str(p) for p in paths], dct=overrides):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            results.append(analyze(item, forced))
    seen = {r.document.id for r in results}
    unused = [unknown_dct_id(doc_id) for doc_id in overrides.per_doc if doc_id not in seen]
    return build_timeline(results, errors, unused)


def _dct_value(text: str) -> CalendarValue:
    overrides = documents.parse_dct_options([text])
    assert overrides.all is not None
    return overrides.all
