"""An undated document's date, inferred from its own words, and its times resolved against it.

Evidence, each written as a constraint on the document date (`chrono.timeline.constraints`):

- a span that runs up to now ("for roughly a decade now", "has lived in Rome for 12 years")
  whose start the text dates: a date after "since"/"from" in its sentence ("ever since she
  visited Cambodia in 2006"), or a date told with a start verb in the next or previous
  sentence ("She began her initiative in 2004"). The date is then start + amount: 8..13
  years after 2004 for "roughly a decade" (the resolver's tolerance, plus the year a count
  of whole years leaves open);
- the latest explicit date the text tells outside the future tense: the document was
  written after it;
- "now" or "this year" told as an explicit date ("now, in 2021"): the date is in it;
- in a news report, a day written at the head of the text ("June 6, 2005 Apple CEO ..."):
  the dateline, the day it was filed.

A window that ends now ("in the past decade", "over the last three months") starts at
nothing the text tells, so it is evidence only with "since"/"from" before a date of its own
sentence; a start in a nearby sentence must be told in the past ("She began ... in 2004",
not "would be released in 2007").

The bounds come from solving those constraints; the value is the point the best evidence
gives (start + amount, or the date "now" names), at year precision unless the bounds are
narrower: an inferred date is approximate. Only bounds on both sides give a date: a lower
bound alone ("not before 2009") says too little.

The document is then resolved three times: against the estimate (its values and words:
"Saturday" becomes `2014-WXX-6`, a Saturday of c. 2014, not a made-up day), and against
the first and the last day the date may be. Every mention whose bounds move between those
is DCT-dependent: it gets the union of its bounds (the resolver is monotone in the
reference time, so the union covers every date in between), and is marked approximate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from chrono.resources.loader import fold, load_toml
from chrono.timeline import constraints as cs
from chrono.times import display, resolver
from chrono.times import gregorian as g
from chrono.times import values as v
from chrono.times.tense import Tense, tense_at
from chrono.types import (
    Anchoring,
    AnchorKind,
    Bounds,
    CalendarValue,
    Dct,
    DctSource,
    DocType,
    Document,
    Granularity,
    Kind,
    Mention,
    Resolution,
    Tag,
)

G = Granularity
DCT = "dct"  # the variable of the document date
# Where a start verb may date a span: its own sentence ("She began in 2009 and has campaigned
# for 12 years now"), the next one, then the one before.
_NEAR_SENTENCES = (0, 1, -1)
_APPROX_SHARE = 0.2  # "roughly ten years": +-20 % (at least one unit), as the resolver reads it


@dataclass(frozen=True, slots=True)
class Words:
    span_openers: tuple[str, ...]
    start_words: tuple[str, ...]
    present_perfect: tuple[str, ...]
    now_joiners: tuple[str, ...]
    span_leads: tuple[str, ...]
    templates: dict[str, str]


@cache
def words(code: str = "en") -> Words:
    data = load_toml(code, "events/dating.toml")
    return Words(
        tuple(fold(w) for w in data["span_openers"]),
        tuple(fold(w) for w in data["start_words"]),
        tuple(fold(w) for w in data["present_perfect"]),
        tuple(fold(w) for w in data["now_joiners"]),
        tuple(fold(w) for w in data["span_leads"]),
        {k: str(t) for k, t in data["templates"].items()},
    )


@dataclass(frozen=True, slots=True)
class Estimate:
    """An inferred document date: a value at year (or finer) precision and the days it may be."""

    value: CalendarValue
    low: int  # first and last day the date may be (day numbers)
    high: int
    evidence: str

    @property
    def dct(self) -> Dct:
        return Dct(self.value, DctSource.INFERRED, self.evidence)


@dataclass(frozen=True, slots=True)
class _Point:
    """A point estimate one piece of evidence gives, and how much to trust it (lower first)."""

    rank: int
    value: CalendarValue


# ---------------------------------------------------------------- evidence


def _matches(text: str, phrases: Sequence[str]) -> bool:
    low = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low) for p in phrases)


def _explicit(mention: Mention, by_id: dict[str, Mention]) -> bool:
    """A resolved point whose value does not depend on the (missing) document date."""
    if mention.tag.spec.kind is not Kind.POINT or mention.resolution.value is None:
        return False
    seen: set[str] = set()
    step = mention
    while step.resolution.anchor.kind is AnchorKind.MENTION:
        ident = step.resolution.anchor.mention_id or ""
        if ident in seen or ident not in by_id:
            return False
        seen.add(ident)
        step = by_id[ident]
    return step.resolution.anchor.kind is AnchorKind.NONE and step.resolution.value is not None


def _quote(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].split())


_QUOTE_WORDS = 12  # words of a sentence quoted as evidence


def _short(text: str) -> str:
    parts = text.split()
    return text if len(parts) <= _QUOTE_WORDS else " ".join(parts[:_QUOTE_WORDS]) + " …"


def _runs_to_now(mention: Mention, sentence_text: str) -> bool:
    """A duration that ends at the document date: "for a decade now", or a present perfect
    "for"-span ("has lived in Rome for 12 years")."""
    spec = mention.tag.spec
    if spec.kind is not Kind.DURATION or spec.duration is None or spec.duration.amount is None:
        return False
    if spec.ends_at_anchor:
        return True
    signal = mention.tag.signal
    return (
        signal is not None
        and signal.relation == "for"
        and _matches(sentence_text, words().present_perfect)
    )


def _window(mention: Mention) -> bool:
    """A stretch that ends now but starts at nothing the text tells ("in the past decade",
    "over the last three months"), unlike a state held for so long ("for a decade now")."""
    signal = mention.tag.signal
    now = signal is not None and signal.relation in ("now", "for")
    return mention.tag.spec.ends_at_anchor and not now


def _span_start(
    text: str,
    spans: Sequence[tuple[int, int]],
    mention: Mention,
    explicit: list[Mention],
) -> Mention | None:
    """The explicit date a span running up to now starts at (see the module docstring); a
    window ("in the past decade") only with "since"/"from" before a date of its sentence,
    and never a date told in the future ("would be released in 2007")."""
    w = words()
    explicit = [m for m in explicit if not _future(text, spans, m)]
    same = [m for m in explicit if m.sentence == mention.sentence and m.id != mention.id]
    window = _window(mention)
    sentence_start = spans[mention.sentence][0] if spans else 0
    for candidate in same:
        signal = candidate.tag.signal
        if signal is not None and fold(signal.text) in w.span_openers:
            return candidate
        between = text[min(mention.end, candidate.start) : candidate.start]
        lead = (
            text[sentence_start : candidate.start] if candidate.start < mention.start else between
        )
        if not window and _matches(lead, w.span_openers):
            return candidate
    if window:
        return None
    for step in _NEAR_SENTENCES:
        index = mention.sentence + step
        if not 0 <= index < len(spans):
            continue
        near = [m for m in explicit if m.sentence == index and m.id != mention.id]
        # told as a start in the past: "She began her initiative in 2004"
        if (
            near
            and _matches(_quote(text, spans[index]), w.start_words)
            and _past(text, spans, near[0])
        ):
            return near[0]
    return None


def _in_years(unit: Granularity, amount: float) -> tuple[bool, float]:
    """An amount in years when its unit is a year or longer, or a month or shorter in years."""
    table = {G.MILLENNIUM: 1000, G.CENTURY: 100, G.DECADE: 10, G.YEAR: 1}
    if unit in table:
        return True, amount * table[unit]
    per_year = {G.HALF: 2, G.QUARTER: 4, G.SEASON: 4, G.MONTH: 12, G.WEEK: 52.1775, G.DAY: 365.2425}
    return True, amount / per_year.get(unit, 365.2425)


def _span_constraint(
    text: str, spans: Sequence[tuple[int, int]], span: Mention, start: Mention
) -> tuple[cs.Constraint, _Point]:
    spec = span.tag.spec
    assert spec.duration is not None and spec.duration.amount is not None
    _, amount = _in_years(spec.duration.unit, spec.duration.amount)
    tolerance = max(1.0, _APPROX_SHARE * amount) if spec.mod == "APPROX" else 0.0
    low_years = max(0.0, amount - tolerance)
    high_years = amount + tolerance + 1.0  # "12 years" is 12 years and some months
    if spec.mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        high_years = amount * 2 + 1
    if spec.mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        low_years = 0.0
    reason = (
        words()
        .templates["span"]
        .format(
            span=_quote(text, _with_lead(text, _with_signal(span))),
            start=start.text,
            quote=_short(_quote(text, spans[start.sentence]) if spans else start.text),
        )
    )
    constraint = cs.Constraint(
        DCT,
        start.id,
        cs.years(low_years),
        cs.years(high_years) - 1,
        "dct",
        reason,
        (cs.claim(span), cs.claim(start)),
    )
    assert start.resolution.value is not None and start.resolution.value.year is not None
    year = start.resolution.value.year + round(amount)
    return constraint, _Point(0, CalendarValue(G.YEAR, year=year))


def _with_signal(mention: Mention) -> tuple[int, int]:
    """The span of a mention and its signal word: "for 12 years", "roughly a decade now"."""
    signal = mention.tag.signal
    if signal is None:
        return mention.start, mention.end
    return min(mention.start, signal.start), max(mention.end, signal.end)


def _with_lead(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quoted span with the word that opens it: "for 12 years now", not "12 years now"."""
    window = max(0, span[0] - 30)
    before = text[window : span[0]]
    for lead in sorted(words().span_leads, key=len, reverse=True):
        match = re.search(rf"(?<!\w){re.escape(lead)}\s+$", before, re.IGNORECASE)
        if match:
            return window + match.start(), span[1]
    return span


