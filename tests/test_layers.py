"""The package's stages import one way: a lower stage never imports a higher one.

Order (DESIGN.md, README "How the code is laid out"): the foundation (`types`, `errors`,
`resources`) <- text <- times <- events <- timeline <- render <- run <- eval <- cli. `render`
reads finished results and sits below `run`, which writes them through it; `eval` runs the
pipeline to score it. Imports inside functions count too: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "chrono"

LAYERS = (
    ("types", "errors", "resources"),
    ("text",),
    ("times",),
    ("events",),
    ("timeline",),
    ("render",),
    ("run",),
    ("eval",),
    ("cli", "__init__", "__main__"),
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}
TOP_LEVEL = {"types", "errors", "cli", "__init__", "__main__"}


def _part(module: str) -> str:
    """`chrono.times.tagger` -> `times`; `chrono` itself is the package's face (`__init__`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every `chrono...` module a file imports, with the line of the import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("chrono")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if not module.startswith("chrono"):
                continue
            if module == "chrono":  # `from chrono import errors`: the names are modules
                found += [(node.lineno, f"chrono.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, module))
    return found


def violations(root: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        name = _module_name(path, root)
        mine = _part(name)
        for line, module in imported_modules(path, root):
            theirs = _part(module)
            if theirs in ("__version__",):
                continue
            if theirs not in RANK:
                problems.append(f"{path.name}:{line}: {module} is in no stage")
            elif RANK[theirs] > RANK[mine]:
                problems.append(f"{name}:{line} ({mine}) imports {module} ({theirs})")
    return problems


def test_every_module_lives_in_its_stage() -> None:
    loose = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in TOP_LEVEL)
    assert loose == []
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert set(folders) <= set(RANK), folders


def test_imports_run_one_way() -> None:
    assert violations() == []


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself: a text module importing the event layer is reported."""
    root = tmp_path / "chrono"
    (root / "text").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "text" / "__init__.py").write_text("")
    (root / "text" / "reader.py").write_text(
        "from chrono.times import values\n\ndef f():\n    from chrono.events import extract\n"
    )
    assert sorted(violations(root)) == [
        "chrono.text.reader:1 (text) imports chrono.times (times)",
        "chrono.text.reader:4 (text) imports chrono.events (events)",
    ]


@pytest.mark.parametrize("module", ["chrono.cli", "chrono"])
def test_the_faces_may_import_any_stage(module: str) -> None:
    assert RANK[_part(module)] == len(LAYERS) - 1
