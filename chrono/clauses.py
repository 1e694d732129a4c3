"""One sentence, taken apart without a tagger: tokens, word categories, verb
groups, clause chunks, clause units and the subject of every verb group.

Word categories come from the word lists of `chrono.eventlex` plus a little
context read left to right (a verb form after "the" is a noun, after "she"
it is a verb). A *chunk* is a stretch between clause breaks (`,` `;` `:`
dashes, quotes, "and" before a verb, "who"/"which", "because"...); a *unit*
is a chunk with a verb plus the verbless chunks that lean on it ("That
year," + "she joined forces ..."; "The film" + "follows ..."). Time
expressions are given as spans and become TIME tokens, so "May" or "March"
inside a date is never read as a verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chrono.eventlex import BASE, ING, PARTICIPLE, PAST, THIRD, EventLexicon, fold

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
_MAX_SKIP = 20  # relative clauses looked back over to find what they depend on
_OPENING_QUOTES = frozenset("“‘«„")
_CURRENCY = frozenset("$£€¥")


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
    drop: list[bool] | None = None  # tokens a headline leaves out (filled by chrono.headlines)

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


def _is_adverb(low: str, lex: EventLexicon) -> bool:
    if low in lex.adverbs:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in lex.not_adverbs


@dataclass(slots=True)
class _Reading:
    """What the words so far say about the next one (left-to-right context)."""

    seen_verb: bool = False
    resumes: bool = False  # after a relative clause, a bracket or a dash the main clause may resume
    clause_verb: str = ""  # the finite verb of the clause so far ("" after a break or a connector)
    clause_prep: bool = False  # the clause opened with a preposition ("In ... trading")
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
                state.clause_prep = True
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
    initial = _initial(an, i, lex)
    if (
        token.cap
        and not initial
        and not an.title_mode
        and low != "i"
        and not low.startswith("i'")
        and not token.text.isupper()
    ):
        return NAME
    if low == "i" and i and an.cats[i - 1] == NAME:
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
    if _is_adverb(low, lex) and (
        not lex.verb_readings(low) or (low in lex.adverbs and not _verbal_context(an, i))
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


def _verbal_context(an: Analysis, i: int) -> bool:
    """Right after a subject pronoun, an auxiliary or "to": a verb is expected."""
    j = i - 1
    return j >= 0 and (an.cats[j] in (PRON, AUX, MODAL, PRONAUX) or an.tokens[j].low == "to")


def _aux_word(low: str, lex: EventLexicon) -> str:
    if low in lex.pronoun_contractions:
        return lex.pronoun_contractions[low][1]
    return lex.negative_contractions.get(low, low)


def _initial(an: Analysis, i: int, lex: EventLexicon) -> bool:
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


def _previous(an: Analysis, i: int) -> int:
    """Index of the previous token; adverbs, negations, opening quotes and times ("they now
    live") skipped; -1 if none."""
    j = i - 1
    while j >= 0 and (an.cats[j] in (ADV, NEG, TIME) or an.tokens[j].text in _OPENING_QUOTES):
        j -= 1
    return j


def _readings(an: Analysis, i: int, lex: EventLexicon) -> dict[str, str]:
    """Possible verb forms of token i -> lemma; unknown -ed/-ing words are guessed."""
    low = an.tokens[i].low
    readings = {r.form: r.lemma for r in reversed(lex.verb_readings(low))}
    if readings or low in lex.not_verbs or not low.isalpha():
        return readings
    if low.endswith("ed") and len(low) > 3:
        lemma = lex.guess_lemma(low)
        return {PAST: lemma, PARTICIPLE: lemma}
    if low.endswith("ing") and len(low) > 5:
        return {ING: lex.guess_lemma(low)}
    return {}


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

    j = _previous(an, i)
    prev_cat = an.cats[j] if j >= 0 else PUNCT
    prev_low = an.tokens[j].low if j >= 0 else ""
    if prev_cat in (DET, POSS, NUM):
        return ""
    if prev_cat == PREP:
        if prev_low == "to":
            return first(BASE)
        return first(ING)
    if prev_cat in AUXILIARY:
        aux = an.lemmas[j]
        if aux in lex.be:
            return first(PARTICIPLE, ING)
        if aux in lex.have:
            return first(PARTICIPLE)
        return first(BASE)  # do, modals
    if not lex.verb_readings(an.tokens[i].low) and not an.tokens[i].low.endswith("ed"):
        return ""  # a guessed -ing word stands alone only after an auxiliary or a preposition
    if prev_cat in (PRON, REL, THAT):
        pronoun = lex.subject_pronouns.get(prev_low, "")
        if pronoun in ("m", "f", "n") or prev_cat != PRON:  # he, she, it; who, which
            return first(PAST, THIRD, BASE if prev_cat != PRON else "")
        return first(PAST, BASE)
    if prev_cat in (NAME, WORD, TIME, OPRON):
        return _after_noun(an, j, prev_cat, first, state, lex)
    if prev_cat == VERB:
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
    j: int,
    prev_cat: str,
    first: Callable[..., str],
    state: _Reading,
    lex: EventLexicon,
) -> str:
    """A verb form right after a noun: its verb, or a noun compound ("peace talks")?"""
    if prev_cat == WORD and _after_preposition(an, j):
        return first(PARTICIPLE)  # "from peace talks", "through an initial public offering"
    if state.clause_verb and state.clause_verb not in lex.complement_verbs:
        # "cosponsor the multi-party talks"; "the deadline set in that agreement"
        return first(PARTICIPLE, ING) if prev_cat != NAME else first(PARTICIPLE, THIRD, ING)
    if prev_cat == WORD and _looks_plural(an.tokens[j].low, lex):
        return first(PAST, BASE, ING)
    return first(PAST, THIRD, ING)


