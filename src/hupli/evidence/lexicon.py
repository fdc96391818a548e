"""The word table: which English word stems translate a Finnish one.

`src/hupli/data/fi_en_lexicon.tsv` maps Finnish word stems to English ones;
bench/build_lexicon.py learns it from GNOME help's Finnish translation (never from the
WMT16 benchmark data). A stem is a lowercased word's first `STEM` letters, on both sides.

Of the Finnish stems of a passage that the table knows, a share has a translation among
the English passage's stems: `TRANSLATION_HIT_RATE` when the passages translate each
other, `CHANCE_HIT_RATE` when they are unrelated (both measured by build_lexicon.py on
held-out GNOME entries). The aligner weighs that evidence (`hupli.align.cost`).

>>> sorted(stems("Kaupunki avasi kirjaston")), sorted(table()["adapt"])
(['avasi', 'kaupu', 'kirja'], ['adapt', 'trave'])
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

LEXICON_FILE = Path(__file__).parents[1] / "data" / "fi_en_lexicon.tsv"
STEM = 5
TRANSLATION_HIT_RATE = 0.68
CHANCE_HIT_RATE = 0.12
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, frozenset[str]]:
    """Finnish stem → English stems, read once."""
    found: dict[str, set[str]] = {}
    try:
        text = LEXICON_FILE.read_text(encoding="utf-8")
    except OSError:  # not shipped: the term is simply absent
        return {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            fi, en, _ = line.split("\t")
            found.setdefault(fi, set()).add(en)
    return {fi: frozenset(en) for fi, en in found.items()}


def stems(text: str) -> set[str]:
    """The distinct stems of the words of TEXT."""
    return {word[:STEM] for word in _WORD.findall(text.lower())}
