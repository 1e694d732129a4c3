"""Resolved mentions -> events, on the parse: the clause each time dates, its trigger, its
participants, a headline, and the document's entities.

Only the sentences that carry a time, and the one before each that coreference reaches back
to, are parsed (`chrono.events.parser`). For each mention the word it modifies is its
trigger (`chrono.events.attach`), the verb of that clause heads the headline
(`chrono.events.phrasing`), its dependents are the participants (`chrono.events.roles`), and
coreference (`chrono.events.coref`) names the pronouns and descriptions among them, so that
"She" becomes "Sorvino" and "it" carries the id of "the Harbour Street bridge".

Every mention belongs to at least one event, but a date line (a time that is all of its
line, "June 9, 2008" above an article): two mentions that are the start and the end of one
happening make one event (`chrono.events.timing.ranges`), a time fronted before coordinated
predicates dates each of them ("In 2004 she joined Amnesty and founded a charity": two
events), and a mention whose sentence could not be parsed (too long, or the parser failed:
one warning per document) still makes an event, headed by its own words. A dated news
report's opening past clauses that no time dates are events at the document's date.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chrono.errors import not_parsed, parser_failed
from chrono.events import parser
from chrono.events.attach import (
    Attachment,
    attach,
    coordinated,
    measures_a_thing,
    own_clause,
    predicate,
)
from chrono.events.coref import Coreference, resolve
from chrono.events.counted import Counted, counted_from, dated_clause, lemmas_of, place
from chrono.events.grammar import Grammar, grammar, past_clauses, subject, whole_word
from chrono.events.phrasing import (
    Names,
    Phrased,
    age_headline,
    clause_headline,
    noun_headline,
    words_of,
)
from chrono.events.roles import Entities, holder, participants
from chrono.events.timing import age_time, range_of, ranges
from chrono.resources.lexicon import EventLexicon, lexicon
from chrono.resources.loader import name_like
from chrono.text.sentences import sentence_of
from chrono.times.values import edtf_value, event_time, point_bounds
from chrono.types import (
    Document,
    Duration,
    Entity,
    Event,
    EventTime,
    Kind,
    Mention,
    Participant,
    Source,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CONTEXT = 1  # sentences parsed before each dated one, for coreference to reach back to
_OPENING = 2  # sentences always parsed: a text names its people first ("Mira Sorvino ...")
_LEDE = 15  # opening sentences of a news report read for events without a time of their own
_FALLBACK_WORDS = 10


@dataclass(frozen=True, slots=True)
class Extraction:
    events: tuple[Event, ...]
    entities: tuple[Entity, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # character span of the clause (the quote of a source)
    end: int
    headline: str
    trigger: str | None
    subject: str | None
    trigger_at: tuple[int, int] = (-1, -1)  # document characters of the trigger
    sentence: int = -1  # the parsed sentence it was read in
    participants: tuple[Participant, ...] = ()
    more: tuple[_Clause, ...] = ()  # other events the same time dates (coordinated predicates)
    dates_nothing: bool = False  # an amount of time a thing has lasted ("husband of 19 years")
    lemmas: frozenset[str] = frozenset()  # of its trigger, for a time counted from it to find
    counted: Counted | None = None  # "two days after the sinking": what its time counts from


@dataclass(slots=True)
class _Reader:
    """What reading one document's mentions needs."""

    document: Document
    parsed: list[parser.Parsed]
    coref: Coreference
    times: dict[int, set[int]]  # parsed sentence -> token indices inside any time mention
    lex: EventLexicon
    g: Grammar


def extract_events(
    document: Document, mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]
) -> tuple[Event, ...]:
    return extract(document, mentions, sentences).events


