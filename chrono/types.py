"""Frozen value types shared by every stage of the pipeline. No I/O here.

Offsets (`start`, `end`) always index the document's decoded text, so
`document.text[start:end] == text` holds for every span in every stage.
Unknown is spelled `None` (never a guessed default): a month-less date has
`month=None`, an open-ended interval has `latest_end=None`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(IntEnum):
    """Calendar units from coarse to fine; the integer order is the coarseness order."""

    MILLENNIUM = 0
    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUARTER = 5
    SEASON = 6
    MONTH = 7
    WEEK = 8
    DAY = 9
    PART_OF_DAY = 10
    HOUR = 11
    MINUTE = 12
    SECOND = 13

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


class Kind(StrEnum):
    """What a time expression denotes, before any calendar arithmetic."""

    POINT = "point"  # a place on the calendar: 2004, last Saturday, five years later
    DURATION = "duration"  # an amount of time: six years, roughly a decade
    AGE = "age"  # a person's age: 55, 41-year-old (a duration ending at the reference time)
    SET = "set"  # a recurrence: every six months, annually
    REF = "ref"  # PAST_REF / PRESENT_REF / FUTURE_REF: now, recently, in the future


class Anchoring(StrEnum):
    """Which reference time an underspecified expression needs."""

    DEICTIC = "deictic"  # the speaker's now: yesterday, last month, Saturday, three years ago
    ANAPHORIC = "anaphoric"  # an earlier time in the text: that year, five years later


class DocType(StrEnum):
    NEWS = "news"  # deictic expressions anchor on the document date
    NARRATIVE = "narrative"  # deictic expressions anchor on the last mentioned date


class DctSource(StrEnum):
    CLI = "cli"
    METADATA = "metadata"
    INFERRED = "inferred"
    NONE = "none"


class AnchorKind(StrEnum):
    DCT = "dct"
    MENTION = "mention"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A place on the proleptic Gregorian calendar at some granularity.

    Years are astronomical (1 BC is year 0, 44 BC is -43). Decades and
    centuries keep their first year (1980 for the 1980s, 1800 for the 19th
    century in TimeML's reading). `weekday` (ISO, Monday=1) is only kept when
    the date itself is unknown ("Saturday" without a reference time).
    `century_known=False` marks a two-digit year ('98) or decade ('80s)
    whose century is still to be decided by the resolver.
    """

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int | None = None
    season: str | None = None  # SP SU FA WI
    quarter: int | None = None
    half: int | None = None
    part_of_day: str | None = None  # MO MI AF EV NI DT
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    tz: str | None = None  # "Z", "+01:00", as stated in the text
    century_known: bool = True
    weekend: bool = False  # a WEEK value that means only its Saturday and Sunday


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of a unit; `amount=None` is an unknown count (several years -> PXY)."""

    unit: Granularity
    amount: float | None


@dataclass(frozen=True, slots=True)
class Spec:
    """The underspecified value a rule writes; the resolver does all arithmetic.

    - explicit calendar fields go in `cal` (partial when the text omits some);
    - `anchoring` + `shift` place a point relative to a reference time:
      `shift` counts `shift_unit`s (or, when `cal` names a weekday, month or
      season, occurrences of it); `shift=None` with a unit is an unknown count;
    - `duration` is the amount for DURATION, AGE and SET values;
    - `ref` is PAST_REF, PRESENT_REF or FUTURE_REF.
    """

    type: TimexType
    kind: Kind
    cal: CalendarValue | None = None
    anchoring: Anchoring | None = None
    shift: int | None = None
    shift_unit: Granularity | None = None
    direction: int | None = None  # +1 later / -1 earlier, kept when the count is unknown
    holiday: tuple[tuple[str, int], ...] | None = None  # how to find a named day in a year
    duration: Duration | None = None
    ref: str | None = None
    mod: str | None = None  # TimeML mod: APPROX START MID END BEFORE AFTER LESS_THAN MORE_THAN ...
    quant: str | None = None  # SET quantifier: EVERY, EACH
    freq: str | None = None  # SET frequency: 2X
    ends_at_anchor: bool = False  # "for a decade now", "over the past five years"
    timeml: bool = True  # False for chrono-only mentions TimeML leaves untagged (bare ages)


@dataclass(frozen=True, slots=True)
class Signal:
    """A word outside the TIMEX3 extent that changes its meaning (TimeML SIGNAL)."""

    text: str
    start: int
    end: int
    relation: str  # since, until, from, to, between, and, before, after, for, now


@dataclass(frozen=True, slots=True)
class Tag:
    """What the tagger found: a span, the rule that matched it and its underspecified value."""

    start: int
    end: int
    text: str
    rule: str
    spec: Spec
    signal: Signal | None = None
    span_role: str | None = None  # "begin"/"end" when two tags form one range (from X to Y)
    span_partner: int | None = None  # index of the other tag of the range in the tag list


@dataclass(frozen=True, slots=True)
class Bounds:
    """Where a time can lie, as seconds since 1970-01-01T00:00 (proleptic, naive).

    `latest_*` are inclusive (the last second still inside). `None` is open.
    A point at year precision has start and end both anywhere in that year.
    """

    earliest_start: int | None = None
    latest_start: int | None = None
    earliest_end: int | None = None
    latest_end: int | None = None
    with_time: bool = False  # render with time of day (TIME values)

    @property
    def empty(self) -> bool:
        return (
            self.earliest_start is None
            and self.latest_start is None
            and self.earliest_end is None
            and self.latest_end is None
        )


@dataclass(frozen=True, slots=True)
class Timex3:
    type: TimexType
    value: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: AnchorKind
    mention_id: str | None = None
    offset: str | None = None  # signed ISO 8601 duration, e.g. "+P5Y", "-P1D", "+P0Y"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The calendar reading of a tag: TimeML value, EDTF, bounds, and how it was reached."""

    timex3: Timex3
    edtf: str | None
    bounds: Bounds
    granularity: Granularity | None
    approximate: bool
    anchor: Anchor
    display: str  # as a person writes it at its precision: "2004", "c. 2014", "since 2009"
    value: CalendarValue | None = None  # the resolved point (None for durations, sets, refs)
    note: str = ""  # why it stays unresolved, when it does


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    doc_id: str
    sentence: int
    tag: Tag
    resolution: Resolution
    chain: tuple[str, ...] = ()  # ids of the mentions this one was computed from, nearest first

    @property
    def start(self) -> int:
        return self.tag.start

    @property
    def end(self) -> int:
        return self.tag.end

    @property
    def text(self) -> str:
        return self.tag.text


