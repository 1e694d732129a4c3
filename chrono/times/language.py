"""Load a language's resources once and compile them into an immutable pack.

Layout of `resources/<lang>/` (all data, no code):
- `lexicon/*.toml`: one concept per file; `[forms]` are matched ignoring case,
  `[case_sensitive]` only as written ("May" the month, not "may" the modal);
- `patterns.toml`: macros usable in rules as `{name}` or `{name:field}`;
- `rules/*.toml`: `[[rule]]` tables with a pattern, the value they write, and
  examples that the tests run.

A macro expands to a uniquely named group; the compiled rule remembers which
value field each group writes and how its text is normalised, so rules stay
declarative: `{day} {month},? {year}` is a complete date rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from chrono.errors import ResourceError, resource_problem
from chrono.resources.loader import fold, has_resource, load_toml, squash, toml_files

Normalizer = Callable[[str], Any]

_MACRO = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")
_SPACE = re.compile(r"\s+")
# Time expressions never start inside a word, a number or an amount of money ...
_LEFT = r"(?<![\w$£€¥#])(?<!\d[.,])"
# ... nor end inside one ("2004.5", "1,200", "20%").
_RIGHT = r"(?!\w)(?![.,]\d)(?!\s?%)"


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    description: str
    folded: Mapping[str, Any]
    exact: Mapping[str, Any]
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def lookup(self, text: str) -> Any:
        key = squash(text)
        if key in self.exact:
            return self.exact[key]
        return self.folded.get(key.lower())

    def alternation(self) -> str:
        """Longest forms first so that 'the day before yesterday' beats 'yesterday'."""
        parts = [(form, False) for form in self.folded] + [(form, True) for form in self.exact]
        parts.sort(key=lambda p: (-len(p[0]), p[0]))
        out = []
        for form, exact in parts:
            body = _form_regex(form)
            out.append(f"(?-i:{body})" if exact else body)
        return "|".join(out)


def _form_regex(form: str) -> str:
    escaped = re.escape(form).replace("'", "['’]")
    return re.sub(r"(?:\\ )+", r"\\s+", escaped)


@dataclass(frozen=True, slots=True)
class Group:
    """A named group of a compiled rule: the value field it writes and its normaliser."""

    field: str
    normalize: Normalizer


@dataclass(frozen=True, slots=True)
class Example:
    """A rule's example, run by the tests through the whole tagger and resolver."""

    text: str
    match: str | None  # the expected TIMEX3 extent; None: the text yields no time at all
    value: str | None = None  # expected TimeML value
    type: str | None = None
    mod: str | None = None
    dct: str | None = None  # default: the rule file's example_dct
    doc_type: str | None = None  # default: news
    rule: str | None = None  # the rule expected to match, when not the one the example is under
    absent: tuple[str, ...] = ()  # substrings no time expression may cover


@dataclass(frozen=True, slots=True)
class Context:
    """Conditions on the text around a match, each tested on a short window."""

    before: re.Pattern[str] | None = None  # must match the end of the text before
    not_before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None  # must match the start of the text after
    not_after: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    file: str
    regex: re.Pattern[str]
    groups: Mapping[str, Group]
    constants: Mapping[str, Any]
    examples: tuple[Example, ...]
    priority: int
    context: Context


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one pack per language
class LanguagePack:
    code: str
    lexicons: Mapping[str, Lexicon]
    rules: tuple[Rule, ...]
    negative_examples: tuple[Example, ...]

    def lexicon(self, name: str) -> Lexicon:
        return self.lexicons[name]

    def words_regex(
        self, lexicon: str, *, at_end: bool = False, at_start: bool = False
    ) -> re.Pattern[str]:
        """A lexicon as a standalone regex, anchored to the end or the start of a window."""
        body = f"(?:{self.lexicons[lexicon].alternation()})"
        if at_end:
            return re.compile(rf"(?<![\w]){body}\s*$", re.IGNORECASE)
        if at_start:
            return re.compile(rf"^\s*{body}(?!\w)", re.IGNORECASE)
        return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# ---------------------------------------------------------------- normalisers


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


