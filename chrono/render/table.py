"""The timeline as a rich table in the terminal: one row per event.

Every cell is a `rich.text.Text`, never a markup string, so headlines, quotes
and file names containing `[brackets]` print as written instead of being read
as rich markup (or raising MarkupError on a stray `[/]`). Dates show at their
precision (`event.time.display`), merged events their source count, and
contradicted ones are red with a mark (red alone is lost without colour). The
words come from display.toml's `[table]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chrono.errors import UsageError
from chrono.render import ELLIPSIS, Lookup, counted, shorten, ui
from chrono.times import display
from chrono.types import DctSource, Event, Timeline

SORTS = ("date", "document")
CHAIN_STEPS = 4  # a chain longer than this keeps its head and root: a ← b ← … ← root
STEP_CHARS = 40  # a quoted step longer than this is cut with an ellipsis
ERRORS_SHOWN = 3  # input errors listed in the caption; the rest are counted


@dataclass(frozen=True)
class _Column:
    key: str  # its header is display.toml's [table] word for this key
    needs: int  # narrowest terminal that still shows this column
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return ui("table", self.key)


# Precision words are short ("part of day" at most): natural width, never wrapped mid-word.
# The other columns share what is left by ratio; fold wraps long words instead of
# overflowing the terminal. On narrow terminals the least needed columns go first.
COLUMNS = (
    _Column("date", 0, {"ratio": 2, "overflow": "fold"}),
    _Column("precision", 80, {"no_wrap": True, "overflow": "ellipsis"}),
    _Column("event", 0, {"ratio": 4, "overflow": "fold"}),
    _Column("document", 0, {"ratio": 2, "overflow": "fold"}),
    _Column("how", 60, {"ratio": 4, "overflow": "fold", "style": "dim"}),
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
        table.add_row(*(cells[column.key] for column in columns))
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
    precision = time.granularity.label if time.granularity is not None else None
    return {
        "date": Text(time.display, style="red" if event.contradiction_ids else ""),
        "precision": Text(precision or ui("table", "no_precision")),
        "event": _event_cell(event),
        "document": Text(", ".join(event.doc_ids)),
        "how": Text(_how(event, lookup)),
    }


def _event_cell(event: Event) -> Text:
    text = Text()
    if event.contradiction_ids:
        text.append(f"{ui('table', 'conflict_mark')} {event.headline}", style="red")
    else:
        text.append(event.headline)
    if len(event.sources) > 1:
        sources = ui("table", "sources").format(counted("source", len(event.sources)))
        text.append(f" {sources}", style="dim")
    return text


def _how(event: Event, lookup: Lookup) -> str:
    """The anchor chain of the event's time (counted from another event), or of its first
    source mention, shortened for a table cell."""
    if event.time.chain:
        return shorten_chain(event.time.chain)
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


def _title(timeline: Timeline) -> str:
    return ui("table", "title").format(
        documents=counted("document", len(timeline.documents)),
        mentions=counted("mention", len(timeline.mentions)),
        events=counted("event", len(timeline.events)),
    )


def _caption(timeline: Timeline, events: Sequence[Event], shown: int, sort: str) -> Text | None:
    notes: list[str] = []
    if not events:
        notes.append(ui("table", "no_events"))
    elif shown < len(events):
        notes.append(ui("table", "showing").format(shown=shown, total=len(events)))
    undated = sum(e.time.bounds.empty for e in events)
    if undated:
        note = counted("undated_event", undated)
        notes.append(ui("table", "listed_last").format(note) if sort == "date" else note)
    if any(e.contradiction_ids for e in events):
        notes.append(ui("table", "disagree").format(ui("table", "conflict_mark")))
    notes += _inferred_dates(timeline)
    if timeline.errors:
        notes.append(_errors_note(timeline.errors))
    return Text("; ".join(notes)) if notes else None


def _inferred_dates(timeline: Timeline) -> list[str]:
    """How each undated document was dated, so the table's inferred dates can be checked."""
    notes = []
    for result in timeline.documents:
        dct = result.document.dct
        if dct is not None and dct.source is DctSource.INFERRED:
            date = display.point(dct.value, approximate=True)
            notes.append(
                ui("table", "inferred").format(
                    document=result.document.id, date=date, evidence=dct.evidence
                )
            )
    return notes


def _errors_note(errors: Sequence[str]) -> str:
    listed = list(errors[:ERRORS_SHOWN])
    if len(errors) > ERRORS_SHOWN:
        listed.append(ui("table", "and_more").format(len(errors) - ERRORS_SHOWN))
    inputs = counted("input", len(errors))
    return ui("table", "unreadable").format(inputs=inputs, listed=" | ".join(listed))
