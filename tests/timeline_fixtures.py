"""Hand-made Timelines for renderer and exporter tests, with no pipeline stage involved.

`TimelineBuilder` keeps the invariants real Timelines have (every span's text
equals `document.text[start:end]`, ids are unique, an event's sources point at
real mentions) so a test only states what it cares about:

    b = TimelineBuilder()
    b.document("bio", "Born in 1952. Five years later he moved.", dct=day(2023, 7, 15))
    born = b.mention("bio", "1952", point(year_span(1952)), "1952", G.YEAR)
    b.event(born, "Born")
    timeline = b.build()

Instants are seconds since 1970-01-01 (proleptic Gregorian), `latest_*` inclusive,
as in `chrono.types.Bounds`.
"""

from __future__ import annotations

from collections.abc import Sequence

from chrono import gregorian as g
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
    Event,
    EventTime,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Source,
    Spec,
    Tag,
    Timeline,
    Timex3,
    TimexType,
)

G = Granularity


# ---------------------------------------------------------------- instants and bounds


def at(
    year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: int = 0
) -> int:
    """Seconds since 1970-01-01 of a civil date and time."""
    return g.seconds(g.days_from_civil(year, month, day), hour, minute, second)


def year_span(year: int, count: int = 1) -> tuple[int, int]:
    """First and last second (inclusive) of `count` years starting at `year`."""
    return at(year), at(year + count) - 1


def month_span(year: int, month: int) -> tuple[int, int]:
    end_year, end_month = g.add_months(year, month, 1)
    return at(year, month), at(end_year, end_month) - 1


def day_span(year: int, month: int, day: int) -> tuple[int, int]:
    start = at(year, month, day)
    return start, start + g.SECONDS_PER_DAY - 1


def point(span: tuple[int, int], with_time: bool = False) -> Bounds:
    """A point somewhere in `span`: it starts and ends anywhere inside it."""
    return Bounds(span[0], span[1], span[0], span[1], with_time)


def interval(start: tuple[int, int] | None, end: tuple[int, int] | None) -> Bounds:
    """From somewhere in `start` to somewhere in `end`; None leaves that side open."""
    return Bounds(
        start[0] if start else None,
        start[1] if start else None,
        end[0] if end else None,
        end[1] if end else None,
    )


def day(year: int, month: int, d: int) -> CalendarValue:
    return CalendarValue(G.DAY, year=year, month=month, day=d)


def year(y: int) -> CalendarValue:
    return CalendarValue(G.YEAR, year=y)


# ---------------------------------------------------------------- builder


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding [start, end): a plain split on '.', '!', '?' and newlines."""
    left = max(text.rfind(stop, 0, start) for stop in ".!?\n") + 1
    rights = [i for i in (text.find(stop, end) for stop in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right


class TimelineBuilder:
    """Collects documents, mentions, events and contradictions, then builds a Timeline."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._events: list[Event] = []
        self._contradictions: list[Contradiction] = []
        self._errors: list[str] = []

    # documents --------------------------------------------------------
    def document(
        self,
        doc_id: str,
        text: str,
        *,
        title: str | None = None,
        dct: CalendarValue | None = None,
        dct_source: DctSource = DctSource.METADATA,
        doc_type: DocType = DocType.NEWS,
    ) -> Document:
        dct_value = Dct(dct, dct_source, f"fixture {dct_source.value}") if dct else None
        document = Document(doc_id, f"{doc_id}.txt", text, title, dct_value, doc_type)
        self._documents[doc_id] = document
        self._mentions[doc_id] = []
        return document

    # mentions ---------------------------------------------------------
    def mention(
        self,
        doc_id: str,
        text: str,
        bounds: Bounds,
        value: str,
        granularity: Granularity | None = None,
        *,
        occurrence: int = 0,
        display: str | None = None,
        edtf: str | None = None,
        approximate: bool = False,
        anchor: Anchor | None = None,
        timex_type: TimexType = TimexType.DATE,
        mod: str | None = None,
    ) -> Mention:
        """A mention of the `occurrence`-th `text` in the document (offsets found, not given)."""
        document = self._documents[doc_id]
        start = -1
        for _ in range(occurrence + 1):
            start = document.text.find(text, start + 1)
            if start == -1:
                raise ValueError(f"{text!r} (occurrence {occurrence}) is not in {doc_id}")
        end = start + len(text)
        mentions = self._mentions[doc_id]
        mention_id = f"{doc_id}:m{len(mentions) + 1}"
        anchor = anchor or Anchor(AnchorKind.NONE)
        chain = (anchor.mention_id,) if anchor.mention_id else ()
        tag = Tag(start, end, text, "fixture", Spec(timex_type, Kind.POINT, mod=mod))
        resolution = Resolution(
            timex3=Timex3(timex_type, value, mod),
            edtf=edtf if edtf is not None else value,
            bounds=bounds,
            granularity=granularity,
            approximate=approximate,
            anchor=anchor,
            display=display if display is not None else value,
        )
        sentence = document.text.count(".", 0, start)
        mention = Mention(mention_id, doc_id, sentence, tag, resolution, chain)
        mentions.append(mention)
        return mention

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
    ) -> Event:
        """An event dated by its first mention unless `time` says otherwise; one source a mention.

        A source's quote is the sentence around its mention unless `quotes` names
        a substring of the document to quote instead.
        """
        mentions = [mentions] if isinstance(mentions, Mention) else list(mentions)
        quotes = list(quotes) if quotes is not None else [None] * len(mentions)
        sources = tuple(self._source(m, q) for m, q in zip(mentions, quotes, strict=True))
        first = mentions[0].resolution
        time = time or EventTime(
            first.edtf, first.display, first.granularity, first.approximate, first.bounds
        )
        doc_ids = tuple(dict.fromkeys(m.doc_id for m in mentions))
        event = Event(
            id=f"e{len(self._events) + 1}",
            headline=headline,
            trigger=trigger,
            subject=subject,
            doc_ids=doc_ids,
            mention_ids=tuple(m.id for m in mentions),
            time=time,
            sources=sources,
            contradiction_ids=tuple(contradiction_ids),
        )
        self._events.append(event)
        return event

    def _source(self, mention: Mention, quote: str | None) -> Source:
        text = self._documents[mention.doc_id].text
        if quote is None:
            start, end = _sentence_around(text, mention.start, mention.end)
        else:
            start = text.find(quote)
            if start == -1:
                raise ValueError(f"quote {quote!r} is not in {mention.doc_id}")
            end = start + len(quote)
        stated = mention.resolution.edtf
        return Source(mention.doc_id, mention.id, text[start:end], start, end, stated)

    # contradictions ---------------------------------------------------
    def contradiction(
        self, event_id: str, mentions: Sequence[Mention], reason: str, kind: str = "date"
    ) -> Contradiction:
        claims = tuple(Claim(m.doc_id, m.id, m.resolution.edtf) for m in mentions)
        contradiction = Contradiction(
            f"c{len(self._contradictions) + 1}", event_id, kind, claims, reason
        )
        self._contradictions.append(contradiction)
        return contradiction

    def error(self, line: str) -> None:
        self._errors.append(line)

    # result -----------------------------------------------------------
    def build(self) -> Timeline:
        results = tuple(
            DocumentResult(
                document=document,
                doc_type=document.doc_type or DocType.NEWS,
                doc_type_reason="fixture",
                mentions=tuple(self._mentions[doc_id]),
                events=tuple(e for e in self._events if e.doc_ids[0] == doc_id),
            )
            for doc_id, document in self._documents.items()
        )
        return Timeline(
            results, tuple(self._events), tuple(self._contradictions), tuple(self._errors)
        )


