"""Anchoring and date arithmetic: news vs narrative, month ends, leap years, weekdays."""

from __future__ import annotations

from chrono.run.pipeline import analyze_text
from chrono.times import gregorian as g
from chrono.times.resolver import NO_DCT, NO_EVENT_DATE, NO_REFERENCE
from chrono.types import AnchorKind, Mention


def mention(text: str, phrase: str, *, dct: str | None = None, doc_type: str = "news") -> Mention:
    result = analyze_text(text, dct=dct, doc_type=doc_type)
    found = [m for m in result.mentions if m.text == phrase]
    assert found, f"{phrase!r} not in {[m.text for m in result.mentions]}"
    return found[0]


def value(text: str, phrase: str, **kw: object) -> str:
    return mention(text, phrase, **kw).resolution.timex3.value  # type: ignore[arg-type]


def iso(instant: int | None) -> str | None:
    return None if instant is None else g.iso_instant(instant, False)


# 2023-07-12 is a Wednesday, 2023-07-15 a Saturday.


def test_news_weekday_follows_the_tense() -> None:
    assert value("The film premiered Saturday.", "Saturday", dct="2023-07-12") == "2023-07-08"
    assert value("The film will premiere Saturday.", "Saturday", dct="2023-07-12") == "2023-07-15"
    # No tense marker: the nearest Saturday (3 days ahead rather than 4 back).
    assert value("Saturday is the premiere.", "Saturday", dct="2023-07-12") == "2023-07-15"
    # On the day itself, a past-tense Saturday is that day.
    assert value("It opened Saturday.", "Saturday", dct="2023-07-15") == "2023-07-15"


def test_last_next_this_weekday() -> None:
    assert value("It opened last Saturday.", "last Saturday", dct="2023-07-15") == "2023-07-08"
    assert value("It opens next Saturday.", "next Saturday", dct="2023-07-15") == "2023-07-22"
    # "this Monday": the tense decides; told in neither, the Monday of the same week.
    assert value("It opened this Monday.", "this Monday", dct="2023-07-15") == "2023-07-10"
    assert value("It will open this Monday.", "this Monday", dct="2023-07-15") == "2023-07-17"
    assert value("Doors open this Monday.", "this Monday", dct="2023-07-15") == "2023-07-10"


def test_narrative_anchors_deictic_times_on_the_last_date() -> None:
    text = "On 5 June 1944 the fleet sailed. On Tuesday it landed."
    assert value(text, "Tuesday", dct="2023-07-12", doc_type="narrative") == "1944-06-06"
    assert value(text, "Tuesday", dct="2023-07-12", doc_type="news") == "2023-07-11"
    tuesday = mention(text, "Tuesday", doc_type="narrative")
    assert tuesday.resolution.anchor.kind is AnchorKind.MENTION


def test_anaphoric_chain_is_kept() -> None:
    text = "She began in 2004. That year, she joined Amnesty, and five years later she left."
    later = mention(text, "five years later")
    assert later.resolution.timex3.value == "2009"
    assert later.resolution.anchor.kind is AnchorKind.MENTION
    assert later.resolution.anchor.offset == "+P5Y"
    result = analyze_text(text)
    by_id = {m.id: m for m in result.mentions}
    assert [by_id[i].text for i in later.chain] == ["That year", "2004"]


def test_a_narrative_does_not_anchor_on_asides() -> None:
    text = "The invasion began on March 20, 2003 (a plan drafted in 1998). On April 9 Baghdad fell."
    assert value(text, "April 9", doc_type="narrative") == "2003-04-09"


def test_month_ends_and_leap_years() -> None:
    assert (
        value("On 28 February 2024 he left; the next day he came back.", "the next day")
        == "2024-02-29"
    )
    assert (
        value("On 28 February 2023 he left; the next day he came back.", "the next day")
        == "2023-03-01"
    )
    assert (
        value("On 31 January 2024 he left and ten days later he came back.", "ten days later")
        == "2024-02-10"
    )
    text = "It was 29 February 2023."
    assert [m.text for m in analyze_text(text).mentions] == []  # not a date
    assert value("It was 29 February 2024.", "29 February 2024") == "2024-02-29"
    assert (
        value(
            "The deal closed in January 2024; three months later it failed.", "three months later"
        )
        == "2024-04"
    )


def test_deictic_month_and_year_arithmetic() -> None:
    assert value("Sales fell last year.", "last year", dct="2024-01-01") == "2023"
    assert value("Sales fell last month.", "last month", dct="2024-01-15") == "2023-12"
    assert value("It rains a lot in March.", "March", dct="2023-07-12") == "2023-03"
    assert value("The law passed last October.", "last October", dct="2023-07-12") == "2022-10"
    assert value("The crash of '98 hurt.", "'98", dct="2023-07-12") == "1998"
    assert value("The class of '25 starts soon.", "'25", dct="2023-07-12") == "2025"


def test_without_a_document_date_deictic_times_stay_unresolved() -> None:
    last_year = mention("Sales fell last year.", "last year")
    assert last_year.resolution.timex3.value == "XXXX"
    assert last_year.resolution.note == NO_DCT
    assert last_year.resolution.bounds.empty
    saturday = mention("The film premiered Saturday.", "Saturday")
    assert saturday.resolution.timex3.value == "XXXX-WXX-6"
    orphan = mention("The following year, she left.", "The following year", doc_type="narrative")
    assert orphan.resolution.note == NO_REFERENCE


