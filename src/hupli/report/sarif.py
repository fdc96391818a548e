"""SARIF 2.1.0 for code-scanning tools: one run, a rule per finding code.

>>> from hupli.model import Severity
>>> log = lint_sarif([], {"missing": Severity.ERROR})
>>> log["version"], log["runs"][0]["tool"]["driver"]["rules"][0]["id"]
('2.1.0', 'missing')
"""

from __future__ import annotations

from typing import Any

from hupli import __version__
from hupli.corpus.lint import DESCRIPTIONS, LintFinding, most_severe_first
from hupli.model import Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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
