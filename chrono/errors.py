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

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return InputError, (self.path, self.reason)  # travels between processes whole


class SkippedInput(InputError):
    """An input left out on purpose (chrono's own output from an earlier run): a note, not
    an error; the run's exit status does not change."""

    def __reduce__(self) -> tuple[type[SkippedInput], tuple[str, str]]:
        return SkippedInput, (self.path, self.reason)


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
BROKEN_LINK = "broken symbolic link (its target does not exist)"
SYMLINK_LOOP = "symbolic link loop"
BAD_PATH = "not a valid path (it contains a NUL character)"
NO_FSSPEC = "reading URLs needs fsspec (pip install 'chrono[dask]')"
CHANGED_DURING_RUN = "changed or went away while the run read it"
OWN_OUTPUT = "skipped: chrono's own output from an earlier run, not a document"


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


def too_large_stream(limit: int) -> str:
    """A stream (stdin, a URL) is not read to its end just to say how large it is."""
    return f"too large (more than the limit of {limit:,} bytes, see --max-bytes)"


def jsonl_line(line: int, reason: str) -> str:
    """A reason about one line of a .jsonl file (too large, not text)."""
    return f"line {line}: {reason}"


# Warnings: the input was read, but not exactly as it was.
def decoded_as(label: str) -> str:
    return f"not UTF-8: read as {label} (detected)"


def not_parsed(count: int, limit: int) -> str:
    return (
        f"{count} sentence(s) over {limit} characters not parsed; "
        "their events are headed by the words of the time"
    )


def parser_failed(error: str) -> str:
    return f"the parser failed ({error}); events read from the words of each time"


def replaced_surrogates(count: int) -> str:
    return f"{count:,} invalid character(s) (lone surrogates) replaced by U+FFFD"


def ignored_metadata_date(evidence: str) -> str:
    return f"ignored the document date in {evidence}: not a date"


def unknown_dct_id(doc_id: str) -> str:
    return f"--dct {doc_id}=...: no document has the id {doc_id!r}"


def cannot_write(path: str, reason: str) -> str:
    return f"cannot write {path}: {reason}"


def internal_failure(kind: str) -> str:
    """A bug outside any one input (merging, writing): one line instead of a traceback."""
    return f"internal error ({kind}); run with --debug for the traceback"


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
STDOUT_TWICE = "--jsonl - and --format both write to stdout: choose one"
NO_DASK = "--scheduler needs Dask: pip install 'chrono[dask]'"
STDIN_ON_CLUSTER = "stdin (-) cannot be read by cluster workers: give files or URLs"


def no_scheduler(address: str, error: BaseException) -> str:
    return f"--scheduler {address}: no Dask scheduler reachable ({error})"


def resource_problem(file: str, detail: str) -> str:
    return f"language resource {file}: {detail}"


def analysis_failed(error: BaseException) -> str:
    """A document that was read but could not be analysed (a bug in chrono: please report)."""
    return f"could not be analysed ({type(error).__name__}: {error}); please report this"
