"""Corpora for the corpus-command tests: the bundled sample, and WMT16 under opaque names."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from .conftest import CORPUS, EVALDATA
from .wmt import fi_en_documents, paragraphs


def copy_sample(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def opaque_wmt_corpus(
    folder: Path, documents: int = 14, withheld: int = 3, seed: int = 0
) -> tuple[dict[str, str], set[str]]:
    """Write `documents` WMT16 Finnish originals under random hex names (half flat, half in
    fi/ and en/ with unrelated names), the translations of all but `withheld` of them, and
    return gold {original relpath: translation relpath} and the withheld originals."""
    rng = random.Random(seed)
    docs = fi_en_documents(EVALDATA)[:documents]
    gold: dict[str, str] = {}
    lost: set[str] = set()

    def name(language: str, markdown: bool) -> str:
        stem = f"{rng.getrandbits(40):010x}" + (".md" if markdown else ".txt")
        return f"{language}/{stem}" if rng.random() < 0.5 else stem

    for n, (_docid, fi, en) in enumerate(docs):
        markdown = n % 2 == 0
        fi_rel = name("fi", markdown)
        head = "# " if markdown else ""
        fi_paras = paragraphs(fi)
        _write(folder / fi_rel, head + "\n\n".join(fi_paras) + "\n")
        if n < withheld:
            lost.add(fi_rel)
            continue
        en_rel = name("en", not markdown)
        en_head = "" if markdown else "# "
        _write(folder / en_rel, en_head + "\n\n".join(paragraphs(en)) + "\n")
        gold[fi_rel] = en_rel
    return gold, lost


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
