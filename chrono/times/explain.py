"""How a date was reached, in words: the anchor chain every renderer shows.

`2009 ← "five years later" (+5 years) ← "That year" (same year) ← "2004" (as stated)` reads:
the value 2009 came from "five years later", 5 years after "That year", which is the year of
the explicit "2004".
"""

from __future__ import annotations

from collections.abc import Mapping

from chrono.times import display, units
from chrono.times.values import timex_value
from chrono.types import AnchorKind, Dct, Mention


def offset_words(offset: str | None) -> str:
    """'+P5Y' -> '+5 years'; '-PT30M' -> '-30 minutes'; '+P0Y' -> 'same year'."""
    if not offset:
        return ""
    parsed = units.parse_iso_duration(offset)
    if parsed is None:
        return offset
    sign, unit, amount = parsed
    if amount == 0:
        return display.template("same_unit").format(display.unit_word(unit))
    count = "?" if amount is None else f"{amount:g}"
    return f"{'-' if sign < 0 else '+'}{count} {display.unit_word(unit, amount)}"


def dct_words(dct: Dct | None) -> str:
    if dct is None:
        return display.template("dct_unknown")
    return display.template("dct").format(value=timex_value(dct.value), source=dct.source.value)


def chain(mention: Mention, mentions: Mapping[str, Mention]) -> list[Mention]:
    """The mention and those it was computed from, nearest first (cycles cannot occur,
    but a broken id ends the walk rather than looping)."""
    steps = [mention]
    seen = {mention.id}
    anchor = mention.resolution.anchor
    while anchor.kind is AnchorKind.MENTION and anchor.mention_id not in seen:
        step = mentions.get(anchor.mention_id or "")
        if step is None:
            break
        steps.append(step)
        seen.add(step.id)
        anchor = step.resolution.anchor
    return steps


def chain_ids(mention: Mention, mentions: Mapping[str, Mention]) -> list[str]:
    """The ids of the mentions a mention was computed from, nearest first."""
    return [step.id for step in chain(mention, mentions)[1:]]


def chain_text(mention: Mention, mentions: Mapping[str, Mention], dct: Dct | None) -> str:
    """The whole chain from the resolved value back to its root, one arrow per step."""
    parts = [mention.resolution.timex3.value]
    steps = chain(mention, mentions)
    for step in steps:
        anchor = step.resolution.anchor
        text = f'"{step.text}"'
        if anchor.kind is AnchorKind.NONE:
            text += f" ({display.template('as_stated')})"
        elif anchor.offset:
            text += f" ({offset_words(anchor.offset)})"
        parts.append(text)
    if steps[-1].resolution.anchor.kind is AnchorKind.DCT:
        parts.append(dct_words(dct))
    return " ← ".join(parts)
