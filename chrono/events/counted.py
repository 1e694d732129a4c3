"""Times counted from another happening: "Two days after the sinking, divers recovered the
log" is dated two days after the day the text gives the sinking, not "2 days".

The time layer reads "Two days" as a duration (TimeML keeps the signal and its object apart);
here the parse says what it is counted from: the object of "after"/"before" (a noun, "the
sinking", or a date, "3 March 2022") or the clause they open ("after the ship sank"). The
happening is the nearest event before it (else after it) whose trigger has the same lemma or
a lemma of the same class (`events/merge.toml`: "the death" and "she died"); a general noun
("the disaster") is the nearest event dated by a date of its own. An event so placed keeps
the whole chain: `2022-03-05 ← "Two days after the sinking" (+2 days) ← 2022-03-03 ← "3 March
2022" (as stated)`. Nothing is placed when the happening is not found or not dated.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from chrono.events.attach import time_root
from chrono.events.grammar import grammar
from chrono.resources.lexicon import EventLexicon
from chrono.resources.loader import fold, load_toml
from chrono.times import display, shifts, units
from chrono.times.explain import chain_text, offset_words
from chrono.times.values import edtf_value, point_bounds
from chrono.types import (
    AnchorKind,
    CalendarValue,
    Dct,
    Event,
    EventTime,
    Granularity,
    Kind,
    Mention,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_REACH = 5  # sentences between a counted time and the happening it counts from


@dataclass(frozen=True, slots=True)
class Words:
    relations: dict[str, int]  # "after" -> +1, "before" -> -1
    general: frozenset[str]
    light: frozenset[str]
    classes: dict[str, frozenset[str]]  # lemma -> the lemmas of its classes
    chain: str


@cache
def words(code: str = "en") -> Words:
    data = load_toml(code, "events/counted.toml")
    kin: dict[str, set[str]] = {}
    for members in load_toml(code, "events/merge.toml")["classes"].values():
        folded = {fold(m) for m in members}
        for lemma in folded:
            kin.setdefault(lemma, set()).update(folded)
    return Words(
        {fold(k): int(v) for k, v in data["relations"].items()},
        frozenset(fold(w) for w in data["general"]["nouns"]),
        frozenset(fold(w) for w in data["light"]["verbs"]),
        {k: frozenset(v) for k, v in kin.items()},
        str(data["templates"]["chain"]),
    )


@dataclass(frozen=True, slots=True)
class Counted:
    """A duration told as counted from another happening."""

    sign: int  # +1 after it, -1 before it
    amount: int  # whole units
    unit: Granularity
    lemmas: frozenset[str]  # the happening's lemmas and their kin; empty for a general noun
    quote: str  # "Two days after the sinking"
    at: int  # document character of the happening's words
    date_at: int = -1  # document character of a date it counts from ("after 3 March 2022")
    # Names the happening is told with ("the fall of Girona", "the KPA invaded"): the event
    # it is counted from must name one of them too.
    names: frozenset[str] = frozenset()


def lemmas_of(token: Token, lex: EventLexicon) -> frozenset[str]:
    """A trigger's lemmas as counting compares them: spaCy's, the verb a form reads as
    ("sinking" -> sink), and the lemmas of the same class ("death" -> die)."""
    found = {fold(token.lemma_), *(r.lemma for r in lex.verb_readings(fold(token.text)))}
    kin = words().classes
    return frozenset(found.union(*(kin.get(lemma, ()) for lemma in found)))


def _counted(doc: Doc, tokens: Collection[int]) -> tuple[int, Token] | None:
    """The sign and the word of what a time is counted from: the object of "after" ("two
    days after the sinking") or the clause "after" marks ("ten days after the ship sank")."""
    if not tokens:
        return None
    relations = words().relations
    head = time_root(doc, tokens).head
    sign = relations.get(fold(head.text))
    if sign is not None and head.pos_ == "ADP":
        what = next((c for c in head.children if c.dep_ == "pobj"), None)
        return (sign, what) if what is not None else None
    mark = next((c for c in head.children if c.dep_ == "mark"), None)
    sign = relations.get(fold(mark.text)) if mark is not None else None
    if sign is None or head.pos_ not in ("VERB", "AUX"):
        return None
    return sign, head


def _amount(mention: Mention) -> tuple[Granularity, int] | None:
    """The whole units of an amount of time ("two days"); None for any other time."""
    duration = mention.tag.spec.duration
    if mention.tag.spec.kind is not Kind.DURATION or duration is None:
        return None
    unit, amount = units.in_base(duration.unit, duration.amount)
    if amount is None or amount != int(amount) or amount <= 0:
        return None
    return unit, int(amount)


def dated_clause(doc: Doc, tokens: Collection[int], mention: Mention) -> Token | None:
    """The verb an amount counted from a clause dates: "found the log ten days after the ship
    sank" dates the finding, not the sinking the parser hangs it on."""
    found = _counted(doc, tokens) if _amount(mention) is not None else None
    if found is None or found[1].dep_ != "advcl" or found[1].head is found[1]:
        return None
    return found[1].head


def counted_from(
    doc: Doc,
    tokens: Collection[int],
    timed: Collection[int],
    mention: Mention,
    offset: int,
    lex: EventLexicon,
) -> Counted | None:
    """What a duration mention is counted from, if the parse says it is ("two days after
    the sinking"); `timed` are the sentence's tokens inside any time mention."""
    amount = _amount(mention)
    found = _counted(doc, tokens) if amount is not None else None
    if amount is None or found is None:
        return None
    unit, count = amount
    sign, what = found
    last = what.i if what.pos_ in ("VERB", "AUX") else max(t.i for t in what.subtree)
    quote = doc[min(tokens) : last + 1].text
    at = offset + what.idx
    if what.i in timed:
        return Counted(sign, count, unit, frozenset(), quote, at, at)
    w = words()
    clause = what.pos_ in ("VERB", "AUX")
    if clause and fold(what.lemma_) in w.light:
        return None  # "after the armistice took [effect]": no happening to look for
    general = fold(what.lemma_) in w.general
    lemmas = frozenset() if general else lemmas_of(what, lex)
    told = (
        what.subtree
        if not clause
        else (t for c in what.children if c.dep_ in grammar().all_subjects for t in c.subtree)
    )
    names = frozenset(fold(t.text) for t in told if t.pos_ == "PROPN")
    return Counted(sign, count, unit, lemmas, quote, at, names=names)


@dataclass(frozen=True, slots=True)
class _Anchor:
    value: CalendarValue
    chain: str
    approximate: bool
    mention_id: str = ""  # the mention that dates it, if one does


def place(
    events: Sequence[Event],
    lemmas: Sequence[frozenset[str]],
    counted: Sequence[Counted | None],
    mentions: Sequence[Mention],
    dct: Dct | None,
) -> list[Event]:
    """The events with a counted time placed: `lemmas[k]` and `counted[k]` are event k's
    (events in text order). The date a time counts from no longer dates the same clause on
    its own ("Two days after 3 March 2022, rescuers gave up" is one event, on 5 March)."""
    by_id = {m.id: m for m in mentions}
    anchors: dict[int, _Anchor] = {}
    for k, event in enumerate(events):
        found = _own(event, by_id, dct)
        if found is not None:
            anchors[k] = found
    out = list(events)
    dropped: set[int] = set()
    for k, c in enumerate(counted):
        if c is None:
            continue
        anchor = _date(c, mentions, by_id, dct) if c.date_at >= 0 else None
        if anchor is not None:
            dropped.update(_same_clause(k, anchor.mention_id, events))
        if c.date_at < 0:
            j = _happening(k, c, events, lemmas, anchors, by_id)
            anchor = anchors.get(j) if j is not None else None
        if anchor is None:
            continue
        moved = shifts.shift(anchor.value, c.unit, c.sign * c.amount)
        value = edtf_value(moved) if moved is not None else None
        if moved is None or value is None:
            continue
        step = f"{'+' if c.sign > 0 else '-'}{units.iso_duration(c.unit, c.amount)}"
        chain = words().chain.format(
            value=value, quote=c.quote, offset=offset_words(step), anchor=anchor.chain
        )
        time = EventTime(
            edtf=value,
            display=display.point(moved),
            granularity=moved.granularity,
            approximate=anchor.approximate,
            bounds=point_bounds(moved),
            chain=chain,
        )
        out[k] = replace(out[k], time=time)
        anchors[k] = _Anchor(moved, chain, anchor.approximate)
    return [e for j, e in enumerate(out) if j not in dropped]


def _same_clause(k: int, mention_id: str, events: Sequence[Event]) -> list[int]:
    """The events the date of counted event k dates alone in k's own clause."""
    trigger = events[k].sources[0].trigger_start
    return [
        j
        for j, e in enumerate(events)
        if j != k and e.mention_ids == (mention_id,) and e.sources[0].trigger_start == trigger
    ]


def _own(event: Event, by_id: Mapping[str, Mention], dct: Dct | None) -> _Anchor | None:
    """An event's date when one point mention dates it."""
    if len(event.mention_ids) != 1:
        return None
    mention = by_id.get(event.mention_ids[0])
    if mention is None or mention.tag.spec.kind is not Kind.POINT:
        return None
    value = mention.resolution.value
    if value is None or value.year is None:
        return None
    return _anchor(mention, value, by_id, dct)


def _anchor(
    mention: Mention, value: CalendarValue, by_id: Mapping[str, Mention], dct: Dct | None
) -> _Anchor:
    chain = chain_text(mention, by_id, dct)
    return _Anchor(value, chain, mention.resolution.approximate, mention.id)


def _date(
    c: Counted, mentions: Sequence[Mention], by_id: Mapping[str, Mention], dct: Dct | None
) -> _Anchor | None:
    for mention in mentions:
        if mention.start <= c.date_at < mention.end:
            value = mention.resolution.value
            if mention.tag.spec.kind is not Kind.POINT or value is None or value.year is None:
                return None
            return _anchor(mention, value, by_id, dct)
    return None


def _happening(
    k: int,
    c: Counted,
    events: Sequence[Event],
    lemmas: Sequence[frozenset[str]],
    anchors: Mapping[int, _Anchor],
    by_id: Mapping[str, Mention],
) -> int | None:
    """The dated event a counted time is counted from: the nearest before it, else after,
    within `_REACH` sentences (a happening named again further on is as likely another one:
    "the vote" of 1962 is not that of 1958 told a page before)."""
    here = events[k].sources[0].sentence
    near = [
        j
        for j in range(len(events))
        if j != k and abs(events[j].sources[0].sentence - here) <= _REACH
    ]
    before = [j for j in near if events[j].sources[0].start < c.at]
    after = [j for j in near if j not in before]
    for j in [*reversed(before), *after]:
        if j not in anchors or (c.names and not c.names & _named(events[j])):
            continue
        if c.lemmas and c.lemmas & lemmas[j]:
            return j
        if not c.lemmas and _stated(events[j], by_id):
            return j
    return None


def _named(event: Event) -> frozenset[str]:
    """The folded words an event's headline and participants are told with."""
    texts = [event.headline, *(p.text for p in event.participants)]
    return frozenset(fold(word) for text in texts for word in text.split())


def _stated(event: Event, by_id: Mapping[str, Mention]) -> bool:
    """Dated by a date of its own ("on 3 March 2022"), not one counted from the text's."""
    mention = by_id.get(event.mention_ids[0]) if event.mention_ids else None
    return (
        mention is not None
        and mention.tag.spec.kind is Kind.POINT
        and mention.resolution.anchor.kind is AnchorKind.NONE
    )


__all__ = ["Counted", "counted_from", "dated_clause", "lemmas_of", "place", "words"]
