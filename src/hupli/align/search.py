"""Align the blocks of an original with the blocks of its translation.

Dynamic programming over beads (by default moves 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2) whose
cost adds up independent evidence, each term a -log probability in spirit:

* the move's prior (`Settings.move_costs`);
* length, Gale–Church style: English length is `ratio × Finnish length` with a variance
  proportional to the length (ratio and variance estimated on WMT16 fi→en);
* sentence counts: a professional translation keeps the number of sentences nearly
  always, so a merge that swallows an omitted paragraph shows up as extra sentences;
* anchors both languages share (numbers, dates, times, URLs, e-mails, names) and anchors
  only one side has;
* block kinds: a heading links with a heading, a separator with a separator;
* identical text, when the translation left a block in the original's language;
* words (Finnish → English only): how many of the Finnish side's words that a small
  translation table knows have a translation on the English side, against chance.

Omissions are the point of hupli. A length-only aligner folds an untranslated paragraph
into a neighbouring 2-1 bead because the length of the merge is still plausible; here a
merge must also be justified part by part: a part that brings sentences, anchors or
length the target does not have makes the merge cost more than an omission.

Long documents are aligned in two passes so the work grows linearly: a cheap pass with
1-1/1-0/0-1 moves in a band around the diagonal (widened until the path stays clear of
its edges), then the full model in a narrow corridor around that path, its confident
links pinned. Shorter ones are searched exhaustively, but a bead is costed only if lower
bounds of its cost (cheap arithmetic on lengths and counts) do not already show that it
cannot win its cell, which finds exactly the path costing every bead would. Before that,
a pair with as many blocks on both sides tries the diagonal as the first pass: if the
corridor search around it finds the diagonal itself, that is the alignment (a shortcut
taken on evidence, not proof: see `_diagonal_path`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from hupli.evidence import extract
from hupli.evidence.names import NameMatcher
from hupli.model import HEADING, LINK, PARAGRAPH, SEPARATOR, Anchors, Block, Link
from hupli.settings import Settings

_SENTENCE_END = re.compile(r"(?<=[^\d\s.][.!?…])[\"”’)]*\s+(?=[\"“”«(]?[A-ZÅÄÖ0-9])")
_ABBREV_END = re.compile(
    r"\b(?:vs|esim|ym|mm|ns|ks|ts|jne|klo|n|s|puh|prof|tri|dr|mr|mrs|ms|st|etc|e\.g|i\.e|no|nro|p)\.$",
    re.IGNORECASE,
)

# Extra cost when two blocks of different kinds are linked. Missing pairs cost
# `_KIND_DEFAULT`; separators only ever link with separators.
_KIND_DEFAULT = 1.0
_KIND_COSTS: dict[tuple[str, str], float] = {
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
_SEPARATOR_MISMATCH = 12.0
_KIND_PAIRS = {**{(b, a): cost for (a, b), cost in _KIND_COSTS.items()}, **_KIND_COSTS}
# A bead whose cost before anchors passes this can never beat leaving its blocks unlinked
# (at most six gaps of 4.5, less the largest anchor and identical-text bonuses), so its
# anchors need not be looked at: pruning here changes no result.
_PRUNE = 40.0  # (raised below by the largest lexical bonus)

SHARED_ANCHOR_BONUS = 1.5  # per shared anchor, up to MAX_SHARED
MAX_SHARED = 4
UNMATCHED_ANCHOR_COST = 0.6  # per anchor only one side has, up to MAX_UNMATCHED
MAX_UNMATCHED = 6
SENTENCE_MISMATCH_COST = 3.0  # per sentence of difference
UNJUSTIFIED_PART_COST = 2.0  # per part of a merge/split with anchors none of which match
IDENTICAL_TEXT_BONUS = 4.0

PROFILE_WEIGHT = 0.5  # weight of sentence-length agreement; 0 uses total length only
_CHANCE_SIGMA = 4.0  # spread of Gale–Church deltas between sentences that are not translations
_LOG_CHANCE_SIGMA = math.log(_CHANCE_SIGMA)
_HALF_SHRINK = 0.5 * (1.0 - 1.0 / _CHANCE_SIGMA**2)

# Lexical evidence. src/hupli/data/fi_en_lexicon.tsv maps Finnish word stems to English
# ones; bench/build_lexicon.py learns it from GNOME help's Finnish translation (never from
# the WMT16 benchmark data). A stem is a lowercased word's first five letters on both sides.
# Of a bead's n distinct Finnish stems that the table knows, k have a translation among the
# English side's stems; k is binomial with rate _LEX_TRUE for translations and _LEX_CHANCE
# for unrelated text (measured by build_lexicon.py on held-out GNOME entries: 0.68 and
# 0.12), and the bead's cost falls by LEXICAL_WEIGHT × the log-likelihood ratio, clipped to
# ±LEXICAL_CAP. News is far from GNOME help, and neighbouring paragraphs share words, so
# the ratio overstates the evidence; LEXICAL_WEIGHT, tuned on bench seeds 1 and 2, shrinks
# it. 0 turns the term off.
LEXICAL_WEIGHT = 0.5
LEXICAL_CAP = 6.0
_LEX_TRUE = 0.68
_LEX_CHANCE = 0.12
_LEX_HIT = math.log(_LEX_TRUE / _LEX_CHANCE)
_LEX_MISS = math.log((1.0 - _LEX_TRUE) / (1.0 - _LEX_CHANCE))
_STEM = 5
_WORD = re.compile(r"[^\W\d_]+")
_LEXICON_FILE = Path(__file__).parents[1] / "data" / "fi_en_lexicon.tsv"
_PRUNE += LEXICAL_WEIGHT * LEXICAL_CAP


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """Finnish stem → English stems, read once."""
    table: dict[str, set[str]] = {}
    try:
        text = _LEXICON_FILE.read_text(encoding="utf-8")
    except OSError:  # not shipped: the term is simply absent
        return {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            fi, en, _ = line.split("\t")
            table.setdefault(fi, set()).add(en)
    return {fi: frozenset(en) for fi, en in table.items()}


def _stems(text: str) -> set[str]:
    return {word[:_STEM] for word in _WORD.findall(text.lower())}


def _lexical_llr(hits: int, known: int) -> float:
    """Clipped log-likelihood ratio, translation vs chance, of `hits` out of `known`."""
    llr = hits * _LEX_HIT + (known - hits) * _LEX_MISS
    return max(-LEXICAL_CAP, min(LEXICAL_CAP, llr))


# Lower bounds of bead costs are lowered by this much, so that float rounding in the
# exact cost (a handful of additions of terms below 1,000) can never make one unsound.
_ROUNDING = 1e-6
# The least a 1-1 link of two blocks that are not separators gets for their kinds.
_KIND_MIN = min(
    _KIND_DEFAULT, *(cost for pair, cost in _KIND_PAIRS.items() if SEPARATOR not in pair)
)
_PROFILE_FLOOR = PROFILE_WEIGHT * _LOG_CHANCE_SIGMA  # the least a sentence pair can add

_FULL_DP_CELLS = 1_000  # below this, align exhaustively: the two passes would not pay
_CORRIDOR = 3


def sentence_lengths(text: str) -> tuple[int, ...]:
    """Lengths of a block's sentences: punctuation then a capital, not after an abbreviation."""
    if not text:
        return ()
    lengths = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # Only the few characters before the stop matter; slicing the whole prefix made
        # this quadratic in the length of the block.
        before = text[max(0, match.start() - 16) : match.start()]
        if not _ABBREV_END.search(before.rstrip('"”’)')):
            lengths.append(match.start() - start)
            start = match.end()
    lengths.append(len(text) - start)
    return tuple(lengths)


