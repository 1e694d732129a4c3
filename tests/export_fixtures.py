"""A small hand-made Timeline for the JSON export and table tests.

Two documents: `council` (news, DCT from metadata) and `bio` (narrative, no
DCT). Values are computed with chrono.values so bounds, EDTF and display stay
consistent with the library. Offsets are found in the text, so the
`text[start:end] == mention.text` invariant holds by construction.
"""

from __future__ import annotations

from chrono import gregorian as g
from chrono import values as v
from chrono.types import (
    Anchor,
    Anchoring,
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
DCT_VALUE = CalendarValue(G.DAY, 2023, 7, 15)
NO_ANCHOR = Anchor(AnchorKind.NONE)


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def point(
    doc_id: str,
    mid: str,
    text: str,
    needle: str,
    cv: CalendarValue,
    *,
    sentence: int = 0,
    anchor: Anchor = NO_ANCHOR,
    chain: tuple[str, ...] = (),
    mod: str | None = None,
    approximate: bool = False,
    rule: str = "explicit",
    anchoring: Anchoring | None = None,
    signal: Signal | None = None,
    bounds: Bounds | None = None,
    edtf: str | None = None,
    display: str | None = None,
) -> Mention:
    """A resolved DATE mention of `needle` in `text`."""
    start, end = span(text, needle)
    spec = Spec(TimexType.DATE, Kind.POINT, cal=cv, anchoring=anchoring, mod=mod)
    resolution = Resolution(
        timex3=Timex3(TimexType.DATE, v.timex_value(cv), mod),
        edtf=edtf or v.edtf_value(cv, approximate, mod),
        bounds=bounds or v.point_bounds(cv, mod, approximate),
        granularity=cv.granularity,
        approximate=approximate,
        anchor=anchor,
        display=display or v.display_value(cv, mod, approximate),
        value=cv,
    )
    tag = Tag(start, end, needle, rule, spec, signal=signal)
    return Mention(mid, doc_id, sentence, tag, resolution, chain)


def council_mentions() -> tuple[Mention, ...]:
    t = COUNCIL_TEXT
    every_start, every_end = span(t, "every six months")
    since_start, since_end = span(t, "since")
    since_bounds = Bounds(
        v.point_bounds(CalendarValue(G.YEAR, 2017)).earliest_start,
        v.point_bounds(CalendarValue(G.YEAR, 2017)).latest_start,
        v.point_bounds(DCT_VALUE).earliest_end,
        v.point_bounds(DCT_VALUE).latest_end,
    )
    six_months = Duration(G.MONTH, 6)
    every = Mention(
        "council:t1",
        "council",
        1,
        Tag(
            every_start,
            every_end,
            "every six months",
            "set_every",
            Spec(TimexType.SET, Kind.SET, duration=six_months, quant="EVERY"),
        ),
        Resolution(
            Timex3(TimexType.SET, "P6M", None, quant="EVERY"),
            None,
            Bounds(),
            None,
            False,
            NO_ANCHOR,
            "every 6 months",
        ),
    )
    return (
        every,
        point(
            "council",
            "council:t2",
            t,
            "2017",
            CalendarValue(G.YEAR, 2017),
            sentence=1,
            signal=Signal("since", since_start, since_end, "since"),
            bounds=since_bounds,
            edtf="2017/2023-07-15",
            display="since 2017",
            rule="since_year",
        ),
        point(
            "council",
            "council:t3",
            t,
            "Monday",
            CalendarValue(G.DAY, 2023, 7, 10),
            sentence=2,
            anchor=Anchor(AnchorKind.DCT, None, "-P5D"),
            anchoring=Anchoring.DEICTIC,
            rule="weekday",
        ),
        point(
            "council",
            "council:t4",
            t,
            "about 1998",
            CalendarValue(G.YEAR, 1998),
            sentence=2,
            mod="APPROX",
            approximate=True,
            rule="approx_year",
        ),
        point(
            "council",
            "council:t5",
            t,
            "15 March 44 BC",
            CalendarValue(G.DAY, -43, 3, 15),
            sentence=3,
            rule="day_month_year_bc",
        ),
    )


def bio_mentions() -> tuple[Mention, ...]:
    t = BIO_TEXT
    later = CalendarValue(G.YEAR, 2009)
    dur_start, dur_end = span(t, "six years")
    sat_start, sat_end = span(t, "Saturday")
    saturday_cv = CalendarValue(G.DAY, weekday=6)
    duration = Mention(
        "bio:t3",
        "bio",
        2,
        Tag(
            dur_start,
            dur_end,
            "six years",
            "duration",
            Spec(TimexType.DURATION, Kind.DURATION, duration=Duration(G.YEAR, 6)),
        ),
        Resolution(
            Timex3(TimexType.DURATION, "P6Y"), None, Bounds(), None, False, NO_ANCHOR, "6 years"
        ),
    )
    saturday = Mention(
        "bio:t4",
        "bio",
        3,
        Tag(
            sat_start,
            sat_end,
            "Saturday",
            "weekday",
            Spec(TimexType.DATE, Kind.POINT, cal=saturday_cv, anchoring=Anchoring.DEICTIC),
        ),
        Resolution(
            Timex3(TimexType.DATE, v.timex_value(saturday_cv)),
            None,
            Bounds(),
            G.DAY,
            False,
            Anchor(AnchorKind.DCT),
            v.display_value(saturday_cv),
            note="no document date to anchor on",
        ),
    )
    return (
        point("bio", "bio:t1", t, "2004", CalendarValue(G.YEAR, 2004), rule="year"),
        point(
            "bio",
            "bio:t2",
            t,
            "Five years later",
            later,
            sentence=1,
            anchor=Anchor(AnchorKind.MENTION, "bio:t1", "+P5Y"),
            chain=("bio:t1",),
            anchoring=Anchoring.ANAPHORIC,
            rule="n_units_later",
        ),
        duration,
        saturday,
        point("bio", "bio:t5", t, "1999", CalendarValue(G.YEAR, 1999), sentence=4, rule="year"),
    )


def source(mention: Mention, text: str, quote: str) -> Source:
    start, end = span(text, quote)
    return Source(mention.doc_id, mention.id, quote, start, end, mention.resolution.edtf)


def event(
    eid: str,
    headline: str,
    mentions: list[Mention],
    quotes: list[str],
    texts: dict[str, str],
    *,
    time: EventTime | None = None,
    contradiction_ids: tuple[str, ...] = (),
    confidence: float = 1.0,
) -> Event:
    doc_ids = tuple(dict.fromkeys(m.doc_id for m in mentions))
    return Event(
        id=eid,
        headline=headline,
        trigger=headline.split()[-1],
        subject=None,
        doc_ids=doc_ids,
        mention_ids=tuple(m.id for m in mentions),
        time=time or v.event_time(mentions[0].resolution),
        sources=tuple(source(m, texts[m.doc_id], q) for m, q in zip(mentions, quotes, strict=True)),
        contradiction_ids=contradiction_ids,
        merge_confidence=confidence,
    )


def build_timeline(errors: tuple[str, ...] = ("missing.txt: no such file",)) -> Timeline:
    council_doc = Document(
        "council",
        "news/council.txt",
        COUNCIL_TEXT,
        title="Council votes",
        dct=Dct(DCT_VALUE, DctSource.METADATA, 'first line "Published: 2023-07-15"'),
        doc_type=DocType.NEWS,
        body_start=COUNCIL_TEXT.index("\n") + 1,
    )
    bio_doc = Document("bio", "bio.txt", BIO_TEXT)
    cm, bm = council_mentions(), bio_mentions()
    texts = {"council": COUNCIL_TEXT, "bio": BIO_TEXT}
    e = {
        "meets": event(
            "e1",
            "The council has met",
            [cm[1]],
            ["The council has met every six months since 2017."],
            texts,
        ),
        "voted": event(
            "e2",
            "it voted to close the library",
            [cm[2]],
            ["On Monday it voted to close the library"],
            texts,
        ),
        "opened": event(
            "e3",
            "the library opened",
            [cm[3], bm[4]],
            ["which opened in about 1998", "The library had opened in 1999."],
            texts,
            contradiction_ids=("x1",),
            confidence=0.8,
        ),
        "caesar": event(
            "e4", "Caesar was killed", [cm[4]], ["Caesar was killed on 15 March 44 BC."], texts
        ),
        "born": event(
            "e5", "Zoë Brandt was born", [bm[0]], ["Zoë Brandt was born in 2004 in Köln."], texts
        ),
        "moved": event(
            "e6", "she moved to Zürich", [bm[1]], ["Five years later she moved to Zürich."], texts
        ),
        "wrote": event(
            "e7",
            "she wrote to her sister",
            [bm[3]],
            ["On Saturday she wrote to her sister."],
            texts,
        ),
    }
    contradiction = Contradiction(
        "x1",
        "e3",
        "date",
        (Claim("council", "council:t4", "1998~"), Claim("bio", "bio:t5", "1999")),
        "council says c. 1998, bio says 1999",
    )
    return Timeline(
        documents=(
            DocumentResult(
                council_doc,
                DocType.NEWS,
                "first line has a publication date",
                cm,
                (e["meets"], e["voted"], e["opened"], e["caesar"]),
            ),
            DocumentResult(
                bio_doc,
                DocType.NARRATIVE,
                "no document date; past-tense narrative",
                bm,
                (e["born"], e["moved"], e["wrote"]),
            ),
        ),
        # Deliberately not in date order: the table must sort.
        events=tuple(
            e[k] for k in ("meets", "voted", "opened", "caesar", "born", "moved", "wrote")
        ),
        contradictions=(contradiction,),
        errors=errors,
    )


def iso(instant: int | None, with_time: bool = False) -> str | None:
    return None if instant is None else g.iso_instant(instant, with_time)


def empty_timeline() -> Timeline:
    return Timeline(documents=(), events=())
