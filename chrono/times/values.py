"""The three views of a resolved time: TimeML value, EDTF and bounds (display.py words them).

Everything here is a pure function of a `CalendarValue` (or `Duration`) and a
TimeML `mod`. Seasons are meteorological (spring = March..May; winter runs
from December into the next year); `early/mid/late` take the first, middle
and last third of the unit; `about` widens by one unit of the precision.
"""

from __future__ import annotations

from dataclasses import replace

from chrono.times import gregorian as g
from chrono.times import units
from chrono.times.display import template
from chrono.types import Bounds, CalendarValue, Duration, EventTime, Granularity, Resolution

G = Granularity

_SEASON_EDTF = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
# Parts of day as hour ranges [first, last] (TimeML TMO, TMI, TAF, TEV, TNI, TDT).
PART_OF_DAY_HOURS = {
    "MO": (6, 11),
    "MI": (12, 12),
    "AF": (12, 17),
    "EV": (18, 21),
    "NI": (21, 23),
    "DT": (9, 17),
}
_MANY_YEARS = (G.MILLENNIUM, G.CENTURY, G.DECADE)


# ---------------------------------------------------------------- TimeML values


def _timeml_year(year: int | None, digits: int = 4, known: bool = True) -> str:
    if year is None or not known:
        return "X" * digits
    if year <= 0:  # TimeML writes 44 BC as BC0044 (astronomical -43)
        return f"BC{(1 - year):04d}"[: 2 + digits]
    return f"{year:04d}"[:digits]


def timex_value(cv: CalendarValue) -> str:
    """TimeML TIMEX3 value of a calendar value: 2004, 2004-06-05, 1963-SP, 198, XXXX-WXX-6."""
    gran, year = cv.granularity, cv.year
    known = cv.century_known
    if gran is G.MILLENNIUM:
        return _timeml_year(year, 1, known)
    if gran is G.CENTURY:
        if not known or year is None:
            return "XX"
        # The 5th century BC (500..401 BC, astronomical -499..-400) is BC04, as 18 is 1800-1899.
        return f"BC{(1 - (year + 99)) // 100:02d}" if year <= 0 else f"{year // 100:02d}"
    if gran is G.DECADE:
        if year is None:
            return "XXX"
        if not known:
            return f"XX{(year % 100) // 10}"
        return f"BC{(1 - (year + 9)) // 10:03d}" if year <= 0 else f"{year // 10:03d}"
    y = (
        _timeml_year(year, 4, known)
        if known
        else f"XX{year % 100:02d}"
        if year is not None
        else "XXXX"
    )
    if gran is G.YEAR:
        return y
    if gran is G.HALF:
        return f"{y}-H{cv.half}"
    if gran is G.QUARTER:
        return f"{y}-Q{cv.quarter}"
    if gran is G.SEASON:
        return f"{y}-{cv.season}"
    if gran is G.MONTH:
        return f"{y}-{cv.month:02d}" if cv.month else f"{y}-XX"
    if gran is G.WEEK:
        week = f"{y}-W{cv.week:02d}" if cv.week else f"{y}-WXX"
        return f"{week}-WE" if cv.weekend else week
    date = _timeml_date(cv, y)
    if gran is G.DAY:
        return date
    if gran is G.PART_OF_DAY:
        return f"{date}T{cv.part_of_day}"
    if cv.hour is None:  # "two hours later" with nothing to count from
        return f"{date}TXX:XX"
    clock = f"{cv.hour:02d}:{(cv.minute or 0):02d}"
    if gran is G.SECOND:
        clock += f":{(cv.second or 0):02d}"
    return f"{date}T{clock}{_timeml_tz(cv.tz)}"


def _timeml_date(cv: CalendarValue, y: str) -> str:
    if cv.month is None and cv.day is None and cv.weekday is not None:
        return f"{y}-WXX-{cv.weekday}"
    month = f"{cv.month:02d}" if cv.month else "XX"
    day = f"{cv.day:02d}" if cv.day else "XX"
    return f"{y}-{month}-{day}"


def _timeml_tz(tz: str | None) -> str:
    if not tz:
        return ""
    return "Z" if tz in ("Z", "+00:00", "-00:00") else tz.replace(":", "")


def duration_value(duration: Duration) -> str:
    """TimeML duration: P10Y, P6M, PT3H, P2W, PXY (unknown amount)."""
    return units.iso_duration(duration.unit, duration.amount)


# ---------------------------------------------------------------- EDTF


def _edtf_year(year: int) -> str:
    if -9999 <= year <= 9999:
        return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    return f"Y{year}"


