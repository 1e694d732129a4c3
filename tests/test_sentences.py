"""Sentence splitting: abbreviations, initials, decimals, quotes, headings, offsets."""

from __future__ import annotations

import random
import time

import pytest

from chrono.text.sentences import sentence_of, sentence_spans


def split(text: str, start: int = 0) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones in Oct. 2004. They talked.",
            ["Mr. Smith met Dr. Jones in Oct. 2004.", "They talked."],
        ),
        (
            "J. R. R. Tolkien wrote it. Then he slept.",
            ["J. R. R. Tolkien wrote it.", "Then he slept."],
        ),
        ("Prices rose 0.4 per cent. Wages fell.", ["Prices rose 0.4 per cent.", "Wages fell."]),
        (
            "He wore No. 5 at the club. No. The club retired it.",
            ["He wore No. 5 at the club.", "No.", "The club retired it."],
        ),
        ("He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
        (
            "The U.S. Army and the U.N. Security Council met.",
            ["The U.S. Army and the U.N. Security Council met."],
        ),
        ("He waited... Then he left!", ["He waited...", "Then he left!"]),
        ("Is it 2004? 2005 was better.", ["Is it 2004?", "2005 was better."]),
    ],
)
def test_periods_and_abbreviations(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time of day ends a sentence before a capitalised word that does not continue it
        (
            "The assault began at 11 a.m. About 10 million soldiers died.",
            ["The assault began at 11 a.m.", "About 10 million soldiers died."],
        ),
        (
            "The shops close at 5 p.m. Prices are lower there.",
            ["The shops close at 5 p.m.", "Prices are lower there."],
        ),
        ("It hit at 11 A.M. Soldiers ran.", ["It hit at 11 A.M.", "Soldiers ran."]),
        (
            "It hit at 11 a.m. “About 10 died,” he said.",
            ["It hit at 11 a.m.", "“About 10 died,” he said."],
        ),
        # ... and goes on before a weekday, a month, a time zone, a number or a bracket
        (
            "The vote starts at 11 a.m. Monday in Paris.",
            ["The vote starts at 11 a.m. Monday in Paris."],
        ),
        ("It opens at 10 a.m. EST on Friday.", ["It opens at 10 a.m. EST on Friday."]),
        ("It ends at 5 p.m. Oct. 5 in Rome.", ["It ends at 5 p.m. Oct. 5 in Rome."]),
        ("It hit at 10:35 a.m. (0735 GMT) Friday.", ["It hit at 10:35 a.m. (0735 GMT) Friday."]),
        ("It hit at 10 a.m. on Friday.", ["It hit at 10 a.m. on Friday."]),
        # etc. ends one before any capitalised word
        (
            "They sold apples, pears, etc. Prices rose.",
            ["They sold apples, pears, etc.", "Prices rose."],
        ),
        # Inc., Jr., U.S. end one before a word that opens sentences (a function word) ...
        ("He joined Acme Inc. In 2004 he left.", ["He joined Acme Inc.", "In 2004 he left."]),
        ("He met Sammy Davis Jr. They sang.", ["He met Sammy Davis Jr.", "They sang."]),
        (
            "He moved to the U.S. About 10 people came.",
            ["He moved to the U.S.", "About 10 people came."],
        ),
        # ... not before a word of the name they are part of
        ("Acme Inc. Chairman Bo Li spoke.", ["Acme Inc. Chairman Bo Li spoke."]),
        ("The U.S. Army left.", ["The U.S. Army left."]),
    ],
)
def test_abbreviations_that_can_end_a_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_curly_and_straight_quotes() -> None:
    text = "“It’s not okay! It’s not okay to lie!”\n\nShe shouts. “Stop.” He did."
    assert split(text) == [
        "“It’s not okay!",
        "It’s not okay to lie!”",
        "She shouts.",
        "“Stop.”",
        "He did.",
    ]
    assert split('"You can not stand it." Lena said. "Why?" she asked.') == [
        '"You can not stand it."',
        "Lena said.",
        '"Why?" she asked.',
    ]


