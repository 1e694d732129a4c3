"""Matched fields of a rule -> the underspecified value (`Spec`) it denotes.

A rule's named groups are already normalised by the language pack (a month
name is a number, "five" is 5.0); rule constants fill in what the pattern
does not say (`type`, `granularity`, `ends_at_anchor`...). No calendar
arithmetic happens here: "five years later" becomes "+5 years from an earlier
time", and the resolver decides which time that is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chrono.times import units
from chrono.times.gregorian import days_in_month
from chrono.types import Anchoring, CalendarValue, Duration, Granularity, Kind, Spec, TimexType

G = Granularity
_DEFAULT_KIND = {
    TimexType.DATE: Kind.POINT,
    TimexType.TIME: Kind.POINT,
    TimexType.DURATION: Kind.DURATION,
    TimexType.SET: Kind.SET,
}
# Mods that only make sense for amounts; before "ago" they place a point before/after.
_AMOUNT_MODS = {
    "LESS_THAN": "AFTER",
    "MORE_THAN": "BEFORE",
    "EQUAL_OR_LESS": "ON_OR_AFTER",
    "EQUAL_OR_MORE": "ON_OR_BEFORE",
}


def _unit(value: Any) -> tuple[Granularity, float] | None:
    """A unit field: ["year", 1] from units.toml or "year" from units_singular.toml."""
    if isinstance(value, list):
        return G[value[0].upper()], float(value[1])
    if isinstance(value, str):
        return G[value.upper()], 1.0
    return None


class NotADate(ValueError):
    """The text has the shape of a date but names none (31 February, month 13)."""


def build_spec(constants: Mapping[str, Any], fields: Mapping[str, Any]) -> Spec | None:
    """The value a rule match denotes, or None when the match is not a time after all.

    Raises NotADate when the match is a date in form only: the tagger then keeps
    its shorter parts ("February 2023" in "31 February 2023") from being read.
    """
    if constants.get("not_a_time"):  # a rule that only keeps others off a phrase
        raise NotADate
    timex_type = TimexType(constants["type"])
    kind = Kind(constants.get("kind", _DEFAULT_KIND[timex_type]))
    mod = fields.get("mod") or constants.get("mod")
    timeml = bool(constants.get("timeml", True))
    if kind is Kind.REF:
        return Spec(timex_type, kind, ref=fields.get("ref") or constants.get("ref"), timeml=timeml)
    if kind is Kind.AGE:
        return _age(timex_type, constants, fields, mod, timeml)
    if kind is Kind.DURATION:
        return _duration(timex_type, constants, fields, mod, timeml)
    if kind is Kind.SET:
        return _set(timex_type, constants, fields, mod)
    return _point(timex_type, constants, fields, mod)


def _age(
    t: TimexType,
    constants: Mapping[str, Any],
    fields: Mapping[str, Any],
    mod: str | None,
    timeml: bool,
) -> Spec | None:
    age = fields.get("age")
    if age is None or age <= 0 or age < constants.get("min_age", 0) or age > 130:
        return None
    unit = _unit(fields.get("unit")) or (G.YEAR, 1.0)
    return Spec(
        t,
        Kind.AGE,
        duration=Duration(unit[0], float(age) * unit[1]),
        anchoring=Anchoring(constants.get("anchoring", "deictic")),
        mod=mod,
        ends_at_anchor=True,
        timeml=timeml,
    )


def _duration(
    t: TimexType,
    constants: Mapping[str, Any],
    fields: Mapping[str, Any],
    mod: str | None,
    timeml: bool,
) -> Spec | None:
    unit = _unit(fields.get("unit") or constants.get("unit"))  # the rule may name it
    if unit is None:
        return None
    if "num" in fields:
        amount = fields["num"]  # None for "several years": an unknown amount
    elif "amount" in constants:
        amount = float(constants["amount"])
    else:
        amount = None if _plural_unit(fields) else 1.0  # "for years" / "a week-long"
    if amount is not None:
        amount += float(fields.get("unit_fraction") or 0.0)  # "a minute and a half"
        if amount <= 0:
            return None
        amount *= unit[1]
    return Spec(
        t,
        Kind.DURATION,
        duration=Duration(unit[0], amount),
        mod=mod,
        ends_at_anchor=bool(constants.get("ends_at_anchor", False)),
        anchoring=Anchoring.DEICTIC if constants.get("ends_at_anchor") else None,
        timeml=timeml,
    )


def _plural_unit(fields: Mapping[str, Any]) -> bool:
    return bool(fields.get("_unit_text", "").lower().endswith("s"))


def _set(
    t: TimexType, constants: Mapping[str, Any], fields: Mapping[str, Any], mod: str | None
) -> Spec | None:
    quant, freq = fields.get("quant"), fields.get("freq")
    if fields.get("weekday"):
        cal = CalendarValue(G.DAY, weekday=int(fields["weekday"]))
        return Spec(t, Kind.SET, cal=cal, quant=quant, mod=mod)
    if fields.get("month"):  # "each July": a month of every year
        cal = CalendarValue(G.MONTH, month=int(fields["month"]))
        return Spec(t, Kind.SET, cal=cal, duration=Duration(G.YEAR, 1.0), quant=quant, mod=mod)
    if fields.get("setcal"):  # "daily": every day, written as the day it repeats (XXXX-XX-XX)
        unit = G[str(fields["setcal"]).upper()]
        return Spec(
            t, Kind.SET, cal=CalendarValue(unit), duration=Duration(unit, 1.0), quant=quant, mod=mod
        )
    unit = _unit(fields.get("setword") or fields.get("unit"))
    if unit is None:
        return None
    # "every few years" has an unknown period (num is None): PXY.
    amount = fields["num"] if "num" in fields else float(constants.get("amount", 1.0))
    if amount is not None and amount <= 0:
        return None
    scaled = None if amount is None else amount * unit[1]
    return Spec(t, Kind.SET, duration=Duration(unit[0], scaled), quant=quant, freq=freq, mod=mod)


def _point(
    t: TimexType, constants: Mapping[str, Any], fields: Mapping[str, Any], mod: str | None
) -> Spec | None:
    if fields.get("holiday") is not None:
        return _holiday(t, fields, mod)
    cal = _calendar(constants, fields)
    if cal is False:
        raise NotADate
    anchoring, shift, shift_unit = _placement(constants, fields)
    if "dir" in fields and mod in _AMOUNT_MODS:
        mod = _AMOUNT_MODS[mod]
    if cal is None and shift_unit is None:
        return None
    if cal is not None and cal.year is None and anchoring is None:
        anchoring = Anchoring.DEICTIC  # "October 14", "Saturday": the year comes from the anchor
    if cal is not None and not cal.century_known and anchoring is None:
        anchoring = Anchoring.DEICTIC  # '98: the century comes from the anchor
    direction = int(fields["dir"]["sign"]) if fields.get("dir") else constants.get("direction")
    return Spec(
        t,
        Kind.POINT,
        cal=cal,
        anchoring=anchoring,
        shift=shift,
        shift_unit=shift_unit,
        direction=direction,
        mod=mod,
    )


def _holiday(t: TimexType, fields: Mapping[str, Any], mod: str | None) -> Spec:
    """Thanksgiving Day, Christmas 1963, last Easter: a rule to find the day in a year."""
    year = int(fields["year"]) if fields.get("year") is not None else None
    rel = fields.get("rel")
    anchoring = None if year is not None else Anchoring(rel["anchoring"] if rel else "deictic")
    return Spec(
        t,
        Kind.POINT,
        cal=CalendarValue(G.DAY, year=year),
        anchoring=anchoring,
        shift=int(rel["shift"]) if rel else None,
        holiday=tuple(sorted(fields["holiday"].items())),
        mod=mod,
    )


def _placement(
    constants: Mapping[str, Any], fields: Mapping[str, Any]
) -> tuple[Anchoring | None, int | None, Granularity | None]:
    """Where a relative expression points: (which anchor, how far, in which unit)."""
    if "dday" in fields:
        return Anchoring.DEICTIC, int(fields["dday"]), G.DAY
    rel, direction = fields.get("rel"), fields.get("dir")
    unit = _unit(fields.get("unit"))
    if "shift" in constants and rel is None:  # fixed by the rule: "tonight", "the end of the year"
        named = constants.get("shift_unit")
        unit_of_shift = G[str(named).upper()] if named else unit[0] if unit else None
        anchoring = Anchoring(constants.get("anchoring", "deictic"))
        return anchoring, int(constants["shift"]), unit_of_shift
    if rel is not None:
        anchoring = Anchoring(rel["anchoring"])
        if unit is None and "pod" in fields:
            # "last night" is the night of the day before; "this morning" today's.
            return anchoring, int(rel["shift"]), G.DAY
        if unit is not None:
            return anchoring, int(rel["shift"]), unit[0]
        return anchoring, int(rel["shift"]), None  # last Saturday: occurrences of the weekday
    if direction is not None:
        anchoring = Anchoring(direction["anchoring"])
        if unit is None:
            return anchoring, None, None
        amount = fields.get("num", 1.0 if "num" not in fields else None)
        if amount is None or ("num" not in fields and _plural_unit(fields)):
            return anchoring, None, _shift_unit(unit[0])
        count = (amount + float(fields.get("unit_fraction") or 0.0)) * unit[1]
        target = _unit(fields.get("in_unit"))
        if target is not None:  # "a year ago this week": 52 weeks back
            return (
                anchoring,
                int(direction["sign"]) * round(_in(unit[0], count, target[0])),
                target[0],
            )
        granularity, count = _whole_units(unit[0], count)
        return anchoring, int(direction["sign"]) * round(count), granularity
    return None, None, None


_MONTH_DAYS = 365.2425 / 12  # a month's mean length, to tell months in weeks or days


def _in(unit: Granularity, count: float, target: Granularity) -> float:
    """`count` units in another unit: 1 year is 12 months, or 52.2 weeks."""
    a, b = units.months(unit), units.months(target)
    if a is not None and b is not None:
        return count * a / b
    days = a * _MONTH_DAYS if a is not None else units.seconds(unit) / 86_400
    target_days = b * _MONTH_DAYS if b is not None else units.seconds(target) / 86_400
    return count * days / target_days


def _shift_unit(unit: Granularity) -> Granularity:
    return G.YEAR if unit in (G.DECADE, G.CENTURY, G.MILLENNIUM) else unit


def _whole_units(unit: Granularity, count: float) -> tuple[Granularity, float]:
    """Shifts are whole units: 'a decade ago' is 10 years, 'half a year later' 6 months."""
    unit, base_count = units.in_base(unit, count)
    assert base_count is not None
    if base_count != int(base_count) and units.months(unit) == 12:
        return G.MONTH, base_count * 12
    if base_count != int(base_count) and unit in (G.WEEK, G.DAY, G.HOUR):
        finer = {G.WEEK: G.DAY, G.DAY: G.HOUR, G.HOUR: G.MINUTE}[unit]
        return finer, base_count * units.seconds(unit) / units.seconds(finer)
    return unit, base_count


def _calendar(
    constants: Mapping[str, Any], fields: Mapping[str, Any]
) -> CalendarValue | bool | None:
    """The explicit calendar fields of a match; False when they name no real date."""
    if "absolute" in fields:
        return fields["absolute"] or False
    values: dict[str, Any] = {}
    year = fields.get("year")
    century_known = True
    if year is not None:
        year = int(year)
        if fields.get("era") == "BC":
            year = 1 - year  # astronomical numbering: 1 BC is year 0
    elif fields.get("year2") is not None:
        year, century_known = int(fields["year2"]), False
    if "month" in fields:
        if fields["month"] is None or not 1 <= int(fields["month"]) <= 12:
            return False
        values["month"] = int(fields["month"])
    if "day" in fields:
        day = fields["day"]
        if day is None or not 1 <= int(day) <= 31:
            return False
        month = values.get("month")
        # 31 February is not a date; without a year, allow 29 February (a leap year may come).
        if month is not None and day > days_in_month(
            year if year and century_known else 2000, month
        ):
            return False
        values["day"] = int(day)
    for name in ("weekday", "season", "quarter", "half", "hour", "minute", "second", "tz"):
        if fields.get(name) is not None:
            values[name] = fields[name]
    if constants.get("weekend"):
        values["weekend"] = True
    if fields.get("pod") or constants.get("pod"):
        values["part_of_day"] = fields.get("pod") or constants.get("pod")
    if fields.get("clock") is not None:
        values["hour"], values["minute"] = fields["clock"]
    if "hour" in values:
        hour = int(values["hour"])
        ampm = fields.get("ampm")
        if ampm is not None:
            if not 1 <= hour <= 12:
                return False
            hour = hour % 12 + int(ampm)
        values["hour"] = hour
        values.setdefault("minute", 0)
    granularity = _granularity(constants, fields, values)
    if granularity is G.DECADE:
        if fields.get("decade") is not None:
            year = int(fields["decade"])
        else:
            year, century_known = int(fields["decade2"]), False
    elif granularity is G.CENTURY and fields.get("hundreds") is not None:
        year = int(fields["hundreds"])  # "the 1800s": the century by its first year
    elif granularity is G.CENTURY:
        number = int(fields["century"])
        if number < 1:
            return False  # there is no 0th century
        year = 1 - number * 100 if fields.get("era") == "BC" else (number - 1) * 100
    if granularity is G.QUARTER and not 1 <= int(values.get("quarter", 0)) <= 4:
        return False
    if granularity is G.HALF and not 1 <= int(values.get("half", 0)) <= 2:
        return False
    if granularity is None:
        return None
    return CalendarValue(granularity, year=year, century_known=century_known, **values)


def _granularity(
    constants: Mapping[str, Any], fields: Mapping[str, Any], values: Mapping[str, Any]
) -> Granularity | None:
    if "granularity" in constants:
        return G[str(constants["granularity"]).upper()]
    if "second" in values:
        return G.SECOND
    if "hour" in values:
        return G.MINUTE
    if "part_of_day" in values:
        return G.PART_OF_DAY
    if "day" in values or "weekday" in values:
        return G.DAY
    if "month" in values:
        return G.MONTH
    if "season" in values:
        return G.SEASON
    if fields.get("decade") is not None or fields.get("decade2") is not None:
        return G.DECADE
    if fields.get("century") is not None or fields.get("hundreds") is not None:
        return G.CENTURY
    if fields.get("year") is not None or fields.get("year2") is not None:
        return G.YEAR
    return None  # 'last year' names no calendar field: its unit is the shift's
