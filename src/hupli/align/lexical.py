"""Word evidence: how much of one side's words the other side translates, against chance.

Each content word of a Finnish block has a set of English keys it may translate to (the
dictionary's translations of its stem, and the word itself for names and terms both
languages write alike); each English word has its own keys. For a Finnish block against a
span of English blocks, a word is a *hit* when one of its keys occurs in the span. Under
"the span translates the block" a known word hits with the rate measured on WMT16's
development documents; under "the span is other text of the same page" it hits with the
rate at which its keys occur in the page's blocks at all. Summing the log-ratio of those
two over the block's words gives a log-likelihood ratio that rewards rare shared words
and forgives common ones (a page about notes has "note" everywhere).

A word none of whose keys occurs anywhere on the other side is left out: the page
translates it with words the dictionary does not know, and it cannot tell one block from
another. The same is done the other way round, English words against the translation keys of a
Finnish span, so that a translation padded with sentences of its own scores lower.

Counting is done with bit masks: for each block, which of its words hit each block of the
other side. A span's hits are the OR of its blocks' masks, and the words are grouped by
their hit rates into a few classes, so a block's ratio against any span is a handful of
popcounts.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

# Measured on WMT16's development documents (sentence pairs), with the keys the aligner
# uses (`hupli.evidence.lexicon.finnish_evidence_keys`, `english_evidence_keys`): of a
# Finnish content word the dictionary knows, the share with a key in the aligned English
# sentence (0.663); of one it does not know, the share that appears as itself (a name, a
# term: 0.611); of an English content word, the share covered by its Finnish sentence's
# keys (0.612).
KNOWN_RATE = 0.66
IDENTITY_RATE = 0.61
REVERSE_RATE = 0.61
# Hit rates by class: words whose keys occur in at most this share of the other side's
# blocks. A class's words are scored with the class's geometric mean rate.
_CLASS_EDGES = (0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 1.0)
MAX_SPAN = 4  # weights are precomputed for spans of up to this many blocks
UNSEEN_WEIGHT = 0.5
_UNSEEN_MISS = math.log(1.0 - KNOWN_RATE)


def _class_of(rate: float) -> int:
    for number, edge in enumerate(_CLASS_EDGES):
        if rate <= edge:
            return number
    return len(_CLASS_EDGES) - 1


def _class_rate(number: int) -> float:
    low = _CLASS_EDGES[number - 1] if number else 0.004
    return math.sqrt(low * _CLASS_EDGES[number])


_CLASS_RATES = tuple(_class_rate(number) for number in range(len(_CLASS_EDGES)))


@functools.cache
def _weights(rate: float, number: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per span size (index 1 to MAX_SPAN): what a missed word and what a hit word of a
    class add, for words that hit a translation at `rate`."""
    misses = [0.0]
    hits = [0.0]
    for size in range(1, MAX_SPAN + 1):
        chance = 1.0 - (1.0 - _CLASS_RATES[number]) ** size
        true = max(rate, chance)
        miss = math.log((1.0 - true) / (1.0 - chance))
        misses.append(miss)
        hits.append(math.log(true / chance) - miss)
    return tuple(misses), tuple(hits)


