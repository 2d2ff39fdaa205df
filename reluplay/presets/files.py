"""Safe reading and atomic writing of the small text files the app handles (presets, CSV data)."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import PresetError


def read_limited(path: str | Path, max_bytes: int, kind: str) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; PresetError naming the path otherwise.

    ``kind`` words the messages: "preset file" / "presets", "CSV file" / "data".
    """
    source = str(path)
    p = Path(path)
    noun, limit_of = {"preset": ("a preset file", "presets"), "csv": ("a CSV file", "data")}[kind]
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise PresetError(f"is a folder, not {noun}", source)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise PresetError("is not a regular file", source)
        if info.st_size > max_bytes:
            raise PresetError(f"file is larger than the {max_bytes // 1024 ** 2} MB limit for {limit_of}", source)
        with open(p, "rb") as handle:
            return handle.read(max_bytes + 1)  # the file may grow after stat; the parser checks
    except FileNotFoundError:
        raise PresetError("no such file", source) from None
    except PermissionError:
        raise PresetError("permission denied", source) from None
    except OSError as exc:
        raise PresetError(f"cannot read the file: {exc.strerror or exc}", source) from None


def write_atomically(path: str | Path, text: str, what: str, example_name: str) -> Path:
    """Write text to a temporary file in the same folder, then rename it over the target.

    A reader (or a crash) sees either the old file or the new one, never half of one. On any
    failure the old file is left as it was and a PresetError names the path. A symlink keeps
    pointing at the file it named; the file keeps its permissions.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, say: not text any file can hold
        raise PresetError(f"could not save the {what}: it holds {exc.object[exc.start]!r}, "
                          "which is not a valid Unicode character", str(path)) from None

    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    return replace_file(path, write, what, example_name)


def replace_file(path: str | Path, write, what: str, example_name: str) -> Path:
    """Have ``write(tmp_path)`` write a temporary file in the target's folder, then rename it over the target.

    The temporary name ends with the target's suffix, so writers that pick the format from the
    name (Qt's image writers, Pillow) write the right one. ``write`` raises OSError if it fails.
    """
    source = str(path)
    target = _resolved_target(path, what, source)
    if target.is_dir():
        raise PresetError(f"is a folder; give a file name such as {example_name}", source)
    if is_read_only(target):
        raise PresetError("the file is read-only, so it was not replaced; save under another name "
                          "(or make it writable first)", source)
    tmp: str | None = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent)
        os.close(fd)
        write(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise PresetError(f"could not save the {what}: {reason}", source) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target


def is_read_only(path: str | Path) -> bool:
    """True for an existing file we may not write: the rename of an atomic save would replace it
    anyway (it needs only the folder), so refuse, as editors do. Root may write anything, so a file
    with no write bit for anyone counts as read-only too."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (not os.access(path, os.W_OK) or not info.st_mode & 0o222)


def _resolved_target(path: str | Path, what: str, source: str) -> Path:
    """The file a save really writes (a symlink keeps pointing at its file); PresetError for a
    path the system refuses (a name too long, a symlink loop) instead of an exception later."""
    target = Path(path)
    try:
        if target.is_symlink():
            target = target.resolve()
        target.is_dir()
        target.parent.stat()
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        raise PresetError(f"could not save the {what}: too many levels of symbolic links", source) from None
    except OSError as exc:
        raise PresetError(f"could not save the {what}: {exc.strerror or exc}", source) from None
    return target
