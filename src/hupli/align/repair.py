"""Beyond a monotone path: moved blocks, and splits around inserted material.

The search links blocks in order. Real translations are not always in order:

* a paragraph *moved* elsewhere shows up as a block missing in one place and a block
  added in another. When the two translate each other (`MOVED_EVIDENCE`, the best match
  of both), they are one link, with status ``moved``;
* a translator who splits a paragraph around new material (an English paragraph, then a
  code example the original lacks, then the rest of the paragraph) leaves a part that no
  contiguous bead can reach. A block left out joins a nearby link when the link's other
  side translates its words (`ATTACH_OWN`; `ATTACH_NEXT` when it is next to the link, as
  the search weighed that merge already), or when that makes the link's evidence
  stronger by `ATTACH_GAIN`;
* a fragment of a sentence cut off by a code block or an image ("Rivillä" before the
  code it introduces) has too few words to be evidence of anything: it joins the prose
  link next to it rather than be reported missing.

Links may therefore hold blocks that are not contiguous, and links are no longer in
order on both sides; each block is still in exactly one link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from hupli.align.cost import Model
from hupli.align.units import HEADING, PROSE

MOVED_EVIDENCE = 4.0
ATTACH_GAIN = 2.0
ATTACH_PART = 1.0  # the least the attached block's own words must be translated there
ATTACH_OWN = 3.0  # … and this much makes it a part whatever the link gains
ATTACH_NEXT = 10.0  # … when it is next to the link (the search weighed that merge already)
DETACH_GAIN = 4.0
ATTACH_NEW_WORDS = 1
ATTACH_WINDOW = 3  # links either side of a block left out that it may join (`_nearby_links`)
FRAGMENT_WORDS = 2  # a block with at most this many content words and no full stop
_SENTENCE_END = tuple(".!?…:;")


@dataclass
class Draft:
    """A link being repaired."""

    source: list[int]
    target: list[int]
    moved: bool = False
    attached: list[tuple[str, int]] = field(default_factory=list)  # ("source"|"target", index)

    @property
    def linked(self) -> bool:
        return bool(self.source and self.target)


def repair(
    model: Model, path: list[tuple[range, range]], texts: tuple[list[str], list[str]]
) -> list[Draft]:
    """The path's beads, with stray parts detached, moved blocks linked and parts of splits
    attached."""
    drafts = _detach([Draft(list(s), list(t)) for s, t in path], model)
    _link_moved(model, drafts)
    _attach(model, drafts, texts)
    kept = [d for d in drafts if d.source or d.target]
    kept.sort(key=lambda d: d.source[0] if d.source else _target_position(kept, d))
    return kept


def _target_position(drafts: list[Draft], draft: Draft) -> float:
    """Where an added block goes in the original's order: after the link before it."""
    before = -1.0
    for other in drafts:
        if other.target and other.source and max(other.target) < draft.target[0]:
            before = max(before, max(other.source) + 0.5)
    return before


def _detach(drafts: list[Draft], model: Model) -> list[Draft]:
    """A block that the search took into a merge or split but that brings no words of its
    own (`DETACH_GAIN`: the link's evidence is that much stronger without it) stands alone:
    a foreign paragraph between the halves of a split is an addition, not a part."""
    out: list[Draft] = []
    for draft in drafts:
        if not draft.linked or (len(draft.source) == 1 and len(draft.target) == 1):
            out.append(draft)
            continue
        before = model.evidence_of(draft.source, draft.target)
        loose: list[Draft] = []
        for side in ("source", "target"):
            blocks = getattr(draft, side)
            if len(blocks) < 3:
                continue  # only a middle block: the ends are the search's own choice
            middle = blocks[1:-1]
            for k in middle:
                rest = [b for b in blocks if b != k]
                src, tgt = (rest, draft.target) if side == "source" else (draft.source, rest)
                if model.evidence_of(src, tgt) - before >= DETACH_GAIN:
                    setattr(draft, side, rest)
                    before = model.evidence_of(draft.source, draft.target)
                    loose.append(Draft([k], []) if side == "source" else Draft([], [k]))
        out.append(draft)
        out.extend(loose)
    return out


