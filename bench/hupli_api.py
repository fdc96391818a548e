"""The one place bench code imports hupli from.

hupli's internal modules are being restructured; the benchmarks depend only on the functions
below, which return plain JSON-like data (what the CLI's ``--format json`` prints), so a
restructuring changes this file and nothing else under bench/.

- ``align_texts``: ``hupli align --format json`` of two texts;
- ``signature``, ``length_parameters``: the settings a report should name;
- ``pair_folder``: ``hupli pair --format json`` of a folder, paths relative to it;
- ``pair_texts``: content pairing of in-memory documents (for ``bench_pair --scale``);
- ``read_text``, ``normalise_text``, ``prose_blocks``: a file decoded, a text normalised, its
  blocks (``bench_normalise``);
- ``false_findings``: missing and added findings of two texts every link of which is 1-1.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

try:
    import hupli  # noqa: F401
except ImportError:  # not installed into the venv: use the working tree
    sys.path.insert(0, str(ROOT / "src"))


def preload() -> None:
    """Import every stage an alignment uses, so the first timed case does not pay for it."""
    import importlib

    for module in ("hupli.api", "hupli.align.search", "hupli.align.checks", "hupli.report.json"):
        importlib.import_module(module)


def _settings(overrides: Mapping[str, Any] | None) -> Any:
    from hupli.settings import Settings

    return Settings().with_(**overrides) if overrides else Settings()


def align_texts(
    source_text: str,
    target_text: str,
    source_path: str = "original.md",
    target_path: str = "translation.md",
    settings_overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Align an original with its translation; the structure ``hupli align --format json``
    prints: ``source``/``target`` (each with ``blocks``), ``links`` (``source``, ``target``,
    ``status``, ``score``, ``findings`` each with ``code`` and optional ``details``), …"""
    from hupli.api import align_texts as _align_texts
    from hupli.report.json import alignment_json

    alignment = _align_texts(
        source_text, target_text, _settings(settings_overrides), source_path, target_path
    )
    return alignment_json(alignment)


def signature(settings_overrides: Mapping[str, Any] | None = None) -> str:
    return str(_settings(settings_overrides).signature)


def length_parameters() -> tuple[float, float]:
    """hupli's Gale–Church length ratio and variance (fi→en)."""
    settings = _settings(None)
    return float(settings.length_ratio), float(settings.length_variance)


def pair_folder(folder: Path) -> dict[str, Any]:
    """Load and pair a corpus folder with the default configuration; the structure of
    ``hupli pair --format json`` with every path relative to `folder`, plus ``read_errors``
    (count), ``load_seconds`` and ``pair_seconds``."""
    from hupli.corpus.config import Config
    from hupli.corpus.discover import load_corpus
    from hupli.corpus.pair import pair_entries
    from hupli.report.json import pairing_json

    config = Config()
    t0 = time.perf_counter()
    corpus = load_corpus(folder, config)
    t1 = time.perf_counter()
    pairing = pair_entries(corpus.entries, config)
    t2 = time.perf_counter()
    data = pairing_json(pairing, config.settings.signature)
    rel = {e.path: e.relpath for e in corpus.entries}
    for pair in data["pairs"]:
        pair["source"], pair["target"] = rel[pair["source"]], rel[pair["target"]]
    prefix = f"{folder}{os.sep}"
    for unpaired in data["unpaired"]:
        unpaired["path"] = rel[unpaired["path"]]
        unpaired["reason"] = unpaired["reason"].replace(prefix, "")
        if unpaired.get("candidate") in rel:
            unpaired["candidate"] = rel[unpaired["candidate"]]
    data["read_errors"] = len(corpus.errors)
    data["load_seconds"] = t1 - t0
    data["pair_seconds"] = t2 - t1
    return data


def pair_texts(documents: Sequence[tuple[str, str, str]], jobs: int = 1) -> dict[str, Any]:
    """Content pairing of in-memory plain-text documents given as (path, text, language),
    the language taken as declared (no detection). Returns ``pairs`` (``source``,
    ``target``) and ``pair_seconds``, the time of pairing alone."""
    from dataclasses import replace

    from hupli.corpus.config import Config
    from hupli.corpus.discover import Entry
    from hupli.corpus.pair import pair_entries
    from hupli.document.normalise import normalise
    from hupli.document.segment import segment
    from hupli.model import Document

    entries = []
    for path, text, language in documents:
        normalised = normalise(text, (), "text").text
        blocks = tuple(replace(b, language=language) for b in segment(normalised, "text"))
        document = Document(path=path, text=normalised, blocks=blocks, language=language)
        entries.append(Entry(path, path, document, declared=language))
    t0 = time.perf_counter()
    pairing = pair_entries(entries, Config(), jobs=jobs)
    elapsed = time.perf_counter() - t0
    return {
        "pairs": [{"source": p.source, "target": p.target} for p in pairing.pairs],
        "pair_seconds": elapsed,
    }


def read_text(path: Path) -> tuple[str, str]:
    """A file's decoded text and its markup ("markdown" or "text"), as hupli reads it."""
    from hupli.document.read import read_path

    decoded = read_path(path)
    return decoded.text, decoded.markup


def normalise_text(text: str, markup: str, disabled: Sequence[str] = ()) -> str:
    """``hupli normalise`` of TEXT, with the named rules off."""
    from hupli.document.normalise import normalise

    return normalise(text, disabled, markup).text


def prose_blocks(text: str, markup: str) -> list[str | None]:
    """TEXT's blank-line-separated blocks, None for one that holds verbatim lines (code,
    front matter, tables, HTML, admonitions: what normalising leaves alone)."""
    verbatim: set[int] = set()
    if markup == "markdown":
        from hupli.document.structure import verbatim_regions

        for region in verbatim_regions(text):
            verbatim.update(range(region.start, region.end))
    blocks: list[str | None] = []
    current: list[str] = []
    touched = False
    for number, line in enumerate([*text.split("\n"), ""]):
        if line.strip():
            current.append(line)
            touched = touched or number in verbatim
        elif current:
            blocks.append(None if touched else "\n".join(current))
            current, touched = [], False
    return blocks


def false_findings(source_text: str, target_text: str, disabled: Sequence[str] = ()) -> int:
    """Missing and added findings when aligning two plain pages that translate each other
    paragraph by paragraph, with the named normalisation rules off."""
    overrides = {"disabled_rules": frozenset(disabled)} if disabled else None
    result = align_texts(source_text, target_text, "original.txt", "translation.txt", overrides)
    return sum(
        1
        for link in result["links"]
        for finding in link["findings"]
        if finding["code"] in ("missing", "added")
    )