class _Numbers:
    """Digits and English number words -> amounts; None for vague counts ('several')."""

    def __init__(self, lex: Lexicon) -> None:
        s = lex.sections
        self.units = {k: v for k, v in s.get("units", {}).items()}
        self.tens = dict(s.get("tens", {}))
        self.scales = dict(s.get("scales", {}))
        self.articles = {fold(k): v for k, v in s.get("articles", {}).items()}
        self.vague = {fold(k): v for k, v in s.get("vague", {}).items()}
        self.fractions = {fold(k): v for k, v in s.get("fractions", {}).items()}

    def regex(self) -> str:
        def alt(words: Mapping[str, Any]) -> str:
            return "|".join(_form_regex(w) for w in sorted(words, key=lambda w: (-len(w), w)))

        units, tens, scales = alt(self.units), alt(self.tens), alt(self.scales)
        below_100 = rf"(?:(?:{tens})(?:[- ](?:{units}))?|(?:{units}))"
        words = rf"{below_100}(?:\s+(?:{scales})(?:\s+(?:and\s+)?{below_100})?)?"
        leading = rf"(?:a|an|one)\s+(?:{scales})"
        fraction = rf"(?:\s+(?:{alt(self.fractions)}))?"
        # Thousands separators are excluded on purpose: '1,200 hours' is a quantity.
        digits = r"[0-9]+(?:\.[0-9]+)?"
        return (
            rf"(?:(?:{digits}|{leading}|{words}){fraction}"
            rf"|{alt(self.vague)}|{alt(self.articles)})"
        )

    def __call__(self, text: str) -> float | None:
        key = fold(text)
        fraction = 0.0
        for words, value in self.fractions.items():
            if key.endswith(" " + words):
                key, fraction = key[: -len(words) - 1], float(value)
                break
        if key in self.vague:
            value = self.vague[key]
            return None if value == "X" else float(value) + fraction
        if key in self.articles:
            return float(self.articles[key]) + fraction
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", key):
            return float(key) + fraction
        total, current = 0, 0
        for word in re.split(r"[\s-]+", key):
            if word in ("and",):
                continue
            if word in ("a", "an"):
                current = 1
            elif word in self.units:
                current += self.units[word]
            elif word in self.tens:
                current += self.tens[word]
            elif word in self.scales:
                total += max(current, 1) * self.scales[word]
                current = 0
            else:
                return None
        return float(total + current) + fraction


def _normalizers(lexicons: Mapping[str, Lexicon]) -> dict[str, Normalizer]:
    ordinals = lexicons["ordinals"]

    def ordinal(text: str) -> int | None:
        if text[:1].isdigit():
            return _digits(text)
        value = ordinals.lookup(text)
        return None if value is None else int(value)

    def decade2(text: str) -> int:
        return _digits(text) % 100

    def absolute(text: str) -> Any:
        from chrono.text.dates import parse_written_date

        return parse_written_date(text)

    numbers = _Numbers(lexicons["numbers"])

    def spoken_year(text: str) -> int | None:
        """nineteen ninety-six -> 1996; two thousand and one -> 2001; nineteen hundred -> 1900."""
        words = fold(text).replace("-", " ").split()
        if words[:2] == ["two", "thousand"]:
            rest = [w for w in words[2:] if w != "and"]
            tail = numbers(" ".join(rest)) if rest else 0.0
            return None if tail is None else 2000 + int(tail)
        head = numbers(words[0])
        rest = [w for w in words[1:] if w not in ("oh", "o")]
        tail = 0.0 if rest == ["hundred"] else numbers(" ".join(rest))
        return None if head is None or tail is None else int(head) * 100 + int(tail)

    return {
        "absolute": absolute,
        "spoken_year": spoken_year,
        "int": _digits,
        "ordinal": ordinal,
        "year2": _digits,
        "decade": _digits,
        "decade2": decade2,
    }


# ---------------------------------------------------------------- loading


def _load_lexicons(code: str) -> dict[str, Lexicon]:
    lexicons = {}
    for relative in toml_files(code, "lexicon"):
        data = load_toml(code, relative)
        name = relative.removeprefix("lexicon/").removesuffix(".toml")
        sections = {k: v for k, v in data.items() if isinstance(v, dict)}
        folded = {fold(k): v for k, v in data.get("forms", {}).items()}
        for section in ("units", "tens", "scales", "articles", "vague", "fractions"):
            folded.update({fold(k): v for k, v in data.get(section, {}).items()})
        exact = {k: v for k, v in data.get("case_sensitive", {}).items()}
        lexicons[name] = Lexicon(name, data.get("description", ""), folded, exact, sections)
    return lexicons


@dataclass
class _Macro:
    regex: str
    field: str
    normalize: Normalizer


