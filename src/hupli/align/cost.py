"""The cost model: what linking source blocks i0..i1 with target blocks j0..j1 costs.

A bead's cost adds up independent evidence, each term a -log probability in spirit:

* the move's prior (`Settings.move_costs`);
* kinds (`KIND_COSTS`): a heading links with a heading, a separator with a separator;
* length, Gale–Church style (`length_cost`): English length is `ratio × Finnish length`
  with a variance proportional to the length (ratio and variance estimated on WMT16 fi→en);
  with as many sentences on both sides, each sentence pair's length instead
  (`PROFILE_WEIGHT`, `CostModel._profile_cost`);
* sentence counts (`SENTENCE_MISMATCH_COST`): a professional translation keeps the number
  of sentences nearly always, so a merge that swallows an omitted paragraph shows up as
  extra sentences;
* anchors both languages share (`SHARED_ANCHOR_BONUS`) and anchors only one side has
  (`UNMATCHED_ANCHOR_COST`); a part of a merge whose anchors none match
  (`UNJUSTIFIED_PART_COST`);
* identical text, when the translation left a block in the original's language
  (`IDENTICAL_TEXT_BONUS`);
* words (Finnish → English only, `LEXICAL_WEIGHT`): how many of the Finnish side's words
  that the word table knows have a translation on the English side, against chance.

Omissions are the point of hupli. A length-only aligner folds an untranslated paragraph
into a neighbouring 2-1 bead because the length of the merge is still plausible; here a
merge must also be justified part by part: a part that brings sentences, anchors or
length the target does not have makes the merge cost more than an omission.

`CostModel.evidence` is computed in two steps so that the search can stop after the
first: the base (kinds, length, sentences) is cheap arithmetic, the rest (anchors, words,
identical text) set operations, the last two of which can only lower the cost by a
bounded amount (`words_bound`, `IDENTICAL_TEXT_BONUS`). The rest continues from the
base's running total, so splitting it changes no bit of the result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hupli.align.features import BlockEvidence
from hupli.evidence.lexicon import CHANCE_HIT_RATE, TRANSLATION_HIT_RATE
from hupli.model import HEADING, LINK, SEPARATOR
from hupli.settings import Settings

# Extra cost when two blocks of different kinds are linked. Missing pairs cost
# `KIND_DEFAULT`; separators only ever link with separators.
KIND_DEFAULT = 1.0
KIND_COSTS: dict[tuple[str, str], float] = {
    (SEPARATOR, SEPARATOR): -3.0,
    (HEADING, HEADING): -0.5,
    (LINK, LINK): -0.5,
    ("paragraph", "caption"): 0.5,
    ("paragraph", "quote"): 0.3,
    ("paragraph", "list_item"): 0.5,
    ("caption", "caption"): -0.5,
    ("caption", "image"): 0.5,
    ("quote", "quote"): 0.0,
    ("list_item", "list_item"): 0.0,
    ("paragraph", "paragraph"): 0.0,
    ("heading", "paragraph"): 1.0,
}
SEPARATOR_MISMATCH = 12.0
KIND_PAIRS = {**{(b, a): cost for (a, b), cost in KIND_COSTS.items()}, **KIND_COSTS}
# A bead whose cost before anchors passes this can never beat leaving its blocks unlinked
# (at most six gaps of 4.5, less the largest anchor and identical-text bonuses), so its
# anchors need not be looked at: pruning here changes no result.
PRUNE = 40.0  # (raised below by the largest lexical bonus)

SHARED_ANCHOR_BONUS = 1.5  # per shared anchor, up to MAX_SHARED
MAX_SHARED = 4
UNMATCHED_ANCHOR_COST = 0.6  # per anchor only one side has, up to MAX_UNMATCHED
MAX_UNMATCHED = 6
SENTENCE_MISMATCH_COST = 3.0  # per sentence of difference
UNJUSTIFIED_PART_COST = 2.0  # per part of a merge/split with anchors none of which match
IDENTICAL_TEXT_BONUS = 4.0

PROFILE_WEIGHT = 0.5  # weight of sentence-length agreement; 0 uses total length only
CHANCE_SIGMA = 4.0  # spread of Gale–Church deltas between sentences that are not translations
LOG_CHANCE_SIGMA = math.log(CHANCE_SIGMA)
HALF_SHRINK = 0.5 * (1.0 - 1.0 / CHANCE_SIGMA**2)

# Words: of a bead's n distinct Finnish stems that the word table knows, k have a translation
# among the English side's stems; k is binomial with rate TRANSLATION_HIT_RATE for
# translations and CHANCE_HIT_RATE for unrelated text (`hupli.evidence.lexicon`), and the
# bead's cost falls by LEXICAL_WEIGHT × the log-likelihood ratio, clipped to ±LEXICAL_CAP.
# News is far from GNOME help, and neighbouring paragraphs share words, so the ratio
# overstates the evidence; LEXICAL_WEIGHT, tuned on bench seeds 1 and 2, shrinks it. 0
# turns the term off.
LEXICAL_WEIGHT = 0.5
LEXICAL_CAP = 6.0
LEX_HIT = math.log(TRANSLATION_HIT_RATE / CHANCE_HIT_RATE)
LEX_MISS = math.log((1.0 - TRANSLATION_HIT_RATE) / (1.0 - CHANCE_HIT_RATE))
PRUNE += LEXICAL_WEIGHT * LEXICAL_CAP


def lexical_llr(hits: int, known: int) -> float:
    """Clipped log-likelihood ratio, translation vs chance, of `hits` out of `known`."""
    llr = hits * LEX_HIT + (known - hits) * LEX_MISS
    return max(-LEXICAL_CAP, min(LEXICAL_CAP, llr))


# Lower bounds of bead costs are lowered by this much, so that float rounding in the
# exact cost (a handful of additions of terms below 1,000) can never make one unsound.
ROUNDING = 1e-6
# The least a 1-1 link of two blocks that are not separators gets for their kinds.
KIND_MIN = min(KIND_DEFAULT, *(cost for pair, cost in KIND_PAIRS.items() if SEPARATOR not in pair))
PROFILE_FLOOR = PROFILE_WEIGHT * LOG_CHANCE_SIGMA  # the least a sentence pair can add


def length_cost(source: int, target: int, ratio: float, variance: float) -> float:
    """-log P(|delta|) under Gale and Church's normal model of length differences."""
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2.0
    delta = (target - source * ratio) / math.sqrt(max(mean, 1.0) * variance)
    x = abs(delta) / math.sqrt(2.0)
    if x < 5.0:
        return -math.log(max(math.erfc(x), 1e-300))
    # erfc(x) ~ exp(-x²) / (x √π) for large x; avoids underflow to a flat cap.
    return x * x + math.log(x * math.sqrt(math.pi))


