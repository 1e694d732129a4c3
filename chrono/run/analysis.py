"""The per-document stage: one document analysed, and its digest for the stage across documents.

tag -> decide news/narrative -> resolve -> (no date? infer one from the text and resolve
again against it, `chrono.timeline.dating`) -> events. Everything here depends on one document
only, so it runs wherever the document is: in this process, in a worker process
(`chrono.run.parallel`) or on a Dask worker (`chrono.run.distributed`).

A `Digest` is what the stage across documents (`chrono.run.assemble`) needs of a document:
small parts it keeps in memory for the whole run (each event's place in time and, if it
can merge, its merge profile; the document's ages, births and conflicts) and bulky parts
it may keep on disk (its constraints, the mentions already rendered as JSON, the events).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace

from chrono.events import extract, parser
from chrono.render.json_export import document_item, item_json, mention_block
from chrono.run.shelf import Bulk, Packed, pack
from chrono.text import doctype, sentences
from chrono.timeline import consistency, dating, merge
from chrono.times import resolver, tagger
from chrono.types import DocType, Document, DocumentResult, Entity, Event, Mention


def analyze(
    document: Document, forced: DocType | None = None, *, events: bool = True
) -> DocumentResult:
    """All per-document stages for one document (`forced`: news or narrative, else decided);
    `events=False` stops at the times (no parse: the scan-speed path of `chrono eval`)."""
    (found,) = analyze_batch([document], forced, events=events)
    if isinstance(found, Exception):
        raise found
    return found


def analyze_batch(
    documents: Sequence[Document], forced: DocType | None = None, *, events: bool = True
) -> list[DocumentResult | Exception]:
    """Each document analysed as `analyze` does, their sentences parsed in one stream (the
    model is faster on full batches than on one document's few sentences). A document whose
    analysis fails is its exception, in its place: it costs no other document."""
    timed: list[_Times | Exception] = []
    for document in documents:
        try:
            timed.append(_times(document, forced))
        except Exception as error:  # one document's failure is its own
            timed.append(error)
    if not events:
        return [t if isinstance(t, Exception) else t.result() for t in timed]
    ready = [t for t in timed if not isinstance(t, Exception)]
    plans = [
        extract.to_parse(t.document, t.mentions, t.spans, reported=t.kind is DocType.NEWS)
        for t in ready
    ]
    parsed: list[list[parser.Parsed] | None]
    try:
        parsed = list(
            parser.parse_texts([(t.document.text, p) for t, p in zip(ready, plans, strict=True)])
        )
    except parser.ModelError:
        raise
    except Exception:  # each document is parsed again alone: a crash costs its own events
        parsed = [None] * len(ready)
    given = {id(t): p for t, p in zip(ready, parsed, strict=True)}
    out: list[DocumentResult | Exception] = []
    for t in timed:
        try:
            out.append(t if isinstance(t, Exception) else t.with_events(given[id(t)]))
        except Exception as error:
            out.append(error)
    return out


@dataclass(frozen=True, slots=True)
class _Times:
    """A document's time layer: what its events are built on."""

    document: Document
    kind: DocType
    reason: str
    mentions: tuple[Mention, ...]
    spans: list[tuple[int, int]]

    def result(self) -> DocumentResult:
        return DocumentResult(self.document, self.kind, self.reason, self.mentions, ())

    def with_events(self, parsed: Sequence[parser.Parsed] | None = None) -> DocumentResult:
        found = extract.extract(
            self.document,
            self.mentions,
            self.spans,
            reported=self.kind is DocType.NEWS,
            parsed=parsed,
        )
        document = self.document
        if found.warnings:
            document = replace(document, warnings=(*document.warnings, *found.warnings))
        events, entities = found.events, found.entities
        return DocumentResult(document, self.kind, self.reason, self.mentions, events, entities)


def _times(document: Document, forced: DocType | None) -> _Times:
    """tag -> decide news/narrative -> resolve -> (no date? infer one and resolve again)."""
    tags = tagger.tag(document.text, document.body_start)
    spans = sentences.sentence_spans(document.text, document.body_start)
    kind, reason = doctype.decide(document, tags, forced)
    mentions = resolver.resolve(document, tags, kind, spans)
    if document.dct is None:
        estimate = dating.infer(document, mentions, spans, kind)
        if estimate is not None:
            document, mentions = dating.resolve(document, tags, kind, spans, estimate)
    return _Times(document, kind, reason, mentions, spans)


def redate(result: DocumentResult, estimate: dating.Estimate) -> DocumentResult:
    """A document analysed again against the date the other documents give it."""
    document = result.document
    tags = tagger.tag(document.text, document.body_start)
    spans = sentences.sentence_spans(document.text, document.body_start)
    dated, mentions = dating.resolve(document, tags, result.doc_type, spans, estimate)
    return _Times(dated, result.doc_type, result.doc_type_reason, mentions, spans).with_events()


# ---------------------------------------------------------------- digest


KEY_SIZE = 4  # numbers per event in `Digest.keys`


@dataclass(frozen=True, slots=True)
class Digest:
    """One analysed document as the stage across documents takes it."""

    doc_id: str
    characters: int
    warnings: tuple[str, ...]
    # Held in memory for the whole run: small, a few numbers per event.
    facts: consistency.Facts
    keys: array[int]  # per event, `KEY_SIZE` numbers: `time_key` and its position
    profiles: tuple[merge.Profile | None, ...]  # per event; None: it cannot merge
    # Kept on the run's shelf and read back when needed; packed where it was made when the
    # shelf is on disk (the process that keeps it then only writes bytes).
    bulk: Bulk | Packed
    entities: tuple[Entity, ...] = ()  # the document's own (`chrono.timeline.entities` joins them)

    @property
    def mentions_json(self) -> str:
        return self.bulk.mentions_json

    def packed(self) -> Digest:
        return self if isinstance(self.bulk, Packed) else replace(self, bulk=pack(self.bulk))


def digest(result: DocumentResult, *, keep: bool = False, keep_undated: bool = True) -> Digest:
    """`keep`: with the whole result (a run that builds a Timeline keeps every one);
    `keep_undated`: an undated document's too, since other documents may date it (a run
    that can read it again does without)."""
    mentions = {m.id: m for m in result.mentions}
    names = {e.id: e.name for e in result.entities}
    profiles = []
    for k, event in enumerate(result.events):
        found = merge.profile(k, event, mentions, names)
        profiles.append(found if merge.mergeable(found) else None)
    keys = array("q")
    for event in result.events:
        keys.extend(time_key(event))
        keys.append(event.sources[0].start if event.sources else 0)
    facts, own = consistency.facts(result)
    document = result.document
    bulk = Bulk(
        item_json(document_item(result)),
        mention_block(result),
        own,
        result.events,
        result if keep or (keep_undated and document.dct is None) else None,
    )
    return Digest(
        document.id,
        len(document.text),
        document.warnings,
        facts,
        keys,
        tuple(profiles),
        bulk,
        result.entities,
    )


def time_key(event: Event) -> tuple[int, int, int]:
    """Where an event sorts, before document order and position: earliest possible start
    first, then the narrower one (1 Jan 2004 before '2004'); undated events last."""
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
    if not known:
        return (1, 0, 0)
    latest = bounds.latest_start if bounds.latest_start is not None else known[-1]
    return (0, known[0], latest)
