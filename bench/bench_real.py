"""Real-data benchmark: hupli on real translations, scored against hand-made or derived gold.

1. fso-dev (../shared/evaldata/fso-dev): ten real Full Stack Open page pairs, Finnish
   original and English translation, every divergence labelled by hand. First the data
   set's own score.py, run exactly as its README says, output unchanged (the official
   figures); then the same results cut finer by this bench with score.py's own matching
   functions: per finding type, changed by kind, findings that touch nothing by cause, the
   dev/held-out split, sentence-level findings, new link statuses.
2. GNOME help in Finnish (../shared/evaldata/gnome-help-fi): English originals and the
   Finnish pages itstool builds from fi.po, with the units left untranslated or fuzzy
   still in English. Both converted to Markdown by bench/mallard.py; the gold comes from
   the shared element structure and fi.po (see bench/gnome.py). Untranslated precision
   and recall, false missing/added/changed findings, link accuracy, score calibration.

hupli is only ever run as a command (`python -m hupli align … --format json --fail-on
never`), never imported. Tables go to stdout; a JSON summary to bench/out/real.json.

Run: python bench/bench_real.py [--pairs 2e,5a] [--details] [--limit N] [--jobs N]
                                [--skip-fso] [--skip-gnome]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import calibration  # noqa: E402
import evaldata  # noqa: E402
import fso  # noqa: E402
import gnome  # noqa: E402
import runner  # noqa: E402

SPLITS = (("dev", None), ("heldout", fso.HELDOUT), ("all", None))
GNOME_EXTRA = ("--source-lang", "en", "--target-lang", "fi")


def _fmt(x: float | None, width: int = 6) -> str:
    return f"{'-':>{width}s}" if x is None else f"{x:{width}.3f}"


def _git_head() -> str:
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=BENCH.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() or "unknown"


# ---- fso-dev -------------------------------------------------------------------------


def split_members(split: str, ids: Sequence[str]) -> list[str]:
    if split == "heldout":
        return [i for i in ids if i in fso.HELDOUT]
    if split == "dev":
        return [i for i in ids if i not in fso.HELDOUT]
    return list(ids)


def bench_fso(root: Path, ids: Sequence[str] | None, jobs: int, details: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    gold = fso.load_gold(root)
    all_ids = [p["id"] for p in gold["pairs"]]
    if ids is not None:
        unknown = sorted(set(ids) - set(all_ids))
        if unknown:
            sys.exit(f"bench_real: unknown fso-dev pair(s): {', '.join(unknown)}")
    selected = [p for p in gold["pairs"] if ids is None or p["id"] in ids]
    chosen_ids = [p["id"] for p in selected]

    print("=" * 100)
    print(
        "fso-dev: ten real Full Stack Open pairs (fi original → en translation), labelled by hand"
    )
    print("=" * 100)
    subset = None if ids is None else chosen_ids
    print(
        "Official figures: score.py pairs gold.json -- <python> -m hupli align --format json "
        "--fail-on never" + ("" if subset is None else f"  (gold restricted to {','.join(subset)})")
    )
    print()
    official_text, rc = fso.run_official(
        root,
        sys.executable,
        runner.bench_env(),
        subset,
        gold_copy=runner.OUT / "fso-gold-subset.json",
    )
    print(official_text.rstrip("\n"))
    lines = [ln for ln in official_text.splitlines() if ln.startswith("precision=")]
    official = fso.parse_summary(lines[-1]) if lines else {}
    if rc != 0 or not official:
        print(f"(score.py exited with {rc}; no summary line)")

    pairs_dir = root / fso.DIR / "pairs"
    runs = runner.run_many(
        [(Path("pairs") / f"fi_{i}.md", Path("pairs") / f"en_{i}.md") for i in chosen_ids],
        jobs=jobs,
        cwd=pairs_dir.parent,
    )
    results: list[fso.PairResult] = []
    failures = []
    for pair, run in zip(selected, runs, strict=True):
        if run.result is None:
            failures.append(f"{pair['id']}: {run.error}")
            results.append(
                fso.PairResult(pair=pair, result={}, findings=[], found=set(), error=run.error)
            )
            continue
        results.append(fso.score(root, pair, run.result))
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)

    everything = fso.summarise(results)
    same = bool(official) and all(
        official.get(k) == v
        for k, v in (
            ("precision", round(everything.precision, 3)),
            ("recall", round(everything.recall, 3)),
            ("findings", everything.findings),
            ("hits", everything.hits),
            ("real", everything.real),
            ("found", everything.found),
            ("sentence_found", f"{everything.sentence_found}/{everything.sentence}"),
        )
    )
    print()
    print(
        "The figures below are this bench's, with score.py's own functions "
        f"(they reproduce its summary line: {'yes' if same else 'NO'})."
    )

    # splits
    print()
    print("Splits (dev = tuned on; heldout = 2e, 5a, 8d, kept back)")
    print(
        f"{'split':8s} {'pairs':28s} {'findings':>8s} {'hits':>5s} {'prec':>6s} "
        f"{'real':>5s} {'found':>6s} {'recall':>6s}  sentence"
    )
    splits_json = {}
    for split, _ in SPLITS:
        members = split_members(split, chosen_ids)
        if not members:
            continue
        s = fso.summarise(r for r in results if r.id in members)
        splits_json[split] = {"pairs": members, **s.to_json()}
        print(
            f"{split:8s} {' '.join(members):28s} {s.findings:8d} {s.hits:5d} {s.precision:6.3f} "
            f"{s.real:5d} {s.found:6d} {s.recall:6.3f}  {s.sentence_found}/{s.sentence}"
        )

    # per type
    print()
    print("By finding type (a hit touches any divergence, either scope; recall is over")
    print("block-scope divergences of that type, found by any finding / by one of that type)")
    print(
        f"{'type':13s} {'findings':>8s} {'hits':>5s} {'prec':>6s} {'typed':>6s} "
        f"{'divs':>5s} {'found':>6s} {'recall':>6s} {'same-type':>10s}"
    )
    type_rows = fso.by_type(results)
    for row in type_rows:
        j = row.to_json()
        print(
            f"{row.kind:13s} {row.findings:8d} {row.hits:5d} {_fmt(j['precision'])} "
            f"{_fmt(j['typed_precision'])} {row.divergences:5d} {row.found:6d} "
            f"{_fmt(j['recall'])} {row.found_same_type:4d} {_fmt(j['recall_same_type'])}"
        )
    print("  (typed = share of the type's findings that touch a divergence of the same type)")

    split_changed = fso.changed_split(results)
    print()
    print("Changed divergences (block scope) by note: found by any finding / by a changed finding")
    for group, c in split_changed.items():
        print(
            f"  {group:10s} {c.get('found', 0):3d}/{c.get('divergences', 0):<3d} "
            f"{c.get('found_by_changed', 0):3d}/{c.get('divergences', 0):<3d}  "
            f"(changed findings touching them: {c.get('changed_findings_touching', 0)})"
        )

    causes = fso.false_by_cause(results)
    total_false = sum(sum(v.values()) for v in causes.values())
    print()
    print(f"Findings that touch no divergence: {total_false}, by what their blocks are")
    print("(first that applies: image block or file name, inside a fenced code block, heading)")
    print(f"{'cause':9s} " + " ".join(f"{k:>12s}" for k in fso.KINDS) + f" {'total':>6s}")
    for cause, row in causes.items():
        print(
            f"{cause:9s} "
            + " ".join(f"{row[k]:12d}" for k in fso.KINDS)
            + f" {sum(row.values()):6d}"
        )

    sent = fso.sentence_summary(results)
    print()
    print(
        "Sentence-level findings (missing-sentence / added-sentence inside a link): "
        f"{sent.findings} findings, {sent.hits} hits, precision {_fmt(sent.precision, 0).strip()}; "
        f"sentence-scope recall {sent.found}/{sent.divergences} = {sent.recall:.3f}; "
        f"false per 50 linked paragraphs {sent.false_per_50:.2f} "
        f"({sent.linked_paragraphs} linked paragraphs)"
    )
    statuses = sum((r.statuses for r in results), Counter[str]())
    doc_findings = sum((r.document_findings for r in results), Counter[str]())
    print(
        f"Links with status moved: {statuses['moved']}, uncertain: {statuses['uncertain']}; "
        f"document-level findings: {sum(doc_findings.values())}"
        + (f" ({dict(sorted(doc_findings.items()))})" if doc_findings else "")
    )

    if details:
        print()
        print(
            "Details (HIT/miss per finding, with the blocks it concerns; found/NOT per divergence)"
        )
        for r in results:
            print(f"  pair {r.id}")
            for f in r.findings:
                cause = f"  [{f.cause}]" if not f.touched else ""
                print(
                    f"    {'HIT ' if f.touched else 'miss'} {f.kind:12s} fi{f.src} en{f.tgt} "
                    f"-> {sorted(f.touched)}{cause}"
                )
            for s in r.sentence_findings:
                print(
                    f"    {'HIT ' if s.touched else 'miss'} {s.code:15s} {s.sentence[:60]!r} "
                    f"-> {sorted(s.touched)}"
                )
            for n, d in enumerate(r.divergences):
                mark = "found" if n in r.found else "NOT  "
                print(f"    {mark} #{n} {fso.scorer(root).label(d)}")

    seconds = time.perf_counter() - t0
    print(f"\n(fso-dev: {seconds:.1f}s)")
    return {
        "pairs": chosen_ids,
        "official": official,
        "reproduced_by_bench": same,
        "splits": splits_json,
        "by_type": {row.kind: row.to_json() for row in type_rows},
        "changed_by_note": split_changed,
        "no_divergence_by_cause": causes,
        "sentence": sent.to_json(),
        "link_statuses": dict(sorted(statuses.items())),
        "document_findings": dict(sorted(doc_findings.items())),
        "failures": failures,
        "per_pair": {r.id: fso.summarise([r]).to_json() for r in results},
    }


# ---- GNOME help ----------------------------------------------------------------------


def bench_gnome(root: Path, limit: int | None, jobs: int, details: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    print()
    print("=" * 100)
    print("GNOME help: English original → Finnish build (itstool, fi.po); untranslated units stay")
    print("in English; gold from the shared element structure and fi.po")
    print("=" * 100)
    names = None
    if limit is not None:
        names = sorted(p.stem for p in (root / gnome.DIR / "C").glob("*.page"))[:limit]
    gold = gnome.load_gold(root, names)
    paths = gnome.write_markdown(gold.pages, runner.OUT / "gnome")
    t_convert = time.perf_counter() - t0
    runs = runner.run_many(paths, GNOME_EXTRA, jobs=jobs)
    t_runs = time.perf_counter() - t0 - t_convert
    scores: list[gnome.PageScore] = []
    failures = []
    for page, run in zip(gold.pages, runs, strict=True):
        if run.result is None:
            failures.append(f"{page.name}: {run.error}")
            continue
        scores.append(gnome.score_page(page, run.result))
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    agg = gnome.aggregate(scores)
    st = gold.stats

    pages_used = len(scores)
    print(
        f"pages: {pages_used} used, {len(gold.excluded)} excluded (block counts differ), "
        f"{len(gold.missing_fi)} without a Finnish page, {len(failures)} failed runs"
    )
    for name, n_en, n_fi in gold.excluded:
        print(f"  excluded {name}: {n_en} English blocks, {n_fi} Finnish blocks")
    print(
        f"blocks: {agg['units']}; gold untranslated {st['status:untranslated']}, "
        f"translated {st['status:translated']}, nothing to translate (code, images) "
        f"{st['status:not-text']}"
    )
    print(
        f"unit status decided by fi.po: {st['via:po']}; by the fallback (Finnish text = English "
        f"text): {st['via:fallback']}"
        + (
            f", {sum(1 for p in gold.pages if p.name in gold.pages_without_po)} of the pages "
            f"have no unit in fi.po at all ({', '.join(gold.pages_without_po)})"
            if gold.pages_without_po
            else ""
        )
    )
    if gold.inconsistent:
        print(f"PO status and Finnish page disagree on {len(gold.inconsistent)} blocks:")
        for name, k, why, text in gold.inconsistent[:10]:
            print(f"  {name} block {k}: {why}: {text[:70]!r}")
    seg = agg["segmentation"]
    print(
        "hupli's blocks vs the converter's: "
        + (", ".join(f"{k} {v}" for k, v in seg.items()) if seg else "the same on every page")
    )
    print()
    u = agg["untranslated"]
    print(
        f"untranslated: {u['findings']} findings, {u['hits']} hits, "
        f"precision {_fmt(u['precision'], 0).strip()}; gold untranslated found "
        f"{u['found']}/{u['gold']}, recall {_fmt(u['recall'], 0).strip()}"
    )
    fa = agg["false"]
    print(
        f"false findings (gold has no missing/added/changed): missing {fa['missing']}, "
        f"added {fa['added']}, changed {fa['changed']}; "
        f"{fa['per_100_blocks']:.2f} per 100 blocks"
    )
    lk = agg["links"]
    print(
        f"links (strict: source and target blocks exactly a gold pair): hupli {lk['links']}, "
        f"right {lk['right']}; gold {lk['gold']}, found {lk['found']}; "
        f"P {lk['precision']:.4f} R {lk['recall']:.4f} F1 {lk['f1']:.4f}"
    )
    print(f"link statuses: {agg['statuses']}")
    print()
    print("Calibration of link scores (a link is right as above)")
    cal = calibration.calibrate(pair for s in scores for pair in s.scored_links)
    print(calibration.format_table(cal))
    if details:
        print()
        print(
            "Details: per page, links that are not a gold pair, untranslated findings on "
            "blocks gold says are translated (miss), gold-untranslated blocks not flagged (NOT)"
        )
        for s in scores:
            if s.details:
                print(f"  {s.name}: {s.links} links, {s.links - s.links_right} not a gold pair")
                for line in s.details:
                    print(line)
    seconds = time.perf_counter() - t0
    print(
        f"\n(GNOME: {seconds:.1f}s: converting {t_convert:.1f}s, {len(runs)} hupli runs "
        f"{t_runs:.1f}s with --jobs {jobs})"
    )
    return {
        "pages_used": pages_used,
        "pages_excluded": [
            {"page": n, "english_blocks": a, "finnish_blocks": b} for n, a, b in gold.excluded
        ],
        "pages_without_finnish": gold.missing_fi,
        "pages_without_po_units": gold.pages_without_po,
        "gold": {k: st[k] for k in sorted(st)},
        "gold_inconsistent": len(gold.inconsistent),
        **agg,
        "calibration": cal.to_json(),
        "failures": failures,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", help="fso-dev pairs, e.g. 2e,5a (default: all ten)")
    parser.add_argument("--details", action="store_true", help="list every finding")
    parser.add_argument("--limit", type=int, help="GNOME: only the first N pages (by name)")
    parser.add_argument("--jobs", type=int, default=runner.default_jobs(), help="parallel runs")
    parser.add_argument("--skip-fso", action="store_true")
    parser.add_argument("--skip-gnome", action="store_true")
    parser.add_argument(
        "--json",
        type=Path,
        help="where the JSON summary goes (default: bench/out/real.json for a full run, "
        "bench/out/real-partial.json when --pairs, --limit or --skip-* narrow it)",
    )
    args = parser.parse_args(argv)
    partial = bool(args.pairs or args.limit is not None or args.skip_fso or args.skip_gnome)
    if args.json is None:  # a narrowed run never overwrites the full run's summary
        args.json = runner.OUT / ("real-partial.json" if partial else "real.json")
    root = evaldata.evaldata_root()
    needed = [root / fso.DIR / "gold.json", root / gnome.DIR / "fi.po"]
    if not all(p.is_file() for p in needed):
        sys.exit(
            f"bench_real: evaluation data not found under {root} "
            f"(set {evaldata.ENV_VAR} to the folder holding {fso.DIR}/ and {gnome.DIR}/)"
        )
    runner.OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    ids = [i.strip() for i in args.pairs.split(",") if i.strip()] if args.pairs else None
    summary: dict[str, Any] = {
        "partial": partial,
        "hupli_commit": _git_head(),
        "command": " ".join(["python", *runner.ALIGN]),
    }
    if not args.skip_fso:
        summary["fso_dev"] = bench_fso(root, ids, args.jobs, args.details)
    if not args.skip_gnome:
        summary["gnome_help_fi"] = bench_gnome(root, args.limit, args.jobs, args.details)
    seconds = time.perf_counter() - t0
    print(f"\nbench_real: {seconds:.1f}s; summary written to {args.json}")
    summary["seconds"] = round(seconds, 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
