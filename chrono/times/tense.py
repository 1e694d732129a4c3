"""Is a time expression told in the past or the future? Decides 'Saturday' before or after
its anchor.

The tense comes from the verb group of the clause that holds the time expression, read
with the clause machinery of `chrono.text.clauses`: in "Police said he was arrested on Saturday
and will be freed next week", Saturday's clause is "he was arrested on Saturday" (past),
whatever the rest of the sentence says. A group is

- future with a future modal ("will resume", "won't", "'ll"), or in a present-tense
  construction that looks ahead ("is going to", "are expected to", "plans to", "is
  scheduled for", "is due");
- past when the word that carries its tense is a past form ("was", "had", "released",
  "did") or a present perfect ("has been freed");
- neither otherwise ("The vote is on Monday", "The talks resume on Monday").

A non-finite verb ("to resume", "meeting") has no tense of its own: the nearest finite
group of the sentence gives it. Time words ("next", "tomorrow") are times, not tense.
The words are in `resources/<lang>/tense.toml` and `resources/<lang>/events/*.toml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from chrono.errors import ResourceError, resource_problem
from chrono.resources.lexicon import BE, HAVE, PARTICIPLE, PAST, EventLexicon, lexicon
from chrono.resources.loader import fold, load_toml
from chrono.text.clauses import (
    ADV,
    AUXILIARY,
    NEG,
    Analysis,
    analyze,
    groups_near,
    unit_containing,
)

_FILE = "tense.toml"
_CACHED_SENTENCES = 256  # analyses kept, for texts of at most _CACHED_LENGTH characters
_CACHED_LENGTH = 5000


class Tense(StrEnum):
    PAST = "past"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class _Markers:
    future_modals: frozenset[str]
    future_before_infinitive: frozenset[str]
    scheduling: frozenset[str]
    future_predicates: frozenset[str]
    prospective: frozenset[str]
    prospective_before: frozenset[str]


@cache
def _markers(code: str = "en") -> _Markers:
    data = load_toml(code, _FILE)

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ResourceError(resource_problem(f"{code}/{_FILE}", f"'{key}' must be a list"))
        return frozenset(fold(v) for v in value)

    return _Markers(
        future_modals=words("future_modals"),
        future_before_infinitive=words("future_before_infinitive"),
        scheduling=words("scheduling"),
        future_predicates=words("future_predicates"),
        prospective=words("prospective"),
        prospective_before=words("prospective_before"),
    )


def tense_at(
    text: str,
    start: int,
    end: int,
    offset: int = 0,
    times: Sequence[tuple[int, int]] = (),
) -> Tense | None:
    """The tense of the clause that holds the time expression [start, end).

    `text` is the sentence (or any stretch of text) the expression is in, and starts at
    `offset` in the coordinates of `start` and `end` (give the document offset of the
    sentence and document offsets for the span; or `offset=0` and offsets into `text`).
    `times` are the other time expressions of the text, in the same coordinates: they are
    read as times, never as verbs ("May", "March"), and a sentence analysed once serves
    every time expression in it. None when the clause says neither past nor future.
    """
    found = _clause_group(text, start, end, offset, times)
    if found is None:
        return None
    an, gi = found
    return _group_tense(an, gi, lexicon(), _markers())


def told_in_present(
    text: str,
    start: int,
    end: int,
    offset: int = 0,
    times: Sequence[tuple[int, int]] = (),
) -> bool:
    """Is the clause of [start, end) told in the present ("The vote is on Monday", "They
    meet Monday")? False for past, future, modal ("would") and verbless clauses (a present
    verb elsewhere in the sentence does not count). Arguments as for `tense_at`."""
    found = _clause_group(text, start, end, offset, times, own_clause=True)
    if found is None:
        return False
    an, gi = found
    lex = lexicon()
    if any(an.lemmas[a] in lex.modals for a in an.groups[gi].all_auxes):
        return False
    return _group_tense(an, gi, lex, _markers()) is None


def _clause_group(
    text: str,
    start: int,
    end: int,
    offset: int,
    times: Sequence[tuple[int, int]],
    own_clause: bool = False,
) -> tuple[Analysis, int] | None:
    """The analysis of `text` and the finite verb group that gives [start, end) its tense
    (with `own_clause`, only a finite group of the expression's own clause)."""
    lo, hi = max(0, start - offset), max(0, min(end - offset, len(text)))
    lo = min(lo, hi)
    spans = sorted({(lo, hi)} | {_inside(a - offset, b - offset, len(text)) for a, b in times})
    an = _analysis(text, tuple(spans))
    tokens = an.time_tokens(spans.index((lo, hi)))
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    unit = unit_containing(an, first)
    candidates = groups_near(an, unit, first, last) if unit >= 0 else []
    # A verbless clause ("at the close of business Thursday, ...") takes the tense of the
    # nearest finite verb of its sentence.
    gi = candidates[0] if candidates else -1
    if gi < 0 or not an.groups[gi].finite:
        if own_clause:
            return None
        gi = _nearest_finite(an, first, last, gi)
    if gi < 0:
        return None
    return an, gi


def tense_of(text: str) -> Tense | None:
    """The tense a whole text is told in: future if one of its verb groups is, else past if
    one is, else None. Prefer `tense_at`, which reads the clause of one time expression."""
    an = _analysis(text, ())
    lex, markers = lexicon(), _markers()
    found = {_group_tense(an, gi, lex, markers) for gi, g in enumerate(an.groups) if g.finite}
    if Tense.FUTURE in found:
        return Tense.FUTURE
    return Tense.PAST if Tense.PAST in found else None


def _inside(start: int, end: int, size: int) -> tuple[int, int]:
    start = max(0, min(start, size))
    return start, max(start, min(end, size))


def _analysis(text: str, spans: tuple[tuple[int, int], ...]) -> Analysis:
    """The analysis of a text with its time expressions; kept for sentence-sized texts, so
    the time expressions of one sentence share it."""
    if len(text) > _CACHED_LENGTH:
        return _analyse(text, spans)
    return _cached_analysis(text, spans)


def _analyse(text: str, spans: tuple[tuple[int, int], ...]) -> Analysis:
    times = [(a, b, k) for k, (a, b) in enumerate(spans)]
    return analyze(text, 0, len(text), times, lexicon())


_cached_analysis = lru_cache(maxsize=_CACHED_SENTENCES)(_analyse)


def _nearest_finite(an: Analysis, first: int, last: int, fallback: int) -> int:
    """The finite verb group nearest the tokens first..last (one before them on a tie)."""

    def distance(gi: int) -> tuple[int, bool]:
        main = an.groups[gi].main
        return (first - main if main < first else main - last if main > last else 0, main > last)

    finite = [gi for gi, group in enumerate(an.groups) if group.finite]
    return min(finite, key=distance) if finite else fallback


def _group_tense(an: Analysis, gi: int, lex: EventLexicon, markers: _Markers) -> Tense | None:
    group = an.groups[gi]
    auxes = group.all_auxes
    words = [an.lemmas[a] for a in auxes]
    modal = next((w for w in words if w in lex.modals), None)
    if modal is not None:
        return Tense.FUTURE if modal in markers.future_modals else None
    main = group.main
    copula = an.cats[main] in AUXILIARY
    if not copula and _looks_ahead(an, [an.tokens[a].low for a in auxes], main, markers):
        return Tense.FUTURE  # "planned a rally on Saturday", "postponed until Tuesday"
    carrier = words[0] if auxes else (an.lemmas[main] if copula else "")
    if carrier in lex.past_auxiliaries or (not auxes and not copula and an.forms[main] == PAST):
        return Tense.PAST  # "was arrested", "had left", "released", "was due"
    if (
        auxes
        and lex.aux_class(carrier) == HAVE
        and (an.forms[main] == PARTICIPLE or (copula and lex.aux_class(an.lemmas[main]) == BE))
    ):
        return Tense.PAST  # present perfect: "has been freed", "have left"
    lemma = lex.aux_class(an.lemmas[main]) if copula else an.lemmas[main]
    after = _next_word(an, main)
    if lemma in markers.future_before_infinitive and after in lex.infinitive:
        return Tense.FUTURE  # "is going to", "are expected to", "plans to", "is to"
    passive = bool(auxes) and lex.aux_class(words[-1]) == BE and an.forms[main] == PARTICIPLE
    if passive and lemma in markers.scheduling:
        return Tense.FUTURE  # "is scheduled for Monday"
    if copula and lemma == BE and after in markers.future_predicates:
        return Tense.FUTURE  # "is due on Monday"
    return None


def _looks_ahead(an: Analysis, group_auxes: list[str], main: int, markers: _Markers) -> bool:
    """A verb that puts its time ahead of itself, whatever its own tense: "planned a rally
    on Saturday", "has scheduled a news conference Thursday", "postponed until Tuesday",
    "set to resume Monday" (but not a past perfect: "had been scheduled to expire Friday"
    tells a plan that has run its course)."""
    if "had" in group_auxes:
        return False
    lemma = an.lemmas[main]
    if lemma in markers.prospective:
        return True
    return lemma in markers.prospective_before and _next_word(an, main) in ("to", "for")


def _next_word(an: Analysis, i: int) -> str:
    """The folded word after token i, adverbs and negations skipped ("is not going to")."""
    j = i + 1
    while j < len(an.tokens) and an.cats[j] in (ADV, NEG):
        j += 1
    return an.tokens[j].low if j < len(an.tokens) else ""
