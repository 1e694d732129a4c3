"""The timeline as a rich table in the terminal: one row per event.

Every cell is a `rich.text.Text`, never a markup string, so headlines, quotes
and file names containing `[brackets]` print as written instead of being read
as rich markup (or raising MarkupError on a stray `[/]`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chrono.errors import UsageError
from chrono.render import ELLIPSIS, Lookup, shorten
from chrono.types import Event, Timeline

SORTS = ("date", "document")
CHAIN_STEPS = 4  # a chain longer than this keeps its head and root: a ← b ← … ← root
STEP_CHARS = 40  # a quoted step longer than this is cut with an ellipsis
ERRORS_SHOWN = 3  # input errors listed in the caption; the rest are counted
NO_PRECISION = "—"
CONFLICT_MARK = "⚠ "  # red is invisible without colour (NO_COLOR, pipes): mark it in text too


@dataclass(frozen=True)
class _Column:
    name: str
    needs: int  # narrowest terminal that still shows this column
    options: dict[str, Any] = field(default_factory=dict)


# Precision words are short ("part of day" at most): natural width, never wrapped mid-word.
# The other columns share what is left by ratio; fold wraps long words instead of
# overflowing the terminal. On narrow terminals the least needed columns go first.
COLUMNS = (
    _Column("Date", 0, {"ratio": 2, "overflow": "fold"}),
    _Column("Precision", 80, {"no_wrap": True, "overflow": "ellipsis"}),
    _Column("Event", 0, {"ratio": 4, "overflow": "fold"}),
    _Column("Document", 0, {"ratio": 2, "overflow": "fold"}),
    _Column("How", 60, {"ratio": 4, "overflow": "fold", "style": "dim"}),
)


def render_table(
    timeline: Timeline,
    console: Console | None = None,
    *,
    limit: int | None = None,
    sort: str = "date",
) -> None:
    """Print the timeline table (to a new stdout Console unless one is given)."""
    console = console or Console()
    console.print(build_table(timeline, limit=limit, sort=sort, width=console.width))


def build_table(
    timeline: Timeline, *, limit: int | None = None, sort: str = "date", width: int | None = None
) -> Table:
    """The table of events in `sort` order (see `sorted_events`), at most `limit` rows.

    `width` (the terminal's) drops the How and Precision columns when it is too narrow
    for them; None keeps every column.
    """
    _check_limit(limit)
    events = sorted_events(timeline, sort)
    shown = events if limit is None else events[:limit]
    table = Table(
        title=Text(_title(timeline)),
        caption=_caption(timeline, events, len(shown), sort),
        expand=True,
        header_style="bold",
        title_style="bold",
    )
    columns = [c for c in COLUMNS if width is None or width >= c.needs]
    for column in columns:
        table.add_column(column.name, **column.options)
    lookup = Lookup.of(timeline)
    for event in shown:
        cells = _cells(event, lookup)
        table.add_row(*(cells[column.name] for column in columns))
    return table


def sorted_events(timeline: Timeline, sort: str = "date") -> list[Event]:
    """Events in table order.

    "date" keeps the timeline's own order (the pipeline orders events by time, undated
    last); "document" reads the documents in input order, each from its first event on.
    """
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r} (use {' or '.join(SORTS)})")
    if sort == "date":
        return list(timeline.events)
    doc_index = {d.document.id: i for i, d in enumerate(timeline.documents)}

    def reading(event: Event) -> tuple[int, int]:
        """Document order, then position of the event's first quote in that document."""
        if not event.doc_ids:
            return len(doc_index), 0
        doc_id = event.doc_ids[0]
        position = next((s.start for s in event.sources if s.doc_id == doc_id), 0)
        return doc_index.get(doc_id, len(doc_index)), position

    return sorted(timeline.events, key=reading)  # stable: ties keep the timeline's order


# ---------------------------------------------------------------- pieces


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise UsageError(f"limit must be 0 or more, not {limit}")


def _cells(event: Event, lookup: Lookup) -> dict[str, Text]:
    time = event.time
    precision = time.granularity.label if time.granularity is not None else NO_PRECISION
    return {
        "Date": Text(time.display),
        "Precision": Text(precision),
        "Event": _event_cell(event),
        "Document": Text(", ".join(event.doc_ids)),
        "How": Text(_how(event, lookup)),
    }


def _event_cell(event: Event) -> Text:
    text = Text()
    if event.contradiction_ids:
        text.append(CONFLICT_MARK + event.headline, style="red")
    else:
        text.append(event.headline)
    if len(event.sources) > 1:
        text.append(f" ({len(event.sources)} sources)", style="dim")
    return text


def _how(event: Event, lookup: Lookup) -> str:
    """The anchor chain of the event's first source mention, shortened for a table cell."""
    mention_id = event.sources[0].mention_id if event.sources else next(iter(event.mention_ids), "")
    mention = lookup.mentions.get(mention_id)
    return "" if mention is None else shorten_chain(lookup.explain(mention))


def shorten_chain(chain: str, steps: int = CHAIN_STEPS, chars: int = STEP_CHARS) -> str:
    """Keep the value, the nearest step and the root of a long chain; cut long quotes."""
    parts = [shorten(part, chars) for part in chain.split(" ← ")]
    if len(parts) > steps:
        parts = [*parts[:2], ELLIPSIS, parts[-1]]
    return " ← ".join(parts)


# ---------------------------------------------------------------- title and caption


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _title(timeline: Timeline) -> str:
    return (
        f"Timeline: {_plural(len(timeline.documents), 'document')}, "
        f"{_plural(len(timeline.mentions), 'mention')}, "
        f"{_plural(len(timeline.events), 'event')}"
    )


def _caption(timeline: Timeline, events: Sequence[Event], shown: int, sort: str) -> Text | None:
    notes: list[str] = []
    if not events:
        notes.append("no events found")
    elif shown < len(events):
        notes.append(f"showing {shown} of {len(events)} events")
    undated = sum(e.time.bounds.empty for e in events)
    if undated:
        where = " listed last" if sort == "date" else ""
        notes.append(_plural(undated, "undated event") + where)
    if any(e.contradiction_ids for e in events):
        notes.append(f"{CONFLICT_MARK.strip()} red: sources disagree on the date")
    if timeline.errors:
        notes.append(_errors_note(timeline.errors))
    return Text("; ".join(notes)) if notes else None


def _errors_note(errors: Sequence[str]) -> str:
    listed = " | ".join(errors[:ERRORS_SHOWN])
    more = f" | and {len(errors) - ERRORS_SHOWN} more" if len(errors) > ERRORS_SHOWN else ""
    return f"{_plural(len(errors), 'input')} could not be read: {listed}{more}"
