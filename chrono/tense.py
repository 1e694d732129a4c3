"""Is a sentence about the past or the future? Decides 'Saturday' before or after its anchor."""

from __future__ import annotations

import re
import tomllib
from enum import StrEnum
from functools import cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z’']+")


class Tense(StrEnum):
    PAST = "past"
    FUTURE = "future"


@cache
def _markers(code: str = "en") -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    path = resources.files("chrono").joinpath("resources", code, "tense.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    future = "|".join(re.escape(w) for w in sorted(data["future"], key=len, reverse=True))
    return (
        re.compile(rf"(?<!\w)(?:{future})(?!\w)", re.IGNORECASE),
        frozenset(w.lower() for w in data["past"]),
        frozenset(data["not_past_ed"]),
    )


def tense_of(text: str) -> Tense | None:
    """The tense a clause is told in, from its markers; None when it says neither."""
    future, past_words, not_past = _markers()
    if future.search(text):
        return Tense.FUTURE
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in past_words or (
            lower.endswith("ed") and len(lower) > 4 and lower not in not_past
        ):
            return Tense.PAST
    return None
