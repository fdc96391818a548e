"""Turn results into what people read: a rich side-by-side view, JSON, a summary.

Writers return text or take a `rich.console.Console`; they never decide exit codes.
rich is imported inside the functions that draw, so JSON output never pays for it.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from hupli.model import (
    ADDED,
    CHANGED,
    MISSING,
    OK,
    UNTRANSLATED,
    Alignment,
    Block,
    Document,
    Finding,
    Severity,
)

if TYPE_CHECKING:
    from rich.console import Console

STATUS_STYLES = {
    OK: "green",
    MISSING: "bold red",
    ADDED: "yellow",
    CHANGED: "magenta",
    UNTRANSLATED: "cyan",
}
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def all_findings(alignment: Alignment) -> list[Finding]:
    return [*alignment.findings, *(f for link in alignment.links for f in link.findings)]


def worst_severity(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def summary(alignment: Alignment) -> dict[str, Any]:
    statuses = Counter(link.status for link in alignment.links)
    findings = all_findings(alignment)
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(str(f.severity) for f in findings)
    source_blocks = [b for b in alignment.source.blocks if b.kind != "separator"]
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
        "statuses": {status: statuses.get(status, 0) for status in STATUS_STYLES},
        "source_blocks": len(alignment.source.blocks),
        "target_blocks": len(alignment.target.blocks),
        "coverage": round(coverage, 4),
        "findings": dict(sorted(by_code.items())),
        "severities": {str(s): by_severity.get(str(s), 0) for s in reversed(Severity)},
    }


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


def to_json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(blocks: tuple[Block, ...], indices: tuple[int, ...]) -> str:
    from rich.markup import escape

    parts = []
    for i in indices:
        block = blocks[i]
        marker = "" if block.kind == "paragraph" else f"[dim]{block.kind}[/] "
        parts.append(f"[dim]{block.line:>3}[/] {marker}{escape(block.text)}")
    return "\n".join(parts)


def render_alignment(
    alignment: Alignment, console: Console, *, problems_only: bool = False
) -> None:
    """The whole alignment side by side, findings under their link, then a summary."""
    from rich.markup import escape
    from rich.table import Table

    src, tgt = alignment.source, alignment.target
    table = Table(
        title=f"{src.path} ({src.language}) ↔ {tgt.path} ({tgt.language})",
        show_lines=True,
        expand=True,
        title_justify="left",
    )
    table.add_column("status", no_wrap=True, width=12)
    table.add_column(f"original · {src.language}", ratio=1)
    table.add_column(f"translation · {tgt.language}", ratio=1)
    for link in alignment.links:
        if problems_only and link.status == OK and not link.findings:
            continue
        style = STATUS_STYLES.get(link.status, "")
        status = f"[{style}]{link.status}[/]\n[dim]{link.move} {link.score:.2f}[/]"
        left = _cell(src.blocks, link.source) or "[red]—[/]"
        right = _cell(tgt.blocks, link.target) or "[red]—[/]"
        notes = [
            f"[{SEVERITY_STYLES[f.severity]}]{f.severity} {f.code}[/]: {escape(f.message)}"
            for f in link.findings
            if f.code not in (MISSING, ADDED)
        ]
        if notes:
            right += "\n" + "\n".join(notes)
        table.add_row(status, left, right)
    console.print(table)
    render_summary(alignment, console)


def render_summary(alignment: Alignment, console: Console) -> None:
    from rich.markup import escape

    data = summary(alignment)
    statuses = ", ".join(
        f"[{STATUS_STYLES[s]}]{count} {s}[/]" for s, count in data["statuses"].items() if count
    )
    console.print(
        f"[bold]{data['links']} links[/] ({statuses}); "
        f"{data['coverage']:.0%} of the original's blocks translated"
    )
    for finding in all_findings(alignment):
        if finding.severity >= Severity.WARNING:
            style = SEVERITY_STYLES[finding.severity]
            where = _where(alignment, finding)
            message = escape(finding.message)
            console.print(f"  [{style}]{finding.severity}[/] {finding.code} {where}: {message}")
    console.print(f"[dim]signature: {escape(alignment.signature)}[/]")


def _where(alignment: Alignment, finding: Finding) -> str:
    if finding.source:
        return f"{alignment.source.path}:{alignment.source.blocks[finding.source[0]].line}"
    if finding.target:
        return f"{alignment.target.path}:{alignment.target.blocks[finding.target[0]].line}"
    return ""
