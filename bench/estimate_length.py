"""Estimate the Gale–Church length parameters for Finnish → English from WMT16.

Run from the repository root:

    python bench/estimate_length.py

Uses only the **dev** split (bench/evaldata.py: 41 of the 79 documents written in Finnish,
790 of their 1,500 segment pairs), lengths in characters, so that the test split stays
unseen. Following Gale & Church (1993):

- c, the expected number of English characters per Finnish character, is
  sum(len_en) / sum(len_fi);
- s², the variance per Finnish character, is the variance of
  delta = (len_en − c·len_fi) / sqrt(len_fi), so that len_en − c·len_fi has variance
  s²·len_fi. A regression of (len_en − c·len_fi)² on len_fi (through the origin), as Gale
  and Church did it, is printed beside it as a check.

The figures go into src/hupli/settings.py as FI_EN_RATIO and FI_EN_VARIANCE. For comparison
only (never to be tuned on), the same two figures are printed for the held-out test split and
for the reverse set (English originals, Finnish translations: c is about 0.90 there).
"""

from __future__ import annotations

import math
import statistics
import sys

from evaldata import DEV, TEST, DocPair, load_wmt16_en_origin, load_wmt16_fien


def segment_lengths(docs: list[DocPair]) -> list[tuple[int, int]]:
    return [
        (len(fi), len(en))
        for doc in docs
        for fi, en in zip(doc.fi, doc.en, strict=True)
        if fi and en
    ]


def estimate(pairs: list[tuple[int, int]]) -> dict[str, float]:
    total_fi = sum(fi for fi, _ in pairs)
    total_en = sum(en for _, en in pairs)
    c = total_en / total_fi
    deltas = [(en - c * fi) / math.sqrt(fi) for fi, en in pairs]
    # Regression through the origin of squared residual on length: slope = Σ r²·l / Σ l².
    residual_sq = [(en - c * fi) ** 2 for fi, en in pairs]
    slope = sum(r * fi for r, (fi, _) in zip(residual_sq, pairs, strict=True)) / sum(
        fi * fi for fi, _ in pairs
    )
    return {
        "pairs": len(pairs),
        "chars_fi": total_fi,
        "chars_en": total_en,
        "c": c,
        "s2": statistics.pvariance(deltas),
        "delta_mean": statistics.fmean(deltas),
        "s2_regression": slope,
        "ratio_median": statistics.median(en / fi for fi, en in pairs),
    }


def main() -> int:
    docs = load_wmt16_fien(split=DEV)
    figures = estimate(segment_lengths(docs))
    print(
        "Gale–Church length parameters, Finnish → English "
        "(WMT16 newstest2016, fi-origin, DEV split only)"
    )
    print(f"  documents (dev)           {len(docs)}")
    print(f"  segment pairs             {figures['pairs']:.0f}")
    print(f"  characters fi / en        {figures['chars_fi']:.0f} / {figures['chars_en']:.0f}")
    print(f"  c  = Σlen_en / Σlen_fi    {figures['c']:.4f}")
    print(f"  s² = var(delta)           {figures['s2']:.4f}")
    print(f"  (mean of delta            {figures['delta_mean']:+.4f})")
    print(f"  (s² by regression         {figures['s2_regression']:.4f})")
    print(f"  (median segment ratio     {figures['ratio_median']:.4f})")
    print()
    print(f"FI_EN_RATIO = {figures['c']:.2f}    (estimated on dev only)")
    print(f"FI_EN_VARIANCE = {figures['s2']:.1f}  (estimated on dev only)")
    print()
    print("held out, for comparison only (not used for the estimate):")
    for label, held in (
        ("test split (fi original)", load_wmt16_fien(split=TEST)),
        ("reverse set (en original)", load_wmt16_en_origin()),
    ):
        other = estimate(segment_lengths(held))
        print(
            f"  {label:<26} {len(held)} documents, {other['pairs']:.0f} pairs: "
            f"c = {other['c']:.4f}, s² = {other['s2']:.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