def _link_moved(model: Model, drafts: list[Draft]) -> None:
    missing = [d for d in drafts if d.source and not d.target and len(d.source) == 1]
    added = [d for d in drafts if d.target and not d.source and len(d.target) == 1]
    movable = (PROSE, HEADING)
    found = []
    for a in missing:
        i = a.source[0]
        if model.source[i].group not in movable:
            continue
        for b in added:
            j = b.target[0]
            if model.target[j].group not in movable:
                continue
            evidence = model.evidence(i, i + 1, j, j + 1)
            if evidence >= MOVED_EVIDENCE:
                found.append((-evidence, i, j, a, b))
    found.sort(key=lambda item: item[:3])
    used: set[int] = set()
    for _, _, _, a, b in found:
        if id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        a.target = b.target
        a.moved = True
        b.target = []


def _nearby_links(drafts: list[Draft], position: int) -> list[tuple[int, int]]:
    """The `ATTACH_WINDOW` links either side of the draft at POSITION, as (step, position):
    step ±1 is the nearest link. Blocks left out between them (the code example a
    translator set between the halves of a paragraph) are not counted."""
    found = []
    for direction in (-1, 1):
        step, at = 0, position + direction
        while step < ATTACH_WINDOW and 0 <= at < len(drafts):
            if drafts[at].linked:
                step += 1
                found.append((direction * step, at))
            at += direction
    return found


def _attach(model: Model, drafts: list[Draft], texts: tuple[list[str], list[str]]) -> None:
    for position, draft in enumerate(drafts):
        if draft.linked or not (draft.source or draft.target):
            continue
        on_source = bool(draft.source)
        (k,) = draft.source if on_source else draft.target
        unit = (model.source if on_source else model.target)[k]
        if unit.group != PROSE:
            continue
        text = (texts[0] if on_source else texts[1])[k]
        fragment = len(unit.words) <= FRAGMENT_WORDS and not text.rstrip().endswith(_SENTENCE_END)
        best: tuple[float, int] | None = None
        for step, other_at in _nearby_links(drafts, position):
            other = drafts[other_at]
            if other.moved:
                continue
            if any(model.source[i].group != PROSE for i in other.source) or any(
                model.target[j].group != PROSE for j in other.target
            ):
                continue
            mine = other.source if on_source else other.target
            adjacent = k + 1 == min(mine) or k - 1 == max(mine)
            if fragment and abs(other_at - position) == 1:
                # A fragment joins the prose next to it, the one that follows first.
                gain = ATTACH_GAIN + (0.5 if step > 0 else 0.0)
            else:
                own = model.covered(on_source, k, other.target if on_source else other.source)
                # Next to the link, the search weighed the merge already: only words the
                # link clearly translates overrule it (a longer span weakens every word).
                if own < (ATTACH_NEXT if adjacent else ATTACH_PART):
                    continue
                # A part of the link's translation brings words of the other side that the
                # link's blocks leave untranslated; a paragraph on the same subject does not.
                link = (other.source, other.target)
                if model.new_words(on_source, k, link) < ATTACH_NEW_WORDS:
                    continue
                before = model.evidence_of(other.source, other.target)
                if on_source:
                    after = model.evidence_of(sorted([*other.source, k]), other.target)
                else:
                    after = model.evidence_of(other.source, sorted([*other.target, k]))
                # A short part brings few words, and a longer span weakens every word the
                # link already had: a part that the link's other side clearly translates
                # joins it whatever its gain.
                gain = max(after - before, ATTACH_GAIN if own >= ATTACH_OWN else -math.inf)
            if gain >= ATTACH_GAIN and (best is None or gain > best[0]):
                best = (gain, other_at)
        if best is None:
            continue
        other = drafts[best[1]]
        if on_source:
            other.source = sorted([*other.source, k])
            other.attached.append(("source", k))
            draft.source = []
        else:
            other.target = sorted([*other.target, k])
            other.attached.append(("target", k))
            draft.target = []