# ---------------------------------------------------------------- a ready-made sample

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def sample_timeline() -> Timeline:
    """Every shape a renderer meets: day and year points, a closed and an open interval,
    an approximate and a contradicted date, an undated event, and hostile text.

    Events, in order: e1 day point, e2 year point (anchored on e1's mention),
    e3 interval to the document date, e4 open interval, e5 undated, e6 hostile
    quote, e7 approximate, e8 contradicted (two sources).
    """
    b = TimelineBuilder()
    b.document(
        "bio",
        "Ada Lovelace Byron was born on 10 December 1815. That year the family split. "
        "She has worked on engines since 1833. She studied mathematics since 1840. "
        "On Saturday she rested.",
        title="A short biography of Ada Lovelace and her work on the Analytical Engine",
        dct=day(1852, 11, 27),
    )
    b.document(
        "news",
        f"Published: 2023-07-15\nThe mayor said {SCRIPT} in 2004. "
        f"Then {IMG} it's roughly 2010 now. The bridge opened in 1998.",
        dct=day(2023, 7, 15),
    )
    b.document("notes", "The bridge opened in 1999.")

    born = b.mention(
        "bio",
        "10 December 1815",
        point(day_span(1815, 12, 10)),
        "1815-12-10",
        G.DAY,
        display="10 Dec 1815",
    )
    split = b.mention(
        "bio",
        "That year",
        point(year_span(1815)),
        "1815",
        G.YEAR,
        anchor=Anchor(AnchorKind.MENTION, born.id, "+P0Y"),
        display="1815",
    )
    engines = b.mention(
        "bio",
        "since 1833",
        interval(year_span(1833), day_span(1852, 11, 27)),
        "P19Y",
        G.YEAR,
        display="since 1833",
        edtf="1833/1852-11-27",
        anchor=Anchor(AnchorKind.DCT, None, "-P19Y"),
    )
    studied = b.mention(
        "bio",
        "since 1840",
        interval(year_span(1840), None),
        "1840",
        G.YEAR,
        display="since 1840",
        edtf="1840/..",
    )
    saturday = b.mention(
        "bio",
        "Saturday",
        Bounds(),
        "XXXX-WXX-6",
        G.DAY,
        display="a Saturday (date unknown)",
        edtf="",
    )
    hostile = b.mention("news", "2004", point(year_span(2004)), "2004", G.YEAR)
    approx = b.mention(
        "news",
        "roughly 2010",
        point((at(2009), at(2012) - 1)),
        "2010",
        G.YEAR,
        approximate=True,
        display="c. 2010",
        edtf="2010~",
    )
    opened_news = b.mention("news", "1998", point(year_span(1998)), "1998", G.YEAR)
    opened_notes = b.mention("notes", "1999", point(year_span(1999)), "1999", G.YEAR)

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
    b.contradiction(opened.id, [opened_news, opened_notes], "1998 in news, 1999 in notes")
    return b.build()
