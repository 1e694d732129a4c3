"""Text -> tags: every time expression with its span, rule and underspecified value.

Each rule runs over the text; a match survives its context checks (no "room
1984", no "2000 people") and value checks ("31 February" is not a date).
Overlaps are settled by one policy, HeidelTime's: the longer match wins, then
the higher rule priority, then the earlier one. Signals (since, until, from)
and two-ended ranges (from 1964 to 1970, 1914–1918) are attached afterwards,
outside the TIMEX3 extents as TimeML wants them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from chrono.text.normalize import for_matching
from chrono.times.language import LanguagePack, Rule, load
from chrono.times.prefilter import Prefilter
from chrono.times.specs import NotADate, build_spec
from chrono.types import Kind, Signal, Tag

_WINDOW = 40  # characters of context a rule or signal looks at
_CHUNK = 300  # characters a prefilter pass looks at, at most
_REACH = 120  # how far past its chunk a match may run (longer than any time expression)
# A short digit group and a dash or dot just before: a phone or reference number, not a
# range's first year ("555-1987", "12.1998"; "1914-1918" has four digits before the dash).
_NUMBER_GROUP_BEFORE = re.compile(r"(?<!\d)(?:\d{1,3}|\d{5,})[-.]$")


@cache
def _patterns(pack: LanguagePack) -> dict[str, re.Pattern[str]]:
    """Context patterns compiled once per language pack."""
    return {
        "not_before": pack.words_regex("not_time_before", at_end=True),
        "not_after": pack.words_regex("not_time_after", at_start=True),
        "signal": pack.words_regex("signals", at_end=True),
        "now_after": pack.words_regex("duration_now", at_start=True),
        "connector": re.compile(
            rf"^\s*(?:{pack.lexicon('range_connectors').alternation()})\s*$", re.IGNORECASE
        ),
    }


def tag(text: str, start: int = 0, pack: LanguagePack | None = None) -> list[Tag]:
    """All time expressions in `text[start:]`, in text order, without overlaps.

    The rules read a copy with the look-alikes made ASCII (`chrono.text.normalize`: no-break
    spaces, dashes, full-width digits); the copy has the same length, so every offset
    found indexes the text as given, and the tags quote that text.
    """
    original = text
    text = for_matching(text)
    pack = pack or load()
    context = _patterns(pack)
    prefilter = _prefilter(pack)
    candidates: list[tuple[int, int, int, int, Tag | None, int, int]] = []
    for begin, end in _chunks(text, start):
        stop = min(len(text), end + _REACH)  # matches start in the chunk and may run past it
        chunk = text[begin:stop]
        for order in prefilter.rules_for(chunk):
            rule = pack.rules[order]
            for first, last in prefilter.spans(order, chunk):
                # The exact rule may start anywhere in the span and run past it.
                span_start, span_end = begin + first, min(begin + last, end)
                if span_start >= end:
                    break
                for match in rule.regex.finditer(
                    text, span_start, min(stop, begin + last + _REACH)
                ):
                    if match.start() >= span_end and match.start() > span_start:
                        break
                    candidate = _candidate(rule, order, match, text, context)
                    if candidate is not None:
                        candidates.append(candidate)
    tags = [_with_signal(t, text, context, pack) for t in _select(candidates)]
    # "a decade now": the "now" belongs to the duration, not to a time of its own.
    consumed = {
        (t.signal.start, t.signal.end) for t in tags if t.signal and t.signal.relation == "now"
    }
    tags = [t for t in tags if (t.start, t.end) not in consumed]
    linked = _link_ranges(tags, text, context)
    return linked if original is text else [_quoting(t, original) for t in linked]


def _quoting(found: Tag, original: str) -> Tag:
    """A tag found on the matching copy, quoting the text as given."""
    signal = found.signal
    if signal is not None:
        signal = replace(signal, text=original[signal.start : signal.end])
    return replace(found, text=original[found.start : found.end], signal=signal)


def _candidate(
    rule: Rule, order: int, match: re.Match[str], text: str, context: dict[str, re.Pattern[str]]
) -> tuple[int, int, int, int, Tag | None, int, int] | None:
    """The sort key and tag of a match: longest first, then priority, then earliest."""
    try:
        found = _tag(rule, match, text, context)
    except NotADate:  # claims its span, then yields nothing: "31 February 2023"
        begin, end = match.span()
        return begin - end, -rule.priority, begin, order, None, begin, end
    if found is None:
        return None
    return (
        found.start - found.end,
        -rule.priority,
        found.start,
        order,
        found,
        found.start,
        found.end,
    )


def _chunks(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Short stretches of text that partition where matches start: the fewer rules a stretch
    lets through the prefilter, the less work. Cut at a line break, else after a sentence,
    else at a space (a match may still run past the cut: see _REACH)."""
    position = start
    while position < len(text):
        limit = position + _CHUNK
        if limit >= len(text):
            yield position, len(text)
            return
        end = -1
        for mark in ("\n", ". ", " "):
            found = text.rfind(mark, position + _CHUNK // 2, limit)
            if found > position:
                end = found + len(mark)
                break
        end = end if end > position else limit
        yield position, end
        position = end


@cache
def _prefilter(pack: LanguagePack) -> Prefilter:
    return Prefilter([rule.regex.pattern for rule in pack.rules])


def _tag(
    rule: Rule, match: re.Match[str], text: str, context: dict[str, re.Pattern[str]]
) -> Tag | None:
    begin, end = match.span()
    if begin == end:
        return None
    before, after = text[max(0, begin - _WINDOW) : begin], text[end : end + _WINDOW]
    checks = rule.context
    if checks.before is not None and not checks.before.search(before):
        return None
    if checks.not_before is not None and checks.not_before.search(before):
        return None
    if checks.after is not None and not checks.after.search(after):
        return None
    if checks.not_after is not None and checks.not_after.search(after):
        return None
    surface = match.group()
    # A bare number is a quantity or an identifier in "room 1984", "2000 people", "555-1987"
    # (but "6-7 January 1916" is a range of days).
    if surface[:1].isdigit() and (
        context["not_before"].search(before)
        or (surface[:4].isdigit() and _NUMBER_GROUP_BEFORE.search(before))
    ):
        return None
    if surface[-1:].isdigit() and context["not_after"].search(after):
        return None
    fields: dict[str, Any] = {}
    for name, value in match.groupdict().items():
        if value is None:
            continue
        group = rule.groups[name]
        normalized = group.normalize(value)
        if normalized is None and group.field not in ("num", "age"):
            return None
        fields[group.field] = normalized
        fields[f"_{group.field}_text"] = value
    spec = build_spec(rule.constants, fields)
    if spec is None:
        return None
    return Tag(begin, end, surface, rule.name, spec)


def _select(candidates: list[tuple[int, int, int, int, Tag | None, int, int]]) -> list[Tag]:
    """Longest first, then priority, then earliest; keep what does not overlap a kept span.

    A span that is a date in form only (no tag) is kept as a blocker and dropped at the end.
    """
    candidates.sort(key=lambda c: c[:4])
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Tag | None] = []
    for *_, found, begin, end in candidates:
        i = bisect_left(starts, begin)
        if i > 0 and ends[i - 1] > begin:
            continue
        if i < len(kept) and starts[i] < end:
            continue
        starts.insert(i, begin)
        ends.insert(i, end)
        kept.insert(i, found)
    return [t for t in kept if t is not None]


