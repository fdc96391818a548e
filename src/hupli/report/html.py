"""HTML reports: one self-contained page a communications officer can open and read.

The page shows the original and the translation side by side, each link coloured by its
status, the findings with links to their paragraphs, a summary, the settings signature, and
a switch that hides everything that is fine. CSS and the few lines of JavaScript are inline,
so the file works offline and can be mailed as it is.

Document text goes through Jinja2 with autoescaping on, so a paragraph that says
`<script>` shows those characters and runs nothing. Jinja2 is imported only when a page is
drawn, so the other formats never pay for it.

>>> from hupli.api import align_texts
>>> page = alignment_html(align_texts("Hei <b>maailma</b>.\\n", "Hello world.\\n"))
>>> "Hei &lt;b&gt;maailma&lt;/b&gt;." in page
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hupli import __version__
from hupli.align import all_findings, summary
from hupli.corpus.status import NO_TEXT, coverage
from hupli.model import (
    ADDED,
    CHANGED,
    MISSING,
    MOVED,
    OK,
    PARTIAL,
    UNCERTAIN,
    UNTRANSLATED,
    Alignment,
    Block,
    Finding,
)
from hupli.report.units import Mark, sentence_marks, split_marked

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    OK: "ok",
    MISSING: "missing",
    ADDED: "added",
    CHANGED: "changed",
    UNTRANSLATED: "untranslated",
    MOVED: "moved",
    PARTIAL: "partial",
    UNCERTAIN: "uncertain",
}
# What to show in the empty cell of a one-sided link, in words rather than only colour.
EMPTY_SIDE = {
    MISSING: "missing from the translation",
    ADDED: "not in the original",
}


@dataclass(frozen=True)
class CorpusEntry:
    """One pair on a corpus status page; `alignment` is None when it could not be aligned."""

    original: str
    translation: str
    alignment: Alignment | None = None
    note: str = ""  # e.g. how the pair was found, or why it could not be aligned


def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every value is escaped unless marked safe; nothing here is
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _block(block: Block, anchor: str, marks: list[Mark] | None = None) -> dict[str, Any]:
    return {
        "id": anchor,
        "line": block.line,
        "kind": block.kind,
        # The text in parts, a sentence a finding is about marked in place.
        "parts": [
            {"text": text, "mark": code} for text, code in split_marked(block.text, marks or [])
        ],
        "language": block.language,
        "urls": list(block.urls),
    }


def _href(prefix: str, finding: Finding) -> str:
    if finding.source:
        return f"#{prefix}-s{finding.source[0]}"
    if finding.target:
        return f"#{prefix}-t{finding.target[0]}"
    return ""


def _where(alignment: Alignment, finding: Finding) -> str:
    if finding.source:
        return f"{alignment.source.path}:{alignment.source.blocks[finding.source[0]].line}"
    if finding.target:
        return f"{alignment.target.path}:{alignment.target.blocks[finding.target[0]].line}"
    return alignment.target.path


def alignment_view(alignment: Alignment, prefix: str = "p0") -> dict[str, Any]:
    """Everything the template shows about one alignment, as plain values (not escaped)."""
    src, tgt = alignment.source, alignment.target
    marks = sentence_marks(alignment)
    rows = []
    for number, link in enumerate(alignment.links):
        problem = link.status != OK or bool(link.findings)
        rows.append(
            {
                "id": f"{prefix}-l{number}",
                "status": link.status,
                "move": link.move,
                "score": f"{link.score:.2f}",
                "problem": problem,
                "source": [
                    _block(src.blocks[i], f"{prefix}-s{i}", marks.get(("source", i)))
                    for i in link.source
                ],
                "target": [
                    _block(tgt.blocks[i], f"{prefix}-t{i}", marks.get(("target", i)))
                    for i in link.target
                ],
                "empty": EMPTY_SIDE.get(link.status, "—"),
                "findings": [
                    {"severity": str(f.severity), "code": f.code, "message": f.message}
                    for f in link.findings
                ],
            }
        )
    findings = [
        {
            "severity": str(f.severity),
            "code": f.code,
            "message": f.message,
            "href": _href(prefix, f),
            "where": _where(alignment, f),
        }
        for f in sorted(all_findings(alignment), key=lambda f: -f.severity)
    ]
    return {
        "id": prefix,
        "source": {"path": src.path, "language": src.language, "blocks": len(src.blocks)},
        "target": {"path": tgt.path, "language": tgt.language, "blocks": len(tgt.blocks)},
        "rows": rows,
        "problems": sum(1 for row in rows if row["problem"]),
        "findings": findings,
        "summary": summary(alignment),
        "coverage": coverage(alignment),  # None: no text to translate
        "signature": alignment.signature,
    }


def _render(**context: Any) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(version=__version__, labels=STATUS_LABELS, no_text=NO_TEXT, **context)


def alignment_html(alignment: Alignment) -> str:
    """One alignment as a self-contained HTML page."""
    view = alignment_view(alignment)
    title = f"hupli: {alignment.source.path} ↔ {alignment.target.path}"
    return _render(
        title=title,
        corpus=None,
        sections=[view],
        signatures=[alignment.signature],
    )


def corpus_html(
    entries: Sequence[CorpusEntry],
    *,
    untranslated: Sequence[str] = (),
    orphans: Sequence[str] = (),
    title: str = "hupli: corpus status",
    signature: str = "",
) -> str:
    """A corpus status page: every pair with its coverage, the originals that have no
    translation, translations without an original, then each pair's alignment.
    """
    pairs = []
    sections = []
    for number, entry in enumerate(entries):
        view = alignment_view(entry.alignment, f"p{number}") if entry.alignment else None
        if view:
            sections.append(view)
        pairs.append(
            {
                "original": entry.original,
                "translation": entry.translation,
                "note": entry.note,
                "section": view["id"] if view else "",
                "coverage": view["coverage"] if view else None,
                "statuses": view["summary"]["statuses"] if view else {},
                "problems": view["problems"] if view else 0,
            }
        )
    found = [signature] if signature else [section["signature"] for section in sections]
    signatures = list(dict.fromkeys(found))
    return _render(
        title=title,
        corpus={"pairs": pairs, "untranslated": list(untranslated), "orphans": list(orphans)},
        sections=sections,
        signatures=signatures,
    )


def status_html(status: Any) -> str:
    """The corpus status page for a `hupli.status.Status`."""
    entries = [
        CorpusEntry(
            original=item.pair.source,
            translation=item.pair.target,
            alignment=item.alignment,
            note=f"paired by {item.pair.method} ({item.pair.score:.2f})",
        )
        for item in status.pairs
    ]
    pairing = status.pairing
    return corpus_html(
        entries,
        untranslated=[u.path for u in pairing.unpaired if u.role == "original"],
        orphans=[u.path for u in pairing.unpaired if u.role == "translation"],
        signature=status.signature,
    )
