"""Measure hupli.pair: precision, recall and withheld translations on a WMT16 corpus.

Run from the repository root with the venv active:

    python bench/bench_pair.py                # the figures quoted in issue notes
    python bench/bench_pair.py --seed 3       # another random layout
    python bench/bench_pair.py --scale 10000  # also time pairing 10,000 synthetic documents

The corpus: the 79 Finnish-original documents of WMT16 newstest2016 fi→en and their English
reference translations (same docid = a pair), written under opaque random-hex names in mixed
styles — flat or in `fi/`/`en/` folders with unrelated names, Markdown or plain text, one to
three sentences per paragraph, LF or CRLF — with a share of the translations withheld and some
English-origin documents added as English pages with no Finnish original. Nothing in a file
name tells which file translates which, so every pair must be found by content.

`--scale N` replicates the documents into N in-memory documents, each copy with its own
consistent renumbering of the figures on both sides and its own "updated" date, and times
content pairing alone (reading and language detection are not part of it).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import evaldata  # noqa: E402

from hupli.corpus.config import Config  # noqa: E402
from hupli.corpus.discover import Entry, load_corpus  # noqa: E402
from hupli.corpus.pair import pair_entries  # noqa: E402
from hupli.document.normalise import normalise  # noqa: E402
from hupli.document.segment import segment  # noqa: E402
from hupli.model import Document  # noqa: E402

WITHHELD_SHARE = 0.15
ORPHANS = 12  # English-origin documents added as English pages without a Finnish original


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


def build_corpus(folder: Path, seed: int) -> tuple[dict[str, str], set[str]]:
    """Write the corpus; return gold {original relpath: translation relpath} and the originals
    whose translation was withheld."""
    rng = random.Random(seed)
    docs = evaldata.load_wmt16_fien()
    orphans = evaldata.load_wmt16_en_origin()[:ORPHANS]
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

    def write(relpath: str, text: str) -> None:
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        newline = "\r\n" if rng.random() < 0.2 else "\n"
        target.write_bytes(text.replace("\n", newline).encode("utf-8"))

    gold: dict[str, str] = {}
    withheld: set[str] = set()
    for doc in docs:
        fi_rel, fi_markup = opaque("fi")
        write(fi_rel, render(doc.fi, rng, fi_markup == "markdown"))
        if rng.random() < WITHHELD_SHARE:
            withheld.add(fi_rel)
            continue
        en_rel, en_markup = opaque("en")
        write(en_rel, render(doc.en, rng, en_markup == "markdown"))
        gold[fi_rel] = en_rel
    for doc in orphans:
        en_rel, en_markup = opaque("en")
        write(en_rel, render(doc.en, rng, en_markup == "markdown"))
    return gold, withheld


def run(seed: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="hupli-bench-pair-"))
    try:
        gold, withheld = build_corpus(work, seed)
        config = Config()
        t0 = time.perf_counter()
        corpus = load_corpus(work, config)
        t1 = time.perf_counter()
        pairing = pair_entries(corpus.entries, config)
        t2 = time.perf_counter()
        rel = {e.path: e.relpath for e in corpus.entries}
        predicted = {rel[p.source]: rel[p.target] for p in pairing.pairs}
        correct = sum(1 for s, t in predicted.items() if gold.get(s) == t)
        reported = {rel[u.path] for u in pairing.untranslated}
        wrong = [(s, t, gold.get(s)) for s, t in predicted.items() if gold.get(s) != t]
        missed = sorted(set(gold) - set(predicted))
        for s, t, g in wrong:
            print(f"  wrong pair: {s} → {t} (gold {g})")
        for s in missed:
            why = next((u.reason for u in pairing.unpaired if rel[u.path] == s), "")
            print(f"  missed: {s} → {gold[s]}: {why}")
        return {
            "originals": len(gold) + len(withheld),
            "gold_pairs": len(gold),
            "predicted": len(predicted),
            "precision": correct / len(predicted) if predicted else 1.0,
            "recall": correct / len(gold) if gold else 1.0,
            "withheld": len(withheld),
            "withheld_reported": len(withheld & reported),
            "errors": len(corpus.errors),
            "load_s": t1 - t0,
            "pair_s": t2 - t1,
        }
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


def _document(path: str, text: str, language: str) -> Document:
    text = normalise(text, (), "text").text
    blocks = tuple(replace(b, language=language) for b in segment(text, "text"))
    return Document(path=path, text=text, blocks=blocks, language=language)


def scale(total: int, seed: int, jobs: int = 1) -> dict[str, float]:
    """Time content pairing on `total` synthetic documents (half originals, half translations)."""
    rng = random.Random(seed)
    docs = evaldata.load_wmt16_fien()
    entries, gold = [], {}
    for n in range(total // 2):
        fi, en = near_duplicate(docs[n % len(docs)], n, rng)
        fi_path, en_path = f"s/{n:06d}a.txt", f"s/{n:06d}b.txt"
        entries.append(Entry(fi_path, fi_path, _document(fi_path, fi, "fi"), declared="fi"))
        entries.append(Entry(en_path, en_path, _document(en_path, en, "en"), declared="en"))
        gold[fi_path] = en_path
    t0 = time.perf_counter()
    pairing = pair_entries(entries, Config(), jobs=jobs)
    elapsed = time.perf_counter() - t0
    correct = sum(1 for p in pairing.pairs if gold.get(p.source) == p.target)
    return {
        "documents": len(entries),
        "pairs": len(pairing.pairs),
        "precision": correct / len(pairing.pairs) if pairing.pairs else 1.0,
        "recall": correct / len(gold),
        "pair_s": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=int, default=0, help="also time N synthetic documents")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args()
    evaldata.require_root()
    r = run(args.seed)
    print(
        f"pairing (WMT16 newstest2016 fi→en, opaque names, seed {args.seed}): "
        f"{r['originals']} originals, {r['gold_pairs']} with translation, "
        f"{ORPHANS} English documents without original"
    )
    print(f"  precision {r['precision']:.3f}  recall {r['recall']:.3f}  ({r['predicted']} pairs)")
    print(f"  withheld translations reported: {r['withheld_reported']}/{r['withheld']}")
    print(f"  wall time: load {r['load_s']:.2f} s, pair {r['pair_s']:.2f} s")
    if args.scale:
        s = scale(args.scale, args.seed, args.jobs)
        print(
            f"scale: {s['documents']} synthetic documents paired in {s['pair_s']:.1f} s "
            f"with {args.jobs} process(es) "
            f"(precision {s['precision']:.3f}, recall {s['recall']:.3f})"
        )


if __name__ == "__main__":
    main()
