"""The interactive HTML timeline (DESIGN.md section 5), drawn with Plotly.

`html_plan` decides where every mark goes; this module draws them:
- points: a marker at the best estimate over a translucent band (earliest – latest);
  hollow when approximate, a red diamond when sources contradict each other;
- intervals: a bar from the start estimate to the end estimate over a band for
  each end's uncertainty; hatched when approximate, faded where an end is open;
- the contradictions lane: each contradiction's claims on one row, red crosses
  joined by a dotted line;
- hover: headline, date as resolved and precision, then for every source its
  quote, document, the date as written and the anchor chain;
- labels: each headline beside its mark, fitted by the page's script.

Below the chart, `html_reader` adds the event list, the detail panel, search and filters.

All document text is HTML-escaped before it reaches a label. With more than
`WEBGL_FROM` marks the marks are drawn with WebGL (scattergl) and the range
slider is left out, so 10,000 events stay responsive.

Plotly is imported inside the functions that need it: importing this module
(and so `chrono --help`) stays cheap.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chrono import __version__
from chrono.errors import UsageError
from chrono.render import check_lanes, counted, shorten, ui
from chrono.render.atomic import write_text_atomic
from chrono.render.html_hover import (
    QUOTE_CHARS,
    RED,
    WRAP_CHARS,
    HoverContext,
    claim_hover,
    escape,
    hover_text,
)
from chrono.render.html_plan import (
    Band,
    ClaimMark,
    Mark,
    Plan,
    decimal_year,
    plan_timeline,
)
from chrono.render.html_reader import reader_data, reader_html, script_json
from chrono.text.documents import GENERATOR_MARK
from chrono.times import display
from chrono.times import gregorian as g
from chrono.types import Timeline

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "QUOTE_CHARS",
    "WRAP_CHARS",
    "build_figure",
    "escape",
    "plan_timeline",
    "render_html",
    "write_html",
]

PLOTLYJS_MODES = {"inline": True, "cdn": "cdn", "directory": "directory"}
DIV_ID = "chrono-timeline"  # fixed so the same timeline always gives the same page
PLOTLYJS_FILE = "plotly.min.js"  # beside the page with plotlyjs="directory"

PHONE_WIDTH = 640  # px: below this the page switches to its phone layout
PHONE_LABEL_CHARS = 14
PHONE_LEGEND_PX = 64  # room for the legend under the plot on a phone

# Above this many marks, WebGL traces: SVG slows down with thousands of nodes, but WebGL
# without a GPU (software rendering) is slower still up to a few thousand (reports/html.md).
WEBGL_FROM = 2500
RANGESLIDER_UP_TO = 1000  # marks; the slider redraws every trace, too slow beyond this

BLUE = "#1f77b4"
BAND = "rgba(31, 119, 180, 0.20)"
OPEN_OPACITY = 0.45
BAND_WIDTH = 0.62  # in rows
CLAIM_BAND_OPACITY = 0.25
BAR_WIDTH = 0.30
ROW_PX = 34  # height of a row while there are few
MIN_ROW_PX = 8
ROWS_IN_FULL = 40  # up to this many rows keep ROW_PX; more share ROWS_IN_FULL * ROW_PX
MARKER_PX = 11
LABEL_CHARS = 40  # a label's longest form; the page's script shortens it to fit
LABEL_PX = 11
LABEL_COLOR = "#333"


# ---------------------------------------------------------------- the x axis


@dataclass(frozen=True, slots=True)
class _Scale:
    """Instants (seconds) as x values: ISO strings on a date axis, decimal years otherwise."""

    axis: str

    def at(self, instant: int) -> str | float:
        if self.axis == "date":
            # The time of day only when there is one: keeps the page small.
            return g.iso_instant(instant, instant % g.SECONDS_PER_DAY != 0)
        return decimal_year(instant)

    def length(self, band: Band) -> float:
        """A bar's length: milliseconds on a date axis, years on the numeric one."""
        if self.axis == "date":
            return (band.end - band.start) * 1000
        return round(decimal_year(band.end) - decimal_year(band.start), 6)


