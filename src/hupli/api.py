"""hupli as a library: one function per job, each returning its results.

The command line (`hupli.cli`) parses options, calls one of these, hands the result to a
writer in `hupli.report` and turns it into an exit code; programs call them directly. None
of them prints or exits. An input that cannot be read is an error in the result (a
`HupliError` naming the file), so one bad file does not stop a run; a bad configuration or
setting raises.

>>> from hupli.api import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> [(link.source, link.target, link.status) for link in result.links]
[((0,), (0,), 'ok')]

The jobs: `align_paths`, `align_texts` and `align_pair` (a pair of files, with its
history), `accept` (record a pair as up to date), `normalise_file` (with its corpus's
configuration, `normalise_config`) and `write_normalised`, `ingest`, `open_corpus`, `pair`,
`corpus_status`, `lint_corpus` (and `changed_since`, the files a pull request changes),
`export_pair`, `export_corpus` and `export` (alignments → TMX, XLIFF, CSV or HTML). The
stages' own entry points are handed on: `load_document`, `document_from_text`,
`align_documents`.

What changed in an original since its translation was accepted is looked up the same way
for every job (`pair_history`): an older copy of the original given with `since` wins;
otherwise the pair's record under its corpus root (unless asked not to). A record made for
another translation is not applied, and a note says so. A record that cannot be read is an
error in the result naming the file, and the pair is reported without its history.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from hupli.align import align_documents
from hupli.corpus.root import corpus_root_of, records_folder
from hupli.document import document_from_text, load_document
from hupli.model import Alignment, ConfigError, Decoded, Document, HupliError, ReadError
from hupli.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from hupli.cache import Cache
    from hupli.corpus.config import Config, ConfigCache
    from hupli.corpus.discover import Corpus
    from hupli.corpus.history.compare import HistoryReport
    from hupli.corpus.ingest import IngestResult
    from hupli.corpus.lint import LintRun
    from hupli.corpus.pair import Pairing
    from hupli.corpus.status import Status
    from hupli.document.normalise import Normalised
    from hupli.report.units import Export

    # Progress: a job that reads a corpus can show how far it is. `progress(total, what)`
    # gives a context whose value is called with each item done (or is None: nothing to
    # show).
    Advance = Callable[[str], None]
    Progress = Callable[[int, str], AbstractContextManager[Advance | None]]

__all__ = [
    "Inputs",
    "NoDocumentsError",
    "PairResult",
    "accept",
    "align_documents",
    "align_pair",
    "align_paths",
    "align_texts",
    "changed_since",
    "config_for_paths",
    "corpus_status",
    "document_from_text",
    "export",
    "export_corpus",
    "export_pair",
    "ingest",
    "lint_corpus",
    "load_document",
    "normalise_config",
    "normalise_file",
    "open_cache",
    "open_corpus",
    "output_overwrites",
    "pair",
    "pair_history",
    "pair_settings",
    "write_output",
]


def _bar(
    progress: Progress | None, total: int, what: str
) -> AbstractContextManager[Advance | None]:
    return progress(total, what) if progress else nullcontext(None)


def open_cache(near: str | os.PathLike[str], *, enabled: bool = True) -> Cache:
    """The cache of the project NEAR belongs to (see `hupli.cache`); disabled, one that
    keeps nothing."""
    from hupli.cache import Cache, default_location
    from hupli.corpus.root import project_root

    if not enabled:
        return Cache.disabled()
    return Cache(default_location(project_root(near)))


def config_for_paths(
    paths: Sequence[str | os.PathLike[str]], config_path: str | os.PathLike[str] | None = None
) -> Config:
    """The configuration that applies to the files at PATHS: CONFIG_PATH when given, else
    that of the corpus they belong to, found as a corpus command finds it
    (`hupli.corpus.config.config_for_files`). Every command that reads documents takes its
    settings from here or from its corpus, so `align`, `normalise` and `lint` agree.
    Raises `ConfigError`."""
    from hupli.corpus.config import config_for_files

    return config_for_files(paths, config_path)


def pair_settings(
    paths: Sequence[str | os.PathLike[str]],
    config_path: str | os.PathLike[str] | None = None,
    *,
    source_language: str | None = None,
    target_language: str | None = None,
) -> tuple[Settings, Config]:
    """The settings for aligning the files at PATHS (`config_for_paths`), with the
    languages of the original and the translation overridden when given; and the
    configuration they came from."""
    config = config_for_paths(paths, config_path)
    settings = config.settings
    if source_language or target_language:
        source = source_language or settings.source_language
        target = target_language or settings.target_language
        languages = tuple(dict.fromkeys((source, target, *settings.languages)))
        settings = settings.with_(
            source_language=source, target_language=target, languages=languages
        )
    return settings, config


# --- one pair of documents ---------------------------------------------------------------


def align_paths(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    settings: Settings | None = None,
    cache: Cache | None = None,
) -> Alignment:
    """Align two files; raises `ReadError` for one that cannot be read."""
    settings = settings or Settings()
    return align_documents(
        load_document(source, settings, cache),
        load_document(target, settings, cache),
        settings,
        cache,
    )


def align_texts(
    source_text: str,
    target_text: str,
    settings: Settings | None = None,
    source_path: str = "original.md",
    target_path: str = "translation.md",
) -> Alignment:
    """Align two texts."""
    settings = settings or Settings()
    return align_documents(
        document_from_text(source_text, source_path, settings),
        document_from_text(target_text, target_path, settings),
        settings,
    )


# The results below are plain classes: defining a dataclass or a named tuple costs a
# millisecond or so, and this module is loaded by every command, cached runs included.


class PairResult:
    """A pair of files aligned, with what changed in the original since its translation."""

    __slots__ = ("accepted", "alignment", "errors", "history", "notes")

    def __init__(
        self,
        alignment: Alignment | None,
        accepted: Alignment | None = None,
        history: HistoryReport | None = None,
        notes: tuple[str, ...] = (),
        errors: tuple[HupliError, ...] = (),
    ) -> None:
        self.alignment = alignment  # with the history's findings; None: an input is unreadable
        self.accepted = accepted  # the alignment before the history (what a record keeps)
        self.history = history  # None: nothing to compare with
        self.notes = notes
        self.errors = errors


def pair_history(
    alignment: Alignment,
    settings: Settings,
    *,
    since: str | os.PathLike[str] | None = None,
    record: bool = True,
    root: str | os.PathLike[str] | None = None,
) -> PairResult:
    """ALIGNMENT with what changed in its original since the translation: the one policy.

    SINCE, an older copy of the original, wins; else, with RECORD, the pair's record under
    ROOT (given by a corpus command, else the original's corpus root). Records are small
    files read on every run, never cached: accepting a pair or editing the original must
    show at once.
    """
    from_record = not since
    if from_record:
        folder = (
            Path(root) if root else corpus_root_of(alignment.source.path, settings.source_language)
        )
        # Looked for only where records can be, so a run without any never loads the
        # history modules, and a corpus of 10,000 pages asks one folder, not every path.
        if not record or not records_folder(folder).is_dir():
            return PairResult(alignment, alignment)
    from hupli.corpus.history import compare

    try:
        if since:
            older = load_document(since, settings)
            report = compare.compare_with_original(alignment, older, settings)
        else:
            found = compare.compare_with_record(alignment, folder, settings)
            if found is None:
                return PairResult(alignment, alignment)
            report = found
    except HupliError as exc:
        return PairResult(alignment, alignment, errors=(exc,))
    annotated = compare.annotate(alignment, report) if report.applicable else alignment
    return PairResult(annotated, alignment, report, report.notes)


def align_pair(
    original: str | os.PathLike[str],
    translation: str | os.PathLike[str],
    settings: Settings | None = None,
    cache: Cache | None = None,
    *,
    since: str | os.PathLike[str] | None = None,
    history: bool = True,
) -> PairResult:
    """Align two files and compare the original with what its translation was made from
    (`pair_history`; `history=False` looks at no record, `since` is looked at anyway)."""
    settings = settings or Settings()
    documents: list[Document] = []
    errors: list[HupliError] = []
    for path in (original, translation):
        try:
            documents.append(load_document(path, settings, cache))
        except HupliError as exc:
            errors.append(exc)
    if errors:
        return PairResult(None, errors=tuple(errors))
    alignment = align_documents(documents[0], documents[1], settings, cache)
    return pair_history(alignment, settings, since=since, record=history)


def accept(alignment: Alignment, settings: Settings) -> Path:
    """Record ALIGNMENT as the accepted translation of its original; the record's path.
    Raises `ReadError` when the record cannot be written."""
    from hupli.corpus.history.records import write_record

    try:
        return write_record(alignment, source_language=settings.source_language)
    except OSError as exc:
        raise ReadError(alignment.source.path, f"cannot write its record: {exc}") from None


# --- one file: normalise; files into a corpus: ingest ------------------------------------


class NormaliseResult:
    """A file as read (its bytes and their text), and as normalised."""

    __slots__ = ("data", "decoded", "normalised")

    def __init__(self, decoded: Decoded, normalised: Normalised, data: bytes = b"") -> None:
        self.decoded = decoded
        self.normalised = normalised
        self.data = data  # the bytes read: a rewrite in place checks they are still there

    @property
    def rules(self) -> tuple[str, ...]:
        """What a rewrite changes: the rules that change the text, a repaired encoding, a
        change of encoding to UTF-8 (`hupli.document.normalise.file_changes`)."""
        from hupli.document.normalise import file_changes

        return file_changes(self.decoded, self.normalised.rules)

    @property
    def changed(self) -> bool:
        return bool(self.rules)


def normalise_config(
    path: str | os.PathLike[str],
    config_path: str | os.PathLike[str] | None = None,
    seen: ConfigCache | None = None,
) -> Config:
    """The configuration `normalise` applies to the page at PATH: `config_for_paths` of
    that one page (CONFIG_PATH when given, else its corpus's, as `lint` of that corpus
    reads it), through `config_for_page`, whose SEEN keeps what one run has read, so a
    folder of pages reads its configuration once. Raises `ConfigError`."""
    from hupli.corpus.config import config_for_page

    return config_for_page(path, config_path, seen)


def normalise_file(
    path: str | os.PathLike[str],
    disable: Sequence[str] = (),
    *,
    config_path: str | os.PathLike[str] | None = None,
    configs: ConfigCache | None = None,
) -> NormaliseResult:
    """Read a file and normalise its text, with the rules its configuration
    (`normalise_config`, through CONFIGS) turns off and those in DISABLE; raises
    `ReadError`, and `ConfigError` for a configuration that cannot be used."""
    from hupli.document.normalise import normalise
    from hupli.document.read import decode_bytes, read_bytes

    config = normalise_config(path, config_path, configs)
    disabled = set(disable) | config.settings.disabled_rules
    name = os.fspath(path)
    data = read_bytes(name)
    decoded = decode_bytes(data, name)
    return NormaliseResult(decoded, normalise(decoded.text, disabled, decoded.markup), data)


def write_normalised(path: str | os.PathLike[str], result: NormaliseResult) -> None:
    """Rewrite a file with its normalised text as UTF-8, keeping its BOM and newlines, and
    keeping links to it (`hupli.document.rewrite`); raises `ReadError`."""
    from hupli.document.read import encode_text
    from hupli.document.rewrite import rewrite

    rewrite(path, encode_text(result.normalised.text, result.decoded), result.data)


def text_files(
    paths: Sequence[str | os.PathLike[str]], errors: list[ReadError] | None = None
) -> Iterator[Path]:
    """The files named, and the text and Markdown files under the folders named; a folder
    that cannot be listed goes to ERRORS (without ERRORS, its `ReadError` is raised)."""
    from hupli.document.read import iter_files

    return iter_files(paths, errors)


# --- writing a report --------------------------------------------------------------------


def output_overwrites(
    output: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str] | None] = (),
    *,
    corpus: str | os.PathLike[str] | None = None,
    config_path: str | None = None,
) -> str | None:
    """The input a report written to OUTPUT would overwrite, if any: one of FILES, or a
    document, record or configuration file of the CORPUS folder. Compared as files on
    disk (`os.path.samefile`), so another spelling, a symlink or a hard link of an input is
    caught too. Raises `ConfigError` for a corpus configuration that cannot be read."""
    if not os.path.exists(output):
        return None  # what does not exist yet is no input
    candidates = [f for f in files if f is not None]
    if corpus is not None:
        from hupli.corpus.config import load_config
        from hupli.corpus.discover import discover

        corpus = os.fspath(corpus)
        config = load_config(corpus, config_path)
        if config.source:
            candidates.append(config.source)
        # Documents and records are all under the corpus folder: only an output there can
        # be one of them, and only then is the folder walked.
        inside = os.path.realpath(output).startswith(os.path.join(os.path.realpath(corpus), ""))
        if inside:
            candidates.extend(path for path, _relpath in discover(corpus, config, []))
            folder = records_folder(corpus)
            candidates.extend(folder.rglob("*.json") if folder.is_dir() else ())
    for candidate in candidates:
        if _same_file(output, candidate):
            return os.fspath(candidate)
    return None


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # B does not exist (or cannot be looked at): compare the paths
        return os.path.realpath(a) == os.path.realpath(b)


def record_of(original: str | os.PathLike[str], settings: Settings | None = None) -> Path:
    """Where the record of ORIGINAL is (or would be) kept."""
    from hupli.corpus.history.records import record_path

    return record_path(original, source_language=(settings or Settings()).source_language)


def write_output(path: str | os.PathLike[str], text: str) -> None:
    """Write a report or an export to PATH as UTF-8, atomically: a temporary file beside it,
    synced, then renamed over it, so a failure (a full disk, a kill) leaves PATH as it was.
    A symlink stays a link (its target is written); a pipe or a device such as
    `/dev/stdout` is written to directly, there being no file to replace. Raises
    `WriteError` naming PATH and what to do."""
    import stat

    from hupli.document.read import write_atomic
    from hupli.files import write_error

    name = os.fspath(path)
    target = os.path.realpath(name)
    data = text.encode("utf-8")
    try:
        try:
            mode = os.stat(target).st_mode
        except FileNotFoundError:
            mode = stat.S_IFREG
        if stat.S_ISREG(mode):
            write_atomic(target, data)
        else:
            with open(target, "wb") as handle:
                handle.write(data)
    except OSError as exc:
        raise write_error(name, exc) from None


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    root: str | os.PathLike[str],
    config_path: str | None = None,
    *,
    dry_run: bool = False,
) -> IngestResult:
    """Bring raw exports into the corpus at ROOT (see `hupli.corpus.ingest`)."""
    from hupli.corpus.config import load_config
    from hupli.corpus.ingest import ingest as run_ingest

    return run_ingest(paths, root, load_config(os.fspath(root), config_path), dry_run=dry_run)


# --- a corpus ----------------------------------------------------------------------------


def open_corpus(
    root: str | os.PathLike[str],
    config: Config | None = None,
    *,
    config_path: str | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Read every document of the corpus at ROOT with its configuration (given, or from
    CONFIG_PATH, or found); unreadable files are the corpus's `errors`. Raises `HupliError`
    for a configuration that cannot be used, and `NoDocumentsError` when no document could
    be read."""
    from hupli.corpus.config import load_config
    from hupli.corpus.discover import count_files, load_corpus

    root = os.fspath(root)
    config = config or load_config(root, config_path)
    # Walking the folder only to size a bar nobody sees took a second at 10,000 pages.
    total = count_files(root, config) if progress else 0
    with _bar(progress, total, "reading") as advance:
        corpus = load_corpus(root, config, progress=advance, jobs=jobs, cache=cache)
    if not corpus.entries:
        raise NoDocumentsError(root, corpus.errors)
    return corpus


class NoDocumentsError(HupliError):
    """A corpus with no document that could be read. Never a clean result: a mistyped path
    in CI must not pass. `errors` are the files that could not be read."""

    def __init__(self, root: str, errors: Sequence[ReadError] = ()) -> None:
        self.errors = tuple(errors)
        if errors:
            why = f"none of its {len(errors)} file(s) or folder(s) could be read"
        else:
            why = "no .md, .markdown, .txt or .text file; check the path"
        super().__init__(f"no documents found in {root} ({why})")


def pair(
    corpus: Corpus,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Pairing:
    """Which translation belongs to which original (see `hupli.corpus.pair`)."""
    from hupli.corpus.pair import pair_corpus

    with _bar(progress, len(corpus.entries), "pairing") as advance:
        return pair_corpus(corpus, cache=cache, progress=advance, jobs=jobs)


def _aligned(
    corpus: Corpus,
    pairing: Pairing,
    *,
    jobs: int,
    cache: Cache | None,
    progress: Progress | None,
) -> tuple[list[Alignment], list[ReadError], list[str]]:
    """Every pair of the corpus aligned, with its history; what could not be read; notes."""
    from hupli.corpus.status import align_pairs

    with _bar(progress, len(pairing.pairs), "aligning") as advance:
        aligned = align_pairs(corpus, pairing.pairs, jobs=jobs, cache=cache, progress=advance)
    alignments: list[Alignment] = []
    errors: list[ReadError] = []
    notes: list[str] = []
    if not records_folder(corpus.root).is_dir():
        return aligned, errors, notes  # no pair has a record: one question, not one a pair
    settings = corpus.config.settings
    for alignment in aligned:
        # The corpus root is the folder the command was given.
        found = pair_history(alignment, settings, root=corpus.root)
        alignments.append(found.alignment or alignment)
        errors.extend(
            e if isinstance(e, ReadError) else ReadError(alignment.source.path, str(e))
            for e in found.errors
        )
        notes.extend(found.notes)
    return alignments, errors, notes


def corpus_status(
    corpus: Corpus,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Status:
    """Pair the corpus and align every pair: how complete its translation is.

    `jobs` > 1 pairs and aligns a large corpus in that many processes; the result is the
    same for any `jobs`. With a `cache`, what was seen before is not computed again.
    """
    from hupli.corpus.status import summarise

    pairing = pair(corpus, jobs=jobs, cache=cache, progress=progress)
    alignments, errors, notes = _aligned(corpus, pairing, jobs=jobs, cache=cache, progress=progress)
    return summarise(corpus, pairing, alignments, errors=errors, notes=notes)


def lint_corpus(
    root: str | os.PathLike[str],
    *,
    config_path: str | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> tuple[LintRun, Config]:
    """Every problem of the corpus at ROOT as located findings, and its configuration.

    An unchanged corpus (same files, same bytes, same configuration and records) is not
    read again: CI re-linting a corpus nobody touched takes a stat per file.
    """
    from hupli.corpus.config import load_config
    from hupli.corpus.lint import cached_lint, lint_run, store_lint

    root = os.fspath(root)
    config = None
    if cache is not None and cache.enabled:
        try:
            config = load_config(root, config_path)
            cached = cached_lint(root, config, cache)
        except HupliError:
            cached = None  # reported when the corpus is opened below
        if cached is not None and config is not None:
            return cached, config
    corpus = open_corpus(
        root, config, config_path=config_path, jobs=jobs, cache=cache, progress=progress
    )
    status = corpus_status(corpus, jobs=jobs, cache=cache, progress=progress)
    run = lint_run(status)
    if cache is not None:
        store_lint(status, run, cache)
    return run, corpus.config


def changed_since(ref: str, near: str | os.PathLike[str] = ".") -> list[str]:
    """The files a pull request changes: `git diff --name-only REF...HEAD` in the checkout
    NEAR is in, as absolute paths. Raises `HupliError` outside a git checkout, without
    git, or for a REF git does not know."""
    import subprocess

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", os.fspath(near), *args],
                capture_output=True,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise HupliError("--changed-since needs git, which is not installed") from None
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise HupliError(f"git {' '.join(args)}: {reason[-1] if reason else 'failed'}")
        return done.stdout.decode("utf-8", "surrogateescape")

    try:
        top = git("rev-parse", "--show-toplevel").strip()
    except HupliError as exc:
        raise HupliError(
            f"--changed-since works in a git checkout; {os.fspath(near)} is not in one ({exc})"
        ) from None
    names = git("diff", "--name-only", "-z", f"{ref}...HEAD", "--").split("\0")
    return [os.path.join(top, name) for name in names if name]


# --- exports -----------------------------------------------------------------------------


class Inputs:
    """Alignments to export, with what could not be read or paired, in corpus order."""

    __slots__ = (
        "alignments",
        "errors",
        "methods",
        "notes",
        "orphans",
        "signature",
        "source_language",
        "target_language",
        "untranslated",
        "untranslated_documents",
    )

    def __init__(
        self,
        alignments: tuple[Alignment, ...],
        errors: tuple[HupliError, ...] = (),
        notes: tuple[str, ...] = (),
        *,
        untranslated: tuple[str, ...] = (),
        orphans: tuple[str, ...] = (),
        methods: tuple[str, ...] = (),
        source_language: str = "fi",
        target_language: str = "en",
        untranslated_documents: tuple[tuple[Document, str], ...] = (),
        signature: str = "",
    ) -> None:
        self.alignments = alignments
        self.errors = errors
        self.notes = notes  # worth telling on stderr (unpaired originals, …)
        self.untranslated = untranslated  # originals without a translation (corpus only)
        self.orphans = orphans  # translations without an original (corpus only)
        self.methods = methods  # how each pair was found (corpus only)
        self.source_language = source_language
        self.target_language = target_language
        # The originals without a translation as documents, each with why (corpus only):
        # an XLIFF work package asks for every block of them.
        self.untranslated_documents = untranslated_documents
        self.signature = signature  # the settings' (corpus only; alignments carry theirs)


def export_pair(
    original: str | os.PathLike[str],
    translation: str | os.PathLike[str],
    settings: Settings,
    cache: Cache | None = None,
) -> Inputs:
    """Align two files, with their history, for export."""
    result = align_pair(original, translation, settings, cache)
    return Inputs(
        (result.alignment,) if result.alignment is not None else (),
        result.errors,
        result.notes,
        source_language=settings.source_language,
        target_language=settings.target_language,
    )


def export_corpus(
    root: str | os.PathLike[str],
    *,
    config_path: str | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Inputs:
    """Read a corpus folder (with its hupli.toml or [tool.hupli]), pair and align it, with
    each pair's history, for export.

    Like `hupli status`, in up to `jobs` processes and through `cache`: the same result
    for any `jobs`, and a corpus seen before is not read or aligned again.
    """
    corpus = open_corpus(root, config_path=config_path, jobs=jobs, cache=cache)
    pairing = pair(corpus, jobs=jobs, cache=cache)
    alignments, errors, history_notes = _aligned(
        corpus, pairing, jobs=jobs, cache=cache, progress=None
    )
    settings = corpus.config.settings
    notes = [*pairing.problems, *history_notes]
    notes.extend(f"{u.path}: no translation ({u.reason})" for u in pairing.untranslated)
    documents = corpus.by_path()
    return Inputs(
        tuple(alignments),
        (*corpus.errors, *errors),
        tuple(notes),
        untranslated=tuple(u.path for u in pairing.untranslated),
        orphans=tuple(u.path for u in pairing.orphans),
        methods=tuple(p.method for p in pairing.pairs),
        source_language=settings.source_language,
        target_language=settings.target_language,
        untranslated_documents=tuple(
            (documents[u.path].document, u.reason)
            for u in pairing.untranslated
            if u.path in documents
        ),
        signature=settings.signature,
    )


def export(
    fmt: str,
    alignments: Sequence[Alignment],
    *,
    source_code: str = "fi",
    target_code: str = "en",
    segment: str = "paragraph",
    bom: bool = False,
    untranslated: Sequence[tuple[Document, str]] = (),
    signature: str = "",
) -> Export:
    """Write ALIGNMENTS as `tmx`, `xliff`, `csv` or `html` (one page; several make a corpus
    page without its lists of unpaired documents). An XLIFF work package also asks for
    every block of the UNTRANSLATED originals (each with why it has no translation), read
    with the settings of SIGNATURE."""
    if fmt == "tmx":
        from hupli.report.tmx import to_tmx

        return to_tmx(alignments, source_code=source_code, target_code=target_code, segment=segment)
    if fmt == "xliff":
        from hupli.report.xliff import to_xliff

        return to_xliff(
            alignments,
            source_code=source_code,
            target_code=target_code,
            untranslated=untranslated,
            signature=signature,
        )
    if fmt == "csv":
        from hupli.report.csv import to_csv

        return to_csv(alignments, bom=bom)
    if fmt == "html":
        from hupli.report.html import CorpusEntry, alignment_html, corpus_html
        from hupli.report.units import Export

        if len(alignments) == 1:
            return Export(alignment_html(alignments[0]), 1)
        entries = [CorpusEntry(a.source.path, a.target.path, a) for a in alignments]
        return Export(corpus_html(entries), len(entries))
    raise ConfigError(f"unknown export format {fmt!r}")
