"""Where a corpus starts, found one way for everything that asks.

A *corpus root* is the folder whose `.hupli/` holds the corpus's records (and
`hupli.toml`, if it has one). Given a page, it is the nearest folder at or above the page
that holds `hupli.toml`, `pyproject.toml` or `.hupli/`, or a folder named after the
originals' language (`fi/`); failing that, the page's own folder. A corpus command names
its root (`hupli status corpus/`).

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


def upwards(path: str | os.PathLike[str]) -> Iterator[Path]:
    """PATH's folder (PATH itself if it is a folder) and every folder above it, nearest
    first: the one walk every rule below takes."""
    start = Path(path).resolve()
    folder = start if start.is_dir() else start.parent
    yield folder
    yield from folder.parents


def corpus_root_of(path: str | os.PathLike[str], source_language: str = "fi") -> Path:
    """The corpus root of the page at PATH (see the module's docstring)."""
    start = Path(path).resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in CORPUS_MARKERS):
            return folder
        if (folder / source_language).is_dir():
            return folder
    return start


def records_folder(root: str | os.PathLike[str]) -> Path:
    """Where the corpus at ROOT keeps its records of accepted translations."""
    return Path(root) / RECORDS_FOLDER
