"""Exports for other tools: TMX 1.4b memories, XLIFF 2.0 work packages and CSV.

Translators work in CAT tools (Trados, memoQ, OmegaT, Phrase): a TMX file gives them every
passage the website already has in both languages, an XLIFF file gives them exactly the
passages still to translate. CSV is for spreadsheets.

Every writer takes alignments and returns an `Export`: the text, how many units it holds and
any warnings for the caller to show. Nothing here prints or reads files, and the output is
the same for the same input (no dates, no random ids).

>>> from hupli.api import align_texts
>>> result = align_texts("Hei maailma 2020.\\n", "Hello world 2020.\\n")
>>> tmx = to_tmx([result])
>>> tmx.units, "<seg>Hello world 2020.</seg>" in tmx.text
(1, True)
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from hupli import __version__
from hupli.model import (
    CHANGED,
    MISSING,
    OK,
    SEPARATOR,
    UNTRANSLATED,
    Alignment,
    Block,
    ConfigError,
    Finding,
    HupliError,
    Link,
    Severity,
)
from hupli.settings import Settings
from hupli.text import split_sentences

if TYPE_CHECKING:
    from hupli.cache import Cache

PARAGRAPH_SEGMENTS = "paragraph"
SENTENCE_SEGMENTS = "sentence"
SEGMENT_MODES = (PARAGRAPH_SEGMENTS, SENTENCE_SEGMENTS)

# Trados and memoQ have been seen to reject or truncate units longer than this per side.
MAX_UNIT_CHARS = 2000

# Statuses whose two sides are translations of each other, so belong in a memory.
LINKED_STATUSES = (OK, CHANGED)

XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = f"{{{XML_NS}}}lang"

# BCP 47 as XML Schema's xs:language allows it; TMX and XLIFF both expect this shape.
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
# Characters XML 1.0 forbids even escaped; a CMS export can carry a stray form feed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Export:
    """What an exporter produced: the text to write, its unit count, and warnings."""

    text: str
    units: int
    warnings: tuple[str, ...] = ()


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


def language_code(code: str) -> str:
    """Check a language code such as `fi`, `fi-FI` or `en-GB` and return it unchanged."""
    if not _LANGUAGE_CODE.fullmatch(code):
        raise ConfigError(f"{code!r} is not a language code like 'fi', 'fi-FI' or 'en-GB'")
    return code


def xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry at all (escaping is the serialiser's job)."""
    return _NOT_XML.sub("", text)


def _joined(blocks: Sequence[Block], indices: Iterable[int]) -> str:
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
    units = []
    for link in alignment.links:
        if not is_linked(link):
            continue
        src_blocks = [alignment.source.blocks[i] for i in link.source]
        if all(b.kind == SEPARATOR for b in src_blocks):
            continue
        source_text = xml_text(_joined(alignment.source.blocks, link.source))
        target_text = xml_text(_joined(alignment.target.blocks, link.target))
        if not source_text or not target_text:
            continue
        whole = TranslationUnit(
            source_text, target_text, link.source, link.target, link.status, link.score
        )
        if segment == SENTENCE_SEGMENTS:
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


def _indices(indices: Sequence[int]) -> str:
    return " ".join(str(i) for i in indices)


def _lines(blocks: Sequence[Block], indices: Sequence[int]) -> str:
    return " ".join(str(blocks[i].line) for i in indices)


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


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


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
            _prop(tu, "x-source-blocks", _indices(unit.source))
            _prop(tu, "x-target-blocks", _indices(unit.target))
            _prop(tu, "x-source-lines", _lines(alignment.source.blocks, unit.source))
            _prop(tu, "x-target-lines", _lines(alignment.target.blocks, unit.target))
            _prop(tu, "x-status", unit.status)
            if unit.sentence:
                _prop(tu, "x-sentence", f"{unit.sentence}/{unit.sentences}")
            for code, text in ((source_code, unit.source_text), (target_code, unit.target_text)):
                tuv = ET.SubElement(tu, "tuv", {_XML_LANG: code})
                ET.SubElement(tuv, "seg").text = text
            count += 1
    return Export(_serialise(root), count, tuple(warnings))


