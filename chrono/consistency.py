"""The constraint view of a whole timeline: what every document says about time, solved at once.

Variables (day numbers, `chrono.constraints`): `dct:<doc>` for each document's date and
`m:<mention>` for the start of each mention's time. Constraints, most trusted first:

1. document dates: a given date is its calendar unit; an inferred one is what its evidence
   says (`chrono.dating`, re-derived here so its chain can be shown);
2. each resolved mention's own bounds (as stated, or as resolved);
3. each relative mention's offset from its anchor ("five years later": 4..6 years after the
   start of "That year"; "roughly a decade now": 8..13 years before the document date;
   an age of 55: born 55..56 years before);
4. the two ends of a range: the end does not start before the beginning;
5. merging: the agreeing reports of one event start on the same day;
6. ages and births: a person's age and their stated birth are the same birth.

Solving gives the narrowest bounds of every variable; a constraint that cannot hold is a
`Contradiction` of the event it belongs to ("order": a range that ends before it starts;
"age": an age that does not fit a stated birth; "constraint" otherwise), and a document with
no date that the solution bounds on both sides gets an inferred one ("she is 55" and "born in
1967" elsewhere). See `chrono.constraints` for the complexity: O(V + E) to build here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chrono import constraints as cs
from chrono import dating, merge, sentences, units
from chrono import values as v
from chrono.explain import dct_words, offset_words
from chrono.types import (
    AnchorKind,
    Claim,
    Contradiction,
    DctSource,
    DocumentResult,
    Event,
    Granularity,
    Kind,
    Mention,
)

G = Granularity
_UNIT_DAYS = {  # days of one unit, for offsets ("+P5Y") and slack
    G.MILLENNIUM: 365_242,
    G.CENTURY: 36_524,
    G.DECADE: 3_652,
    G.YEAR: 365,
    G.HALF: 182,
    G.QUARTER: 91,
    G.SEASON: 91,
    G.MONTH: 30,
    G.WEEK: 7,
}
_YEAR_UNITS = (G.MILLENNIUM, G.CENTURY, G.DECADE, G.YEAR)


def dct_var(doc_id: str) -> str:
    return f"dct:{doc_id}"


def mention_var(mention_id: str) -> str:
    return f"m:{mention_id}"


@dataclass(frozen=True, slots=True)
class View:
    """The solved network and what the timeline takes from it."""

    network: cs.Network
    contradictions: tuple[Contradiction, ...]
    dates: dict[str, dating.Estimate]  # undated documents the solution dates

    def bounds(self, mention_id: str) -> tuple[int | None, int | None]:
        return self.network.bounds(mention_var(mention_id))

    def explain(self, var: str) -> str:
        """Why a variable lies where it does: the reasons behind its two bounds."""
        chain = self.network.why(var, "low") + self.network.why(var, "high")
        return "; ".join(dict.fromkeys(c.reason for c in chain))


# ---------------------------------------------------------------- building


def _claim(m: Mention) -> cs.Claim:
    return cs.Claim(m.doc_id, m.id, m.resolution.edtf)


def _start_range(m: Mention) -> tuple[int | None, int | None] | None:
    b = m.resolution.bounds
    if b.empty or (b.earliest_start is None and b.latest_start is None):
        return None
    return cs.day_of(b.earliest_start), cs.day_of(b.latest_start)


def document_constraints(result: DocumentResult) -> list[cs.Constraint]:
    document = result.document
    dct = document.dct
    var = dct_var(document.id)
    if dct is None:
        return []
    if dct.source is DctSource.INFERRED:
        spans = sentences.sentence_spans(document.text, document.body_start)
        found, _ = dating.evidence(document, result.mentions, spans)
        return [_renamed(c, var) for c in found]
    span = v.unit_span(dct.value)
    if span is None:
        return []
    reason = dct_words(dct)
    return [cs.Constraint(var, None, cs.day_of(span[0]), cs.day_of(span[1]), "dct", reason)]


def _renamed(c: cs.Constraint, var: str) -> cs.Constraint:
    def name(x: str | None) -> str | None:
        if x is None:
            return None
        return var if x == dating.DCT else mention_var(x)

    x = name(c.x)
    assert x is not None
    return cs.Constraint(x, name(c.y), c.low, c.high, c.kind, c.reason, c.claims)


def mention_constraints(result: DocumentResult) -> tuple[list[cs.Constraint], list[cs.Constraint]]:
    """(unary bounds of each mention, relative constraints to their anchors)."""
    stated: list[cs.Constraint] = []
    relative: list[cs.Constraint] = []
    by_id = {m.id: m for m in result.mentions}
    dct = result.document.dct
    for m in result.mentions:
        start = _start_range(m)
        x = mention_var(m.id)
        if start is not None:
            reason = f'"{m.text}" is {m.resolution.display}'
            claims: tuple[cs.Claim, ...] = (_claim(m),)
            stated.append(cs.Constraint(x, None, start[0], start[1], "stated", reason, claims))
        anchor = m.resolution.anchor
        offset = anchor.offset or _age_offset(m)
        if offset is None or (start is None and m.tag.spec.kind is not Kind.AGE):
            continue
        if start is not None and None in start:
            continue  # "until Tuesday", "recently": the offset places a point, not this start
        if anchor.kind is AnchorKind.MENTION and anchor.mention_id in by_id:
            other = by_id[anchor.mention_id or ""]
            y, where = mention_var(other.id), f'"{other.text}"'
            coarse = min(_granularity(m), _granularity(other))
            claims = (_claim(m), _claim(other))
        elif anchor.kind is AnchorKind.DCT:
            y, where = dct_var(m.doc_id), merge.words().templates["dct"]
            coarse = min(_granularity(m), dct.value.granularity if dct else G.YEAR)
            claims = (_claim(m),)
        else:
            continue
        window = _offset_days(offset, m, coarse)
        if window is None:
            continue
        reason = f'"{m.text}" is {offset_words(offset)} from {where}'
        relative.append(cs.Constraint(x, y, window[0], window[1], "relative", reason, claims))
    return stated, relative


def _age_offset(m: Mention) -> str | None:
    """An age told of now has an offset even when there is no date to count it from."""
    spec = m.tag.spec
    if spec.kind is not Kind.AGE or spec.duration is None or spec.duration.amount is None:
        return None
    return "-" + units.iso_duration(spec.duration.unit, spec.duration.amount)


def _granularity(m: Mention) -> Granularity:
    return m.resolution.granularity if m.resolution.granularity is not None else G.YEAR


def _offset_days(offset: str, m: Mention, coarse: Granularity) -> tuple[int, int] | None:
    """The days between a mention's start and its anchor's that an offset allows: the amount,
    give or take one unit of the coarser of the two ("+P5Y" between two years: 4..6 years)."""
    parsed = units.parse_iso_duration(offset)
    if parsed is None:
        return None
    sign, unit, amount = parsed
    if amount is None:
        return None
    spec = m.tag.spec
    if unit in _YEAR_UNITS or unit in (G.MONTH, G.HALF, G.QUARTER, G.SEASON):
        months = units.months(unit) or 12
        days = cs.years(amount * months / 12)
    elif unit in (G.WEEK, G.DAY):
        days = int(amount) * (7 if unit is G.WEEK else 1)
    else:
        days = 0  # hours and finer: the same day, give or take the slack
    # One unit of the coarser of the two values, or of the offset: "June last year" is -1 year
    # from a February document date in calendar years, 8 months in days.
    slack = max(_UNIT_DAYS.get(coarse, 1) if coarse < G.DAY else 1, _UNIT_DAYS.get(unit, 1))
    if spec.kind is Kind.AGE:  # aged 55: born 55..56 years before
        return -days - cs.years(1) + 1, -days
    if spec.mod == "APPROX":
        slack += max(_UNIT_DAYS.get(unit, 1), int(0.2 * days))
    if spec.ends_at_anchor:  # "for a decade now": the count of whole units leaves one open
        return -days - slack - _UNIT_DAYS.get(unit, 1), -days + slack
    return sign * days - slack, sign * days + slack


def range_constraints(
    events: Iterable[Event], mentions: Mapping[str, Mention]
) -> list[cs.Constraint]:
    """An event with a start and an end (from 1964 to 1970): the end does not start first."""
    out = []
    for event in events:
        if len(event.mention_ids) != 2 or len(set(event.doc_ids)) != 1:
            continue
        first, second = (mentions.get(i) for i in event.mention_ids)
        if first is None or second is None or first.tag.span_role != "begin":
            continue
        if second.tag.span_role != "end":
            continue
        reason = f'"{second.text}" ends what "{first.text}" begins'
        claims = (_claim(first), _claim(second))
        x, y = mention_var(second.id), mention_var(first.id)
        out.append(cs.Constraint(x, y, 0, None, "order", reason, claims))
    return out


def merge_constraints(
    events: Sequence[Event], merged: merge.Merged, mentions: Mapping[str, Mention]
) -> list[cs.Constraint]:
    """The agreeing reports of one event start on the same day."""
    out = []
    for event, agreeing in zip(merged.events, merged.agreeing, strict=True):
        starts = [events[i].mention_ids[0] for i in agreeing if events[i].mention_ids]
        starts = [s for s in starts if s in mentions and _start_range(mentions[s]) is not None]
        for other in starts[1:]:
            reason = f'"{mentions[other].text}" and "{mentions[starts[0]].text}" date {event.id}'
            claims = (_claim(mentions[starts[0]]), _claim(mentions[other]))
            x, y = mention_var(other), mention_var(starts[0])
            out.append(cs.Constraint(x, y, 0, 0, "merge", reason, claims))
    return out


def age_constraints(
    events: Sequence[Event], mentions: Mapping[str, Mention]
) -> list[cs.Constraint]:
    """A person's age and their stated birth are one birth (subjects that are one name)."""
    births = merge.words().births
    born: list[tuple[frozenset[str], Mention, str]] = []
    ages: list[tuple[frozenset[str], Mention, str]] = []
    for event in events:
        if not event.subject or not event.mention_ids:
            continue
        m = mentions.get(event.mention_ids[0])
        if m is None:
            continue
        names = frozenset(w.lower() for w in event.subject.split() if w[:1].isupper())
        if not names:
            continue
        if m.tag.spec.kind is Kind.AGE:
            ages.append((names, m, event.subject))
        elif merge.trigger_lemma(event.trigger) in births and m.tag.spec.kind is Kind.POINT:
            born.append((names, m, event.subject))
    by_word: dict[str, list[tuple[frozenset[str], Mention, str]]] = {}
    for entry in born:  # indexed by name word: each age looks up its candidates in O(1)
        for word in entry[0]:
            by_word.setdefault(word, []).append(entry)
    out = []
    template = merge.words().templates["age_link"]
    for names, age, person in ages:
        seen: set[str] = set()
        for word in sorted(names):
            for birth_names, birth, full in by_word.get(word, []):
                if birth.id in seen or not (names <= birth_names or birth_names <= names):
                    continue
                seen.add(birth.id)
                who = max(person, full, key=len)
                reason = template.format(person=who, age=f'"{age.text}"', birth=f'"{birth.text}"')
                claims = (_claim(age), _claim(birth))
                x, y = mention_var(age.id), mention_var(birth.id)
                out.append(cs.Constraint(x, y, 0, 0, "age", reason, claims))
    return out


