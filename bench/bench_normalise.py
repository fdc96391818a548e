"""How often `join_broken_paragraph` fires on real pages, and what each firing joins.

Run from the repository root with the venv active:

    python bench/bench_normalise.py              # counts, then every firing on real pages
    python bench/bench_normalise.py --all        # every firing on the WMT renderings too

A firing joins two blank-line-separated blocks into one paragraph. Two criteria are
counted side by side, over the same texts (each normalised with every other rule first):

- **0.1.0**: hupli 0.1.0's heuristic, copied here to measure it: the first block is one
  line of 100+ characters of prose that ends in a lower-case letter, with a sentence end
  inside it and 3+ words after that; the second starts with a letter and holds a `.`,
  `?` or `!`.
- **strict**: the break is unambiguous: the first block is one line of six or more words
  that ends without sentence-final punctuation in a word starting with a lower-case letter
  (not a name or a title), the second starts with a lower-case letter, and neither is a
  heading, list item, quote, code, table, HTML or separator (what
  `hupli.document.normalise` does now).

Texts (see ../shared/evaldata/README.md): the sample corpus (`corpus/`), the seed exports
(`../shared/corpus-seed`), the fso-dev page pairs, and WMT16 news three ways:

- **perturb**: the pages `bench/perturb.py` renders (dev, test and reverse sets, seeds 0–2,
  six variants, Markdown and plain), both sides;
- **news**: every WMT16 document on both sides as a plain page, paragraphs of 1–4
  sentences cut at any sentence boundary, intertitles (short segments without closing
  punctuation) on lines of their own;
- **fused**: the same, with each intertitle run into the end of the paragraph before it,
  as an export does that loses the line break before a subheading;
- **segments**: every WMT16 segment a block of its own, the finest cut there is.

No WMT16 page but the segments has a paragraph broken in the middle of a sentence (each
of its blocks is whole sentences), so every firing there is a false join; among the
segments, a few sentences are cut in two by WMT16's own segmentation, and a firing there
may be right (read them with `--all`). For the news and fused renderings of the
Finnish-original documents, each Finnish page is also aligned with its English page
(paragraphed the same way; in the fused case only the Finnish lost its breaks before
intertitles, as when one language's export does) with the rule as hupli has it and with
the rule off: every missing or added finding there is false.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hupli_api
from evaldata import evaldata_root, load_wmt16_all
from perturb import SETS, generate_set

ROOT = Path(__file__).resolve().parent.parent
RULE = "join_broken_paragraph"

# --- the two criteria ------------------------------------------------------------------

_STRUCTURAL = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\*\*\*$|!\[|\[|\||```|\*|_)")
_ABBREVIATIONS = ("vs", "esim")  # 0.1.0's BROKEN_PARAGRAPH_ABBREVIATIONS
_INNER_SENTENCE_END = re.compile(
    r"(?<![\s.][A-ZÅÄÖ])"
    + "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS)
    + r"[.!?]\s+[A-ZÅÄÖ][a-zåäö]"
)


def joins_010(first: str, second: str) -> bool:
    """hupli 0.1.0's `join_broken_paragraph` test for one pair of blocks."""
    if "\n" in first or len(first) < 100 or not (first[-1:].isalpha() and first[-1].islower()):
        return False
    if _STRUCTURAL.match(first):
        return False
    ends = list(_INNER_SENTENCE_END.finditer(first))
    if not ends or len(first[ends[-1].end() - 2 :].split()) < 3:
        return False
    head = second.split("\n", 1)[0]
    return head[:1].isalpha() and not _STRUCTURAL.match(head) and bool(re.search(r"[.!?]", head))


def joins_strict(first: str, second: str) -> bool:
    """An unambiguous break: one line of prose, six words or more, that stops in the middle
    of a sentence (no closing punctuation, a lower-case last word: not a name or a title),
    then a lower-case letter."""
    words = first.split()
    return (
        "\n" not in first
        and len(words) >= 6
        and (first[-1].isalnum() or first[-1] == ",")
        and words[-1][0].islower()
        and second[:1].isalpha()
        and second[:1].islower()
        and not _STRUCTURAL.match(first)
        and not _STRUCTURAL.match(second)
    )