def year_ticks(low: float, high: float, count: int = 8) -> tuple[list[int], list[str]]:
    """About `count` round years between `low` and `high`, labelled as people write them
    (480 BC, 2004). The page's script recomputes them the same way after a zoom."""
    raw = max((high - low) / count, 1.0)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, round(step))
    first = math.ceil(low / step) * step
    values = list(range(first, math.floor(high) + 1, step))
    return values, [display.year(v) for v in values]


# ---------------------------------------------------------------- traces


@dataclass(frozen=True, slots=True)
class _Draw:
    """What every trace builder needs: the scale, the hovers, and how big the plot is."""

    scale: _Scale
    hovers: dict[str, str]
    webgl: bool
    row_px: float


def _hover(texts: list[str]) -> dict[str, Any]:
    """Hover labels as `hovertext` shown alone: with 10,000 events, plotly.js loads and hovers
    several times faster than with `customdata` and a `hovertemplate`."""
    return {"hovertext": texts, "hoverinfo": "text"}


def _bar(mark: Mark) -> Band:
    assert mark.bar is not None, "intervals always have a bar"
    return mark.bar


def _marker(mark: Mark) -> int:
    assert mark.marker is not None, "points always have a marker"
    return mark.marker


def _stretches_trace(
    items: Sequence[tuple[Mark, Band]],
    draw: _Draw,
    *,
    name: str,
    width: float,
    color: Any,
    opacity: float | list[float],
    hover: bool,
    rank: int,
    pattern: dict | None = None,
) -> Any:
    """Horizontal stretches: SVG bars, or with WebGL thick line segments (one trace either way)."""
    import plotly.graph_objects as go

    if not items:
        return None
    hover_options: dict[str, Any] = {"hoverinfo": "skip"}
    if draw.webgl:
        xs: list[Any] = []
        ys: list[Any] = []
        texts: list[str] = []
        ids: list[str | None] = []
        for mark, band in items:
            xs += [draw.scale.at(band.start), draw.scale.at(band.end), None]
            ys += [mark.row, mark.row, None]
            texts += [draw.hovers[mark.event.id]] * 2 + [""]
            ids += [mark.event.id] * 2 + [None]
        if hover:
            hover_options = _hover(texts)
        line_color = color if isinstance(color, str) else BLUE  # bars split by colour first
        return go.Scattergl(
            name=name,
            mode="lines",
            x=xs,
            y=ys,
            line={"color": line_color, "width": max(1.0, width * draw.row_px)},
            opacity=opacity if isinstance(opacity, float) else 1.0,
            legendrank=rank,
            customdata=ids,
            **hover_options,
        )
    if hover:
        hover_options = _hover([draw.hovers[m.event.id] for m, _ in items])
    marker: dict[str, Any] = {"color": color, "line": {"width": 0}}
    if isinstance(opacity, list):
        marker["opacity"] = opacity
    if pattern:
        marker["pattern"] = pattern
    return go.Bar(
        name=name,
        orientation="h",
        base=[draw.scale.at(b.start) for _, b in items],
        x=[draw.scale.length(b) for _, b in items],
        y=[m.row for m, _ in items],
        width=[width] * len(items),
        opacity=opacity if isinstance(opacity, float) else None,
        marker=marker,
        legendrank=rank,
        customdata=[m.event.id for m, _ in items],
        **hover_options,
    )


def _band_trace(marks: Sequence[Mark], draw: _Draw) -> Any:
    items = [(m, b) for m in marks for b in m.bands]
    opacity: float | list[float] = [OPEN_OPACITY if b.open else 1.0 for _, b in items]
    if draw.webgl:
        items = [(m, b) for m, b in items if not b.open] + [(m, b) for m, b in items if b.open]
        opacity = 1.0
    return _stretches_trace(
        items,
        draw,
        name=ui("html", "band"),
        width=BAND_WIDTH,
        color=BAND,
        opacity=opacity,
        hover=False,
        rank=6,
    )


