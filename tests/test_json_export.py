"""chrono JSON export (schema_version 1): the contract, the schema, and real pipeline output.

Two kinds of tests: a few plumbing tests on a hand-made timeline (key order, how each
field is written), and tests that run the real pipeline on small texts and check what
any consumer relies on: the export validates, offsets index the text, references
resolve, and every EDTF string parses with the `edtf` package.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import edtf
import jsonschema
import pytest
from timeline_fixtures import (
    COUNCIL_DCT_EVIDENCE,
    COUNCIL_TEXT,
    MISSING,
    G,
    TimelineBuilder,
    empty_timeline,
    export_timeline,
    year,
)

import chrono
from chrono.render import json_export
from chrono.render.json_export import (
    SCHEMA_VERSION,
    schema,
    timeline_to_dict,
    timeline_to_json,
    write_json,
)
from chrono.run.pipeline import analyze_text, build_timeline
from chrono.times.resolver import NO_DCT
from chrono.types import CalendarValue, DctSource, Timeline

CREATED = "2024-01-02T03:04:05Z"
BOUNDS_KEYS = ("earliest_start", "latest_start", "earliest_end", "latest_end")


@pytest.fixture(scope="module")
def data() -> dict:
    return timeline_to_dict(export_timeline(), created=CREATED)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    the_schema = schema()
    jsonschema.Draft202012Validator.check_schema(the_schema)
    return jsonschema.Draft202012Validator(the_schema, format_checker=jsonschema.FormatChecker())


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def texts_of(timeline: Timeline) -> dict[str, str]:
    return {d.document.id: d.document.text for d in timeline.documents}


def assert_offsets_hold(data: dict, texts: dict[str, str]) -> None:
    """`text == document_text[char_start:char_end]` for mentions, signals and quotes."""
    for mention in data["mentions"]:
        text = texts[mention["doc_id"]]
        assert text[mention["char_start"] : mention["char_end"]] == mention["text"], mention
        signal = mention["signal"]
        if signal:
            assert text[signal["char_start"] : signal["char_end"]] == signal["text"], mention
    for event in data["events"]:
        for source in event["sources"]:
            text = texts[source["doc_id"]]
            assert text[source["char_start"] : source["char_end"]] == source["quote"], source


def assert_references_resolve(data: dict) -> None:
    docs, mentions = by_id(data["documents"]), by_id(data["mentions"])
    events, contradictions = by_id(data["events"]), by_id(data["contradictions"])
    assert len(docs) == len(data["documents"])
    assert len(mentions) == len(data["mentions"])
    assert len(events) == len(data["events"])
    for mention in mentions.values():
        assert mention["doc_id"] in docs
        assert all(link in mentions for link in mention["chain"])
        if mention["anchor"]["kind"] == "mention":
            assert mention["anchor"]["mention_id"] in mentions
            assert mention["chain"][0] == mention["anchor"]["mention_id"]
    for event in events.values():
        assert set(event["mention_ids"]) <= set(mentions)
        assert set(event["doc_ids"]) <= set(docs)
        assert set(event["contradiction_ids"]) <= set(contradictions)
        assert all(s["mention_id"] in mentions for s in event["sources"])
    for contradiction in contradictions.values():
        assert contradiction["event_id"] in events
        assert all(c["mention_id"] in mentions for c in contradiction["claims"])


def edtf_strings(data: dict) -> Iterator[tuple[str, str]]:
    """Every EDTF string in an export, with where it was found."""
    for mention in data["mentions"]:
        yield f"mention {mention['text']!r}", mention["edtf"]
    for event in data["events"]:
        yield f"event {event['headline']!r}", event["time"]["edtf"]
        for source in event["sources"]:
            yield f"source {source['quote']!r}", source["stated_edtf"]
    for contradiction in data["contradictions"]:
        for claim in contradiction["claims"]:
            yield f"claim {claim['mention_id']}", claim["edtf"]


def unparsable_edtf(data: dict) -> list[str]:
    bad = []
    for where, value in edtf_strings(data):
        if value is None:
            continue
        try:
            edtf.parse_edtf(value)
        except Exception as error:  # the edtf package raises several kinds
            bad.append(f"{where}: {value!r} ({type(error).__name__})")
    return bad


# ================================================================ real pipeline output

# (id, text, document date or None, mention texts the export must contain)
PIPELINE_CASES = [
    (
        "early-1990s",
        "She has lived in Oslo since the early 1990s.",
        "2023-07-15",
        ["the early 1990s"],
    ),
    ("early-1990s-open", "She has lived in Oslo since the early 1990s.", None, ["the early 1990s"]),
    ("late-2004", "He stayed there until late 2004.", "2023-07-15", ["late 2004"]),
    ("about-2004", "The library opened in about 2004.", None, ["about 2004"]),
    ("range", "He served as mayor from 1964 to 1970.", None, ["1964", "1970"]),
    ("decade-ago", "The firm was founded a decade ago.", "2023-07-15", ["a decade ago"]),
    ("decade-ago-no-dct", "The firm was founded a decade ago.", None, ["a decade ago"]),
    ("ages", "Smith, 55, said the 41-year-old left.", "2023-07-15", ["55", "41-year-old"]),
    ("ages-no-dct", "Smith, 55, said the 41-year-old left.", None, ["55", "41-year-old"]),
    (
        "every-six-months",
        "The council has met every six months since 2017.",
        "2023-07-15",
        ["every six months", "2017"],
    ),
    ("last-week", "The vote took place last week.", "2023-07-15", ["last week"]),
    ("last-week-no-dct", "The vote took place last week.", None, ["last week"]),
    (
        "bc",
        "Salamis was fought in 480 BC. Two years later Athens was rebuilt. "
        "Caesar died in 44 BC. Athens flourished in the 5th century BC.",
        None,
        ["480 BC", "Two years later", "44 BC", "the 5th century BC"],
    ),
    (
        "decade-now",
        "She has been an activist for roughly a decade now.",
        "2014-05-20",
        ["roughly a decade"],
    ),
    (
        "calendar-parts",
        "It began in spring 1963, grew in the 1980s and the mid-2000s, and peaked in Q3 2019.",
        None,
        ["spring 1963", "the 1980s", "the mid-2000s", "Q3 2019"],
    ),
    ("before", "The hall was built before 1985.", None, ["1985"]),
    (
        "narrative",
        "On 5 June 1944 the fleet sailed. Five years later the war was long over.",
        None,
        ["5 June 1944", "Five years later"],
    ),
    ("tonight", "It will rain tonight.", "2023-07-15", ["tonight"]),
    ("since-1980s-open", "She has been there since the 1980s.", None, ["the 1980s"]),
]


def _case_params() -> list[Any]:
    return [pytest.param(*case, id=case[0]) for case in PIPELINE_CASES]


def pipeline_timeline(doc_id: str, text: str, dct: str | None) -> Timeline:
    return build_timeline([analyze_text(text, dct=dct, doc_id=doc_id)])


@pytest.mark.parametrize(("doc_id", "text", "dct", "expected"), _case_params())
def test_pipeline_export_validates_and_offsets_hold(
    doc_id: str, text: str, dct: str | None, expected: list[str], validator
) -> None:
    timeline = pipeline_timeline(doc_id, text, dct)
    data = json.loads(timeline_to_json(timeline, created=CREATED))
    validator.validate(data)
    found = [m["text"] for m in data["mentions"]]
    assert all(phrase in found for phrase in expected), found
    assert_offsets_hold(data, texts_of(timeline))
    assert_references_resolve(data)
    for n, mention in enumerate(data["mentions"], start=1):
        assert mention["id"] == f"{doc_id}:m{n}"
        assert mention["explanation"].startswith(mention["timex3"]["value"] + " ← ")


@pytest.mark.parametrize(("doc_id", "text", "dct", "expected"), _case_params())
def test_pipeline_edtf_parses(doc_id: str, text: str, dct: str | None, expected: list[str]) -> None:
    data = timeline_to_dict(pipeline_timeline(doc_id, text, dct), created=CREATED)
    assert unparsable_edtf(data) == []


def test_many_documents_in_one_export(validator) -> None:
    results = [
        analyze_text(text, dct=dct, doc_id=doc_id) for doc_id, text, dct, _ in PIPELINE_CASES
    ]
    timeline = build_timeline(results, [MISSING])
    data = timeline_to_dict(timeline, created=CREATED)
    validator.validate(data)
    assert [d["id"] for d in data["documents"]] == [case[0] for case in PIPELINE_CASES]
    assert len(data["mentions"]) == len(timeline.mentions) > len(PIPELINE_CASES)
    assert [e["id"] for e in data["events"]] == [e.id for e in timeline.events]
    assert data["errors"] == [MISSING]
    assert_offsets_hold(data, texts_of(timeline))
    assert_references_resolve(data)


def test_pipeline_chain_is_exported_and_explained() -> None:
    """The README's example: 'Two years later' is 1977, computed from '1975'."""
    result = analyze_text("She moved to Oslo in 1975. Two years later she married.", doc_id="oslo")
    data = timeline_to_dict(build_timeline([result]), created=CREATED)
    mentions = {m["text"]: m for m in data["mentions"]}
    moved, later = mentions["1975"], mentions["Two years later"]
    assert later["timex3"]["value"] == "1977"
    assert later["anchor"] == {"kind": "mention", "mention_id": moved["id"], "offset": "+P2Y"}
    assert later["chain"] == [moved["id"]]
    assert later["explanation"] == '1977 ← "Two years later" (+2 years) ← "1975" (as stated)'
    assert data["documents"][0]["dct"] == {"value": None, "source": "none", "evidence": None}


