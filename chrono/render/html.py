"""The interactive HTML timeline (DESIGN.md section 5), drawn with Plotly.

Layout: one lane per document (an event sits in the lane of its first
document); inside a lane, events whose extents would overlap go on separate
rows so no mark hides another. The y axis is numeric (rows), labelled per lane.

Marks, all computed from `event.time.bounds` (seconds, `latest_*` inclusive):
- a point (its end can coincide with its start) is a marker at the middle of
  [earliest_start, latest_end] over a translucent band covering that range;
- an interval (earliest_end > latest_start) is a bar from the middle of the
  start range to the middle of the end range, with a band for each range;
  an open side runs to the edge of the data and is drawn faded;
- approximate events get a hollow marker (hatched bar), contradicted ones red;
- undated events (empty bounds) and events outside the plottable years are
  left out and counted in the subtitle.

Plotly is imported inside the functions that need it: importing this module
(and so `chrono --help`) stays cheap.
"""

from __future__ import annotations

import html
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from chrono import gregorian as g
from chrono.atomic import write_text_atomic
from chrono.errors import UsageError
from chrono.render import Lookup, shorten
from chrono.types import AnchorKind, Bounds, Event, Timeline

if TYPE_CHECKING:
    import plotly.graph_objects as go

PLOTLYJS_MODES = {"inline": True, "cdn": "cdn", "directory": "directory"}
DIV_ID = "chrono-timeline"  # fixed so the same timeline always gives the same page

# Years the page plots: Plotly's date axis (ISO strings, astronomical years, 1 BC = 0000).
# Events with an instant outside are left out and counted in the subtitle.
MIN_YEAR, MAX_YEAR = -9999, 9999

_FIRST = g.seconds(g.days_from_civil(MIN_YEAR, 1, 1))
_LAST = g.seconds(g.days_from_civil(MAX_YEAR + 1, 1, 1)) - 1

LANE_LABEL_CHARS = 32
WRAP_CHARS = 80  # hover text line length
QUOTE_CHARS = 320  # a longer quote is cut with an ellipsis in the hover
HOVER_SOURCES = 4  # sources listed in one hover; the rest are counted
DOCUMENT_NAME_CHARS = 60  # a document's title in the hover
PLOTLYJS_FILE = "plotly.min.js"  # beside the page with plotlyjs="directory"

BLUE = "#1f77b4"
RED = "#d62728"
BAND = "rgba(31, 119, 180, 0.20)"
OPEN_OPACITY = 0.45
BAND_WIDTH = 0.62  # in rows
BAR_WIDTH = 0.30
MIN_PAD = 30 * g.SECONDS_PER_DAY

Kind = Literal["point", "interval"]


# ---------------------------------------------------------------- plan (no plotly)


@dataclass(frozen=True, slots=True)
class Band:
    """A stretch of time drawn as a translucent bar; `start` inclusive, `end` exclusive."""

    start: int
    end: int
    open: bool = False  # reaches the edge of the data because the bounds are open there


@dataclass(frozen=True, slots=True)
class Mark:
    """Where and how one event is drawn. Instants are seconds; ends are exclusive."""

    event: Event
    lane: int
    row: int  # y position: rows are numbered across all lanes, top first
    kind: Kind
    marker: int | None  # points: where the marker sits
    bar: Band | None  # intervals: from the start estimate to the end estimate
    bands: tuple[Band, ...]  # the uncertainty

    @property
    def extent(self) -> tuple[int, int]:
        stretches = [*self.bands, *([self.bar] if self.bar else [])]
        if self.marker is not None:
            stretches.append(Band(self.marker, self.marker))
        return min(s.start for s in stretches), max(s.end for s in stretches)


@dataclass(frozen=True, slots=True)
class Lane:
    doc_id: str
    label: str  # plain text; escape before it reaches the page
    first_row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Plan:
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    undated: int  # events with empty bounds, not drawn
    out_of_range: int  # events outside MIN_YEAR..MAX_YEAR, not drawn
    x_range: tuple[int, int] | None  # the data's edges (padded); None without marks

    @property
    def rows(self) -> int:
        return sum(lane.rows for lane in self.lanes)


