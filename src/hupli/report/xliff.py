"""XLIFF 2.0: a work package of the passages that still need translating.

Missing, changed, untranslated and "source changed since the translation" passages, each a
unit a CAT tool opens for the translator. The output is the same for the same input.

>>> from hupli.api import align_texts
>>> result = align_texts("Hei 2020.\\n\\nUusi kappale.\\n", "Hello 2020.\\n")
>>> work = to_xliff([result])
>>> work.units, "<source>Uusi kappale.</source>" in work.text
(1, True)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from hupli.model import (
    CHANGED,
    MISSING,
    PARTIAL,
    UNTRANSLATED,
    Alignment,
    Document,
    Finding,
    Link,
    Severity,
)
from hupli.report.units import (
    Export,
    joined_text,
    language_code,
    lines_text,
    sentence_mark,
    serialise,
    xml_text,
)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"

_PRIORITY = {Severity.ERROR: "1", Severity.WARNING: "5", Severity.INFO: "9"}


def needs_translation(link: Link, extra: Sequence[Finding] = ()) -> bool:
    """Whether a translator has work on this link's original text."""
    if not link.source:
        return False
    if link.status in (MISSING, CHANGED, UNTRANSLATED):
        return True
    if link.status == PARTIAL and any(f.code == "missing-sentence" for f in link.findings):
        return True
    return any(f.code.startswith("source-") for f in (*link.findings, *extra))


def _work_links(alignment: Alignment) -> list[tuple[Link, list[Finding]]]:
    """Links with work to do, each with its findings plus document-level ones about it."""
    out = []
    for link in alignment.links:
        extra = [
            f
            for f in alignment.findings
            if f.code.startswith("source-") and set(f.source) & set(link.source)
        ]
        if needs_translation(link, extra):
            out.append((link, [*link.findings, *extra]))
    return out


def _unit_id(link: Link) -> str:
    return "u-" + "-".join(str(i) for i in link.source)


def _note(parent: ET.Element, text: str, category: str, priority: str = "") -> None:
    attrs = {"category": category}
    if priority:
        attrs["priority"] = priority
    ET.SubElement(parent, "note", attrs).text = xml_text(text)


def _sentence_units(file: ET.Element, alignment: Alignment, link: Link) -> int:
    """One unit per sentence of the original the translation lacks, with its paragraph as
    context; how many."""
    src, tgt = alignment.source, alignment.target
    count = 0
    for finding in link.findings:
        mark = sentence_mark(finding)
        if mark is None or finding.code != "missing-sentence":
            continue
        _side, index, stretch = mark
        block = src.blocks[index]
        unit = ET.SubElement(
            file,
            "unit",
            {
                "id": f"u-{index}-s{stretch.start}",
                "name": f"{src.path}:{block.line}",
                "type": "hupli:missing-sentence",
            },
        )
        notes = ET.SubElement(unit, "notes")
        _note(notes, f"original: {src.path} line {block.line} ({block.kind})", "location")
        _note(
            notes,
            f"current translation: {tgt.path} line {lines_text(tgt.blocks, link.target)}",
            "location",
        )
        _note(notes, f"the paragraph: {block.text}", "context")
        _note(notes, finding.message, finding.code, _PRIORITY[finding.severity])
        seg = ET.SubElement(unit, "segment", {"state": "initial"})
        ET.SubElement(seg, "source").text = xml_text(block.text[stretch.start : stretch.end])
        count += 1
    return count


NO_TRANSLATION_YET = "no translation yet"


