"""The constraint view of a whole timeline: what every document says about time, solved at once.

Variables (day numbers, `chrono.timeline.constraints`): `dct:<doc>` for each document's date and
`m:<mention>` for the start of each mention's time. Constraints, most trusted first:

1. document dates: a given date is its calendar unit; an inferred one is what its evidence
   says (`chrono.timeline.dating`, re-derived here so its chain can be shown);
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
1967" elsewhere). See `chrono.timeline.constraints` for the complexity: O(V + E) to build here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from chrono.text import sentences
from chrono.timeline import constraints as cs
from chrono.timeline import dating, merge
from chrono.times import units
from chrono.times import values as v
from chrono.times.explain import dct_words, offset_words
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
            claims: tuple[Claim, ...] = (cs.claim(m),)
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
            claims = (cs.claim(m), cs.claim(other))
        elif anchor.kind is AnchorKind.DCT:
            y, where = dct_var(m.doc_id), merge.words().templates["dct"]
            coarse = min(_granularity(m), dct.value.granularity if dct else G.YEAR)
            claims = (cs.claim(m),)
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
        claims = (cs.claim(first), cs.claim(second))
        x, y = mention_var(second.id), mention_var(first.id)
        out.append(cs.Constraint(x, y, 0, None, "order", reason, claims))
    return out


@dataclass(frozen=True, slots=True)
class Start:
    """The first mention of an event, when it places the event's start."""

    mention_id: str
    text: str
    claim: Claim


@dataclass(frozen=True, slots=True)
class PersonTime:
    """An age ("Sorvino, 55") or a stated birth ("born in 1967") told of a named person."""

    birth: bool
    names: frozenset[str]  # lower-cased capitalised words of the subject
    subject: str
    mention_id: str
    text: str
    said: str  # '"55" (1967)': how a contradiction quotes it
    claim: Claim


@dataclass(frozen=True, slots=True)
class Facts:
    """What the solve keeps in memory of one document, made where the document is analysed:
    whether it has a date, the ages and births it tells, and the conflicts among its own
    constraints (found there: they touch no other document)."""

    doc_id: str
    dated: bool
    people: tuple[PersonTime, ...]
    conflicts: tuple[cs.Conflict, ...]


@dataclass(frozen=True, slots=True)
class Own:
    """A document's own constraints (date, stated bounds, relative offsets, range order;
    most trusted first) and the start of each of its events: kept aside (on a shelf) and
    read back only for the documents the merge or an age links to others."""

    constraints: tuple[cs.Constraint, ...]
    starts: tuple[Start | None, ...]  # per event of the document, in its order


def facts(result: DocumentResult) -> tuple[Facts, Own]:
    mentions = {m.id: m for m in result.mentions}
    stated, relative = mention_constraints(result)
    own = (
        document_constraints(result)
        + stated
        + relative
        + range_constraints(result.events, mentions)
    )
    starts = tuple(_start(e, mentions) for e in result.events)
    people = tuple(p for e in result.events if (p := _person(e, mentions)) is not None)
    conflicts = tuple(cs.solve(own).conflicts)
    document = result.document
    return Facts(document.id, document.dct is not None, people, conflicts), Own(tuple(own), starts)


def _start(event: Event, mentions: Mapping[str, Mention]) -> Start | None:
    m = mentions.get(event.mention_ids[0]) if event.mention_ids else None
    if m is None or _start_range(m) is None:
        return None
    return Start(m.id, m.text, cs.claim(m))


def _person(event: Event, mentions: Mapping[str, Mention]) -> PersonTime | None:
    if not event.subject or not event.mention_ids:
        return None
    m = mentions.get(event.mention_ids[0])
    if m is None:
        return None
    names = frozenset(w.lower() for w in event.subject.split() if w[:1].isupper())
    if not names:
        return None
    births = merge.words().births
    if m.tag.spec.kind is Kind.AGE:
        birth = False
    elif merge.trigger_lemma(event.trigger) in births and m.tag.spec.kind is Kind.POINT:
        birth = True
    else:
        return None
    said = f'"{m.text}" ({m.resolution.display})'
    return PersonTime(birth, names, event.subject, m.id, m.text, said, cs.claim(m))


def merge_constraints(links: Iterable[tuple[str, Sequence[Start]]]) -> list[cs.Constraint]:
    """The agreeing reports of one event start on the same day (per merged event: its id and
    the starts of its agreeing reports)."""
    out = []
    for event_id, starts in links:
        first = starts[0] if starts else None
        for other in starts[1:]:
            assert first is not None
            reason = f'"{other.text}" and "{first.text}" date {event_id}'
            claims = (first.claim, other.claim)
            x, y = mention_var(other.mention_id), mention_var(first.mention_id)
            out.append(cs.Constraint(x, y, 0, 0, "merge", reason, claims))
    return out


