"""The search: the cheapest path of beads through two documents' blocks.

Dynamic programming over beads (by default 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, with
the costs of `Settings.move_costs`): a link costs its move's cost less its evidence
(`hupli.align.cost`), a block left out costs the omission's cost. The path is searched
in a band around the line from the documents' first blocks to their last, which doubles
whenever the path runs along its edge, so a translation that drifts far from the
diagonal is still aligned exactly while the work stays linear in the documents' length.
A second search of the same pair (after `hupli.align.learn`) looks only in a corridor
around the first path.

Two shortcuts keep the work small, both on evidence rather than proof:

* Most translations keep their original's blocks one for one. When both sides have as
  many blocks and every link down the diagonal has strong evidence of its own
  (`DIAGONAL_SURE`), that is the path: an omission or addition anywhere would shift the
  links after it onto blocks that do not translate each other, whose evidence would be
  strongly negative. Otherwise the search first looks only in a corridor around the
  diagonal, and when it keeps the diagonal there, that is the path.
* Long pairs are searched in a band that starts `MIN_WIDTH` blocks either side of the
  line from the first blocks to the last and doubles while the path runs along its edge
  and the wider band finds a cheaper path. A path that runs along the edge at no gain is
  a page whose paragraphs repeat (a shift by a period costs the same): widening for it
  would make the work grow as the square of the page, for a path no better.
* A merge or split is costed only when one of its blocks links with one of the other
  side's with evidence of at least `MERGE_SEED`: a merge none of whose parts translates
  anything there cannot beat leaving its blocks out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from hupli.align.cost import Model

Path = list[tuple[range, range]]
Ranges = list[tuple[int, int]]  # per source position i, the target positions searched

DIAGONAL_SURE = 2.0
MERGE_SEED = 0.0
MIN_WIDTH = 8
CORRIDOR = 3
_EDGE = 2  # a path this close to the band's edge may have been pushed there by it
_GAIN = 1e-9  # a wider band's path must be cheaper than this to count as better


def search(
    model: Model,
    moves: Mapping[tuple[int, int], float],
    band: int = 0,
    near: Path | None = None,
) -> Path:
    """The cheapest path; `band` fixes the band's half-width (0: chosen and widened);
    `near`, a path of an earlier search, keeps the search within `CORRIDOR` of it."""
    n, m = len(model.source), len(model.target)
    if n == m and n and band == 0 and near is None:
        diagonal = [(range(k, k + 1), range(k, k + 1)) for k in range(n)]
        if all(model.evidence(k, k + 1, k, k + 1) >= DIAGONAL_SURE for k in range(n)):
            return diagonal
        # Around the diagonal first: if the search there keeps it, nothing that differs
        # from it (an omission, a merge) is anywhere near.
        path = _dp(model, moves, n, m, corridor(diagonal, n, m, CORRIDOR))[0]
        if all(len(s) == 1 and len(t) == 1 for s, t in path):
            return path
    if near is not None:
        return _dp(model, moves, n, m, corridor(near, n, m, CORRIDOR))[0]
    width = band or MIN_WIDTH
    narrower: tuple[Path, float] | None = None  # the last band's path and its cost
    while True:
        if model.window and width > model.window:
            raise Narrow(width)
        path, touched, total = _dp(model, moves, n, m, _band(n, m, width))
        if narrower is not None and total >= narrower[1] - _GAIN:
            return narrower[0]
        if band or not touched or width >= max(n, m):
            return path
        narrower = (path, total)
        width *= 2


class Narrow(Exception):
    """The search needs a wider band than the model's window (`Model.window`)."""

    def __init__(self, width: int) -> None:
        super().__init__(f"the search needs {width} blocks either side of the diagonal")
        self.width = width


def _band(n: int, m: int, width: int) -> Ranges:
    ranges = []
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        ranges.append((max(0, centre - width), min(m, centre + width)))
    ranges[0] = (0, ranges[0][1])
    ranges[n] = (ranges[n][0], m)
    return ranges


def corridor(path: Path, n: int, m: int, width: int) -> Ranges:
    """The cells within `width` of a path."""
    low = [m] * (n + 1)
    high = [0] * (n + 1)
    i = j = 0
    low[0] = high[0] = 0
    for s, t in path:
        i1, j1 = i + len(s), j + len(t)
        for k in range(i, i1 + 1):
            low[k] = min(low[k], j)
            high[k] = max(high[k], j1)
        i, j = i1, j1
    ranges = [(max(0, low[k] - width), min(m, high[k] + width)) for k in range(n + 1)]
    ranges[0] = (0, ranges[0][1])
    ranges[n] = (ranges[n][0], m)
    return ranges


def _dp(
    model: Model,
    moves: Mapping[tuple[int, int], float],
    n: int,
    m: int,
    ranges: Sequence[tuple[int, int]],
) -> tuple[Path, bool, float]:
    """The cheapest path within RANGES, whether it runs along their edge, and its cost."""
    inf = math.inf
    steps = sorted(moves.items(), key=lambda item: (item[0][0] + item[0][1], item[0]))
    cost: list[list[float]] = []
    back: list[list[int]] = []
    evidence = model.evidence
    # The 1-1 evidence of a cell, asked for by every merge that could hold it.
    pairs: dict[tuple[int, int], float] = {}

    def pair(i: int, j: int) -> float:
        found = pairs.get((i, j))
        if found is None:
            found = pairs[(i, j)] = evidence(i, i + 1, j, j + 1)
        return found

    for i in range(n + 1):
        low, high = ranges[i]
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
                    plo, phi = ranges[pi]
                    if pj < plo or pj > phi:
                        continue
                    prev = cost[pi][pj - plo]
                if prev == inf:
                    continue
                total = prev + move
                if di and dj:
                    if di > 1 or dj > 1:
                        seeded = False
                        for a in range(pi, i):
                            for b in range(pj, j):
                                if pair(a, b) >= MERGE_SEED:
                                    seeded = True
                                    break
                            if seeded:
                                break
                        if not seeded:
                            continue
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
        low, high = ranges[i]
        step = back[i][j - low]
        (di, dj), _ = steps[step]
        if (low > 0 and j - low < _EDGE) or (high < m and high - j < _EDGE):
            touched = True
        path.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    path.reverse()
    return path, touched, cost[n][m - ranges[n][0]]
