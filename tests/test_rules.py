"""Every example written next to a rule in chrono/resources/en/rules/*.toml, run end to end."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chrono.run.pipeline import analyze_text
from chrono.times.language import Example, Rule, load

PACK = load()
CASES = [(rule, example) for rule in PACK.rules for example in rule.examples]


def _mentions(example: Example):
    return analyze_text(example.text, dct=example.dct, doc_type=example.doc_type or "news").mentions


@pytest.mark.parametrize(
    ("rule", "example"), CASES, ids=[f"{r.name}:{e.text[:40]}" for r, e in CASES]
)
def test_rule_example(rule: Rule, example: Example) -> None:
    mentions = _mentions(example)
    if example.match is None:
        assert [m.text for m in mentions] == []
        return
    found = [m for m in mentions if m.text == example.match]
    assert found, f"{example.match!r} not found in {[m.text for m in mentions]}"
    mention = found[0]
    assert mention.tag.rule == (example.rule or rule.name)
    timex = mention.resolution.timex3
    if example.value is not None:
        assert timex.value == example.value
    if example.mod is not None:
        assert timex.mod == example.mod
    if example.type is not None:
        assert timex.type.value == example.type
    for text in example.absent:
        assert not any(text in m.text for m in mentions), f"{text!r} was tagged"


@pytest.mark.parametrize("example", PACK.negative_examples, ids=lambda e: e.text[:40])
def test_not_a_time(example: Example) -> None:
    assert [m.text for m in _mentions(replace(example, dct="2023-07-12"))] == []


def test_every_rule_has_an_example_that_it_matches() -> None:
    covered = {e.rule or r.name for r, e in CASES if e.match is not None}
    blockers = {r.name for r in PACK.rules if r.constants.get("not_a_time")}
    assert {r.name for r in PACK.rules} - blockers <= covered


def test_every_blocker_has_an_example_that_it_blocks() -> None:
    """A `not_a_time` rule yields no time: its examples show the text it keeps others off."""
    for rule in PACK.rules:
        if rule.constants.get("not_a_time"):
            assert any(e.match is None for e in rule.examples), rule.name
