"""The stage across documents: digests in (in input order), one chronology out.

Merge the reports of one happening (`chrono.timeline.merge`, over the compact profiles only), solve
every time constraint at once (`chrono.timeline.consistency`: contradictions, and dates for undated
documents that others imply; such documents are analysed again against that date and the
two steps rerun), and order the events on one timeline. The bulky parts of each document
wait on a `Shelf` (in memory or on disk) and are read back one at a time to write the
export. Held in memory for the whole run: per event four numbers (where it sorts) and, for
the few that can merge, a profile; per document its ages, births and conflicts.

The result depends only on the digests and their order, never on where they were made:
one process, worker processes or a Dask cluster give the same chronology.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from chrono.render.json_export import ExportParts
from chrono.run.analysis import KEY_SIZE, Digest, digest, redate, time_key
from chrono.run.shelf import Shelf
from chrono.timeline import consistency, dating, entities, merge
from chrono.types import Contradiction, DocumentResult, Entity, Event, Timeline

SortKey = tuple[int, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class _Doc:
    """What the run keeps in memory of one document."""

    doc_id: str
    warnings: tuple[str, ...]
    facts: consistency.Facts
    keys: array[int]
    profiles: tuple[merge.Profile | None, ...]
    entities: tuple[Entity, ...]

    def __len__(self) -> int:
        return len(self.profiles)


@dataclass
class Run:
    """Feed digests in input order (`add`, `error`), then `finish`."""

    shelf: Shelf
    keep: bool = False  # keep whole results (to build a Timeline)
    # Analyse again the document at a position against a date others give it; by default
    # from the result kept on the shelf (a cluster reads the document again on a worker).
    redo: Callable[[int, dating.Estimate], Digest] | None = None
    docs: list[_Doc] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _shared: dict[object, object] = field(default_factory=dict)

    def add(self, found: Digest) -> None:
        self._put(len(self.docs), found)

    def error(self, line: str) -> None:
        self.errors.append(line)

    def _put(self, position: int, found: Digest) -> None:
        self.shelf.keep(position, found.bulk)
        profiles = tuple(self._compact(p) if p is not None else None for p in found.profiles)
        slim = _Doc(found.doc_id, found.warnings, found.facts, found.keys, profiles, found.entities)
        if position == len(self.docs):
            self.docs.append(slim)
        else:
            self.docs[position] = slim

    def _compact(self, p: merge.Profile) -> merge.Profile:
        """One object for equal words and word sets across events (each document arrives
        with its own copies): the merge's memory is mostly these."""

        def one(value: Any) -> Any:
            return self._shared.setdefault(value, value)

        return replace(
            p,
            doc_id=one(p.doc_id),
            lemma=one(p.lemma),
            classes=one(p.classes),
            subject=one(p.subject),
            names=one(p.names),
            verb=one(p.verb),
        )

    def finish(self, warnings: Sequence[str] = (), mapper: merge.Mapper = map) -> Assembled:
        """Merge, solve, date the documents the others date (then merge and solve again).
        `mapper` compares the merge's blocks (`chrono.run.distributed` spreads them)."""
        self._shared.clear()
        solved = _Solved.of(self.docs, self.shelf, mapper)
        if solved.view.dates:
            positions = {d.doc_id: n for n, d in enumerate(self.docs)}
            for doc_id, estimate in solved.view.dates.items():
                self._redate(positions[doc_id], estimate)
            solved = _Solved.of(self.docs, self.shelf, mapper)
        notes = [w for d in self.docs for w in d.warnings] + list(warnings)
        joined = entities.join(e for d in self.docs for e in d.entities)
        return Assembled(self, solved, tuple(self.errors), tuple(notes), joined)

    def _redate(self, position: int, estimate: dating.Estimate) -> None:
        if self.redo is not None:
            self._put(position, self.redo(position, estimate))
            return
        result = self.shelf.result(position)
        assert result is not None, "an undated document's result is kept"
        self._put(position, digest(redate(result, estimate), keep=self.keep))


@dataclass
class _Solved:
    """The merge and the constraint view of one state of the run."""

    base: list[int]  # index of each document's first event among all events
    groups: list[merge.Group]  # events reported more than once
    group_of: array[int]  # per event: its group, -1 when it is reported once
    view: consistency.View

    @classmethod
    def of(cls, docs: Sequence[_Doc], shelf: Shelf, mapper: merge.Mapper = map) -> _Solved:
        base, total = [], 0
        for doc in docs:
            base.append(total)
            total += len(doc)
        profiles = [p for doc in docs for p in doc.profiles]
        groups = merge.merge(profiles, lambda g: shelf.event(*_locate(base, g)), mapper)
        del profiles
        group_of = array("q", [-1]) * total
        for n, group in enumerate(groups):
            for g in group.members:
                group_of[g] = n
        links = []
        for group in groups:
            if len(group.agreeing) > 1:
                located = [_locate(base, g) for g in group.agreeing]
                starts = [shelf.own(n).starts[k] for n, k in located]
                links.append((group.event.id, [s for s in starts if s is not None]))
        reported = {g.event.id: 1 for g in groups if g.contradiction is not None}
        owner = _Owners(docs, shelf, base, group_of, groups)
        view = consistency.solve([d.facts for d in docs], shelf.own, links, owner, reported)
        return cls(base, groups, group_of, view)


