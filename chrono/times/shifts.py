"""Moving calendar values: 'five years after', 'the Saturday before', 'next March'.

Pure functions on `CalendarValue`s. A result never claims more precision than
its inputs: "two days later" than a year-precision date keeps the year and
leaves month and day unknown.
"""

from __future__ import annotations

from chrono.times import gregorian as g
from chrono.times import units
from chrono.types import CalendarValue, Granularity

G = Granularity
_SEASONS = ("SP", "SU", "FA", "WI")


def day_number(cv: CalendarValue) -> int | None:
    """Day number of a value that names one day, else None."""
    if cv.year is None or cv.month is None or cv.day is None or not cv.century_known:
        return None
    return g.days_from_civil(cv.year, cv.month, cv.day)


def from_day(
    days: int, granularity: Granularity = G.DAY, like: CalendarValue | None = None
) -> CalendarValue:
    """A day-precision value (keeping the time-of-day fields of `like`)."""
    year, month, day = g.civil_from_days(days)
    if like is not None and granularity > G.DAY:
        return CalendarValue(
            granularity,
            year=year,
            month=month,
            day=day,
            part_of_day=like.part_of_day,
            hour=like.hour,
            minute=like.minute,
            second=like.second,
            tz=like.tz,
        )
    return CalendarValue(G.DAY, year=year, month=month, day=day)


def shift(anchor: CalendarValue, unit: Granularity, count: int) -> CalendarValue | None:
    """`anchor` moved by `count` units, at the unit's precision; None if the anchor lacks it."""
    year = anchor.year
    if year is None:
        return None
    if unit in (G.MILLENNIUM, G.CENTURY, G.DECADE):
        size = units.UNITS[unit].factor
        first = year - (year % size) if year > 0 else year
        return CalendarValue(unit, year=first + count * size)
    if unit is G.YEAR:
        return CalendarValue(G.YEAR, year=year + count)
    if unit in (G.QUARTER, G.HALF, G.SEASON):
        return _shift_part(anchor, unit, count)
    if unit is G.MONTH:
        if anchor.month is None:  # "two months later" than 1990: some month, most likely of 1990
            return CalendarValue(G.MONTH, year=year)
        y, m = g.add_months(year, anchor.month, count)
        return CalendarValue(G.MONTH, year=y, month=m)
    days = day_number(anchor)
    if days is None:  # the anchor is coarser than the unit: keep what it knows
        fine = G.MINUTE if unit > G.DAY else unit
        return CalendarValue(fine, year=year, month=anchor.month if unit >= G.DAY else None)
    if unit is G.WEEK:
        iso_year, week = g.iso_week(days + 7 * count)
        return CalendarValue(G.WEEK, year=iso_year, week=week)
    if unit is G.DAY:
        return from_day(days + count)
    if unit in (G.HOUR, G.MINUTE, G.SECOND):
        if anchor.hour is None:
            return CalendarValue(G.MINUTE, year=year, month=anchor.month, day=anchor.day)
        instant = g.seconds(days, anchor.hour, anchor.minute or 0, anchor.second or 0)
        instant += count * units.seconds(unit)
        y, mo, d, h, mi, s = g.split_seconds(instant)
        return CalendarValue(
            unit if unit is not G.HOUR else G.MINUTE,
            year=y,
            month=mo,
            day=d,
            hour=h,
            minute=mi,
            second=s if unit is G.SECOND else None,
            tz=anchor.tz,
        )
    return None


def _shift_part(anchor: CalendarValue, unit: Granularity, count: int) -> CalendarValue | None:
    """Quarters, halves and seasons: count in parts of the year."""
    year = anchor.year
    assert year is not None
    per_year = {G.QUARTER: 4, G.HALF: 2, G.SEASON: 4}[unit]
    current = _part_index(anchor, unit)
    if current is None:
        return None
    index = year * per_year + current + count
    y, part = divmod(index, per_year)
    if unit is G.QUARTER:
        return CalendarValue(G.QUARTER, year=y, quarter=part + 1)
    if unit is G.HALF:
        return CalendarValue(G.HALF, year=y, half=part + 1)
    return CalendarValue(G.SEASON, year=y, season=_SEASONS[part])


def _part_index(cv: CalendarValue, unit: Granularity) -> int | None:
    """Zero-based quarter/half/season of the year a value falls in."""
    if unit is G.QUARTER and cv.quarter:
        return cv.quarter - 1
    if unit is G.HALF and cv.half:
        return cv.half - 1
    if unit is G.SEASON and cv.season:
        return _SEASONS.index(cv.season)
    if cv.month is None:
        return None
    if unit is G.QUARTER:
        return (cv.month - 1) // 3
    if unit is G.HALF:
        return (cv.month - 1) // 6
    return season_index(cv.month)


