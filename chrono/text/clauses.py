"""One sentence, taken apart without a tagger: tokens, word categories, verb
groups, clause chunks, clause units and the subject of every verb group.

Word categories come from the word lists of `chrono.resources.lexicon` plus a little
context read left to right (a verb form after "the" is a noun, after "she"
it is a verb). A *chunk* is a stretch between clause breaks (`,` `;` `:`
dashes, quotes, "and" before a verb, "who"/"which", "because"...); a *unit*
is a chunk with a verb plus the verbless chunks that lean on it ("That
year," + "she joined forces ..."; "The film" + "follows ..."). Time
expressions are given as spans and become TIME tokens, so "May" or "March"
inside a date is never read as a verb.

A bare participle that describes a noun (a reduced relative: "The bridge,
opened in 1932, was rebuilt"; "The man arrested on Saturday was released")
is not the verb of that noun; a verb coordinated with an earlier one keeps
its subject and, when it can take them, its auxiliaries ("was arrested on
Saturday and released" -> "released" shares "was": `Group.shared`).
`groups_near` ranks the verb groups of a unit by their distance to a time
expression; `chrono.events.extract` (the trigger) and `chrono.times.tense` (the tense) use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from chrono.resources.lexicon import BASE, BE, HAVE, ING, PARTICIPLE, PAST, THIRD, EventLexicon
from chrono.resources.loader import fold

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w+(?:[-'’.]\w+)*|--+|\S")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

# Word categories.
PUNCT, TIME, NAME, WORD, NUM, ADV = "punct", "time", "name", "word", "num", "adv"
DET, POSS, PRON, PRONAUX = "det", "poss", "pron", "pronaux"
OPRON, REL, THAT = "opron", "rel", "that"
AUX, MODAL, NEG, CONJ, SUB, PREP, VERB = "aux", "modal", "neg", "conj", "sub", "prep", "verb"
NOMINAL = frozenset({NAME, WORD, NUM, TIME})
AUXILIARY = frozenset({AUX, MODAL, PRONAUX})

# Chunk openers, weakest first; HARD and QUOTE are barriers nothing leans across.
START, SOFT, PAREN, DASH, COORD, REL_OPEN, SUB_OPEN, HARD, QUOTE = (
    "start",
    "soft",
    "paren",
    "dash",
    "coord",
    "rel",
    "sub",
    "hard",
    "quote",
)
_STRENGTH = {SOFT: 1, PAREN: 2, DASH: 3, HARD: 4, QUOTE: 5}
BARRIERS = frozenset({HARD, QUOTE})

_MAX_NP = 12
_NONFINITE_PENALTY = 6  # a finite verb six tokens away beats an infinitive next door
_MAX_SKIP = 20  # relative clauses looked back over to find what they depend on


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    low: str  # folded: lower case, straight apostrophes
    word: bool
    cap: bool


@dataclass(frozen=True, slots=True)
class Group:
    """A verb group: auxiliaries (and modals) then the main verb, adverbs skipped."""

    first: int  # token index where the group starts
    main: int  # token index of the main verb (an auxiliary when it stands alone: copula)
    auxes: tuple[int, ...]  # auxiliary token indices before the main verb
    negated: bool
    finite: bool
    # Auxiliaries a coordinated predicate shares with the one before it: "was rebuilt in 1958,
    # widened in 1975 and closed in 1999" -> "widened" and "closed" share "was".
    shared: tuple[int, ...] = ()

    @property
    def all_auxes(self) -> tuple[int, ...]:
        """The auxiliaries that give the group its tense and voice, shared ones first."""
        return self.shared + self.auxes


@dataclass(frozen=True, slots=True)
class Chunk:
    first: int  # first token index
    end: int  # one past the last token index
    opener: str  # START SOFT PAREN DASH COORD REL_OPEN SUB_OPEN HARD QUOTE
    lead: int  # first token after leading coordinators ("and was appointed" -> "was")


@dataclass(frozen=True, slots=True)
class Subject:
    start: int  # token range of the noun phrase (or pronoun) in the same sentence
    end: int
    via: str  # "np", "antecedent" (of who/which), "inherited" (coordinated predicate)


@dataclass(slots=True)
class Analysis:
    start: int  # sentence span in the document
    end: int
    tokens: list[Token]
    cats: list[str]
    forms: list[str]  # chosen verb form of VERB tokens ("" otherwise)
    lemmas: list[str]  # lemma of VERB tokens; the auxiliary word of AUX-like tokens
    negs: list[bool]  # token carries a negation (isn't, can't)
    time_of: list[int]  # index of the time mention a token belongs to, -1 if none
    groups: list[Group] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    chunk_of: list[int] = field(default_factory=list)  # -1 for break tokens
    units: list[tuple[int, ...]] = field(default_factory=list)  # chunk indices
    unit_of: list[int] = field(default_factory=list)  # per chunk
    subjects: list[Subject | None] = field(default_factory=list)  # per group
    title_mode: bool = False
    _unit_groups: list[list[int]] = field(default_factory=list)
    _time_tokens: dict[int, list[int]] | None = None
    # Tokens a headline leaves out (filled by chrono.events.headlines).
    drop: list[bool] | None = None

    def text(self, document: str, first: int, last: int) -> str:
        """Document text from token `first` to token `last` (inclusive)."""
        return document[self.tokens[first].start : self.tokens[last].end]

    def time_tokens(self, mention: int) -> list[int]:
        """Token indices of one time mention, in order."""
        if self._time_tokens is None:
            self._time_tokens = {}
            for i, owner in enumerate(self.time_of):
                if owner >= 0:
                    self._time_tokens.setdefault(owner, []).append(i)
        return self._time_tokens.get(mention, [])

    def unit_groups(self, unit: int) -> list[int]:
        """Verb groups whose main verb lies in a unit."""
        if not self._unit_groups:
            self._unit_groups = [[] for _ in self.units]
            for gi, group in enumerate(self.groups):
                ci = self.chunk_of[group.main]
                if ci >= 0 and self.unit_of[ci] >= 0:
                    self._unit_groups[self.unit_of[ci]].append(gi)
        return self._unit_groups[unit] if 0 <= unit < len(self._unit_groups) else []


# ---------------------------------------------------------------- tokens


def tokenize(text: str, start: int, end: int, lex: EventLexicon) -> list[Token]:
    """Words (with their abbreviation period: "Corp.", "Mr.", "J.") and punctuation marks."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        if tokens and match.start() < tokens[-1].end:
            continue  # the period already taken by an abbreviation
        word, stop = match.group(), match.end()
        is_word = word[0].isalnum()
        if (
            is_word
            and stop < end
            and text[stop] == "."
            and _abbreviation(word, lex)
            and (stop + 1 >= end or text[stop + 1].isspace())
            and stop + 1 < end
        ):
            stop += 1
        tokens.append(
            Token(
                text[match.start() : stop],
                match.start(),
                stop,
                fold(word),
                is_word,
                word[0].isupper(),
            )
        )
    return tokens


