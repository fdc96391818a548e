"""hupli as a library: one function per job, each returning results.

>>> from hupli.api import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> [(link.source, link.target, link.status) for link in result.links]
[((0,), (0,), 'ok')]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hupli.align import align_documents
from hupli.document.build import document_from_text, load_document
from hupli.model import Alignment, ConfigError, HupliError
from hupli.report import Export
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

__all__ = ["align_documents", "align_paths", "align_texts", "document_from_text", "load_document"]


def align_paths(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    settings: Settings | None = None,
    cache: Cache | None = None,
) -> Alignment:
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
    settings = settings or Settings()
    return align_documents(
        document_from_text(source_text, source_path, settings),
        document_from_text(target_text, target_path, settings),
        settings,
    )


# --- exports: a pair of files or a corpus ---------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Alignments to export, with what could not be read or paired, in corpus order."""

    alignments: tuple[Alignment, ...]
    errors: tuple[HupliError, ...] = ()
    notes: tuple[str, ...] = ()  # things worth telling on stderr (unpaired originals, …)
    untranslated: tuple[str, ...] = ()  # originals without a translation (corpus only)
    orphans: tuple[str, ...] = ()  # translations without an original (corpus only)
    methods: tuple[str, ...] = ()  # how each pair was found (corpus only)
    source_language: str = "fi"
    target_language: str = "en"


def with_history(alignment: Alignment, settings: Settings) -> tuple[Alignment, list[str]]:
    """ALIGNMENT with "source changed" findings from its pair's record, if it has one."""
    from hupli.corpus.history import compare as history

    try:
        report = history.compare_with_record(alignment, settings=settings)
    except HupliError as exc:
        return alignment, [f"{alignment.source.path}: record not used: {exc}"]
    if report is None:
        return alignment, []
    return history.annotate(alignment, report), list(report.notes)


def align_pair(
    original: str, translation: str, settings: Settings, cache: Cache | None = None
) -> Inputs:
    """Align two files; an unreadable one is an error in the result, not an exception."""
    documents = []
    errors: list[HupliError] = []
    for path in (original, translation):
        try:
            documents.append(load_document(path, settings, cache))
        except HupliError as exc:
            errors.append(exc)
    if errors:
        return Inputs((), tuple(errors))
    alignment, notes = with_history(align_documents(*documents, settings, cache), settings)
    return Inputs(
        (alignment,),
        (),
        tuple(notes),
        source_language=settings.source_language,
        target_language=settings.target_language,
    )


def align_corpus(root: str, *, jobs: int = 1, cache: Cache | None = None) -> Inputs:
    """Load a corpus folder (with its hupli.toml or [tool.hupli]), pair and align it.

    Like `hupli status`, in up to `jobs` processes and through `cache`: the same result
    for any `jobs`, and a corpus seen before is not read or aligned again.
    """
    from hupli.corpus.config import load_config
    from hupli.corpus.discover import load_corpus
    from hupli.corpus.pair import pair_corpus
    from hupli.corpus.status import align_pairs

    config = load_config(root)
    corpus = load_corpus(root, config, jobs=jobs, cache=cache)
    pairing = pair_corpus(corpus, cache=cache, jobs=jobs)
    settings = config.settings
    alignments = []
    notes = list(pairing.problems)
    for alignment in align_pairs(corpus, pairing.pairs, jobs=jobs, cache=cache):
        alignment, history_notes = with_history(alignment, settings)
        alignments.append(alignment)
        notes.extend(history_notes)
    notes.extend(f"{u.path}: no translation ({u.reason})" for u in pairing.untranslated)
    return Inputs(
        tuple(alignments),
        tuple(corpus.errors),
        tuple(notes),
        untranslated=tuple(u.path for u in pairing.untranslated),
        orphans=tuple(u.path for u in pairing.orphans),
        methods=tuple(p.method for p in pairing.pairs),
        source_language=settings.source_language,
        target_language=settings.target_language,
    )


def export(
    fmt: str,
    alignments: Sequence[Alignment],
    *,
    source_code: str = "fi",
    target_code: str = "en",
    segment: str = "paragraph",
    bom: bool = False,
) -> Export:
    """Write ALIGNMENTS as `tmx`, `xliff`, `csv` or `html` (one page; several make a corpus
    page without its lists of unpaired documents)."""
    if fmt == "tmx":
        from hupli.report.tmx import to_tmx

        return to_tmx(alignments, source_code=source_code, target_code=target_code, segment=segment)
    if fmt == "xliff":
        from hupli.report.xliff import to_xliff

        return to_xliff(alignments, source_code=source_code, target_code=target_code)
    if fmt == "csv":
        from hupli.report.csv import to_csv

        return to_csv(alignments, bom=bom)
    if fmt == "html":
        from hupli.report.html import CorpusEntry, alignment_html, corpus_html

        if len(alignments) == 1:
            return Export(alignment_html(alignments[0]), 1)
        entries = [CorpusEntry(a.source.path, a.target.path, a) for a in alignments]
        return Export(corpus_html(entries), len(entries))
    raise ConfigError(f"unknown export format {fmt!r}")
