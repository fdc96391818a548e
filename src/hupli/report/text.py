"""Plain lines: lint findings as `path:line: CODE message`, a pairing pair by pair, what
ingest did file by file, and what normalising would change, as a unified diff.

>>> from hupli.corpus.lint import LintFinding
>>> from hupli.model import Severity, WriteError
>>> print(lint_text([LintFinding("fi/a.md", 3, "missing", Severity.ERROR, "not translated")]))
fi/a.md:3: missing not translated
1 finding(s) in 1 file(s): 1 error, 0 warnings, 0 info
<BLANKLINE>
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from hupli.model import Severity, WriteError

if TYPE_CHECKING:
    from hupli.corpus.ingest import IngestResult
    from hupli.corpus.lint import LintFinding
    from hupli.corpus.pair import Pairing


def pairing_text(pairing: Pairing) -> str:
    lines = []
    for p in pairing.pairs:
        # Only content pairs have a second candidate to be ahead of.
        margin = f", margin {p.margin:.2f}" if p.method == "content" else ""
        lines.append(f"{p.source} → {p.target}  [{p.method} {p.score:.2f}{margin}]")
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


def summary_line(findings: list[LintFinding]) -> str:
    by = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    parts = [
        f"{by.get(s, 0)} {s}" + ("s" if by.get(s, 0) != 1 and s != Severity.INFO else "")
        for s in reversed(Severity)
    ]
    return f"{len(findings)} finding(s) in {files} file(s): {', '.join(parts)}"


def finding_line(f: LintFinding) -> str:
    """One finding as `path:line: code message`, and the baseline's reason if accepted."""
    line = f"{f.path}:{f.line}: {f.code} {f.message}"
    if f.suppressed:
        line += f" [suppressed{': ' + f.reason if f.reason else ''}]"
    return line


def lint_text(findings: list[LintFinding]) -> str:
    """Every finding, suppressed ones too (marked), then the summary of those not
    suppressed."""
    lines = [finding_line(f) for f in findings]
    reported = [f for f in findings if not f.suppressed]
    summary = summary_line(reported) if reported else "no findings"
    if len(reported) < len(findings):
        summary += f"; {len(findings) - len(reported)} suppressed by the baseline"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def ingest_text(result: IngestResult, corpus: str, *, dry_run: bool) -> str:
    """One line per input: what became of it, where, and why when it was not added."""
    from hupli.corpus.ingest import COLLISION

    verb = "would add" if dry_run else "added"
    lines = []
    for a in result.actions:
        shown = {"add": verb, "unchanged": "unchanged", COLLISION: "REFUSED"}[a.action]
        target = f"{corpus.rstrip('/')}/{a.relpath}"
        detail = f"{a.language}, {a.encoding}" + (f"; {', '.join(a.rules)}" if a.rules else "")
        line = f"{shown:9} {target} ← {a.source} ({detail})"
        lines.append(line + (f": {a.reason}" if a.reason and a.action != "add" else ""))
    return "".join(f"{line}\n" for line in lines)


def ingest_summary(result: IngestResult, *, dry_run: bool) -> str:
    """The counts of an ingest, in one line."""
    from hupli.corpus.ingest import COLLISION

    verb = "would add" if dry_run else "added"
    not_written = sum(1 for error in result.errors if isinstance(error, WriteError))
    return (
        f"{result.count('add')} {verb}, {result.count('unchanged')} unchanged, "
        f"{result.count(COLLISION)} refused, {len(result.errors) - not_written} unreadable"
        + (f", {not_written} not written" if not_written else "")
        + (" (dry run: nothing written)" if dry_run else "")
    )


def normalise_diff(path: object, before: str, after: str, rules: str) -> str:
    """What normalising changes in the file at PATH, as a unified diff naming the rules."""
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path}\t(original)",
            tofile=f"{path}\t(normalised: {rules})",
        )
    )