def _start_constraint(mention: Mention) -> cs.Constraint:
    b = mention.resolution.bounds
    first = b.earliest_start if b.earliest_start is not None else b.latest_start
    last = b.latest_start if b.latest_start is not None else b.earliest_start
    return cs.Constraint(
        mention.id,
        None,
        cs.day_of(first),
        cs.day_of(last),
        "stated",
        f'"{mention.text}" is {mention.resolution.display}',
        (cs.claim(mention),),
    )


def _latest(
    document: Document, spans: Sequence[tuple[int, int]], explicit: list[Mention]
) -> Mention | None:
    """The latest explicit date the text tells outside the future tense."""
    best: Mention | None = None
    for m in explicit:
        start = m.resolution.bounds.earliest_start
        if start is None or (best is not None and start <= _first(best)):
            continue
        if not _future(document.text, spans, m):
            best = m
    return best


def _tense(text: str, spans: Sequence[tuple[int, int]], mention: Mention) -> Tense | None:
    if not spans:
        return None
    a, b = spans[mention.sentence]
    return tense_at(text[a:b], mention.start, mention.end, a)


def _future(text: str, spans: Sequence[tuple[int, int]], mention: Mention) -> bool:
    return _tense(text, spans, mention) is Tense.FUTURE


def _past(text: str, spans: Sequence[tuple[int, int]], mention: Mention) -> bool:
    return _tense(text, spans, mention) is Tense.PAST


