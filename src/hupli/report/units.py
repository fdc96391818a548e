"""What the export writers share: `Export`, what each returns; translation units, the
passages of an alignment that translate each other; and helpers for block text, indices
and lines of a link, XML text and serialisation, language codes.

>>> from hupli.api import align_texts
>>> units = translation_units(align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n"))
>>> [(u.source_text, u.target_text) for u in units]
[('Hei maailma 2020.', 'Hello world 2020.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the XML writers' own import: a terminal view never loads ElementTree
    import xml.etree.ElementTree as ET

from hupli.model import CHANGED, MOVED, OK, SEPARATOR, Alignment, Block, ConfigError, Finding, Link


class Export(NamedTuple):
    """What an exporter produced: the text to write, its unit count, and warnings."""

    text: str
    units: int
    warnings: tuple[str, ...] = ()


PARAGRAPH_SEGMENTS = "paragraph"
SENTENCE_SEGMENTS = "sentence"
SEGMENT_MODES = (PARAGRAPH_SEGMENTS, SENTENCE_SEGMENTS)

# Trados and memoQ have been seen to reject or truncate units longer than this per side.
MAX_UNIT_CHARS = 2000

# Statuses whose two sides are translations of each other, so belong in a memory.
LINKED_STATUSES = (OK, CHANGED, MOVED)

# BCP 47 as XML Schema's xs:language allows it; TMX and XLIFF both expect this shape.
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
# Characters XML 1.0 forbids even escaped; a CMS export can carry a stray form feed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class TranslationUnit:
    """One source/target text pair for a memory, traced back to its blocks."""

    source_text: str
    target_text: str
    source: tuple[int, ...]
    target: tuple[int, ...]
    status: str
    score: float
    sentence: int = 0  # 1-based sentence number within the link; 0 for the whole link
    sentences: int = 1


SENTENCE_CODES = ("missing-sentence", "added-sentence")


class Mark(NamedTuple):
    """A stretch of a block's text a finding is about (a sentence one side lacks)."""

    start: int
    end: int
    code: str


def sentence_marks(alignment: Alignment) -> dict[tuple[str, int], list[Mark]]:
    """Per ("source" | "target", block index), the sentences findings mark in it, in order."""
    marks: dict[tuple[str, int], list[Mark]] = {}
    for link in alignment.links:
        for finding in link.findings:
            mark = sentence_mark(finding)
            if mark is not None:
                side, block, stretch = mark
                marks.setdefault((side, block), []).append(stretch)
    for stretches in marks.values():
        stretches.sort()
    return marks


def sentence_mark(finding: Finding) -> tuple[str, int, Mark] | None:
    """The side, block and stretch of a sentence finding; None for any other finding."""
    if finding.code not in SENTENCE_CODES:
        return None
    details = dict(finding.details)
    try:
        side, block = details["side"], int(details["block"])
        return side, block, Mark(int(details["start"]), int(details["end"]), finding.code)
    except (KeyError, ValueError):
        return None


def split_marked(text: str, marks: Sequence[Mark]) -> list[tuple[str, str]]:
    """A block's text cut into (text, code) parts: code "" for unmarked text.

    >>> split_marked("Yksi. Kaksi. Kolme.", [Mark(6, 12, "missing-sentence")])
    [('Yksi. ', ''), ('Kaksi.', 'missing-sentence'), (' Kolme.', '')]
    """
    parts: list[tuple[str, str]] = []
    at = 0
    for mark in marks:
        start, end = max(mark.start, at), min(mark.end, len(text))
        if start >= end:
            continue
        if start > at:
            parts.append((text[at:start], ""))
        parts.append((text[start:end], mark.code))
        at = end
    if at < len(text):
        parts.append((text[at:], ""))
    return parts


def language_code(code: str) -> str:
    """Check a language code such as `fi`, `fi-FI` or `en-GB` and return it unchanged."""
    if not _LANGUAGE_CODE.fullmatch(code):
        raise ConfigError(f"{code!r} is not a language code like 'fi', 'fi-FI' or 'en-GB'")
    return code


def xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry at all (escaping is the serialiser's job)."""
    return _NOT_XML.sub("", text)


def joined_text(blocks: Sequence[Block], indices: Iterable[int]) -> str:
    """The text of the blocks at INDICES, joined by spaces."""
    return " ".join(blocks[i].text for i in indices if blocks[i].text).strip()


def is_linked(link: Link) -> bool:
    """A link whose two sides translate each other: both sides present, ok or changed."""
    return bool(link.source and link.target) and link.status in LINKED_STATUSES


def translation_units(
    alignment: Alignment, segment: str = PARAGRAPH_SEGMENTS
) -> list[TranslationUnit]:
    """The memory's units for one alignment: one per linked pair with text on both sides.

    In sentence mode a pair whose two sides split into the same number of sentences gives
    one unit per sentence; any other pair stays whole, since guessing which sentences
    belong together would put wrong pairs into a memory.
    """
    if segment not in SEGMENT_MODES:
        raise ConfigError(f"unknown segment mode {segment!r}; choose one of {SEGMENT_MODES}")
    units: list[TranslationUnit] = []
    for link in alignment.links:
        if not is_linked(link):
            continue
        src_blocks = [alignment.source.blocks[i] for i in link.source]
        if all(b.kind == SEPARATOR for b in src_blocks):
            continue
        source_text = xml_text(joined_text(alignment.source.blocks, link.source))
        target_text = xml_text(joined_text(alignment.target.blocks, link.target))
        if not source_text or not target_text:
            continue
        whole = TranslationUnit(
            source_text, target_text, link.source, link.target, link.status, link.score
        )
        if segment == SENTENCE_SEGMENTS:
            from hupli.text import split_sentences  # here: paragraph units never need it

            src_sentences = split_sentences(source_text)
            tgt_sentences = split_sentences(target_text)
            if len(src_sentences) == len(tgt_sentences) > 1:
                n = len(src_sentences)
                units.extend(
                    TranslationUnit(s, t, link.source, link.target, link.status, link.score, k, n)
                    for k, (s, t) in enumerate(zip(src_sentences, tgt_sentences, strict=True), 1)
                )
                continue
        units.append(whole)
    return units


def indices_text(indices: Sequence[int]) -> str:
    """Block indices as "3 4"."""
    return " ".join(str(i) for i in indices)


def lines_text(blocks: Sequence[Block], indices: Sequence[int]) -> str:
    """The lines where the blocks at INDICES start, as "17 19"."""
    return " ".join(str(blocks[i].line) for i in indices)


def serialise(root: ET.Element) -> str:
    """An XML document with its declaration, indented by two spaces."""
    import xml.etree.ElementTree as ET

    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
