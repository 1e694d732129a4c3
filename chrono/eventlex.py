"""The word lists of `chrono.sentences` and `chrono.events`, loaded once.

Every English word these stages know lives in `resources/en/events/*.toml`
(one concept per file); this module only reads them, derives the regular verb
forms, and answers small morphology questions (what lemma a form has, what
its present tense is). Words are compared folded: lower case, straight
apostrophes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from chrono.errors import ResourceError, resource_problem

_FOLDER = ("resources", "en", "events")
_VOWELS = frozenset("aeiou")

# Verb form labels.
BASE, THIRD, PAST, PARTICIPLE, ING = "base", "s", "past", "pp", "ing"


def fold(word: str) -> str:
    return word.replace("’", "'").lower()


@dataclass(frozen=True, slots=True)
class VerbReading:
    lemma: str
    form: str  # BASE THIRD PAST PARTICIPLE ING


@dataclass(frozen=True, slots=True)
class EventLexicon:
    # sentence splitting
    abbr_titles: frozenset[str]
    abbr_numbered: frozenset[str]
    abbr_ambiguous: frozenset[str]
    sentence_openers: frozenset[str]
    # verbs
    verb_forms: Mapping[str, tuple[VerbReading, ...]]
    third_person: Mapping[str, str]
    restore_e: tuple[str, ...]
    not_verbs: frozenset[str]
    complement_verbs: frozenset[str]
    # auxiliaries
    be: frozenset[str]
    have: frozenset[str]
    do: frozenset[str]
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
    coordinators: frozenset[str]
    subordinators: frozenset[str]
    clause_prepositions: frozenset[str]
    adverbs: frozenset[str]
    not_adverbs: frozenset[str]
    particles: frozenset[str]
    correlatives: frozenset[str]
    numbers: frozenset[str]
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
    single_quotes: frozenset[str]
    clause_coordinators: frozenset[str]
    clause_relatives: frozenset[str]
    # time signals
    signals_before: frozenset[str]
    signals_after: frozenset[str]
    time_modifiers: frozenset[str]
    # names
    name_connectors: frozenset[str]
    person_connectors: frozenset[str]
    not_person: frozenset[str]
    roles: Mapping[str, str]
    # nouns
    event_nouns: frozenset[str]
    plural_nouns: frozenset[str]
    singular_s: frozenset[str]
    singular_endings: tuple[str, ...]
    singular_numbers: frozenset[str]
    partitives: frozenset[str]
    plural_articles: frozenset[str]
    # ages and headline templates
    age_prefixes: tuple[str, ...]
    age_suffixes: Mapping[str, str]
    age_template: str
    untitled: str

    # ------------------------------------------------------------ morphology

    def verb_readings(self, word: str) -> tuple[VerbReading, ...]:
        return self.verb_forms.get(fold(word), ())

    def guess_lemma(self, word: str) -> str:
        """Base form of an unknown -ed / -ing verb: 'created' -> 'create', 'stopped' -> 'stop'."""
        low = fold(word)
        if low.endswith("ied"):
            return low[:-3] + "y"
        stem = low[:-2] if low.endswith("ed") else low[:-3] if low.endswith("ing") else low
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
            return stem[:-1]
        if stem.endswith(self.restore_e):
            return stem + "e"
        return stem

    def lemma_of(self, word: str) -> str:
        readings = self.verb_readings(word)
        return readings[0].lemma if readings else self.guess_lemma(word)

    def present(self, lemma: str, number: str = "singular") -> str:
        """Present tense: ('begin', singular) -> 'begins'; ('be', plural) -> 'are'."""
        for aux, forms in (("be", self.be), ("have", self.have), ("do", self.do)):
            if lemma == aux or (lemma in forms and lemma not in ("being", "having")):
                return self.present_forms[number][aux]
        if number != "singular":
            return lemma
        return self.third_person.get(lemma) or _third(lemma)


def _third(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    if len(base) > 1 and base[-1] in "yo" and base[-2] not in _VOWELS:
        return base[:-1] + "ies" if base[-1] == "y" else base + "es"
    return base + "s"


def _doubles(base: str) -> bool:
    """Ends consonant-vowel-consonant: the final consonant may double (stopped, admitted)."""
    return (
        len(base) >= 3
        and base[-1] not in _VOWELS
        and base[-1] not in "wxy"
        and base[-2] in _VOWELS
        and base[-3] not in _VOWELS
    )


def _past(base: str) -> set[str]:
    if base.endswith("e"):
        forms = {base + "d"}
    elif len(base) > 1 and base[-1] == "y" and base[-2] not in _VOWELS:
        forms = {base[:-1] + "ied"}
    else:
        forms = {base + "ed"}
    if _doubles(base):  # both spellings: a recogniser loses nothing by knowing a wrong one
        forms.add(base + base[-1] + "ed")
    return forms


def _ing(base: str) -> set[str]:
    if base.endswith("ie"):
        forms = {base[:-2] + "ying"}
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        forms = {base[:-1] + "ing"}
    else:
        forms = {base + "ing"}
    if _doubles(base):
        forms.add(base + base[-1] + "ing")
    return forms


def _verb_forms(
    irregular: Mapping[str, list[str]], regular: list[str], third_person: Mapping[str, str]
) -> dict[str, tuple[VerbReading, ...]]:
    table: dict[str, list[VerbReading]] = {}

    def add(word: str, lemma: str, form: str) -> None:
        reading = VerbReading(lemma, form)
        readings = table.setdefault(word, [])
        if reading not in readings:
            readings.append(reading)

    def add_all(lemma: str, pasts: set[str], participles: set[str]) -> None:
        add(lemma, lemma, BASE)
        add(third_person.get(lemma) or _third(lemma), lemma, THIRD)
        for word in sorted(pasts):
            add(word, lemma, PAST)
        for word in sorted(participles):
            add(word, lemma, PARTICIPLE)
        for word in sorted(_ing(lemma)):
            add(word, lemma, ING)

    for lemma, (past, participle) in irregular.items():  # irregular first: their readings win
        add_all(lemma, set(past.split("|")), set(participle.split("|")))
    for lemma in regular:
        forms = _past(lemma)
        add_all(lemma, forms, forms)
    return {word: tuple(readings) for word, readings in table.items()}


# ---------------------------------------------------------------- loading


def _read(name: str) -> dict[str, Any]:
    path = resources.files("chrono").joinpath(*_FOLDER, f"{name}.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ResourceError(resource_problem(f"events/{name}.toml", str(error))) from error


def _words(data: Mapping[str, Any], key: str, file: str, folded: bool = True) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problem = f"'{key}' must be a list of strings"
        raise ResourceError(resource_problem(f"events/{file}.toml", problem))
    return frozenset(fold(v) if folded else v for v in value)


def _marks(data: Mapping[str, Any], key: str) -> frozenset[str]:
    """Punctuation, compared as written (a curly apostrophe is not a straight one)."""
    return _words(data, key, "clause_breaks", folded=False)


def _table(data: Mapping[str, Any], key: str, file: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ResourceError(resource_problem(f"events/{file}.toml", f"'[{key}]' must be a table"))
    return {fold(k): v for k, v in value.items()}


def _text(data: Mapping[str, Any], key: str, file: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ResourceError(resource_problem(f"events/{file}.toml", f"'{key}' must be a string"))
    return value


@cache
def lexicon() -> EventLexicon:
    """The English event lexicon (loaded and derived once per process)."""
    abbr = _read("abbreviations")
    verbs = _read("verbs")
    aux = _read("auxiliaries")
    pron = _read("pronouns")
    fw = _read("function_words")
    breaks = _read("clause_breaks")
    signals = _read("time_signals")
    names = _read("names")
    events = _read("event_nouns")
    plurals = _read("plurals")
    ages = _read("ages")
    heads = _read("headlines")

    third_person = {k: str(v) for k, v in _table(verbs, "third_person", "verbs").items()}
    irregular = _table(verbs, "irregular", "verbs")
    if not all(isinstance(v, list) and len(v) == 2 for v in irregular.values()):
        problem = "irregular verbs need [past, participle]"
        raise ResourceError(resource_problem("events/verbs.toml", problem))
    regular = sorted(_words(_table(verbs, "regular", "verbs"), "verbs", "verbs"))
    guess = _table(verbs, "guess", "verbs")
    present = {
        k: {fold(a): str(f) for a, f in v.items()}
        for k, v in _table(aux, "present", "auxiliaries").items()
    }
    pronoun_contractions = {
        k: (fold(v[0]), fold(v[1]))
        for k, v in _table(aux, "pronoun_contractions", "auxiliaries").items()
    }
    return EventLexicon(
        abbr_titles=_words(abbr, "titles", "abbreviations"),
        abbr_numbered=_words(abbr, "numbered", "abbreviations"),
        abbr_ambiguous=_words(abbr, "ambiguous", "abbreviations"),
        sentence_openers=_words(abbr, "sentence_openers", "abbreviations"),
        verb_forms=_verb_forms(irregular, regular, third_person),
        third_person=third_person,
        restore_e=tuple(sorted(_words(guess, "restore_e", "verbs"))),
        not_verbs=_words(guess, "not_verbs", "verbs"),
        complement_verbs=_words(_table(verbs, "complement", "verbs"), "verbs", "verbs"),
        be=_words(aux, "be", "auxiliaries"),
        have=_words(aux, "have", "auxiliaries"),
        do=_words(aux, "do", "auxiliaries"),
        modals=_words(aux, "modals", "auxiliaries"),
        negations=_words(aux, "negations", "auxiliaries"),
        negation=_text(aux, "negation", "auxiliaries"),
        present_perfect=_words(aux, "present_perfect", "auxiliaries"),
        past_auxiliaries=_words(aux, "past", "auxiliaries"),
        present_forms=present,
        negative_contractions={
            k: fold(v) for k, v in _table(aux, "negative_contractions", "auxiliaries").items()
        },
        pronoun_contractions=pronoun_contractions,
        subject_pronouns={k: str(v) for k, v in _table(pron, "subject", "pronouns").items()},
        resolvable_pronouns=_words(pron, "resolvable", "pronouns"),
        plural_pronouns=_words(pron, "plural", "pronouns"),
        first_person=_words(pron, "first_person", "pronouns"),
        object_pronouns=_words(pron, "object", "pronouns"),
        possessives=_words(pron, "possessive", "pronouns"),
        relatives=_words(pron, "relative", "pronouns"),
        that=_words(pron, "that", "pronouns"),
        indefinite=_words(pron, "indefinite", "pronouns"),
        determiners=_words(fw, "determiners", "function_words"),
        plural_determiners=_words(fw, "plural_determiners", "function_words"),
        singular_determiners=_words(fw, "singular_determiners", "function_words"),
        prepositions=_words(fw, "prepositions", "function_words"),
        binding_prepositions=_words(fw, "binding_prepositions", "function_words"),
        coordinators=_words(fw, "coordinators", "function_words"),
        subordinators=_words(fw, "subordinators", "function_words"),
        clause_prepositions=_words(fw, "clause_prepositions", "function_words"),
        adverbs=_words(fw, "adverbs", "function_words"),
        not_adverbs=_words(fw, "not_adverbs", "function_words"),
        particles=_words(fw, "particles", "function_words"),
        correlatives=_words(fw, "correlatives", "function_words"),
        numbers=_words(fw, "numbers", "function_words"),
        hard_breaks=_marks(breaks, "hard"),
        dashes=_marks(breaks, "dashes"),
        always_dashes=_marks(breaks, "always_dashes"),
        soft_breaks=_marks(breaks, "soft"),
        open_brackets=_marks(breaks, "open_brackets"),
        close_brackets=_marks(breaks, "close_brackets"),
        open_quotes=_marks(breaks, "open_quotes"),
        close_quotes=_marks(breaks, "close_quotes"),
        straight_quotes=_marks(breaks, "straight_quotes"),
        single_quotes=_marks(breaks, "single_quotes"),
        clause_coordinators=_words(breaks, "coordinators", "clause_breaks"),
        clause_relatives=_words(breaks, "relatives", "clause_breaks"),
        signals_before=_words(signals, "before", "time_signals"),
        signals_after=_words(signals, "after", "time_signals"),
        time_modifiers=_words(signals, "modifiers", "time_signals"),
        name_connectors=_words(names, "connectors", "names"),
        person_connectors=_words(names, "person_connectors", "names"),
        not_person=_words(names, "not_person", "names") | _words(names, "demonyms", "names"),
        roles={k: str(v) for k, v in _table(names, "roles", "names").items()},
        event_nouns=_words(events, "nouns", "event_nouns"),
        plural_nouns=_words(plurals, "plural", "plurals"),
        singular_s=_words(plurals, "singular_s", "plurals"),
        singular_endings=tuple(sorted(_words(plurals, "singular_endings", "plurals"))),
        singular_numbers=_words(plurals, "singular_numbers", "plurals"),
        partitives=_words(plurals, "partitives", "plurals"),
        plural_articles=_words(plurals, "plural_articles", "plurals"),
        age_prefixes=tuple(sorted(_words(ages, "prefixes", "ages"), key=len, reverse=True)),
        age_suffixes={k: str(v) for k, v in _table(ages, "suffixes", "ages").items()},
        age_template=_text(heads, "age", "headlines"),
        untitled=_text(heads, "untitled", "headlines"),
    )
