"""Files, folders and stdin -> `Document`s: decoded text, id, title and document date (DCT).

Every bad input becomes one `InputError` in the stream and the others go on.
The decoded text is kept exactly as it is (no newline normalisation), so
offsets index it; a metadata header stays in the text and `body_start` says
where the body begins. DCT precedence (DESIGN.md section 4): `--dct` (per
document beats all) > metadata in the file > none (inference happens later).
"""

from __future__ import annotations

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
from chrono.absolute import parse_written_date
from chrono.decoding import declared_charset, decode_bytes
from chrono.errors import InputError, UsageError
from chrono.html_text import html_metadata, main_text
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

_HEADER_LINE = re.compile(
    rf"(?P<key>{'|'.join(HEADER_KEYS)})[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*", re.IGNORECASE
)
_FRONT_MATTER_ENTRY = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?")
_EOL = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+|[ \t]+#+$")
_XML_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_LEADING = re.compile(r"[\ufeff\s]*")  # a BOM left in API text, blank lines


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
        typed = self.given.get(key) or (f"{key}={_iso(value)}" if key else _iso(value))
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
    """A stated date (metadata, --dct), or None."""
    return parse_written_date(text) if text.strip() else None


def _iso(value: CalendarValue) -> str:
    from chrono.values import timex_value

    return timex_value(value)


# --- public entry points ---------------------------------------------------------------------


