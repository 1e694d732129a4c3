"""The word lists and spelling rules of `chrono.text.sentences`, `chrono.text.clauses`,
`chrono.events.headlines` and `chrono.times.tense`, loaded once per language.

Every English word these stages know lives in `resources/<lang>/events/*.toml`
(one concept per file), and so do the spelling rules that derive the regular
verb forms ("stop" -> "stops", "stopped", "stopping"), guess the base form of
an unknown one ("widened" -> "widen") and tell a plural noun or an adverb by
its ending. This module only reads those files (through
`chrono.resources.loader`) and applies the rules: it holds mechanisms, not
words. Words are compared folded (`chrono.resources.loader.fold`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from chrono.errors import ResourceError, resource_problem
from chrono.resources.loader import fold, load_toml

# Verb form labels (the names verbs.toml uses for them).
BASE, THIRD, PAST, PARTICIPLE, ING = "base", "s", "past", "pp", "ing"
_FORMS = frozenset({BASE, THIRD, PAST, PARTICIPLE, ING})
# Auxiliary classes (the keys of auxiliaries.toml's [present.*] tables).
BE, HAVE, DO = "be", "have", "do"
# Grammatical numbers a headline's verb agrees with (the [present.*] table names).
SINGULAR, PLURAL, FIRST_PERSON = "singular", "plural", "first_person"


@dataclass(frozen=True, slots=True)
class VerbReading:
    lemma: str
    form: str  # BASE THIRD PAST PARTICIPLE ING


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One spelling rule: where `pattern` matches a word, put `replacement` (re.sub syntax)."""

    pattern: re.Pattern[str]
    replacement: str

    def apply(self, word: str) -> str | None:
        if self.pattern.search(word) is None:
            return None
        return self.pattern.sub(self.replacement, word, count=1)


def _first(rules: Iterable[Rewrite], word: str) -> str | None:
    """The form the first matching rule gives (None when no rule matches)."""
    for rule in rules:
        form = rule.apply(word)
        if form is not None:
            return form
    return None


@dataclass(frozen=True, slots=True)
class GuessEnding:
    """Unknown words with this ending and at least `min_length` letters may be these forms."""

    ending: str
    min_length: int
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Morphology:
    third: tuple[Rewrite, ...]
    past: tuple[Rewrite, ...]
    past_also: tuple[Rewrite, ...]
    ing: tuple[Rewrite, ...]
    ing_also: tuple[Rewrite, ...]
    lemma: tuple[Rewrite, ...]
    guess: tuple[GuessEnding, ...]

    def third_form(self, base: str) -> str:
        return _first(self.third, base) or base

    def past_forms(self, base: str) -> set[str]:
        return self._with_also(base, self.past, self.past_also)

    def ing_forms(self, base: str) -> set[str]:
        return self._with_also(base, self.ing, self.ing_also)

    @staticmethod
    def _with_also(base: str, rules: tuple[Rewrite, ...], also: tuple[Rewrite, ...]) -> set[str]:
        forms = {_first(rules, base) or base}
        forms.update(form for rule in also if (form := rule.apply(base)) is not None)
        return forms

    def guess_lemma(self, word: str) -> str:
        return _first(self.lemma, word) or word


