"""A file → a `Document`: read, normalise, segment, detect, then each block's evidence.

The stages are imported where they are used: a run whose results are all in the cache
never pays for compiling their regular expressions or loading language profiles.

>>> doc = document_from_text("# Otsikko\\n\\nKaupunki avasi kirjaston 9.4.2020.\\n", "fi.md")
>>> [(b.kind, b.text, b.language) for b in doc.blocks]
[('heading', 'Otsikko', 'und'), ('paragraph', 'Kaupunki avasi kirjaston 9.4.2020.', 'fi')]
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from hupli.model import Decoded, Document
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache


def build_document(decoded: Decoded, settings: Settings) -> Document:
    """Normalise, segment and detect the language of decoded text."""
    from hupli.document.detect import detect_document, detect_many
    from hupli.document.normalise import normalise
    from hupli.document.segment import segment

    normalised = normalise(decoded.text, settings.disabled_rules, decoded.markup)
    blocks = segment(normalised.text, decoded.markup)
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


def load_document(
    path: str | os.PathLike[str], settings: Settings | None = None, cache: Cache | None = None
) -> Document:
    """Read, normalise, segment and detect one file; from the cache when its bytes were seen."""
    from hupli.document.read import decode_bytes, read_bytes

    settings = settings or Settings()
    name = os.fspath(path)
    data = read_bytes(name)
    if cache is None or not cache.enabled:
        return build_document(decode_bytes(data, name), settings)
    # The suffix is part of the key: it decides whether a file is read as Markdown.
    key = cache.key("document", data, os.path.splitext(name)[1].lower(), settings.signature)
    document = cache.get(key)
    if isinstance(document, Document):
        return replace(document, path=name)
    document = build_document(decode_bytes(data, name), settings)
    cache.put(key, document)
    return document


def document_from_text(
    text: str, path: str = "<text>", settings: Settings | None = None, markup: str | None = None
) -> Document:
    from hupli.document.read import decode_bytes, looks_like_markdown

    decoded = decode_bytes(text.encode("utf-8"), path)
    if markup is None:
        markup = "markdown" if looks_like_markdown(text) else "text"
    return build_document(replace(decoded, markup=markup), settings or Settings())
