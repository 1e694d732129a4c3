"""chrono JSON export, `schema_version` 1 (DESIGN.md section 4; schema in chrono/schema/).

The export is a pure function of the Timeline plus the `created` stamp, so two
exports of the same timeline with the same stamp are byte-identical. Keys keep
the order the contract lists them in; the document text itself is not
exported, only its length and SHA-256 (offsets still index it).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from chrono import __version__
from chrono.render import Lookup
from chrono.render.atomic import open_atomic
from chrono.times.gregorian import iso_instant
from chrono.times.values import timex_value
from chrono.types import (
    Anchor,
    Bounds,
    Claim,
    Contradiction,
    Dct,
    DocumentResult,
    Entity,
    Event,
    EventTime,
    Granularity,
    Mention,
    Participant,
    Signal,
    Source,
    Timeline,
    Timex3,
)

SCHEMA_VERSION = 1
SCHEMA_FILE = "timeline.schema.json"


# ---------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True)
class ExportParts:
    """What an export is made of, as a whole run streams it: the mentions come as blocks of
    JSON text (one block per document, one object per line, rendered where the document was
    analysed) and the events one at a time, so nothing needs the whole timeline in memory."""

    documents: Iterable[str]  # JSON text of each `documents[]` item
    mention_blocks: Iterable[str]
    events: Iterable[Event]
    contradictions: Sequence[Contradiction]
    errors: Sequence[str]
    entities: Sequence[Entity] = ()


def parts_of(timeline: Timeline) -> ExportParts:
    return ExportParts(
        (item_json(document_item(r)) for r in timeline.documents),
        (mention_block(r) for r in timeline.documents),
        timeline.events,
        timeline.contradictions,
        timeline.errors,
        timeline.entities,
    )


def timeline_to_dict(timeline: Timeline, *, created: str | None = None) -> dict[str, Any]:
    """The export as plain JSON-ready data (dicts, lists, str, int, float, bool, None)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "chrono", "version": __version__},
        "created": created if created is not None else _now(),
        "documents": [document_item(d) for d in timeline.documents],
        "mentions": _mentions(timeline),
        "entities": [_entity_dict(e) for e in timeline.entities],
        "events": [_event_dict(e) for e in timeline.events],
        "contradictions": [_contradiction_dict(c) for c in timeline.contradictions],
        "errors": list(timeline.errors),
    }


def timeline_to_json(
    timeline: Timeline, *, created: str | None = None, indent: int | None = 2
) -> str:
    """The export as JSON text; non-ASCII characters stay readable (UTF-8 on disk)."""
    return "".join(iter_json(parts_of(timeline), created=created, indent=indent))


def write_json(timeline: Timeline, path: str | Path, *, created: str | None = None) -> None:
    """Write the export to `path` atomically (readers see the old file or the whole new one),
    making its folder if needed."""
    write_parts(parts_of(timeline), path, created=created)


def write_parts(parts: ExportParts, path: str | Path, *, created: str | None = None) -> None:
    """Stream an export to `path` atomically; memory stays that of one item."""
    with open_atomic(path) as handle:
        for chunk in iter_json(parts, created=created):
            handle.write(chunk)
        handle.write("\n")


def iter_json(
    parts: ExportParts, *, created: str | None = None, indent: int | None = 2
) -> Iterator[str]:
    """The export as chunks of JSON text. With an indent, each document, mention, event and
    contradiction is one line (grep- and diff-friendly, and written by the C encoder);
    `indent=None` gives one line in all."""
    if indent is None:
        outer, inner, sep, close = "", "", ", ", ""
    else:
        outer, inner = "\n" + " " * indent, "\n" + " " * (2 * indent)
        sep, close = ",", "\n"
    head = {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "chrono", "version": __version__},
        "created": created if created is not None else _now(),
    }
    yield "{"
    for key, value in head.items():
        yield f"{outer}{item_json(key)}: {item_json(value)}{sep}"
    arrays: list[tuple[str, Iterable[str]]] = [
        ("documents", parts.documents),
        ("mentions", _lines(parts.mention_blocks)),
        ("entities", (item_json(_entity_dict(e)) for e in parts.entities)),
        ("events", (item_json(_event_dict(e)) for e in parts.events)),
        ("contradictions", (item_json(_contradiction_dict(c)) for c in parts.contradictions)),
        ("errors", (item_json(e) for e in parts.errors)),
    ]
    for n, (key, items) in enumerate(arrays):
        yield f"{outer}{item_json(key)}: ["
        first = True
        for item in items:
            yield ("" if first else sep) + inner + item
            first = False
        yield ("]" if first else outer + "]") + (sep if n < len(arrays) - 1 else "")
    yield close + "}"


def item_json(value: Any) -> str:
    """One value as compact JSON text that is always valid UTF-8."""
    # allow_nan=False: NaN/Infinity are not JSON; better to fail than to write a file others reject.
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (text decoded with surrogateescape) cannot be UTF-8: escape them.
        text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return text


def mention_block(result: DocumentResult) -> str:
    """A document's mentions as JSON text, one object per line (also the `--jsonl` lines)."""
    lookup = Lookup.of_document(result)
    return "\n".join(item_json(_mention_dict(m, lookup)) for m in result.mentions)


def document_item(result: DocumentResult) -> dict[str, Any]:
    """The `documents[]` item of one document."""
    return _document_dict(result)


