"""What content pairing knows of one document: its anchor keys, its word keys, length and
shape.

Made while a corpus is read (in parallel, and cached with each entry), so pairing itself
only compares. Names are cut to a short prefix (`name_key`) so that Finnish inflections
meet their English base form. Words are the aligner's lexical evidence
(`hupli.evidence.lexicon`) in the English key space: a Finnish content word becomes every
English key the dictionary gives it and its first letters (`finnish_evidence_keys`), an
English one its stem and its first letters (`english_evidence_keys`), so that a page with
no figures and no names still meets its translation.

>>> name_key("Imatran"), name_key("Imatra"), name_key("Hupli-Oinosen")
('nm:imat', 'nm:imat', 'nm:huplioino')
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from hupli.cache import register
from hupli.evidence import block_features, extract
from hupli.evidence.lexicon import english_evidence_keys, finnish_evidence_keys
from hupli.model import HEADING, SEPARATOR, Document

NAME_PREFIX = 4  # "Imatra", "Imatran", "Imatralla" → "imat"; "Virtanen", "Virtasen" → "virt"
_NON_LETTER = re.compile(r"[^\w]+")


@register
@dataclass(frozen=True)
class Features:
    """What content pairing knows of one document."""

    counts: tuple[tuple[str, int], ...]  # anchor key → number of blocks holding it
    labels: tuple[tuple[str, str], ...]  # key → how to show it (the first surface form seen)
    # Word keys in the English key space (`word_keys`), sorted, joined by spaces: one string
    # rather than a tuple of hundreds, as a loaded corpus keeps one for every document.
    words: str
    chars: int
    blocks: int
    headings: int

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(k for k, _ in self.counts)


@functools.lru_cache(maxsize=16384)  # a site names the same places and people again and again
def name_key(name: str) -> str:
    """Index key of a proper name: lowercased letters, cut to `NAME_PREFIX`.

    >>> name_key("Imatran"), name_key("Imatra"), name_key("Hupli-Oinosen")
    ('nm:imat', 'nm:imat', 'nm:huplioino')
    """
    parts = [p for p in _NON_LETTER.split(name.lower()) if p]
    if not parts:
        return ""
    # The last part carries the inflection ("Hupli-Oinosen"); earlier parts are kept whole.
    return "nm:" + "".join(parts[:-1]) + parts[-1][:NAME_PREFIX]


def _label(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "d":
        year, month, day = (value.split("-") + ["", "", ""])[:3]
        if value.startswith("--"):
            return f"{int(value[2:4])}.{int(value[5:7])}."
        if year.isdigit() and month.isdigit() and day.isdigit():
            return f"{int(day)}.{int(month)}.{year}"
    return value


def word_keys(words: Iterable[str], language: str) -> set[str]:
    """The keys content words (lower case) meet their translation's words by: Finnish
    through the dictionary, English by their own stems; both by their first letters. Other
    languages have no dictionary here, and no word keys: they pair by anchors alone."""
    if language == "fi":
        lookup = finnish_evidence_keys
    elif language == "en":
        lookup = english_evidence_keys
    else:
        return set()
    return set().union(*map(lookup, set(words)))


def features(document: Document, language: str) -> Features:
    """Anchor keys, length and shape of a document read as LANGUAGE (its separators left
    out)."""
    counts: dict[str, int] = defaultdict(int)
    labels: dict[str, str] = {}
    chars = blocks = headings = 0
    # The document's own anchors when they were read by this language's rules (they are,
    # unless the place declares another language than the text reads as): no second pass.
    known = (
        document.anchors
        if document.anchors_language == language and len(document.anchors) == len(document.blocks)
        else None
    )
    # The content words the document stage read (the aligner's), or read here.
    known_words = (
        document.features
        if document.anchors_language == language and len(document.features) == len(document.blocks)
        else None
    )
    words: list[str] = []
    for index, block in enumerate(document.blocks):
        if block.kind == SEPARATOR:
            continue
        blocks += 1
        headings += block.kind == HEADING
        chars += len(block.text)
        anchors = known[index] if known is not None else extract(block.text, language)
        words.extend(
            (
                known_words[index] if known_words is not None else block_features(block, language)
            ).split()
        )
        typed = anchors.keys()  # Anchors.keys(): typed keys "n:…", "d:…" (not a mapping)
        keys = {k for k in typed if not (k.startswith("n:") and len(k) <= 3)}
        for name in anchors.names:
            key = name_key(name)
            if len(key) > 5:  # "nm:" and at least three letters
                keys.add(key)
                if key not in labels or len(name) < len(labels[key]):
                    labels[key] = name  # the base form reads best: "Imatra", not "Imatran"
        for key in keys:
            counts[key] += 1
            labels.setdefault(key, _label(key))
    return Features(
        tuple(sorted(counts.items())),
        tuple(sorted(labels.items())),
        " ".join(sorted(word_keys(words, language))),
        chars,
        blocks,
        headings,
    )
