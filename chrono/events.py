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

from chrono.clauses import Analysis, analyze
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
from chrono.types import Document, Event, Kind, Mention, Source
from chrono.values import event_time, range_time

_NONFINITE_PENALTY = 6  # a finite verb six tokens away beats an infinitive next door
_TRIGGERS_TRIED = 3  # verbs tried, nearest first, until one has a subject


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # character span of the clause (the quote of a source)
    end: int
    headline: Headline


def extract_events(
    document: Document, mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]
) -> tuple[Event, ...]:
    """One event per mention, or per begin/end pair of a range; ids in text order."""
    return _extract(document, mentions, sentences, strict=False)


def _extract(
    document: Document,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    strict: bool,
) -> tuple[Event, ...]:
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
        _clause_or_fallback(ctx, spans, analyses, times, mentions, k, strict)
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


def _clause_or_fallback(
    ctx: Context,
    spans: list[tuple[int, int]],
    analyses: list[Analysis],
    times: list[tuple[int, int, int]],
    mentions: Sequence[Mention],
    k: int,
    strict: bool,
) -> _Clause:
    start, end, _ = times[k]
    try:
        an = _analysis_for(ctx, spans, analyses, times, start, end)
        return _clause(ctx, an, mentions[k], k, start, end)
    except Exception:  # heuristics must never stop a timeline; strict mode is for the tests
        if strict:
            raise
        return _Clause(start, end, Headline(_last_resort(ctx, mentions[k]), None, None))


def _analysis_for(
    ctx: Context,
    spans: list[tuple[int, int]],
    analyses: list[Analysis],
    times: list[tuple[int, int, int]],
    start: int,
    end: int,
) -> Analysis:
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


def _clause(ctx: Context, an: Analysis, mention: Mention, k: int, start: int, end: int) -> _Clause:
    tokens = an.time_tokens(k)
    drop = drop_mask(an, ctx.lex)
    if not tokens:  # an empty or unmatched span: nothing to read around it
        return _Clause(start, end, Headline(_last_resort(ctx, mention), None, None))
    first, last = tokens[0], tokens[-1]
    ci = an.chunk_of[first]
    if ci < 0:
        ci = _nearest_chunk(an, first)
    if ci < 0:
        return _Clause(start, end, Headline(_last_resort(ctx, mention), None, None))
    unit = an.units[an.unit_of[ci]]
    span = _unit_span(an, unit, start, end)
    candidates = _triggers(an, an.unit_of[ci], first, last)
    gi = candidates[0] if candidates else None
    headline = None
    if mention.tag.spec.kind is Kind.AGE:
        headline = age_headline(ctx, an, first, last, mention.text, gi, drop)
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


def _nearest_chunk(an: Analysis, i: int) -> int:
    for distance in range(1, len(an.tokens) + 1):
        for j in (i - distance, i + distance):
            if 0 <= j < len(an.tokens) and an.chunk_of[j] >= 0:
                return an.chunk_of[j]
    return -1


def _unit_span(an: Analysis, unit: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Characters of the clause, from its first word (without a leading "and") to its last."""
    first = min(
        an.chunks[c].lead if an.chunks[c].lead < an.chunks[c].end else an.chunks[c].first
        for c in unit
    )
    last = max(an.chunks[c].end for c in unit) - 1
    return min(an.tokens[first].start, start), max(an.tokens[last].end, end)


def _triggers(an: Analysis, unit_index: int, first: int, last: int) -> list[int]:
    """Verb groups of the clause, nearest the time expression first; finite verbs preferred."""

    def score(gi: int) -> tuple[int, bool, int]:
        main = an.groups[gi].main
        distance = first - main if main < first else main - last if main > last else 0
        return (distance + (0 if an.groups[gi].finite else _NONFINITE_PENALTY), main > last, gi)

    return sorted(an.unit_groups(unit_index), key=score)


def _last_resort(ctx: Context, mention: Mention) -> str:
    words = " ".join(mention.text.split()) or " ".join(mention.resolution.display.split())
    return words or ctx.lex.untitled


# ---------------------------------------------------------------- events


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
        if len(members) == 2:
            time = range_time(mentions[members[0]].resolution, mentions[members[1]].resolution)
        else:
            time = event_time(mentions[members[0]].resolution)
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