def _bar_traces(marks: Sequence[Mark], draw: _Draw, name: str, faded: bool, rank: int) -> list:
    """Interval bars, red where sources contradict each other. WebGL lines have one colour
    per trace, so there the red bars get a trace of their own (one legend entry still)."""
    if not marks:
        return []
    opacity = OPEN_OPACITY if faded else 1.0
    items = [(m, _bar(m)) for m in marks]
    if draw.webgl:
        red = [(m, b) for m, b in items if m.event.contradiction_ids]
        blue = [(m, b) for m, b in items if not m.event.contradiction_ids]
        options = {"width": BAR_WIDTH, "opacity": opacity, "hover": True, "rank": rank}
        traces = [_stretches_trace(blue, draw, name=name, color=BLUE, **options)]
        if red:
            extra = _stretches_trace(red, draw, name=name, color=RED, **options)
            extra.update(legendgroup=name, showlegend=not blue)
            traces.append(extra)
            if traces[0] is not None:
                traces[0].update(legendgroup=name)
        return [t for t in traces if t is not None]
    pattern = {
        # approximate intervals are hatched, the bar counterpart of a hollow marker
        "shape": ["/" if m.event.time.approximate else "" for m in marks],
        "fgcolor": "white",
        "solidity": 0.3,
    }
    colors = [RED if m.event.contradiction_ids else BLUE for m in marks]
    trace = _stretches_trace(
        items,
        draw,
        name=name,
        width=BAR_WIDTH,
        color=colors,
        opacity=opacity,
        hover=True,
        rank=rank,
        pattern=pattern,
    )
    return [trace]


def _scatter(webgl: bool, **options: Any) -> Any:
    import plotly.graph_objects as go

    return go.Scattergl(**options) if webgl else go.Scatter(**options)


def _marker_px(row_px: float) -> float:
    return min(MARKER_PX, max(4.0, row_px * 0.6))


def _marker_trace(
    marks: Sequence[Mark], draw: _Draw, name: str, color: str, symbol: str, rank: int
) -> Any:
    if not marks:
        return None
    symbols = [f"{symbol}-open" if m.event.time.approximate else symbol for m in marks]
    return _scatter(
        draw.webgl,
        name=name,
        mode="markers",
        x=[draw.scale.at(_marker(m)) for m in marks],
        y=[m.row for m in marks],
        marker={
            "color": color,
            "size": _marker_px(draw.row_px),
            "symbol": symbols,
            "line": {"width": 2, "color": color},
        },
        **_hover([draw.hovers[m.event.id] for m in marks]),
        legendrank=rank,
        customdata=[m.event.id for m in marks],
    )


def label_anchor(mark: Mark) -> int:
    """Where an event's label starts: right of its marker, or of its bar's end."""
    return _marker(mark) if mark.kind == "point" else _bar(mark).end


def _label_trace(marks: Sequence[Mark], draw: _Draw) -> Any:
    """Every event's headline beside its mark. The page's script shortens or hides the
    labels that would run into the next mark of their row, again after every zoom.

    None on a WebGL page: its thousands of marks leave no room for words at the first
    zoom, and WebGL text is far slower to lay out than SVG (the list names every event)."""
    if not marks or draw.webgl:
        return None
    import plotly.graph_objects as go

    return go.Scatter(
        name=ui("html", "labels"),
        mode="text",
        x=[draw.scale.at(label_anchor(m)) for m in marks],
        y=[m.row for m in marks],
        text=["\u2002" + escape(shorten(m.event.headline, LABEL_CHARS)) for m in marks],
        textposition="middle right",
        textfont={"size": LABEL_PX, "color": LABEL_COLOR},
        customdata=[m.event.id for m in marks],
        hoverinfo="skip",
        showlegend=False,
        xaxis="x2",
    )


def _claim_bands_trace(claims: Sequence[ClaimMark], draw: _Draw) -> Any:
    """The days each claim allows ("born 1955-1956"), a translucent red stretch behind its
    cross: a claim is drawn as what its source states, not as a made-up day."""
    xs: list[Any] = []
    ys: list[Any] = []
    for mark in claims:
        for point in mark.points:
            if point.band is not None:
                xs += [draw.scale.at(point.band.start), draw.scale.at(point.band.end), None]
                ys += [mark.row, mark.row, None]
    if not xs:
        return None
    return _scatter(
        draw.webgl,
        name=ui("html", "claim_bands"),
        mode="lines",
        x=xs,
        y=ys,
        line={"color": RED, "width": max(2.0, BAND_WIDTH * draw.row_px)},
        opacity=CLAIM_BAND_OPACITY,
        hoverinfo="skip",
        showlegend=False,
        legendrank=5,
    )


