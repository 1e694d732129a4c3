"""The rich table: row order (the timeline's, or by document), limit, cells, width."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console
from timeline_fixtures import TimelineBuilder, empty_timeline, export_timeline, year

from chrono.errors import UsageError
from chrono.render import Lookup, mentions_by_id, shorten
from chrono.render.mentions import build_mentions_table
from chrono.render.table import build_table, render_table, shorten_chain, sorted_events
from chrono.run.pipeline import analyze_text, build_timeline
from chrono.types import Timeline

DATE_ORDER = ["e4", "e3", "e5", "e6", "e1", "e2", "e7"]  # the pipeline's order of the fixture


def rendered(timeline: Timeline, width: int = 100, **options) -> str:
    console = Console(record=True, width=width, color_system=None)
    render_table(timeline, console, **options)
    return console.export_text()


def column(table, name: str) -> list[str]:
    col = next(c for c in table.columns if c.header == name)
    return [str(cell) for cell in col.cells]


def test_date_sort_shows_the_timeline_order() -> None:
    timeline = export_timeline()
    assert [e.id for e in timeline.events] == DATE_ORDER
    assert [e.id for e in sorted_events(timeline)] == DATE_ORDER
    table = build_table(timeline)
    assert column(table, "Date") == [
        "15 Mar 44 BC",
        "c. 1998",
        "2004",
        "2009",
        "since 2017",
        "10 Jul 2023",
        "Saturday (date unknown)",
    ]
    assert table.row_count == 7


def test_date_sort_never_reorders_the_timeline() -> None:
    """The order is the pipeline's to decide: the table keeps whatever order it is given."""
    timeline = export_timeline()
    shuffled = replace(timeline, events=tuple(reversed(timeline.events)))
    assert [e.id for e in sorted_events(shuffled)] == DATE_ORDER[::-1]
    assert column(build_table(shuffled), "Date")[0] == "Saturday (date unknown)"


def test_date_sort_of_a_real_timeline_is_chronological() -> None:
    text = (
        "The bridge opened in 1998. It closed on 3 May 2021. "
        "Repairs began two years before the closure. It was planned in 1990."
    )
    timeline = build_timeline([analyze_text(text, doc_id="bridge")])
    starts = [e.time.bounds.earliest_start for e in sorted_events(timeline)]
    dated = [s for s in starts if s is not None]
    assert len(dated) >= 3
    assert dated == sorted(dated)


def test_sort_by_document_is_reading_order() -> None:
    order = [e.id for e in sorted_events(export_timeline(), "document")]
    assert order == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]


def test_sort_by_document_uses_document_then_text_position() -> None:
    b = TimelineBuilder()
    b.document("first", "It rained in 2010. It snowed in 1990.")
    b.document("second", "It opened in 1980.")
    rain = b.event(b.mention("first", "2010", year(2010)), "rained")
    snow = b.event(b.mention("first", "1990", year(1990)), "snowed")
    opened = b.event(b.mention("second", "1980", year(1980)), "opened")
    timeline = b.build()
    assert [e.id for e in timeline.events] == [opened.id, snow.id, rain.id]  # by date
    assert [e.id for e in sorted_events(timeline, "document")] == [rain.id, snow.id, opened.id]


def test_unknown_sort_and_negative_limit_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="sort"):
        build_table(export_timeline(), sort="headline")
    with pytest.raises(UsageError, match="limit"):
        build_table(export_timeline(), limit=-1)


def test_limit_keeps_the_first_rows_and_says_so() -> None:
    table = build_table(export_timeline(), limit=2)
    assert column(table, "Date") == ["15 Mar 44 BC", "c. 1998"]
    assert "showing 2 of 7 events" in str(table.caption)
    assert build_table(export_timeline(), limit=0).row_count == 0
    assert build_table(export_timeline(), limit=50).row_count == 7


def test_title_counts_and_caption() -> None:
    table = build_table(export_timeline())
    assert str(table.title) == "Timeline: 2 documents, 10 mentions, 7 events"
    caption = str(table.caption)
    assert "1 undated event listed last" in caption
    assert "1 input could not be read: missing.txt: no such file" in caption
    assert "sources disagree" in caption


def test_caption_counts_many_errors() -> None:
    errors = tuple(f"f{i}.txt: no such file" for i in range(5))
    caption = str(build_table(export_timeline(errors)).caption)
    assert "5 inputs could not be read" in caption
    assert "f2.txt" in caption and "f3.txt" not in caption
    assert "and 2 more" in caption


def test_cells() -> None:
    table = build_table(export_timeline())
    assert column(table, "Precision") == ["day", "year", "year", "year", "year", "day", "day"]
    events = column(table, "Event")
    assert events[1] == "⚠ the library opened (2 sources)"
    assert events[2] == "Zoë Brandt was born"
    assert column(table, "Document")[1] == "council, bio"
    how = column(table, "How")
    assert how[3] == '2009 ← "Five years later" (+5 years) ← "2004" (as stated)'
    assert how[5] == '2023-07-10 ← "Monday" (-5 days) ← document date 2023-07-15 (metadata)'
    assert how[6] == 'XXXX-WXX-6 ← "Saturday" ← document date (unknown)'
    assert how[4] == '2017 ← "2017" (as stated)'