class Coverage:
    """One side's words against the other side's blocks.

    `word_keys[i][k]` are the keys of word k of block i; `rates[i][k]` its rate of hitting
    a translation; `other_keys[j]` all keys of block j of the other side. `windows[i]`,
    when given, are the other side's blocks (first, last) block i can be linked with at
    all: hits are noted only there, so a long page costs time in proportion to its length,
    not to its length squared (a word's chance is still counted over the whole page).
    """

    def __init__(
        self,
        word_keys: Sequence[Sequence[frozenset[str]]],
        rates: Sequence[Sequence[float]],
        other_keys: Sequence[frozenset[str]],
        windows: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        index: dict[str, int] = {}
        for j, keys in enumerate(other_keys):
            bit = 1 << j
            for key in keys:
                index[key] = index.get(key, 0) | bit
        blocks = max(len(other_keys), 1)
        # A page repeats its words: what a word's keys find on the other side (the blocks
        # that have one, the class of its chance of doing so), by its keys.
        seen: dict[frozenset[str], tuple[int, int]] = {}
        self.hits: list[dict[int, int]] = []
        # Per block: per class of its words, the class's mask and, per span size, what a
        # missed word and what a hit word add to the log-likelihood ratio.
        self.classes: list[list[tuple[int, tuple[float, ...], tuple[float, ...]]]] = []
        self.base: list[tuple[float, ...]] = []  # per span size: every word missed
        self.unseen: list[int] = []
        for i, (keys_of_words, rates_of_words) in enumerate(zip(word_keys, rates, strict=True)):
            per_block: dict[int, int] = {}
            patterns: dict[int, int] = {}  # the window's blocks that have a word → its words
            groups: dict[tuple[float, int], int] = {}
            unseen = 0  # mask of the block's words no block of the other side has
            # The window as a shift and a narrow mask: the bits of a word's blocks are
            # walked in a number of the window's width, not of the page's (on a page of
            # repeated paragraphs every word has a bit for every block, and walking those
            # bits in a page-wide number cost time in the page's length squared).
            first, window = 0, -1
            if windows is not None:
                first, last = windows[i]
                if last < first:
                    # Never scored against anything (a sentence outside the passages
                    # the checks align): nothing to note.
                    self.hits.append({})
                    self.classes.append([])
                    self.base.append((0.0,) * (MAX_SPAN + 1))
                    self.unseen.append(0)
                    continue
                window = (1 << (last - first + 1)) - 1
            for k, keys in enumerate(keys_of_words):
                known = seen.get(keys)
                if known is None:
                    found = 0
                    for key in keys:
                        found |= index.get(key, 0)
                    # One of the blocks that have the word is, as a rule, its translation:
                    # the chance that an unrelated block has it is what the others say.
                    number = _class_of((found.bit_count() - 0.5) / (blocks + 1)) if found else -1
                    known = seen[keys] = (found, number)
                found, number = known
                if not found:
                    # None of the other side's blocks has a key of the word: either the
                    # page translates it with words the dictionary does not know, or the
                    # block is not translated at all. It counts against every link of the
                    # block alike, at `UNSEEN_WEIGHT` of a missed word.
                    unseen |= 1 << k
                    continue
                rate = rates_of_words[k]
                if _CLASS_RATES[number] >= rate:
                    continue  # on every other block of the page: a hit says nothing
                bit = 1 << k
                group = (rate, number)
                groups[group] = groups.get(group, 0) | bit
                found = (found >> first) & window
                if found:
                    patterns[found] = patterns.get(found, 0) | bit
            # Words found in the same blocks are walked together: on a page that repeats
            # its paragraphs, most words of a block are found in every block of its window.
            for found, words in patterns.items():
                while found:
                    low = found & -found
                    j = first + low.bit_length() - 1
                    per_block[j] = per_block.get(j, 0) | words
                    found ^= low
            self.hits.append(per_block)
            base = [0.0] * (MAX_SPAN + 1)
            classes = []
            for group, mask in sorted(groups.items()):
                misses, hits = _weights(*group)
                count = mask.bit_count()
                for size in range(1, MAX_SPAN + 1):
                    base[size] += count * misses[size]
                classes.append((mask, misses, hits))
            if unseen:
                missed = unseen.bit_count() * UNSEEN_WEIGHT * _UNSEEN_MISS
                for size in range(1, MAX_SPAN + 1):
                    base[size] += missed
            self.classes.append(classes)
            self.base.append(tuple(base))
            self.unseen.append(unseen)

    def mask(self, i: int, others: Sequence[int]) -> int:
        """Which words of block i the other side's blocks `others` hit."""
        per = self.hits[i]
        if len(others) == 1:
            return per.get(others[0], 0)
        found = 0
        for j in others:
            found |= per.get(j, 0)
        return found

    def score(self, i: int, hit: int, size: int) -> float:
        """Log-likelihood ratio of block i's words, given which of them a span of `size`
        blocks hits."""
        size = min(max(size, 1), MAX_SPAN)
        total = self.base[i][size]
        for mask, _misses, hits in self.classes[i]:
            found = hit & mask
            if found:
                total += found.bit_count() * hits[size]
        return total

    def score_words(self, i: int, words: int, hit: int, size: int) -> float:
        """The same for only the words of block i in the mask `words` (a sentence)."""
        size = min(max(size, 1), MAX_SPAN)
        # Within a passage, a word the other side lacks altogether is a word the passage
        # does not translate: it counts in full.
        total = (self.unseen[i] & words).bit_count() * _UNSEEN_MISS
        for mask, misses, hits in self.classes[i]:
            mine = mask & words
            if mine:
                total += mine.bit_count() * misses[size]
                found = hit & mine
                if found:
                    total += found.bit_count() * hits[size]
        return total

    def llr(self, i: int, others: Sequence[int]) -> float:
        """Log-likelihood ratio of block i's words against the other side's `others`."""
        return self.score(i, self.mask(i, others), len(others))
