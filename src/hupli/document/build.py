"""Decoded text → a `Document`: normalise, segment, detect, then each block's evidence.

The stages are imported where they are used (see `hupli.document`).
"""

from __future__ import annotations

from dataclasses import replace

from hupli.model import Decoded, Document, ReadError
from hupli.settings import MAX_BLOCKS, Settings


def build_document(decoded: Decoded, settings: Settings) -> Document:
    """Normalise, segment and detect the language of decoded text; raises `ReadError` for
    a document of more than `MAX_BLOCKS` blocks."""
    from hupli.document.detect import detect_document, detect_many
    from hupli.document.normalise import normalise
    from hupli.document.segment import segment

    normalised = normalise(decoded.text, settings.disabled_rules, decoded.markup)
    blocks = segment(normalised.text, decoded.markup)
    if len(blocks) > MAX_BLOCKS:
        # Checked before detection and evidence, which cost most of building a document.
        raise ReadError(
            decoded.path,
            f"{len(blocks):,} blocks, over the limit of {MAX_BLOCKS:,} for one page",
            "split it into several pages",
        )
    texts = [b.text for b in blocks]
    guesses = detect_many(texts, settings.languages, settings.seed)
    blocks = tuple(
        replace(block, language=guess.language)
        for block, guess in zip(blocks, guesses, strict=True)
    )
    language = detect_document(texts, settings.languages, settings.seed, guesses)
    from hupli.evidence import block_features, extract

    # Numbers are read by the conventions of the document's language (a Finnish "1,5" is
    # one and a half); an undetermined document is read as the original's language.
    anchors_language = language.language
    if anchors_language not in settings.languages:
        anchors_language = settings.source_language
    return Document(
        path=decoded.path,
        text=normalised.text,
        blocks=blocks,
        language=language.language,
        encoding=decoded.encoding,
        newline=decoded.newline,
        markup=decoded.markup,
        rules_applied=normalised.rules,
        anchors=tuple(extract(b.text, anchors_language) for b in blocks),
        anchors_language=anchors_language,
        features=tuple(block_features(b) for b in blocks),
    )
