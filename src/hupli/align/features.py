"""What the aligner knows of each block: its evidence, in one small record per block.

>>> from hupli.document import document_from_text
>>> doc = document_from_text("Hei maailma. Toinen lause 9.4.2020.\\n", "fi.txt")
>>> from hupli.evidence.names import NameMatcher
>>> (e,) = block_evidence(doc.blocks, doc.anchors, NameMatcher([], []).source_ids, "fi")
>>> e.length, e.sentences, sorted(e.keys)
(35, 2, ['d:2020-04-09'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from hupli.evidence import block_features, lexicon
from hupli.model import PARAGRAPH, SEPARATOR, Anchors, Block


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


_NONE: frozenset[str] = frozenset()


def block_evidence(
    blocks: Sequence[Block],
    anchors: Sequence[Anchors],
    name_ids: Callable[[Sequence[str]], frozenset[str]],
    source_language: str,
    lexical: str = "",
    features: Sequence[tuple[tuple[int, ...], str]] | None = None,
) -> list[BlockEvidence]:
    """Per-block evidence; `lexical` is "fi" or "en" for the lexical keys, "" for none."""
    table = lexicon.table() if lexical else {}
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
