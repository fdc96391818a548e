"""Records of accepted translations: what the original said when its translation was
last brought up to date.

When a translator accepts an alignment (`hupli accept ORIGINAL TRANSLATION`, or
`hupli align … --record`), hupli writes a *record* of the pair into the corpus: for each
block of the original its fingerprint, kind and normalised text, and the translation blocks
it maps to.

Where records live: under the corpus root of the original (`hupli.corpus.root`). The
record of `corpus/fi/page.md` is `corpus/.hupli/records/fi/page.md.json`, a path a person
can guess and git can track next to the pages it describes.

The record is JSON with one block per line and paths relative to the corpus root, so a
`git diff` of a record reads as "this paragraph changed", and checkouts elsewhere agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hupli import __version__
from hupli.corpus.root import corpus_root_of, records_folder
from hupli.files import MAX_BYTES, read_regular
from hupli.model import Alignment, ReadError

RECORD_FORMAT = "hupli-record/1"
# A record holds its page's text and a fingerprint per block: a little over the page.
RECORD_MAX_BYTES = 2 * MAX_BYTES
# What to do about a record that cannot be read, said with every such error.
RECORD_HINT = (
    "delete the file, or run `hupli accept ORIGINAL TRANSLATION` to write it again, "
    "or use `--no-history` to ignore it"
)


class RecordError(ReadError):
    """A record file cannot be read or does not hold a hupli record."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(str(path), reason, RECORD_HINT)


# --- fingerprints and paths ------------------------------------------------------------


def normalise_for_fingerprint(text: str) -> str:
    """The form two blocks must share to count as unchanged: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    """Short stable hash of a block's normalised text.

    >>> fingerprint("Hei  maailma") == fingerprint("Hei maailma")
    True
    """
    digest = hashlib.sha256(normalise_for_fingerprint(text).encode("utf-8"))
    return digest.hexdigest()[:16]


def display_path(path: str | os.PathLike[str]) -> str:
    """PATH relative to the working folder when it lies below it, as people typed it."""
    relative = os.path.relpath(Path(path).resolve())
    return str(path) if relative.startswith("..") else relative


def corpus_relative(path: str | os.PathLike[str], root: Path) -> str:
    """PATH relative to the corpus ROOT, with POSIX separators, as records name pages."""
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


def record_path(
    original: str | os.PathLike[str],
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path:
    """Where the record for ORIGINAL lives: `<corpus root>/.hupli/records/<original>.json`."""
    root = Path(corpus_root) if corpus_root else corpus_root_of(original, source_language)
    relative = corpus_relative(original, root)
    # An original outside its corpus root (given explicitly) must not escape the records folder.
    safe = "/".join("__" if part == ".." else part for part in relative.split("/"))
    return records_folder(root) / f"{safe}.json"


# --- the record ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordBlock:
    fingerprint: str
    kind: str
    text: str
    target: tuple[int, ...]  # translation block indices this block was translated as


@dataclass(frozen=True)
class Record:
    original: str  # relative to the corpus root, POSIX separators
    translation: str
    signature: str
    version: str
    blocks: tuple[RecordBlock, ...]
    translation_blocks: tuple[str, ...]  # fingerprint of each translation block

    def to_text(self) -> str:
        """Deterministic JSON, one block per line, so `git diff` shows which block changed."""

        def dump(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)

        lines = [
            "{",
            f'  "format": {dump(RECORD_FORMAT)},',
            f'  "hupli": {dump(self.version)},',
            f'  "original": {dump(self.original)},',
            f'  "signature": {dump(self.signature)},',
            f'  "translation": {dump(self.translation)},',
            '  "blocks": [',
        ]
        rows = [
            "    "
            + dump(
                {
                    "fingerprint": b.fingerprint,
                    "kind": b.kind,
                    "target": list(b.target),
                    "text": b.text,
                }
            )
            for b in self.blocks
        ]
        if rows:
            lines.append(",\n".join(rows))
        lines.append("  ],")
        lines.append('  "translation_blocks": [')
        fps = [f"    {dump(fp)}" for fp in self.translation_blocks]
        if fps:
            lines.append(",\n".join(fps))
        lines.append("  ]")
        lines.append("}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str, path: str | os.PathLike[str] = "<record>") -> Record:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(path, f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise RecordError(path, f"not a hupli record (format {found!r}, want {RECORD_FORMAT})")
        try:
            blocks = tuple(
                RecordBlock(
                    fingerprint=str(b["fingerprint"]),
                    kind=str(b["kind"]),
                    text=str(b["text"]),
                    target=tuple(int(t) for t in b["target"]),
                )
                for b in data["blocks"]
            )
            return cls(
                original=str(data["original"]),
                translation=str(data["translation"]),
                signature=str(data.get("signature", "")),
                version=str(data.get("hupli", "")),
                blocks=blocks,
                translation_blocks=tuple(str(fp) for fp in data.get("translation_blocks", [])),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(path, f"record is damaged: bad or missing field {exc}") from None


def target_map(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    """Original block index → the translation blocks its link holds."""
    mapping: dict[int, tuple[int, ...]] = {}
    for link in alignment.links:
        for i in link.source:
            mapping[i] = link.target
    return mapping


def build_record(alignment: Alignment, corpus_root: str | os.PathLike[str]) -> Record:
    """The record of an accepted alignment, paths relative to CORPUS_ROOT."""
    root = Path(corpus_root)
    mapping = target_map(alignment)
    return Record(
        original=corpus_relative(alignment.source.path, root),
        translation=corpus_relative(alignment.target.path, root),
        signature=alignment.signature,
        version=__version__,
        blocks=tuple(
            RecordBlock(fingerprint(b.text), b.kind, b.text, mapping.get(b.index, ()))
            for b in alignment.source.blocks
        ),
        translation_blocks=tuple(fingerprint(b.text) for b in alignment.target.blocks),
    )


def write_record(
    alignment: Alignment,
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path:
    """Record ALIGNMENT as accepted; return the record's path. Written atomically."""
    from hupli.document.read import write_atomic

    root = (
        Path(corpus_root) if corpus_root else corpus_root_of(alignment.source.path, source_language)
    )
    path = record_path(alignment.source.path, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, build_record(alignment, root).to_text().encode("utf-8"))
    return path


def read_record(path: str | os.PathLike[str]) -> Record:
    try:
        text = read_regular(path, RECORD_MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(path, "not UTF-8 text") from None
    except ReadError as exc:
        raise RecordError(path, f"cannot read: {exc.reason}") from None
    return Record.from_text(text, path)


def find_record(
    original: str | os.PathLike[str],
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path | None:
    """The record file of ORIGINAL, if there is one."""
    path = record_path(original, corpus_root, source_language)
    return path if path.is_file() else None


def records_digest(root: str | os.PathLike[str]) -> str:
    """A digest of every record of the corpus at ROOT. Records are part of what a corpus
    run reports, but not corpus files: `hupli accept` must change a cached result's key as
    much as an edit does."""
    digest = hashlib.sha256()
    folder = records_folder(root)
    for path in sorted(folder.rglob("*.json")) if folder.is_dir() else ():
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        try:
            data = read_regular(path, RECORD_MAX_BYTES)
        except ReadError as exc:  # reported when the record itself is read
            data = f"unreadable: {exc.reason}".encode()
        digest.update(data + b"\0")
    return digest.hexdigest()
