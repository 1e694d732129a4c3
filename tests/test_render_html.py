"""The HTML timeline: lanes, marks from bounds, axes, hover text, escaping, page modes, writing."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
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
from chrono.render import lanes as lanes_module
from chrono.render.html import build_figure, plan_timeline, render_html, write_html
from chrono.render.html_plan import CONTRADICTIONS, decimal_year
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
        text
        for t in fig.data
        if t.hovertext is not None
        for text in t.hovertext
        if headline_fragment in text.split("<br>")[0]
    ]
    assert len(found) == 1, found
    return found[0]


def iso(instant):
    return render.g.iso_instant(instant, instant % 86_400 != 0)


# ---------------------------------------------------------------- lanes and rows


def test_one_lane_per_document_labelled_by_short_title_or_id(timeline):
    plan = plan_timeline(timeline)
    # "notes" dates nothing of its own (its one claim is in the contradictions lane): no
    # empty lane is drawn, its events are in the page's list
    assert [lane.key for lane in plan.lanes] == [CONTRADICTIONS, "bio", "news"]
    contradictions, bio, news = plan.lanes
    assert contradictions.label == "contradictions"
    assert bio.label.startswith("A short biography") and bio.label.endswith("…")
    assert len(bio.label) == lanes_module.LABEL_CHARS
    assert news.label == "news"


def test_overlapping_events_get_their_own_rows_in_the_lane(timeline):
    plan = plan_timeline(timeline)
    rows = {m.event.id: m.row for m in plan.marks}
    # e1 (10 Dec 1815) lies inside e2 (1815): two rows of the bio lane.
    assert rows["e1"] != rows["e2"]
    assert plan.lanes[1].rows == 2
    # news events do not overlap: one row, below the bio lane.
    assert rows["e6"] == rows["e7"] == rows["e8"] == plan.lanes[2].first_row == 3


def test_a_merged_event_sits_in_the_lane_of_its_first_document(timeline):
    plan = plan_timeline(timeline)
    bridge = next(m for m in plan.marks if m.event.id == "e8")
    assert plan.lanes[bridge.lane].key == "news"
    assert len(plan.lanes) == 3  # notes dates nothing: no empty lane


def test_subject_lanes_in_order_of_first_appearance_and_other_last():
    b = TimelineBuilder()
    b.document("a", "Ada left in 1990. It rained in 1991. ada returned in 1995.")
    b.document("b", "Bob arrived in 1985.")
    b.event(b.mention("a", "1990", year(1990)), "Ada left", subject="Ada")
    b.event(b.mention("a", "1991", year(1991)), "It rained")
    b.event(b.mention("a", "1995", year(1995)), "ada returned", subject="ada")
    b.event(b.mention("b", "1985", year(1985)), "Bob arrived", subject="Bob")
    plan = plan_timeline(b.build(), lanes="subject")
    assert [lane.label for lane in plan.lanes] == ["Bob", "Ada", "other"]
    by_lane = {plan.lanes[m.lane].label: [] for m in plan.marks}
    for mark in plan.marks:
        by_lane[plan.lanes[mark.lane].label].append(mark.event.headline)
    assert by_lane == {
        "Bob": ["Bob arrived"],
        "Ada": ["Ada left", "ada returned"],
        "other": ["It rained"],
    }
    assert plan.lanes[0].first_row == 0 and plan.lanes[1].rows == 1


def test_unknown_lanes_is_a_usage_error(timeline):
    with pytest.raises(UsageError, match="document, subject"):
        plan_timeline(timeline, lanes="author")
    with pytest.raises(UsageError, match="document, subject"):
        render_html(timeline, lanes="author")


def test_same_titles_are_told_apart_by_id():
    b = TimelineBuilder()
    for doc_id in ("a", "b"):
        b.document(doc_id, "In 2004.", title="Report")
    labels = [lane.label for lane in lanes_module.lane_names(b.build())]
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
        "contradiction: the claims": 3,  # c1's two claims, then a gap before the next one
        "contradiction: the days each claim allows": 6,  # each claim's year, then a gap
        "labels": 7,  # every dated event's headline
    }
    assert {t.type for t in figure.data} == {"bar", "scatter"}  # SVG while small


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
    assert "1 undated event listed below the chart" in figure.layout.title.text
    assert all(
        "she rested" not in text
        for t in figure.data
        if t.hovertext is not None
        for text in t.hovertext
    )


def test_approximate_is_hollow_and_contradicted_is_a_red_diamond(figure):
    assert trace(figure, "approximate date").marker.symbol == ("circle-open",)
    assert trace(figure, "date").marker.symbol == ("circle",) * 3
    assert trace(figure, "contradicted").marker.color == render.RED
    assert trace(figure, "contradicted").marker.symbol == ("diamond",)
    assert trace(figure, "date").marker.color != render.RED


def test_contradiction_claims_share_one_row_of_the_contradictions_lane(figure, timeline):
    plan = plan_timeline(timeline)
    (claim_mark,) = plan.claims
    assert claim_mark.row == plan.lanes[0].first_row == 0
    assert [p.written for p in claim_mark.points] == ["1998", "1999"]
    claims = trace(figure, "contradiction: the claims")
    assert claims.marker.color == render.RED and claims.marker.symbol == "x"
    assert claims.line.dash == "dot"  # the claims of one contradiction are joined
    assert claims.x == (iso(claim_mark.points[0].at), iso(claim_mark.points[1].at), None)
    assert claims.y == (0, 0, None)
    hover = claims.hovertext[1]
    assert "contradiction: 1998 in news, 1999 in notes" in hover
    assert "The bridge opened" in hover
    assert "notes says 1999" in hover and "as written: “1999”" in hover


def test_an_age_claim_is_drawn_as_the_birth_it_implies(tmp_path):
    from chrono import reconstruct

    (tmp_path / "profile.txt").write_text(
        "Published: 2020-10-05\n\nKemal Arslan, 64, designed the bridge.", encoding="utf-8"
    )
    (tmp_path / "obituary.txt").write_text(
        "Published: 2023-02-01\n\nKemal Arslan was born in 1950 in Izmir.", encoding="utf-8"
    )
    plan = plan_timeline(reconstruct([tmp_path]))
    (claim_mark,) = plan.claims
    age = next(p for p in claim_mark.points if p.written == "64")
    # born between 6 Oct 1955 and 5 Oct 1956: drawn over those days, not mid-life in 1988
    assert age.band is not None
    assert at(1955, 10, 5) <= age.band.start <= at(1955, 10, 7)
    assert at(1956, 10, 5) <= age.band.end <= at(1956, 10, 7)
    assert age.band.start < age.at < age.band.end
    figure = build_figure(reconstruct([tmp_path]))
    bands = trace(figure, "contradiction: the days each claim allows")
    assert iso(age.band.start) in bands.x


def test_a_contradiction_without_placeable_claims_adds_no_lane():
    b = TimelineBuilder()
    b.document("d", "It opened in 1998.")
    mention = b.mention("d", "1998", year(1998))
    event = b.event(mention, "opened", contradiction_ids=("c1",))
    contradiction = b.contradiction(event, [mention], "odd")
    timeline = b.build()
    broken = replace(
        contradiction, claims=tuple(replace(c, mention_id="d:m99") for c in contradiction.claims)
    )
    plan = plan_timeline(replace(timeline, contradictions=(broken,)))
    assert [lane.key for lane in plan.lanes] == ["d"]
    assert plan.claims == ()


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


def test_bc_and_far_future_years_use_a_numeric_year_axis_and_nothing_is_dropped():
    b = TimelineBuilder()
    b.document("d", "In 480 BC. In the year 12000. In 2004.")
    b.event(b.mention("d", "480 BC", year(-479)), "battle")
    b.event(b.mention("d", "12000", year(12000)), "future")
    b.event(b.mention("d", "2004", year(2004)), "now")
    timeline = b.build()
    plan = plan_timeline(timeline)
    assert plan.axis == "year"
    assert [m.event.headline for m in plan.marks] == ["battle", "now", "future"]
    fig = build_figure(timeline)
    assert fig.layout.xaxis.type == "linear"
    assert trace(fig, "date").x == (-478.5, 2004.5, 12000.5)  # mid-year, in decimal years
    bands = trace(fig, "uncertainty (earliest – latest)")
    assert bands.base[0] == -479.0 and bands.x[0] == 1.0
    assert "not shown" not in fig.layout.title.text
    # Ticks are written as people write years; the page's script redoes them after a zoom.
    assert fig.layout.xaxis.tickmode == "array"
    labels = dict(zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext, strict=True))
    assert labels[0] == "1 BC" and labels[2000] == "2000"
    assert "cfg.bc.replace" in render_html(timeline, plotlyjs="cdn")
    # Plotly's range selector needs dates: the zoom buttons are a menu here.
    assert fig.layout.xaxis.rangeselector.buttons == ()
    (menu,) = fig.layout.updatemenus
    assert [button.label for button in menu.buttons] == ["1y", "10y", "all"]
    high = fig.layout.xaxis.range[1]
    assert menu.buttons[0].args[0]["xaxis.range"] == [high - 1, high]


def test_years_1_to_9999_keep_the_date_axis():
    b = TimelineBuilder()
    b.document("d", "In 1 AD. In 9999.")
    b.event(b.mention("d", "1", year(1)), "first")
    b.event(b.mention("d", "9999", year(9999)), "last")
    plan = plan_timeline(b.build())
    assert plan.axis == "date"
    fig = build_figure(b.build())
    assert fig.layout.xaxis.type == "date"
    assert trace(fig, "date").x == ("0001-07-02T12:00:00", "9999-07-02T12:00:00")


def test_year_ticks_and_decimal_years():
    values, labels = render.year_ticks(-480.2, 30.0)
    assert values == [-400, -300, -200, -100, 0]  # about eight round steps
    assert labels == ["401 BC", "301 BC", "201 BC", "101 BC", "1 BC"]
    assert render.year_ticks(2003.2, 2004.9) == ([2004], ["2004"])  # never below one year
    assert decimal_year(at(2004)) == 2004.0
    assert decimal_year(at(2004, 7, 2)) == pytest.approx(2004.5, abs=0.001)
    assert decimal_year(at(-43, 3, 15)) == pytest.approx(-43 + 73 / 365, abs=1e-6)


def test_point_with_only_inner_bounds_sits_at_what_is_known():
    b = TimelineBuilder()
    b.document("d", "By then it was open.")
    odd = Bounds(None, at(1990), None, None)
    b.event(b.mention("d", "then", year(1990), bounds=odd), "open")
    (mark,) = plan_timeline(b.build()).marks
    assert mark.kind == "interval"  # a known latest start and nothing else: open both ways
    inner = Bounds(None, None, at(1991), None)
    b2 = TimelineBuilder()
    b2.document("d", "By then it was open.")
    b2.event(b2.mention("d", "then", year(1991), bounds=inner), "open")
    (mark,) = plan_timeline(b2.build()).marks
    assert mark.kind == "point" and mark.marker == at(1991)


def test_empty_timeline_renders_with_a_note():
    fig = build_figure(TimelineBuilder().build())
    assert fig.data == ()
    assert fig.layout.annotations[0].text == "no dated events"
    assert "<html" in render_html(TimelineBuilder().build(), plotlyjs="cdn")


# ---------------------------------------------------------------- hover


def test_hover_has_headline_date_precision_quote_document_written_and_chain(figure):
    text = hover_of(figure, "the family split")
    assert text.startswith("<b>the family split</b><br>1815 · precision: year")
    assert "“That year the family split.”" in text
    document = "— A short biography of Ada Lovelace and her work on the Analy… (bio)"
    assert document in text.replace("<br>", " ")
    assert "<br>as written: “That year”<br>" in text
    chain = "anchor chain: 1815 ← &#34;That year&#34; (same year) ← &#34;10 December 1815&#34;"
    assert chain in text.replace("<br>", " ")
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
    assert "“The bridge opened in 1998.”</i><br>— news<br>as written: “1998”<br>" in text
    assert "“The bridge opened in 1999.”</i><br>— notes<br>as written: “1999”<br>" in text


def test_a_merged_event_with_many_sources_lists_every_one():
    b = TimelineBuilder()
    ids = [f"d{i}" for i in range(9)]
    mentions = []
    for doc_id in ids:
        b.document(doc_id, f"The dam in {doc_id} burst in 1975 after " + "rain " * 60 + ".")
        mentions.append(b.mention(doc_id, "1975", year(1975)))
    b.event(mentions, "The dam burst")
    hover = trace(build_figure(b.build()), "date").hovertext[0]
    for doc_id in ids:
        assert f"<br>— {doc_id}<br>" in hover
    quotes = [q.split("”")[0] for q in hover.split("“The dam")[1:]]
    assert len(quotes) == 9
    # Each quote gets a share of the room, so the label stays on a screen.
    assert all(len(q.replace("<br>", " ")) < render.QUOTE_CHARS // 2 for q in quotes)


def test_long_quotes_are_wrapped_and_cut():
    b = TimelineBuilder()
    text = "In 2004 " + " ".join(["word"] * 200) + "."
    b.document("d", text)
    b.event(b.mention("d", "2004", year(2004)), "long")
    hover = trace(build_figure(b.build()), "date").hovertext[0]
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
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_title_and_legend_say_what_the_marks_mean(figure):
    title = figure.layout.title.text
    assert title.startswith("chrono timeline<br><sup>marker = best estimate")
    assert "faded = open end" in title and "1 undated event listed below the chart" in title
    assert figure.layout.legend.orientation == "h"
    assert all(t.name for t in figure.data)  # every trace has its legend entry


def test_phone_layout_is_switched_by_the_page_script(timeline):
    page = render_html(timeline, plotlyjs="cdn")
    assert 'window.matchMedia("(max-width: " + cfg.phoneWidth + "px)")' in page
    plan = plan_timeline(timeline)
    figure = build_figure(timeline)
    phone, laptop = render._phone_layouts(plan, "chrono timeline", figure)
    assert phone["legend.yref"] == "container" and phone["height"] > laptop["height"]
    assert all(len(t) <= render.PHONE_LABEL_CHARS for t in phone["yaxis.ticktext"])
    assert laptop["title.text"] == figure.layout.title.text


def test_page_script_data_cannot_close_the_script():
    b = TimelineBuilder()
    b.document("d", "In 2004.", title="</script><script>alert(1)</script>")
    b.event(b.mention("d", "2004", year(2004)), "x")
    page = render_html(b.build(), plotlyjs="cdn")
    assert "</script><script>alert(1)" not in page
    assert page.count("</script>") == page.count("<script")


def test_ten_thousand_events_use_webgl_and_no_range_slider():
    from timeline_fixtures import big_timeline

    timeline = big_timeline(render.WEBGL_FROM + 500, documents=10)
    figure = build_figure(timeline)
    assert {t.type for t in figure.data} == {"scattergl"}
    assert not figure.layout.xaxis.rangeslider.visible
    assert len(trace(figure, "date").x) + len(trace(figure, "approximate date").x) > 1000
    assert figure.layout.height < 250 + render.ROWS_IN_FULL * render.ROW_PX * 2
    hover = trace(figure, "interval (start – end)").hovertext[0]
    assert hover.startswith("<b>Item ")  # bars keep their hover as line segments


def test_webgl_bars_of_contradicted_intervals_stay_red():
    from timeline_fixtures import big_timeline

    timeline = big_timeline(render.WEBGL_FROM + 10, documents=2)
    events = list(timeline.events)
    i = next(
        i
        for i, e in enumerate(events)
        if e.time.bounds.latest_end - e.time.bounds.earliest_start > 4e7
    )
    events[i] = replace(events[i], contradiction_ids=("c9",))
    figure = build_figure(replace(timeline, events=tuple(events)))
    bars = [t for t in figure.data if t.name == "interval (start – end)"]
    assert [t.line.color for t in bars] == [render.BLUE, render.RED]
    assert [t.showlegend for t in bars] == [None, False]  # one legend entry for both
    assert len(bars[1].x) == 3  # one segment: start, end, gap


def test_small_timelines_stay_svg_with_a_range_slider(figure):
    assert figure.layout.xaxis.rangeslider.visible is True
    assert "scattergl" not in {t.type for t in figure.data}


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
