"""Reading a file from disk the one safe way, for every stage: regular files only, the size
checked before a byte is read.

A corpus folder can hold whatever a file system can: a named pipe called `page.md` (opening
it waits for a writer, for ever), a device, a socket, a 1 GB dump. `read_regular` looks at
the file's `os.stat` first and refuses anything but a regular file within the limit; it
opens without blocking (a pipe swapped in after the check still cannot hang the run) and
checks what it opened again, then reads at most the limit. The document stage reads pages
with it (`hupli.document.read.read_bytes`), the cache hashes corpus files with it
(`hupli.cache.file_digests`), and records are read with it.

>>> import os, tempfile
>>> pipe = os.path.join(tempfile.mkdtemp(), "page.md")
>>> os.mkfifo(pipe)
>>> try:
...     read_regular(pipe)
... except ReadError as error:
...     print(error.reason)
not a regular file (a named pipe); hupli reads regular files only
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from hupli.model import ReadError, WriteError

# A CMS page is a few kilobytes; anything this large is not an export and would only
# make the aligner slow, so it is refused with a message rather than read.
MAX_BYTES = 20 * 1024 * 1024

NOT_REGULAR_HINT = "leave it out of the corpus, or list it under `ignore` in hupli.toml"

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

# Opening a named pipe for reading blocks until a writer comes; O_NONBLOCK makes it return
# at once (and changes nothing for a regular file). Not every system has these flags.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def too_large(name: str, size: int, limit: int = MAX_BYTES) -> ReadError:
    """The error for a file of SIZE bytes over LIMIT."""
    return ReadError(
        name,
        f"file is {size // (1024 * 1024)} MiB, over the {limit // (1024 * 1024)} MiB "
        "limit for one page",
        "split it or leave it out of the corpus",
    )


def check_stat(name: str, info: os.stat_result, limit: int = MAX_BYTES) -> None:
    """Raise `ReadError` unless INFO is a regular file of at most LIMIT bytes."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise ReadError(name, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _KINDS if test(mode)), "not a file")
        raise ReadError(
            name, f"not a regular file ({kind}); hupli reads regular files only", NOT_REGULAR_HINT
        )
    if info.st_size > limit:
        raise too_large(name, info.st_size, limit)


def _read_at_most(handle: BinaryIO, expected: int, limit: int) -> bytes:
    """The file's bytes, at most LIMIT + 1 of them. One read of the size the file said it
    had, plus a byte (`read(n)` allocates n bytes up front: never the limit itself), then,
    only if it grew, on in small pieces."""
    data = handle.read(expected + 1)
    if len(data) <= expected:
        return data
    parts, total = [data], len(data)
    while total <= limit:
        piece = handle.read(min(1 << 16, limit + 1 - total))
        if not piece:
            break
        parts.append(piece)
        total += len(piece)
    return b"".join(parts)


def read_regular(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at PATH, at most LIMIT of them; raises `ReadError`
    naming the file for anything else (missing, a folder, a pipe or device, too large,
    not permitted)."""
    name = os.fspath(path)
    try:
        check_stat(name, os.stat(name), limit)
        fd = os.open(name, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            # What was opened may not be what was looked at: check it again.
            info = os.fstat(handle.fileno())
            check_stat(name, info, limit)
            data = _read_at_most(handle, info.st_size, limit)
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except IsADirectoryError:
        raise ReadError(name, "is a directory, not a file") from None
    except PermissionError:
        raise ReadError(name, "permission denied", "make it readable, or leave it out") from None
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from None
    if len(data) > limit:  # it grew while being read
        raise too_large(name, len(data), limit)
    return data


# Why a write failed, said the way a person fixes it. Every output is written atomically
# (`hupli.document.read.write_atomic`), so a failed write leaves the file as it was.
_WRITE_PROBLEMS = {
    errno.ENOSPC: ("no space left on the device", "free some space and run again"),
    errno.EDQUOT: ("over the disk quota", "free some space and run again"),
    errno.EACCES: ("permission denied", "make the folder writable, or write somewhere else"),
    errno.EPERM: ("permission denied", "make the folder writable, or write somewhere else"),
    errno.EROFS: ("read-only file system", "write somewhere else"),
}


def write_error(path: str | os.PathLike[str], exc: OSError) -> WriteError:
    """The `WriteError` for EXC, raised while writing PATH."""
    reason, hint = _WRITE_PROBLEMS.get(exc.errno or 0, (exc.strerror or str(exc), ""))
    return WriteError(os.fspath(path), f"cannot write: {reason}", hint)
