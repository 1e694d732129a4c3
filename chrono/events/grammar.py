"""The parse read as grammar: subjects, verbs, phrases (over spaCy tokens).

The dependency labels each question uses are language data (`resources/<lang>/events/
parse.toml`); this module holds the walks over the tree that answer: which verb heads a
token's clause, who its subject is (inherited along coordinated and controlled verbs: "she
joined Amnesty and founded a charity", "plans to travel"), and which tokens make up a
noun phrase once its relative clauses and asides are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from chrono.resources.loader import fold, load_toml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CLIMB = 12  # heads climbed at most (a parse is a tree; this only bounds the walk)


@dataclass(frozen=True, slots=True)
class Grammar:
    subjects: frozenset[str]
    passive_subjects: frozenset[str]
    auxiliaries: frozenset[str]
    negations: frozenset[str]
    particles: frozenset[str]
    objects: frozenset[str]
    complements: frozenset[str]
    dropped: frozenset[str]
    phrase_dropped: frozenset[str]
    time_links: frozenset[str]
    relative_pronouns: frozenset[str]
    location_prepositions: frozenset[str]
    location_types: frozenset[str]
    span_prepositions: frozenset[str]
    headline_words: int
    clause_words: int
    reported_time: str
    speaker_pronouns: frozenset[str]
    reporting: frozenset[str]
    alternatives: frozenset[str]
    patient_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    partitive_prepositions: frozenset[str]
    definite_article: str
    article_before_vowel: str
    article_before_consonant: str
    vowels: str
    copula: str  # the lemma of "to be"
    quote_marks: tuple[str, str]  # around a speaker's words in a headline
    ellipsis: str  # where a quote's words are left out
    backshifted: dict[str, str]  # a reported clause's modal -> its present ("would" -> "will")

    @property
    def all_subjects(self) -> frozenset[str]:
        return self.subjects | self.passive_subjects


@cache
def grammar(code: str = "en") -> Grammar:
    data = load_toml(code, "events/parse.toml")

    def labels(key: str) -> frozenset[str]:
        return frozenset(str(v) for v in data[key])

    return Grammar(
        subjects=labels("subjects"),
        passive_subjects=labels("passive_subjects"),
        auxiliaries=labels("auxiliaries"),
        negations=labels("negations"),
        particles=labels("particles"),
        objects=labels("objects"),
        complements=labels("complements"),
        dropped=labels("dropped"),
        phrase_dropped=labels("phrase_dropped"),
        time_links=labels("time_links"),
        relative_pronouns=frozenset(fold(w) for w in data["relative_pronouns"]),
        location_prepositions=frozenset(fold(w) for w in data["location_prepositions"]),
        location_types=labels("location_types"),
        span_prepositions=frozenset(fold(w) for w in data["span_prepositions"]),
        headline_words=int(data["headline_words"]),
        clause_words=int(data["clause_words"]),
        reported_time=str(data["reported_time"]),
        speaker_pronouns=frozenset(fold(w) for w in data["speaker_pronouns"]),
        alternatives=frozenset(fold(w) for w in data["alternatives"]),
        patient_prepositions=frozenset(fold(w) for w in data["patient_prepositions"]),
        agent_prepositions=frozenset(fold(w) for w in data["agent_prepositions"]),
        partitive_prepositions=frozenset(fold(w) for w in data["partitive_prepositions"]),
        definite_article=str(data["definite_article"]),
        article_before_vowel=str(data["article_before_vowel"]),
        article_before_consonant=str(data["article_before_consonant"]),
        vowels=str(data["vowels"]),
        copula=str(data["copula"]),
        quote_marks=(str(data["quote_marks"][0]), str(data["quote_marks"][1])),
        ellipsis=str(data["ellipsis"]),
        backshifted={str(k): str(v) for k, v in data["backshifted"].items()},
        # The merge's reporting verbs ("say", "announce"): one list of them.
        reporting=frozenset(fold(w) for w in load_toml(code, "events/merge.toml")["reporting"]),
    )


def is_verb(token: Token) -> bool:
    return token.pos_ in _VERBAL


def is_nominal(token: Token) -> bool:
    return token.pos_ in _NOMINAL


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds `token` (itself if it is one); None in a verbless fragment."""
    current = token
    for _ in range(_CLIMB):
        if is_verb(current):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def subject(verb: Token, g: Grammar) -> Token | None:
    """The verb's subject, or the one it shares: a coordinated verb takes its first
    conjunct's ("joined ... and founded"), a controlled infinitive its governor's ("plans to
    travel"), a participle modifying a noun that noun ("the bridge, opened in 1932")."""
    current = verb
    for _ in range(_CLIMB):
        found = [c for c in current.children if c.dep_ in g.all_subjects]
        if found:
            return _antecedent(_main_subject(found, current), g)
        if current.dep_ in ("conj", "xcomp") and current.head is not current:
            current = current.head
            continue
        if participial_clause(current):  # "was rebuilt in 1958, widened in 1975"
            current = current.head
            continue
        if current.dep_ in ("acl", "relcl") and is_nominal(current.head):
            return current.head  # "the bridge, opened in 1932"; "The winner, 55, hit out"
        # An auxiliary that spaCy made the head ("has been" in a copula): its verb's subject.
        if current.dep_ in g.auxiliaries and current.head is not current:
            current = current.head
            continue
        return None
    return None


