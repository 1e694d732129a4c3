"""Hand-made Timelines for renderer and exporter tests: the one fixture module.

`TimelineBuilder` keeps the invariants real Timelines have, so a test only states
what it cares about:

- every span's text equals `document.text[start:end]` (offsets are found, not given);
- mention ids are `{doc_id}:m{n}` in text order, as the resolver writes them;
- a mention's TimeML value, EDTF and bounds come from its `CalendarValue` through
  `chrono.times.values` (`timex_value`, `edtf_value`, `point_bounds`) unless a test
  overrides them; its sentence and default quote come from `chrono.text.sentences`;
- its chain lists every mention it was computed from, nearest first;
- events sit in the order `chrono.run.pipeline.build_timeline` gives them (by time,
  undated last), so renderers see what the pipeline would hand them.

    b = TimelineBuilder()
    b.document("bio", "Born in 1952. Five years later he moved.", dct=day(2023, 7, 15))
    born = b.mention("bio", "1952", year(1952))
    b.event(born, "Born")
    timeline = b.build()

Instants are seconds since 1970-01-01 (proleptic Gregorian), `latest_*` inclusive,
as in `chrono.types.Bounds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from chrono.run import pipeline
from chrono.text import sentences
from chrono.times import gregorian as g
from chrono.times.resolver import NO_DCT
from chrono.times.values import edtf_value, event_time, point_bounds, timex_value, unit_span
from chrono.types import (
    Anchor,
    AnchorKind,
    Bounds,
    CalendarValue,
    Claim,
    Contradiction,
    Dct,
    DctSource,
    DocType,
    Document,
    DocumentResult,
    Duration,
    Event,
    EventTime,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Signal,
    Source,
    Spec,
    Tag,
    Timeline,
    Timex3,
    TimexType,
)

G = Granularity
NO_ANCHOR = Anchor(AnchorKind.NONE)


# ---------------------------------------------------------------- values, instants, bounds


def year(y: int) -> CalendarValue:
    return CalendarValue(G.YEAR, year=y)


def month(y: int, m: int) -> CalendarValue:
    return CalendarValue(G.MONTH, year=y, month=m)


def day(y: int, m: int, d: int) -> CalendarValue:
    return CalendarValue(G.DAY, year=y, month=m, day=d)


def at(y: int, m: int = 1, d: int = 1, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    """Seconds since 1970-01-01 of a civil date and time."""
    return g.seconds(g.days_from_civil(y, m, d), hour, minute, second)


def span(cv: CalendarValue) -> tuple[int, int]:
    """First and last second of the unit a calendar value names (`values.unit_span`)."""
    found = unit_span(cv)
    assert found is not None, f"{cv} names no calendar unit"
    return found


def interval(start: CalendarValue | None, end: CalendarValue | None) -> Bounds:
    """From somewhere in `start` to somewhere in `end`; None leaves that side open."""
    first = span(start) if start else (None, None)
    last = span(end) if end else (None, None)
    return Bounds(first[0], first[1], last[0], last[1])


# ---------------------------------------------------------------- builder


class TimelineBuilder:
    """Collects documents, mentions, events and contradictions, then builds a Timeline."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._doc_types: dict[str, tuple[DocType, str]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._events: list[Event] = []
        self._contradictions: list[Contradiction] = []
        self._errors: list[str] = []
        self._sentences: dict[str, list[tuple[int, int]]] = {}

    # documents --------------------------------------------------------
    def document(
        self,
        doc_id: str,
        text: str,
        *,
        title: str | None = None,
        dct: CalendarValue | None = None,
        dct_source: DctSource = DctSource.METADATA,
        dct_evidence: str | None = None,
        doc_type: DocType = DocType.NEWS,
        doc_type_reason: str = "fixture",
        path: str | None = None,
        body_start: int = 0,
    ) -> Document:
        evidence = dct_evidence or f"fixture {dct_source.value}"
        dct_value = Dct(dct, dct_source, evidence) if dct else None
        path = path or f"{doc_id}.txt"
        document = Document(doc_id, path, text, title, dct_value, doc_type, body_start)
        self._documents[doc_id] = document
        self._doc_types[doc_id] = (doc_type, doc_type_reason)
        self._mentions[doc_id] = []
        return document

    # mentions ---------------------------------------------------------
    def mention(
        self,
        doc_id: str,
        text: str,
        value: CalendarValue | None = None,
        *,
        occurrence: int = 0,
        mod: str | None = None,
        approximate: bool = False,
        anchor: Anchor = NO_ANCHOR,
        timex: Timex3 | None = None,
        kind: Kind = Kind.POINT,
        duration: Duration | None = None,
        ends_at_anchor: bool = False,
        timeml: bool = True,
        bounds: Bounds | None = None,
        edtf: str | None = None,
        display: str | None = None,
        granularity: Granularity | None = None,
        signal: str | None = None,
        rule: str = "fixture",
        note: str = "",
    ) -> Mention:
        """The `occurrence`-th `text` of the document as a resolved mention.

        With a calendar `value`, the TimeML value, EDTF, bounds and granularity are
        computed from it (and `mod`, `approximate`); any of them can be overridden.
        Without one (durations, sets, unresolved times) they default to "unknown".
        `display` defaults to the TimeML value. `signal` is a word just before the
        text that shapes it ("since").
        """
        document = self._documents[doc_id]
        start = -1
        for _ in range(occurrence + 1):
            start = document.text.find(text, start + 1)
            if start == -1:
                raise ValueError(f"{text!r} (occurrence {occurrence}) is not in {doc_id}")
        end = start + len(text)
        mentions = self._mentions[doc_id]
        if mentions and start < mentions[-1].end:
            raise ValueError(f"add mentions in text order: {text!r} overlaps or precedes")

        if timex is None:
            assert value is not None, "a mention needs a calendar value or a Timex3"
            timex = Timex3(TimexType.DATE, timex_value(value), mod)
        if value is not None:
            edtf = edtf if edtf is not None else edtf_value(value, approximate, mod)
            bounds = bounds if bounds is not None else point_bounds(value, mod, approximate)
            granularity = granularity if granularity is not None else value.granularity
        resolution = Resolution(
            timex3=timex,
            edtf=edtf,
            bounds=bounds if bounds is not None else Bounds(),
            granularity=granularity,
            approximate=approximate,
            anchor=anchor,
            display=display if display is not None else timex.value,
            value=value,
            note=note,
        )
        spec = Spec(
            timex.type,
            kind,
            cal=value,
            duration=duration,
            mod=mod,
            quant=timex.quant,
            freq=timex.freq,
            ends_at_anchor=ends_at_anchor,
            timeml=timeml,
        )
        tag = Tag(start, end, text, rule, spec, signal=self._signal(document, start, signal))
        spans = self._spans(document)
        mention = Mention(
            f"{doc_id}:m{len(mentions) + 1}",
            doc_id,
            sentences.sentence_of(spans, start),
            tag,
            resolution,
            self._chain(anchor),
        )
        mentions.append(mention)
        return mention

    def range(self, begin: Mention, end: Mention) -> tuple[Mention, Mention]:
        """Make two mentions of a document one range ("from 1964 to 1970"), as the tagger
        pairs tags: `span_role` begin/end, `span_partner` the other's index."""
        mentions = self._mentions[begin.doc_id]
        i, j = mentions.index(begin), mentions.index(end)
        mentions[i] = replace(begin, tag=replace(begin.tag, span_role="begin", span_partner=j))
        mentions[j] = replace(end, tag=replace(end.tag, span_role="end", span_partner=i))
        return mentions[i], mentions[j]

    def _spans(self, document: Document) -> list[tuple[int, int]]:
        """The document's sentences, computed once (documents do not change once added)."""
        if document.id not in self._sentences:
            self._sentences[document.id] = list(
                sentences.sentence_spans(document.text, document.body_start)
            )
        return self._sentences[document.id]

    def _signal(self, document: Document, start: int, word: str | None) -> Signal | None:
        if word is None:
            return None
        at_ = document.text.rfind(word, 0, start)
        if at_ == -1 or document.text[at_ + len(word) : start].strip():
            raise ValueError(f"signal {word!r} is not just before offset {start}")
        return Signal(word, at_, at_ + len(word), word.lower())

    def _chain(self, anchor: Anchor) -> tuple[str, ...]:
        if anchor.kind is not AnchorKind.MENTION or anchor.mention_id is None:
            return ()
        doc_id = anchor.mention_id.rsplit(":m", 1)[0]
        by_id = {m.id: m for m in self._mentions.get(doc_id, [])}
        if anchor.mention_id not in by_id:
            raise ValueError(f"anchor {anchor.mention_id!r} is not an earlier mention")
        return (anchor.mention_id, *by_id[anchor.mention_id].chain)

    # events -----------------------------------------------------------
    def event(
        self,
        mentions: Mention | Sequence[Mention],
        headline: str,
        *,
        time: EventTime | None = None,
        trigger: str | None = None,
        subject: str | None = None,
        quotes: Sequence[str | None] | None = None,
        contradiction_ids: Sequence[str] = (),
        confidence: float = 1.0,
    ) -> Event:
        """An event dated by its first mention unless `time` says otherwise; one source a mention.

        A source's quote is the sentence around its mention unless `quotes` names
        a substring of the document to quote instead.
        """
        mentions = [mentions] if isinstance(mentions, Mention) else list(mentions)
        quotes = list(quotes) if quotes is not None else [None] * len(mentions)
        sources = tuple(self._source(m, q) for m, q in zip(mentions, quotes, strict=True))
        event = Event(
            id=f"e{len(self._events) + 1}",
            headline=headline,
            trigger=trigger,
            subject=subject,
            doc_ids=tuple(dict.fromkeys(m.doc_id for m in mentions)),
            mention_ids=tuple(m.id for m in mentions),
            time=time or event_time(mentions[0].resolution),
            sources=sources,
            contradiction_ids=tuple(contradiction_ids),
            merge_confidence=confidence,
        )
        self._events.append(event)
        return event

    def _source(self, mention: Mention, quote: str | None) -> Source:
        document = self._documents[mention.doc_id]
        text = document.text
        if quote is None:
            start, end = self._spans(document)[mention.sentence]
        else:
            start = text.find(quote)
            if start == -1:
                raise ValueError(f"quote {quote!r} is not in {mention.doc_id}")
            end = start + len(quote)
        stated = mention.resolution.edtf
        return Source(mention.doc_id, mention.id, text[start:end], start, end, stated)

    # contradictions ---------------------------------------------------
    def contradiction(
        self, event: Event, mentions: Sequence[Mention], reason: str, kind: str = "date"
    ) -> Contradiction:
        claims = tuple(Claim(m.doc_id, m.id, m.resolution.edtf) for m in mentions)
        contradiction = Contradiction(
            f"c{len(self._contradictions) + 1}", event.id, kind, claims, reason
        )
        self._contradictions.append(contradiction)
        return contradiction

    def error(self, line: str) -> None:
        self._errors.append(line)

    # result -----------------------------------------------------------
    def build(self) -> Timeline:
        """The Timeline, its events in the pipeline's order (`pipeline.build_timeline`)."""
        results = [
            DocumentResult(
                document=document,
                doc_type=self._doc_types[doc_id][0],
                doc_type_reason=self._doc_types[doc_id][1],
                mentions=tuple(self._mentions[doc_id]),
                events=tuple(e for e in self._events if e.doc_ids[0] == doc_id),
            )
            for doc_id, document in self._documents.items()
        ]
        timeline = pipeline.build_timeline(results, self._errors)
        return replace(timeline, contradictions=tuple(self._contradictions))


