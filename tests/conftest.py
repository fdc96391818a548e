"""Shared fixtures: the bundled sample corpus and the evaluation data beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples on every run (a verdict on a change must
# not depend on luck); elsewhere they explore afresh each run, and what they find is kept
# in .hypothesis/ to be tried first next time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FI_BLOG = CORPUS / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
EN_BLOG = CORPUS / "en" / "blog-the-possibility-of-closed-doors.txt"
EVALDATA = Path(os.environ.get("HUPLI_EVALDATA", ROOT.parent / "shared" / "evaldata"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, missing evaluation data fails the run: the tests that need it would be
    skipped, and a run without them would pass for the wrong reason."""
    if os.environ.get("CI") and not (EVALDATA / "wmt16-enfi-helsinki").is_dir():
        pytest.exit(
            f"CI: the evaluation data is missing at {EVALDATA}; put it at ../shared/evaldata "
            "beside the clone or set HUPLI_EVALDATA (outside CI, the tests that need it skip)",
            returncode=1,
        )


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or leave a cache in the checkout or the user's home."""
    previous = os.environ.get("HUPLI_CACHE_DIR")
    os.environ["HUPLI_CACHE_DIR"] = str(tmp_path_factory.mktemp("hupli-cache"))
    yield
    if previous is None:
        os.environ.pop("HUPLI_CACHE_DIR", None)
    else:
        os.environ["HUPLI_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def evaldata() -> Path:
    if not EVALDATA.is_dir():
        pytest.skip(f"evaluation data not found at {EVALDATA} (set HUPLI_EVALDATA)")
    return EVALDATA


@pytest.fixture(scope="session")
def seed_alignment():
    from hupli.api import align_paths

    return align_paths(FI_BLOG, EN_BLOG)
