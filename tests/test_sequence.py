"""hupli.sequence: diffs that stay near-linear however often items repeat, and the history
diff and the aligner's search on pages of repeated paragraphs (operation counts, never
wall time: the figures are bench/bench_pages.py's)."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Hashable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hupli import sequence
from hupli.corpus.history.diff import diff_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from bench_pages import ENGLISH, FINNISH, edited

items = st.lists(st.integers(0, 3), max_size=60)


def _check(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """The matches are in order and equal, and the opcodes turn A into B; the matched count."""
    blocks = sequence.matching_blocks(a, b)
    i = j = 0
    for ai, bj, size in blocks:
        assert ai >= i and bj >= j
        assert list(a[ai : ai + size]) == list(b[bj : bj + size])
        i, j = ai + size, bj + size
    assert blocks[-1] == (len(a), len(b), 0)
    rebuilt: list[Hashable] = []
    for tag, i1, i2, j1, j2 in sequence.opcodes(a, b):
        if tag == "equal":
            assert list(a[i1:i2]) == list(b[j1:j2])
        rebuilt += b[j1:j2]
    assert rebuilt == list(b)
    return sum(size for _i, _j, size in blocks)


@settings(max_examples=300, deadline=None)
@given(items, items)
def test_small_sequences_are_diffed_exactly_as_difflib_does(a: list[int], b: list[int]) -> None:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert sequence.opcodes(a, b) == matcher.get_opcodes()
    assert sequence.ratio(a, b) == matcher.ratio()


@settings(max_examples=300, deadline=None)
@given(items, items)
def test_large_sequences_give_a_valid_diff(a: list[int], b: list[int]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sequence, "MAX_CELLS", 0)  # every piece takes the linear path
        _check(a, b)


def test_a_few_edits_among_repeated_items_are_found_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sequence, "MAX_CELLS", 0)
    a = [k % 3 for k in range(600)]
    b = list(a)
    b.insert(200, 7)
    del b[400]
    b[500] = 9
    # Myers finds the longest common subsequence: every item kept but the two changed.
    assert _check(a, b) == len(a) - 2


class Counted:
    """An item that counts how often it is compared."""

    comparisons = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return isinstance(other, Counted) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


def test_repeated_items_cost_comparisons_in_proportion_to_their_number() -> None:
    n = 20_000
    a = [Counted(k % 3) for k in range(n)]
    b = list(a)
    b.insert(n // 3, Counted(5))
    del b[2 * n // 3]
    Counted.comparisons = 0
    _check(a, b)
    assert Counted.comparisons < 40 * n  # difflib: some n × n / 3


def test_history_of_a_page_of_repeated_paragraphs_is_diffed_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What difflib is asked to search, in cells (len(a) × len(b) per longest-match search):
    # with the whole page given to difflib it was the page's length squared, many times.
    cells = 0
    real = difflib.SequenceMatcher.find_longest_match

    def counted(self: difflib.SequenceMatcher[str], alo=0, ahi=None, blo=0, bhi=None):  # type: ignore[no-untyped-def]
        nonlocal cells
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        cells += (ahi - alo) * (bhi - blo)
        return real(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted)
    paragraphs = ["Kirjasto on auki.", "Uimahalli suljetaan.", "Valtuusto kokoontuu."]
    n = 3_000
    old = [paragraphs[k % 3] for k in range(n)]
    new = list(old)
    new[n // 5] = "Kirjasto on kiinni."
    new.insert(n // 3, "Uusi kappale.")
    del new[2 * n // 3]
    changes = diff_texts(old, new)
    assert sorted(c.code for c in changes) == ["source-added", "source-changed", "source-removed"]
    assert cells < 100 * n  # was over 12 × n × n


def _page(paragraphs: list[str], title: str, size: int = 75_000) -> str:
    parts = [f"# {title}\n"]
    total, k = len(parts[0]), 0
    while total < size:
        parts.append(paragraphs[k % len(paragraphs)] + "\n")
        total += len(parts[-1].encode("utf-8")) + 1
        k += 1
    return "\n".join(parts)


def test_the_search_does_not_widen_its_band_for_repeated_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A page of three paragraphs over and over: a shift by three blocks costs the same
    # anywhere, so the path runs along the band's edge however wide it is. The band used to
    # double until it held the whole page, the work growing as its square (747 evidence
    # calls a block here, 1,555 at 700 blocks); now it stops when the wider band finds
    # nothing cheaper (356 a block).
    from hupli import api
    from hupli.align import cost

    calls = 0
    real = cost.Model.evidence

    def counted(self: cost.Model, *args: int) -> float:
        nonlocal calls
        calls += 1
        return real(self, *args)

    monkeypatch.setattr(cost.Model, "evidence", counted)
    # bench/bench_pages.py's paragraphs, one a block, in pages of about 75 kB a side (515
    # and 472 blocks), and its edits: three paragraphs edited, one added and one removed.
    original, translation = _page(FINNISH, "Kaupungin uutiset"), _page(ENGLISH, "City news")
    n = len(original.split("\n\n"))
    alignment = api.align_texts(edited(original), translation)
    assert len(alignment.source.blocks) == n
    assert calls < 500 * n