def age_constraints(people: Iterable[PersonTime]) -> list[cs.Constraint]:
    """A person's age and their stated birth are one birth (subjects that are one name)."""
    people = list(people)
    by_word: dict[str, list[PersonTime]] = {}
    for birth in people:  # indexed by name word: each age looks up its candidates in O(1)
        if birth.birth:
            for word in birth.names:
                by_word.setdefault(word, []).append(birth)
    out = []
    template = merge.words().templates["age_link"]
    for age in people:
        if age.birth:
            continue
        seen: set[str] = set()
        for word in sorted(age.names):
            for birth in by_word.get(word, []):
                if birth.mention_id in seen or not (
                    age.names <= birth.names or birth.names <= age.names
                ):
                    continue
                seen.add(birth.mention_id)
                who = max(age.subject, birth.subject, key=len)
                reason = template.format(person=who, age=f'"{age.text}"', birth=f'"{birth.text}"')
                x, y = mention_var(age.mention_id), mention_var(birth.mention_id)
                out.append(cs.Constraint(x, y, 0, 0, "age", reason, (age.claim, birth.claim)))
    return out


# ---------------------------------------------------------------- solving


def solve(
    docs: Sequence[Facts],
    own: Callable[[int], Own],
    links: Sequence[tuple[str, Sequence[Start]]],
    owner: Callable[[str], str | None],
    reported: Mapping[str, int],
) -> View:
    """Every document's constraints, then the merged reports' and the ages', solved at once.

    `own(n)`: document n's own constraints; `links`: per merged event, its id and the starts
    of its agreeing reports; `owner`: the id of the (merged) event a mention dates;
    `reported`: the date contradictions the merge already found, per event id.

    A document's own constraints touch only its variables, so their conflicts are those
    found where it was analysed (`Facts.conflicts`), and only the documents the links
    reach, and the undated ones, need theirs in the network: what propagates from a link
    stays among them. Adding them document by document gives the network that adding them
    kind by kind would: the trust order holds within each document, where they meet.
    """
    people = [p for doc in docs for p in doc.people]
    across = merge_constraints(links) + age_constraints(people)
    linked = {claim.doc_id for c in across for claim in c.claims}
    network = cs.Network()
    for n, doc in enumerate(docs):
        if doc.doc_id in linked or not doc.dated:
            network.add_all(own(n).constraints)
    theirs = len(network.conflicts)  # conflicts so far are the documents' own, known already
    network.add_all(across)
    conflicts = [c for doc in docs for c in doc.conflicts] + network.conflicts[theirs:]
    said = {p.mention_id: p.said for p in people}
    return View(
        network, tuple(_contradictions(conflicts, owner, reported, said)), _dates(network, docs)
    )


def _contradictions(
    conflicts: Sequence[cs.Conflict],
    owner: Callable[[str], str | None],
    reported: Mapping[str, int],
    said: Mapping[str, str],
) -> list[Contradiction]:
    counts: dict[str, int] = {}
    out = []
    templates = merge.words().templates
    for conflict in conflicts:
        claims = conflict.claims
        event_id = next((e for c in claims if (e := owner(c.mention_id)) is not None), None)
        if event_id is None:
            continue
        kind = (
            conflict.constraint.kind
            if conflict.constraint.kind in ("order", "age")
            else "constraint"
        )
        if reported.get(event_id) and kind == "constraint":
            continue  # the sources' disagreement is already reported as such
        against = "; ".join(dict.fromkeys(c.reason for c in conflict.against)) or "the others"
        if kind == "order":
            first, second = conflict.constraint.claims
            reason = templates["order"].format(end=second.edtf, start=first.edtf)
        elif kind == "age":
            age, birth = conflict.constraint.claims
            reason = templates["age"].format(age=_said(said, age), birth=_said(said, birth))
        else:
            reason = templates["constraint"].format(
                reason=conflict.constraint.reason, against=against
            )
        counts[event_id] = counts.get(event_id, 0) + 1
        number = counts[event_id] + reported.get(event_id, 0)
        out.append(
            Contradiction(
                f"{event_id}:c{number}",
                event_id,
                kind,
                tuple(claims),
                reason,
            )
        )
    return out


def _said(said: Mapping[str, str], claim: Claim) -> str:
    return said.get(claim.mention_id, str(claim.edtf))


def _dates(network: cs.Network, docs: Sequence[Facts]) -> dict[str, dating.Estimate]:
    """Documents without a date that the whole network bounds on both sides."""
    out = {}
    for doc in docs:
        if doc.dated:
            continue
        var = dct_var(doc.doc_id)
        low, high = network.bounds(var)
        if low is None or high is None:
            continue
        estimate = dating.estimate_from(network, [], var)
        if estimate is not None:
            out[doc.doc_id] = estimate
    return out
