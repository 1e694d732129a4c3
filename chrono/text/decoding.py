"""Bytes -> text: BOM, UTF-8, a declared charset, then charset_normalizer; or why not.

The decoded text is returned exactly (a BOM is dropped, nothing else), so
offsets computed on it index the document. `decode` also says which encoding
was used and whether it was a guess, so that readers can warn about it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

from chrono import errors
from chrono.errors import InputError

_BINARY_SHARE = 0.05  # more control characters than this and it is not text
_SNIFF_BYTES = 4096  # where an HTML/XML file declares its charset
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z][\w.:-]{0,40})""")
# Pages declaring Latin-1 are windows-1252 in practice (the WHATWG encoding standard).
_AS_CP1252 = frozenset({"latin_1", "iso8859_1", "ascii"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# How warnings name the codecs detection picks (Python's names are not what editors show).
_LABELS = {
    "cp1252": "windows-1252",
    "latin_1": "ISO-8859-1",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32_le": "UTF-32LE",
    "utf_32_be": "UTF-32BE",
    "mac_roman": "macintosh",
    "shift_jis": "Shift_JIS",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the Python codec that decoded the bytes
    guessed: bool  # no BOM, not UTF-8, no declared charset: detection chose the encoding

    @property
    def label(self) -> str:
        """The encoding as people name it: windows-1252, ISO-8859-2, UTF-16LE."""
        return encoding_label(self.encoding)


def encoding_label(codec: str) -> str:
    name = codecs.lookup(codec).name.replace("-", "_")
    if name in _LABELS:
        return _LABELS[name]
    if name.startswith("cp125"):
        return f"windows-{name[2:]}"
    return name.upper().replace("_", "-").replace("ISO8859", "ISO-8859")


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> str:
    """A BOM's encoding, UTF-8, the declared charset, then detection; else InputError."""
    return decode(data, path, declared).text


def decode(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """As `decode_bytes`, saying which encoding was used and whether it was a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(path, errors.undecodable(encoding.upper())) from None
            return Decoded(_checked(text, path), encoding, guessed=False)
    if b"\x00" in data:  # UTF-16 without a BOM, or binary
        text, encoding = _decode_wide(data, path)
        return Decoded(_checked(text, path), encoding, guessed=True)
    try:
        return Decoded(_checked(data.decode("utf-8"), path), "utf-8", guessed=False)
    except UnicodeDecodeError:
        text, encoding, guessed = _decode_legacy(data, path, declared)
        return Decoded(_checked(text, path), encoding, guessed)


def _checked(text: str, path: str) -> str:
    if not _mostly_text(text):
        raise InputError(path, errors.NOT_TEXT)
    return text


def _mostly_text(text: str) -> bool:
    """False when control characters make up more than a small share of the text."""
    allowed = int(len(text) * _BINARY_SHARE)
    # Count no further than needed: binary data would match everywhere.
    found = sum(1 for _ in islice(_CONTROL.finditer(text), allowed + 1))
    return found <= allowed


def _decode_wide(data: bytes, path: str) -> tuple[str, str]:
    for encoding in _detected(data):
        if encoding.startswith(("utf_16", "utf_32")):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    raise InputError(path, errors.NOT_TEXT)


def _decode_legacy(data: bytes, path: str, declared: str | None) -> tuple[str, str, bool]:
    """(text, codec, guessed) for bytes that are not UTF-8."""
    if declared:
        try:
            return data.decode(declared), declared, False
        except (UnicodeError, LookupError):  # LookupError: a declared non-text codec (base64)
            pass
    # No NUL bytes: a "UTF-16" guess is wrong, text in UTF-16 has them.
    guesses = [e for e in _detected(data) if not e.startswith(("utf_16", "utf_32"))]
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # Detectors confuse the Latin code pages on short texts; for English text
    # windows-1252 is the likely one whenever the best guess reads as Latin script too.
    if western is not None and (not guesses or _latin_only(data.decode(guesses[0], "replace"))):
        return western, "cp1252", True
    for encoding in guesses:
        try:
            return data.decode(encoding), encoding, True
        except (UnicodeError, LookupError):
            continue
    if _mostly_text(data.decode("latin-1")):
        raise InputError(path, errors.undecodable("UTF-8"))
    raise InputError(path, errors.NOT_TEXT)


def _detected(data: bytes) -> list[str]:
    """charset_normalizer's guesses, best first, as Python codec names."""
    from charset_normalizer import from_bytes

    names = []
    for match in from_bytes(data):
        try:
            names.append(codecs.lookup(match.encoding).name.replace("-", "_"))
        except LookupError:
            continue
    return names


def _latin_only(text: str) -> bool:
    letters = {ch for ch in set(text) if ord(ch) > 127 and ch.isalpha()}
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def declared_charset(data: bytes) -> str | None:
    """The `charset=` / `encoding=` an HTML or XML file declares near its start, if known."""
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name
