"""Unicode look-alikes -> ASCII for matching, without moving a single offset.

`for_matching(text)` returns a string of the same length as `text` in which the characters
that matter for dates and have an ASCII twin (no-break and thin spaces, en/em dashes and
minus signs, typographic apostrophes and primes, full-width and other-script digits ...)
are replaced one for one. Rules can then be written in ASCII (`-`, `'`, `[0-9]`) and run
on the copy, while extents are cut from the original: `text[start:end]` is what the
document says, `for_matching(text)[start:end]` is what was matched.

The table is data (`resources/common/lookalikes.toml`), compiled once into a
`str.translate` table. One more replacement is not about look-alikes: a lone surrogate
(U+D800..U+DFFF, which API strings and JSON escapes can hold) becomes U+FFFD, so that
matchers that encode the text as UTF-8 (RE2) never fail on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NoReturn

from chrono.errors import ResourceError, resource_problem
from chrono.resources.loader import load_toml

_RESOURCE = ("common", "lookalikes.toml")
_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
_REPLACEMENT = "\ufffd"


def for_matching(text: str) -> str:
    """`text` with look-alikes replaced by their ASCII twins; always the same length."""
    table, ascii_sources = _compiled()
    if text.isascii() and not any(ch in text for ch in ascii_sources):
        return text  # the common case: nothing to replace, no copy
    return text.translate(table)


def lookalikes() -> Mapping[int, str]:
    """The whole table: code point -> the one character that replaces it."""
    return MappingProxyType(_compiled()[0])


@cache
def _compiled() -> tuple[dict[int, str], frozenset[str]]:
    table = _read_table(load_toml(*_RESOURCE))
    ascii_sources = frozenset(chr(cp) for cp in table if cp < 128)
    table.update(dict.fromkeys(range(0xD800, 0xE000), _REPLACEMENT))
    return table, ascii_sources


def _read_table(data: Mapping[str, Any]) -> dict[int, str]:
    """The TOML data -> {code point: replacement}; a malformed table is a ResourceError."""
    table: dict[int, str] = {}

    def add(code_point: int, replacement: str) -> None:
        if len(replacement) != 1 or not replacement.isascii():
            _fail(f"{replacement!r} is not one ASCII character")
        if chr(code_point) == replacement:
            _fail(f"U+{code_point:04X} is mapped onto itself")
        if table.get(code_point, replacement) != replacement:
            _fail(f"U+{code_point:04X} is mapped twice")
        table[code_point] = replacement

    for replacement, code_points in data.get("map", {}).items():
        for text in code_points:
            add(_code_point(text), replacement)
    blocks = [
        (_code_point(b.get("first", "")), _code_point(b.get("last", "")), b.get("onto", ""))
        for b in data.get("block", ())
    ]
    for zero in data.get("digits", {}).get("zeros", ()):
        blocks.append((_code_point(zero), _code_point(zero) + 9, "0"))
    for first, last, onto in blocks:
        if last < first or len(onto) != 1 or ord(onto) + (last - first) > 127:
            _fail(f"block U+{first:04X}..U+{last:04X} does not fit onto ASCII from {onto!r}")
        for offset in range(last - first + 1):
            add(first + offset, chr(ord(onto) + offset))
    return table


def _code_point(text: object) -> int:
    match = _CODE_POINT.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        _fail(f"{text!r} is not a code point written U+XXXX")
    return int(match.group(1), 16)


def _fail(detail: str) -> NoReturn:
    raise ResourceError(resource_problem("/".join(_RESOURCE), detail))
