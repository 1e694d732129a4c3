"""The model's attribute rules, matched through an index instead of spaCy's `Matcher`.

The English pipelines' `attribute_ruler` maps each fine tag to its part of speech and
morphology and then applies about 120 exceptions ("'s" as AUX, "that" as SCONJ, ...). spaCy
runs it through a `Matcher`, which tries every pattern at every token: measured here, that is
a fifth of the whole parse (2.5 s of 11.3 s on the throughput corpus), as much as the parser
itself. Every pattern of those models names at least one attribute a token has exactly one
value of (its tag, its lowercase form, its dependency label), so each pattern is filed under
that value and a token tries only the few filed under its own.

Only matching changes: the ruler keeps its rules, its order (later rules win) and the code
that sets the attributes (`AttributeRuler.set_annotations`). A rule outside the subset read
here (operators, other attributes, other predicates) leaves the ruler as spaCy made it.
`tests/test_event_layer.py` checks both give the same tokens.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

# Token attributes a pattern may test: those whose value is a string's hash, and flags.
_HASHED = {
    "TAG": TAG,
    "LOWER": LOWER,
    "ORTH": ORTH,
    "TEXT": ORTH,
    "NORM": NORM,
    "DEP": DEP,
    "LEMMA": LEMMA,
}
_FLAGS = {"IS_SPACE": IS_SPACE}
_ANCHORS = ("LOWER", "ORTH", "TEXT", "NORM", "TAG", "DEP")  # filed by the most selective
_COLUMNS = [TAG, LOWER, ORTH, NORM, DEP, LEMMA, IS_SPACE]
_SEEN = 200_000  # distinct token rows whose matches are kept (a row decides one-token rules)
_COLUMN = {attr: n for n, attr in enumerate(_COLUMNS)}
# The anchors a token is looked up by: (its column, the attribute the key names).
_LOOKUPS = [(_COLUMN[attr], attr) for attr in dict.fromkeys(_HASHED[a] for a in _ANCHORS)]

# One condition on a token: (its column in `_COLUMNS`, operator, argument).
Condition = tuple[int, str, Any]
# A pattern as filed: (rule number, tokens, each token's conditions left to test).
Entry = tuple[int, int, tuple[tuple[Condition, ...], ...]]


class Unsupported(ValueError):
    """A pattern this index does not read (the ruler then stays as it is)."""


def install(nlp: Language) -> bool:
    """Index the attribute ruler of `nlp`, if it has one whose rules can all be read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        index = RuleIndex(nlp.vocab.strings, ruler.patterns)
    except Unsupported:
        return False
    # The ruler's own `__call__` asks `self.match` for the sorted matches: answer it here.
    ruler.match = index.match  # type: ignore[method-assign]
    return True


class RuleIndex:
    """Every pattern of the rules filed under one value its first token must have."""

    def __init__(self, strings: Any, rules: list[dict[str, Any]]) -> None:
        self._strings = strings
        self._filed: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        self._everywhere: list[Entry] = []
        self._labels: list[int] = []
        self._seen: dict[tuple[int, ...], tuple[list[int], list[Entry]]] = {}
        for number, rule in enumerate(rules):
            # `AttributeRuler.add` names rule n by the string "n": the label of its matches.
            self._labels.append(strings.add(str(number)))
            for pattern in rule["patterns"]:
                if not pattern:
                    raise Unsupported("an empty pattern")
                anchor, keys = self._anchor(pattern[0])
                first = {name: v for name, v in pattern[0].items() if name != anchor}
                tests = tuple(self._conditions(spec) for spec in [first, *pattern[1:]])
                entry = (number, len(pattern), tests)
                if anchor is None:
                    self._everywhere.append(entry)
                for key in keys:
                    self._filed[key].append(entry)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, label, start, end) of every match, by rule then position, as the ruler's
        own `match` gives them."""
        rows = [tuple(row) for row in doc.to_array(_COLUMNS).tolist()]
        found: set[tuple[int, int, int, int]] = set()
        labels, size = self._labels, len(rows)
        for start, row in enumerate(rows):
            known = self._seen.get(row)
            if known is None:
                if len(self._seen) >= _SEEN:
                    self._seen.clear()
                known = self._seen[row] = self._at(row)
            singles, longer = known
            for number in singles:
                found.add((number, labels[number], start, start + 1))
            for number, length, tests in longer:
                end = start + length
                if end <= size and all(
                    self._holds(rows[start + k], conditions)
                    for k, conditions in enumerate(tests, 1)
                ):
                    found.add((number, labels[number], start, end))
        return sorted(found)

    def _at(self, row: tuple[int, ...]) -> tuple[list[int], list[Entry]]:
        """For a token with these attributes: the rules of one token it matches, and the
        longer patterns whose first token it matches (the rest of each to test)."""
        candidates = [*self._everywhere]
        for column, attr in _LOOKUPS:
            candidates += self._filed.get((attr, row[column]), ())
        singles: list[int] = []
        longer: list[Entry] = []
        for number, length, tests in candidates:
            if self._holds(row, tests[0]):
                if length == 1:
                    singles.append(number)
                else:
                    longer.append((number, length, tests[1:]))
        return singles, longer

    def _holds(self, row: list[int], conditions: tuple[Condition, ...]) -> bool:
        for column, operator, argument in conditions:
            value = row[column]
            if operator == "==":
                ok = value == argument
            elif operator == "IN":
                ok = value in argument
            elif operator == "NOT_IN":
                ok = value not in argument
            elif operator == "FLAG":
                ok = bool(value) is argument
            else:  # REGEX, on the string
                ok = argument.search(self._strings[value]) is not None
            if not ok:
                return False
        return True

    def _anchor(self, spec: dict[str, Any]) -> tuple[str | None, list[tuple[int, int]]]:
        """The attribute a first token is filed by and the (attribute, value hash) keys it is
        filed under; (None, []): tried at every token."""
        for name in _ANCHORS:
            value = spec.get(name)
            if isinstance(value, str):
                return name, [(_HASHED[name], self._strings.add(value))]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return name, [(_HASHED[name], self._strings.add(v)) for v in value["IN"]]
        return None, []

    def _conditions(self, spec: dict[str, Any]) -> tuple[Condition, ...]:
        return tuple(self._condition(name, value) for name, value in spec.items())

    def _condition(self, name: str, value: Any) -> Condition:
        if name in _FLAGS:
            if not isinstance(value, bool):
                raise Unsupported(f"{name}: {value!r}")
            return _COLUMN[_FLAGS[name]], "FLAG", value
        if name not in _HASHED:
            raise Unsupported(name)
        column = _COLUMN[_HASHED[name]]
        if isinstance(value, str):
            return column, "==", self._strings.add(value)
        if isinstance(value, dict) and len(value) == 1:
            ((operator, argument),) = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(argument, list):
                return column, operator, frozenset(self._strings.add(v) for v in argument)
            if operator == "REGEX" and isinstance(argument, str):
                return column, operator, re.compile(argument)
        raise Unsupported(f"{name}: {value!r}")