def _after_preposition(an: Analysis, j: int) -> bool:
    """Token j ends a noun phrase of common words right after a preposition ("from peace")."""
    k = j
    while k >= 0 and an.cats[k] in (WORD, DET, POSS, NUM):
        k -= 1
    return k >= 0 and an.cats[k] == PREP and an.tokens[k].low != "to"


def _starts_predicate(an: Analysis, i: int, lex: EventLexicon) -> bool:
    """An imperative or a participle opening a sentence ("Share this", "Being a mom")."""
    if i + 1 >= len(an.tokens):
        return False
    nxt = an.tokens[i + 1]
    if nxt.cap and nxt.word:
        return False
    # "Sound of Freedom" is a title, not an imperative
    return not (nxt.low in lex.name_connectors and i + 2 < len(an.tokens) and an.tokens[i + 2].cap)


def _looks_plural(low: str, lex: EventLexicon) -> bool:
    if low in lex.plural_nouns:
        return True
    if low in lex.singular_s or low.endswith(lex.singular_endings):
        return False
    return low.endswith("s") and len(low) > 3


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
                cats[j] in (AUX, MODAL, NEG, ADV) or an.tokens[j].text in _OPENING_QUOTES
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
                    an.forms[i] in (PAST, THIRD) or (an.forms[i] == BASE and not _after_to(an, i)),
                )
            )
            i += 1
        else:
            i += 1
    return groups


def _after_to(an: Analysis, i: int) -> bool:
    j = _previous(an, i)
    return j >= 0 and an.tokens[j].low == "to"


def _finite(an: Analysis, first: int, lex: EventLexicon) -> bool:
    word = an.lemmas[first]
    if word in ("be", "been", "being", "having"):
        return False
    return not (word == "have" and _after_to(an, first))


# ---------------------------------------------------------------- chunks


def _break_kind(an: Analysis, text: str, i: int, lex: EventLexicon, quote_open: bool) -> str:
    mark = an.tokens[i].text
    if mark in lex.soft_breaks:
        if i >= 2 and an.cats[i - 1] == WORD and an.cats[i - 2] in (DET, POSS):
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
            b -= 1
        if a >= b:
            continue
        kind, lead = _refine(an, a, b, kind, lex)
        index = len(an.chunks)
        an.chunks.append(Chunk(a, b, kind, lead))
        for k in range(a, b):
            an.chunk_of[k] = index


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


# ---------------------------------------------------------------- noun phrases and subjects


