"""Inputs that make some part of chrono work hard, shared by tests/test_robustness.py (which
checks the answers) and benchmarks/robustness.py (which times them: how time grows with the
length, and seconds per MB)."""

from __future__ import annotations

import random
from collections.abc import Callable


def _cycle(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nested_parens(n: int) -> str:
    return "(" * (n // 2) + ")" * (n - n // 2)


DATES = (
    "2004-05-06",
    "14 October 1989",
    "1998",
    "March 2001",
    "05/06/2007",
    "31 February 2020",
    "2019-13-45",
    "the 1980s",
    "Q3 2019",
    "'98",
)


def digits_and_dates(size: int, seed: int = 6) -> str:
    """One line (no line break) of digit groups and dates, cut into clauses and sentences,
    as a dump of records would be."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        digits = "".join(rng.choices("0123456789", k=rng.randrange(4, 400)))
        end = ". " if rng.random() < 0.25 else "; "
        part = f"{digits} {rng.choice(DATES)} {rng.randrange(10**9)}{end}"
        parts.append(part)
        total += len(part)
    return "".join(parts)[:size]


# Each kind: text of a given length that makes some part of chrono work hard.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "7" * n,
    "digit_groups": _cycle("4815162342 "),
    "spaces": lambda n: " " * n,
    "unicode_spaces": _cycle("\u00a0\u2009\u202f \u3000"),
    "month_names": _cycle("March "),
    "one_dash_one": _cycle("1-"),
    "the_the": _cycle("the "),
    "nested_parens": _nested_parens,
    "apostrophe_digits": _cycle("'9"),
    "number_words": _cycle("twenty-five "),
    "part_modifiers": _cycle("early mid- late "),
    "dots": _cycle(". "),
    "one_long_word": lambda n: "a" * n,
    "dates_in_sentences": _cycle("It rained on 14 October 1989 and in 2004. "),
    "digits_and_dates_line": digits_and_dates,
    # Thousands of dates in one "sentence" (a dump without full stops): the event stage
    # reads a sentence once per time in it, linear only because long ones are cut.
    "dense_dates_one_sentence": _cycle("14 October 1989 2004 "),
}


# Files that make the reader work hard: (suffix, text of about n characters).
ADVERSARIAL_FILES: dict[str, tuple[str, Callable[[int], str]]] = {
    "header_line_of_spaces": (".txt", lambda n: "Date: x" + " " * n + "y\nbody"),
    "markdown_title_of_spaces": (".md", lambda n: "# a" + " " * n + "b #\nbody"),
    "front_matter": (".md", lambda n: "---\n" + "key: value\n" * (n // 11) + "---\n"),
    "unclosed_comments": (".html", lambda n: "<!--" * (n // 4)),
    "unclosed_start_tags": (".html", lambda n: "<a" * (n // 2)),
    "unclosed_attribute_quotes": (".html", lambda n: '<a b="' * (n // 6)),
    "unclosed_sections": (".html", lambda n: "<![CDATA[x" * (n // 10) + ">"),
    "nested_divs": (".html", lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11)),
    "doctype_openers": (".tml", lambda n: "<!DOCTYPE x [" * (n // 13)),
    "nested_timeml": (".tml", lambda n: "<TimeML><TEXT>" + "<a>" * (n // 7) + "</a>" * (n // 7)),
    "one_long_jsonl_line": (".jsonl", lambda n: '{"text": "' + "\\u00e9" * (n // 6) + '"}\n'),
    "many_jsonl_lines": (".jsonl", lambda n: '{"text": "In 2004."}\n' * (n // 21)),
    "nested_json": (".jsonl", lambda n: "[" * (n // 2) + "]" * (n // 2) + "\n"),
}
