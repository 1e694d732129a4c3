"""Resolved mentions -> events: the clause each time dates, its trigger, who did it.

Every mention belongs to at least one event. Two mentions that are the start and the end
of one happening make one event whose time runs between them: the two ends of a range the
tagger linked (`span_role` "begin"/"end": "from 1964 to 1970"), or a "since/from" time and
an "until/to" time told of the same trigger ("ran the firm from 2001, through a merger,
until 2005"). Any other mention makes an event of its own, and a time fronted before
coordinated predicates dates each of them ("In 2004 she joined Amnesty and founded a
charity": two events). For each mention the sentence is taken apart (`chrono.text.clauses`),
the clause holding the mention is found (a fronted "That year," leans on the clause after
it), its finite verb with a subject heads the headline (`chrono.events.headlines`), and the word
the time actually modifies is the trigger (`chrono.events.triggers`: "plans to *travel* next
week", "the 1988 *cease-fire*"). Persons are tracked over the whole document
(`chrono.events.persons`) so that "she" can become "Sorvino" when that is safe, and an event's
subject is the person's full name ("Mira Sorvino") so reports can be merged on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from chrono.events.headlines import (
    Context,
    Headline,
    age_headline,
    clause_headline,
    drop_mask,
    fallback,
    noun_headline,
)
from chrono.events.persons import People
from chrono.events.triggers import dated_word, predicate
from chrono.resources.lexicon import EventLexicon, lexicon
from chrono.resources.loader import fold
from chrono.text.clauses import Analysis, analyze, groups_near, strip_possessive, unit_containing
from chrono.text.sentences import sentence_of
from chrono.times import gregorian as g
from chrono.times.values import edtf_value, event_time, range_time, unit_span
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

G = Granularity

_TRIGGERS_TRIED = 3  # verbs tried, nearest first, until one has a subject


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # character span of the clause (the quote of a source)
    end: int
    headline: Headline
    trigger_at: int = -1  # document offset of the trigger word (-1: none)
    sentence: int = -1  # the analysis (sentence) it was read in
    more: tuple[_Clause, ...] = ()  # other events the same time dates (coordinated predicates)


def extract_events(
    document: Document, mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]
) -> tuple[Event, ...]:
    """One event per mention (or per start/end pair), plus one per coordinated predicate a
    fronted time also dates; ids in text order.

    Any input is accepted: sentence spans that overlap, lie outside the text or are missing
    (a mention outside every sentence is read in its line), and mentions with odd spans or
    broken range partners. A mention whose clause gives no headline gets one from its own
    words, so every mention belongs to at least one event with a non-empty headline.
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
    used = None
    if mention.tag.spec.kind is Kind.AGE:
        headline = age_headline(ctx, an, first, last, mention.tag.spec.duration, gi, drop)
    for candidate in candidates[:_TRIGGERS_TRIED]:  # the nearest verb may have no subject
        if headline is None:
            headline = clause_headline(ctx, an, candidate, drop)
            used = candidate if headline is not None else None
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
    subject = canonical_subject(ctx.people, headline.subject)
    trigger = headline.trigger
    trigger_at = -1
    if mention.tag.spec.kind is not Kind.AGE:
        dated = dated_word(an, unit_index, first, last, candidates, ctx.lex)
        if dated is not None:
            trigger, trigger_at = an.tokens[dated].text, an.tokens[dated].start
    more = ()
    if used is not None and first < an.groups[used].first:
        more = tuple(_coordinated(ctx, an, used, drop))
    return _Clause(
        span[0], span[1], Headline(headline.text, trigger, subject), trigger_at, an.start, more
    )


def _coordinated(ctx: Context, an: Analysis, gi: int, drop: list[bool]) -> list[_Clause]:
    """The predicates coordinated with group gi that a time fronted before it also dates:
    "In 2004 she joined Amnesty and founded a charity" (not those with a time of their own)."""
    subject = an.subjects[gi]
    if subject is None:
        return []
    out = []
    for gj in range(gi + 1, len(an.groups)):
        other = an.subjects[gj]
        if other is None or (other.start, other.end) != (subject.start, subject.end):
            continue
        if other.via != "inherited" or not an.groups[gj].finite:
            continue
        ci = an.chunk_of[an.groups[gj].main]
        unit = an.unit_of[ci] if ci >= 0 else -1
        if unit < 0 or any(an.time_of[i] >= 0 for c in an.units[unit] for i in _chunk_range(an, c)):
            break  # a predicate with its own time, and all after it, are dated by that time
        headline = clause_headline(ctx, an, gj, drop)
        if headline is None:
            continue
        main = an.tokens[an.groups[gj].main]
        start, end = _unit_span(an, an.units[unit], main.start, main.end)
        named = canonical_subject(ctx.people, headline.subject)
        trigger_at = an.tokens[predicate(an, gj, ctx.lex)]
        out.append(
            _Clause(
                start,
                end,
                Headline(headline.text, trigger_at.text, named),
                trigger_at.start,
                an.start,
            )
        )
    return out