def _load_macros(code: str, lexicons: Mapping[str, Lexicon]) -> dict[str, _Macro]:
    data = load_toml(code, "patterns.toml")
    normalizers = _normalizers(lexicons)
    numbers = _Numbers(lexicons["numbers"])
    macros = {}
    for name, spec in data.items():
        target = spec.get("field", name)
        if "lexicon" in spec:
            lex = lexicons.get(spec["lexicon"])
            if lex is None:
                raise ResourceError(
                    resource_problem("patterns.toml", f"{name}: no lexicon {spec['lexicon']}")
                )
            macros[name] = _Macro(lex.alternation(), target, lex.lookup)
        elif spec.get("builtin") == "number":
            macros[name] = _Macro(numbers.regex(), target, numbers)
        elif "regex" in spec:
            normalize = normalizers.get(spec.get("normalize", "int"))
            if normalize is None:
                raise ResourceError(
                    resource_problem("patterns.toml", f"{name}: unknown normaliser")
                )
            macros[name] = _Macro(spec["regex"], target, normalize)
        else:
            raise ResourceError(
                resource_problem("patterns.toml", f"{name}: needs lexicon, regex or builtin")
            )
    return macros


def _compile_rule(
    raw: Mapping[str, Any], file: str, macros: Mapping[str, _Macro], example_dct: str | None
) -> Rule:
    name = raw.get("name")
    pattern = raw.get("pattern")
    if not name or not pattern:
        raise ResourceError(resource_problem(file, "every rule needs a name and a pattern"))
    groups: dict[str, Group] = {}

    def expand(match: re.Match[str]) -> str:
        macro = macros.get(match.group(1))
        if macro is None:
            raise ResourceError(
                resource_problem(file, f"rule {name}: unknown macro {{{match.group(1)}}}")
            )
        group = f"g{len(groups)}"
        groups[group] = Group(match.group(2) or macro.field, macro.normalize)
        return f"(?P<{group}>{macro.regex})"

    body = _MACRO.sub(expand, pattern)
    try:
        # `open_right`: the rule's own pattern says what may follow it (a year run into the
        # next word of a heading), instead of the usual word boundary.
        right = "" if raw.get("open_right") else _RIGHT
        regex = re.compile(f"{_LEFT}(?:{body}){right}", re.IGNORECASE)
    except re.error as exc:
        raise ResourceError(resource_problem(file, f"rule {name}: {exc}")) from exc
    reserved = {"name", "pattern", "examples", "priority", "open_right", *_CONTEXT_KEYS}
    constants = {k: v for k, v in raw.items() if k not in reserved}
    examples = tuple(_example(e, file, name, example_dct) for e in raw.get("examples", ()))
    if not examples:
        raise ResourceError(resource_problem(file, f"rule {name}: give at least one example"))
    try:
        context = Context(
            **{
                field: re.compile(raw[key], re.IGNORECASE)
                for key, field in _CONTEXT_KEYS.items()
                if key in raw
            }
        )
    except re.error as exc:
        raise ResourceError(resource_problem(file, f"rule {name} context: {exc}")) from exc
    return Rule(
        name, file, regex, groups, constants, examples, int(raw.get("priority", 0)), context
    )


_CONTEXT_KEYS = {
    "context_before": "before",
    "not_before": "not_before",
    "context_after": "after",
    "not_after": "not_after",
}


def _example(raw: Any, file: str, rule: str, example_dct: str | None) -> Example:
    if isinstance(raw, list):  # [text, match, value]
        raw = dict(zip(("text", "match", "value"), raw, strict=False))
    if not isinstance(raw, dict) or "text" not in raw:
        raise ResourceError(resource_problem(file, f"rule {rule}: malformed example {raw!r}"))
    return Example(
        text=raw["text"],
        match=raw.get("match") or None,
        value=raw.get("value"),
        type=raw.get("type"),
        mod=raw.get("mod"),
        dct=raw.get("dct", example_dct),
        doc_type=raw.get("doc_type"),
        rule=raw.get("rule"),
        absent=tuple(raw.get("absent", ())),
    )


@cache
def load(code: str = "en") -> LanguagePack:
    """The compiled language pack (loaded once per process)."""
    lexicons = _load_lexicons(code)
    macros = _load_macros(code, lexicons)
    rules: list[Rule] = []
    for relative in toml_files(code, "rules"):
        data = load_toml(code, relative)
        # Each rules file dates its examples (the default DCT of its example texts).
        example_dct = data.get("example_dct")
        for raw in data.get("rule", ()):
            rules.append(_compile_rule(raw, relative, macros, example_dct))
    names = [r.name for r in rules]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ResourceError(resource_problem("rules", f"duplicate rule names {sorted(duplicates)}"))
    negatives: tuple[Example, ...] = ()
    if has_resource(code, "negatives.toml"):
        data = load_toml(code, "negatives.toml")
        negatives = tuple(Example(text=t, match=None) for t in data.get("not_times", ()))
    return LanguagePack(code, lexicons, tuple(rules), negatives)