def empty_timeline() -> Timeline:
    return TimelineBuilder().build()


# ---------------------------------------------------------------- renderer sample

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def sample_timeline() -> Timeline:
    """Every shape a renderer meets: day and year points, a closed and an open interval,
    an approximate and a contradicted date, an undated event, and hostile text.

    Events: e1 day point, e2 year point (anchored on e1's mention), e3 interval to the
    document date, e4 open interval, e5 undated (a recurrence), e6 hostile quote,
    e7 approximate, e8 contradicted (two sources).
    """
    b = TimelineBuilder()
    b.document(
        "bio",
        "Ada Lovelace Byron was born on 10 December 1815. That year the family split. "
        "She has worked on engines for nineteen years now. She studied mathematics since 1840. "
        "Every Saturday she rested.",
        title="A short biography of Ada Lovelace and her work on the Analytical Engine",
        dct=day(1852, 11, 27),
    )
    news_text = (
        f"Published: 2023-07-15\nThe mayor said {SCRIPT} in 2004. "
        f"Then {IMG} it's roughly 2010 now. The bridge opened in 1998."
    )
    b.document("news", news_text, dct=day(2023, 7, 15), body_start=news_text.index("\n") + 1)
    b.document("notes", "The bridge opened in 1999.")

    born = b.mention("bio", "10 December 1815", day(1815, 12, 10), display="10 Dec 1815")
    split = b.mention(
        "bio", "That year", year(1815), anchor=Anchor(AnchorKind.MENTION, born.id, "+P0Y")
    )
    engines = b.mention(
        "bio",
        "nineteen years",
        timex=Timex3(TimexType.DURATION, "P19Y"),
        kind=Kind.DURATION,
        duration=Duration(G.YEAR, 19),
        ends_at_anchor=True,
        anchor=Anchor(AnchorKind.DCT, None, "-P19Y"),
        bounds=interval(year(1833), day(1852, 11, 27)),
        edtf="1833/1852-11-27",
        granularity=G.YEAR,
        display="1833 – 27 Nov 1852 (19 years)",
        signal="for",
    )
    studied = b.mention(
        "bio",
        "1840",
        year(1840),
        bounds=interval(year(1840), None),
        edtf="1840/..",
        display="since 1840",
        signal="since",
    )
    saturday = b.mention(
        "bio",
        "Every Saturday",
        timex=Timex3(TimexType.SET, "XXXX-WXX-6", quant="EVERY"),
        kind=Kind.SET,
        display="every Saturday",
    )
    hostile = b.mention("news", "2004", year(2004))
    approx = b.mention(
        "news", "roughly 2010", year(2010), mod="APPROX", approximate=True, display="c. 2010"
    )
    opened_news = b.mention("news", "1998", year(1998))
    opened_notes = b.mention("notes", "1999", year(1999))

    b.event(born, "Ada Lovelace born", trigger="born")
    b.event(split, "the family split", trigger="split")
    b.event(engines, "She has worked on engines", trigger="worked")
    b.event(studied, "She studied mathematics", trigger="studied")
    b.event(saturday, "she rested", trigger="rested")
    b.event(hostile, f"The mayor said {SCRIPT}", trigger="said")
    b.event(approx, "it is roughly 2010", trigger="is")
    opened = b.event(
        [opened_news, opened_notes],
        "The bridge opened",
        trigger="opened",
        contradiction_ids=("c1",),
    )
    b.contradiction(opened, [opened_news, opened_notes], "1998 in news, 1999 in notes")
    return b.build()


