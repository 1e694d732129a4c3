"""Where each mark of the HTML timeline goes: lanes, rows and geometry, without Plotly.

Lanes are documents or subjects (`chrono.render.lanes`); a "contradictions" lane on
top holds one row per contradiction with every claim of it side by side. Inside a
lane, marks whose extents would overlap go on separate rows so no mark hides another.

Marks, all computed from `event.time.bounds` (seconds, `latest_*` inclusive):
- a point (its end can coincide with its start) is a marker at the middle of
  [earliest_start, latest_end] (the best estimate) over a band covering that range;
- an interval (earliest_end > latest_start) is a bar from the middle of the
  start range to the middle of the end range, with a band for each range;
  an open side runs to the edge of the data and is drawn faded;
- undated events (empty bounds) cannot be placed and are counted in the caption.

The x axis is a date axis while every instant lies in years 1..9999 (Plotly's
date axis and ISO strings); otherwise it is a numeric axis of decimal years, so
480 BC or the year 12000 are drawn, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from chrono.render import Lookup, check_lanes, ui
from chrono.render.lanes import lane_key, lane_names
from chrono.times import gregorian as g
from chrono.types import Bounds, Claim, Contradiction, Event, Mention, Timeline
from chrono.types import Kind as TimeKind

Kind = Literal["point", "interval"]
Axis = Literal["date", "year"]

DATE_AXIS_YEARS = (1, 9999)  # beyond these, decimal years on a numeric axis
MIN_PAD = 30 * g.SECONDS_PER_DAY
MAX_ROWS_PER_LANE = 60  # a busier lane lets marks overlap rather than grow without end
CONTRADICTIONS = "\x00contradictions"  # the key of the contradictions lane (no lane can clash)


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
    marker: int | None  # points: the best estimate
    bar: Band | None  # intervals: from the start estimate to the end estimate
    bands: tuple[Band, ...]  # the uncertainty

    @property
    def extent(self) -> tuple[int, int]:
        stretches = [*self.bands, *([self.bar] if self.bar else [])]
        if self.marker is not None:
            stretches.append(Band(self.marker, self.marker))
        return min(s.start for s in stretches), max(s.end for s in stretches)


@dataclass(frozen=True, slots=True)
class ClaimPoint:
    claim: Claim
    at: int  # the claim's best estimate
    written: str  # the claim's mention as the text has it
    display: str  # ... and as chrono resolved it
    band: Band | None = None  # the days the claim allows, drawn behind its cross

    @property
    def reach(self) -> tuple[int, int]:
        """The first and last instant the claim covers on the chart (exclusive end)."""
        if self.band is None:
            return self.at, self.at + 1
        return self.band.start, self.band.end


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """One contradiction: its placed claims on one row of the contradictions lane."""

    contradiction: Contradiction
    lane: int
    row: int
    points: tuple[ClaimPoint, ...]

    @property
    def extent(self) -> tuple[int, int]:
        return min(p.reach[0] for p in self.points), max(p.reach[1] for p in self.points)


@dataclass(frozen=True, slots=True)
class Lane:
    key: str
    label: str  # plain text; escape before it reaches the page
    first_row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Plan:
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    claims: tuple[ClaimMark, ...]
    undated: int  # events with empty bounds, not drawn
    x_range: tuple[int, int] | None  # the data's edges (padded); None without marks
    axis: Axis

    @property
    def rows(self) -> int:
        return sum(lane.rows for lane in self.lanes)


def plan_timeline(timeline: Timeline, lanes: str = "document") -> Plan:
    """Decide the axis, lanes, rows and the geometry of every mark."""
    check_lanes(lanes)
    dated = [e for e in timeline.events if not e.time.bounds.empty]
    claims = _claims(timeline)
    at_claims = [x for points in claims.values() for p in points for x in p.reach]
    instants = [x for e in dated for x in _instants(e.time.bounds)] + at_claims
    known = [x for e in dated for x in _known(e.time.bounds)] + at_claims
    axis: Axis = "date" if all(_date_axis_fits(x) for x in known) else "year"
    edges = _edges(instants, axis)
    shapes = [_shape(e, edges) for e in dated] if edges else []

    names = lane_names(timeline, dated, lanes)
    index = {name.key: i for i, name in enumerate(names)}
    offset = 1 if claims else 0  # the contradictions lane comes first
    groups: dict[int, list[Mark]] = {}
    for event, shape in zip(dated, shapes, strict=True):
        lane = index[lane_key(event, lanes)] + offset
        groups.setdefault(lane, []).append(Mark(event, lane, 0, *shape))
    gap = 0 if edges is None else (edges[1] - edges[0]) // 100  # room for the markers' size

    plan_lanes: list[Lane] = []
    marks: list[Mark] = []
    placed_claims: list[ClaimMark] = []
    first_row = 0
    if claims:
        drafts = [ClaimMark(c, 0, 0, points) for c, points in claims.items()]
        placed_claims = _pack(drafts, gap, first_row)
        rows = _rows(placed_claims, first_row)
        plan_lanes.append(Lane(CONTRADICTIONS, ui("html", "lane_contradictions"), 0, rows))
        first_row += rows
    for i, name in enumerate(names):
        if not groups.get(i + offset):
            continue  # a lane with nothing dated in it is not drawn (its events are listed)
        placed = _pack(groups.get(i + offset, []), gap, first_row)
        rows = _rows(placed, first_row)
        plan_lanes.append(Lane(name.key, name.label, first_row, rows))
        marks.extend(placed)
        first_row += rows
    return Plan(
        tuple(plan_lanes),
        tuple(marks),
        tuple(placed_claims),
        len(timeline.events) - len(dated),
        edges,
        axis,
    )


# ---------------------------------------------------------------- axis and edges


def _date_axis_fits(instant: int) -> bool:
    low, high = DATE_AXIS_YEARS
    return low <= g.split_seconds(instant)[0] <= high


def _known(bounds: Bounds) -> list[int]:
    b = bounds
    return [
        x for x in (b.earliest_start, b.latest_start, b.earliest_end, b.latest_end) if x is not None
    ]


def _instants(bounds: Bounds) -> list[int]:
    """The known instants of some bounds, latest ones made exclusive."""
    b = bounds
    return [x for x in (b.earliest_start, b.earliest_end) if x is not None] + [
        x + 1 for x in (b.latest_start, b.latest_end) if x is not None
    ]


def _year_start(year: int) -> int:
    return g.seconds(g.days_from_civil(year, 1, 1))


def _edges(instants: Sequence[int], axis: Axis) -> tuple[int, int] | None:
    """The data's extent (`instants` has exclusive ends), padded so that open ends visibly
    run past the last closed mark (on a date axis, never past the years it can show)."""
    if not instants:
        return None
    low, high = min(instants), max(instants)
    pad = max((high - low) // 25, MIN_PAD)
    if axis == "year":
        return low - pad, high + pad
    # An exclusive end may be 1 Jan 10000, which a date axis cannot show: stop just before.
    first, last = _year_start(DATE_AXIS_YEARS[0]), _year_start(DATE_AXIS_YEARS[1] + 1) - 1
    return max(low - pad, first), min(high + pad, last)


def decimal_year(instant: int) -> float:
    """An instant as a decimal astronomical year: 2004.5 is early July 2004, -479.0 is
    1 Jan 480 BC."""
    year = g.split_seconds(instant)[0]
    start, end = _year_start(year), _year_start(year + 1)
    return round(year + (instant - start) / (end - start), 6)


# ---------------------------------------------------------------- shapes


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


def estimate(bounds: Bounds) -> int | None:
    """The best single instant for some bounds: the middle of what is known (of the end's
    range when only the end is known: "until 1985" is 1985)."""
    b = bounds
    start = b.earliest_start if b.earliest_start is not None else b.latest_start
    end = b.latest_end if b.latest_end is not None else b.earliest_end
    if start is not None and end is not None:
        return _mid(start, max(start, end + 1))
    if start is not None:
        return start
    if b.earliest_end is not None and b.latest_end is not None:
        return _mid(b.earliest_end, b.latest_end + 1)
    return end


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
    if end is not None:  # "before 1990"
        return "point", end, None, (Band(left, end, open=True),)
    # Only the inner bounds are known (latest_start, earliest_end): the marker sits there.
    known = [x for x in (b.latest_start, b.earliest_end) if x is not None]
    return "point", known[0], None, ()


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


# ---------------------------------------------------------------- contradictions


def _claims(timeline: Timeline) -> dict[Contradiction, tuple[ClaimPoint, ...]]:
    """Each contradiction with the claims that can be placed (their mentions have bounds)."""
    lookup = Lookup.of(timeline)
    placed: dict[Contradiction, tuple[ClaimPoint, ...]] = {}
    for contradiction in timeline.contradictions:
        points = []
        for claim in contradiction.claims:
            mention = lookup.mentions.get(claim.mention_id)
            if mention is None:
                continue
            placed_at = _claim_place(mention)
            if placed_at is not None:
                at, band = placed_at
                points.append(ClaimPoint(claim, at, mention.text, mention.resolution.display, band))
        if points:
            placed[contradiction] = tuple(points)
    return placed


def _claim_place(mention: Mention) -> tuple[int, Band | None] | None:
    """Where a claim is drawn: the middle of the days it allows, over a band of them. An
    age claims a birth: its start range ("64 in October 2020" is born 1955-1956), not the
    middle of the life its bounds describe."""
    b = mention.resolution.bounds
    if mention.tag.spec.kind is TimeKind.AGE:
        b = Bounds(b.earliest_start, b.latest_start, b.earliest_start, b.latest_start)
    low, high = b.earliest_start, _after(b.latest_end)
    if low is not None and high is not None and high > low:
        return _mid(low, high), Band(low, high)
    at = estimate(b)
    return None if at is None else (at, None)


# ---------------------------------------------------------------- rows

M = TypeVar("M", Mark, ClaimMark)


def _pack(drafts: Iterable[M], gap: int, first_row: int) -> list[M]:
    """Greedy interval packing: each mark goes on the first row of its lane it fits on;
    past MAX_ROWS_PER_LANE rows, on the row that frees up first (marks may overlap)."""
    ordered = sorted(drafts, key=_order)
    row_ends: list[int] = []
    placed: list[M] = []
    for draft in ordered:
        start, end = draft.extent
        row = next((i for i, last in enumerate(row_ends) if last + gap < start), len(row_ends))
        if row == MAX_ROWS_PER_LANE:
            row = min(range(len(row_ends)), key=row_ends.__getitem__)
        if row == len(row_ends):
            row_ends.append(end)
        row_ends[row] = max(end, row_ends[row])
        placed.append(replace(draft, row=first_row + row))
    return placed


def _order(mark: Mark | ClaimMark) -> tuple[int, int, str]:
    start, end = mark.extent
    key = mark.event.id if isinstance(mark, Mark) else mark.contradiction.id
    return start, end, key


def _rows(placed: Sequence[Mark | ClaimMark], first_row: int) -> int:
    return max((m.row - first_row + 1 for m in placed), default=1)