def np_before(an: Analysis, idx: int, lo: int, lex: EventLexicon) -> tuple[int, int] | None:
    """Token range of the noun phrase ending right before token `idx` (not before `lo`)."""
    cats, tokens = an.cats, an.tokens
    k = idx - 1
    while k >= lo and (
        cats[k] in (ADV, NEG)
        or tokens[k].text in lex.open_quotes
        or (cats[k] == TIME and k + 1 == idx)
    ):
        k -= 1  # "it now holds", "they last week launched": adverbial times are not the subject
    if k < lo:
        return None
    if cats[k] in (PRON, PRONAUX):
        return (k, k + 1)
    if cats[k] == DET and tokens[k].low in lex.indefinite:
        if k - 1 >= lo and cats[k - 1] == PRON:
            return (k - 1, k)  # "We all have to"
        return (k, k + 1)
    quote_marks = lex.single_quotes | lex.close_quotes | lex.open_quotes | lex.straight_quotes
    if cats[k] not in NOMINAL and not (cats[k] == PUNCT and tokens[k].text in quote_marks):
        return None
    end = k + 1
    start = k + 1
    before_prep = -1  # where the phrase started before crossing "in" ("the trade in Cambodia")
    while k >= lo and end - k <= _MAX_NP:
        cat = cats[k]
        if (
            cat in NOMINAL
            or (cat == PUNCT and tokens[k].text in quote_marks)
            or tokens[k].text in _CURRENCY
        ):
            start = k
        elif cat in (DET, POSS):
            start = k
            before_prep = -1
            break
        elif cat == PREP and k - 1 >= lo and cats[k - 1] in NOMINAL:
            if tokens[k].low in lex.binding_prepositions:
                start = k
            elif before_prep < 0:
                before_prep = start
                start = k
            else:
                break
        elif (
            cat == CONJ and tokens[k].low in ("and", "&") and k - 1 >= lo and cats[k - 1] in NOMINAL
        ):
            start = k
        else:
            break
        k -= 1
    if before_prep >= 0:
        start = before_prep
    while start < end and (
        cats[start] in (PREP, CONJ)
        or (cats[start] == PUNCT and not _opens_pair(an, start, end, lex))
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
    if mark not in ("‘", "“", '"', "'"):
        return False
    return any(an.tokens[k].text in ("’", "”", '"', "'") for k in range(i + 1, end))


def np_at_end(an: Analysis, ci: int, lex: EventLexicon) -> tuple[int, int] | None:
    chunk = an.chunks[ci]
    return np_before(an, chunk.end, chunk.lead, lex)


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
    """Subjects already found, for coordinated predicates to inherit in O(1)."""

    def __init__(self) -> None:
        self.in_chunk: dict[int, Subject] = {}  # last subject found in each chunk
        # (unit, subject, index of the last entry from another unit) of finite groups
        self.finite: list[tuple[int, Subject, int]] = []

    def add(self, an: Analysis, group: Group, subject: Subject | None) -> None:
        if subject is None:
            return
        ci = an.chunk_of[group.first]
        self.in_chunk[ci] = subject
        if group.finite:
            unit = an.unit_of[ci]
            if not self.finite or self.finite[-1][0] != unit:
                other = len(self.finite) - 1
            else:
                other = self.finite[-1][2]
            self.finite.append((unit, subject, other))

    def other_unit(self, unit: int) -> Subject | None:
        if not self.finite:
            return None
        last = len(self.finite) - 1 if self.finite[-1][0] != unit else self.finite[-1][2]
        return self.finite[last][1] if last >= 0 else None


def _subjects(an: Analysis, lex: EventLexicon) -> list[Subject | None]:
    subjects: list[Subject | None] = []
    earlier = _Earlier()
    for group in an.groups:
        subject = _subject(an, group, earlier, lex)
        subjects.append(subject)
        earlier.add(an, group, subject)
    return subjects


def _inherited(subject: Subject | None) -> Subject | None:
    if subject is None:
        return None
    return Subject(subject.start, subject.end, "inherited" if subject.via == "np" else subject.via)


def _subject(an: Analysis, group: Group, earlier: _Earlier, lex: EventLexicon) -> Subject | None:
    ci = an.chunk_of[group.first]
    if ci < 0:
        return None
    chunk = an.chunks[ci]
    if an.cats[group.first] == PRONAUX:
        return Subject(group.first, group.first + 1, "np")
    k = _previous(an, group.first)
    if k >= chunk.lead:
        if an.cats[k] in (REL, THAT):
            found = _antecedent(an, k, lex)
            return Subject(*found, "antecedent") if found else None
        found = np_before(an, group.first, chunk.lead, lex)
        if found:
            return Subject(*found, "np")
        if an.cats[k] == CONJ:  # "quit his job and risked his life"
            return _inherited(earlier.in_chunk.get(ci))
        return None
    # The verb opens its chunk: look at the chunks leaning on it, then at the clause before.
    unit = an.units[an.unit_of[ci]]
    for cj in reversed([c for c in unit if c < ci]):
        if _skippable(an, cj, lex):
            continue
        found = np_at_end(an, cj, lex)
        if found:
            return Subject(*found, "np")
        break
    if chunk.opener == PAREN and ci > 0:  # "(played by Tim Caviezel)": a reduced relative
        found = np_at_end(an, ci - 1, lex)
        return Subject(*found, "antecedent") if found else None
    if chunk.opener in (SOFT, DASH) and ci > 0 and an.chunks[ci - 1].opener in (REL_OPEN, PAREN):
        # "agent Tim Ballard (played by Tim Caviezel) quit his job": the clause resumes
        cj = ci - 1
        while cj >= 0 and ci - cj <= _MAX_SKIP and an.chunks[cj].opener in (REL_OPEN, PAREN):
            cj -= 1
        found = np_at_end(an, cj, lex) if cj >= 0 else None
        if found:
            return Subject(*found, "np")
    if chunk.opener in (COORD, SOFT, SUB_OPEN, DASH, PAREN):
        return _inherited(earlier.other_unit(an.unit_of[ci]))
    return None
