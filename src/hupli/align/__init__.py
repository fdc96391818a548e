"""The aligner: two documents → links between their blocks, and findings about them.

units (what the aligner knows of each block) → cost (the evidence of a bead, as named
terms; words through `lexical`) → search (the cheapest path) → learn (the pair's own
words and length ratio) → repair (moved blocks, splits around inserted material) →
confidence (how sure each link is), strung together by `aligner` → checks (findings, each
a named function with a stable code; sentences inside links by `sentences`). What an
alignment adds up to
(its findings, the worst of them, counts and coverage) is `summary`, here too: every report
asks for it, cached runs included.

>>> from hupli.document import document_from_text
>>> fi = document_from_text("Hei maailma 2020.\\n", "fi.txt")
>>> en = document_from_text("Hello world 2020.\\n", "en.txt")
>>> [(link.source, link.target, link.status) for link in align_documents(fi, en).links]
[((0,), (0,), 'ok')]
>>> summary(align_documents(fi, en))["coverage"]
1.0
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from hupli.model import (
    SEPARATOR,
    STATUSES,
    UNTRANSLATED,
    Alignment,
    Document,
    Finding,
    Severity,
)
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


def _align(source: Document, target: Document, settings: Settings) -> Alignment:
    from hupli.align.aligner import align_blocks
    from hupli.align.checks import run_checks, target_language_findings

    raw = align_blocks(source, target, settings)
    links, document = run_checks(source, target, raw, settings)
    return Alignment(
        source=source,
        target=target,
        links=links,
        signature=settings.signature,
        findings=tuple(target_language_findings(source, target, settings)) + tuple(document),
    )


# --- what an alignment adds up to ---------------------------------------------------------


def all_findings(alignment: Alignment) -> list[Finding]:
    return [*alignment.findings, *(f for link in alignment.links for f in link.findings)]


def worst_severity(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def summary(alignment: Alignment) -> dict[str, Any]:
    statuses = Counter(link.status for link in alignment.links)
    findings = all_findings(alignment)
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(str(f.severity) for f in findings)
    source_blocks = [b for b in alignment.source.blocks if b.kind != SEPARATOR]
    linked = {
        i
        for link in alignment.links
        if link.target and link.status != UNTRANSLATED
        for i in link.source
    }
    translated = sum(1 for b in source_blocks if b.index in linked)
    coverage = translated / len(source_blocks) if source_blocks else 1.0
    return {
        "links": len(alignment.links),
        "statuses": {status: statuses.get(status, 0) for status in STATUSES},
        "source_blocks": len(alignment.source.blocks),
        "target_blocks": len(alignment.target.blocks),
        "coverage": round(coverage, 4),
        "findings": dict(sorted(by_code.items())),
        "severities": {str(s): by_severity.get(str(s), 0) for s in reversed(Severity)},
    }