def _claims_trace(claims: Sequence[ClaimMark], draw: _Draw, context: HoverContext) -> Any:
    """Every contradiction on its row: its claims as red crosses joined by a dotted line."""
    if not claims:
        return None
    xs: list[Any] = []
    ys: list[Any] = []
    texts: list[str] = []
    for mark in claims:
        for i, point in enumerate(mark.points):
            xs.append(draw.scale.at(point.at))
            ys.append(mark.row)
            texts.append(claim_hover(mark, i, context))
        xs.append(None)
        ys.append(None)
        texts.append("")
    return _scatter(
        draw.webgl,
        name=ui("html", "claims"),
        mode="lines+markers",
        x=xs,
        y=ys,
        line={"color": RED, "width": 1.5, "dash": "dot"},
        marker={"color": RED, "size": _marker_px(draw.row_px) + 2, "symbol": "x"},
        **_hover(texts),
        legendrank=5,
    )


def row_px(rows: int) -> float:
    """Rows keep ROW_PX while there are few; many rows share a bounded height."""
    if rows <= ROWS_IN_FULL:
        return ROW_PX
    return max(MIN_ROW_PX, ROWS_IN_FULL * ROW_PX / rows)


def figure_height(rows: int) -> int:
    """Room for title, legend and range slider, plus the rows."""
    return max(440, round(250 + row_px(rows) * rows))


def build_figure(
    timeline: Timeline, *, title: str | None = None, lanes: str = "document"
) -> go.Figure:
    """The timeline as a Plotly figure (see the module docstrings for what each mark means)."""
    return _figure(plan_timeline(timeline, lanes), timeline, title or ui("html", "title"))


def _figure(plan: Plan, timeline: Timeline, title: str) -> go.Figure:
    import plotly.graph_objects as go

    context = HoverContext.of(timeline)
    rows = max(plan.rows, 1)
    draw = _Draw(
        _Scale(plan.axis),
        {m.event.id: hover_text(m.event, context) for m in plan.marks},
        webgl=len(plan.marks) + len(plan.claims) > WEBGL_FROM,
        row_px=row_px(rows),
    )
    points = [m for m in plan.marks if m.kind == "point"]
    intervals = [m for m in plan.marks if m.kind == "interval"]

    def red(m: Mark) -> bool:
        return bool(m.event.contradiction_ids)

    closed = [m for m in intervals if not _bar(m).open]
    opened = [m for m in intervals if _bar(m).open]
    traces = [
        _band_trace(plan.marks, draw),
        *_bar_traces(closed, draw, ui("html", "interval"), False, 2),
        *_bar_traces(opened, draw, ui("html", "open_interval"), True, 3),
        _marker_trace(
            [m for m in points if not red(m) and not m.event.time.approximate],
            draw,
            ui("html", "date"),
            BLUE,
            "circle",
            0,
        ),
        _marker_trace(
            [m for m in points if not red(m) and m.event.time.approximate],
            draw,
            ui("html", "approximate_date"),
            BLUE,
            "circle",
            1,
        ),
        _marker_trace(
            [m for m in points if red(m)], draw, ui("html", "contradicted"), RED, "diamond", 4
        ),
        _claim_bands_trace(plan.claims, draw),
        _claims_trace(plan.claims, draw, context),
        _label_trace(plan.marks, draw),
    ]
    fig = go.Figure([t for t in traces if t is not None])
    fig.update_layout(_layout(plan, title, draw))
    if not plan.marks and not plan.claims:
        fig.add_annotation(
            text=escape(ui("html", "no_dated_events")),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            font={"size": 16, "color": "#666"},
        )
    return fig


# ---------------------------------------------------------------- layout


def caption(plan: Plan) -> str:
    """The line under the title: how to read the marks and what could not be drawn (plain)."""
    parts = [ui("html", "caption")]
    if plan.undated:
        parts.append(ui("html", "not_shown").format(counted("undated_event", plan.undated)))
    return " · ".join(parts)