def _untranslated_file(
    root: ET.Element, file_id: str, document: Document, why: str, signature: str
) -> int:
    """A `<file>` asking for every block of DOCUMENT, which has no translation; how many
    units it holds (none: no `<file>`)."""
    from hupli.corpus.status import translatable

    blocks = [b for b in translatable(document) if xml_text(b.text).strip()]
    if not blocks:
        return 0
    file = ET.SubElement(root, "file", {"id": file_id, "original": document.path})
    notes = ET.SubElement(file, "notes")
    _note(notes, f"translation: {NO_TRANSLATION_YET}" + (f" ({why})" if why else ""), "translation")
    if signature:
        _note(notes, f"hupli settings signature: {signature}", "signature")
    for block in blocks:
        unit = ET.SubElement(
            file,
            "unit",
            {
                "id": f"u-{block.index}",
                "name": f"{document.path}:{block.line}",
                "type": "hupli:no-translation",
            },
        )
        unit_notes = ET.SubElement(unit, "notes")
        _note(unit_notes, f"original: {document.path} line {block.line} ({block.kind})", "location")
        _note(unit_notes, NO_TRANSLATION_YET, "no-translation", _PRIORITY[Severity.ERROR])
        seg = ET.SubElement(unit, "segment", {"state": "initial"})
        ET.SubElement(seg, "source").text = xml_text(block.text)
    return len(blocks)


def to_xliff(
    alignments: Sequence[Alignment],
    *,
    source_code: str = "fi",
    target_code: str = "en",
    untranslated: Sequence[tuple[Document, str]] = (),
    signature: str = "",
) -> Export:
    """An XLIFF 2.0 work package of the passages that need translating.

    Missing, changed, untranslated and "source changed" (`source-…` findings) passages of
    each original become `<unit id="u-<block index>">` inside `<file original="<path>">`;
    a sentence the translation of a paragraph lacks becomes `<unit id="u-<block>-s<offset>">`
    with the paragraph in a note,
    so each unit leads back to its file and block. A changed passage carries the current
    translation as its `<target>` to fix. Findings become `<note>`s. Originals without work
    get no `<file>`; with no work at all the text is empty and `units` is 0.

    UNTRANSLATED are originals with no translation at all, each with why (a corpus's
    largest jobs): each follows as a `<file>` whose every block is a unit to translate,
    noted as having no translation yet; SIGNATURE is the settings they were read with.
    """
    source_code, target_code = language_code(source_code), language_code(target_code)
    # Unqualified names under a literal xmlns: ElementTree would otherwise invent a prefix.
    root = ET.Element("xliff", {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": source_code})
    root.set("trgLang", target_code)
    count = 0
    for number, alignment in enumerate(alignments, start=1):
        work = _work_links(alignment)
        if not work:
            continue
        src, tgt = alignment.source, alignment.target
        file = ET.SubElement(root, "file", {"id": f"f{number}", "original": src.path})
        notes = ET.SubElement(file, "notes")
        _note(notes, f"translation: {tgt.path}", "translation")
        _note(notes, f"hupli settings signature: {alignment.signature}", "signature")
        for link, findings in work:
            if link.status == PARTIAL:
                count += _sentence_units(file, alignment, link)
                continue
            first = src.blocks[link.source[0]]
            unit = ET.SubElement(
                file,
                "unit",
                {
                    "id": _unit_id(link),
                    "name": f"{src.path}:{first.line}",
                    "type": f"hupli:{link.status}",
                },
            )
            unit_notes = ET.SubElement(unit, "notes")
            kinds = ", ".join(src.blocks[i].kind for i in link.source)
            where = f"{src.path} line {lines_text(src.blocks, link.source)} ({kinds})"
            _note(unit_notes, f"original: {where}", "location")
            if link.target:
                _note(
                    unit_notes,
                    f"current translation: {tgt.path} line {lines_text(tgt.blocks, link.target)}",
                    "location",
                )
            for finding in findings:
                _note(unit_notes, finding.message, finding.code, _PRIORITY[finding.severity])
            # The current English is a target to fix, unless it is Finnish left in place.
            has_target = link.status == CHANGED or (
                link.status != UNTRANSLATED and any(f.code.startswith("source-") for f in findings)
            )
            seg = ET.SubElement(
                unit,
                "segment",
                {"state": "translated" if has_target and link.target else "initial"},
            )
            ET.SubElement(seg, "source").text = xml_text(joined_text(src.blocks, link.source))
            if has_target and link.target:
                ET.SubElement(seg, "target").text = xml_text(joined_text(tgt.blocks, link.target))
            count += 1
    for offset, (document, why) in enumerate(untranslated, start=len(alignments) + 1):
        count += _untranslated_file(root, f"f{offset}", document, why, signature)
    if not count:
        return Export("", 0, ("nothing needs translating",))
    return Export(serialise(root), count)
