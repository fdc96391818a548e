"""Rewrite a page in place, keeping whatever links to it.

`normalise --write` must change a page's text and nothing else about it:

* a **symbolic link** stays a link: the file it points to (followed to the end of a chain)
  is rewritten, atomically (`hupli.document.read.write_atomic`: a crash leaves the old
  text or the new one, never a part);
* a file with **hard links** (more than one name for the same file) is rewritten in place,
  so every name sees the new text: replacing it atomically would give the name written a
  new file and leave the other names with the old text. In place cannot be atomic, so the
  new text is first written and flushed to `.NAME.hupli-new` beside it, then copied into
  the file under an exclusive lock, after checking that the file still holds the bytes
  that were read (if not, nothing is written: another program changed it meanwhile); the
  copy beside it is removed once the file is written. A crash in the middle leaves the new
  text complete in that copy. A write that fails puts the old bytes back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO

from hupli.model import ReadError

NEW_SUFFIX = ".hupli-new"


def rewrite(path: str | os.PathLike[str], data: bytes, expected: bytes | None = None) -> None:
    """Replace the contents of the file at PATH with DATA, keeping symbolic and hard links
    to it (see the module). EXPECTED, the bytes the new text was made from, is checked
    before a rewrite in place. Raises `ReadError` naming PATH."""
    from hupli.document.read import write_atomic

    name = os.fspath(path)
    target = os.path.realpath(name)
    try:
        if os.stat(target).st_nlink > 1:
            _rewrite_in_place(name, target, data, expected)
        else:
            write_atomic(target, data)
    except OSError as exc:
        raise ReadError(name, f"cannot write: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _locked(handle: BinaryIO) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the check of the bytes still holds
        yield
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _rewrite_in_place(name: str, target: str, data: bytes, expected: bytes | None) -> None:
    folder, base = os.path.split(target)
    copy = os.path.join(folder, f".{base}{NEW_SUFFIX}")
    with open(copy, "wb") as new:
        new.write(data)
        new.flush()
        os.fsync(new.fileno())
    keep_copy = False
    try:
        with open(target, "r+b") as handle, _locked(handle):
            old = handle.read()
            if expected is not None and old != expected:
                raise ReadError(name, "changed while it was being normalised", "run again")
            try:
                _overwrite(handle, data)
            except OSError:
                keep_copy = True  # until the old text is back
                _overwrite(handle, old)
                keep_copy = False
                raise
    finally:
        if not keep_copy:
            with contextlib.suppress(OSError):
                os.unlink(copy)


def _overwrite(handle: BinaryIO, data: bytes) -> None:
    handle.seek(0)
    handle.write(data)
    handle.truncate()
    handle.flush()
    os.fsync(handle.fileno())
