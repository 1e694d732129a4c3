"""The command line through typer's CliRunner: demo, timeline, tag, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

ARTICLE = (
    "Published: 2023-07-15\n\n"
    "Council approves budget\n\n"
    "The council approved the budget on Saturday. It first met in 2004, "
    "and five years later it moved to the new hall. Since 2009 it has met there monthly.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "council.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bio.md").write_text(
        "Anna Berg was born in 1950. In 1975 she moved to Oslo and two years later she married.\n",
        encoding="utf-8",
    )
    return folder


def test_help_lists_commands_with_examples() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "timeline" in result.stdout and "tag" in result.stdout
    timeline_help = runner.invoke(app, ["timeline", "--help"])
    assert "chrono timeline seeds/" in timeline_help.stdout


def test_timeline_writes_json_and_html(corpus: Path, tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "t.json", tmp_path / "t.html"
    result = runner.invoke(
        app, ["timeline", str(corpus), "--json", str(out_json), "--html", str(out_html)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["bio", "council"]
    council = next(d for d in data["documents"] if d["id"] == "council")
    assert council["dct"] == {
        "value": "2023-07-15",
        "source": "metadata",
        "evidence": council["dct"]["evidence"],
    }
    values = {m["text"]: m["timex3"]["value"] for m in data["mentions"]}
    assert values["Saturday"] == "2023-07-15"
    assert values["five years later"] == "2009"
    assert values["two years later"] == "1977"
    assert "<div" in out_html.read_text(encoding="utf-8")
    assert "Saturday" in result.stdout or "15 Jul 2023" in result.stdout


def test_out_dir_and_dct_override(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = runner.invoke(
        app,
        ["timeline", str(corpus / "bio.md"), "--out", str(out), "-q", "--dct", "bio=2000-01-01"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["dct"]["source"] == "cli"
    assert (out / "timeline.html").exists()
    assert result.stdout == ""  # --quiet: no table


def test_bad_inputs_are_named_and_the_rest_is_processed(corpus: Path, tmp_path: Path) -> None:
    (corpus / "noise.txt").write_bytes(bytes(range(256)) * 8)
    out_json = tmp_path / "t.json"
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(app, ["timeline", str(corpus), missing, "--json", str(out_json), "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
    assert len(lines) == 2
    assert any(line.endswith("noise.txt: not text (binary data)") for line in lines)
    assert f"{missing}: no such file" in lines
    assert "Traceback" not in result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert {d["id"] for d in data["documents"]} == {"bio", "council"}


def test_usage_errors_exit_2(corpus: Path) -> None:
    bad_dct = runner.invoke(app, ["timeline", str(corpus), "--dct", "not-a-date"])
    assert bad_dct.exit_code == 2
    assert "not-a-date" in bad_dct.stderr and "Traceback" not in bad_dct.output
    assert runner.invoke(app, ["timeline", str(corpus), "--doc-type", "poem"]).exit_code == 2
    assert runner.invoke(app, ["timeline"]).exit_code == 2


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["timeline", "-", "--dct", "2023-07-15", "--json", str(tmp_path / "s.json"), "-q"],
        input=ARTICLE,
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["id"] == "stdin"
    assert data["documents"][0]["dct"]["source"] == "cli"


def test_tag_lists_mentions(corpus: Path) -> None:
    result = runner.invoke(app, ["tag", str(corpus / "council.txt")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "five years later" in result.stdout and "2009" in result.stdout


def test_tag_timeml_keeps_the_text(corpus: Path) -> None:
    result = runner.invoke(app, ["tag", str(corpus / "council.txt"), "--timeml"])
    assert result.exit_code == 0, result.output
    timeml = result.stdout
    assert '<TIMEX3 tid="t0" type="DATE" value="2023-07-15"' in timeml
    body = re.search(r"<TEXT>(.*)</TEXT>", timeml, re.DOTALL)
    assert body is not None
    assert unescape(re.sub(r"</?TIMEX3[^>]*>", "", body.group(1))) == ARTICLE
    assert re.search(
        r'<TIMEX3 tid="t\d+" type="DATE" value="2009" [^>]*anchorTimeID="t\d+"', timeml
    )
    assert ">five years later</TIMEX3>" in timeml


def test_demo_runs_on_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "timeline.json").exists()
    assert (tmp_path / "reports" / "timeline.html").exists()
    assert "2009" in result.stdout


def test_an_output_that_cannot_be_written_is_one_line(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["timeline", str(corpus), "-q", "--json", str(blocker / "x.json")])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"chrono: error: cannot write {blocker / 'x.json'}")
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_output_folders_are_created(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "t.json"
    result = runner.invoke(app, ["timeline", str(corpus), "-q", "--json", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


def test_a_dct_for_an_unknown_document_is_a_warning(corpus: Path) -> None:
    result = runner.invoke(app, ["timeline", str(corpus), "-q", "--dct", "typo=2020-01-01"])
    assert result.exit_code == 0
    assert "no document has the id 'typo'" in result.stderr


def test_eval_scores_gold_and_writes_a_report(tmp_path: Path) -> None:
    gold = ROOT / "tests" / "fixtures" / "eval" / "corpus"
    report = tmp_path / "eval.md"
    result = runner.invoke(app, ["eval", str(gold), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "strict" in result.stdout.lower() and "value" in result.stdout.lower()
    markdown = report.read_text(encoding="utf-8")
    assert markdown.count("|") > 10 and "chrono eval" in markdown
    missing = runner.invoke(app, ["eval", str(gold), "--only-from", str(tmp_path / "nope")])
    assert missing.exit_code == 2


DCTS = ["--dct", "000_422e6b4d2070c1f1=2014-05-20", "--dct", "001_149d2ddc3de08061=2023-07-15"]


@pytest.fixture()
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "seeds"


def _timeline(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["timeline", *args], env={"COLUMNS": "160"})


def test_format_timelinejs_prints_only_the_json(seeds: Path) -> None:
    result = _timeline("seeds/", *DCTS, "--format", "timelinejs")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["events"] and all("start_date" in e for e in data["events"])
    assert "Timeline:" not in result.stdout


def test_format_csv_and_json(seeds: Path) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_timeline("seeds/", *DCTS, "--format", "csv").stdout)))
    assert rows and rows[0]["id"]
    assert json.loads(_timeline("seeds/", "--format", "json").stdout)["schema_version"] == 1


def test_lanes_subject_for_html_and_timelinejs(seeds: Path, tmp_path: Path) -> None:
    html = tmp_path / "t.html"
    done = _timeline("seeds/", *DCTS, "--lanes", "subject", "--html", str(html), "--quiet")
    assert done.exit_code == 0 and html.exists()
    out = _timeline("seeds/", *DCTS, "--lanes", "subject", "--format", "timelinejs").stdout
    assert len({e["group"] for e in json.loads(out)["events"]}) > 2


def test_unknown_format_or_lanes_is_a_usage_error(seeds: Path) -> None:
    assert _timeline("seeds/", "--format", "xml").exit_code == 2
    assert _timeline("seeds/", "--lanes", "author").exit_code == 2
