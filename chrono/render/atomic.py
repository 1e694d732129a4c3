"""Write a file atomically: readers see the old file or the whole new one, never a part.

The one writer every output of chrono goes through (JSON, HTML, plotly.min.js).
"""

from __future__ import annotations

import io
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_TEMP_ATTEMPTS = 100


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write `text` to `path` so that the file is either untouched or completely replaced.

    The text is encoded first: an encoding error leaves nothing behind. See `open_atomic`.
    """
    data = text.encode(encoding)
    with open_atomic(path, binary=True) as handle:
        handle.write(data)


@contextmanager
def open_atomic(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[Any]]:
    """A file to write `path` through, piece by piece; it replaces `path` only when the
    block ends without an exception.

    - missing parent folders are created;
    - the data goes to a temp file in the same folder (so the rename never crosses
      file systems), is flushed and fsynced, then `os.replace`s the target;
    - on any failure (Ctrl-C too) the temp file is removed and an existing file keeps its
      content;
    - a new file gets the permissions a plain `open()` would give (0o666 minus the
      umask: 0o644 with the usual umask 022); an existing file keeps its mode;
    - a symlink keeps pointing where it did: the file it points to is replaced;
    - text is UTF-8 and newlines are written as given (no translation on any platform).
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(target)
    fd, temp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as raw:
            if mode is not None:
                _chmod(raw.fileno(), temp, mode)
            if binary:
                yield raw
            else:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
                yield text
                text.flush()
                text.detach()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(target.parent)


def _existing_mode(target: Path) -> int | None:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return None


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new hidden file next to `target`, opened for writing; mode 0o666 so the umask applies
    (tempfile.mkstemp would make it 0o600, private to the owner)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_ATTEMPTS):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file next to {target}")


def _chmod(fd: int, temp: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows: only the read-only bit exists
        os.chmod(temp, mode)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX only)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
