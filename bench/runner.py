"""Run `hupli align` as a subprocess, as a user would: the benches never import hupli."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
# The command score.py is given; the two page paths are appended.
ALIGN = ("-m", "hupli", "align", "--format", "json", "--fail-on", "never")


def align_command(python: str | None = None) -> list[str]:
    return [python or sys.executable, *ALIGN]


def bench_env() -> dict[str, str]:
    """The environment for hupli runs: this checkout's hupli, and a cache of the bench's own
    unless HUPLI_CACHE_DIR is set (the cache is keyed by hupli's code, so it never serves
    another version's results)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    # Some shells here set this; every run would then recompile hupli's sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("HUPLI_CACHE_DIR", str(OUT / "hupli-cache"))
    return env


@dataclass(frozen=True)
class Run:
    original: Path
    translation: Path
    result: dict[str, Any] | None  # the parsed JSON object; None when the run failed
    error: str  # "" when it worked


def run_align(
    original: Path,
    translation: Path,
    extra: Sequence[str] = (),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    """One `hupli align … --format json --fail-on never` run; paths relative to `cwd`."""
    cmd = [*align_command(), *extra, str(original), str(translation)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env or bench_env(), cwd=cwd, check=False
    )
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        return Run(original, translation, None, f"rc={proc.returncode} {exc}: {proc.stderr[-300:]}")
    if not isinstance(result, dict):
        return Run(original, translation, None, f"rc={proc.returncode}: not a JSON object")
    return Run(original, translation, result, "")


def run_many(
    pairs: Sequence[tuple[Path, Path]],
    extra: Sequence[str] = (),
    jobs: int = 1,
    cwd: Path | None = None,
) -> list[Run]:
    """Runs in the order given; `jobs` subprocesses at a time."""
    env = bench_env()
    if jobs <= 1:
        return [run_align(o, t, extra, env, cwd) for o, t in pairs]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda p: run_align(p[0], p[1], extra, env, cwd), pairs))


def default_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))
