"""The rich table: row order, undated last, limit, sort by document, cells, width."""

from __future__ import annotations

from dataclasses import replace

import pytest
from export_fixtures import build_timeline, empty_timeline
from rich.console import Console

from chrono.errors import UsageError
from chrono.render.table import build_table, render_table, shorten_chain, sorted_events
from chrono.types import Bounds, Timeline

DATE_ORDER = ["e4", "e3", "e5", "e6", "e1", "e2", "e7"]


def rendered(timeline: Timeline, width: int = 100, **options) -> str:
    console = Console(record=True, width=width, color_system=None)
    render_table(timeline, console, **options)
    return console.export_text()


def column(table, name: str) -> list[str]:
    col = next(c for c in table.columns if c.header == name)
    return [str(cell) for cell in col.cells]


def test_rows_sorted_by_date_undated_last() -> None:
    assert [e.id for e in sorted_events(build_timeline())] == DATE_ORDER
    table = build_table(build_timeline())
    assert column(table, "Date") == [
        "15 Mar 44 BC",
        "c. 1998",
        "2004",
        "2009",
        "since 2017",
        "10 Jul 2023",
        "a Saturday (date unknown)",
    ]
    assert table.row_count == 7


def test_ties_on_start_break_on_latest_start_then_document_order() -> None:
    timeline = build_timeline()
    by_id = {e.id: e for e in timeline.events}
    year = by_id["e5"].time.bounds  # all of 2004
    day = replace(year, latest_start=year.earliest_start)  # 1 Jan 2004 exactly
    events = (
        replace(by_id["e6"], time=replace(by_id["e6"].time, bounds=year)),  # bio, later in text
        replace(by_id["e5"], time=replace(by_id["e5"].time, bounds=year)),  # bio, earlier
        replace(by_id["e1"], time=replace(by_id["e1"].time, bounds=year)),  # council: first doc
        replace(by_id["e2"], time=replace(by_id["e2"].time, bounds=day)),
    )
    order = [e.id for e in sorted_events(replace(timeline, events=events))]
    assert order == ["e2", "e1", "e5", "e6"]


def test_open_start_sorts_by_what_is_known() -> None:
    timeline = build_timeline()
    by_id = {e.id: e for e in timeline.events}
    year_2004 = by_id["e5"].time.bounds
    before_2004 = Bounds(None, year_2004.latest_start, None, year_2004.latest_end)
    before = replace(by_id["e7"], time=replace(by_id["e7"].time, bounds=before_2004))
    events = (before, by_id["e4"], by_id["e6"])
    assert [e.id for e in sorted_events(replace(timeline, events=events))] == ["e4", "e7", "e6"]


def test_sort_by_document_is_reading_order() -> None:
    order = [e.id for e in sorted_events(build_timeline(), "document")]
    assert order == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]


def test_unknown_sort_and_negative_limit_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="sort"):
        build_table(build_timeline(), sort="headline")
    with pytest.raises(UsageError, match="limit"):
        build_table(build_timeline(), limit=-1)


def test_limit_keeps_the_first_rows_and_says_so() -> None:
    table = build_table(build_timeline(), limit=2)
    assert column(table, "Date") == ["15 Mar 44 BC", "c. 1998"]
    assert "showing 2 of 7 events" in str(table.caption)
    assert build_table(build_timeline(), limit=0).row_count == 0
    assert build_table(build_timeline(), limit=50).row_count == 7


def test_title_counts_and_caption() -> None:
    table = build_table(build_timeline())
    assert str(table.title) == "Timeline: 2 documents, 10 mentions, 7 events"
    caption = str(table.caption)
    assert "1 undated event listed last" in caption
    assert "1 input could not be read: missing.txt: no such file" in caption
    assert "sources disagree" in caption


def test_caption_counts_many_errors() -> None:
    errors = tuple(f"f{i}.txt: no such file" for i in range(5))
    caption = str(build_table(build_timeline(errors)).caption)
    assert "5 inputs could not be read" in caption
    assert "f2.txt" in caption and "f3.txt" not in caption
    assert "and 2 more" in caption


