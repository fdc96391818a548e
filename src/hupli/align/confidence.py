"""How sure the aligner is of each link: a confidence in [0, 1] and the reasons.

A link with blocks on both sides is as sure as its evidence is good (`link_confidence`);
an omission or an addition as sure as the best alternative the search weighed is costly
(`gap_confidence`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from hupli.align.cost import Bead, CostModel
from hupli.model import Link


def link_confidence(evidence: float) -> float:
    # Evidence costs near 0 are an ordinary good link; shared anchors push it below 0.
    return round(1.0 / (1.0 + math.exp(evidence - 2.5)), 3)


def links(model: CostModel, beads: Sequence[Bead]) -> tuple[Link, ...]:
    """The beads of a path as links, each with its cost, confidence and reasons."""
    out = []
    for position, bead in enumerate(beads):
        src_ids = tuple(range(bead.i0, bead.i1))
        tgt_ids = tuple(range(bead.j0, bead.j1))
        if src_ids and tgt_ids:
            evidence = model.evidence(bead.i0, bead.i1, bead.j0, bead.j1)
            bead_cost = model.moves[(len(src_ids), len(tgt_ids))] + evidence  # = model.cost
            score = link_confidence(evidence)
            reasons = model.reasons(bead.i0, bead.i1, bead.j0, bead.j1)
        else:
            bead_cost = model.cost(bead.i0, bead.i1, bead.j0, bead.j1)
            score, reasons = gap_confidence(model, beads, position)
        out.append(
            Link(
                source=src_ids,
                target=tgt_ids,
                score=score,
                reasons=reasons,
                cost=round(bead_cost, 4),
            )
        )
    return tuple(out)


def gap_confidence(
    model: CostModel, beads: Sequence[Bead], position: int
) -> tuple[float, tuple[str, ...]]:
    """How sure an omission or addition is.

    The alternatives the DP weighed are folding the block into the nearest real link on
    either side (the length-only aligner's mistake), or giving that link's counterpart to
    this block instead. The confidence is a logistic of how much more the best
    alternative costs than what was chosen.
    """
    bead = beads[position]
    is_source = bead.i1 > bead.i0
    gap_cost = model.moves[(1, 0)] if is_source else model.moves[(0, 1)]
    alternatives: list[tuple[float, str]] = []
    for step in (-1, 1):
        k = position + step
        # The nearest real link on each side: runs of gaps (a missing ending) share it.
        while 0 <= k < len(beads) and (beads[k].i1 == beads[k].i0 or beads[k].j1 == beads[k].j0):
            k += step
        if not 0 <= k < len(beads):
            continue
        other = beads[k]
        current = model.cost(other.i0, other.i1, other.j0, other.j1) + gap_cost
        if is_source:
            i0, i1 = min(bead.i0, other.i0), max(bead.i1, other.i1)
            j0, j1 = other.j0, other.j1
        else:
            i0, i1 = other.i0, other.i1
            j0, j1 = min(bead.j0, other.j0), max(bead.j1, other.j1)
        if abs(k - position) == 1 and (i1 - i0, j1 - j0) in model.moves:
            merged = model.cost(i0, i1, j0, j1)
            alternatives.append((merged - current, "folding it into the neighbouring link"))
        if other.i1 - other.i0 == 1 and other.j1 - other.j0 == 1:
            if is_source:
                swapped = model.cost(bead.i0, bead.i1, other.j0, other.j1)
            else:
                swapped = model.cost(other.i0, other.i1, bead.j0, bead.j1)
            alternatives.append(
                (swapped + gap_cost - current, "taking the neighbouring link's counterpart")
            )
    side = "translation" if is_source else "original"
    if not alternatives:
        return 1.0, (f"nothing in the {side} it could be linked with",)
    margin, how = min(alternatives)
    score = round(1.0 / (1.0 + math.exp(-margin)), 3)
    return score, (f"no {side} block fits: the best alternative, {how}, costs {margin:+.1f} more",)
