"""Diffs of two sequences (block fingerprints, words, tokens) that stay near-linear in time.

difflib's `SequenceMatcher` with `autojunk=False` (which hupli needs: a page's common
paragraph or word must still match) costs up to len(a) × len(b) per longest-match search,
and a page of repeated paragraphs makes every search that bad: 4,400 blocks a side took
10 s, 10,000 several minutes. Here a small pair of sequences (at most `MAX_CELLS`
cells) is handed to difflib as before, so every report that fits keeps difflib's answer
byte for byte; a larger one is first stripped of its common head and tail, then cut at
the items that occur exactly once on each side and in the same order (patience diff's
anchors, the longest increasing run of them), and each piece between anchors is treated
alike. A piece too large for difflib with no such anchor (a page of a few paragraphs
repeated, edited in places) is diffed by Myers's algorithm, whose time grows as the
length times the number of edits, as long as the edits are at most `MAX_EDITS` and that
product at most `MAX_STEPS`; past that, it is matched position by position: linear, and
the best that can be had without quadratic time.

>>> opcodes("abcd", "abxd")
[('equal', 0, 2, 0, 2), ('replace', 2, 3, 2, 3), ('equal', 3, 4, 3, 4)]
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

# Cells (len(a) × len(b)) up to which difflib is used as it is: a few milliseconds even
# when every item repeats, and every real page's blocks and every real paragraph's words.
MAX_CELLS = 250_000

# Myers's diff on a piece without anchors: at most this many edits, and at most this
# many steps (the piece's length times the edits allowed).
MAX_EDITS = 1_000
MAX_STEPS = 4_000_000

Match = tuple[int, int, int]  # (i, j, size): a[i:i+size] == b[j:j+size]
Opcode = tuple[str, int, int, int, int]


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Match]:
    """Runs of equal items, in order on both sides, ending with the (len(a), len(b), 0)
    sentinel, as `SequenceMatcher.get_matching_blocks` gives them."""
    if len(a) * len(b) <= MAX_CELLS:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return [(i, j, size) for i, j, size in matcher.get_matching_blocks()]
    found: list[Match] = []
    # An explicit stack instead of recursion: pieces within pieces never go deep in
    # Python's stack however the page is made.
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        head = 0
        while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
            head += 1
        if head:
            found.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = 0
        while ahi - tail > alo and bhi - tail > blo and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        if tail:
            found.append((ahi - tail, bhi - tail, tail))
            ahi, bhi = ahi - tail, bhi - tail
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= MAX_CELLS:
            for i, j, size in SequenceMatcher(
                None, a[alo:ahi], b[blo:bhi], autojunk=False
            ).get_matching_blocks():
                if size:
                    found.append((alo + i, blo + j, size))
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        if not anchors:
            edits = _myers(a, b, alo, ahi, blo, bhi)
            found.extend(edits if edits is not None else _by_position(a, b, alo, ahi, blo, bhi))
            continue
        # The pieces between anchors, pushed so that each is handled on its own.
        i, j = alo, blo
        for ai, bj in anchors:
            found.append((ai, bj, 1))
            stack.append((i, ai, j, bj))
            i, j = ai + 1, bj + 1
        stack.append((i, ahi, j, bhi))
    return _merged(found, len(a), len(b))


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Items that occur once in a[alo:ahi] and once in b[blo:bhi], as (i, j), the longest
    run of them in the same order on both sides (patience sorting, n log n)."""
    count_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        count_a[a[i]] = count_a.get(a[i], 0) + 1
    where_b: dict[Hashable, int] = {}
    count_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        item = b[j]
        if count_a.get(item) == 1:
            count_b[item] = count_b.get(item, 0) + 1
            where_b[item] = j
    pairs = [
        (i, where_b[a[i]]) for i in range(alo, ahi) if count_b.get(a[i]) == 1 and count_a[a[i]] == 1
    ]
    # Longest increasing run of j over pairs in i order.
    tops: list[int] = []  # the smallest last j of an increasing run of each length
    top_index: list[int] = []
    previous: list[int] = []
    for k, (_i, j) in enumerate(pairs):
        at = bisect.bisect_left(tops, j)
        if at == len(tops):
            tops.append(j)
            top_index.append(k)
        else:
            tops[at] = j
            top_index[at] = k
        previous.append(top_index[at - 1] if at else -1)
    run: list[tuple[int, int]] = []
    k = top_index[-1] if top_index else -1
    while k >= 0:
        run.append(pairs[k])
        k = previous[k]
    run.reverse()
    return run


def _myers(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[Match] | None:
    """A longest common subsequence of the pieces by Myers's greedy algorithm, as matches
    of one item; None when it needs more edits than allowed (see `MAX_STEPS`)."""
    n, m = ahi - alo, bhi - blo
    limit = max(1, min(MAX_EDITS, MAX_STEPS // max(n + m, 1)))
    furthest: dict[int, int] = {1: 0}  # diagonal k = x - y → furthest x reached on it
    trace: list[dict[int, int]] = []
    for d in range(limit + 1):
        trace.append(dict(furthest))
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and furthest[k - 1] < furthest[k + 1]):
                x = furthest[k + 1]  # down: an insertion
            else:
                x = furthest[k - 1] + 1  # right: a deletion
            y = x - k
            while x < n and y < m and a[alo + x] == b[blo + y]:
                x, y = x + 1, y + 1
            furthest[k] = x
            if x >= n and y >= m:
                return _myers_path(trace, n, m, alo, blo)
    return None


def _myers_path(trace: list[dict[int, int]], n: int, m: int, alo: int, blo: int) -> list[Match]:
    found: list[Match] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        furthest = trace[d]
        k = x - y
        if k == -d or (k != d and furthest.get(k - 1, -1) < furthest.get(k + 1, -1)):
            previous_k = k + 1
        else:
            previous_k = k - 1
        previous_x = furthest.get(previous_k, 0)
        previous_y = previous_x - previous_k
        while x > previous_x and y > previous_y:
            x, y = x - 1, y - 1
            found.append((alo + x, blo + y, 1))
        if d:
            x, y = previous_x, previous_y
    return found


def _by_position(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[Match]:
    found: list[Match] = []
    for k in range(min(ahi - alo, bhi - blo)):
        if a[alo + k] == b[blo + k]:
            found.append((alo + k, blo + k, 1))
    return found


def _merged(found: list[Match], n: int, m: int) -> list[Match]:
    """Sorted, adjacent runs joined (as difflib joins them), and the sentinel."""
    merged: list[Match] = []
    for i, j, size in sorted(found):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        else:
            merged.append((i, j, size))
    merged.append((n, m, 0))
    return merged


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How to turn A into B, as `SequenceMatcher.get_opcodes` says it ('equal', 'replace',
    'delete', 'insert'), from `matching_blocks`."""
    if len(a) * len(b) <= MAX_CELLS:
        return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    ops: list[Opcode] = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b):
        tag = ""
        if i < ai and j < bj:
            tag = "replace"
        elif i < ai:
            tag = "delete"
        elif j < bj:
            tag = "insert"
        if tag:
            ops.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            ops.append(("equal", ai, i, bj, j))
    return ops


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Similarity in [0, 1]: twice the matched items over all items (difflib's ratio)."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    return 2.0 * sum(size for _i, _j, size in matching_blocks(a, b)) / total