@dataclass(frozen=True, slots=True)
class EventLexicon:
    # sentence splitting
    abbr_titles: frozenset[str]
    abbr_numbered: frozenset[str]
    abbr_ambiguous: frozenset[str]
    abbr_final: frozenset[str]
    abbr_continuations: frozenset[str]  # words that continue a `final` abbreviation
    sentence_starts: frozenset[str]  # words that usually open a sentence
    # verbs
    verb_forms: Mapping[str, tuple[VerbReading, ...]]
    third_person: Mapping[str, str]
    morphology: Morphology
    not_verbs: frozenset[str]
    complement_verbs: frozenset[str]
    intransitive: frozenset[str]
    ergative: frozenset[str]
    passive_only: frozenset[str]
    # auxiliaries
    be: frozenset[str]
    have: frozenset[str]
    do: frozenset[str]
    nonfinite: frozenset[str]
    modals: frozenset[str]
    negations: frozenset[str]
    negation: str
    present_perfect: frozenset[str]
    past_auxiliaries: frozenset[str]
    # singular / plural / first_person -> be / have / do -> present form
    present_forms: Mapping[str, Mapping[str, str]]
    negative_contractions: Mapping[str, str]
    pronoun_contractions: Mapping[str, tuple[str, str]]
    # pronouns
    subject_pronouns: Mapping[str, str]
    resolvable_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person: frozenset[str]
    always_capitalised: frozenset[str]
    third_singular: frozenset[str]
    object_pronouns: frozenset[str]
    possessives: frozenset[str]
    relatives: frozenset[str]
    that: frozenset[str]
    indefinite: frozenset[str]
    # function words
    determiners: frozenset[str]
    plural_determiners: frozenset[str]
    singular_determiners: frozenset[str]
    prepositions: frozenset[str]
    binding_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    coordinators: frozenset[str]
    noun_coordinators: frozenset[str]
    infinitive: frozenset[str]
    subordinators: frozenset[str]
    clause_prepositions: frozenset[str]
    adverbs: frozenset[str]
    not_adverbs: frozenset[str]
    adverb_endings: tuple[str, ...]
    adverb_min_length: int
    particles: frozenset[str]
    correlatives: frozenset[str]
    numbers: frozenset[str]
    number_before: frozenset[str]  # symbols written before their number: $ £ €
    number_after: frozenset[str]  # ... and after it: %
    # clause breaks
    hard_breaks: frozenset[str]
    dashes: frozenset[str]
    always_dashes: frozenset[str]
    soft_breaks: frozenset[str]
    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    open_quotes: frozenset[str]
    close_quotes: frozenset[str]
    straight_quotes: frozenset[str]
    open_single_quotes: frozenset[str]
    close_single_quotes: frozenset[str]
    straight_single_quotes: frozenset[str]
    clause_coordinators: frozenset[str]
    clause_relatives: frozenset[str]
    # time signals
    signals_before: frozenset[str]
    signals_after: frozenset[str]
    time_modifiers: frozenset[str]
    # names
    name_connectors: frozenset[str]
    # nouns
    event_nouns: frozenset[str]
    plural_nouns: frozenset[str]
    singular_s: frozenset[str]
    singular_endings: tuple[str, ...]
    plural_endings: tuple[str, ...]
    plural_min_length: int
    singular_numbers: frozenset[str]
    partitives: frozenset[str]
    plural_articles: frozenset[str]
    # ages and headline templates
    age_after_number: Mapping[str, tuple[str, str]]  # unit name -> (after 1, after others)
    age_template: str
    age_at_template: str
    untitled: str

    # ------------------------------------------------------------ derived sets

    @property
    def single_quotes(self) -> frozenset[str]:
        return self.open_single_quotes | self.close_single_quotes | self.straight_single_quotes

    @property
    def opening_quotes(self) -> frozenset[str]:
        """Quote marks that only ever open a quotation or a title (“ ‘ « „)."""
        return self.open_quotes | self.open_single_quotes

    @property
    def quote_marks(self) -> frozenset[str]:
        return self.open_quotes | self.close_quotes | self.straight_quotes | self.single_quotes

    # ------------------------------------------------------------ morphology

    def verb_readings(self, word: str) -> tuple[VerbReading, ...]:
        return self.verb_forms.get(fold(word), ())

    def guessed_readings(self, word: str) -> dict[str, str]:
        """Verb forms (-> lemma) an unknown word may be by its ending: 'widened' -> past, pp."""
        low = fold(word)
        if low in self.not_verbs or not low.isalpha() or low in self.verb_forms:
            return {}
        for rule in self.morphology.guess:
            if low.endswith(rule.ending) and len(low) >= rule.min_length:
                lemma = self.morphology.guess_lemma(low)
                return dict.fromkeys(rule.forms, lemma)
        return {}

    def guess_lemma(self, word: str) -> str:
        """Base form of an unknown -ed / -ing verb: 'created' -> 'create', 'stopped' -> 'stop'."""
        return self.morphology.guess_lemma(fold(word))

    def lemma_of(self, word: str) -> str:
        readings = self.verb_readings(word)
        return readings[0].lemma if readings else self.guess_lemma(word)

    def aux_class(self, word: str) -> str:
        """BE, HAVE or DO for a form of that auxiliary; '' for any other word."""
        low = fold(word)
        for name, forms in ((BE, self.be), (HAVE, self.have), (DO, self.do)):
            if low in forms:
                return name
        return ""

    def present(self, lemma: str, number: str = SINGULAR) -> str:
        """Present tense: ('begin', singular) -> 'begins'; ('be', plural) -> 'are'."""
        aux = self.aux_class(lemma)
        if aux:
            return self.present_forms[number][aux]
        if number != SINGULAR:
            return lemma
        return self.third_person.get(lemma) or self.morphology.third_form(lemma)

    # ------------------------------------------------------------ nouns and adverbs

    def looks_plural(self, low: str) -> bool:
        """A plural noun by the word lists or by its ending ("engineers", not "crisis")."""
        if low in self.plural_nouns:
            return True
        if low in self.singular_s or low.endswith(self.singular_endings):
            return False
        return low.endswith(self.plural_endings) and len(low) >= self.plural_min_length

    def singulars(self, low: str) -> list[str]:
        """The singular forms a plural-looking word may have ("matches" -> match, matche)."""
        return [
            low[: -len(e)] for e in self.plural_endings if low.endswith(e) and len(low) > len(e)
        ]

    def looks_adverb(self, low: str) -> bool:
        """An adverb by the word list or by its ending ("swiftly", not "family")."""
        if low in self.adverbs:
            return True
        return (
            low.endswith(self.adverb_endings)
            and len(low) >= self.adverb_min_length
            and low not in self.not_adverbs
        )