# ---------------------------------------------------------------- export sample

COUNCIL_TEXT = (
    "Published: 2023-07-15\n"
    "The council has met every six months since 2017. On Monday it voted to close the "
    "library, which opened in about 1998. Caesar was killed on 15 March 44 BC."
)
BIO_TEXT = (
    "Zoë Brandt was born in 2004 in Köln. Five years later she moved to Zürich. "
    "She lived there for six years. On Saturday she wrote to her sister. "
    "The library had opened in 1999."
)
TEXTS = {"council": COUNCIL_TEXT, "bio": BIO_TEXT}
COUNCIL_DCT = day(2023, 7, 15)
COUNCIL_DCT_EVIDENCE = 'first line "Published: 2023-07-15"'
MISSING = "missing.txt: no such file"


def export_timeline(errors: Sequence[str] = (MISSING,)) -> Timeline:
    """Two documents as the resolver would give them: `council` (news, DCT from metadata)
    and `bio` (news without a DCT), with a SET, a `since` interval, a DCT-anchored
    weekday, an approximate year, a BC day, an anaphoric chain, a duration, an
    unresolved weekday, and one event two documents contradict each other on.

    Events, in input order: e1 council met (since 2017), e2 voted (Monday), e3 library
    opened (c. 1998 vs 1999, contradicted), e4 Caesar (44 BC), e5 born (2004), e6 moved
    (2009), e7 wrote (undated).
    """
    b = TimelineBuilder()
    b.document(
        "council",
        COUNCIL_TEXT,
        title="Council votes",
        path="news/council.txt",
        dct=COUNCIL_DCT,
        dct_evidence=COUNCIL_DCT_EVIDENCE,
        doc_type_reason="has a publication date",
        body_start=COUNCIL_TEXT.index("\n") + 1,
    )
    b.document("bio", BIO_TEXT, doc_type_reason="reads like reporting")

    b.mention(
        "council",
        "every six months",
        timex=Timex3(TimexType.SET, "P6M", quant="EVERY"),
        kind=Kind.SET,
        duration=Duration(G.MONTH, 6),
        display="every 6 months",
        rule="set_every_unit",
    )
    since = b.mention(
        "council",
        "2017",
        year(2017),
        bounds=interval(year(2017), COUNCIL_DCT),
        edtf="2017/2023-07-15",
        display="since 2017",
        signal="since",
        rule="date_year",
    )
    monday = b.mention(
        "council",
        "Monday",
        day(2023, 7, 10),
        anchor=Anchor(AnchorKind.DCT, None, "-P5D"),
        display="10 Jul 2023",
        rule="date_weekday",
    )
    about = b.mention(
        "council",
        "about 1998",
        year(1998),
        mod="APPROX",
        approximate=True,
        display="c. 1998",
        rule="date_year",
    )
    caesar = b.mention(
        "council", "15 March 44 BC", day(-43, 3, 15), display="15 Mar 44 BC", rule="date_bc"
    )

    born = b.mention("bio", "2004", year(2004), rule="date_year")
    moved = b.mention(
        "bio",
        "Five years later",
        year(2009),
        anchor=Anchor(AnchorKind.MENTION, born.id, "+P5Y"),
        rule="rel_amount_direction",
    )
    b.mention(
        "bio",
        "six years",
        timex=Timex3(TimexType.DURATION, "P6Y"),
        kind=Kind.DURATION,
        duration=Duration(G.YEAR, 6),
        display="6 years",
        rule="duration_amount",
    )
    saturday = b.mention(
        "bio",
        "Saturday",
        timex=Timex3(TimexType.DATE, "XXXX-WXX-6"),
        anchor=Anchor(AnchorKind.DCT),
        granularity=G.DAY,
        display="Saturday (date unknown)",
        note=NO_DCT,
        rule="date_weekday",
    )
    library_bio = b.mention("bio", "1999", year(1999), rule="date_year")

    b.event(since, "The council has met", trigger="met")
    b.event(monday, "it voted to close the library", trigger="voted")
    opened = b.event(
        [about, library_bio],
        "the library opened",
        trigger="opened",
        quotes=["which opened in about 1998", None],
        contradiction_ids=("c1",),
        confidence=0.8,
    )
    b.event(caesar, "Caesar was killed", trigger="killed")
    b.event(born, "Zoë Brandt was born", trigger="born")
    b.event(moved, "she moved to Zürich", trigger="moved")
    b.event(saturday, "she wrote to her sister", trigger="wrote")
    b.contradiction(opened, [about, library_bio], "council says c. 1998, bio says 1999")
    for line in errors:
        b.error(line)
    return b.build()


