"""The corpus cache, the stat index and `--jobs`: same answers, fewer recomputations.

No timings here (see bench/bench_corpus.py); only that cached and parallel runs say exactly
what a fresh single-process run says, and that no edit is ever missed.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from hupli import cache as cache_module
from hupli import parallel
from hupli.cache import Cache, file_digests
from hupli.cli import main
from hupli.corpus import pair as pair_module
from hupli.corpus.config import load_config
from hupli.corpus.discover import discover, load_corpus
from hupli.corpus.features import features

from .conftest import FI_BLOG
from .corpus_helpers import copy_sample


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().out


def _entries(folder: Path, prefix: str) -> list[str]:
    return Cache(folder).keys(prefix)


def test_unchanged_corpus_is_read_from_the_cache(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    config = load_config(root)
    fresh = load_corpus(root, config)
    cache = Cache(tmp_path / "cache")
    first = load_corpus(root, config, cache=cache)
    assert cache.hits == 0 and first.state
    cache.hits = cache.misses = 0
    second = load_corpus(root, config, cache=cache)
    assert cache.misses == 0 and cache.hits >= len(fresh.entries)
    assert first.entries == second.entries == fresh.entries
    assert first.state == second.state
    assert load_corpus(root, config).state == ""  # no cache, no state


def test_an_edit_changes_the_state_and_only_that_entry_is_redone(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    config = load_config(root)
    cache = Cache(tmp_path / "cache")
    before = load_corpus(root, config, cache=cache)
    page = root / FI_BLOG.relative_to(FI_BLOG.parents[1])
    page.write_text(page.read_text(encoding="utf-8").replace("1339", "1439"), encoding="utf-8")
    cache.hits = cache.misses = 0
    after = load_corpus(root, config, cache=cache)
    assert after.state and after.state != before.state
    assert cache.misses == 1  # the edited page alone
    edited = next(e for e in after.entries if e.relpath == "fi/" + page.name)
    assert "1439" in edited.document.text
    assert after.entries == load_corpus(root, config).entries


def test_a_changed_configuration_changes_the_state(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    cache = Cache(tmp_path / "cache")
    before = load_corpus(root, load_config(root), cache=cache).state
    (root / "hupli.toml").write_text("[checks]\nlength-outlier = false\n")
    assert load_corpus(root, load_config(root), cache=cache).state != before


def test_stat_index_is_never_fooled_by_same_size_and_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Trust even fresh files, so that the index is used at all in a quick test.
    monkeypatch.setattr(cache_module, "_RACY_NS", -(10**18))
    root = tmp_path / "c"
    root.mkdir()
    page = root / "a.md"
    page.write_text("Hei 2020.\n")
    os.utime(page, ns=(10**18, 10**18))
    cache = Cache(tmp_path / "cache")
    files = [(page, "a.md")]
    first = file_digests(cache, root, files)
    index = cache.get(cache.key("statindex", str(root.resolve())))
    assert isinstance(index, dict) and "a.md" in index
    time.sleep(0.05)  # beyond the coarsest ctime tick
    with open(page, "r+b") as handle:  # same inode, same size, mtime put back
        handle.write(b"Moi")
    os.utime(page, ns=(10**18, 10**18))
    second = file_digests(cache, root, files)
    assert second["a.md"] != first["a.md"]
    assert second["a.md"] == cache_module.content_digest(page.read_bytes())


def test_stat_index_does_not_remember_files_changed_just_now(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.md").write_text("Hei 2020.\n")
    cache = Cache(tmp_path / "cache")
    digests = file_digests(cache, root, [(root / "a.md", "a.md")])
    assert digests["a.md"]
    index = cache.get(cache.key("statindex", str(root.resolve())))
    assert not index  # changed within the racy window: hashed again next time


def test_lint_second_run_is_cached_and_any_edit_is_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(folder))
    root = str(copy_sample(tmp_path))
    first = _run(capsys, "lint", root, "--jobs", "1")
    assert len(_entries(folder, "lint")) == 1
    assert _run(capsys, "lint", root, "--jobs", "1") == first
    page = Path(root) / "fi" / FI_BLOG.name
    page.write_text(page.read_text(encoding="utf-8").replace("1339", "1439"), encoding="utf-8")
    edited = _run(capsys, "lint", root, "--jobs", "1")
    assert edited != first
    assert "1439" in edited[1] or edited[1].count("changed") != first[1].count("changed")
    assert edited == _run(capsys, "lint", root, "--jobs", "1", "--no-cache")


def test_no_cache_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(folder))
    root = str(copy_sample(tmp_path))
    for command in ("lint", "status", "pair"):
        _run(capsys, command, root, "--no-cache")
    assert not folder.exists()
    cached = _run(capsys, "status", root, "--format", "json")
    assert folder.exists()
    assert cached == _run(capsys, "status", root, "--format", "json", "--no-cache")
    assert cached == _run(capsys, "status", root, "--format", "json")


def test_jobs_1_and_2_give_identical_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Make even the five-document sample go through the process pool.
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(pair_module, "PARALLEL_MIN_DOCUMENTS", 1)
    root = str(copy_sample(tmp_path))
    for args in (("status", "--format", "json"), ("lint",), ("pair", "--format", "json")):
        one = _run(capsys, *args[:1], root, *args[1:], "--jobs", "1", "--no-cache")
        two = _run(capsys, *args[:1], root, *args[1:], "--jobs", "2", "--no-cache")
        assert one == two, args
    for fmt in ("tmx", "xliff"):
        one = _run(capsys, "export", fmt, root, "--jobs", "1", "--no-cache")
        two = _run(capsys, "export", fmt, root, "--jobs", "2", "--no-cache")
        assert one == two and one[0] == 0, fmt
        assert ("<tu " if fmt == "tmx" else "<unit ") in one[1]
    config = load_config(root)
    assert load_corpus(root, config, jobs=2) == load_corpus(root, config, jobs=1)


def test_export_of_a_corpus_goes_through_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(tmp_path / "cache"))
    root = str(copy_sample(tmp_path))
    fresh = _run(capsys, "export", "tmx", root, "--no-cache")
    assert not (tmp_path / "cache").exists()
    first = _run(capsys, "export", "tmx", root)
    assert _entries(tmp_path / "cache", "alignment") and _entries(tmp_path / "cache", "entry")
    assert fresh == first == _run(capsys, "export", "tmx", root)


def test_map_ordered_keeps_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    items = list(range(100, 0, -1))
    out = parallel.map_ordered(abs, items, 2, progress=seen.append, min_items=1)
    assert out == items and seen == items


def _pick(shared: tuple[str, ...], number: int) -> str:
    return shared[number].upper()


def test_map_shared_gives_each_worker_the_data_once_and_keeps_order() -> None:
    shared = tuple(f"document {n}" for n in range(50))
    items = list(range(49, -1, -1))
    seen: list[int] = []
    pooled = parallel.map_shared(_pick, shared, items, 2, progress=seen.append, min_items=1)
    assert pooled == [f"DOCUMENT {n}" for n in items] and seen == items
    assert parallel.map_shared(_pick, shared, items, 1) == pooled


def test_pairing_reuses_document_anchors_with_the_same_result(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    corpus = load_corpus(root, load_config(root))
    for entry in corpus.entries:
        bare = replace(entry, document=replace(entry.document, anchors=(), anchors_language=""))
        assert features(entry.document, entry.language) == features(bare.document, bare.language)


def test_fast_ngram_extraction_matches_langdetect() -> None:
    from langdetect.detector import Detector

    from hupli.document import detect

    factory = detect._factory(("fi", "en", "sv"), 0)
    texts = [p for p in FI_BLOG.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts += ["ABC DEF abc", "Ääkköset ÖÖ öö", "“quoted” — dash… ½ ß", "McDonald's USA-ssa"]
    for text in texts:
        detector = factory.create()
        detector.append(text)
        expected = Detector._extract_ngrams(detector)
        assert detect.extract_ngrams(detector.text, detector.word_lang_prob_map) == expected


def test_discover_and_digests_agree(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    files = discover(root, load_config(root))
    digests = file_digests(Cache(tmp_path / "cache"), root, files)
    assert sorted(digests) == [relpath for _path, relpath in files]
    assert all(digests.values())