def plan_timeline(timeline: Timeline) -> Plan:
    """Decide lanes, rows and the geometry of every mark."""
    lane_ids = _lane_ids(timeline)
    dated = [e for e in timeline.events if not e.time.bounds.empty]
    undated = len(timeline.events) - len(dated)
    plottable = [e for e in dated if _in_range(e.time.bounds)]
    out_of_range = len(dated) - len(plottable)
    edges = _edges(e.time.bounds for e in plottable)
    shapes = [_shape(e, edges) for e in plottable] if edges else []

    lane_index = {doc_id: i for i, doc_id in enumerate(lane_ids)}
    by_lane: dict[int, list[tuple[Event, *Shape]]] = {}
    for event, shape in zip(plottable, shapes, strict=True):
        by_lane.setdefault(lane_index[_lane_of(event)], []).append((event, *shape))

    lanes: list[Lane] = []
    marks: list[Mark] = []
    labels = _lane_labels(timeline, lane_ids)
    gap = _row_gap(edges)
    first_row = 0
    for index, doc_id in enumerate(lane_ids):
        placed = _pack(by_lane.get(index, []), gap, index, first_row)
        rows = max((m.row - first_row + 1 for m in placed), default=1)
        lanes.append(Lane(doc_id, labels[index], first_row, rows))
        marks.extend(placed)
        first_row += rows
    return Plan(tuple(lanes), tuple(marks), undated, out_of_range, edges)


def _lane_ids(timeline: Timeline) -> list[str]:
    """Documents in input order, then any document an event names but the timeline lacks."""
    ids = dict.fromkeys(d.document.id for d in timeline.documents)
    ids.update(dict.fromkeys(_lane_of(e) for e in timeline.events))
    return list(ids)


def _lane_of(event: Event) -> str:
    return event.doc_ids[0] if event.doc_ids else "?"


def _lane_labels(timeline: Timeline, lane_ids: Sequence[str]) -> list[str]:
    titles = {d.document.id: d.document.title for d in timeline.documents}
    labels = [shorten(titles.get(i) or i, LANE_LABEL_CHARS) for i in lane_ids]
    counts = Counter(labels)
    # Two documents with the same (shortened) title: tell them apart by id.
    return [
        f"{label} ({doc_id})" if counts[label] > 1 and label != doc_id else label
        for label, doc_id in zip(labels, lane_ids, strict=True)
    ]


def _instants(bounds: Bounds) -> list[int]:
    """The known instants of some bounds, latest ones made exclusive."""
    b = bounds
    return [x for x in (b.earliest_start, b.earliest_end) if x is not None] + [
        x + 1 for x in (b.latest_start, b.latest_end) if x is not None
    ]


def _in_range(bounds: Bounds) -> bool:
    return all(MIN_YEAR <= g.split_seconds(x)[0] <= MAX_YEAR for x in _instants(bounds))


