"""Every error chrono reports, in one place, so the wording stays consistent.

An `InputError` is about one input file and never stops the others from being
processed; its `str()` is the one line printed on stderr: `path: reason`.
"""

from __future__ import annotations


class ChronoError(Exception):
    """Base class of chrono's own errors."""


class InputError(ChronoError):
    """One input could not be read; the other inputs are still processed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(ChronoError):
    """The command line or API call itself is wrong (exit code 2)."""


class ResourceError(ChronoError):
    """A language resource file is malformed (a bug in chrono's data, not in the input)."""


# Reasons for InputError, as they appear after "path: ".
NO_SUCH_FILE = "no such file"
IS_EMPTY_DIR = "folder holds no readable documents (.txt .md .html .htm .tml .jsonl)"
NOT_TEXT = "not text (binary data)"
PERMISSION_DENIED = "permission denied"
NOT_A_FILE = "not a regular file"


def unsupported_type(suffix: str) -> str:
    if not suffix:
        return "no file type (name it .txt .md .html .htm .tml or .jsonl)"
    return f"unsupported file type '{suffix}' (use .txt .md .html .htm .tml .jsonl)"


def undecodable(encoding: str) -> str:
    return f"cannot decode as {encoding}"


def bad_timeml(detail: str) -> str:
    return f"not valid TimeML ({detail})"


def bad_jsonl(line: int, detail: str) -> str:
    return f"line {line}: not a JSON document object ({detail})"


def too_large(size: int, limit: int) -> str:
    return f"too large ({size:,} bytes; the limit is {limit:,}, see --max-bytes)"


def ignored_metadata_date(evidence: str) -> str:
    return f"ignored the document date in {evidence}: not a date"


def unknown_dct_id(doc_id: str) -> str:
    return f"--dct {doc_id}=...: no document has the id {doc_id!r}"


def cannot_write(path: str, reason: str) -> str:
    return f"cannot write {path}: {reason}"


# Usage errors.
def bad_dct(value: str) -> str:
    return f"--dct {value!r}: not a date (use YYYY-MM-DD, or DOC_ID=YYYY-MM-DD)"


def not_a_folder(option: str, value: str) -> str:
    return f"{option} {value}: not a folder"


def empty_dct_id(value: str) -> str:
    return f"--dct {value!r}: the document id before '=' is empty"


def unknown_doc_type(value: str) -> str:
    return f"--doc-type {value!r}: use news, narrative or auto"


NO_INPUTS = "no input files given"
NO_SEEDS = "no seeds/ folder here: run `chrono` from the repository root, or give paths"


def resource_problem(file: str, detail: str) -> str:
    return f"language resource {file}: {detail}"
