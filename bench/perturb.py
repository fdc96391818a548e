"""Seeded test cases for paragraph alignment, made from real fi→en translations.

Run from the repository root to see what is generated:

    python bench/perturb.py                         # summary of the test split's cases
    python bench/perturb.py --split reverse         # the English-origin (reverse) set
    python bench/perturb.py --show 3                # texts and gold of case number 3
    python bench/perturb.py --seed 7 --variants 2

WMT16 has sentences but no paragraphs, so each document becomes paragraphs here: the
headline alone first, then runs of 1–4 sentences, the same on both sides. Sets (see
bench/evaldata.py): "dev" and "test" are the Finnish-original documents split by the hash of
their docid; "reverse" is the English-original documents, whose Finnish is the translation
(hupli still aligns the Finnish as source and the English as target). Foreign text comes from
the other direction's documents: English-origin ones for dev/test, Finnish-origin ones'
English for reverse.

A share CLEAN_SHARE (15 %) of the cases stays untouched. In every other case the English
side is damaged the way real translations drift from their originals: 1 to
min(5, body paragraphs // 2 + 1) operations, each drawn with OPERATION_WEIGHTS (an operation
with no place to go is drawn again, up to three times the number wanted):

- merge (1.0): two English paragraphs joined into one                  (gold 2-1)
- split (1.0): one English paragraph cut at a sentence boundary         (gold 1-2)
- omit (1.3): an English paragraph dropped, often a short or the first/last one (gold 1-0)
- insert (1.0): a paragraph from an unrelated document                  (gold 0-1)
- number (1.2): one digit changed in a number both sides share          (gold 1-1, "changed")
- move (0.6, at most one a case, applied after the others): an English paragraph moved so
  that at least two English paragraphs translating Finnish ones lie between its old and new
  place (gold: a 1-1 link with status "moved" from the Finnish block to the English block
  where it now stands; it crosses at least two other links)
- replace (0.8): an English paragraph swapped for a paragraph of an unrelated document, half
  of the time the one closest in length (gold 1-0 for the Finnish, 0-1 for the foreign one)
- split-insert (0.6): a split whose two halves have an unrelated paragraph between them
  (gold: a 1-2 link to the two halves, which are not adjacent, and 0-1 for the paragraph)
- drop-sentence (1.0): one sentence deleted from a multi-sentence English paragraph (gold:
  the 1-1 link stays, plus a "missing-sentence" divergence naming the Finnish sentence)
- add-sentence (1.0): one sentence of an unrelated document inserted into an English
  paragraph (gold: the 1-1 link stays, plus an "added-sentence" naming that sentence)

Then, as translators do everywhere, each English paragraph of a perturbed case (apart from
those with a sentence dropped or added) has its sentences re-cut with probability
RESPLIT_SHARE (15 %): one sentence split in two at ", and" / ", but" / ", so" / ", yet"
("…, and the …" → "…. And the …"), or two adjacent sentences joined with "; " or ", and "
("… rose. The …" → "… rose, and the …"). The paragraph link stays as it was in the gold.

Texts are rendered either like a Markdown export (``# Title`` or ``## **Title**``,
bold/italic spans, no-break spaces, escaped asterisks and ``**\\*\\*\\***`` section
separators on both sides) or as plain text. Every block is one blank-line-separated
paragraph, so gold indices are block indices. Each case records its gold beads
(``gold_links``), which of them are moved (``gold_moved``), number edits (``gold_changed``,
``number_edits``), sentence divergences (``gold_sentences``) and which operations made each
bead (``gold_tags``). Nothing here uses global random state: the same seed gives the same
cases.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Collection
from dataclasses import dataclass, field

from evaldata import DEV, TEST, DocPair, load_wmt16_en_origin, load_wmt16_fien

MARKDOWN = "markdown"
PLAIN = "plain"
STYLES = (MARKDOWN, PLAIN)

HEADING = "heading"
SUBHEADING = "subheading"  # WMT16 intertitles: short segments without closing punctuation
PARAGRAPH = "paragraph"
SEPARATOR = "separator"
SEPARATOR_MARKDOWN = r"**\*\*\***"
SEPARATOR_TEXT = "***"
NBSP = "\u00a0"

MERGE, SPLIT, OMIT, INSERT, NUMBER = "merge", "split", "omit", "insert", "number"
MOVE, REPLACE, SPLIT_INSERT = "move", "replace", "split-insert"
DROP_SENTENCE, ADD_SENTENCE = "drop-sentence", "add-sentence"
RESPLIT = "resplit"
OPERATION_WEIGHTS: dict[str, float] = {
    MERGE: 1.0,
    SPLIT: 1.0,
    OMIT: 1.3,
    INSERT: 1.0,
    NUMBER: 1.2,
    MOVE: 0.6,
    REPLACE: 0.8,
    SPLIT_INSERT: 0.6,
    DROP_SENTENCE: 1.0,
    ADD_SENTENCE: 1.0,
}
OPERATIONS = tuple(OPERATION_WEIGHTS)
ALL_TAGS = (*OPERATIONS, RESPLIT)  # every tag a gold bead can carry
CLEAN_SHARE = 0.15
RESPLIT_SHARE = 0.15
MAX_MOVES = 1
MOVE_MIN_DISTANCE = 2  # English paragraphs between a moved paragraph's old and new place

MISSING_SENTENCE, ADDED_SENTENCE = "missing-sentence", "added-sentence"
FI_EN, REVERSE = "fi-en", "reverse"
SETS = (DEV, TEST, REVERSE)

# A line starting like this would become a list item, quote, heading or rule in Markdown,
# so no paragraph may start with such a sentence (WMT16 has "1) Fed, ..." lists).
_UNSAFE_START = re.compile(r"^([-+*#>=|<]|\d{1,9}[.)](\s|$))")
_DIGITS = re.compile(r"\d+")
# Where an English sentence can be cut in two: ", and the" → ". And the". The word after
# the conjunction must be able to start a clause (a subject), so that both halves stand as
# sentences: "…, and did not…" is not cut.
_CUT = re.compile(r", (and|but|so|yet) (?=([a-z]+) )")
_SUBJECT_WORDS = (
    "the a an this that these those it he she they we i there its his her their our many "
    "some most all one both no other such several"
)
_SUBJECTS = frozenset(_SUBJECT_WORDS.split())
# Words that start a sentence and are lower-cased when it is joined to the one before; a
# sentence starting with any other word is joined only when that word is a name (it is
# capitalised elsewhere in the paragraph, mid-sentence), which keeps its capital.
_FUNCTION_TEXT = (
    "the a an this that these those it its he she they we there in on at for as after "
    "before when however according also some many most all one both his her their our "
    "such if then now still other last next only even no not what which who while during "
    "since until under over about with from by around early later meanwhile yesterday "
    "today several"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


@dataclass(frozen=True)
class SentenceDivergence:
    """A sentence-level divergence inside a gold link that stays as it is."""

    code: str  # MISSING_SENTENCE (text: the Finnish sentence) or ADDED_SENTENCE (English)
    link: int  # index into Case.gold_links
    text: str


@dataclass(frozen=True)
class NumberEdit:
    link: int  # index into Case.gold_links
    old: str
    new: str


@dataclass(frozen=True)
class Case:
    id: str
    source_text: str
    target_text: str
    gold_links: list[tuple[list[int], list[int]]]
    gold_changed: set[int]  # indices into gold_links
    style: str
    source_blocks: list[str] = field(default_factory=list)  # plain text of each block
    target_blocks: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)  # what was done, for error reports
    gold_moved: set[int] = field(default_factory=set)  # indices of links with status moved
    gold_sentences: list[SentenceDivergence] = field(default_factory=list)
    number_edits: list[NumberEdit] = field(default_factory=list)
    gold_tags: list[tuple[str, ...]] = field(default_factory=list)  # per link: what made it
    direction: str = FI_EN

    @property
    def is_clean(self) -> bool:
        return not self.operations

    @property
    def sentence_links(self) -> set[int]:
        """Gold links that hold a sentence-level divergence."""
        return {d.link for d in self.gold_sentences}


@dataclass
class _Block:
    kind: str
    sentences: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(eq=False)
class _Unit:
    """One gold link under construction (or, for a move, the place its English now stands)."""

    source: list[_Block]
    target: list[_Block]
    changed: bool = False
    touched: bool = False
    tags: list[str] = field(default_factory=list)
    sentences_edited: bool = False  # a sentence was dropped or added: its gold names it
    divergences: list[tuple[str, str]] = field(default_factory=list)  # (code, sentence)
    number_edit: tuple[str, str] | None = None
    between: _Block | None = None  # split-insert: rendered between target[0] and target[1]
    moved: bool = False  # the target is rendered where `ghost_of` points to this unit
    ghost_of: _Unit | None = None  # a move's new place: renders that unit's target here

    @property
    def plain_pair(self) -> bool:
        """An untouched 1-1 pair of body paragraphs, free to be perturbed."""
        return (
            not self.touched
            and len(self.source) == 1
            and len(self.target) == 1
            and self.source[0].kind == PARAGRAPH
        )


def _is_body(unit: _Unit) -> bool:
    return bool(unit.source) and unit.source[0].kind == PARAGRAPH


def safe_start(sentence: str) -> bool:
    return not _UNSAFE_START.match(sentence)


def ends_open(sentence: str) -> bool:
    """No closing punctuation: an intertitle, or a sentence a paragraph must not end with
    (hupli's normaliser rightly joins a paragraph that stops mid-sentence to the next)."""
    return sentence[-1:].isalnum()


def _is_intertitle(doc: DocPair, i: int) -> bool:
    fi, en = doc.fi[i], doc.en[i]
    return ends_open(fi) and ends_open(en) and max(len(fi), len(en)) <= 80


def _group(doc: DocPair, rng: random.Random) -> list[_Unit]:
    units = [_Unit([_Block(HEADING, [doc.fi[0]])], [_Block(HEADING, [doc.en[0]])])]
    i, n = 1, len(doc.fi)
    while i < n:
        if _is_intertitle(doc, i):
            units.append(
                _Unit([_Block(SUBHEADING, [doc.fi[i]])], [_Block(SUBHEADING, [doc.en[i]])])
            )
            i += 1
            continue
        size = rng.choices((1, 2, 3, 4), weights=(3, 4, 3, 2))[0]
        end = i + 1
        while end < n and not _is_intertitle(doc, end):
            # A paragraph may only start at a sentence that is safe on both sides, and may
            # only end at a sentence with closing punctuation on both sides.
            closed = not (ends_open(doc.fi[end - 1]) or ends_open(doc.en[end - 1]))
            safe = safe_start(doc.fi[end]) and safe_start(doc.en[end])
            if end - i >= size and closed and safe:
                break
            end += 1
        units.append(
            _Unit(
                [_Block(PARAGRAPH, list(doc.fi[i:end]))], [_Block(PARAGRAPH, list(doc.en[i:end]))]
            )
        )
        i = end
    return units


@dataclass(frozen=True)
class Foreign:
    """Unrelated English text to insert: paragraphs (runs of 1–3 sentences) and sentences."""

    paragraphs: list[list[str]]
    sentences: list[str]


def _foreign_paragraphs(others: list[DocPair]) -> list[list[str]]:
    """Candidate insertions: runs of 1–3 safe sentences from the other documents' English."""
    out = []
    for doc in others:
        body = [s for s in doc.en[1:] if s]
        for start in range(0, len(body), 3):
            run = body[start : start + 3]
            if run and safe_start(run[0]) and not any(ends_open(x) for x in run):
                out.append(run)
    return out


def _foreign_sentences(others: list[DocPair]) -> list[str]:
    """Candidate sentence insertions: closed, safe body sentences of 30–220 characters."""
    return [
        s
        for doc in others
        for s in doc.en[1:]
        if 30 <= len(s) <= 220 and safe_start(s) and not ends_open(s) and _balanced(s)
    ]


def _balanced(sentence: str) -> bool:
    """Quotes and brackets closed: WMT16 segments sometimes start or end inside a quote."""
    return (
        sentence.count('"') % 2 == 0
        and sentence.count("“") == sentence.count("”")
        and sentence.count("(") == sentence.count(")")
    )


def foreign_text(others: list[DocPair]) -> Foreign:
    return Foreign(_foreign_paragraphs(others), _foreign_sentences(others))


def _merge(units: list[_Unit], rng: random.Random) -> str | None:
    spots = [i for i in range(len(units) - 1) if units[i].plain_pair and units[i + 1].plain_pair]
    if not spots:
        return None
    i = rng.choice(spots)
    a, b = units[i], units[i + 1]
    merged = _Block(PARAGRAPH, a.target[0].sentences + b.target[0].sentences)
    units[i : i + 2] = [_Unit(a.source + b.source, [merged], touched=True, tags=[MERGE])]
    return f"merge@{i}"


def _split_spots(units: list[_Unit]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, u in enumerate(units)
        if u.plain_pair
        for j in range(1, len(u.target[0].sentences))
        if safe_start(u.target[0].sentences[j]) and not ends_open(u.target[0].sentences[j - 1])
    ]


def _split(units: list[_Unit], rng: random.Random) -> str | None:
    spots = _split_spots(units)
    if not spots:
        return None
    i, j = rng.choice(spots)
    sentences = units[i].target[0].sentences
    units[i].target = [_Block(PARAGRAPH, sentences[:j]), _Block(PARAGRAPH, sentences[j:])]
    units[i].touched = True
    units[i].tags.append(SPLIT)
    return f"split@{i}"


def _split_insert(units: list[_Unit], rng: random.Random, foreign: Foreign) -> str | None:
    """A split whose halves have an unrelated paragraph between them."""
    spots = _split_spots(units)
    if not spots or not foreign.paragraphs:
        return None
    i, j = rng.choice(spots)
    sentences = units[i].target[0].sentences
    units[i].target = [_Block(PARAGRAPH, sentences[:j]), _Block(PARAGRAPH, sentences[j:])]
    units[i].between = _Block(PARAGRAPH, list(rng.choice(foreign.paragraphs)))
    units[i].touched = True
    units[i].tags.append(SPLIT_INSERT)
    return f"split-insert@{i}"


def _omit(units: list[_Unit], rng: random.Random) -> str | None:
    spots = [i for i, u in enumerate(units) if u.plain_pair]
    kept = sum(1 for u in units if u.target and u.source and u.source[0].kind == PARAGRAPH)
    if not spots or kept <= 2:
        return None
    mode = rng.random()
    if mode < 0.3:  # a short paragraph: the hard case for a length model
        spots.sort(key=lambda i: len(units[i].target[0].text))
        i = rng.choice(spots[:2])
    elif mode < 0.6:  # the first or last body paragraph: edge of the DP
        body = [k for k, u in enumerate(units) if u.source and u.source[0].kind == PARAGRAPH]
        edges = [k for k in (body[0], body[-1]) if k in spots]
        i = rng.choice(edges or spots)
    else:
        i = rng.choice(spots)
    units[i].target = []
    units[i].touched = True
    units[i].tags.append(OMIT)
    return f"omit@{i}"


def _can_follow(units: list[_Unit], k: int, skip: _Unit | None = None) -> bool:
    """Whether a new English paragraph may stand before units[k]: the English block it would
    follow must not be a paragraph ending mid-sentence (WMT16 has some before intertitles and
    at the end), or hupli's normaliser would rightly join the two into one block."""
    for unit in reversed(units[:k]):
        if unit is skip or unit.moved:
            continue
        owner = unit.ghost_of or unit
        if owner.target:
            last = owner.target[-1]
            return last.kind != PARAGRAPH or not ends_open(last.sentences[-1])
    return False  # never before the headline


def _insert(units: list[_Unit], rng: random.Random, foreign: Foreign) -> str | None:
    if not foreign.paragraphs:
        return None
    sentences = list(rng.choice(foreign.paragraphs))
    if len(sentences) > 1 and rng.random() < 0.5:
        sentences = sentences[: rng.randint(1, len(sentences))]
    spots = [i for i in range(1, len(units) + 1) if _can_follow(units, i)]
    if not spots:
        return None
    i = rng.choice(spots)
    units.insert(i, _Unit([], [_Block(PARAGRAPH, sentences)], touched=True, tags=[INSERT]))
    return f"insert@{i}"


def _replace(units: list[_Unit], rng: random.Random, foreign: Foreign) -> str | None:
    """An English paragraph swapped for an unrelated one: half of the time the unrelated
    paragraph closest in length (the hard case: length alone says 1-1), else any."""
    spots = [i for i, u in enumerate(units) if u.plain_pair]
    kept = sum(1 for u in units if u.target and u.source and u.source[0].kind == PARAGRAPH)
    if not spots or kept <= 2 or not foreign.paragraphs:
        return None
    i = rng.choice(spots)
    if rng.random() < 0.5:
        length = len(units[i].target[0].text)
        sentences = min(foreign.paragraphs, key=lambda p: (abs(len(" ".join(p)) - length), p))
    else:
        sentences = rng.choice(foreign.paragraphs)
    units[i].target = []
    units[i].touched = True
    units[i].tags.append(REPLACE)
    foreign_block = _Block(PARAGRAPH, list(sentences))
    units.insert(i + 1, _Unit([], [foreign_block], touched=True, tags=[REPLACE]))
    return f"replace@{i}"


def _drop_sentence(units: list[_Unit], rng: random.Random) -> str | None:
    """One sentence deleted from a multi-sentence English paragraph."""
    spots = []
    for i, u in enumerate(units):
        if not u.plain_pair or u.sentences_edited:
            continue
        en, fi = u.target[0].sentences, u.source[0].sentences
        if len(en) < 2 or len(en) != len(fi):
            continue
        for k in range(len(en)):
            rest = en[:k] + en[k + 1 :]
            if safe_start(rest[0]) and not ends_open(rest[-1]) and len(fi[k]) >= 20:
                spots.append((i, k))
    if not spots:
        return None
    i, k = rng.choice(spots)
    unit = units[i]
    finnish = unit.source[0].sentences[k]
    del unit.target[0].sentences[k]
    unit.divergences.append((MISSING_SENTENCE, finnish))
    unit.touched = unit.sentences_edited = True
    unit.tags.append(DROP_SENTENCE)
    return f"drop-sentence@{i}.{k}"


def _add_sentence(units: list[_Unit], rng: random.Random, foreign: Foreign) -> str | None:
    """One unrelated sentence inserted into an English paragraph, at any sentence boundary."""
    spots = [i for i, u in enumerate(units) if u.plain_pair and not u.sentences_edited]
    if not spots or not foreign.sentences:
        return None
    i = rng.choice(spots)
    unit = units[i]
    sentence = rng.choice(foreign.sentences)
    k = rng.randint(0, len(unit.target[0].sentences))
    unit.target[0].sentences.insert(k, sentence)
    unit.divergences.append((ADDED_SENTENCE, sentence))
    unit.touched = unit.sentences_edited = True
    unit.tags.append(ADD_SENTENCE)
    return f"add-sentence@{i}.{k}"


def _edit_number(units: list[_Unit], rng: random.Random) -> str | None:
    spots = []
    for i, u in enumerate(units):
        if u.touched or len(u.source) != 1 or len(u.target) != 1 or u.source[0].kind == SEPARATOR:
            continue
        fi_numbers = set(_DIGITS.findall(u.source[0].text))
        for k, sentence in enumerate(u.target[0].sentences):
            for m in _DIGITS.finditer(sentence):
                if m.group() in fi_numbers:
                    spots.append((i, k, m.start(), m.group(), fi_numbers))
    if not spots:
        return None
    i, k, start, number, fi_numbers = rng.choice(spots)
    for _ in range(20):
        pos = rng.randrange(len(number))
        choices = [d for d in "0123456789" if d != number[pos] and not (pos == 0 and d == "0")]
        new = number[:pos] + rng.choice(choices) + number[pos + 1 :]
        if new not in fi_numbers:
            break
    else:
        return None
    sentence = units[i].target[0].sentences[k]
    units[i].target[0].sentences[k] = sentence[:start] + new + sentence[start + len(number) :]
    units[i].changed = True
    units[i].touched = True
    units[i].number_edit = (number, new)
    units[i].tags.append(NUMBER)
    return f"number@{i}:{number}->{new}"


def _translated_blocks(unit: _Unit) -> int:
    """How many English blocks translating Finnish ones a unit puts where it stands."""
    if unit.moved or not unit.source:
        return 0
    return len(unit.target)


def _move(units: list[_Unit], rng: random.Random) -> str | None:
    """Move one English paragraph so that at least MOVE_MIN_DISTANCE English blocks that
    translate Finnish ones lie between its old and new place (crossing only added blocks
    would leave the order unchanged). A ghost unit marks the new place; the unit keeps its
    Finnish block and its gold link."""
    spots = []
    for i, u in enumerate(units):
        if not u.plain_pair or ends_open(u.target[0].sentences[-1]):
            continue  # a paragraph ending mid-sentence would join whatever follows it
        for k in range(1, len(units) + 1):  # the ghost goes before units[k]; never first
            lo, hi = (i + 1, k) if k > i else (k, i)
            between = sum(_translated_blocks(x) for x in units[lo:hi])
            if between >= MOVE_MIN_DISTANCE and _can_follow(units, k, skip=u):
                spots.append((i, k))
    if not spots:
        return None
    i, k = rng.choice(spots)
    unit = units[i]
    unit.moved = unit.touched = True
    unit.tags.append(MOVE)
    units.insert(k, _Unit([], [], touched=True, tags=[MOVE], ghost_of=unit))
    return f"move@{i}->{k}"


def _cut_sentence(sentences: list[str], rng: random.Random) -> bool:
    """Split one sentence in two at ", and the" → ". And the" (or but/so/yet)."""
    spots = []
    for k, sentence in enumerate(sentences):
        for m in _CUT.finditer(sentence):
            left, right = sentence[: m.start()], sentence[m.end() :]
            if m.group(2) not in _SUBJECTS:
                continue
            if len(left) >= 30 and len(right) >= 20 and _balanced(left) and left[-1:].isalnum():
                spots.append((k, m.start(), m.end(), m.group(1)))
    if not spots:
        return False
    k, start, end, word = rng.choice(spots)
    sentence = sentences[k]
    sentences[k : k + 1] = [f"{sentence[:start]}.", f"{word.capitalize()} {sentence[end:]}"]
    return True


def _join_sentences(sentences: list[str], rng: random.Random) -> bool:
    """Join two adjacent sentences with "; " or ", and ", lower-casing a function word."""
    text = " ".join(sentences)
    spots = []
    for k in range(len(sentences) - 1):
        a, b = sentences[k], sentences[k + 1]
        first = b.split(" ", 1)[0]
        name = re.search(rf"[a-z,] {re.escape(first)}\b", text) is not None
        if (
            len(a) >= 20
            and re.search(r"[a-z]\.$", a)
            and _balanced(a)
            and b[:1].isupper()
            and (first.lower() in _FUNCTION_WORDS or name)
        ):
            spots.append(k)
    if not spots:
        return False
    k = rng.choice(spots)
    a, b = sentences[k], sentences[k + 1]
    first = b.split(" ", 1)[0]
    if first.lower() in _FUNCTION_WORDS:
        b = b[0].lower() + b[1:]
    joiner = rng.choice(("; ", ", and "))
    sentences[k : k + 2] = [a[:-1] + joiner + b]
    return True


def _resplit(units: list[_Unit], rng: random.Random) -> list[str]:
    """Re-cut the sentences of English paragraphs, each with probability RESPLIT_SHARE."""
    done = []
    for i, unit in enumerate(units):
        if not unit.source or unit.sentences_edited or unit.ghost_of is not None:
            continue
        for block in unit.target:
            if block.kind != PARAGRAPH or rng.random() >= RESPLIT_SHARE:
                continue
            tools = [_cut_sentence, _join_sentences]
            rng.shuffle(tools)
            if tools[0](block.sentences, rng) or tools[1](block.sentences, rng):
                if RESPLIT not in unit.tags:
                    unit.tags.append(RESPLIT)
                done.append(f"resplit@{i}")
    return done


def _add_separators(units: list[_Unit], rng: random.Random) -> None:
    body = sum(1 for u in units if u.source and u.source[0].kind == PARAGRAPH)
    if body < 4 or rng.random() < 0.4:
        return
    count = 1 if body < 10 else rng.randint(1, 2)
    for _ in range(count):
        i = rng.randint(2, len(units) - 1)
        sep = _Unit([_Block(SEPARATOR, [])], [_Block(SEPARATOR, [])], touched=True)
        units.insert(i, sep)


def perturb(
    units: list[_Unit],
    rng: random.Random,
    foreign: Foreign,
    operations: Collection[str] = ALL_TAGS,
) -> list[str]:
    """Damage the English side in place; return what was done. `operations` (a subset of
    ALL_TAGS) switches the others off, for measuring one kind of damage at a time."""
    if rng.random() < CLEAN_SHARE:
        return []
    body = sum(1 for u in units if u.source and u.source[0].kind == PARAGRAPH)
    wanted = rng.randint(1, max(1, min(5, body // 2 + 1)))
    done: list[str] = []
    moves = 0
    weights = [w if op in operations else 0.0 for op, w in OPERATION_WEIGHTS.items()]
    if not any(weights):
        wanted = 0
    for _ in range(wanted * 3):
        if len(done) + moves >= wanted:
            break
        op = rng.choices(OPERATIONS, weights=weights)[0]
        result: str | None = None
        if op == MERGE:
            result = _merge(units, rng)
        elif op == SPLIT:
            result = _split(units, rng)
        elif op == OMIT:
            result = _omit(units, rng)
        elif op == INSERT:
            result = _insert(units, rng, foreign)
        elif op == NUMBER:
            result = _edit_number(units, rng)
        elif op == MOVE:
            # Applied last, so that no later operation brings the paragraph back near its
            # old place.
            moves += moves < MAX_MOVES
        elif op == REPLACE:
            result = _replace(units, rng, foreign)
        elif op == SPLIT_INSERT:
            result = _split_insert(units, rng, foreign)
        elif op == DROP_SENTENCE:
            result = _drop_sentence(units, rng)
        else:
            result = _add_sentence(units, rng, foreign)
        if result:
            done.append(result)
    for _ in range(moves):
        result = _move(units, rng)
        if result:
            done.append(result)
    return done + (_resplit(units, rng) if RESPLIT in operations else [])


class _Renderer:
    def __init__(self, style: str, rng: random.Random) -> None:
        self.style = style
        self.rng = rng
        self.bold_heading = rng.random() < 0.5
        self.bold_subheading = rng.random() < 0.3
        self.nbsp = style == MARKDOWN and rng.random() < 0.5

    def block(self, block: _Block, footnote: bool) -> str:
        if block.kind == SEPARATOR:
            return SEPARATOR_MARKDOWN if self.style == MARKDOWN else SEPARATOR_TEXT
        if self.style == PLAIN:
            return block.text
        sentences = list(block.sentences)
        if block.kind == HEADING:
            title = self._nbsp(sentences[0])
            return f"## **{title}**" if self.bold_heading else f"# {title}"
        if block.kind == SUBHEADING:
            title = self._nbsp(sentences[0])
            return f"**{title}**" if self.bold_subheading else f"### {title}"
        if self.rng.random() < 0.08:
            k = self.rng.randrange(len(sentences))
            sentences[k] = f"**{sentences[k]}**"
        if self.rng.random() < 0.05:
            k = self.rng.randrange(len(sentences))
            if not sentences[k].startswith("*"):
                sentences[k] = f"*{sentences[k]}*"
        text = self._nbsp(" ".join(sentences))
        return text + "\\*" if footnote else text

    def _nbsp(self, text: str) -> str:
        if not self.nbsp:
            return text
        return re.sub(r"(?<=\d) (?=\S)", lambda _: NBSP if self.rng.random() < 0.6 else " ", text)


def build_case(
    doc: DocPair,
    case_id: str,
    rng: random.Random,
    foreign: Foreign,
    direction: str = FI_EN,
    allowed: Collection[str] = ALL_TAGS,
) -> Case:
    units = _group(doc, rng)
    style = rng.choice(STYLES)
    operations = perturb(units, rng, foreign, allowed)
    if style == MARKDOWN:
        _add_separators(units, rng)
    footnote: _Unit | None = None
    if style == MARKDOWN and rng.random() < 0.25:
        pairs = [u for u in units if u.source and u.target and _is_body(u)]
        footnote = rng.choice(pairs) if pairs else None

    render = _Renderer(style, rng)
    source_parts: list[str] = []
    target_parts: list[str] = []
    source_blocks: list[str] = []
    target_blocks: list[str] = []

    def emit(parts: list[str], texts: list[str], block: _Block, unit: _Unit) -> int:
        parts.append(render.block(block, footnote=unit is footnote))
        texts.append(block.text or SEPARATOR_TEXT)
        return len(parts) - 1

    source_ids: dict[int, list[int]] = {}
    target_ids: dict[int, list[int]] = {}
    between_ids: dict[int, int] = {}
    for unit in units:
        source_ids[id(unit)] = [emit(source_parts, source_blocks, b, unit) for b in unit.source]
        if unit.moved:
            continue  # its English is rendered where its ghost stands
        owner = unit.ghost_of or unit
        ids = []
        for n, block in enumerate(owner.target):
            if n == 1 and owner.between is not None:
                between_ids[id(owner)] = emit(target_parts, target_blocks, owner.between, owner)
            ids.append(emit(target_parts, target_blocks, block, owner))
        target_ids[id(owner)] = ids

    links: list[tuple[list[int], list[int]]] = []
    tags: list[tuple[str, ...]] = []
    changed: set[int] = set()
    moved: set[int] = set()
    sentences: list[SentenceDivergence] = []
    numbers: list[NumberEdit] = []
    for unit in units:
        if unit.ghost_of is not None:
            continue
        n = len(links)
        links.append((source_ids[id(unit)], target_ids.get(id(unit), [])))
        tags.append(tuple(unit.tags))
        if unit.changed:
            changed.add(n)
        if unit.moved:
            moved.add(n)
        if unit.number_edit:
            numbers.append(NumberEdit(n, *unit.number_edit))
        sentences.extend(SentenceDivergence(code, n, text) for code, text in unit.divergences)
        if id(unit) in between_ids:
            links.append(([], [between_ids[id(unit)]]))
            tags.append((SPLIT_INSERT,))
    return Case(
        id=case_id,
        source_text="\n\n".join(source_parts) + "\n",
        target_text="\n\n".join(target_parts) + "\n",
        gold_links=links,
        gold_changed=changed,
        style=style,
        source_blocks=source_blocks,
        target_blocks=target_blocks,
        operations=operations,
        gold_moved=moved,
        gold_sentences=sentences,
        number_edits=numbers,
        gold_tags=tags,
        direction=direction,
    )


def generate_cases(
    seed: int = 0,
    variants: int = 1,
    docs: list[DocPair] | None = None,
    others: list[DocPair] | None = None,
    direction: str = FI_EN,
    operations: Collection[str] = ALL_TAGS,
) -> list[Case]:
    """One case per document and variant; the same seed gives the same cases. By default
    all 79 Finnish-original documents, with foreign text from the English-original ones."""
    docs = load_wmt16_fien() if docs is None else docs
    others = load_wmt16_en_origin() if others is None else others
    foreign = foreign_text(others)
    cases = []
    for variant in range(variants):
        for doc in docs:
            rng = random.Random(f"hupli-bench:{seed}:{variant}:{doc.docid}")
            case_id = f"{doc.docid}/v{variant}"
            cases.append(build_case(doc, case_id, rng, foreign, direction, operations))
    return cases


def generate_set(
    name: str, seed: int = 0, variants: int = 1, operations: Collection[str] = ALL_TAGS
) -> list[Case]:
    """The cases of one set: "dev" or "test" (Finnish originals, foreign text from the
    English-original documents) or "reverse" (English originals with their Finnish
    translations as source, foreign text from the Finnish-original documents' English)."""
    if name in (DEV, TEST):
        docs, others = load_wmt16_fien(split=name), load_wmt16_en_origin()
        return generate_cases(seed, variants, docs, others, FI_EN, operations)
    if name == REVERSE:
        docs, others = load_wmt16_en_origin(), load_wmt16_fien()
        return generate_cases(seed, variants, docs, others, REVERSE, operations)
    raise ValueError(f"unknown set {name!r}; choose one of {SETS}")


def split_paragraphs(text: str) -> list[str]:
    """Blank-line-separated paragraphs, the way the gold counts blocks."""
    return [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]


def summary_lines(cases: list[Case]) -> list[str]:
    counts: dict[str, int] = {}
    for case in cases:
        for op in case.operations:
            name = op.split("@")[0]
            counts[name] = counts.get(name, 0) + 1
    moves: dict[str, int] = {}
    for case in cases:
        for s, t in case.gold_links:
            key = f"{len(s)}-{len(t)}"
            moves[key] = moves.get(key, 0) + 1
    clean = sum(1 for c in cases if c.is_clean)
    styles = {s: sum(1 for c in cases if c.style == s) for s in STYLES}
    sentence_codes = [d.code for c in cases for d in c.gold_sentences]
    return [
        f"{len(cases)} cases ({clean} clean); styles {styles}",
        "operations: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        "gold beads: "
        + ", ".join(f"{k} {v}" for k, v in sorted(moves.items()))
        + f"; moved {sum(len(c.gold_moved) for c in cases)}"
        + f"; number edits {sum(len(c.gold_changed) for c in cases)}"
        + f"; missing-sentence {sentence_codes.count(MISSING_SENTENCE)}"
        + f"; added-sentence {sentence_codes.count(ADDED_SENTENCE)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SETS, default=TEST)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", type=int, default=1)
    parser.add_argument("--show", type=int, help="print the texts and gold of case number N")
    args = parser.parse_args(argv)
    cases = generate_set(args.split, args.seed, args.variants)
    if args.show is None:
        print("\n".join(summary_lines(cases)))
        return 0
    case = cases[args.show]
    print(f"== {case.id} ({case.direction}) style={case.style} operations={case.operations}")
    print("-- source\n" + case.source_text)
    print("-- target\n" + case.target_text)
    for n, (s, t) in enumerate(case.gold_links):
        notes = [*case.gold_tags[n]]
        notes += ["changed"] if n in case.gold_changed else []
        notes += ["MOVED"] if n in case.gold_moved else []
        notes += [f"{d.code}: {d.text!r}" for d in case.gold_sentences if d.link == n]
        print(f"{n:3d} {s} {t}  {' '.join(notes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
