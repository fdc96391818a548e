"""CSV for spreadsheets: one row per link of an alignment, or one per original of a
corpus, with one writer for both.

Line endings: RFC 4180's CRLF, which Excel expects, except in the corpus status table,
published with LF line endings since hupli 0.1.0 (`hupli status --format csv`): changing
it would break the diffs and scripts that read it. `--bom` starts either with a UTF-8 byte
order mark, so Excel reads the file as UTF-8.

>>> print(csv_text([["=1+1", "x\\ny"]], ["a", "b"], line_end="\\n"), end="")
a,b
'=1+1,"x
y"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from hupli.model import COUNTED, Alignment
from hupli.report.units import Export, indices_text, joined_text, lines_text

if TYPE_CHECKING:
    from hupli.corpus.status import Status

CRLF = "\r\n"  # RFC 4180
LF = "\n"  # the status table's, since 0.1.0

CSV_COLUMNS = (
    "source_file",
    "target_file",
    "source_blocks",
    "source_lines",
    "target_blocks",
    "target_lines",
    "status",
    "move",
    "score",
    "source_text",
    "target_text",
    "finding_codes",
    "finding_messages",
    "signature",
)

STATUS_COLUMNS = (
    "original",
    "translation",
    "method",
    "score",
    "coverage",
    "source_blocks",
    "target_blocks",
    *COUNTED,
    "signature",
)

BOM = "\ufeff"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe.

    Page text is untrusted: a paragraph starting "=HYPERLINK(…)" must not become a live
    formula in the communications team's Excel (OWASP's CSV injection advice).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(
    rows: Iterable[Sequence[object]],
    columns: Sequence[str],
    *,
    bom: bool = False,
    line_end: str = CRLF,
) -> str:
    """COLUMNS, then ROWS, as CSV, each cell made spreadsheet-safe; with `bom`, a UTF-8 byte
    order mark first so Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()


def alignment_rows(alignment: Alignment) -> list[tuple[object, ...]]:
    """One row per link (see `CSV_COLUMNS`), then one per document-level finding."""
    src, tgt = alignment.source, alignment.target
    rows: list[tuple[object, ...]] = []
    for link in alignment.links:
        rows.append(
            (
                src.path,
                tgt.path,
                indices_text(link.source),
                lines_text(src.blocks, link.source),
                indices_text(link.target),
                lines_text(tgt.blocks, link.target),
                link.status,
                link.move,
                f"{link.score:.2f}",
                joined_text(src.blocks, link.source),
                joined_text(tgt.blocks, link.target),
                " ".join(f.code for f in link.findings),
                "\n".join(f.message for f in link.findings),
                alignment.signature,
            )
        )
    for finding in alignment.findings:
        rows.append(
            (
                src.path,
                tgt.path,
                indices_text(finding.source),
                lines_text(src.blocks, finding.source),
                indices_text(finding.target),
                lines_text(tgt.blocks, finding.target),
                "document",
                "",
                "",
                "",
                "",
                finding.code,
                finding.message,
                alignment.signature,
            )
        )
    return rows


def to_csv(alignments: Sequence[Alignment], *, bom: bool = False) -> Export:
    """Every link of every alignment as a CSV row, each row carrying the signature."""
    rows = [row for alignment in alignments for row in alignment_rows(alignment)]
    return Export(csv_text(rows, CSV_COLUMNS, bom=bom), len(rows))


def status_csv(status: Status, *, bom: bool = False) -> str:
    """One row per original (paired or not), then one per translation without original.

    Every row carries the settings signature, as every hupli report does, so rows pasted
    into one spreadsheet from two runs can still be told apart.
    """
    from hupli.corpus.status import status_rows

    rows: list[list[Any]] = [
        [
            # No coverage: the original has no text to translate.
            *("n/a" if row[column] is None else row[column] for column in STATUS_COLUMNS[:-1]),
            status.signature,
        ]
        for row in status_rows(status)
    ]
    return csv_text(rows, STATUS_COLUMNS, bom=bom, line_end=LF)
