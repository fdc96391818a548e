"""Speed of hupli where its users feel it: one `hupli align` run, and long documents.

Prints, in one run on this machine:
* whole-process wall time of `hupli align` on the sample pair (rich view to a pipe, and
  JSON), beside `python -c pass`, as medians of repeated runs;
* alignment time for document pairs of 50, 500, 2,000 and 5,000 blocks built from the
  WMT16 fi→en sentences (a few paragraphs omitted on the English side), with the growth
  factor per tenfold/2.5-fold size step, so near-linear growth can be read off.

Run: python bench/bench_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

FI = ROOT / "corpus" / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
EN = ROOT / "corpus" / "en" / "blog-the-possibility-of-closed-doors.txt"
TARGET_ALIGN_MS = 150.0
TARGET_2000_S = 1.0


def _wall(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
    return times


def process_times(runs: int) -> None:
    # Byte-compile first: an installed hupli has its .pyc files, and some shells here set
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile the sources.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT / "src")
    py = sys.executable
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("hupli --version", [py, "-m", "hupli", "--version"]),
        ("hupli align (view, piped)", [py, "-m", "hupli", "align", str(FI), str(EN)]),
        (
            "hupli align --format json",
            [py, "-m", "hupli", "align", str(FI), str(EN), "--format", "json"],
        ),
        ("hupli align --no-cache", [py, "-m", "hupli", "align", str(FI), str(EN), "--no-cache"]),
    ]
    # A private cache folder: the first (warm-up) runs fill it, as a user's first run
    # would; the --no-cache row shows a run that computes everything.
    env["HUPLI_CACHE_DIR"] = tempfile.mkdtemp(prefix="hupli-bench-cache-")
    print(f"whole process, sample pair, median of {runs} runs (ms):")
    base = None
    for label, cmd in rows:
        _wall(cmd, 2, env)  # warm the file cache
        times = _wall(cmd, runs, env)
        median = statistics.median(times)
        base = base if base is not None else median
        ratio = median / base
        print(f"  {label:32s} median {median:7.1f}  min {min(times):7.1f}  ×{ratio:4.1f} of python")
        if label.startswith("hupli align") and "no-cache" not in label:
            verdict = "ok" if median <= TARGET_ALIGN_MS else "TARGET MISSED"
            print(f"  {'':32s} target ≤ {TARGET_ALIGN_MS:.0f} ms: {verdict}")


def scaling() -> None:
    from evaldata import load_wmt16_fien

    from hupli.align.aligner import align_blocks
    from hupli.align.checks import run_checks
    from hupli.api import align_documents, document_from_text
    from hupli.settings import Settings

    docs = load_wmt16_fien()
    fi_sentences = [s for d in docs for s in d.fi]
    en_sentences = [s for d in docs for s in d.en]
    settings = Settings()
    print(
        "alignment of long documents, documents already read (blocks of two WMT16 sentences,"
        " 1 in 40 omitted in English):"
    )
    # Warm up: the first alignment imports the later stages.
    warm = document_from_text("Yksi lause.\n", "fi.txt", settings, "text")
    align_documents(warm, document_from_text("One sentence.\n", "en.txt", settings, "text"))
    previous = None
    count = len(fi_sentences)
    for size in (50, 500, 2000, 5000):
        fi_blocks, en_blocks = [], []
        k = 0
        while len(fi_blocks) < size:
            # WMT16 has 1,500 sentences: past 750 blocks they repeat, in new pairings.
            i, j = k % count, (7 * k + 3 + k // count) % count
            fi_blocks.append(f"{fi_sentences[i]} {fi_sentences[j]}")
            if k % 40 != 17:
                en_blocks.append(f"{en_sentences[i]} {en_sentences[j]}")
            k += 1
        source = document_from_text("\n\n".join(fi_blocks) + "\n", "fi.txt", settings, "text")
        target = document_from_text("\n\n".join(en_blocks) + "\n", "en.txt", settings, "text")
        start = time.perf_counter()
        raw = align_blocks(source, target, settings)
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        links, _ = run_checks(source, target, raw, settings)
        checking = time.perf_counter() - start
        missing = sum(1 for link in links if link.status == "missing")
        growth = f"×{seconds / previous[1]:.1f} for ×{size / previous[0]:.1f}" if previous else ""
        per_block = seconds / size * 1e6
        omitted = size - len(en_blocks)
        print(
            f"  {size:5d} blocks: align {seconds * 1000:7.1f} ms ({per_block:4.0f} µs/block)"
            f" + checks {checking * 1000:6.1f} ms; {missing} missing of {omitted} omitted"
            f"  {growth}"
        )
        if size == 2000:
            verdict = "ok" if seconds <= TARGET_2000_S else "TARGET MISSED"
            print(
                f"  {'':11s} target: 2,000 blocks aligned in under {TARGET_2000_S:.0f} s: {verdict}"
            )
        previous = (size, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    process_times(args.runs)
    scaling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
