"""Proleptic Gregorian arithmetic on plain integers, valid for every year.

`datetime` stops at year 1 and 9999; histories need 480 BC. Days are counted
from 1970-01-01 (day 0), years are astronomical (1 BC = 0). The civil/day
conversions are Howard Hinnant's public-domain algorithms.
"""

from __future__ import annotations

SECONDS_PER_DAY = 86_400

# Meteorological seasons: (first month, number of months). Winter runs into the next year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 3),
    "SU": (6, 3),
    "FA": (9, 3),
    "WI": (12, 3),
}


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def is_valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def days_from_civil(year: int, month: int, day: int) -> int:
    """Day number of a date, 1970-01-01 being 0."""
    y = year - (month <= 2)
    era = y // 400  # floor division: Python's // already rounds down for BC years
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """Inverse of `days_from_civil`."""
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def weekday(days: int) -> int:
    """ISO weekday of a day number: Monday=1 .. Sunday=7 (1970-01-01 was a Thursday)."""
    return (days + 3) % 7 + 1


def iso_week_start(iso_year: int, week: int) -> int:
    """Day number of the Monday that starts ISO week `week` of `iso_year`."""
    jan4 = days_from_civil(iso_year, 1, 4)
    return jan4 - (weekday(jan4) - 1) + (week - 1) * 7


def iso_week(days: int) -> tuple[int, int]:
    """(ISO week-year, week number) of a day."""
    thursday = days - weekday(days) + 4
    year = civil_from_days(thursday)[0]
    return year, (thursday - days_from_civil(year, 1, 1)) // 7 + 1


def iso_weeks_in_year(iso_year: int) -> int:
    return iso_week(days_from_civil(iso_year, 12, 28))[1]


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def add_months_to_date(year: int, month: int, day: int, count: int) -> tuple[int, int, int]:
    """Shift a date by whole months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    y, m = add_months(year, month, count)
    return y, m, min(day, days_in_month(y, m))


def seconds(days: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    return days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second


def split_seconds(instant: int) -> tuple[int, int, int, int, int, int]:
    """(year, month, day, hour, minute, second) of an instant."""
    days, rest = divmod(instant, SECONDS_PER_DAY)
    year, month, day = civil_from_days(days)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    return year, month, day, hour, minute, second


def iso_year(year: int) -> str:
    """ISO 8601 year: four digits, a sign outside 0..9999 (-0043, +12000)."""
    if 0 <= year <= 9999:
        return f"{year:04d}"
    return f"{'-' if year < 0 else '+'}{abs(year):04d}"


def iso_date(days: int) -> str:
    year, month, day = civil_from_days(days)
    return f"{iso_year(year)}-{month:02d}-{day:02d}"


def iso_instant(instant: int, with_time: bool) -> str:
    year, month, day, hour, minute, second = split_seconds(instant)
    date = f"{iso_year(year)}-{month:02d}-{day:02d}"
    return f"{date}T{hour:02d}:{minute:02d}:{second:02d}" if with_time else date


def easter(year: int) -> tuple[int, int]:
    """(month, day) of Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return month, day


def nth_weekday(year: int, month: int, weekday_number: int, nth: int) -> int:
    """Day number of the nth (1-based; -1 = last) given ISO weekday of a month."""
    if nth > 0:
        first = days_from_civil(year, month, 1)
        return first + (weekday_number - weekday(first)) % 7 + 7 * (nth - 1)
    last = days_from_civil(year, month, days_in_month(year, month))
    return last - (weekday(last) - weekday_number) % 7 + 7 * (nth + 1)
