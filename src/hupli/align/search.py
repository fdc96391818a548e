"""The search: the cheapest path of beads through two documents' blocks.

Dynamic programming over beads (by default 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, with
the costs of `Settings.move_costs`): a link costs its move's cost less its evidence
(`hupli.align.cost`), a block left out costs the omission's cost. The path is searched
in a band around the line from the documents' first blocks to their last, which doubles
whenever the path runs along its edge, so a translation that drifts far from the
diagonal is still aligned exactly while the work stays linear in the documents' length.

Most translations keep their original's blocks one for one. When both sides have as
many blocks and every link down the diagonal has strong evidence of its own
(`DIAGONAL_SURE`), that is the path: an omission or addition anywhere would shift the
links after it onto blocks that do not translate each other, and their evidence would
be strongly negative.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from hupli.align.cost import Model

Path = list[tuple[range, range]]

DIAGONAL_SURE = 2.0
MIN_WIDTH = 8
_EDGE = 2  # a path this close to the band's edge may have been pushed there by it


def search(model: Model, moves: Mapping[tuple[int, int], float], band: int = 0) -> Path:
    """The cheapest path; `band` fixes the band's half-width (0: chosen and widened)."""
    n, m = len(model.source), len(model.target)
    if n == m and n and band == 0:
        diagonal = [(range(k, k + 1), range(k, k + 1)) for k in range(n)]
        if all(model.evidence(k, k + 1, k, k + 1) >= DIAGONAL_SURE for k in range(n)):
            return diagonal
    width = band or max(MIN_WIDTH, abs(n - m) + 6)
    while True:
        path, touched = _dp(model, moves, n, m, width)
        if band or not touched or width >= max(n, m):
            return path
        width *= 2


def _dp(
    model: Model, moves: Mapping[tuple[int, int], float], n: int, m: int, width: int
) -> tuple[Path, bool]:
    inf = math.inf
    lo = [0] * (n + 1)
    hi = [0] * (n + 1)
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        lo[i] = max(0, centre - width)
        hi[i] = min(m, centre + width)
    lo[0], hi[n] = 0, m
    steps = sorted(moves.items(), key=lambda item: (item[0][0] + item[0][1], item[0]))
    cost: list[list[float]] = []
    back: list[list[int]] = []
    evidence = model.evidence
    for i in range(n + 1):
        low, high = lo[i], hi[i]
        row = [inf] * (high - low + 1)
        ptr = [-1] * (high - low + 1)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, best_step = inf, -1
            for index, ((di, dj), move) in enumerate(steps):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                if pi == i:
                    if pj < low:
                        continue
                    prev = row[pj - low]
                else:
                    plo = lo[pi]
                    if pj < plo or pj > hi[pi]:
                        continue
                    prev = cost[pi][pj - plo]
                if prev == inf:
                    continue
                total = prev + move
                if di and dj:
                    total -= evidence(pi, i, pj, j)
                if total < best:
                    best, best_step = total, index
            row[j - low] = best
            ptr[j - low] = best_step
        cost.append(row)
        back.append(ptr)
    path: Path = []
    touched = False
    i, j = n, m
    while i or j:
        step = back[i][j - lo[i]]
        (di, dj), _ = steps[step]
        if (lo[i] > 0 and j - lo[i] < _EDGE) or (hi[i] < m and hi[i] - j < _EDGE):
            touched = True
        path.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    path.reverse()
    return path, touched