def iter_documents(
    paths: Sequence[str],
    *,
    dct: DctOverrides | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Each argument in order; folders recursively in sorted order; one file read at a time."""
    ids = _IdRegistry()
    for arg in paths:
        for item in _documents_of(arg, stdin, max_bytes):
            if isinstance(item, InputError):
                yield item
                continue
            doc_id = ids.claim(item.id)
            override = dct.for_doc(doc_id) if dct is not None else None
            yield replace(item, id=doc_id, dct=override or item.dct)


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
        document = replace(document, dct=Dct(dct, DctSource.CLI, evidence=f"dct={_iso(dct)}"))
    return document


# --- paths -----------------------------------------------------------------------------------


class _IdRegistry:
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
    if arg == STDIN_ARG:
        yield _stdin_document(stdin if stdin is not None else sys.stdin, max_bytes)
        return
    try:
        info = os.stat(arg)
    except OSError as error:
        yield InputError(arg, _os_reason(error))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _folder_documents(arg, max_bytes)
    elif not stat.S_ISREG(info.st_mode):
        yield InputError(arg, errors.NOT_A_FILE)
    elif _suffix(arg) not in SUPPORTED_SUFFIXES:
        yield InputError(arg, errors.unsupported_type(_suffix(arg)))
    else:
        yield from _file_documents(arg, info.st_size, max_bytes)


def _folder_documents(folder: str, max_bytes: int) -> Iterator[Document | InputError]:
    found = False
    for entry in _walk(folder, set()):
        found = True
        if isinstance(entry, InputError):
            yield entry
        else:
            yield from _file_documents(*entry, max_bytes)
    if not found:
        yield InputError(folder, errors.IS_EMPTY_DIR)


def _walk(folder: str, visited: set[tuple[int, int]]) -> Iterator[tuple[str, int] | InputError]:
    """Supported files under `folder` with their sizes, depth first in name order."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in visited:
            return  # reached again through a symlink: a loop or a duplicate
        visited.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(folder, _os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir():
                yield from _walk(path, visited)
            elif entry.is_file() and _suffix(entry.name) in SUPPORTED_SUFFIXES:
                yield path, entry.stat().st_size
        except OSError as error:
            yield InputError(path, _os_reason(error))


def _file_documents(path: str, size: int, max_bytes: int) -> Iterator[Document | InputError]:
    if size > max_bytes:
        yield InputError(path, errors.too_large(size, max_bytes))
        return
    suffix = _suffix(path)
    try:
        with open(path, "rb") as handle:
            data, size = _read_limited(handle, max_bytes)
    except OSError as error:
        yield InputError(path, _os_reason(error))
        return
    if size > max_bytes:  # it grew since it was listed
        yield InputError(path, errors.too_large(size, max_bytes))
        return
    declared = declared_charset(data) if suffix in (*_HTML, _TIMEML) else None
    try:
        text = decode_bytes(data, path, declared)
    except InputError as error:
        yield error
        return
    doc_id = PurePath(path).stem
    if suffix == _JSONL:
        yield from _jsonl_documents(text, path, doc_id)
        return
    try:
        yield _single_document(text, doc_id, path, suffix)
    except InputError as error:
        yield error


def _stdin_document(stream: TextIO, max_bytes: int) -> Document | InputError:
    # Bytes when the stream has them: the same decoding as files, newlines untouched.
    source: IO[Any] = getattr(stream, "buffer", None) or stream
    try:
        data, size = _read_limited(source, max_bytes)
    except UnicodeDecodeError:  # a text stream without bytes underneath
        encoding = getattr(stream, "encoding", None) or "UTF-8"
        return InputError(STDIN_ARG, errors.undecodable(encoding))
    except OSError as error:
        return InputError(STDIN_ARG, _os_reason(error))
    if size > max_bytes:
        return InputError(STDIN_ARG, errors.too_large(size, max_bytes))
    try:
        text = decode_bytes(data, STDIN_ARG) if isinstance(data, bytes) else data
    except InputError as error:
        return error
    return _single_document(text, STDIN_ID, STDIN_ARG, _TEXT)


def _read_limited(handle: IO[Any], limit: int) -> tuple[Any, int]:
    """Up to `limit + 1` units, and the total size (the rest is counted, not kept)."""
    data = handle.read(limit + 1)
    size = len(data)
    if size > limit:
        while chunk := handle.read(1 << 20):
            size += len(chunk)
    return data, size


def _suffix(path: str) -> str:
    return PurePath(path).suffix.lower()


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return errors.NO_SUCH_FILE
    if isinstance(error, PermissionError):
        return errors.PERMISSION_DENIED
    return (error.strerror or str(error)).lower()


# --- plain text and Markdown -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    body_start: int = 0
    date_text: str | None = None
    evidence: str | None = None
    title: str | None = None


def _single_document(text: str, doc_id: str, path: str, suffix: str) -> Document:
    if suffix in _HTML:
        return _html_document(text, doc_id, path)
    if suffix == _TIMEML:
        return _timeml_document(text, doc_id, path)
    return _plain_document(text, doc_id, path, markdown=suffix == _MARKDOWN)


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
    match = _HEADER_LINE.fullmatch(line.strip())
    if match is None:
        return _Header()
    return _Header(
        body_start=_skip_blank_lines(text, first[2]),
        date_text=match.group("value"),
        evidence=f'first line "{line.strip()}"',
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
        title = _MD_HEADING.sub("", title).strip()
    if not title or len(title) > MAX_TITLE_CHARS or title.endswith("."):
        return None  # a sentence, not a title
    return title


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
    """The XML tree of a TimeML file (HTML entities such as &nbsp; tolerated)."""
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


class _BadLine(ValueError):
    """One .jsonl line is not a document; its message is the detail."""


def _jsonl_documents(text: str, path: str, stem: str) -> Iterator[Document | InputError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_document(line, f"{stem}-{number}", path)
        except _BadLine as error:
            yield InputError(path, errors.bad_jsonl(number, str(error)))


def _jsonl_document(line: str, default_id: str, path: str) -> Document:
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
    doc_id = _jsonl_id(record.get("id"), default_id)
    title = _optional_string(record, "title")
    header = _read_header(text)  # the text is a plain document: it may carry its own header
    return Document(
        id=doc_id,
        path=path,
        text=text,
        title=title or header.title or _first_line_title(text, header.body_start, False),
        dct=_jsonl_dct(record) or _metadata_dct(header.date_text, header.evidence),
        doc_type=_jsonl_doc_type(record),
        body_start=header.body_start,
    )


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
        raise _BadLine(f'"dct" {raw!r} is not a date')
    return Dct(value, DctSource.METADATA, f'"dct": "{raw}"')


def _jsonl_doc_type(record: dict[str, object]) -> DocType | None:
    raw = _optional_string(record, "doc_type")
    if raw is None or raw.lower() == "auto":
        return None
    try:
        return DocType(raw.lower())
    except ValueError:
        raise _BadLine(f'"doc_type" {raw!r} is not news or narrative') from None
