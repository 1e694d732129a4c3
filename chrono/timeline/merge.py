"""Reports of one happening, from several documents (or one), merged into one event.

Two events are one when their triggers name the same kind of happening (same lemma, or one
class of `resources/<lang>/events/merge.toml`: "was appointed Ambassador" / "has been an
Ambassador since"), their participants agree (subjects that are the same name or aliases of
it, "Mira" / "Sorvino" / "Mira Sorvino"; the words of their objects overlap) and their times
are compatible (the ranges their starts may lie in overlap: "c. 1998" and "1999" agree).
Times that do not overlap keep two events apart, except for happenings that occur once to
the same participants (a birth, an appointment): then the reports are one event the sources
disagree on, and a `Contradiction` names every claim. Nothing is dropped or averaged: the
merged event keeps every source with its own `stated_edtf`, and its time is that of the
agreeing majority, narrowed to what all of them allow.

Events are told apart by their named participants: two events that share no word written as
a name (a person, an organisation, a place, or the entity a pronoun or description refers
to: "it opened" in a letter about the Harbour Street bridge) are never merged, whatever else
they share ("Sales rose in 1988" of two companies). Two states with different predicates are
two events ("has been an activist" / "has been an ambassador"). An event placed at its news
report's date with no time of its own (`Profile.inherited`) starts at any day up to that
date: it joins a dated report of the same happening and never contradicts it.

`merge_confidence` is the weighted sum of three agreements, each in [0, 1]: the trigger
(1 same lemma, 0.75 same class of `merge.toml`), the subject (1 same name or alias, 0.5 when
one side has none) and the other words of the headlines (the share of the smaller set the two
share, 0.5 when one side has none), weighted 0.35/0.35/0.30; a pair below 0.65 is not merged,
and a once-only happening told with dates that do not overlap is merged at 0.85 of its score
(the sources disagree). A cluster's confidence is its weakest link.

Scale: each event is reduced to a compact `Profile` (trigger lemma and classes, participant
words, start range in days). Candidate pairs come from blocking: an event is filed under a
few keys (trigger class x named participant word, at most `_KEYS` words); inside a block events are
sorted by start and each is compared with the next `_WINDOW` only (sorted neighbourhood), so
pairs are O(N·K·W) and the whole merge O(N log N) time and O(N·K) memory, never O(N²).
Clusters are kept by union-find; two clusters join only if their subjects stay compatible,
so a chain of weak links cannot glue unrelated people together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from chrono.resources.lexicon import EventLexicon, lexicon
from chrono.resources.loader import fold, load_toml, name_like
from chrono.types import Bounds, Claim, Contradiction, Event, Mention, Source

_KEYS = 6  # participant words an event is filed under
_WINDOW = 12  # neighbours compared in a block sorted by time
_THRESHOLD = 0.65  # merge confidence needed to merge
_WEIGHTS = (0.35, 0.35, 0.30)  # trigger, subject, object words
_SAME_CLASS = 0.75  # trigger score of two lemmas of one class
_ONE_SIDE = 0.5  # participant score when only one side names it
_DISAGREEING = 0.85  # a once-only happening told with dates that do not overlap: less sure
_DAY = 86_400
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Words:
    classes: dict[str, frozenset[str]]  # lemma -> classes it belongs to
    once: frozenset[str]
    reporting: frozenset[str]
    stop: frozenset[str]
    births: frozenset[str]
    templates: dict[str, str]


@cache
def words(code: str = "en") -> Words:
    data = load_toml(code, "events/merge.toml")
    classes: dict[str, set[str]] = {}
    for name, members in data["classes"].items():
        for lemma in members:
            classes.setdefault(fold(lemma), set()).add(name)
    lex = lexicon(code)
    function = (
        lex.determiners
        | lex.prepositions
        | lex.coordinators
        | lex.subordinators
        | frozenset(lex.subject_pronouns)
        | lex.object_pronouns
        | lex.possessives
        | lex.be
        | lex.have
        | lex.do
        | lex.modals
        | lex.negations
        | lex.relatives
    )
    return Words(
        {k: frozenset(v) for k, v in classes.items()},
        frozenset(fold(w) for w in data["once"]),
        frozenset(fold(w) for w in data["reporting"]),
        frozenset(fold(w) for w in data["stop_words"]) | function,
        frozenset(fold(w) for w in data["birth_triggers"]),
        {k: str(t) for k, t in data["templates"].items()},
    )


# ---------------------------------------------------------------- profiles


@dataclass(frozen=True, slots=True)
class Profile:
    """What merging compares of one event: a few words and a range of days."""

    index: int
    doc_id: str
    lemma: str
    classes: frozenset[str]
    subject: frozenset[str]  # folded words of the subject (names, or the noun phrase)
    content: frozenset[str]  # folded words of the object and the rest of the headline
    names: frozenset[str]  # folded words written as names: the participants that identify it
    start: tuple[int | None, int | None] | None  # days the start may lie in; None undated
    state: bool  # a state held since its start ("has been ... since 2009")
    precision: int  # granularity (finer is larger)
    verb: str  # lemma of the headline's verb ("are invited to join" -> invite), "" if none
    predicate: str = ""  # a copula's predicate ("has been an activist": activist), else ""
    # Placed at its document's date with no time of its own (a reported past event): its
    # start is anywhere up to that date, and it never contradicts a stated one.
    inherited: bool = False


def trigger_lemma(trigger: str | None, lex: EventLexicon | None = None) -> str:
    """'appointed' -> 'appoint', 'been' -> 'be', 'elections' -> 'election'."""
    if not trigger:
        return ""
    lex = lex or lexicon()
    low = fold(trigger)
    aux = lex.aux_class(low)
    if aux:
        return aux
    readings = lex.verb_readings(low)
    if readings:
        return readings[0].lemma
    if low in lex.event_nouns:
        return low
    for single in lex.singulars(low):
        if single in lex.event_nouns:
            return single
    return low


_PREDICATE_REACH = 5  # headline words between a copula and its predicate


def _predicate_of_be(headline: str, trigger: str | None, lex: EventLexicon) -> bool:
    """Is the trigger the predicate of a copula in the headline ("is independent", "has been
    a Goodwill Ambassador")? Such an event is a state: it compares as "be"."""
    if not trigger or lex.verb_readings(trigger) or lex.aux_class(trigger):
        return False
    words = [fold(t) for t in _WORD.findall(headline)]
    low = fold(trigger)
    if low not in words:
        return False
    at = words.index(low)
    return any(lex.aux_class(t) == "be" for t in words[max(0, at - _PREDICATE_REACH) : at])


def _headline_verb(words: Sequence[str], subject: str | None, lex: EventLexicon) -> str:
    """The lemma of the first verb after the subject in a headline; "be" for a copula."""
    skip = len(_WORD.findall(subject or ""))
    copula = ""
    for word in words[skip:]:
        low = fold(word)
        aux = lex.aux_class(low)
        if aux:
            copula = copula or aux
            continue
        readings = lex.verb_readings(low)
        if readings:
            return readings[0].lemma
        if low not in lex.adverbs and low not in lex.negations:
            break
    return copula


def _normal(word: str) -> str:
    """A word as merging compares it: folded, a plural -s dropped ("ambassadors")."""
    low = fold(word)
    if len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


_NAMING_ROLES = frozenset({"agent", "patient"})  # participants that identify a happening


def profile(
    index: int,
    event: Event,
    mentions: Mapping[str, Mention],
    entity_names: Mapping[str, str] | None = None,
) -> Profile:
    """`entity_names`: the document's entity id -> canonical name, so that "it opened" in a
    letter about the Harbour Street bridge is filed under the bridge's name."""
    w = words()
    lex = lexicon()
    lemma = trigger_lemma(event.trigger, lex)
    subject = frozenset(
        _normal(t) for t in _WORD.findall(event.subject or "") if fold(t) not in w.stop
    )
    taking_part = [
        name
        for p in event.participants
        if p.role in _NAMING_ROLES
        and p.entity_id is not None
        and (name := (entity_names or {}).get(p.entity_id))
        and any(name_like(x) for x in name.split())
    ]
    trigger_words = {fold(event.trigger)} if event.trigger else set()
    predicate = ""
    if _predicate_of_be(event.headline, event.trigger, lex):
        lemma, trigger_words = "be", set()  # "has been a Goodwill Ambassador": a role held
        predicate = _normal(event.trigger or "")
    content = frozenset(
        n
        for t in _WORD.findall(event.headline)
        if (low := fold(t)) not in w.stop
        and low not in trigger_words
        and len(low) > 1
        and not low.isdigit()
        and (n := _normal(t)) not in subject
        and n != lemma
    )
    said = _WORD.findall(event.headline)
    named = [t for i, t in enumerate(said) if i > 0 and t[:1].isupper()]
    capitals = [t for t in _WORD.findall(event.subject or "") if t[:1].isupper()]
    if len(capitals) >= 2:  # a full name ("Mira Sorvino"), not a capital opening a sentence
        named += capitals
    named += [t for name in taking_part for t in _WORD.findall(name) if name_like(t)]
    names = frozenset(_normal(t) for t in named if fold(t) not in w.stop)
    bounds = event.time.bounds
    start: tuple[int | None, int | None] | None = None
    first, last = bounds.earliest_start, bounds.latest_start
    inherited = not event.mention_ids
    if inherited:
        first = None  # "Apple launched the store" in a 2008 report: in 2008 or before
    if first is not None or last is not None:
        start = (
            None if first is None else first // _DAY,
            None if last is None else last // _DAY,
        )
    state = any(
        (m := mentions.get(i)) is not None
        and m.tag.signal is not None
        and m.tag.signal.relation == "since"
        for i in event.mention_ids
    )
    precision = int(event.time.granularity) if event.time.granularity is not None else -1
    return Profile(
        index,
        event.doc_ids[0],
        lemma,
        w.classes.get(lemma, frozenset()),
        subject,
        content,
        names,
        start,
        state,
        precision,
        _headline_verb(said, event.subject, lex),
        predicate,
        inherited,
    )


def mergeable(p: Profile) -> bool:
    """Can this event merge with any other? (Else a run need not keep its profile.)"""
    return bool(_keys(p))


def _keys(p: Profile) -> list[tuple[str, str]]:
    """The blocks an event is filed under: trigger class x participant word."""
    w = words()
    if p.start is None or not p.lemma or (p.lemma in w.reporting and not p.classes):
        return []
    if not p.names:
        return []  # no named participant: never merged (see `compare`)
    kinds = sorted(p.classes) or [p.lemma]
    participants = sorted(p.names, key=lambda t: (-len(t), t))
    chosen = list(dict.fromkeys(participants))[:_KEYS]
    return [(kind, word) for kind in kinds for word in chosen]


# ---------------------------------------------------------------- comparing two events


def overlaps(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """Can two ranges of days share a day? (None is open.)"""
    a_lo, a_hi = a
    b_lo, b_hi = b
    return (a_lo is None or b_hi is None or a_lo <= b_hi) and (
        b_lo is None or a_hi is None or b_lo <= a_hi
    )


def names_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Subjects are the same participant: one's words within the other's ("Mira" and "Mira
    Sorvino"), or, for common nouns, sharing a word ("the film" and "the documentary film")."""
    if not a or not b:
        return True
    return a <= b or b <= a


@dataclass(frozen=True, slots=True)
class Match:
    confidence: float
    agree: bool  # the times are compatible


def compare(a: Profile, b: Profile) -> Match | None:
    """How surely two events are one (None: they are not)."""
    if a is b or a.start is None or b.start is None:
        return None
    if a.predicate and b.predicate and a.predicate != b.predicate:
        return None  # two states: an activist is not an ambassador
    if a.lemma == b.lemma:
        trigger = 1.0
    elif a.classes & b.classes:
        trigger = _SAME_CLASS
    else:
        return None
    if a.subject and b.subject:
        if not names_agree(a.subject, b.subject):
            return None
        subject = 1.0
    else:
        subject = _ONE_SIDE
    if a.content and b.content:
        shared = len(a.content & b.content) / min(len(a.content), len(b.content))
        if shared == 0:
            return None
    else:
        shared = _ONE_SIDE
    if not a.names & b.names:
        # No named participant in common: "Sales rose 5% in 1988" told of two companies, or
        # "The film premieres" of two films, are not one event.
        return None
    confidence = _WEIGHTS[0] * trigger + _WEIGHTS[1] * subject + _WEIGHTS[2] * shared
    if confidence < _THRESHOLD:
        return None
    agree = overlaps(a.start, b.start)
    if not agree:
        once = words().once
        # Different dates make two events, unless the happening occurs once to the same
        # participants: then the sources disagree about one event.
        if not (a.lemma in once or b.lemma in once) or subject < 1.0:
            return None
        if a.verb != b.verb:
            return None  # "were invited to join NATO in 1997" is not "joined NATO in 1999"
        confidence *= _DISAGREEING
    return Match(round(confidence, 3), agree)


# ---------------------------------------------------------------- clusters


@dataclass
class _Clusters:
    parent: list[int]
    subject: list[frozenset[str]]  # the most specific subject of each root
    confidence: list[float]  # weakest link that built each root's cluster
    links: dict[int, list[tuple[int, int, Match]]] = field(default_factory=dict)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, match: Match) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        if not names_agree(self.subject[a], self.subject[b]):
            return  # "Mira" may join "Mira Sorvino", not then also "Mira Nair"
        if b < a:
            a, b = b, a
        self.parent[b] = a
        self.subject[a] = max(self.subject[a], self.subject[b], key=len)
        self.confidence[a] = min(self.confidence[a], self.confidence[b], match.confidence)


Filed = list[tuple[int, Profile]]  # one block: (position, profile) of its events
Matched = list[tuple[int, int, Match]]  # pairs of positions that match
Mapper = Callable[[Callable[[Filed], Matched], Iterable[Filed]], Iterable[Matched]]


def clusters(
    profiles: Sequence[Profile | None], mapper: Mapper = map
) -> list[tuple[list[int], float]]:
    """Groups of two or more positions in `profiles` that report one happening, with the
    merge confidence; each group in increasing order, the groups by their first position.
    An event in no group (one without a profile, None, among them) stays alone.

    Blocks are compared independently (`mapper` may spread them over a cluster); the links
    they find are then joined here, surest first: the result is the same either way.
    """
    matches: dict[tuple[int, int], Match] = {}
    for found in mapper(block_matches, blocks(profiles)):
        for i, j, match in found:  # a pair filed in two blocks is found twice, the same
            matches[(i, j)] = match
    subjects = [p.subject if p is not None else frozenset() for p in profiles]
    state = _Clusters(list(range(len(profiles))), subjects, [1.0] * len(profiles))
    for _, i, j, match in sorted((-m.confidence, i, j, m) for (i, j), m in matches.items()):
        state.join(i, j, match)  # surest links first
    groups: dict[int, list[int]] = {}
    for i in sorted({i for pair in matches for i in pair}):
        groups.setdefault(state.find(i), []).append(i)
    return [
        (members, state.confidence[root])
        for root, members in sorted(groups.items())
        if len(members) > 1
    ]


def blocks(profiles: Sequence[Profile | None]) -> Iterator[Filed]:
    """The blocks of two or more events: each event is filed under its `_keys`."""
    filed: dict[tuple[str, str], Filed] = {}
    for i, p in enumerate(profiles):
        if p is not None:
            for key in _keys(p):
                filed.setdefault(key, []).append((i, p))
    return (block for block in filed.values() if len(block) > 1)


def block_matches(block: Filed) -> Matched:
    """The matching pairs of one block: sorted by start, each event compared with its next
    `_WINDOW` neighbours. Only matches are returned: memory stays O(N·K) for the blocks
    plus the matches, not O(N·K·W) for every pair tried."""
    ordered = sorted(block, key=lambda item: _start_day(item[1]))  # stable: ties in order
    out: Matched = []
    for n, (a, pa) in enumerate(ordered):
        for b, pb in ordered[n + 1 : n + 1 + _WINDOW]:
            if (match := compare(pa, pb)) is not None:
                out.append((min(a, b), max(a, b), match))
    return out


def _start_day(p: Profile) -> int:
    assert p.start is not None
    lo, hi = p.start
    return lo if lo is not None else hi if hi is not None else 0


# ---------------------------------------------------------------- merged events


@dataclass(frozen=True, slots=True)
class Group:
    """Input events that report one happening, and the event merging made of them."""

    members: tuple[int, ...]  # indices of the input events, in input order
    agreeing: tuple[int, ...]  # ... of those whose times agree with the merged event's
    event: Event
    contradiction: Contradiction | None = None  # its sources disagree on the date


def merge(
    profiles: Sequence[Profile | None], load: Callable[[int], Event], mapper: Mapper = map
) -> list[Group]:
    """Merge the events that report one happening (see the module docstring); the events
    in no group are reported once and stay as they are.

    Only the profiles are held; `load(i)` gives input event i, asked only for the events
    that are joined with others (so a run can keep its events on disk).
    """
    out: list[Group] = []
    for members, confidence in clusters(profiles, mapper):
        joined = [p for i in members if (p := profiles[i]) is not None]
        assert len(joined) == len(members)  # only profiled events are ever joined
        event, contradiction, agreeing = _merged([load(i) for i in members], joined, confidence)
        chosen = tuple(members[k] for k in agreeing)
        out.append(Group(tuple(members), chosen, event, contradiction))
    return out


def merge_events(events: Sequence[Event], mentions: Mapping[str, Mention]) -> list[Group]:
    """`merge` over events in memory (their mentions give the "since" of a held state)."""
    return merge([profile(i, e, mentions) for i, e in enumerate(events)], events.__getitem__)


def _groups(profiles: Sequence[Profile]) -> list[list[int]]:
    """Positions of the profiles split into groups whose start ranges all share a day,
    narrowest ranges placed first (so "2009" is not swallowed by "2000s")."""
    order = sorted(range(len(profiles)), key=lambda k: (_width(profiles[k]), k))
    groups: list[tuple[list[int], tuple[int | None, int | None]]] = []
    for k in order:
        start = profiles[k].start
        assert start is not None
        for members, common in groups:
            if overlaps(common, start):
                members.append(k)
                common_new = _intersect(common, start)
                groups[groups.index((members, common))] = (members, common_new)
                break
        else:
            groups.append(([k], start))
    return [sorted(m) for m, _ in groups]


def _width(p: Profile) -> int:
    assert p.start is not None
    lo, hi = p.start
    return (hi - lo) if lo is not None and hi is not None else 10**9


def _intersect(
    a: tuple[int | None, int | None], b: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    lo = max((x for x in (a[0], b[0]) if x is not None), default=None)
    hi = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return lo, hi


def _merged(
    events: Sequence[Event], profiles: Sequence[Profile], confidence: float
) -> tuple[Event, Contradiction | None, list[int]]:
    groups = _groups(profiles)
    majority = max(groups, key=lambda g: (len(g), -min(g)))
    primary = min(
        majority,
        key=lambda k: (profiles[k].inherited, profiles[k].state, -profiles[k].precision, k),
    )
    head = events[primary]
    ordered = [primary] + [k for k in range(len(events)) if k != primary]
    sources = _distinct(s for k in ordered for s in events[k].sources)
    doc_ids = tuple(dict.fromkeys(d for k in ordered for d in events[k].doc_ids))
    mention_ids = tuple(dict.fromkeys(m for k in ordered for m in events[k].mention_ids))
    stated = [events[k] for k in majority if not profiles[k].inherited]
    time = replace(head.time, bounds=_narrowed(head, stated))
    contradiction = None
    ids: tuple[str, ...] = ()
    if len(groups) > 1 and len({_place(s) for s in sources}) > 1:  # one sentence: no dispute
        contradiction = _date_contradiction(head.id, events, groups)
        ids = (contradiction.id,)
    merged = replace(
        head,
        doc_ids=doc_ids,
        mention_ids=mention_ids,
        sources=sources,
        time=time,
        contradiction_ids=tuple(dict.fromkeys((*head.contradiction_ids, *ids))),
        merge_confidence=confidence,
        participants=tuple(p for k in ordered for p in events[k].participants),
    )
    return merged, contradiction, majority


def _distinct(sources: Iterable[Source]) -> tuple[Source, ...]:
    """One source per document sentence, the first: one sentence dated twice ("since
    2009 ... now") is one source, not corroboration."""
    seen: dict[tuple[str, int, int], Source] = {}
    for source in sources:
        seen.setdefault(_place(source), source)
    return tuple(seen.values())


def _place(source: Source) -> tuple[str, int, int]:
    """What makes a source distinct: its document and sentence (else its span)."""
    if source.sentence >= 0:
        return source.doc_id, source.sentence, -1
    return source.doc_id, source.start, source.end


def _narrowed(head: Event, agreeing: Iterable[Event]) -> Bounds:
    """The head's bounds with its start narrowed to what every agreeing report allows (a
    point's end with it)."""
    b = head.time.bounds
    lo, hi = b.earliest_start, b.latest_start
    for event in agreeing:
        other = event.time.bounds
        if other.earliest_start is not None and (lo is None or other.earliest_start > lo):
            lo = other.earliest_start
        if other.latest_start is not None and (hi is None or other.latest_start < hi):
            hi = other.latest_start
    if lo is not None and hi is not None and lo > hi:
        return b
    point = (b.earliest_start, b.latest_start) == (b.earliest_end, b.latest_end)
    if point:
        return replace(b, earliest_start=lo, latest_start=hi, earliest_end=lo, latest_end=hi)
    return replace(b, earliest_start=lo, latest_start=hi)


def _date_contradiction(
    event_id: str, events: Sequence[Event], groups: Sequence[Sequence[int]]
) -> Contradiction:
    t = words().templates
    claims = tuple(
        Claim(s.doc_id, s.mention_id, s.stated_edtf)
        for s in _distinct(s for group in groups for k in group for s in events[k].sources)
    )
    parts = []
    for group in groups:
        stated = _distinct(s for k in group for s in events[k].sources)
        edtf = stated[0].stated_edtf or events[group[0]].time.display
        docs = ", ".join(dict.fromkeys(s.doc_id for s in stated))
        parts.append(t["claim"].format(edtf=edtf, doc=docs))
    reason = t["date"].format(claims="; ".join(parts))
    return Contradiction(f"{event_id}:c1", event_id, "date", claims, reason)
