"""hupli as a library: one function per job, each returning results.

>>> from hupli.api import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> [(link.source, link.target, link.status) for link in result.links]
[((0,), (0,), 'ok')]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from hupli.align import align_documents
from hupli.document.build import document_from_text, load_document
from hupli.model import Alignment
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

__all__ = ["align_documents", "align_paths", "align_texts", "document_from_text", "load_document"]


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
