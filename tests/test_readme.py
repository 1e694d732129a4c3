"""The README's promises: its opening commands, its CLI examples and its Python example work."""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.DOTALL)


def test_readme_opens_with_the_two_newcomer_commands() -> None:
    _, first = BLOCKS[0]
    assert README.index("```") < README.index("\n## ")  # before any section
    demo, tests = [line for line in first.splitlines() if line.strip()]
    assert demo.startswith("pip install ") and demo.endswith("&& chrono")
    assert tests.startswith("pip install ") and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci  # .ci/run takes the test command from here, so they cannot drift


def cli_examples() -> list[str]:
    commands = []
    for language, block in BLOCKS[1:]:
        for line in block.splitlines():
            line = re.split(r"\s#\s", line)[0].strip()
            line = re.split(r"\s>\s", line)[0].strip()  # a redirect: the runner takes stdout
            if language == "bash" and line.startswith("chrono"):
                commands.append(line)
    return commands


@pytest.mark.parametrize("command", cli_examples())
def test_cli_example(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "tests" / "fixtures" / "eval", tmp_path / "tests" / "fixtures" / "eval")
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output


def test_python_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    code = next(block for language, block in BLOCKS if language == "python")
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert (tmp_path / "t.html").exists()
    pairs = [(m.text, m.resolution.timex3.value) for m in namespace["result"].mentions]  # type: ignore[attr-defined]
    assert pairs == [("1975", "1975"), ("Two years later", "1977")]


def test_the_demo_table_is_what_the_demo_prints() -> None:
    # benchmarks/readme_demo.py writes it; run it when the demo's output changes.
    spec = importlib.util.spec_from_file_location(
        "readme_demo", ROOT / "benchmarks" / "readme_demo.py"
    )
    assert spec is not None and spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    assert demo.current(README) == demo.block(demo.demo_table())