def season_index(month: int) -> int:
    """Meteorological season of a month; January and February belong to the previous winter."""
    return {12: 3, 1: 3, 2: 3}.get(month, (month - 3) // 3)


def season_year(year: int, month: int) -> int:
    """The year a month's season is named by: January 2024 is in winter 2023."""
    return year - 1 if month in (1, 2) else year


def weekday_near(anchor_day: int, weekday: int, direction: int) -> int:
    """The day with `weekday` relative to `anchor_day`.

    direction -1: the latest one before (strictly), +1: the first one after (strictly),
    0: the one in the same ISO week; -2 / +2: on or before / on or after.
    """
    current = g.weekday(anchor_day)
    if direction == 0:
        return anchor_day + (weekday - current)
    if direction in (-1, -2):
        back = (current - weekday) % 7
        if back == 0 and direction == -1:
            back = 7
        return anchor_day - back
    ahead = (weekday - current) % 7
    if ahead == 0 and direction == 1:
        ahead = 7
    return anchor_day + ahead


def occurrence(anchor: CalendarValue, target: CalendarValue, count: int) -> CalendarValue | None:
    """The `count`-th month or season named by `target` after (count>0) or before (<0) the anchor.

    count 0 is the one in the anchor's year.
    """
    if anchor.year is None:
        return None
    if target.month is not None and target.day is None:
        base = anchor.year
        if count == 0 or anchor.month is None:
            return CalendarValue(
                G.MONTH,
                year=base + max(count, 0) if anchor.month is None else base,
                month=target.month,
            )
        if count < 0:
            year = base if target.month < anchor.month else base - 1
            return CalendarValue(G.MONTH, year=year + count + 1, month=target.month)
        year = base if target.month > anchor.month else base + 1
        return CalendarValue(G.MONTH, year=year + count - 1, month=target.month)
    if target.season is not None:
        wanted = _SEASONS.index(target.season)
        if anchor.month is None and anchor.season is None:
            return CalendarValue(G.SEASON, year=anchor.year + max(count, 0), season=target.season)
        current = _part_index(anchor, G.SEASON)
        assert current is not None
        year = season_year(anchor.year, anchor.month) if anchor.month else anchor.year
        if count == 0:
            return CalendarValue(G.SEASON, year=year, season=target.season)
        index = year * 4 + current
        step = 1 if count > 0 else -1
        candidate = year * 4 + wanted
        # Move to the first occurrence strictly after/before the anchor's season, then further.
        while (candidate - index) * step <= 0:
            candidate += 4 * step
        candidate += 4 * (count - step)
        y, part = divmod(candidate, 4)
        return CalendarValue(G.SEASON, year=y, season=_SEASONS[part])
    return None


def nearest_century(two_digits: int, reference_year: int, size: int = 100) -> int:
    """The full year ending in `two_digits` nearest to `reference_year` ('98 read in 2023 -> 1998).

    Ties and years ahead of the reference by more than ten go to the past: texts look back.
    """
    base = reference_year - reference_year % size
    candidates = [base - size + two_digits, base + two_digits, base + size + two_digits]
    candidates = [c for c in candidates if c <= reference_year + 10] or candidates
    return min(
        candidates, key=lambda c: (abs(c - reference_year), -c if c <= reference_year else c)
    )


def add_amount(instant: int, unit: Granularity, amount: float) -> int:
    """`instant` moved by `amount` units (negative goes back); calendar units clamp the day."""
    months = units.months(unit)
    if months is not None:
        year, month, day, hour, minute, second = g.split_seconds(instant)
        y, m, d = g.add_months_to_date(year, month, day, round(amount * months))
        return g.seconds(g.days_from_civil(y, m, d), hour, minute, second)
    return instant + round(amount * units.seconds(unit))


def holiday(year: int, rule: tuple[tuple[str, int], ...]) -> CalendarValue:
    """The day a holiday rule names in a year (see lexicon/holidays.toml)."""
    fields = dict(rule)
    if "easter" in fields:
        month, day = g.easter(year)
        days = g.days_from_civil(year, month, day) + fields["easter"]
    elif "nth" in fields:
        nth = g.nth_weekday(year, fields["month"], fields["weekday"], fields["nth"])
        days = nth + fields.get("offset", 0)
    else:
        days = g.days_from_civil(year, fields["month"], fields["day"])
    return from_day(days)