def count_sentences(text: str) -> int:
    """Sentences in a block (see `sentence_lengths`)."""
    return len(sentence_lengths(text))


class BlockEvidence(NamedTuple):
    """What the aligner knows of one block (a named tuple: one is made for every block of
    every pair aligned, and a frozen dataclass took twice as long to build)."""

    length: int
    sentences: int
    profile: tuple[int, ...]  # sentence lengths, in order
    kind: str
    keys: frozenset[str]  # anchors as typed keys, names as shared ids
    soft: frozenset[str]  # numbers written as words: they excuse, never count as shared
    text: str
    same_language: bool  # written in the original's language
    # Lexical keys: for a Finnish block the English stems its words translate to, for an
    # English block its own stems; `known` counts the Finnish stems the table knows.
    lex: frozenset[str] = frozenset()
    known: int = 0


def block_features(block: Block) -> tuple[tuple[int, ...], str]:
    """What the aligner reads from one block's text alone: its sentence lengths and its
    distinct word stems, sorted and joined by spaces. The document stage stores them (and
    the cache keeps them), so a pair of long documents is not tokenised again for every
    alignment. One string rather than a set of strings: a loaded corpus keeps these for
    every block, and as sets they took half its memory (270 MB at 10,000 pages)."""
    return _text_features(block.text, block.kind == SEPARATOR)


