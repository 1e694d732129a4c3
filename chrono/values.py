"""The three views of a resolved time: TimeML value, EDTF, bounds; and its display.

Everything here is a pure function of a `CalendarValue` (or `Duration`) and a
TimeML `mod`. Seasons are meteorological (spring = March..May; winter runs
from December into the next year); `early/mid/late` take the first, middle
and last third of the unit; `about` widens by one unit of the precision.
"""

from __future__ import annotations

from chrono import gregorian as g
from chrono.types import Bounds, CalendarValue, Duration, EventTime, Granularity, Resolution

G = Granularity

_SEASON_EDTF = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
_SEASON_WORD = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Parts of day as hour ranges [first, last] (TimeML TMO, TMI, TAF, TEV, TNI, TDT).
PART_OF_DAY_HOURS = {
    "MO": (6, 11),
    "MI": (12, 12),
    "AF": (12, 17),
    "EV": (18, 21),
    "NI": (21, 23),
    "DT": (9, 17),
}
_PART_OF_DAY_WORD = {
    "MO": "morning",
    "MI": "noon",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_DURATION_LETTER = {
    G.YEAR: "Y",
    G.MONTH: "M",
    G.WEEK: "W",
    G.DAY: "D",
    G.HOUR: "H",
    G.MINUTE: "M",
    G.SECOND: "S",
}
# Units TimeML writes as multiples of a base letter.
_DURATION_SCALE = {
    G.MILLENNIUM: (1000, G.YEAR),
    G.CENTURY: (100, G.YEAR),
    G.DECADE: (10, G.YEAR),
    G.HALF: (6, G.MONTH),
    G.QUARTER: (3, G.MONTH),
    G.SEASON: (3, G.MONTH),
    G.PART_OF_DAY: (6, G.HOUR),
}
_SPAN_YEARS = {G.MILLENNIUM: 1000, G.CENTURY: 100, G.DECADE: 10}
SECONDS = {
    G.DAY: 86_400,
    G.HOUR: 3600,
    G.MINUTE: 60,
    G.SECOND: 1,
    G.WEEK: 7 * 86_400,
    G.PART_OF_DAY: 6 * 3600,
}


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
        return f"{y}-W{cv.week:02d}" if cv.week else f"{y}-WXX"
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
    unit, amount = duration.unit, duration.amount
    if unit in _DURATION_SCALE:
        scale, unit = _DURATION_SCALE[unit]
        amount = None if amount is None else amount * scale
    letter = _DURATION_LETTER.get(unit, "Y")
    time_part = "T" if unit in (G.HOUR, G.MINUTE, G.SECOND) else ""
    if amount is None:
        return f"P{time_part}X{letter}"
    number = f"{amount:g}"
    return f"P{time_part}{number}{letter}"


# ---------------------------------------------------------------- EDTF


def _edtf_year(year: int) -> str:
    if -9999 <= year <= 9999:
        return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    return f"Y{year}"


def edtf_value(cv: CalendarValue, approximate: bool = False, mod: str | None = None) -> str | None:
    """EDTF (ISO 8601-2) of a calendar value, or None when EDTF cannot say it (a lone weekday)."""
    if cv.year is None or not cv.century_known:
        return _edtf_unknown_year(cv)
    coarse_bc = cv.granularity in _SPAN_YEARS and not 0 <= cv.year <= 9999
    if mod in ("START", "MID", "END") or coarse_bc or cv.granularity in (G.WEEK, G.PART_OF_DAY):
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
    if gran in _SPAN_YEARS:  # `year` already holds the first year of the decade/century
        return _years(year, _SPAN_YEARS[gran])
    if gran is G.YEAR:
        return _years(year, 1)
    if gran is G.HALF:
        return _months(year, 1 + 6 * ((cv.half or 1) - 1), 6)
    if gran is G.QUARTER:
        return _months(year, 1 + 3 * ((cv.quarter or 1) - 1), 3)
    if gran is G.SEASON:
        first, count = g.SEASON_MONTHS[cv.season or "SP"]
        return _months(year, first, count)
    if gran is G.WEEK:
        start = g.iso_week_start(year, cv.week or 1)
        return g.seconds(start), g.seconds(start + 7) - 1
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
    start = g.seconds(day, cv.hour or 0, cv.minute or 0, cv.second or 0)
    length = {G.HOUR: 3600, G.MINUTE: 60}.get(gran, 1)
    return start, start + length - 1


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


def in_years(unit: Granularity, amount: float | None) -> tuple[Granularity, float | None]:
    """Decades and centuries counted in years, so tolerances and arithmetic use years."""
    scale = {G.DECADE: 10, G.CENTURY: 100, G.MILLENNIUM: 1000}.get(unit)
    if scale is None:
        return unit, amount
    return G.YEAR, None if amount is None else amount * scale


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
    from chrono.shifts import add_amount

    unit, amount = in_years(granularity, 1.0)
    assert amount is not None
    start, end = span
    return add_amount(start, unit, -amount), add_amount(end + 1, unit, amount) - 1


def point_bounds(cv: CalendarValue, mod: str | None = None, approximate: bool = False) -> Bounds:
    """Bounds of a point in time: it starts and ends anywhere within its unit."""
    span = unit_span(cv)
    if span is None:
        return Bounds()
    span = narrow(cv, span, mod)
    if approximate:
        span = widen(span, cv.granularity)
    with_time = cv.granularity >= G.PART_OF_DAY
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return Bounds(None, span[1], None, span[1], with_time)
    if mod in ("AFTER", "ON_OR_AFTER"):
        return Bounds(span[0], None, span[0], None, with_time)
    return Bounds(span[0], span[1], span[0], span[1], with_time)


# ---------------------------------------------------------------- display


def display_value(cv: CalendarValue, mod: str | None = None, approximate: bool = False) -> str:
    """A date as a person writes it at its precision: 2004, Mar 1952, spring 1963, c. 2014."""
    text = _display_core(cv)
    prefix = {
        "START": "early ",
        "MID": "mid-",
        "END": "late ",
        "BEFORE": "before ",
        "AFTER": "after ",
        "ON_OR_BEFORE": "by ",
        "ON_OR_AFTER": "from ",
    }.get(mod or "", "")
    if approximate:
        prefix = "c. " + prefix
    return prefix + text


def _display_year(year: int | None, known: bool = True) -> str:
    if year is None:
        return "?"
    if not known:
        return f"'{year % 100:02d}"
    return f"{1 - year} BC" if year <= 0 else str(year)


def _display_core(cv: CalendarValue) -> str:
    gran, year = cv.granularity, cv.year
    y = _display_year(year, cv.century_known)
    if gran is G.MILLENNIUM and year is not None:
        return f"{_ordinal(year // 1000 + 1)} millennium"
    if gran is G.CENTURY and year is not None:
        if year <= 0:  # 500..401 BC (astronomical -499..-400) is the 5th century BC
            return f"{_ordinal(-(-(1 - year) // 100))} century BC"
        return f"{_ordinal(year // 100 + 1)} century"
    if gran is G.DECADE and year is not None:
        return f"the '{year % 100:02d}s" if not cv.century_known else f"{year}s"
    if gran is G.YEAR:
        return y
    if gran is G.HALF:
        return f"{'first' if cv.half == 1 else 'second'} half of {y}"
    if gran is G.QUARTER:
        return f"Q{cv.quarter} {y}"
    if gran is G.SEASON:
        return f"{_SEASON_WORD.get(cv.season or '', 'season')} {y}"
    if gran is G.WEEK:
        return f"week {cv.week} of {y}" if cv.week else f"a week in {y}"
    if cv.month is None and cv.weekday is not None:
        return f"a {_WEEKDAYS[cv.weekday - 1]} (date unknown)"
    if gran is G.MONTH:
        return f"{_MONTH_ABBR[(cv.month or 1) - 1]} {y}" if cv.month else y
    day = (
        f"{cv.day} {_MONTH_ABBR[(cv.month or 1) - 1]} {y}"
        if cv.day
        else f"{_MONTH_ABBR[(cv.month or 1) - 1]} {y}"
    )
    if gran is G.DAY:
        return day
    if gran is G.PART_OF_DAY:
        return f"{day}, {_PART_OF_DAY_WORD.get(cv.part_of_day or '', 'day')}"
    clock = f"{cv.hour or 0:02d}:{cv.minute or 0:02d}"
    zone = " UTC" if cv.tz in ("Z", "+00:00") else f" UTC{cv.tz}" if cv.tz else ""
    return f"{day} {clock}{zone}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def display_bounds(bounds: Bounds, granularity: Granularity | None) -> str:
    """An interval as a person writes it: 2009 – 2023, since 2009, until 1985."""

    def at(instant: int | None, latest: bool) -> str:
        if instant is None:
            return ""
        year, month, day, *_ = g.split_seconds(instant)
        if granularity is None or granularity <= G.YEAR:
            return _display_year(year)
        if granularity <= G.MONTH:
            return f"{_MONTH_ABBR[month - 1]} {_display_year(year)}"
        return f"{day} {_MONTH_ABBR[month - 1]} {_display_year(year)}"

    start = at(
        bounds.latest_start if bounds.earliest_start is None else bounds.earliest_start, False
    )
    end = at(bounds.latest_end if bounds.latest_end is not None else bounds.earliest_end, True)
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return "undated"


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
        display=f"{begin.display} – {end.display}",
        granularity=granularity,
        approximate=begin.approximate or end.approximate,
        bounds=bounds,
    )


