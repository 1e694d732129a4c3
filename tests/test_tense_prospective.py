"""Verbs that look ahead (planned, scheduled, postponed): their time lies after them."""

from __future__ import annotations

import pytest

from chrono.run.pipeline import analyze_text
from chrono.times.tense import Tense, tense_at


@pytest.mark.parametrize(
    ("text", "time", "expected"),
    [
        ("Protesters planned a large demonstration on Saturday.", "Saturday", Tense.FUTURE),
        ("The team planned to leave Nairobi on Thursday.", "Thursday", Tense.FUTURE),
        ("He has scheduled a news conference Thursday.", "Thursday", Tense.FUTURE),
        ("Officials postponed until Tuesday any action.", "Tuesday", Tense.FUTURE),
        ("They did not plan to remove him on Thursday.", "Thursday", Tense.FUTURE),
        (
            "They tried to undermine the peace process, set to resume Monday.",
            "Monday",
            Tense.FUTURE,
        ),
        # a plan that has run its course: the past perfect stays in the past
        ("The offer had been scheduled to expire Friday.", "Friday", Tense.PAST),
        ("The rally was held Thursday.", "Thursday", Tense.PAST),
        ("He set the record on Monday.", "Monday", Tense.PAST),
    ],
)
def test_looking_ahead(text: str, time: str, expected: Tense) -> None:
    start = text.index(time)
    assert tense_at(text, start, start + len(time)) is expected


def test_a_planned_weekday_is_the_next_one() -> None:
    # 2000-01-07 is a Friday: the demonstration they planned is the coming Saturday.
    result = analyze_text(
        "Protesters planned a large demonstration on Saturday.", dct="2000-01-07", doc_type="news"
    )
    (saturday,) = result.mentions
    assert saturday.resolution.timex3.value == "2000-01-08"
