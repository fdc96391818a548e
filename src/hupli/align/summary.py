"""What an alignment adds up to: its findings, the worst of them, counts and coverage.

>>> from hupli.api import align_texts
>>> result = summary(align_texts("Hei 2020.\\n\\nToinen kappale.\\n", "Hello 2020.\\n"))
>>> result["statuses"], result["coverage"]
({'ok': 1, 'missing': 1, 'added': 0, 'changed': 0, 'untranslated': 0}, 0.5)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hupli.model import SEPARATOR, STATUSES, UNTRANSLATED, Alignment, Finding, Severity


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