def test_pipeline_since_runs_to_the_document_date() -> None:
    """The README's contract: the signal is outside the extent and ends the bounds at the DCT."""
    text = "He has worked there since 2009."
    data = timeline_to_dict(pipeline_timeline("job", text, "2023-07-15"), created=CREATED)
    (mention,) = data["mentions"]
    assert (mention["text"], mention["timex3"]["value"]) == ("2009", "2009")
    assert mention["signal"]["text"] == "since"
    assert mention["signal"]["char_start"] == text.index("since")
    assert mention["edtf"] == "2009/2023-07-15"
    assert mention["bounds"]["earliest_start"] == "2009-01-01"
    assert mention["bounds"]["latest_end"] == "2023-07-15"
    assert data["documents"][0]["dct"]["value"] == "2023-07-15"
    assert data["documents"][0]["dct"]["source"] == "cli"


def test_pipeline_unresolved_time_says_why() -> None:
    timeline = pipeline_timeline("vote", "The vote was on Saturday.", None)
    data = timeline_to_dict(timeline, created=CREATED)
    (mention,) = data["mentions"]
    assert mention["timex3"]["value"] == "XXXX-WXX-6"
    assert mention["edtf"] is None
    assert set(mention["bounds"].values()) == {None}
    assert mention["note"] == NO_DCT
    assert mention["explanation"].endswith("document date (unknown)")


