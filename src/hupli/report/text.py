"""Writers for the corpus commands: pairing, status and lint results → text.

Like `hupli.report`, writers return strings or draw on a `rich.console.Console` they are
given; they never decide exit codes. Lint formats: `text` (`path:line: CODE message`),
`json`, `github` (workflow commands, most severe first, then a summary line) and `sarif`
(SARIF 2.1.0 for code-scanning tools).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from hupli import __version__
from hupli.corpus.lint import DESCRIPTIONS, LintFinding
from hupli.corpus.pair import Pairing
from hupli.corpus.status import CSV_COLUMNS, Status, status_json, status_rows
from hupli.model import Severity

if TYPE_CHECKING:
    from rich.console import Console

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def to_json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- progress --------------------------------------------------------------------------------


@contextlib.contextmanager
def progress_bar(
    total: int, description: str, *, enabled: bool
) -> Iterator[Callable[[str], None] | None]:
    """A rich progress bar on stderr when `enabled` (stderr is a terminal); else nothing."""
    if not enabled or total <= 1:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda _item: progress.advance(task)


# --- pair ------------------------------------------------------------------------------------


def pairing_text(pairing: Pairing) -> str:
    lines = []
    for p in pairing.pairs:
        lines.append(f"{p.source} → {p.target}  [{p.method} {p.score:.2f}]")
        lines.extend(f"    {reason}" for reason in p.reasons)
    for u in pairing.unpaired:
        arrow = f"{u.path} → (none)" if u.role == "original" else f"(none) → {u.path}"
        lines.append(f"{arrow}  [{u.role} in {u.language}]")
        lines.append(f"    {u.reason}")
    for problem in pairing.problems:
        lines.append(f"problem: {problem}")
    n_orig = len(pairing.untranslated)
    n_orphan = len(pairing.orphans)
    lines.append(
        f"{len(pairing.pairs)} pair(s); {n_orig} original(s) without translation; "
        f"{n_orphan} translation(s) without original"
    )
    return "\n".join(lines) + "\n"


def pairing_json(pairing: Pairing, signature: str) -> dict[str, Any]:
    return {
        "pairs": [p.to_json() for p in pairing.pairs],
        "unpaired": [u.to_json() for u in pairing.unpaired],
        "problems": list(pairing.problems),
        "signature": signature,
    }


# --- status ----------------------------------------------------------------------------------


def status_csv(status: Status, *, bom: bool = False) -> str:
    """One row per original; `bom` starts with a byte order mark so Excel reads UTF-8.

    Every row carries the settings signature, as every hupli report does, so rows pasted
    into one spreadsheet from two runs can still be told apart.
    """
    buffer = io.StringIO()
    fields = [*CSV_COLUMNS, "signature"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    from hupli.report.tmx import spreadsheet_safe

    writer.writerows(
        {
            key: spreadsheet_safe(value)
            for key, value in {**row, "signature": status.signature}.items()
        }
        for row in status_rows(status)
    )
    return ("\ufeff" if bom else "") + buffer.getvalue()


def status_json_text(status: Status) -> str:
    return to_json_text(status_json(status))


def render_status(status: Status, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

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
        if not row["translation"]:
            table.add_row(escape(row["original"]), "[red]none[/]", "[red]0%[/]", "", "", "", "")
            continue
        if not row["original"]:
            table.add_row("[yellow]none[/]", escape(row["translation"]), "", "", "", "", "")
            continue
        coverage = float(row["coverage"])
        style = "green" if coverage >= 0.999 else "yellow" if coverage >= 0.8 else "red"
        counts = [row[k] for k in ("missing", "added", "changed", "untranslated")]
        table.add_row(
            escape(row["original"]),
            f"{escape(row['translation'])}\n[dim]{row['method']} {row['score']:.2f}[/]",
            f"[{style}]{coverage:.0%}[/]",
            *[str(c) if c else "[dim]0[/]" for c in counts],
        )
    console.print(table)
    t = status.totals()
    console.print(
        f"[bold]{t['pairs']} of {t['originals']} originals translated[/]; "
        f"{t['coverage']:.0%} of original blocks translated "
        f"({t['translated_blocks']}/{t['original_blocks']}); "
        f"{t['missing']} missing, {t['added']} added, {t['changed']} changed, "
        f"{t['untranslated']} untranslated passages"
    )
    for u in status.pairing.unpaired:
        console.print(f"  [dim]{escape(u.path)}: {escape(u.reason)}[/]")
    if t["unreadable"]:
        console.print(f"[red]{t['unreadable']} file(s) could not be read[/]")
    console.print(f"[dim]signature: {escape(status.signature)}[/]")


# --- lint ------------------------------------------------------------------------------------


def _counts(findings: list[LintFinding]) -> str:
    by = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    parts = [
        f"{by.get(s, 0)} {s}" + ("s" if by.get(s, 0) != 1 and s != Severity.INFO else "")
        for s in reversed(Severity)
    ]
    return f"{len(findings)} finding(s) in {files} file(s): {', '.join(parts)}"


def lint_text(findings: list[LintFinding]) -> str:
    lines = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings]
    lines.append(_counts(findings) if findings else "no findings")
    return "\n".join(lines) + "\n"


def lint_json(findings: list[LintFinding], signature: str) -> dict[str, Any]:
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(str(f.severity) for f in findings)
    return {
        "findings": [f.to_json() for f in findings],
        "summary": {
            "findings": len(findings),
            "files": len({f.path for f in findings}),
            "codes": dict(sorted(by_code.items())),
            "severities": {str(s): by_severity.get(str(s), 0) for s in reversed(Severity)},
        },
        "signature": signature,
    }


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def most_severe_first(findings: list[LintFinding]) -> list[LintFinding]:
    return sorted(findings, key=lambda f: (-f.severity, f.path, f.line, f.code))


def lint_github(findings: list[LintFinding]) -> str:
    """GitHub Actions workflow commands. GitHub shows only the first few annotations of a
    step, so the most severe come first; a summary line ends the output."""
    lines = []
    for f in most_severe_first(findings):
        props = ",".join(
            [
                f"file={_github_escape(f.path, prop=True)}",
                f"line={f.line}",
                f"title={_github_escape(f'hupli {f.code}', prop=True)}",
            ]
        )
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_github_escape(f.message)}")
    lines.append(f"hupli lint: {_counts(findings)}" if findings else "hupli lint: no findings")
    return "\n".join(lines) + "\n"


def lint_sarif(findings: list[LintFinding], defaults: dict[str, Severity]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; `defaults` gives each rule's configured severity."""
    rule_ids = sorted(defaults)
    index = {rule: i for i, rule in enumerate(rule_ids)}
    rules = [
        {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": DESCRIPTIONS.get(rule, rule)},
            "defaultConfiguration": {"level": _SARIF_LEVEL[defaults[rule]]},
        }
        for rule in rule_ids
    ]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {"startLine": f.line},
                    }
                }
            ],
        }
        for f in most_severe_first(findings)
    ]
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hupli",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