def test_since_runs_to_the_document_date() -> None:
    since = mention("She has worked there since 2009.", "2009", dct="2023-07-15")
    bounds = since.resolution.bounds
    assert since.tag.signal is not None and since.tag.signal.text == "since"
    assert (iso(bounds.earliest_start), iso(bounds.earliest_end), iso(bounds.latest_end)) == (
        "2009-01-01",
        "2023-07-15",
        "2023-07-15",
    )
    assert since.resolution.edtf == "2009/2023-07-15"
    open_ended = mention("She has worked there since 2009.", "2009")
    assert (
        open_ended.resolution.edtf == "2009/.." and open_ended.resolution.bounds.latest_end is None
    )


def test_duration_up_to_now_and_ages() -> None:
    decade = mention(
        "She has been an activist for roughly a decade now.", "roughly a decade", dct="2014-05-20"
    )
    assert decade.resolution.timex3.value == "P10Y" and decade.resolution.timex3.mod == "APPROX"
    bounds = decade.resolution.bounds
    assert iso(bounds.earliest_end) == "2014-05-20"
    assert (
        2002
        <= g.split_seconds(bounds.earliest_start)[0]
        <= 2004
        <= g.split_seconds(bounds.latest_start)[0]
    )
    age = mention("The Oscar winner, 55, spoke.", "55", dct="2023-07-15")
    assert age.resolution.timex3.value == "P55Y"
    assert (iso(age.resolution.bounds.earliest_start), iso(age.resolution.bounds.latest_start)) == (
        "1967-07-16",
        "1968-07-15",
    )


def test_an_age_at_an_undated_event_is_not_an_age_today() -> None:
    age = mention("She began acting at the age of seven.", "at the age of seven", dct="2023-07-15")
    assert age.resolution.bounds.empty and age.resolution.note == NO_EVENT_DATE
    today = mention("The winner, 55, spoke.", "55", dct="2023-07-15")
    assert not today.resolution.bounds.empty  # an age in apposition is the age now


def test_an_age_told_of_a_dated_moment_is_that_moment() -> None:
    age = mention(
        "In 1990, at the age of seven, she moved.", "at the age of seven", dct="2023-07-15"
    )
    assert g.split_seconds(age.resolution.bounds.latest_start)[0] == 1983


def test_bc_and_centuries() -> None:
    assert value("The battle of 480 BC ended it.", "480 BC") == "BC0480"
    two_years = mention("In 480 BC the war began; two years later it ended.", "two years later")
    assert two_years.resolution.display == "478 BC"


# ---------------------------------------------------------------- narrative reference time


def test_a_year_told_in_passing_does_not_move_the_story() -> None:
    text = (
        "On 10 March 1975 the offensive began. The road would be open for a planned "
        "campaign in 1976. The defence collapsed on 11 March."
    )
    assert value(text, "11 March", doc_type="narrative") == "1975-03-11"


def test_a_year_that_opens_its_sentence_sets_the_scene() -> None:
    text = "Villa left in late July 1914. In 1915, Villa fought at Celaya on April 6."
    assert value(text, "April 6", doc_type="narrative") == "1915-04-06"
    heading = "The war ended on 30 April 2004.\n2005: Elections\nOn January 31, Iraqis voted."
    assert value(heading, "January 31", doc_type="narrative") == "2005-01-31"


def test_a_year_in_the_same_sentence_dates_the_day() -> None:
    text = "Villa left in late July 1914. Ludendorff wrote of 1917 that 25 August was costly."
    assert value(text, "25 August", doc_type="narrative") == "1917-08-25"


# ---------------------------------------------------------------- comparisons in business news


def test_year_ago_comparisons_share_the_compared_period() -> None:
    text = (
        "Profit in the first quarter of 1989 rose to $5 million from $4 million a year ago. "
        "Sales were $348 million, up from $307 million a year earlier."
    )
    assert value(text, "a year ago", dct="1989-05-10") == "1988-Q1"
    # not a year before "a year ago": both compare with the same quarter of 1988
    assert value(text, "a year earlier", dct="1989-05-10") == "1988-Q1"


# ---------------------------------------------------------------- range ends


def test_range_ends_take_the_first_end_month_and_century() -> None:
    assert value("The summit met on April 24 and 25, 1999.", "25", dct="1999-02-10") == "1999-04-25"
    assert value("Throughout 1915-17 the war went on.", "17", dct="2009-12-19") == "1917"
    assert value("In 1999-01 the firm grew.", "01", dct="2009-12-19") == "2001"


def test_a_weekday_in_a_verbless_clause_leans_to_the_past() -> None:
    # 1989-10-30 is a Monday: Thursday is 4 days back, 3 ahead; news reports what happened.
    text = "A 24% premium over Thursday's closing price."
    assert value(text, "Thursday", dct="1989-10-30") == "1989-10-26"
    # a clause told in the present keeps the nearest one
    assert value("Saturday is the premiere.", "Saturday", dct="2023-07-12") == "2023-07-15"
