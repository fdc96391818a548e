"""What changed in the original since the translation was last brought up to date.

A run diffs the current original against the pair's record (or against an older copy of
the original, `hupli align NEW TRANSLATION --since OLD`) and reports, against the English
blocks they touch, which Finnish blocks were edited, rewritten, added, removed or moved
since: a `HistoryReport`, whose findings `annotate` puts on the links they concern.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hupli import sequence
from hupli.corpus.history.diff import (
    HISTORY_CODES,
    SOURCE_ADDED,
    SOURCE_CHANGED,
    SOURCE_MOVED,
    SOURCE_REWRITTEN,
    Change,
    diff_blocks,
)
from hupli.corpus.history.records import (
    Record,
    build_record,
    corpus_relative,
    display_path,
    find_record,
    fingerprint,
    read_record,
    target_map,
)
from hupli.corpus.root import corpus_root_of
from hupli.model import Alignment, Document, Finding, Link
from hupli.settings import Settings
from hupli.text import quote


@dataclass(frozen=True)
class HistoryReport:
    """The changes since the record (or the older original), and findings for them."""

    basis: str  # "record" or "since"
    basis_path: str  # the record file, or the older original
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    applicable: bool = True  # False: a record exists but describes another pair

    def to_json(self) -> dict[str, Any]:
        counts = {code: sum(1 for c in self.changes if c.code == code) for code in HISTORY_CODES}
        return {
            "basis": self.basis,
            "path": self.basis_path,
            "applicable": self.applicable,
            "notes": list(self.notes),
            "counts": counts,
            "changes": [c.to_json() for c in self.changes],
            "findings": [f.to_json() for f in self.findings],
        }


def _translation_remap(recorded: Sequence[str], current: Document) -> dict[int, int]:
    """Recorded translation block index → current index, through a diff of fingerprints."""
    now = [fingerprint(b.text) for b in current.blocks]
    remap: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in sequence.opcodes(list(recorded), now):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            remap.update(zip(range(i1, i2), range(j1, j2), strict=True))
    return remap


def _english(target: Document, indices: Sequence[int]) -> str:
    if not indices:
        return "no English block"
    block = target.blocks[indices[0]]
    return f"English line {block.line} {quote(block.text, 50)}"


def compare(
    record: Record,
    alignment: Alignment,
    settings: Settings | None = None,
    *,
    basis: str = "record",
    basis_path: str = "",
    notes: Sequence[str] = (),
) -> HistoryReport:
    """Diff ALIGNMENT's original against RECORD and say which English blocks each touches."""
    settings = settings or Settings()
    source, target = alignment.source, alignment.target
    notes = list(notes)
    if not record.translation_blocks:
        remap = {i: i for i in range(len(target.blocks))}
    else:
        remap = _translation_remap(record.translation_blocks, target)
        if list(record.translation_blocks) != [fingerprint(b.text) for b in target.blocks]:
            notes.append(
                "the translation has changed since the record was made; its blocks are "
                "matched to the recorded ones by content"
            )
    current_links = target_map(alignment)

    def english_for(change: Change) -> tuple[int, ...]:
        if change.code == SOURCE_ADDED:
            return ()  # nothing translates it yet; `_place` says where its English goes
        if change.old is not None:
            mapped = tuple(remap[t] for t in record.blocks[change.old].target if t in remap)
            if mapped or not record.blocks[change.old].target:
                return mapped
        if change.new is not None:  # the recorded English is gone: trust today's alignment
            return current_links.get(change.new, ())
        return ()

    old_views = [(b.kind, b.text) for b in record.blocks]
    new_views = [(b.kind, b.text) for b in source.blocks]
    raw = diff_blocks(old_views, new_views)
    new_to_old = {c.new: c.old for c in raw if c.new is not None and c.old is not None}
    # Unchanged blocks map old → new too; needed to place additions.
    fa = [fingerprint(t) for _, t in old_views]
    fb = [fingerprint(t) for _, t in new_views]
    for a, b, size in sequence.matching_blocks(fa, fb):
        for k in range(size):
            new_to_old[b + k] = a + k
    places = _places(new_to_old, record, remap, len(source.blocks))

    changes: list[Change] = []
    findings: list[Finding] = []
    for change in raw:
        change = replace(change, target=english_for(change))
        if change.code == SOURCE_ADDED and change.new is not None:
            change = _place(change, places)
        changes.append(change)
        findings.append(_finding(change, source, target, record, settings))
    return HistoryReport(
        basis=basis,
        basis_path=basis_path,
        changes=tuple(changes),
        findings=tuple(findings),
        notes=tuple(notes),
    )


Places = tuple[list[int | None], list[int | None]]


def _places(
    new_to_old: Mapping[int, int], record: Record, remap: dict[int, int], n_new: int
) -> Places:
    """For each current block, the first English block of the nearest known block after it
    and the last of the nearest before it, each found in one pass (a walk from every added
    block was quadratic on a page of thousands of additions)."""
    mapped: list[list[int]] = []
    for j in range(n_new):
        old = new_to_old.get(j)
        targets = record.blocks[old].target if old is not None else ()
        mapped.append([remap[t] for t in targets if t in remap])
    before: list[int | None] = [None] * n_new
    after: list[int | None] = [None] * n_new
    nearest: int | None = None
    for j in range(n_new - 1, -1, -1):
        before[j] = nearest
        if mapped[j]:
            nearest = min(mapped[j])
    nearest = None
    for j in range(n_new):
        after[j] = nearest
        if mapped[j]:
            nearest = max(mapped[j])
    return before, after