def test_cells() -> None:
    table = build_table(build_timeline())
    assert column(table, "Precision") == ["day", "year", "year", "year", "year", "day", "day"]
    events = column(table, "Event")
    assert events[1] == "⚠ the library opened (2 sources)"
    assert events[2] == "Zoë Brandt was born"
    assert column(table, "Document")[1] == "council, bio"
    how = column(table, "How")
    assert how[3] == '2009 ← "Five years later" (+5 years) ← "2004" (as stated)'
    assert how[5] == '2023-07-10 ← "Monday" (-5 days) ← document date 2023-07-15 (metadata)'
    assert how[6] == 'XXXX-WXX-6 ← "Saturday" ← document date (unknown)'


def test_contradicted_event_is_red() -> None:
    table = build_table(build_timeline())
    cells = list(next(c for c in table.columns if c.header == "Event").cells)
    cell = cells[1]
    assert any("red" in str(span.style) for span in cell.spans)
    plain = cells[0]
    assert not any("red" in str(span.style) for span in plain.spans)


def test_missing_granularity_shows_a_dash() -> None:
    timeline = build_timeline()
    first = timeline.events[0]
    events = (replace(first, time=replace(first.time, granularity=None)),)
    assert column(build_table(replace(timeline, events=events)), "Precision") == ["—"]


def test_rendered_console_shows_cells() -> None:
    out = rendered(build_timeline(), width=100)
    for expected in (
        "Timeline: 2 documents, 10 mentions, 7 events",
        "15 Mar 44 BC",
        "c. 1998",
        "since 2017",
        "Zoë Brandt was born",
        "sources)",
        "council, bio",
        "Date",
        "Precision",
        "Event",
        "Document",
        "How",
        "undated event listed last",
    ):
        assert expected in out, expected
    assert max(len(line) for line in out.splitlines()) <= 100
    # Undated row last: the Saturday line comes after the 2023 line.
    assert out.index("10 Jul 2023") < out.index("a Saturday")


@pytest.mark.parametrize("width", [30, 60, 79, 160])
def test_fits_the_terminal_width(width: int) -> None:
    out = rendered(build_timeline(), width=width)
    assert max(len(line) for line in out.splitlines()) <= width


def test_wide_terminal_keeps_rows_on_one_line() -> None:
    out = rendered(build_timeline(), width=200)
    assert "⚠ the library opened (2 sources)" in out
    assert '2009 ← "Five years later" (+5 years) ← "2004" (as stated)' in out


@pytest.mark.parametrize(
    ("width", "headers"),
    [
        (None, ["Date", "Precision", "Event", "Document", "How"]),
        (100, ["Date", "Precision", "Event", "Document", "How"]),
        (70, ["Date", "Event", "Document", "How"]),
        (40, ["Date", "Event", "Document"]),
    ],
)
def test_narrow_terminals_drop_columns(width: int | None, headers: list[str]) -> None:
    table = build_table(build_timeline(), width=width)
    assert [c.header for c in table.columns] == headers
    assert column(table, "Event")[2] == "Zoë Brandt was born"


def test_markup_in_text_is_printed_verbatim() -> None:
    timeline = build_timeline(errors=("[bold]odd[/].txt: no such file",))
    first = timeline.events[0]
    events = (replace(first, headline="Vote on [red]budget[/] item [/x]"),)
    out = rendered(replace(timeline, events=events), width=160)
    assert "Vote on [red]budget[/] item [/x]" in out
    assert "[bold]odd[/].txt" in out


def test_empty_timeline() -> None:
    out = rendered(empty_timeline(), width=80)
    assert "Timeline: 0 documents, 0 mentions, 0 events" in out
    assert "no events found" in out


def test_render_table_defaults_to_stdout(capsys) -> None:
    render_table(empty_timeline())
    assert "0 events" in capsys.readouterr().out


def test_shorten_chain_keeps_head_and_root() -> None:
    chain = " ← ".join(["2019", '"that year"', '"a year later"', '"in 2016"', '"2015"', '"2014"'])
    assert shorten_chain(chain) == '2019 ← "that year" ← … ← "2014"'
    assert shorten_chain('2004 ← "2004"') == '2004 ← "2004"'
    long_quote = '"' + "x" * 80 + '"'
    short = shorten_chain(f"2004 ← {long_quote}")
    assert short.endswith("…") and len(short) < 60
