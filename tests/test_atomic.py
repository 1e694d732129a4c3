"""chrono.render.atomic.write_text_atomic: all or nothing, permissions, folders, clean failures."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from chrono.render import atomic
from chrono.render.atomic import write_text_atomic

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_a_new_file_exactly(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text_atomic(target, "Zoë\r\nline two\n")
    assert target.read_bytes() == "Zoë\r\nline two\n".encode()  # no newline translation
    assert names(tmp_path) == ["out.txt"]


def test_accepts_a_str_path_and_another_encoding(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text_atomic(str(target), "Zoë", encoding="latin-1")
    assert target.read_bytes() == b"Zo\xeb"


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old and longer than the new text", encoding="utf-8")
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert names(tmp_path) == ["out.txt"]


def test_makes_missing_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    write_text_atomic(target, "x")
    assert target.read_text(encoding="utf-8") == "x"


@posix_only
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == mode


@posix_only
def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o444)  # read-only: the folder allows the replace, the mode stays
    write_text_atomic(target, "newer")
    assert target.read_text(encoding="utf-8") == "newer"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@posix_only
def test_a_symlink_keeps_pointing_at_the_updated_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert names(tmp_path) == ["link.txt", "real.txt"]


# ---------------------------------------------------------------- failures


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    return target


def assert_untouched(target: Path) -> None:
    assert target.read_text(encoding="utf-8") == "old"
    assert names(target.parent) == [target.name]  # no temp file left behind


def test_text_that_cannot_be_encoded_writes_nothing(old_file: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(old_file, "lone \udcff surrogate")
    assert_untouched(old_file)


def test_a_write_failing_midway_keeps_the_old_file(old_file: Path, monkeypatch) -> None:
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of the data to the temp file, then fails like a full disk."""

        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

        def fileno(self) -> int:
            return self.handle.fileno()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(old_file, "new text " * 100)
    assert_untouched(old_file)


def test_a_failed_fsync_keeps_the_old_file(old_file: Path, monkeypatch) -> None:
    def no_fsync(fd: int) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(atomic.os, "fsync", no_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_text_atomic(old_file, "new")
    assert_untouched(old_file)


def test_a_failed_replace_keeps_the_old_file(old_file: Path, monkeypatch) -> None:
    def no_replace(src, dst) -> None:
        raise PermissionError("replace refused")

    monkeypatch.setattr(atomic.os, "replace", no_replace)
    with pytest.raises(PermissionError):
        write_text_atomic(old_file, "new")
    assert_untouched(old_file)


def test_an_interrupt_also_cleans_up(old_file: Path, monkeypatch) -> None:
    def interrupted(src, dst) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(old_file, "new")
    assert_untouched(old_file)


def test_a_folder_in_the_way_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.mkdir()
    with pytest.raises(OSError):
        write_text_atomic(target, "x")
    assert names(tmp_path) == ["out.txt"]
    assert target.is_dir()


def test_temp_names_that_are_taken_are_skipped(tmp_path: Path, monkeypatch) -> None:
    tokens = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(tokens))
    (tmp_path / ".out.txt.aaaaaaaa.tmp").write_text("someone else's", encoding="utf-8")
    write_text_atomic(tmp_path / "out.txt", "x")
    assert names(tmp_path) == [".out.txt.aaaaaaaa.tmp", "out.txt"]
    assert (tmp_path / ".out.txt.aaaaaaaa.tmp").read_text(encoding="utf-8") == "someone else's"
