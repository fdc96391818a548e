"""The alignment benchmark's generated cases: deterministic, and gold consistent with the text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import evaldata  # noqa: E402
import perturb  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (evaldata.evaldata_root() / evaldata.WMT16_DIR / evaldata.FI_SOURCE).is_file(),
    reason="WMT16 evaluation data not found (set HUPLI_EVALDATA)",
)


@pytest.fixture(scope="module")
def cases() -> list[perturb.Case]:
    return perturb.generate_cases(seed=0, variants=2)


def test_loader_reads_the_finnish_origin_documents() -> None:
    docs = evaldata.load_wmt16_fien()
    assert len(docs) == 79
    assert sum(len(d.fi) for d in docs) == 1500
    assert all(d.origlang == "fi" and len(d.fi) == len(d.en) for d in docs)
    assert all("&amp;" not in s and "&quot;" not in s for d in docs for s in d.fi + d.en)


def test_same_seed_same_cases(cases: list[perturb.Case]) -> None:
    again = perturb.generate_cases(seed=0, variants=2)
    assert again == cases


def test_other_seed_other_cases(cases: list[perturb.Case]) -> None:
    other = perturb.generate_cases(seed=1, variants=1)
    assert [c.target_text for c in other] != [c.target_text for c in cases[: len(other)]]


def test_gold_covers_every_block_once_in_order(cases: list[perturb.Case]) -> None:
    for case in cases:
        sources = [i for s, _ in case.gold_links for i in s]
        targets = [j for _, t in case.gold_links for j in t]
        assert sources == list(range(len(case.source_blocks))), case.id
        assert targets == list(range(len(case.target_blocks))), case.id
        assert all(s or t for s, t in case.gold_links), case.id
        assert all(0 <= n < len(case.gold_links) for n in case.gold_changed), case.id


def test_gold_block_counts_match_rendered_paragraphs(cases: list[perturb.Case]) -> None:
    for case in cases:
        assert len(perturb.split_paragraphs(case.source_text)) == len(case.source_blocks), case.id
        assert len(perturb.split_paragraphs(case.target_text)) == len(case.target_blocks), case.id


def test_no_paragraph_line_looks_like_markdown_structure(cases: list[perturb.Case]) -> None:
    for case in cases:
        for text in (case.source_text, case.target_text):
            for para in perturb.split_paragraphs(text):
                assert "\n" not in para, case.id
                if para.startswith("#") or para in (perturb.SEPARATOR_MARKDOWN, "***"):
                    continue
                assert perturb.safe_start(para.lstrip("*")), (case.id, para[:40])


def test_changed_links_are_one_to_one_with_an_edited_number(cases: list[perturb.Case]) -> None:
    for case in cases:
        for n in case.gold_changed:
            s, t = case.gold_links[n]
            assert len(s) == 1 and len(t) == 1, case.id
            assert case.source_blocks[s[0]] != case.target_blocks[t[0]]


def test_the_mix_has_every_operation_and_both_styles(cases: list[perturb.Case]) -> None:
    moves = {f"{len(s)}-{len(t)}" for c in cases for s, t in c.gold_links}
    assert {"1-1", "1-0", "0-1", "2-1", "1-2"} <= moves
    assert any(c.gold_changed for c in cases)
    assert any(c.is_clean for c in cases)
    assert {c.style for c in cases} == set(perturb.STYLES)
    assert any(perturb.SEPARATOR_MARKDOWN in c.source_text for c in cases)
