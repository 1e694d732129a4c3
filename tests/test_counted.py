"""Times counted from another happening ("Two days after the sinking") and "a year ago this
week", on a short anniversary report written for these tests (real model, whole pipeline).
"""

from __future__ import annotations

import pytest

from chrono.run.pipeline import analyze_text
from chrono.times import tagger
from chrono.types import Event

FERRY = (
    "The Aurora ferry sank off the coast on 3 March 2022, killing 41 people. "
    "Two days after the sinking, divers recovered the ship's log. "
    "A year ago this week, the Aurora went down in a storm. "
    "Three weeks after the disaster, the government opened an inquiry. "
    "A week before the sinking, inspectors had passed the ship. "
    "Divers found a second log ten days after the ship sank. "
    "Two days after 3 March 2022, rescuers gave up."
)


@pytest.fixture(scope="module")
def events() -> tuple[Event, ...]:
    return analyze_text(FERRY, dct="2023-03-03").events


def event(events: tuple[Event, ...], words: str) -> Event:
    return next(e for e in events if words in e.sources[0].quote)


def test_a_time_counted_from_a_dated_noun(events: tuple[Event, ...]) -> None:
    divers = event(events, "divers recovered")
    assert divers.time.edtf == "2022-03-05"
    assert divers.time.chain.startswith('2022-03-05 ← "Two days after the sinking" (+2 days)')
    assert divers.time.chain.endswith('"3 March 2022" (as stated)')


def test_before_counts_backwards(events: tuple[Event, ...]) -> None:
    assert event(events, "inspectors").time.edtf == "2022-02-21/2022-02-27"  # a week before


def test_a_general_noun_is_the_last_explicitly_dated_happening(events: tuple[Event, ...]) -> None:
    # "the disaster" is the sinking of 3 March, not the divers' find counted from it
    inquiry = event(events, "inquiry")
    assert inquiry.time.edtf == "2022-03-21/2022-03-27"
    assert "← 2022-03-03 ←" in inquiry.time.chain


def test_a_clause_counted_from_dates_the_main_clause(events: tuple[Event, ...]) -> None:
    found = event(events, "second log")
    assert found.headline.startswith("Divers find")
    assert found.time.edtf == "2022-03-13"


def test_a_date_counted_from_makes_one_event(events: tuple[Event, ...]) -> None:
    rescuers = [e for e in events if "rescuers" in e.sources[0].quote]
    assert [e.time.edtf for e in rescuers] == ["2022-03-05"]


def test_nothing_is_placed_without_a_dated_happening() -> None:
    found = analyze_text("Two days after the wedding, they left for Rome.", dct="2023-03-03")
    assert [e.time.chain for e in found.events] == [""]
    assert found.events[0].time.edtf is None  # undated: "2 days" is no date


def test_a_year_ago_this_week_is_one_time_a_year_back(events: tuple[Event, ...]) -> None:
    [found] = [t for t in tagger.tag(FERRY) if "ago" in t.text]
    assert found.text == "A year ago this week"
    storm = event(events, "went down")
    assert storm.time.edtf == "2022-02-28/2022-03-06"  # the week of 3 March 2022
    assert not any(e.time.edtf and e.time.edtf.startswith("2023") for e in events)
