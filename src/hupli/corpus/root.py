"""Where a corpus starts, where its configuration is, and where its project's cache goes.

Every rule walks up from a path the same way (`upwards`), and each names what it looks for:

* The *corpus root* of a page (`corpus_root_of`), whose `.hupli/` holds the records of
  accepted translations: the nearest folder at or above the page that holds `hupli.toml`,
  `pyproject.toml` or `.hupli/`, or a folder named after the originals' language (`fi/`);
  failing that, the page's own folder. A corpus command is given its root
  (`hupli status corpus/`).
* The *configuration* of a corpus (`config_locations`): `hupli.toml` at its root, else the
  nearest `pyproject.toml` at or above it that has a `[tool.hupli]` table.
* The *project* (`project_root`), where the cache goes: the nearest folder holding
  `hupli.toml`, `pyproject.toml` or `.git`. A project may hold several corpora and one
  cache, which CI keeps between runs; so `.git` counts here and `fi/` does not.
* The *checkout* (`checkout_root`): the nearest folder holding `.git` (a folder, or a file
  in a git worktree). SARIF names files relative to it, as code scanning expects.

>>> import pathlib, tempfile
>>> site = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> (site / "fi" / "uutiset").mkdir(parents=True)
>>> corpus_root_of(site / "fi" / "uutiset" / "sivu.md") == site.resolve()
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

CONFIG_NAME = "hupli.toml"
PYPROJECT = "pyproject.toml"
HUPLI_FOLDER = ".hupli"
# Accepted translations, one record per original (`hupli.corpus.history.records`).
RECORDS_FOLDER = f"{HUPLI_FOLDER}/records"
CORPUS_MARKERS = (CONFIG_NAME, PYPROJECT, HUPLI_FOLDER)
PROJECT_MARKERS = (CONFIG_NAME, PYPROJECT, ".git")


def upwards(path: str | os.PathLike[str]) -> Iterator[Path]:
    """PATH's folder (PATH itself if it is a folder) and every folder above it, nearest
    first: the one walk every rule below takes."""
    start = Path(path).resolve()
    folder = start if start.is_dir() else start.parent
    yield folder
    yield from folder.parents


def corpus_root_of(page: str | os.PathLike[str], source_language: str = "fi") -> Path:
    """The corpus root of PAGE (see the module's docstring)."""
    for folder in upwards(page):
        if any((folder / marker).exists() for marker in CORPUS_MARKERS):
            return folder
        if (folder / source_language).is_dir():
            return folder
    return next(upwards(page))


def config_locations(root: str | os.PathLike[str]) -> Iterator[Path]:
    """Where the configuration of the corpus at ROOT may be, in the order to try them:
    ROOT's `hupli.toml`, then the `pyproject.toml` of ROOT and of each folder above it (one
    counts only if it has a `[tool.hupli]` table: `hupli.corpus.config.find_config`)."""
    yield Path(root).resolve() / CONFIG_NAME
    for folder in upwards(root):
        yield folder / PYPROJECT


def project_root(path: str | os.PathLike[str]) -> Path | None:
    """The project PATH belongs to (see the module's docstring), if any."""
    for folder in upwards(path):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return None


def checkout_root(path: str | os.PathLike[str]) -> Path | None:
    """The git checkout PATH is in (see the module's docstring), if any."""
    for folder in upwards(path):
        if (folder / ".git").exists():
            return folder
    return None


def records_folder(root: str | os.PathLike[str]) -> Path:
    """Where the corpus at ROOT keeps its records of accepted translations."""
    return Path(root) / RECORDS_FOLDER
