"""A baseline: findings a team has accepted, kept in a file under version control, so that
`hupli lint` can be adopted on a site without fixing everything first.

The file is JSON with sorted keys and one finding per line, so a `git diff` reads finding
by finding::

    {
      "format": "hupli-baseline/1",
      "findings": [
        {"code": "missing", "file": "fi/etusivu.md", "fingerprint": "3f0c…", "reason": "…"},
        …
      ]
    }

`file` is relative to the folder the baseline is in (so it works from any working folder),
`fingerprint` is the finding's own (`hupli.corpus.lint.fingerprint`: its code and the text
it is about, never its line), and `reason` says why it is accepted. A finding with the same
code, file and fingerprint is *suppressed*: reported as such, never failing the run.
Entries that match nothing any more are counted as stale, so they can be removed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from hupli.corpus.lint import LintFinding
from hupli.model import ConfigError

FORMAT = "hupli-baseline/1"
Key = tuple[str, str, str]  # code, file (relative to the baseline's folder), fingerprint


@dataclass(frozen=True)
class Baseline:
    path: str  # the file it was read from
    reasons: dict[Key, str]  # accepted findings and why

    def key(self, finding: LintFinding) -> Key:
        return (finding.code, _relative(finding.path, self.path), finding.fingerprint)


def _relative(path: str, baseline: str) -> str:
    folder = os.path.dirname(os.path.abspath(baseline))
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    """The baseline in the file at PATH. Raises `ConfigError` naming the file and what is
    wrong with it."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such baseline (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{name}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f'{name}: not a hupli baseline (expected "format": "{FORMAT}")')
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise ConfigError(f"{name}: findings: expected a list")
    reasons: dict[Key, str] = {}
    for n, entry in enumerate(entries):
        fields = ("code", "file", "fingerprint", "reason")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in fields):
            raise ConfigError(
                f"{name}: findings[{n}]: expected strings code, file, fingerprint and reason"
            )
        reasons[(entry["code"], entry["file"], entry["fingerprint"])] = entry["reason"]
    return Baseline(name, reasons)


def apply_baseline(
    findings: Iterable[LintFinding], baseline: Baseline
) -> tuple[list[LintFinding], int]:
    """FINDINGS with those in BASELINE marked suppressed (with its reason), and how many
    of the baseline's entries matched none of them (stale)."""
    out = []
    used: set[Key] = set()
    for f in findings:
        key = baseline.key(f)
        if key in baseline.reasons:
            used.add(key)
            f = replace(f, suppressed=True, reason=baseline.reasons[key])
        out.append(f)
    return out, len(baseline.reasons.keys() - used)


def baseline_text(
    findings: Iterable[LintFinding], path: str | os.PathLike[str], keep: Baseline | None = None
) -> str:
    """A baseline accepting every one of FINDINGS, to be written at PATH; a finding already
    in KEEP keeps its reason, the others get an empty one to fill in."""
    name = os.fspath(path)
    keep = keep or Baseline(name, {})
    rows = []
    for f in findings:
        key = (f.code, _relative(f.path, name), f.fingerprint)
        reason = keep.reasons.get(key, "")
        rows.append({"code": key[0], "file": key[1], "fingerprint": key[2], "reason": reason})
    rows.sort(key=lambda r: (r["file"], r["code"], r["fingerprint"]))
    lines = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
    body = ",\n    ".join(lines)
    findings_json = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "findings": {findings_json},\n  "format": "{FORMAT}"\n}}\n'
