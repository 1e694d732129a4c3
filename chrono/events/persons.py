"""Who the people of a document are, and whom "he" or "she" stands for.

A person is a capitalised name at the head of a subject ("Actress Mira
Sorvino shouts ..." -> Mira Sorvino): two or more name words, or one word
that is part of a full name seen before ("Mira", "Sorvino") or that follows a
role word ("agent Ballard"). Walking the document in text order, a subject
"he"/"she" outside quotations stands for the last such person whose gender
does not contradict it; the gender comes from role words (actress, Mr) and
from the pronouns already linked to that person. With no person seen yet the
pronoun stays unresolved: guessing would put words in someone else's mouth.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from chrono.resources.lexicon import EventLexicon
from chrono.resources.loader import fold
from chrono.text.clauses import (
    NAME,
    PRON,
    PRONAUX,
    WORD,
    Analysis,
    is_initial,
    is_possessive,
    strip_possessive,
)

_MAX_NAME_WORDS = 4
_LOOK_BACK = 50  # persons a pronoun may reach back over


@dataclass(frozen=True, slots=True)
class PersonName:
    first: int  # token range of the name words (roles excluded)
    end: int
    words: tuple[str, ...]  # as written, possessive stripped
    gender: str  # from a role word: "f", "m" or ""
    possessive: bool  # "Mira Sorvino's heart": the person owns the head, is not it


def surname(canonical: str) -> str:
    return canonical.split()[-1] if canonical else canonical


def quote_regions(text: str, lex: EventLexicon) -> list[tuple[int, int]]:
    """Spans of quoted speech; a blank line closes a quotation left open."""
    opens = "".join(sorted(lex.open_quotes))
    closes = "".join(sorted(lex.close_quotes))
    straight = "".join(sorted(lex.straight_quotes))
    marks = re.compile(f"[{re.escape(opens + closes + straight)}]|\\n[ \\t]*\\n")
    regions: list[tuple[int, int]] = []
    opened = -1
    for match in marks.finditer(text):
        mark, at = match.group(), match.start()
        opening_straight = (
            mark in lex.straight_quotes
            and opened < 0
            and (at == 0 or text[at - 1].isspace() or text[at - 1] in "([")
        )
        if mark in lex.open_quotes or opening_straight:
            if opened < 0:
                opened = at
        elif opened >= 0:
            end = at if mark.startswith("\n") else match.end()
            regions.append((opened, end))
            opened = -1
    if opened >= 0:
        regions.append((opened, len(text)))
    return regions


def in_regions(regions: list[tuple[int, int]], offset: int) -> bool:
    index = bisect_right(regions, offset, key=lambda r: r[0]) - 1
    return index >= 0 and regions[index][0] <= offset < regions[index][1]


def person_name(
    an: Analysis, start: int, end: int, lex: EventLexicon, known: dict[str, str]
) -> PersonName | None:
    """The person a noun phrase (tokens start..end) is headed by, if it is one."""
    cats, tokens = an.cats, an.tokens
    k = end - 1
    while k >= start and (
        cats[k] == NAME
        or (tokens[k].low in lex.person_connectors and k > start and cats[k - 1] == NAME)
    ):
        k -= 1
    first = k + 1
    if first >= end or cats[end - 1] != NAME:
        return None
    gender, role = "", False
    while first < end and tokens[first].low in lex.roles:  # "Actress Mira Sorvino"
        gender = gender or lex.roles[tokens[first].low]
        role = True
        first += 1
    if first >= end:
        return None
    before = first - 1
    if before >= 1 and tokens[before].text == "." and tokens[before - 1].low in lex.roles:
        before -= 1  # "Mr. Tom Hale": the noun phrase started after the period
    if before >= 0 and cats[before] in (WORD, NAME) and tokens[before].low in lex.roles:
        gender = gender or lex.roles[tokens[before].low]  # "federal agent Tim Ballard"
        role = True
    elif before >= start and tokens[before].low in lex.determiners and not role:
        return None  # "the United Nations", "a Golden Globe"
    words = tuple(strip_possessive(tokens[t].text) for t in range(first, end))
    names = [w for w in words if fold(w) not in lex.person_connectors]
    if not names or len(names) > _MAX_NAME_WORDS:
        return None
    if any(
        fold(w) in lex.not_person
        or not all(part[:1].isupper() for part in w.split("-"))
        or (w.isupper() and len(w) > 1)
        or not w.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
        for w in names
    ):
        return None
    if len(names) == 1 and not role and fold(names[0]) not in known:
        return None
    return PersonName(first, end, words, gender, is_possessive(tokens[end - 1].text))


class People:
    """The persons of one document, filled sentence by sentence in text order."""

    def __init__(self, text: str, lex: EventLexicon) -> None:
        self.lex = lex
        self.known: dict[str, str] = {}  # folded name word -> canonical full name
        self.entries: list[str] = []  # canonical names of person subjects, in text order
        self.gender: dict[str, str] = {}
        self.resolved: dict[int, str | None] = {}  # pronoun token start -> canonical name
        self.quotes = quote_regions(text, lex)
        # folded words capitalised where a capital means a name (not first in a sentence)
        self.proper: set[str] = set()

    def is_name(self, low: str) -> bool:
        """Does the document write this (folded) word as a name: a person's, or capitalised
        where a capital is not just the start of a sentence?"""
        return low in self.known or low in self.proper

    def canonical(self, words: tuple[str, ...]) -> str:
        names = [w for w in words if fold(w) not in self.lex.person_connectors] or list(words)
        if len(names) >= 2:
            full = " ".join(words)
            for word in names:
                self.known[fold(word)] = full
            return full
        return self.known.get(fold(names[0]), names[0])

    def observe(self, an: Analysis) -> None:
        """Record the person subjects and resolve the he/she subjects of one sentence."""
        if not an.title_mode:
            self.proper.update(
                token.low
                for i, token in enumerate(an.tokens)
                if an.cats[i] == NAME and not is_initial(an, i, self.lex)
            )
        items: list[tuple[int, int, object]] = []
        for gi, group in enumerate(an.groups):
            subject = an.subjects[gi]
            if subject is None or subject.via != "np" or not group.finite:
                continue
            if subject.end - subject.start == 1 and an.cats[subject.start] in (PRON, PRONAUX):
                continue
            person = person_name(an, subject.start, subject.end, self.lex, self.known)
            if person is not None:
                items.append((an.tokens[person.first].start, 0, person))
        for i, token in enumerate(an.tokens):
            resolvable = self._pronoun(token.low) in self.lex.resolvable_pronouns
            if an.cats[i] in (PRON, PRONAUX) and resolvable:
                items.append((token.start, 1, i))
        self._learn_role_names(an)
        for _, kind, item in sorted(items, key=lambda entry: (entry[0], entry[1])):
            if kind == 0 and isinstance(item, PersonName):
                name = self.canonical(item.words)
                if not item.possessive:
                    self.entries.append(name)
                if item.gender and not self.gender.get(name):
                    self.gender[name] = item.gender
            elif isinstance(item, int):
                self._resolve(an, item)

    def _pronoun(self, low: str) -> str:
        contracted = self.lex.pronoun_contractions.get(low)
        return contracted[0] if contracted else low

    def _learn_role_names(self, an: Analysis) -> None:
        """Full names after a role word ("agent Tim Ballard") are people wherever they stand."""
        for i in range(len(an.tokens) - 2):
            if an.cats[i] == WORD and an.tokens[i].low in self.lex.roles and an.cats[i + 1] == NAME:
                end = i + 1
                while end < len(an.tokens) and an.cats[end] == NAME:
                    end += 1
                person = person_name(an, i, end, self.lex, self.known)
                if person is not None and len(person.words) >= 2:
                    name = self.canonical(person.words)
                    if person.gender and not self.gender.get(name):
                        self.gender[name] = person.gender

    def _resolve(self, an: Analysis, i: int) -> None:
        token = an.tokens[i]
        if in_regions(self.quotes, token.start):
            self.resolved[token.start] = None  # quoted speech: "she" may be anyone
            return
        wanted = self.lex.subject_pronouns.get(self._pronoun(token.low), "")
        found = None
        for name in reversed(self.entries[-_LOOK_BACK:]):
            if self.gender.get(name, "") in ("", wanted):
                found = name
                break
        if found is not None and not self.gender.get(found):
            self.gender[found] = wanted
        self.resolved[token.start] = found

    def name_for(self, offset: int) -> str | None:
        """The canonical name a he/she at `offset` was resolved to (None when unsafe)."""
        return self.resolved.get(offset)
