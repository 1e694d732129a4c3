"""Tags -> mentions: each underspecified value resolved against the right anchor.

Anchoring policy (HeidelTime's, made explicit):
- deictic expressions (yesterday, Saturday, last year) anchor on the document
  date (DCT) in news, and on the last mentioned date in narratives;
- anaphoric ones (that year, five years later) anchor on the last mentioned
  date, falling back to the DCT;
- without an anchor a value stays underspecified (`XXXX-WXX-6`): chrono never
  reads today's date.
Every resolved mention records its anchor (the DCT or a mention) and offset,
so the chain back to an explicit date can always be shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from chrono.text.sentences import sentence_of
from chrono.times import display, shifts, units
from chrono.times import gregorian as g
from chrono.times import values as v
from chrono.times.tense import Tense, tense_at, told_in_present
from chrono.types import (
    Anchor,
    Anchoring,
    AnchorKind,
    Bounds,
    CalendarValue,
    DocType,
    Document,
    Duration,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Spec,
    Tag,
    Timex3,
    TimexType,
)

G = Granularity
_WORD = re.compile(r"\w+")
_STORY_REACH = 30  # sentences back a date inside a year told in passing may still anchor
_SCENE_WORDS = 2  # words before a year that still opens its sentence: "By early", "In"
NO_DCT = "needs the document date, which is unknown"
NO_REFERENCE = "no earlier date in the text to count from"
NO_EVENT_DATE = "an age at an event the sentence does not date"
NOT_PRECISE = "its anchor {} is not precise enough"
STARTS_AFTER_DCT = "starts after the document date"


@dataclass(frozen=True, slots=True)
class _Ref:
    """A reference time: the DCT or an earlier mention's resolved value."""

    value: CalendarValue
    mention: Mention | None

    @property
    def kind(self) -> AnchorKind:
        return AnchorKind.DCT if self.mention is None else AnchorKind.MENTION

    def anchor(self, offset: str | None) -> Anchor:
        return Anchor(self.kind, self.mention.id if self.mention else None, offset)

    @property
    def chain(self) -> tuple[str, ...]:
        if self.mention is None:
            return ()
        return (self.mention.id, *self.mention.chain)


@dataclass
class _State:
    document: Document
    doc_type: DocType
    sentences: Sequence[tuple[int, int]]
    tags: Sequence[Tag]
    mentions: list[Mention]  # resolved so far, in text order

    def sentence(self, tag: Tag) -> int:
        return sentence_of(self.sentences, tag.start) if self.sentences else 0

    @property
    def dct(self) -> _Ref | None:
        dct = self.document.dct
        return _Ref(dct.value, None) if dct is not None else None

    def last_mention(
        self,
        need: Granularity = G.YEAR,
        skip: Callable[[Spec], bool] | None = None,
        at: Tag | None = None,
    ) -> _Ref | None:
        """The latest earlier mention that names a place on the calendar with a known year.

        When it is coarser than `need` ("the next day" after "that year"), an earlier mention
        inside it that is precise enough wins ("on 3 May 2001 ... that year ... the next day").
        In a narrative, dates in parentheses are asides, not the story's time: they never
        anchor ("... (9:34 p.m., March 19 EST) ... On April 9"). Nor does a year told in
        passing in an earlier sentence ("... exposed for a planned campaign in 1976. The
        ARVN collapsed on 11 March"): a bare day or month of a narrative continues the story
        told by its latest precise date, unless the year opens its sentence and sets the
        scene ("In 1915, Villa ... on April 6") or shares the sentence with `at`.
        """
        latest: _Ref | None = None
        latest_sentence = 0
        passing = False  # the latest is a year told in passing: the story's date is earlier
        finer: _Ref | None = None  # then the story's latest precise date
        for mention in reversed(self.mentions):
            value = mention.resolution.value
            if not _is_reference(mention, value):
                continue
            if skip is not None and skip(mention.tag.spec):
                continue
            if self.doc_type is DocType.NARRATIVE and self.in_aside(mention):
                continue
            assert value is not None
            if latest is None:
                latest, latest_sentence = _Ref(value, mention), mention.sentence
                if value.granularity >= need:
                    return latest
                passing = self._in_passing(mention, need, at)
            elif value.granularity >= need and _within(mention, latest):
                # inside the year told in passing, but told long before: the story moved on
                if finer is None or latest_sentence - mention.sentence <= _STORY_REACH:
                    return _Ref(value, mention)
            elif passing and finer is None and value.granularity >= max(need, G.MONTH):
                finer = _Ref(value, mention)
        return finer or latest

    def _in_passing(self, mention: Mention, need: Granularity, at: Tag | None) -> bool:
        """A narrative's year mentioned in an earlier sentence, not at its opening: a bare
        month or day after it goes on with the story's latest precise date."""
        return (
            at is not None
            and self.doc_type is DocType.NARRATIVE
            and need >= G.MONTH
            and mention.sentence != self.sentence(at)
            and not self.sets_scene(mention)
        )

    def reference(
        self,
        anchoring: Anchoring,
        need: Granularity = G.YEAR,
        skip: Callable[[Spec], bool] | None = None,
        at: Tag | None = None,
    ) -> _Ref | None:
        if anchoring is Anchoring.DEICTIC and self.doc_type is DocType.NEWS:
            return self.dct
        return self.last_mention(need, skip, at) or self.dct

    def sets_scene(self, mention: Mention) -> bool:
        """Does a mention open its sentence or line ("In 1915, ...", "By early 1941, ...",
        a heading "2005: Elections")? Then it moves the story's time."""
        start = self.sentences[mention.sentence][0] if self.sentences else 0
        text = self.document.text
        start = max(start, text.rfind("\n", start, mention.start) + 1)
        words = _WORD.findall(text[start : mention.start])
        return len(words) <= _SCENE_WORDS or text[mention.end : mention.end + 1] == ":"

    def in_aside(self, mention: Mention) -> bool:
        """Is a mention inside parentheses in its sentence ('(9:34 p.m., March 19 EST)')?"""
        start = self.sentences[mention.sentence][0] if self.sentences else 0
        before = self.document.text[start : mention.start]
        return before.count("(") > before.count(")")

    def tense(self, tag: Tag) -> Tense | None:
        """The tense of the clause a time expression is in."""
        if self.sentences:
            start, end = self.sentences[sentence_of(self.sentences, tag.start)]
        else:
            start, end = 0, len(self.document.text)
        times = [(t.start, t.end) for t in self.tags if start <= t.start < end]
        return tense_at(self.document.text[start:end], tag.start, tag.end, start, times)

    def in_present(self, tag: Tag) -> bool:
        """Is the clause of a time expression told in the present ('The vote is on Monday')?"""
        if self.sentences:
            start, end = self.sentences[sentence_of(self.sentences, tag.start)]
        else:
            start, end = 0, len(self.document.text)
        times = [(t.start, t.end) for t in self.tags if start <= t.start < end]
        return told_in_present(self.document.text[start:end], tag.start, tag.end, start, times)


