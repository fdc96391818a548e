"""Completeness of a corpus: each original, its translation or none, and what the alignment says.

`corpus_status` aligns every pair with `hupli.align.align_documents` and keeps the counts
of `hupli.align.summary`; `hupli lint` reads its findings from the same result, so the two
commands never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hupli.cache import share_with_workers, worker_cache
from hupli.corpus.discover import Corpus, Entry
from hupli.corpus.pair import Pair, Pairing, pair_corpus
from hupli.corpus.root import records_folder
from hupli.model import (
    ADDED,
    CHANGED,
    MISSING,
    SEPARATOR,
    UNTRANSLATED,
    Alignment,
    Document,
    Finding,
    Link,
)
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

COUNTED = (MISSING, ADDED, CHANGED, UNTRANSLATED)


@dataclass(frozen=True)
class PairStatus:
    pair: Pair
    alignment: Alignment
    summary: dict[str, Any]  # hupli.align.summary.summary of the alignment

    @property
    def coverage(self) -> float:
        return float(self.summary["coverage"])

    def count(self, status: str) -> int:
        return int(self.summary["statuses"].get(status, 0))


@dataclass(frozen=True)
class Status:
    corpus: Corpus
    pairing: Pairing
    pairs: tuple[PairStatus, ...]
    signature: str

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.corpus.entries

    def totals(self) -> dict[str, Any]:
        config = self.corpus.config
        originals = [e for e in self.entries if e.language == config.source_language]
        translations = [e for e in self.entries if e.language == config.target_language]
        blocks = {e.path: content_blocks(e) for e in originals}
        translated_blocks = sum(
            round(p.coverage * blocks.get(p.pair.source, 0)) for p in self.pairs
        )
        all_blocks = sum(blocks.values())
        return {
            "originals": len(originals),
            "translations": len(translations),
            "pairs": len(self.pairs),
            "untranslated_originals": len(self.pairing.untranslated),
            "translations_without_original": len(self.pairing.orphans),
            "original_blocks": all_blocks,
            "translated_blocks": translated_blocks,
            "coverage": round(translated_blocks / all_blocks, 4) if all_blocks else 1.0,
            **{status: sum(p.count(status) for p in self.pairs) for status in COUNTED},
            "unreadable": len(self.corpus.errors),
        }


def content_blocks(entry: Entry) -> int:
    """Blocks of a document that can be translated (its separators left out)."""
    return sum(1 for b in entry.document.blocks if b.kind != SEPARATOR)


def corpus_status(
    corpus: Corpus,
    pairing: Pairing | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Status:
    """Pair the corpus (unless `pairing` is given) and align every pair.

    `jobs` > 1 aligns the pairs of a large corpus in that many processes; the result is the
    same for any `jobs`. With a `cache`, pairs seen before are not aligned again.
    """
    from hupli.align.summary import summary

    config = corpus.config
    if pairing is None:
        pairing = pair_corpus(corpus, cache=cache, jobs=jobs)
    alignments = align_pairs(corpus, pairing.pairs, jobs=jobs, cache=cache, progress=progress)
    # Records are looked for only when the corpus has a records folder at all: asking
    # for each pair's record file was seconds of path arithmetic at 10,000 pages.
    if records_folder(corpus.root).is_dir():
        alignments = [_with_history(corpus, alignment) for alignment in alignments]
    out = [
        PairStatus(pair, alignment, summary(alignment))
        for pair, alignment in zip(pairing.pairs, alignments, strict=True)
    ]
    return Status(corpus, pairing, tuple(out), config.settings.signature)


def _with_history(corpus: Corpus, alignment: Alignment) -> Alignment:
    """The alignment with what changed in the original since its recorded translation.

    Records are small files read on every run, never cached: accepting a pair or editing
    the original must show at once. A damaged record becomes an `unreadable` finding on
    the pair, so the rest of the corpus is still reported.
    """
    from hupli.corpus.history.compare import annotate, compare_with_record
    from hupli.model import HupliError, Severity

    try:
        report = compare_with_record(alignment, corpus.root, corpus.config.settings)
    except HupliError as exc:
        finding = Finding("unreadable", Severity.ERROR, str(exc))
        return replace(alignment, findings=(*alignment.findings, finding))
    if report is None or not report.applicable:
        return alignment
    return annotate(alignment, report)


# What every alignment in a run shares: the documents, the settings and the cache folder.
_AlignShared = tuple[tuple[Document, ...], Settings, "str | None"]


def _align_job(
    shared: _AlignShared, pair: tuple[int, int]
) -> tuple[tuple[Link, ...], tuple[Finding, ...]]:
    from hupli.align import align_documents

    documents, settings, folder = shared
    source, target = documents[pair[0]], documents[pair[1]]
    alignment = align_documents(source, target, settings, worker_cache(folder))
    # Only what the alignment adds: the documents are already in the parent process.
    return alignment.links, alignment.findings


def align_pairs(
    corpus: Corpus,
    pairs: Sequence[Pair],
    *,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Alignment]:
    """The alignment of each pair, in order, in up to `jobs` processes."""
    from hupli.parallel import map_shared

    settings = corpus.config.settings
    documents = tuple(entry.document for entry in corpus.entries)
    index = {entry.path: number for number, entry in enumerate(corpus.entries)}
    jobs_list = [(index[p.source], index[p.target]) for p in pairs]
    folder = share_with_workers(cache)
    # The documents go to each worker process once, not with every pair.
    results = map_shared(
        _align_job,
        (documents, settings, folder),
        jobs_list,
        jobs,
        progress=(lambda job: progress(documents[job[0]].path)) if progress else None,
    )
    return [
        Alignment(documents[i], documents[j], links, settings.signature, findings)
        for (i, j), (links, findings) in zip(jobs_list, results, strict=True)
    ]


def status_rows(status: Status) -> list[dict[str, Any]]:
    """One row per original (paired or not), then one per translation without original."""
    config = status.corpus.config
    pair_of = {p.pair.source: p for p in status.pairs}
    rows = []
    for e in status.entries:
        if e.language != config.source_language:
            continue
        p = pair_of.get(e.path)
        if p is None:
            rows.append(
                {
                    "original": e.path,
                    "translation": "",
                    "method": "",
                    "score": "",
                    "coverage": 0.0,
                    "source_blocks": content_blocks(e),
                    "target_blocks": 0,
                    **{status: "" for status in COUNTED},
                }
            )
            continue
        rows.append(
            {
                "original": e.path,
                "translation": p.pair.target,
                "method": p.pair.method,
                "score": round(p.pair.score, 4),
                "coverage": p.coverage,
                "source_blocks": p.summary["source_blocks"],
                "target_blocks": p.summary["target_blocks"],
                **{status: p.count(status) for status in COUNTED},
            }
        )
    for u in status.pairing.orphans:
        rows.append(
            {
                "original": "",
                "translation": u.path,
                "method": "",
                "score": "",
                "coverage": "",
                "source_blocks": "",
                "target_blocks": "",
                **{status: "" for status in COUNTED},
            }
        )
    return rows