# ================================================================ schema


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


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("events"),
        lambda d: d.update(schema_version=2),
        lambda d: d["documents"][0].update(doc_type="letter"),
        lambda d: d["documents"][0]["dct"].update(source="guessed"),
        lambda d: d["documents"][1]["dct"].update(value="2020"),  # with source none
        lambda d: d["mentions"][0]["timex3"].update(type="INTERVAL"),
        lambda d: d["mentions"][0]["anchor"].update(kind="sentence"),
        lambda d: d["mentions"][1]["bounds"].update(earliest_start="2017/01/01"),
        lambda d: d["mentions"][1]["bounds"].update(latest_end="15 July 2023"),
        lambda d: d["mentions"][1].pop("rule"),
        lambda d: d["mentions"][1].update(char_start=-1),
        lambda d: d["events"][0]["time"].pop("bounds"),
        lambda d: d["events"][0]["sources"][0].pop("quote"),
        lambda d: d["contradictions"][0].pop("claims"),
    ],
)
def test_schema_rejects_broken_exports(data: dict, validator, change) -> None:
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
    edited["mentions"][0]["bounds"].update(
        earliest_start="-0043-03-15",
        latest_start="+12000-01-01",
        earliest_end="2023-07-15T09:30:00",
        latest_end=None,
    )
    validator.validate(edited)


# ================================================================ plumbing (hand-made timeline)


def test_top_level_keys_in_contract_order(data: dict) -> None:
    assert list(data) == [
        "schema_version",
        "generator",
        "created",
        "documents",
        "mentions",
        "entities",
        "events",
        "contradictions",
        "errors",
    ]
    assert data["schema_version"] == 1
    assert data["generator"] == {"name": "chrono", "version": chrono.__version__}
    assert data["created"] == CREATED
    assert data["errors"] == [MISSING]


