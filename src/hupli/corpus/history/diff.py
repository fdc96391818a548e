"""Diffing two versions of an original, block by block and word by word.

Unchanged blocks are matched by fingerprint; in each replaced region, blocks are paired by
similarity so that an edit is not a removal plus an addition; blocks that reappear
elsewhere are moves.

>>> [(c.code, c.summary) for c in diff_texts(["Hei 1339.", "Vanha."], ["Hei 1439."])]
[('source-changed', '1339 → 1439'), ('source-removed', 'Vanha.')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hupli import sequence
from hupli.corpus.history.records import fingerprint, normalise_for_fingerprint

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

    words = sequence.ratio(_word_keys(old), _word_keys(new))
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
    ops = sequence.opcodes(ka, kb)
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

    Unchanged blocks are matched by fingerprint (`hupli.sequence`, near-linear however
    often a block repeats); in each replaced region, blocks are paired by similarity so an
    edit is not a removal plus an addition; blocks left over that reappear elsewhere are
    moves.
    """
    fa = [fingerprint(text) for _, text in old]
    fb = [fingerprint(text) for _, text in new]
    matches = sequence.matching_blocks(fa, fb)
    changes: list[Change] = []
    gone: list[int] = []  # old indices not matched in place
    came: list[int] = []  # new indices not matched in place
    for tag, i1, i2, j1, j2 in sequence.opcodes(fa, fb):
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
    # Verbatim ones are found by fingerprint; edited ones by comparing every pair, only
    # while that is at most MAX_PAIRING_CELLS comparisons (a page rewritten wholesale has
    # thousands of blocks gone and come, and its moves are removals and additions).
    moved_old: set[int] = set()
    moved_new: set[int] = set()
    gone_by_fingerprint: dict[str, list[int]] = {}
    for i in reversed(gone):  # popped from the end: the first one gone first
        gone_by_fingerprint.setdefault(fa[i], []).append(i)
    compare_all = len(gone) * len(came) <= MAX_PAIRING_CELLS
    for j in came:
        same = gone_by_fingerprint.get(fb[j], [])
        while same and same[-1] in moved_old:
            same.pop()
        candidates = same[-1:]
        if not candidates and compare_all:
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
    return sorted(changes, key=_order(matches, changes))


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


def _order(matches: Sequence[sequence.Match], changes: Sequence[Change]) -> Any:
    # Removed blocks sort where they used to be: just after the current block that follows
    # from the nearest kept (or edited, but not moved) old block before them.
    old_to_new: dict[int, int] = {}
    for a, b, size in matches:
        for k in range(size):
            old_to_new[a + k] = b + k
    for change in changes:
        if change.old is not None and change.new is not None and change.code != SOURCE_MOVED:
            old_to_new[change.old] = change.new
    # The largest new index of the old blocks before each one, once (not per removal).
    olds = sorted(old_to_new)
    running: list[int] = []
    for i in olds:
        running.append(max(old_to_new[i], running[-1] if running else -1))

    def key(change: Change) -> tuple[float, int]:
        if change.new is not None:
            return (float(change.new), 0)
        old = change.old or 0
        before = bisect.bisect_left(olds, old)
        return ((running[before - 1] if before else -1) + 0.5, old)

    return key


def diff_texts(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """`diff_blocks` for plain lists of paragraph texts (tests, quick looks)."""
    return diff_blocks([("paragraph", t) for t in old], [("paragraph", t) for t in new])