def extract(
    document: Document,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    *,
    reported: bool = False,
    parsed: Sequence[parser.Parsed] | None = None,
) -> Extraction:
    """One event per mention (or per start/end pair), plus one per coordinated predicate a
    fronted time also dates; ids in text order. The document's entities come with them.

    `reported`: a dated news report, whose opening sentences tell past events without a time
    of their own; they are placed at the document's date (`_reported_events`). `parsed`: the
    spans `to_parse` names, already parsed (several documents in one batch); else they are
    parsed here.

    Any input is accepted: sentence spans that overlap, lie outside the text or are missing
    (a mention outside every sentence is read in its line), and mentions with odd spans or
    broken range partners. Every event has a non-empty headline."""
    text = document.text
    plan = _plan(document, mentions, sentences, reported)
    if not plan.chosen:
        return Extraction((), (), ())
    warnings: list[str] = []
    if parsed is None:
        parsed, warnings = parse(document, plan.chosen)
    if any(p.doc is None for p in parsed):
        long = sum(p.doc is None for p in parsed)
        if not warnings:
            warnings.append(f"{document.path}: {not_parsed(long, parser.MAX_CHARACTERS)}")
    where, lede = plan.where, plan.lede
    index = {(p.start, p.end): n for n, p in enumerate(parsed)}
    reader = _Reader(
        document,
        parsed,
        resolve(text, parsed, document.id),
        _time_tokens(parsed, index, where, mentions),
        lexicon(),
        grammar(),
    )
    clauses = [_clause(reader, _index_of(index, where[k]), m) for k, m in enumerate(mentions)]
    events = _events(document, mentions, clauses, _date_lines(reader, where, index))
    if lede:
        events += _reported_events(reader, [index[s] for s in lede if s in index], len(events))
    used = {p.entity_id for e in events for p in e.participants if p.entity_id}
    return Extraction(events, _entities(reader, used), tuple(warnings))


@dataclass(frozen=True, slots=True)
class _Plan:
    where: list[tuple[int, int]]  # each mention's sentence
    lede: list[tuple[int, int]]  # a news report's opening sentences read for reported events
    chosen: list[tuple[int, int]]  # what is parsed, in text order


def _plan(
    document: Document,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    reported: bool,
) -> _Plan:
    text = document.text
    spans = _valid_spans(sentences, len(text))
    where = [_sentence_for(text, spans, m) for m in mentions]
    lede: list[tuple[int, int]] = []
    if reported and document.dct:
        dated = set(where)
        # The title is no sentence of the report: "Ferry disaster remembered" tells nothing.
        title = " ".join((document.title or "").split())
        lede = [
            s
            for s in spans[:_LEDE]
            if s not in dated and " ".join(text[s[0] : s[1]].split()) != title
        ]
    if not mentions and not lede:
        return _Plan(where, lede, [])
    return _Plan(where, lede, _to_parse(spans, [*where, *lede, *spans[:_OPENING]]))


def to_parse(
    document: Document,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    *,
    reported: bool = False,
) -> list[tuple[int, int]]:
    """The spans `extract` parses for this document, in text order (none: no event)."""
    return _plan(document, mentions, sentences, reported).chosen


def parse(
    document: Document, spans: Sequence[tuple[int, int]]
) -> tuple[list[parser.Parsed], list[str]]:
    """The spans parsed, and a warning if the parser failed (the times are then kept, each
    event headed by its own words)."""
    try:
        return parser.parse(document.text, spans), []
    except parser.ModelError:
        raise
    except Exception as error:  # a parser crash must not lose the times
        warning = f"{document.path}: {parser_failed(type(error).__name__)}"
        return [parser.Parsed(a, b, None) for a, b in spans], [warning]


# ---------------------------------------------------------------- sentences


def _clamp(start: int, end: int, size: int) -> tuple[int, int]:
    start = max(0, min(start, size))
    return start, max(start, min(end, size))


