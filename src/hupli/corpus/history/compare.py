"""What changed in the original since the translation was last brought up to date.

When a translator accepts an alignment (`hupli accept ORIGINAL TRANSLATION`, or
`hupli align … --record`), hupli writes a *record* of the pair into the corpus: for each
block of the original its fingerprint, kind and normalised text, and the translation blocks
it maps to. A later run diffs the current original against the record (or against an older
copy of the original, `hupli align NEW TRANSLATION --since OLD`) and reports, against the
English blocks they touch, which Finnish blocks were edited, rewritten, added, removed or
moved since.

Where records live: under the *corpus root* of the original, the nearest folder above it
that holds `hupli.toml`, `pyproject.toml` or `.hupli/`, or that has a folder named after the
source language (`fi/`); failing that, the original's own folder. The record of
`corpus/fi/page.md` is `corpus/.hupli/records/fi/page.md.json`, a path a person can guess
and git can track next to the pages it describes.

The record is JSON with one block per line and paths relative to the corpus root, so a
`git diff` of a record reads as "this paragraph changed", and checkouts elsewhere agree:

>>> from hupli.history import diff_texts
>>> [(c.code, c.summary) for c in diff_texts(["Hei 1339.", "Vanha."], ["Hei 1439."])]
[('source-changed', '1339 → 1439'), ('source-removed', 'Vanha.')]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hupli import __version__
from hupli.model import RECORDS_FOLDER, Alignment, Document, Finding, HupliError, Link
from hupli.settings import Settings

if TYPE_CHECKING:
    from rich.console import Console

RECORD_FORMAT = "hupli-record/1"
RECORDS_DIR = Path(RECORDS_FOLDER)
ROOT_MARKERS = ("hupli.toml", "pyproject.toml", ".hupli")

SOURCE_CHANGED = "source-changed"
SOURCE_REWRITTEN = "source-rewritten"
SOURCE_ADDED = "source-added"
SOURCE_REMOVED = "source-removed"
SOURCE_MOVED = "source-moved"
HISTORY_CODES = (SOURCE_CHANGED, SOURCE_REWRITTEN, SOURCE_ADDED, SOURCE_REMOVED, SOURCE_MOVED)

# Word-level similarity (difflib ratio over lower-cased words) at or above which two blocks
# are one block edited: a number or a word or two changed. Below it, the pair is a rewrite
# as long as either measure shows kinship; unrelated paragraphs of the sample corpus reach
# at most 0.33 in words and 54 in rapidfuzz's character ratio, so the rewrite thresholds
# sit above both.
EDIT_SIMILARITY = 0.6
EDIT_CHAR_SIMILARITY = 85.0  # short blocks: "Hei 1339." → "Hei 1439." is an edit
REWRITE_WORD_SIMILARITY = 0.4
REWRITE_CHAR_SIMILARITY = 62.0
# Above this many candidate pairs, pairing inside a replaced region falls back to position;
# a page rewritten wholesale is reported block by block without the quadratic work.
MAX_PAIRING_CELLS = 250_000


class RecordError(HupliError):
    """A record file cannot be read or does not hold a hupli record."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        super().__init__(
            f"{path}: {reason} (delete the file, or run `hupli accept ORIGINAL TRANSLATION` "
            "to write it again, or use `--no-history` to ignore it)"
        )


# --- fingerprints and paths ------------------------------------------------------------


def normalise_for_fingerprint(text: str) -> str:
    """The form two blocks must share to count as unchanged: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    """Short stable hash of a block's normalised text.

    >>> fingerprint("Hei  maailma") == fingerprint("Hei maailma")
    True
    """
    digest = hashlib.sha256(normalise_for_fingerprint(text).encode("utf-8"))
    return digest.hexdigest()[:16]


def find_corpus_root(path: str | os.PathLike[str], source_language: str = "fi") -> Path:
    """The nearest folder above PATH that looks like the top of a corpus, else PATH's folder."""
    start = Path(path).resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
        if (folder / source_language).is_dir():
            return folder
    return start


