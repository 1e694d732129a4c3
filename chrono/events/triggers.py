"""Which word of a sentence a time expression dates: the trigger of its event.

The headline of an event is built from the clause's finite verb and its subject
(`chrono.events.headlines`); the trigger is the word the time actually modifies, which TimeML
calls the EVENT and which is often lower in the sentence:

- an event noun the time is part of or stands right after: "the August 1988 cease-fire",
  "Friday's meeting", "a news conference Friday", "a speech six weeks ago";
- otherwise the nearest verb before the time in its clause, finite or not: "announced
  plans to travel ... next week" dates "travel", "hopes to win seats this September" dates
  "win" (the finite verb "announced" still heads the headline);
- a verb group that is only a copula gives its predicate: "has been independent since 1901"
  dates "independent";
- a time before every verb of its clause ("That year, she joined") dates the verb the
  clause ranking puts first (`chrono.text.clauses.groups_near`).
"""

from __future__ import annotations

from collections.abc import Sequence

from chrono.resources.lexicon import EventLexicon
from chrono.text.clauses import (
    ADV,
    AUXILIARY,
    DET,
    NAME,
    NEG,
    NUM,
    POSS,
    PREP,
    VERB,
    WORD,
    Analysis,
)

_NOUN_REACH = 4  # words of a noun phrase read after a time for the noun it modifies
_PREDICATE_REACH = 6  # words read after a copula for its predicate


def event_noun(low: str, lex: EventLexicon) -> bool:
    """An event noun by the word list (plurals derived)."""
    return low in lex.event_nouns or any(s in lex.event_nouns for s in lex.singulars(low))


def dated_word(
    an: Analysis, unit: int, first: int, last: int, ranked: Sequence[int], lex: EventLexicon
) -> int | None:
    """Token index of the word the time (tokens first..last) dates; None when there is none."""
    noun = modified_noun(an, first, last, lex)
    if noun is not None:
        return noun
    groups = an.unit_groups(unit)
    after = [gi for gi in groups if an.groups[gi].first > last]
    if after and _adverbial(an, last, min(an.groups[gi].first for gi in after)):
        # "it now holds", "they last week launched": the time sits right before its verb
        return predicate(an, min(after, key=lambda gi: an.groups[gi].first), lex)
    before = [gi for gi in groups if an.groups[gi].main < first]
    if before:
        return predicate(an, max(before, key=lambda gi: an.groups[gi].main), lex)
    if ranked:
        return predicate(an, ranked[0], lex)
    return None


def _adverbial(an: Analysis, last: int, verb: int) -> bool:
    """Only adverbs between the end of a time and the verb group after it."""
    return all(an.cats[k] in (ADV, NEG) for k in range(last + 1, verb)) and verb > last


def modified_noun(an: Analysis, first: int, last: int, lex: EventLexicon) -> int | None:
    """An event noun the time is part of ("the 1988 cease-fire", "Friday's meeting") or
    follows directly ("a news conference Friday", "a mission in December")."""
    cats, tokens = an.cats, an.tokens
    k, head = last + 1, None
    while k < len(tokens) and k - last <= _NOUN_REACH and cats[k] in (WORD, NAME, NUM):
        head = k
        k += 1
    ends_phrase = k >= len(tokens) or cats[k] != VERB
    if (
        head is not None
        and ends_phrase
        and cats[head] == WORD
        and event_noun(tokens[head].low, lex)
    ):
        return head
    j = first - 1
    if j >= 0 and cats[j] == PREP and tokens[j].low in lex.signals_before:
        j -= 1
    if j >= 0 and cats[j] == WORD and event_noun(tokens[j].low, lex) and not _object(an, j):
        return j
    return None


def _object(an: Analysis, noun: int) -> bool:
    """Is the noun phrase ending at `noun` the object of a verb right before it ("launched
    her campaign in 2006": the time dates the launch, not the campaign)?"""
    k = noun - 1
    while k >= 0 and an.cats[k] in (WORD, NAME, NUM, DET, POSS, ADV):
        k -= 1
    return k >= 0 and an.cats[k] in (VERB, *AUXILIARY)


def predicate(an: Analysis, gi: int, lex: EventLexicon) -> int:
    """The main verb of a group, or the predicate of a copula ("has been independent")."""
    group = an.groups[gi]
    main = group.main
    if an.cats[main] not in AUXILIARY or an.lemmas[main] not in lex.be:
        return main
    k = main + 1
    head = None
    while k < len(an.tokens) and k - main <= _PREDICATE_REACH:
        cat = an.cats[k]
        if cat in (ADV, NEG, DET, POSS) and head is None:
            k += 1
            continue
        if cat in (WORD, NAME) and an.tokens[k].word:
            head = k
            k += 1
            continue
        break
    if head is None and k < len(an.tokens) and an.cats[k] == PREP and k == main + 1:
        return k  # "has been in charge": TimeML marks the preposition
    return head if head is not None else main
