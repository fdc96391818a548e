"""The search: the least-cost path of beads through a document pair.

Dynamic programming over beads (by default moves 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2) costed
by `hupli.align.cost`. Long documents are aligned in two passes so the work grows
linearly: a cheap pass with 1-1/1-0/0-1 moves in a band around the diagonal (widened until
the path stays clear of its edges), then the full model in a narrow corridor around that
path, its confident links pinned. Shorter ones are searched exhaustively, but a bead is
costed only if lower bounds of its cost (cheap arithmetic on lengths and counts,
`BoundedModel`) do not already show that it cannot win its cell, which finds exactly the
path costing every bead would. Before that, a pair with as many blocks on both sides tries
the diagonal as the first pass: if the corridor search around it finds the diagonal
itself, that is the alignment (a shortcut taken on evidence, not proof: see
`_diagonal_path`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from hupli.align import confidence
from hupli.align.cost import (
    HALF_SHRINK,
    IDENTICAL_TEXT_BONUS,
    KIND_COSTS,
    KIND_MIN,
    LOG_CHANCE_SIGMA,
    MAX_SHARED,
    MAX_UNMATCHED,
    PROFILE_FLOOR,
    PROFILE_WEIGHT,
    ROUNDING,
    SENTENCE_MISMATCH_COST,
    SEPARATOR_MISMATCH,
    SHARED_ANCHOR_BONUS,
    UNJUSTIFIED_PART_COST,
    UNMATCHED_ANCHOR_COST,
    Bead,
    CostModel,
    prefix_sums,
)
from hupli.align.features import BlockEvidence, block_evidence
from hupli.evidence import extract
from hupli.evidence.names import NameMatcher
from hupli.model import SEPARATOR, Anchors, Block, Link
from hupli.settings import Settings

_FULL_DP_CELLS = 1_000  # below this, align exhaustively: the two passes would not pay
_CORRIDOR = 3


# What `_dp` knows of the cost of a link from its source span alone (`BoundedModel.link_terms`,
# the same for a whole row), in this order: a lower bound of the cost whatever the target
# span; whether the span has no separator, so that the counts that follow bound the cost;
# its sentences, length, the summed lengths of its sentences, and its anchors (at most
# MAX_SHARED); the move's cost plus the least the kinds can cost; the most the words can
# take off, plus ROUNDING; whether it is a 1-1 link, which identical text could lower.
# Plain tuples here and below, unpacked into named variables where they are read: the DP
# makes and reads them by the ten thousand, and a named tuple is slower at both.
LinkTerms = tuple[float, bool, int, int, int, int, float, float, bool]


# What bounds a link's cost from its target span (`BoundedModel.target_spans`), in this
# order: its length, sentences, the summed lengths of its sentences, its anchors (those
# shared are at most those of the side with fewer), whether it has no separator, and whether
# its first block is in the original's language. The DP unpacks one for nearly every cell.
TargetSpan = tuple[int, int, int, int, bool, bool]


# A link move of a row of `_dp`, when its `LinkTerms.bound` does not rule it out: its index
# in the moves, the start of its source span, the rest of its `LinkTerms` (counted,
# sentences, length, profile, keys, fixed, words, identical) and the `TargetSpan`s it can
# take. A plain tuple: the DP unpacks one for every cell it might enter.
_LinkMove = tuple[int, int, bool, int, int, int, int, float, float, bool, list[TargetSpan]]


class BoundedModel(CostModel):
    """The cost model with the lower bounds the search prunes by.

    All of a bead's evidence but the anchors, words and identical text is cheap arithmetic
    (kinds, length, sentences), and those three can only take a bounded amount off. Bounds
    are lowered by `ROUNDING` so that float rounding in the exact cost can never make one
    unsound. They assume the weights and caps of the terms are not negative.
    """

    def __init__(
        self, source: list[BlockEvidence], target: list[BlockEvidence], settings: Settings
    ) -> None:
        super().__init__(source, target, settings)
        # A span has at most as many distinct anchors as its blocks have together; the
        # summed lengths of its sentences.
        self.src_keys = prefix_sums([len(e.keys) for e in source])
        self.tgt_keys = prefix_sums([len(e.keys) for e in target])
        self.src_prof = prefix_sums([sum(e.profile) for e in source])
        self.tgt_prof = prefix_sums([sum(e.profile) for e in target])
        self.any_same_language = any(e.same_language for e in target)
        self._target_spans: dict[int, list[TargetSpan]] = {}
        self._source_spans: dict[int, tuple[bool, int, int, int, int, float]] = {}

    def link_terms(self, i0: int, i1: int, dj: int) -> LinkTerms:
        """What bounds the cost of a link of source[i0:i1] with dj target blocks before
        the target is known: see `LinkTerms`."""
        span = self._source_spans.get(i0 * 8 + i1 - i0)
        if span is None:
            known = self.src_known[i1] - self.src_known[i0]
            span = self._source_spans[i0 * 8 + i1 - i0] = (
                self.src_seps[i1] == self.src_seps[i0],
                self.src_sent[i1] - self.src_sent[i0],
                self.src_len[i1] - self.src_len[i0],
                self.src_prof[i1] - self.src_prof[i0],
                min(self.src_keys[i1] - self.src_keys[i0], MAX_SHARED),
                self.words_bound(known) + ROUNDING,
            )
        counted, sentences, length, profile, keys, words = span
        one = i1 - i0 == 1 and dj == 1
        move = self.moves[(i1 - i0, dj)]
        fixed = move + KIND_MIN if one else move
        identical = one and self.any_same_language
        if counted:
            # Each sentence pair adds at least -PROFILE_FLOOR, a length term never less
            # than 0.
            bound = fixed - PROFILE_FLOOR * sentences - SHARED_ANCHOR_BONUS * keys - words
            if identical:
                bound -= IDENTICAL_TEXT_BONUS
        elif one:  # a separator, linked with one (-3) or with anything else (12)
            bound = move + KIND_COSTS[(SEPARATOR, SEPARATOR)] - ROUNDING
        else:  # a separator merged with other blocks
            bound = move + SEPARATOR_MISMATCH - ROUNDING
        return bound, counted, sentences, length, profile, keys, fixed, words, identical

    def target_spans(self, size: int) -> list[TargetSpan]:
        """`TargetSpan` of target[j0:j0 + size], by j0."""
        spans = self._target_spans.get(size)
        if spans is None:
            spans = self._target_spans[size] = [
                (
                    self.tgt_len[j0 + size] - self.tgt_len[j0],
                    self.tgt_sent[j0 + size] - self.tgt_sent[j0],
                    self.tgt_prof[j0 + size] - self.tgt_prof[j0],
                    self.tgt_keys[j0 + size] - self.tgt_keys[j0],
                    self.tgt_seps[j0 + size] == self.tgt_seps[j0],
                    self.target[j0].same_language,
                )
                for j0 in range(len(self.target) - size + 1)
            ]
        return spans

    def cost_below(
        self, i0: int, i1: int, j0: int, j1: int, limit: float, floor: float = -math.inf
    ) -> float:
        """`cost` of a bead with blocks on both sides, bit for bit; or `math.inf` as soon
        as it is provably not below `limit`.

        `floor` is a lower bound of the move's cost plus the kind, length and sentence
        terms, if the caller has one. The anchor terms come first, being cheap for the
        cuts they make, and with them a bound of what is left (`floor`, or the exact
        terms once computed, less the most the words and identical text can take off) is
        checked before each costlier step.
        """
        one = i1 - i0 == 1 and j1 - j0 == 1
        move = self.moves[(i1 - i0, j1 - j0)]
        found = self.memo.get((i0, i1, j0, j1))
        if found is not None:  # asked before: a link pinned, or the search rerun
            return move + found
        if self.src_seps[i1] != self.src_seps[i0] or self.tgt_seps[j1] != self.tgt_seps[j0]:
            return move + self.evidence(i0, i1, j0, j1)  # a constant, found at once
        limit -= move
        known = self.src_known[i1] - self.src_known[i0]
        if one:
            terms = (*self.one_anchors(i0, j0), 0)
            rest = self.words_bound(known)
            if self.target[j0].same_language:
                rest += IDENTICAL_TEXT_BONUS
        else:
            terms = self.anchor_terms(i0, i1, j0, j1)
            rest = self.words_bound(known)
        shared, unmatched, unjustified = terms
        slack = (
            UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
            + UNJUSTIFIED_PART_COST * unjustified
            - SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
            - rest
            - ROUNDING
        )
        if floor - move + slack >= limit:
            return math.inf
        if one:
            base, final = self.one_base(i0, j0)
        else:
            base, final = self.span_base(i0, i1, j0, j1)
        if not final:
            if base + slack >= limit:
                return math.inf
            if one:
                base = self.one_rest(base, i0, j0, limit, terms[:2])
            else:
                base = self.span_rest(base, i0, i1, j0, j1, limit, terms)
            if base == math.inf:
                return base
        self.memo[(i0, i1, j0, j1)] = base
        return move + base


def _dp(
    model: BoundedModel,
    n: int,
    m: int,
    ranges: list[tuple[int, int]],
    moves: Sequence[tuple[int, int]],
) -> list[Bead]:
    """Least-cost path from (0, 0) to (n, m) through cells allowed by `ranges`.

    `ranges[i]` is the inclusive range of target positions allowed at source position i.
    Ties go to the move first in `moves`, so the result is deterministic.

    Most links cannot win their cell, and computing their evidence was nearly all the
    time alignment took. So a link is first held against the best bead found for its
    cell so far (gaps, which are cheap, come first) through lower bounds of its cost,
    each dearer and closer than the last: from its source span alone
    (`BoundedModel.link_terms`, the same for the whole row); adding the target span's counts
    and lengths (below); then its exact anchor terms, its base and the rest of its
    evidence term by term (`BoundedModel.cost_below`). A bead is skipped only if it could not
    be strictly better, and ties are settled by move order whatever order the beads are
    looked at in, so the path is exactly the one that costing every bead finds.
    """
    inf = math.inf
    ratio, variance = model.ratio, model.variance
    cost_below = model.cost_below
    rows: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        lo, hi = ranges[i]
        row = [inf] * (hi - lo + 1)
        ptr = [-1] * (hi - lo + 1)
        # The moves into this row. A gap: its index in `moves`, dj, the row it comes from
        # and that row's range, its cost. A link: dj, the row it comes from and that row's
        # range, the bound from its source span; then, for when that bound does not rule
        # it out, its index, the start of its source span, the rest of its `LinkTerms`
        # and the `TargetSpan`s it can take.
        gaps: list[tuple[int, int, list[float], int, int, float]] = []
        links: list[tuple[int, list[float], int, int, float, _LinkMove]] = []
        for index, (di, dj) in enumerate(moves):
            if di > i:
                continue
            prev_row, (plo, phi) = (rows[i - di], ranges[i - di]) if di else (row, (lo, hi))
            if di and dj:
                bound, counted, ns, ls, a, keys, fixed, words, identical = model.link_terms(
                    i - di, i, dj
                )
                span: _LinkMove = (
                    index,
                    i - di,
                    counted,
                    ns,
                    ls,
                    a,
                    keys,
                    fixed,
                    words,
                    identical,
                    model.target_spans(dj),
                )
                links.append((dj, prev_row, plo, phi, bound, span))
            else:
                gaps.append((index, dj, prev_row, plo, phi, model.moves[(di, dj)]))
        start = lo
        if i == 0 and lo == 0:
            row[0] = 0.0  # where every path starts
            start = 1
        for j in range(start, hi + 1):
            best = inf
            best_move = -1
            for index, dj, prev_row, plo, phi, cost in gaps:
                pj = j - dj
                if plo <= pj <= phi:
                    total = prev_row[pj - plo] + cost
                    if total < best or (total == best and index < best_move):
                        best = total
                        best_move = index
            for dj, prev_row, plo, phi, bound, span in links:
                pj = j - dj
                if pj < plo or pj > phi:
                    continue
                prev = prev_row[pj - plo]
                if prev + bound >= best:
                    continue
                index, pi, counted, ns, ls, a, keys, fixed, words, identical, spans = span
                lt, nt, b, kt, plain, same = spans[pj]
                floor = -inf
                if counted and plain:
                    # The bound with the target span (a separator would make the cost a
                    # constant, which this does not bound). Anchors shared are at most
                    # those of the side with fewer. With as many sentences on both sides,
                    # the profile term's sum of squared deltas is, by Cauchy–Schwarz, at
                    # least the squared difference of the summed sentence lengths over
                    # the sum of the deltas' variances (max(mean, 1) <= mean + 1);
                    # otherwise the length term is -log erfc(x) >= x², after the
                    # sentences' cost, which alone rules out most links.
                    bonus = words + SHARED_ANCHOR_BONUS * (kt if kt < keys else keys)
                    if identical and same:
                        bonus += IDENTICAL_TEXT_BONUS
                    if ns == nt and PROFILE_WEIGHT:
                        floor = fixed
                        if ns:
                            spread = ((a + b / ratio) / 2.0 + ns) * variance
                            squares = (b - a * ratio) ** 2 / spread
                            floor += PROFILE_WEIGHT * (
                                squares * HALF_SHRINK - LOG_CHANCE_SIGMA * ns
                            )
                    else:
                        floor = fixed + SENTENCE_MISMATCH_COST * abs(ns - nt)
                        if prev + floor - bonus >= best:
                            continue
                        mean = (ls + lt / ratio) / 2.0
                        squares = (lt - ls * ratio) ** 2 / (max(mean, 1.0) * variance)
                        floor += 0.5 * squares
                    if prev + floor - bonus >= best:
                        continue
                total = prev + cost_below(pi, i, pj, j, best - prev, floor)
                if total < best or (total == best and index < best_move):
                    best = total
                    best_move = index
            row[j - lo] = best
            ptr[j - lo] = best_move
        rows.append(row)
        back.append(ptr)
    beads: list[Bead] = []
    i, j = n, m
    if rows[n][m - ranges[n][0]] == inf:
        raise RuntimeError("alignment band excluded every path")  # a bug, not bad input
    while i > 0 or j > 0:
        index = back[i][j - ranges[i][0]]
        di, dj = moves[index]
        beads.append(Bead(i - di, i, j - dj, j, 0.0))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _coarse_path(model: BoundedModel, n: int, m: int, band: list[tuple[int, int]]) -> list[Bead]:
    """First pass: 1-1, 1-0 and 0-1 moves with length and single-block anchors only.

    Written out by hand rather than through `_dp` and a cost function: it visits every
    cell of the band, and at thousands of blocks the call overhead is the whole cost.
    """
    inf = math.inf
    src, tgt = model.source, model.target
    ratio, variance = model.ratio, model.variance
    gap_s, gap_t, one = model.moves[(1, 0)], model.moves[(0, 1)], model.moves[(1, 1)]
    # Shared anchors per cell from an inverted index; anchors found in many blocks
    # ("Trump" in every paragraph) say nothing about which block is which.
    index: dict[str, list[int]] = {}
    for j, e in enumerate(tgt):
        for key in e.keys:
            index.setdefault(key, []).append(j)
    shared: list[dict[int, int]] = []
    for e in src:
        counts: dict[int, int] = {}
        for key in e.keys:
            hits = index.get(key, ())
            if len(hits) <= 50:
                for j in hits:
                    counts[j] = counts.get(j, 0) + 1
        shared.append(counts)
    rows: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        lo, hi = band[i]
        row = [inf] * (hi - lo + 1)
        ptr = [0] * (hi - lo + 1)
        if i:
            plo, phi = band[i - 1]
            prev = rows[i - 1]
            s = src[i - 1]
            s_len, s_sep, s_shared = s.length, s.kind == SEPARATOR, shared[i - 1]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, move = inf, 0
            if i and plo <= j <= phi and prev[j - plo] + gap_s < best:
                best, move = prev[j - plo] + gap_s, 1
            if j > lo and row[j - 1 - lo] + gap_t < best:
                best, move = row[j - 1 - lo] + gap_t, 2
            if i and j and plo <= j - 1 <= phi:
                t = tgt[j - 1]
                if s_sep or t.kind == SEPARATOR:
                    cost = -3.0 if s_sep and t.kind == SEPARATOR else SEPARATOR_MISMATCH
                else:
                    mean = (s_len + t.length / ratio) / 2.0
                    cost = 0.5 * (t.length - s_len * ratio) ** 2 / (max(mean, 1.0) * variance)
                    cost -= SHARED_ANCHOR_BONUS * min(s_shared.get(j - 1, 0), MAX_SHARED)
                total = prev[j - 1 - plo] + one + cost
                if total < best:
                    best, move = total, 3
            row[j - lo] = best
            ptr[j - lo] = move
        rows.append(row)
        back.append(ptr)
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        move = back[i][j - band[i][0]]
        di, dj = ((1, 0), (0, 1), (1, 1))[move - 1]
        beads.append(Bead(i - di, i, j - dj, j, 0.0))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _band(n: int, m: int, width: int) -> list[tuple[int, int]]:
    ranges = []
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        ranges.append((max(0, centre - width), min(m, centre + width)))
    ranges[0] = (0, ranges[0][1])
    ranges[n] = (ranges[n][0], m)
    return ranges


def _corridor(n: int, m: int, beads: list[Bead], width: int) -> list[tuple[int, int]]:
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    points = [(0, 0)] + [(b.i1, b.j1) for b in beads]
    for (i0, j0), (i1, j1) in itertools.pairwise(points):
        for i in range(i0, i1 + 1):
            lo[i] = min(lo[i], j0)
            hi[i] = max(hi[i], j1)
    # The first pass stands a merge in for 1-1 plus a gap, and may put an omission a
    # block or two off; `width` columns either side of its path cover both.
    return [(max(0, lo[i] - width), min(m, hi[i] + width)) for i in range(n + 1)]


# A 1-1 link of the first pass whose evidence is at least this good (agreeing sentence
# lengths, shared anchors) and whose neighbours are 1-1 links too is left as it is: the
# second pass only searches around it, which is where its time goes on long documents.
_CONFIDENT = -2.0


def _pin_confident_links(
    model: BoundedModel, beads: list[Bead], ranges: list[tuple[int, int]]
) -> None:
    one = [b.i1 - b.i0 == 1 and b.j1 - b.j0 == 1 for b in beads]
    for k in range(1, len(beads) - 1):
        if one[k - 1] and one[k] and one[k + 1]:
            bead = beads[k]
            if model.evidence(bead.i0, bead.i1, bead.j0, bead.j1) <= _CONFIDENT:
                ranges[bead.i1] = (bead.j1, bead.j1)


# Whether a document pair with as many blocks on both sides first tries the diagonal
# (`_diagonal_path`). The tests turn it off to compare with the exhaustive search.
_DIAGONAL_FIRST = True


def _diagonal_path(
    model: BoundedModel, n: int, moves: Sequence[tuple[int, int]]
) -> list[Bead] | None:
    """The n 1-1 links down the diagonal if they are the best path near it; else None.

    Most translations keep their original's blocks one for one. So for as many blocks
    on both sides, the diagonal stands in for the first pass of long documents: its
    confident links are pinned and the second pass searches the corridor around it. If
    that finds the diagonal itself, no omission, addition, merge or split is anywhere
    near, and the exhaustive search is spared; anything else, and that search decides.
    Unlike the bounds in `_dp`, this is not proven to find what the exhaustive search
    would (a path could leave the corridor, or pass a pinned link by); on the alignment
    benchmark (seeds 0-2, 527 cases with as many blocks, 286 of them taking the diagonal)
    and a 1,000-document corpus (455 pairs, all taking it) it never differed.
    """
    if not _DIAGONAL_FIRST:
        return None
    diagonal = [Bead(k, k + 1, k, k + 1, 0.0) for k in range(n)]
    ranges = _corridor(n, n, diagonal, _CORRIDOR)
    _pin_confident_links(model, diagonal, ranges)
    if ranges == [(0, n)] * (n + 1):
        return None  # nothing narrowed: the search is the exhaustive one
    beads = _dp(model, n, n, ranges, moves)
    if all(bead.i1 - bead.i0 == 1 and bead.j1 - bead.j0 == 1 for bead in beads):
        return beads
    return None


def _touches_edge(beads: list[Bead], ranges: list[tuple[int, int]], m: int) -> bool:
    for bead in beads:
        lo, hi = ranges[bead.i1]
        if (lo > 0 and bead.j1 - lo < 2) or (hi < m and hi - bead.j1 < 2):
            return True
    return False


@dataclass(frozen=True)
class RawAlignment:
    """Links before checks: beads with their cost, confidence and reasons."""

    links: tuple[Link, ...]
    source_evidence: tuple[BlockEvidence, ...]
    target_evidence: tuple[BlockEvidence, ...]
    source_anchors: tuple[Anchors, ...]
    target_anchors: tuple[Anchors, ...]


def align_blocks(
    source: Sequence[Block],
    target: Sequence[Block],
    settings: Settings,
    source_anchors: Sequence[Anchors] | None = None,
    target_anchors: Sequence[Anchors] | None = None,
    source_features: Sequence[tuple[tuple[int, ...], str]] | None = None,
    target_features: Sequence[tuple[tuple[int, ...], str]] | None = None,
) -> RawAlignment:
    """Link the blocks of an original with those of its translation.

    Anchors and `block_features` already read from the blocks (by the document stage)
    may be passed in.
    """
    src_anchors = (
        list(source_anchors)
        if source_anchors is not None
        else [extract(b.text, settings.source_language) for b in source]
    )
    tgt_anchors = (
        list(target_anchors)
        if target_anchors is not None
        else [extract(b.text, settings.target_language) for b in target]
    )
    matcher = NameMatcher(
        [name for a in src_anchors for name in a.names],
        [name for a in tgt_anchors for name in a.names],
    )
    lexical = (settings.source_language, settings.target_language) == ("fi", "en")
    src_ev = block_evidence(
        source,
        src_anchors,
        matcher.source_ids,
        settings.source_language,
        "fi" if lexical else "",
        source_features,
    )
    tgt_ev = block_evidence(
        target,
        tgt_anchors,
        matcher.target_ids,
        settings.source_language,
        "en" if lexical else "",
        target_features,
    )
    model = BoundedModel(src_ev, tgt_ev, settings)
    n, m = len(source), len(target)
    moves = sorted(model.moves, key=lambda move: (move[0] + move[1], move))
    beads: list[Bead] | None = None
    if n == 0 or m == 0 or (settings.band == 0 and (n + 1) * (m + 1) <= _FULL_DP_CELLS):
        ranges = [(0, m)] * (n + 1)
        if n == m:
            beads = _diagonal_path(model, n, moves)
    else:
        # The band starts narrow and doubles whenever the path runs along its edge, so a
        # pair whose translation drifts far from the diagonal still aligns exactly.
        # The band follows the line from (0, 0) to (n, m), which already absorbs an even
        # spread of omissions; it has to cover only how far the path strays from it.
        width = settings.band or 10
        while True:
            band = _band(n, m, width)
            coarse = _coarse_path(model, n, m, band)
            if width >= max(n, m) or not _touches_edge(coarse, band, m):
                break
            width *= 2
        ranges = _corridor(n, m, coarse, _CORRIDOR)
        _pin_confident_links(model, coarse, ranges)
    if beads is None:
        beads = _dp(model, n, m, ranges, moves)

    return RawAlignment(
        links=confidence.links(model, beads),
        source_evidence=tuple(src_ev),
        target_evidence=tuple(tgt_ev),
        source_anchors=tuple(src_anchors),
        target_anchors=tuple(tgt_anchors),
    )