def _chunk_range(an: Analysis, ci: int) -> range:
    return range(an.chunks[ci].first, an.chunks[ci].end)


def canonical_subject(people: People, subject: str | None) -> str | None:
    """A person's full name for a subject that names part of it ("Sorvino", "Mira" -> "Mira
    Sorvino"): the headline keeps the short form, the event's subject names the person, so
    reports from other documents can be matched on it."""
    if not subject:
        return subject
    parts = [strip_possessive(p) for p in subject.split()]
    if not all(p[:1].isupper() for p in parts):
        return subject
    full = people.known.get(fold(parts[-1]))
    if full and {fold(p) for p in parts} <= {fold(p) for p in full.split()}:
        return full
    return subject


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
    edtf = edtf_value(point) if point is not None else _one_of(b.earliest_end, b.latest_end)
    return EventTime(
        edtf=edtf,
        display=resolution.display,
        granularity=point.granularity if point is not None else resolution.granularity,
        approximate=point is None and resolution.approximate,
        bounds=bounds,
    )


def _one_of(first: int | None, last: int | None) -> str | None:
    """EDTF for one day somewhere in [first, last]: "[2021-12-31..2023-12-29]" (an age told of
    a document date that is itself only inferred)."""
    if first is None or last is None:
        return None
    return f"[{g.iso_instant(first, False)}..{g.iso_instant(last, False)}]"


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


_OPENS = frozenset({"since", "from"})  # signals of a time that starts an event ...
_CLOSES = frozenset({"until", "to", "by"})  # ... and of one that ends it


def _events(
    document: Document, mentions: Sequence[Mention], clauses: list[_Clause]
) -> tuple[Event, ...]:
    paired = _ranges(mentions, clauses)
    groups: list[tuple[tuple[int, ...], _Clause]] = []
    for k in range(len(mentions)):
        if k in paired and paired[k] == -1:
            continue
        members = (k, paired[k]) if k in paired else (k,)
        groups.append((members, clauses[k]))
        groups.extend((members, extra) for extra in clauses[k].more)
    groups.sort(
        key=lambda g: (
            min(mentions[m].start for m in g[0]),
            min(mentions[m].end for m in g[0]),
            g[0],
            g[1].start,
        )
    )
    events = []
    for n, (members, head) in enumerate(groups, start=1):
        first = mentions[members[0]]
        if len(members) == 2:
            time = _range(first.resolution, mentions[members[1]].resolution)
        elif first.tag.spec.kind is Kind.AGE:
            time = age_time(first.resolution)
        else:
            time = event_time(first.resolution)
        quoted = [head] + [clauses[m] for m in members[1:]]
        sources = tuple(
            Source(
                document.id,
                mentions[m].id,
                document.text[clause.start : clause.end],
                clause.start,
                clause.end,
                mentions[m].resolution.edtf,
            )
            for m, clause in zip(members, quoted, strict=True)
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


def _range(begin: Resolution, end: Resolution) -> EventTime:
    """The time of an event with a start and an end; its EDTF from the two points as stated
    ("from 2001 ... until 2005" is 2001/2005, not the days the bounds run)."""
    time = range_time(begin, end)
    first = (begin.edtf or "").split("/")[0]
    last = (end.edtf or "").split("/")[-1]
    if first and last and ".." not in (first, last) and "[" not in first + last:
        return replace(time, edtf=f"{first}/{last}")
    return time


def _ranges(mentions: Sequence[Mention], clauses: Sequence[_Clause]) -> dict[int, int]:
    """Begin -> end mention of each event with two times (end -> -1): the ranges the tagger
    linked ("from 1964 to 1970"), and a start and an end told of one trigger ("ran the firm
    from 2001, through a merger, until 2005")."""
    paired: dict[int, int] = {}
    for k in range(len(mentions)):
        other = _partner(mentions, k)
        if other is not None and other not in paired and k not in paired:
            paired[k] = other
            paired[other] = -1  # consumed as an end
    for k in range(len(mentions) - 1):
        j = k + 1
        if k in paired or j in paired or clauses[k].trigger_at < 0:
            continue
        same = (clauses[k].trigger_at, clauses[k].sentence) == (
            clauses[j].trigger_at,
            clauses[j].sentence,
        )
        points = all(mentions[i].tag.spec.kind is Kind.POINT for i in (k, j))
        if (
            same
            and points
            and _relation(mentions[k]) in _OPENS
            and _relation(mentions[j]) in _CLOSES
        ):
            paired[k] = j
            paired[j] = -1
    return paired


def _relation(mention: Mention) -> str:
    return mention.tag.signal.relation if mention.tag.signal is not None else ""
