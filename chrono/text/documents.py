"""Files, folders and stdin -> `Document`s: decoded text, id, title and document date (DCT).

Every bad input becomes one `InputError` in the stream and the others go on.
The decoded text is kept exactly as it is (no newline normalisation), so
offsets index it; a metadata header stays in the text and `body_start` says
where the body begins. DCT precedence (DESIGN.md section 4): `--dct` (per
document beats all) > metadata in the file > none (inference happens later).
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import re
import stat
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html.entities import name2codepoint
from pathlib import PurePath
from types import MappingProxyType
from typing import IO, Any, TextIO

from chrono import errors
from chrono.errors import InputError, SkippedInput, UsageError
from chrono.text.dates import parse_written_date, stated_iso
from chrono.text.decoding import Decoded, declared_charset, decode
from chrono.text.html_text import html_metadata, main_text
from chrono.types import CalendarValue, Dct, DctSource, DocType, Document

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".tml", ".jsonl")
_TEXT = ".txt"
_MARKDOWN = ".md"
_HTML = (".html", ".htm")
_TIMEML = ".tml"
_JSONL = ".jsonl"

STDIN_ARG = "-"
STDIN_ID = "stdin"
DEFAULT_MAX_BYTES = 50_000_000

# File-format keys (not language knowledge): a first line `Published: ...` or
# `Date: ...`, and YAML front matter keys.
HEADER_KEYS: tuple[str, ...] = ("published", "date")
FRONT_MATTER_DATE_KEYS: tuple[str, ...] = ("date", "published", "pubdate")
FRONT_MATTER_TITLE_KEY = "title"
FRONT_MATTER_OPEN = "---"
FRONT_MATTER_CLOSE: tuple[str, ...] = ("---", "...")

MAX_TITLE_CHARS = 200

# A stated date is short: longer text is prose, and reading it as a date costs dateparser
# time in proportion to its length.
MAX_DATE_CHARS = 100
_QUOTED_CHARS = 60  # of a value quoted in a message

# Only the key is a pattern: the value is the rest of the line, cut without a regex (a
# lazy `.*?` before trailing blanks backtracks quadratically on a long line of spaces).
_HEADER_KEY = re.compile(rf"(?P<key>{'|'.join(HEADER_KEYS)})[ \t]*:", re.IGNORECASE)
_FRONT_MATTER_ENTRY = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?")
# chrono's own outputs, which a folder may hold from an earlier run: the HTML timeline says
# so in its head (`chrono.render.html` writes this mark), a `--jsonl` line is a mention.
GENERATOR_MARK = '<meta name="generator" content="chrono'
_MENTION_KEYS = frozenset({"doc_id", "char_start", "char_end", "timex3"})
_EOL = re.compile(r"\r\n|\r|\n")
_MD_OPENING = re.compile(r"#{1,6}[ \t]+")
_XML_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_LEADING = re.compile(r"[\ufeff\s]*")  # a BOM left in API text, blank lines
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- --dct options ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DctOverrides:
    """`--dct` values: one for every document and/or one per document id."""

    all: CalendarValue | None = None
    per_doc: Mapping[str, CalendarValue] = field(default_factory=dict)
    # The option as typed, for the evidence ("" is the key of `all`); optional.
    given: Mapping[str, str] = field(default_factory=dict)

    def for_doc(self, doc_id: str) -> Dct | None:
        if doc_id in self.per_doc:
            value, key = self.per_doc[doc_id], doc_id
        elif self.all is not None:
            value, key = self.all, ""
        else:
            return None
        typed = self.given.get(key) or (f"{key}={stated_iso(value)}" if key else stated_iso(value))
        return Dct(value, DctSource.CLI, evidence=f"--dct {typed}")


def parse_dct_options(values: Sequence[str]) -> DctOverrides:
    """`["2023-07-15", "a=2020-01-01"]` -> overrides; a later value for the same target wins."""
    every: CalendarValue | None = None
    per_doc: dict[str, CalendarValue] = {}
    given: dict[str, str] = {}
    for raw in values:
        doc_id, sep, date_text = raw.strip().rpartition("=")  # dates never hold "="
        doc_id = doc_id.strip()
        if sep and not doc_id:
            raise UsageError(errors.empty_dct_id(raw))
        value = read_date(date_text)
        if value is None:
            raise UsageError(errors.bad_dct(raw))
        if sep:
            per_doc[doc_id] = value
        else:
            every = value
        given[doc_id if sep else ""] = raw.strip()
    return DctOverrides(every, MappingProxyType(per_doc), MappingProxyType(given))


def read_date(text: str) -> CalendarValue | None:
    """A stated date (metadata, --dct), or None; text longer than a date is none."""
    return parse_written_date(text) if text.strip() and len(text) <= MAX_DATE_CHARS else None


def _quoted(value: str) -> str:
    """`repr` of a value for a message, cut: a .jsonl field can be megabytes long."""
    if len(value) <= _QUOTED_CHARS:
        return repr(value)
    return repr(value[: _QUOTED_CHARS - 1] + "…")


# --- public entry points ---------------------------------------------------------------------


def iter_documents(
    paths: Sequence[str],
    *,
    dct: DctOverrides | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Each argument in order; folders recursively in sorted order; one file read at a time."""
    ids = IdRegistry()
    for arg in paths:
        for item in _documents_of(arg, stdin, max_bytes):
            yield item if isinstance(item, InputError) else named(item, ids.claim(item.id), dct)


