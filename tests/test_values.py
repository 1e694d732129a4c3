"""TimeML values, EDTF and bounds of calendar values (all views of one resolved time)."""

from __future__ import annotations

import pytest

from chrono.times import display
from chrono.times import gregorian as g
from chrono.times import values as v
from chrono.types import CalendarValue, Duration, Granularity

G = Granularity


def cv(granularity: Granularity, year: int | None = None, **fields: object) -> CalendarValue:
    return CalendarValue(granularity, year=year, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "timex", "edtf"),
    [
        (cv(G.YEAR, 2004), "2004", "2004"),
        (cv(G.DAY, 1989, month=10, day=14), "1989-10-14", "1989-10-14"),
        (cv(G.MONTH, 1952, month=3), "1952-03", "1952-03"),
        (cv(G.SEASON, 1963, season="SP"), "1963-SP", "1963-21"),
        (cv(G.QUARTER, 2019, quarter=3), "2019-Q3", "2019-35"),
        (cv(G.DECADE, 1980), "198", "198X"),
        (cv(G.CENTURY, 1800), "18", "18XX"),
        (cv(G.YEAR, -43), "BC0044", "-0043"),
        (cv(G.DAY, weekday=6), "XXXX-WXX-6", None),
        (cv(G.MONTH, month=6), "XXXX-06", "XXXX-06"),
        (cv(G.WEEK, 2013, week=12), "2013-W12", "2013-03-18/2013-03-24"),
        (
            cv(G.MINUTE, 2004, month=6, day=5, hour=15, minute=0, tz="Z"),
            "2004-06-05T15:00Z",
            "2004-06-05T15:00:00Z",
        ),
        (
            cv(G.PART_OF_DAY, 2004, month=6, day=5, part_of_day="NI"),
            "2004-06-05TNI",
            "2004-06-05",  # EDTF has no parts of days: the day
        ),
    ],
)
def test_timex_and_edtf(value: CalendarValue, timex: str, edtf: str | None) -> None:
    assert v.timex_value(value) == timex
    assert v.edtf_value(value) == edtf


def test_edtf_values_parse_with_the_edtf_package() -> None:
    edtf = pytest.importorskip("edtf")
    for value in ("2004~", "1963-21", "2019-35", "198X", "18XX", "-0043", "2004-06-05T15:00:00Z"):
        edtf.parse_edtf(value)
    assert v.edtf_value(cv(G.YEAR, 2004), approximate=True) == "2004~"


def test_point_bounds_cover_the_unit() -> None:
    bounds = v.point_bounds(cv(G.YEAR, 2004))
    assert g.iso_instant(bounds.earliest_start, False) == "2004-01-01"
    assert g.iso_instant(bounds.latest_end, False) == "2004-12-31"
    # A year-precision point may start and end anywhere in that year.
    assert bounds.latest_start == bounds.latest_end and bounds.earliest_end == bounds.earliest_start
    winter = v.point_bounds(cv(G.SEASON, 2023, season="WI"))
    assert g.iso_instant(winter.latest_end, False) == "2024-02-29"  # a leap February


def test_mods_narrow_and_widen() -> None:
    early = v.point_bounds(cv(G.YEAR, 2004), "START")
    assert g.iso_instant(early.latest_end, False) == "2004-04-30"
    late_decade = v.point_bounds(cv(G.DECADE, 1980), "END")
    assert g.split_seconds(late_decade.earliest_start)[0] == 1987
    about = v.point_bounds(cv(G.YEAR, 2004), approximate=True)
    assert g.split_seconds(about.earliest_start)[0] == 2003
    assert g.split_seconds(about.latest_end)[0] == 2005
    before = v.point_bounds(cv(G.YEAR, 2004), "BEFORE")
    assert before.earliest_start is None and before.latest_end is not None


@pytest.mark.parametrize(
    ("duration", "timex"),
    [
        (Duration(G.DECADE, 1), "P10Y"),
        (Duration(G.YEAR, None), "PXY"),
        (Duration(G.HOUR, 3), "PT3H"),
        (Duration(G.YEAR, 2.5), "P2Y6M"),  # a fraction in the next unit when it comes out whole
        (Duration(G.YEAR, 0.5), "P6M"),
        (Duration(G.HOUR, 5.5), "PT5H30M"),
        (Duration(G.MINUTE, 1.5), "PT1M30S"),
        (Duration(G.DAY, 1.5), "P1DT12H"),
        (Duration(G.MONTH, 1.5), "P1.5M"),  # no whole number of days
        (Duration(G.WEEK, 1.5), "P1.5W"),
        (Duration(G.MONTH, 6), "P6M"),
        (Duration(G.WEEK, 2), "P2W"),
    ],
)
def test_duration_values(duration: Duration, timex: str) -> None:
    assert v.duration_value(duration) == timex


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (cv(G.YEAR, 2004), "2004"),
        (cv(G.MONTH, 1952, month=3), "Mar 1952"),
        (cv(G.SEASON, 1963, season="SP"), "spring 1963"),
        (cv(G.YEAR, -43), "44 BC"),
        (cv(G.CENTURY, 1800), "19th century"),
        (cv(G.CENTURY, -499), "5th century BC"),
        (cv(G.DECADE, 1980), "1980s"),
        (cv(G.DAY, 1989, month=10, day=14), "14 Oct 1989"),
    ],
)
def test_display(value: CalendarValue, text: str) -> None:
    assert display.point(value) == text
    assert display.point(cv(G.YEAR, 2014), approximate=True) == "c. 2014"