# Memoised like `anchors.extract`, for the same reason: boilerplate blocks ("Lue
# lisää", contact details, a campaign's standard paragraph) recur across a site's pages.
@functools.lru_cache(maxsize=8192)
def _text_features(text: str, separator: bool) -> tuple[tuple[int, ...], str]:
    stems = "" if separator else " ".join(sorted(_stems(text)))
    return sentence_lengths(text), stems


_NONE: frozenset[str] = frozenset()


def _evidence(
    blocks: Sequence[Block],
    anchors: Sequence[Anchors],
    name_ids: Callable[[Sequence[str]], frozenset[str]],
    source_language: str,
    lexical: str = "",
    features: Sequence[tuple[tuple[int, ...], str]] | None = None,
) -> list[BlockEvidence]:
    """Per-block evidence; `lexical` is "fi" or "en" for the lexical keys, "" for none."""
    table = _lexicon() if lexical else {}
    if features is None or len(features) != len(blocks):
        features = [block_features(block) for block in blocks]
    out = []
    for block, found, (profile, stem_text) in zip(blocks, anchors, features, strict=True):
        stems = stem_text.split()
        lex = _NONE
        known = 0
        if lexical and block.kind != SEPARATOR:
            # A translation's block left in Finnish gets its words' translations too, so it
            # matches its original instead of looking like unrelated English.
            if lexical == "en" and block.language != source_language:
                lex = frozenset(stems)
            else:
                translations = [table[stem] for stem in stems if stem in table]
                known = len(translations)
                lex = _NONE.union(*translations)
        keys = found.keys()
        if found.names:
            keys |= name_ids(found.names)
        if block.urls:
            keys |= {f"u:{url.lower().rstrip('/')}" for url in block.urls}
        soft = _NONE
        if found.number_words:
            soft = frozenset(f"n:{value}" for value in found.number_words)
        out.append(
            BlockEvidence(
                length=len(block.text),
                sentences=len(profile) if block.kind == PARAGRAPH else 1,
                profile=profile if block.kind == PARAGRAPH else (len(block.text),),
                kind=block.kind,
                keys=keys,
                soft=soft,
                text=block.text,
                same_language=block.language == source_language,
                lex=lex,
                known=known,
            )
        )
    return out


def _length_cost(source: int, target: int, ratio: float, variance: float) -> float:
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
class _Bead:
    i0: int
    i1: int
    j0: int
    j1: int
    cost: float


# What `_dp` knows of the cost of a link from its source span alone (`_Model.link_terms`):
# a lower bound of the cost whatever the target span; whether the span has no separator,
# so that the counts that follow bound the cost; its sentences, length, summed sentence
# lengths and anchors (at most MAX_SHARED); the move's cost plus the least the kinds can
# cost; the most the words can take off, plus _ROUNDING; whether it is a 1-1 link, which
# identical text could lower.
_LinkTerms = tuple[float, bool, int, int, int, int, float, float, bool]