def _valid_spans(sentences: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    spans = sorted({_clamp(a, b, size) for a, b in sentences})
    out: list[tuple[int, int]] = []
    for a, b in spans:  # drop empty and overlapping spans: the rest relies on order
        if b > a and (not out or a >= out[-1][1]):
            out.append((a, b))
    return out


def _sentence_for(text: str, spans: list[tuple[int, int]], mention: Mention) -> tuple[int, int]:
    """The sentence holding a mention; outside every sentence span, the line around it."""
    start, end = _clamp(mention.start, mention.end, len(text))
    n = sentence_of(spans, start)
    if n >= 0 and spans[n][0] <= start < spans[n][1] and end <= spans[n][1]:
        return spans[n]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, max(len(text) if line_end < 0 else line_end, end)


def _to_parse(spans: list[tuple[int, int]], where: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The dated sentences and up to `_CONTEXT` before each, in document order."""
    chosen: set[tuple[int, int]] = set(where)
    position = {s: n for n, s in enumerate(spans)}
    for span in set(where):
        n = position.get(span)
        if n is not None:
            chosen.update(spans[max(0, n - _CONTEXT) : n])
    ordered = sorted(chosen)
    out: list[tuple[int, int]] = []
    for a, b in ordered:  # a line read for a stray mention may overlap a sentence
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _time_tokens(
    parsed: list[parser.Parsed],
    index: dict[tuple[int, int], int],
    where: list[tuple[int, int]],
    mentions: Sequence[Mention],
) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for span, m in zip(where, mentions, strict=True):
        p = _index_of(index, span)
        out.setdefault(p, set()).update(_tokens_of(parsed[p], m.start, m.end))
    for p, tokens in out.items():
        doc = parsed[p].doc
        if doc is not None:
            tokens.update(_signals(doc, tokens))
    return out


def _index_of(index: dict[tuple[int, int], int], span: tuple[int, int]) -> int:
    found = index.get(span)
    if found is not None:
        return found
    for (a, b), n in index.items():  # merged with an overlapping line
        if a <= span[0] and span[1] <= b:
            return n
    raise KeyError(span)


def _tokens_of(p: parser.Parsed, start: int, end: int) -> list[int]:
    if p.doc is None:
        return []
    a, b = start - p.start, end - p.start
    return [t.i for t in p.doc if t.idx < b and t.idx + len(t.text) > a]


def _signals(doc: Doc, tokens: set[int]) -> set[int]:
    """Prepositions left with nothing but a time ("in" of "in 1998"): dropped with it."""
    out = set()
    for token in doc:
        if token.i in tokens or token.pos_ not in ("ADP", "SCONJ"):
            continue
        children = list(token.children)
        if children and all(c.i in tokens for c in children):
            out.add(token.i)
    return out


# ---------------------------------------------------------------- one mention


def _clause(r: _Reader, p: int, mention: Mention) -> _Clause:
    doc = r.parsed[p].doc
    start, end = _clamp(mention.start, mention.end, len(r.document.text))
    tokens = _tokens_of(r.parsed[p], start, end)
    if doc is None or not tokens:
        return _unparsed(r, p, mention, start, end)
    drop = r.times.get(p, set())
    found = attach(doc, tokens, r.g, r.lex)
    main = dated_clause(doc, tokens, mention)
    if main is not None:
        found = Attachment(predicate(main, tokens), main, found.root)
    names, entities = _namers(r, p)
    verb = _headline_verb(found)
    phrased: Phrased | None = None
    offset = r.parsed[p].start
    age_of: Token | None = None
    if mention.tag.spec.kind is Kind.AGE:
        age = _age_text(mention.tag.spec.duration, r.lex)
        if verb is not None and _age_of_an_act(found, verb, r.g):
            # "died at the age of 64": the act, with the age after its verb
            if age:
                at = r.lex.age_at_template.format(age=age)
                phrased = clause_headline(verb, r.g, r.lex, drop, names, after_verb=at)
        else:
            age_of = _holder(r, found)
            if age_of is not None and age:
                phrased = age_headline(age_of, age, r.lex.age_template, r.g, drop, names)
    if phrased is None and verb is not None:
        phrased = clause_headline(verb, r.g, r.lex, drop, names)
    if phrased is None and found.trigger is not None:
        phrased = noun_headline(found.trigger, r.g, drop, names)
    if phrased is None or not phrased.text:
        text = words_of(list(doc), drop, _FALLBACK_WORDS) or _last_resort(r, mention)
        phrased = Phrased(text, None)
    trigger = found.trigger if mention.tag.spec.kind is not Kind.AGE else None
    quote = _quote(doc, verb, found, tokens, offset, start, end)
    if age_of is not None and phrased.subject is not None:
        people = holder(age_of, r.g, drop, entities, offset, r.document.id)
    else:
        people = participants(verb, found.trigger, r.g, drop, entities, offset, r.document.id)
    more: tuple[_Clause, ...] = ()
    # A fronted date dates the predicates coordinated after it ("In 2004 she joined Amnesty
    # and founded a charity"); "now", an age, an amount or a recurrence dates one clause:
    # one sentence's "now" is one event, not one per verb.
    dates_all = mention.tag.spec.kind is Kind.POINT
    if dates_all and verb is not None and found.verb is verb and found.root.i < verb.i:
        more = tuple(_coordinated(r, p, verb, drop, names, entities))
    return _Clause(
        quote[0],
        quote[1],
        phrased.text,
        _word(trigger),
        phrased.subject,
        _at(trigger, offset),
        p,
        people,
        more,
        mention.tag.spec.kind is Kind.DURATION and measures_a_thing(doc, tokens, r.g, r.lex),
        _lemmas(trigger or verb, r.lex),
        counted_from(doc, tokens, drop, mention, offset, r.lex),
    )


def _lemmas(token: Token | None, lex: EventLexicon) -> frozenset[str]:
    return lemmas_of(token, lex) if token is not None else frozenset()


def _headline_verb(found: Attachment) -> Token | None:
    """The verb a headline is written from: a controlled infinitive's governor ("plans to
    travel next week" is told as "plans to travel")."""
    verb = found.verb
    while verb is not None and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


def _at(token: Token | None, offset: int) -> tuple[int, int]:
    if token is None:
        return (-1, -1)
    start, end = whole_word(token)
    return (offset + start, offset + end)


def _word(token: Token | None) -> str | None:
    if token is None:
        return None
    start, end = whole_word(token)
    return token.doc.text[start:end]


def _quote(
    doc: Doc,
    verb: Token | None,
    found: Attachment,
    tokens: list[int],
    offset: int,
    start: int,
    end: int,
) -> tuple[int, int]:
    """Characters of the clause (its verb's own words) with the time inside them."""
    if verb is not None:
        words = own_clause(verb)
    elif found.trigger is not None:
        words = list(found.trigger.subtree)
    else:
        words = list(doc)
    words = [t for t in words if not t.is_punct or t.i in tokens] or list(doc)
    while len(words) > 1 and words[-1].pos_ in ("CCONJ", "PUNCT") and words[-1].i not in tokens:
        words.pop()  # "..., and" before a coordinated predicate is not part of the quote
    first = min(t.idx for t in words)
    last = max(t.idx + len(t.text) for t in words)
    return min(offset + first, start), max(offset + last, end)


def _holder(r: _Reader, found: Attachment) -> Token | None:
    """Who has an age: "The Oscar winner, 55," / "52-year-old Paul Brenner" / "she was 55"."""
    root = found.root
    owner: Token | None = None
    if root.dep_ in ("appos", "amod", "npadvmod", "nummod", "compound") and root.head.pos_ in (
        "NOUN",
        "PROPN",
        "PRON",
    ):
        owner = root.head
    elif found.verb is not None:
        owner = subject(found.verb, r.g)
    if owner is None:
        return None
    named = [c for c in owner.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if owner.pos_ == "NOUN" and named:
        owner = named[0]  # "her director husband Paul Brenner": the name
    return owner


def _age_of_an_act(found: Attachment, verb: Token, g: Grammar) -> bool:
    """An age told as when something was done ("died at the age of 64", "retired at 60"):
    the event is the act, not a state of being that old."""
    root = found.root
    return verb.lemma_ != g.copula and root.dep_ == "prep" and root.head.i == verb.i


def _age_text(duration: Duration | None, lex: EventLexicon) -> str:
    """ "55" for 55 years, "8 months old" for 8 months; "" when the age is not known."""
    if duration is None or duration.amount is None:
        return ""
    after = lex.age_after_number.get(duration.unit.name.lower())
    if after is None:
        return ""
    return f"{duration.amount:g}" + (after[0] if duration.amount == 1 else after[1])


def _coordinated(
    r: _Reader, p: int, verb: Token, drop: set[int], names: Names, entities: Entities
) -> list[_Clause]:
    offset = r.parsed[p].start
    out = []
    for other in coordinated(verb, drop):
        phrased = clause_headline(other, r.g, r.lex, drop, names)
        words = own_clause(other)
        start = offset + min(t.idx for t in words)
        end = offset + max(t.idx + len(t.text) for t in words)
        people = participants(other, other, r.g, drop, entities, offset, r.document.id)
        out.append(
            _Clause(
                start,
                end,
                phrased.text,
                _word(other),
                phrased.subject,
                _at(other, offset),
                p,
                people,
                lemmas=_lemmas(other, r.lex),
            )
        )
    return out


def _unparsed(r: _Reader, p: int, mention: Mention, start: int, end: int) -> _Clause:
    """The rule-level event of a mention in a sentence the parser did not read."""
    a, b = r.parsed[p].start, r.parsed[p].end
    text = r.document.text
    words = " ".join([*text[max(a, start - 60) : start].split()[-5:], mention.text])
    headline = " ".join(words.split()[:_FALLBACK_WORDS]) or _last_resort(r, mention)
    return _Clause(
        max(a, start - 60),
        min(b, end + 1),
        headline[:1].upper() + headline[1:],
        None,
        None,
        (-1, -1),
        p,
    )


def _last_resort(r: _Reader, mention: Mention) -> str:
    words = " ".join(mention.text.split()) or " ".join(mention.resolution.display.split())
    return words or r.lex.untitled


# ---------------------------------------------------------------- entities


def _namers(r: _Reader, p: int) -> tuple[Names, Entities]:
    """How a headline names a token, and which entity a participant is, in sentence p."""
    coref = r.coref
    doc_id = r.document.id

    def entity_of(token: Token) -> int | None:
        return coref.entity_at(p, token.i)

    def names(token: Token) -> tuple[str, str] | None:
        n = entity_of(token)
        if n is None or not coref.entities[n].name.strip():
            return None
        entity = coref.entities[n]
        if not _proper(entity.name):
            article = r.g.definite_article
            written = f"{article} {entity.name}" if token.pos_ == "PRON" else entity.name
            return written, entity.name
        if token.pos_ == "PRON" and entity.type == "PERSON":
            return entity.name.split()[-1], entity.name  # "she" -> "Sorvino"
        return entity.name, entity.name

    def entities(token: Token) -> tuple[str, str | None] | None:
        n = entity_of(token)
        if n is None:
            return None
        entity = coref.entities[n]
        return f"{doc_id}:x{n + 1}", entity.type if entity.type != "OTHER" else None

    return names, entities


def _proper(name: str) -> bool:
    return any(name_like(word) for word in name.split())


def _entities(r: _Reader, used: set[str]) -> tuple[Entity, ...]:
    """The entities an event names, and every one with a proper name (a description no event
    names, "the hands", is of no use to a reader)."""
    doc_id = r.document.id
    out = []
    for n, e in enumerate(r.coref.entities):
        local = f"{doc_id}:x{n + 1}"
        if e.name.strip() and (local in used or _proper(e.name)):
            out.append(
                Entity(
                    id=local,
                    name=e.name,
                    type=e.type,
                    aliases=tuple(a for a in e.aliases if a != e.name),
                    doc_ids=(doc_id,),
                    mentions=len(e.mentions),
                )
            )
    return tuple(out)


# ---------------------------------------------------------------- reported events


def _reported_events(r: _Reader, sentences: list[int], after: int) -> tuple[Event, ...]:
    """Past events a news report tells in its opening sentences with no time of their own
    ("Apple unveiled the iPhone 4"): each main clause in the past, placed at the document's
    date and marked as inherited (`time.display`: "2010-06-07 (document date, reported
    event)"). Nothing is guessed for the present or the future."""
    dct = r.document.dct
    if dct is None:
        return ()
    value = dct.value
    edtf = edtf_value(value)
    time = EventTime(
        edtf=edtf,
        display=r.g.reported_time.format(date=edtf),
        granularity=value.granularity,
        approximate=True,
        bounds=point_bounds(value),
    )
    events: list[Event] = []
    for p in sentences:
        doc = r.parsed[p].doc
        if doc is None:
            continue
        names, entities = _namers(r, p)
        offset = r.parsed[p].start
        for verb in past_clauses(doc, r.g):
            if _says_nothing(verb, r.g):
                continue  # "Sorvino said during an interview": what she said is elsewhere
            phrased = clause_headline(verb, r.g, r.lex, set(), names)
            words = own_clause(verb)
            start = offset + min(t.idx for t in words)
            end = offset + max(t.idx + len(t.text) for t in words)
            at = _at(verb, offset)
            source = Source(
                r.document.id,
                f"{r.document.id}:dct",
                r.document.text[start:end],
                start,
                end,
                None,
                *at,
            )
            events.append(
                Event(
                    id=f"{r.document.id}:e{after + len(events) + 1}",
                    headline=phrased.text,
                    trigger=_word(verb),
                    subject=phrased.subject,
                    doc_ids=(r.document.id,),
                    mention_ids=(),
                    time=time,
                    sources=(source,),
                    participants=participants(
                        verb, verb, r.g, set(), entities, offset, r.document.id
                    ),
                )
            )
    return tuple(events)


# ---------------------------------------------------------------- events


def _says_nothing(verb: Token, g: Grammar) -> bool:
    """A reporting verb with nothing said in its own sentence (the quote is the sentence
    before): no event of its own."""
    if verb.lemma_.lower() not in g.reporting:
        return False
    said = {"ccomp", "parataxis", "dobj", "obj", *g.passive_subjects}  # "X was announced"
    return not any(c.dep_ in said for c in verb.children) and verb.dep_ not in said


def _date_lines(
    r: _Reader, where: list[tuple[int, int]], index: dict[tuple[int, int], int]
) -> set[int]:
    """Mentions that are all of their line ("June 9, 2008" above an article): the date the
    text was written, not an event. A text that is nothing but times keeps them."""
    out = set()
    for k, span in enumerate(where):
        doc = r.parsed[_index_of(index, span)].doc
        words = [t for t in doc if not t.is_punct and not t.is_space] if doc is not None else []
        timed = r.times.get(_index_of(index, span), set())
        if words and all(t.i in timed for t in words):
            out.add(k)
    return out if len(out) < len(where) else set()


def _events(
    document: Document,
    mentions: Sequence[Mention],
    clauses: list[_Clause],
    date_lines: Collection[int] = (),
) -> tuple[Event, ...]:
    paired = ranges(mentions, [(c.trigger_at[0], c.sentence) for c in clauses])
    groups: list[tuple[tuple[int, ...], _Clause]] = []
    for k in range(len(mentions)):
        if (k in paired and paired[k] == -1) or k in date_lines or clauses[k].dates_nothing:
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
            time = range_of(first.resolution, mentions[members[1]].resolution)
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
                *clause.trigger_at,
                mentions[m].sentence,
            )
            for m, clause in zip(members, quoted, strict=True)
        )
        events.append(
            Event(
                id=f"{document.id}:e{n}",
                headline=head.headline,
                trigger=head.trigger,
                subject=head.subject,
                doc_ids=(document.id,),
                mention_ids=tuple(mentions[m].id for m in members),
                time=time,
                sources=sources,
                participants=head.participants,
            )
        )
    lemmas = [head.lemmas for _, head in groups]
    counted = [head.counted if len(members) == 1 else None for members, head in groups]
    return tuple(place(events, lemmas, counted, mentions, document.dct))


__all__ = ["Extraction", "extract", "extract_events", "parse", "to_parse"]