def _is_reference(mention: Mention, value: CalendarValue | None) -> bool:
    return (
        mention.tag.spec.kind is Kind.POINT
        and value is not None
        and value.year is not None
        and value.century_known
    )


def _within(mention: Mention, outer: _Ref) -> bool:
    """Does a mention's time lie inside the span of another (3 May 2001 inside 'that year')?"""
    if outer.mention is None:
        return False
    inner, span = mention.resolution.bounds, outer.mention.resolution.bounds
    ends = (inner.earliest_start, inner.latest_end, span.earliest_start, span.latest_end)
    if any(end is None for end in ends):
        return False
    inner_start, inner_end, outer_start, outer_end = ends
    return outer_start <= inner_start and inner_end <= outer_end  # type: ignore[operator]


def resolve(
    document: Document, tags: Sequence[Tag], doc_type: DocType, sentences: Sequence[tuple[int, int]]
) -> tuple[Mention, ...]:
    """Resolve a document's tags in text order (later ones may anchor on earlier ones)."""
    state = _State(document, doc_type, sentences, tags, [])
    for index, found in enumerate(tags):
        resolution, chain = _resolve(state, found)
        state.mentions.append(
            Mention(
                mention_id(document.id, index),
                document.id,
                state.sentence(found),
                found,
                resolution,
                chain,
            )
        )
    return tuple(state.mentions)


def mention_id(doc_id: str, index: int) -> str:
    """The id of a document's `index`-th mention (0-based), unique across documents."""
    return f"{doc_id}:m{index + 1}"


def _resolve(state: _State, found: Tag) -> tuple[Resolution, tuple[str, ...]]:
    kind = found.spec.kind
    if kind is Kind.REF:
        return _ref(state, found), ()
    if kind is Kind.SET:
        return _set(found), ()
    if kind in (Kind.DURATION, Kind.AGE):
        return _duration(state, found)
    return _point(state, found)


# ---------------------------------------------------------------- points


