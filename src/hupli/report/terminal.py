"""What people read on a terminal: an alignment side by side with its summary, a corpus's
status table, and what changed in the original since the translation.

The views draw on a `rich.console.Console` on a terminal, and on a `PlainConsole` (the same
view in plain text, 120 columns) for a pipe or a file. rich is imported inside the
functions that draw with it, so a piped view or a JSON report never pays for it.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from hupli.align import all_findings, summary
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
    Severity,
)
from hupli.report.units import Mark, sentence_marks, split_marked

if TYPE_CHECKING:
    from rich.console import Console

    from hupli.corpus.history.compare import HistoryReport
    from hupli.corpus.status import Status

STATUS_STYLES = {
    OK: "green",
    MISSING: "bold red",
    ADDED: "yellow",
    CHANGED: "magenta",
    UNTRANSLATED: "cyan",
    MOVED: "blue",
    PARTIAL: "yellow",
    UNCERTAIN: "dim",
}
# A sentence one side lacks, inside its block: styled on a terminal, and between ⟦ ⟧ so a
# pipe or a CI log shows it too.
MARK_STYLES = {"missing-sentence": "bold red", "added-sentence": "bold yellow"}
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def escape(markup: str) -> str:
    """Escape text for rich markup (the same rule as `rich.markup.escape`, which would
    import most of rich; the plain view below must not pay for that)."""

    def double(match: re.Match[str]) -> str:
        backslashes, text = match.groups()
        return f"{backslashes}{backslashes}\\{text}"

    markup = _MARKUP_TAG.sub(double, markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def strip_markup(markup: str) -> str:
    """Plain text of rich markup: tags dropped, escaped brackets restored."""

    def drop(match: re.Match[str]) -> str:
        backslashes, text = match.groups()
        if len(backslashes) % 2:  # an escaped "[": keep the text, halve the backslashes
            return backslashes[: len(backslashes) // 2] + text
        return backslashes[: len(backslashes) // 2]

    return _MARKUP_TAG.sub(drop, markup)


class PlainConsole:
    """What the views need of a rich Console, for a pipe or a file: plain text, no colour,
    a fixed width, and none of rich's start-up cost."""

    def __init__(self, file: TextIO, width: int = 120) -> None:
        self.file = file
        self.width = width

    def print(self, markup: str = "") -> None:
        text = strip_markup(markup)
        for line in text.split("\n"):
            wrapped = textwrap.wrap(line, self.width, subsequent_indent="  ") or [""]
            self.file.write("\n".join(wrapped) + "\n")


def rich_console(file: TextIO | None = None) -> Console:
    """A rich console: on a terminal its own width and colours; for a pipe or a file, 120
    columns of plain text, readable in a CI log or a diff."""
    from rich.console import Console

    out = file or sys.stdout
    is_tty = hasattr(out, "isatty") and out.isatty()
    return Console(
        file=out,
        width=None if is_tty else 120,
        force_terminal=is_tty or None,
        no_color=not is_tty,
        highlight=False,
        soft_wrap=False,
    )


def view_console(file: TextIO | None = None) -> Console | PlainConsole:
    """rich for a terminal; for a pipe or a file, the same view in plain text, without
    paying rich's start-up cost on every CI run."""
    out = file or sys.stdout
    if hasattr(out, "isatty") and out.isatty():
        return rich_console(out)
    return PlainConsole(out, width=120)


def _plain_table(
    console: PlainConsole,
    title: str,
    headers: tuple[str, str, str],
    rows: Sequence[tuple[str, ...]],
) -> None:
    """Three columns (status, original, translation) in box-drawing lines, like rich's."""
    status_width = 12
    text_width = (console.width - status_width - 10) // 2
    widths = (status_width, text_width, text_width)
    out = console.file
    out.write("\n".join(textwrap.wrap(title, console.width)) + "\n")
    out.write("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓\n")
    out.write("┃" + "┃".join(f" {h:<{w}} " for h, w in zip(headers, widths, strict=True)) + "┃\n")
    out.write("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩\n")
    for number, row in enumerate(rows):
        if number:
            out.write("├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n")
        columns = [
            [
                piece
                for line in strip_markup(cell).split("\n")
                for piece in textwrap.wrap(line, w) or [""]
            ]
            for cell, w in zip(row, widths, strict=True)
        ]
        for k in range(max(len(c) for c in columns)):
            cells = [c[k] if k < len(c) else "" for c in columns]
            out.write(
                "│" + "│".join(f" {c:<{w}} " for c, w in zip(cells, widths, strict=True)) + "│\n"
            )
    out.write("└" + "┴".join("─" * (w + 2) for w in widths) + "┘\n")