def test_created_defaults_to_utc_now_in_seconds() -> None:
    created = timeline_to_dict(empty_timeline())["created"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created)


def test_fixture_offsets_and_references(data: dict) -> None:
    assert_offsets_hold(data, texts_of(export_timeline()))
    assert_references_resolve(data)


def test_document_dict(data: dict) -> None:
    council = by_id(data["documents"])["council"]
    assert council == {
        "id": "council",
        "path": "news/council.txt",
        "title": "Council votes",
        "doc_type": "news",
        "doc_type_reason": "has a publication date",
        "dct": {"value": "2023-07-15", "source": "metadata", "evidence": COUNCIL_DCT_EVIDENCE},
        "char_count": len(COUNCIL_TEXT),
        "sha256": hashlib.sha256(COUNCIL_TEXT.encode()).hexdigest(),
    }
    assert by_id(data["documents"])["bio"]["dct"] == {
        "value": None,
        "source": "none",
        "evidence": None,
    }


def test_year_only_dct_value_is_timeml() -> None:
    b = TimelineBuilder()
    evidence = "since 2006, 15 years"
    b.document("d", "text", dct=year(2014), dct_source=DctSource.INFERRED, dct_evidence=evidence)
    dct = timeline_to_dict(b.build(), created=CREATED)["documents"][0]["dct"]
    assert dct == {"value": "2014", "source": "inferred", "evidence": evidence}


def test_mention_keys_in_contract_order(data: dict) -> None:
    assert list(by_id(data["mentions"])["bio:m1"]) == [
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


def test_how_fields_are_written(data: dict) -> None:
    m = by_id(data["mentions"])["bio:m1"]
    assert m["timex3"] == {"type": "DATE", "value": "2004", "mod": None}  # no quant/freq keys
    assert m["bounds"] == {
        "earliest_start": "2004-01-01",
        "latest_start": "2004-12-31",
        "earliest_end": "2004-01-01",
        "latest_end": "2004-12-31",
    }
    assert m["anchor"] == {"kind": "none", "mention_id": None, "offset": None}
    assert (m["granularity"], m["kind"], m["signal"], m["chain"]) == ("year", "point", None, [])
    assert m["note"] is None  # "" in the Resolution


def test_explanations_use_each_documents_own_date(data: dict) -> None:
    mentions = by_id(data["mentions"])
    assert mentions["council:m3"]["explanation"] == (
        '2023-07-10 ← "Monday" (-5 days) ← document date 2023-07-15 (metadata)'
    )
    assert mentions["bio:m4"]["explanation"] == (
        'XXXX-WXX-6 ← "Saturday" ← document date (unknown)'
    )
    assert mentions["bio:m2"]["explanation"] == (
        '2009 ← "Five years later" (+5 years) ← "2004" (as stated)'
    )


def test_set_keeps_its_quantifier(data: dict) -> None:
    every = by_id(data["mentions"])["council:m1"]
    assert every["timex3"] == {"type": "SET", "value": "P6M", "mod": None, "quant": "EVERY"}
    assert every["kind"] == "set"
    assert every["granularity"] is None


def test_signal_dict(data: dict) -> None:
    start = COUNCIL_TEXT.index("since")
    assert by_id(data["mentions"])["council:m2"]["signal"] == {
        "text": "since",
        "char_start": start,
        "char_end": start + 5,
        "relation": "since",
    }


def test_bc_bounds_are_astronomical(data: dict) -> None:
    bounds = by_id(data["mentions"])["council:m5"]["bounds"]
    assert (bounds["earliest_start"], bounds["latest_end"]) == ("-0043-03-15", "-0043-03-15")


def test_bounds_with_time_of_day() -> None:
    b = TimelineBuilder()
    b.document("d", "Polls closed at 09:30 on 15 July 2023.")
    cv = CalendarValue(G.MINUTE, 2023, 7, 15, hour=9, minute=30)
    b.mention("d", "09:30 on 15 July 2023", cv)
    bounds = timeline_to_dict(b.build(), created=CREATED)["mentions"][0]["bounds"]
    assert bounds == {
        "earliest_start": "2023-07-15T09:30:00",
        "latest_start": "2023-07-15T09:30:59",
        "earliest_end": "2023-07-15T09:30:00",
        "latest_end": "2023-07-15T09:30:59",
    }


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
        "participants",
        "sources",
        "contradiction_ids",
        "merge_confidence",
    ]
    assert event["doc_ids"] == ["council", "bio"]
    assert event["mention_ids"] == ["council:m4", "bio:m5"]
    assert event["contradiction_ids"] == ["c1"]
    assert event["merge_confidence"] == 0.8
    assert list(event["sources"][0]) == [
        "doc_id",
        "mention_id",
        "quote",
        "char_start",
        "char_end",
        "stated_edtf",
        "trigger",
    ]
    assert [s["stated_edtf"] for s in event["sources"]] == ["1998~", "1999"]
    assert by_id(data["contradictions"])["c1"] == {
        "id": "c1",
        "event_id": "e3",
        "kind": "date",
        "claims": [
            {"doc_id": "council", "mention_id": "council:m4", "edtf": "1998~"},
            {"doc_id": "bio", "mention_id": "bio:m5", "edtf": "1999"},
        ],
        "reason": "council says c. 1998, bio says 1999",
    }