def test_contradicted_event_is_red() -> None:
    table = build_table(export_timeline())
    cells = list(next(c for c in table.columns if c.header == "Event").cells)
    cell = cells[1]
    assert any("red" in str(span.style) for span in cell.spans)
    plain = cells[0]
    assert not any("red" in str(span.style) for span in plain.spans)


def test_missing_granularity_shows_a_dash() -> None:
    timeline = export_timeline()
    first = timeline.events[0]
    events = (replace(first, time=replace(first.time, granularity=None)),)
    assert column(build_table(replace(timeline, events=events)), "Precision") == ["—"]


def test_rendered_console_shows_cells() -> None:
    out = rendered(export_timeline(), width=100)
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
    assert out.index("10 Jul 2023") < out.index("Saturday")


@pytest.mark.parametrize("width", [30, 60, 79, 160])
def test_fits_the_terminal_width(width: int) -> None:
    out = rendered(export_timeline(), width=width)
    assert max(len(line) for line in out.splitlines()) <= width


def test_wide_terminal_keeps_rows_on_one_line() -> None:
    out = rendered(export_timeline(), width=200)
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
    table = build_table(export_timeline(), width=width)
    assert [c.header for c in table.columns] == headers
    assert column(table, "Event")[2] == "Zoë Brandt was born"


def test_markup_in_text_is_printed_verbatim() -> None:
    timeline = export_timeline(errors=("[bold]odd[/].txt: no such file",))
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


def test_shorten_chain_puts_a_multiline_quote_on_one_line() -> None:
    assert shorten_chain('1989-10-14 ← "14\nOctober  1989"') == '1989-10-14 ← "14 October 1989"'


def test_how_falls_back_to_the_first_mention_without_sources() -> None:
    timeline = export_timeline()
    moved = next(e for e in timeline.events if e.id == "e6")
    events = (replace(moved, sources=()),)
    how = column(build_table(replace(timeline, events=events)), "How")
    assert how == ['2009 ← "Five years later" (+5 years) ← "2004" (as stated)']
    unknown = (replace(moved, sources=(), mention_ids=("bio:m99",)),)
    assert column(build_table(replace(timeline, events=unknown)), "How") == [""]


# ---------------------------------------------------------------- helpers shared by renderers


def test_shorten() -> None:
    assert shorten("a  b\n c", 10) == "a b c"
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("abcdefg", 6) == "abcde…"
    assert shorten("abc   defg", 5) == "abc…"  # no space before the ellipsis
    assert shorten("abc", 1) == "…"
    with pytest.raises(ValueError, match="limit"):
        shorten("abc", 0)


def test_lookup_explains_with_the_mentions_own_document_date() -> None:
    timeline = export_timeline()
    lookup = Lookup.of(timeline)
    assert lookup.mentions == mentions_by_id(timeline)
    assert len(lookup.mentions) == len(timeline.mentions) == 10
    monday, saturday = lookup.mentions["council:m3"], lookup.mentions["bio:m4"]
    assert lookup.dct_of(monday) is timeline.documents[0].document.dct
    assert lookup.dct_of(saturday) is None
    assert lookup.explain(monday).endswith("document date 2023-07-15 (metadata)")
    assert lookup.explain(saturday).endswith("document date (unknown)")
    one = Lookup.of_document(timeline.documents[1])
    assert set(one.mentions) == {f"bio:m{n}" for n in range(1, 6)}
    assert one.explain(lookup.mentions["bio:m2"]) == lookup.explain(lookup.mentions["bio:m2"])


# ---------------------------------------------------------------- `chrono tag`: one document


def test_mentions_table_explains_each_mention() -> None:
    result = analyze_text("She moved in 1975. Two years later she married.", dct="2023-07-15")
    table = build_mentions_table(result)
    assert str(table.title) == "text: 2 time expressions"
    assert str(table.caption).startswith("document date 2023-07-15 (cli); read as ")
    assert column(table, "Text") == ["1975", "Two years later"]
    assert column(table, "How") == [
        '1975 ← "1975" (as stated)',
        '1977 ← "Two years later" (+2 years) ← "1975" (as stated)',
    ]


def test_mentions_table_without_a_document_date() -> None:
    table = build_mentions_table(analyze_text("The vote was on Saturday."))
    assert str(table.caption).startswith("document date (unknown); ")
    assert column(table, "How") == ['XXXX-WXX-6 ← "Saturday" ← document date (unknown)']


def test_the_caption_says_how_an_undated_document_was_dated() -> None:
    from chrono.render.table import build_table
    from chrono.run.pipeline import build_timeline

    text = (
        "She has campaigned for 12 years now, ever since she began in 2009. Last winter she spoke."
    )
    from chrono.run.pipeline import analyze_text

    timeline = build_timeline([analyze_text(text, doc_id="bio")])
    caption = str(build_table(timeline).caption)
    assert "bio dated c. 2021 from its text" in caption
