"""The stages strung together: path or text → Document → Alignment.

This is the library entry point the CLI, the benchmarks and other programs use:

>>> from hupli.pipeline import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> [(link.source, link.target, link.status) for link in result.links]
[((0,), (0,), 'ok')]
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from hupli.model import Alignment, Anchors, Decoded, Document
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

# The stages are imported where they are used: a run whose results are all in the cache
# never pays for compiling their regular expressions or loading language profiles.


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


def align_documents(
    source: Document,
    target: Document,
    settings: Settings | None = None,
    cache: Cache | None = None,
) -> Alignment:
    settings = settings or Settings()
    if cache is None or not cache.enabled:
        return _align(source, target, settings)
    key = cache.key(
        "alignment",
        source.path,
        source.text,
        source.language,
        target.path,
        target.text,
        target.language,
        settings.signature,
    )
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2:
        links, findings = stored
        return Alignment(source, target, links, settings.signature, findings)
    alignment = _align(source, target, settings)
    cache.put(key, (alignment.links, alignment.findings))
    return alignment


def _anchors_in(document: Document, language: str) -> tuple[Anchors, ...] | None:
    # Reuse the document's anchors when they were read by this language's rules.
    if document.anchors_language == language and len(document.anchors) == len(document.blocks):
        return document.anchors
    return None


def _align(source: Document, target: Document, settings: Settings) -> Alignment:
    from hupli.align.checks import run_checks, target_language_findings
    from hupli.align.search import align_blocks

    raw = align_blocks(
        source.blocks,
        target.blocks,
        settings,
        _anchors_in(source, settings.source_language),
        _anchors_in(target, settings.target_language),
        source.features or None,
        target.features or None,
    )
    links = run_checks(source, target, raw, settings)
    return Alignment(
        source=source,
        target=target,
        links=links,
        signature=settings.signature,
        findings=tuple(target_language_findings(source, target, settings)),
    )


def align_paths(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    settings: Settings | None = None,
    cache: Cache | None = None,
) -> Alignment:
    settings = settings or Settings()
    return align_documents(
        load_document(source, settings, cache),
        load_document(target, settings, cache),
        settings,
        cache,
    )


def align_texts(
    source_text: str,
    target_text: str,
    settings: Settings | None = None,
    source_path: str = "original.md",
    target_path: str = "translation.md",
) -> Alignment:
    settings = settings or Settings()
    return align_documents(
        document_from_text(source_text, source_path, settings),
        document_from_text(target_text, target_path, settings),
        settings,
    )