def _point(state: _State, found: Tag) -> tuple[Resolution, tuple[str, ...]]:
    found = _with_partner_year(state, found)
    spec = found.spec
    cal = spec.cal
    if cal is not None and cal.day is not None and cal.month is None and cal.weekday is None:
        return _range_end_day(state, found)
    if spec.anchoring is None and cal is not None and cal.year is not None and cal.century_known:
        if spec.holiday is not None:
            cal = shifts.holiday(cal.year, spec.holiday)
        return _finish(found, cal, Anchor(AnchorKind.NONE), state), ()
    if _is_bare_clock(spec):
        day = _day_in_sentence(state, found)
        if day is not None and cal is not None and day.value.day is not None:
            value = replace(
                cal, year=day.value.year, month=day.value.month, day=day.value.day, weekday=None
            )
            return _finish(found, value, day.anchor(_offset(0, G.DAY)), state), day.chain
    anchoring = spec.anchoring or Anchoring.DEICTIC
    compared = _comparison_ref(state, found)
    if compared is not None:
        shift = spec.shift or 0
        unit = compared.value.granularity
        moved = shifts.shift(compared.value, unit, shift * _PER_YEAR[unit])
        if moved is not None:
            return _finish(found, moved, compared.anchor(_offset(shift, G.YEAR)), state), (
                compared.chain
            )
    # "a year earlier" after "a year ago": both compare with the same period, not each other.
    skip = _is_comparison if _is_comparison(spec) else None
    ref = state.reference(anchoring, _needs(spec), skip, found)
    if ref is None:
        return _unresolved(found, anchoring), ()
    if spec.shift_unit is not None and spec.shift is None:
        return _vague_shift(state, found, ref), ref.chain
    placed = _place(state, found, ref.value)
    if placed is None:
        return _unresolved(found, anchoring, ref), ref.chain
    value, offset = placed
    return _finish(found, value, ref.anchor(offset), state), ref.chain


def _range_end_day(state: _State, found: Tag) -> tuple[Resolution, tuple[str, ...]]:
    """'April 24 and 25', 'May 6-7': a bare day number takes the month and year of the date
    just before it in the sentence."""
    cal = found.spec.cal
    assert cal is not None and cal.day is not None
    previous = state.mentions[-1] if state.mentions else None
    if previous is not None and previous.sentence == state.sentence(found):
        value = previous.resolution.value
        if (
            value is not None
            and value.year is not None
            and value.month is not None
            and value.day is not None
            and value.day < cal.day <= g.days_in_month(value.year, value.month)
        ):
            day = CalendarValue(G.DAY, year=value.year, month=value.month, day=cal.day)
            ref = _Ref(value, previous)
            return _finish(found, day, ref.anchor(_offset(cal.day - value.day, G.DAY)), state), (
                ref.chain
            )
    return _unresolved(found, Anchoring.ANAPHORIC), ()


def _with_partner_year(state: _State, found: Tag) -> Tag:
    """'from March to June 1944': a range end without a year takes its partner's; '1915-17':
    one without a century takes the century that puts it nearest after its partner."""
    cal = found.spec.cal
    if cal is None or (cal.year is not None and cal.century_known) or found.span_partner is None:
        return found
    partner = state.tags[found.span_partner].spec.cal
    if partner is None or partner.year is None or found.spec.shift is not None:
        return found
    if cal.year is None:
        filled = replace(cal, year=partner.year, century_known=partner.century_known)
    elif partner.century_known and found.span_role == "end":
        year = shifts.nearest_century(cal.year, partner.year)
        filled = replace(cal, year=year + 100 if year < partner.year else year, century_known=True)
    else:
        return found
    return replace(found, spec=replace(found.spec, cal=filled, anchoring=None))


def _is_bare_clock(spec: Spec) -> bool:
    """'3 p.m.', 'noon': a time of day that names no day of its own."""
    cal = spec.cal
    return (
        cal is not None
        and cal.hour is not None
        and cal.year is None
        and cal.month is None
        and cal.weekday is None
        and spec.shift_unit is None
    )


def _day_in_sentence(state: _State, found: Tag) -> _Ref | None:
    """The day a clock time belongs to: a dated day told in the same sentence, before it
    ('on Sunday at 3 p.m.') or after it ('at 3 p.m. on Sunday')."""
    sentence = state.sentence(found)
    for mention in reversed(state.mentions):
        if mention.sentence != sentence:
            break
        value = mention.resolution.value
        if _is_reference(mention, value) and value is not None and value.day is not None:
            return _Ref(value, mention)
    start = len(state.mentions) + 1
    for index, later in enumerate(state.tags[start:], start):
        if state.sentence(later) != sentence:
            break
        spec = later.spec
        if spec.kind is Kind.POINT and not _is_bare_clock(spec) and spec.type is not TimexType.SET:
            resolution, _ = _point(state, later)  # resolved again in its turn; pure
            value = resolution.value
            if value is not None and value.day is not None and value.year is not None:
                placeholder = Mention(
                    mention_id(state.document.id, index),
                    state.document.id,
                    sentence,
                    later,
                    resolution,
                )
                return _Ref(value, placeholder)
    return None


def _needs(spec: Spec) -> Granularity:
    """How precise an anchor must be: a day for 'the next day' or 'Saturday', a month for 'June'."""
    if spec.shift_unit is not None:
        return spec.shift_unit
    cal = spec.cal
    if cal is None:
        return G.YEAR
    if cal.weekday is not None or cal.hour is not None or cal.part_of_day is not None:
        return G.DAY
    if cal.month is not None or cal.season is not None:
        return G.MONTH
    return G.YEAR