def _edges(all_bounds: Iterable[Bounds]) -> tuple[int, int] | None:
    """The data's extent, padded so that open ends visibly run past the last closed mark."""
    instants = [x for b in all_bounds for x in _instants(b)]
    if not instants:
        return None
    low, high = min(instants), max(instants)
    pad = max((high - low) // 25, MIN_PAD)
    return max(low - pad, min(low, _FIRST)), min(high + pad, max(high, _LAST))


def _row_gap(edges: tuple[int, int] | None) -> int:
    """Space kept between two marks on one row: ~1% of the time shown, for the markers' size."""
    return 0 if edges is None else (edges[1] - edges[0]) // 100


def _after(latest: int | None) -> int | None:
    """An inclusive `latest_*` as an exclusive end."""
    return None if latest is None else latest + 1


def _mid(start: int, end: int) -> int:
    return (start + end) // 2


def is_interval(bounds: Bounds) -> bool:
    """An interval's end cannot coincide with its start; a start-only range is an open interval."""
    b = bounds
    if b.earliest_end is not None and b.latest_start is not None:
        return b.earliest_end > b.latest_start
    # "since 1840" with no end at all: a known start, nothing known about the end.
    return b.latest_start is not None and b.earliest_end is None and b.latest_end is None


Shape = tuple[Kind, int | None, Band | None, tuple[Band, ...]]  # kind, marker, bar, bands


def _shape(event: Event, edges: tuple[int, int]) -> Shape:
    b = event.time.bounds
    return _interval_shape(b, edges) if is_interval(b) else _point_shape(b, edges)


def _point_shape(b: Bounds, edges: tuple[int, int]) -> Shape:
    left, right = edges
    start, end = b.earliest_start, _after(b.latest_end)
    if start is not None and end is not None:
        return "point", _mid(start, end), None, (Band(start, end),)
    if start is not None:  # "after 1990": somewhere from then on
        return "point", start, None, (Band(start, right, open=True),)
    assert end is not None  # empty bounds never reach here
    return "point", end, None, (Band(left, end, open=True),)  # "before 1990"


def _range(low: int | None, high: int | None, edge: int) -> tuple[int, Band | None]:
    """The estimate and uncertainty band of one side of an interval (`high` exclusive)."""
    if low is not None and high is not None:
        return _mid(low, high), Band(low, high)
    if low is not None:
        return low, None
    if high is not None:
        return high, None
    return edge, None


def _interval_shape(b: Bounds, edges: tuple[int, int]) -> Shape:
    left, right = edges
    open_start = b.earliest_start is None
    open_end = b.latest_end is None
    start, start_band = _range(b.earliest_start, _after(b.latest_start), left)
    if open_start:
        start, start_band = left, None
    end, end_band = _range(b.earliest_end, _after(b.latest_end), right)
    if open_end:
        end, end_band = right, None
    end = max(end, start + 1)
    bands = tuple(band for band in (start_band, end_band) if band is not None)
    return "interval", None, Band(start, end, open=open_start or open_end), bands


def _pack(
    items: Sequence[tuple[Event, *Shape]],
    gap: int,
    lane: int,
    first_row: int,
) -> list[Mark]:
    """Greedy interval packing: each mark goes on the first row of its lane it fits on."""
    drafts = [Mark(e, lane, 0, *shape) for e, *shape in items]
    drafts.sort(key=lambda m: (m.extent[0], m.extent[1], m.event.id))
    row_ends: list[int] = []
    placed: list[Mark] = []
    for draft in drafts:
        start, end = draft.extent
        row = next((i for i, last in enumerate(row_ends) if last + gap < start), len(row_ends))
        if row == len(row_ends):
            row_ends.append(end)
        row_ends[row] = end
        placed.append(replace(draft, row=first_row + row))
    return placed


# ---------------------------------------------------------------- hover text (escaped)


def _escaped_lines(text: str, width: int = WRAP_CHARS, limit: int | None = None) -> str:
    """Document text made safe for a Plotly label: collapsed, cut, wrapped, then escaped per line.

    Wrapping happens before escaping so a line break never splits an entity.
    """
    text = shorten(text, limit) if limit is not None else " ".join(text.split())
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return "<br>".join(escape(line) for line in lines)


def escape(text: str) -> str:
    """html.escape, but with quotes as numeric entities: Plotly's labels decode `&#34;`
    and `&#x27;` yet show `&quot;` literally."""
    return html.escape(text).replace("&quot;", "&#34;")


def _hover_text(event: Event, context: _HoverContext) -> str:
    """The hover label of an event: headline, date, precision, sources with quotes and chains."""
    t = event.time
    precision = t.granularity.label if t.granularity is not None else "unknown"
    facts = [t.display, f"precision: {precision}"]
    if t.approximate:
        facts.append("approximate")
    parts = [f"<b>{_escaped_lines(event.headline)}</b>", _escaped_lines(" · ".join(facts))]
    for contradiction_id in event.contradiction_ids:
        reason = context.contradictions.get(contradiction_id, contradiction_id)
        warning = _escaped_lines("contradiction: " + reason)
        parts.append(f'<span style="color:{RED}">{warning}</span>')
    for source in event.sources[:HOVER_SOURCES]:
        parts.append("")
        parts.append(f"<i>“{_escaped_lines(source.quote, limit=QUOTE_CHARS)}”</i>")
        parts.append("— " + _escaped_lines(context.document_name(source.doc_id)))
        mention = context.lookup.mentions.get(source.mention_id)
        if mention is not None:
            chain = context.lookup.explain(mention)
            # An explicit date has no anchor: its "chain" only shows how it was read.
            anchored = mention.resolution.anchor.kind is not AnchorKind.NONE
            parts.append(_escaped_lines(("anchor chain: " if anchored else "read as: ") + chain))
    hidden = len(event.sources) - HOVER_SOURCES
    if hidden > 0:
        parts.append(f"(+{hidden} more source{'s' if hidden > 1 else ''})")
    return "<br>".join(parts)


@dataclass(frozen=True, slots=True)
class _HoverContext:
    """Look-ups the hover needs, built once per timeline."""

    lookup: Lookup
    contradictions: dict[str, str]

    @classmethod
    def of(cls, timeline: Timeline) -> _HoverContext:
        return cls(Lookup.of(timeline), {c.id: c.reason for c in timeline.contradictions})

    def document_name(self, doc_id: str) -> str:
        result = self.lookup.documents.get(doc_id)
        title = result.document.title if result else None
        return f"{shorten(title, DOCUMENT_NAME_CHARS)} ({doc_id})" if title else doc_id


# ---------------------------------------------------------------- figure


def _iso(instant: int) -> str:
    """ISO date for Plotly; the time of day only when there is one (keeps the page small)."""
    return g.iso_instant(instant, instant % g.SECONDS_PER_DAY != 0)


def _ms(seconds: int) -> int:
    return seconds * 1000


def _bar(mark: Mark) -> Band:
    assert mark.bar is not None, "intervals always have a bar"
    return mark.bar


def _marker(mark: Mark) -> int:
    assert mark.marker is not None, "points always have a marker"
    return mark.marker


def _band_trace(marks: Sequence[Mark]) -> go.Bar | None:
    import plotly.graph_objects as go

    bands = [(m, b) for m in marks for b in m.bands]
    if not bands:
        return None
    return go.Bar(
        name="uncertainty (earliest – latest)",
        orientation="h",
        base=[_iso(b.start) for _, b in bands],
        x=[_ms(b.end - b.start) for _, b in bands],
        y=[m.row for m, _ in bands],
        width=[BAND_WIDTH] * len(bands),
        marker={
            "color": BAND,
            "line": {"width": 0},
            "opacity": [OPEN_OPACITY if b.open else 1.0 for _, b in bands],
        },
        hoverinfo="skip",
        legendrank=4,
    )


def _bar_trace(
    marks: Sequence[Mark], hovers: dict[str, str], name: str, opacity: float, rank: int
) -> go.Bar | None:
    import plotly.graph_objects as go

    if not marks:
        return None
    return go.Bar(
        name=name,
        orientation="h",
        base=[_iso(_bar(m).start) for m in marks],
        x=[_ms(_bar(m).end - _bar(m).start) for m in marks],
        y=[m.row for m in marks],
        width=[BAR_WIDTH] * len(marks),
        opacity=opacity,
        marker={
            "color": [RED if m.event.contradiction_ids else BLUE for m in marks],
            "line": {"width": 0},
            # approximate intervals are hatched, the bar counterpart of a hollow marker
            "pattern": {
                "shape": ["/" if m.event.time.approximate else "" for m in marks],
                "fgcolor": "white",
                "solidity": 0.3,
            },
        },
        customdata=[[hovers[m.event.id]] for m in marks],
        hovertemplate="%{customdata[0]}<extra></extra>",
        legendrank=rank,
    )


def _marker_trace(
    marks: Sequence[Mark], hovers: dict[str, str], name: str, color: str, rank: int
) -> go.Scatter | None:
    import plotly.graph_objects as go

    if not marks:
        return None
    return go.Scatter(
        name=name,
        mode="markers",
        x=[_iso(_marker(m)) for m in marks],
        y=[m.row for m in marks],
        marker={
            "color": color,
            "size": 11,
            "symbol": ["circle-open" if m.event.time.approximate else "circle" for m in marks],
            "line": {"width": 2, "color": color},
        },
        customdata=[[hovers[m.event.id]] for m in marks],
        hovertemplate="%{customdata[0]}<extra></extra>",
        legendrank=rank,
    )


def caption(plan: Plan) -> str:
    """The line under the title: how to read the marks and what was left out (plain text)."""
    parts = ["marker = middle of the possible dates; shaded = uncertainty; hover for sources"]
    if any(g.split_seconds(m.extent[0])[0] < 1 for m in plan.marks):
        parts.append("axis years before 1 are astronomical (0000 = 1 BC, -0099 = 100 BC)")
    if plan.undated:
        parts.append(f"{plan.undated} undated event{'s' if plan.undated != 1 else ''} not shown")
    if plan.out_of_range:
        parts.append(
            f"{plan.out_of_range} event{'s' if plan.out_of_range != 1 else ''} "
            f"outside years {MIN_YEAR}–{MAX_YEAR} not shown"
        )
    return " · ".join(parts)


def figure_height(rows: int) -> int:
    """Room for title, legend and range slider, plus a fixed height per row."""
    return max(440, 250 + 34 * rows)


def build_figure(timeline: Timeline, *, title: str = "chrono timeline") -> go.Figure:
    """The timeline as a Plotly figure (see the module docstring for what each mark means)."""
    import plotly.graph_objects as go

    plan = plan_timeline(timeline)
    context = _HoverContext.of(timeline)
    hovers = {m.event.id: _hover_text(m.event, context) for m in plan.marks}
    points = [m for m in plan.marks if m.kind == "point"]
    intervals = [m for m in plan.marks if m.kind == "interval"]

    def red(m: Mark) -> bool:
        return bool(m.event.contradiction_ids)

    traces = [
        _band_trace(plan.marks),
        _bar_trace(
            [m for m in intervals if not m.bar or not m.bar.open],
            hovers,
            "interval (start – end)",
            1.0,
            2,
        ),
        _bar_trace(
            [m for m in intervals if m.bar and m.bar.open],
            hovers,
            "open-ended interval",
            OPEN_OPACITY,
            3,
        ),
        _marker_trace(
            [m for m in points if not red(m) and not m.event.time.approximate],
            hovers,
            "date",
            BLUE,
            0,
        ),
        _marker_trace(
            [m for m in points if not red(m) and m.event.time.approximate],
            hovers,
            "approximate date",
            BLUE,
            1,
        ),
        _marker_trace([m for m in points if red(m)], hovers, "contradicted", RED, 5),
    ]
    fig = go.Figure([t for t in traces if t is not None])
    fig.update_layout(_layout(plan, title))
    if not plan.marks:
        fig.add_annotation(
            text="no dated events",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            font={"size": 16, "color": "#666"},
        )
    return fig


def _layout(plan: Plan, title: str) -> dict:
    rows = max(plan.rows, 1)
    xaxis: dict = {
        "type": "date",
        # the slider's mini-map keeps the lanes in the same order as the plot
        "rangeslider": {"visible": True, "thickness": 0.07, "yaxis": {"rangemode": "match"}},
        "rangeselector": {
            "buttons": [
                {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                {"count": 10, "label": "10y", "step": "year", "stepmode": "backward"},
                {"step": "all", "label": "all"},
            ]
        },
        "showgrid": True,
        "gridcolor": "#e6e6e6",
    }
    if plan.x_range:
        xaxis["range"] = [_iso(plan.x_range[0]), _iso(plan.x_range[1])]
    lanes = plan.lanes
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
        "yaxis": {
            "tickmode": "array",
            "tickvals": [lane.first_row + (lane.rows - 1) / 2 for lane in lanes],
            "ticktext": [escape(lane.label) for lane in lanes],
            "range": [rows - 0.5, -0.5],  # first document on top
            "fixedrange": True,  # zoom in time only
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
        },
        "shapes": _lane_shapes(lanes),
    }


def _lane_shapes(lanes: Sequence[Lane]) -> list[dict]:
    """Alternate shading so each document's rows read as one lane."""
    return [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "layer": "below",
            "x0": 0,
            "x1": 1,
            "y0": lane.first_row - 0.5,
            "y1": lane.first_row + lane.rows - 0.5,
            "fillcolor": "rgba(0, 0, 0, 0.035)" if i % 2 == 0 else "rgba(0, 0, 0, 0)",
            "line": {"width": 0},
        }
        for i, lane in enumerate(lanes)
    ]


