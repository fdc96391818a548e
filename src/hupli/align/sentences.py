"""Inside a link: a sentence of one side that the other side does not translate.

Translators rarely drop a whole paragraph; they often drop a sentence (a date, a
condition, a caveat) or add one of their own. The sentences of every linked pair of
prose blocks are aligned with each other, by the same evidence and search the blocks are
(`hupli.align.cost`, `hupli.align.search`), over a model of all the pair's sentences, so a
word's chance of turning up in an unrelated sentence is measured on the whole page. A
sentence left out of that alignment is reported when

* it has at least `MIN_WORDS` words (a short sentence says too little to tell a free
  translation from an omission);
* the other side of its link as a whole does not translate it either
  (`STRAY_EVIDENCE`): its words are not merely spread over two sentences there;
* the neighbouring links do not translate it (a sentence moved into the next paragraph
  has not gone);
* what its link keeps without the sentences reported has evidence of at least
  `REST_EVIDENCE`: a link that is itself in doubt is no ground for saying a sentence is
  missing from it. (It was the whole link's evidence, which the stray sentence itself
  weakens: a short paragraph with a sentence of its own added fell below it.)

The thresholds were chosen on the alignment benchmark's development documents (WMT16 dev
split, seeds 0 and 1, sentences dropped from and added to paragraphs: precision 0.90 at
recall 0.74 there; with the gate on what the link keeps, dev seed 0 went from precision
0.842 at recall 0.769 to 0.848 at 0.808, seed 1 from 0.896/0.779 to 0.897/0.787);
`make bench` prints the figures on the test split.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hupli.align.cost import Model
from hupli.align.units import PROSE, Unit
from hupli.evidence import extract
from hupli.evidence.lexicon import content_words
from hupli.model import Block
from hupli.text import split_sentences

MIN_WORDS = 6
STRAY_EVIDENCE = -0.5
REST_EVIDENCE = -2.4
NEARBY_EVIDENCE = 2.0  # a neighbouring passage that translates the sentence this well has it
_MOVES: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 0): 3.0,
    (0, 1): 3.0,
    (2, 1): 1.5,
    (1, 2): 1.5,
}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block: where it is in the block's text."""

    block: int
    start: int  # character offsets in the block's text
    end: int
    text: str


def sentences_of(block: int, text: str) -> list[Sentence]:
    """The block's sentences with their offsets."""
    out = []
    offset = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, offset)
        if start < 0:  # split_sentences keeps every character but surrounding space
            start = offset
        offset = start + len(sentence)
        out.append(Sentence(block, start, offset, sentence))
    return out


@dataclass(frozen=True)
class Sentences:
    """One side's sentences (of its prose blocks), and which belong to which block."""

    sentences: tuple[Sentence, ...]
    units: tuple[Unit, ...]
    of_block: dict[int, tuple[int, ...]]


def read_sentences(
    blocks: Sequence[Block],
    units: Sequence[Unit],
    language: str,
    name_ids: Callable[[Sequence[str]], frozenset[str]],
    source_language: str,
) -> Sentences:
    """The sentences of a document's prose blocks, as units the cost model compares."""
    sentences: list[Sentence] = []
    sentence_units: list[Unit] = []
    of_block: dict[int, tuple[int, ...]] = {}
    for block, unit in zip(blocks, units, strict=True):
        if unit.group != PROSE or not unit.words:
            continue
        mine = []
        for sentence in sentences_of(block.index, block.text):
            found = extract(sentence.text, language)
            keys = set(found.keys())
            if found.names:
                keys |= name_ids(found.names)
            mine.append(len(sentences))
            sentences.append(sentence)
            sentence_units.append(
                Unit(
                    kind=block.kind,
                    group=PROSE,
                    length=len(sentence.text),
                    words=tuple(content_words(sentence.text, language)),
                    keys=frozenset(keys),
                    code="",
                    same_language=block.language == source_language,
                )
            )
        of_block[block.index] = tuple(mine)
    return Sentences(tuple(sentences), tuple(sentence_units), of_block)


def may_stray(source: Sequence[str], target: Sequence[str]) -> bool:
    """Whether a link of these texts can have a sentence one side lacks: not when both
    sides have as many sentences (a sentence dropped and another added in its place is a
    free rendering to a reader, and aligning every link's sentences is what a corpus run
    would spend most of its time on)."""
    count = sum(_count(text) for text in source)
    return count != sum(_count(text) for text in target)


@functools.lru_cache(maxsize=8192)
def _count(text: str) -> int:
    return len(split_sentences(text))


@dataclass(frozen=True)
class Stray:
    """A sentence of one side of a link that the other side does not translate."""

    on_source: bool
    sentence: Sentence
    evidence: float


def strays(
    model: Model,
    source: Sentences,
    target: Sentences,
    link: tuple[Sequence[int], Sequence[int]],
    neighbours: tuple[Sequence[int], Sequence[int]],
) -> list[Stray]:
    """Sentences of a link's blocks that the other side lacks; `model` is over the pair's
    sentences, `neighbours` the blocks of the links before and after, on each side."""
    src = [k for i in link[0] for k in source.of_block.get(i, ())]
    tgt = [k for j in link[1] for k in target.of_block.get(j, ())]
    if not src or not tgt or len(src) + len(tgt) < 3:
        return []
    path = _align(model, src, tgt)
    near = (
        [k for i in neighbours[0] for k in source.of_block.get(i, ())],
        [k for j in neighbours[1] for k in target.of_block.get(j, ())],
    )
    found: list[Stray] = []
    for mine, other in path:
        if mine and other:
            continue
        on_source = bool(mine)
        (k,) = mine or other
        sentence = (source if on_source else target).sentences[k]
        if len(sentence.text.split()) < MIN_WORDS:
            continue
        rest = tgt if on_source else src
        evidence = model.covered(on_source, k, rest)
        if evidence >= STRAY_EVIDENCE:
            continue
        elsewhere = near[1] if on_source else near[0]
        if elsewhere and model.covered(on_source, k, elsewhere) >= NEARBY_EVIDENCE:
            continue  # moved into a neighbouring passage
        found.append(Stray(on_source, sentence, evidence))
    if found:
        # What the link keeps without them must be a translation the evidence supports.
        strays_of = {(s.on_source, s.sentence) for s in found}
        rest_src = [k for k in src if (True, source.sentences[k]) not in strays_of]
        rest_tgt = [k for k in tgt if (False, target.sentences[k]) not in strays_of]
        if not rest_src or not rest_tgt:
            return []
        if model.evidence_of(rest_src, rest_tgt) < REST_EVIDENCE:
            return []
    return found


def _align(
    model: Model, src: Sequence[int], tgt: Sequence[int]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The cheapest path of sentence beads between two lists of sentence indices."""
    n, m = len(src), len(tgt)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, step = inf, (0, 0)
            for (di, dj), move in _MOVES.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                total = cost[pi][pj] + move
                if di and dj:
                    total -= model.evidence_of(src[pi:i], tgt[pj:j])
                if total < best:
                    best, step = total, (di, dj)
            cost[i][j] = best
            back[i][j] = step
    path = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        path.append((tuple(src[i - di : i]), tuple(tgt[j - dj : j])))
        i, j = i - di, j - dj
    path.reverse()
    return path