# --- XLIFF 2.0 ---------------------------------------------------------------------------

_PRIORITY = {Severity.ERROR: "1", Severity.WARNING: "5", Severity.INFO: "9"}


def needs_translation(link: Link, extra: Sequence[Finding] = ()) -> bool:
    """Whether a translator has work on this link's original text."""
    if not link.source:
        return False
    if link.status in (MISSING, CHANGED, UNTRANSLATED):
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


def to_xliff(
    alignments: Sequence[Alignment], *, source_code: str = "fi", target_code: str = "en"
) -> Export:
    """An XLIFF 2.0 work package of the passages that need translating.

    Missing, changed, untranslated and "source changed" (`source-…` findings) passages of
    each original become `<unit id="u-<block index>">` inside `<file original="<path>">`,
    so each unit leads back to its file and block. A changed passage carries the current
    translation as its `<target>` to fix. Findings become `<note>`s. Originals without work
    get no `<file>`; with no work at all the text is empty and `units` is 0.
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
            where = f"{src.path} line {_lines(src.blocks, link.source)} ({kinds})"
            _note(unit_notes, f"original: {where}", "location")
            if link.target:
                _note(
                    unit_notes,
                    f"current translation: {tgt.path} line {_lines(tgt.blocks, link.target)}",
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
            ET.SubElement(seg, "source").text = xml_text(_joined(src.blocks, link.source))
            if has_target and link.target:
                ET.SubElement(seg, "target").text = xml_text(_joined(tgt.blocks, link.target))
            count += 1
    if not count:
        return Export("", 0, ("nothing needs translating",))
    return Export(_serialise(root), count)


# --- CSV ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "source_file",
    "target_file",
    "source_blocks",
    "source_lines",
    "target_blocks",
    "target_lines",
    "status",
    "move",
    "score",
    "source_text",
    "target_text",
    "finding_codes",
    "finding_messages",
    "signature",
)

BOM = "\ufeff"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe.

    Page text is untrusted: a paragraph starting "=HYPERLINK(…)" must not become a live
    formula in the communications team's Excel (OWASP's CSV injection advice).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[object]], columns: Sequence[str], *, bom: bool = False) -> str:
    """RFC 4180 CSV; with `bom`, a UTF-8 byte order mark so Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()


def alignment_rows(alignment: Alignment) -> list[tuple[object, ...]]:
    """One row per link (see `CSV_COLUMNS`), then one per document-level finding."""
    src, tgt = alignment.source, alignment.target
    rows: list[tuple[object, ...]] = []
    for link in alignment.links:
        rows.append(
            (
                src.path,
                tgt.path,
                _indices(link.source),
                _lines(src.blocks, link.source),
                _indices(link.target),
                _lines(tgt.blocks, link.target),
                link.status,
                link.move,
                f"{link.score:.2f}",
                _joined(src.blocks, link.source),
                _joined(tgt.blocks, link.target),
                " ".join(f.code for f in link.findings),
                "\n".join(f.message for f in link.findings),
                alignment.signature,
            )
        )
    for finding in alignment.findings:
        rows.append(
            (
                src.path,
                tgt.path,
                _indices(finding.source),
                _lines(src.blocks, finding.source),
                _indices(finding.target),
                _lines(tgt.blocks, finding.target),
                "document",
                "",
                "",
                "",
                "",
                finding.code,
                finding.message,
                alignment.signature,
            )
        )
    return rows


def to_csv(alignments: Sequence[Alignment], *, bom: bool = False) -> Export:
    """Every link of every alignment as a CSV row, each row carrying the signature."""
    rows = [row for alignment in alignments for row in alignment_rows(alignment)]
    return Export(csv_text(rows, CSV_COLUMNS, bom=bom), len(rows))