_Parts = tuple[frozenset[str], ...]  # the anchors of each block of a span

# What bounds a link's cost from its target span: its length, sentences, summed sentence
# lengths and anchors, whether it has no separator, and whether its first block is in the
# original's language.
_TargetSpan = tuple[int, int, int, int, bool, bool]


class _Model:
    """Bead costs for one document pair; every term is explained by `reasons`."""

    def __init__(
        self, source: list[BlockEvidence], target: list[BlockEvidence], settings: Settings
    ) -> None:
        self.source = source
        self.target = target
        self.ratio = settings.length_ratio
        self.variance = settings.length_variance
        self.moves = {
            tuple(int(part) for part in name.split("-")): cost for name, cost in settings.move_costs
        }
        self._one = self.moves[(1, 1)]
        self.src_len = _prefix([e.length for e in source])
        self.tgt_len = _prefix([e.length for e in target])
        # Sets of spans of blocks, by start * 8 + size (`_span_keys`, `_span_lex`).
        self._src_spans: dict[int, tuple[frozenset[str], frozenset[str], _Parts]] = {}
        self._tgt_spans: dict[int, tuple[frozenset[str], frozenset[str], _Parts]] = {}
        self._lex_spans: dict[int, tuple[frozenset[str], int]] = {}
        self._lex_tgt_spans: dict[int, tuple[frozenset[str], int]] = {}
        # Evidence already computed, by (i0, i1, j0, j1): the DP finds that of every link
        # on the path, and the links, their reasons and confidences ask again.
        self._found: dict[tuple[int, int, int, int], float] = {}
        self.lexical = LEXICAL_WEIGHT != 0 and any(e.known for e in source)
        self.src_seps = _prefix([e.kind == SEPARATOR for e in source])
        self.tgt_seps = _prefix([e.kind == SEPARATOR for e in target])
        self.src_heads = _prefix([e.kind == HEADING for e in source])
        self.tgt_heads = _prefix([e.kind == HEADING for e in target])
        self.src_sent = _prefix([e.sentences for e in source])
        self.tgt_sent = _prefix([e.sentences for e in target])
        # For the DP's bounds: a span has at most as many distinct anchors as its blocks
        # have together; its Finnish side knows as many words; the summed lengths of its
        # sentences.
        self.src_keys = _prefix([len(e.keys) for e in source])
        self.tgt_keys = _prefix([len(e.keys) for e in target])
        self.src_known = _prefix([e.known for e in source])
        self.src_prof = _prefix([sum(e.profile) for e in source])
        self.tgt_prof = _prefix([sum(e.profile) for e in target])
        # Every block's sentence lengths in one list: a span's are a slice, by `src_sent`.
        self.src_profile = [x for e in source for x in e.profile]
        self.tgt_profile = [x for e in target for x in e.profile]
        self.any_same_language = any(e.same_language for e in target)
        self._target_spans: dict[int, list[_TargetSpan]] = {}
        self._source_spans: dict[int, tuple[bool, int, int, int, int, float]] = {}

    def words_bound(self, known: int) -> float:
        """The most the lexical term can take off a bead whose Finnish side knows `known`
        words: all of them translated."""
        if not self.lexical or not known:
            return 0.0
        return LEXICAL_WEIGHT * min(LEXICAL_CAP, known * _LEX_HIT)

    # --- lower bounds, for the DP -------------------------------------------------------
    # All of a bead's evidence but the anchors, words and identical text is cheap
    # arithmetic (kinds, length, sentences), and those three can only take a bounded
    # amount off. Bounds are lowered by `_ROUNDING` so that float rounding in the exact
    # cost can never make one unsound. They assume the weights and caps of the terms are
    # not negative.

    def link_terms(self, i0: int, i1: int, dj: int) -> _LinkTerms:
        """What bounds the cost of a link of source[i0:i1] with dj target blocks before
        the target is known: see `_LinkTerms`."""
        span = self._source_spans.get(i0 * 8 + i1 - i0)
        if span is None:
            known = self.src_known[i1] - self.src_known[i0]
            span = self._source_spans[i0 * 8 + i1 - i0] = (
                self.src_seps[i1] == self.src_seps[i0],
                self.src_sent[i1] - self.src_sent[i0],
                self.src_len[i1] - self.src_len[i0],
                self.src_prof[i1] - self.src_prof[i0],
                min(self.src_keys[i1] - self.src_keys[i0], MAX_SHARED),
                self.words_bound(known) + _ROUNDING,
            )
        counted, sentences, length, profile, keys, words = span
        one = i1 - i0 == 1 and dj == 1
        move = self.moves[(i1 - i0, dj)]
        fixed = move + _KIND_MIN if one else move
        identical = one and self.any_same_language
        if counted:
            # Each sentence pair adds at least -_PROFILE_FLOOR, a length term never less
            # than 0.
            bound = fixed - _PROFILE_FLOOR * sentences - SHARED_ANCHOR_BONUS * keys - words
            if identical:
                bound -= IDENTICAL_TEXT_BONUS
        elif one:  # a separator, linked with one (-3) or with anything else (12)
            bound = move + _KIND_COSTS[(SEPARATOR, SEPARATOR)] - _ROUNDING
        else:  # a separator merged with other blocks
            bound = move + _SEPARATOR_MISMATCH - _ROUNDING
        return bound, counted, sentences, length, profile, keys, fixed, words, identical

    def target_spans(self, size: int) -> list[_TargetSpan]:
        """`_TargetSpan` of target[j0:j0 + size], by j0."""
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
        found = self._found.get((i0, i1, j0, j1))
        if found is not None:  # asked before: a link pinned, or the search rerun
            return move + found
        if self.src_seps[i1] != self.src_seps[i0] or self.tgt_seps[j1] != self.tgt_seps[j0]:
            return move + self.evidence(i0, i1, j0, j1)  # a constant, found at once
        limit -= move
        known = self.src_known[i1] - self.src_known[i0]
        if one:
            terms = (*self._one_anchors(i0, j0), 0)
            rest = self.words_bound(known)
            if self.target[j0].same_language:
                rest += IDENTICAL_TEXT_BONUS
        else:
            terms = self._anchor_terms(i0, i1, j0, j1)
            rest = self.words_bound(known)
        shared, unmatched, unjustified = terms
        slack = (
            UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
            + UNJUSTIFIED_PART_COST * unjustified
            - SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
            - rest
            - _ROUNDING
        )
        if floor - move + slack >= limit:
            return math.inf
        if one:
            base, final = self._one_base(i0, j0)
        else:
            base, final = self._span_base(i0, i1, j0, j1)
        if not final:
            if base + slack >= limit:
                return math.inf
            if one:
                base = self._one_rest(base, i0, j0, limit, terms[:2])
            else:
                base = self._span_rest(base, i0, i1, j0, j1, limit, terms)
            if base == math.inf:
                return base
        self._found[(i0, i1, j0, j1)] = base
        return move + base

    # --- evidence terms ---------------------------------------------------------------

    def _kind_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        if i1 - i0 == 1 and j1 - j0 == 1:  # the common case, kept cheap
            a, b = self.source[i0].kind, self.target[j0].kind
            if a == SEPARATOR or b == SEPARATOR:
                return _KIND_COSTS[(SEPARATOR, SEPARATOR)] if a == b else _SEPARATOR_MISMATCH
            return _KIND_PAIRS.get((a, b), _KIND_DEFAULT)
        if self.src_seps[i1] - self.src_seps[i0] or self.tgt_seps[j1] - self.tgt_seps[j0]:
            return _SEPARATOR_MISMATCH
        cost = _KIND_PAIRS.get((self.source[i0].kind, self.target[j0].kind), _KIND_DEFAULT)
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

    def _anchor_terms(self, i0: int, i1: int, j0: int, j1: int) -> tuple[int, int, int]:
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
        cost = self._found.get(key)
        if cost is None:
            if i1 - i0 == 1 and j1 - j0 == 1:
                cost = self._evidence_one(i0, j0)
            else:
                cost, final = self._span_base(i0, i1, j0, j1)
                if not final:
                    cost = self._span_rest(cost, i0, i1, j0, j1)
            self._found[key] = cost
        return cost

    # `evidence` is computed in two steps so that the DP can stop after the first: the base
    # (kinds, length, sentences) is cheap arithmetic, the rest (anchors, words, identical
    # text) set operations, the last two of which can only lower the cost by a bounded
    # amount. The rest continues from the base's running total, so splitting it changes
    # no bit of the result.

    def _span_base(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, bool]:
        """Base of `evidence` for a bead other than 1-1, and whether it is the whole of it."""
        kind = self._kind_cost(i0, i1, j0, j1)
        if kind >= _SEPARATOR_MISMATCH:
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
                cost += _length_cost(ls, lt, self.ratio, self.variance)
                cost += SENTENCE_MISMATCH_COST * abs(ns - nt)
            if cost > _PRUNE:
                return cost, True
        return cost, False

    def _span_rest(
        self,
        cost: float,
        i0: int,
        i1: int,
        j0: int,
        j1: int,
        limit: float = math.inf,
        terms: tuple[int, int, int] | None = None,
    ) -> float:
        """`evidence` of a bead other than 1-1 from its base `cost` (and `_anchor_terms`,
        if known); `math.inf` once the words could no longer bring it below `limit`."""
        if terms is None:
            terms = self._anchor_terms(i0, i1, j0, j1)
        shared, unmatched, unjustified = terms
        cost -= SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
        cost += UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
        cost += UNJUSTIFIED_PART_COST * unjustified
        if cost - self.words_bound(self.src_known[i1] - self.src_known[i0]) - _ROUNDING >= limit:
            return math.inf
        if self.lexical:
            hits, known = self._lexical(i0, i1, j0, j1)
            if known:
                cost -= LEXICAL_WEIGHT * _lexical_llr(hits, known)
        return cost

    def _evidence_one(self, i: int, j: int) -> float:
        """`evidence` for a 1-1 bead, the DP's most frequent question, without slicing."""
        cost, final = self._one_base(i, j)
        return cost if final else self._one_rest(cost, i, j)

    def _one_base(self, i: int, j: int) -> tuple[float, bool]:
        """Base of `_evidence_one`, and whether it is the whole of it."""
        s, t = self.source[i], self.target[j]
        a, b = s.kind, t.kind
        if a == SEPARATOR or b == SEPARATOR:
            return (_KIND_COSTS[(SEPARATOR, SEPARATOR)] if a == b else _SEPARATOR_MISMATCH), True
        cost = _KIND_PAIRS.get((a, b), _KIND_DEFAULT)
        if s.sentences == t.sentences and PROFILE_WEIGHT:
            cost += PROFILE_WEIGHT * self._profile_cost(i, i + 1, j, j + 1)
        else:
            cost += _length_cost(s.length, t.length, self.ratio, self.variance)
            cost += SENTENCE_MISMATCH_COST * abs(s.sentences - t.sentences)
        return cost, cost > _PRUNE

    def _one_anchors(self, i: int, j: int) -> tuple[int, int]:
        """(shared, unmatched) anchors of a 1-1 bead."""
        s, t = self.source[i], self.target[j]
        ks, kt = s.keys, t.keys
        if not ks and not kt:
            return 0, 0
        return len(ks & kt), len(ks - kt - t.soft) + len(kt - ks - s.soft)

    def _one_rest(
        self,
        cost: float,
        i: int,
        j: int,
        limit: float = math.inf,
        anchors: tuple[int, int] | None = None,
    ) -> float:
        """`_evidence_one` from its base `cost` (and `_one_anchors`, if known);
        `math.inf` once the words and identical text could no longer bring it below
        `limit`."""
        s, t = self.source[i], self.target[j]
        if s.keys or t.keys:
            shared, unmatched = anchors or self._one_anchors(i, j)
            cost -= SHARED_ANCHOR_BONUS * min(shared, MAX_SHARED)
            cost += UNMATCHED_ANCHOR_COST * min(unmatched, MAX_UNMATCHED)
        identical = IDENTICAL_TEXT_BONUS if t.same_language else 0.0
        if cost - self.words_bound(s.known) - identical - _ROUNDING >= limit:
            return math.inf
        if s.known and self.lexical:
            hits = min(len(s.lex & t.lex), s.known)
            cost -= LEXICAL_WEIGHT * _lexical_llr(hits, s.known)
        if t.same_language:
            if cost - identical - _ROUNDING >= limit:
                return math.inf
            cost -= IDENTICAL_TEXT_BONUS * _similarity(s.text, t.text)
        return cost

    def _profile_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """-log likelihood ratio of the sentence lengths under "translation" vs "chance".

        With as many sentences on both sides, each sentence pair's Gale–Church delta is
        normal with unit variance if they translate each other, and far wider
        (`_CHANCE_SIGMA`) if not. Agreeing sentence lengths are thus positive evidence,
        which total length alone can never be.
        """
        left = self.src_profile[self.src_sent[i0] : self.src_sent[i1]]
        right = self.tgt_profile[self.tgt_sent[j0] : self.tgt_sent[j1]]
        ratio, variance = self.ratio, self.variance
        total = 0.0
        for a, b in zip(left, right, strict=True):
            mean = (a + b / ratio) / 2.0
            delta2 = (b - a * ratio) ** 2 / (max(mean, 1.0) * variance)
            total += delta2 * _HALF_SHRINK - _LOG_CHANCE_SIGMA
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
            out.append(f"text {round(100 * _similarity(src[0].text, tgt[0].text))}% identical")
        return tuple(out)