@dataclass(frozen=True, slots=True)
class Dct:
    """A document creation time and where it came from."""

    value: CalendarValue
    source: DctSource
    evidence: str  # what set it: '--dct 2023-07-15', 'first line "Published: ..."'


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: str
    text: str
    title: str | None = None
    dct: Dct | None = None
    doc_type: DocType | None = None  # None = decide from the text (auto)
    body_start: int = 0  # where the text starts after a metadata header (Published: ...)
    warnings: tuple[str, ...] = ()  # readable, but something in it was ignored (a bad date)


@dataclass(frozen=True, slots=True)
class Source:
    doc_id: str
    mention_id: str
    quote: str
    start: int
    end: int
    stated_edtf: str | None
    trigger_start: int = -1  # document characters of the trigger word (-1: none)
    trigger_end: int = -1
    sentence: int = -1  # the sentence of its document it is in (-1: not known)


@dataclass(frozen=True, slots=True)
class Participant:
    """Who or what takes part in an event, as one document words it."""

    role: str  # agent | patient | location | other
    text: str  # document_text[start:end]
    start: int
    end: int
    doc_id: str
    entity_id: str | None  # the entity across documents (`Entity.id`), None if none
    entity_type: str | None  # PERSON, ORG, GPE, LOC, PRODUCT, ... (None: a common noun)


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation, place or thing, however the documents name it."""

    id: str
    name: str  # canonical: the longest proper name it is given
    type: str  # PERSON | ORG | GPE | LOC | PRODUCT | ... | OTHER
    aliases: tuple[str, ...]  # every other way it is named ("Arslan", "Mr Arslan", "he" not)
    doc_ids: tuple[str, ...]
    mentions: int  # mentions in all documents, pronouns included


@dataclass(frozen=True, slots=True)
class EventTime:
    edtf: str | None
    display: str
    granularity: Granularity | None
    approximate: bool
    bounds: Bounds
    # How the time was reached when it is not its mention's own value ("Two days after the
    # sinking": counted from the sinking's date), as an anchor chain; "" otherwise.
    chain: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    headline: str
    trigger: str | None
    subject: str | None
    doc_ids: tuple[str, ...]
    mention_ids: tuple[str, ...]
    time: EventTime
    sources: tuple[Source, ...]
    contradiction_ids: tuple[str, ...] = ()
    merge_confidence: float = 1.0
    participants: tuple[Participant, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    doc_id: str
    mention_id: str
    edtf: str | None


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    event_id: str
    kind: str
    claims: tuple[Claim, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document after the per-document stages."""

    document: Document
    doc_type: DocType
    doc_type_reason: str
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    # The document's own entities (ids "<doc>:x<n>"), which its events' participants name;
    # the stage across documents joins them into the timeline's entities.
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Timeline:
    documents: tuple[DocumentResult, ...]
    events: tuple[Event, ...]
    contradictions: tuple[Contradiction, ...] = ()
    entities: tuple[Entity, ...] = ()
    errors: tuple[str, ...] = field(default=())  # one line per input that could not be read
    warnings: tuple[str, ...] = field(default=())  # one line per thing read but ignored

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(m for d in self.documents for m in d.mentions)