# --- inputs: a pair of files or a corpus -------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Alignments to export, with what could not be read or paired, in corpus order."""

    alignments: tuple[Alignment, ...]
    errors: tuple[HupliError, ...] = ()
    notes: tuple[str, ...] = ()  # things worth telling on stderr (unpaired originals, …)
    untranslated: tuple[str, ...] = ()  # originals without a translation (corpus only)
    orphans: tuple[str, ...] = ()  # translations without an original (corpus only)
    methods: tuple[str, ...] = ()  # how each pair was found (corpus only)
    source_language: str = "fi"
    target_language: str = "en"


def with_history(alignment: Alignment, settings: Settings) -> tuple[Alignment, list[str]]:
    """ALIGNMENT with "source changed" findings from its pair's record, if it has one."""
    from hupli.corpus.history import compare as history

    try:
        report = history.compare_with_record(alignment, settings=settings)
    except HupliError as exc:
        return alignment, [f"{alignment.source.path}: record not used: {exc}"]
    if report is None:
        return alignment, []
    return history.annotate(alignment, report), list(report.notes)


def align_pair(
    original: str, translation: str, settings: Settings, cache: Cache | None = None
) -> Inputs:
    """Align two files; an unreadable one is an error in the result, not an exception."""
    from hupli.align import align_documents
    from hupli.document.build import load_document

    documents = []
    errors: list[HupliError] = []
    for path in (original, translation):
        try:
            documents.append(load_document(path, settings, cache))
        except HupliError as exc:
            errors.append(exc)
    if errors:
        return Inputs((), tuple(errors))
    alignment, notes = with_history(align_documents(*documents, settings, cache), settings)
    return Inputs(
        (alignment,),
        (),
        tuple(notes),
        source_language=settings.source_language,
        target_language=settings.target_language,
    )


def align_corpus(root: str, *, jobs: int = 1, cache: Cache | None = None) -> Inputs:
    """Load a corpus folder (with its hupli.toml or [tool.hupli]), pair and align it.

    Like `hupli status`, in up to `jobs` processes and through `cache`: the same result
    for any `jobs`, and a corpus seen before is not read or aligned again.
    """
    from hupli.corpus.config import load_config
    from hupli.corpus.discover import load_corpus
    from hupli.corpus.pair import pair_corpus
    from hupli.corpus.status import align_pairs

    config = load_config(root)
    corpus = load_corpus(root, config, jobs=jobs, cache=cache)
    pairing = pair_corpus(corpus, cache=cache, jobs=jobs)
    settings = config.settings
    alignments = []
    notes = list(pairing.problems)
    for alignment in align_pairs(corpus, pairing.pairs, jobs=jobs, cache=cache):
        alignment, history_notes = with_history(alignment, settings)
        alignments.append(alignment)
        notes.extend(history_notes)
    notes.extend(f"{u.path}: no translation ({u.reason})" for u in pairing.untranslated)
    return Inputs(
        tuple(alignments),
        tuple(corpus.errors),
        tuple(notes),
        untranslated=tuple(u.path for u in pairing.untranslated),
        orphans=tuple(u.path for u in pairing.orphans),
        methods=tuple(p.method for p in pairing.pairs),
        source_language=settings.source_language,
        target_language=settings.target_language,
    )


def export(
    fmt: str,
    alignments: Sequence[Alignment],
    *,
    source_code: str = "fi",
    target_code: str = "en",
    segment: str = PARAGRAPH_SEGMENTS,
    bom: bool = False,
) -> Export:
    """Write ALIGNMENTS as `tmx`, `xliff`, `csv` or `html` (one page; several make a corpus
    page without its lists of unpaired documents)."""
    if fmt == "tmx":
        return to_tmx(alignments, source_code=source_code, target_code=target_code, segment=segment)
    if fmt == "xliff":
        return to_xliff(alignments, source_code=source_code, target_code=target_code)
    if fmt == "csv":
        return to_csv(alignments, bom=bom)
    if fmt == "html":
        from hupli.report.html import CorpusEntry, alignment_html, corpus_html

        if len(alignments) == 1:
            return Export(alignment_html(alignments[0]), 1)
        entries = [CorpusEntry(a.source.path, a.target.path, a) for a in alignments]
        return Export(corpus_html(entries), len(entries))
    raise ConfigError(f"unknown export format {fmt!r}")