def _lines(blocks: Iterable[str]) -> Iterator[str]:
    for block in blocks:
        if block:
            yield from block.split("\n")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export, read from the installed package."""
    resource = resources.files("chrono") / "schema" / SCHEMA_FILE
    return json.loads(resource.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- pieces


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _mentions(timeline: Timeline) -> list[dict[str, Any]]:
    lookup = Lookup.of(timeline)
    return [_mention_dict(m, lookup) for m in timeline.mentions]


def _document_dict(result: DocumentResult) -> dict[str, Any]:
    doc = result.document
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "doc_type": result.doc_type.value,
        "doc_type_reason": result.doc_type_reason,
        "dct": _dct_dict(doc.dct),
        "char_count": len(doc.text),
        # surrogatepass: a hash must never fail, even for text decoded with surrogateescape.
        "sha256": hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest(),
    }


def _dct_dict(dct: Dct | None) -> dict[str, Any]:
    if dct is None:
        return {"value": None, "source": "none", "evidence": None}
    return {"value": timex_value(dct.value), "source": dct.source.value, "evidence": dct.evidence}


def _mention_dict(mention: Mention, lookup: Lookup) -> dict[str, Any]:
    tag, res = mention.tag, mention.resolution
    return {
        "id": mention.id,
        "doc_id": mention.doc_id,
        "text": tag.text,
        "char_start": tag.start,
        "char_end": tag.end,
        "sentence": mention.sentence,
        "timex3": _timex3_dict(res.timex3),
        "edtf": res.edtf,
        "bounds": bounds_dict(res.bounds),
        "anchor": _anchor_dict(res.anchor),
        "rule": tag.rule,
        "display": res.display,
        "granularity": _granularity(res.granularity),
        "approximate": res.approximate,
        "kind": tag.spec.kind.value,
        "signal": _signal_dict(tag.signal),
        "chain": list(mention.chain),
        "explanation": lookup.explain(mention),
        "note": res.note or None,
    }


def _timex3_dict(timex: Timex3) -> dict[str, Any]:
    data: dict[str, Any] = {"type": timex.type.value, "value": timex.value, "mod": timex.mod}
    # quant/freq only exist on SETs; leaving them out elsewhere keeps the TimeML reading exact.
    if timex.quant is not None:
        data["quant"] = timex.quant
    if timex.freq is not None:
        data["freq"] = timex.freq
    return data


def bounds_dict(bounds: Bounds) -> dict[str, str | None]:
    """Bounds as ISO strings (astronomical years, time of day only for TIME values)."""

    def iso(instant: int | None) -> str | None:
        return None if instant is None else iso_instant(instant, bounds.with_time)

    return {
        "earliest_start": iso(bounds.earliest_start),
        "latest_start": iso(bounds.latest_start),
        "earliest_end": iso(bounds.earliest_end),
        "latest_end": iso(bounds.latest_end),
    }


def _anchor_dict(anchor: Anchor) -> dict[str, Any]:
    return {"kind": anchor.kind.value, "mention_id": anchor.mention_id, "offset": anchor.offset}


def _signal_dict(signal: Signal | None) -> dict[str, Any] | None:
    if signal is None:
        return None
    return {
        "text": signal.text,
        "char_start": signal.start,
        "char_end": signal.end,
        "relation": signal.relation,
    }


def _granularity(granularity: Granularity | None) -> str | None:
    return None if granularity is None else granularity.label


def _event_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "headline": event.headline,
        "trigger": event.trigger,
        "subject": event.subject,
        "doc_ids": list(event.doc_ids),
        "mention_ids": list(event.mention_ids),
        "time": _event_time_dict(event.time),
        "participants": [_participant_dict(p) for p in event.participants],
        "sources": [_source_dict(s) for s in event.sources],
        "contradiction_ids": list(event.contradiction_ids),
        "merge_confidence": _finite(event.merge_confidence),
    }


def _participant_dict(participant: Participant) -> dict[str, Any]:
    return {
        "role": participant.role,
        "text": participant.text,
        "doc_id": participant.doc_id,
        "char_start": participant.start,
        "char_end": participant.end,
        "entity_id": participant.entity_id,
        "entity_type": participant.entity_type,
    }


def _entity_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "doc_ids": list(entity.doc_ids),
        "mentions": entity.mentions,
    }


def _event_time_dict(time: EventTime) -> dict[str, Any]:
    return {
        "edtf": time.edtf,
        "display": time.display,
        "granularity": _granularity(time.granularity),
        "approximate": time.approximate,
        "bounds": bounds_dict(time.bounds),
        "chain": time.chain,
    }


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        "doc_id": source.doc_id,
        "mention_id": source.mention_id,
        "quote": source.quote,
        "char_start": source.start,
        "char_end": source.end,
        "stated_edtf": source.stated_edtf,
        "trigger": None
        if source.trigger_start < 0
        else {"char_start": source.trigger_start, "char_end": source.trigger_end},
    }


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise ValueError(f"merge_confidence must be a finite number, not {number!r}")
    return float(number)


def _contradiction_dict(contradiction: Contradiction) -> dict[str, Any]:
    return {
        "id": contradiction.id,
        "event_id": contradiction.event_id,
        "kind": contradiction.kind,
        "claims": [_claim_dict(c) for c in contradiction.claims],
        "reason": contradiction.reason,
    }


def _claim_dict(claim: Claim) -> dict[str, Any]:
    return {"doc_id": claim.doc_id, "mention_id": claim.mention_id, "edtf": claim.edtf}
