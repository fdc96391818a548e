"""The document stage: a file's bytes → a `Document` of blocks.

read (decode, keeping encoding and newlines) → normalise (named rules to a fixed point) →
segment (blocks) → detect (language per block and document); build strings them together
and adds what each block carries for the later stages (`hupli.evidence`). `load_document`
is the stage's entry: a file's document, from the cache when its bytes were seen.

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

from hupli.model import Document
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache


def load_document(
    path: str | os.PathLike[str], settings: Settings | None = None, cache: Cache | None = None
) -> Document:
    """Read, normalise, segment and detect one file; from the cache when its bytes were seen."""
    from hupli.document.read import read_bytes

    settings = settings or Settings()
    name = os.fspath(path)
    data = read_bytes(name)
    if cache is None or not cache.enabled:
        return _build(data, name, settings)
    # The suffix is part of the key: it decides whether a file is read as Markdown.
    key = cache.key("document", data, os.path.splitext(name)[1].lower(), settings.signature)
    document = cache.get(key)
    if isinstance(document, Document):
        return replace(document, path=name)
    document = _build(data, name, settings)
    cache.put(key, document)
    return document


def _build(data: bytes, name: str, settings: Settings) -> Document:
    from hupli.document.build import build_document
    from hupli.document.read import decode_bytes

    return build_document(decode_bytes(data, name), settings)


def document_from_text(
    text: str, path: str = "<text>", settings: Settings | None = None, markup: str | None = None
) -> Document:
    """The document of TEXT, as if read from a file at PATH (Markdown when it looks so)."""
    from hupli.document.build import build_document
    from hupli.document.read import decode_bytes, looks_like_markdown

    decoded = decode_bytes(text.encode("utf-8"), path)
    if markup is None:
        markup = "markdown" if looks_like_markdown(text) else "text"
    return build_document(replace(decoded, markup=markup), settings or Settings())
