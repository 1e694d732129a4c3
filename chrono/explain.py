"""How a date was reached, in words: the anchor chain every renderer shows.

`2009 ← "five years later" (+5 years) ← "That year" ← "2004"` reads: the value
2009 came from "five years later", computed 5 years after "That year", which
is the same year as the explicit "2004".
"""

from __future__ import annotations

from collections.abc import Mapping

from chrono.types import AnchorKind, Dct, Mention

_UNIT_WORDS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour"}


def offset_words(offset: str | None) -> str:
    """'+P5Y' -> '+5 years'; '-P1D' -> '-1 day'; '+P0Y' -> 'same year'."""
    if not offset:
        return ""
    sign, body = offset[0], offset[1:].lstrip("P").lstrip("T")
    if not body or not body[:-1].lstrip("-").replace(".", "", 1).isdigit():
        return offset
    amount, unit = body[:-1], _UNIT_WORDS.get(body[-1], body[-1])
    if float(amount) == 0:
        return f"same {unit}"
    plural = "" if float(amount) == 1 else "s"
    return f"{sign}{amount} {unit}{plural}"


def dct_words(dct: Dct | None) -> str:
    if dct is None:
        return "document date (unknown)"
    from chrono.values import timex_value

    return f"document date {timex_value(dct.value)} ({dct.source.value})"


def chain_text(mention: Mention, mentions: Mapping[str, Mention], dct: Dct | None) -> str:
    """The whole chain from the resolved value back to its root, one arrow per step."""
    parts = [mention.resolution.timex3.value]
    current: Mention | None = mention
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        anchor = current.resolution.anchor
        step = f'"{current.text}"'
        words = offset_words(anchor.offset)
        if anchor.kind is AnchorKind.NONE:
            step += " (as stated)"
        elif words:
            step += f" ({words})"
        parts.append(step)
        if anchor.kind is AnchorKind.DCT:
            parts.append(dct_words(dct))
            break
        current = mentions.get(anchor.mention_id) if anchor.mention_id else None
    return " ← ".join(parts)
