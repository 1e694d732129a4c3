"""chrono JSON export (schema_version 1): contract, schema, offsets, atomic writes."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from export_fixtures import BIO_TEXT, COUNCIL_TEXT, build_timeline, empty_timeline, point

import chrono
from chrono.render import json_export
from chrono.render.json_export import (
    SCHEMA_VERSION,
    schema,
    timeline_to_dict,
    timeline_to_json,
    write_json,
)
from chrono.types import CalendarValue, DocType, Document, DocumentResult, Granularity, Timeline

CREATED = "2024-01-02T03:04:05Z"
TEXTS = {"council": COUNCIL_TEXT, "bio": BIO_TEXT}


@pytest.fixture(scope="module")
def data() -> dict:
    return timeline_to_dict(build_timeline(), created=CREATED)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    the_schema = schema()
    jsonschema.Draft202012Validator.check_schema(the_schema)
    return jsonschema.Draft202012Validator(the_schema, format_checker=jsonschema.FormatChecker())


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


# ---------------------------------------------------------------- schema


def test_schema_is_draft_2020_12_with_id_and_description() -> None:
    the_schema = schema()
    assert the_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert the_schema["$id"]
    assert the_schema["description"]
    assert the_schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_export_validates(data: dict, validator) -> None:
    validator.validate(data)


def test_empty_timeline_validates(validator) -> None:
    empty = timeline_to_dict(empty_timeline(), created=CREATED)
    validator.validate(empty)
    assert empty["documents"] == empty["mentions"] == empty["events"] == []
    assert empty["errors"] == []


def test_round_trip_through_json_text_validates(validator) -> None:
    validator.validate(json.loads(timeline_to_json(build_timeline(), created=CREATED)))


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("top", lambda d: d.pop("events")),
        ("top", lambda d: d.update(schema_version=2)),
        ("document", lambda d: d["documents"][0].update(doc_type="letter")),
        ("document", lambda d: d["documents"][0]["dct"].update(source="guessed")),
        ("document", lambda d: d["documents"][1]["dct"].update(value="2020")),  # source none
        ("mention", lambda d: d["mentions"][0]["timex3"].update(type="INTERVAL")),
        ("mention", lambda d: d["mentions"][0]["anchor"].update(kind="sentence")),
        ("mention", lambda d: d["mentions"][1]["bounds"].update(earliest_start="2017/01/01")),
        ("mention", lambda d: d["mentions"][1]["bounds"].update(latest_end="15 July 2023")),
        ("mention", lambda d: d["mentions"][1].pop("rule")),
        ("mention", lambda d: d["mentions"][1].update(char_start=-1)),
        ("event", lambda d: d["events"][0]["time"].pop("bounds")),
        ("event", lambda d: d["events"][0]["sources"][0].pop("quote")),
        ("contradiction", lambda d: d["contradictions"][0].pop("claims")),
    ],
)
def test_schema_rejects_broken_exports(data: dict, validator, where: str, change) -> None:
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_schema_allows_extra_properties(data: dict, validator) -> None:
    grown = copy.deepcopy(data)
    grown["future"] = {"anything": 1}
    grown["documents"][0]["language"] = "en"
    grown["mentions"][0]["bounds"]["with_time"] = False
    grown["events"][0]["lane"] = "council"
    validator.validate(grown)


def test_schema_accepts_bc_far_future_and_time_bounds(data: dict, validator) -> None:
    edited = copy.deepcopy(data)
    bounds = edited["mentions"][0]["bounds"]
    bounds.update(
        earliest_start="-0043-03-15",
        latest_start="+12000-01-01",
        earliest_end="2023-07-15T09:30:00",
        latest_end=None,
    )
    validator.validate(edited)


# ---------------------------------------------------------------- top level and documents


def test_top_level_keys_in_contract_order(data: dict) -> None:
    assert list(data) == [
        "schema_version",
        "generator",
        "created",
        "documents",
        "mentions",
        "events",
        "contradictions",
        "errors",
    ]
    assert data["schema_version"] == 1
    assert data["generator"] == {"name": "chrono", "version": chrono.__version__}
    assert data["created"] == CREATED
    assert data["errors"] == ["missing.txt: no such file"]


def test_created_defaults_to_utc_now_in_seconds() -> None:
    created = timeline_to_dict(empty_timeline())["created"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created)


def test_document_with_metadata_dct(data: dict) -> None:
    council = by_id(data["documents"])["council"]
    assert council == {
        "id": "council",
        "path": "news/council.txt",
        "title": "Council votes",
        "doc_type": "news",
        "doc_type_reason": "first line has a publication date",
        "dct": {
            "value": "2023-07-15",
            "source": "metadata",
            "evidence": 'first line "Published: 2023-07-15"',
        },
        "char_count": len(COUNCIL_TEXT),
        "sha256": hashlib.sha256(COUNCIL_TEXT.encode()).hexdigest(),
    }
    assert "text" not in council


def test_document_without_dct_is_null_source_none(data: dict) -> None:
    bio = by_id(data["documents"])["bio"]
    assert bio["dct"] == {"value": None, "source": "none", "evidence": None}
    assert bio["title"] is None
    assert bio["doc_type"] == "narrative"


def test_year_only_dct_value_is_timeml() -> None:
    from chrono.types import Dct, DctSource

    doc = Document(
        "d",
        "d.txt",
        "text",
        dct=Dct(CalendarValue(Granularity.YEAR, 2014), DctSource.INFERRED, "since 2006, 15 years"),
    )
    timeline = Timeline((DocumentResult(doc, DocType.NEWS, "why", (), ()),), ())
    dct = timeline_to_dict(timeline, created=CREATED)["documents"][0]["dct"]
    assert dct == {"value": "2014", "source": "inferred", "evidence": "since 2006, 15 years"}


# ---------------------------------------------------------------- mentions


def test_offsets_invariant(data: dict) -> None:
    assert data["mentions"]
    for mention in data["mentions"]:
        text = TEXTS[mention["doc_id"]]
        assert text[mention["char_start"] : mention["char_end"]] == mention["text"]
        signal = mention["signal"]
        if signal:
            assert text[signal["char_start"] : signal["char_end"]] == signal["text"]
    for event in data["events"]:
        for source in event["sources"]:
            text = TEXTS[source["doc_id"]]
            assert text[source["char_start"] : source["char_end"]] == source["quote"]


def test_references_resolve(data: dict) -> None:
    docs, mentions = by_id(data["documents"]), by_id(data["mentions"])
    events, contradictions = by_id(data["events"]), by_id(data["contradictions"])
    assert len(mentions) == len(data["mentions"])  # ids are unique
    for mention in mentions.values():
        assert mention["doc_id"] in docs
        assert all(link in mentions for link in mention["chain"])
        if mention["anchor"]["kind"] == "mention":
            assert mention["anchor"]["mention_id"] in mentions
    for event in events.values():
        assert set(event["mention_ids"]) <= set(mentions)
        assert set(event["doc_ids"]) <= set(docs)
        assert set(event["contradiction_ids"]) <= set(contradictions)
    for contradiction in contradictions.values():
        assert contradiction["event_id"] in events
        assert all(c["mention_id"] in mentions for c in contradiction["claims"])


def test_explicit_year_mention(data: dict) -> None:
    m = by_id(data["mentions"])["bio:t1"]
    assert list(m) == [
        "id",
        "doc_id",
        "text",
        "char_start",
        "char_end",
        "sentence",
        "timex3",
        "edtf",
        "bounds",
        "anchor",
        "rule",
        "display",
        "granularity",
        "approximate",
        "kind",
        "signal",
        "chain",
        "explanation",
        "note",
    ]
    assert m["timex3"] == {"type": "DATE", "value": "2004", "mod": None}
    assert m["edtf"] == "2004"
    assert m["bounds"] == {
        "earliest_start": "2004-01-01",
        "latest_start": "2004-12-31",
        "earliest_end": "2004-01-01",
        "latest_end": "2004-12-31",
    }
    assert m["anchor"] == {"kind": "none", "mention_id": None, "offset": None}
    assert m["granularity"] == "year"
    assert m["kind"] == "point"
    assert m["signal"] is None
    assert m["chain"] == []
    assert m["explanation"] == '2004 ← "2004" (as stated)'
    assert m["note"] is None


def test_anaphoric_mention_explains_its_chain(data: dict) -> None:
    m = by_id(data["mentions"])["bio:t2"]
    assert m["timex3"]["value"] == "2009"
    assert m["anchor"] == {"kind": "mention", "mention_id": "bio:t1", "offset": "+P5Y"}
    assert m["chain"] == ["bio:t1"]
    assert m["explanation"] == '2009 ← "Five years later" (+5 years) ← "2004" (as stated)'


def test_unresolved_dct_anchored_mention(data: dict) -> None:
    m = by_id(data["mentions"])["bio:t4"]
    assert m["timex3"] == {"type": "DATE", "value": "XXXX-WXX-6", "mod": None}
    assert m["edtf"] is None
    assert m["bounds"] == dict.fromkeys(
        ("earliest_start", "latest_start", "earliest_end", "latest_end")
    )
    assert m["anchor"]["kind"] == "dct"
    assert m["granularity"] == "day"
    assert m["explanation"] == 'XXXX-WXX-6 ← "Saturday" ← document date (unknown)'
    assert m["note"] == "no document date to anchor on"


def test_dct_anchored_mention_names_the_dct(data: dict) -> None:
    m = by_id(data["mentions"])["council:t3"]
    assert m["timex3"]["value"] == "2023-07-10"
    assert m["explanation"] == (
        '2023-07-10 ← "Monday" (-5 days) ← document date 2023-07-15 (metadata)'
    )


def test_duration_and_set(data: dict) -> None:
    mentions = by_id(data["mentions"])
    duration, every = mentions["bio:t3"], mentions["council:t1"]
    assert duration["timex3"] == {"type": "DURATION", "value": "P6Y", "mod": None}
    assert duration["kind"] == "duration"
    assert duration["granularity"] is None
    assert every["timex3"] == {"type": "SET", "value": "P6M", "mod": None, "quant": "EVERY"}
    assert every["kind"] == "set"
    assert "freq" not in every["timex3"]


def test_signal_and_interval_bounds(data: dict) -> None:
    m = by_id(data["mentions"])["council:t2"]
    start = COUNCIL_TEXT.index("since")
    assert m["signal"] == {
        "text": "since",
        "char_start": start,
        "char_end": start + 5,
        "relation": "since",
    }
    assert m["edtf"] == "2017/2023-07-15"
    assert m["bounds"]["earliest_start"] == "2017-01-01"
    assert m["bounds"]["latest_end"] == "2023-07-15"


def test_bc_year_formatting(data: dict) -> None:
    m = by_id(data["mentions"])["council:t5"]
    assert m["timex3"]["value"] == "BC0044-03-15"
    assert m["edtf"] == "-0043-03-15"
    assert m["bounds"]["earliest_start"] == "-0043-03-15"
    assert m["bounds"]["latest_end"] == "-0043-03-15"
    assert m["display"] == "15 Mar 44 BC"


def test_approximate_mention_is_widened(data: dict) -> None:
    m = by_id(data["mentions"])["council:t4"]
    assert m["approximate"] is True
    assert m["timex3"]["mod"] == "APPROX"
    assert m["edtf"] == "1998~"
    assert m["display"] == "c. 1998"
    assert (m["bounds"]["earliest_start"], m["bounds"]["latest_end"]) == (
        "1997-01-01",
        "1999-12-31",
    )


def test_bounds_with_time_of_day() -> None:
    text = "Polls closed at 09:30 on 15 July 2023."
    cv = CalendarValue(Granularity.MINUTE, 2023, 7, 15, hour=9, minute=30)
    mention = point("d", "d:t1", text, "09:30 on 15 July 2023", cv)
    doc = Document("d", "d.txt", text)
    timeline = Timeline((DocumentResult(doc, DocType.NEWS, "why", (mention,), ()),), ())
    bounds = timeline_to_dict(timeline, created=CREATED)["mentions"][0]["bounds"]
    assert bounds == {
        "earliest_start": "2023-07-15T09:30:00",
        "latest_start": "2023-07-15T09:30:59",
        "earliest_end": "2023-07-15T09:30:00",
        "latest_end": "2023-07-15T09:30:59",
    }


# ---------------------------------------------------------------- events and contradictions


def test_merged_event_with_contradiction(data: dict) -> None:
    event = by_id(data["events"])["e3"]
    assert list(event) == [
        "id",
        "headline",
        "trigger",
        "subject",
        "doc_ids",
        "mention_ids",
        "time",
        "sources",
        "contradiction_ids",
        "merge_confidence",
    ]
    assert event["doc_ids"] == ["council", "bio"]
    assert event["mention_ids"] == ["council:t4", "bio:t5"]
    assert event["contradiction_ids"] == ["x1"]
    assert event["merge_confidence"] == 0.8
    assert event["time"]["display"] == "c. 1998"
    assert event["time"]["granularity"] == "year"
    assert [s["stated_edtf"] for s in event["sources"]] == ["1998~", "1999"]
    assert list(event["sources"][0]) == [
        "doc_id",
        "mention_id",
        "quote",
        "char_start",
        "char_end",
        "stated_edtf",
    ]
    contradiction = by_id(data["contradictions"])["x1"]
    assert contradiction == {
        "id": "x1",
        "event_id": "e3",
        "kind": "date",
        "claims": [
            {"doc_id": "council", "mention_id": "council:t4", "edtf": "1998~"},
            {"doc_id": "bio", "mention_id": "bio:t5", "edtf": "1999"},
        ],
        "reason": "council says c. 1998, bio says 1999",
    }


def test_interval_event_time(data: dict) -> None:
    time = by_id(data["events"])["e1"]["time"]
    assert time == {
        "edtf": "2017/2023-07-15",
        "display": "since 2017",
        "granularity": "year",
        "approximate": False,
        "bounds": {
            "earliest_start": "2017-01-01",
            "latest_start": "2017-12-31",
            "earliest_end": "2023-07-15",
            "latest_end": "2023-07-15",
        },
    }


def test_undated_event_has_null_bounds(data: dict) -> None:
    time = by_id(data["events"])["e7"]["time"]
    assert time["edtf"] is None
    assert set(time["bounds"].values()) == {None}


def test_non_finite_confidence_is_refused() -> None:
    from dataclasses import replace

    timeline = build_timeline()
    broken = replace(timeline, events=(replace(timeline.events[0], merge_confidence=float("nan")),))
    with pytest.raises(ValueError, match="merge_confidence"):
        timeline_to_json(broken, created=CREATED)


# ---------------------------------------------------------------- JSON text


def test_json_is_deterministic() -> None:
    first = timeline_to_json(build_timeline(), created=CREATED)
    second = timeline_to_json(build_timeline(), created=CREATED)
    assert first == second
    assert json.loads(first) == timeline_to_dict(build_timeline(), created=CREATED)


def test_json_keeps_non_ascii_readable() -> None:
    text = timeline_to_json(build_timeline(), created=CREATED)
    assert "Zoë Brandt" in text
    assert "←" in text


def test_json_indent_none_is_one_line() -> None:
    assert "\n" not in timeline_to_json(build_timeline(), created=CREATED, indent=None)


def test_lone_surrogates_still_give_valid_utf8() -> None:
    text = "Bad byte \udcff in 2004."
    mention = point("d", "d:t1", text, "2004", CalendarValue(Granularity.YEAR, 2004))
    doc = Document("d", "d.txt", text, title="bad \udcff title")
    timeline = Timeline((DocumentResult(doc, DocType.NEWS, "why", (mention,), ()),), ())
    out = timeline_to_json(timeline, created=CREATED)
    out.encode("utf-8")  # must not raise
    assert json.loads(out)["documents"][0]["title"] == "bad \udcff title"


# ---------------------------------------------------------------- write_json


def test_write_json_writes_utf8(tmp_path: Path, validator) -> None:
    target = tmp_path / "timeline.json"
    write_json(build_timeline(), target, created=CREATED)
    raw = target.read_bytes()
    loaded = json.loads(raw.decode("utf-8"))
    validator.validate(loaded)
    assert loaded == timeline_to_dict(build_timeline(), created=CREATED)
    assert "Zoë".encode() in raw
    assert os.listdir(tmp_path) == ["timeline.json"]


def test_write_json_accepts_str_path_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    write_json(empty_timeline(), str(target), created=CREATED)
    assert json.loads(target.read_text(encoding="utf-8"))["events"] == []


def test_write_json_respects_umask(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    old = os.umask(0o022)
    try:
        write_json(empty_timeline(), tmp_path / "t.json", created=CREATED)
    finally:
        os.umask(old)
    assert (tmp_path / "t.json").stat().st_mode & 0o777 == 0o644


def _old_file(tmp_path: Path) -> Path:
    target = tmp_path / "timeline.json"
    target.write_text('{"old": true}', encoding="utf-8")
    return target


def _assert_untouched(tmp_path: Path, target: Path) -> None:
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert os.listdir(tmp_path) == ["timeline.json"]  # no temp file left behind


def test_failed_serialization_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = _old_file(tmp_path)
    calls = {"n": 0}
    real = json_export._mention_dict

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("boom in the middle")
        return real(*args, **kwargs)

    monkeypatch.setattr(json_export, "_mention_dict", flaky)
    with pytest.raises(RuntimeError, match="boom"):
        write_json(build_timeline(), target, created=CREATED)
    _assert_untouched(tmp_path, target)


def test_failed_write_midway_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = _old_file(tmp_path)
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of the data to the temp file, then fails like a full disk."""

        def __init__(self, fh) -> None:
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(
        json_export.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
    )
    with pytest.raises(OSError, match="No space"):
        write_json(build_timeline(), target, created=CREATED)
    _assert_untouched(tmp_path, target)


def test_failed_replace_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = _old_file(tmp_path)

    def no_replace(src, dst) -> None:
        raise PermissionError("replace refused")

    monkeypatch.setattr(json_export.os, "replace", no_replace)
    with pytest.raises(PermissionError):
        write_json(build_timeline(), target, created=CREATED)
    _assert_untouched(tmp_path, target)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_json(empty_timeline(), tmp_path / "nope" / "t.json", created=CREATED)
