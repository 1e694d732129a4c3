"""The one module that talks to dateparser.

dateparser is good at the long tail of written-out absolute dates
("Tue, 14 Mar 2023 09:15:00 GMT", "14.10.1989") and slow at searching text,
so chrono only hands it spans it has already found (metadata dates, numeric
date candidates), always in English, against a fixed base, through a cache.
It is imported lazily so that `chrono --help` does not pay for it.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from chrono.types import CalendarValue, Granularity

# A fixed base: relative phrases must never be read against today's date.
_BASE_YEAR = 2000

_ISO = re.compile(
    r"(?P<year>[+-]?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_ISO_PREFIX = re.compile(r"[+-]?\d{4}-\d{2}(?:-\d{2})?(?!\d)")
_STATES_YEAR = re.compile(r"\d{4}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")


def parse_iso(text: str) -> CalendarValue | None:
    """Strict ISO 8601 (`2023`, `2023-07`, `2023-07-15`, `2023-07-15T10:00Z`) or `20230715`."""
    text = text.strip()
    match = _ISO.fullmatch(text) or _COMPACT.fullmatch(text)
    if not match:
        return None
    fields = {k: v for k, v in match.groupdict().items() if v is not None}
    year = int(fields["year"])
    month = int(fields["month"]) if "month" in fields else None
    day = int(fields["day"]) if "day" in fields else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not _is_real_day(year, month or 1, day):
        return None
    if "hour" in fields:
        hour, minute = int(fields["hour"]), int(fields["minute"])
        second = int(fields["second"]) if "second" in fields else None
        if hour > 23 or minute > 59 or (second or 0) > 59:
            return None
        return CalendarValue(
            Granularity.SECOND if second is not None else Granularity.MINUTE,
            year=year,
            month=month,
            day=day,
            hour=hour,
            minute=minute,
            second=second,
            tz=fields.get("tz"),
        )
    granularity = (
        Granularity.DAY if day is not None else Granularity.MONTH if month else Granularity.YEAR
    )
    return CalendarValue(granularity, year=year, month=month, day=day)


def _is_real_day(year: int, month: int, day: int) -> bool:
    # `calendar.isleap` is proleptic and takes any year, so BC dates (astronomical) work too.
    return 1 <= day <= calendar.mdays[month] + (month == 2 and calendar.isleap(year))


def stated_iso(value: CalendarValue) -> str:
    """A stated date in ISO 8601 as far as it is known (`2014`, `2014-05`, `2014-05-20T10:00Z`).

    The inverse of `parse_iso` for the values it gives; it words a document date's evidence.
    """
    parts = [f"{value.year:04d}" if value.year is not None else "XXXX"]
    parts += [f"{n:02d}" for n in (value.month, value.day) if n is not None]
    text = "-".join(parts)
    if value.hour is not None and value.day is not None:
        text += f"T{value.hour:02d}:{value.minute or 0:02d}"
        if value.second is not None:
            text += f":{value.second:02d}"
        text += value.tz or ""
    return text


@lru_cache(maxsize=4096)
def parse_written_date(text: str) -> CalendarValue | None:
    """Read one absolute date as written ("July 14, 2023 10:00 AM EST") or None.

    Relative phrases ("yesterday") are refused: they have no absolute value.
    """
    text = text.strip()
    iso = parse_iso(text)
    if iso is not None:
        return iso
    shaped = _ISO_PREFIX.match(text)
    if shaped and parse_iso(shaped.group()) is None:
        return None  # 2023-13-01 is no date (dateparser would read 13 January)
    if not _STATES_YEAR.search(text):
        return None  # an absolute date states its year; this keeps "3 days ago" out
    data = _parser().get_date_data(text)
    found = data.date_obj
    if found is None:
        return None
    period = data.period or "day"
    if period == "year":
        return CalendarValue(Granularity.YEAR, year=found.year)
    if period == "month":
        return CalendarValue(Granularity.MONTH, year=found.year, month=found.month)
    has_time = re.search(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b", text, re.IGNORECASE) is not None
    if not has_time:
        return CalendarValue(Granularity.DAY, year=found.year, month=found.month, day=found.day)
    tz = None
    if found.tzinfo is not None:
        offset = found.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds() // 60)
            sign = "+" if minutes >= 0 else "-"
            tz = "Z" if minutes == 0 else f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return CalendarValue(
        Granularity.MINUTE,
        year=found.year,
        month=found.month,
        day=found.day,
        hour=found.hour,
        minute=found.minute,
        tz=tz,
    )


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from datetime import datetime

    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(_BASE_YEAR, 1, 1),
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": ["year"],
        },
    )
