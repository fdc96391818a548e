"""Golden files for the sample corpus: the alignment JSON of the blog pair and the
normalised text of every document. `make golden` rewrites them after an intended change;
the diff is the review."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hupli.api import align_paths
from hupli.document.normalise import normalise
from hupli.document.read import read_path
from hupli.report.json import alignment_json

from .conftest import CORPUS, ROOT

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HUPLI_UPDATE_GOLDEN") == "1"


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run `make golden`"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs: review, `make golden`"


def test_seed_pair_alignment(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    alignment = align_paths(
        "corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md",
        "corpus/en/blog-the-possibility-of-closed-doors.txt",
    )
    data = alignment_json(alignment)
    _compare("seed-pair.align.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.*")), ids=lambda p: p.name)
def test_normalised_corpus(path: Path) -> None:
    decoded = read_path(path)
    result = normalise(decoded.text, markup=decoded.markup)
    _compare(f"normalised/{path.parent.name}/{path.name}", result.text)
