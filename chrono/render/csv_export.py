"""The timeline as CSV: one row per event, for spreadsheets and data tools.

Columns (a fixed, documented set, like the JSON keys): the event id, its EDTF,
the four ISO bounds (astronomical years; `latest_*` inclusive; empty = open),
precision, approximate, the date as chrono writes it, headline, subject, the
sources joined (`doc_id: quote`, one per source), the document ids, and the
contradiction ids. Lists inside a cell are joined with ` | `.

Safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return would be read as a formula, so it gets a leading apostrophe
(OWASP's advice). That includes BC bounds such as `'-0043-03-15`; spreadsheets
hide the apostrophe, other readers strip it with `unescape_cell`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TextIO

from chrono.render.atomic import write_text_atomic
from chrono.render.json_export import bounds_dict
from chrono.types import Event, Timeline

COLUMNS = (
    "id",
    "edtf",
    "earliest_start",
    "latest_start",
    "earliest_end",
    "latest_end",
    "precision",
    "approximate",
    "display",
    "headline",
    "subject",
    "sources",
    "doc_ids",
    "contradiction_ids",
)
JOIN = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def escape_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """The value `escape_cell` was given."""
    guarded = text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS)
    return text[1:] if guarded else text


def event_row(event: Event) -> dict[str, str]:
    """One event as CSV cells (not yet escaped)."""
    time = event.time
    bounds = bounds_dict(time.bounds)
    sources = JOIN.join(f"{s.doc_id}: {' '.join(s.quote.split())}" for s in event.sources)
    return {
        "id": event.id,
        "edtf": time.edtf or "",
        **{key: value or "" for key, value in bounds.items()},
        "precision": time.granularity.label if time.granularity is not None else "",
        "approximate": "true" if time.approximate else "false",
        "display": time.display,
        "headline": event.headline,
        "subject": event.subject or "",
        "sources": sources,
        "doc_ids": JOIN.join(event.doc_ids),
        "contradiction_ids": JOIN.join(event.contradiction_ids),
    }


def write_csv(timeline: Timeline, stream: TextIO) -> None:
    """Header and one row per event in timeline order (RFC 4180: quoted as needed, CRLF).

    Give a file opened with `newline=""` so the line ends stay as written."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for event in timeline.events:
        row = event_row(event)
        writer.writerow([escape_cell(row[column]) for column in COLUMNS])


def timeline_to_csv(timeline: Timeline) -> str:
    buffer = io.StringIO(newline="")
    write_csv(timeline, buffer)
    return buffer.getvalue()


def write_csv_file(timeline: Timeline, path: str | Path) -> None:
    """Write the CSV atomically (UTF-8), making the folder if needed."""
    write_text_atomic(path, timeline_to_csv(timeline))