_DATELINE_LINES = 2  # a dateline is the first or second line of the body (after a title)


def _dateline(document: Document, explicit: list[Mention]) -> Mention | None:
    """A day written at the head of the text, at the start of its first or second line
    ("June 6, 2005 Apple CEO Steve Jobs ..."): the date a news report was filed."""
    text = document.text
    first = min(explicit, key=lambda m: m.start, default=None)
    if first is None or first.resolution.value is None or first.resolution.value.day is None:
        return None
    line_start = text.rfind("\n", 0, first.start) + 1
    if text[line_start : first.start].strip():
        return None
    lines_before = [x for x in text[document.body_start : line_start].splitlines() if x.strip()]
    return first if len(lines_before) < _DATELINE_LINES else None


def _first(mention: Mention) -> int:
    start = mention.resolution.bounds.earliest_start
    assert start is not None
    return start


def _now_dates(
    document: Document, mentions: Sequence[Mention], explicit: list[Mention]
) -> list[tuple[Mention, Mention]]:
    """("now", "2021") pairs: a deictic now or this year told as an explicit date."""
    w = words()
    pairs = []
    for m in mentions:
        spec = m.tag.spec
        now = (spec.kind is Kind.REF and spec.ref in (None, "PRESENT_REF")) or (
            spec.kind is Kind.POINT
            and spec.anchoring is Anchoring.DEICTIC
            and spec.shift == 0
            and spec.shift_unit is not None
            and spec.cal is None
        )
        if not now:
            continue
        for other in explicit:
            # Another mention of the same sentence: "the end of the year" is no evidence
            # that the end of the year is the end of the year.
            if other.sentence != m.sentence or (other.start < m.end and m.start < other.end):
                continue
            a, b = (m.end, other.start) if m.end <= other.start else (other.end, m.start)
            gap = fold(document.text[a:b]).strip(" ,()–—-")
            if len(gap) <= 12 and (not gap or gap in w.now_joiners):
                pairs.append((m, other))
                break
    return pairs


