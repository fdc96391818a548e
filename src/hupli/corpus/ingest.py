"""Bring raw CMS exports into the corpus under clear, stable names, with provenance.

For each input file: decode it, normalise it, detect its language, and write the normalised
text as UTF-8 with LF endings to `<corpus>/<language>/<slug>.md|.txt`, the slug made from
the title (the first heading of two or more words, else the first such block). The original bytes
are kept untouched in `<corpus>/.hupli/originals/<language>/<slug>.md|.txt`
(its own suffix added when it differs; hidden, so `hupli normalise --write corpus/` never
rewrites them), and what happened is
recorded in `<corpus>/provenance.json`: original path, encoding, newline, detected language,
SHA-256 of the original bytes and of the written text, and the normalisation rules applied.
The file has sorted keys and no timestamps, so git shows a readable diff and re-ingesting
changes nothing.

Outcomes, one per input: `add` (written), `unchanged` (these exact bytes were ingested
before, or the corpus already holds exactly this text), `collision` (another document
already has the name: reported, never overwritten). `dry_run` plans without writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hupli.corpus.config import Config
from hupli.corpus.discover import declared_language
from hupli.document.normalise import file_changes
from hupli.document.read import iter_files, read_bytes
from hupli.files import write_error
from hupli.model import HEADING, Document, FileError, ReadError, WriteError

PROVENANCE = "provenance.json"
ORIGINALS = ".hupli/originals"
SLUG_MAX = 60

ADD, UNCHANGED, COLLISION = "add", "unchanged", "collision"


@dataclass(frozen=True)
class IngestAction:
    source: str  # the input file as given
    relpath: str  # where it goes in the corpus (POSIX, relative to the corpus root)
    action: str  # "add", "unchanged" or "collision"
    language: str
    encoding: str
    checksum: str  # SHA-256 of the original bytes
    rules: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class IngestResult:
    actions: tuple[IngestAction, ...]
    errors: tuple[FileError, ...]  # inputs that could not be read, files not written

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions if a.action == action)


def slugify(title: str) -> str:
    """A file name from a title: ASCII letters and digits joined by hyphens.

    >>> slugify("Blogi: Suljettujen ovien mahdollisuus")
    'blogi-suljettujen-ovien-mahdollisuus'
    >>> slugify("Kunta-alan kekseliäät kehittäjät korona-aikana")
    'kunta-alan-kekseliaat-kehittajat-korona-aikana'
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[SLUG_MAX // 2 :] else cut
    return slug


def title_of(document: Document) -> str:
    """The first heading of two or more words ("Uutinen" is a label, not a title), else the
    first block of two or more words, else the first block."""
    for block in document.blocks:
        if block.kind == HEADING and len(block.text.split()) >= 2 and slugify(block.text):
            return block.text
    for block in document.blocks:
        if len(block.text.split()) >= 2 and slugify(block.text):
            return block.text
    return document.blocks[0].text if document.blocks else ""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_provenance(root: Path) -> dict[str, dict[str, Any]]:
    path = root / PROVENANCE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        from hupli.model import ConfigError

        raise ConfigError(f"{path}: cannot read provenance: {exc}") from None
    return dict(data.get("documents", {}))


def _provenance_text(documents: dict[str, dict[str, Any]]) -> str:
    data = {"version": 1, "documents": documents}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    root: str | os.PathLike[str],
    config: Config,
    *,
    dry_run: bool = False,
) -> IngestResult:
    """Ingest files and folders into the corpus at `root` (created when missing)."""
    from hupli.document.build import build_document
    from hupli.document.normalise import normalise
    from hupli.document.read import decode_bytes

    root = Path(root)
    settings = config.settings
    provenance = read_provenance(root)
    by_checksum = {entry.get("sha256"): rel for rel, entry in provenance.items()}
    planned: dict[str, str] = {}  # relpath → checksum, for names taken within this run
    actions: list[IngestAction] = []
    errors: list[FileError] = []
    writes: list[tuple[IngestAction, bytes, bytes, dict[str, Any]]] = []
    unlisted: list[ReadError] = []
    for path in iter_files(paths, unlisted):
        source = os.fspath(path)
        try:
            data = read_bytes(source)
            decoded = decode_bytes(data, source)
            document = build_document(decoded, settings)
        except ReadError as exc:
            errors.append(exc)
            continue
        checksum = _sha256(data)
        language = document.language
        if language not in settings.languages:
            declared = declared_language(Path(source).name, settings.languages)[0]
            declared = (
                declared
                or declared_language("/".join(Path(source).parts[-2:]), settings.languages)[0]
            )
            if declared is None:
                errors.append(
                    ReadError(
                        source,
                        "cannot tell the language",
                        "name it page.fi.md or put it in a fi/ folder, then ingest it again",
                    )
                )
                continue
            language = declared
        rules = file_changes(decoded, document.rules_applied)
        slug = slugify(title_of(document)) or slugify(Path(source).stem) or "document"
        suffix = ".md" if document.markup == "markdown" else ".txt"
        relpath = f"{language}/{slug}{suffix}"
        # The corpus holds the page normalised (a document's own text is the file's).
        text_bytes = normalise(decoded.text, settings.disabled_rules, decoded.markup).text.encode(
            "utf-8"
        )

        base = IngestAction(source, relpath, ADD, language, decoded.encoding, checksum, rules)

        def action(
            kind: str, reason: str = "", rel: str = relpath, base: IngestAction = base
        ) -> IngestAction:
            return replace(base, action=kind, reason=reason, relpath=rel)

        if checksum in by_checksum:
            actions.append(action(UNCHANGED, "already ingested", by_checksum[checksum]))
            continue
        if planned.get(relpath) == checksum:
            actions.append(action(UNCHANGED, "named twice in this run"))
            continue
        target = root / relpath
        taken_by = provenance.get(relpath, {}).get("original") if relpath in provenance else None
        if relpath in planned:
            actions.append(action(COLLISION, f"another input of this run takes {relpath}"))
            continue
        if target.exists() or taken_by:
            if target.is_file() and target.read_bytes() == text_bytes:
                actions.append(action(UNCHANGED, "the corpus already holds this text"))
                continue
            who = f" (from {taken_by})" if taken_by else ""
            actions.append(action(COLLISION, f"{relpath} already holds a different document{who}"))
            continue
        planned[relpath] = checksum
        original_suffix = Path(source).suffix.lower()
        original_rel = f"{ORIGINALS}/{relpath}" + (
            original_suffix if original_suffix != suffix else ""
        )
        record: dict[str, Any] = {
            "original": source,
            "original_copy": original_rel,
            "sha256": checksum,
            "normalised_sha256": _sha256(text_bytes),
            "encoding": decoded.encoding,
            "newline": {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[decoded.newline],
            "markup": document.markup,
            "language": language,
            "detected_language": document.language,
            "rules_applied": list(rules),
        }
        act = action(ADD)
        actions.append(act)
        writes.append((act, text_bytes, data, record))
    errors[:0] = unlisted
    if writes and not dry_run:
        failed = _write_all(root, writes, provenance, errors)
        actions = [a for a in actions if a not in failed]
    return IngestResult(tuple(actions), tuple(errors))


def _write_all(
    root: Path,
    writes: list[tuple[IngestAction, bytes, bytes, dict[str, Any]]],
    provenance: dict[str, dict[str, Any]],
    errors: list[FileError],
) -> list[IngestAction]:
    """Write each document and its original bytes, then the provenance; the actions that
    could not be written. Nothing is left half done: a document whose files cannot both be
    written is taken out again, and if the provenance cannot be written, every document
    of the run is; folders this run made and left empty are removed."""
    from hupli.document.read import write_atomic

    made: list[Path] = []  # folders this run created, outermost first
    done: list[tuple[IngestAction, list[Path]]] = []
    failed: list[IngestAction] = []
    for act, text_bytes, data, record in writes:
        written: list[Path] = []
        try:
            for path, content in (
                (root / act.relpath, text_bytes),
                (root / record["original_copy"], data),
            ):
                _make_folders(path.parent, made)
                existed = path.exists()
                write_atomic(path, content)
                if not existed:  # what this run made is what it may take out again
                    written.append(path)
        except WriteError as exc:
            errors.append(exc)
            _remove(written)
            failed.append(act)
            continue
        except OSError as exc:
            errors.append(write_error(exc.filename or root / act.relpath, exc))
            _remove(written)
            failed.append(act)
            continue
        provenance[act.relpath] = record
        done.append((act, written))
    if done:
        try:
            write_atomic(root / PROVENANCE, _provenance_text(provenance).encode("utf-8"))
        except OSError as exc:
            errors.append(write_error(root / PROVENANCE, exc))
            for act, written in done:
                _remove(written)
                failed.append(act)
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: what this run made and could not fill
    return failed


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make FOLDER and any folder above it that is missing, remembering which were made."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise write_error(candidate, exc) from None
        made.append(candidate)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
