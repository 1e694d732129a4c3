"""The tense of the clause that holds a time expression (chrono.times.tense).

The resolver asks which way a bare 'Saturday' points from the document date (here
Wednesday 2021-03-03): back in a past clause, ahead in a future one, to the nearest
one when the clause says neither. Only the clause of the time expression counts.
"""

from __future__ import annotations

import pytest

from chrono.times.tense import Tense, tense_at, tense_of

PAST, FUTURE = Tense.PAST, Tense.FUTURE


def at(text: str, phrase: str, nth: int = 0) -> Tense | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return tense_at(text, start, start + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase", "tense"),
    [
        # the cases of the review (document date Wed 2021-03-03)
        ("He was arrested on Saturday and released the next day.", "Saturday", PAST),
        ("He was arrested on Saturday and released the next day.", "the next day", PAST),
        ("Police said he was arrested on Saturday and will be freed next week.", "Saturday", PAST),
        (
            "Police said he was arrested on Saturday and will be freed next week.",
            "next week",
            FUTURE,
        ),
        ("The talks will resume on Monday.", "Monday", FUTURE),
        ("The vote is on Monday.", "Monday", None),
        # time words are times, not tense
        ("The next vote is on Monday.", "Monday", None),
        ("The coming talks resume on Monday.", "Monday", None),
        # future constructions
        ("The talks are expected to resume on Monday.", "Monday", FUTURE),
        ("The company plans to open the plant in March.", "March", FUTURE),
        ("The vote is scheduled for Monday.", "Monday", FUTURE),
        ("The report is due on Friday.", "Friday", FUTURE),
        ("He is to resign on Friday.", "Friday", FUTURE),
        ("He is going to resign on Friday.", "Friday", FUTURE),
        ("He won't resign on Monday.", "Monday", FUTURE),
        ("They’ll meet on Monday.", "Monday", FUTURE),
        ("He said he will resign on Monday.", "Monday", FUTURE),
        # past
        ("He said on Monday that he will resign.", "Monday", PAST),
        ("He wasn't there on Monday.", "Monday", PAST),
        ("She has been freed since Friday.", "Friday", PAST),
        ("It opened this Monday.", "this Monday", PAST),
        ("He was expected to resign on Friday.", "Friday", PAST),
        # a non-finite verb takes the tense of the nearest finite one
        ("After meeting on Monday, they left.", "Monday", PAST),
        ("After meeting on Monday, they will leave.", "Monday", FUTURE),
        # neither
        ("The talks resume on Monday.", "Monday", None),
        ("Doors open this Monday.", "this Monday", None),
        ("He would resign on Friday.", "Friday", None),
        ("Saturday's vote", "Saturday", None),
    ],
)
def test_tense_of_the_clause_that_holds_the_time(
    text: str, phrase: str, tense: Tense | None
) -> None:
    assert at(text, phrase) is tense


def test_offsets_in_document_coordinates() -> None:
    document = "Headline here.\n\nPolice said he was arrested on Saturday and will be freed soon."
    sentence_start = document.index("Police")
    sentence = document[sentence_start:]
    start = document.index("Saturday")
    assert tense_at(sentence, start, start + len("Saturday"), offset=sentence_start) is PAST
    later = document.index("soon")
    assert tense_at(sentence, later, later + 4, offset=sentence_start) is FUTURE


def test_other_time_expressions_are_never_verbs() -> None:
    text = "The deal was signed in March and will close on Monday."
    march, monday = text.index("March"), text.index("Monday")
    times = [(march, march + 5), (monday, monday + 6)]
    assert tense_at(text, march, march + 5, times=times) is PAST
    assert tense_at(text, monday, monday + 6, times=times) is FUTURE


def test_spans_that_match_no_word_say_nothing() -> None:
    assert tense_at("It rained.", 50, 60) is None
    assert tense_at("It rained.", 3, 3) is None
    assert tense_at("", 0, 0) is None


def test_tense_of_a_whole_text() -> None:
    assert tense_of("The film premiered Saturday.") is PAST
    assert tense_of("The film will premiere Saturday.") is FUTURE
    assert tense_of("Saturday is the premiere.") is None
    # future wins when a text has both; time words do not count
    assert tense_of("He was arrested and will be freed.") is FUTURE
    assert tense_of("Next week is the premiere.") is None
    assert tense_of("The premiere was last week.") is PAST
