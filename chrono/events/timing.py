"""When an event happens, from its mentions: a point, an age's reference time, or a range.

Two mentions are the start and end of one event when the tagger linked them as a range
("from 1964 to 1970") or a "since/from" time and an "until/to" time are told of one trigger
("ran the firm from 2001, through a merger, until 2005"): `ranges`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from chrono.times import gregorian as g
from chrono.times.values import edtf_value, range_time, unit_span
from chrono.types import Bounds, CalendarValue, EventTime, Granularity, Kind, Mention, Resolution

G = Granularity

# Calendar units an age's reference time may be, finest first.
_REFERENCE_UNITS = (G.SECOND, G.MINUTE, G.HOUR, G.DAY, G.MONTH, G.YEAR)


def age_time(resolution: Resolution) -> EventTime:
    """When the event of an age happens: "The Oscar winner is 55" is told of the age's
    reference time (the document date, or the date of its sentence), not of the birth.

    An age's resolution bounds describe the life so far: they start with the birth range and
    end at the reference time. The event is the point at that end.
    """
    b = resolution.bounds
    bounds = Bounds(b.earliest_end, b.latest_end, b.earliest_end, b.latest_end, b.with_time)
    point = _calendar_unit(b.earliest_end, b.latest_end)
    edtf = edtf_value(point) if point is not None else _one_of(b.earliest_end, b.latest_end)
    return EventTime(
        edtf=edtf,
        display=resolution.display,
        granularity=point.granularity if point is not None else resolution.granularity,
        approximate=point is None and resolution.approximate,
        bounds=bounds,
    )


def _one_of(first: int | None, last: int | None) -> str | None:
    """EDTF for one day somewhere in [first, last]: "[2021-12-31..2023-12-29]" (an age told of
    a document date that is itself only inferred)."""
    if first is None or last is None:
        return None
    return f"[{g.iso_instant(first, False)}..{g.iso_instant(last, False)}]"


def _calendar_unit(first: int | None, last: int | None) -> CalendarValue | None:
    """The calendar day, month, year (or hour ...) that runs exactly from `first` to `last`."""
    if first is None or last is None:
        return None
    year, month, day, hour, minute, second = g.split_seconds(first)
    for unit in _REFERENCE_UNITS:
        value = CalendarValue(
            unit,
            year=year,
            month=month if unit >= G.MONTH else None,
            day=day if unit >= G.DAY else None,
            hour=hour if unit >= G.HOUR else None,
            minute=minute if unit >= G.MINUTE else None,
            second=second if unit >= G.SECOND else None,
        )
        if unit_span(value) == (first, last):
            return value
    return None


def _partner(mentions: Sequence[Mention], k: int) -> int | None:
    """Index of the end mention of a range whose begin is mention k (None if k begins none)."""
    tag = mentions[k].tag
    other = tag.span_partner
    if tag.span_role != "begin" or other is None or not 0 <= other < len(mentions) or other == k:
        return None
    partner = mentions[other].tag
    if partner.span_role != "end" or partner.span_partner not in (None, k):
        return None
    return other


_OPENS = frozenset({"since", "from"})  # signals of a time that starts an event ...
_CLOSES = frozenset({"until", "to", "by"})  # ... and of one that ends it


def range_of(begin: Resolution, end: Resolution) -> EventTime:
    """The time of an event with a start and an end; its EDTF from the two points as stated
    ("from 2001 ... until 2005" is 2001/2005, not the days the bounds run)."""
    time = range_time(begin, end)
    first = (begin.edtf or "").split("/")[0]
    last = (end.edtf or "").split("/")[-1]
    if first and last and ".." not in (first, last) and "[" not in first + last:
        return replace(time, edtf=f"{first}/{last}")
    return time


def ranges(mentions: Sequence[Mention], triggers: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Begin -> end mention of each event with two times (end -> -1): the ranges the tagger
    linked ("from 1964 to 1970"), and a start and an end told of one trigger ("ran the firm
    from 2001, through a merger, until 2005"); `triggers[k]` is (trigger offset, sentence)
    of mention k's event, (-1, -1) if it has none."""
    paired: dict[int, int] = {}
    for k in range(len(mentions)):
        other = _partner(mentions, k)
        if other is not None and other not in paired and k not in paired:
            paired[k] = other
            paired[other] = -1  # consumed as an end
    for k in range(len(mentions) - 1):
        j = k + 1
        if k in paired or j in paired or triggers[k][0] < 0:
            continue
        same = triggers[k] == triggers[j]
        points = all(mentions[i].tag.spec.kind is Kind.POINT for i in (k, j))
        if (
            same
            and points
            and _relation(mentions[k]) in _OPENS
            and _relation(mentions[j]) in _CLOSES
        ):
            paired[k] = j
            paired[j] = -1
    return paired


def _relation(mention: Mention) -> str:
    return mention.tag.signal.relation if mention.tag.signal is not None else ""