def display_path(path: str | os.PathLike[str]) -> str:
    """PATH relative to the working folder when it lies below it, as people typed it."""
    relative = os.path.relpath(Path(path).resolve())
    return str(path) if relative.startswith("..") else relative


def _relative(path: str | os.PathLike[str], root: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


def record_path(
    original: str | os.PathLike[str],
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path:
    """Where the record for ORIGINAL lives: `<corpus root>/.hupli/records/<original>.json`."""
    root = Path(corpus_root) if corpus_root else find_corpus_root(original, source_language)
    relative = _relative(original, root)
    # An original outside its corpus root (given explicitly) must not escape the records folder.
    safe = "/".join("__" if part == ".." else part for part in relative.split("/"))
    return root / RECORDS_DIR / f"{safe}.json"


# --- the record ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordBlock:
    fingerprint: str
    kind: str
    text: str
    target: tuple[int, ...]  # translation block indices this block was translated as


@dataclass(frozen=True)
class Record:
    original: str  # relative to the corpus root, POSIX separators
    translation: str
    signature: str
    version: str
    blocks: tuple[RecordBlock, ...]
    translation_blocks: tuple[str, ...]  # fingerprint of each translation block

    def to_text(self) -> str:
        """Deterministic JSON, one block per line, so `git diff` shows which block changed."""

        def dump(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)

        lines = [
            "{",
            f'  "format": {dump(RECORD_FORMAT)},',
            f'  "hupli": {dump(self.version)},',
            f'  "original": {dump(self.original)},',
            f'  "signature": {dump(self.signature)},',
            f'  "translation": {dump(self.translation)},',
            '  "blocks": [',
        ]
        rows = [
            "    "
            + dump(
                {
                    "fingerprint": b.fingerprint,
                    "kind": b.kind,
                    "target": list(b.target),
                    "text": b.text,
                }
            )
            for b in self.blocks
        ]
        if rows:
            lines.append(",\n".join(rows))
        lines.append("  ],")
        lines.append('  "translation_blocks": [')
        fps = [f"    {dump(fp)}" for fp in self.translation_blocks]
        if fps:
            lines.append(",\n".join(fps))
        lines.append("  ]")
        lines.append("}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str, path: str | os.PathLike[str] = "<record>") -> Record:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(path, f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise RecordError(path, f"not a hupli record (format {found!r}, want {RECORD_FORMAT})")
        try:
            blocks = tuple(
                RecordBlock(
                    fingerprint=str(b["fingerprint"]),
                    kind=str(b["kind"]),
                    text=str(b["text"]),
                    target=tuple(int(t) for t in b["target"]),
                )
                for b in data["blocks"]
            )
            return cls(
                original=str(data["original"]),
                translation=str(data["translation"]),
                signature=str(data.get("signature", "")),
                version=str(data.get("hupli", "")),
                blocks=blocks,
                translation_blocks=tuple(str(fp) for fp in data.get("translation_blocks", [])),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(path, f"record is damaged: bad or missing field {exc}") from None


def _target_map(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    mapping: dict[int, tuple[int, ...]] = {}
    for link in alignment.links:
        for i in link.source:
            mapping[i] = link.target
    return mapping


def build_record(alignment: Alignment, corpus_root: str | os.PathLike[str]) -> Record:
    """The record of an accepted alignment, paths relative to CORPUS_ROOT."""
    root = Path(corpus_root)
    mapping = _target_map(alignment)
    return Record(
        original=_relative(alignment.source.path, root),
        translation=_relative(alignment.target.path, root),
        signature=alignment.signature,
        version=__version__,
        blocks=tuple(
            RecordBlock(fingerprint(b.text), b.kind, b.text, mapping.get(b.index, ()))
            for b in alignment.source.blocks
        ),
        translation_blocks=tuple(fingerprint(b.text) for b in alignment.target.blocks),
    )


def write_record(
    alignment: Alignment,
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path:
    """Record ALIGNMENT as accepted; return the record's path. Written atomically."""
    from hupli.document.read import write_atomic

    root = (
        Path(corpus_root)
        if corpus_root
        else find_corpus_root(alignment.source.path, source_language)
    )
    path = record_path(alignment.source.path, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, build_record(alignment, root).to_text().encode("utf-8"))
    return path


def read_record(path: str | os.PathLike[str]) -> Record:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RecordError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise RecordError(path, f"cannot read: {exc.strerror or exc}") from None
    return Record.from_text(text, path)


# --- diffing two versions of the original ----------------------------------------------

_WORD_EDGES = re.compile(r"^\W+|\W+$")
# Words keep inner punctuation (9.4.2020, 1,5, Hupli-Oinonen); other punctuation is its own
# token, so "1339." → "1439." diffs as 1339 → 1439.
_TOKEN = re.compile(r"\w+(?:[-–.,:/'’]\w+)*|[^\w\s]")


def _word_keys(text: str) -> list[str]:
    # Compare words without case and edge punctuation, so "kertaa." ~ "kertaa".
    return [_WORD_EDGES.sub("", w).casefold() or w for w in text.split()]


def similarity(old: str, new: str) -> tuple[float, float]:
    """(word ratio in [0, 1], rapidfuzz character ratio in [0, 100]) of two block texts."""
    from rapidfuzz import fuzz

    words = SequenceMatcher(None, _word_keys(old), _word_keys(new), autojunk=False).ratio()
    return words, fuzz.ratio(normalise_for_fingerprint(old), normalise_for_fingerprint(new))


def classify(old: str, new: str) -> str | None:
    """SOURCE_CHANGED for a small edit, SOURCE_REWRITTEN for a heavy one, None if unrelated."""
    words, chars = similarity(old, new)
    if words >= EDIT_SIMILARITY or chars >= EDIT_CHAR_SIMILARITY:
        return SOURCE_CHANGED
    if words >= REWRITE_WORD_SIMILARITY or chars >= REWRITE_CHAR_SIMILARITY:
        return SOURCE_REWRITTEN
    return None


Token = tuple[str, bool]  # (token, preceded by whitespace)


def _tokens(text: str) -> list[Token]:
    return [
        (m.group(), m.start() > 0 and text[m.start() - 1].isspace()) for m in _TOKEN.finditer(text)
    ]


def _render(tokens: Sequence[Token], lead: bool = False) -> str:
    """Tokens back to text with their original spacing; LEAD keeps the first one's space."""
    return "".join(
        (" " if space and (k or lead) else "") + tok for k, (tok, space) in enumerate(tokens)
    )


def word_diff(old: str, new: str, context: int = 3) -> tuple[str, str]:
    """(summary, wdiff) of a block's change: `1339 → 1439` and `… peräti [-1339-]{+1439+} …`.

    >>> word_diff("Katsottiin 1339 kertaa.", "Katsottiin 1439 kertaa.")
    ('1339 → 1439', 'Katsottiin [-1339-]{+1439+} kertaa.')
    """
    a, b = _tokens(old), _tokens(new)
    ka, kb = [t for t, _ in a], [t for t, _ in b]
    ops = SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    summary: list[str] = []
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        lead = bool(out)
        if tag == "equal":
            chunk = a[i1:i2]
            first, last = n == 0, n == len(ops) - 1
            if first and len(chunk) > context:
                out.append("…" + _render(chunk[-context:], lead=True))
            elif last and len(chunk) > context:
                out.append(_render(chunk[:context], lead=lead) + " …")
            elif not first and not last and len(chunk) > 2 * context + 1:
                head, tail = _render(chunk[:context], lead=lead), _render(chunk[-context:], True)
                out.append(f"{head} …{tail}")
            else:
                out.append(_render(chunk, lead=lead))
            continue
        gone, came = _render(a[i1:i2]), _render(b[j1:j2])
        space = " " if lead and (a[i1:i2] or b[j1:j2])[0][1] else ""
        if tag == "replace":
            summary.append(f"{gone} → {came}")
            out.append(f"{space}[-{gone}-]{{+{came}+}}")
        elif tag == "delete":
            summary.append(f"−“{gone}”")
            out.append(f"{space}[-{gone}-]")
        else:
            summary.append(f"+“{came}”")
            out.append(f"{space}{{+{came}+}}")
    return "; ".join(summary) or "whitespace only", "".join(out)


@dataclass(frozen=True)
class Change:
    """One difference between the recorded (older) original and the current one."""

    code: str
    old: int | None  # block index in the recorded/older original
    new: int | None  # block index in the current original
    old_text: str = ""
    new_text: str = ""
    kind: str = ""
    summary: str = ""  # "1339 → 1439", or the block's text for an addition/removal
    diff: str = ""  # word-level diff, wdiff style
    similarity: float = 1.0
    target: tuple[int, ...] = ()  # translation blocks affected (current indices)
    insert_before: int | None = None  # for an addition: the translation block it precedes
    insert_after: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "old": self.old,
            "new": self.new,
            "kind": self.kind,
            "summary": self.summary,
            "target": list(self.target),
        }
        if self.diff:
            out["diff"] = self.diff
        if self.code in (SOURCE_CHANGED, SOURCE_REWRITTEN, SOURCE_MOVED):
            out["similarity"] = round(self.similarity, 3)
        if self.old_text:
            out["old_text"] = self.old_text
        if self.new_text:
            out["new_text"] = self.new_text
        if self.insert_before is not None:
            out["insert_before"] = self.insert_before
        if self.insert_after is not None:
            out["insert_after"] = self.insert_after
        return out


BlockView = tuple[str, str]  # (kind, text)


def _pair_region(
    old: Sequence[BlockView], new: Sequence[BlockView], i0: int, j0: int
) -> list[tuple[int, int, str, float]]:
    """Pair blocks of a replaced region in order, best related pairs first (a small DP)."""
    n, m = len(old), len(new)
    if n * m > MAX_PAIRING_CELLS:
        pairs = []
        for k in range(min(n, m)):
            code = classify(old[k][1], new[k][1])
            if code:
                pairs.append((i0 + k, j0 + k, code, similarity(old[k][1], new[k][1])[0]))
        return pairs
    gain: dict[tuple[int, int], tuple[float, str, float]] = {}
    for i in range(n):
        for j in range(m):
            code = classify(old[i][1], new[j][1])
            if code:
                words, chars = similarity(old[i][1], new[j][1])
                gain[i, j] = (max(words, chars / 100.0), code, words)
    # best[i][j]: best total gain pairing old[i:] with new[j:] in order.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = gain[i, j][0] + best[i + 1][j + 1] if (i, j) in gain else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if (i, j) in gain and best[i][j] == gain[i, j][0] + best[i + 1][j + 1]:
            pairs.append((i0 + i, j0 + j, gain[i, j][1], gain[i, j][2]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def diff_blocks(old: Sequence[BlockView], new: Sequence[BlockView]) -> list[Change]:
    """Changes that turn OLD blocks into NEW ones, in the current original's order.

    Unchanged blocks are matched by fingerprint (difflib over the sequences); in each
    replaced region, blocks are paired by similarity so an edit is not a removal plus an
    addition; blocks left over that reappear elsewhere are moves.
    """
    fa = [fingerprint(text) for _, text in old]
    fb = [fingerprint(text) for _, text in new]
    matcher = SequenceMatcher(None, fa, fb, autojunk=False)
    changes: list[Change] = []
    gone: list[int] = []  # old indices not matched in place
    came: list[int] = []  # new indices not matched in place
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired_old: set[int] = set()
        paired_new: set[int] = set()
        if tag == "replace":
            for i, j, code, score in _pair_region(old[i1:i2], new[j1:j2], i1, j1):
                changes.append(_edit(code, old, new, i, j, score))
                paired_old.add(i)
                paired_new.add(j)
        gone += [i for i in range(i1, i2) if i not in paired_old]
        came += [j for j in range(j1, j2) if j not in paired_new]
    # Moves: a block that left one place and reappears in another, verbatim or edited.
    moved_old: set[int] = set()
    moved_new: set[int] = set()
    for j in came:
        candidates = [i for i in gone if i not in moved_old and fa[i] == fb[j]]
        if not candidates:
            candidates = [
                i
                for i in gone
                if i not in moved_old and classify(old[i][1], new[j][1]) == SOURCE_CHANGED
            ]
        if candidates:
            i = candidates[0]
            moved_old.add(i)
            moved_new.add(j)
            changes.append(_edit(SOURCE_MOVED, old, new, i, j, similarity(old[i][1], new[j][1])[0]))
    for i in gone:
        if i not in moved_old:
            kind, text = old[i]
            changes.append(Change(SOURCE_REMOVED, i, None, old_text=text, kind=kind, summary=text))
    for j in came:
        if j not in moved_new:
            kind, text = new[j]
            changes.append(Change(SOURCE_ADDED, None, j, new_text=text, kind=kind, summary=text))
    return sorted(changes, key=_order(matcher, changes))


def _edit(
    code: str, old: Sequence[BlockView], new: Sequence[BlockView], i: int, j: int, score: float
) -> Change:
    summary, diff = ("", "")
    if old[i][1] != new[j][1]:
        summary, diff = word_diff(old[i][1], new[j][1])
    return Change(
        code,
        i,
        j,
        old_text=old[i][1],
        new_text=new[j][1],
        kind=new[j][0],
        summary=summary,
        diff=diff,
        similarity=score,
    )


def _order(matcher: SequenceMatcher[str], changes: Sequence[Change]) -> Any:
    # Removed blocks sort where they used to be: just after the current block that follows
    # from the nearest kept (or edited, but not moved) old block before them.
    old_to_new: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            old_to_new[block.a + k] = block.b + k
    for change in changes:
        if change.old is not None and change.new is not None and change.code != SOURCE_MOVED:
            old_to_new[change.old] = change.new

    def key(change: Change) -> tuple[float, int]:
        if change.new is not None:
            return (float(change.new), 0)
        old = change.old or 0
        before = [new for i, new in old_to_new.items() if i < old]
        return (max(before, default=-1) + 0.5, old)

    return key


def diff_texts(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """`diff_blocks` for plain lists of paragraph texts (tests, quick looks)."""
    return diff_blocks([("paragraph", t) for t in old], [("paragraph", t) for t in new])


# --- comparing an alignment with a record ----------------------------------------------


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
    for tag, i1, i2, j1, j2 in SequenceMatcher(
        None, list(recorded), now, autojunk=False
    ).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            remap.update(zip(range(i1, i2), range(j1, j2), strict=True))
    return remap


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"


def _english(target: Document, indices: Sequence[int]) -> str:
    if not indices:
        return "no English block"
    block = target.blocks[indices[0]]
    return f"English line {block.line} {_quote(block.text, 50)}"


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
    current_links = _target_map(alignment)

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
    for block in SequenceMatcher(None, fa, fb, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            new_to_old[block.b + k] = block.a + k

    changes: list[Change] = []
    findings: list[Finding] = []
    for change in raw:
        change = replace(change, target=english_for(change))
        if change.code == SOURCE_ADDED and change.new is not None:
            change = _place(change, new_to_old, record, remap, len(source.blocks))
        changes.append(change)
        findings.append(_finding(change, source, target, record, settings))
    return HistoryReport(
        basis=basis,
        basis_path=basis_path,
        changes=tuple(changes),
        findings=tuple(findings),
        notes=tuple(notes),
    )


def _place(
    change: Change,
    new_to_old: dict[int, int | None],
    record: Record,
    remap: dict[int, int],
    n_new: int,
) -> Change:
    """Where an added block's English goes: before the English of the next known block."""
    assert change.new is not None
    for j in range(change.new + 1, n_new):
        old = new_to_old.get(j)
        if old is not None:
            mapped = [remap[t] for t in record.blocks[old].target if t in remap]
            if mapped:
                return replace(change, insert_before=min(mapped))
    for j in range(change.new - 1, -1, -1):
        old = new_to_old.get(j)
        if old is not None:
            mapped = [remap[t] for t in record.blocks[old].target if t in remap]
            if mapped:
                return replace(change, insert_after=max(mapped))
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
            f"{where} added since the translation: {_quote(change.new_text)}; translate it {spot}"
        )
        if change.insert_before is not None:
            details["insert_before"] = str(change.insert_before)
        if change.insert_after is not None:
            details["insert_after"] = str(change.insert_after)
    else:  # removed
        if change.target:
            message = (
                f"{change.kind} removed since the translation: {_quote(change.old_text)}; "
                f"{english} is now stale"
            )
        else:
            message = (
                f"{change.kind} removed since the translation: {_quote(change.old_text)}; "
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


def find_record(
    alignment: Alignment,
    corpus_root: str | os.PathLike[str] | None = None,
    source_language: str = "fi",
) -> Path | None:
    """The record file for ALIGNMENT's original, if there is one."""
    path = record_path(alignment.source.path, corpus_root, source_language)
    return path if path.is_file() else None


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
        else find_corpus_root(alignment.source.path, settings.source_language)
    )
    path = find_record(alignment, root)
    if path is None:
        return None
    record = read_record(path)
    translation = _relative(alignment.target.path, root)
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
    root = find_corpus_root(old_original.path, settings.source_language)
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


# --- showing it --------------------------------------------------------------------------


def describe_basis(report: HistoryReport) -> str:
    if report.basis == "since":
        return f"compared with the earlier original {report.basis_path}"
    return f"compared with the record {report.basis_path}"


_LABELS = {
    SOURCE_CHANGED: "edited",
    SOURCE_REWRITTEN: "rewritten",
    SOURCE_ADDED: "added",
    SOURCE_REMOVED: "removed",
    SOURCE_MOVED: "moved",
}


def _headline(report: HistoryReport) -> str:
    counts = [
        f"{sum(1 for c in report.changes if c.code == code)} {label}"
        for code, label in _LABELS.items()
        if any(c.code == code for c in report.changes)
    ]
    return ", ".join(counts) or "no change"


def render_history(report: HistoryReport, alignment: Alignment, console: Console) -> None:
    """A short section: what changed in the original since, each against its English."""
    from hupli.report.terminal import SEVERITY_STYLES, escape

    src, tgt = alignment.source, alignment.target
    head = f"[bold]Since the translation[/] ({escape(describe_basis(report))})"
    if report.applicable:
        head += f": {_headline(report)}"
    console.print(head)
    for note in report.notes:
        console.print(f"  [dim]note: {escape(note)}[/]")
    for change, finding in zip(report.changes, report.findings, strict=True):
        style = SEVERITY_STYLES[finding.severity]
        label = f"[{style}]{_LABELS[change.code]:<9}[/]"
        if change.new is not None:
            here = f"{src.language} line {src.blocks[change.new].line}"
        else:
            older = "record" if report.basis == "record" else "earlier original"
            here = f"{src.language} block {(change.old or 0) + 1} of the {older}"
        english = ", ".join(f"{tgt.language} line {tgt.blocks[t].line}" for t in change.target)
        if change.code == SOURCE_ADDED:
            if change.insert_before is not None:
                english = f"translate before {tgt.language} line "
                english += str(tgt.blocks[change.insert_before].line)
            elif change.insert_after is not None:
                english = f"translate after {tgt.language} line "
                english += str(tgt.blocks[change.insert_after].line)
            else:
                english = "translate at the end"
            what = _quote(change.new_text)
        elif change.code == SOURCE_REMOVED:
            english = f"{english} is stale" if english else "had no English"
            what = _quote(change.old_text)
        else:
            english = english or "no English yet"
            what = change.diff or "(moved unchanged)"
        console.print(f"  {label} {escape(here)} → {escape(english)}: {escape(what)}")
