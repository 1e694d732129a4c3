"""Hostile input (issue 6): adversarial text in linear time, odd dates, safe outputs, and the
bad-input contract end to end.

Timing tests compare the time for N characters with the time for 4N in the same run (no
absolute timings): linear code gives a ratio near 4, quadratic code near 16. The bound is
generous so that a busy machine does not fail them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from adversarial import ADVERSARIAL, ADVERSARIAL_FILES, digits_and_dates
from typer.testing import CliRunner

from chrono import cli, errors
from chrono.cli import app
from chrono.errors import InputError
from chrono.render.atomic import write_text_atomic
from chrono.render.html import render_html
from chrono.render.json_export import bounds_dict, write_json
from chrono.run.pipeline import analyze, analyze_text, build_timeline
from chrono.text import documents, sentences
from chrono.text.documents import document_from_text, iter_documents
from chrono.times.language import load
from chrono.types import Document, DocumentResult, Timeline

runner = CliRunner()


def check_offsets(text: str, result: DocumentResult) -> None:
    assert result.document.text == text
    for mention in result.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


# How the time grows with these inputs is measured, not asserted (a busy machine would
# decide): `python benchmarks/robustness.py ratios` writes it to reports/robustness.md.
@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_the_pipeline_reads_adversarial_text(kind: str) -> None:
    text = ADVERSARIAL[kind](20_000)
    check_offsets(text, analyze_text(text, dct=DCT))


def test_no_sentence_grows_without_bound() -> None:
    # What keeps the event stage linear on thousands of dates without a full stop: it reads
    # each sentence once per time in it, and no sentence is longer than the cut.
    text = ADVERSARIAL["dense_dates_one_sentence"](50_000)
    spans = sentences.sentence_spans(text)
    assert max(b - a for a, b in spans) <= 1_000
    covered = sum(b - a for a, b in spans)
    assert covered >= len(text.strip()) - len(spans)  # only the spaces at the cuts are left
    result = analyze_text(text[:20_000], dct=DCT)
    assert len(result.events) >= len(result.mentions) > 1_000


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL_FILES))
def test_the_reader_reads_adversarial_files(kind: str, tmp_path: Path) -> None:
    suffix, make = ADVERSARIAL_FILES[kind]
    path = tmp_path / f"input{suffix}"
    path.write_text(make(200_000), encoding="utf-8")
    found = list(iter_documents([str(path)]))
    assert found and all(isinstance(item, Document | InputError) for item in found)


def _unbounded_nesting(items: object, inside: bool = False) -> int:
    """How many unbounded repeats sit inside another one: `(a+)+`, `(\\s*x)*`, the shapes
    that backtrack catastrophically."""
    from re import _constants as c  # type: ignore[attr-defined]

    found = 0
    for op, av in items:  # type: ignore[attr-defined]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            unbounded = av[1] == c.MAXREPEAT
            found += int(unbounded and inside)
            found += _unbounded_nesting(av[2], inside or unbounded)
        elif op is c.POSSESSIVE_REPEAT:
            found += _unbounded_nesting(av[2], False)
        elif op is c.SUBPATTERN:
            found += _unbounded_nesting(av[-1], inside)
        elif op is c.BRANCH:
            found += sum(_unbounded_nesting(branch, inside) for branch in av[1])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found += _unbounded_nesting(av[1], inside)
        elif op is c.ATOMIC_GROUP:
            found += _unbounded_nesting(av, False)
    return found


def test_no_rule_nests_unbounded_repeats() -> None:
    from re import _parser  # type: ignore[attr-defined]

    nested = []
    for rule in load().rules:
        checks = rule.context
        patterns = [rule.regex, checks.before, checks.not_before, checks.after, checks.not_after]
        for pattern in patterns:
            if pattern is not None and _unbounded_nesting(
                _parser.parse(pattern.pattern, pattern.flags)
            ):
                nested.append((rule.name, pattern.pattern))
    assert nested == []


def test_the_nesting_check_sees_catastrophic_shapes() -> None:
    from re import _parser  # type: ignore[attr-defined]

    assert _unbounded_nesting(_parser.parse(r"(a+)+b", 0)) == 1
    assert _unbounded_nesting(_parser.parse(r"(?:\s*x)*", 0)) == 1
    assert _unbounded_nesting(_parser.parse(r"(?:a{1,3})+|\d+", 0)) == 0


# --- impossible and odd dates -----------------------------------------------------------------

DCT = "2023-07-12"


def values(text: str, dct: str | None = DCT) -> list[tuple[str, str]]:
    result = analyze_text(text, dct=dct)
    check_offsets(text, result)
    return [(m.text, m.resolution.timex3.value) for m in result.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Not dates: nothing at all, rather than a part of them.
        ("It was 31 February 2020.", []),
        ("on February 30, 2020", []),
        ("on February 29, 2023", []),  # not a leap year
        ("on 29 February 1900", []),  # divisible by 100, not by 400
        ("on 2020-02-30", []),
        ("on the 31st of April", []),
        ("in the 0th century", []),
        ("in the year 0", []),  # there is no year 0 in AD/BC counting
        ("in 0 AD", []),
        ("in 0 BC", []),
        ("on 00/00/0000", []),
        ("on 29.02.2021", []),
        ("at 25:30 GMT", []),
        ("at 10:75 GMT", []),
        # Leap days that exist.
        ("on 29 February 2000", [("29 February 2000", "2000-02-29")]),
        ("on 29 February 1600", [("29 February 1600", "1600-02-29")]),
        # BC years: TimeML writes BC0044; bounds use astronomical years (below).
        ("Caesar died on 15 March 44 BC.", [("15 March 44 BC", "BC0044-03-15")]),
        ("in 1 BC", [("1 BC", "BC0001")]),
        ("in 1 AD", [("1 AD", "0001")]),
        ("the 1st century BC", [("the 1st century BC", "BC00")]),
        ("the 5th century BC", [("the 5th century BC", "BC04")]),
        # Far future: a year with an era is read; bare numbers past 2199 are not years.
        ("in AD 9999", [("AD 9999", "9999")]),
        ("in 2199", [("2199", "2199")]),
        ("in 2200", []),
        ("in 500000 BC", []),
        # Two-digit years take the century nearest the document date.
        ("The crash of '98 hurt.", [("'98", "1998")]),
        ("The class of '24 met.", [("'24", "2024")]),
        ("Music of the '80s.", [("the '80s", "198")]),
        # Before the Gregorian reform (1582): dates are given as written (TimeML's convention),
        # including the ten days that Catholic Europe skipped in October 1582.
        ("Land was sighted on 12 October 1492.", [("12 October 1492", "1492-10-12")]),
        ("on 10 October 1582", [("10 October 1582", "1582-10-10")]),
        ("the 10th century", [("the 10th century", "09")]),
    ],
)
def test_odd_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Logged 2019-13-45 here.", []),
        ("on 31/02/2020", []),
        ("on 2020/02/31", []),
        ("on 2020-00-10", []),
        ("on March 0, 2020", []),
        ("on 32 March 2020", []),
        ("Q5 2019", []),
        ("on 1 January 10000.", []),
        ("in the year 999", [("the year 999", "0999")]),
    ],
)
def test_impossible_dates_are_no_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_bc_bounds_use_astronomical_years() -> None:
    result = analyze_text("Caesar died on 15 March 44 BC; Augustus was born in 63 BC.", dct=DCT)
    first, second = result.mentions
    assert bounds_dict(first.resolution.bounds)["earliest_start"] == "-0043-03-15"
    assert bounds_dict(second.resolution.bounds) == {
        "earliest_start": "-0062-01-01",
        "latest_start": "-0062-12-31",
        "earliest_end": "-0062-01-01",
        "latest_end": "-0062-12-31",
    }


def test_an_undated_leap_day_keeps_its_year_open() -> None:
    # 2023 has no 29 February: the year stays unknown rather than a wrong day.
    assert values("On 29 February the council met.") == [("29 February", "XXXX-02-29")]


def test_two_digit_years_without_a_document_date_keep_the_century_open() -> None:
    assert values("The crash of '98 hurt.", dct=None) == [("'98", "XX98")]


# --- safe outputs -----------------------------------------------------------------------------


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("interruption", [Boom, KeyboardInterrupt])
@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_an_interrupted_write_leaves_the_previous_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interruption: type[BaseException],
    step: str,
) -> None:
    import io
    import os

    target = tmp_path / "timeline.json"
    target.write_text('{"previous": true}\n', encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise interruption()

    if step == "write":  # half of the data is written, then the run stops
        real_write = io.BufferedWriter.write

        class Half(io.BufferedWriter):
            def write(self, data: object) -> int:  # type: ignore[override]
                real_write(self, bytes(data)[: len(bytes(data)) // 2])  # type: ignore[arg-type]
                raise interruption()

        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: Half(real_fdopen(fd, mode, buffering=0)))
    else:
        monkeypatch.setattr(os, step, interrupt)
    with pytest.raises(interruption):
        write_text_atomic(target, json.dumps({"new": "x" * 100_000}))
    assert target.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]  # no temp file left


def _timeline(*documents: Document, errors_: tuple[str, ...] = ()) -> Timeline:
    return build_timeline([analyze(d) for d in documents], errors_)


def test_json_is_valid_utf8_with_lone_surrogates_and_control_characters(tmp_path: Path) -> None:
    # Built by hand: chrono.text.documents replaces lone surrogates, but the writer must cope alone.
    text = "In 2004 \x00\x01\x1b[31m the council \x7f\x9f met; in 2009 it moved.\u2028"
    document = Document(id="x\udc80", path="caf\udce9.txt", text=text, title="T\ud800")
    timeline = _timeline(document, errors_=("caf\udce9.txt: not text (binary data)",))
    target = tmp_path / "t.json"
    write_json(timeline, target)
    raw = target.read_bytes()
    data = json.loads(raw.decode("utf-8"))  # strict UTF-8: raises on anything else
    (doc,) = data["documents"]
    assert (doc["id"], doc["title"]) == ("x\udc80", "T\ud800")  # escaped, so not lost
    assert data["errors"] == ["caf\udce9.txt: not text (binary data)"]
    for mention in data["mentions"]:
        assert text[mention["char_start"] : mention["char_end"]] == mention["text"]
    assert [m["text"] for m in data["mentions"]] == ["2004", "2009"]


INJECTION = (
    "<script>alert(1)</script>\n\nThe council <script>alert(1)</script> met in 2004. "
    'Then it moved "><img src=x onerror=alert(1)> in 2009.'
)


def test_html_renders_hostile_text_as_text() -> None:
    document = document_from_text(INJECTION, doc_id='"><img src=x onerror=alert(2)>')
    page = render_html(_timeline(document))
    harmless = render_html(_timeline(document_from_text("It met in 2004 and 2009.")))
    for raw in ("<script>alert(", "<img src=x", "<img", "</script> met"):
        assert raw not in page
    # The text is there, escaped, and the page has no script element the document added.
    assert "&lt;script&gt;alert(1)&lt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == harmless.count("<script")


def test_html_of_text_built_with_lone_surrogates_is_utf8() -> None:
    document = Document(id="d\udcff", path="-", text="In 2004 \ud800 it rained.", title="t\udcff")
    page = render_html(_timeline(document))
    page.encode("utf-8")  # must not raise
    assert "d\\udcff" in page  # escaped in the figure's JSON, as JSON and JavaScript allow


# --- the bad-input contract, end to end -------------------------------------------------------

GOOD_ARTICLE = (
    "Published: 2023-07-15\n\nCouncil approves budget\n\n"
    "The council approved the budget on Saturday. It first met in 2004, "
    "and five years later it moved to the new hall.\n"
)
LATIN1_TEXT = "Le président a déclaré le 14 juillet 2003 à Genève que la réforme était finie.\n"


def test_a_messy_folder_through_the_cli(tmp_path: Path) -> None:
    """The issue's "done means": good, empty, binary, Latin-1 and a 3 MB one-line dump in a
    folder, plus a missing path -> exit 1, one named line per bad input, the readable
    documents in the JSON, no traceback."""
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "article.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(random.Random(1).randbytes(64_000))
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    dump = digits_and_dates(3_000_000)
    (folder / "dump.txt").write_text(dump, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out" / "timeline.json"

    result = runner.invoke(app, ["timeline", str(folder), str(missing), "--json", str(out), "-q"])

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    bad = [f"{folder / 'noise.txt'}: {errors.NOT_TEXT}", f"{missing}: {errors.NO_SUCH_FILE}"]
    warning = f"{folder / 'latin1.txt'}: {errors.decoded_as('windows-1252')}"
    # The dump's lines are not prose: the parser skips them, with one line.
    unparsed = [w for w in result.stderr.splitlines() if w.startswith(f"{folder / 'dump.txt'}:")]
    assert len(unparsed) == 1 and "not parsed" in unparsed[0]
    expected = [*bad, warning, *unparsed, f"wrote {out}"]
    assert sorted(result.stderr.splitlines()) == sorted(expected)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["errors"] == bad
    documents = {d["id"]: d for d in data["documents"]}
    assert sorted(documents) == ["article", "dump", "empty", "latin1"]
    assert documents["empty"]["char_count"] == 0
    assert documents["dump"]["char_count"] == len(dump)
    texts = {
        "article": GOOD_ARTICLE,
        "latin1": LATIN1_TEXT,
        "dump": dump,
    }
    found: dict[str, list[str]] = {}
    for mention in data["mentions"]:
        text = texts[mention["doc_id"]]
        assert text[mention["char_start"] : mention["char_end"]] == mention["text"]
        found.setdefault(mention["doc_id"], []).append(mention["timex3"]["value"])
    assert {"2023-07-15", "2004", "2009"} <= set(found["article"])
    assert "2003-07-14" in found["latin1"] or "2003" in found["latin1"]
    assert "1989-10-14" in found["dump"] and "2019-Q3" in found["dump"]


def test_only_bad_inputs_still_write_an_empty_timeline(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["timeline", str(tmp_path / "noise.txt"), "--json", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["documents"] == []


def _has_option(command: str, option: str) -> bool:
    return option in runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout


def test_max_bytes_option(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("In 2004. " * 100, encoding="utf-8")
    (tmp_path / "small.txt").write_text("In 2009.", encoding="utf-8")
    result = runner.invoke(app, ["timeline", str(tmp_path), "--max-bytes", "100", "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{tmp_path / 'big.txt'}: {errors.too_large(900, 100)}"]
    piped = runner.invoke(app, ["timeline", "-", "--max-bytes", "10", "-q"], input="x" * 50)
    assert piped.exit_code == 1
    assert piped.stderr.splitlines() == [f"-: {errors.too_large_stream(10)}"]
    assert runner.invoke(app, ["timeline", str(tmp_path), "--max-bytes", "0"]).exit_code == 2
    assert cli.DEFAULT_MAX_BYTES == documents.DEFAULT_MAX_BYTES  # the help tells the truth


def _fail_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in chrono, met only by documents that contain `marker`."""
    import chrono.times.tagger

    real_tag = chrono.times.tagger.tag

    def fragile(text: str, *args: object, **kwargs: object) -> object:
        if marker in text:
            raise IndexError("list index out of range")
        return real_tag(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(chrono.times.tagger, "tag", fragile)


def test_a_bug_on_one_document_is_one_line_and_the_rest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("In 2004. BOOM", encoding="utf-8")
    (tmp_path / "b.txt").write_text("In 2009.", encoding="utf-8")
    _fail_on("BOOM", monkeypatch)
    out = tmp_path / "out" / "t.json"
    result = runner.invoke(app, ["timeline", str(tmp_path), "--json", str(out), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'a.txt'}: ")
    assert "IndexError" in lines[0]
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["b"]


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("In 2004. BOOM", encoding="utf-8")
    _fail_on("BOOM", monkeypatch)
    result = runner.invoke(app, ["timeline", str(tmp_path), "-q", "--debug"])
    assert result.exit_code != 0
    assert "Traceback" in result.output or isinstance(result.exception, IndexError)


@pytest.mark.parametrize("where", ["reading", "writing"])
def test_ctrl_c_is_one_line_and_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    import os

    import chrono.text.documents

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("In 2004.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("In 2009.", encoding="utf-8")
    out = tmp_path / "t.json"
    out.write_text('{"previous": true}\n', encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if where == "reading":  # Ctrl-C after the first document
        real_iter = chrono.text.documents.iter_documents

        def first_then_stop(*args: object, **kwargs: object) -> object:
            for item in real_iter(*args, **kwargs):  # type: ignore[arg-type]
                yield item
                raise KeyboardInterrupt

        monkeypatch.setattr(chrono.text.documents, "iter_documents", first_then_stop)
    else:  # Ctrl-C as the output replaces the old file: the atomic writer keeps the old one
        monkeypatch.setattr(os, "replace", interrupt)
    result = runner.invoke(app, ["timeline", str(tmp_path / "in"), "--json", str(out), "-q"])
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == "chrono: interrupted"
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "t.json"]  # no temp file left