def edtf_value(cv: CalendarValue, approximate: bool = False, mod: str | None = None) -> str | None:
    """EDTF (ISO 8601-2) of a calendar value, or None when EDTF cannot say it (a lone weekday)."""
    if cv.year is None or not cv.century_known:
        return _edtf_unknown_year(cv)
    if cv.granularity is G.PART_OF_DAY:  # EDTF has no parts of days: the day itself
        return edtf_value(replace(cv, granularity=G.DAY), approximate)
    coarse_bc = cv.granularity in _MANY_YEARS and not 0 <= cv.year <= 9999
    if mod in ("START", "MID", "END") or coarse_bc or cv.granularity is G.WEEK:
        bounds = point_bounds(cv, mod)
        return edtf_interval(bounds, cv.granularity)
    gran, year = cv.granularity, cv.year
    if gran is G.MILLENNIUM:
        text = f"{year // 1000}XXX"
    elif gran is G.CENTURY:
        text = f"{year // 100:02d}XX"
    elif gran is G.DECADE:
        text = f"{year // 10:03d}X"
    else:
        text = _edtf_year(year)
        if gran is G.SEASON:
            text += f"-{_SEASON_EDTF[cv.season or 'SP']}"
        elif gran is G.QUARTER:
            text += f"-{32 + (cv.quarter or 1)}"
        elif gran is G.HALF:
            text += f"-{39 + (cv.half or 1)}"
        elif gran >= G.MONTH:
            text += f"-{cv.month:02d}" if cv.month else "-XX"
            if gran >= G.DAY:
                text += f"-{cv.day:02d}" if cv.day else "-XX"
            if gran >= G.HOUR and cv.day:
                text += f"T{cv.hour or 0:02d}:{cv.minute or 0:02d}:{cv.second or 0:02d}"
                if cv.tz:
                    text += "Z" if cv.tz in ("Z", "+00:00") else cv.tz
    if approximate and "X" not in text:
        text += "~"
    return text


def _edtf_unknown_year(cv: CalendarValue) -> str | None:
    if cv.granularity is G.YEAR:
        return "XXXX" if cv.year is None else f"XX{cv.year % 100:02d}"
    if cv.granularity is G.DECADE and cv.year is not None:
        return None  # '80s of an unknown century: EDTF has no digit pattern for it
    if cv.granularity in (G.MONTH, G.DAY) and cv.month and cv.weekday is None:
        day = f"-{cv.day:02d}" if cv.granularity is G.DAY and cv.day else ""
        return f"XXXX-{cv.month:02d}{day}"
    return None


def edtf_interval(bounds: Bounds, granularity: Granularity | None) -> str | None:
    """EDTF interval from bounds: `2009/2023-07-15`, `2009/..`, `../1985`."""
    fine = granularity is not None and granularity >= G.PART_OF_DAY
    start = bounds.earliest_start
    end = bounds.latest_end

    def one(instant: int | None) -> str:
        if instant is None:
            return ".."
        text = g.iso_instant(instant, fine)
        year = g.split_seconds(instant)[0]
        if not -9999 <= year <= 9999:
            return _edtf_year(year)
        return text

    if start is None and end is None:
        return None
    return f"{one(start)}/{one(end)}"


# ---------------------------------------------------------------- bounds


def unit_span(cv: CalendarValue) -> tuple[int, int] | None:
    """First and last second of the calendar unit a value names, or None if its year is unknown."""
    if cv.year is None or not cv.century_known:
        return None
    gran, year = cv.granularity, cv.year
    if gran in _MANY_YEARS:  # `year` already holds the first year of the decade/century
        return _years(year, units.UNITS[gran].factor)
    if gran is G.YEAR:
        return _years(year, 1)
    if gran is G.HALF:
        return _months(year, 1 + 6 * ((cv.half or 1) - 1), 6)
    if gran is G.QUARTER:
        return _months(year, 1 + 3 * ((cv.quarter or 1) - 1), 3)
    if gran is G.SEASON:
        first, count = g.SEASON_MONTHS[cv.season or "SP"]
        return _months(year, first, count)
    if gran is G.WEEK and cv.week is not None:
        start = g.iso_week_start(year, cv.week) + (5 if cv.weekend else 0)  # Saturday
        return g.seconds(start), g.seconds(g.iso_week_start(year, cv.week) + 7) - 1
    if cv.month is None:
        return _years(year, 1)
    if gran is G.MONTH:
        return _months(year, cv.month, 1)
    if cv.day is None:
        return _months(year, cv.month, 1)
    day = g.days_from_civil(year, cv.month, cv.day)
    if gran is G.DAY:
        return g.seconds(day), g.seconds(day + 1) - 1
    if gran is G.PART_OF_DAY:
        first, last = PART_OF_DAY_HOURS.get(cv.part_of_day or "DT", (0, 23))
        return g.seconds(day, first), g.seconds(day, last, 59, 59)
    if cv.hour is None:
        return g.seconds(day), g.seconds(day + 1) - 1
    start = g.seconds(day, cv.hour or 0, cv.minute or 0, cv.second or 0)
    return start, start + units.seconds(gran) - 1


