"""Property tests (hypothesis) over random text and random files: never an exception, offsets
always valid, the same output every time.

The example counts are modest so the suite stays fast; for a long run:
`CHRONO_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py`. benchmarks/fuzz_atheris.py
fuzzes the same targets with coverage guidance.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("hypothesis", reason="pip install '.[test]' (hypothesis is a test extra)")

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chrono.cli import app
from chrono.errors import InputError
from chrono.render.json_export import timeline_to_dict
from chrono.run.pipeline import analyze, analyze_text, reconstruct
from chrono.text.documents import SUPPORTED_SUFFIXES, iter_documents
from chrono.text.normalize import for_matching, lookalikes
from chrono.times import tagger
from chrono.times.language import load
from chrono.times.prefilter import Prefilter
from chrono.types import Document, DocumentResult

EXAMPLES = int(os.environ.get("CHRONO_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a slow example is the timing tests' business, not a failure here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of text that date expressions are made of, so random text reaches the rules.
WORDS = [
    *("January", "Feb.", "March", "may", "May", "Sept", "October", "Dec"),
    *("Monday", "Saturday", "tonight", "yesterday", "spring", "autumn", "Q3", "H1"),
    *("1989", "2004", "1914", "0", "00", "31", "29", "13", "45", "999", "10000", "2199"),
    *("'98", "\u201990s", "1980s", "mid-", "early", "late", "the", "of", "year", "years"),
    *("five", "twenty-five", "a", "decade", "century", "19th", "BC", "AD", "ago", "later"),
    *("since", "until", "from", "to", "between", "and", "every", "last", "next", "now"),
    *("a.m.", "p.m.", "10:30", "GMT", "aged", "41-year-old", "old", "per", "cent", "$"),
    *("2004-05-06", "10/14/1989", "14.10.1989", "Published:", "Date:", "---", "#"),
    *("(", ")", ",", ".", ";", "-", "\u2013", "\u2014", "'", '"', "/", ":", "\n", "\r\n"),
]
SEPARATORS = [" ", "", "\u00a0", "\u2009", "\n", " - ", ", ", "\t"]

date_ish_text = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40
).map(lambda parts: "".join(word + sep for word, sep in parts))
random_text = st.text(
    st.characters(blacklist_categories=["Cs"]) | st.sampled_from(string.printable), max_size=200
)
any_text = date_ish_text | random_text | st.tuples(date_ish_text, random_text).map("".join)


def snapshot(result: DocumentResult) -> list[tuple[Any, ...]]:
    """What a run found, in a form two runs can be compared on."""
    return [
        (
            m.start,
            m.end,
            m.text,
            m.tag.rule,
            m.resolution.timex3.value,
            m.resolution.timex3.mod,
            m.resolution.edtf,
            m.resolution.bounds,
            m.chain,
        )
        for m in result.mentions
    ] + [(e.headline, e.mention_ids, e.time.edtf) for e in result.events]


def check_offsets(text: str, result: DocumentResult) -> None:
    assert result.document.text == text
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        if m.tag.signal is not None:
            signal = m.tag.signal
            assert text[signal.start : signal.end] == signal.text
    for event in result.events:
        for source in event.sources:
            assert 0 <= source.start <= source.end <= len(text)


@FUZZ
@given(any_text, st.sampled_from([None, "2023-07-12", "1850-01-01"]))
@example("She was born on 14\u00a0October\u00a01989 and left in '98.", "2023-07-12")
@example("(((" * 50 + "1914\u20131918" + ")))" * 50, None)
def test_analyze_text_never_fails_and_offsets_hold(text: str, dct: str | None) -> None:
    result = analyze_text(text, dct=dct)
    check_offsets(text, result)
    assert snapshot(analyze_text(text, dct=dct)) == snapshot(result)  # the same every time


@FUZZ
@given(st.text(max_size=300))  # any code points, lone surrogates included
@example("In 2004 \ud800 it rained \udfff.")
def test_documents_built_in_code_with_any_characters(text: str) -> None:
    """API users can build a Document with any str: chrono must not fail on it."""
    result = analyze(Document(id="api", path="-", text=text))
    for m in result.mentions:
        assert text[m.start : m.end] == m.text


@FUZZ
@given(st.text(max_size=300))
def test_for_matching_keeps_every_offset(text: str) -> None:
    out = for_matching(text)
    assert len(out) == len(text)
    assert for_matching(out) == out
    table = lookalikes()
    assert all(a == b or table[ord(a)] == b for a, b in zip(text, out, strict=True))


@pytest.fixture(scope="module")
def exact_prefilter() -> Prefilter:
    return Prefilter([rule.regex.pattern for rule in load().rules], accelerate=False)


@FUZZ
@given(date_ish_text)
@example("She was born on 14\u00a0October\u00a01989.")
def test_the_fast_path_finds_what_the_exact_rules_find(text: str) -> None:
    fast = tagger.tag(text)
    original = tagger._prefilter
    try:
        tagger._prefilter = lambda pack: Prefilter(  # type: ignore[assignment]
            [rule.regex.pattern for rule in pack.rules], accelerate=False
        )
        exact = tagger.tag(text)
    finally:
        tagger._prefilter = original  # type: ignore[assignment]
    assert fast == exact


# --- the document reader ----------------------------------------------------------------------

suffixes = st.sampled_from([*SUPPORTED_SUFFIXES, ".pdf", ""])
raw_bytes = (
    st.binary(max_size=2_000)
    | date_ish_text.map(lambda t: t.encode("utf-8"))
    | date_ish_text.map(lambda t: t.encode("cp1252", "replace"))
    | date_ish_text.map(lambda t: t.encode("utf-16"))
    | random_text.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode())
    | random_text.map(lambda t: f"<TimeML><TEXT>{t}</TEXT></TimeML>".encode())
)


@FUZZ
@given(data=raw_bytes, suffix=suffixes)
def test_any_file_is_a_document_or_one_reason(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_documents([str(path)]):
        if isinstance(item, InputError):
            assert str(item).startswith(f"{path}: ") and "\n" not in str(item)
            continue
        item.text.encode("utf-8")  # valid Unicode: every writer can take it
        result = analyze(item)
        check_offsets(item.text, result)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)
jsonl_records = st.fixed_dictionaries(
    {"text": st.text(max_size=200) | date_ish_text},  # lone surrogates travel as \ud800
    optional={
        "id": st.text(max_size=10) | st.integers(),
        "title": st.text(max_size=20),
        "dct": st.sampled_from(["2023-07-12", "soon", "", "2019-13-45"]),
        "doc_type": st.sampled_from(["news", "narrative", "auto", "poem"]),
        "extra": json_values,
    },
)


@FUZZ
@given(st.lists(jsonl_records | json_values, max_size=6))
def test_any_jsonl_file_gives_documents_or_named_lines(
    tmp_path_factory: pytest.TempPathFactory, records: list[object]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)]))
    assert len(items) <= len(records)
    for item in items:
        if isinstance(item, InputError):
            assert str(item).startswith(f"{path}: line ")
        else:
            item.text.encode("utf-8")
            item.id.encode("utf-8")
            check_offsets(item.text, analyze(item))


# --- the same output every time ---------------------------------------------------------------


def _corpus(root: Path) -> Path:
    folder = root / "corpus"
    folder.mkdir(exist_ok=True)
    texts = {
        "a.txt": "Published: 2023-07-15\n\nThe council met on Saturday. It first met in 2004.\n",
        "b.md": "Anna was born in 1950. In 1975 she moved to Oslo; two years later she married.\n",
        "c.txt": "The war lasted from 1914 to 1918. Five years later a treaty was signed.\n",
        "d.jsonl": '{"id": "d", "text": "Sales fell in Q3 2019 and rose in early 2020."}\n',
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _without_clock(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "created"}


def test_the_same_timeline_every_run(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    first = _without_clock(timeline_to_dict(reconstruct([folder])))
    second = _without_clock(timeline_to_dict(reconstruct([folder])))
    assert first == second


def test_the_same_timeline_in_another_process(tmp_path: Path) -> None:
    """Nothing depends on hash seeds or on what an earlier run cached."""
    import subprocess
    import sys

    folder = _corpus(tmp_path)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"t{seed}.json"
        subprocess.run(
            [sys.executable, "-m", "chrono", "timeline", str(folder), "-q", "--json", str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        outputs.append(_without_clock(json.loads(out.read_text(encoding="utf-8"))))
    assert outputs[0] == outputs[1]


def test_the_same_timeline_for_any_number_of_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    # Worker processes from the first document on (a small run would otherwise stay in one).
    monkeypatch.setattr("chrono.run.parallel.SOLO_SECONDS", -1.0)
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "4"):
        out = tmp_path / f"jobs{jobs}.json"
        result = runner.invoke(
            app, ["timeline", str(folder), "-q", "--json", str(out), "--jobs", jobs]
        )
        assert result.exit_code == 0, result.output
        outputs.append(_without_clock(json.loads(out.read_text(encoding="utf-8"))))
    assert outputs[0] == outputs[1]
