"""SARIF 2.1.0 for code-scanning tools: one run, a rule per finding code.

Files are named by relative URI references under the base `%SRCROOT%`, which
`originalUriBaseIds` declares as the checkout (or folder) they are relative to, so code
scanning finds them in the repository: percent-encoded (`c/en/50%25%20off%20%231.txt`),
with `/` between folders on every system. A file outside that folder is named by its
absolute `file:` URI. Each result carries `partialFingerprints`: a hash of its code, its
file and the text it is about (the finding's own fingerprint, never its line), so a finding
is followed from one commit to the next. A finding accepted in a baseline is reported with
a `suppressions` entry giving the baseline's reason.

>>> from pathlib import Path
>>> from hupli.model import Severity
>>> log = lint_sarif([], {"missing": Severity.ERROR}, root=Path("/site"), cwd=Path("/site"))
>>> log["version"], log["runs"][0]["tool"]["driver"]["rules"][0]["id"]
('2.1.0', 'missing')
>>> artifact_uri("c/en/50% off #1.txt", Path("/site"), Path("/site"))
('c/en/50%25%20off%20%231.txt', '%SRCROOT%')
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from hupli import __version__
from hupli.corpus.lint import DESCRIPTIONS, LintFinding, most_severe_first
from hupli.model import Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "hupliFinding/v1"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str, root: Path, cwd: Path) -> tuple[str, str | None]:
    """The URI of the file at PATH (as reported, relative to CWD or absolute) and its base
    id: relative to ROOT under `%SRCROOT%`, or an absolute `file:` URI (no base) when the
    file is outside ROOT."""
    absolute = os.path.normpath(os.path.join(cwd, path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive
        return Path(absolute).as_uri(), None
    if relative == ".." or relative.startswith(("../", "..\\")) or os.path.isabs(relative):
        return Path(absolute).as_uri(), None
    posix = PurePosixPath(*Path(relative).parts)
    return quote(str(posix), safe="/"), SRCROOT


def _fingerprint(f: LintFinding, uri: str) -> str:
    text = f"{f.code}\0{uri}\0{f.fingerprint}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def lint_sarif(
    findings: list[LintFinding],
    defaults: dict[str, Severity],
    *,
    root: Path,
    cwd: Path | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; `defaults` gives each rule's configured severity.
    Files are named relative to ROOT (the checkout); reported paths are relative to CWD
    (default: the working folder)."""
    cwd = cwd or Path.cwd()
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
    results = []
    for f in most_severe_first(findings):
        uri, base = artifact_uri(f.path, root, cwd)
        location: dict[str, Any] = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": f.line},
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f, uri)},
        }
        if f.suppressed:
            suppression: dict[str, str] = {"kind": "external", "status": "accepted"}
            if f.reason:
                suppression["justification"] = f.reason
            result["suppressions"] = [suppression]
        results.append(result)
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
                "originalUriBaseIds": {SRCROOT: {"uri": root.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