def test_lowercase_or_comma_after_punctuation_continues() -> None:
    assert split("“Why?” she asked. Fine.") == ["“Why?” she asked.", "Fine."]
    assert split("It was over, e.g. the war.") == ["It was over, e.g. the war."]


def test_dashes_do_not_split() -> None:
    text = "She left the film – sometimes by choice. Then it rained."
    assert split(text) == ["She left the film – sometimes by choice.", "Then it rained."]


def test_headings_blank_lines_and_lists() -> None:
    text = (
        "Lena Marlow Fights Child Labour in Asia\n"
        "She began her campaign in 2006 and travelled to\n"
        "Nepal in the same year.\n\n\n"
        "Share this Post\n\n"
        "Her goals:\n- schools\n- wages"
    )
    assert split(text) == [
        "Lena Marlow Fights Child Labour in Asia",
        "She began her campaign in 2006 and travelled to\nNepal in the same year.",
        "Share this Post",
        "Her goals:",
        "- schools",
        "- wages",
    ]


def test_short_line_before_long_line_is_a_heading() -> None:
    text = "Background\nThe company was founded in 1998 by two engineers from the university."
    assert split(text) == [
        "Background",
        "The company was founded in 1998 by two engineers from the university.",
    ]


def test_start_offset_and_whitespace() -> None:
    text = "Published: 2024-01-02\n\n  First one.  Second one.  \n"
    spans = sentence_spans(text, start=text.index("First"))
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]
    assert sentence_spans("") == []
    assert sentence_spans("   \n\n  ") == []
    assert sentence_spans("abc", start=99) == []


def test_sentence_of() -> None:
    text = "One. Two. Three."
    spans = sentence_spans(text)
    assert [sentence_of(spans, text.index(w)) for w in ("One", "Two", "Three")] == [0, 1, 2]
    assert sentence_of(spans, 0) == 0
    assert sentence_of(spans, text.index(" Two")) == 0  # the gap belongs to the sentence before
    assert sentence_of(spans, len(text) + 10) == 2
    assert sentence_of([], 3) == -1


def test_spans_are_valid_on_random_slices() -> None:
    base = (
        "Mr. Lee met Dr. J. Smith in the U.S. on Oct. 5. “Why?” she asked! It cost $0.4 "
        "million… No. 5 won.\n\nHEADING HERE\nA line – a dash; a (bracket). 'Quote.' End"
    )
    rng = random.Random(3)
    for _ in range(500):
        a = rng.randrange(len(base))
        b = rng.randrange(a, len(base) + 1)
        text = base[a:b]
        start = rng.randrange(len(text) + 1)
        spans = sentence_spans(text, start)
        previous_end = start
        for s, e in spans:
            assert previous_end <= s < e <= len(text)
            assert not text[s].isspace() and not text[e - 1].isspace()
            previous_end = e
        covered = {i for s, e in spans for i in range(s, e)}
        assert all(i in covered for i in range(start, len(text)) if not text[i].isspace())


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: a busy machine only ever slows a run down
        started = time.perf_counter()
        sentence_spans(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        # every path: titles, initials, acronyms, months, times of day, numbers, headings
        "Mr. Lee met Dr. J. Smith in the U.S. on Oct. 5 at 11 a.m. About ten came. It cost "
        "$0.4 million… No. 5 won.\n\nHEADING HERE\nA line – a dash; 'Quote.' End word a. b. \n \n",
        "a." * 50 + " ",  # long runs of periods without spaces
        "word " * 40 + "\n",  # long lines, no sentence end
    ],
)
def test_time_grows_linearly_with_the_text(unit: str) -> None:
    small, large = unit * 1500, unit * 6000
    assert sentence_spans(small)  # the work is real: it finds sentences
    # Four times the text takes about four times as long; quadratic work would take sixteen.
    ratio = _seconds(large) / max(_seconds(small), 1e-6)
    assert ratio < 9, f"4x the text took {ratio:.1f}x the time"