def _zoom_labels() -> list[str]:
    return [ui("html", key) for key in ("zoom_1y", "zoom_10y", "zoom_all")]


def _xaxis(plan: Plan, draw: _Draw) -> dict[str, Any]:
    one, ten, everything = _zoom_labels()
    xaxis: dict[str, Any] = {"showgrid": True, "gridcolor": "#e6e6e6", "automargin": True}
    if len(plan.marks) <= RANGESLIDER_UP_TO:
        # the slider's mini-map keeps the lanes in the same order as the plot
        xaxis["rangeslider"] = {"visible": True, "thickness": 0.07, "yaxis": {"rangemode": "match"}}
    if plan.x_range:
        xaxis["range"] = [draw.scale.at(plan.x_range[0]), draw.scale.at(plan.x_range[1])]
    if plan.axis == "date":
        xaxis["type"] = "date"
        xaxis["rangeselector"] = {
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "buttons": [
                {"count": 1, "label": one, "step": "year", "stepmode": "backward"},
                {"count": 10, "label": ten, "step": "year", "stepmode": "backward"},
                {"step": "all", "label": everything},
            ],
        }
        return xaxis
    xaxis["type"] = "linear"
    if plan.x_range:
        low, high = xaxis["range"]
        xaxis["tickmode"] = "array"
        xaxis["tickvals"], xaxis["ticktext"] = year_ticks(low, high)
    return xaxis


def _year_zoom_menu(plan: Plan, draw: _Draw) -> list[dict[str, Any]]:
    """The 1y / 10y / all buttons of a numeric year axis (Plotly's range selector needs dates)."""
    if plan.axis == "date" or plan.x_range is None:
        return []
    low, high = (float(draw.scale.at(x)) for x in plan.x_range)
    one, ten, everything = _zoom_labels()
    return [
        {
            "type": "buttons",
            "direction": "right",
            "showactive": False,
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "pad": {"b": 2, "l": 0, "r": 0, "t": 0},
            "bgcolor": "#eeeeee",
            "bordercolor": "#eeeeee",
            "font": {"size": 11},
            "buttons": [
                {"label": one, "method": "relayout", "args": [{"xaxis.range": [high - 1, high]}]},
                {"label": ten, "method": "relayout", "args": [{"xaxis.range": [high - 10, high]}]},
                {"label": everything, "method": "relayout", "args": [{"xaxis.range": [low, high]}]},
            ],
        }
    ]


def _layout(plan: Plan, title: str, draw: _Draw) -> dict[str, Any]:
    rows = max(plan.rows, 1)
    xaxis = _xaxis(plan, draw)
    return {
        "template": "plotly_white",
        "title": {
            "text": f"{escape(title)}<br><sup>{escape(caption(plan))}</sup>",
            "x": 0.01,
            "xanchor": "left",
        },
        "height": figure_height(rows),
        "margin": {"l": 20, "r": 20, "t": 110, "b": 40},
        "barmode": "overlay",
        "bargap": 0,
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "legend": {
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 12},
        },
        "xaxis": xaxis,
        # The labels sit on a twin of the x axis: the range slider draws only the traces of
        # its own axis, so it stays a clean overview.
        "xaxis2": {"matches": "x", "overlaying": "x", "visible": False, "type": xaxis.get("type")},
        "yaxis": {
            "tickmode": "array",
            "tickvals": [lane.first_row + (lane.rows - 1) / 2 for lane in plan.lanes],
            "ticktext": [_lane_tick(lane.label) for lane in plan.lanes],
            "range": [rows - 0.5, -0.5],  # first lane on top
            "fixedrange": True,  # zoom in time only
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
        },
        "updatemenus": _year_zoom_menu(plan, draw),
        "shapes": _lane_shapes(plan),
    }


def _lane_tick(label: str, limit: int | None = None) -> str:
    return escape(shorten(label, limit) if limit else label)


