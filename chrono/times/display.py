"""Times as a person reads them: '2004', 'c. 2014', 'Mar 1952', 'spring 1963', 'since 2009'.

All words come from resources/<lang>/display.toml (what chrono writes), kept apart from the
lexicons (what chrono reads).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from chrono.resources.loader import load_toml
from chrono.times import gregorian as g
from chrono.times import units
from chrono.types import Bounds, CalendarValue, Duration, Granularity

G = Granularity


@cache
def words(code: str = "en") -> dict[str, Any]:
    return load_toml(code, "display.toml")


def template(name: str) -> str:
    return str(words()["templates"][name])


def unit_word(unit: Granularity, amount: float | None = 1) -> str:
    singular, plural = words()["units"][unit.name.lower()]
    return str(singular if amount == 1 else plural)


def ordinal(n: int) -> str:
    suffixes = words()["ordinals"]
    key = "teens" if 10 <= n % 100 <= 20 else str(n % 10)
    return f"{n}{suffixes.get(key, suffixes['default'])}"


def year(value: int | None, century_known: bool = True) -> str:
    if value is None:
        return "?"
    if not century_known:
        return f"'{value % 100:02d}"
    return template("bc").format(1 - value) if value <= 0 else str(value)


def month(number: int) -> str:
    return str(words()["months"][number - 1])


def weekday(number: int) -> str:
    return str(words()["weekdays"][number - 1])


def point(cv: CalendarValue, mod: str | None = None, approximate: bool = False) -> str:
    """A date at its precision, with its mod: '2004', 'early 2004', 'c. Mar 1952'."""
    text = _core(cv)
    if mod in words()["point_mods"]:
        text = words()["point_mods"][mod].format(text)
    return template("approximate").format(text) if approximate else text


def _core(cv: CalendarValue) -> str:
    gran, y = cv.granularity, year(cv.year, cv.century_known)
    if cv.year is not None and gran in (G.MILLENNIUM, G.CENTURY, G.DECADE):
        return _span_name(cv)
    if gran is G.YEAR:
        return y
    if gran is G.HALF:
        return str(words()["halves"][(cv.half or 1) - 1]).format(y)
    if gran is G.QUARTER:
        return template("quarter").format(quarter=cv.quarter, year=y)
    if gran is G.SEASON:
        return template("season").format(season=words()["seasons"][cv.season or "SP"], year=y)
    if gran is G.WEEK:
        if cv.week is None:
            return template("week_unknown").format(y)
        if cv.weekend and cv.year is not None:  # "the weekend of 11 Aug 1990" (its Saturday)
            saturday = g.iso_week_start(cv.year, cv.week) + 5
            sy, sm, sd = g.civil_from_days(saturday)
            return template("weekend").format(
                template("day").format(day=sd, month=month(sm), year=year(sy))
            )
        return template("week").format(week=cv.week, year=y)
    if cv.month is None and cv.weekday is not None:
        return template("weekday_unknown").format(weekday(cv.weekday))
    if cv.month is None:
        return y
    day = template("month").format(month=month(cv.month), year=y)
    if gran is G.MONTH:
        return day
    if cv.day is not None:
        day = template("day").format(day=cv.day, month=month(cv.month), year=y)
    if gran is G.DAY:
        return day
    if gran is G.PART_OF_DAY:
        part = words()["parts_of_day"][cv.part_of_day or "DT"]
        return template("part_of_day").format(date=day, part=part)
    clock = f"{cv.hour or 0:02d}:{cv.minute or 0:02d}"
    zone = ""
    if cv.tz:
        zone = template("utc") if cv.tz in ("Z", "+00:00") else template("utc_offset").format(cv.tz)
    return template("time").format(date=day, clock=clock, zone=zone)


def _span_name(cv: CalendarValue) -> str:
    value = cv.year
    assert value is not None
    if cv.granularity is G.DECADE:
        if not cv.century_known:
            return template("decade_unknown_century").format(value % 100)
        return template("decade").format(value)
    size = 1000 if cv.granularity is G.MILLENNIUM else 100
    if cv.granularity is G.CENTURY and value <= 0:  # 500..401 BC (astronomical -499..-400)
        return template("century_bc").format(ordinal(-(-(1 - value) // size)))
    name = "millennium" if cv.granularity is G.MILLENNIUM else "century"
    return template(name).format(ordinal(value // size + 1))


def signal(relation: str, text: str) -> str:
    """What a signal makes of a point: 'since 2009', 'until late 2004'."""
    forms = words()["signals"]
    return str(forms[relation]).format(text) if relation in forms else text


def stretch(bounds: Bounds, granularity: Granularity | None) -> str:
    """An interval: '2009 – 2023', 'since 2009', 'until 1985'."""

    def at(instant: int | None) -> str:
        if instant is None:
            return ""
        y, m, d, *_ = g.split_seconds(instant)
        if granularity is None or granularity <= G.YEAR:
            return year(y)
        if granularity <= G.MONTH:
            return template("month").format(month=month(m), year=year(y))
        return template("day").format(day=d, month=month(m), year=year(y))

    first = bounds.earliest_start if bounds.earliest_start is not None else bounds.latest_start
    last = bounds.latest_end if bounds.latest_end is not None else bounds.earliest_end
    start, end = at(first), at(last)
    if start and end:
        return start if start == end else template("range").format(start, end)
    if start:
        return signal("since", start)
    if end:
        return signal("until", end)
    return template("undated")


def amount(duration: Duration, mod: str | None = None) -> str:
    """An amount of time: 'c. 10 years', '19 years', 'several months'."""
    unit, count = duration.unit, duration.amount
    if unit in (G.DECADE, G.CENTURY, G.MILLENNIUM) and count is not None:
        unit, count = units.in_base(unit, count)
        assert count is not None
    if count is None:
        text = template("several").format(unit_word(unit, None))
    else:
        text = f"{count:g} {unit_word(unit, count)}"
    mods = words()["amount_mods"]
    return str(mods[mod]).format(text) if mod in mods else text


def recurrence(duration: Duration | None, cal: CalendarValue | None, freq: str | None) -> str:
    """'every 6 months', 'every year', 'every Tuesday', '2 times a year'."""
    if cal is not None and cal.weekday:
        return template("every").format(weekday(cal.weekday))
    if duration is None:
        return template("every").format("?")
    if freq:
        count = freq.removesuffix("X")
        return template("times_per").format(count=count, period=unit_word(duration.unit))
    if duration.amount in (None, 1):
        return template("every").format(unit_word(duration.unit))
    return template("every").format(amount(duration))
