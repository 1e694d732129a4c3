"""Resolved mentions -> events: the clause each time dates, its trigger, who did it.

Every mention belongs to exactly one event. Two mentions tagged as the two
ends of one range (`span_role` "begin"/"end") make one event whose time is the
interval between them; any other mention makes an event of its own. For each
mention the sentence is taken apart (`chrono.clauses`), the clause holding the
mention is found (a fronted "That year," leans on the clause after it), its
verb nearest the mention is the trigger, and `chrono.headlines` writes the
headline. Persons are tracked over the whole document (`chrono.persons`) so
that "she" can become "Sorvino" when that is safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chrono import gregorian as g
from chrono.clauses import Analysis, analyze, groups_near, unit_containing
from chrono.eventlex import EventLexicon, lexicon
from chrono.headlines import (
    Context,
    Headline,
    age_headline,
    clause_headline,
    drop_mask,
    fallback,
    noun_headline,
)
from chrono.persons import People
from chrono.sentences import sentence_of
from chrono.types import (
    Bounds,
    CalendarValue,
    Document,
    Event,
    EventTime,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Source,
)
from chrono.values import edtf_value, event_time, range_time, unit_span

G = Granularity

_TRIGGERS_TRIED = 3  # verbs tried, nearest first, until one has a subject


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # character span of the clause (the quote of a source)
    end: int
    headline: Headline


def extract_events(
    document: Document, mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]
) -> tuple[Event, ...]:
    """One event per mention, or per begin/end pair of a range; ids in text order.

    Any input is accepted: sentence spans that overlap, lie outside the text or are missing
    (a mention outside every sentence is read in its line), and mentions with odd spans or
    broken range partners. A mention whose clause gives no headline gets one from its own
    words, so every mention belongs to exactly one event with a non-empty headline.
    """
    if not mentions:
        return ()
    text = document.text
    lex = lexicon()
    spans = _valid_spans(sentences, len(text))
    times = [(*_clamp(m.start, m.end, len(text)), k) for k, m in enumerate(mentions)]
    analyses = _analyse(text, spans, times, lex)
    people = People(text, lex)
    for an in analyses:
        people.observe(an)
    ctx = Context(text, lex, people)
    clauses = [
        _clause(ctx, _analysis_for(ctx, spans, analyses, times, k), mentions[k], k)
        for k in range(len(mentions))
    ]
    return _events(document, mentions, clauses)


def _clamp(start: int, end: int, size: int) -> tuple[int, int]:
    start = max(0, min(start, size))
    return start, max(start, min(end, size))


def _valid_spans(sentences: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    spans = sorted({_clamp(a, b, size) for a, b in sentences})
    out: list[tuple[int, int]] = []
    for a, b in spans:  # drop empty and overlapping spans: the rest of the code relies on order
        if b > a and (not out or a >= out[-1][1]):
            out.append((a, b))
    return out


def _analyse(
    text: str, spans: list[tuple[int, int]], times: list[tuple[int, int, int]], lex: EventLexicon
) -> list[Analysis]:
    ordered = sorted(times)
    analyses = []
    j = 0
    for a, b in spans:
        while j < len(ordered) and ordered[j][1] <= a and ordered[j][0] < a:
            j += 1
        inside = []
        k = j
        while k < len(ordered) and ordered[k][0] < b:
            if ordered[k][1] > a or ordered[k][0] >= a:
                inside.append(ordered[k])
            k += 1
        analyses.append(analyze(text, a, b, inside, lex))
    return analyses


# ---------------------------------------------------------------- one mention


def _analysis_for(
    ctx: Context,
    spans: list[tuple[int, int]],
    analyses: list[Analysis],
    times: list[tuple[int, int, int]],
    k: int,
) -> Analysis:
    """The analysis of the sentence holding mention k (times[k] is its clamped span)."""
    start, end, _ = times[k]
    index = sentence_of(spans, start)
    if index >= 0 and spans[index][0] <= start < spans[index][1]:
        return analyses[index]
    # Outside every sentence span: read the line around the mention instead.
    text = ctx.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    inside = [t for t in times if t[0] < line_end and t[1] > line_start]
    return analyze(text, line_start, max(line_end, end), inside, ctx.lex)


def _clause(ctx: Context, an: Analysis, mention: Mention, k: int) -> _Clause:
    start, end = _clamp(mention.start, mention.end, len(ctx.text))
    tokens = an.time_tokens(k)
    drop = drop_mask(an, ctx.lex)
    if not tokens:  # an empty or unmatched span: nothing to read around it
        return _Clause(start, end, Headline(_last_resort(ctx, mention), None, None))
    first, last = tokens[0], tokens[-1]
    unit_index = unit_containing(an, first)
    assert unit_index >= 0, "time tokens are content: they always lie in a chunk"
    unit = an.units[unit_index]
    span = _unit_span(an, unit, start, end)
    candidates = groups_near(an, unit_index, first, last)
    gi = candidates[0] if candidates else None
    headline = None
    if mention.tag.spec.kind is Kind.AGE:
        headline = age_headline(ctx, an, first, last, mention.tag.spec.duration, gi, drop)
    for candidate in candidates[:_TRIGGERS_TRIED]:  # the nearest verb may have no subject
        if headline is None:
            headline = clause_headline(ctx, an, candidate, drop)
    if headline is None and gi is None:
        headline = noun_headline(ctx, an, unit, first, drop)
    if headline is None:
        chunk_tokens = [i for c in unit for i in range(an.chunks[c].lead, an.chunks[c].end)]
        trigger = an.tokens[an.groups[gi].main].text if gi is not None else None
        text = (
            fallback(ctx, an, chunk_tokens, drop)
            or fallback(ctx, an, range(len(an.tokens)), drop)
            or _last_resort(ctx, mention)
        )
        headline = Headline(text, trigger, None)
    return _Clause(span[0], span[1], headline)


def _unit_span(an: Analysis, unit: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Characters of the clause, from its first word (without a leading "and") to its last."""
    first = min(
        an.chunks[c].lead if an.chunks[c].lead < an.chunks[c].end else an.chunks[c].first
        for c in unit
    )
    last = max(an.chunks[c].end for c in unit) - 1
    return min(an.tokens[first].start, start), max(an.tokens[last].end, end)


