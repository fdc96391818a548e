"""Completeness of a corpus: each original, its translation or none, and what the alignment says.

`align_pairs` aligns every pair (in parallel, through the cache) and `summarise` keeps each
alignment's counts (`hupli.align.summary`); `hupli lint` reads its findings from the same
`Status`, so the two commands never disagree. `hupli.api.corpus_status` strings them
together with the pairing and each pair's history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hupli.align import summary
from hupli.cache import share_with_workers, worker_cache
from hupli.corpus.discover import Corpus, Entry
from hupli.corpus.pair import Pair, Pairing
from hupli.model import (
    COUNTED,
    SEPARATOR,
    Alignment,
    Block,
    Document,
    Finding,
    Link,
    ReadError,
)
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache


# What every format says of an original with nothing to translate (its coverage is None:
# 0 of 0 blocks is not "100 % translated", nor "0 %").
NO_TEXT = "no text to translate"


def translatable(document: Document) -> list[Block]:
    """The blocks of a document that can be translated (its separators left out)."""
    return [b for b in document.blocks if b.kind != SEPARATOR]


def translatable_blocks(document: Document) -> int:
    """How many blocks of a document can be translated."""
    return len(translatable(document))


def coverage(alignment: Alignment, alignment_summary: dict[str, Any] | None = None) -> float | None:
    """The share of the original's blocks that are translated; None when the original has
    no text to translate."""
    if not translatable_blocks(alignment.source):
        return None
    return float((alignment_summary or summary(alignment))["coverage"])


@dataclass(frozen=True)
class PairStatus:
    pair: Pair
    alignment: Alignment
    summary: dict[str, Any]  # hupli.align.summary of the alignment

    @property
    def coverage(self) -> float | None:
        """None when the original has no text to translate."""
        return coverage(self.alignment, self.summary)

    def count(self, status: str) -> int:
        return int(self.summary["statuses"].get(status, 0))


@dataclass(frozen=True)
class Status:
    corpus: Corpus
    pairing: Pairing
    pairs: tuple[PairStatus, ...]
    signature: str
    errors: tuple[ReadError, ...] = ()  # records that could not be read (the corpus's own
    # unreadable files are `corpus.errors`)
    notes: tuple[str, ...] = ()  # worth telling: a record made for another translation, …

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.corpus.entries

    def totals(self) -> dict[str, Any]:
        config = self.corpus.config
        originals = [e for e in self.entries if e.language == config.source_language]
        translations = [e for e in self.entries if e.language == config.target_language]
        blocks = {e.path: content_blocks(e) for e in originals}
        translated_blocks = sum(
            round((p.coverage or 0.0) * blocks.get(p.pair.source, 0)) for p in self.pairs
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
            # None: no original has any text to translate (see NO_TEXT).
            "coverage": round(translated_blocks / all_blocks, 4) if all_blocks else None,
            **{status: sum(p.count(status) for p in self.pairs) for status in COUNTED},
            "unreadable": len(self.corpus.errors) + len(self.errors),
        }


def content_blocks(entry: Entry) -> int:
    """Blocks of a corpus document that can be translated (its separators left out)."""
    return translatable_blocks(entry.document)


def summarise(
    corpus: Corpus,
    pairing: Pairing,
    alignments: Sequence[Alignment],
    *,
    errors: Sequence[ReadError] = (),
    notes: Sequence[str] = (),
) -> Status:
    """The status of a corpus from its pairing and the alignment of each pair, in order;
    ERRORS and NOTES are what reading the pairs' records added (`hupli.api`)."""
    out = [
        PairStatus(pair, alignment, summary(alignment))
        for pair, alignment in zip(pairing.pairs, alignments, strict=True)
    ]
    return Status(
        corpus, pairing, tuple(out), corpus.config.settings.signature, tuple(errors), tuple(notes)
    )


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
                    "coverage": 0.0 if content_blocks(e) else None,
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
