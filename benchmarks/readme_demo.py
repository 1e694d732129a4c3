"""The README's demo table, generated from the demo (issue 16: never a stale excerpt).

    python benchmarks/readme_demo.py          (rewrites the block between the README's markers)

Runs chrono on seeds/ as the demo does and renders its whole table at a fixed width, so the
README shows what a newcomer's first command prints. `tests/test_readme.py` fails when the
README's block differs from it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from rich.console import Console

from chrono.render.table import render_table
from chrono.run.pipeline import reconstruct

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- demo table: python benchmarks/readme_demo.py -->"
END = "<!-- end of the demo table -->"
WIDTH = 118  # columns: every column of the table, and GitHub's code block without wrapping


def demo_table() -> str:
    """The demo's table as text, as the terminal shows it at `WIDTH` columns."""
    console = Console(width=WIDTH, record=True, file=io.StringIO(), color_system=None)
    render_table(reconstruct(str(ROOT / "seeds")), console)
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    return "\n".join(lines).strip("\n")


def block(table: str) -> str:
    return f"{BEGIN}\n```\n{table}\n```\n{END}"


def current(readme: str) -> str:
    """The README's generated block ('' if it has none)."""
    start, end = readme.find(BEGIN), readme.find(END)
    return readme[start : end + len(END)] if 0 <= start < end else ""


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    old = current(readme)
    if not old:
        print(f"readme_demo: no {BEGIN} ... {END} block in {README}", file=sys.stderr)
        return 2
    README.write_text(readme.replace(old, block(demo_table())), encoding="utf-8")
    print(f"wrote the demo table into {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
