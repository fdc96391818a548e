"""TMX 1.4b: a translation memory of every passage a site has in both languages.

Translators work in CAT tools (Trados, memoQ, OmegaT, Phrase): a TMX file gives them every
passage the website already has in both languages. The output is the same for the same
input (no dates, no random ids).

>>> from hupli.api import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> tmx = to_tmx([result])
>>> tmx.units, "<seg>Hello world 2020.</seg>" in tmx.text
(1, True)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import PurePath

from hupli import __version__
from hupli.model import Alignment, ConfigError
from hupli.report.units import (
    MAX_UNIT_CHARS,
    PARAGRAPH_SEGMENTS,
    SEGMENT_MODES,
    SENTENCE_SEGMENTS,
    Export,
    TranslationUnit,
    indices_text,
    language_code,
    lines_text,
    serialise,
    translation_units,
)

XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_LANG = f"{{{XML_NS}}}lang"


def _long_unit_warnings(alignment: Alignment, units: Sequence[TranslationUnit]) -> list[str]:
    warnings = []
    for unit in units:
        for side, text, doc, indices in (
            ("original", unit.source_text, alignment.source, unit.source),
            ("translation", unit.target_text, alignment.target, unit.target),
        ):
            if len(text) > MAX_UNIT_CHARS:
                line = doc.blocks[indices[0]].line
                warnings.append(
                    f"{doc.path}:{line}: {side} side of a unit has {len(text)} characters, "
                    f"over {MAX_UNIT_CHARS}; some CAT tools reject it (try --segment sentence)"
                )
    return warnings


def _signatures(alignments: Sequence[Alignment]) -> str:
    return " ; ".join(dict.fromkeys(a.signature for a in alignments))


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", {"type": kind}).text = value


def to_tmx(
    alignments: Sequence[Alignment],
    *,
    source_code: str = "fi",
    target_code: str = "en",
    segment: str = PARAGRAPH_SEGMENTS,
) -> Export:
    """A TMX 1.4b memory of every linked pair (ok or changed) in `alignments`.

    Missing, added and untranslated passages have no counterpart, so never become units.
    Each unit carries `x-` properties naming both files, their block indices and lines,
    and the link's status; the header carries the settings signature.
    """
    source_code, target_code = language_code(source_code), language_code(target_code)
    if segment not in SEGMENT_MODES:
        raise ConfigError(f"unknown segment mode {segment!r}; choose one of {SEGMENT_MODES}")
    signature = _signatures(alignments)
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "hupli",
            "creationtoolversion": __version__,
            "segtype": segment,
            "o-tmf": "hupli",
            "adminlang": "en",
            "srclang": source_code,
            "datatype": "plaintext",
        },
    )
    ET.SubElement(header, "note").text = f"hupli settings signature: {signature}"
    _prop(header, "x-hupli-signature", signature)
    body = ET.SubElement(root, "body")
    count = 0
    warnings: list[str] = []
    for alignment in alignments:
        units = translation_units(alignment, segment)
        warnings.extend(_long_unit_warnings(alignment, units))
        src_name = PurePath(alignment.source.path).name
        for unit in units:
            tuid = f"{src_name}#{'-'.join(map(str, unit.source))}"
            attrs = {"tuid": tuid + (f".{unit.sentence}" if unit.sentence else "")}
            if segment == SENTENCE_SEGMENTS and not unit.sentence:
                attrs["segtype"] = PARAGRAPH_SEGMENTS
            tu = ET.SubElement(body, "tu", attrs)
            _prop(tu, "x-source-file", alignment.source.path)
            _prop(tu, "x-target-file", alignment.target.path)
            _prop(tu, "x-source-blocks", indices_text(unit.source))
            _prop(tu, "x-target-blocks", indices_text(unit.target))
            _prop(tu, "x-source-lines", lines_text(alignment.source.blocks, unit.source))
            _prop(tu, "x-target-lines", lines_text(alignment.target.blocks, unit.target))
            _prop(tu, "x-status", unit.status)
            if unit.sentence:
                _prop(tu, "x-sentence", f"{unit.sentence}/{unit.sentences}")
            for code, text in ((source_code, unit.source_text), (target_code, unit.target_text)):
                tuv = ET.SubElement(tu, "tuv", {_XML_LANG: code})
                ET.SubElement(tuv, "seg").text = text
            count += 1
    return Export(serialise(root), count, tuple(warnings))
