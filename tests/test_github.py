"""GitHub annotations: the most severe first, capped as GitHub caps them, and a summary that
says how many were not shown (issue 15)."""

from __future__ import annotations

from hupli.corpus.lint import LintFinding
from hupli.model import Severity
from hupli.report.github import PER_LEVEL, lint_github


def _findings(errors: int, warnings: int, infos: int) -> list[LintFinding]:
    out = []
    for severity, count in ((Severity.INFO, infos), (Severity.WARNING, warnings)):
        out += [
            LintFinding(f"fi/{severity}{n}.md", n + 1, "x", severity, "m") for n in range(count)
        ]
    out += [
        LintFinding(f"fi/e{n}.md", n + 1, "missing", Severity.ERROR, "m") for n in range(errors)
    ]
    return out


def test_annotations_are_capped_per_level_most_severe_first() -> None:
    lines = lint_github(_findings(25, 15, 3)).splitlines()
    annotations = [line for line in lines if line.startswith("::") and "::group" not in line]
    annotations = [line for line in annotations if not line.startswith("::endgroup")]
    levels = [line.split(" ", 1)[0] for line in annotations]
    assert levels == ["::error"] * PER_LEVEL + ["::warning"] * PER_LEVEL + ["::notice"] * 3
    group = lines.index("::group::hupli lint: 20 more finding(s), not shown as annotations")
    assert lines[group + 21] == "::endgroup::"
    assert all(":" in line and not line.startswith("::") for line in lines[group + 1 : group + 21])
    assert lines[-1].startswith("hupli lint: 43 finding(s) in 43 file(s): 25 errors, 15 warnings")
    assert "; 20 not shown as annotations" in lines[-1]
    assert "--format text or --format sarif" in lines[-1]


def test_summary_always_says_how_many_were_not_shown() -> None:
    assert lint_github(_findings(2, 0, 0)).splitlines()[-1].endswith("0 not shown as annotations")
    assert lint_github([]) == "hupli lint: no findings; 0 not shown as annotations\n"


def test_suppressed_findings_are_not_annotated() -> None:
    accepted = LintFinding("fi/a.md", 1, "missing", Severity.ERROR, "m", suppressed=True)
    out = lint_github([accepted, *_findings(1, 0, 0)])
    assert out.count("::error") == 1
    assert "; 1 suppressed by the baseline" in out.splitlines()[-1]