def evidence(
    document: Document,
    mentions: Sequence[Mention],
    spans: Sequence[tuple[int, int]],
    doc_type: DocType | None = None,
) -> tuple[list[cs.Constraint], list[_Point]]:
    """What the text says about its own date, as constraints on the variable `DCT` (a
    dateline only in a news report: a history may open with a date it tells of)."""
    by_id = {m.id: m for m in mentions}
    explicit = [m for m in mentions if _explicit(m, by_id)]
    found: list[cs.Constraint] = []
    points: list[_Point] = []
    starts: dict[str, Mention] = {}
    for m in mentions:
        sentence = _quote(document.text, spans[m.sentence]) if spans else document.text
        if not _runs_to_now(m, sentence):
            continue
        start = _span_start(document.text, spans, m, explicit)
        if start is None:
            continue
        constraint, point = _span_constraint(document.text, spans, m, start)
        starts[start.id] = start
        found.append(constraint)
        points.append(point)
    for now, date in _now_dates(document, mentions, explicit):
        span = v.unit_span(date.resolution.value) if date.resolution.value else None
        if span is None:
            continue
        reason = words().templates["now_is"].format(now=now.text, date=date.text)
        claims = (cs.claim(now), cs.claim(date))
        found.append(
            cs.Constraint(DCT, None, cs.day_of(span[0]), cs.day_of(span[1]), "dct", reason, claims)
        )
        assert date.resolution.value is not None
        points.append(_Point(1, date.resolution.value))
    dateline = _dateline(document, explicit) if doc_type is DocType.NEWS else None
    day = v.unit_span(dateline.resolution.value) if dateline and dateline.resolution.value else None
    if dateline is not None and dateline.resolution.value is not None and day is not None:
        reason = words().templates["dateline"].format(date=dateline.text)
        found.append(
            cs.Constraint(
                DCT,
                None,
                cs.day_of(day[0]),
                cs.day_of(day[1]),
                "dct",
                reason,
                (cs.claim(dateline),),
            )
        )
        points.append(_Point(1, dateline.resolution.value))
    latest = _latest(document, spans, explicit)
    if latest is not None:
        reason = (
            words().templates["after"].format(mention=latest.text, value=latest.resolution.display)
        )
        low = cs.day_of(latest.resolution.bounds.earliest_start)
        found.append(cs.Constraint(DCT, None, low, None, "dct", reason, (cs.claim(latest),)))
    unary = [_start_constraint(m) for m in starts.values()]
    return unary + found, points


# ---------------------------------------------------------------- the estimate


def infer(
    document: Document,
    mentions: Sequence[Mention],
    spans: Sequence[tuple[int, int]],
    doc_type: DocType | None = None,
) -> Estimate | None:
    """The document's date as the text implies it, or None when it does not bound it."""
    constraints, points = evidence(document, mentions, spans, doc_type)
    if not points:
        return None
    network = cs.solve(constraints)
    return estimate_from(network, points)


def estimate_from(network: cs.Network, points: Sequence[_Point], var: str = DCT) -> Estimate | None:
    low, high = network.bounds(var)
    if low is None or high is None:
        return None
    value = _value(low, high, points)
    chain = network.why(var, "low") + network.why(var, "high")
    reasons = list(dict.fromkeys(c.reason for c in chain if c.kind != "stated"))
    text = (
        words()
        .templates["estimate"]
        .format(
            value=display.point(value),
            low=g.iso_date(low),
            high=g.iso_date(high),
            reasons="; ".join(reasons),
        )
    )
    return Estimate(value, low, high, text)