def _abbreviation(word: str, lex: EventLexicon) -> bool:
    low = fold(word)
    if low in lex.abbr_titles or low in lex.abbr_ambiguous or low in lex.abbr_numbered:
        return True
    return (len(word) == 1 and word.isupper()) or ("." in word and word.replace(".", "").isalpha())


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def is_possessive(word: str) -> bool:
    return _POSSESSIVE.search(word) is not None


# ---------------------------------------------------------------- analysis


def analyze(
    text: str, start: int, end: int, times: Sequence[tuple[int, int, int]], lex: EventLexicon
) -> Analysis:
    """Analyse text[start:end]; `times` are (start, end, mention index) of time expressions."""
    tokens = tokenize(text, start, end, lex)
    time_of = _time_tokens(tokens, times)
    n = len(tokens)
    an = Analysis(start, end, tokens, [PUNCT] * n, [""] * n, [""] * n, [False] * n, time_of)
    an.title_mode = _title_mode(tokens, time_of)
    _categorize(an, text, lex)
    an.groups = _groups(an, lex)
    _chunk(an, text, lex)
    _reduced_relatives(an, lex)
    _build_units(an)
    an.subjects = _subjects(an, lex)
    return an


def _time_tokens(tokens: list[Token], times: Sequence[tuple[int, int, int]]) -> list[int]:
    time_of = [-1] * len(tokens)
    spans = sorted(times)
    j = 0
    for i, token in enumerate(tokens):
        while j < len(spans) and spans[j][1] <= token.start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < token.end:
            if spans[k][1] > token.start:
                time_of[i] = spans[k][2]
                break
            k += 1
    return time_of


def _title_mode(tokens: list[Token], time_of: list[int]) -> bool:
    """A headline in Title Case: capitals say nothing about names there."""
    words = [
        t
        for i, t in enumerate(tokens)
        if t.word and len(t.text) > 3 and time_of[i] < 0 and not t.text.isdigit()
    ]
    if len(words) < 3:
        return False
    return sum(t.cap for t in words) * 10 >= len(words) * 8


# ---------------------------------------------------------------- categories


def _closed_class(low: str, lex: EventLexicon) -> str:
    if low in lex.pronoun_contractions:
        return PRONAUX
    if low in lex.negative_contractions:
        return MODAL if lex.negative_contractions[low] in lex.modals else AUX
    if low in lex.relatives:
        return REL
    if low in lex.that:
        return THAT
    if low in lex.subject_pronouns:
        return PRON
    if low in lex.possessives:
        return POSS
    if low in lex.object_pronouns:
        return OPRON
    if low in lex.be or low in lex.have or low in lex.do:
        return AUX
    if low in lex.modals:
        return MODAL
    if low in lex.negations:
        return NEG
    if low in lex.coordinators:
        return CONJ
    if low in lex.subordinators:
        return SUB
    if low in lex.prepositions:
        return PREP
    if low in lex.determiners:
        return DET
    return ""


def _is_number(token: Token, lex: EventLexicon) -> bool:
    return token.low[0].isdigit() or token.low in lex.numbers


@dataclass(slots=True)
class _Reading:
    """What the words so far say about the next one (left-to-right context)."""

    seen_verb: bool = False
    resumes: bool = False  # after a relative clause, a bracket or a dash the main clause may resume
    clause_verb: str = ""  # the finite verb of the clause so far ("" after a break or a connector)
    # the clause opened with a preposition ("In ... trading"), not with an approximate
    # number ("About 10 million soldiers died")
    clause_prep: bool = False
    clause_words: int = 0


def _categorize(an: Analysis, text: str, lex: EventLexicon) -> None:
    tokens, cats = an.tokens, an.cats
    state = _Reading()
    for i, token in enumerate(tokens):
        if i and cats[i - 1] in (PUNCT, REL, THAT, SUB, CONJ):
            state.clause_verb, state.clause_prep, state.clause_words = "", False, 0
        if i and (
            cats[i - 1] == REL
            or tokens[i - 1].text in lex.close_brackets
            or tokens[i - 1].text in lex.dashes
        ):
            state.resumes = True
        cats[i] = _category(an, i, token, state, lex)
        if token.word:
            state.clause_words += 1
            if state.clause_words == 1 and cats[i] == PREP:
                state.clause_prep = not (i + 1 < len(tokens) and _is_number(tokens[i + 1], lex))
        if cats[i] in AUXILIARY or (cats[i] == VERB and an.forms[i] in (PAST, THIRD)):
            state.seen_verb = True
            state.clause_verb = an.lemmas[i]
        elif cats[i] == VERB:
            state.seen_verb = True
    _noun_before_verb(an, lex)


def _category(an: Analysis, i: int, token: Token, state: _Reading, lex: EventLexicon) -> str:
    if an.time_of[i] >= 0:
        return TIME
    if not token.word:
        return PUNCT
    low = token.low
    initial = is_initial(an, i, lex)
    capitalised_anyway = lex.pronoun_contractions.get(low, (low,))[0] in lex.always_capitalised
    if (
        token.cap
        and not initial
        and not an.title_mode
        and not capitalised_anyway
        and not token.text.isupper()
    ):
        return NAME
    if low in lex.always_capitalised and i and an.cats[i - 1] == NAME:
        return NAME  # "World War I": a numeral, not the pronoun
    if token.cap and token.text.isupper() and len(token.text) > 1 and not initial:
        return NAME  # acronyms: CNN, UN
    cat = _closed_class(low, lex)
    if cat == POSS and low in lex.object_pronouns and not _next_is_nominal(an, i, lex):
        cat = OPRON  # "her" before a noun is possessive, elsewhere an object
    if cat:
        if cat in AUXILIARY:
            an.lemmas[i] = _aux_word(low, lex)
            an.negs[i] = low in lex.negative_contractions
        return cat
    if _is_number(token, lex):
        return NUM
    if lex.looks_adverb(low) and (
        not lex.verb_readings(low) or (low in lex.adverbs and not _verbal_context(an, i, lex))
    ):
        return ADV
    if _verb(an, i, initial, state, lex):
        return VERB
    return NAME if token.cap else WORD


def _noun_before_verb(an: Analysis, lex: EventLexicon) -> None:
    """ "Blockbuster shares closed": a present form right before a past one is a plural noun."""
    cats, forms = an.cats, an.forms
    for i in range(len(an.tokens) - 1):
        if cats[i] != VERB or forms[i] not in (THIRD, BASE) or cats[i + 1] == VERB:
            continue
        readings = _readings(an, i + 1, lex)
        if PAST in readings and cats[i + 1] in (WORD, NAME) and not an.tokens[i + 1].cap:
            cats[i], forms[i], an.lemmas[i] = WORD, "", ""
            cats[i + 1], forms[i + 1], an.lemmas[i + 1] = VERB, PAST, readings[PAST]