# ---------------------------------------------------------------- pages


def _plotlyjs_option(plotlyjs: str) -> bool | str:
    try:
        return PLOTLYJS_MODES[plotlyjs]
    except KeyError:
        choices = ", ".join(PLOTLYJS_MODES)
        raise UsageError(f"plotlyjs must be one of {choices}, not {plotlyjs!r}") from None


def render_html(
    timeline: Timeline, *, title: str = "chrono timeline", plotlyjs: str = "inline"
) -> str:
    """A full HTML page. `plotlyjs`: inline (self-contained, works offline), cdn, or
    directory (expects plotly.min.js next to the page; `write_html` puts it there)."""
    import plotly.io as pio

    include = _plotlyjs_option(plotlyjs)
    fig = build_figure(timeline, title=title)
    page = pio.to_html(
        fig,
        include_plotlyjs=include,
        full_html=True,
        div_id=DIV_ID,
        config={
            "responsive": True,
            "displaylogo": False,
            "toImageButtonOptions": {"filename": "chrono-timeline"},
        },
        default_height=f"{fig.layout.height}px",
    )
    # Plotly's page has no <title>; a browser tab should say what it shows.
    return page.replace("<head>", f"<head>\n    <title>{html.escape(title)}</title>", 1)


def write_html(
    timeline: Timeline,
    path: str | Path,
    *,
    title: str = "chrono timeline",
    plotlyjs: str = "inline",
) -> None:
    """Write the page atomically (temp file in the same folder, then os.replace), making
    the folder if needed.

    With plotlyjs="directory", plotly.min.js is written next to the page (also atomically)
    unless an identical copy is already there.
    """
    target = Path(path)
    page = render_html(timeline, title=title, plotlyjs=plotlyjs)
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
