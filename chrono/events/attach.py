"""Which word a time expression dates, read off the dependency parse: its event's trigger.

The rules `reports/attachment.md` showed work, written over the parse:
- the word the time modifies: a time that is the object of a preposition dates what the
  preposition hangs on ("opened *in* 1998" -> opened); a time inside a noun phrase dates the
  noun when it names an event ("the 1988 cease-fire", "Friday's meeting");
- otherwise the verb of its clause: "plans to travel next week" dates travel, and "the 2019
  budget could absorb" dates absorb (a budget is not a happening);
- a copula gives its predicate: "has been an ambassador since 2009" dates ambassador;
- a time with nothing to lean on (a headline, a date line) has no trigger.

`Attachment.verb` is the verb whose clause the headline is written from; `trigger` is the
word TimeML would mark as the EVENT.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chrono.events.grammar import Grammar, clause_verb, grammar, is_verb
from chrono.resources.lexicon import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLIMB = 8


@dataclass(frozen=True, slots=True)
class Attachment:
    trigger: Token | None  # the word the time dates (None: nothing to lean on)
    verb: Token | None  # the verb of its clause (None: a fragment without one)
    root: Token  # the time's own head token


def time_root(doc: Doc, tokens: Collection[int]) -> Token:
    """The token of a time expression whose head lies outside it (the first one if several)."""
    for i in sorted(tokens):
        token = doc[i]
        if token.head.i not in tokens or token.head is token:
            return token
    return doc[min(tokens)]


def attach(doc: Doc, tokens: Collection[int], g: Grammar, lex: EventLexicon) -> Attachment:
    root = time_root(doc, tokens)
    governor = _governor(root, tokens, g)
    if governor is None:
        return Attachment(None, None, root)
    before = doc[min(tokens) - 1] if min(tokens) > 0 else None
    if (
        root.dep_ in ("npadvmod", "tmod")
        and before is not None
        and before.pos_ == "NOUN"
        and event_noun(before, lex)
    ):
        governor = before  # "a news conference Friday": the conference is on Friday
    measured = _measures(root, tokens, g) and clause_verb(governor) is not None
    if governor.pos_ in ("NOUN", "PROPN") and event_noun(governor, lex) and not measured:
        return Attachment(governor, clause_verb(governor), root)
    verb = clause_verb(governor) or _finite_acl(governor)
    if verb is None:
        trigger = governor if governor.pos_ in ("NOUN", "PROPN") else None
        return Attachment(trigger, None, root)
    return Attachment(predicate(verb, tokens), verb, root)


def measures_a_thing(doc: Doc, tokens: Collection[int], g: Grammar, lex: EventLexicon) -> bool:
    """Does an amount of time say how long a thing has been what it is ("her husband of 19
    years"), not when anything happened? It then dates no event: it hangs on a noun that
    names no event, with no "for" or "since" that would make it the clause's span."""
    root = time_root(doc, tokens)
    governor = _governor(root, tokens, g)
    return (
        governor is not None
        and governor.pos_ in ("NOUN", "PROPN")
        and not event_noun(governor, lex)
        and not _measures(root, tokens, g)
    )


def _governor(root: Token, tokens: Collection[int], g: Grammar) -> Token | None:
    """The first word outside the time that it hangs on, past the preposition that
    introduces it ("in 1998" -> what "in" modifies)."""
    current = root
    for _ in range(_CLIMB):
        head = current.head
        if head is current:
            return None  # the time is the root of its sentence: a date line, a heading
        if head.i in tokens or _only_dates(head, tokens):
            current = head  # inside the time, or a participle that only dates a noun
            continue
        if head.pos_ in ("ADP", "SCONJ") or head.dep_ in ("prep", "agent"):
            current = head  # the preposition: what it modifies is the governor
            continue
        return head
    return None


def _measures(root: Token, tokens: Collection[int], g: Grammar) -> bool:
    """A time that measures how long ("for roughly a decade", "since 2009") dates its clause's
    state or activity, wherever the parser hung it ("an activist against human trafficking
    for a decade": the activist, not the trafficking)."""
    head = root.head
    while head.i in tokens and head.head is not head:
        head = head.head
    return head.lower_ in g.span_prepositions


def _finite_acl(noun: Token) -> Token | None:
    """A finite verb the parser hung on the subject of a verbless root ("The winner, 55, hit
    out at critics" parsed as a noun with a relative "hit"): the sentence's verb."""
    if noun.dep_ != "ROOT":
        return None
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ in ("VBD", "VBZ", "VBP") and child.i > noun.i:
            return child
    return None


def _only_dates(head: Token, tokens: Collection[int]) -> bool:
    """A participle whose only dependent is the time: "for the six months ended Oct. 1"."""
    if head.dep_ != "acl":
        return False
    return all(c.i in tokens or c.is_punct for c in head.children)


def predicate(verb: Token, tokens: Collection[int] = ()) -> Token:
    """A copula's predicate ("was independent", "has been an ambassador"); the verb itself
    otherwise, and when the predicate is the time ("is this coming Sunday")."""
    if verb.lemma_ != grammar().copula:
        return verb
    for child in verb.children:
        if child.dep_ in ("attr", "acomp", "oprd") and child.i not in tokens:
            return child
    return verb


def event_noun(token: Token, lex: EventLexicon) -> bool:
    """A noun that names a happening: a nominalisation spaCy lemmatises to a verb-like form
    ("opening", "appointment") or one of the event nouns of the lexicon."""
    low = token.lemma_.lower()
    if low in lex.event_nouns or token.lower_ in lex.event_nouns:
        return True
    return token.tag_ == "NN" and token.lower_.endswith("ing") and len(token.lower_) > 5


def coordinated(verb: Token, timed: Collection[int]) -> list[Token]:
    """Verbs coordinated after `verb` that share its time: "In 2004 she joined Amnesty and
    founded a charity" (one with a time of its own, `timed`, and those after it, do not)."""
    out = []
    current = verb
    while True:
        nxt = [c for c in current.children if c.dep_ == "conj" and is_verb(c)]
        if not nxt:
            return out
        current = nxt[0]
        if any(t.i in timed for t in own_clause(current)):
            return out
        out.append(current)


def own_clause(verb: Token) -> list[Token]:
    """The verb's subtree without the verbs coordinated after it (and their dependents)."""
    later = {t.i for c in verb.children if c.dep_ == "conj" and is_verb(c) for t in c.subtree}
    return [t for t in verb.subtree if t.i not in later]