_UNIT_WORDS = {
    G.MILLENNIUM: "millennium",
    G.CENTURY: "century",
    G.DECADE: "decade",
    G.YEAR: "year",
    G.HALF: "half-year",
    G.QUARTER: "quarter",
    G.SEASON: "season",
    G.MONTH: "month",
    G.WEEK: "week",
    G.DAY: "day",
    G.PART_OF_DAY: "part of a day",
    G.HOUR: "hour",
    G.MINUTE: "minute",
    G.SECOND: "second",
}
_AMOUNT_MOD_WORDS = {
    "APPROX": "c. ",
    "LESS_THAN": "under ",
    "MORE_THAN": "over ",
    "EQUAL_OR_LESS": "at most ",
    "EQUAL_OR_MORE": "at least ",
}


def duration_display(duration: Duration, mod: str | None = None) -> str:
    """'c. 10 years', '19 years', 'several months'."""
    unit = duration.unit
    amount = duration.amount
    if unit in (G.DECADE, G.CENTURY) and amount is not None:
        amount, unit = amount * (10 if unit is G.DECADE else 100), G.YEAR
    word = _UNIT_WORDS[unit]
    if amount is None:
        plural = "centuries" if unit is G.CENTURY else f"{word}s"
        return f"{_AMOUNT_MOD_WORDS.get(mod or '', '')}several {plural}"
    number = f"{amount:g}"
    plural = "" if amount == 1 else ("ies" if word.endswith("y") and unit is G.CENTURY else "s")
    if plural == "ies":
        word = word[:-1]
    return f"{_AMOUNT_MOD_WORDS.get(mod or '', '')}{number} {word}{plural}"


def set_display(duration: Duration | None, cal: CalendarValue | None) -> str:
    """'every 6 months', 'every year', 'every Tuesday'."""
    if cal is not None and cal.weekday:
        return f"every {_WEEKDAYS[cal.weekday - 1]}"
    if duration is None:
        return "recurring"
    if duration.amount in (None, 1):
        return f"every {_UNIT_WORDS[duration.unit]}"
    return f"every {duration_display(duration)}"
