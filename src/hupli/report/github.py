"""GitHub Actions workflow commands: lint findings as annotations, then a summary.

GitHub shows at most 10 error, 10 warning and 10 notice annotations a step and 50 a job,
and drops the rest without a word. So the most severe come first, at most
`PER_LEVEL` of each level are written as annotations (and never more than `PER_JOB`), the
rest are listed as plain lines in a collapsed group of the log, and the last line always
says how many were not shown and where the full list is. Findings accepted in a
baseline are not annotated; the summary counts them.

>>> from hupli.corpus.lint import LintFinding
>>> from hupli.model import Severity
>>> print(lint_github([LintFinding("fi/a.md", 3, "missing", Severity.ERROR, "50% done")]), end="")
::error file=fi/a.md,line=3,title=hupli missing::50%25 done
hupli lint: 1 finding(s) in 1 file(s): 1 error, 0 warnings, 0 info; 0 not shown as annotations
"""

from __future__ import annotations

from hupli.corpus.lint import LintFinding, most_severe_first
from hupli.model import Severity
from hupli.report.text import finding_line, summary_line

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_LEVEL = 10  # annotations GitHub shows of each level in one step
PER_JOB = 50  # annotations GitHub shows in one job, all steps together


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _annotation(f: LintFinding) -> str:
    props = ",".join(
        [
            f"file={_github_escape(f.path, prop=True)}",
            f"line={f.line}",
            f"title={_github_escape(f'hupli {f.code}', prop=True)}",
        ]
    )
    return f"::{_GITHUB_LEVEL[f.severity]} {props}::{_github_escape(f.message)}"


def lint_github(findings: list[LintFinding]) -> str:
    """Workflow commands for FINDINGS: annotations, the rest in a group, a summary."""
    shown: list[LintFinding] = []
    rest: list[LintFinding] = []
    per_level: dict[Severity, int] = {}
    reported = [f for f in findings if not f.suppressed]
    for f in most_severe_first(reported):
        if per_level.get(f.severity, 0) < PER_LEVEL and len(shown) < PER_JOB:
            per_level[f.severity] = per_level.get(f.severity, 0) + 1
            shown.append(f)
        else:
            rest.append(f)
    lines = [_annotation(f) for f in shown]
    if rest:
        lines.append(f"::group::hupli lint: {len(rest)} more finding(s), not shown as annotations")
        lines.extend(finding_line(f).replace("\n", " ") for f in rest)
        lines.append("::endgroup::")
    summary = summary_line(reported) if reported else "no findings"
    suppressed = len(findings) - len(reported)
    if suppressed:
        summary += f"; {suppressed} suppressed by the baseline"
    summary += f"; {len(rest)} not shown as annotations"
    if rest:
        summary += (
            f" (GitHub shows {PER_LEVEL} of each level a step): the full list is in the log "
            "above, and in hupli lint --format text or --format sarif"
        )
    lines.append(f"hupli lint: {summary}")
    return "\n".join(lines) + "\n"
