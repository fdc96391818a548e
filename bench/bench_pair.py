"""Measure hupli's pairing: precision, recall and withheld translations on a WMT16 corpus.

Run from the repository root with the venv active (this is what ``make bench-pair`` runs):

    python bench/bench_pair.py                 # dev and test, seeds 0, 1, 2; digits or not
    python bench/bench_pair.py --splits test   # the test split alone
    python bench/bench_pair.py --seeds 3       # another random layout
    python bench/bench_pair.py --scale 10000   # also time pairing 10,000 synthetic documents

The corpus: the Finnish-original documents of one split (bench/evaldata.py; 41 dev, 38
test) and their English reference translations (same docid = a pair), plus the English side
of all 68 English-origin documents as English pages with no Finnish original (distractors).
Exactly 15 % of the translations (6 of 41 or of 38), chosen by the seed, are withheld.
Pairing was tuned on the dev corpora; the test corpora are what it is judged by. Both are
printed, dev first. Files get opaque
random-hex names in mixed styles — flat or in `fi/`/`en/` folders, Markdown or plain text,
one to three sentences per paragraph, LF or CRLF — so nothing in a file name tells which file
translates which, and every pair must be found by content.

Each seed's corpus is paired twice: as it is, and with every digit removed from every
document (same names, same layout), so that numbers and dates cannot carry the pairing and
words and names must. Reported: precision and recall of the pairs, and of the withheld
translations (originals reported as having no translation vs those withheld). Targets: pair
precision and recall >= 0.99 on every split, seed and variant ("TARGET MISSED" lines; the exit
status is always 0).

`--scale N` replicates the documents into N in-memory documents, each copy with its own
consistent renumbering of the figures on both sides and its own "updated" date, and times
content pairing alone (reading and language detection are not part of it). hupli is reached
only through bench/hupli_api.py.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import evaldata  # noqa: E402
import hupli_api  # noqa: E402

WITHHELD_SHARE = 0.15
TARGET_PR = 0.99
_DIGIT = re.compile(r"\d")


def render(sentences: tuple[str, ...], rng: random.Random, markdown: bool) -> str:
    """Headline, then paragraphs of one to three sentences."""
    head, body = sentences[0], list(sentences[1:])
    paragraphs, i = [], 0
    while i < len(body):
        size = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(body[i : i + size]))
        i += size
    title = f"# {head}" if markdown else head
    return "\n\n".join([title, *paragraphs]) + "\n"


def build_corpus(
    folder: Path,
    seed: int,
    strip_digits: bool = False,
    docids: dict[str, str] | None = None,
    split: str = evaldata.TEST,
) -> tuple[dict[str, str], set[str]]:
    """Write the corpus; return gold {original relpath: translation relpath} and the originals
    whose translation was withheld. `strip_digits` removes every digit from every text and
    changes nothing else (the random draws are the same). `docids`, when given, receives
    each file's WMT16 docid, for error reports. `split` picks the originals: "test" (what
    the benchmark reports) or "dev" (what pairing was tuned on)."""
    rng = random.Random(seed)
    docs = evaldata.load_wmt16_fien(split=split)
    distractors = evaldata.load_wmt16_en_origin()
    withheld_ids = set(rng.sample([d.docid for d in docs], round(WITHHELD_SHARE * len(docs))))
    used: set[str] = set()

    def opaque(language: str) -> tuple[str, str]:
        while True:
            name = f"{rng.getrandbits(48):012x}"
            if name not in used:
                used.add(name)
                break
        markdown = rng.random() < 0.5
        style = rng.random()
        folder_name = language if style < 0.5 else ""
        path = f"{folder_name}/{name}" if folder_name else name
        return path + (".md" if markdown else ".txt"), "markdown" if markdown else "text"

    def write(relpath: str, text: str, docid: str) -> None:
        if docids is not None:
            docids[relpath] = docid
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        newline = "\r\n" if rng.random() < 0.2 else "\n"
        if strip_digits:
            text = _DIGIT.sub("", text)
        target.write_bytes(text.replace("\n", newline).encode("utf-8"))

    gold: dict[str, str] = {}
    withheld: set[str] = set()
    for doc in docs:
        fi_rel, fi_markup = opaque("fi")
        write(fi_rel, render(doc.fi, rng, fi_markup == "markdown"), doc.docid)
        if doc.docid in withheld_ids:
            withheld.add(fi_rel)
            continue
        en_rel, en_markup = opaque("en")
        write(en_rel, render(doc.en, rng, en_markup == "markdown"), doc.docid)
        gold[fi_rel] = en_rel
    for doc in distractors:
        en_rel, en_markup = opaque("en")
        write(en_rel, render(doc.en, rng, en_markup == "markdown"), doc.docid)
    return gold, withheld


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def run(
    seed: int, strip_digits: bool = False, split: str = evaldata.TEST
) -> tuple[dict[str, float], list[str]]:
    """Figures of one corpus, and a line per error."""
    work = Path(tempfile.mkdtemp(prefix="hupli-bench-pair-"))
    docids: dict[str, str] = {}
    errors: list[str] = []
    try:
        gold, withheld = build_corpus(work, seed, strip_digits, docids, split)
        data = hupli_api.pair_folder(work)
        predicted = {p["source"]: p["target"] for p in data["pairs"]}
        correct = sum(1 for s, t in predicted.items() if gold.get(s) == t)
        reported = {u["path"] for u in data["unpaired"] if u["role"] == "original"}
        for s, t in sorted(predicted.items()):
            if gold.get(s) != t:
                errors.append(
                    f"wrong pair: {s} ({docids.get(s)}) → {t} ({docids.get(t)}), gold {gold.get(s)}"
                )
        for s in sorted(set(gold) - set(predicted)):
            why = next((u["reason"] for u in data["unpaired"] if u["path"] == s), "")
            errors.append(f"missed: {s} → {gold[s]} ({docids[s]}): {why}")
        for s in sorted(reported - withheld - set(gold)):
            errors.append(f"reported untranslated, is not an original: {s}")
        figures = {
            "originals": len(gold) + len(withheld),
            "gold_pairs": len(gold),
            "predicted": len(predicted),
            "precision": _ratio(correct, len(predicted)),
            "recall": _ratio(correct, len(gold)),
            "withheld": len(withheld),
            "withheld_reported": len(withheld & reported),
            "untranslated_reported": len(reported),
            "withheld_precision": _ratio(len(withheld & reported), len(reported)),
            "withheld_recall": _ratio(len(withheld & reported), len(withheld)),
            "errors": data["read_errors"],
            "load_s": data["load_seconds"],
            "pair_s": data["pair_seconds"],
        }
        return figures, errors
    finally:
        shutil.rmtree(work, ignore_errors=True)


_NUMBER = re.compile(r"\d+")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July"]
_MONTHS += ["August", "September", "October", "November", "December"]


def _renumber(text: str, mapping: dict[str, str], rng: random.Random) -> str:
    def sub(match: re.Match[str]) -> str:
        value = match.group(0)
        if len(value) < 2:
            return value  # months and small counts stay
        if value not in mapping:
            if len(value) == 2 and int(value) <= 31:
                mapping[value] = str(rng.randint(10, 28))
            else:
                mapping[value] = str(rng.randint(10 ** (len(value) - 1), 10 ** len(value) - 1))
        return mapping[value]

    return _NUMBER.sub(sub, text)


def near_duplicate(doc: evaldata.DocPair, n: int, rng: random.Random) -> tuple[str, str]:
    """Copy `n` of a story, Finnish and English: its own paragraphing, figures renumbered
    alike on both sides, and its own "updated" line, the one fact that tells copies apart."""
    mapping: dict[str, str] = {}
    fi = _renumber(render(doc.fi, random.Random(n), False), mapping, rng)
    en = _renumber(render(doc.en, random.Random(n), False), mapping, rng)
    year, month, day = rng.randint(2000, 2029), rng.randint(1, 12), rng.randint(1, 28)
    fi += f"\nPäivitetty {day}.{month}.{year}.\n"
    en += f"\nUpdated {_MONTHS[month - 1]} {day}, {year}.\n"
    return fi, en


def scale(total: int, seed: int, jobs: int = 1) -> dict[str, float]:
    """Time content pairing on `total` synthetic documents (half originals, half translations)."""
    rng = random.Random(seed)
    docs = evaldata.load_wmt16_fien()
    documents, gold = [], {}
    for n in range(total // 2):
        fi, en = near_duplicate(docs[n % len(docs)], n, rng)
        fi_path, en_path = f"s/{n:06d}a.txt", f"s/{n:06d}b.txt"
        documents += [(fi_path, fi, "fi"), (en_path, en, "en")]
        gold[fi_path] = en_path
    data = hupli_api.pair_texts(documents, jobs=jobs)
    pairs = data["pairs"]
    correct = sum(1 for p in pairs if gold.get(p["source"]) == p["target"])
    return {
        "documents": len(documents),
        "pairs": len(pairs),
        "precision": correct / len(pairs) if pairs else 1.0,
        "recall": correct / len(gold),
        "pair_s": data["pair_seconds"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated seeds")
    parser.add_argument(
        "--splits", default="dev,test", help="comma-separated splits: dev (tuned on), test"
    )
    parser.add_argument("--scale", type=int, default=0, help="also time N synthetic documents")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args(argv)
    evaldata.require_root()
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    print(f"hupli signature: {hupli_api.signature()}")
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    missed: list[str] = []
    for split, seed, strip_digits in (
        (split, seed, strip) for split in splits for seed in seeds for strip in (False, True)
    ):
        variant = "digits removed" if strip_digits else "as written"
        r, errors = run(seed, strip_digits, split)
        print(
            f"pairing {split} seed {seed}, {variant}: {r['originals']:.0f} originals, "
            f"{r['gold_pairs']:.0f} with translation, {r['withheld']:.0f} withheld, "
            f"{len(evaldata.load_wmt16_en_origin())} English distractors"
        )
        print(
            f"  pairs     precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
            f"({r['predicted']:.0f} predicted, {r['gold_pairs']:.0f} gold)"
        )
        print(
            f"  withheld  precision {r['withheld_precision']:.3f}  "
            f"recall {r['withheld_recall']:.3f}  ({r['withheld_reported']:.0f} of "
            f"{r['withheld']:.0f} reported; {r['untranslated_reported']:.0f} originals "
            "reported without translation)"
        )
        for line in errors:
            print(f"  {line}")
        print(f"  wall time: load {r['load_s']:.2f} s, pair {r['pair_s']:.2f} s")
        if r["errors"]:
            print(f"  READ ERRORS: {r['errors']:.0f}")
        for key in ("precision", "recall"):
            if r[key] < TARGET_PR:
                missed.append(
                    f"TARGET MISSED: pairing {split} seed {seed} {variant}: pair {key} "
                    f"{r[key]:.4f} (target >= {TARGET_PR})"
                )
    for line in missed:
        print(line)
    if not missed:
        print(f"pair precision and recall >= {TARGET_PR} on every split, seed and variant.")
    if args.scale:
        s = scale(args.scale, seeds[0] if seeds else 0, args.jobs)
        print(
            f"scale: {s['documents']} synthetic documents paired in {s['pair_s']:.1f} s "
            f"with {args.jobs} process(es) "
            f"(precision {s['precision']:.3f}, recall {s['recall']:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
