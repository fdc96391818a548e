"""Two documents → links between their blocks, each with its evidence and confidence.

units (what the aligner knows of each block) → cost (the evidence of a bead) → search
(the cheapest path) → learn (the pair's own words and length ratio; search again) →
repair (moved blocks, splits around inserted material) → confidence (how sure each link
is). The checks (`hupli.align.checks`) then turn the links into findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from hupli.align.confidence import UNCERTAIN, gap_score, link_score
from hupli.align.cost import Model
from hupli.align.learn import learn_ratio, learn_words, sure_links
from hupli.align.repair import Draft, repair
from hupli.align.search import DIAGONAL_SURE, Narrow, Path, search
from hupli.align.sentences import Sentences, read_sentences
from hupli.align.units import Unit, make_units
from hupli.evidence import extract
from hupli.evidence import lexicon as dictionary
from hupli.evidence.names import NameMatcher
from hupli.model import MOVED, OK, Anchors, Document, Link
from hupli.settings import Settings

# The pair's own ratio replaces the default when it differs by more than this share.
RATIO_CHANGE = 0.05
# Pairs with more cells than this note word hits only within WINDOW blocks of the diagonal
# (widened when the search needs more): the work then grows with the pages' length.
WINDOW_CELLS = 40_000
WINDOW = 64


class RawAlignment:
    """Links before checks, and what the checks read to explain them."""

    def __init__(
        self,
        links: tuple[Link, ...],
        model: Model,
        source: Document,
        target: Document,
        anchors: tuple[tuple[Anchors, ...], tuple[Anchors, ...]],
        matcher: NameMatcher,
        settings: Settings,
    ) -> None:
        self.links = links
        self.model = model
        self.source_anchors, self.target_anchors = anchors
        self._documents = (source, target)
        self._matcher = matcher
        self._settings = settings
        self._sentences: tuple[Model, Sentences, Sentences] | None = None

    def sentence_model(self, positions: frozenset[int]) -> tuple[Model, Sentences, Sentences]:
        """The pair's sentences and a cost model over them (`hupli.align.sentences`), made
        when a check first asks: most links never need them. Only the sentences of the
        links at POSITIONS (the same on every call) are ever scored: the model notes word
        hits for those alone (every sentence still counts for a word's chance)."""
        if self._sentences is None:
            self._sentences = self._sentence_model(positions)
        return self._sentences

    def _sentence_model(self, positions: frozenset[int]) -> tuple[Model, Sentences, Sentences]:
        source, target = self._documents
        settings = self._settings
        src = read_sentences(
            source.blocks,
            self.model.source,
            settings.source_language,
            self._matcher.source_ids,
            settings.source_language,
        )
        tgt = read_sentences(
            target.blocks,
            self.model.target,
            settings.target_language,
            self._matcher.target_ids,
            settings.source_language,
        )
        model = build_model(
            src.units,
            tgt.units,
            settings,
            self.model.ratio,
            self.model.learned,
            windows=_sentence_windows(self.links, src, tgt, positions),
        )
        return model, src, tgt


def _sentence_windows(
    links: Sequence[Link], source: Sentences, target: Sentences, positions: frozenset[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Per sentence of the links at POSITIONS, the other side's sentences it is ever
    compared with: those of its block's link and of the links either side (a sentence
    moved into the next paragraph). Other sentences are compared with none."""
    out: tuple[list[tuple[int, int]], list[tuple[int, int]]] = (
        [(0, -1)] * len(source.sentences),
        [(0, -1)] * len(target.sentences),
    )
    sides = (source, target)
    for position in sorted(positions):
        link = links[position]
        near = links[max(0, position - 1) : position + 2]
        for side in (0, 1):
            other = sides[1 - side]
            theirs = [
                k
                for around in near
                for block in (around.target if side == 0 else around.source)
                for k in other.of_block.get(block, ())
            ]
            if not theirs:
                continue
            span = (min(theirs), max(theirs))
            for block in link.source if side == 0 else link.target:
                for k in sides[side].of_block.get(block, ()):
                    out[side][k] = span
    return out


def _identity_keys(word: str) -> frozenset[str]:
    return frozenset((dictionary.IDENTITY_MARK + word[: dictionary.IDENTITY],))


def _never(_word: str) -> bool:
    return False


def _anchors(document: Document, language: str) -> tuple[Anchors, ...]:
    if document.anchors_language == language and len(document.anchors) == len(document.blocks):
        return document.anchors
    return tuple(extract(block.text, language) for block in document.blocks)


def _words(document: Document, language: str) -> list[tuple[str, ...]]:
    if document.anchors_language == language and len(document.features) == len(document.blocks):
        return [tuple(words.split()) for words in document.features]
    from hupli.evidence import block_features

    return [tuple(block_features(block, language).split()) for block in document.blocks]


def build_model(
    source: Sequence[Unit],
    target: Sequence[Unit],
    settings: Settings,
    ratio: float | None = None,
    learned: dict[str, frozenset[str]] | None = None,
    window: int = 0,
    windows: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] | None = None,
) -> Model:
    """The cost model of a pair: the dictionary between Finnish and English, and the words
    both write alike for any other pair of languages."""
    languages = (settings.source_language, settings.target_language)
    lexical = languages in (("fi", "en"), ("en", "fi"))
    return Model(
        source,
        target,
        finnish_keys=dictionary.finnish_evidence_keys if lexical else _identity_keys,
        english_keys=dictionary.english_evidence_keys if lexical else _identity_keys,
        known=dictionary.known if lexical else _never,
        source_is_finnish=languages[0] == "fi" or not lexical,
        ratio=ratio if ratio is not None else settings.length_ratio,
        variance=settings.length_variance,
        learned=learned,
        window=window,
        windows=windows,
    )


def align_blocks(source: Document, target: Document, settings: Settings) -> RawAlignment:
    """Link the blocks of an original with those of its translation."""
    src_anchors = _anchors(source, settings.source_language)
    tgt_anchors = _anchors(target, settings.target_language)
    matcher = NameMatcher(
        [name for a in src_anchors for name in a.names],
        [name for a in tgt_anchors for name in a.names],
    )
    src_units = make_units(
        source.blocks,
        _words(source, settings.source_language),
        src_anchors,
        matcher.source_ids,
        settings.source_language,
    )
    tgt_units = make_units(
        target.blocks,
        _words(target, settings.target_language),
        tgt_anchors,
        matcher.target_ids,
        settings.source_language,
    )
    moves = {
        (int(name.split("-")[0]), int(name.split("-")[1])): cost
        for name, cost in settings.move_costs
    }
    n, m = len(src_units), len(tgt_units)
    window = WINDOW if n * m > WINDOW_CELLS and not settings.band else 0
    while True:
        model = build_model(src_units, tgt_units, settings, window=window)
        try:
            path = search(model, moves, settings.band)
        except Narrow as wider:
            window = 2 * wider.width
            continue
        break
    model, path = _realign(model, path, moves, settings)
    texts = ([b.text for b in source.blocks], [b.text for b in target.blocks])
    drafts = repair(model, path, texts)
    links = _links(model, path, drafts, moves)
    return RawAlignment(
        tuple(links), model, source, target, (src_anchors, tgt_anchors), matcher, settings
    )


def _realign(
    model: Model, path: Path, moves: dict[tuple[int, int], float], settings: Settings
) -> tuple[Model, Path]:
    """Learn the pair's words and length ratio from its sure links; align again if they
    change anything. A path of sure links only, one to one, has nothing left to learn
    that could change it."""
    if all(
        len(s) == 1
        and len(t) == 1
        and model.evidence(s.start, s.stop, t.start, t.stop) >= DIAGONAL_SURE
        for s, t in path
    ):
        return model, path
    pairs = sure_links(path, model.evidence, model.source, model.target)
    lexical = model.source_is_finnish
    finnish, english = (model.source, model.target) if lexical else (model.target, model.source)
    oriented = pairs if lexical else [(j, i) for i, j in pairs]
    if (settings.source_language, settings.target_language) in (("fi", "en"), ("en", "fi")):
        learned = learn_words(
            oriented, finnish, english, dictionary.known, dictionary.english_evidence_keys
        )
    else:
        learned = {}
    ratio = learn_ratio(pairs, model.source, model.target, model.ratio)
    if not learned and abs(ratio - model.ratio) <= RATIO_CHANGE * model.ratio:
        return model, path
    relearned = build_model(model.source, model.target, settings, ratio, learned, model.window)
    return relearned, search(relearned, moves, settings.band, near=path)


def _links(
    model: Model, path: Path, drafts: list[Draft], moves: dict[tuple[int, int], float]
) -> list[Link]:
    position_of = {(tuple(s), tuple(t)): position for position, (s, t) in enumerate(path) if s or t}
    links: list[Link] = []
    for draft in drafts:
        source, target = tuple(draft.source), tuple(draft.target)
        if draft.linked:
            evidence = model.evidence_of(source, target)
            score = link_score(evidence)
            reasons = model.reasons(source, target)
            if draft.attached:
                reasons += (
                    "with "
                    + ", ".join(f"{side} block {k + 1}" for side, k in draft.attached)
                    + ", whose words its other side translates",
                )
            status = MOVED if draft.moved else OK
            if draft.moved:
                reasons += ("moved: its translation stands elsewhere on the page",)
            elif score < UNCERTAIN:
                reasons += ("uncertain: too little evidence either way",)
            cost = moves.get((len(source), len(target)), 0.0) - evidence
        else:
            position = position_of.get((source, target))
            if position is None:  # left over when its counterpart moved away
                score, how = 1.0, "nothing it could be linked with"
            else:
                score, how = gap_score(model, moves, path, position)
            side = "translation" if source else "original"
            reasons = (f"no {side} block fits: the best alternative, {how}",)
            status = OK
            cost = moves[(1, 0)] if source else moves[(0, 1)]
        links.append(
            Link(
                source=source,
                target=target,
                score=score,
                reasons=reasons,
                status=status,
                cost=round(cost, 4),
            )
        )
    return links
