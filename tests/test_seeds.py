"""What the demo documents in seeds/ must give (issue 2), and the JSON schema on real output."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from chrono.render.json_export import schema, timeline_to_dict
from chrono.run.pipeline import reconstruct

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def data() -> dict:
    return timeline_to_dict(reconstruct(SEEDS))


def mention(data: dict, doc: str, text: str) -> dict:
    found = [m for m in data["mentions"] if m["doc_id"].startswith(doc) and m["text"] == text]
    assert found, f"{text!r} not found in {doc}"
    return found[0]


def test_output_validates_against_the_schema(data: dict) -> None:
    jsonschema.validate(data, schema())


def test_offsets_index_the_document_text(data: dict) -> None:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    for m in data["mentions"]:
        assert texts[m["doc_id"]][m["char_start"] : m["char_end"]] == m["text"]


def test_document_000(data: dict) -> None:
    assert mention(data, "000", "2004")["timex3"]["value"] == "2004"
    that_year = mention(data, "000", "That year")
    assert that_year["timex3"]["value"] == "2004"
    later = mention(data, "000", "five years later")
    assert later["timex3"]["value"] == "2009"
    assert later["anchor"]["kind"] == "mention" and later["anchor"]["offset"] == "+P5Y"
    assert later["explanation"].endswith('"2004" (as stated)')
    decade = mention(data, "000", "roughly a decade")
    assert decade["timex3"] == {"type": "DURATION", "value": "P10Y", "mod": "APPROX"}
    assert decade["signal"]["text"] == "now" and decade["anchor"]["kind"] == "dct"
    saturday = mention(data, "000", "Saturday")
    # The document has no date of its own: chrono infers c. 2014 from "roughly a decade now"
    # after 2004, and "Saturday" is a Saturday of that period, not a made-up day (issue 4).
    assert saturday["timex3"]["value"] == "2014-WXX-6" and saturday["anchor"]["kind"] == "dct"
    annually = mention(data, "000", "annually")
    assert annually["timex3"]["type"] == "SET" and annually["bounds"]["earliest_start"] is None


def test_document_001(data: dict) -> None:
    since = mention(data, "001", "2009")
    assert since["signal"]["text"] == "since"
    assert since["edtf"] == "2009/.." and since["bounds"]["earliest_start"] == "2009-01-01"
    assert mention(data, "001", "19 years")["timex3"]["value"] == "P19Y"
    for age, value in (("55", "P55Y"), ("41-year-old", "P41Y")):
        found = mention(data, "001", age)
        assert found["kind"] == "age" and found["timex3"]["value"] == value


def test_numbers_that_are_not_times(data: dict) -> None:
    tagged = " | ".join(m["text"] for m in data["mentions"])
    for text in ("500", "0.4", "four"):
        assert text not in tagged


def test_every_mention_belongs_to_an_event_unless_it_dates_nothing(data: dict) -> None:
    in_events = {i for e in data["events"] for i in e["mention_ids"]}
    left = [m for m in data["mentions"] if m["id"] not in in_events]
    # "her 41-year-old actor husband of 19 years": how long a thing has been, no event
    assert [m["text"] for m in left] == ["19 years"]
    assert all(e["headline"] and e["sources"] for e in data["events"])


def test_one_sentence_s_now_is_one_event(data: dict) -> None:
    by_mention: dict[str, int] = {}
    for event in data["events"]:
        for i in event["mention_ids"]:
            by_mention[i] = by_mention.get(i, 0) + 1
    now = [m for m in data["mentions"] if m["text"].lower() == "now"]
    assert now and all(by_mention.get(m["id"], 0) <= 1 for m in now)
