"""Read CMS exports: find files, decode bytes, remember how to write them back.

Exports arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252, with
LF, CRLF or CR line endings, and sometimes as UTF-8 that was decoded as Windows-1252 and
saved again ("mojibake": `TÃ¤stÃ¤kin`). Everything is decoded to `str` with LF endings;
`Decoded` remembers the encoding and newline style so `normalise --write` keeps them.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

# The size limit for one page is the file layer's (`hupli.files`); named here too, where
# readers of this module have always found it.
from hupli.files import MAX_BYTES as MAX_BYTES
from hupli.files import read_regular
from hupli.model import Decoded, ReadError

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")

# Sequences that only appear when UTF-8 bytes were decoded as Latin-1/Windows-1252:
# an `Ã` or `Â` followed by a continuation-byte character, or `â€`. Checking for them
# first keeps ftfy (slow to import) off the path of every correctly encoded file.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2122\u0192]|\u00e2\u20ac"
)

# Markdown markers a CMS export uses; one of them makes a file Markdown.
_MARKDOWN_HINTS = re.compile(
    r"^#{1,6}\s|\*\*[^*\n]+\*\*|\]\([^)\s]*\)|\\[*_#]|^\s*[-*+]\s+\S|^>\s",
    re.MULTILINE,
)


# Control characters other than tab, newline, carriage return, form feed and vertical tab.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


def _repair_mojibake(text: str) -> tuple[str, bool]:
    if not _MOJIBAKE.search(text):
        return text, False
    import ftfy  # imported here: it costs ~100 ms and few files need it

    # Only the encoding fix: ftfy must never straighten quotes, change widths or
    # ligatures, or touch text that is already correct.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    fixed = ftfy.fix_text(text, config)
    return fixed, fixed != text


def looks_like_markdown(text: str) -> bool:
    return _MARKDOWN_HINTS.search(text) is not None


def decode_bytes(data: bytes, path: str = "<bytes>") -> Decoded:
    """Decode an export's bytes: BOM first, then UTF-8, then Windows-1252.

    >>> decode_bytes("Tästä\\r\\n".encode("cp1252")).text
    'Tästä\\n'
    """
    encoding: str
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8) :]
        codec = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body, codec = "utf-16", data, "utf-16"
    else:
        encoding, body, codec = "utf-8", data, "utf-8"
        if b"\x00" in data:
            raise ReadError(path, "binary file (contains NUL bytes)", "export the page as text")
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        if codec != "utf-8" or encoding == "utf-8-sig":
            raise ReadError(path, f"cannot decode as {encoding}: {exc.reason}") from None
        try:
            text = body.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            raise ReadError(
                path,
                "not UTF-8, UTF-16 or Windows-1252 text",
                "re-export the page as UTF-8",
            ) from None
    if "\x00" in text:
        raise ReadError(path, "binary file (contains NUL characters)", "export the page as text")
    # A pattern, not a loop over characters: this runs on every file of a corpus.
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(8, len(text) // 100):
        raise ReadError(path, "binary file (control characters)", "export the page as text")
    newline = _newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repaired = _repair_mojibake(text)
    markup = "markdown" if looks_like_markdown(text) else "text"
    if path.endswith((".md", ".markdown")):
        markup = "markdown"
    return Decoded(
        path=path,
        text=text,
        encoding=encoding,
        newline=newline,
        markup=markup,
        repaired_mojibake=repaired,
    )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a page: a regular file within `MAX_BYTES`, checked before it is opened
    (`hupli.files.read_regular`); raises `ReadError` naming the file."""
    return read_regular(path)


def read_path(path: str | os.PathLike[str]) -> Decoded:
    name = os.fspath(path)
    return decode_bytes(read_bytes(name), name)


def encode_text(text: str, decoded: Decoded) -> bytes:
    """Encode normalised text for writing back: UTF-8 out, the BOM and newlines kept."""
    body = text.replace("\n", decoded.newline) if decoded.newline != "\n" else text
    data = body.encode("utf-8")
    if decoded.encoding in ("utf-8-sig", "utf-16"):
        # A BOM said "this is Unicode" to whatever made the file; keep saying it.
        data = codecs.BOM_UTF8 + data
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace a file's contents atomically: a crash leaves the old file or the new one."""
    target = Path(path)
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = target.stat().st_mode & 0o7777
    import tempfile  # here, not at the top: only a rewrite needs it, every run reads

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def folder_error(exc: OSError, folder: str | os.PathLike[str]) -> ReadError:
    """The error for a folder that cannot be listed (EXC, from `os.scandir`)."""
    name = os.fspath(exc.filename) if exc.filename else os.fspath(folder)
    if isinstance(exc, PermissionError):
        reason = "cannot list the folder: permission denied"
        hint = "give read and search permission (chmod u+rx), or leave it out"
        return ReadError(name, reason, hint)
    return ReadError(name, f"cannot list the folder: {exc.strerror or exc}")


def walk_text_files(
    folder: str | os.PathLike[str], errors: list[ReadError]
) -> list[tuple[Path, str]]:
    """(file, POSIX path relative to FOLDER) of every text or Markdown file under FOLDER,
    hidden files and folders left out, in no particular order; a folder that cannot be
    listed is added to ERRORS and the walk goes on.

    Anything but a folder is listed: a pipe or a device named `*.md` is refused by name
    when it is read (`hupli.files`), never skipped in silence.
    """
    base = Path(folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(
        base, onerror=lambda exc: errors.append(folder_error(exc, base))
    ):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if filename.startswith(".") or not filename.lower().endswith(TEXT_SUFFIXES):
                continue
            path = Path(dirpath) / filename
            found.append((path, path.relative_to(base).as_posix()))
    return found


def iter_files(
    paths: Iterable[str | os.PathLike[str]], errors: list[ReadError] | None = None
) -> Iterator[Path]:
    """Files named, and text/Markdown files under folders named, in a stable order.

    A folder that cannot be listed is added to ERRORS, and the rest goes on; without
    ERRORS, its `ReadError` is raised.
    """
    for item in paths:
        path = Path(item)
        # os.path.isdir, not Path.is_dir: it says False, not raises, when the folder
        # above cannot be searched (the file is then named when it cannot be read).
        if not os.path.isdir(path):
            yield path
            continue
        problems: list[ReadError] = []
        found = walk_text_files(path, problems)
        if problems and errors is None:
            raise problems[0]
        if errors is not None:
            errors.extend(problems)
        yield from sorted(file for file, _relpath in found)
