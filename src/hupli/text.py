"""Text units every stage shares: words, dashes, sentences, abbreviations.

Small, dependency-free helpers: a stage that reads text imports what it needs from here, so
that two stages never keep two copies of one rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Hyphen-minus and the Unicode hyphens and dashes a CMS export uses for ranges and compounds.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of TEXT, for writing word lists in the source.

    >>> words(" yksi  kaksi kolme ")
    ('yksi', 'kaksi', 'kolme')
    """
    return tuple(text.split())


# --- abbreviations -----------------------------------------------------------------------
# Words after which a full stop ends no sentence. Each stage that asks was tuned with its
# own list, and merging them would change results, so each use keeps its list, named for
# what it decides, and all of them are here, side by side.

# Splitting sentences: the aligner's sentence lengths and counts, TMX's sentence units.
SENTENCE_ABBREVIATIONS = words(
    "vs esim ym mm ns ks ts jne klo n s puh prof tri dr mr mrs ms st etc e.g i.e no nro p"
)
# Names: a capital after one of these does not open a sentence, so the word can be a name
# ("vs. Heino"); matched without its inner full stops ("e.g." as "eg").
NAME_ABBREVIATIONS = frozenset(
    words("mr mrs ms dr prof st jr sr vs esim mm ns ym yms jne tms n ks ts eng engl ie eg")
)
# Normalising: no space is put back after one of these ("esim.Heino" is left alone).
FULL_STOP_ABBREVIATIONS = frozenset(
    words(
        "vs esim ym yms mm ns ks ts jne eli klo n s puh p prof tri dr mr mrs ms st etc vrt os"
        " ao em huom lk kpl"
    )
)


# --- sentences -------------------------------------------------------------------------

# A sentence ends at . ! ? or … (not after a digit, so dates and "klo 21.05" stay whole),
# then optional closing quotes, then space and a capital or a digit. The group is the space
# between the two sentences.
SENTENCE_BREAK = re.compile(r"(?<=[^\d\s.][.!?…])[\"”’)]*(\s+)(?=[\"“”«(]?[A-ZÅÄÖ0-9])")
_ABBREVIATION_BEFORE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, SENTENCE_ABBREVIATIONS)) + r")\.$", re.IGNORECASE
)


def _sentence_breaks(text: str) -> Iterator[re.Match[str]]:
    """The `SENTENCE_BREAK`s of TEXT that do not follow an abbreviation."""
    for match in SENTENCE_BREAK.finditer(text):
        # Only the few characters before the stop matter (the longest abbreviation is four
        # letters); slicing the whole prefix made this quadratic in the length of the block.
        before = text[max(0, match.start() - 16) : match.start()]
        if not _ABBREVIATION_BEFORE.search(before.rstrip('"”’)')):
            yield match


def sentence_lengths(text: str) -> tuple[int, ...]:
    """Lengths of a block's sentences: punctuation then a capital, not after an abbreviation.

    >>> sentence_lengths("Klo 21.05 alkoi. Esim. tämä jatkuu. Loppu!")
    (16, 18, 6)
    """
    if not text:
        return ()
    lengths = []
    start = 0
    for match in _sentence_breaks(text):
        lengths.append(match.start() - start)
        start = match.end()
    lengths.append(len(text) - start)
    return tuple(lengths)


def count_sentences(text: str) -> int:
    """Sentences in a block (see `sentence_lengths`)."""
    return len(sentence_lengths(text))


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping each sentence's own characters.

    >>> split_sentences("Klo 21.05 alkoi. Esim. tämä jatkuu. Loppu!")
    ['Klo 21.05 alkoi.', 'Esim. tämä jatkuu.', 'Loppu!']
    """
    sentences = []
    start = 0
    for match in _sentence_breaks(text):
        sentences.append(text[start : match.start(1)].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


# --- quoting a passage in a message ------------------------------------------------------


def quote(text: str, limit: int = 60) -> str:
    """A passage in a message: white space collapsed, cut to LIMIT characters.

    >>> quote("Tämä  on   lyhyt."), quote("Hiisi-jumppavideotamme katsottiin viime viikolla", 20)
    ('“Tämä on lyhyt.”', '“Hiisi-jumppavideota…”')
    """
    text = " ".join(text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"
