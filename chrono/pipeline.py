"""The library API: documents in, a `Timeline` out. The CLI is a thin layer over this.

Per document: tag -> decide news/narrative -> resolve -> events. Across
documents: order the events on one timeline. Each stage is a pure function in
its own module; this one only wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from chrono import doctype, documents, events, resolver, sentences, tagger
from chrono.errors import InputError, UsageError, unknown_dct_id, unknown_doc_type
from chrono.types import (
    CalendarValue,
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
    order = {r.document.id: i for i, r in enumerate(results)}
    all_events = [e for r in results for e in r.events]
    all_events.sort(key=lambda e: _event_key(e, order))
    notes = [w for r in results for w in r.document.warnings] + list(warnings)
    return Timeline(results, tuple(all_events), (), tuple(errors), tuple(notes))


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
