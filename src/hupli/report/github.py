"""GitHub Actions workflow commands: each lint finding as an annotation, then a summary.

>>> from hupli.corpus.lint import LintFinding
>>> from hupli.model import Severity
>>> print(lint_github([LintFinding("fi/a.md", 3, "missing", Severity.ERROR, "50% done")]), end="")
::error file=fi/a.md,line=3,title=hupli missing::50%25 done
hupli lint: 1 finding(s) in 1 file(s): 1 error, 0 warnings, 0 info
"""

from __future__ import annotations

from hupli.corpus.lint import LintFinding, most_severe_first
from hupli.model import Severity
from hupli.report.text import summary_line

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


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
    lines.append(f"hupli lint: {summary_line(findings)}" if findings else "hupli lint: no findings")
    return "\n".join(lines) + "\n"
