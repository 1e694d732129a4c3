"""The RE2 prefilter changes how fast the tagger is, never what it finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from chrono.times import tagger
from chrono.times.language import load
from chrono.times.prefilter import Prefilter, superset

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?P<g0>\d+)\s+years", r"(?:[\p{Nd}]+)[\s\x0b\x1c-\x1f\x85\pZ]+years"),
        (r"(?<![\w$])(?<!\d[.,])(?:2004)(?!\w)", r"(?:2004)"),
        (r"(?<=[a-z], )\d+(?=,\s)", r"(?:[a-z], )[\p{Nd}]+(?:,[\s\x0b\x1c-\x1f\x85\pZ])"),
        # Python's \w and \b are Unicode, RE2's ASCII: classes widen, boundaries go.
        (r"\b\w+[\w-]\B[^\s]", r"[\w\pL\pN\pM]+[\w\pL\pN\pM-][^\s]"),
        (r"a(?=b(?:c|d))", r"a(?:b(?:c|d))"),
        # In the middle a lookaround constrains the same place as what follows it: dropped
        # (turning it into text would demand "abe" where the rule accepts "ae" before "b").
        (r"a(?=b)e", r"ae"),
        (r"a(?<=a)e", r"ae"),
        (r"x|(?<=, )55(?=,)|y", r"x|(?:, )55(?:,)|y"),
        (r"(?:(?<=a)b)", r"(?:(?:a)b)"),
        (r"[(?=)]x(?!\))", r"[(?=)]x"),
        (r"\(?!x", r"\(?!x"),
    ],
)
def test_superset_keeps_what_is_required_and_drops_what_is_forbidden(
    pattern: str, expected: str
) -> None:
    assert superset(pattern) == expected


def test_every_exact_match_starts_inside_a_superset_match() -> None:
    re2 = pytest.importorskip("re2")
    options = re2.Options()
    options.case_sensitive = False
    for rule in load().rules:
        loose = re2.compile(superset(rule.regex.pattern), options)
        for example in rule.examples:
            spans = [m.span() for m in loose.finditer(example.text)]
            for match in rule.regex.finditer(example.text):
                covered = any(s <= match.start() <= e for s, e in spans)
                assert covered, (rule.name, example.text)


def _texts() -> list[str]:
    texts = [e.text for r in load().rules for e in r.examples]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts.append(
        "On 3 May 2001 he left; " * 40 + "two days later, in the spring of 1944, he returned."
    )
    return texts


def test_the_fast_path_finds_exactly_what_every_rule_everywhere_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load()
    fast = tagger._prefilter(pack)
    if not fast.active:
        pytest.skip("google-re2 is not installed: the tagger already runs every rule everywhere")
    texts = _texts()
    expected = [tagger.tag(text) for text in texts]
    every_rule = Prefilter([rule.regex.pattern for rule in pack.rules], accelerate=False)
    monkeypatch.setattr(tagger, "_prefilter", lambda _pack: every_rule)
    assert [tagger.tag(text) for text in texts] == expected


def test_without_re2_every_rule_is_tried_everywhere() -> None:
    slow = Prefilter([r"\d+", r"years"], accelerate=False)
    assert not slow.active
    assert list(slow.rules_for("no numbers here")) == [0, 1]
    assert slow.spans(1, "some text") == [(0, 9)]