def _place(change: Change, places: Places) -> Change:
    """Where an added block's English goes: before the English of the next known block."""
    assert change.new is not None
    before, after = places[0][change.new], places[1][change.new]
    if before is not None:
        return replace(change, insert_before=before)
    if after is not None:
        return replace(change, insert_after=after)
    return change


def _finding(
    change: Change, source: Document, target: Document, record: Record, settings: Settings
) -> Finding:
    english = _english(target, change.target)
    new_block = source.blocks[change.new] if change.new is not None else None
    where = f"{change.kind} on line {new_block.line}" if new_block else change.kind
    details: dict[str, str] = {}
    if change.code == SOURCE_CHANGED:
        message = f"{where} edited since the translation: {change.summary}; update {english}"
        details["diff"] = change.diff
    elif change.code == SOURCE_REWRITTEN:
        message = (
            f"{where} rewritten since the translation ({change.similarity:.0%} of words kept); "
            f"retranslate {english}"
        )
        details["diff"] = change.diff
    elif change.code == SOURCE_MOVED:
        old_index = change.old if change.old is not None else -1
        message = f"{where} moved since the translation (was block {old_index + 1})"
        if change.summary:
            message += f" and edited: {change.summary}"
            details["diff"] = change.diff
        message += f"; move {english}" if change.target else ""
    elif change.code == SOURCE_ADDED:
        if change.insert_before is not None:
            spot = f"before {_english(target, (change.insert_before,))}"
        elif change.insert_after is not None:
            spot = f"after {_english(target, (change.insert_after,))}"
        else:
            spot = "at the end"
        message = (
            f"{where} added since the translation: {quote(change.new_text)}; translate it {spot}"
        )
        if change.insert_before is not None:
            details["insert_before"] = str(change.insert_before)
        if change.insert_after is not None:
            details["insert_after"] = str(change.insert_after)
    else:  # removed
        if change.target:
            message = (
                f"{change.kind} removed since the translation: {quote(change.old_text)}; "
                f"{english} is now stale"
            )
        else:
            message = (
                f"{change.kind} removed since the translation: {quote(change.old_text)}; "
                "it had no English"
            )
        details["old_text"] = change.old_text
    if change.old is not None:
        details["old_block"] = str(change.old)
        details["old_fingerprint"] = record.blocks[change.old].fingerprint
    return Finding(
        code=change.code,
        severity=settings.severity(change.code),
        message=message,
        source=(change.new,) if change.new is not None else (),
        target=change.target,
        details=tuple(sorted(details.items())),
    )


def compare_with_record(
    alignment: Alignment,
    corpus_root: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
) -> HistoryReport | None:
    """Compare ALIGNMENT with the recorded state of its pair; None when nothing is recorded.

    A record made for another translation of the same original yields a report that is not
    `applicable`, with no changes and a note saying why. A damaged record raises RecordError.
    This is the entry point for `align`, `status` and `lint`.
    """
    settings = settings or Settings()
    root = (
        Path(corpus_root)
        if corpus_root
        else corpus_root_of(alignment.source.path, settings.source_language)
    )
    path = find_record(alignment.source.path, root)
    if path is None:
        return None
    record = read_record(path)
    translation = corpus_relative(alignment.target.path, root)
    if record.translation != translation:
        note = (
            f"record {display_path(path)} is for translation {record.translation}, "
            f"not {translation}; ignored (run `hupli accept` to record this pair)"
        )
        return HistoryReport("record", display_path(path), (), (), (note,), applicable=False)
    notes = []
    if record.signature and record.signature != alignment.signature:
        notes.append(f"record was made with other settings ({record.signature})")
    return compare(
        record, alignment, settings, basis="record", basis_path=display_path(path), notes=notes
    )


def compare_with_original(
    alignment: Alignment,
    old_original: Document,
    settings: Settings | None = None,
) -> HistoryReport:
    """Compare ALIGNMENT's original with an older version of it, OLD_ORIGINAL.

    OLD_ORIGINAL is aligned with the same translation first; that alignment stands in for
    the record, telling which English blocks each old Finnish block was translated as.
    """
    from hupli.align import align_documents

    settings = settings or Settings()
    old = align_documents(old_original, alignment.target, settings)
    root = corpus_root_of(old_original.path, settings.source_language)
    record = build_record(old, root)
    return compare(record, alignment, settings, basis="since", basis_path=old_original.path)


def annotate(alignment: Alignment, report: HistoryReport) -> Alignment:
    """ALIGNMENT with REPORT's findings on the links they concern.

    A finding goes on the link holding its current original block, else on the link holding
    its first English block; one that fits no link becomes a document-level finding.
    """
    by_source: dict[int, int] = {}
    by_target: dict[int, int] = {}
    for n, link in enumerate(alignment.links):
        for i in link.source:
            by_source[i] = n
        for j in link.target:
            by_target[j] = n
    extra: dict[int, list[Finding]] = {}
    loose: list[Finding] = []
    for finding in report.findings:
        if finding.source and finding.source[0] in by_source:
            extra.setdefault(by_source[finding.source[0]], []).append(finding)
        elif finding.target and finding.target[0] in by_target:
            extra.setdefault(by_target[finding.target[0]], []).append(finding)
        else:
            loose.append(finding)
    links: list[Link] = [
        replace(link, findings=(*link.findings, *extra[n])) if n in extra else link
        for n, link in enumerate(alignment.links)
    ]
    return replace(alignment, links=tuple(links), findings=(*alignment.findings, *loose))
