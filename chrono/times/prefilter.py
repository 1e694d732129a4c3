"""Which rules can match a stretch of text, found in one pass: the tagger's fast path.

Python's `re` runs one rule at a time and pays at every position of the text; with dozens
of rules that is most of chrono's time. RE2's `Set` matches all rules at once in a single
linear pass and says which ones match somewhere in a chunk; the exact Python rule (with
its lookarounds and context checks) then runs only on those chunks.

Each rule is given to RE2 as a *superset* of itself: named groups become plain groups,
negative lookarounds are dropped, and so are positive ones, except that a lookbehind that
opens its branch or a lookahead that closes it becomes required text (`(?<=, )55(?=,)` ->
`, 55,`): there the text must be present, right before or after. A superset can let a chunk
through that the exact rule rejects, never the reverse, so the result is the same as
running every rule everywhere. Without the `google-re2` package every rule runs on every
chunk: slower, identical output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_OPENER = re.compile(r"\((?:\?(?::|P<\w+>|[a-zA-Z-]+:))?")  # (  (?:  (?P<name>  (?-i:
_MEMORY = 256 << 20  # bytes RE2 may use for the combined automaton
_DENSE = 8  # candidate spans in one chunk after which one exact pass over the rest is cheaper
# Python's classes are Unicode, RE2's ASCII: widened so RE2 never matches less.
_UNICODE_CLASSES = {
    "\\s": "\\s\\x0b\\x1c-\\x1f\\x85\\pZ",
    "\\d": "\\p{Nd}",
    "\\w": "\\w\\pL\\pN\\pM",
}


def superset(pattern: str) -> str:
    """An RE2 pattern matching at least what `pattern` (Python syntax) matches."""
    return _strip_lookarounds(_NAMED_GROUP.sub("(?:", pattern))


def _class_end(pattern: str, i: int) -> int:
    """Index just past the character class that opens at `i`."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the group that opens at `i`."""
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(pattern, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return j


def _strip_lookarounds(pattern: str) -> str:
    out: list[str] = []
    i = 0
    at_branch_start = True  # nothing consumed yet in the current branch
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith(_LOOKAROUNDS, i):
            end = _group_end(pattern, i)
            head = 4 if pattern.startswith(("(?<=", "(?<!"), i) else 3
            inner = _strip_lookarounds(pattern[i + head : end])
            if pattern.startswith("(?<=", i) and at_branch_start:
                out.append(f"(?:{inner})")  # leads its branch: the text precedes the match
            elif pattern.startswith("(?=", i) and _closes_branch(pattern, end + 1):
                out.append(f"(?:{inner})")  # ends its branch: the text follows the match
            i = end + 1
        elif ch == "\\":
            escape = pattern[i : i + 2]
            if escape in _UNICODE_CLASSES:
                out.append(f"[{_UNICODE_CLASSES[escape]}]")
            elif escape not in ("\\b", "\\B"):  # ASCII word boundaries: dropped, not narrowed
                out.append(escape)
            i += 2
            at_branch_start = False
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(_unicode_class(pattern[i:end]))
            i = end
            at_branch_start = False
        elif ch == "(":
            opener = _OPENER.match(pattern, i)
            length = opener.end() - i if opener else 1
            out.append(pattern[i : i + length])
            i += length
            at_branch_start = True
        else:
            out.append(ch)
            i += 1
            at_branch_start = ch == "|"
    return "".join(out)


def _unicode_class(text: str) -> str:
    """A character class `[...]` with its \\s \\d \\w widened to Unicode (negated classes
    stay: an ASCII \\S or [^\\s] already matches more than Python's)."""
    if text.startswith("[^"):
        return text
    out, j = [], 0
    while j < len(text):
        if text[j] == "\\":
            escape = text[j : j + 2]
            out.append(_UNICODE_CLASSES.get(escape, escape))
            j += 2
        else:
            out.append(text[j])
            j += 1
    return "".join(out)


def _closes_branch(pattern: str, i: int) -> bool:
    """Nothing but closing parentheses and lookarounds between `i` and the branch's end."""
    while i < len(pattern):
        if pattern[i] == ")":
            i += 1
        elif pattern.startswith(_LOOKAROUNDS, i):
            i = _group_end(pattern, i) + 1
        else:
            return pattern[i] == "|"
    return True


class Prefilter:
    """`rules_for(chunk)`: the rules worth running on a chunk of text; `spans(rule, chunk)`:
    where in it that rule can start.

    Every exact match of a rule starts inside one of the spans its superset matches (RE2
    reports leftmost matches: if an exact match starts at x, the superset matches at x too,
    so either a reported span covers x or one starts at x).
    """

    def __init__(self, patterns: Sequence[str], *, accelerate: bool = True) -> None:
        self._all = tuple(range(len(patterns)))
        supersets = tuple(superset(p) for p in patterns)
        self._set = _compile_set(supersets) if accelerate else None
        self._each = _compile_each(supersets) if self._set is not None else None

    @property
    def active(self) -> bool:
        return self._set is not None

    def rules_for(self, chunk: str) -> Sequence[int]:
        if self._set is None:
            return self._all
        return sorted(self._set.Match(chunk) or ())

    def spans(self, rule: int, chunk: str) -> list[tuple[int, int]]:
        """(start, end) in `chunk` of the rule's superset matches; the whole chunk without RE2.
        Past `_DENSE` matches (a run of digits), one span from the first to the chunk's end:
        a single exact pass there costs less than one per tiny span."""
        if self._each is None:
            return [(0, len(chunk))]
        out: list[tuple[int, int]] = []
        for match in self._each[rule].finditer(chunk):
            if len(out) == _DENSE:
                return [(out[0][0], len(chunk))]
            out.append(match.span())
        return out


@cache
def _compile_each(patterns: tuple[str, ...]) -> tuple[Any, ...]:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    return tuple(re2.compile(pattern, options) for pattern in patterns)


@cache
def _compile_set(patterns: tuple[str, ...]) -> Any:
    try:
        import re2
    except ImportError:  # optional acceleration: the exact rules alone give the same tags
        return None
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = _MEMORY
    rules = re2.Set.SearchSet(options)
    try:
        for index, pattern in enumerate(patterns):
            if rules.Add(pattern) != index:
                return None
        rules.Compile()
    except re2.error:  # a pattern RE2 cannot take: every rule runs everywhere instead
        return None
    return rules