def _years(first: int, count: int) -> tuple[int, int]:
    return (
        g.seconds(g.days_from_civil(first, 1, 1)),
        g.seconds(g.days_from_civil(first + count, 1, 1)) - 1,
    )


def _months(year: int, month: int, count: int) -> tuple[int, int]:
    end_year, end_month = g.add_months(year, month, count)
    return (
        g.seconds(g.days_from_civil(year, month, 1)),
        g.seconds(g.days_from_civil(end_year, end_month, 1)) - 1,
    )


_THIRDS = {  # early / mid / late parts of a unit, in its sub-units (months, years, days)
    G.YEAR: ((1, 4), (5, 8), (9, 12)),
    G.DECADE: ((0, 3), (4, 6), (7, 9)),
    G.CENTURY: ((0, 32), (33, 65), (66, 99)),
    G.MILLENNIUM: ((0, 332), (333, 665), (666, 999)),
    G.MONTH: ((1, 10), (11, 20), (21, 31)),
}
_PART = {"START": 0, "MID": 1, "END": 2}


def narrow(cv: CalendarValue, span: tuple[int, int], mod: str | None) -> tuple[int, int]:
    """early/mid/late: the first, middle or last third of the unit, on calendar lines."""
    if mod not in _PART:
        return span
    part = _PART[mod]
    thirds = _THIRDS.get(cv.granularity)
    assert cv.year is not None
    if thirds is None:  # seasons, quarters, weeks, days: thirds of the span itself
        start, end = span
        third = (end - start + 1) // 3
        return start + part * third, (end if part == 2 else start + (part + 1) * third - 1)
    first, last = thirds[part]
    if cv.granularity is G.YEAR:
        return _months(cv.year, first, last - first + 1)
    if cv.granularity is G.MONTH:
        month = cv.month or 1
        last = min(last, g.days_in_month(cv.year, month))
        return (
            g.seconds(g.days_from_civil(cv.year, month, first)),
            g.seconds(g.days_from_civil(cv.year, month, last) + 1) - 1,
        )
    return _years(cv.year + first, last - first + 1)


def widen(span: tuple[int, int], granularity: Granularity) -> tuple[int, int]:
    """'about 2004' may be 2003..2005: one unit of the precision on each side."""
    from chrono.times.shifts import add_amount

    start, end = span
    return add_amount(start, granularity, -1.0), add_amount(end + 1, granularity, 1.0) - 1


def point_bounds(cv: CalendarValue, mod: str | None = None, approximate: bool = False) -> Bounds:
    """Bounds of a point in time: it starts and ends anywhere within its unit."""
    span = unit_span(cv)
    if span is None:
        return Bounds()
    span = narrow(cv, span, mod)
    if approximate:
        span = widen(span, cv.granularity)
    with_time = cv.granularity >= G.PART_OF_DAY
    if mod == "BEFORE":  # "more than two decades ago": before 2003 began
        return Bounds(None, span[0] - 1, None, span[0] - 1, with_time)
    if mod == "ON_OR_BEFORE":
        return Bounds(None, span[1], None, span[1], with_time)
    if mod == "AFTER":
        return Bounds(span[1] + 1, None, span[1] + 1, None, with_time)
    if mod == "ON_OR_AFTER":
        return Bounds(span[0], None, span[0], None, with_time)
    return Bounds(span[0], span[1], span[0], span[1], with_time)


def event_time(resolution: Resolution) -> EventTime:
    return EventTime(
        edtf=resolution.edtf,
        display=resolution.display,
        granularity=resolution.granularity,
        approximate=resolution.approximate,
        bounds=resolution.bounds,
    )


def range_time(begin: Resolution, end: Resolution) -> EventTime:
    """One interval from two mentions that bound it ("from 1964 to 1970")."""
    a, b = begin.bounds, end.bounds
    bounds = Bounds(
        a.earliest_start, a.latest_start, b.earliest_end, b.latest_end, a.with_time or b.with_time
    )
    granularity = max(
        (r.granularity for r in (begin, end) if r.granularity is not None), default=None
    )
    edtf = None
    if begin.edtf and end.edtf and "/" not in begin.edtf + end.edtf:
        edtf = f"{begin.edtf}/{end.edtf}"
    elif not bounds.empty:
        edtf = edtf_interval(bounds, granularity)
    return EventTime(
        edtf=edtf,
        display=template("range").format(begin.display, end.display),
        granularity=granularity,
        approximate=begin.approximate or end.approximate,
        bounds=bounds,
    )