def _verb_forms(
    irregular: Mapping[str, list[str]],
    regular: list[str],
    third_person: Mapping[str, str],
    morphology: Morphology,
) -> dict[str, tuple[VerbReading, ...]]:
    table: dict[str, list[VerbReading]] = {}

    def add(word: str, lemma: str, form: str) -> None:
        reading = VerbReading(lemma, form)
        readings = table.setdefault(word, [])
        if reading not in readings:
            readings.append(reading)

    def add_all(lemma: str, pasts: set[str], participles: set[str]) -> None:
        add(lemma, lemma, BASE)
        add(third_person.get(lemma) or morphology.third_form(lemma), lemma, THIRD)
        for word in sorted(pasts):
            add(word, lemma, PAST)
        for word in sorted(participles):
            add(word, lemma, PARTICIPLE)
        for word in sorted(morphology.ing_forms(lemma)):
            add(word, lemma, ING)

    for lemma, (past, participle) in irregular.items():  # irregular first: their readings win
        add_all(lemma, set(past.split("|")), set(participle.split("|")))
    for lemma in regular:
        forms = morphology.past_forms(lemma)
        add_all(lemma, forms, forms)
    return {word: tuple(readings) for word, readings in table.items()}


# ---------------------------------------------------------------- loading


class _File:
    """One events/*.toml file, with checked accessors that name the file in their errors."""

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = f"events/{name}.toml"
        self.data = load_toml(code, self.name)

    def problem(self, detail: str) -> ResourceError:
        return ResourceError(resource_problem(f"{self.code}/{self.name}", detail))

    def words(
        self, key: str, folded: bool = True, data: Mapping[str, Any] | None = None
    ) -> frozenset[str]:
        value = (self.data if data is None else data).get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.problem(f"'{key}' must be a list of strings")
        return frozenset(fold(v) if folded else v for v in value)

    def marks(self, key: str) -> frozenset[str]:
        """Punctuation, compared as written (a curly apostrophe is not a straight one)."""
        return self.words(key, folded=False)

    def table(self, key: str, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
        value = (self.data if data is None else data).get(key)
        if not isinstance(value, dict):
            raise self.problem(f"'[{key}]' must be a table")
        return {fold(k): v for k, v in value.items()}

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self.problem(f"'{key}' must be a string")
        return value

    def number(self, key: str, data: Mapping[str, Any]) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.problem(f"'{key}' must be an integer")
        return value

    def rewrites(self, data: Mapping[str, Any], key: str) -> tuple[Rewrite, ...]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.problem(f"'{key}' must be a list of [pattern, replacement] pairs")
        rules = []
        for pair in value:
            if not (
                isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
            ):
                raise self.problem(f"'{key}': {pair!r} is not a [pattern, replacement] pair")
            try:
                rules.append(Rewrite(re.compile(pair[0]), pair[1]))
            except re.error as error:
                raise self.problem(f"'{key}': {pair[0]!r}: {error}") from error
        return tuple(rules)


def _morphology(verbs: _File) -> Morphology:
    rules = verbs.table("morphology")
    guess = verbs.table("guess")
    endings = guess.get("endings")
    if not isinstance(endings, list):
        raise verbs.problem("'[guess] endings' must be a list of tables")
    guessed = []
    for entry in endings:
        if not isinstance(entry, dict) or not isinstance(entry.get("ending"), str):
            raise verbs.problem(f"'[guess] endings': {entry!r} needs an ending")
        forms = tuple(sorted(verbs.words("forms", data=entry)))
        if not set(forms) <= _FORMS:
            raise verbs.problem(f"'[guess] endings': unknown forms in {sorted(forms)}")
        guessed.append(GuessEnding(entry["ending"], verbs.number("min_length", entry), forms))
    return Morphology(
        third=verbs.rewrites(rules, "third"),
        past=verbs.rewrites(rules, "past"),
        past_also=verbs.rewrites(rules, "past_also"),
        ing=verbs.rewrites(rules, "ing"),
        ing_also=verbs.rewrites(rules, "ing_also"),
        lemma=verbs.rewrites(rules, "lemma"),
        guess=tuple(guessed),
    )


def _continuations(code: str, abbr: _File) -> frozenset[str]:
    """Single words of the named time lexicons, folded and without a final period."""
    words: set[str] = set()
    for name in sorted(abbr.words("continued_by")):
        data = load_toml(code, f"lexicon/{name}.toml")
        for section in ("forms", "case_sensitive"):
            words.update(
                fold(form).rstrip(".") for form in data.get(section, {}) if " " not in form.strip()
            )
    return frozenset(words)


@cache
def lexicon(code: str = "en") -> EventLexicon:
    """The event lexicon of a language (loaded and derived once per process)."""
    abbr = _File(code, "abbreviations")
    verbs = _File(code, "verbs")
    aux = _File(code, "auxiliaries")
    pron = _File(code, "pronouns")
    fw = _File(code, "function_words")
    breaks = _File(code, "clause_breaks")
    signals = _File(code, "time_signals")
    names = _File(code, "names")
    events = _File(code, "event_nouns")
    plurals = _File(code, "plurals")
    symbols = _File(code, "number_symbols")
    ages = _File(code, "ages")
    heads = _File(code, "headlines")

    morphology = _morphology(verbs)
    third_person = {k: str(v) for k, v in verbs.table("third_person").items()}
    irregular = verbs.table("irregular")
    if not all(isinstance(v, list) and len(v) == 2 for v in irregular.values()):
        raise verbs.problem("irregular verbs need [past, participle]")
    regular = sorted(verbs.words("verbs", data=verbs.table("regular")))
    guess = verbs.table("guess")
    present = {k: {fold(a): str(f) for a, f in v.items()} for k, v in aux.table("present").items()}
    pronoun_contractions = {
        k: (fold(v[0]), fold(v[1])) for k, v in aux.table("pronoun_contractions").items()
    }
    adverb_guess = fw.table("adverb_guess")
    subject_pronouns = {k: str(v) for k, v in pron.table("subject").items()}
    determiners = fw.words("determiners")
    prepositions = fw.words("prepositions")
    coordinators = fw.words("coordinators")
    subordinators = fw.words("subordinators")
    possessives = pron.words("possessive")
    indefinite = pron.words("indefinite")
    ages_after = {
        unit: (str(forms[0]), str(forms[1]))
        for unit, forms in ages.table("after_number").items()
        if isinstance(forms, list) and len(forms) == 2
    }
    if len(ages_after) != len(ages.table("after_number")):
        raise ages.problem("'[after_number]' maps a unit to [after 1, after other numbers]")
    return EventLexicon(
        abbr_titles=abbr.words("titles"),
        abbr_numbered=abbr.words("numbered"),
        abbr_ambiguous=abbr.words("ambiguous"),
        abbr_final=abbr.words("final"),
        abbr_continuations=_continuations(code, abbr),
        sentence_starts=(
            abbr.words("sentence_openers")
            | frozenset(subject_pronouns)
            | possessives
            | determiners
            | prepositions
            | coordinators
            | subordinators
            | indefinite
        ),
        verb_forms=_verb_forms(irregular, regular, third_person, morphology),
        third_person=third_person,
        morphology=morphology,
        not_verbs=verbs.words("not_verbs", data=guess),
        complement_verbs=verbs.words("verbs", data=verbs.table("complement")),
        intransitive=verbs.words("verbs", data=verbs.table("intransitive")),
        ergative=verbs.words("verbs", data=verbs.table("ergative")),
        passive_only=verbs.words("verbs", data=verbs.table("passive_only")),
        be=aux.words("be"),
        have=aux.words("have"),
        do=aux.words("do"),
        nonfinite=aux.words("nonfinite"),
        modals=aux.words("modals"),
        negations=aux.words("negations"),
        negation=aux.text("negation"),
        present_perfect=aux.words("present_perfect"),
        past_auxiliaries=aux.words("past"),
        present_forms=present,
        negative_contractions={k: fold(v) for k, v in aux.table("negative_contractions").items()},
        pronoun_contractions=pronoun_contractions,
        subject_pronouns=subject_pronouns,
        resolvable_pronouns=pron.words("resolvable"),
        plural_pronouns=pron.words("plural"),
        first_person=pron.words("first_person"),
        always_capitalised=pron.words("always_capitalised"),
        third_singular=pron.words("third_person_singular"),
        object_pronouns=pron.words("object"),
        possessives=possessives,
        relatives=pron.words("relative"),
        that=pron.words("that"),
        indefinite=indefinite,
        determiners=determiners,
        plural_determiners=fw.words("plural_determiners"),
        singular_determiners=fw.words("singular_determiners"),
        prepositions=prepositions,
        binding_prepositions=fw.words("binding_prepositions"),
        agent_prepositions=fw.words("agent_prepositions"),
        coordinators=coordinators,
        noun_coordinators=fw.words("noun_coordinators"),
        infinitive=fw.words("infinitive"),
        subordinators=subordinators,
        clause_prepositions=fw.words("clause_prepositions"),
        adverbs=fw.words("adverbs"),
        not_adverbs=fw.words("not_adverbs"),
        adverb_endings=tuple(sorted(fw.words("endings", data=adverb_guess))),
        adverb_min_length=fw.number("min_length", adverb_guess),
        particles=fw.words("particles"),
        correlatives=fw.words("correlatives"),
        numbers=fw.words("numbers"),
        number_before=symbols.marks("before"),
        number_after=symbols.marks("after"),
        hard_breaks=breaks.marks("hard"),
        dashes=breaks.marks("dashes"),
        always_dashes=breaks.marks("always_dashes"),
        soft_breaks=breaks.marks("soft"),
        open_brackets=breaks.marks("open_brackets"),
        close_brackets=breaks.marks("close_brackets"),
        open_quotes=breaks.marks("open_quotes"),
        close_quotes=breaks.marks("close_quotes"),
        straight_quotes=breaks.marks("straight_quotes"),
        open_single_quotes=breaks.marks("open_single_quotes"),
        close_single_quotes=breaks.marks("close_single_quotes"),
        straight_single_quotes=breaks.marks("straight_single_quotes"),
        clause_coordinators=breaks.words("coordinators"),
        clause_relatives=breaks.words("relatives"),
        signals_before=signals.words("before"),
        signals_after=signals.words("after"),
        time_modifiers=signals.words("modifiers"),
        name_connectors=names.words("connectors"),
        event_nouns=events.words("nouns"),
        plural_nouns=plurals.words("plural"),
        singular_s=plurals.words("singular_s"),
        singular_endings=tuple(sorted(plurals.words("singular_endings"))),
        plural_endings=tuple(sorted(plurals.words("endings"))),
        plural_min_length=plurals.number("min_length", plurals.data),
        singular_numbers=plurals.words("singular_numbers"),
        partitives=plurals.words("partitives"),
        plural_articles=plurals.words("plural_articles"),
        age_after_number=ages_after,
        age_template=heads.text("age"),
        age_at_template=heads.text("age_at"),
        untitled=heads.text("untitled"),
    )