def _lane_shapes(plan: Plan) -> list[dict[str, Any]]:
    """Alternate shading so each lane's rows read as one lane; the contradictions lane pink."""
    shapes = []
    for i, lane in enumerate(plan.lanes):
        fill = "rgba(0, 0, 0, 0.035)" if i % 2 == 0 else "rgba(0, 0, 0, 0)"
        if plan.claims and i == 0:
            fill = "rgba(214, 39, 40, 0.06)"
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "layer": "below",
                "x0": 0,
                "x1": 1,
                "y0": lane.first_row - 0.5,
                "y1": lane.first_row + lane.rows - 0.5,
                "fillcolor": fill,
                "line": {"width": 0},
            }
        )
    return shapes


# ---------------------------------------------------------------- the page's scripts


def _phone_layouts(plan: Plan, title: str, fig: go.Figure) -> tuple[dict, dict]:
    """The relayouts that switch between the phone and the laptop layout."""
    ticks = [lane.label for lane in plan.lanes]
    height = fig.layout.height
    phone = {
        "title.text": escape(title),
        "title.font.size": 15,
        "height": height + PHONE_LEGEND_PX,
        "margin.t": 70,
        "margin.b": PHONE_LEGEND_PX,
        "margin.l": 4,
        "margin.r": 4,
        # the legend goes under the plot: above it, it would cover the zoom buttons
        "legend.x": 0,
        "legend.xanchor": "left",
        "legend.y": 0,
        "legend.yanchor": "bottom",
        "legend.yref": "container",
        "legend.font.size": 10,
        "hoverlabel.font.size": 10,
        "yaxis.ticktext": [_lane_tick(t, PHONE_LABEL_CHARS) for t in ticks],
        "yaxis.tickfont.size": 10,
    }
    laptop = {
        "title.text": fig.layout.title.text,
        "title.font.size": None,
        "height": height,
        "margin.t": 110,
        "margin.b": 40,
        "margin.l": 20,
        "margin.r": 20,
        "legend.x": 1,
        "legend.xanchor": "right",
        "legend.y": 1,
        "legend.yanchor": "bottom",
        "legend.yref": "paper",
        "legend.font.size": 12,
        "hoverlabel.font.size": 12,
        "yaxis.ticktext": [_lane_tick(t) for t in ticks],
        "yaxis.tickfont.size": None,
    }
    return phone, laptop


# Switches layouts at the phone width, and on a numeric year axis relabels the ticks after
# every zoom as year_ticks() does (480 BC, not -479). Data comes in as JSON.
_PAGE_SCRIPT = """
var gd = document.getElementById("{plot_id}");
var cfg = %s;
var phone = window.matchMedia("(max-width: " + cfg.phoneWidth + "px)");
function fit() {
  var layout = phone.matches ? cfg.phone : cfg.laptop;
  // the page flows below the whole chart (Plotly's wrapper has a fixed height)
  gd.style.height = gd.parentNode.style.height = layout.height + "px";
  Plotly.relayout(gd, layout);
}
if (phone.addEventListener) { phone.addEventListener("change", fit); }
if (phone.matches) { fit(); }
if (cfg.yearAxis) {
  var label = function (y) { return y <= 0 ? cfg.bc.replace("{}", String(1 - y)) : String(y); };
  gd.on("plotly_relayout", function (e) {
    var keys = Object.keys(e).join(" ");
    if (keys.indexOf("xaxis.range") < 0 && keys.indexOf("xaxis.autorange") < 0) { return; }
    var r = gd.layout.xaxis.range, raw = Math.max((r[1] - r[0]) / 8, 1);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = Math.max(1, Math.round([1, 2, 5, 10].map(function (m) { return m * mag; })
      .filter(function (s) { return s >= raw; })[0]));
    var vals = [], text = [];
    for (var v = Math.ceil(r[0] / step) * step; v <= Math.floor(r[1]); v += step) {
      vals.push(v); text.push(label(v));
    }
    Plotly.relayout(gd, {"xaxis.tickvals": vals, "xaxis.ticktext": text});
  });
}
"""


def page_script(plan: Plan, title: str, fig: go.Figure) -> str:
    phone, laptop = _phone_layouts(plan, title, fig)
    config = {
        "phoneWidth": PHONE_WIDTH,
        "phone": phone,
        "laptop": laptop,
        "yearAxis": plan.axis == "year",
        "bc": display.template("bc"),
    }
    return _PAGE_SCRIPT % script_json(config)


