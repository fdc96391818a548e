"""The content-keyed cache: same answers as without it, invalidated by any edit."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

from hupli import cache as cache_module
from hupli.api import align_documents, load_document, open_cache
from hupli.cache import _BATCH, CACHE_FOLDER, DATABASE, Cache, worker_cache
from hupli.parallel import map_shared
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


def _overwrite_entries(cache: Cache, data: bytes) -> None:
    with sqlite3.connect(cache.database) as db:
        db.execute("UPDATE entry SET value = ?", (data,))
    db.close()


def test_damaged_entries_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = cache.key("document", b"x")
    cache.put(key, load_document(FI_BLOG))
    for damage in (b"HUPLI1 not marshal data", b"\x80\x04pickle?", b""):
        _overwrite_entries(cache, damage)
        assert cache.get(key) is None
    cache.put(key, load_document(FI_BLOG))
    assert cache.get(key) == load_document(FI_BLOG)


def test_a_damaged_database_is_thrown_away_and_made_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.put(cache.key("x", "1"), ("first",))
    del cache  # as a new run would find it
    database = tmp_path / "cache" / DATABASE
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"this is not an SQLite database" * 100)
    again = Cache(tmp_path / "cache")
    assert again.get(again.key("x", "1")) is None
    again.put(again.key("x", "2"), ("second",))
    assert again.get(again.key("x", "2")) == ("second",)
    assert again.keys("x") == [again.key("x", "2")]


def test_reading_an_empty_cache_makes_nothing(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    assert cache.get(cache.key("x", "1")) is None
    assert cache.keys("x") == []
    assert not (tmp_path / "cache").exists()


def test_keys_lists_one_kind(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    for kind in ("lint", "lintx", "entry"):
        cache.put(cache.key(kind, "1"), (kind,))
    assert cache.keys("lint") == [cache.key("lint", "1")]
    assert cache.keys("entry") == [cache.key("entry", "1")]


def _put_in_child(cache: Cache, key: str) -> None:
    cache.put(key, ("from a worker",))


def test_a_forked_worker_writes_beside_its_parent(tmp_path: Path) -> None:
    # Corpus commands open the cache in the parent, then fork workers that write to it.
    cache = Cache(tmp_path / "cache")
    cache.put(cache.key("x", "parent"), ("from the parent",))
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_put_in_child, args=(cache, cache.key("x", "child")))
    child.start()
    child.join()
    assert child.exitcode == 0
    cache.put(cache.key("x", "after"), ("after",))
    assert cache.get(cache.key("x", "child")) == ("from a worker",)
    assert cache.get(cache.key("x", "parent")) == ("from the parent",)
    assert len(cache.keys("x")) == 3


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
    assert open_cache(tmp_path / "site" / "fi" / "x.md").folder == tmp_path / "site" / CACHE_FOLDER
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert open_cache(tmp_path / "site" / "fi" / "x.md").folder == tmp_path / "elsewhere"


def test_cache_deleted_during_a_run_is_made_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / CACHE_FOLDER)
    cache.put(cache.key("x", "1"), ("first",))
    shutil.rmtree(tmp_path / CACHE_FOLDER)  # a user clearing the cache while hupli runs
    cache.put(cache.key("x", "1"), ("again",))
    cache.put(cache.key("x", "2"), ("second",))
    assert cache.get(cache.key("x", "1")) == ("again",)
    assert cache.get(cache.key("x", "2")) == ("second",)
    assert (tmp_path / CACHE_FOLDER / ".gitignore").is_file()
    assert (tmp_path / CACHE_FOLDER / DATABASE).is_file()
    assert Cache(tmp_path / CACHE_FOLDER).get(cache.key("x", "2")) == ("second",)


def _put_in_pool(folder: str, number: int) -> int:
    cache = worker_cache(folder)
    assert cache is not None
    cache.put(cache.key("w", str(number)), (number,))
    # A worker reads back what it holds back.
    assert cache.get(cache.key("w", str(number))) == (number,)
    return number


def test_pool_workers_have_written_everything_when_the_map_returns(tmp_path: Path) -> None:
    # Pool workers write in batches; the rest is written as each worker exits, before the
    # pool's shutdown returns to the parent.
    folder = str(tmp_path / "cache")
    numbers = list(range(3 * _BATCH + 5))
    assert map_shared(_put_in_pool, folder, numbers, jobs=2, min_items=1) == numbers
    cache = Cache(folder)
    assert [cache.get(cache.key("w", str(n))) for n in numbers] == [(n,) for n in numbers]
    assert len(cache.keys("w")) == len(numbers)


class _Connection:
    """A real connection whose statements starting with FAIL raise ERROR, TIMES times."""

    def __init__(self, db: sqlite3.Connection, fail: str, error: str, times: list[int]) -> None:
        self._db, self._fail, self._error, self._times = db, fail, error, times

    def execute(self, sql: str, *args: object) -> object:
        if sql.startswith(self._fail) and self._times[0] > 0:
            self._times[0] -= 1
            raise sqlite3.OperationalError(self._error)
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._db, name)


def _failing(monkeypatch, fail: str, error: str, times: int) -> list[int]:
    left = [times]
    connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: _Connection(connect(*a, **k), fail, error, left)
    )
    return left


def test_a_write_that_finds_the_database_locked_waits_and_is_not_lost(
    tmp_path: Path, monkeypatch
) -> None:
    # Two processes opening a new database at once: switching it to WAL is answered
    # "database is locked" at once, without the busy timeout; the batch used to be dropped.
    left = _failing(monkeypatch, "PRAGMA journal_mode", "database is locked", times=3)
    cache = Cache(tmp_path / "cache")
    cache.put(cache.key("x", "1"), ("kept",))
    assert left == [0]
    assert Cache(tmp_path / "cache").get(cache.key("x", "1")) == ("kept",)


def test_a_database_that_cannot_be_written_is_not_waited_for(tmp_path: Path, monkeypatch) -> None:
    error = "attempt to write a readonly database"
    left = _failing(monkeypatch, "BEGIN IMMEDIATE", error, times=1_000_000)
    cache = Cache(tmp_path / "cache")
    cache.put(cache.key("x", "1"), ("lost",))
    assert left == [1_000_000 - 1]  # tried once: being read-only does not pass
    assert cache.get(cache.key("x", "1")) is None


def test_a_database_locked_for_good_is_given_up(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "_BUSY_TIMEOUT_S", 0.05)
    _failing(monkeypatch, "BEGIN IMMEDIATE", "database is locked", times=1_000_000)
    cache = Cache(tmp_path / "cache")
    cache.put(cache.key("x", "1"), ("lost",))  # returns: a cache never stops a run
    assert cache.get(cache.key("x", "1")) is None
