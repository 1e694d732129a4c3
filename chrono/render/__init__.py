"""Renderers and exports of a Timeline, and the few helpers they share.

Shared here so each exists once: the mention and document-date look-ups every
anchor chain needs (`Lookup`), the cut-with-an-ellipsis of long text (`shorten`),
the words renderers show (`ui`, `counted`: English lives in display.toml), and
`write_format`, the one entry point for the machine-readable formats
(`chrono timeline --format`). Kept free of rich and plotly so importing a
renderer stays cheap: each format's module is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from chrono.errors import UsageError
from chrono.times.display import words
from chrono.times.explain import chain_text
from chrono.types import Dct, DocumentResult, Mention, Timeline

ELLIPSIS = "…"
FORMATS = ("json", "csv", "timelinejs")  # what `write_format` (and `--format`) can write
LANES = ("document", "subject", "entity")  # how the HTML timeline and TimelineJS group events


def ui(section: str, key: str) -> str:
    """A word or template a renderer shows, from display.toml's `[section]`."""
    return str(words()[section][key])


def counted(key: str, count: int) -> str:
    """'1 event', '3 events': display.toml's `[counted]` pair for `key`."""
    one, many = words()["counted"][key]
    return str(one if count == 1 else many).format(count)


def check_lanes(lanes: str) -> str:
    if lanes not in LANES:
        raise UsageError(f"lanes must be one of {', '.join(LANES)}, not {lanes!r}")
    return lanes


def write_format(timeline: Timeline, fmt: str, stream: TextIO, *, lanes: str = "document") -> None:
    """Write the timeline to `stream` as `fmt` (one of FORMATS): for piping, e.g.
    `chrono timeline seeds/ --format timelinejs > t.json`. `lanes` sets TimelineJS groups."""
    if fmt == "json":
        from chrono.render.json_export import timeline_to_json

        stream.write(timeline_to_json(timeline) + "\n")
    elif fmt == "csv":
        from chrono.render.csv_export import write_csv

        write_csv(timeline, stream)
    elif fmt == "timelinejs":
        from chrono.render.timelinejs import timelinejs_json

        stream.write(timelinejs_json(timeline, lanes=lanes) + "\n")
    else:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def mentions_by_id(timeline: Timeline) -> dict[str, Mention]:
    """Every mention of the timeline by id.

    Ids are unique across a timeline: the resolver names mentions `{doc_id}:m{n}`
    and document ids are unique. (Meant to become `Timeline.mentions_by_id()`.)
    """
    return {m.id: m for m in timeline.mentions}


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a renderer needs to explain a mention, built once per timeline."""

    mentions: Mapping[str, Mention]
    documents: Mapping[str, DocumentResult]

    @classmethod
    def of(cls, timeline: Timeline) -> Lookup:
        return cls(mentions_by_id(timeline), {d.document.id: d for d in timeline.documents})

    @classmethod
    def of_document(cls, result: DocumentResult) -> Lookup:
        return cls({m.id: m for m in result.mentions}, {result.document.id: result})

    def dct_of(self, mention: Mention) -> Dct | None:
        """The creation time of the document the mention is in (None when unknown)."""
        result = self.documents.get(mention.doc_id)
        return result.document.dct if result is not None else None

    def explain(self, mention: Mention) -> str:
        """The anchor chain in words: `2009 ← "five years later" (+5 years) ← "2004"`."""
        return chain_text(mention, self.mentions, self.dct_of(mention))


def shorten(text: str, limit: int) -> str:
    """`text` on one line (whitespace runs made one space), at most `limit` characters:
    a longer text is cut and ends with an ellipsis."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