# ---------------------------------------------------------------- pages


def _plotlyjs_option(plotlyjs: str) -> bool | str:
    try:
        return PLOTLYJS_MODES[plotlyjs]
    except KeyError:
        choices = ", ".join(PLOTLYJS_MODES)
        raise UsageError(f"plotlyjs must be one of {choices}, not {plotlyjs!r}") from None


_SURROGATE = re.compile("[\ud800-\udfff]")
_HEAD = """<head>
    <title>{title}</title>
    {generator} {version}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>body {{ margin: 0; }} #{div} {{ width: 100%; }}</style>"""


def render_html(
    timeline: Timeline,
    *,
    title: str | None = None,
    plotlyjs: str = "inline",
    lanes: str = "document",
) -> str:
    """A full HTML page. `plotlyjs`: inline (self-contained, works offline), cdn, or
    directory (expects plotly.min.js next to the page; `write_html` puts it there).
    `lanes`: one lane per document or per subject."""

    include = _plotlyjs_option(plotlyjs)
    check_lanes(lanes)
    title = title or ui("html", "title")
    plan = plan_timeline(timeline, lanes)
    fig = _figure(plan, timeline, title)
    broken = _has_surrogates(timeline)
    with _json_engine("json" if broken else None):
        page = _to_html(fig, include, plan, title)
    # Plotly's page has no <title> and no viewport: phones would show it zoomed out.
    # The mark by which a later run knows this page for its own output, not a document.
    head = _HEAD.format(
        title=html.escape(title), div=DIV_ID, generator=GENERATOR_MARK, version=__version__
    )
    page = page.replace("<head>", head, 1)
    data = reader_data(timeline, plan, _Scale(plan.axis).at, label_anchor, lanes)
    at = page.rfind("</body>")
    page = page[:at] + reader_html(data) + page[at:]
    return _SURROGATE.sub("\ufffd", page) if broken else page  # a page is UTF-8


def _to_html(fig: go.Figure, include: bool | str, plan: Plan, title: str) -> str:
    import plotly.io as pio

    return pio.to_html(
        fig,
        include_plotlyjs=include,
        full_html=True,
        div_id=DIV_ID,
        config={
            "responsive": True,
            "displaylogo": False,
            "toImageButtonOptions": {"filename": "chrono-timeline"},
        },
        default_width="100%",
        default_height=f"{fig.layout.height}px",
        post_script=page_script(plan, title, fig),
    )


def _has_surrogates(timeline: Timeline) -> bool:
    """Text an API user built with lone surrogates (files are read without them)."""
    for result in timeline.documents:
        doc = result.document
        for text in (doc.id, doc.title or "", doc.text):
            if not text.isascii() and _SURROGATE.search(text):
                return True
    return False


@contextmanager
def _json_engine(engine: str | None) -> Iterator[None]:
    """Plotly's JSON engine for one page: orjson (the fast default) refuses lone surrogates,
    the standard library escapes them."""
    import plotly.io as pio

    if engine is None:
        yield
        return
    before = pio.json.config.default_engine
    pio.json.config.default_engine = engine
    try:
        yield
    finally:
        pio.json.config.default_engine = before


def write_html(
    timeline: Timeline,
    path: str | Path,
    *,
    title: str | None = None,
    plotlyjs: str = "inline",
    lanes: str = "document",
) -> None:
    """Write the page atomically (temp file in the same folder, then os.replace), making
    the folder if needed.

    With plotlyjs="directory", plotly.min.js is written next to the page (also atomically)
    unless an identical copy is already there.
    """
    target = Path(path)
    page = render_html(timeline, title=title, plotlyjs=plotlyjs, lanes=lanes)
    if plotlyjs == "directory":
        from plotly.offline import get_plotlyjs

        bundle = target.parent / PLOTLYJS_FILE
        script = get_plotlyjs()
        if not _has_text(bundle, script):
            write_text_atomic(bundle, script)
    write_text_atomic(target, page)


def _has_text(path: Path, text: str) -> bool:
    """True when `path` is a file holding exactly `text` in UTF-8 (an unreadable one does not)."""
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False