def _with_signal(
    found: Tag, text: str, context: dict[str, re.Pattern[str]], pack: LanguagePack
) -> Tag:
    """Attach the signal word just before a tag (since 2009), or 'now' after a duration."""
    window_start = max(0, found.start - _WINDOW)
    before = text[window_start : found.start]
    if found.spec.kind is Kind.DURATION and not found.spec.ends_at_anchor:
        now = context["now_after"].match(text[found.end : found.end + _WINDOW])
        if now:  # "for roughly a decade now": the duration runs up to the reference time
            word = now.group().strip()
            offset = found.end + now.group().index(word)
            spec = replace(found.spec, ends_at_anchor=True)
            return replace(found, spec=spec, signal=Signal(word, offset, offset + len(word), "now"))
    signal = context["signal"].search(before)
    if signal is None:
        return found
    word = signal.group().rstrip()
    relation = pack.lexicon("signals").lookup(word)
    if relation is None:
        return found
    offset = window_start + signal.start()
    return replace(found, signal=Signal(word, offset, offset + len(word), str(relation)))


def _link_ranges(tags: list[Tag], text: str, context: dict[str, re.Pattern[str]]) -> list[Tag]:
    """Pair two tags joined by a range connector: from X to Y, between X and Y, X–Y."""
    out = list(tags)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            first.span_role
            or first.spec.kind is not Kind.POINT
            or second.spec.kind is not Kind.POINT
        ):
            continue
        gap = text[first.end : second.start]
        if len(gap) > 12 or not context["connector"].match(gap):
            continue
        opener = first.signal.relation if first.signal else None
        if gap.strip().lower() == "and" and opener != "between":
            continue  # "in 2004 and 2009" lists two dates; "between 2004 and 2009" is a range
        out[i] = replace(first, span_role="begin", span_partner=i + 1)
        out[i + 1] = replace(second, span_role="end", span_partner=i)
    return out