def _cell(
    blocks: tuple[Block, ...],
    indices: tuple[int, ...],
    marks: dict[tuple[str, int], list[Mark]] | None = None,
    side: str = "source",
) -> str:
    parts = []
    for i in indices:
        block = blocks[i]
        marker = "" if block.kind == "paragraph" else f"[dim]{block.kind}[/] "
        found = (marks or {}).get((side, i))
        if found:
            text = "".join(
                f"[{MARK_STYLES[code]}]⟦{escape(part)}⟧[/]" if code else escape(part)
                for part, code in split_marked(block.text, found)
            )
        else:
            text = escape(block.text)
        parts.append(f"[dim]{block.line:>3}[/] {marker}{text}")
    return "\n".join(parts)


def render_alignment(
    alignment: Alignment, console: Console | PlainConsole, *, problems_only: bool = False
) -> None:
    """The whole alignment side by side, findings under their link, then a summary."""
    src, tgt = alignment.source, alignment.target
    title = f"{src.path} ({src.language}) ↔ {tgt.path} ({tgt.language})"
    headers = ("status", f"original · {src.language}", f"translation · {tgt.language}")
    rows: list[tuple[str, str, str]] = []
    marks = sentence_marks(alignment)
    for link in alignment.links:
        if problems_only and link.status == OK and not link.findings:
            continue
        style = STATUS_STYLES.get(link.status, "")
        status = f"[{style}]{link.status}[/]\n[dim]{link.move} {link.score:.2f}[/]"
        left = _cell(src.blocks, link.source, marks, "source") or "[red]—[/]"
        right = _cell(tgt.blocks, link.target, marks, "target") or "[red]—[/]"
        notes = [
            f"[{SEVERITY_STYLES[f.severity]}]{f.severity} {f.code}[/]: {escape(f.message)}"
            for f in link.findings
            if f.code not in (MISSING, ADDED)
        ]
        if notes:
            right += "\n" + "\n".join(notes)
        rows.append((status, left, right))
    if isinstance(console, PlainConsole):
        _plain_table(console, title, headers, rows)
    else:
        from rich.table import Table

        table = Table(title=title, show_lines=True, expand=True, title_justify="left")
        table.add_column(headers[0], no_wrap=True, width=12)
        table.add_column(headers[1], ratio=1)
        table.add_column(headers[2], ratio=1)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    render_summary(alignment, console)


def render_summary(alignment: Alignment, console: Console | PlainConsole) -> None:
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
            where = f" {where}" if where else ""
            console.print(f"  [{style}]{finding.severity}[/] {finding.code}{where}: {message}")
    console.print(f"[dim]signature: {escape(alignment.signature)}[/]")


def _where(alignment: Alignment, finding: Finding) -> str:
    if finding.source:
        return f"{alignment.source.path}:{alignment.source.blocks[finding.source[0]].line}"
    if finding.target:
        return f"{alignment.target.path}:{alignment.target.blocks[finding.target[0]].line}"
    return ""


# --- what changed in the original since the translation ----------------------------------


def describe_basis(report: HistoryReport) -> str:
    if report.basis == "since":
        return f"compared with the earlier original {report.basis_path}"
    return f"compared with the record {report.basis_path}"


def _labels() -> dict[str, str]:
    # Imported here: the view of an alignment without history never loads the history.
    from hupli.corpus.history import diff

    return {
        diff.SOURCE_CHANGED: "edited",
        diff.SOURCE_REWRITTEN: "rewritten",
        diff.SOURCE_ADDED: "added",
        diff.SOURCE_REMOVED: "removed",
        diff.SOURCE_MOVED: "moved",
    }


def _headline(report: HistoryReport) -> str:
    counts = [
        f"{sum(1 for c in report.changes if c.code == code)} {label}"
        for code, label in _labels().items()
        if any(c.code == code for c in report.changes)
    ]
    return ", ".join(counts) or "no change"