@dataclass
class _Owners:
    """The (merged) event a mention dates, looked up only for the mentions of a conflict."""

    docs: Sequence[_Doc]
    shelf: Shelf
    base: list[int]
    group_of: array[int]
    groups: list[merge.Group]
    _positions: dict[str, int] = field(default_factory=dict)

    def __call__(self, mention_id: str) -> str | None:
        if not self._positions:
            self._positions = {d.doc_id: n for n, d in enumerate(self.docs)}
        position = self._positions.get(mention_id.rpartition(":")[0])
        if position is None:
            return None
        for k, event in enumerate(self.shelf.events(position)):
            if mention_id in event.mention_ids:
                n = self.group_of[self.base[position] + k]
                return self.groups[n].event.id if n >= 0 else event.id
        return None


@dataclass
class Assembled:
    """A finished run: what the export and the Timeline are made of."""

    run: Run
    solved: _Solved
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    joined: entities.Joined

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        found = [g.contradiction for g in self.solved.groups if g.contradiction is not None]
        return (*found, *self.solved.view.contradictions)

    def order(self) -> list[int]:
        """The events in timeline order, each an event reported once (its index g >= 0) or a
        group (-1 - its index): earliest possible start first (then the narrower), then
        document order and position; undated events last."""
        docs, solved = self.run.docs, self.solved
        positions = {d.doc_id: n for n, d in enumerate(docs)}
        items: list[tuple[SortKey, int]] = []
        for n, doc in enumerate(docs):
            keys, first = doc.keys, solved.base[n]
            for k in range(len(doc)):
                if solved.group_of[first + k] < 0:
                    undated, earliest, latest, start = keys[k * KEY_SIZE : (k + 1) * KEY_SIZE]
                    items.append(((undated, earliest, latest, n, start, first + k), first + k))
        for n, group in enumerate(solved.groups):
            event = group.event
            start = event.sources[0].start if event.sources else 0
            where = positions.get(event.doc_ids[0], 0)
            items.append(((*time_key(event), where, start, group.members[0]), -1 - n))
        items.sort()
        return [item for _, item in items]

    def events(self) -> Iterator[Event]:
        """The events in timeline order, each naming its contradictions."""
        by_event: dict[str, list[str]] = {}
        for c in self.contradictions:
            by_event.setdefault(c.event_id, []).append(c.id)
        for item in self.order():
            if item >= 0:
                event = self.run.shelf.event(*_locate(self.solved.base, item))
            else:
                event = self.solved.groups[-1 - item].event
            ids = by_event.get(event.id)
            if ids:
                event = replace(
                    event, contradiction_ids=tuple(dict.fromkeys((*event.contradiction_ids, *ids)))
                )
            if event.participants:
                event = replace(
                    event,
                    participants=tuple(
                        replace(p, entity_id=self.joined.of(p.entity_id))
                        for p in event.participants
                    ),
                )
            yield event

    def documents(self) -> Iterator[str]:
        for n in range(len(self.run.docs)):
            yield self.run.shelf.document_json(n)

    def mention_blocks(self) -> Iterator[str]:
        for n in range(len(self.run.docs)):
            yield self.run.shelf.mentions_json(n)

    def parts(self) -> ExportParts:
        return ExportParts(
            self.documents(),
            self.mention_blocks(),
            self.events(),
            self.contradictions,
            self.errors,
            self.joined.entities,
        )

    def timeline(self) -> Timeline:
        """The whole chronology in memory (the run must have kept the results)."""
        results: list[DocumentResult] = []
        for n in range(len(self.run.docs)):
            result = self.run.shelf.result(n)
            assert result is not None, "Run(keep=True) keeps every result"
            results.append(result)
        return Timeline(
            tuple(results),
            tuple(self.events()),
            self.contradictions,
            self.joined.entities,
            self.errors,
            self.warnings,
        )

    def close(self) -> None:
        self.run.shelf.close()


def _locate(base: list[int], g: int) -> tuple[int, int]:
    """(document, index in it) of event g among all (`base`: each document's first event)."""
    n = bisect_right(base, g) - 1
    return n, g - base[n]
