"""Build hupli's small Finnish→English word-translation table from GNOME help.

Learnt ONLY from ../shared/evaldata/gnome-help-fi/fi.po (msgid English, msgstr Finnish),
never from WMT16, which is the alignment benchmark's test set.

    python bench/build_lexicon.py [PO] [OUT]

Tokens are lowercased runs of letters. A Finnish word is reduced to its first
`hupli.align.FI_STEM` (5) characters, an English one to its first `EN_STEM` (5): crude, but it
folds most case endings and inflections together on both sides and needs no stemmer.
Pairs are scored with IBM Model 1 (ITERATIONS EM rounds started from the Dice coefficient
over the entries they share, so a frequent English word does not win every Finnish one);
each Finnish stem keeps its best 1–3 English stems with t(e|f) ≥ MIN_PROB that co-occur
in ≥ MIN_COUNT entries. Output: one "finnish<TAB>english<TAB>t" line per pair, sorted.
It also prints the calibration of `hupli.align`'s lexical term (hit rates on true and on
random pairs of the same data).
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = (
    Path(os.environ.get("HUPLI_EVALDATA", ROOT.parent / "shared" / "evaldata"))
    / "gnome-help-fi"
    / "fi.po"
)
OUT = ROOT / "src" / "hupli" / "data" / "fi_en_lexicon.tsv"

FI_STEM = 5
EN_STEM = 5
MIN_PROB = 0.15  # t(english | finnish) after EM
ITERATIONS = 5
NULL_WEIGHT = 0.2
MIN_COUNT = 3
TOP = 3

# English words Finnish writes as case endings or leaves out (articles, most prepositions,
# the copula): in any English paragraph, so as "translations" they would only match by chance.
EN_SKIP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "is",
        "are",
        "be",
        "was",
        "were",
        "been",
        "it",
        "its",
        "as",
        "this",
        "these",
        "you",
        "your",
    ]
)

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")


def unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def read_po(path: Path) -> list[tuple[str, str]]:
    """(English, Finnish) pairs: no header, no empty or fuzzy entries, no plural forms."""
    pairs = []
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        lines = entry.splitlines()
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("msgid ") or line.startswith("msgstr "):
                current = line.split(" ", 1)[0]
                fields[current] = unquote(line)
            elif line.startswith('"') and current:
                fields[current] += unquote(line)
            elif not line.startswith('"'):
                current = None if not line.startswith("msg") else current
        en, fi = fields.get("msgid", ""), fields.get("msgstr", "")
        if en and fi and "translator-credits" not in en:
            pairs.append((_TAG.sub(" ", en), _TAG.sub(" ", fi)))
    return pairs


def fi_stems(text: str) -> set[str]:
    return {w[:FI_STEM] for w in _WORD.findall(text.lower())}


def en_stems(text: str) -> set[str]:
    return {w[:EN_STEM] for w in _WORD.findall(text.lower())}


def build(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, float]]]:
    """IBM Model 1 t(english | finnish), EM from a Dice start; pairs kept by count too."""
    data = [(sorted(fi_stems(fi)), sorted(en_stems(en))) for en, fi in pairs]
    fi_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for f, e in data:
        fi_count.update(f)
        en_count.update(e)
        joint.update((a, b) for a in f for b in e)
    t = {(a, b): 2.0 * n / (fi_count[a] + en_count[b]) for (a, b), n in joint.items()}
    for _ in range(ITERATIONS):
        counts: Counter[tuple[str, str]] = Counter()
        totals: Counter[str] = Counter()
        for f, e in data:
            for b in e:
                z = NULL_WEIGHT + sum(t[(a, b)] for a in f)
                for a in f:
                    c = t[(a, b)] / z
                    counts[(a, b)] += c
                    totals[a] += c
        t = {pair: counts[pair] / totals[pair[0]] if totals[pair[0]] else 0.0 for pair in t}
    table: dict[str, list[tuple[str, float]]] = {}
    for (a, b), p in t.items():
        if joint[(a, b)] >= MIN_COUNT and p >= MIN_PROB and b not in EN_SKIP:
            table.setdefault(a, []).append((b, p))
    for a, options in table.items():
        options.sort(key=lambda x: (-x[1], x[0]))
        table[a] = options[:TOP]
    return table


def calibrate(pairs: list[tuple[str, str]], table: dict[str, list[tuple[str, float]]]) -> None:
    """Share of a Finnish side's translatable stems whose translation is on the English side."""
    lex = {a: {b for b, _ in opts} for a, opts in table.items()}

    def rate(items: list[tuple[str, str]]) -> tuple[float, float]:
        hits = total = 0
        for en, fi in items:
            e = en_stems(en)
            stems = [s for s in fi_stems(fi) if s in lex]
            total += len(stems)
            hits += sum(1 for s in stems if lex[s] & e)
        return hits / max(total, 1), total / max(len(items), 1)

    rng = random.Random(0)
    # longer entries only: paragraphs, not menu labels
    long = [p for p in pairs if len(p[1]) >= 80]
    true, n_true = rate(long)
    shuffled = [en for en, _ in long]
    rng.shuffle(shuffled)
    rand, _ = rate(list(zip(shuffled, [fi for _, fi in long], strict=True)))
    print(
        f"calibration on {len(long)} entries ≥ 80 chars: hit rate true {true:.3f}, "
        f"random {rand:.3f}, {n_true:.1f} translatable stems per entry"
    )


def main(argv: list[str]) -> int:
    po = Path(argv[1]) if len(argv) > 1 else PO
    out = Path(argv[2]) if len(argv) > 2 else OUT
    pairs = read_po(po)
    # held-out split for calibration: build on 4/5, calibrate on the other 1/5
    held = pairs[::5]
    train = [p for k, p in enumerate(pairs) if k % 5]
    calibrate(held, build(train))
    table = build(pairs)
    lines = [f"{a}\t{b}\t{d:.2f}" for a in sorted(table) for b, d in table[a]]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "# Finnish stem → English stem, t(e|f); built by bench/build_lexicon.py from GNOME help\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(pairs)} pairs → {len(table)} Finnish stems, {len(lines)} lines → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
