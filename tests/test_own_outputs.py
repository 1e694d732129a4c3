"""A folder that holds chrono's outputs from an earlier run: they are skipped with a note,
never read as documents (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from chrono.cli import app

runner = CliRunner()

STORY = "The Harbour Street bridge opened in 1998. It was closed for repairs in 2019.\n"


def _documents(folder: Path, out: Path) -> list[str]:
    result = runner.invoke(app, ["timeline", str(folder), "-q", "--json", str(out)])
    assert result.exit_code == 0, result.output
    return [d["id"] for d in json.loads(out.read_text())["documents"]]


def test_a_rerun_skips_its_own_html_and_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "bridge.txt").write_text(STORY, encoding="utf-8")
    html, jsonl = folder / "timeline.html", folder / "mentions.jsonl"
    first = runner.invoke(
        app, ["timeline", str(folder), "-q", "--html", str(html), "--jsonl", str(jsonl)]
    )
    assert first.exit_code == 0, first.output
    assert html.exists() and jsonl.read_text().strip()

    again = runner.invoke(app, ["timeline", str(folder), "-q", "--json", str(tmp_path / "t.json")])
    assert again.exit_code == 0
    notes = [line for line in again.stderr.splitlines() if "own output" in line]
    assert sorted(notes) == [
        f"{jsonl}: skipped: chrono's own output from an earlier run, not a document",
        f"{html}: skipped: chrono's own output from an earlier run, not a document",
    ]
    assert _documents(folder, tmp_path / "u.json") == ["bridge"]


def test_documents_that_only_look_like_outputs_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    # An HTML page about chrono, and a .jsonl of documents: no generator mark, no mentions.
    (folder / "timeline.html").write_text(
        "<html><head><title>chrono</title></head><body><p>" + STORY + "</p></body></html>",
        encoding="utf-8",
    )
    line = {"id": "letter", "text": "Since it opened in 1999 the bridge has carried trams."}
    (folder / "letters.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert sorted(_documents(folder, tmp_path / "t.json")) == ["letter", "timeline"]