# ---------------------------------------------------------------- solving


def solve(results: Sequence[DocumentResult], events: Sequence[Event], merged: merge.Merged) -> View:
    mentions = {m.id: m for r in results for m in r.mentions}
    docs: list[cs.Constraint] = []
    stated: list[cs.Constraint] = []
    relative: list[cs.Constraint] = []
    for result in results:
        docs += document_constraints(result)
        own, rel = mention_constraints(result)
        stated += own
        relative += rel
    ordered = (
        docs
        + stated
        + relative
        + range_constraints(events, mentions)
        + merge_constraints(events, merged, mentions)
        + age_constraints(events, mentions)
    )
    network = cs.solve(ordered)
    return View(
        network,
        tuple(_contradictions(network, merged, mentions)),
        _dates(network, results),
    )


def _contradictions(
    network: cs.Network, merged: merge.Merged, mentions: Mapping[str, Mention]
) -> list[Contradiction]:
    event_of: dict[str, str] = {}
    for event in merged.events:
        for mention_id in event.mention_ids:
            event_of.setdefault(mention_id, event.id)
    reported = {(c.event_id, c.kind) for c in merged.contradictions}
    counts: dict[str, int] = {}
    out = []
    templates = merge.words().templates
    for conflict in network.conflicts:
        claims = conflict.claims
        owner = next((event_of[c.mention_id] for c in claims if c.mention_id in event_of), None)
        if owner is None:
            continue
        kind = (
            conflict.constraint.kind
            if conflict.constraint.kind in ("order", "age")
            else "constraint"
        )
        if (owner, "date") in reported and kind == "constraint":
            continue  # the sources' disagreement is already reported as such
        against = "; ".join(dict.fromkeys(c.reason for c in conflict.against)) or "the others"
        if kind == "order":
            first, second = conflict.constraint.claims
            reason = templates["order"].format(end=second.edtf, start=first.edtf)
        elif kind == "age":
            age, birth = conflict.constraint.claims
            reason = templates["age"].format(age=_said(mentions, age), birth=_said(mentions, birth))
        else:
            reason = templates["constraint"].format(
                reason=conflict.constraint.reason, against=against
            )
        counts[owner] = counts.get(owner, 0) + 1
        number = counts[owner] + sum(1 for c in merged.contradictions if c.event_id == owner)
        out.append(
            Contradiction(
                f"{owner}:c{number}",
                owner,
                kind,
                tuple(Claim(c.doc_id, c.mention_id, c.edtf) for c in claims),
                reason,
            )
        )
    return out


def _said(mentions: Mapping[str, Mention], claim: cs.Claim) -> str:
    m = mentions.get(claim.mention_id)
    return f'"{m.text}" ({m.resolution.display})' if m is not None else str(claim.edtf)


def _dates(network: cs.Network, results: Sequence[DocumentResult]) -> dict[str, dating.Estimate]:
    """Documents without a date that the whole network bounds on both sides."""
    out = {}
    for result in results:
        if result.document.dct is not None:
            continue
        var = dct_var(result.document.id)
        low, high = network.bounds(var)
        if low is None or high is None:
            continue
        estimate = dating.estimate_from(network, [], var)
        if estimate is not None:
            out[result.document.id] = estimate
    return out
