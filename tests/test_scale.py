"""Corpus scale (chrono.run.parallel, chrono.run.shelf, chrono.run.assemble, the streaming export
and `--jobs` / `--jsonl`): the same chronology whatever the number of processes and wherever
the documents wait, with memory that does not hold the documents."""

from __future__ import annotations

import gc
import io
import json
from pathlib import Path

import pytest
from corpus_fixtures import write_corpus
from typer.testing import CliRunner

from chrono.cli import app
from chrono.render.json_export import iter_json, timeline_to_json
from chrono.run import parallel, progress
from chrono.run.analysis import digest
from chrono.run.assemble import _locate
from chrono.run.pipeline import analyze_text, reconstruct, run
from chrono.run.shelf import DiskShelf
from chrono.types import DctSource, Event

CREATED = "2026-01-01T00:00:00Z"
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes from the first document (a small run would not start them)."""
    monkeypatch.setattr(parallel, "SOLO_SECONDS", -1.0)


def streamed(folder: Path, jobs: int) -> str:
    assembled = run(folder, jobs=jobs)
    try:
        return "".join(iter_json(assembled.parts(), created=CREATED))
    finally:
        assembled.close()


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_export_equals_the_timelines(corpus: Path, workers: None, jobs: int) -> None:
    expected = reconstruct(corpus)
    # The corpus reaches every stage across documents, so the equality means something.
    assert any(len(e.sources) == 3 for e in expected.events)
    assert {c.kind for c in expected.contradictions} == {"date", "order"}
    dated = {r.document.id: r.document.dct for r in expected.documents}
    assert dated["d"] is not None and dated["d"].source is DctSource.INFERRED
    assert len(expected.errors) == 1 and "g.txt" in expected.errors[0]
    assert streamed(corpus, jobs) == timeline_to_json(expected, created=CREATED)


def test_jobs_do_not_change_the_cli_output(corpus: Path, tmp_path: Path, workers: None) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        result = runner.invoke(app, ["timeline", str(corpus), "-q", "--json", str(out), "-j", jobs])
        assert result.exit_code == 1  # g.txt is not text
        assert result.stderr.count("g.txt: ") == 1
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("created")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert [d["id"] for d in outputs[0]["documents"]] == ["a", "b", "c", "d", "e", "f"]


def test_jsonl_streams_every_mention_once(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["timeline", str(corpus), "--jsonl", "-", "--json", str(out)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines  # and no table on stdout: every line is a mention
    exported = json.loads(out.read_text(encoding="utf-8"))["mentions"]
    # Document d is dated by the others after its lines were streamed: its lines keep the
    # values of its own reading, the export has the refined ones.
    assert [m["id"] for m in lines] == [m["id"] for m in exported]
    same = [m for m in exported if m["doc_id"] != "d"]
    assert [m for m in lines if m["doc_id"] != "d"] == same


def test_jsonl_to_a_file_and_format_conflict(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.jsonl"
    result = runner.invoke(app, ["timeline", str(corpus), "-q", "--jsonl", str(target)])
    assert f"wrote {target}" in result.stderr
    assert all(json.loads(line)["id"] for line in target.read_text().splitlines())
    clash = runner.invoke(app, ["timeline", str(corpus), "--jsonl", "-", "--format", "csv"])
    assert clash.exit_code == 2 and "choose one" in clash.stderr


def test_a_failed_analysis_costs_one_document(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, workers: None
) -> None:
    real = parallel.analyze_batch

    def fragile(batch, forced=None, events=True):  # type: ignore[no-untyped-def]
        found = real(batch, forced, events=events)
        return [
            IndexError("a bug") if "Lyon" in d.text else r
            for d, r in zip(batch, found, strict=True)
        ]

    monkeypatch.setattr(parallel, "analyze_batch", fragile)  # forked workers inherit it
    found = reconstruct(corpus, jobs=2)
    assert [r.document.id for r in found.documents] == ["a", "c", "d", "e", "f"]
    (failed,) = [e for e in found.errors if "b.txt" in e]
    assert "could not be analysed (IndexError: a bug)" in failed


def test_the_disk_shelf_gives_back_what_it_kept(tmp_path: Path) -> None:
    result = analyze_text(
        "Anna Kessler founded it in 1998. Two years later she left. Zoë came \udcff.",
        dct="2020-01-01",
    )
    found = digest(result, keep=True)
    shelf = DiskShelf(str(tmp_path))
    shelf.keep(0, digest(analyze_text("Nothing here.", dct="2020-01-01")).packed().bulk)
    shelf.keep(1, found.bulk)
    assert shelf.events(1) == result.events and shelf.event(1, 1) == result.events[1]
    assert shelf.mentions_json(1) == found.mentions_json == found.packed().mentions_json
    assert shelf.own(1) == found.bulk.own  # type: ignore[union-attr]
    assert shelf.result(1) == result
    assert shelf.result(0) is None and shelf.events(0) == ()
    shelf.keep(0, found.packed().bulk)  # replaced (a document dated again)
    assert shelf.events(0) == result.events
    shelf.close()
    assert list(tmp_path.iterdir()) == []  # an anonymous file: nothing left behind


def test_a_streaming_run_holds_no_events_in_memory(corpus: Path) -> None:
    assembled = run(corpus)
    try:
        gc.collect()
        held = [o for o in gc.get_objects() if isinstance(o, Event)]
        merged = [g.event for g in assembled.solved.groups]
        assert merged and len(held) == len(merged)  # only the merged events
        reports = sum(len(g.members) for g in merged_groups(assembled))
        events = sum(len(d) for d in assembled.run.docs)
        assert sum(1 for _ in assembled.events()) == events - reports + len(merged)
    finally:
        assembled.close()


def merged_groups(assembled):  # type: ignore[no-untyped-def]
    return assembled.solved.groups


def test_locate_skips_documents_without_events() -> None:
    base = [0, 2, 2, 2, 5]  # documents 1 and 2 have no events
    assert [_locate(base, g) for g in range(6)] == [
        (0, 0),
        (0, 1),
        (3, 0),
        (3, 1),
        (3, 2),
        (4, 0),
    ]


def test_progress_line_only_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    monkeypatch.setattr(progress, "_REDRAW", 0.0)
    shown = io.StringIO()
    with progress.Progress(shown, enabled=True) as bar:
        bar.advance(1_500_000)
        bar.print("x.txt: no such file")
        bar.advance(500_000)
    lines = shown.getvalue().splitlines()
    assert "x.txt: no such file" in lines
    assert lines[-1].startswith("read 2 documents (2.0 MB) in ")
    quiet = io.StringIO()
    with progress.Progress(quiet) as bar:  # a StringIO is not a terminal
        bar.advance(10)
        bar.print("y.txt: empty")
    assert quiet.getvalue() == "y.txt: empty\n"
