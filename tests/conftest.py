"""Shared fixtures: the bundled sample corpus and the evaluation data beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FI_BLOG = CORPUS / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
EN_BLOG = CORPUS / "en" / "blog-the-possibility-of-closed-doors.txt"
EVALDATA = Path(os.environ.get("HUPLI_EVALDATA", ROOT.parent / "shared" / "evaldata"))


@pytest.fixture(scope="session")
def evaldata() -> Path:
    if not EVALDATA.is_dir():
        pytest.skip(f"evaluation data not found at {EVALDATA} (set HUPLI_EVALDATA)")
    return EVALDATA


@pytest.fixture(scope="session")
def seed_alignment():
    from hupli.pipeline import align_paths

    return align_paths(FI_BLOG, EN_BLOG)