def test_events_keep_the_timeline_order(data: dict) -> None:
    assert [e["id"] for e in data["events"]] == [e.id for e in export_timeline().events]


def test_undated_event_has_null_bounds(data: dict) -> None:
    time = by_id(data["events"])["e7"]["time"]
    assert time["edtf"] is None
    assert set(time["bounds"].values()) == {None}
    assert list(time["bounds"]) == list(BOUNDS_KEYS)


def test_non_finite_confidence_is_refused() -> None:
    timeline = export_timeline()
    broken = replace(timeline, events=(replace(timeline.events[0], merge_confidence=float("nan")),))
    with pytest.raises(ValueError, match="merge_confidence"):
        timeline_to_json(broken, created=CREATED)


# ================================================================ JSON text


def test_json_is_deterministic() -> None:
    first = timeline_to_json(export_timeline(), created=CREATED)
    assert timeline_to_json(export_timeline(), created=CREATED) == first
    assert json.loads(first) == timeline_to_dict(export_timeline(), created=CREATED)


def test_json_keeps_non_ascii_readable() -> None:
    text = timeline_to_json(export_timeline(), created=CREATED)
    assert "Zoë Brandt" in text
    assert "←" in text


def test_json_indent_none_is_one_line() -> None:
    assert "\n" not in timeline_to_json(export_timeline(), created=CREATED, indent=None)


def test_lone_surrogates_still_give_valid_utf8() -> None:
    b = TimelineBuilder()
    b.document("d", "Bad byte \udcff in 2004.", title="bad \udcff title")
    b.mention("d", "2004", year(2004))
    out = timeline_to_json(b.build(), created=CREATED)
    out.encode("utf-8")  # must not raise
    assert json.loads(out)["documents"][0]["title"] == "bad \udcff title"


def test_the_package_exports_match_the_renderers() -> None:
    timeline = export_timeline()
    assert json.loads(chrono.to_json(timeline))["events"] == chrono.to_dict(timeline)["events"]
    assert chrono.to_json is timeline_to_json


# ================================================================ write_json (see test_atomic.py)


def test_write_json_writes_utf8_and_a_final_newline(tmp_path: Path, validator) -> None:
    target = tmp_path / "timeline.json"
    write_json(export_timeline(), target, created=CREATED)
    raw = target.read_bytes()
    assert raw.endswith(b"}\n")
    loaded = json.loads(raw.decode("utf-8"))
    validator.validate(loaded)
    assert loaded == timeline_to_dict(export_timeline(), created=CREATED)
    assert "Zoë".encode() in raw
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]


def test_write_json_accepts_str_path_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    write_json(empty_timeline(), str(target), created=CREATED)
    assert json.loads(target.read_text(encoding="utf-8"))["events"] == []


def test_write_json_makes_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "t.json"
    write_json(empty_timeline(), target, created=CREATED)
    assert json.loads(target.read_text(encoding="utf-8"))["created"] == CREATED


def test_failed_serialization_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "timeline.json"
    target.write_text('{"old": true}', encoding="utf-8")
    calls = {"n": 0}
    real = json_export._mention_dict

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("boom in the middle")
        return real(*args, **kwargs)

    monkeypatch.setattr(json_export, "_mention_dict", flaky)
    with pytest.raises(RuntimeError, match="boom"):
        write_json(export_timeline(), target, created=CREATED)
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]