def _comparison_ref(state: _State, found: Tag) -> _Ref | None:
    """'Third-quarter profit fell from a year ago': a year before that quarter, not that year.

    A one-year shift in a sentence that already named a quarter, half or month takes that
    period as its anchor and keeps its precision.
    """
    spec = found.spec
    if spec.direction is None or spec.shift_unit is not G.YEAR or spec.shift not in (-1, 1):
        return None  # only "a year ago / earlier", "year-ago"; "last year" is the calendar year
    sentence = state.sentence(found)
    for mention in reversed(state.mentions):
        if mention.sentence < sentence - _COMPARISON_REACH:
            break
        if _is_comparison(mention.tag.spec):
            continue  # "a year earlier" after "a year ago": the same compared period
        value = mention.resolution.value
        if (
            _is_reference(mention, value)
            and value is not None
            and (value.granularity in (G.QUARTER, G.HALF, G.MONTH, G.SEASON))
        ):
            return _Ref(value, mention)
    return None


def _is_comparison(spec: Spec) -> bool:
    """'a year ago', 'a year earlier', 'year-earlier', 'the year-ago quarter': a period compared
    with the one being reported, a year before it."""
    if spec.shift_unit is G.YEAR:
        return spec.shift == -1 and spec.direction == -1
    return spec.shift_unit is G.QUARTER and spec.shift == -4


def _place(
    state: _State, found: Tag, anchor: CalendarValue
) -> tuple[CalendarValue, str | None] | None:
    """The value of a relative or partial expression given its anchor value."""
    spec = found.spec
    cal = spec.cal
    if spec.shift_unit is not None:
        shift = spec.shift or 0
        moved = shifts.shift(anchor, spec.shift_unit, shift)
        if moved is None:
            return None
        return _with_finer_fields(moved, cal), _offset(shift, spec.shift_unit)
    if cal is None:
        return None
    if spec.holiday is not None:
        return _holiday(state, found, anchor)
    if cal.weekend:
        return _weekend(state, found, anchor)
    if not cal.century_known:
        return _complete_century(cal, anchor), None
    if cal.weekday is not None and cal.month is None:
        return _weekday(state, found, anchor)
    if cal.month is not None and cal.year is None:
        return _month_day(state, found, anchor)
    if cal.season is not None and cal.year is None:
        if spec.shift is not None:
            moved = shifts.occurrence(anchor, cal, spec.shift)
            return (replace(moved, granularity=G.SEASON), None) if moved else None
        middle = _SEASON_MIDDLE[cal.season]
        year = _nearest_year(state, found, anchor, lambda y: (y + middle[0], middle[1], 15))
        return replace(cal, year=year), None
    if cal.year is None and (cal.quarter or cal.half):
        # "the fourth quarter" read in January is the one just ended.
        month = 3 * (cal.quarter or 0) - 1 if cal.quarter else 6 * (cal.half or 1) - 3
        year = _nearest_year(state, found, anchor, lambda y: (y, month, 15))
        return replace(cal, year=year), None
    if cal.year is None and cal.hour is not None:
        day = shifts.day_number(anchor)
        if day is None:
            return None
        year, month, dom = shifts.from_day(day).year, anchor.month, anchor.day
        return replace(cal, year=year, month=month, day=dom), _offset(0, G.DAY)
    return None


_PAST_LEAN_DAYS = 2  # a verbless clause's weekday goes back unless this many days nearer ahead
_PER_YEAR = {G.QUARTER: 4, G.HALF: 2, G.MONTH: 12, G.SEASON: 4}
_COMPARISON_REACH = 2  # sentences back a year-ago comparison looks for the period it compares


def _with_finer_fields(moved: CalendarValue, cal: CalendarValue | None) -> CalendarValue:
    """'June last year': the shift gives the year, the text gives the month (or the hour)."""
    if cal is None or cal.granularity <= moved.granularity:
        return moved
    if moved.granularity is G.YEAR:  # June, the third quarter... of that year
        return replace(cal, year=moved.year)
    if moved.granularity is G.DAY and (cal.part_of_day or cal.hour is not None):
        return replace(cal, year=moved.year, month=moved.month, day=moved.day, weekday=None)
    return moved


def _offset(count: int, unit: Granularity) -> str:
    """A signed ISO 8601 duration: +P5Y, -P1D, +P3M for one quarter, +PT30M."""
    return ("-" if count < 0 else "+") + units.iso_duration(unit, abs(count))


def _complete_century(cal: CalendarValue, anchor: CalendarValue) -> CalendarValue:
    """'98 or the '80s read against the anchor's year."""
    assert cal.year is not None and anchor.year is not None
    if cal.granularity is G.DECADE:
        year = shifts.nearest_century(cal.year, anchor.year)
        return replace(cal, year=year - year % 10, century_known=True)
    return replace(cal, year=shifts.nearest_century(cal.year, anchor.year), century_known=True)


