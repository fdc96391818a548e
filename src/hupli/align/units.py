"""What the aligner knows of each block: one small record per block.

A unit holds what the cost model compares across languages: the block's *group* (prose,
heading, code, image, separator, front matter, table: structural groups link only with
their own), its prose length, its content words, and its *keys*, the facts both
languages write alike: numbers, dates, times, e-mail addresses, names (as ids shared
with their inflected forms on the other side), link targets, image files and the
identifiers a page sets as code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from hupli.evidence.code import shape
from hupli.evidence.targets import image_key, target_key
from hupli.model import (
    CAPTION,
    CODE,
    FRONT_MATTER,
    HEADING,
    HTML,
    IMAGE,
    LINK,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    SEPARATOR,
    TABLE,
    Anchors,
    Block,
)

PROSE = "prose"
GROUPS: dict[str, str] = {
    PARAGRAPH: PROSE,
    LIST_ITEM: PROSE,
    QUOTE: PROSE,
    CAPTION: PROSE,
    LINK: PROSE,
    HTML: PROSE,
    HEADING: HEADING,
    TABLE: TABLE,
    IMAGE: IMAGE,
    CODE: CODE,
    SEPARATOR: SEPARATOR,
    FRONT_MATTER: FRONT_MATTER,
}
# Groups that link only one to one and only with their own group.
STRUCTURAL = frozenset({CODE, IMAGE, SEPARATOR, FRONT_MATTER, TABLE})


class Unit(NamedTuple):
    """What the aligner knows of one block (a named tuple: one is made for every block of
    every pair aligned)."""

    kind: str
    group: str
    length: int  # characters of text a reader reads (0 for code, images, separators)
    words: tuple[str, ...]  # content words, lower case, in order
    keys: frozenset[str]  # facts both languages share (see the module docstring)
    code: str  # a code block's shape (hupli.evidence.code.shape)
    same_language: bool  # written in the original's language


_NONE: frozenset[str] = frozenset()


def make_units(
    blocks: Sequence[Block],
    words: Sequence[tuple[str, ...]],
    anchors: Sequence[Anchors],
    name_ids: Callable[[Sequence[str]], frozenset[str]],
    source_language: str,
) -> list[Unit]:
    """One unit per block; `words` and `anchors` are the document stage's, per block."""
    units = []
    for block, content, found in zip(blocks, words, anchors, strict=True):
        group = GROUPS.get(block.kind, PROSE)
        if group == CODE:
            units.append(
                Unit(block.kind, group, 0, (), _NONE, shape(block.text, block.info), False)
            )
            continue
        keys = set(found.keys())
        if found.names:
            keys |= name_ids(found.names)
        keys.update(target_key(url) for url in block.urls)
        keys.update(image_key(src) for src in block.images)
        keys.update(f"c:{term}" for term in block.terms)
        length = 0 if group in (IMAGE, SEPARATOR) else len(block.text)
        units.append(
            Unit(
                kind=block.kind,
                group=group,
                length=length,
                words=content if group not in (IMAGE, SEPARATOR) else (),
                keys=frozenset(keys),
                code="",
                same_language=block.language == source_language,
            )
        )
    return units