CRITERIA: dict[str, Callable[[str, str], bool]] = {"0.1.0": joins_010, "strict": joins_strict}

# --- texts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    where: str  # which file or case, for reading a firing
    text: str
    markup: str


def _files(folder: Path, pattern: str) -> Iterator[Page]:
    for path in sorted(folder.glob(pattern)):
        text, markup = hupli_api.read_text(path)
        yield Page(str(path.relative_to(folder.parent)), text, markup)


def perturb_pages() -> Iterator[Page]:
    for name in SETS:
        for seed in (0, 1, 2):
            for case in generate_set(name, seed, variants=6):
                markup = "markdown" if case.style == "markdown" else "text"
                yield Page(f"{name}/s{seed}/{case.id}/source", case.source_text, markup)
                yield Page(f"{name}/s{seed}/{case.id}/target", case.target_text, markup)


def _is_intertitle(sentence: str) -> bool:
    return sentence[-1:].isalnum() and len(sentence) <= 80


def _paragraphs(sentences: tuple[str, ...], rng: random.Random, fused: bool) -> list[str]:
    """A headline, then paragraphs of 1–4 sentences; intertitles on their own, or run into
    the paragraph before them."""
    blocks = [sentences[0]]
    paragraph: list[str] = []
    size = rng.choice((1, 2, 3, 4))
    for sentence in sentences[1:]:
        if _is_intertitle(sentence):
            if fused and paragraph:
                blocks.append(" ".join([*paragraph, sentence]))
            else:
                if paragraph:
                    blocks.append(" ".join(paragraph))
                blocks.append(sentence)
            paragraph, size = [], rng.choice((1, 2, 3, 4))
            continue
        paragraph.append(sentence)
        if len(paragraph) >= size:
            blocks.append(" ".join(paragraph))
            paragraph, size = [], rng.choice((1, 2, 3, 4))
    if paragraph:
        blocks.append(" ".join(paragraph))
    return blocks


def news_pages(fused: bool, english_fused: bool | None = None) -> Iterator[tuple[str, str, str]]:
    """(docid, Finnish page, English page) of every WMT16 document, paragraphed alike
    (the English with its intertitles fused as `english_fused` says; default: as the
    Finnish)."""
    english_fused = fused if english_fused is None else english_fused
    for doc in load_wmt16_all():
        # One random stream a document, used for both sides: the same cuts on each.
        fi = _paragraphs(doc.fi, random.Random(f"news:{doc.docid}"), fused)
        en = _paragraphs(doc.en, random.Random(f"news:{doc.docid}"), english_fused)
        tag = f"{doc.docid}/{doc.origlang}-origin"
        yield tag, "\n\n".join(fi) + "\n", "\n\n".join(en) + "\n"


# --- counting --------------------------------------------------------------------------


@dataclass
class Tally:
    pages: int = 0
    pairs: int = 0  # adjacent pairs of prose blocks looked at
    fired: dict[str, int] | None = None
    shown: dict[str, list[tuple[str, str, str]]] | None = None

    def __post_init__(self) -> None:
        self.fired = dict.fromkeys(CRITERIA, 0)
        self.shown = {name: [] for name in CRITERIA}


def count(pages: Iterator[Page], tally: Tally) -> Tally:
    assert tally.fired is not None and tally.shown is not None
    for page in pages:
        tally.pages += 1
        text = hupli_api.normalise_text(page.text, page.markup, disabled=(RULE,))
        blocks = hupli_api.prose_blocks(text, page.markup)
        for first, second in itertools.pairwise(blocks):
            if first is None or second is None:
                continue  # code, a table, front matter…: never joined
            tally.pairs += 1
            for name, joins in CRITERIA.items():
                if joins(first, second):
                    tally.fired[name] += 1
                    tally.shown[name].append((page.where, first, second))
    return tally


