"""The one way chrono reads its language resources (`chrono/resources/<code>/...`).

- `load_toml(code, relative)`: one TOML file, parsed once per process; a missing
  or malformed file raises `ResourceError` with the file named, never a bare
  `OSError` or `TOMLDecodeError`;
- `toml_files(code, folder)`: the TOML files of a resource folder, sorted (for
  folders with one concept per file, such as `lexicon/` and `rules/`);
- `has_resource(code, relative)`: whether an optional file is there;
- `fold(text)`: the form words are compared in (lower case, one space, straight
  apostrophes), and `squash(text)` the same without the change of case;
- `name_like(word)`: whether a word is written as a name ("Apple", "iPhone").

Each call of `load_toml` returns its own copy of the parsed data, so a caller
that edits what it got cannot change what the next caller reads.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from chrono.errors import ResourceError, resource_problem

_PACKAGE = "chrono"
_ROOT = "resources"
_SUFFIX = ".toml"
_CURLY_APOSTROPHE = "\u2019"


def squash(text: str) -> str:
    """Runs of whitespace as one space, no space at either end, straight apostrophes."""
    return " ".join(text.replace(_CURLY_APOSTROPHE, "'").split())


_FOLDED: dict[str, str] = {}  # word -> folded: the tokenizer folds every word it reads
_FOLD_CACHE_WORDS = 200_000  # a vocabulary; beyond it words are folded each time
_FOLD_CACHE_LENGTH = 40  # longer texts are phrases, rarely seen twice


def name_like(word: str) -> bool:
    """A word written as (part of) a name: a capital anywhere ("Apple", "iPhone", "eBay"),
    beside a small letter or a digit after it ("iPhone 4" is a name, "4" alone is not)."""
    return any(c.isupper() for c in word)


def fold(text: str) -> str:
    """The form lexicon keys and words are compared in: `squash` and lower case."""
    folded = _FOLDED.get(text)
    if folded is None:
        folded = squash(text).lower()
        if len(text) <= _FOLD_CACHE_LENGTH and len(_FOLDED) < _FOLD_CACHE_WORDS:
            _FOLDED[text] = folded
    return folded


def _path(code: str, relative: str) -> Traversable:
    path = resources.files(_PACKAGE).joinpath(_ROOT, code)
    for part in relative.split("/"):
        if part:
            path = path.joinpath(part)
    return path


def _name(code: str, relative: str) -> str:
    """How error messages name a file: `en/events/verbs.toml`."""
    return f"{code}/{relative}"


@cache
def _parsed(code: str, relative: str) -> dict[str, Any]:
    path = _path(code, relative)
    if not path.is_file():
        raise ResourceError(resource_problem(_name(code, relative), "no such file"))
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError) as error:
        raise ResourceError(resource_problem(_name(code, relative), str(error))) from error
    except tomllib.TOMLDecodeError as error:
        problem = f"not valid TOML ({error})"
        raise ResourceError(resource_problem(_name(code, relative), problem)) from error


def load_toml(code: str, relative: str) -> dict[str, Any]:
    """The data of `resources/<code>/<relative>` (a TOML file), read and parsed once."""
    return copy.deepcopy(_parsed(code, relative))


def has_resource(code: str, relative: str) -> bool:
    """Whether `resources/<code>/<relative>` is a file (for optional resources)."""
    return _path(code, relative).is_file()


def toml_files(code: str, folder: str) -> tuple[str, ...]:
    """Relative paths (`folder/name.toml`) of the TOML files in a resource folder, sorted."""
    path = _path(code, folder)
    if not path.is_dir():
        raise ResourceError(resource_problem(_name(code, folder), "no such folder"))
    prefix = folder.strip("/")
    return tuple(
        f"{prefix}/{entry.name}"
        for entry in sorted(path.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(_SUFFIX) and entry.is_file()
    )
