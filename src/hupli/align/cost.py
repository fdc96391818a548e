"""The cost model: how strongly the evidence says a bead's two sides translate each other.

Every term is a log-likelihood ratio, "these blocks translate each other" against "they
are unrelated text of the same pages", so terms add, a positive sum is evidence for the
link and a negative one against it, and the confidence of a link follows from its sum
(`hupli.align.confidence`). The search pays `-evidence` for a link plus the move's cost
(`Settings.move_costs`, an omission's -log prior), and keeps the cheapest path.

The terms, each a method of `Model` with the name `reasons` gives it:

* ``structure``: code, images, separators, front matter and tables link one to one with
  their own kind only. Code blocks by the similarity of their shapes (code with strings
  and comments left out), images by their file.
* ``words``: `hupli.align.lexical`: the share of each side's words the other side
  translates, weighed by how rare the words are on the page.
* ``facts``: numbers, dates, names, link targets, image files and code terms both sides
  share, against numbers, dates, times and e-mails only one side has.
* ``length``: Gale and Church's length model, as a ratio against the spread of unrelated
  text and bounded below: a translator who re-splits sentences or adds a clause changes
  the length, and length alone must never outweigh what the words say.
* ``kinds``: a heading links with a heading.
* ``parts``: in a merge or split, every part must bring words of its own; a part that
  does not is an omission or an addition hiding in a neighbour's link.
* ``identical``: a block left in the original's language, identical to its original.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from hupli.align.lexical import IDENTITY_RATE, KNOWN_RATE, REVERSE_RATE, Coverage
from hupli.align.units import CODE, FRONT_MATTER, HEADING, IMAGE, SEPARATOR, STRUCTURAL, Unit

# Code blocks: the shapes' similarity s in [0, 1] scores CODE_SLOPE × (s − CODE_EVEN):
# identical code is strong evidence, code a third alike is none.
CODE_SLOPE = 18.0
CODE_EVEN = 1.0 / 3.0
IMAGE_SAME = 10.0  # the same image file
IMAGE_OTHER = -4.0  # two different files
SEPARATOR_PAIR = 3.0
FRONT_MATTER_PAIR = 10.0
MISMATCH = -20.0  # a structural block with anything but its own kind, or merged
HEADING_PAIR = 1.0
HEADING_MISMATCH = -1.5
SHARED_FACT = 2.0  # per fact both sides have, up to MAX_SHARED
MAX_SHARED = 5
LONE_FACT = -0.5  # per fact one side has, up to MAX_LONE
MAX_LONE = 6
# Length: log N(δ; 0, 1) − log N(δ; 0, LENGTH_CHANCE²), never below LENGTH_FLOOR.
LENGTH_CHANCE = 4.0
LENGTH_FLOOR = -3.0
_LENGTH_TOP = math.log(LENGTH_CHANCE)
_LENGTH_SHRINK = 0.5 * (1.0 - 1.0 / LENGTH_CHANCE**2)
UNJUSTIFIED_PART = -3.0  # a part of a merge or split with (almost) no words of its own
PART_ENOUGH = 0.5
IDENTICAL = 6.0
WORD_WEIGHT = 0.75  # the two directions of word evidence overlap: weigh each less than one

WordKeys = Callable[[str], frozenset[str]]


class Model:
    """Bead evidence for one document pair."""

    def __init__(
        self,
        source: Sequence[Unit],
        target: Sequence[Unit],
        *,
        finnish_keys: WordKeys,
        english_keys: WordKeys,
        known: Callable[[str], bool],
        source_is_finnish: bool = True,
        ratio: float = 1.05,
        variance: float = 2.05,
        learned: dict[str, frozenset[str]] | None = None,
        window: int = 0,
        windows: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.ratio = ratio
        self.variance = variance
        self.source_is_finnish = source_is_finnish
        finnish, english = (source, target) if source_is_finnish else (target, source)
        learned = learned or {}
        self.learned = learned
        fi_word_keys: list[list[frozenset[str]]] = []
        fi_rates: list[list[float]] = []
        fi_block_keys: list[frozenset[str]] = []
        for unit in finnish:
            keys_of_words = []
            rates = []
            for word in unit.words:
                keys = finnish_keys(word)
                extra = learned.get(word)
                if extra:
                    keys = keys | extra
                keys_of_words.append(keys)
                rates.append(KNOWN_RATE if extra or known(word) else IDENTITY_RATE)
            fi_word_keys.append(keys_of_words)
            fi_rates.append(rates)
            fi_block_keys.append(frozenset().union(*keys_of_words) if keys_of_words else _NONE)
        en_word_keys = [[english_keys(word) for word in unit.words] for unit in english]
        en_rates = [[REVERSE_RATE] * len(unit.words) for unit in english]
        en_block_keys = [frozenset().union(*keys) if keys else _NONE for keys in en_word_keys]
        # A long pair is only ever linked near its diagonal: `window` blocks either side of
        # it (0: anywhere), the band the search may not leave (`hupli.align.search`).
        self.window = window
        # Or, given `windows` (per source block, per target block), exactly those.
        fi_windows: Sequence[tuple[int, int]] | None = None
        en_windows: Sequence[tuple[int, int]] | None = None
        if windows is not None:
            fi_windows, en_windows = windows if source_is_finnish else windows[::-1]
        elif window:
            fi_windows = _windows(len(finnish), len(english), window)
            en_windows = _windows(len(english), len(finnish), window)
        self.finnish_words = Coverage(fi_word_keys, fi_rates, en_block_keys, fi_windows)
        self.english_words = Coverage(en_word_keys, en_rates, fi_block_keys, en_windows)
        self._memo: dict[tuple[int, int, int, int], float] = {}
        self._side_memo: dict[tuple[bool, int, tuple[int, ...]], float] = {}
        self._span_memo: dict[tuple[bool, int, int, int], float] = {}
        # What the fast path for contiguous beads (`evidence`) reads, per block.
        self._src_plain = [u.group not in STRUCTURAL for u in source]
        self._tgt_plain = [u.group not in STRUCTURAL for u in target]
        self._src_head = [u.group == HEADING for u in source]
        self._tgt_head = [u.group == HEADING for u in target]
        self._src_len = [u.length for u in source]
        self._tgt_len = [u.length for u in target]
        fi_coverage, en_coverage = self.finnish_words, self.english_words
        self._src_coverage = fi_coverage if source_is_finnish else en_coverage
        self._tgt_coverage = en_coverage if source_is_finnish else fi_coverage

    # --- one direction of word evidence -------------------------------------------------

    def covered(self, source_side: bool, k: int, others: Sequence[int]) -> float:
        """Word evidence that block k (of the source if `source_side`) is translated within
        the other side's blocks `others`."""
        key = (source_side, k, tuple(others))
        found = self._side_memo.get(key)
        if found is None:
            finnish = source_side == self.source_is_finnish
            coverage = self.finnish_words if finnish else self.english_words
            found = self._side_memo[key] = coverage.llr(k, others)
        return found

    def new_words(
        self, source_side: bool, k: int, link: tuple[Sequence[int], Sequence[int]]
    ) -> int:
        """How many words of a link's other side block k (of the source if `source_side`)
        translates that the link's own blocks on k's side do not."""
        mine, theirs = (link[0], link[1]) if source_side else (link[1], link[0])
        finnish = source_side != self.source_is_finnish  # the other side's words' language
        coverage = self.finnish_words if finnish else self.english_words
        count = 0
        for other in theirs:
            before = coverage.mask(other, mine)
            count += (coverage.mask(other, (k,)) & ~before).bit_count()
        return count

    # --- the terms, each over the blocks of a link (ascending indices) -------------------

    def words(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        forward = sum(self.covered(True, i, tgt) for i in src)
        backward = sum(self.covered(False, j, src) for j in tgt)
        return WORD_WEIGHT * (forward + backward)

    def structure(self, src: Sequence[int], tgt: Sequence[int]) -> float | None:
        """The evidence of a link with a structural block, or None when it has none."""
        units_s = [self.source[i] for i in src]
        units_t = [self.target[j] for j in tgt]
        if not any(u.group in STRUCTURAL for u in units_s) and not any(
            u.group in STRUCTURAL for u in units_t
        ):
            return None
        if len(units_s) != 1 or len(units_t) != 1 or units_s[0].group != units_t[0].group:
            return MISMATCH
        a, b = units_s[0], units_t[0]
        if a.group == CODE:
            from rapidfuzz.fuzz import ratio

            return CODE_SLOPE * (ratio(a.code, b.code) / 100.0 - CODE_EVEN)
        if a.group == IMAGE:
            return IMAGE_SAME if a.keys & b.keys else IMAGE_OTHER
        if a.group == SEPARATOR:
            return SEPARATOR_PAIR
        if a.group == FRONT_MATTER:
            return FRONT_MATTER_PAIR
        return None  # a table: compared like prose

    def facts(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        keys_s = self.source[src[0]].keys if len(src) == 1 else _union(self.source, src)
        keys_t = self.target[tgt[0]].keys if len(tgt) == 1 else _union(self.target, tgt)
        if not keys_s and not keys_t:
            return 0.0
        shared = len(keys_s & keys_t)
        # Only a number, date, time or e-mail one side lacks counts against a link: English
        # capitalises words Finnish does not, and a translator drops or adds a link.
        lone = sum(1 for key in keys_s ^ keys_t if key[:2] in _COUNTED_ALONE)
        return SHARED_FACT * min(shared, MAX_SHARED) + LONE_FACT * min(lone, MAX_LONE)

    def length(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        ls = sum(self.source[i].length for i in src)
        lt = sum(self.target[j].length for j in tgt)
        if not ls and not lt:
            return 0.0
        mean = (ls + lt / self.ratio) / 2.0
        squared = (lt - ls * self.ratio) ** 2 / (max(mean, 1.0) * self.variance)
        return max(LENGTH_FLOOR, _LENGTH_TOP - _LENGTH_SHRINK * squared)

    def kinds(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        heads_s = sum(self.source[i].group == HEADING for i in src)
        heads_t = sum(self.target[j].group == HEADING for j in tgt)
        if not heads_s and not heads_t:
            return 0.0
        if heads_s != len(src) or heads_t != len(tgt):
            return HEADING_MISMATCH
        return HEADING_PAIR if len(src) == 1 and len(tgt) == 1 else 0.0

    def parts(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        total = 0.0
        if len(src) > 1:
            for i in src:
                if self.covered(True, i, tgt) < PART_ENOUGH:
                    total += UNJUSTIFIED_PART
        if len(tgt) > 1:
            for j in tgt:
                if self.covered(False, j, src) < PART_ENOUGH:
                    total += UNJUSTIFIED_PART
        return total

    def identical(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        if len(src) == 1 and len(tgt) == 1:
            a, b = self.source[src[0]], self.target[tgt[0]]
            if b.same_language and a.words and a.words == b.words:
                return IDENTICAL
        return 0.0

    # --- the sum --------------------------------------------------------------------------

    def evidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The log-likelihood ratio of a bead source[i0:i1] ↔ target[j0:j1]: `evidence_of`
        for contiguous blocks, the search's question, answered without building sequences
        when no structural block is in it (the same sum, term for term)."""
        key = (i0, i1, j0, j1)
        found = self._memo.get(key)
        if found is not None:
            return found
        src_plain, tgt_plain = self._src_plain, self._tgt_plain
        if not all(src_plain[i0:i1]) or not all(tgt_plain[j0:j1]):
            found = self._memo[key] = self.evidence_of(range(i0, i1), range(j0, j1))
            return found
        span = self._span
        forward = 0.0
        for i in range(i0, i1):
            forward += span(True, i, j0, j1)
        backward = 0.0
        for j in range(j0, j1):
            backward += span(False, j, i0, i1)
        total = WORD_WEIGHT * (forward + backward)
        one = i1 - i0 == 1 and j1 - j0 == 1
        if one:
            keys_s, keys_t = self.source[i0].keys, self.target[j0].keys
        else:
            keys_s = _union(self.source, range(i0, i1))
            keys_t = _union(self.target, range(j0, j1))
        if keys_s or keys_t:
            shared = len(keys_s & keys_t)
            lone = sum(1 for k in keys_s ^ keys_t if k[:2] in _COUNTED_ALONE)
            total += SHARED_FACT * min(shared, MAX_SHARED) + LONE_FACT * min(lone, MAX_LONE)
        ls = sum(self._src_len[i0:i1])
        lt = sum(self._tgt_len[j0:j1])
        if ls or lt:
            ratio = self.ratio
            mean = (ls + lt / ratio) / 2.0
            squared = (lt - ls * ratio) ** 2 / (max(mean, 1.0) * self.variance)
            total += max(LENGTH_FLOOR, _LENGTH_TOP - _LENGTH_SHRINK * squared)
        heads_s = sum(self._src_head[i0:i1])
        heads_t = sum(self._tgt_head[j0:j1])
        if heads_s or heads_t:
            if heads_s != i1 - i0 or heads_t != j1 - j0:
                total += HEADING_MISMATCH
            elif one:
                total += HEADING_PAIR
        if one:
            total += self.identical((i0,), (j0,))
        else:
            if i1 - i0 > 1:
                for i in range(i0, i1):
                    if span(True, i, j0, j1) < PART_ENOUGH:
                        total += UNJUSTIFIED_PART
            if j1 - j0 > 1:
                for j in range(j0, j1):
                    if span(False, j, i0, i1) < PART_ENOUGH:
                        total += UNJUSTIFIED_PART
        self._memo[key] = total
        return total

    def _span(self, source_side: bool, k: int, start: int, stop: int) -> float:
        """`covered` of block k against the other side's blocks start:stop."""
        key = (source_side, k, start, stop)
        found = self._span_memo.get(key)
        if found is None:
            coverage = self._src_coverage if source_side else self._tgt_coverage
            found = self._span_memo[key] = coverage.llr(k, range(start, stop))
        return found

    def evidence_of(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        """The log-likelihood ratio of a link of any blocks of each side (a split around
        inserted material holds blocks that are not contiguous)."""
        structural = self.structure(src, tgt)
        if structural is not None:
            return structural
        total = self.words(src, tgt) + self.facts(src, tgt)
        total += self.length(src, tgt) + self.kinds(src, tgt)
        if len(src) > 1 or len(tgt) > 1:
            total += self.parts(src, tgt)
        else:
            total += self.identical(src, tgt)
        return total

    def reasons(self, src: Sequence[int], tgt: Sequence[int]) -> tuple[str, ...]:
        """Each term that counts, as a short phrase, strongest first."""
        structural = self.structure(src, tgt)
        if structural is not None:
            return (f"structure {structural:+.1f}",)
        terms = [
            ("words", self.words(src, tgt)),
            ("facts", self.facts(src, tgt)),
            ("length", self.length(src, tgt)),
            ("kinds", self.kinds(src, tgt)),
            ("parts", self.parts(src, tgt) if len(src) > 1 or len(tgt) > 1 else 0.0),
            ("identical", self.identical(src, tgt)),
        ]
        return tuple(
            f"{name} {value:+.1f}"
            for name, value in sorted(terms, key=lambda t: -abs(t[1]))
            if abs(value) >= 0.05
        )


_NONE: frozenset[str] = frozenset()
_COUNTED_ALONE = frozenset({"n:", "d:", "t:", "e:"})


def _windows(n: int, m: int, width: int) -> list[tuple[int, int]]:
    """For each of n blocks, the other side's blocks within `width` of the diagonal."""
    out = []
    for i in range(n):
        centre = round(i * m / n) if n else 0
        out.append((max(0, centre - width), min(m - 1, centre + width)))
    return out


def _union(units: Sequence[Unit], indices: Sequence[int]) -> frozenset[str]:
    return _NONE.union(*(units[k].keys for k in indices))