def _last_resort(ctx: Context, mention: Mention) -> str:
    words = " ".join(mention.text.split()) or " ".join(mention.resolution.display.split())
    return words or ctx.lex.untitled


# ---------------------------------------------------------------- events


# Calendar units an age's reference time may be, finest first.
_REFERENCE_UNITS = (G.SECOND, G.MINUTE, G.HOUR, G.DAY, G.MONTH, G.YEAR)


def age_time(resolution: Resolution) -> EventTime:
    """When the event of an age happens: "The Oscar winner is 55" is told of the age's
    reference time (the document date, or the date of its sentence), not of the birth.

    An age's resolution bounds describe the life so far: they start with the birth range and
    end at the reference time. The event is the point at that end.
    """
    b = resolution.bounds
    bounds = Bounds(b.earliest_end, b.latest_end, b.earliest_end, b.latest_end, b.with_time)
    point = _calendar_unit(b.earliest_end, b.latest_end)
    return EventTime(
        edtf=edtf_value(point) if point is not None else None,
        display=resolution.display,
        granularity=point.granularity if point is not None else resolution.granularity,
        approximate=point is None and resolution.approximate,
        bounds=bounds,
    )


def _calendar_unit(first: int | None, last: int | None) -> CalendarValue | None:
    """The calendar day, month, year (or hour ...) that runs exactly from `first` to `last`."""
    if first is None or last is None:
        return None
    year, month, day, hour, minute, second = g.split_seconds(first)
    for unit in _REFERENCE_UNITS:
        value = CalendarValue(
            unit,
            year=year,
            month=month if unit >= G.MONTH else None,
            day=day if unit >= G.DAY else None,
            hour=hour if unit >= G.HOUR else None,
            minute=minute if unit >= G.MINUTE else None,
            second=second if unit >= G.SECOND else None,
        )
        if unit_span(value) == (first, last):
            return value
    return None


def _partner(mentions: Sequence[Mention], k: int) -> int | None:
    """Index of the end mention of a range whose begin is mention k (None if k begins none)."""
    tag = mentions[k].tag
    other = tag.span_partner
    if tag.span_role != "begin" or other is None or not 0 <= other < len(mentions) or other == k:
        return None
    partner = mentions[other].tag
    if partner.span_role != "end" or partner.span_partner not in (None, k):
        return None
    return other


def _events(
    document: Document, mentions: Sequence[Mention], clauses: list[_Clause]
) -> tuple[Event, ...]:
    paired: dict[int, int] = {}
    for k in range(len(mentions)):
        other = _partner(mentions, k)
        if other is not None and other not in paired and k not in paired:
            paired[k] = other
            paired[other] = -1  # consumed as an end
    groups: list[tuple[int, ...]] = []
    for k in range(len(mentions)):
        if k in paired and paired[k] == -1:
            continue
        groups.append((k, paired[k]) if k in paired else (k,))
    groups.sort(
        key=lambda g: (min(mentions[m].start for m in g), min(mentions[m].end for m in g), g)
    )
    events = []
    for n, members in enumerate(groups, start=1):
        head = clauses[members[0]]
        first = mentions[members[0]]
        if len(members) == 2:
            time = range_time(first.resolution, mentions[members[1]].resolution)
        elif first.tag.spec.kind is Kind.AGE:
            time = age_time(first.resolution)
        else:
            time = event_time(first.resolution)
        sources = tuple(
            Source(
                document.id,
                mentions[m].id,
                document.text[clauses[m].start : clauses[m].end],
                clauses[m].start,
                clauses[m].end,
                mentions[m].resolution.edtf,
            )
            for m in members
        )
        events.append(
            Event(
                id=f"{document.id}:e{n}",
                headline=head.headline.text,
                trigger=head.headline.trigger,
                subject=head.headline.subject,
                doc_ids=(document.id,),
                mention_ids=tuple(mentions[m].id for m in members),
                time=time,
                sources=sources,
            )
        )
    return tuple(events)
