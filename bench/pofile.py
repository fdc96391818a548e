"""A small reader for gettext PO files (stdlib only): msgid, msgstr, flags, references."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: str
    msgctxt: str | None
    flags: frozenset[str]
    references: tuple[str, ...]  # "C/page.page:42"
    paths: tuple[str, ...]  # itstool's "#. (itstool) path:" comments

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Used by msgfmt: a non-empty msgstr that is not fuzzy."""
        return bool(self.msgstr) and not self.fuzzy


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a PO string: {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse(text: str) -> list[Entry]:
    """Entries in file order; obsolete (`#~`) entries and the header are left out."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    refs: list[str] = []
    paths: list[str] = []
    current: str | None = None

    def close() -> None:
        nonlocal current
        if fields.get("msgid"):
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgstr=fields.get("msgstr", fields.get("msgstr[0]", "")),
                    msgctxt=fields.get("msgctxt"),
                    flags=frozenset(flags),
                    references=tuple(refs),
                    paths=tuple(paths),
                )
            )
        fields.clear()
        flags.clear()
        refs.clear()
        paths.clear()
        current = None

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#:"):
            refs.extend(line[2:].split())
        elif line.startswith("#. (itstool) path:"):
            paths.append(line.split(":", 1)[1].strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current is not None:
                fields[current] += _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword.startswith("msg"):
                if keyword == "msgctxt" and "msgid" in fields:
                    close()
                current = keyword
                fields[current] = _unquote(rest)
    close()
    return entries


def load(path: Path) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"))
