"""Calibration of link scores: does a link scored 0.8 turn out right about 80% of the time?

Reusable by any bench: give it (score, is_right) pairs, one per link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BANDS = 10
MIN_LINKS = 20  # bands with fewer links are shown but left out of the maximum gap


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    links: int
    right: int
    mean_score: float  # 0.0 when the band is empty

    @property
    def share_right(self) -> float:
        return self.right / self.links if self.links else 0.0

    @property
    def gap(self) -> float:
        """|mean score − share right|; 0.0 for an empty band."""
        return abs(self.mean_score - self.share_right) if self.links else 0.0

    @property
    def label(self) -> str:
        return f"{self.low:.1f}–{self.high:.1f}"


@dataclass(frozen=True)
class Calibration:
    bands: tuple[Band, ...]
    min_links: int

    @property
    def links(self) -> int:
        return sum(b.links for b in self.bands)

    @property
    def max_gap(self) -> float | None:
        """Largest |mean score − share right| over bands with at least `min_links` links."""
        gaps = [b.gap for b in self.bands if b.links >= self.min_links]
        return max(gaps) if gaps else None

    def to_json(self) -> dict[str, object]:
        return {
            "bands": [
                {
                    "band": b.label,
                    "links": b.links,
                    "right": b.right,
                    "mean_score": round(b.mean_score, 4),
                    "share_right": round(b.share_right, 4),
                }
                for b in self.bands
            ],
            "min_links": self.min_links,
            "max_gap": None if self.max_gap is None else round(self.max_gap, 4),
        }


def band_of(score: float, bands: int = BANDS) -> int:
    """Band index: [0, 0.1) → 0, …, [0.9, 1.0] → 9 (a score of exactly 1.0 is in the top band)."""
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"score out of range 0–1: {score}")
    return min(int(score * bands), bands - 1)


def calibrate(
    scored: Iterable[tuple[float, bool]], bands: int = BANDS, min_links: int = MIN_LINKS
) -> Calibration:
    counts = [0] * bands
    right = [0] * bands
    totals = [0.0] * bands
    for score, is_right in scored:
        i = band_of(score, bands)
        counts[i] += 1
        right[i] += bool(is_right)
        totals[i] += score
    return Calibration(
        bands=tuple(
            Band(
                low=i / bands,
                high=(i + 1) / bands,
                links=counts[i],
                right=right[i],
                mean_score=totals[i] / counts[i] if counts[i] else 0.0,
            )
            for i in range(bands)
        ),
        min_links=min_links,
    )


def format_table(cal: Calibration) -> str:
    lines = [f"{'score band':>10s} {'links':>6s} {'mean score':>10s} {'right':>6s} {'share':>6s}"]
    for b in cal.bands:
        mean = f"{b.mean_score:10.3f}" if b.links else f"{'-':>10s}"
        share = f"{b.share_right:6.3f}" if b.links else f"{'-':>6s}"
        flag = "" if b.links >= cal.min_links or not b.links else "  (few links)"
        lines.append(f"{b.label:>10s} {b.links:6d} {mean} {b.right:6d} {share}{flag}")
    gap = cal.max_gap
    gap_text = "n/a" if gap is None else f"{gap:.3f}"
    lines.append(
        f"max |band mean score − share right| over bands with ≥{cal.min_links} links: {gap_text}"
    )
    return "\n".join(lines)
