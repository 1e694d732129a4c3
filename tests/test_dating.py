"""Inferred document dates (chrono.timeline.dating): the evidence, the estimate, and the times
resolved against it. The documents are written for these tests."""

from __future__ import annotations

from chrono.run.pipeline import analyze_text
from chrono.times import gregorian as g
from chrono.types import DctSource, DocumentResult, Granularity, Mention

G = Granularity


def mention(result: DocumentResult, text: str) -> Mention:
    found = [m for m in result.mentions if m.text == text]
    assert found, f"{text!r} not among {[m.text for m in result.mentions]}"
    return found[0]


def year_of(seconds: int | None) -> int:
    assert seconds is not None
    return g.split_seconds(seconds)[0]


def test_for_n_years_now_since_year_dates_the_document_and_last_winter_resolves() -> None:
    result = analyze_text(
        "Tom Reyes has run the bakery on Elm Street for 12 years now, ever since he bought "
        "it in 2009. Last winter he opened a second shop."
    )
    dct = result.document.dct
    assert dct is not None and dct.source is DctSource.INFERRED
    assert dct.value.granularity is G.YEAR and dct.value.year == 2009 + 12
    assert '"for 12 years now"' in dct.evidence and '"2009"' in dct.evidence
    winter = mention(result, "Last winter")
    assert winter.resolution.anchor.kind.value == "dct"
    assert winter.resolution.value is not None and winter.resolution.approximate
    bounds = winter.resolution.bounds
    # some winter around 2021, the date being inferred: never a made-up precise one
    assert 2019 <= year_of(bounds.earliest_start) <= 2021 <= year_of(bounds.latest_end) <= 2023


def test_roughly_fifteen_years_now_ever_since_2006_gives_about_2021() -> None:
    result = analyze_text(
        "She has been an activist for roughly fifteen years now, ever since she visited "
        "Cambodia in 2006. The film premiered Saturday."
    )
    dct = result.document.dct
    assert dct is not None and dct.value.year == 2021
    saturday = mention(result, "Saturday")
    # a Saturday of the inferred period, at year precision: no fake precise day
    assert saturday.resolution.timex3.value == "2021-WXX-6"
    assert saturday.resolution.display == "a Saturday, c. 2021"
    bounds = saturday.resolution.bounds
    assert year_of(bounds.earliest_start) < 2021 < year_of(bounds.latest_end)
    assert saturday.resolution.edtf is not None and saturday.resolution.edtf.startswith("[")


def test_a_start_verb_in_the_next_sentence_dates_the_span() -> None:
    result = analyze_text(
        "Mira has also been an activist for roughly a decade now. She began her initiative "
        "in 2004. That year, she joined Amnesty International."
    )
    dct = result.document.dct
    assert dct is not None and dct.value.year == 2014
    assert "began her initiative" in dct.evidence


def test_now_told_as_an_explicit_date() -> None:
    result = analyze_text("The museum, which opened in 1990, is now, in 2021, closed.")
    dct = result.document.dct
    assert dct is not None and dct.value.year == 2021 and dct.source is DctSource.INFERRED


def test_a_lower_bound_alone_gives_no_date() -> None:
    result = analyze_text("She has lived in Rome since 2009. She moved there from Oslo.")
    assert result.document.dct is None  # "not before 2009" says too little


def test_a_given_date_is_never_replaced() -> None:
    result = analyze_text("He has run the shop for 12 years now, since 2009.", dct="2023-07-15")
    dct = result.document.dct
    assert dct is not None and dct.source is DctSource.CLI


def test_a_future_date_does_not_bound_the_document_date() -> None:
    result = analyze_text(
        "He has coached the team for 3 years now, since 2015. The final will be played in 2030."
    )
    dct = result.document.dct
    assert dct is not None and dct.value.year == 2018


def test_a_start_verb_in_the_same_sentence_dates_the_span() -> None:
    from chrono.run.pipeline import analyze_text

    result = analyze_text("She began in 2009 and has campaigned for 12 years now.")
    assert result.document.dct is not None and result.document.dct.value.year == 2021


def test_a_time_is_no_evidence_of_itself() -> None:
    # A history: "the end of the year" and "This year" are the narrative's own times, not
    # the writing date; once paired with themselves they gave "c. 1776" and "c. 1789".
    for text in (
        "The siege of Boston began in April 1775. The British left the city by the end of "
        "the year, and Washington moved his army south.",
        "The Estates-General met in May 1789. This year the monarchy lost its power.",
    ):
        result = analyze_text(text, doc_type="narrative")
        dct = result.document.dct
        assert dct is None or dct.source is not DctSource.INFERRED, dct


def test_a_news_dateline_dates_the_report() -> None:
    result = analyze_text(
        "Jobs opens developer conference\n\nJune 6, 2005 Apple CEO Steve Jobs gave his "
        "keynote on Monday. He said the company has 109 stores.",
        doc_type="news",
    )
    dct = result.document.dct
    assert dct is not None and dct.source is DctSource.INFERRED
    assert dct.value.year == 2005 and dct.value.month == 6 and dct.value.day == 6
    assert 'opens with the date "June 6, 2005"' in dct.evidence
    assert mention(result, "Monday").resolution.value.day == 6  # the same Monday


def test_a_history_opening_with_a_date_is_not_dated_by_it() -> None:
    result = analyze_text(
        "The siege\n\n1 September 1939 German forces crossed the border. Warsaw fell weeks later.",
        doc_type="narrative",
    )
    assert result.document.dct is None


def test_a_window_up_to_now_is_no_span_from_a_date() -> None:
    # "in the past decade" starts at nothing the text tells; 2007 is told in the future
    result = analyze_text(
        "It was their largest conference in the past decade. Steve said Leopard would be "
        "released in 2007.",
        doc_type="news",
    )
    assert result.document.dct is None