def _value(low: int, high: int, points: Sequence[_Point]) -> CalendarValue:
    """The best point estimate inside the bounds, at year precision (finer if the bounds are)."""
    first, last = g.civil_from_days(low), g.civil_from_days(high)
    if low == high:
        return CalendarValue(G.DAY, year=first[0], month=first[1], day=first[2])
    if first[:2] == last[:2]:
        return CalendarValue(G.MONTH, year=first[0], month=first[1])
    if first[0] == last[0]:
        return CalendarValue(G.YEAR, year=first[0])
    for point in sorted(points, key=lambda p: p.rank):
        year = point.value.year
        if year is not None and first[0] <= year <= last[0]:
            return CalendarValue(G.YEAR, year=year)
    return CalendarValue(G.YEAR, year=g.civil_from_days((low + high) // 2)[0])


# ---------------------------------------------------------------- resolving against it


def resolve(
    document: Document,
    tags: Sequence[Tag],
    doc_type: DocType,
    spans: Sequence[tuple[int, int]],
    estimate: Estimate,
) -> tuple[Document, tuple[Mention, ...]]:
    """The document dated by the estimate, and its mentions resolved against it, widened."""
    dated = replace(document, dct=estimate.dct)
    central = resolver.resolve(dated, tags, doc_type, spans)
    ends = []
    for day in (estimate.low, estimate.high):
        y, m, d = g.civil_from_days(day)
        at = Dct(CalendarValue(G.DAY, year=y, month=m, day=d), DctSource.INFERRED, "")
        ends.append(resolver.resolve(replace(document, dct=at), tags, doc_type, spans))
    out = []
    for k, mention in enumerate(central):
        others = [run[k].resolution for run in ends]
        if all(o.bounds == mention.resolution.bounds for o in others):
            out.append(mention)
            continue
        out.append(replace(mention, resolution=_widened(mention, others, estimate)))
    return dated, tuple(out)


def _union(bounds: Sequence[Bounds]) -> Bounds:
    def pick(values: list[int | None], lowest: bool) -> int | None:
        if any(x is None for x in values):
            return None
        known = [x for x in values if x is not None]
        return min(known) if lowest else max(known)

    def side(name: str, lowest: bool) -> int | None:
        values = [getattr(b, name) for b in bounds if not b.empty]
        return pick(values, lowest) if values else None

    return Bounds(
        side("earliest_start", True),
        side("latest_start", False),
        side("earliest_end", True),
        side("latest_end", False),
        any(b.with_time for b in bounds),
    )


def _widened(mention: Mention, others: Sequence[Resolution], estimate: Estimate) -> Resolution:
    res = mention.resolution
    bounds = _union([res.bounds, *(o.bounds for o in others)])
    period = display.template("approximate").format(display.point(estimate.value))
    t = words().templates
    kind = mention.tag.spec.kind
    value = res.value
    shown = res.display
    if kind is Kind.REF and mention.tag.spec.ref in (None, "PRESENT_REF"):
        shown = t["now_at"].format(period=period)
    elif kind is Kind.POINT and value is not None and not _interval_signal(mention):
        if value.month is None and value.weekday is not None:
            shown = t["weekday_in"].format(weekday=display.weekday(value.weekday), period=period)
        elif not res.approximate:
            shown = display.template("approximate").format(res.display)
    if res.edtf is not None and "/" in res.edtf:
        start_moved = any(o.bounds.earliest_start != res.bounds.earliest_start for o in others)
        edtf = _interval(res.edtf, start_moved, estimate)
    else:
        edtf = _one_of(bounds)
    return replace(res, bounds=bounds, approximate=True, display=shown, edtf=edtf)


def _interval(edtf: str, start_moved: bool, estimate: Estimate) -> str:
    """An interval whose end is the inferred date ("2009/2021~"), and whose start is
    approximate when it was counted back from it ("2004~/2014~")."""
    first, _, _ = edtf.partition("/")
    if start_moved and not first.endswith(("~", "%")) and first != "..":
        first += "~"
    return f"{first}/{v.edtf_value(estimate.value)}~"


def _interval_signal(mention: Mention) -> bool:
    """A signal that makes a point an interval ("since 2009"), unlike "on" or "in"."""
    signal = mention.tag.signal
    return signal is not None and signal.relation in ("since", "until", "before", "after", "by")


def _one_of(bounds: Bounds) -> str | None:
    """EDTF one-of-a-range for a point somewhere between its bounds: [2012-12-29..2017-12-30]."""
    first = bounds.earliest_start if bounds.earliest_start is not None else bounds.latest_start
    last = bounds.latest_end if bounds.latest_end is not None else bounds.earliest_end
    if first is None or last is None:
        return v.edtf_interval(bounds, G.DAY)
    return f"[{g.iso_instant(first, False)}..{g.iso_instant(last, False)}]"