def _verbal_context(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """Right after a subject pronoun, an auxiliary or "to": a verb is expected."""
    j = i - 1
    return j >= 0 and (
        an.cats[j] in (PRON, AUX, MODAL, PRONAUX) or an.tokens[j].low in lex.infinitive
    )


def _aux_word(low: str, lex: EventLexicon) -> str:
    if low in lex.pronoun_contractions:
        return lex.pronoun_contractions[low][1]
    return lex.negative_contractions.get(low, low)


def is_initial(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """First word of the sentence or of a quotation: its capital says nothing."""
    j = i - 1
    while j >= 0 and not an.tokens[j].word:
        mark = an.tokens[j].text
        if (
            mark in lex.open_quotes
            or mark in lex.straight_quotes
            or mark in lex.single_quotes
            or mark in lex.open_brackets
            or mark in lex.hard_breaks
            or mark in lex.dashes
        ):
            return True
        j -= 1
    return j < 0


def _next_is_nominal(an: Analysis, i: int, lex: EventLexicon) -> bool:
    if i + 1 >= len(an.tokens):
        return False
    nxt = an.tokens[i + 1]
    if not nxt.word and an.time_of[i + 1] < 0:
        return False
    low = nxt.low
    closed = _closed_class(low, lex)
    return closed in ("", DET) or an.time_of[i + 1] >= 0


def _previous(an: Analysis, i: int, lex: EventLexicon) -> int:
    """Index of the previous token; adverbs, negations, opening quotes, times and the
    prepositions of times ("they now live", "a firm bought in 2004 collapsed") skipped;
    -1 if none."""
    j = i - 1
    while j >= 0 and (
        an.cats[j] in (ADV, NEG, TIME)
        or an.tokens[j].text in lex.opening_quotes
        or (an.cats[j] == PREP and j + 1 < i and an.cats[j + 1] == TIME)
    ):
        j -= 1
    return j


def _readings(an: Analysis, i: int, lex: EventLexicon) -> dict[str, str]:
    """Possible verb forms of token i -> lemma; unknown words are guessed by their ending."""
    low = an.tokens[i].low
    readings = {r.form: r.lemma for r in reversed(lex.verb_readings(low))}
    return readings or lex.guessed_readings(low)


def _verb(an: Analysis, i: int, initial: bool, state: _Reading, lex: EventLexicon) -> bool:
    """Decide whether token i is a verb here; records its form and lemma when it is."""
    readings = _readings(an, i, lex)
    if not readings:
        return False
    form = _verb_form(an, i, readings, initial, state, lex)
    if not form:
        return False
    an.forms[i] = form
    an.lemmas[i] = readings[form]
    return True


def _verb_form(
    an: Analysis,
    i: int,
    readings: dict[str, str],
    initial: bool,
    state: _Reading,
    lex: EventLexicon,
) -> str:
    def first(*forms: str) -> str:
        return next((f for f in forms if f in readings), "")

    j = _previous(an, i, lex)
    prev_cat = an.cats[j] if j >= 0 else PUNCT
    prev_low = an.tokens[j].low if j >= 0 else ""
    if prev_cat in (DET, POSS, NUM):
        return ""
    if prev_cat == PREP:
        if prev_low in lex.infinitive:
            return first(BASE)
        return first(ING)
    if prev_cat in AUXILIARY:
        aux = an.lemmas[j]
        if aux in lex.be:
            return first(PARTICIPLE, ING)
        if aux in lex.have:
            return first(PARTICIPLE)
        return first(BASE)  # do, modals
    if not lex.verb_readings(an.tokens[i].low) and PAST not in readings:
        return ""  # a guessed -ing word stands alone only after an auxiliary or a preposition
    if prev_cat in (PRON, REL, THAT):
        if prev_low in lex.third_singular or prev_cat != PRON:  # he, she, it; who, which
            return first(PAST, THIRD, BASE if prev_cat != PRON else "")
        return first(PAST, BASE)
    if prev_cat in (NAME, WORD, TIME, OPRON):
        if (
            PARTICIPLE in readings
            and readings[PARTICIPLE] not in lex.intransitive
            and _agent_after(an, i, lex)
            and (state.clause_verb or _after_preposition(an, j, lex) or _finite_later(an, i, lex))
        ):
            # a passive participle: "the land claimed by Palestinians", "a firm acquired by
            # Acme collapsed"; but "Smith stood by the door": the clause has no other verb
            return PARTICIPLE
        return _after_noun(an, i, j, prev_cat, readings, state, lex)
    if prev_cat == VERB:
        before = _previous(an, j, lex)
        if an.forms[j] == PARTICIPLE and (before < 0 or an.cats[before] in NOMINAL):
            # after a reduced relative: "net income for the six months ended Oct. 1 slipped"
            return first(PAST, ING)
        return first(ING)
    if prev_cat == CONJ:
        return first(PAST, THIRD, BASE, ING) if state.seen_verb else first(ING)
    # At the start of a sentence, a quotation or a chunk.
    if initial and an.tokens[i].cap:
        return first(BASE, ING, PAST) if _starts_predicate(an, i, lex) else ""
    if state.resumes:
        return first(PAST, THIRD, ING)  # "The film, which premiered Saturday, follows ..."
    return first(PAST, ING)


def _after_noun(
    an: Analysis,
    i: int,
    j: int,
    prev_cat: str,
    readings: dict[str, str],
    state: _Reading,
    lex: EventLexicon,
) -> str:
    """A verb form (token i) right after a noun (token j): its verb, a participle that
    describes it, or a noun compound ("peace talks")?"""

    intransitive = readings.get(PAST, "") in lex.intransitive

    def first(*forms: str) -> str:
        # no passive, so no participle right after a noun: "10 million soldiers died"
        return next(
            (f for f in forms if f in readings and not (intransitive and f == PARTICIPLE)), ""
        )

    if prev_cat == WORD and _after_preposition(an, j, lex):
        # "from peace talks", "through an initial public offering": a noun or a participle;
        # but a clause that opened with its subject may be reaching its verb ("Cracks in the
        # wall grew"), unlike one that opened with a preposition ("Without comments on the
        # allegations raised in this article, ...").
        if state.clause_verb or state.clause_prep:
            return first(PARTICIPLE)
        return first(PAST, PARTICIPLE)
    if (
        not state.clause_verb
        and first(PARTICIPLE)
        and readings[PARTICIPLE] not in lex.complement_verbs
        and _no_object_after(an, i, lex)
        and _finite_later(an, i, lex)
    ):
        return PARTICIPLE  # "The man arrested on Saturday was released": the verb is "was"
    if state.clause_verb and state.clause_verb not in lex.complement_verbs:
        # "cosponsor the multi-party talks"; "the deadline set in that agreement"
        return first(PARTICIPLE, ING) if prev_cat != NAME else first(PARTICIPLE, THIRD, ING)
    if prev_cat == WORD and lex.looks_plural(an.tokens[j].low):
        return first(PAST, BASE, ING)
    if prev_cat == NAME and is_initial(an, j, lex) and lex.looks_plural(an.tokens[j].low):
        return first(PAST, BASE, THIRD, ING)  # "Officials say", "Engineers said", "James says"
    return first(PAST, THIRD, ING)


def _agent_after(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """The agent of a passive follows token i ("by ..."), times and their prepositions skipped.
    Reads the raw words: the categories after token i are not decided yet."""
    k = _skip_times(an, i + 1, lex)
    return k < len(an.tokens) and an.tokens[k].low in lex.agent_prepositions


def _skip_times(an: Analysis, k: int, lex: EventLexicon) -> int:
    """The first token from k on that is not a time or the preposition of one ("on Monday")."""
    n = len(an.tokens)
    while k < n and (
        an.time_of[k] >= 0
        or (an.tokens[k].low in lex.prepositions and k + 1 < n and an.time_of[k + 1] >= 0)
    ):
        k += 1
    return k


def _may_be_finite(an: Analysis, k: int, lex: EventLexicon) -> bool:
    """Token k can only be read as a finite verb or an auxiliary: "was", "would", "slipped".
    A form that is just as likely a noun ("judges", "plans") does not count, nor does a
    capitalised word inside the sentence (a name: "the United Nations")."""
    token = an.tokens[k]
    low = token.low
    if low in lex.be or low in lex.have or low in lex.modals:
        return True
    if low in lex.negative_contractions or low in lex.pronoun_contractions:
        return True
    if token.cap and not is_initial(an, k, lex):
        return False
    readings = lex.verb_readings(low)
    if readings:
        return any(r.form == PAST for r in readings)
    return PAST in lex.guessed_readings(low)


def _no_object_after(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """The verb at token i takes no object here: a preposition, punctuation or the verb of
    the clause follows it (times and particles skipped), not a noun phrase or "to" + verb.
    Reads the raw words: the categories after token i are not decided yet."""
    n = len(an.tokens)
    k = _skip_times(an, i + 1, lex)
    if k < n and an.tokens[k].low in lex.particles:
        k = _skip_times(an, k + 1, lex)  # "set up an ... venture": the object follows
    if k >= n or not an.tokens[k].word:
        return True
    low = an.tokens[k].low
    if low in lex.infinitive and k + 1 < n:
        return not any(r.form == BASE for r in lex.verb_readings(an.tokens[k + 1].low))
    return low in lex.prepositions or _may_be_finite(an, k, lex)


_LOOK_FOR_VERB = 12  # words read after a participle for the verb of its clause


def _finite_later(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """A word after token i, in the same clause, that can only be a finite verb ("The man
    arrested on Saturday was released"). Reads the raw words; the clause ends at
    punctuation and at a word that opens another one ("and", "when", "as", "who")."""
    opens_clause = (
        lex.coordinators | lex.subordinators | lex.clause_prepositions | lex.relatives | lex.that
    )
    k, n, words = i + 1, len(an.tokens), 0
    while k < n and words < _LOOK_FOR_VERB:
        token = an.tokens[k]
        if not token.word or token.low in opens_clause:
            return False
        if an.time_of[k] < 0:
            if token.low in lex.infinitive:
                k += 2  # "to pay": a base form, not a finite verb
                continue
            if _may_be_finite(an, k, lex):
                return True
            words += 1
        k += 1
    return False


def _after_preposition(an: Analysis, j: int, lex: EventLexicon) -> bool:
    """Token j ends a noun phrase of common words right after a preposition ("from peace",
    "by the Feb. 23 accord")."""
    k = j
    while k >= 0 and an.cats[k] in (WORD, DET, POSS, NUM, TIME):
        k -= 1
    return k >= 0 and an.cats[k] == PREP and an.tokens[k].low not in lex.infinitive


def _starts_predicate(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """An imperative or a participle opening a sentence ("Share this", "Being a mom")."""
    if i + 1 >= len(an.tokens):
        return False
    nxt = an.tokens[i + 1]
    if nxt.cap and nxt.word:
        return False
    # "Sound of Freedom" is a title, not an imperative
    return not (nxt.low in lex.name_connectors and i + 2 < len(an.tokens) and an.tokens[i + 2].cap)


# ---------------------------------------------------------------- verb groups


def _groups(an: Analysis, lex: EventLexicon) -> list[Group]:
    cats, n = an.cats, len(an.tokens)
    groups: list[Group] = []
    i = 0
    while i < n:
        cat = cats[i]
        if cat in AUXILIARY:
            auxes = [i]
            negated = an.negs[i]
            j = i + 1
            while j < n and (
                cats[j] in (AUX, MODAL, NEG, ADV) or an.tokens[j].text in lex.opening_quotes
            ):
                if cats[j] in (AUX, MODAL):
                    auxes.append(j)
                    negated = negated or an.negs[j]
                elif cats[j] == NEG:
                    negated = True
                j += 1
            if j < n and cats[j] == VERB and an.forms[j] in (PARTICIPLE, ING, BASE):
                main = j
                i = j + 1
            else:
                main = auxes.pop()
                i = main + 1
            groups.append(
                Group(
                    auxes[0] if auxes else main,
                    main,
                    tuple(auxes),
                    negated,
                    _finite(an, auxes[0] if auxes else main, lex),
                )
            )
        elif cat == VERB:
            negated = i > 0 and cats[i - 1] == NEG
            groups.append(
                Group(
                    i,
                    i,
                    (),
                    negated,
                    an.forms[i] in (PAST, THIRD)
                    or (an.forms[i] == BASE and not _after_infinitive_marker(an, i, lex)),
                )
            )
            i += 1
        else:
            i += 1
    return groups


def _after_infinitive_marker(an: Analysis, i: int, lex: EventLexicon) -> bool:
    j = _previous(an, i, lex)
    return j >= 0 and an.tokens[j].low in lex.infinitive


def _finite(an: Analysis, first: int, lex: EventLexicon) -> bool:
    """Does the verb group starting at `first` carry a tense ("was", not "being" or "to have")?"""
    word = an.lemmas[first]
    if word in lex.nonfinite:
        return False
    return not (lex.aux_class(word) == HAVE and _after_infinitive_marker(an, first, lex))


# ---------------------------------------------------------------- chunks


def _break_kind(an: Analysis, text: str, i: int, lex: EventLexicon, quote_open: bool) -> str:
    mark = an.tokens[i].text
    if mark in lex.soft_breaks:
        if (
            2 <= i < len(an.tokens) - 1
            and an.cats[i - 1] == WORD
            and an.cats[i - 2] in (DET, POSS)
            and (an.cats[i + 1] == WORD or an.tokens[i + 1].text in lex.number_before)
        ):
            return ""  # "a new, $10-a-share offer": a comma between adjectives
        return SOFT
    if mark in lex.hard_breaks or mark in ("!", "?"):
        return HARD
    if mark in lex.dashes:
        if mark in lex.always_dashes:
            return DASH
        token = an.tokens[i]
        before = token.start == 0 or text[token.start - 1].isspace()
        after = token.end >= len(text) or text[token.end].isspace()
        if (before and after) or (mark != "-" and (before or after)):
            return DASH
        return ""
    if mark in lex.open_brackets:
        return PAREN
    if mark in lex.close_brackets:
        return SOFT
    if mark in lex.close_quotes or (mark in lex.straight_quotes and quote_open):
        return QUOTE if quote_open else ""
    return ""


def _opens_quote(an: Analysis, text: str, i: int, lex: EventLexicon) -> bool:
    """An opening double quote right after a comma or colon starts a quoted clause."""
    mark = an.tokens[i].text
    if mark not in lex.open_quotes and mark not in lex.straight_quotes:
        return False
    token = an.tokens[i]
    if mark in lex.straight_quotes and token.start > 0 and not text[token.start - 1].isspace():
        return False
    j = i - 1
    return j < 0 or an.tokens[j].text in lex.soft_breaks or an.tokens[j].text in lex.hard_breaks


def _word_opener(an: Analysis, i: int, lex: EventLexicon, chunk_has_group: bool) -> str:
    """A clause opener word without punctuation before it ("who", "because", "and was")."""
    cat, low = an.cats[i], an.tokens[i].low
    nxt = i + 1 if i + 1 < len(an.tokens) else -1
    if cat == REL and low in lex.clause_relatives:
        return REL_OPEN
    if cat == SUB and not (nxt >= 0 and an.cats[nxt] == TIME):
        return SUB_OPEN
    if (
        cat == PREP
        and low in lex.clause_prepositions
        and nxt >= 0
        and (an.cats[nxt] in (PRON, PRONAUX) or (an.cats[nxt] == VERB and an.forms[nxt] == ING))
    ):
        return SUB_OPEN
    if cat == CONJ and chunk_has_group:
        j = nxt
        while 0 <= j < len(an.tokens) and an.cats[j] == ADV:
            j += 1
        if (
            0 <= j < len(an.tokens)
            and an.cats[j] in (PRON, PRONAUX)
            and j + 1 < len(an.tokens)
            and an.cats[j] != PRONAUX
            and an.cats[j + 1] in (AUX, MODAL, VERB)
        ):
            j += 1  # "and she says": a new clause with its own subject
        if 0 <= j < len(an.tokens) and (
            an.cats[j] in (AUX, MODAL, PRONAUX)
            or (an.cats[j] == VERB and an.forms[j] in (PAST, THIRD))
        ):
            return COORD
    return ""


def _refine(an: Analysis, first: int, end: int, opener: str, lex: EventLexicon) -> tuple[str, int]:
    """Opener and lead of a chunk from its first words: ", and who ..." is a relative clause."""
    lead = first
    while lead < end and an.cats[lead] == CONJ and an.tokens[lead].low in lex.clause_coordinators:
        lead += 1
    if lead < end and an.cats[lead] == REL:
        return REL_OPEN, lead
    if lead < end and an.cats[lead] == PREP and lead + 1 < end and an.cats[lead + 1] == REL:
        return REL_OPEN, lead
    if lead > first and opener in (SOFT, START):
        return COORD, lead
    if lead < end and _word_opener(an, lead, lex, False) == SUB_OPEN:
        return SUB_OPEN, lead
    if lead > first:
        return (opener if opener in BARRIERS else COORD), lead
    return opener, lead


def _chunk(an: Analysis, text: str, lex: EventLexicon) -> None:
    n = len(an.tokens)
    group_at = {g.first for g in an.groups}
    raw: list[tuple[int, int, str]] = []
    first, opener, quote_open, has_group = 0, START, False, False
    content = leads = False  # the chunk so far has words / has words other than "and"
    i = 0
    while i < n:
        if an.cats[i] == PUNCT and an.time_of[i] < 0:
            kind = _break_kind(an, text, i, lex, quote_open)
            if kind == QUOTE:
                quote_open = False
            if _opens_quote(an, text, i, lex):
                kind, quote_open = QUOTE, True
            if kind:
                if content:
                    raw.append((first, i, opener))
                    opener = kind
                elif raw and _STRENGTH.get(kind, 0) > _STRENGTH.get(opener, 0):
                    opener = kind  # ", “" opens a quotation, not just a comma clause
                first, has_group, content, leads = i + 1, False, False, False
                i += 1
                continue
        elif leads:
            word_open = _word_opener(an, i, lex, has_group)
            if word_open:
                cut = i
                if word_open == REL_OPEN and an.cats[i - 1] == PREP and i - 1 > first:
                    cut = i - 1  # "the ones | of which she is most proud"
                raw.append((first, cut, opener))
                first, opener, has_group = cut, word_open, False
                leads = cut < i
        if an.cats[i] != PUNCT or an.time_of[i] >= 0:
            content = True
            leads = leads or an.cats[i] != CONJ
        if i in group_at:
            has_group = True
        i += 1
    if first < n:
        raw.append((first, n, opener))
    an.chunk_of = [-1] * n
    for a, b, kind in raw:
        while a < b and an.cats[a] == PUNCT and an.time_of[a] < 0:
            a += 1
        while b > a and an.cats[b - 1] == PUNCT and an.time_of[b - 1] < 0:
            if b - 2 >= a and an.tokens[b - 1].text in lex.number_after and an.cats[b - 2] == NUM:
                break  # "slipped 5%": the sign belongs to its number
            b -= 1
        if a >= b:
            continue
        kind, lead = _refine(an, a, b, kind, lex)
        index = len(an.chunks)
        an.chunks.append(Chunk(a, b, kind, lead))
        for k in range(a, b):
            an.chunk_of[k] = index


def _reduced_relatives(an: Analysis, lex: EventLexicon) -> None:
    """A bare participle after a comma and a noun phrase may describe that noun phrase (a
    reduced relative: "The bridge, opened in 1932, was rebuilt"; "appeal the decision,
    announced Wednesday by the minister") rather than be a second predicate of the subject
    ("was rebuilt in 1958, widened in 1975"; "founded the charity, raised money"). It is read
    as a reduced relative when it takes no object and either the noun phrase is a subject
    still waiting for its verb, which comes after the participle, or the verb before it
    cannot be coordinated with it: not a past tense (unless an agent follows: "by the
    minister") and not a passive or perfect whose auxiliaries it could share. A reduced
    relative's group is not finite, and its chunk is a relative clause."""
    group_at = {g.first: gi for gi, g in enumerate(an.groups)}
    last_group: dict[int, int] = {}  # chunk -> its last verb group
    for gi, g in enumerate(an.groups):
        if an.chunk_of[g.main] >= 0:
            last_group[an.chunk_of[g.main]] = gi
    for ci in range(1, len(an.chunks)):
        chunk = an.chunks[ci]
        gi = group_at.get(chunk.lead)
        if chunk.opener != SOFT or gi is None:
            continue
        group, lead = an.groups[gi], chunk.lead
        if group.auxes or an.cats[lead] != VERB or an.forms[lead] not in (PAST, PARTICIPLE):
            continue
        readings = _readings(an, lead, lex)
        if PARTICIPLE not in readings or readings[PARTICIPLE] in lex.intransitive:
            continue
        if _object_follows(an, lead) or _skippable(an, ci - 1, lex):
            continue
        if np_at_end(an, ci - 1, lex) is None:
            continue
        previous = last_group.get(ci - 1)
        if previous is None:  # "The bridge, | opened in 1932, | was rebuilt"
            following = an.chunks[ci + 1] if ci + 1 < len(an.chunks) else None
            verb_after = group_at.get(following.lead) if following is not None else None
            reduced = (
                following is not None
                and following.opener == SOFT
                and verb_after is not None
                and an.groups[verb_after].finite
            )
        else:
            last = an.groups[previous]
            bare_past = not last.auxes and an.forms[last.main] == PAST
            reduced = (
                last.finite
                and not _passive_or_perfect(an, last, lex)
                and (not bare_past or _agent_follows(an, lead, chunk.end, lex))
            )
        if reduced:
            an.forms[lead], an.lemmas[lead] = PARTICIPLE, readings[PARTICIPLE]
            an.groups[gi] = replace(group, finite=False)
            an.chunks[ci] = replace(chunk, opener=REL_OPEN)


def _passive_or_perfect(an: Analysis, group: Group, lex: EventLexicon) -> bool:
    """ "was rebuilt", "has visited": auxiliaries a coordinated participle could share."""
    auxes = group.all_auxes
    return (
        bool(auxes)
        and an.forms[group.main] == PARTICIPLE
        and lex.aux_class(an.lemmas[auxes[-1]]) in (BE, HAVE)
    )


def _agent_follows(an: Analysis, verb: int, end: int, lex: EventLexicon) -> bool:
    """The agent of a passive right after the verb (times and adverbs skipped): "by ..."."""
    k = verb + 1
    while k < end and (
        an.cats[k] in (TIME, ADV)
        or (an.cats[k] == PREP and k + 1 < end and an.cats[k + 1] == TIME)  # "on Monday"
    ):
        k += 1
    return k < end and an.tokens[k].low in lex.agent_prepositions


# ---------------------------------------------------------------- units


def _build_units(an: Analysis) -> None:
    """Give every chunk a unit: verb chunks head one; verbless ones lean on a neighbour."""
    with_verb = [False] * len(an.chunks)
    for g in an.groups:
        ci = an.chunk_of[g.main]
        if ci >= 0:
            with_verb[ci] = True
    units: list[list[int]] = []
    pending: list[int] = []  # verbless chunks waiting for the verb chunk they lean on
    region_unit = -1  # the last unit since the last barrier

    def flush() -> None:
        nonlocal pending
        if pending:
            if region_unit >= 0:
                units[region_unit].extend(pending)
            else:
                units.append(list(pending))
        pending = []

    for ci, chunk in enumerate(an.chunks):
        if chunk.opener in BARRIERS:
            flush()
            region_unit = -1
        if with_verb[ci]:
            if pending and chunk.opener not in (COORD, REL_OPEN, SUB_OPEN):
                units.append([*pending, ci])
                pending = []
            else:
                units.append([ci])
            region_unit = len(units) - 1
        elif region_unit >= 0 and not pending and chunk.opener != START:
            units[region_unit].append(ci)  # a trailing adjunct: "..., in 2004."
        else:
            pending.append(ci)
    flush()
    an.units = [tuple(sorted(u)) for u in units]
    an.unit_of = [-1] * len(an.chunks)
    for ui, unit in enumerate(an.units):
        for ci in unit:
            an.unit_of[ci] = ui


def unit_containing(an: Analysis, first: int) -> int:
    """The unit of token `first` (or of the nearest token in a chunk); -1 if there is none."""
    ci = an.chunk_of[first] if 0 <= first < len(an.tokens) else -1
    if ci < 0:
        for distance in range(1, len(an.tokens) + 1):
            for j in (first - distance, first + distance):
                if 0 <= j < len(an.tokens) and an.chunk_of[j] >= 0:
                    return an.unit_of[an.chunk_of[j]]
        return -1
    return an.unit_of[ci]


def groups_near(an: Analysis, unit: int, first: int, last: int) -> list[int]:
    """Verb groups of a unit, nearest the tokens first..last first; finite verbs preferred,
    then verbs before the span."""

    def score(gi: int) -> tuple[int, bool, int]:
        main = an.groups[gi].main
        distance = first - main if main < first else main - last if main > last else 0
        return (distance + (0 if an.groups[gi].finite else _NONFINITE_PENALTY), main > last, gi)

    return sorted(an.unit_groups(unit), key=score)


# ---------------------------------------------------------------- noun phrases and subjects


def np_before(
    an: Analysis, idx: int, lo: int, lex: EventLexicon, whole: bool = False
) -> tuple[int, int] | None:
    """Token range of the noun phrase ending right before token `idx` (not before `lo`).

    The phrase runs back over names, words, numbers and "of" ("Ambassador of Goodwill"), and
    over one other preposition ("the trade in Cambodia"). With `whole` (the subject right
    before its verb) it also takes in the phrase a preposition hangs on when the determiner
    of that preposition's object is reached ("Cracks in | the wall appeared", "Lawyers for |
    the relatives in Miami filed", "Some of | the soldiers died"); when the run cannot be
    closed, the phrase is cut back to the last complete part."""
    cats, tokens = an.cats, an.tokens
    k = idx - 1
    while k >= lo and (cats[k] in (ADV, NEG) or tokens[k].text in lex.open_quotes):
        if tokens[k].low in lex.indefinite and k + 1 == idx:
            return (k, k + 1)  # "there has been": an adverb standing as the subject
        k -= 1  # "it now holds"
    if k >= lo and cats[k] == TIME and an.time_of[k] >= 0:
        owner = an.time_of[k]
        while k >= lo and cats[k] == TIME and an.time_of[k] == owner:
            k -= 1  # "they last week launched": an adverbial time is not the subject
        if k >= lo and cats[k] == PREP and tokens[k].low in lex.signals_before:
            k -= 1  # ... nor its preposition: "The man arrested on Saturday was"
        while k >= lo and cats[k] in (ADV, NEG):
            k -= 1
    if (
        whole
        and k - 1 >= lo
        and cats[k] == VERB
        and an.forms[k] == PARTICIPLE
        and cats[k - 1] in NOMINAL
    ):
        k -= 1  # "The man | arrested on Saturday | was released": the man was
    if k < lo:
        return None
    if cats[k] in (PRON, PRONAUX):
        return (k, k + 1)
    if cats[k] == DET and tokens[k].low in lex.indefinite:
        if k - 1 >= lo and cats[k - 1] == PRON:
            return (k - 1, k)  # "We all have to"
        return (k, k + 1)
    quote_marks = lex.quote_marks
    if cats[k] not in NOMINAL and not (cats[k] == PUNCT and tokens[k].text in quote_marks):
        return None

    def holds_preposition(p: int) -> bool:
        """Token p is a preposition inside the phrase: "Cracks in", "Some of"."""
        if p - 1 < lo or cats[p] != PREP or tokens[p].low in lex.clause_prepositions:
            return False  # "advantage since | the authorities": "since" may open a clause
        before = p - 1
        if cats[before] in NOMINAL:
            return True
        if whole and cats[before] == VERB and an.forms[before] == PARTICIPLE:
            return before - 1 >= lo and cats[before - 1] in NOMINAL  # "land claimed | by"
        return (
            cats[before] == DET
            and tokens[before].low in lex.indefinite
            and tokens[p].low in lex.binding_prepositions
        )

    end = k + 1
    start = k + 1
    cut = -1  # where the phrase is complete, should the run go on and fail
    crossed = False  # a preposition other than "of" crossed since the last complete part
    while k >= lo and end - k <= _MAX_NP:
        cat = cats[k]
        if (
            cat in NOMINAL
            or (cat == PUNCT and tokens[k].text in quote_marks)
            or tokens[k].text in lex.number_before
        ):
            start = k
        elif cat in (DET, POSS):
            start = k
            if whole and holds_preposition(k - 1):
                cut, crossed = k, False
                k -= 1
                continue
            cut = -1  # the determiner closes the phrase
            break
        elif (
            whole
            and cat == VERB
            and an.forms[k] == PARTICIPLE
            and k - 1 >= lo
            and cats[k - 1] in NOMINAL
        ):  # a reduced relative inside the subject: "the land | claimed by Palestinians"
            if cut < 0:
                cut = start
            start = k
        elif holds_preposition(k):
            if tokens[k].low not in lex.binding_prepositions:
                if crossed and not whole:
                    break
                crossed = True
                if cut < 0:
                    cut = start
            start = k
        elif (
            cat == CONJ
            and tokens[k].low in lex.noun_coordinators
            and k - 1 >= lo
            and cats[k - 1] in NOMINAL
        ):
            start = k
        else:
            break
        k -= 1
    # A subject that reaches the start of its clause (not the object of a preposition before
    # it: "After the war in Europe ended") is whole; otherwise cut back to its complete part.
    reaches_start = k < lo or (cats[k] != PREP and end - k <= _MAX_NP)
    for first in ([start] if whole and reaches_start else []) + ([cut] if cut >= 0 else [start]):
        found = _phrase(an, first, end, lex)
        if found is not None:
            return found
    return None


def _phrase(an: Analysis, start: int, end: int, lex: EventLexicon) -> tuple[int, int] | None:
    """Tokens start..end without leading prepositions, conjunctions and stray punctuation;
    None when no word of content is left (a time alone is not a noun phrase)."""
    cats, tokens = an.cats, an.tokens
    while start < end and (
        cats[start] in (PREP, CONJ)
        or (
            cats[start] == PUNCT
            and not _opens_pair(an, start, end, lex)
            and not (tokens[start].text in lex.number_before and start + 1 < end)
        )
    ):
        start += 1
    if not any(
        cats[t] in (NAME, WORD, NUM) or (cats[t] == DET and tokens[t].low in lex.indefinite)
        for t in range(start, end)
    ):
        return None
    return (start, end)


def _opens_pair(an: Analysis, i: int, end: int, lex: EventLexicon) -> bool:
    """A quote mark that opens a pair closed before `end` (‘Sound of Freedom’)."""
    mark = an.tokens[i].text
    if mark not in lex.opening_quotes | lex.straight_quotes | lex.straight_single_quotes:
        return False
    closing = lex.close_quotes | lex.close_single_quotes | lex.straight_quotes
    closing |= lex.straight_single_quotes
    return any(an.tokens[k].text in closing for k in range(i + 1, end))


def np_at_end(
    an: Analysis, ci: int, lex: EventLexicon, whole: bool = False
) -> tuple[int, int] | None:
    """The noun phrase a chunk ends with (see `np_before`)."""
    chunk = an.chunks[ci]
    return np_before(an, chunk.end, chunk.lead, lex, whole)


def _skippable(an: Analysis, ci: int, lex: EventLexicon) -> bool:
    """A fronted adverbial or an apposition, not a subject: "That year", "In her blog", ", 55,"."""
    chunk = an.chunks[ci]
    kinds = [an.cats[k] for k in range(chunk.lead, chunk.end) if an.cats[k] != PUNCT]
    if not kinds:
        return True
    if all(c in (TIME, NUM) for c in kinds):
        return True
    if kinds[0] in (PREP, SUB) or (len(kinds) == 1 and kinds[0] == ADV):
        return True
    return kinds[0] == ADV and len(kinds) > 1 and kinds[1] in (PREP, SUB)


def _antecedent(an: Analysis, rel: int, lex: EventLexicon) -> tuple[int, int] | None:
    """What "who"/"which" at token `rel` stands for: the noun phrase before its clause."""
    ci = an.chunk_of[rel]
    if ci < 0:
        return None
    chunk = an.chunks[ci]
    inside = np_before(an, rel, chunk.first, lex)
    if inside is not None and rel > chunk.lead:
        return inside
    cj = ci - 1
    while (
        cj >= 0
        and ci - cj <= _MAX_SKIP
        and an.chunks[cj].opener in (REL_OPEN, PAREN)
        and an.cats[an.chunks[cj].lead] in (REL, PREP)
    ):
        cj -= 1
    while cj >= 0 and ci - cj <= _MAX_SKIP and _is_time_chunk(an, cj):
        cj -= 1
    if cj < 0:
        return None
    return np_at_end(an, cj, lex)


def _is_time_chunk(an: Analysis, ci: int) -> bool:
    chunk = an.chunks[ci]
    return all(an.cats[k] in (TIME, PUNCT, NUM) for k in range(chunk.first, chunk.end))


class _Earlier:
    """Subjects already found, for coordinated predicates to inherit in O(1). A predicate
    never inherits across a barrier (a quotation, a semicolon): "“... people question our
    love,” said a version of the letter, dated Feb. 4" -> "dated" has no "people" subject."""

    def __init__(self, an: Analysis) -> None:
        # last subject found in each chunk, and the group it is the subject of
        self.in_chunk: dict[int, tuple[Subject, int]] = {}
        # (unit, subject, group, index of the last entry from another unit) of finite groups
        self.finite: list[tuple[int, Subject, int, int]] = []
        self.region: list[int] = []  # per chunk: how many barriers open before it
        count = 0
        for chunk in an.chunks:
            count += chunk.opener in BARRIERS
            self.region.append(count)

    def add(self, an: Analysis, gi: int, subject: Subject | None) -> None:
        if subject is None:
            return
        group = an.groups[gi]
        ci = an.chunk_of[group.first]
        self.in_chunk[ci] = (subject, gi)
        if group.finite:
            unit = an.unit_of[ci]
            if not self.finite or self.finite[-1][0] != unit:
                other = len(self.finite) - 1
            else:
                other = self.finite[-1][3]
            self.finite.append((unit, subject, gi, other))

    def other_unit(self, an: Analysis, ci: int) -> tuple[Subject, int] | None:
        """The subject of the last finite group before chunk ci's unit, in its region."""
        unit = an.unit_of[ci]
        if not self.finite:
            return None
        last = len(self.finite) - 1 if self.finite[-1][0] != unit else self.finite[-1][3]
        if last < 0:
            return None
        _, subject, source, _ = self.finite[last]
        if self.region[an.chunk_of[an.groups[source].first]] != self.region[ci]:
            return None
        return subject, source


def _subjects(an: Analysis, lex: EventLexicon) -> list[Subject | None]:
    subjects: list[Subject | None] = []
    earlier = _Earlier(an)
    for gi, group in enumerate(an.groups):
        subject, source = _subject(an, group, earlier, lex)
        if source is not None:
            _share_auxiliaries(an, gi, source, lex)
        subjects.append(subject)
        earlier.add(an, gi, subject)
    return subjects


def _inherited(found: tuple[Subject, int] | None) -> tuple[Subject | None, int | None]:
    """The subject of an earlier predicate, for the predicate coordinated with it."""
    if found is None:
        return None, None
    subject, source = found
    via = "inherited" if subject.via == "np" else subject.via
    return Subject(subject.start, subject.end, via), source


_NONE: tuple[Subject | None, int | None] = (None, None)


def _subject(
    an: Analysis, group: Group, earlier: _Earlier, lex: EventLexicon
) -> tuple[Subject | None, int | None]:
    """The subject of a verb group, and the group it was inherited from (if it was)."""
    ci = an.chunk_of[group.first]
    if ci < 0:
        return _NONE
    chunk = an.chunks[ci]
    if an.cats[group.first] == PRONAUX:
        return Subject(group.first, group.first + 1, "np"), None
    k = _previous(an, group.first, lex)
    if k >= chunk.lead:
        if an.cats[k] in (REL, THAT):
            found = _antecedent(an, k, lex)
            return (Subject(*found, "antecedent"), None) if found else _NONE
        found = np_before(an, group.first, chunk.lead, lex, whole=True)
        if found:
            return Subject(*found, "np"), None
        if an.cats[k] == CONJ:  # "quit his job and risked his life"
            return _inherited(earlier.in_chunk.get(ci))
        return _NONE
    # The verb opens its chunk: look at the chunks leaning on it, then at the clause before.
    unit = an.units[an.unit_of[ci]]
    for cj in reversed([c for c in unit if c < ci]):
        if _skippable(an, cj, lex):
            continue
        found = np_at_end(an, cj, lex, whole=True)
        if found:
            return Subject(*found, "np"), None
        break
    if chunk.opener in (PAREN, REL_OPEN) and ci > 0:
        # "(played by Tim Caviezel)", "The bridge, opened in 1932,": a reduced relative
        found = np_at_end(an, ci - 1, lex)
        return (Subject(*found, "antecedent"), None) if found else _NONE
    if chunk.opener in (SOFT, DASH) and ci > 0 and an.chunks[ci - 1].opener in (REL_OPEN, PAREN):
        # "agent Tim Ballard (played by Tim Caviezel) quit his job": the clause resumes
        cj = ci - 1
        while cj >= 0 and ci - cj <= _MAX_SKIP and an.chunks[cj].opener in (REL_OPEN, PAREN):
            cj -= 1
        found = np_at_end(an, cj, lex, whole=True) if cj >= 0 else None
        if found:
            return Subject(*found, "np"), None
    if chunk.opener in (COORD, SOFT, SUB_OPEN, DASH, PAREN):
        return _inherited(earlier.other_unit(an, ci))
    return _NONE


def _share_auxiliaries(an: Analysis, gi: int, source: int, lex: EventLexicon) -> None:
    """A bare verb coordinated with a verb group that has auxiliaries shares them when it can
    take them: "was arrested on Saturday and released" (passive), "has visited Rome and toured
    Paris" (perfect), "will meet and discuss" (modal). Not "was born in 1950 and died in 2010":
    "died" has no passive; not "was elected and served two terms": a passive takes no object.
    """
    group, earlier = an.groups[gi], an.groups[source]
    main = group.main
    if group.auxes or an.cats[main] != VERB or not earlier.all_auxes:
        return
    if an.cats[earlier.main] != VERB or an.lemmas[earlier.main] in lex.passive_only:
        return
    ci = an.chunk_of[group.first]
    if ci != an.chunk_of[earlier.first] and an.chunks[ci].opener not in (COORD, SOFT):
        return  # "..., because released ...": not a coordinated predicate
    last = an.lemmas[earlier.all_auxes[-1]]
    readings = _readings(an, main, lex)
    form = an.forms[earlier.main]
    if form == PARTICIPLE and PARTICIPLE in readings:
        lemma = readings[PARTICIPLE]
        passive = lex.aux_class(last) == BE
        if passive and (lemma in lex.intransitive or _object_follows(an, main)):
            return
    elif form == BASE and an.forms[main] == BASE and last in lex.modals:
        lemma = readings[BASE]
    else:
        return
    an.forms[main], an.lemmas[main] = form, lemma
    an.groups[gi] = replace(group, finite=earlier.finite, shared=earlier.all_auxes)


def _object_follows(an: Analysis, main: int) -> bool:
    """A noun phrase right after the verb (not a time, not a preposition)."""
    nxt = main + 1
    while nxt < len(an.tokens) and an.cats[nxt] == ADV:
        nxt += 1
    return nxt < len(an.tokens) and an.cats[nxt] in (DET, POSS, NUM, WORD, NAME, PRON, OPRON)
