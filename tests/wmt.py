"""A small reader for the WMT16 fi→en test set, for tests that need real parallel text."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

_DOC = re.compile(r'<doc[^>]*docid="([^"]+)"[^>]*>(.*?)</doc>', re.S)
_SEG = re.compile(r'<seg id="(\d+)">(.*?)</seg>', re.S)


def _read(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    return {
        docid: [html.unescape(seg).strip() for _, seg in _SEG.findall(body)]
        for docid, body in _DOC.findall(text)
    }


@lru_cache(maxsize=2)
def fi_en_documents(root: Path) -> list[tuple[str, list[str], list[str]]]:
    """(docid, Finnish sentences, English sentences) of the 79 Finnish-original documents."""
    sgm = root / "wmt16-enfi-helsinki" / "sgm"
    fi = _read(sgm / "newstest2016-fien-src.fi.sgm")
    en = _read(sgm / "newstest2016-fien-ref.en.sgm")
    return [(docid, fi[docid], en[docid]) for docid in fi if len(fi[docid]) == len(en[docid])]


def paragraphs(sentences: list[str], size: int = 2) -> list[str]:
    """Headline alone, then paragraphs of `size` sentences."""
    head, body = sentences[:1], sentences[1:]
    return head + [" ".join(body[i : i + size]) for i in range(0, len(body), size)]
