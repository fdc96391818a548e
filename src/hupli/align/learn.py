"""What a pair teaches about itself: words the dictionary lacks, and its length ratio.

A page about notes says "muistiinpano" in every other paragraph, and the dictionary does
not know it. After a first alignment, the links the evidence is sure of (`SURE`) pair
such words with the English words that stand beside them every time: a Finnish word
unknown to the dictionary and an English word that occur in the same sure links at least
`MIN_TIMES` times, with a Dice coefficient of at least `MIN_DICE`, are taken as a
translation, and the pair is aligned again (as hunalign's realign does).

The same sure links give the pair's own length ratio, English characters per Finnish
one: a translator who writes tersely, or a page translated from English into Finnish,
is measured against itself, not against news.

Both are deterministic: the same pair always teaches the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from statistics import median

from hupli.align.units import PROSE, Unit

SURE = 8.0
MIN_TIMES = 2
MIN_DICE = 0.7
MIN_LINKS = 10  # fewer sure links than this teach nothing worth a second alignment
MIN_CHARACTERS = 40  # links shorter than this say little about length
RATIO_RANGE = (0.6, 1.7)


def sure_links(
    links: Sequence[tuple[range, range]],
    evidence: Callable[[int, int, int, int], float],
    source: Sequence[Unit],
    target: Sequence[Unit],
) -> list[tuple[int, int]]:
    """The 1-1 prose links whose evidence is beyond doubt."""
    out = []
    for s, t in links:
        if len(s) == 1 and len(t) == 1:
            i, j = s.start, t.start
            prose = source[i].group == PROSE and target[j].group == PROSE
            if prose and evidence(i, i + 1, j, j + 1) >= SURE:
                out.append((i, j))
    return out


def learn_words(
    pairs: Sequence[tuple[int, int]],
    finnish: Sequence[Unit],
    english: Sequence[Unit],
    known: Callable[[str], bool],
    english_key: Callable[[str], frozenset[str]],
    source_is_finnish: bool = True,
) -> dict[str, frozenset[str]]:
    """Finnish words the dictionary lacks → the English keys sure links pair them with."""
    if len(pairs) < MIN_LINKS:
        return {}
    fi_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for i, j in pairs:
        fi_unit, en_unit = (
            (finnish[i], english[j]) if source_is_finnish else (finnish[j], english[i])
        )
        fi_words = {w for w in fi_unit.words if not known(w)}
        en_words = {k for w in en_unit.words for k in english_key(w)}
        fi_count.update(fi_words)
        en_count.update(en_words)
        both.update((f, e) for f in fi_words for e in en_words)
    learned: dict[str, set[str]] = {}
    for (f, e), times in sorted(both.items()):
        if times < MIN_TIMES:
            continue
        if 2 * times / (fi_count[f] + en_count[e]) >= MIN_DICE:
            learned.setdefault(f, set()).add(e)
    return {f: frozenset(keys) for f, keys in learned.items()}


def learn_ratio(
    pairs: Sequence[tuple[int, int]], source: Sequence[Unit], target: Sequence[Unit], default: float
) -> float:
    """The pair's own length ratio (target characters per source one), or `default`."""
    ratios = [
        target[j].length / source[i].length
        for i, j in pairs
        if source[i].length >= MIN_CHARACTERS and target[j].length >= MIN_CHARACTERS
    ]
    if len(ratios) < MIN_LINKS:
        return default
    low, high = RATIO_RANGE
    return round(min(high, max(low, median(ratios))), 3)