def _direction(state: _State, found: Tag) -> int | None:
    """Which way a weekday or date points from its anchor.

    -1/+1 strictly before/after (last/next), -2/+2 on or before/after (the tense says),
    0 in the same week ('this Monday' told in neither tense), None the nearest one.
    """
    shift = found.spec.shift
    if shift is not None and shift != 0:
        return shift
    if state.doc_type is DocType.NARRATIVE:
        return 0 if shift == 0 else 2  # a story moves forward: 'on Tuesday' is the next one
    tense = state.tense(found)
    if tense is Tense.PAST:
        return -2
    if tense is Tense.FUTURE:
        return 2
    return 0 if shift == 0 else None


def _weekday(
    state: _State, found: Tag, anchor: CalendarValue
) -> tuple[CalendarValue, str | None] | None:
    cal = found.spec.cal
    assert cal is not None and cal.weekday is not None
    anchor_day = shifts.day_number(anchor)
    if anchor_day is None:  # "on Saturday" after "in 1990": a Saturday of 1990
        return replace(cal, year=anchor.year, granularity=G.DAY), None
    direction = _direction(state, found)
    if direction is None:
        # Told in no tense: the nearest one ("Saturday is the premiere"); in a clause with no
        # verb of its own, leaning to the past, as news reports what happened ("at the close
        # of business Thursday", read on a Monday, is the Thursday before).
        before = shifts.weekday_near(anchor_day, cal.weekday, -2)
        after = shifts.weekday_near(anchor_day, cal.weekday, 2)
        lean = 0 if state.in_present(found) else _PAST_LEAN_DAYS
        day = before if anchor_day - before < after - anchor_day + lean else after
    else:
        day = shifts.weekday_near(anchor_day, cal.weekday, max(-2, min(2, direction)))
    date = shifts.from_day(day)
    value = replace(cal, year=date.year, month=date.month, day=date.day, weekday=None)
    return value, _offset(day - anchor_day, G.DAY)


def _month_day(
    state: _State, found: Tag, anchor: CalendarValue
) -> tuple[CalendarValue, str | None] | None:
    spec = found.spec
    cal = spec.cal
    assert cal is not None and cal.month is not None and anchor.year is not None
    if spec.shift is not None and cal.day is None:
        moved = shifts.occurrence(anchor, cal, spec.shift)
        if moved is None:
            return None
        return replace(cal, year=moved.year), None
    if spec.shift and anchor.month is not None:  # last Oct. 23: the one strictly before
        mine, theirs = (cal.month, cal.day or 0), (anchor.month, anchor.day or 0)
        year = anchor.year
        if spec.shift < 0 and mine >= theirs:
            year -= 1
        elif spec.shift > 0 and mine <= theirs:
            year += 1
        return replace(cal, year=year), None
    year = _nearest_year(state, found, anchor, lambda y: (y, cal.month, cal.day or 15))
    if cal.day is not None and cal.day > g.days_in_month(year, cal.month):
        return None  # 29 February of a common year
    return replace(cal, year=year), None


# The middle of each season as (years after the season's year, month): winter 1915 is mostly 1916.
_SEASON_MIDDLE = {"SP": (0, 4), "SU": (0, 7), "FA": (0, 10), "WI": (1, 1)}
_TENSE_REACH_DAYS = 274  # nine months


def _nearest_year(
    state: _State, found: Tag, anchor: CalendarValue, date_in: Callable[[int], tuple[int, int, int]]
) -> int:
    """The year that puts a month or season nearest its anchor: 'January' read in December 1941
    is January 1942, 'July' read in August 1944 is July 1944.

    In news the tense leans: a past-tense 'in March' read in October is last March unless that
    is more than _TENSE_REACH_DAYS away (and a future one is next March likewise).
    """
    assert anchor.year is not None
    if anchor.month is None:
        return anchor.year
    here = g.days_from_civil(anchor.year, anchor.month, anchor.day or 15)

    def distance(year: int) -> int:
        y, m, d = date_in(year)
        return g.days_from_civil(y, m, min(d, g.days_in_month(y, m))) - here

    years = [anchor.year + k for k in (-1, 0, 1)]
    nearest = min(years, key=lambda y: abs(distance(y)))
    if state.doc_type is DocType.NARRATIVE:
        return nearest
    direction = _direction(state, found) or 0
    if direction < 0:
        before = max(y for y in years if distance(y) <= 0)
        return before if -distance(before) <= _TENSE_REACH_DAYS else nearest
    if direction > 0:
        after = min(y for y in years if distance(y) >= 0)
        return after if distance(after) <= _TENSE_REACH_DAYS else nearest
    return nearest