@dataclass
class Bead:
    """A link the search considers: source blocks i0..i1 with target blocks j0..j1 (one
    side empty for an omission or an addition)."""

    i0: int
    i1: int
    j0: int
    j1: int
    cost: float


_Parts = tuple[frozenset[str], ...]  # the anchors of each block of a span


_NONE: frozenset[str] = frozenset()


def _move(name: str) -> tuple[int, int]:
    """A move's blocks on each side: "2-1" is (2, 1)."""
    source, target = name.split("-")
    return int(source), int(target)


class CostModel:
    """Bead costs for one document pair; every term is explained by `reasons`."""

    def __init__(
        self, source: list[BlockEvidence], target: list[BlockEvidence], settings: Settings
    ) -> None:
        self.source = source
        self.target = target
        self.ratio = settings.length_ratio
        self.variance = settings.length_variance
        self.moves = {_move(name): cost for name, cost in settings.move_costs}
        self.src_len = prefix_sums([e.length for e in source])
        self.tgt_len = prefix_sums([e.length for e in target])
        # Sets of spans of blocks, by start * 8 + size (`_span_keys`, `_span_lex`).
        self._src_spans: dict[int, tuple[frozenset[str], frozenset[str], _Parts]] = {}
        self._tgt_spans: dict[int, tuple[frozenset[str], frozenset[str], _Parts]] = {}
        self._lex_spans: dict[int, tuple[frozenset[str], int]] = {}
        self._lex_tgt_spans: dict[int, tuple[frozenset[str], int]] = {}
        # Evidence already computed, by (i0, i1, j0, j1): the search finds that of every
        # link on the path, and the links, their reasons and confidences ask again.
        self.memo: dict[tuple[int, int, int, int], float] = {}
        self.lexical = LEXICAL_WEIGHT != 0 and any(e.known for e in source)
        self.src_seps = prefix_sums([e.kind == SEPARATOR for e in source])
        self.tgt_seps = prefix_sums([e.kind == SEPARATOR for e in target])
        self.src_heads = prefix_sums([e.kind == HEADING for e in source])
        self.tgt_heads = prefix_sums([e.kind == HEADING for e in target])
        self.src_sent = prefix_sums([e.sentences for e in source])
        self.tgt_sent = prefix_sums([e.sentences for e in target])
        self.src_known = prefix_sums([e.known for e in source])
        # Every block's sentence lengths in one list: a span's are a slice, by `src_sent`.
        self.src_profile = [x for e in source for x in e.profile]
        self.tgt_profile = [x for e in target for x in e.profile]

    def words_bound(self, known: int) -> float:
        """The most the lexical term can take off a bead whose Finnish side knows `known`
        words: all of them translated."""
        if not self.lexical or not known:
            return 0.0
        return LEXICAL_WEIGHT * min(LEXICAL_CAP, known * LEX_HIT)

    # --- evidence terms ---------------------------------------------------------------

    def _kind_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        if i1 - i0 == 1 and j1 - j0 == 1:  # the common case, kept cheap
            a, b = self.source[i0].kind, self.target[j0].kind
            if a == SEPARATOR or b == SEPARATOR:
                return KIND_COSTS[(SEPARATOR, SEPARATOR)] if a == b else SEPARATOR_MISMATCH
            return KIND_PAIRS.get((a, b), KIND_DEFAULT)
        if self.src_seps[i1] - self.src_seps[i0] or self.tgt_seps[j1] - self.tgt_seps[j0]:
            return SEPARATOR_MISMATCH
        cost = KIND_PAIRS.get((self.source[i0].kind, self.target[j0].kind), KIND_DEFAULT)
        # Two headings do not become one paragraph, nor a heading and a paragraph one
        # block: merges happen within prose.
        headings = self.src_heads[i1] - self.src_heads[i0] + self.tgt_heads[j1] - self.tgt_heads[j0]
        if 0 < headings < (i1 - i0) + (j1 - j0):
            cost += 1.5
        return max(cost, 0.0)

    def _span_keys(
        self, source: bool, start: int, stop: int
    ) -> tuple[frozenset[str], frozenset[str], _Parts]:
        """The anchors and soft anchors of a span of blocks, and each block's anchors."""
        # Each span is asked about by several beads; build its sets once.
        spans = self._src_spans if source else self._tgt_spans
        key = start * 8 + stop - start
        found = spans.get(key)
        if found is None:
            blocks = (self.source if source else self.target)[start:stop]
            found = (
                _NONE.union(*(e.keys for e in blocks)),
                _NONE.union(*(e.soft for e in blocks)),
                tuple(e.keys for e in blocks),
            )
            spans[key] = found
        return found

    def _span_lex(self, source: bool, start: int, stop: int) -> tuple[frozenset[str], int]:
        """The lexical keys of a span of blocks, and how many Finnish words it knows."""
        blocks = self.source if source else self.target
        if stop - start == 1:
            return blocks[start].lex, blocks[start].known
        spans = self._lex_spans if source else self._lex_tgt_spans
        key = start * 8 + stop - start
        found = spans.get(key)
        if found is None:
            span = blocks[start:stop]
            found = (_NONE.union(*(e.lex for e in span)), sum(e.known for e in span))
            spans[key] = found
        return found

    def _lexical(self, i0: int, i1: int, j0: int, j1: int) -> tuple[int, int]:
        """(hits, known) of the lexical evidence of a bead."""
        lex_s, known = self._span_lex(True, i0, i1)
        lex_t, _ = self._span_lex(False, j0, j1)
        return min(len(lex_s & lex_t), known), known

    def anchor_terms(self, i0: int, i1: int, j0: int, j1: int) -> tuple[int, int, int]:
        """(shared, unmatched, unjustified parts) for the anchors of a bead."""
        keys_s, soft_s, parts_s = self._span_keys(True, i0, i1)
        keys_t, soft_t, parts_t = self._span_keys(False, j0, j1)
        if not keys_s and not keys_t:
            return 0, 0, 0
        shared = len(keys_s & keys_t)
        unmatched = len(keys_s - keys_t - soft_t) + len(keys_t - keys_s - soft_s)
        unjustified = 0
        if len(parts_s) > 1:
            against = keys_t | soft_t
            unjustified += sum(1 for keys in parts_s if keys and keys.isdisjoint(against))
        if len(parts_t) > 1:
            against = keys_s | soft_s
            unjustified += sum(1 for keys in parts_t if keys and keys.isdisjoint(against))
        return shared, unmatched, unjustified

    def evidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cost of linking source[i0:i1] with target[j0:j1], without the move prior."""
        key = (i0, i1, j0, j1)
        cost = self.memo.get(key)
        if cost is None:
            if i1 - i0 == 1 and j1 - j0 == 1:
                cost = self._evidence_one(i0, j0)
            else:
                cost, final = self.span_base(i0, i1, j0, j1)
                if not final:
                    cost = self.span_rest(cost, i0, i1, j0, j1)
            self.memo[key] = cost
        return cost

    # `evidence` is computed in two steps (see the module's docstring): a base, and the
    # rest continuing from its running total, which the search can stop early (`limit`).

    def span_base(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, bool]:
        """Base of `evidence` for a bead other than 1-1, and whether it is the whole of it."""
        kind = self._kind_cost(i0, i1, j0, j1)
        if kind >= SEPARATOR_MISMATCH:
            return kind, True
        cost = kind
        if self.source[i0].kind != SEPARATOR:
            ns = self.src_sent[i1] - self.src_sent[i0]
            nt = self.tgt_sent[j1] - self.tgt_sent[j0]
            if ns == nt and PROFILE_WEIGHT:
                cost += PROFILE_WEIGHT * self._profile_cost(i0, i1, j0, j1)
            else:
                ls = self.src_len[i1] - self.src_len[i0]
                lt = self.tgt_len[j1] - self.tgt_len[j0]
                cost += length_cost(ls, lt, self.ratio, self.variance)
                cost += SENTENCE_MISMATCH_COST * abs(ns - nt)
            if cost > PRUNE:
                return cost, True
        return cost, False

    def span_rest(
        self,
        cost: float,
        i0: int,
        i1: int,
        j0: int,
        j1: int,
        limit: float = math.inf,
        terms: tuple[int, int, int] | None = None,
    ) -> float:
        """`evidence` of a bead other than 1-1 from its base `cost` (and `anchor_terms`,
        if known); `math.inf` once the words could no longer bring it below `limit`."""
        if terms is None:
            terms = self.anchor_terms(i0, i1, j0, j1)
        shared, unmatched, unjustified = terms
        cost -= SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
        cost += UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
        cost += UNJUSTIFIED_PART_COST * unjustified
        if cost - self.words_bound(self.src_known[i1] - self.src_known[i0]) - ROUNDING >= limit:
            return math.inf
        if self.lexical:
            hits, known = self._lexical(i0, i1, j0, j1)
            if known:
                cost -= LEXICAL_WEIGHT * lexical_llr(hits, known)
        return cost

    def _evidence_one(self, i: int, j: int) -> float:
        """`evidence` for a 1-1 bead, the DP's most frequent question, without slicing."""
        cost, final = self.one_base(i, j)
        return cost if final else self.one_rest(cost, i, j)

    def one_base(self, i: int, j: int) -> tuple[float, bool]:
        """Base of `_evidence_one`, and whether it is the whole of it."""
        s, t = self.source[i], self.target[j]
        a, b = s.kind, t.kind
        if a == SEPARATOR or b == SEPARATOR:
            return (KIND_COSTS[(SEPARATOR, SEPARATOR)] if a == b else SEPARATOR_MISMATCH), True
        cost = KIND_PAIRS.get((a, b), KIND_DEFAULT)
        if s.sentences == t.sentences and PROFILE_WEIGHT:
            cost += PROFILE_WEIGHT * self._profile_cost(i, i + 1, j, j + 1)
        else:
            cost += length_cost(s.length, t.length, self.ratio, self.variance)
            cost += SENTENCE_MISMATCH_COST * abs(s.sentences - t.sentences)
        return cost, cost > PRUNE

    def one_anchors(self, i: int, j: int) -> tuple[int, int]:
        """(shared, unmatched) anchors of a 1-1 bead."""
        s, t = self.source[i], self.target[j]
        ks, kt = s.keys, t.keys
        if not ks and not kt:
            return 0, 0
        return len(ks & kt), len(ks - kt - t.soft) + len(kt - ks - s.soft)

    def one_rest(
        self,
        cost: float,
        i: int,
        j: int,
        limit: float = math.inf,
        anchors: tuple[int, int] | None = None,
    ) -> float:
        """`_evidence_one` from its base `cost` (and `one_anchors`, if known);
        `math.inf` once the words and identical text could no longer bring it below
        `limit`."""
        s, t = self.source[i], self.target[j]
        if s.keys or t.keys:
            shared, unmatched = anchors or self.one_anchors(i, j)
            cost -= SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
            cost += UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
        identical = IDENTICAL_TEXT_BONUS if t.same_language else 0.0
        if cost - self.words_bound(s.known) - identical - ROUNDING >= limit:
            return math.inf
        if s.known and self.lexical:
            hits = min(len(s.lex & t.lex), s.known)
            cost -= LEXICAL_WEIGHT * lexical_llr(hits, s.known)
        if t.same_language:
            if cost - identical - ROUNDING >= limit:
                return math.inf
            cost -= IDENTICAL_TEXT_BONUS * similarity(s.text, t.text)
        return cost

    def _profile_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """-log likelihood ratio of the sentence lengths under "translation" vs "chance".

        With as many sentences on both sides, each sentence pair's Gale–Church delta is
        normal with unit variance if they translate each other, and far wider
        (`CHANCE_SIGMA`) if not. Agreeing sentence lengths are thus positive evidence,
        which total length alone can never be.
        """
        left = self.src_profile[self.src_sent[i0] : self.src_sent[i1]]
        right = self.tgt_profile[self.tgt_sent[j0] : self.tgt_sent[j1]]
        ratio, variance = self.ratio, self.variance
        total = 0.0
        for a, b in zip(left, right, strict=True):
            mean = (a + b / ratio) / 2.0
            delta2 = (b - a * ratio) ** 2 / (max(mean, 1.0) * variance)
            total += delta2 * HALF_SHRINK - LOG_CHANCE_SIGMA
        return total

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        move = self.moves[(i1 - i0, j1 - j0)]
        if i1 == i0 or j1 == j0:
            return move
        return move + self.evidence(i0, i1, j0, j1)

    def reasons(self, i0: int, i1: int, j0: int, j1: int) -> tuple[str, ...]:
        if i1 == i0 or j1 == j0:
            return ()
        if self.src_seps[i1] != self.src_seps[i0]:
            return ("separator with separator",)
        ls = self.src_len[i1] - self.src_len[i0]
        lt = self.tgt_len[j1] - self.tgt_len[j0]
        ns = self.src_sent[i1] - self.src_sent[i0]
        nt = self.tgt_sent[j1] - self.tgt_sent[j0]
        out = [
            f"length {ls}→{lt} chars (expected about {round(ls * self.ratio)})",
            f"sentences {ns}→{nt}",
        ]
        src = self.source[i0:i1]
        tgt = self.target[j0:j1]
        keys_s = src[0].keys if len(src) == 1 else _NONE.union(*(e.keys for e in src))
        keys_t = tgt[0].keys if len(tgt) == 1 else _NONE.union(*(e.keys for e in tgt))
        shared = sorted(keys_s & keys_t)
        if shared:
            out.append("shared anchors: " + ", ".join(_show_key(k) for k in shared[:6]))
        if self.lexical:
            hits, known = self._lexical(i0, i1, j0, j1)
            if known:
                out.append(f"words {hits}/{known} translated")
        kinds_s = "+".join(e.kind for e in src)
        kinds_t = "+".join(e.kind for e in tgt)
        out.append(f"kinds {kinds_s}→{kinds_t}")
        if len(src) == 1 and len(tgt) == 1 and tgt[0].same_language:
            out.append(f"text {round(100 * similarity(src[0].text, tgt[0].text))}% identical")
        return tuple(out)


def _show_key(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0


def prefix_sums(values: Sequence[int]) -> list[int]:
    out = [0]
    for value in values:
        out.append(out[-1] + value)
    return out
