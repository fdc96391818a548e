"""Completeness of a corpus: each original, its translation or none, and what the alignment says.

`corpus_status` aligns every pair with `hupli.pipeline.align_documents` and keeps the counts
of `hupli.report.summary`; `hupli lint` reads its findings from the same result, so the two
commands never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hupli.corpus import Corpus, Entry
from hupli.model import ADDED, CHANGED, MISSING, SEPARATOR, UNTRANSLATED, Alignment
from hupli.pair import Pair, Pairing, pair_entries

COUNTED = (MISSING, ADDED, CHANGED, UNTRANSLATED)


@dataclass(frozen=True)
class PairStatus:
    pair: Pair
    alignment: Alignment
    summary: dict[str, Any]  # hupli.report.summary of the alignment

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
        blocks = {e.path: _content_blocks(e) for e in originals}
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


def _content_blocks(entry: Entry) -> int:
    return sum(1 for b in entry.document.blocks if b.kind != SEPARATOR)


def corpus_status(
    corpus: Corpus,
    pairing: Pairing | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> Status:
    """Pair the corpus (unless `pairing` is given) and align every pair."""
    from hupli.pipeline import align_documents
    from hupli.report import summary

    config = corpus.config
    if pairing is None:
        pairing = pair_entries(corpus.entries, config, jobs=jobs)
    by_path = corpus.by_path()
    out = []
    for pair in pairing.pairs:
        alignment = align_documents(
            by_path[pair.source].document, by_path[pair.target].document, config.settings
        )
        out.append(PairStatus(pair, alignment, summary(alignment)))
        if progress:
            progress(pair.source)
    return Status(corpus, pairing, tuple(out), config.settings.signature)


def status_json(status: Status) -> dict[str, Any]:
    pair_of = {p.pair.source: p for p in status.pairs}
    translation_of = {p.pair.target: p.pair.source for p in status.pairs}
    documents = []
    for e in status.entries:
        doc: dict[str, Any] = {
            "path": e.path,
            "language": e.language,
            "detected_language": e.document.language,
            "declared_language": e.declared,
            "blocks": _content_blocks(e),
        }
        if e.path in pair_of:
            doc["translation"] = pair_of[e.path].pair.target
        if e.path in translation_of:
            doc["original"] = translation_of[e.path]
        documents.append(doc)
    return {
        "corpus": str(status.corpus.root),
        "documents": documents,
        "pairs": [
            {
                "source": p.pair.source,
                "target": p.pair.target,
                "method": p.pair.method,
                "score": round(p.pair.score, 4),
                "reasons": list(p.pair.reasons),
                "coverage": p.coverage,
                "source_blocks": p.summary["source_blocks"],
                "target_blocks": p.summary["target_blocks"],
                **{status: p.count(status) for status in COUNTED},
                "findings": p.summary["findings"],
            }
            for p in status.pairs
        ],
        "untranslated": [u.path for u in status.pairing.untranslated],
        "unpaired": [u.to_json() for u in status.pairing.unpaired],
        "errors": [{"path": e.path, "reason": e.reason} for e in status.corpus.errors],
        "summary": status.totals(),
        "signature": status.signature,
    }


CSV_COLUMNS = (
    "original",
    "translation",
    "method",
    "score",
    "coverage",
    "source_blocks",
    "target_blocks",
    *COUNTED,
)


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
                    "source_blocks": _content_blocks(e),
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