def _show_key(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0


def _prefix(values: Sequence[int]) -> list[int]:
    out = [0]
    for value in values:
        out.append(out[-1] + value)
    return out


def _dp(
    model: _Model,
    n: int,
    m: int,
    ranges: list[tuple[int, int]],
    moves: Sequence[tuple[int, int]],
) -> list[_Bead]:
    """Least-cost path from (0, 0) to (n, m) through cells allowed by `ranges`.

    `ranges[i]` is the inclusive range of target positions allowed at source position i.
    Ties go to the move first in `moves`, so the result is deterministic.

    Most links cannot win their cell, and computing their evidence was nearly all the
    time alignment took. So a link is first held against the best bead found for its
    cell so far (gaps, which are cheap, come first) through lower bounds of its cost,
    each dearer and closer than the last: from its source span alone
    (`_Model.link_terms`, the same for the whole row); adding the target span's counts
    and lengths (below); then its exact anchor terms, its base and the rest of its
    evidence term by term (`_Model.cost_below`). A bead is skipped only if it could not
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
        # it out, its index, the start of its source span, the rest of its `_LinkTerms`
        # and the `_TargetSpan`s it can take.
        gaps: list[tuple[int, int, list[float], int, int, float]] = []
        links: list[tuple[int, list[float], int, int, float, tuple[Any, ...]]] = []
        for index, (di, dj) in enumerate(moves):
            if di > i:
                continue
            prev_row, (plo, phi) = (rows[i - di], ranges[i - di]) if di else (row, (lo, hi))
            if di and dj:
                bound, *terms = model.link_terms(i - di, i, dj)
                span = (index, i - di, *terms, model.target_spans(dj))
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
                                squares * _HALF_SHRINK - _LOG_CHANCE_SIGMA * ns
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
    beads: list[_Bead] = []
    i, j = n, m
    if rows[n][m - ranges[n][0]] == inf:
        raise RuntimeError("alignment band excluded every path")  # a bug, not bad input
    while i > 0 or j > 0:
        index = back[i][j - ranges[i][0]]
        di, dj = moves[index]
        beads.append(_Bead(i - di, i, j - dj, j, 0.0))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _coarse_path(model: _Model, n: int, m: int, band: list[tuple[int, int]]) -> list[_Bead]:
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
                    cost = -3.0 if s_sep and t.kind == SEPARATOR else _SEPARATOR_MISMATCH
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
    beads: list[_Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        move = back[i][j - band[i][0]]
        di, dj = ((1, 0), (0, 1), (1, 1))[move - 1]
        beads.append(_Bead(i - di, i, j - dj, j, 0.0))
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


def _corridor(n: int, m: int, beads: list[_Bead], width: int) -> list[tuple[int, int]]:
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


def _pin_confident_links(model: _Model, beads: list[_Bead], ranges: list[tuple[int, int]]) -> None:
    one = [b.i1 - b.i0 == 1 and b.j1 - b.j0 == 1 for b in beads]
    for k in range(1, len(beads) - 1):
        if one[k - 1] and one[k] and one[k + 1]:
            bead = beads[k]
            if model.evidence(bead.i0, bead.i1, bead.j0, bead.j1) <= _CONFIDENT:
                ranges[bead.i1] = (bead.j1, bead.j1)


# Whether a document pair with as many blocks on both sides first tries the diagonal
# (`_diagonal_path`). The tests turn it off to compare with the exhaustive search.
_DIAGONAL_FIRST = True


def _diagonal_path(model: _Model, n: int, moves: Sequence[tuple[int, int]]) -> list[_Bead] | None:
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
    diagonal = [_Bead(k, k + 1, k, k + 1, 0.0) for k in range(n)]
    ranges = _corridor(n, n, diagonal, _CORRIDOR)
    _pin_confident_links(model, diagonal, ranges)
    if ranges == [(0, n)] * (n + 1):
        return None  # nothing narrowed: the search is the exhaustive one
    beads = _dp(model, n, n, ranges, moves)
    if all(bead.i1 - bead.i0 == 1 and bead.j1 - bead.j0 == 1 for bead in beads):
        return beads
    return None


def _touches_edge(beads: list[_Bead], ranges: list[tuple[int, int]], m: int) -> bool:
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


def _confidence(evidence: float) -> float:
    # Evidence costs near 0 are an ordinary good link; shared anchors push it below 0.
    return round(1.0 / (1.0 + math.exp(evidence - 2.5)), 3)


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
    src_ev = _evidence(
        source,
        src_anchors,
        matcher.source_ids,
        settings.source_language,
        "fi" if lexical else "",
        source_features,
    )
    tgt_ev = _evidence(
        target,
        tgt_anchors,
        matcher.target_ids,
        settings.source_language,
        "en" if lexical else "",
        target_features,
    )
    model = _Model(src_ev, tgt_ev, settings)
    n, m = len(source), len(target)
    moves = sorted(model.moves, key=lambda move: (move[0] + move[1], move))
    beads: list[_Bead] | None = None
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

    links = []
    for position, bead in enumerate(beads):
        src_ids = tuple(range(bead.i0, bead.i1))
        tgt_ids = tuple(range(bead.j0, bead.j1))
        if src_ids and tgt_ids:
            evidence = model.evidence(bead.i0, bead.i1, bead.j0, bead.j1)
            bead_cost = model.moves[(len(src_ids), len(tgt_ids))] + evidence  # = model.cost
            score = _confidence(evidence)
            reasons = model.reasons(bead.i0, bead.i1, bead.j0, bead.j1)
        else:
            bead_cost = model.cost(bead.i0, bead.i1, bead.j0, bead.j1)
            score, reasons = _gap_confidence(model, beads, position)
        links.append(
            Link(
                source=src_ids,
                target=tgt_ids,
                score=score,
                reasons=reasons,
                cost=round(bead_cost, 4),
            )
        )
    return RawAlignment(
        links=tuple(links),
        source_evidence=tuple(src_ev),
        target_evidence=tuple(tgt_ev),
        source_anchors=tuple(src_anchors),
        target_anchors=tuple(tgt_anchors),
    )


def _gap_confidence(
    model: _Model, beads: list[_Bead], position: int
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
