"""The aligner: two documents → links between their blocks, and findings about them.

features (what the aligner knows of each block) → cost (the cost model's named terms) →
search (the least-cost path, pruned by bounds) → confidence (how sure each link is) →
checks (findings, each a named function with a stable code).

>>> from hupli.document.build import document_from_text
>>> fi = document_from_text("Hei maailma 2020.\\n", "fi.txt")
>>> en = document_from_text("Hello world 2020.\\n", "en.txt")
>>> [(link.source, link.target, link.status) for link in align_documents(fi, en).links]
[((0,), (0,), 'ok')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hupli.model import Alignment, Anchors, Document
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

# The search and the checks are imported where they are used: a run whose alignments are
# all in the cache never loads them.


def align_documents(
    source: Document,
    target: Document,
    settings: Settings | None = None,
    cache: Cache | None = None,
) -> Alignment:
    settings = settings or Settings()
    if cache is None or not cache.enabled:
        return _align(source, target, settings)
    key = cache.key(
        "alignment",
        source.path,
        source.text,
        source.language,
        target.path,
        target.text,
        target.language,
        settings.signature,
    )
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2:
        links, findings = stored
        return Alignment(source, target, links, settings.signature, findings)
    alignment = _align(source, target, settings)
    cache.put(key, (alignment.links, alignment.findings))
    return alignment


def _anchors_in(document: Document, language: str) -> tuple[Anchors, ...] | None:
    # Reuse the document's anchors when they were read by this language's rules.
    if document.anchors_language == language and len(document.anchors) == len(document.blocks):
        return document.anchors
    return None


def _align(source: Document, target: Document, settings: Settings) -> Alignment:
    from hupli.align.checks import run_checks, target_language_findings
    from hupli.align.search import align_blocks

    raw = align_blocks(
        source.blocks,
        target.blocks,
        settings,
        _anchors_in(source, settings.source_language),
        _anchors_in(target, settings.target_language),
        source.features or None,
        target.features or None,
    )
    links = run_checks(source, target, raw, settings)
    return Alignment(
        source=source,
        target=target,
        links=links,
        signature=settings.signature,
        findings=tuple(target_language_findings(source, target, settings)),
    )
