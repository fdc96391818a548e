"""The content-keyed cache: same answers as without it, invalidated by any edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from hupli.cache import CACHE_FOLDER, Cache, default_location
from hupli.pipeline import align_documents, load_document
from hupli.settings import Settings

from .conftest import EN_BLOG, FI_BLOG


def test_round_trip_gives_equal_results(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    settings = Settings()
    first = align_documents(
        load_document(FI_BLOG, settings, cache),
        load_document(EN_BLOG, settings, cache),
        settings,
        cache,
    )
    assert cache.hits == 0 and cache.misses == 3
    second = align_documents(
        load_document(FI_BLOG, settings, cache),
        load_document(EN_BLOG, settings, cache),
        settings,
        cache,
    )
    assert cache.hits == 3
    uncached = align_documents(load_document(FI_BLOG), load_document(EN_BLOG))
    assert first == second == uncached
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")
    assert (tmp_path / "cache" / "CACHEDIR.TAG").exists()


def test_an_edit_or_a_setting_misses(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    shutil.copy(FI_BLOG, page)
    cache = Cache(tmp_path / "cache")
    before = load_document(page, Settings(), cache)
    page.write_text(page.read_text().replace("1339", "1439"), encoding="utf-8")
    after = load_document(page, Settings(), cache)
    assert cache.hits == 0
    assert "1439" in after.text and "1439" not in before.text
    load_document(page, Settings(disabled_rules=frozenset({"final_newline"})), cache)
    assert cache.hits == 0


def test_damaged_entries_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = cache.key("document", b"x")
    cache.put(key, load_document(FI_BLOG))
    for entry in (tmp_path / "cache").rglob("document-*"):
        entry.write_bytes(b"HUPLI1 not marshal data")
    assert cache.get(key) is None
    for entry in (tmp_path / "cache").rglob("document-*"):
        entry.write_bytes(b"\x80\x04pickle?")
    assert cache.get(key) is None


def test_disabled_cache_stores_nothing(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", enabled=False)
    load_document(FI_BLOG, Settings(), cache)
    assert not (tmp_path / "cache").exists()


def test_uncacheable_values_are_skipped(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.put("k", object())
    assert cache.get("k") is None


def test_location_is_the_project_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("HUPLI_CACHE_DIR", raising=False)
    (tmp_path / "site" / "fi").mkdir(parents=True)
    (tmp_path / "site" / "hupli.toml").write_text("")
    assert default_location(tmp_path / "site" / "fi" / "x.md") == tmp_path / "site" / CACHE_FOLDER
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_location(tmp_path / "site" / "fi" / "x.md") == tmp_path / "elsewhere"


def test_cache_deleted_during_a_run_is_made_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / CACHE_FOLDER)
    cache.put(cache.key("x", "1"), ("first",))
    shutil.rmtree(tmp_path / CACHE_FOLDER)  # a user clearing the cache while hupli runs
    cache.put(cache.key("x", "1"), ("again",))
    cache.put(cache.key("x", "2"), ("second",))
    assert cache.get(cache.key("x", "1")) == ("again",)
    assert cache.get(cache.key("x", "2")) == ("second",)
    assert (tmp_path / CACHE_FOLDER / ".gitignore").is_file()
    leftovers = [p for p in (tmp_path / CACHE_FOLDER).rglob("*.tmp")]
    assert leftovers == []
