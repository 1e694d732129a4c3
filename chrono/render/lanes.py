"""How renderers group events: one lane per document, per subject, or per entity.

The HTML timeline draws a lane per group and TimelineJS shows it as a `group`, so
both call this module and the two always agree. A lane has a key (a document id,
a subject in its folded form, or an entity id) and a short label for people. An
event's entity is that of its first agent (else of its first participant with one):
"she" and "Sorvino" sit in the lane of "Mira Sorvino".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chrono.render import check_lanes, shorten, ui
from chrono.resources.loader import fold
from chrono.types import Event, Timeline

LABEL_CHARS = 32
OTHER = ""  # the key of the subject lane for events without a subject (label from display.toml)
NO_DOCUMENT = "?"  # an event that names no document (never made by the pipeline)


@dataclass(frozen=True, slots=True)
class LaneName:
    key: str
    label: str  # plain text; escape before it reaches a page


def lane_key(event: Event, lanes: str = "document") -> str:
    """The lane an event sits in: its first document, its subject, or its main entity."""
    if lanes == "entity":
        return main_entity(event) or OTHER
    if lanes == "subject":
        return fold(event.subject) if event.subject and event.subject.strip() else OTHER
    return event.doc_ids[0] if event.doc_ids else NO_DOCUMENT


def lane_names(
    timeline: Timeline, events: Iterable[Event] | None = None, lanes: str = "document"
) -> list[LaneName]:
    """The lanes in display order, labelled.

    Documents: every document in input order (an empty one still gets its lane), then
    any document an event names but the timeline lacks. Subjects: in order of first
    appearance among `events` (default: all of the timeline's), "other" last.
    """
    check_lanes(lanes)
    events = list(timeline.events if events is None else events)
    if lanes == "document":
        keys = dict.fromkeys(d.document.id for d in timeline.documents)
        keys.update(dict.fromkeys(lane_key(e) for e in events))
        titles = {d.document.id: d.document.title for d in timeline.documents}
        return _named(list(keys), [titles.get(k) or k for k in keys], with_key=True)
    if lanes == "entity":
        return _entity_lanes(timeline, events)
    firsts: dict[str, str] = {}
    for event in events:
        key = lane_key(event, "subject")
        if key != OTHER:
            firsts.setdefault(key, " ".join((event.subject or "").split()))
    keys = list(firsts)
    texts = [firsts[k] for k in keys]
    if any(lane_key(e, "subject") == OTHER for e in events):
        keys.append(OTHER)
        texts.append(ui("html", "lane_other"))
    return _named(keys, texts, with_key=False)


def main_entity(event: Event) -> str | None:
    """The entity an event is chiefly about: its first agent's, else the first one named."""
    ranked = sorted(event.participants, key=lambda p: p.role != "agent")
    return next((p.entity_id for p in ranked if p.entity_id), None)


def _entity_lanes(timeline: Timeline, events: Sequence[Event]) -> list[LaneName]:
    names = {e.id: e.name for e in timeline.entities}
    keys = list(dict.fromkeys(lane_key(e, "entity") for e in events))
    ordered = [k for k in keys if k != OTHER]
    texts = [names.get(k, k) for k in ordered]
    if OTHER in keys:
        ordered.append(OTHER)
        texts.append(ui("html", "lane_other"))
    return _named(ordered, texts, with_key=False)


def _named(keys: Sequence[str], texts: Sequence[str], *, with_key: bool) -> list[LaneName]:
    labels = [shorten(text, LABEL_CHARS) for text in texts]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    named = []
    for key, label in zip(keys, labels, strict=True):
        if counts[label] > 1 and label != key:
            # Two lanes with the same (shortened) name: tell them apart by id or by number.
            seen[label] += 1
            label = f"{label} ({key if with_key else seen[label]})"
        named.append(LaneName(key, label))
    return named
