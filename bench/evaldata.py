"""Loaders for the real parallel text in ../shared/evaldata (never shipped with hupli).

The WMT16 newstest2016 fi→en files hold all 147 documents on both sides: 79 written in
Finnish (``origlang="fi"``) with their professional English translation, and 68 written in
English with a Finnish translation. Within a document, segments with the same id translate
each other 1:1, and the first segment is usually the headline.

Development and test split (one rule, used by every benchmark): of the 79 Finnish-original
documents, a document is **dev** when the first hex digit of sha256(docid) is 0–7, else
**test** (41 dev, 38 test). Tune and estimate on dev; report on test. The 68 English-original
documents are a third, **reverse** set: there the Finnish is the translation.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "HUPLI_EVALDATA"
WMT16_DIR = "wmt16-enfi-helsinki"
FI_SOURCE = "sgm/newstest2016-fien-src.fi.sgm"
EN_REFERENCE = "sgm/newstest2016-fien-ref.en.sgm"

_DOC = re.compile(r"<doc\b([^>]*)>(.*?)</doc>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SEG = re.compile(r'<seg id="(\d+)">(.*?)</seg>', re.DOTALL)

DEV, TEST = "dev", "test"
SPLITS = (DEV, TEST)
_DEV_DIGITS = "01234567"


@dataclass(frozen=True)
class SgmDoc:
    docid: str
    origlang: str
    segments: tuple[tuple[int, str], ...]  # (seg id, unescaped text)


@dataclass(frozen=True)
class DocPair:
    """A Finnish document and its English translation, sentence by sentence (1:1)."""

    docid: str
    origlang: str  # "fi": Finnish original; "en": English original, Finnish translation
    fi: tuple[str, ...]
    en: tuple[str, ...]

    @property
    def headline_fi(self) -> str:
        return self.fi[0]

    @property
    def headline_en(self) -> str:
        return self.en[0]


def evaldata_root() -> Path:
    """Where the shared evaluation data lives: $HUPLI_EVALDATA or ../shared/evaldata."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "evaldata"


def require_root(root: Path | None = None) -> Path:
    """Return the evaldata root, or exit with a message saying how to point at it."""
    root = root or evaldata_root()
    needed = [root / WMT16_DIR / FI_SOURCE, root / WMT16_DIR / EN_REFERENCE]
    missing = [p for p in needed if not p.is_file()]
    if missing:
        names = "\n  ".join(str(p) for p in missing)
        sys.exit(
            f"hupli bench: evaluation data not found:\n  {names}\n"
            f"Set {ENV_VAR} to the folder holding {WMT16_DIR}/ (normally ../shared/evaldata)."
        )
    return root


def parse_sgm(text: str) -> list[SgmDoc]:
    docs = []
    for match in _DOC.finditer(text):
        attrs = dict(_ATTR.findall(match.group(1)))
        segs = tuple(
            (int(seg_id), " ".join(html.unescape(body).split()))
            for seg_id, body in _SEG.findall(match.group(2))
        )
        docs.append(SgmDoc(attrs["docid"], attrs.get("origlang", ""), segs))
    return docs


def _pair_docs(fi_docs: list[SgmDoc], en_docs: list[SgmDoc]) -> list[DocPair]:
    en_by_id = {d.docid: d for d in en_docs}
    pairs = []
    for fi_doc in fi_docs:
        en_doc = en_by_id.get(fi_doc.docid)
        if en_doc is None:
            raise ValueError(f"document {fi_doc.docid} has no English side")
        en_segs = dict(en_doc.segments)
        if set(en_segs) != {i for i, _ in fi_doc.segments}:
            raise ValueError(f"document {fi_doc.docid}: segment ids differ between sides")
        fi = tuple(t for _, t in fi_doc.segments)
        en = tuple(en_segs[i] for i, _ in fi_doc.segments)
        pairs.append(DocPair(fi_doc.docid, fi_doc.origlang, fi, en))
    return pairs


def load_wmt16_all(root: Path | None = None) -> list[DocPair]:
    """All 147 documents, each as Finnish and English segments in document order."""
    base = require_root(root) / WMT16_DIR
    fi_docs = parse_sgm((base / FI_SOURCE).read_text(encoding="utf-8"))
    en_docs = parse_sgm((base / EN_REFERENCE).read_text(encoding="utf-8"))
    return _pair_docs(fi_docs, en_docs)


def split_of(docid: str) -> str:
    """Which split a Finnish-original document is in: dev when sha256(docid) starts 0–7."""
    return DEV if hashlib.sha256(docid.encode()).hexdigest()[0] in _DEV_DIGITS else TEST


def load_wmt16_fien(root: Path | None = None, split: str | None = None) -> list[DocPair]:
    """The 79 documents written in Finnish, with their English translations.

    `split` "dev" or "test" keeps only that part (see `split_of`); None keeps all 79.
    """
    if split not in (None, *SPLITS):
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    docs = [d for d in load_wmt16_all(root) if d.origlang == "fi"]
    return docs if split is None else [d for d in docs if split_of(d.docid) == split]


def load_wmt16_en_origin(root: Path | None = None) -> list[DocPair]:
    """The 68 documents written in English, with their Finnish translations: the reverse
    set (Finnish is the translation here), and unrelated text to insert as 'added' passages."""
    return [d for d in load_wmt16_all(root) if d.origlang == "en"]