# ---------------------------------------------------------------- a large timeline

BIG_YEARS = (1900, 2020)


def big_timeline(events: int = 10_000, documents: int = 50) -> Timeline:
    """`events` dated events spread over `documents` documents and BIG_YEARS: mostly year and
    day points, some intervals and approximate dates, a few contradictions. Deterministic."""
    b = TimelineBuilder()
    per_document = -(-events // documents)
    first, last = BIG_YEARS
    made = 0
    for d in range(documents):
        count = min(per_document, events - made)
        if count <= 0:
            break
        years = [first + (d * 7919 + i * 104_729) % (last - first) for i in range(count)]
        sentences_ = [f"Item {i} happened in {y}." for i, y in enumerate(years)]
        doc_id = f"doc{d:03d}"
        b.document(doc_id, " ".join(sentences_), title=f"Document {d}")
        for i, y in enumerate(years):
            text = f"{y}"
            occurrence = years[:i].count(y)
            kind = i % 10
            if kind == 0:
                mention = b.mention(
                    doc_id,
                    text,
                    year(y),
                    occurrence=occurrence,
                    bounds=interval(year(y), year(y + 3)),
                )
            elif kind == 1:
                mention = b.mention(doc_id, text, year(y), occurrence=occurrence, approximate=True)
            elif kind == 2:
                mention = b.mention(
                    doc_id,
                    text,
                    year(y),
                    occurrence=occurrence,
                    bounds=Bounds(*span(day(y, 6, 1)) * 2),
                )
            else:
                mention = b.mention(doc_id, text, year(y), occurrence=occurrence)
            event = b.event(mention, f"Item {i} of document {d}", subject=f"Subject {i % 40}")
            if kind == 3 and i % 100 == 3:
                b.contradiction(event, [mention], f"item {i} disagrees")
            made += 1
    return b.build()