def _weekend(
    state: _State, found: Tag, anchor: CalendarValue
) -> tuple[CalendarValue, str | None] | None:
    """'this weekend' is the weekend of the anchor's week, 'last weekend' the one before;
    'the weekend' the one the tense points to (past: the latest begun on or before the anchor)."""
    here = shifts.day_number(anchor)
    if here is None:
        return None
    direction = _direction(state, found)
    if direction in (-1, 1):  # last / next weekend: the week before or after
        saturday = shifts.weekday_near(here, 6, 0) + 7 * direction
    elif direction == 0:
        saturday = shifts.weekday_near(here, 6, 0)
    else:
        before = shifts.weekday_near(here, 6, -2)
        saturday = before if direction == -2 or g.weekday(here) >= 6 else before + 7
        if direction is None and here - before > 3:
            saturday = before + 7
    iso_year, week = g.iso_week(saturday)
    return CalendarValue(G.WEEK, year=iso_year, week=week, weekend=True), None


def _holiday(
    state: _State, found: Tag, anchor: CalendarValue
) -> tuple[CalendarValue, str | None] | None:
    """'Thanksgiving Day', 'last Easter': the occurrence nearest the anchor, or the one before
    or after it."""
    rule = found.spec.holiday
    assert rule is not None and anchor.year is not None
    here = shifts.day_number(anchor)
    shift = found.spec.shift
    if here is None or not shift:

        def date_in(year: int) -> tuple[int, int, int]:
            day = shifts.holiday(year, rule)
            assert day.month is not None and day.day is not None
            return year, day.month, day.day

        return shifts.holiday(_nearest_year(state, found, anchor, date_in), rule), None
    year = anchor.year
    candidate = shifts.holiday(year, rule)
    if shift < 0 and (shifts.day_number(candidate) or 0) >= here:
        candidate = shifts.holiday(year - 1, rule)
    if shift > 0 and (shifts.day_number(candidate) or 0) <= here:
        candidate = shifts.holiday(year + 1, rule)
    return candidate, None


def _vague_shift(state: _State, found: Tag, ref: _Ref) -> Resolution:
    """'a few years ago', 'years later': a direction but no count."""
    spec = found.spec
    assert spec.shift_unit is not None
    span = v.unit_span(ref.value)
    backwards = (spec.direction or 1) < 0
    # TimeML writes an uncounted "years later" as a reference to the past or future; the
    # bounds below still place it after (or before) its own anchor.
    value = "PAST_REF" if backwards else "FUTURE_REF"
    if span is None:
        bounds = Bounds()
    elif backwards:
        bounds = Bounds(None, span[0] - 1, None, span[0] - 1)
    else:
        bounds = Bounds(span[1] + 1, None, span[1] + 1, None)
    return Resolution(
        Timex3(spec.type, value, spec.mod),
        v.edtf_interval(bounds, G.YEAR),
        bounds,
        spec.shift_unit,
        True,
        ref.anchor(None),
        display.stretch(bounds, G.YEAR),
    )


def _unresolved(found: Tag, anchoring: Anchoring, ref: _Ref | None = None) -> Resolution:
    """The value as far as the text alone fixes it: XXXX-WXX-6, XXXX-10-14, XXXX."""
    spec = found.spec
    cal = spec.cal
    if cal is not None and cal.part_of_day and spec.shift_unit is not None:
        partial = CalendarValue(G.PART_OF_DAY, part_of_day=cal.part_of_day)
    elif spec.shift_unit is not None:
        partial = CalendarValue(max(spec.shift_unit, G.YEAR))
    else:
        partial = cal or CalendarValue(G.YEAR)
    if ref is not None:
        note = NOT_PRECISE.format(v.timex_value(ref.value))
    else:
        note = NO_DCT if anchoring is Anchoring.DEICTIC else NO_REFERENCE
    offset = None
    if spec.shift_unit is not None and spec.shift is not None:
        offset = _offset(spec.shift, spec.shift_unit)
    kind = AnchorKind.DCT if anchoring is Anchoring.DEICTIC else AnchorKind.NONE
    anchor = ref.anchor(offset) if ref is not None else Anchor(kind, None, offset)
    return Resolution(
        Timex3(spec.type, v.timex_value(partial), spec.mod),
        v.edtf_value(partial),
        Bounds(),
        partial.granularity,
        spec.mod == "APPROX",
        anchor,
        display.template("unknown").format(found.text),
        value=None,
        note=note,
    )


def _finish(found: Tag, value: CalendarValue, anchor: Anchor, state: _State) -> Resolution:
    """All views of a resolved point, with its mod and any signal (since, until...) applied."""
    spec = found.spec
    approximate = spec.mod == "APPROX"
    mod = None if approximate else spec.mod
    bounds = v.point_bounds(value, mod, approximate)
    edtf = v.edtf_value(value, approximate, mod)
    if mod in ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"):
        edtf = v.edtf_interval(bounds, value.granularity)
    shown = display.point(value, mod, approximate)
    note = ""
    if found.signal is not None and found.span_role is None:
        bounds, note = _apply_signal(found.signal.relation, bounds, state)
        if note != _UNCHANGED:
            edtf = _signal_edtf(found.signal.relation, edtf, bounds, value.granularity)
            shown = display.signal(found.signal.relation, shown)
        note = "" if note == _UNCHANGED else note
    return Resolution(
        Timex3(spec.type, v.timex_value(value), spec.mod),
        edtf,
        bounds,
        value.granularity,
        approximate,
        anchor,
        shown,
        value=value,
        note=note,
    )