def _main_subject(found: list[Token], verb: Token) -> Token:
    """Of two subjects (a misparse of one long one: "The co-founder ... of Apple Inc. Steve
    Jobs has died", "Competition-wise, the BlackBerry is"), the one next to the verb."""
    before = [c for c in found if c.i < verb.i]
    return before[-1] if before else found[0]


def participial_clause(verb: Token) -> bool:
    """A participle hanging on a verb with no subject or marker of its own ("rebuilt in 1958,
    widened in 1975"): it shares the main clause's subject and voice."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBN", "VBG")
        and is_verb(verb.head)
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def _antecedent(token: Token, g: Grammar) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the bridge, which opened");
    where the parser did not see the relative clause, for the noun just before it ("the
    quarter, which ended December 30")."""
    clause = token.head
    if token.lower_ not in g.relative_pronouns or token.tag_ not in ("WDT", "WP"):
        return token
    if clause.dep_ == "relcl" and clause.head is not clause:
        return clause.head
    for k in range(token.i - 1, max(-1, token.i - 4), -1):
        before = token.doc[k]
        if before.pos_ in ("NOUN", "PROPN"):
            return before
        if not before.is_punct:
            break
    # ", which" after a verb phrase the parser hung it on: the last noun before it ("the
    # first point release (10.4.1) before jumping in, which is expected in late May").
    if token.i > 0 and token.doc[token.i - 1].text == ",":
        for before in reversed(token.doc[: token.i]):
            if before.pos_ in ("NOUN", "PROPN") and before.dep_ not in ("compound", "poss"):
                return before
    return token


def is_passive(verb: Token, g: Grammar) -> bool:
    if any(c.dep_ in g.passive_subjects or c.dep_ == "auxpass" for c in verb.children):
        return True
    # A past participle modifying a noun is passive: "the bridge, opened in 1932".
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def phrase(head: Token, g: Grammar, leave_out: Iterable[int] = ()) -> list[Token]:
    """The tokens of the phrase `head` heads, in order, without relative clauses, asides and
    the tokens in `leave_out` (a time expression), nor anything that hangs on those."""
    skip = set(leave_out)
    out: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        if token.i in skip:
            continue
        out.append(token)
        for child in token.children:
            if (
                child.dep_ not in g.phrase_dropped
                or (child.dep_ == "punct" and (_inner(child) or _list_comma(token, child)))
                or (child.dep_ == "acl" and _short(child, skip))  # "the land claimed by X"
                or (child.dep_ == "appos" and _bare_name(token, child, skip))
                or (child.dep_ in ("cc", "conj", "preconj") and _nominal_coordination(token))
            ):
                stack.append(child)
    return trim_edges(_whole_words(out, skip))


def _whole_words(tokens: list[Token], skip: set[int]) -> list[Token]:
    """The tokens in order, each hyphenated word whole ("co-founder", not "co-"), except for
    the tokens left out (a time: "mid-2011")."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    kept = {t.i for t in tokens}
    for token in tokens:
        first, last = _word_span(token)
        for k in range(first, last + 1):
            if k in kept or k in skip:
                continue
            kept.add(k)  # with what comes before it: "The" of "The vice-president"
            kept.update(t.i for c in doc[k].lefts for t in c.subtree if t.i not in skip)
    return [doc[k] for k in sorted(kept)]


_SHORT = 4  # words of a participle or a name kept inside a noun phrase


def _short(clause: Token, skip: set[int]) -> bool:
    """A short participle ("claimed by Palestinians") or name ("her husband, Paul Brenner")."""
    words = list(clause.subtree)
    return len(words) <= _SHORT and not any(t.i in skip for t in words)


def lost_clause(head: Token, g: Grammar) -> bool:
    """Does a phrase lose a clause when written without one ("around the time [her son was
    born]")? Then the rest says too little to keep."""
    objects = [c for c in head.children if c.dep_ in ("pobj", "pcomp")] or [head]
    return any(c.dep_ == "relcl" for o in objects for c in o.children)


