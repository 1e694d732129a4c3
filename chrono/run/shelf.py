"""Where a run keeps each document's bulky parts (events, mentions as JSON, constraints,
the whole result) between the per-document stage and the export: in memory, or in a
temporary file.

On disk, memory stays flat however large the corpus: a document's parts are appended as
one write, and read back one event at a time (`event`) or one document at a time. The file
is anonymous (`tempfile.TemporaryFile`): nothing is left behind, even after a crash. A
worker process can `pack` the parts itself, so that the process that keeps them only
writes bytes.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass
from typing import Protocol

from chrono.timeline.consistency import Own
from chrono.types import DocumentResult, Event


@dataclass(frozen=True, slots=True)
class Bulk:
    """A document's bulky parts, as objects."""

    document_json: str  # its `documents[]` item in the JSON export
    mentions_json: str  # its mentions as JSON, one object per line
    own: Own
    events: tuple[Event, ...]
    # The whole result, when the run keeps it: to build a Timeline, or to analyse again a
    # document that has no date (the others may give it one).
    result: DocumentResult | None


Span = tuple[int, int]  # offset, length


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each part lies in a packed blob (or, shifted, in the shelf's file)."""

    document: Span  # UTF-8 JSON
    mentions: Span  # UTF-8 JSON lines
    own: Span  # pickled
    events: array[int]  # offsets of the pickled events, then the offset after the last
    result: Span | None  # pickled

    def shifted(self, by: int) -> Layout:
        return Layout(
            (self.document[0] + by, self.document[1]),
            (self.mentions[0] + by, self.mentions[1]),
            (self.own[0] + by, self.own[1]),
            array("q", (offset + by for offset in self.events)),
            None if self.result is None else (self.result[0] + by, self.result[1]),
        )


@dataclass(frozen=True, slots=True)
class Packed:
    """A document's bulky parts as the bytes a disk shelf writes."""

    blob: bytes
    layout: Layout

    @property
    def mentions_json(self) -> str:
        offset, length = self.layout.mentions
        return self.blob[offset : offset + length].decode("utf-8")


def pack(bulk: Bulk) -> Packed:
    parts = [
        bulk.document_json.encode("utf-8"),
        bulk.mentions_json.encode("utf-8"),
        pickle.dumps(bulk.own, pickle.HIGHEST_PROTOCOL),
    ]
    spans, at = [], 0
    for part in parts:
        spans.append((at, len(part)))
        at += len(part)
    offsets = array("q", [at])
    for event in bulk.events:
        parts.append(pickle.dumps(event, pickle.HIGHEST_PROTOCOL))
        offsets.append(offsets[-1] + len(parts[-1]))
    result = None
    if bulk.result is not None:
        parts.append(pickle.dumps(bulk.result, pickle.HIGHEST_PROTOCOL))
        result = (offsets[-1], len(parts[-1]))
    return Packed(b"".join(parts), Layout(spans[0], spans[1], spans[2], offsets, result))


class Shelf(Protocol):
    def keep(self, position: int, bulk: Bulk | Packed) -> None:
        """Keep (or replace) the parts of the document at `position` in input order."""

    def event(self, position: int, k: int) -> Event: ...

    def events(self, position: int) -> tuple[Event, ...]: ...

    def own(self, position: int) -> Own: ...

    def mentions_json(self, position: int) -> str: ...

    def document_json(self, position: int) -> str: ...

    def result(self, position: int) -> DocumentResult | None: ...

    def close(self) -> None: ...


class MemoryShelf:
    """Everything kept as objects: for a run that builds a `Timeline`."""

    def __init__(self) -> None:
        self._bulk: dict[int, Bulk] = {}

    def keep(self, position: int, bulk: Bulk | Packed) -> None:
        assert isinstance(bulk, Bulk), "a run that keeps objects has them unpacked"
        self._bulk[position] = bulk

    def event(self, position: int, k: int) -> Event:
        return self._bulk[position].events[k]

    def events(self, position: int) -> tuple[Event, ...]:
        return self._bulk[position].events

    def own(self, position: int) -> Own:
        return self._bulk[position].own

    def mentions_json(self, position: int) -> str:
        return self._bulk[position].mentions_json

    def document_json(self, position: int) -> str:
        return self._bulk[position].document_json

    def result(self, position: int) -> DocumentResult | None:
        return self._bulk[position].result

    def close(self) -> None:
        self._bulk.clear()


class DiskShelf:
    """Everything pickled into one anonymous temporary file; in memory, only offsets."""

    def __init__(self, folder: str | None = None) -> None:
        # Lives as long as the shelf: `close` (or the end of the process) removes it.
        self._file = tempfile.TemporaryFile(dir=folder, prefix="chrono-", buffering=0)  # noqa: SIM115
        self._end = 0
        self._places: dict[int, Layout] = {}

    def keep(self, position: int, bulk: Bulk | Packed) -> None:
        packed = bulk if isinstance(bulk, Packed) else pack(bulk)
        self._file.seek(self._end)
        self._file.write(packed.blob)
        self._places[position] = packed.layout.shifted(self._end)
        self._end += len(packed.blob)

    def _read(self, span: Span) -> bytes:
        offset, length = span
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), length, offset)
        self._file.seek(offset)  # pragma: no cover - Windows
        return self._file.read(length)  # pragma: no cover

    def event(self, position: int, k: int) -> Event:
        offsets = self._places[position].events
        event: Event = pickle.loads(self._read((offsets[k], offsets[k + 1] - offsets[k])))
        return event

    def events(self, position: int) -> tuple[Event, ...]:
        count = len(self._places[position].events) - 1
        return tuple(self.event(position, k) for k in range(count))

    def own(self, position: int) -> Own:
        own: Own = pickle.loads(self._read(self._places[position].own))
        return own

    def mentions_json(self, position: int) -> str:
        return self._read(self._places[position].mentions).decode("utf-8")

    def document_json(self, position: int) -> str:
        return self._read(self._places[position].document).decode("utf-8")

    def result(self, position: int) -> DocumentResult | None:
        place = self._places[position].result
        if place is None:
            return None
        result: DocumentResult = pickle.loads(self._read(place))
        return result

    def close(self) -> None:
        self._file.close()
        self._places.clear()
