"""How long each calendar unit is and how ISO 8601 writes it: the one table every module uses.

A decade is 10 years, a quarter 3 months, a part of the day 6 hours. Units of a year or
more count in months (their length in days varies); weeks and finer count in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chrono.types import Granularity

G = Granularity


@dataclass(frozen=True, slots=True)
class Unit:
    base: Granularity  # the unit ISO 8601 writes it in
    factor: int  # how many base units it is
    letter: str  # the ISO 8601 duration letter of the base unit
    time: bool  # written after the T of an ISO duration


UNITS: dict[Granularity, Unit] = {
    G.MILLENNIUM: Unit(G.YEAR, 1000, "Y", False),
    G.CENTURY: Unit(G.YEAR, 100, "Y", False),
    G.DECADE: Unit(G.YEAR, 10, "Y", False),
    G.YEAR: Unit(G.YEAR, 1, "Y", False),
    G.HALF: Unit(G.MONTH, 6, "M", False),
    G.QUARTER: Unit(G.MONTH, 3, "M", False),
    G.SEASON: Unit(G.MONTH, 3, "M", False),
    G.MONTH: Unit(G.MONTH, 1, "M", False),
    G.WEEK: Unit(G.WEEK, 1, "W", False),
    G.DAY: Unit(G.DAY, 1, "D", False),
    G.PART_OF_DAY: Unit(G.HOUR, 6, "H", True),
    G.HOUR: Unit(G.HOUR, 1, "H", True),
    G.MINUTE: Unit(G.MINUTE, 1, "M", True),
    G.SECOND: Unit(G.SECOND, 1, "S", True),
}
_BASE_SECONDS = {G.WEEK: 7 * 86_400, G.DAY: 86_400, G.HOUR: 3600, G.MINUTE: 60, G.SECOND: 1}
_ISO = re.compile(r"([+-]?)P(T?)(X|\d+(?:\.\d+)?)([YMWDHS])")


def months(unit: Granularity) -> int | None:
    """Length in months of a unit of a month or more; None for weeks and finer."""
    info = UNITS[unit]
    if info.base is G.YEAR:
        return 12 * info.factor
    return info.factor if info.base is G.MONTH else None


def seconds(unit: Granularity) -> int:
    """Length in seconds of a unit of a week or finer."""
    info = UNITS[unit]
    return _BASE_SECONDS[info.base] * info.factor


def in_base(unit: Granularity, amount: float | None) -> tuple[Granularity, float | None]:
    """An amount in the unit ISO writes it in: 2 decades -> 20 years, 1 quarter -> 3 months."""
    info = UNITS[unit]
    return info.base, None if amount is None else amount * info.factor


# A fraction of a unit written in the next smaller one when it comes out whole: two and a
# half years are P2Y6M, half an hour PT30M (a month has no whole smaller unit: P1.5M).
_SMALLER = {
    G.YEAR: (G.MONTH, 12),
    G.WEEK: (G.DAY, 7),
    G.DAY: (G.HOUR, 24),
    G.HOUR: (G.MINUTE, 60),
    G.MINUTE: (G.SECOND, 60),
}


def iso_duration(unit: Granularity, amount: float | None) -> str:
    """P10Y, P6M, PT3H, P2W, P2Y6M, PT1H30M; PXY for an unknown amount."""
    base, count = in_base(unit, amount)
    info = UNITS[base]
    if count is None:
        return f"P{'T' if info.time else ''}X{info.letter}"
    whole = int(count)
    smaller = _SMALLER.get(base)
    if smaller is not None and count != whole:
        finer, factor = smaller
        rest = (count - whole) * factor
        if abs(rest - round(rest)) < 1e-9:
            return _iso_parts([(base, whole), (finer, round(rest))])
    return f"P{'T' if info.time else ''}{count:g}{info.letter}"


def _iso_parts(parts: list[tuple[Granularity, int]]) -> str:
    """P2Y6M, P1DT12H, PT1H30M from (unit, count) pairs, largest unit first."""
    date = "".join(f"{n}{UNITS[u].letter}" for u, n in parts if n and not UNITS[u].time)
    time = "".join(f"{n}{UNITS[u].letter}" for u, n in parts if n and UNITS[u].time)
    return f"P{date}{'T' + time if time else ''}"


def parse_iso_duration(text: str) -> tuple[int, Granularity, float | None] | None:
    """'+P5Y' -> (+1, YEAR, 5.0); '-PT30M' -> (-1, MINUTE, 30.0); None if not one of ours."""
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    sign, time, number, letter = match.groups()
    candidates = [
        g for g, u in UNITS.items() if u.base is g and u.letter == letter and u.time == bool(time)
    ]
    if len(candidates) != 1:
        return None
    return -1 if sign == "-" else 1, candidates[0], None if number == "X" else float(number)
