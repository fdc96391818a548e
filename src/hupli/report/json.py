"""JSON for programs: an alignment, a corpus's status, a pairing, lint findings.

Keys keep their order (no sorting), non-ASCII text is written as it is, two spaces indent.

>>> print(to_json_text({"kieli": "suomi", "määrä": 2}), end="")
{
  "kieli": "suomi",
  "määrä": 2
}
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from hupli.align import summary
from hupli.model import COUNTED, Alignment, Document, Severity

if TYPE_CHECKING:
    from hupli.corpus.lint import LintFinding
    from hupli.corpus.pair import Pairing
    from hupli.corpus.status import Status


def to_json_text(data: Any) -> str:
    """DATA as hupli writes every JSON document."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _document_json(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "language": document.language,
        "encoding": document.encoding,
        "markup": document.markup,
        "rules_applied": list(document.rules_applied),
        "blocks": [
            {
                "index": b.index,
                "kind": b.kind,
                "line": b.line,
                "end_line": b.end_line,
                "language": b.language,
                "text": b.text,
            }
            for b in document.blocks
        ],
    }


def alignment_json(alignment: Alignment) -> dict[str, Any]:
    return {
        "source": _document_json(alignment.source),
        "target": _document_json(alignment.target),
        "links": [
            {
                "source": list(link.source),
                "target": list(link.target),
                "move": link.move,
                "status": link.status,
                "score": link.score,
                "reasons": list(link.reasons),
                "findings": [f.to_json() for f in link.findings],
            }
            for link in alignment.links
        ],
        "findings": [f.to_json() for f in alignment.findings],
        "summary": summary(alignment),
        "signature": alignment.signature,
    }


def status_json(status: Status) -> dict[str, Any]:
    from hupli.corpus.status import content_blocks

    pair_of = {p.pair.source: p for p in status.pairs}
    translation_of = {p.pair.target: p.pair.source for p in status.pairs}
    documents = []
    for e in status.entries:
        doc: dict[str, Any] = {
            "path": e.path,
            "language": e.language,
            "detected_language": e.document.language,
            "declared_language": e.declared,
            "blocks": content_blocks(e),
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
                "margin": round(p.pair.margin, 4),
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
        "errors": [
            {"path": e.path, "reason": e.reason} for e in (*status.corpus.errors, *status.errors)
        ],
        "summary": status.totals(),
        "signature": status.signature,
    }


def pairing_json(pairing: Pairing, signature: str) -> dict[str, Any]:
    return {
        "pairs": [p.to_json() for p in pairing.pairs],
        "unpaired": [u.to_json() for u in pairing.unpaired],
        "problems": list(pairing.problems),
        "signature": signature,
    }


def lint_json(findings: list[LintFinding], signature: str) -> dict[str, Any]:
    """Every finding (a suppressed one says so, with its reason); the summary counts those
    not suppressed, and how many were."""
    reported = [f for f in findings if not f.suppressed]
    by_code = Counter(f.code for f in reported)
    by_severity = Counter(str(f.severity) for f in reported)
    return {
        "findings": [f.to_json() for f in findings],
        "summary": {
            "findings": len(reported),
            "files": len({f.path for f in reported}),
            "codes": dict(sorted(by_code.items())),
            "severities": {str(s): by_severity.get(str(s), 0) for s in reversed(Severity)},
            "suppressed": len(findings) - len(reported),
        },
        "signature": signature,
    }
