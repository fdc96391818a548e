"""Corpus discovery: declared languages, name keys, ignore patterns, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from hupli.corpus.config import Config, config_from_mapping
from hupli.corpus.discover import declared_language, discover, is_ignored, load_corpus
from hupli.model import ConfigError

from .corpus_helpers import copy_sample

LANGS = ("fi", "en", "sv")


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        ("fi/news/a.md", ("fi", "news/a", "folder")),
        ("en/news/a.md", ("en", "news/a", "folder")),
        ("site/en/a.txt", ("en", "site/a", "folder")),
        ("news/a.fi.md", ("fi", "news/a", "suffix")),
        ("news/a_en.txt", ("en", "news/a", "suffix")),
        ("fi/a.en.md", ("en", "a", "suffix")),
        ("3f9a0c.txt", (None, "", "")),
        ("fin.md", (None, "", "")),
    ],
)
def test_declared_language(relpath: str, expected: tuple[str | None, str, str]) -> None:
    assert declared_language(relpath, LANGS) == expected


def test_ignore_patterns() -> None:
    assert is_ignored("drafts/a.md", ["drafts/**"])
    assert is_ignored("fi/drafts/a.md", ["drafts/"])
    assert is_ignored("fi/a.bak.md", ["*.bak.md"])
    assert is_ignored("fi/old/a.md", ["fi/old"])
    assert not is_ignored("fi/a.md", ["drafts/**", "*.bak.md"])


def test_discover_skips_hidden_and_ignored(tmp_path: Path) -> None:
    for rel in ("fi/a.md", "en/b.txt", ".hupli/originals/fi/a.md", "drafts/c.md", "x.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Teksti.\n", encoding="utf-8")
    config = config_from_mapping({"ignore": ["drafts/**"]})
    assert [rel for _, rel in discover(tmp_path, config)] == ["en/b.txt", "fi/a.md"]


def test_missing_corpus_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such corpus folder"):
        load_corpus(tmp_path / "nope", Config())


def test_sample_corpus_loads_with_declared_languages(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    corpus = load_corpus(root)
    assert not corpus.errors
    assert [e.relpath for e in corpus.entries] == sorted(e.relpath for e in corpus.entries)
    assert {e.relpath.split("/")[0]: e.declared for e in corpus.entries} == {"fi": "fi", "en": "en"}
    assert all(e.document.language == e.declared for e in corpus.entries)
    assert all(e.format_rules and e.format_line >= 1 for e in corpus.entries)


def test_unreadable_file_is_collected_and_the_rest_load(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "fi" / "broken.md").write_bytes(b"\x00\x01binary\x00")
    corpus = load_corpus(root)
    assert len(corpus.entries) == 5
    assert [Path(e.path).name for e in corpus.errors] == ["broken.md"]
    assert "binary" in corpus.errors[0].reason
