"""How sure each link is: the probability that it is right.

A link's evidence is a log-likelihood ratio (`hupli.align.cost`), so its probability of
being right is a logistic function of it. The slope and offset (`SLOPE`, `OFFSET`) were
fitted by logistic regression on the alignment benchmark's development documents (WMT16
dev split, seeds 0 and 1, 4,480 links): they shrink the ratio, which counts overlapping
words as if they were independent, and add what the ratio leaves out, that a link on the
path between two good links is right far more often than its words alone say. Evidence
above `CEILING` adds nothing: a link that strong is as sure as links get (what remains
wrong there is a merge or split drawn one block too wide). The benchmarks print, per
score band, the share of links that are right on the test split and on real pages, so
the calibration is checked on data it was not fitted on.

A block left out is as sure as the best alternative is costly: folding it into the
neighbouring link, or giving it the neighbour's counterpart. The margin between the
chosen path and that alternative, through the same logistic, is its probability.
"""

from __future__ import annotations

import math

from hupli.align.cost import Model

SLOPE = 0.475
OFFSET = 3.76
CEILING = 2.0
GAP_SLOPE = 0.17
GAP_OFFSET = 0.09
UNCERTAIN = 0.5  # a link scored below this is "uncertain", not ok


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def link_score(evidence: float) -> float:
    return round(_logistic(SLOPE * min(evidence, CEILING) + OFFSET), 3)


def gap_score(
    model: Model,
    moves: dict[tuple[int, int], float],
    path: list[tuple[range, range]],
    position: int,
) -> tuple[float, str]:
    """How sure the gap at `position` of the path is, and the best alternative's name."""
    s, t = path[position]
    on_source = bool(s)
    k = s.start if on_source else t.start
    gap = moves[(1, 0)] if on_source else moves[(0, 1)]
    best: tuple[float, str] | None = None
    for step in (-1, 1):
        q = position + step
        while 0 <= q < len(path) and not (path[q][0] and path[q][1]):
            q += step
        if not 0 <= q < len(path):
            continue
        os, ot = path[q]
        current = (
            moves[(len(os), len(ot))] - model.evidence(os.start, os.stop, ot.start, ot.stop) + gap
        )
        if abs(q - position) == 1:
            if on_source:
                i0, i1, j0, j1 = min(k, os.start), max(k + 1, os.stop), ot.start, ot.stop
            else:
                i0, i1, j0, j1 = os.start, os.stop, min(k, ot.start), max(k + 1, ot.stop)
            move = (i1 - i0, j1 - j0)
            if move in moves:
                folded = moves[move] - model.evidence(i0, i1, j0, j1)
                candidate = (folded - current, "folding it into the neighbouring link")
                best = candidate if best is None or candidate < best else best
        if len(os) == 1 and len(ot) == 1:
            if on_source:
                swapped = -model.evidence(k, k + 1, ot.start, ot.stop)
            else:
                swapped = -model.evidence(os.start, os.stop, k, k + 1)
            candidate = (swapped + gap - current, "taking the neighbouring link's counterpart")
            best = candidate if best is None or candidate < best else best
    if best is None:
        return 1.0, "nothing it could be linked with"
    margin, how = best
    return round(_logistic(GAP_SLOPE * margin + GAP_OFFSET), 3), how
