"""Who takes part in an event and how, read off the parse: agent, patient, location, other.

The subject of an active verb and the object of "by" are agents; an object and the subject
of a passive are patients; the object of a place preposition ("in", "at", ...) that names a
place is a location; other prepositional objects and predicates are `other`. For an event
noun, its possessor and "by" object are agents, its "of" object a patient ("Apple's launch
of the iPhone"). Names inside those phrases ("the store of Apple") take part as `other`. Each
participant points at the entity coreference gave it, so "it" and "the company" carry the
id of "Apple Inc.".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import TYPE_CHECKING

from chrono.events.grammar import Grammar, is_passive, phrase, subject
from chrono.types import Participant

if TYPE_CHECKING:
    from spacy.tokens import Token

AGENT, PATIENT, LOCATION, OTHER = "agent", "patient", "location", "other"

# token -> (entity id, entity type or None) of the mention it heads; None: no entity
Entities = Callable[["Token"], tuple[str, str | None] | None]


def holder(
    token: Token,
    g: Grammar,
    drop: Collection[int],
    entity: Entities,
    offset: int,
    doc_id: str,
) -> tuple[Participant, ...]:
    """The one participant of an age: who has it."""
    found = _participant(AGENT, token, g, drop, entity, offset, doc_id)
    return () if found is None else (found,)


def participants(
    verb: Token | None,
    trigger: Token | None,
    g: Grammar,
    drop: Collection[int],
    entity: Entities,
    offset: int,
    doc_id: str,
) -> tuple[Participant, ...]:
    """The participants of the event whose clause `verb` heads (or, verbless, `trigger`)."""
    found: list[tuple[str, Token]] = []
    if verb is not None:
        found += _of_verb(verb, g, drop, entity)
    if trigger is not None and trigger is not verb and trigger.pos_ in ("NOUN", "PROPN"):
        found += _of_noun(trigger, g, drop, entity)
    out: list[Participant] = []
    seen: set[tuple[int, int]] = set()
    for role, head in found:
        for item in _with_names(role, head, g, drop, entity):
            participant = _participant(*item, g, drop, entity, offset, doc_id)
            if participant is not None and (participant.start, participant.end) not in seen:
                seen.add((participant.start, participant.end))
                out.append(participant)
    return tuple(out)


def _of_verb(
    verb: Token, g: Grammar, drop: Collection[int], entity: Entities
) -> Iterator[tuple[str, Token]]:
    head = subject(verb, g)
    if head is not None and head.i not in drop:
        yield (PATIENT if is_passive(verb, g) else AGENT), head
    for child in verb.children:
        if child.i in drop:
            continue
        if child.dep_ in ("dobj", "obj"):
            yield PATIENT, child
        elif child.dep_ in ("dative", "iobj") and child.pos_ == "ADP":
            yield from ((OTHER, p) for p in _objects(child, drop))  # "sold it *to* Acme"
        elif child.dep_ in ("dative", "iobj", "attr", "oprd"):
            yield OTHER, child
        elif child.dep_ == "agent":
            yield from ((AGENT, p) for p in _objects(child, drop))
        elif child.dep_ == "prep":
            place = child.lower_ in g.location_prepositions
            for p in _objects(child, drop):
                yield (LOCATION if place and _place(p, g, entity) else OTHER), p


def _of_noun(
    noun: Token, g: Grammar, drop: Collection[int], entity: Entities
) -> Iterator[tuple[str, Token]]:
    for child in noun.children:
        if child.i in drop:
            continue
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            yield AGENT, child
        elif child.dep_ == "prep":
            low = child.lower_
            role = (
                PATIENT
                if low in g.patient_prepositions
                else AGENT
                if low in g.agent_prepositions
                else OTHER
            )
            for p in _objects(child, drop):
                if (
                    role == OTHER
                    and child.lower_ in g.location_prepositions
                    and _place(p, g, entity)
                ):
                    role = LOCATION
                yield role, p


def _objects(preposition: Token, drop: Collection[int]) -> Iterator[Token]:
    for child in preposition.children:
        if child.dep_ in ("pobj", "pcomp") and child.i not in drop:
            yield child


_NOT_PLACES = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"})


def _place(token: Token, g: Grammar, entity: Entities | None = None) -> bool:
    """A place: so labelled, or a name after a place preposition ("in Leeds") that nothing
    says is a person, an organisation or a thing."""
    if token.ent_type_ in g.location_types:
        return True
    typed = entity(token) if entity is not None else None
    kind = typed[1] if typed is not None else None
    if kind in g.location_types:
        return True
    return token.pos_ == "PROPN" and kind not in _NOT_PLACES


def _with_names(
    role: str, head: Token, g: Grammar, drop: Collection[int], entity: Entities
) -> Iterator[tuple[str, Token]]:
    """The phrase itself, then each name nested in it ("the store of Apple": Apple)."""
    yield role, head
    if head.pos_ == "PRON":
        return
    words = phrase(head, g, drop)
    inside = {w.i for w in words}
    for token in words:
        if (
            token is not head
            and token.pos_ == "PROPN"
            and token.dep_ not in ("compound", "flat")
            and token.head.i in inside
        ):
            by = token.head  # "to Acme in Leeds": Leeds is where, by its preposition
            place = by.lower_ in g.location_prepositions and _place(token, g, entity)
            yield (LOCATION if place else OTHER), token


def _participant(
    role: str,
    head: Token,
    g: Grammar,
    drop: Collection[int],
    entity: Entities,
    offset: int,
    doc_id: str,
) -> Participant | None:
    words = [head] if head.pos_ == "PRON" else _name_or_phrase(head, g, drop)
    if not words or all(t.pos_ in ("PUNCT", "DET", "ADP") for t in words):
        return None
    first, last = words[0], words[-1]
    start = offset + first.idx
    end = offset + last.idx + len(last.text)
    found = entity(head)
    text = first.doc.text[first.idx : last.idx + len(last.text)]
    return Participant(
        role=role,
        text=text,
        start=start,
        end=end,
        doc_id=doc_id,
        entity_id=found[0] if found else None,
        entity_type=found[1] if found else None,
    )


def _name_or_phrase(head: Token, g: Grammar, drop: Collection[int]) -> list[Token]:
    """A nested name is the name ("Apple" in "the store of Apple"), a phrase its words up to
    the head's own dependents (its prepositional phrases are participants of their own)."""
    if head.pos_ == "PROPN":
        run, stack = [head], [head]
        while stack:  # the name's own words: compounds of compounds ("Harbour Street bridge")
            for child in stack.pop().children:
                if child.dep_ in ("compound", "flat") and child.i not in drop:
                    run.append(child)
                    stack.append(child)
        return sorted(run, key=lambda t: t.i)
    leave = set(drop)
    for child in head.children:
        if child.dep_ in ("prep", "acl", "relcl") and child.i > head.i:
            leave.update(t.i for t in child.subtree)
    return phrase(head, g, leave)
