"""TimeML output: the text unchanged, the DCT as t0, anchors and range points by tid."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from timeline_fixtures import TimelineBuilder, day, month, year

from chrono.eval.tempeval import read_gold
from chrono.render.timeml import to_timeml
from chrono.run.pipeline import analyze_text
from chrono.types import (
    Anchor,
    AnchorKind,
    Bounds,
    DocumentResult,
    Duration,
    Granularity,
    Kind,
    Timex3,
    TimexType,
)

HOSTILE = "Tom & Jerry <b>met</b> \"Q\" & 'R' > 3 in 2004.\r\nZoë said ]]> <!-- no --> &amp; left."


def parse(result: DocumentResult) -> ET.Element:
    return ET.fromstring(to_timeml(result))


def text_of(root: ET.Element) -> str:
    body = root.find("TEXT")
    assert body is not None
    return "".join(body.itertext())


def timexes(root: ET.Element) -> dict[str, ET.Element]:
    """The TIMEX3s in the text by their own text (every test text names each once)."""
    body = root.find("TEXT")
    assert body is not None
    return {"".join(el.itertext()): el for el in body.iter("TIMEX3")}


def one_document(text: str, **document) -> TimelineBuilder:
    b = TimelineBuilder()
    b.document("d", text, **document)
    return b


def result_of(b: TimelineBuilder) -> DocumentResult:
    return b.build().documents[0]


# ---------------------------------------------------------------- the text


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "2004",  # a tag at both ends
        "In 2004\r\r and \r\n\n 2004 again\n",  # lone and paired carriage returns
        "No time at all: & < > \" '",
    ],
)
def test_text_between_tags_is_the_document_text(text: str) -> None:
    b = one_document(text)
    if "2004" in text:
        b.mention("d", "2004", year(2004))
    result = result_of(b)
    root = parse(result)
    assert text_of(root) == text
    tagged = [(el.get("tid"), el.text) for el in root.find("TEXT").iter("TIMEX3")]
    assert tagged == ([("t1", "2004")] if "2004" in text else [])


def test_text_of_real_pipeline_output_is_unchanged() -> None:
    result = analyze_text(HOSTILE, dct="2023-07-15")
    assert result.mentions  # 2004 at least
    root = parse(result)
    assert text_of(root) == HOSTILE
    tagged = [m for m in result.mentions if m.tag.spec.timeml]
    elements = list(root.find("TEXT").iter("TIMEX3"))
    assert ["".join(el.itertext()) for el in elements] == [m.text for m in tagged]


def test_chrono_eval_reads_the_output_back(tmp_path: Path) -> None:
    result = analyze_text(
        "The mayor, 55, said on Monday that the bridge opened in 1998 & closed in 2004.",
        dct="2023-07-15",
    )
    path = tmp_path / "doc.tml"
    path.write_text(to_timeml(result), encoding="utf-8")
    gold = read_gold(path)
    assert gold.text == result.document.text
    assert gold.dct == "2023-07-15"
    tagged = [m for m in result.mentions if m.tag.spec.timeml]
    assert [(t.start, t.end, t.value) for t in gold.timexes] == [
        (m.start, m.end, m.resolution.timex3.value) for m in tagged
    ]


# ---------------------------------------------------------------- the DCT


def test_dct_is_t0() -> None:
    b = one_document("On Monday it rained.", dct=day(2023, 7, 15))
    b.mention("d", "Monday", day(2023, 7, 10), anchor=Anchor(AnchorKind.DCT, None, "-P5D"))
    root = parse(result_of(b))
    dct = root.find("DCT/TIMEX3")
    assert dct is not None
    assert dct.attrib == {
        "tid": "t0",
        "type": "DATE",
        "value": "2023-07-15",
        "temporalFunction": "false",
        "functionInDocument": "CREATION_TIME",
    }
    assert dct.text == "2023-07-15"
    monday = timexes(root)["Monday"]
    assert (monday.get("tid"), monday.get("anchorTimeID")) == ("t1", "t0")
    assert monday.get("temporalFunction") == "true"
    assert root.find("DOCID").text == "d"


def test_without_a_dct_there_is_no_t0_to_point_at() -> None:
    b = one_document("On Saturday it rained.")
    b.mention(
        "d",
        "Saturday",
        timex=Timex3(TimexType.DATE, "XXXX-WXX-6"),
        anchor=Anchor(AnchorKind.DCT),
    )
    root = parse(result_of(b))
    assert root.find("DCT") is None
    saturday = timexes(root)["Saturday"]
    assert saturday.get("anchorTimeID") is None
    assert saturday.get("temporalFunction") == "true"
    assert saturday.get("value") == "XXXX-WXX-6"


# ---------------------------------------------------------------- anchors and ranges


def test_anchor_time_id_is_the_tid_of_the_anchor_mention() -> None:
    # "55" is a bare age (no TIMEX3), so tids and mention numbers differ: m2 is t1, m3 is t2.
    b = one_document("Smith, 55, moved in 2004. Five years later he left.", dct=day(2023, 7, 15))
    b.mention("d", "55", timex=Timex3(TimexType.DURATION, "P55Y"), kind=Kind.AGE, timeml=False)
    moved = b.mention("d", "2004", year(2004))
    b.mention(
        "d", "Five years later", year(2009), anchor=Anchor(AnchorKind.MENTION, moved.id, "+P5Y")
    )
    found = timexes(parse(result_of(b)))
    assert sorted(found) == ["2004", "Five years later"]
    assert found["2004"].get("tid") == "t1"
    assert found["2004"].get("temporalFunction") == "false"
    assert "anchorTimeID" not in found["2004"].attrib
    later = found["Five years later"]
    assert (later.get("tid"), later.get("anchorTimeID")) == ("t2", "t1")


def test_an_anchor_without_a_tag_is_not_pointed_at() -> None:
    b = one_document("Aged 7 in 2004. A year later he left.")
    age = b.mention("d", "Aged 7", timex=Timex3(TimexType.DURATION, "P7Y"), timeml=False)
    b.mention("d", "A year later", year(2005), anchor=Anchor(AnchorKind.MENTION, age.id, "+P1Y"))
    later = timexes(parse(result_of(b)))["A year later"]
    assert "anchorTimeID" not in later.attrib


def test_range_end_has_the_begin_point() -> None:
    b = one_document("In 1950, 41, he served from 1964 to 1970.")
    b.mention("d", "1950", year(1950))
    b.mention("d", "41", timex=Timex3(TimexType.DURATION, "P41Y"), kind=Kind.AGE, timeml=False)
    begin = b.mention("d", "1964", year(1964))
    end = b.mention("d", "1970", year(1970))
    b.range(begin, end)
    found = timexes(parse(result_of(b)))
    assert found["1964"].get("tid") == "t2"
    assert "beginPoint" not in found["1964"].attrib
    assert found["1970"].get("beginPoint") == "t2"


def test_range_from_the_real_pipeline() -> None:
    result = analyze_text("He served as mayor from 1964 to 1970.")
    found = timexes(parse(result))
    assert found["1970"].get("beginPoint") == found["1964"].get("tid")


def test_bare_ages_are_not_exported_but_keep_their_text() -> None:
    text = "Smith, 55, said the 41-year-old left in 2004."
    result = analyze_text(text, dct="2023-07-15")
    untagged = [m.text for m in result.mentions if not m.tag.spec.timeml]
    assert "55" in untagged
    root = parse(result)
    assert text_of(root) == text
    assert "55" not in timexes(root)
    assert len(timexes(root)) == len(result.mentions) - len(untagged)


# ---------------------------------------------------------------- durations


def _decade(b: TimelineBuilder, text: str, *, ends_at_anchor: bool, anchor: Anchor) -> None:
    b.mention(
        "d",
        text,
        timex=Timex3(TimexType.DURATION, "P10Y", "APPROX"),
        kind=Kind.DURATION,
        duration=Duration(Granularity.DECADE, 1),
        ends_at_anchor=ends_at_anchor,
        anchor=anchor,
        bounds=Bounds(),
    )


def test_a_duration_ending_at_the_dct_has_end_point_t0() -> None:
    b = one_document("She has been an activist for roughly a decade now.", dct=day(2014, 5, 20))
    _decade(
        b, "roughly a decade", ends_at_anchor=True, anchor=Anchor(AnchorKind.DCT, None, "-P10Y")
    )
    decade = timexes(parse(result_of(b)))["roughly a decade"]
    assert decade.get("anchorTimeID") == decade.get("endPoint") == "t0"
    assert (decade.get("type"), decade.get("value"), decade.get("mod")) == (
        "DURATION",
        "P10Y",
        "APPROX",
    )


def test_a_duration_that_does_not_end_at_its_anchor_has_no_end_point() -> None:
    b = one_document("It lasted roughly a decade.", dct=day(2014, 5, 20))
    _decade(b, "roughly a decade", ends_at_anchor=False, anchor=Anchor(AnchorKind.NONE))
    decade = timexes(parse(result_of(b)))["roughly a decade"]
    assert "endPoint" not in decade.attrib
    assert "anchorTimeID" not in decade.attrib


def test_a_duration_ending_at_an_unknown_dct_has_no_end_point() -> None:
    b = one_document("She has been an activist for roughly a decade now.")
    _decade(b, "roughly a decade", ends_at_anchor=True, anchor=Anchor(AnchorKind.DCT))
    decade = timexes(parse(result_of(b)))["roughly a decade"]
    assert "endPoint" not in decade.attrib


def test_end_point_from_the_real_pipeline() -> None:
    result = analyze_text("She has been an activist for roughly a decade now.", dct="2014-05-20")
    decade = timexes(parse(result))["roughly a decade"]
    assert decade.get("endPoint") == "t0"
    assert decade.get("type") == "DURATION"


def test_set_attributes() -> None:
    b = one_document("The council meets every six months.")
    b.mention(
        "d",
        "every six months",
        timex=Timex3(TimexType.SET, "P6M", quant="EVERY", freq="1X"),
        kind=Kind.SET,
    )
    every = timexes(parse(result_of(b)))["every six months"]
    assert (every.get("type"), every.get("quant"), every.get("freq")) == ("SET", "EVERY", "1X")
    assert every.get("functionInDocument") == "NONE"


# ---------------------------------------------------------------- overlaps


def test_overlapping_mentions_keep_the_longer_and_never_point_at_the_dropped_one() -> None:
    b = one_document("It happened in March 2004 and a year later.")
    outer = b.mention("d", "March 2004", month(2004, 3))
    later = b.mention("d", "a year later", year(2005))
    result = result_of(b)
    # The tagger never yields overlaps; here a hand-made "2004" inside "March 2004" is the
    # anchor of "a year later".
    inner = replace(outer, id="d:m9", tag=replace(outer.tag, start=outer.start + 6, text="2004"))
    on_inner = Anchor(AnchorKind.MENTION, inner.id, "+P1Y")
    later = replace(later, resolution=replace(later.resolution, anchor=on_inner))
    root = parse(replace(result, mentions=(outer, inner, later)))
    assert text_of(root) == result.document.text
    found = timexes(root)
    assert sorted(found) == ["March 2004", "a year later"]
    assert found["a year later"].get("tid") == "t2"
    assert "anchorTimeID" not in found["a year later"].attrib