_UNCHANGED = "unchanged"


def _apply_signal(relation: str, bounds: Bounds, state: _State) -> tuple[Bounds, str]:
    """'since 2009' runs from 2009 to the document date; 'before 2004' ends before it starts.

    Returns the new bounds and a note ("" when all is well, _UNCHANGED when the signal
    does not change what the time means, e.g. 'in 2004').
    """
    start, end = bounds.earliest_start, bounds.latest_end
    if start is None or end is None:
        return bounds, _UNCHANGED
    with_time = bounds.with_time
    if relation == "since":
        dct = state.dct
        dct_span = v.unit_span(dct.value) if dct else None
        if dct_span is None:
            return Bounds(start, end, start, None, with_time), ""
        note = STARTS_AFTER_DCT if start > dct_span[1] else ""
        return Bounds(start, end, dct_span[0], dct_span[1], with_time), note
    if relation == "until":
        return Bounds(None, end, start, end, with_time), ""
    if relation == "before":
        return Bounds(None, start - 1, None, start - 1, with_time), ""
    if relation == "after":
        return Bounds(end + 1, None, end + 1, None, with_time), ""
    if relation == "by":
        return Bounds(None, end, None, end, with_time), ""
    return bounds, _UNCHANGED


def _signal_edtf(
    relation: str, edtf: str | None, bounds: Bounds, granularity: Granularity
) -> str | None:
    """EDTF of a point under a signal: 2009/.. or 2009/2023-07-15 keep the point's own form
    when it is a single date; an interval point (early 1990s) falls back to the bounds."""
    if edtf is None or "/" in edtf or "X" in edtf:  # EDTF cannot open an interval at 198X
        return v.edtf_interval(bounds, granularity)
    end = bounds.latest_end
    if relation == "since":
        if end is None:
            return f"{edtf}/.."
        return f"{edtf}/{g.iso_instant(end, bounds.with_time)}"
    if relation in ("until", "by"):
        return f"../{edtf}"
    return v.edtf_interval(bounds, granularity)


# ---------------------------------------------------------------- durations and ages


def _duration(state: _State, found: Tag) -> tuple[Resolution, tuple[str, ...]]:
    spec = found.spec
    duration = spec.duration
    assert duration is not None
    timex = Timex3(TimexType.DURATION, v.duration_value(duration), spec.mod)
    is_age = spec.kind is Kind.AGE
    words = display.amount(duration, spec.mod)
    shown = display.template("aged").format(_age_words(duration)) if is_age else words
    approximate = spec.mod == "APPROX"
    if not spec.ends_at_anchor:
        return Resolution(
            timex, None, Bounds(), duration.unit, approximate, Anchor(AnchorKind.NONE), shown
        ), ()
    ref = _same_sentence_point(state, found) if is_age else None
    at_event = is_age and spec.anchoring is Anchoring.ANAPHORIC  # "at the age of seven"
    if ref is None and not at_event:
        ref = state.reference(Anchoring.DEICTIC)
    if ref is None or duration.amount is None:
        note = (NO_EVENT_DATE if at_event else NO_DCT) if ref is None else ""
        kind = AnchorKind.NONE if at_event else AnchorKind.DCT
        anchor = Anchor(kind) if ref is None else ref.anchor(None)
        return Resolution(
            timex, None, Bounds(), duration.unit, approximate, anchor, shown, note=note
        ), ref.chain if ref else ()
    span = v.unit_span(ref.value)
    assert span is not None
    unit, amount = units.in_base(duration.unit, duration.amount)
    assert amount is not None
    bounds = _ending_at(span, unit, amount, spec.mod, is_age)
    start_value = _start_value(bounds, unit)
    edtf = _span_edtf(start_value, ref.value, approximate or is_age, is_age, bounds)
    until = display.point(ref.value)
    if is_age:
        born = display.stretch(
            Bounds(bounds.earliest_start, None, None, bounds.latest_start), G.YEAR
        )
        preposition = "on_day" if ref.value.granularity >= G.DAY else "in_period"
        shown = display.template("age_at").format(
            age=shown, preposition=display.template(preposition), when=until, born=born
        )
    else:
        start = display.point(start_value, approximate=approximate)
        shown = display.template("stretch").format(start=start, end=until, amount=words)
    offset = f"-{timex.value}"
    return (
        Resolution(
            timex,
            edtf,
            bounds,
            start_value.granularity,
            True,
            ref.anchor(offset),
            shown,
            value=None,
        ),
        ref.chain,
    )


def _age_words(duration: Duration) -> str:
    """'55' for years (aged 55), '8 months' otherwise (aged 8 months)."""
    if duration.unit is G.YEAR and duration.amount is not None:
        return f"{duration.amount:g}"
    return display.amount(duration)


