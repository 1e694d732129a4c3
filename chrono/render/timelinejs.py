"""The timeline as TimelineJS 3 JSON (Knight Lab's storytelling timeline).

One slide per dated event: `start_date` (and `end_date` for spans) as TimelineJS
date objects at the event's precision, chrono's own words in `display_date`
(`c. 2004`, `since 2009`), the headline and every source (quote, document, date
as written) in `text`, the lane (document or subject) as `group`, and a
`unique_id` safe for an HTML id. A title slide says what the timeline holds.

TimelineJS shows text fields as HTML, so all document text is HTML-escaped here.
Its years are numbered as historians do: -44 is shown as "44 BCE", and there is
no year 0; chrono's astronomical years (0 = 1 BC) are converted. Undated events
cannot be placed (TimelineJS requires `start_date`): the title slide counts them.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from chrono.render import Lookup, check_lanes, counted, ui
from chrono.render.atomic import write_text_atomic
from chrono.render.html_plan import estimate, is_interval
from chrono.render.lanes import lane_key, lane_names
from chrono.times import gregorian as g
from chrono.types import Bounds, Event, Granularity, Source, Timeline

G = Granularity
JS_DATE_YEARS = (-271_820, 275_759)  # what a JavaScript Date holds; beyond, "cosmological"
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def timelinejs_dict(
    timeline: Timeline, *, lanes: str = "document", title: str | None = None
) -> dict[str, Any]:
    """The TimelineJS 3 data object: `title`, `events`, `scale`."""
    check_lanes(lanes)
    dated = [e for e in timeline.events if not e.time.bounds.empty]
    labels = {name.key: name.label for name in lane_names(timeline, dated, lanes)}
    lookup = Lookup.of(timeline)
    reasons = {c.id: c.reason for c in timeline.contradictions}
    ids = _unique_ids(dated)
    events = [
        _slide(event, ids[event.id], labels[lane_key(event, lanes)], lookup, reasons)
        for event in dated
    ]
    years = [g.split_seconds(x)[0] for e in dated for x in _known(e.time.bounds)]
    human = all(JS_DATE_YEARS[0] <= y <= JS_DATE_YEARS[1] for y in years)
    return {
        "title": _title_slide(timeline, title, len(timeline.events) - len(dated)),
        "events": events,
        "scale": "human" if human else "cosmological",
    }


def timelinejs_json(
    timeline: Timeline,
    *,
    lanes: str = "document",
    title: str | None = None,
    indent: int | None = 2,
) -> str:
    data = timelinejs_dict(timeline, lanes=lanes, title=title)
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)


def write_timelinejs(
    timeline: Timeline, path: str | Path, *, lanes: str = "document", title: str | None = None
) -> None:
    """Write the JSON atomically, making the folder if needed."""
    write_text_atomic(path, timelinejs_json(timeline, lanes=lanes, title=title) + "\n")


# ---------------------------------------------------------------- dates


def _known(bounds: Bounds) -> list[int]:
    b = bounds
    instants = (b.earliest_start, b.latest_start, b.earliest_end, b.latest_end)
    return [x for x in instants if x is not None]


def timelinejs_year(year: int) -> int:
    """An astronomical year as TimelineJS numbers it: 0 (1 BC) is -1, -43 (44 BC) is -44."""
    return year if year > 0 else year - 1


def date_object(instant: int, granularity: Granularity | None) -> dict[str, int]:
    """A TimelineJS date object with the fields the precision knows: a year is {year},
    a month adds month, a day adds day, a clock time hour and minute (and second)."""
    year, month, day, hour, minute, second = g.split_seconds(instant)
    date = {"year": timelinejs_year(year)}
    if granularity is None or granularity <= G.YEAR:
        return date
    date["month"] = month
    if granularity <= G.MONTH:
        return date
    date["day"] = day
    if granularity < G.HOUR:
        return date
    date.update(hour=hour, minute=minute)
    if granularity >= G.SECOND:
        date["second"] = second
    return date


def stated(
    granularity: Granularity | None, low: int | None, high: int | None
) -> Granularity | None:
    """The precision an instant can be written at when it lies between `low` and `high`:
    never finer than where they agree ("a Saturday, c. 2014" is a year on the axis, not a
    made-up day; "March 2009" a month)."""
    if low is None or high is None or low == high:
        return granularity
    a, b = g.split_seconds(low)[:3], g.split_seconds(high)[:3]
    agreed = G.DAY if a == b else G.MONTH if a[:2] == b[:2] else G.YEAR
    return agreed if granularity is None else min(granularity, agreed)


def _dates(event: Event) -> tuple[dict[str, int], dict[str, int] | None]:
    """start_date and end_date (None for an instant) of a dated event, each at the
    precision its bounds state."""
    b, granularity = event.time.bounds, event.time.granularity
    if is_interval(b):
        start = Bounds(b.earliest_start, b.latest_start, b.earliest_start, b.latest_start)
        end = Bounds(b.earliest_end, b.latest_end, b.earliest_end, b.latest_end)
        first, last = estimate(start), estimate(end)
        first_at = stated(granularity, b.earliest_start, b.latest_start)
        last_at = stated(granularity, b.earliest_end, b.latest_end)
        if first is None:  # "until 1985": only the end is known
            first, last, first_at = last, None, last_at
        assert first is not None, "a dated interval knows one of its ends"
        end_date = None if last is None else date_object(last, last_at)
        return date_object(first, first_at), end_date
    # A unit wider than a year (the 1980s) or between year and month (spring 1963, Q3
    # 2019, a week) is a span on TimelineJS's axis; others sit at their best estimate.
    coarse = granularity is not None and (
        granularity < G.YEAR or G.YEAR < granularity < G.MONTH or granularity is G.WEEK
    )
    if coarse and b.earliest_start is not None and b.latest_end is not None:
        return date_object(b.earliest_start, granularity), date_object(b.latest_end, granularity)
    at = estimate(b)
    assert at is not None, "a dated event has a known instant"
    return date_object(at, stated(granularity, b.earliest_start, b.latest_start)), None


# ---------------------------------------------------------------- slides


def _slide(
    event: Event, unique_id: str, group: str, lookup: Lookup, reasons: dict[str, str]
) -> dict[str, Any]:
    start, end = _dates(event)
    headline = escape(event.headline)
    if event.contradiction_ids:
        headline = ui("timelinejs", "contradicted").format(headline)
    slide: dict[str, Any] = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    slide.update(
        display_date=event.time.display,
        text={"headline": headline, "text": _text(event, lookup, reasons)},
        group=group,
        unique_id=unique_id,
        autolink=False,  # document text stays text
    )
    return slide


def _text(event: Event, lookup: Lookup, reasons: dict[str, str]) -> str:
    t = event.time
    precision = t.granularity.label if t.granularity is not None else None
    facts = ui("html", "hover_date").format(
        display=t.display, precision=precision or ui("html", "precision_unknown")
    )
    parts = [f"<p>{escape(facts)}</p>"]
    for contradiction_id in event.contradiction_ids:
        reason = reasons.get(contradiction_id, contradiction_id)
        parts.append(f"<p><b>{escape(ui('timelinejs', 'contradiction').format(reason))}</b></p>")
    parts.extend(_source(source, lookup) for source in event.sources)
    return "".join(parts)


def _source(source: Source, lookup: Lookup) -> str:
    quote = ui("timelinejs", "quote").format(" ".join(source.quote.split()))
    mention = lookup.mentions.get(source.mention_id)
    written = mention.text if mention is not None else source.quote
    result = lookup.documents.get(source.doc_id)
    title = result.document.title if result is not None else None
    document = f"{title} ({source.doc_id})" if title else source.doc_id
    cite = ui("timelinejs", "source").format(document=document, written=written)
    return f"<blockquote>{escape(quote)}</blockquote><p>{escape(cite)}</p>"


def _title_slide(timeline: Timeline, title: str | None, undated: int) -> dict[str, Any]:
    summary = ui("timelinejs", "summary").format(
        documents=counted("document", len(timeline.documents)),
        events=counted("event", len(timeline.events)),
    )
    text = f"<p>{escape(summary)}</p>"
    if undated:
        note = ui("timelinejs", "not_shown").format(counted("undated_event", undated))
        text += f"<p>{escape(note)}</p>"
    headline = escape(title or ui("timelinejs", "title"))
    return {"text": {"headline": headline, "text": text}, "unique_id": "chrono-title"}


def _unique_ids(events: list[Event]) -> dict[str, str]:
    """Event ids made safe for HTML ids and URL fragments (TimelineJS uses both), unique."""
    ids: dict[str, str] = {}
    taken = {"chrono-title"}
    for event in events:
        base = _NOT_ID.sub("-", event.id).strip("-") or "event"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids[event.id] = candidate
    return ids
