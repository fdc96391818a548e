"""Seeded test cases for paragraph alignment, made from real fi→en translations.

Run from the repository root to see what is generated:

    python bench/perturb.py                    # summary of all cases
    python bench/perturb.py --show 3           # texts and gold of case number 3
    python bench/perturb.py --seed 7 --variants 2

WMT16 has sentences but no paragraphs, so each Finnish-origin document becomes paragraphs
here: the headline alone first, then runs of 1–4 sentences, the same on both sides. The
English side is then damaged the way real translations drift from their originals:

- merge: two English paragraphs joined into one                      (gold 2-1)
- split: one English paragraph cut at a sentence boundary            (gold 1-2)
- omit: an English paragraph dropped, often a short or the first/last one (gold 1-0)
- insert: a paragraph from an unrelated English-origin document      (gold 0-1)
- number: one digit changed in a number both sides share             (gold 1-1, "changed")

Some documents stay clean. Texts are rendered either like a Markdown export (``# Title`` or
``## **Title**``, bold/italic spans, no-break spaces, escaped asterisks and ``**\\*\\*\\***``
section separators on both sides) or as plain text. Every block is one blank-line-separated
paragraph, so gold indices are block indices. Nothing here uses global random state: the
same seed gives the same cases.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field

from evaldata import DocPair, load_wmt16_en_origin, load_wmt16_fien

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
OPERATIONS = (MERGE, SPLIT, OMIT, INSERT, NUMBER)
CLEAN_SHARE = 0.15

# A line starting like this would become a list item, quote, heading or rule in Markdown,
# so no paragraph may start with such a sentence (WMT16 has "1) Fed, ..." lists).
_UNSAFE_START = re.compile(r"^([-+*#>=|<]|\d{1,9}[.)](\s|$))")
_DIGITS = re.compile(r"\d+")


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

    @property
    def is_clean(self) -> bool:
        return not self.operations


@dataclass
class _Block:
    kind: str
    sentences: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class _Unit:
    """One gold link under construction."""

    source: list[_Block]
    target: list[_Block]
    changed: bool = False
    touched: bool = False

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


def _foreign_paragraphs(others: list[DocPair]) -> list[list[str]]:
    """Candidate insertions: runs of 1–3 safe sentences from English-origin documents."""
    out = []
    for doc in others:
        body = [s for s in doc.en[1:] if s]
        for start in range(0, len(body), 3):
            run = body[start : start + 3]
            if run and safe_start(run[0]) and not any(ends_open(x) for x in run):
                out.append(run)
    return out


def _merge(units: list[_Unit], rng: random.Random) -> str | None:
    spots = [i for i in range(len(units) - 1) if units[i].plain_pair and units[i + 1].plain_pair]
    if not spots:
        return None
    i = rng.choice(spots)
    a, b = units[i], units[i + 1]
    merged = _Block(PARAGRAPH, a.target[0].sentences + b.target[0].sentences)
    units[i : i + 2] = [_Unit(a.source + b.source, [merged], touched=True)]
    return f"merge@{i}"


def _split(units: list[_Unit], rng: random.Random) -> str | None:
    spots = [
        (i, j)
        for i, u in enumerate(units)
        if u.plain_pair
        for j in range(1, len(u.target[0].sentences))
        if safe_start(u.target[0].sentences[j]) and not ends_open(u.target[0].sentences[j - 1])
    ]
    if not spots:
        return None
    i, j = rng.choice(spots)
    sentences = units[i].target[0].sentences
    units[i].target = [_Block(PARAGRAPH, sentences[:j]), _Block(PARAGRAPH, sentences[j:])]
    units[i].touched = True
    return f"split@{i}"


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
    return f"omit@{i}"


def _insert(units: list[_Unit], rng: random.Random, foreign: list[list[str]]) -> str | None:
    if not foreign:
        return None
    sentences = list(rng.choice(foreign))
    if len(sentences) > 1 and rng.random() < 0.5:
        sentences = sentences[: rng.randint(1, len(sentences))]
    i = rng.randint(1, len(units))  # never before the headline
    units.insert(i, _Unit([], [_Block(PARAGRAPH, sentences)], touched=True))
    return f"insert@{i}"


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
    return f"number@{i}:{number}->{new}"


def _add_separators(units: list[_Unit], rng: random.Random) -> None:
    body = sum(1 for u in units if u.source and u.source[0].kind == PARAGRAPH)
    if body < 4 or rng.random() < 0.4:
        return
    count = 1 if body < 10 else rng.randint(1, 2)
    for _ in range(count):
        i = rng.randint(2, len(units) - 1)
        sep = _Unit([_Block(SEPARATOR, [])], [_Block(SEPARATOR, [])], touched=True)
        units.insert(i, sep)


def perturb(units: list[_Unit], rng: random.Random, foreign: list[list[str]]) -> list[str]:
    if rng.random() < CLEAN_SHARE:
        return []
    body = sum(1 for u in units if u.source and u.source[0].kind == PARAGRAPH)
    wanted = rng.randint(1, max(1, min(5, body // 2 + 1)))
    done: list[str] = []
    for _ in range(wanted * 3):
        if len(done) >= wanted:
            break
        op = rng.choices(OPERATIONS, weights=(1.0, 1.0, 1.3, 1.0, 1.2))[0]
        if op == MERGE:
            result = _merge(units, rng)
        elif op == SPLIT:
            result = _split(units, rng)
        elif op == OMIT:
            result = _omit(units, rng)
        elif op == INSERT:
            result = _insert(units, rng, foreign)
        else:
            result = _edit_number(units, rng)
        if result:
            done.append(result)
    return done


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


def build_case(doc: DocPair, case_id: str, rng: random.Random, foreign: list[list[str]]) -> Case:
    units = _group(doc, rng)
    style = rng.choice(STYLES)
    operations = perturb(units, rng, foreign)
    if style == MARKDOWN:
        _add_separators(units, rng)
    footnote_unit = -1
    if style == MARKDOWN and rng.random() < 0.25:
        pairs = [i for i, u in enumerate(units) if u.source and u.target and _is_body(u)]
        footnote_unit = rng.choice(pairs) if pairs else -1

    render = _Renderer(style, rng)
    source_parts: list[str] = []
    target_parts: list[str] = []
    source_blocks: list[str] = []
    target_blocks: list[str] = []
    links: list[tuple[list[int], list[int]]] = []
    changed: set[int] = set()
    for n, unit in enumerate(units):
        src_ids = []
        for block in unit.source:
            src_ids.append(len(source_parts))
            source_parts.append(render.block(block, footnote=n == footnote_unit))
            source_blocks.append(block.text or SEPARATOR_TEXT)
        tgt_ids = []
        for block in unit.target:
            tgt_ids.append(len(target_parts))
            target_parts.append(render.block(block, footnote=n == footnote_unit))
            target_blocks.append(block.text or SEPARATOR_TEXT)
        if unit.changed:
            changed.add(len(links))
        links.append((src_ids, tgt_ids))
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
    )


def generate_cases(
    seed: int = 0,
    variants: int = 1,
    docs: list[DocPair] | None = None,
    others: list[DocPair] | None = None,
) -> list[Case]:
    """One case per Finnish-origin document and variant; the same seed gives the same cases."""
    docs = load_wmt16_fien() if docs is None else docs
    others = load_wmt16_en_origin() if others is None else others
    foreign = _foreign_paragraphs(others)
    cases = []
    for variant in range(variants):
        for doc in docs:
            rng = random.Random(f"hupli-bench:{seed}:{variant}:{doc.docid}")
            cases.append(build_case(doc, f"{doc.docid}/v{variant}", rng, foreign))
    return cases


def split_paragraphs(text: str) -> list[str]:
    """Blank-line-separated paragraphs, the way the gold counts blocks."""
    return [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]


def _summary(cases: list[Case]) -> None:
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
    print(f"{len(cases)} cases ({clean} clean); styles {styles}")
    print("operations: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("gold moves: " + ", ".join(f"{k} {v}" for k, v in sorted(moves.items())))
    print(f"gold changed links: {sum(len(c.gold_changed) for c in cases)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", type=int, default=1)
    parser.add_argument("--show", type=int, help="print the texts and gold of case number N")
    args = parser.parse_args(argv)
    cases = generate_cases(args.seed, args.variants)
    if args.show is None:
        _summary(cases)
        return 0
    case = cases[args.show]
    print(f"== {case.id} style={case.style} operations={case.operations}")
    print("-- source\n" + case.source_text)
    print("-- target\n" + case.target_text)
    for n, (s, t) in enumerate(case.gold_links):
        print(f"{n:3d} {s} {t}{' changed' if n in case.gold_changed else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