def named(document: Document, doc_id: str, dct: DctOverrides | None) -> Document:
    """The document under its run-wide id, with the date `--dct` gives that id (if any)."""
    override = dct.for_doc(doc_id) if dct is not None else None
    return replace(document, id=doc_id, dct=override or document.dct)


def document_from_text(
    text: str,
    doc_id: str = STDIN_ID,
    *,
    path: str = STDIN_ARG,
    dct: CalendarValue | None = None,
    suffix: str = _TEXT,
) -> Document:
    """One document from a string, read as a file with `suffix` would be.

    Raises UsageError for a suffix that is not one document (.jsonl) or unknown,
    InputError for malformed TimeML.
    """
    suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if suffix not in SUPPORTED_SUFFIXES or suffix == _JSONL:
        raise UsageError(errors.unsupported_type(suffix))
    document = _single_document(text, doc_id, path, suffix)
    if dct is not None:  # the API's counterpart of --dct
        document = replace(document, dct=Dct(dct, DctSource.CLI, evidence=f"dct={stated_iso(dct)}"))
    return document


# --- paths -----------------------------------------------------------------------------------


class IdRegistry:
    """Document ids stay unique: a repeated id becomes `id-2`, `id-3`... in input order."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        candidate = wanted
        while candidate in self._taken:
            number = self._next.get(wanted, 2)
            self._next[wanted] = number + 1
            candidate = f"{wanted}-{number}"
        self._taken.add(candidate)
        return candidate


def _documents_of(
    arg: str, stdin: TextIO | None, max_bytes: int
) -> Iterator[Document | InputError]:
    for entry in plan([arg]):
        if isinstance(entry, InputError):
            yield entry
        elif entry == STDIN_ARG:
            yield _stdin_document(stdin if stdin is not None else sys.stdin, max_bytes)
        else:
            yield from read_path(entry, max_bytes)


# --- files, wherever they are ----------------------------------------------------------------


def plan(paths: Sequence[str]) -> Iterator[str | InputError]:
    """The files the arguments name, in the order `iter_documents` reads them (folders
    walked depth first in name order), and why the others cannot be read; nothing is read.
    `-` (stdin) passes through. For runs whose workers read the files themselves
    (`read_path`): local paths, or URLs that fsspec opens (s3://, gs://, file://...)."""
    for arg in paths:
        if arg == STDIN_ARG:
            yield arg
        elif is_url(arg):
            yield from _url_plan(arg)
        else:
            yield from _local_plan(arg)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """The documents of one file (a .jsonl file holds many), with their own ids."""
    if is_url(path):
        return _url_documents(path, max_bytes)
    return _file_documents(path, max_bytes)


def is_url(path: str) -> bool:
    return "://" in path


def _local_plan(arg: str) -> Iterator[str | InputError]:
    try:
        info = os.stat(arg)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        yield InputError(arg, _path_reason(arg, error))
        return
    if stat.S_ISDIR(info.st_mode):
        found = False
        for entry in _walk(arg):
            found = True
            yield entry
        if not found:
            yield InputError(arg, errors.IS_EMPTY_DIR)
    elif not stat.S_ISREG(info.st_mode):  # a FIFO or a device is never opened: no hang
        yield InputError(arg, errors.NOT_A_FILE)
    elif _suffix(arg) not in SUPPORTED_SUFFIXES:
        yield InputError(arg, errors.unsupported_type(_suffix(arg)))
    else:
        yield arg


def _url_plan(url: str) -> Iterator[str | InputError]:
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(url)
        if fs.isdir(path):
            # Name order level by level, as `_walk` lists a local folder.
            found = sorted(
                (p for p in fs.find(path) if _suffix(p) in SUPPORTED_SUFFIXES),
                key=lambda p: p.split("/"),
            )
            if not found:
                yield InputError(url, errors.IS_EMPTY_DIR)
            yield from (fs.unstrip_protocol(p) for p in found)
        elif not fs.exists(path):
            yield InputError(url, errors.NO_SUCH_FILE)
        elif _suffix(url) not in SUPPORTED_SUFFIXES:
            yield InputError(url, errors.unsupported_type(_suffix(url)))
        else:
            yield url
    except ImportError:
        yield InputError(url, errors.NO_FSSPEC)
    except (OSError, ValueError) as error:  # an unknown protocol, a refused connection
        yield InputError(url, _url_reason(error))


def _url_documents(url: str, max_bytes: int) -> Iterator[Document | InputError]:
    try:
        import fsspec

        with fsspec.open(url, "rb") as handle:
            if _suffix(url) == _JSONL:
                lines = _byte_lines(handle, url, max_bytes)
                yield from _jsonl_documents(lines, url, _id_of(url))
                return
            data = handle.read(max_bytes + 1)
    except ImportError:
        yield InputError(url, errors.NO_FSSPEC)
        return
    except (OSError, ValueError) as error:
        yield InputError(url, _url_reason(error))
        return
    if len(data) > max_bytes:  # read no further just to say how large it is
        yield InputError(url, errors.too_large_stream(max_bytes))
        return
    yield from _decoded_document(data, url, _suffix(url))


def _url_reason(error: OSError | ValueError) -> str:
    if isinstance(error, OSError):
        return _os_reason(error)
    return str(error).lower() or type(error).__name__


def _walk(folder: str) -> Iterator[str | InputError]:
    """Supported files under `folder`, depth first in name order; a folder reached twice
    (a symlink loop) is listed once. Iterative, so no folder depth can exhaust the stack."""
    visited: set[tuple[int, int]] = set()
    stack: list[Iterator[tuple[str, os.DirEntry[str]]]] = []
    listing = _listing(folder, visited)
    if isinstance(listing, InputError):
        yield listing
        return
    stack.append(iter(listing))
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        path, entry = item
        try:
            if entry.is_dir():  # follows symlinks, like the rest of the walk
                listing = _listing(path, visited)
                if isinstance(listing, InputError):
                    yield listing
                else:
                    stack.append(iter(listing))
            elif _suffix(entry.name) not in SUPPORTED_SUFFIXES:
                continue
            elif entry.is_file():
                yield path
            else:  # a FIFO, a device, a broken link or a loop with a document's name
                yield InputError(path, _special_reason(path))
        except OSError as error:
            yield InputError(path, _os_reason(error))


def _listing(
    folder: str, visited: set[tuple[int, int]]
) -> list[tuple[str, os.DirEntry[str]]] | InputError:
    """(path, entry) of a folder's visible entries in name order; [] if already walked."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in visited:
            return []  # reached again through a symlink: a loop or a duplicate
        visited.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return InputError(folder, _os_reason(error))
    return [(os.path.join(folder, e.name), e) for e in entries if not e.name.startswith(".")]


def _special_reason(path: str) -> str:
    try:
        os.stat(path)
    except (OSError, ValueError) as error:
        return _path_reason(path, error)
    return errors.NOT_A_FILE


def _file_documents(path: str, max_bytes: int) -> Iterator[Document | InputError]:
    suffix = _suffix(path)
    if suffix == _JSONL:  # one document per line: streamed, each line within the limit
        yield from _jsonl_file(path, max_bytes)
        return
    try:
        with _open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:  # known before reading a byte
                yield InputError(path, errors.too_large(size, max_bytes))
                return
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:  # it grew since it was measured
                size = max(len(data), os.fstat(handle.fileno()).st_size)
                yield InputError(path, errors.too_large(size, max_bytes))
                return
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(path, _os_reason(error))
        return
    yield from _decoded_document(data, path, suffix)


def _decoded_document(data: bytes, path: str, suffix: str) -> Iterator[Document | InputError]:
    if suffix in _HTML and GENERATOR_MARK.encode() in data[:_SNIFF]:
        yield SkippedInput(path, errors.OWN_OUTPUT)
        return
    declared = declared_charset(data) if suffix in (*_HTML, _TIMEML) else None
    try:
        decoded = decode(data, path, declared)
    except InputError as error:
        yield error
        return
    try:
        document = _single_document(decoded.text, _id_of(path), path, suffix)
    except InputError as error:
        yield error
        return
    yield _with_warnings(document, _decoding_warnings(path, decoded))


def _open_regular(path: str) -> IO[bytes]:
    """The file opened for reading, only if it is a regular file.

    Opened without blocking and checked on the open descriptor: a path swapped for a FIFO
    after it was listed is refused instead of waiting forever for a writer.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(path, errors.NOT_A_FILE)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _stdin_document(stream: TextIO, max_bytes: int) -> Document | InputError:
    # Bytes when the stream has them: the same decoding as files, newlines untouched.
    source: IO[Any] = getattr(stream, "buffer", None) or stream
    try:
        # Never more than the limit: stdin may be endless (`cat /dev/zero | chrono timeline -`).
        data = source.read(max_bytes + 1)
    except UnicodeDecodeError:  # a text stream without bytes underneath
        encoding = getattr(stream, "encoding", None) or "UTF-8"
        return InputError(STDIN_ARG, errors.undecodable(encoding))
    except OSError as error:
        return InputError(STDIN_ARG, _os_reason(error))
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        known = _regular_size(source)
        reason = (
            errors.too_large(known, max_bytes)
            if known is not None
            else errors.too_large_stream(max_bytes)
        )
        return InputError(STDIN_ARG, reason)
    if not isinstance(data, bytes):
        return _single_document(data, STDIN_ID, STDIN_ARG, _TEXT)
    try:
        decoded = decode(data, STDIN_ARG)
    except InputError as error:
        return error
    document = _single_document(decoded.text, STDIN_ID, STDIN_ARG, _TEXT)
    return _with_warnings(document, _decoding_warnings(STDIN_ARG, decoded))


def _regular_size(stream: IO[Any]) -> int | None:
    """The size of a stream redirected from a file (`< big.txt`), else None."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _decoding_warnings(path: str, decoded: Decoded) -> tuple[str, ...]:
    return (f"{path}: {errors.decoded_as(decoded.label)}",) if decoded.guessed else ()


def _with_warnings(document: Document, warnings: tuple[str, ...]) -> Document:
    if not warnings:
        return document
    return replace(document, warnings=(*warnings, *document.warnings))


def _id_of(path: str) -> str:
    """The file name without its extension; bytes that are not UTF-8 (kept by the OS as
    surrogates) become U+FFFD so that the id can be printed and written anywhere."""
    stem = PurePath(path).stem
    if stem.isascii():
        return stem
    return os.fsencode(stem).decode("utf-8", "replace")


def _suffix(path: str) -> str:
    return PurePath(path).suffix.lower()


def _path_reason(path: str, error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return errors.BAD_PATH
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        return errors.BROKEN_LINK
    return _os_reason(error)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return errors.NO_SUCH_FILE
    if isinstance(error, PermissionError):
        return errors.PERMISSION_DENIED
    if error.errno == errno.ELOOP:
        return errors.SYMLINK_LOOP
    return (error.strerror or str(error)).lower()


# --- plain text and Markdown -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    body_start: int = 0
    date_text: str | None = None
    evidence: str | None = None
    title: str | None = None


def _single_document(text: str, doc_id: str, path: str, suffix: str) -> Document:
    text, replaced = _valid_unicode(text)
    if suffix in _HTML:
        document = _html_document(text, doc_id, path)
    elif suffix == _TIMEML:
        document = _timeml_document(text, doc_id, path)
    else:
        document = _plain_document(text, doc_id, path, markdown=suffix == _MARKDOWN)
    if replaced:
        document = _with_warnings(document, (f"{path}: {errors.replaced_surrogates(replaced)}",))
    return document


def _valid_unicode(text: str) -> tuple[str, int]:
    """Lone surrogates (from API strings, JSON escapes, surrogateescape'd stdin) replaced by
    U+FFFD, one for one so offsets stay put, and how many there were. Decoded files never
    hold any; without them every later stage and writer can encode the text as UTF-8."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def _plain_document(text: str, doc_id: str, path: str, *, markdown: bool) -> Document:
    header = _read_header(text)
    dct = _metadata_dct(header.date_text, header.evidence)
    return Document(
        id=doc_id,
        path=path,
        text=text,
        title=header.title or _first_line_title(text, header.body_start, markdown),
        dct=dct,
        body_start=header.body_start,
        warnings=_ignored_date(path, header.date_text, header.evidence, dct),
    )


def _metadata_dct(date_text: str | None, evidence: str | None) -> Dct | None:
    value = read_date(date_text) if date_text else None
    return Dct(value, DctSource.METADATA, evidence or "") if value is not None else None


def _ignored_date(
    path: str, date_text: str | None, evidence: str | None, dct: Dct | None
) -> tuple[str, ...]:
    """A metadata date that is no date is reported, not silently dropped."""
    if dct is not None or not date_text:
        return ()
    return (f"{path}: {errors.ignored_metadata_date(evidence or date_text)}",)


def _lines(text: str, start: int) -> Iterator[tuple[int, int, int]]:
    """(start, end without the line break, start of the next line) from `start` on, lazily."""
    position = start
    while position < len(text):
        match = _EOL.search(text, position)
        if match is None:
            yield position, len(text), len(text)
            return
        yield position, match.start(), match.end()
        position = match.end()


def _read_header(text: str) -> _Header:
    leading = _LEADING.match(text)
    start = leading.end() if leading else 0
    first = next(_lines(text, start), None)
    if first is None:
        return _Header()
    line = text[first[0] : first[1]]
    if line.rstrip() == FRONT_MATTER_OPEN:
        return _front_matter(text, first[2]) or _Header()
    line = line.strip()
    match = _HEADER_KEY.match(line)
    value = line[match.end() :].strip(" \t") if match else ""
    if not value or value[0].isspace() or len(value) > MAX_DATE_CHARS:
        return _Header()
    return _Header(
        body_start=_skip_blank_lines(text, first[2]),
        date_text=value,
        evidence=f'first line "{line}"',
    )


def _front_matter(text: str, start: int) -> _Header | None:
    """YAML front matter `key: value` entries up to a closing `---`; None if it is not one."""
    entries: dict[str, tuple[str, str]] = {}
    for line_start, line_end, next_start in _lines(text, start):
        line = text[line_start:line_end]
        if line.rstrip() in FRONT_MATTER_CLOSE:
            return _front_matter_header(entries, _skip_blank_lines(text, next_start))
        if not line.strip() or line[0] in " \t#-":  # blank, nested, comment or list item
            continue
        match = _FRONT_MATTER_ENTRY.fullmatch(line.rstrip())
        if match is None:
            return None  # prose, not YAML: a Markdown rule opened the file
        entries.setdefault(match.group("key").lower(), (line.strip(), match.group("value") or ""))
    return None


def _front_matter_header(entries: dict[str, tuple[str, str]], body_start: int) -> _Header:
    title = _unquote(entries.get(FRONT_MATTER_TITLE_KEY, ("", ""))[1]) or None
    for key in FRONT_MATTER_DATE_KEYS:  # the first key holding a readable date
        line, value = entries.get(key, ("", ""))
        if read_date(_unquote(value)) is not None:
            return _Header(body_start, _unquote(value), f'front matter "{line}"', title)
    return _Header(body_start, title=title)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value


def _skip_blank_lines(text: str, position: int) -> int:
    for line_start, line_end, _ in _lines(text, position):
        if text[line_start:line_end].strip():
            return line_start
    return len(text)


def _first_line_title(text: str, body_start: int, markdown: bool) -> str | None:
    start = _skip_blank_lines(text, body_start)
    line = next(_lines(text, start), None)
    if line is None:
        return None
    title = text[line[0] : line[1]].strip()
    if markdown:
        title = _heading_text(title)
    if not title or len(title) > MAX_TITLE_CHARS or title.endswith("."):
        return None  # a sentence, not a title
    return title


def _heading_text(line: str) -> str:
    """A Markdown heading without its marks: `## Title ##` -> `Title` (no regex backtracking
    over a long line)."""
    opening = _MD_OPENING.match(line)
    if opening:
        line = line[opening.end() :]
    body = line.rstrip("#")
    if body != line and body[-1:] in (" ", "\t"):  # closing hashes need a blank before them
        line = body
    return line.strip()


# --- HTML ------------------------------------------------------------------------------------


def _html_document(html: str, doc_id: str, path: str) -> Document:
    metadata = html_metadata(html)
    dct = next(
        (d for claim in metadata.dates if (d := _metadata_dct(claim.value, claim.evidence))),
        None,
    )
    ignored: tuple[str, ...] = ()
    if dct is None and metadata.dates:
        first = metadata.dates[0]
        ignored = _ignored_date(path, first.value, first.evidence, None)
    return Document(
        id=doc_id, path=path, text=main_text(html), title=metadata.title, dct=dct, warnings=ignored
    )


# --- TimeML ----------------------------------------------------------------------------------


def _timeml_document(source: str, doc_id: str, path: str) -> Document:
    root = parse_timeml(source, path)
    body = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    if body is None:
        raise InputError(path, errors.bad_timeml("no <TEXT> element"))
    # itertext: the characters TimeML annotates, tags removed and entities resolved.
    return Document(id=doc_id, path=path, text="".join(body.itertext()), dct=_timeml_dct(root))


def parse_timeml(source: str, path: str) -> ET.Element:
    """The XML tree of a TimeML file (HTML entities such as &nbsp; tolerated).

    Entity declarations are refused outright: TimeML never needs them, and they are how a
    small file expands to gigabytes ("billion laughs") where the XML parser does not guard.
    """
    doctype = source.find("<!DOCTYPE")
    if doctype >= 0 and source.find("<!ENTITY", doctype) >= 0:  # two scans: linear time
        raise InputError(path, errors.bad_timeml("entity declarations are not accepted"))
    try:
        return ET.fromstring(source)
    except ET.ParseError as error:
        if "undefined entity" not in str(error):
            raise InputError(path, errors.bad_timeml(str(error))) from None
    try:  # HTML entities (&nbsp;) are common in hand-made TimeML; XML does not know them
        return ET.fromstring(_XML_ENTITY.sub(_numeric_entity, source))
    except ET.ParseError as error:
        raise InputError(path, errors.bad_timeml(str(error))) from None


def _numeric_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_PREDEFINED or name not in name2codepoint:
        return match.group(0)
    return f"&#{name2codepoint[name]};"


def _timeml_dct(root: ET.Element) -> Dct | None:
    for element in root.iter():
        if _local(element.tag) == "DCT":
            for timex in element.iter():
                if _local(timex.tag) == "TIMEX3" and timex.get("value"):
                    value = timex.get("value", "")
                    return _metadata_dct(value, f'<DCT><TIMEX3 value="{value}">')
    for timex in root.iter():  # some files mark the DCT in place instead of in <DCT>
        if _local(timex.tag) == "TIMEX3" and timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            evidence = f'<TIMEX3 functionInDocument="CREATION_TIME" value="{value}">'
            return _metadata_dct(value, evidence)
    return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments have no str tag


# --- JSON Lines ------------------------------------------------------------------------------

_SNIFF = 4096  # bytes that tell a UTF-16/32 file (NULs or a BOM) from an ASCII-compatible one
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start with these too
_SKIP_CHUNK = 1 << 20


class _BadLine(ValueError):
    """One .jsonl line is not a document; its message is the detail."""


def _jsonl_file(path: str, max_bytes: int) -> Iterator[Document | InputError]:
    """One document per line, read line by line: `max_bytes` holds for each line (each
    document), not for the file, so a corpus of any size streams through."""
    try:
        handle = _open_regular(path)
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(path, _os_reason(error))
        return
    with handle:
        try:
            head = handle.read(_SNIFF)
            handle.seek(0)
            if head.startswith(_WIDE_BOMS) or b"\x00" in head:
                lines = _wide_lines(handle, path, max_bytes)  # "\n" bytes do not split lines
            else:
                lines = _byte_lines(handle, path, max_bytes)
            yield from _jsonl_documents(lines, path, _id_of(path))
        except OSError as error:
            yield InputError(path, _os_reason(error))


_Line = tuple[int, str | InputError, tuple[str, ...]]  # number, text or why not, warnings


def _byte_lines(handle: IO[bytes], path: str, max_bytes: int) -> Iterator[_Line]:
    guessed: set[str] = set()  # warn once per encoding and file, not once per line
    number = 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        size = len(raw) - raw.endswith(b"\n")
        if size > max_bytes:
            if not raw.endswith(b"\n"):
                size += _skip_line(handle)
            reason = errors.jsonl_line(number, errors.too_large(size, max_bytes))
            yield number, InputError(path, reason), ()
            continue
        if not raw.strip():
            continue
        try:
            decoded = decode(raw, path)
        except InputError as error:
            yield number, InputError(path, errors.jsonl_line(number, error.reason)), ()
            continue
        warnings: tuple[str, ...] = ()
        if decoded.guessed and decoded.label not in guessed:
            guessed.add(decoded.label)
            warnings = (f"{path}: {errors.jsonl_line(number, errors.decoded_as(decoded.label))}",)
        yield number, decoded.text, warnings


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the rest of an over-long line without keeping it; its length in bytes."""
    skipped = 0
    while chunk := handle.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


def _wide_lines(handle: IO[bytes], path: str, max_bytes: int) -> Iterator[_Line]:
    """A UTF-16/32 file (PowerShell writes them) is decoded whole, within the limit."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(len(data), os.fstat(handle.fileno()).st_size)
        yield 0, InputError(path, errors.too_large(size, max_bytes)), ()
        return
    try:
        decoded = decode(data, path)
    except InputError as error:
        yield 0, error, ()
        return
    warnings = _decoding_warnings(path, decoded)
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if line.strip():
            yield number, line, warnings
            warnings = ()


def _jsonl_documents(
    lines: Iterator[_Line], path: str, stem: str
) -> Iterator[Document | InputError]:
    first = True
    for number, line, warnings in lines:
        if isinstance(line, InputError):
            yield line
            continue
        if first and _own_mentions(line):
            yield SkippedInput(path, errors.OWN_OUTPUT)
            return
        first = False
        try:
            document, replaced = _jsonl_document(line, f"{stem}-{number}", path)
        except _BadLine as error:
            yield InputError(path, errors.bad_jsonl(number, str(error)))
            continue
        if replaced:  # "\ud800" escapes: JSON can spell characters no file can hold
            note = errors.jsonl_line(number, errors.replaced_surrogates(replaced))
            warnings = (*warnings, f"{path}: {note}")
        yield _with_warnings(document, warnings)


def _own_mentions(line: str) -> bool:
    """Is this the first line of chrono's `--jsonl` mentions (a mention, not a document)?"""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(record, dict) and record.keys() >= _MENTION_KEYS


def _jsonl_document(line: str, default_id: str, path: str) -> tuple[Document, int]:
    """The document of one line, and how many lone surrogates its text had replaced."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadLine(f"{error.msg} at column {error.colno}") from None
    except RecursionError:
        raise _BadLine("nested too deeply") from None
    if not isinstance(record, dict):
        raise _BadLine(f"a JSON {type(record).__name__}, not an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise _BadLine('no "text" string' if text is None else '"text" is not a string')
    text, replaced = _valid_unicode(text)
    doc_id = _valid_unicode(_jsonl_id(record.get("id"), default_id))[0]
    title = _optional_string(record, "title")
    header = _read_header(text)  # the text is a plain document: it may carry its own header
    document = Document(
        id=doc_id,
        path=path,
        text=text,
        title=_valid_unicode(title)[0] if title else None,
        dct=_jsonl_dct(record) or _metadata_dct(header.date_text, header.evidence),
        doc_type=_jsonl_doc_type(record),
        body_start=header.body_start,
    )
    if document.title is None:
        document = replace(document, title=_first_line_title(text, header.body_start, False))
    return document, replaced


def _jsonl_id(value: object, default: str) -> str:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        raise _BadLine('"id" is not a non-empty string')
    return str(value).strip()


def _optional_string(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise _BadLine(f'"{key}" is not a string')
    if value is None or not value.strip():
        return None
    return value.strip()


def _jsonl_dct(record: dict[str, object]) -> Dct | None:
    raw = _optional_string(record, "dct")
    if raw is None:
        return None
    value = read_date(raw)
    if value is None:  # stated explicitly: silently dropping it would misplace every date
        raise _BadLine(f'"dct" {_quoted(raw)} is not a date')
    return Dct(value, DctSource.METADATA, f'"dct": "{raw}"')


def _jsonl_doc_type(record: dict[str, object]) -> DocType | None:
    raw = _optional_string(record, "doc_type")
    if raw is None or raw.lower() == "auto":
        return None
    try:
        return DocType(raw.lower())
    except ValueError:
        raise _BadLine(f'"doc_type" {_quoted(raw)} is not news or narrative') from None