def _bare_name(head: Token, name: Token, skip: set[int]) -> bool:
    """A name right after its noun, no comma or bracket between ("her husband Paul
    Brenner"): part of the phrase. One set off by punctuation is an aside."""
    if name.pos_ != "PROPN" or not _short(name, skip):
        return False
    first = min(t.i for t in name.subtree)
    between = head.doc[head.i + 1 : first]
    return not any(t.is_punct for t in between)


def _nominal_coordination(token: Token) -> bool:
    """Coordinated nouns belong to their phrase ("the advances and the failures");
    coordinated verbs are events of their own."""
    return is_nominal(token) and not any(c.dep_ == "conj" and is_verb(c) for c in token.children)


def _list_comma(token: Token, comma: Token) -> bool:
    """A comma between the items of a list of nouns ("the United States, United Kingdom")."""
    return (
        comma.text == ","
        and _nominal_coordination(token)
        and any(c.dep_ == "conj" and c.i > comma.i for c in token.children)
    )


def _inner(token: Token) -> bool:
    """Punctuation inside a name or number ("Yahoo!", "1,200"), not around a phrase."""
    return token.text in ("-", "'", "&", ".", "/") and not token.whitespace_


def trim_edges(tokens: list[Token]) -> list[Token]:
    """No phrase starts or ends on punctuation, a conjunction or a preposition left alone
    (a verb's particle is no such preposition: "is built in", "was set up")."""
    edge = ("PUNCT", "CCONJ", "ADP", "SCONJ", "DET", "PART")
    while tokens and tokens[-1].pos_ in edge and tokens[-1].tag_ != "POS":
        if _particle(tokens[-1]):
            break
        tokens.pop()
    while tokens and tokens[0].pos_ in ("PUNCT", "CCONJ"):
        tokens.pop(0)
    return tokens


def _particle(token: Token) -> bool:
    """A verb's particle: so labelled, or a preposition with no object of its own at all."""
    if token.head.pos_ not in ("VERB", "AUX") or token.head.i > token.i:
        return False
    return token.dep_ == "prt" or (token.dep_ == "prep" and not any(token.children))


def whole_word(token: Token) -> tuple[int, int]:
    """Characters (in its sentence) of the hyphenated word a token is part of: "cease-fire"
    for "fire", which the tokenizer split at the hyphens."""
    first, last = _word_span(token)
    doc = token.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _word_span(token: Token) -> tuple[int, int]:
    """First and last token of the hyphenated word a token is part of."""
    doc = token.doc
    first = last = token.i
    while (
        first > 0
        and not doc[first - 1].whitespace_
        and "-" in (doc[first - 1].text, doc[first].text)
    ):
        first -= 1
    while (
        last + 1 < len(doc)
        and not doc[last].whitespace_
        and "-" in (doc[last].text, doc[last + 1].text)
    ):
        last += 1
    return first, last


_MAIN = frozenset({"ROOT", "ccomp", "conj"})


def past_clauses(doc: Doc, g: Grammar) -> list[Token]:
    """The verbs of a sentence's main clauses (and of what they report) told in the past:
    "Apple *unveiled* the phone", "it *has sold* 3 billion songs", "was *renamed*"."""
    out = []
    for token in doc:
        if token.pos_ != "VERB" or token.dep_ not in _MAIN:
            continue
        if token.dep_ == "conj" and token.head.dep_ not in _MAIN:
            continue
        auxes = [c for c in token.children if c.dep_ in g.auxiliaries]
        if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
            continue  # "will launch", "could absorb": not something that happened
        past = token.tag_ == "VBD" and not auxes
        perfect_or_passive = token.tag_ == "VBN" and any(
            a.tag_ == "VBD" or (a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP"))
            for a in auxes
        )
        if not (past or perfect_or_passive):
            continue
        who = subject(token, g)
        if who is not None and who.lower_ in g.speaker_pronouns:
            continue  # "I have asked Tim Cook" in a quote: its speaker is not known here
        out.append(token)
    return out