def _same_sentence_point(state: _State, found: Tag) -> _Ref | None:
    """An age told of a dated moment ('in 1990, at the age of seven') is the age then."""
    sentence = sentence_of(state.sentences, found.start) if state.sentences else 0
    for mention in reversed(state.mentions):
        if mention.sentence != sentence:
            break
        value = mention.resolution.value
        if mention.tag.spec.kind is Kind.POINT and value is not None and value.year is not None:
            return _Ref(value, mention)
    return None


def _ending_at(
    span: tuple[int, int], unit: Granularity, amount: float, mod: str | None, is_age: bool
) -> Bounds:
    """Bounds of a stretch of time that ends within `span` and lasts `amount` units."""
    end_first, end_last = span
    if is_age:  # aged 55: born more than 55 and at most 56 years before
        earliest = shifts.add_amount(end_first, unit, -(amount + 1)) + g.SECONDS_PER_DAY
        latest = shifts.add_amount(end_last, unit, -amount)
        return Bounds(earliest, latest, end_first, end_last)
    tolerance = 0.0
    if mod == "APPROX":
        tolerance = max(1.0, 0.2 * amount)
    earliest = shifts.add_amount(end_first, unit, -(amount + tolerance))
    latest = shifts.add_amount(end_last, unit, -(amount - tolerance))
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        latest = end_last
    if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        return Bounds(None, shifts.add_amount(end_last, unit, -amount), end_first, end_last)
    return Bounds(earliest, latest, end_first, end_last)


def _start_value(bounds: Bounds, unit: Granularity) -> CalendarValue:
    """The start of a stretch as a value at the duration's precision (for EDTF and display)."""
    first = bounds.earliest_start if bounds.earliest_start is not None else bounds.latest_start
    last = bounds.latest_start if bounds.latest_start is not None else first
    assert first is not None and last is not None
    year, month, day, *_ = g.split_seconds(first + (last - first) // 2)
    if unit <= G.YEAR:
        return CalendarValue(G.YEAR, year=year)
    if unit <= G.MONTH:
        return CalendarValue(G.MONTH, year=year, month=month)
    return CalendarValue(G.DAY, year=year, month=month, day=day)


def _span_edtf(
    start: CalendarValue, end: CalendarValue, approximate: bool, is_age: bool, bounds: Bounds
) -> str | None:
    if is_age:  # the birth date an age implies, as EDTF's one-of-a-range
        first, last = bounds.earliest_start, bounds.latest_start
        if first is None or last is None:
            return None
        return f"[{g.iso_instant(first, False)}..{g.iso_instant(last, False)}]"
    begin = v.edtf_value(start, approximate)
    finish = v.edtf_value(end)
    if begin is None or finish is None:
        return None
    return f"{begin}/{finish}"


# ---------------------------------------------------------------- sets and refs


def _set(found: Tag) -> Resolution:
    spec = found.spec
    if spec.cal is not None:
        value = v.timex_value(spec.cal)
    else:
        assert spec.duration is not None
        value = v.duration_value(spec.duration)
    timex = Timex3(TimexType.SET, value, spec.mod, spec.quant, spec.freq)
    shown = display.recurrence(spec.duration, spec.cal, spec.freq)
    unit = spec.duration.unit if spec.duration else G.DAY
    return Resolution(timex, None, Bounds(), unit, False, Anchor(AnchorKind.NONE), shown)


_REF_WORDS = {"PRESENT_REF": "now", "PAST_REF": "past", "FUTURE_REF": "future"}


def _ref(state: _State, found: Tag) -> Resolution:
    """now, recently, in the future: the document date itself, or what lies before or after it."""
    spec = found.spec
    ref_value = spec.ref or "PRESENT_REF"
    timex = Timex3(TimexType.DATE, ref_value, spec.mod)
    dct = state.dct
    span = v.unit_span(dct.value) if dct is not None else None
    if dct is None or span is None:
        shown = display.template(_REF_WORDS[ref_value])
        return Resolution(
            timex, None, Bounds(), None, False, Anchor(AnchorKind.DCT), shown, note=NO_DCT
        )
    when = display.point(dct.value)
    if ref_value == "PRESENT_REF":
        bounds = Bounds(span[0], span[1], span[0], span[1])
        edtf, shown = v.edtf_value(dct.value), display.template("now_at").format(when)
    elif ref_value == "PAST_REF":
        bounds = Bounds(None, span[0] - 1, None, span[0] - 1)
        edtf, shown = v.edtf_interval(bounds, G.DAY), display.signal("before", when)
    else:
        bounds = Bounds(span[1] + 1, None, span[1] + 1, None)
        edtf, shown = v.edtf_interval(bounds, G.DAY), display.signal("after", when)
    anchor = Anchor(AnchorKind.DCT, None, _offset(0, G.DAY))
    return Resolution(timex, edtf, bounds, dct.value.granularity, False, anchor, shown)
