"""Plain lines: lint findings as `path:line: CODE message`, and a pairing, pair by pair.

>>> from hupli.corpus.lint import LintFinding
>>> from hupli.model import Severity
>>> print(lint_text([LintFinding("fi/a.md", 3, "missing", Severity.ERROR, "not translated")]))
fi/a.md:3: missing not translated
1 finding(s) in 1 file(s): 1 error, 0 warnings, 0 info
<BLANKLINE>
"""

from __future__ import annotations

from collections import Counter

from hupli.corpus.lint import LintFinding
from hupli.corpus.pair import Pairing
from hupli.model import Severity


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


def summary_line(findings: list[LintFinding]) -> str:
    by = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    parts = [
        f"{by.get(s, 0)} {s}" + ("s" if by.get(s, 0) != 1 and s != Severity.INFO else "")
        for s in reversed(Severity)
    ]
    return f"{len(findings)} finding(s) in {files} file(s): {', '.join(parts)}"


def lint_text(findings: list[LintFinding]) -> str:
    lines = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings]
    lines.append(summary_line(findings) if findings else "no findings")
    return "\n".join(lines) + "\n"
