"""The HTML timeline: marks from bounds, hover text, escaping, page modes, writing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from timeline_fixtures import (
    IMG,
    SCRIPT,
    TimelineBuilder,
    at,
    day,
    interval,
    sample_timeline,
    span,
    year,
)

from chrono.errors import UsageError
from chrono.render import html as render
from chrono.render.html import build_figure, plan_timeline, render_html, write_html
from chrono.types import Anchor, AnchorKind, Bounds

MS_PER_DAY = 86_400_000


@pytest.fixture(scope="module")
def timeline():
    return sample_timeline()


@pytest.fixture(scope="module")
def figure(timeline):
    return build_figure(timeline)


@pytest.fixture(scope="module")
def page(timeline):
    return render_html(timeline, plotlyjs="cdn")


def trace(fig, name):
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, f"no single trace named {name!r}: {[t.name for t in fig.data]}"
    return matches[0]


def hover_of(fig, headline_fragment):
    """The hover text of the one plotted event whose headline contains the fragment."""
    found = [
        c[0]
        for t in fig.data
        if t.customdata is not None
        for c in t.customdata
        if headline_fragment in c[0].split("<br>")[0]
    ]
    assert len(found) == 1, found
    return found[0]


def iso(instant):
    return render.g.iso_instant(instant, instant % 86_400 != 0)


# ---------------------------------------------------------------- lanes and rows


def test_one_lane_per_document_labelled_by_short_title_or_id(timeline):
    plan = plan_timeline(timeline)
    assert [lane.doc_id for lane in plan.lanes] == ["bio", "news", "notes"]
    bio, news, notes = plan.lanes
    assert bio.label.startswith("A short biography") and bio.label.endswith("…")
    assert len(bio.label) == render.LANE_LABEL_CHARS
    assert (news.label, notes.label) == ("news", "notes")


def test_overlapping_events_get_their_own_rows_in_the_lane(timeline):
    plan = plan_timeline(timeline)
    rows = {m.event.id: m.row for m in plan.marks}
    # e1 (10 Dec 1815) lies inside e2 (1815): two rows of the bio lane.
    assert rows["e1"] != rows["e2"]
    assert plan.lanes[0].rows == 2
    # news events do not overlap: one row, below the bio lane.
    assert rows["e6"] == rows["e7"] == rows["e8"] == plan.lanes[1].first_row == 2


def test_a_merged_event_sits_in_the_lane_of_its_first_document(timeline):
    plan = plan_timeline(timeline)
    bridge = next(m for m in plan.marks if m.event.id == "e8")
    assert plan.lanes[bridge.lane].doc_id == "news"
    assert plan.lanes[2].rows == 1  # notes: an empty lane, still shown


def test_same_titles_are_told_apart_by_id():
    b = TimelineBuilder()
    for doc_id in ("a", "b"):
        b.document(doc_id, "In 2004.", title="Report")
    labels = [lane.label for lane in plan_timeline(b.build()).lanes]
    assert labels == ["Report (a)", "Report (b)"]


def test_height_grows_with_rows():
    def timeline_with(n):
        b = TimelineBuilder()
        for i in range(n):
            b.document(f"d{i}", "In 2004.")
            b.event(b.mention(f"d{i}", "2004", year(2004)), "x")
        return b.build()

    heights = [build_figure(timeline_with(n)).layout.height for n in (1, 10, 40)]
    assert heights[0] < heights[1] < heights[2]
    assert heights[0] >= 400  # readable even with one lane


# ---------------------------------------------------------------- marks


def test_traces_and_point_counts(figure):
    counts = {t.name: len(t.y) for t in figure.data}
    assert counts == {
        "uncertainty (earliest – latest)": 8,  # e1 e2 e6 e7 e8 one each, e3 two, e4 one
        "interval (start – end)": 1,  # e3
        "open-ended interval": 1,  # e4
        "date": 3,  # e1 e2 e6
        "approximate date": 1,  # e7
        "contradicted": 1,  # e8
    }


def test_year_point_is_a_marker_at_mid_year_over_a_band_for_the_year(figure, timeline):
    plan = plan_timeline(timeline)
    mark = next(m for m in plan.marks if m.event.id == "e6")  # 2004
    assert mark.kind == "point"
    assert iso(mark.marker) == "2004-07-02"  # 366 days / 2 after 1 Jan
    dates = trace(figure, "date")
    assert "2004-07-02" in dates.x
    bands = trace(figure, "uncertainty (earliest – latest)")
    i = list(bands.base).index("2004-01-01")
    assert bands.x[i] == 366 * MS_PER_DAY
    assert bands.y[i] == mark.row


def test_interval_is_a_bar_from_start_estimate_to_end_estimate(figure):
    bar = trace(figure, "interval (start – end)")
    start = (at(1833) + at(1834)) // 2  # middle of the start year
    end = (at(1852, 11, 27) + at(1852, 11, 28)) // 2  # middle of the end day (the DCT)
    assert bar.orientation == "h"
    assert bar.base == ("1833-07-02T12:00:00",)
    assert bar.x == ((end - start) * 1000,)
    assert bar.opacity == 1
    bands = trace(figure, "uncertainty (earliest – latest)")
    spans = set(zip(bands.base, bands.x, strict=True))
    assert ("1833-01-01", 365 * MS_PER_DAY) in spans  # start uncertainty
    assert ("1852-11-27", MS_PER_DAY) in spans  # end uncertainty


def test_open_interval_runs_to_the_right_edge_faded(figure, timeline):
    plan = plan_timeline(timeline)
    bar = trace(figure, "open-ended interval")
    start = (at(1840) + at(1841)) // 2
    assert bar.base == (iso(start),)
    assert bar.x == ((plan.x_range[1] - start) * 1000,)
    assert plan.x_range[1] > at(2012)  # past the last closed mark (c. 2010 ends in 2011)
    assert bar.opacity < 1
    assert figure.layout.xaxis.range[1] == iso(plan.x_range[1])


def test_undated_events_are_left_out_and_counted(figure, timeline):
    plan = plan_timeline(timeline)
    assert plan.undated == 1
    assert "e5" not in {m.event.id for m in plan.marks}
    assert "1 undated event not shown" in figure.layout.title.text
    assert all(
        "she rested" not in c[0]
        for t in figure.data
        if t.customdata is not None
        for c in t.customdata
    )


def test_approximate_is_hollow_and_contradicted_is_red(figure):
    assert trace(figure, "approximate date").marker.symbol == ("circle-open",)
    assert trace(figure, "date").marker.symbol == ("circle",) * 3
    assert trace(figure, "contradicted").marker.color == render.RED
    assert trace(figure, "date").marker.color != render.RED


def test_contradicted_and_approximate_intervals_are_marked_on_the_bar():
    b = TimelineBuilder()
    b.document("d", "From 1990 to 1995. Roughly from 2000 to 2005.")
    first = b.mention("d", "From 1990 to 1995", year(1990), bounds=interval(year(1990), year(1995)))
    second = b.mention(
        "d",
        "Roughly from 2000 to 2005",
        year(2000),
        bounds=interval(year(2000), year(2005)),
        approximate=True,
    )
    b.event(first, "fought", contradiction_ids=("c1",))
    b.event(second, "built")
    bar = trace(build_figure(b.build()), "interval (start – end)")
    assert bar.marker.color == (render.RED, render.BLUE)
    assert bar.marker.pattern.shape == ("", "/")


def test_half_open_points_reach_the_data_edge():
    b = TimelineBuilder()
    b.document("d", "After 1990 it changed. Before 1980 it was built. In 1985 it opened.")
    after = Bounds(at(1990), None, at(1990), None)
    before = Bounds(None, at(1980) - 1, None, at(1980) - 1)
    b.event(b.mention("d", "After 1990", year(1990), mod="AFTER", bounds=after), "changed")
    b.event(b.mention("d", "Before 1980", year(1980), mod="BEFORE", bounds=before), "built")
    b.event(b.mention("d", "1985", year(1985)), "opened")
    plan = plan_timeline(b.build())
    left, right = plan.x_range
    marks = {m.event.headline: m for m in plan.marks}
    assert [(band.start, band.end, band.open) for band in marks["changed"].bands] == [
        (at(1990), right, True)
    ]
    assert [(band.start, band.end, band.open) for band in marks["built"].bands] == [
        (left, at(1980), True)
    ]
    assert marks["changed"].marker == at(1990) and marks["built"].marker == at(1980)


def test_years_outside_plotly_range_are_counted_and_bc_years_are_plotted():
    b = TimelineBuilder()
    b.document("d", "In 480 BC. In the year 12000.")
    bc = b.mention("d", "480 BC", year(-479))
    far = b.mention("d", "12000", year(12000))
    b.event(bc, "battle")
    b.event(far, "future")
    fig = build_figure(b.build())
    plan = plan_timeline(b.build())
    assert [m.event.headline for m in plan.marks] == ["battle"]
    assert plan.out_of_range == 1
    assert trace(fig, "date").x == ("-0479-07-02T12:00:00",)  # 480 BC: 365 days, noon
    assert "1 event outside years -9999–9999 not shown" in fig.layout.title.text
    assert "astronomical" in fig.layout.title.text


def test_empty_timeline_renders_with_a_note():
    fig = build_figure(TimelineBuilder().build())
    assert fig.data == ()
    assert fig.layout.annotations[0].text == "no dated events"
    assert "<html" in render_html(TimelineBuilder().build(), plotlyjs="cdn")


# ---------------------------------------------------------------- hover


def test_hover_has_headline_date_precision_quote_document_and_chain(figure):
    text = hover_of(figure, "the family split")
    assert text.startswith("<b>the family split</b><br>1815 · precision: year")
    assert "“That year the family split.”" in text
    assert "<br>— A short biography of Ada Lovelace and her work on the Analy… (bio)<br>" in text
    chain = "anchor chain: 1815 ← &#34;That year&#34; (same year) ← &#34;10 December 1815&#34;"
    assert chain in text
    born = hover_of(figure, "Ada Lovelace born")
    assert "read as: 1815-12-10 ← &#34;10 December 1815&#34;" in born  # explicit: no anchor


def test_hover_chain_ends_at_the_document_date(figure):
    text = hover_of(figure, "worked on engines")
    assert "1833 – 27 Nov 1852 (19 years) · precision: year" in text
    chain = (
        "anchor chain: P19Y ← &#34;nineteen years&#34; (-19 years) ← "
        "document date 1852-11-27 (metadata)"
    )
    assert chain in text.replace("<br>", " ")  # long lines are wrapped


def test_hover_escapes_document_text(figure):
    said = hover_of(figure, "The mayor said")
    assert "The mayor said &lt;script&gt;alert(1)&lt;/script&gt;" in said.split("<br>")[0]
    assert "“The mayor said &lt;script&gt;alert(1)&lt;/script&gt; in 2004.”" in said
    assert SCRIPT not in said
    rough = hover_of(figure, "roughly 2010")
    assert "Then &#34;&gt;&lt;img src=x onerror=alert(1)&gt; it&#x27;s roughly 2010 now." in rough
    assert "<img" not in rough
    assert "c. 2010 · precision: year · approximate" in rough


def test_hover_lists_every_source_and_the_contradiction(figure):
    text = hover_of(figure, "The bridge opened")
    assert "contradiction: 1998 in news, 1999 in notes" in text
    assert "“The bridge opened in 1998.”</i><br>— news<br>" in text
    assert "“The bridge opened in 1999.”</i><br>— notes<br>" in text


def test_long_quotes_are_wrapped_and_cut():
    b = TimelineBuilder()
    text = "In 2004 " + " ".join(["word"] * 200) + "."
    b.document("d", text)
    b.event(b.mention("d", "2004", year(2004)), "long")
    hover = trace(build_figure(b.build()), "date").customdata[0][0]
    quote = hover.split("“")[1].split("”")[0]
    lines = quote.split("<br>")
    assert len(lines) > 3
    assert all(len(line) <= render.WRAP_CHARS for line in lines)
    assert quote.endswith("…")
    assert len(quote.replace("<br>", " ")) <= render.QUOTE_CHARS


# ---------------------------------------------------------------- page


def test_injection_strings_never_reach_the_page_unescaped(timeline):
    title = "<b>my</b> timeline"
    for mode in ("cdn", "inline"):
        html_page = render_html(timeline, plotlyjs=mode, title=title)
        for hostile in (SCRIPT, IMG, "<img", "<script>alert", "<b>my</b>"):
            assert hostile not in html_page, (mode, hostile)
        # Plotly's JSON writes "/" as \u002f inside the page's script
        assert "said &lt;script&gt;alert(1)&lt;\\u002fscript&gt;" in html_page
        assert "<title>&lt;b&gt;my&lt;/b&gt; timeline</title>" in html_page


def test_inline_page_is_self_contained_and_cdn_page_is_not(timeline, page):
    from plotly.offline import get_plotlyjs

    inline = render_html(timeline)
    bundle_start = get_plotlyjs()[:500]
    assert bundle_start in inline
    assert 'src="https://cdn.plot.ly' not in inline
    assert bundle_start not in page
    assert 'src="https://cdn.plot.ly/' in page
    assert len(page) < len(inline) / 10


def test_page_is_deterministic_with_a_fixed_div_id(timeline, page):
    assert render_html(timeline, plotlyjs="cdn") == page
    assert f'id="{render.DIV_ID}"' in page


def test_page_has_range_slider_zoom_buttons_and_responsive_config(figure, page):
    xaxis = figure.layout.xaxis
    assert xaxis.type == "date"
    assert xaxis.rangeslider.visible is True
    assert [button.label for button in xaxis.rangeselector.buttons] == ["1y", "10y", "all"]
    assert '"responsive": true' in page
    assert "<title>chrono timeline</title>" in page


def test_unknown_plotlyjs_mode_is_a_usage_error(timeline):
    with pytest.raises(UsageError, match="inline, cdn, directory"):
        render_html(timeline, plotlyjs="local")


def test_importing_the_renderer_does_not_import_plotly():
    code = "import sys, chrono.render.html; print('plotly' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------- writing


def test_write_html_replaces_the_page_and_leaves_no_temp_files(tmp_path, timeline):
    target = tmp_path / "timeline.html"
    target.write_text("old", encoding="utf-8")
    write_html(timeline, target, plotlyjs="cdn")
    assert target.read_text(encoding="utf-8") == render_html(timeline, plotlyjs="cdn")
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


def test_write_html_makes_the_folder(tmp_path, timeline):
    target = tmp_path / "reports" / "deeper" / "timeline.html"
    write_html(timeline, str(target), plotlyjs="cdn")
    assert target.read_text(encoding="utf-8") == render_html(timeline, plotlyjs="cdn")


def test_a_failed_render_leaves_the_old_page(tmp_path, timeline):
    target = tmp_path / "timeline.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UsageError):
        write_html(timeline, target, plotlyjs="local")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


def test_directory_mode_puts_plotly_js_next_to_the_page(tmp_path, timeline, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tmp_path)  # the bundle must go beside the page, not in the cwd
    write_html(timeline, out / "timeline.html", plotlyjs="directory")
    assert sorted(p.name for p in out.iterdir()) == ["plotly.min.js", "timeline.html"]
    assert not (tmp_path / "plotly.min.js").exists()
    assert 'src="plotly.min.js"' in (out / "timeline.html").read_text(encoding="utf-8")
    bundle = (out / "plotly.min.js").stat().st_mtime_ns
    write_html(timeline, out / "timeline.html", plotlyjs="directory")
    assert (out / "plotly.min.js").stat().st_mtime_ns == bundle  # already there: kept


def test_directory_mode_replaces_a_stale_plotly_js(tmp_path, timeline):
    from plotly.offline import get_plotlyjs

    (tmp_path / "plotly.min.js").write_text("/* an old plotly */", encoding="utf-8")
    write_html(timeline, tmp_path / "timeline.html", plotlyjs="directory")
    assert (tmp_path / "plotly.min.js").read_text(encoding="utf-8") == get_plotlyjs()


def test_fixture_builder_keeps_offsets_true():
    b = TimelineBuilder()
    b.document("d", "It rained in 2004. It rained again in 2004.", dct=day(2005, 1, 1))
    second = b.mention(
        "d", "2004", year(2004), occurrence=1, anchor=Anchor(AnchorKind.DCT, None, "-P1Y")
    )
    event = b.event(second, "rained again")
    timeline = b.build()
    text = timeline.documents[0].document.text
    assert second.id == "d:m1"
    assert text[second.start : second.end] == "2004" and second.start > 20
    source = event.sources[0]
    assert text[source.start : source.end] == source.quote == "It rained again in 2004."
    assert second.resolution.bounds == Bounds(*span(year(2004)) * 2)
    assert span(day(2004, 2, 29))[1] - span(day(2004, 2, 29))[0] == 86_399