def _short(first: str, second: str) -> str:
    head = " ".join(first.split())[-70:]
    tail = " ".join(second.split())[:50]
    return f"…{head} ‖ {tail}…"


def alignment_effect(fused: bool) -> tuple[int, int, int, int, int]:
    """(pages, missing+added with the rule as hupli has it, without it, pages where the
    rule changed the text, pages aligned differently)."""
    pages = with_rule = without = changed = differ = 0
    # Fused: only the Finnish export lost its line breaks before the intertitles; the
    # English page keeps them on lines of their own.
    for docid, fi, en in news_pages(fused, english_fused=False):
        if not docid.endswith("/fi-origin"):
            continue
        pages += 1
        on = hupli_api.false_findings(fi, en, disabled=())
        off = hupli_api.false_findings(fi, en, disabled=(RULE,))
        with_rule += on
        without += off
        changed += hupli_api.normalise_text(fi, "text") != hupli_api.normalise_text(
            fi, "text", disabled=(RULE,)
        ) or hupli_api.normalise_text(en, "text") != hupli_api.normalise_text(
            en, "text", disabled=(RULE,)
        )
        differ += on != off
    return pages, with_rule, without, changed, differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list WMT firings too")
    parser.add_argument("--no-align", action="store_true", help="skip the alignment effect")
    args = parser.parse_args(argv)
    evaldata = evaldata_root()
    sets: list[tuple[str, Iterator[Page], bool]] = [
        ("corpus/", _files(ROOT / "corpus", "*/*"), True),
        ("corpus-seed", _files(evaldata.parent / "corpus-seed", "*"), True),
        ("fso-dev pairs", _files(evaldata / "fso-dev", "pairs/*.md"), True),
        ("WMT16 perturb", perturb_pages(), False),
    ]
    for fused in (False, True):
        label = "WMT16 fused" if fused else "WMT16 news"
        sets.append(
            (
                label,
                (
                    Page(f"{docid}/{side}", text, "text")
                    for docid, fi, en in news_pages(fused)
                    for side, text in (("fi", fi), ("en", en))
                ),
                False,
            )
        )
    sets.append(
        (
            "WMT16 segments",
            (
                Page(f"{doc.docid}/{side}", "\n\n".join(segments) + "\n", "text")
                for doc in load_wmt16_all()
                for side, segments in (("fi", doc.fi), ("en", doc.en))
            ),
            False,
        )
    )
    print(f"join_broken_paragraph: where it fires ({hupli_api.signature()})")
    print(f"{'texts':16} {'pages':>6} {'prose pairs':>12} " + " ".join(f"{n:>7}" for n in CRITERIA))
    listings = []
    for label, pages, real in sets:
        tally = count(pages, Tally())
        assert tally.fired is not None and tally.shown is not None
        print(
            f"{label:16} {tally.pages:6d} {tally.pairs:12,d} "
            + " ".join(f"{tally.fired[n]:7d}" for n in CRITERIA)
        )
        if real or args.all:
            listings.append((label, tally))
    print()
    for label, tally in listings:
        assert tally.shown is not None
        for name, shown in tally.shown.items():
            for where, first, second in shown:
                print(f"{label} [{name}] {where}: {_short(first, second)}")
    if not args.no_align:
        print()
        print("alignment of the 79 Finnish-original news pages with their translations")
        print("(missing + added findings, all false: the pages translate each other block by")
        print("block, or with a fused intertitle as one Finnish block):")
        for fused in (False, True):
            pages, on, off, changed, differ = alignment_effect(fused)
            label = "fused intertitles" if fused else "news paragraphs"
            print(
                f"  {label:18} rule as hupli has it {on:4d}, rule off {off:4d} "
                f"({changed} of {pages} pages joined, {differ} aligned differently)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
