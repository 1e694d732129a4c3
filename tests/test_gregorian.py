"""Calendar arithmetic on plain integers, checked against datetime where datetime reaches."""

from __future__ import annotations

import datetime as dt
import random

from chrono.times import gregorian as g


def test_round_trip_and_agreement_with_datetime() -> None:
    rng = random.Random(7)
    epoch = dt.date(1970, 1, 1)
    for _ in range(5000):
        days = rng.randint(-800_000, 2_900_000)
        year, month, day = g.civil_from_days(days)
        assert g.days_from_civil(year, month, day) == days
        if 1 <= year <= 9999:
            date = epoch + dt.timedelta(days=days)
            assert (date.year, date.month, date.day) == (year, month, day)
            assert g.weekday(days) == date.isoweekday()
            assert g.iso_week(days) == tuple(date.isocalendar())[:2]


def test_bc_years_are_astronomical() -> None:
    # 44 BC is year -43; 1 BC (year 0) is a leap year in the proleptic calendar.
    assert g.iso_date(g.days_from_civil(-43, 3, 15)) == "-0043-03-15"
    assert g.is_leap(0) and g.days_in_month(0, 2) == 29
    assert g.days_from_civil(1, 1, 1) - g.days_from_civil(0, 12, 31) == 1


def test_leap_years_and_month_ends() -> None:
    assert g.is_leap(2000) and not g.is_leap(1900) and g.is_leap(2024) and not g.is_leap(2023)
    assert g.days_in_month(2023, 2) == 28 and g.days_in_month(2024, 2) == 29
    assert g.add_months_to_date(2023, 1, 31, 1) == (2023, 2, 28)
    assert g.add_months_to_date(2024, 1, 31, 1) == (2024, 2, 29)
    assert g.add_months_to_date(2024, 2, 29, 12) == (2025, 2, 28)
    assert g.add_months(2023, 11, 3) == (2024, 2)
    assert g.add_months(2023, 1, -1) == (2022, 12)


def test_iso_weeks() -> None:
    assert g.iso_date(g.iso_week_start(2013, 12)) == "2013-03-18"
    assert g.iso_weeks_in_year(2020) == 53 and g.iso_weeks_in_year(2021) == 52
    # 1 January 2021 belongs to week 53 of 2020.
    assert g.iso_week(g.days_from_civil(2021, 1, 1)) == (2020, 53)


def test_iso_rendering() -> None:
    instant = g.seconds(g.days_from_civil(2004, 6, 5), 15, 30, 0)
    assert g.iso_instant(instant, with_time=True) == "2004-06-05T15:30:00"
    assert g.iso_instant(instant, with_time=False) == "2004-06-05"
    assert g.iso_year(12000) == "+12000"
