"""The formats other tools read: TimelineJS 3 JSON, CSV, EDTF on every event, and
`write_format` (what `chrono timeline --format` pipes out)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import edtf
import jsonschema
import pytest
from timeline_fixtures import (
    IMG,
    SCRIPT,
    TimelineBuilder,
    at,
    day,
    empty_timeline,
    export_timeline,
    interval,
    month,
    sample_timeline,
    year,
)

from chrono.errors import UsageError
from chrono.render import FORMATS, write_format
from chrono.render.csv_export import (
    COLUMNS,
    escape_cell,
    timeline_to_csv,
    unescape_cell,
    write_csv_file,
)
from chrono.render.json_export import timeline_to_json
from chrono.render.timelinejs import (
    date_object,
    stated,
    timelinejs_dict,
    timelinejs_json,
    timelinejs_year,
    write_timelinejs,
)
from chrono.run.pipeline import analyze_text, build_timeline, reconstruct
from chrono.times import gregorian as g
from chrono.types import CalendarValue, Granularity, Timeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# ---------------------------------------------------------------- TimelineJS

# The TimelineJS 3 JSON format (timeline.knightlab.com/docs/json-format.html) as a schema:
# a date object needs `year`; a slide needs `start_date` (the title slide does not).
_INT = {"type": "integer"}
DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": _INT,
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer", "minimum": 0, "maximum": 999},
        "display_date": {"type": "string"},
        "format": {"type": "string"},
    },
    # TimelineJS reads a time only with its date
    "dependentRequired": {"hour": ["day"], "day": ["month"], "minute": ["hour"]},
}
TEXT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
SLIDE_PROPERTIES = {
    "start_date": DATE,
    "end_date": DATE,
    "text": TEXT,
    "media": {"type": "object", "required": ["url"]},
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {"type": "object"},
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
}
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "object", "additionalProperties": False, "properties": SLIDE_PROPERTIES},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "additionalProperties": False,
                "properties": SLIDE_PROPERTIES,
            },
        },
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


def validate_timelinejs(data: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(TIMELINEJS_SCHEMA)
    jsonschema.validate(data, TIMELINEJS_SCHEMA, cls=jsonschema.Draft202012Validator)
    ids = [e["unique_id"] for e in data["events"]] + [data["title"]["unique_id"]]
    assert len(ids) == len(set(ids)), "unique_id must be unique"
    for slide in data["events"]:
        if "end_date" in slide:
            assert _key(slide["end_date"]) >= _key(slide["start_date"]), slide


def _key(date: dict) -> tuple[int, ...]:
    return tuple(date.get(k, 0) for k in ("year", "month", "day", "hour", "minute", "second"))


@pytest.mark.parametrize("make", [export_timeline, sample_timeline, empty_timeline])
def test_timelinejs_follows_the_format(make) -> None:
    data = json.loads(timelinejs_json(make()))
    validate_timelinejs(data)


def test_timelinejs_events() -> None:
    data = timelinejs_dict(export_timeline())
    slides = {s["unique_id"]: s for s in data["events"]}
    assert list(slides) == ["e4", "e3", "e5", "e6", "e1", "e2"]  # dated events, in time order
    caesar = slides["e4"]
    assert caesar["start_date"] == {"year": -44, "month": 3, "day": 15}  # 44 BC, as TimelineJS
    assert caesar["display_date"] == "15 Mar 44 BC"
    library = slides["e3"]
    assert library["start_date"] == {"year": 1998}  # c. 1998: the stated year, not its band
    assert library["display_date"] == "c. 1998"
    assert library["text"]["headline"] == "⚠ the library opened"
    text = library["text"]["text"]
    assert "Sources disagree: council says c. 1998, bio says 1999" in text
    assert "<blockquote>“which opened in about 1998”</blockquote>" in text
    assert "— Council votes (council), as written: “about 1998”" in text
    assert "— bio, as written: “1999”" in text  # every source of the merged event
    met = slides["e1"]  # since 2017, up to the document date
    assert (met["start_date"], met["end_date"]) == ({"year": 2017}, {"year": 2023})
    assert slides["e2"]["start_date"] == {"year": 2023, "month": 7, "day": 10}
    assert {s["group"] for s in data["events"]} == {"Council votes", "bio"}
    assert all(s["autolink"] is False for s in data["events"])
    assert data["scale"] == "human"


def test_timelinejs_title_slide_counts_what_it_cannot_place() -> None:
    title = timelinejs_dict(export_timeline(), title="Zoë's <year>")["title"]
    assert "start_date" not in title
    assert title["text"]["headline"] == "Zoë&#x27;s &lt;year&gt;"
    assert title["text"]["text"] == (
        "<p>2 documents, 7 events</p>"
        "<p>1 undated event not shown (TimelineJS needs a start date)</p>"
    )


def test_timelinejs_groups_by_subject() -> None:
    b = TimelineBuilder()
    b.document("d", "Ada left in 1990. It rained in 1991.")
    b.event(b.mention("d", "1990", year(1990)), "Ada left", subject="Ada")
    b.event(b.mention("d", "1991", year(1991)), "It rained")
    data = timelinejs_dict(b.build(), lanes="subject")
    assert [s["group"] for s in data["events"]] == ["Ada", "other"]
    with pytest.raises(UsageError):
        timelinejs_dict(b.build(), lanes="nope")


def test_timelinejs_escapes_document_text() -> None:
    text = timelinejs_json(sample_timeline())
    for hostile in (SCRIPT, IMG, "<img", "<script"):
        assert hostile not in text
    data = json.loads(text)
    said = next(s for s in data["events"] if "mayor" in s["text"]["headline"])
    assert said["text"]["headline"] == "The mayor said &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize(
    ("value", "bounds", "start", "end"),
    [
        (year(1984), None, {"year": 1984}, None),
        (month(1952, 3), None, {"year": 1952, "month": 3}, None),
        (day(2014, 5, 17), None, {"year": 2014, "month": 5, "day": 17}, None),
        (CalendarValue(Granularity.DECADE, year=1980), None, {"year": 1980}, {"year": 1989}),
        (
            CalendarValue(Granularity.SEASON, year=1963, season="SP"),
            None,
            {"year": 1963, "month": 3},
            {"year": 1963, "month": 5},
        ),
        (year(1964), interval(year(1964), year(1970)), {"year": 1964}, {"year": 1970}),
        (year(1985), interval(None, year(1985)), {"year": 1985}, None),  # until 1985
        (year(0), None, {"year": -1}, None),  # 1 BC
    ],
)
def test_timelinejs_dates_at_their_precision(value, bounds, start, end) -> None:
    b = TimelineBuilder()
    b.document("d", "It happened then.")
    b.event(b.mention("d", "then", value, bounds=bounds), "It happened")
    (slide,) = timelinejs_dict(b.build())["events"]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


def test_timelinejs_date_objects() -> None:
    instant = at(2004, 3, 7, 15, 30, 12)
    assert date_object(instant, Granularity.MINUTE) == {
        "year": 2004,
        "month": 3,
        "day": 7,
        "hour": 15,
        "minute": 30,
    }
    assert date_object(instant, Granularity.SECOND)["second"] == 12
    assert date_object(instant, None) == {"year": 2004}
    assert [timelinejs_year(y) for y in (2004, 1, 0, -43)] == [2004, 1, -1, -44]


def test_timelinejs_unique_ids_are_safe_and_distinct() -> None:
    b = TimelineBuilder()
    b.document("d", "In 1990 and 1991.")
    first = b.event(b.mention("d", "1990", year(1990)), "a")
    second = b.event(b.mention("d", "1991", year(1991)), "b")
    timeline = b.build()
    events = (replace(first, id="doc:e1"), replace(second, id="doc e1"))
    data = timelinejs_dict(replace(timeline, events=events))
    assert [s["unique_id"] for s in data["events"]] == ["doc-e1", "doc-e1-2"]


def test_timelinejs_far_years_use_the_cosmological_scale() -> None:
    b = TimelineBuilder()
    b.document("d", "Long ago.")
    far = g.seconds(g.days_from_civil(-300_000, 1, 1))
    bounds = replace(interval(year(2000), year(2000)), earliest_start=far, latest_start=far)
    b.event(b.mention("d", "Long ago", year(2000), bounds=bounds), "far")
    data = timelinejs_dict(b.build())
    assert data["scale"] == "cosmological"
    validate_timelinejs(data)


def test_write_timelinejs(tmp_path) -> None:
    target = tmp_path / "out" / "t.json"
    write_timelinejs(export_timeline(), target)
    assert json.loads(target.read_text(encoding="utf-8")) == timelinejs_dict(export_timeline())


# ---------------------------------------------------------------- CSV


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_round_trips_one_row_per_event() -> None:
    timeline = export_timeline()
    rows = read_csv(timeline_to_csv(timeline))
    assert [row["id"] for row in rows] == [e.id for e in timeline.events]
    assert list(rows[0]) == list(COLUMNS)
    library = rows[1]
    assert library == {
        "id": "e3",
        "edtf": "1998~",
        "earliest_start": "1997-01-01",
        "latest_start": "1999-12-31",
        "earliest_end": "1997-01-01",
        "latest_end": "1999-12-31",
        "precision": "year",
        "approximate": "true",
        "display": "c. 1998",
        "headline": "the library opened",
        "subject": "",
        "sources": "council: which opened in about 1998 | bio: The library had opened in 1999.",
        "doc_ids": "council | bio",
        "contradiction_ids": "c1",
    }
    undated = rows[-1]
    assert (undated["edtf"], undated["earliest_start"], undated["precision"]) == ("", "", "day")


def test_csv_guards_against_formulas_and_keeps_the_value() -> None:
    b = TimelineBuilder()
    hostile = ['=HYPERLINK("http://x", "y")', "+1+2", "-3", "@SUM(A1)", "\tx", "plain, with comma"]
    text = " ".join(f"It said {h!s} in {1990 + i}." for i, h in enumerate(hostile))
    b.document("d", text)
    for i, h in enumerate(hostile):
        b.event(b.mention("d", str(1990 + i), year(1990 + i)), h)
    timeline = b.build()
    rows = read_csv(timeline_to_csv(timeline))
    headlines = [row["headline"] for row in rows]
    assert headlines[:5] == ["'" + h for h in hostile[:5]]
    assert headlines[5] == "plain, with comma"
    assert [unescape_cell(h) for h in headlines] == hostile
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_bc_bounds_are_guarded_too() -> None:
    caesar = read_csv(timeline_to_csv(export_timeline()))[0]
    assert caesar["earliest_start"] == "'-0043-03-15"
    assert unescape_cell(caesar["earliest_start"]) == "-0043-03-15"
    assert escape_cell("'=x") == "'=x"  # only a formula start is guarded
    assert unescape_cell("'quoted") == "'quoted"


def test_csv_keeps_quotes_newlines_and_unicode() -> None:
    b = TimelineBuilder()
    b.document("d", 'Zoë said "hi"\nin 2004.')
    b.event(b.mention("d", "2004", year(2004)), 'Zoë said "hi"')
    rows = read_csv(timeline_to_csv(b.build()))
    assert rows[0]["headline"] == 'Zoë said "hi"'
    assert rows[0]["sources"] == 'd: Zoë said "hi" in 2004.'


def test_csv_file(tmp_path) -> None:
    target = tmp_path / "t.csv"
    write_csv_file(export_timeline(), target)
    assert target.read_bytes().decode("utf-8") == timeline_to_csv(export_timeline())
    assert target.read_bytes().count(b"\r\n") == len(export_timeline().events) + 1  # RFC 4180


# ---------------------------------------------------------------- EDTF on a real run

TEXTS = {
    "bio": (
        "Ada was born on 10 December 1815. Five years later the family moved. In the spring "
        "of 1833 she met Babbage. She worked with him from 1842 to 1843. She died in "
        "November 1852."
    ),
    "council": (
        "The council has met every six months since 2017. On Monday it voted to close the "
        "library, which opened in about 1998. In Q3 2019 revenue fell. The bridge was built "
        "in the 1980s and repaired in the mid-2000s."
    ),
    "history": (
        "Caesar was killed on 15 March 44 BC. Rome was founded around 753 BC. The 19th "
        "century brought railways. In the early 1990s the wall fell."
    ),
    "ages": (
        "The 41-year-old actor said he had lived in Oslo until 2015. Last Saturday he flew "
        "home. Three days ago he spoke. He has worked there for roughly a decade now."
    ),
}


@pytest.fixture(scope="module")
def real_timeline() -> Timeline:
    results = [
        analyze_text(text, doc_id=doc_id, dct="2023-07-15") for doc_id, text in TEXTS.items()
    ]
    return build_timeline(results)


def _as_tuple(value: object) -> tuple[int, int, int] | None:
    """An edtf bound as (year, month, day); None when open (the package gives a float)."""
    return None if isinstance(value, float) else tuple(value[:3])  # type: ignore[index]


def test_every_dated_event_has_an_edtf_that_parses_and_agrees(real_timeline) -> None:
    dated = [e for e in real_timeline.events if not e.time.bounds.empty]
    assert len(dated) >= 12
    for event in dated:
        text = event.time.edtf
        assert text, f"{event.id} ({event.time.display}) has no EDTF"
        parsed = edtf.parse_edtf(text)
        low, high = _as_tuple(parsed.lower_fuzzy()), _as_tuple(parsed.upper_fuzzy())
        b = event.time.bounds
        start = b.earliest_start if b.earliest_start is not None else b.latest_start
        end = b.latest_end if b.latest_end is not None else b.earliest_end
        if low is not None and end is not None:
            assert low <= g.split_seconds(end)[:3], (text, event.time.display)
        if high is not None and start is not None:
            assert high >= g.split_seconds(start)[:3], (text, event.time.display)


def test_every_edtf_in_the_json_parses(real_timeline) -> None:
    data = json.loads(timeline_to_json(real_timeline))
    values = [e["time"]["edtf"] for e in data["events"]] + [m["edtf"] for m in data["mentions"]]
    assert values
    for value in filter(None, values):
        edtf.parse_edtf(value)


def test_the_exports_of_a_real_run(real_timeline) -> None:
    validate_timelinejs(timelinejs_dict(real_timeline))
    rows = read_csv(timeline_to_csv(real_timeline))
    assert len(rows) == len(real_timeline.events)
    for row in rows:
        if row["edtf"]:
            edtf.parse_edtf(unescape_cell(row["edtf"]))


# ---------------------------------------------------------------- write_format


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_format(fmt: str) -> None:
    stream = io.StringIO(newline="")
    write_format(export_timeline(), fmt, stream)
    text = stream.getvalue()
    if fmt == "json":
        assert json.loads(text)["schema_version"] == 1
    elif fmt == "csv":
        assert len(read_csv(text)) == 7
    else:
        validate_timelinejs(json.loads(text))
    assert text.endswith("\n")


def test_write_format_lanes_and_unknown_format() -> None:
    stream = io.StringIO()
    write_format(export_timeline(), "timelinejs", stream, lanes="subject")
    assert {s["group"] for s in json.loads(stream.getvalue())["events"]} == {"other"}
    with pytest.raises(UsageError, match="json, csv, timelinejs"):
        write_format(export_timeline(), "xml", io.StringIO())


def test_an_instant_is_written_no_finer_than_its_bounds_agree() -> None:
    g_ = Granularity
    assert stated(g_.DAY, at(2012, 1, 7), at(2017, 12, 30)) is g_.YEAR  # a Saturday, c. 2014
    assert stated(g_.DAY, at(2014, 5, 3), at(2014, 5, 28)) is g_.MONTH
    assert stated(g_.DAY, at(2014, 5, 17), at(2014, 5, 17)) is g_.DAY
    assert stated(g_.MONTH, at(2009, 3, 1), at(2009, 3, 31)) is g_.MONTH
    assert stated(g_.YEAR, at(2009, 1, 1), at(2009, 12, 31)) is g_.YEAR


def test_a_weekday_of_an_inferred_year_is_a_year_in_timelinejs() -> None:
    # The demo's "Saturday" in a document dated c. 2014 from its text: no day is stated.
    data = timelinejs_dict(reconstruct(str(SEEDS)))
    saturday = next(s for s in data["events"] if "Saturday" in s["display_date"])
    assert saturday["start_date"] == {"year": 2014}
