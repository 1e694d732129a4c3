"""Where a run keeps each document's bulky parts (events, mentions as JSON, constraints,
the whole result) between the per-document stage and the export: in memory, or in a temporary file.

On disk, memory stays flat however large the corpus: a document's parts are appended as
one write, and read back one event at a time (`event`) or one document at a time. The file
is anonymous (`tempfile.TemporaryFile`): nothing is left behind, even after a crash.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass
from typing import Protocol

from chrono.analysis import Digest
from chrono.consistency import Own
from chrono.types import DocumentResult, Event


class Shelf(Protocol):
    def keep(self, position: int, digest: Digest) -> None:
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
        self._digests: dict[int, Digest] = {}

    def keep(self, position: int, digest: Digest) -> None:
        self._digests[position] = digest

    def event(self, position: int, k: int) -> Event:
        return self._digests[position].events[k]

    def events(self, position: int) -> tuple[Event, ...]:
        return self._digests[position].events

    def own(self, position: int) -> Own:
        return self._digests[position].own

    def mentions_json(self, position: int) -> str:
        return self._digests[position].mentions_json

    def document_json(self, position: int) -> str:
        return self._digests[position].document_json

    def result(self, position: int) -> DocumentResult | None:
        return self._digests[position].result

    def close(self) -> None:
        self._digests.clear()


@dataclass(frozen=True, slots=True)
class _Place:
    document: tuple[int, int]  # offset, length of the document's JSON (UTF-8)
    mentions: tuple[int, int]  # ... of the mentions' JSON
    own: tuple[int, int]  # ... of the pickled constraints and starts
    events: array[int]  # offsets of the pickled events, then the offset after the last
    result: tuple[int, int] | None  # offset, length of the pickled result


class DiskShelf:
    """Everything pickled into one anonymous temporary file; in memory, only offsets."""

    def __init__(self, folder: str | None = None) -> None:
        # Lives as long as the shelf: `close` (or the end of the process) removes it.
        self._file = tempfile.TemporaryFile(dir=folder, prefix="chrono-", buffering=0)  # noqa: SIM115
        self._end = 0
        self._places: dict[int, _Place] = {}

    def keep(self, position: int, digest: Digest) -> None:
        parts = [
            digest.document_json.encode("utf-8"),
            digest.mentions_json.encode("utf-8"),
            pickle.dumps(digest.own, pickle.HIGHEST_PROTOCOL),
        ]
        places, at = [], self._end
        for part in parts:
            places.append((at, len(part)))
            at += len(part)
        offsets = array("q", [at])
        for event in digest.events:
            parts.append(pickle.dumps(event, pickle.HIGHEST_PROTOCOL))
            offsets.append(offsets[-1] + len(parts[-1]))
        result = None
        if digest.result is not None:
            parts.append(pickle.dumps(digest.result, pickle.HIGHEST_PROTOCOL))
            result = (offsets[-1], len(parts[-1]))
        blob = b"".join(parts)
        self._file.seek(self._end)
        self._file.write(blob)
        self._end += len(blob)
        self._places[position] = _Place(places[0], places[1], places[2], offsets, result)

    def _read(self, offset: int, length: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), length, offset)
        self._file.seek(offset)  # pragma: no cover - Windows
        return self._file.read(length)  # pragma: no cover

    def event(self, position: int, k: int) -> Event:
        offsets = self._places[position].events
        event: Event = pickle.loads(self._read(offsets[k], offsets[k + 1] - offsets[k]))
        return event

    def events(self, position: int) -> tuple[Event, ...]:
        count = len(self._places[position].events) - 1
        return tuple(self.event(position, k) for k in range(count))

    def own(self, position: int) -> Own:
        own: Own = pickle.loads(self._read(*self._places[position].own))
        return own

    def mentions_json(self, position: int) -> str:
        return self._read(*self._places[position].mentions).decode("utf-8")

    def document_json(self, position: int) -> str:
        return self._read(*self._places[position].document).decode("utf-8")

    def result(self, position: int) -> DocumentResult | None:
        place = self._places[position].result
        if place is None:
            return None
        result: DocumentResult = pickle.loads(self._read(*place))
        return result

    def close(self) -> None:
        self._file.close()
        self._places.clear()