def render_history(
    report: HistoryReport, alignment: Alignment, console: Console | PlainConsole
) -> None:
    """A short section: what changed in the original since, each against its English."""
    from hupli.corpus.history import diff
    from hupli.text import quote

    src, tgt = alignment.source, alignment.target
    labels = _labels()
    head = f"[bold]Since the translation[/] ({escape(describe_basis(report))})"
    if report.applicable:
        head += f": {_headline(report)}"
    console.print(head)
    for note in report.notes:
        console.print(f"  [dim]note: {escape(note)}[/]")
    for change, finding in zip(report.changes, report.findings, strict=True):
        style = SEVERITY_STYLES[finding.severity]
        label = f"[{style}]{labels[change.code]:<9}[/]"
        if change.new is not None:
            here = f"{src.language} line {src.blocks[change.new].line}"
        else:
            older = "record" if report.basis == "record" else "earlier original"
            here = f"{src.language} block {(change.old or 0) + 1} of the {older}"
        english = ", ".join(f"{tgt.language} line {tgt.blocks[t].line}" for t in change.target)
        if change.code == diff.SOURCE_ADDED:
            if change.insert_before is not None:
                english = f"translate before {tgt.language} line "
                english += str(tgt.blocks[change.insert_before].line)
            elif change.insert_after is not None:
                english = f"translate after {tgt.language} line "
                english += str(tgt.blocks[change.insert_after].line)
            else:
                english = "translate at the end"
            what = quote(change.new_text)
        elif change.code == diff.SOURCE_REMOVED:
            english = f"{english} is stale" if english else "had no English"
            what = quote(change.old_text)
        else:
            english = english or "no English yet"
            what = change.diff or "(moved unchanged)"
        console.print(f"  {label} {escape(here)} → {escape(english)}: {escape(what)}")


# --- a corpus's status ---------------------------------------------------------------------


def render_status(status: Status, console: Console) -> None:
    """The status table of a corpus, its totals and why each unpaired document is so."""
    from rich.markup import escape
    from rich.table import Table

    from hupli.corpus.status import NO_TEXT, status_rows

    config = status.corpus.config
    table = Table(
        title=f"{status.corpus.root}: {config.source_language} originals and their "
        f"{config.target_language} translations",
        title_justify="left",
    )
    table.add_column(f"original ({config.source_language})", overflow="fold")
    table.add_column(f"translation ({config.target_language})", overflow="fold")
    table.add_column("coverage", justify="right")
    for name in ("missing", "added", "changed", "untransl."):
        table.add_column(name, justify="right")
    root = str(status.corpus.root).rstrip("/") + "/"
    for row in status_rows(status):
        # The title names the corpus folder; rows show paths inside it.
        row = {k: v.removeprefix(root) if isinstance(v, str) else v for k, v in row.items()}
        if row["coverage"] is None:
            shown = "[dim]n/a[/]"  # no text to translate
        else:
            coverage = float(row["coverage"])
            style = "green" if coverage >= 0.999 else "yellow" if coverage >= 0.8 else "red"
            shown = f"[{style}]{coverage:.0%}[/]"
        if not row["translation"]:
            table.add_row(escape(row["original"]), "[red]none[/]", shown, "", "", "", "")
            continue
        if not row["original"]:
            table.add_row("[yellow]none[/]", escape(row["translation"]), "", "", "", "", "")
            continue
        counts = [row[k] for k in ("missing", "added", "changed", "untranslated")]
        table.add_row(
            escape(row["original"]),
            f"{escape(row['translation'])}\n[dim]{row['method']} {row['score']:.2f}[/]",
            shown,
            *[str(c) if c else "[dim]0[/]" for c in counts],
        )
    console.print(table)
    t = status.totals()
    if t["coverage"] is None:
        blocks = f"{NO_TEXT} (0 original blocks)"
    else:
        blocks = (
            f"{t['coverage']:.0%} of original blocks translated "
            f"({t['translated_blocks']}/{t['original_blocks']})"
        )
    console.print(
        f"[bold]{t['pairs']} of {t['originals']} originals translated[/]; {blocks}; "
        f"{t['missing']} missing, {t['added']} added, {t['changed']} changed, "
        f"{t['untranslated']} untranslated passages"
    )
    for u in status.pairing.unpaired:
        console.print(f"  [dim]{escape(u.path)}: {escape(u.reason)}[/]")
    if t["unreadable"]:
        console.print(f"[red]{t['unreadable']} file(s) could not be read[/]")
    console.print(f"[dim]signature: {escape(status.signature)}[/]")
