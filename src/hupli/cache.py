"""A cache keyed by content, so repeated runs only redo what changed.

Entries are keyed by a hash of everything that can change them: the bytes of the input
files (or the normalised text of the documents), the settings signature, and a
fingerprint of hupli's own code. An edit to a page, a setting or hupli itself therefore
misses the cache; nothing is ever looked up by path or modification time alone.

Where it lives: `$HUPLI_CACHE_DIR` if set; else `.hupli-cache/` in the project the run
belongs to (the nearest folder above the input holding `hupli.toml`, `pyproject.toml` or
`.git`: `hupli.corpus.root.project_root`, so CI can keep it between runs); else the
user's cache folder. The folder carries its own
`.gitignore` and a `CACHEDIR.TAG`, holds one SQLite database (`entries.sqlite3`, one file
for CI to keep), and is safe to delete at any time, even while hupli runs.

Values are stored as JSON and read back by the type their kind must have (see "the stored
form" below): loading a cache entry never runs code, never takes more memory than its
bytes warrant, and never builds an object whose fields have the wrong type, so a cache
folder that came from elsewhere (another branch's CI cache) cannot do harm. Only hupli's
frozen model classes are encoded; anything else is simply not cached. A damaged, foreign
or crafted entry is a miss; a damaged database is thrown away and made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import operator
import os
import sqlite3
import time
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hupli import __version__, model
from hupli.files import read_regular
from hupli.model import ReadError

CACHE_FOLDER = ".hupli-cache"
DATABASE = "entries.sqlite3"
_MAGIC = b"HUPLI2"  # 1: marshal; 2: JSON read back by type
_CREATE = "CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID"
_SELECT = "SELECT value FROM entry WHERE key = ?"
# Keys are "<kind>-<hex>": the kind's keys sort between "<kind>-" and "<kind>." ("." follows "-").
_KEYS = "SELECT key FROM entry WHERE key > ? AND key < ? ORDER BY key"
_INSERT = "INSERT OR REPLACE INTO entry (key, value) VALUES (?, ?)"
# A pool worker writes this many entries in one transaction (see `Cache._batching`).
_BATCH = 128
# Writers wait for each other this long at most; a write takes well under a millisecond.
_BUSY_TIMEOUT_S = 30.0


def _busy(error: sqlite3.OperationalError) -> bool:
    """Whether ERROR says another connection holds the database (try again later)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


def _model_classes() -> dict[str, type]:
    classes = {
        name: value
        for name, value in vars(model).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }
    return classes


_CLASSES: dict[str, type] = _model_classes()


def register(cls: type) -> type:
    """Let another module's frozen dataclass be cached (used as a decorator)."""
    _CLASSES[cls.__name__] = cls
    _SHAPES.pop(cls, None)
    return cls


class _Uncacheable(Exception):
    pass


# Per class: its field names, whether it may be rebuilt without running __init__, and a
# function giving all its field values as a tuple, or None when it is not a cacheable class.
# Encoding a 10,000-page corpus's results touches millions of values (most of them empty
# frozensets and tuples of strings in blocks' anchors), so the per-value work is kept small.
_SHAPES: dict[type, tuple[tuple[str, ...], bool, Callable[[Any], tuple[Any, ...]]] | None] = {}


def _shape(cls: type) -> tuple[tuple[str, ...], bool, Callable[[Any], tuple[Any, ...]]] | None:
    if cls not in _SHAPES:
        shape = None
        if dataclasses.is_dataclass(cls) and _CLASSES.get(cls.__name__) is cls:
            names = tuple(f.name for f in dataclasses.fields(cls))
            # A class that checks or derives values in __post_init__ is rebuilt through
            # __init__; the others get their fields set directly, which is several times
            # faster than a frozen dataclass's __init__ and gives an equal object.
            direct = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
            getter = operator.attrgetter(*names) if len(names) > 1 else _one_field(names)
            shape = (names, direct, getter)
        _SHAPES[cls] = shape
    return _SHAPES[cls]


def _one_field(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    # attrgetter with one name gives the value, not a 1-tuple; a class with no field, ().
    return lambda value: tuple(getattr(value, name) for name in names)


# --- the stored form: JSON, read back by type ----------------------------------------------
#
# A cache folder can come from elsewhere (CI restores caches across branches), so an entry
# is untrusted bytes. marshal, used before, is documented as unsafe for crafted data and
# is: five crafted bytes (a tuple said to hold 2**28 items) made it allocate and clear
# 2 GB. An entry is therefore JSON, which the C parser reads in memory proportional to its
# bytes, and it is read back *by the type its kind must have* (`_KINDS`): every value is
# checked against the type hints of the class it goes into before the object is built, so a
# crafted or foreign entry is at worst a miss, never an object with fields of the wrong type.
# (An HMAC would not help: the key would have to be stored where the cache is, and a cache
# restored from another branch comes with its key.)

# The most bytes one entry may hold: a page's document is at most a few times its 20 MiB.
MAX_ENTRY_BYTES = 160 * 1024 * 1024


def _default(value: Any) -> Any:
    """JSON for what json.dumps does not know: hupli's frozen classes as [name, *fields],
    frozensets as arrays (their type says what to read them back as)."""
    cls = type(value)
    shape = _shape(cls)
    if shape is not None:
        return [cls.__name__, *shape[2](value)]
    if cls is frozenset:
        return list(value)
    raise _Uncacheable(cls.__name__)


def _dumps(value: Any) -> bytes:
    text = json.dumps(
        value,
        default=_default,
        ensure_ascii=False,
        check_circular=False,
        separators=(",", ":"),
    )
    return _MAGIC + text.encode("utf-8")


class _Invalid(Exception):
    """An entry that does not have the shape its kind must have."""


_Reader = Callable[[Any], Any]
_NONE = type(None)
# What JSON gives for each plain type (an int is a float's too, and a bool an int's:
# reading them back keeps the type they were written with).
_ACCEPTED: dict[object, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int, bool}),
    float: frozenset({float, int}),
    bool: frozenset({bool}),
    _NONE: frozenset({_NONE}),
}
_READERS: dict[object, _Reader] = {}


def _reader(hint: object) -> _Reader:
    """A function that checks a value JSON gave against HINT and builds what HINT says (a
    tuple, a frozenset, one of hupli's classes), raising `_Invalid` for anything else.
    Built once per hint; raises TypeError for a hint it cannot read."""
    if isinstance(hint, str):  # a registered class named in `_KINDS`
        hint = _CLASSES[hint]
    if hint not in _READERS:
        _READERS[hint] = _make_reader(hint)
    return _READERS[hint]


def _make_reader(hint: object) -> _Reader:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _ACCEPTED:
        accepted = _ACCEPTED[hint]

        def plain(raw: Any) -> Any:
            if type(raw) not in accepted:
                raise _Invalid
            return raw

        return plain
    if hint is model.Severity:
        return _severity
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(args[0])
    if origin is tuple:
        items = [_reader(arg) for arg in args]

        def fixed(raw: Any) -> tuple[Any, ...]:
            if type(raw) is not list or len(raw) != len(items):
                raise _Invalid
            return tuple([read(item) for read, item in zip(items, raw, strict=True)])

        return fixed
    if origin is frozenset:
        return _frozenset_of(args[0])
    if origin is dict:
        keys, values = _reader(args[0]), _reader(args[1])

        def mapping(raw: Any) -> dict[Any, Any]:
            if type(raw) is not dict:
                raise _Invalid
            return {keys(key): values(value) for key, value in raw.items()}

        return mapping
    if origin in (typing.Union, types.UnionType):
        options = [_reader(arg) for arg in args if arg is not _NONE]
        optional = _NONE in args

        def union(raw: Any) -> Any:
            if raw is None and optional:
                return None
            for read in options:
                try:
                    return read(raw)
                except _Invalid:
                    continue
            raise _Invalid

        return union
    if isinstance(hint, type) and _shape(hint) is not None:
        return _class_reader(hint)
    raise TypeError(f"the cache cannot read back a {hint!r}")


def _severity(raw: Any) -> model.Severity:
    if type(raw) is not int:
        raise _Invalid
    try:
        return model.Severity(raw)
    except ValueError:
        raise _Invalid from None


def _tuple_of(hint: object) -> Callable[[Any], tuple[Any, ...]]:
    if hint in _ACCEPTED:
        accepted = _ACCEPTED[hint]

        def plain_items(raw: Any) -> tuple[Any, ...]:
            # Checked in C: most tuples hupli caches hold strings or numbers only (and
            # most of them, in blocks' anchors, are empty).
            if type(raw) is not list or (raw and not accepted.issuperset(map(type, raw))):
                raise _Invalid
            return tuple(raw)

        return plain_items
    read = _reader(hint)

    def items(raw: Any) -> tuple[Any, ...]:
        if type(raw) is not list:
            raise _Invalid
        return tuple([read(item) for item in raw])

    return items


_EMPTY_SET: frozenset[Any] = frozenset()


def _frozenset_of(hint: object) -> Callable[[Any], frozenset[Any]]:
    if hint not in _ACCEPTED:
        members = _tuple_of(hint)
        return lambda raw: frozenset(members(raw))
    accepted = _ACCEPTED[hint]

    def plain_members(raw: Any) -> frozenset[Any]:
        if type(raw) is not list:
            raise _Invalid
        if not raw:
            return _EMPTY_SET
        if not accepted.issuperset(map(type, raw)):
            raise _Invalid
        return frozenset(raw)

    return plain_members


def _class_reader(cls: type) -> _Reader:
    shape = _shape(cls)
    assert shape is not None
    names, direct, _getter = shape
    hints = typing.get_type_hints(cls)
    fields = [_reader(hints[name]) for name in names]
    size, name = len(names) + 1, cls.__name__

    def build(raw: Any) -> Any:
        if type(raw) is not list or len(raw) != size or raw[0] != name:
            raise _Invalid
        values = [read(item) for read, item in zip(fields, raw[1:], strict=True)]
        if direct:
            made: Any = object.__new__(cls)
            made.__dict__.update(zip(names, values, strict=True))
            return made
        return cls(*values)

    return build


# Plain data: what an entry of a kind not in `_KINDS` may hold (numbers, strings, and
# tuples and string-keyed dicts of them); never one of hupli's classes.
_PLAIN_LEAVES = frozenset({str, int, float, bool, _NONE})


def _plain(raw: Any, depth: int = 0) -> Any:
    if type(raw) in _PLAIN_LEAVES:
        return raw
    if depth > 32:
        raise _Invalid
    if type(raw) is list:
        return tuple([_plain(item, depth + 1) for item in raw])
    if type(raw) is dict:
        return {key: _plain(item, depth + 1) for key, item in raw.items()}
    raise _Invalid


# What each kind of entry hupli stores must be (the key says the kind: "<kind>-<hex>").
# Classes registered by later stages are named, and looked up when first read.
_KINDS: dict[str, object] = {
    "document": model.Document,
    "alignment": tuple[tuple[model.Link, ...], tuple[model.Finding, ...]],
    "entry": "Entry",
    "pairing": "Pairing",
    "lint": "LintRun",
    "statindex": dict[str, tuple[tuple[int, int, int, int, int], str]],
}


def _loads(key: str, data: bytes) -> Any:
    """The value of the entry DATA stored under KEY; raises (anything) when it is not a
    well-formed entry of the shape KEY's kind must have."""
    if len(data) > MAX_ENTRY_BYTES or not data.startswith(_MAGIC):
        raise _Invalid
    raw = json.loads(data[len(_MAGIC) :])
    hint = _KINDS.get(key.partition("-")[0])
    return _plain(raw) if hint is None else _reader(hint)(raw)


def _code_fingerprint() -> str:
    # hupli's own sources and data (the word table) by size and modification time: cheap,
    # and an edited install (a developer's editable checkout) never reads results of
    # older code. os.walk and plain strings, not Path.rglob: the package is a tree of
    # subpackages, and sorting its Paths (compiled files included) took milliseconds of
    # every cached run.
    package = os.path.dirname(os.path.realpath(__file__))
    digest = hashlib.sha256(__version__.encode())
    found: list[tuple[str, str]] = []  # (name relative to the package, full path)
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        prefix = folder[len(package) + 1 :]
        found.extend(
            (f"{prefix}/{name}" if prefix else name, f"{folder}/{name}")
            for name in filenames
            if name.endswith((".py", ".tsv"))
        )
    for name, path in sorted(found):
        stat = os.stat(path)
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def default_location(project: str | os.PathLike[str] | None = None) -> Path:
    """Where the cache of PROJECT (a folder, or None for no project) lives."""
    explicit = os.environ.get("HUPLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if project is not None:
        return Path(project) / CACHE_FOLDER
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hupli" / "results"


class Cache:
    """Get and put values by key; every failure to read or write is a miss, never an error.

    The entries live in one SQLite database in the cache folder (write-ahead log, a short
    transaction per entry, or per batch in a pool worker: see `_batching`), which several
    processes may read and write at once.
    Profiled on a 10,000-page corpus, the earlier layout of one file per entry spent about
    0.2 ms creating each file, a tenth of a cold run; a row costs a quarter of that.
    """

    def __init__(self, folder: str | os.PathLike[str], enabled: bool = True) -> None:
        self.folder = Path(folder)
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self._fingerprint: str | None = None
        # The open database, with the process that opened it and the file's identity: a
        # forked worker must open its own, and a folder deleted mid-run is made again.
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0
        self._db_id: tuple[int, int] | None = None
        # Entries a pool worker has made but not yet written, and that worker's process.
        self._pending: dict[str, bytes] = {}
        self._pending_pid = 0

    @classmethod
    def disabled(cls) -> Cache:
        return cls(os.devnull, enabled=False)

    @property
    def database(self) -> Path:
        return self.folder / DATABASE

    def key(self, kind: str, *parts: str | bytes) -> str:
        if self._fingerprint is None:
            self._fingerprint = _code_fingerprint()
        digest = hashlib.sha256(f"{kind}\0{self._fingerprint}".encode())
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode() if isinstance(part, str) else part)
        return f"{kind}-{digest.hexdigest()[:40]}"

    def get(self, key: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            data = self._pending.get(key) if self._pending_pid == os.getpid() else None
            if data is None:
                db = self._connect(create=False)
                row = db.execute(_SELECT, (key,)).fetchone() if db is not None else None
                if row is None:
                    raise KeyError(key)
                data = row[0]
            value = _loads(key, data)
        except Exception:  # a missing, damaged, foreign or crafted entry is a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if not self.enabled:
            return
        try:
            data = _dumps(value)
        except (_Uncacheable, TypeError, ValueError, RecursionError):
            return
        if len(data) > MAX_ENTRY_BYTES:
            return
        if self._batching():
            self._pending[key] = data
            if len(self._pending) >= _BATCH:
                self.flush()
            return
        self._write([(key, data)])

    def flush(self) -> None:
        """Write the entries this process holds back (a pool worker writes in batches)."""
        if self._pending and self._pending_pid == os.getpid():
            rows = list(self._pending.items())
            self._pending.clear()
            self._write(rows)

    def _batching(self) -> bool:
        # Two pool workers writing an entry each in its own transaction waited for each
        # other's locks: a fifth of a cold 10,000-page run. A worker therefore writes
        # `_BATCH` entries at a time, and the rest when it exits; an entry lost to a killed
        # worker is only a miss next time.
        from hupli import parallel

        if not parallel.in_worker():
            return False
        if self._pending_pid != os.getpid():
            # Anything held back in the parent when it forked is the parent's to write.
            self._pending = {}
            self._pending_pid = os.getpid()
            parallel.at_worker_exit(self.flush)
        return True

    def _write(self, rows: list[tuple[str, bytes]]) -> None:
        # Two processes opening a new database at once both switch it to WAL, and SQLite
        # answers one of them "database is locked" at once, without waiting (it would be a
        # deadlock), so the busy timeout does not cover it: such a write is tried again,
        # with a growing pause, for as long as the timeout. It used to drop the batch,
        # and a pool worker's entries were lost (the flaky test of issue 15).
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        pause = 0.001
        discarded = False
        while True:
            try:
                db = self._connect(create=True)
                if db is None:
                    return
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany(_INSERT, rows)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                return
            except sqlite3.OperationalError as error:
                # Locked: wait and try again. Read-only, full, unopenable: these entries
                # are just not cached.
                if not _busy(error) or time.monotonic() + pause > deadline:
                    return
                self._forget_connection()
                time.sleep(pause)
                pause = min(2 * pause, 0.1)
            except sqlite3.DatabaseError:
                # A damaged database file is thrown away and made again, once.
                if discarded:
                    return
                self._discard()
                discarded = True
            except OSError:
                return  # a read-only checkout still works, just without a cache

    def _forget_connection(self) -> None:
        """Drop this process's connection (it may be half set up) so the next use opens a
        new one; never closed in a forked worker, whose parent's it may be."""
        if self._db is not None and self._db_pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def keys(self, kind: str) -> list[str]:
        """The keys of the stored entries of one kind ("entry", "lint", …), sorted."""
        self.flush()
        try:
            db = self._connect(create=False) if self.enabled else None
            if db is None:
                return []
            rows = db.execute(_KEYS, (f"{kind}-", f"{kind}.")).fetchall()
        except (sqlite3.Error, OSError):
            return []
        return [key for (key,) in rows]

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """This process's connection, opened (and with `create`, the database made) on
        first use; None when there is no database and `create` is false."""
        if not create and self._db is not None and self._db_pid == os.getpid():
            # Reading needs no check that the file is still there: entries are keyed by
            # content, so a deleted database's are as right as a new one's would be.
            return self._db
        path = self.database
        try:
            stat = os.stat(path)
            identity: tuple[int, int] | None = (stat.st_dev, stat.st_ino)
        except FileNotFoundError:
            identity = None
        if self._db is not None and self._db_pid == os.getpid() and identity == self._db_id:
            return self._db
        # The old connection is dropped, never closed: in a forked worker it belongs to the
        # parent, and closing it there could checkpoint the parent's log.
        self._db = None
        if identity is None:
            if not create:
                return None
            self._prepare()
        db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # No fsync: a power cut may lose or damage a cache, which costs only recomputing
            # (a damaged database is thrown away); syncing each checkpoint cost 4% of a run.
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_CREATE)
            stat = os.stat(path)
        except BaseException:
            db.close()
            raise
        self._db, self._db_pid, self._db_id = db, os.getpid(), (stat.st_dev, stat.st_ino)
        return db

    def _discard(self) -> None:
        if self._db is not None and self._db_pid == os.getpid():
            self._db.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.database}{suffix}")

    def _prepare(self) -> None:
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# made by hupli: a cache, safe to delete\n*\n")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is a cache made by hupli; see https://bford.info/cachedir/\n"
        )


# --- one Cache per folder in each process ------------------------------------------------

# A pool worker opens its folder's database and computes the code fingerprint once, and
# work the parent does itself counts its hits and misses on the caller's `Cache`. Kept here,
# reached through the two functions below only.
_BY_FOLDER: dict[str, Cache] = {}


def worker_cache(folder: str | None) -> Cache | None:
    """This process's `Cache` of FOLDER (made on first use); None for no folder."""
    if folder is None:
        return None
    if folder not in _BY_FOLDER:
        _BY_FOLDER[folder] = Cache(folder)
    return _BY_FOLDER[folder]


def share_with_workers(cache: Cache | None) -> str | None:
    """The folder to hand to `worker_cache` in pool workers, None when CACHE is off; work in
    this process then uses CACHE itself."""
    if cache is None or not cache.enabled:
        return None
    folder = os.fspath(cache.folder)
    _BY_FOLDER[folder] = cache
    return folder


# --- a corpus's state, cheaply ------------------------------------------------------------

# A file changed this recently may change again within the file system's timestamp
# resolution without its stat changing ("racy git"), so its stat is not remembered.
_RACY_NS = 2_000_000_000


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int, int]:
    # ctime is set by the kernel on every write and cannot be put back with utime(), so a
    # rewrite that restores size and mtime still changes the stamp.
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def file_digests(
    cache: Cache, root: str | os.PathLike[str], files: list[tuple[Path, str]]
) -> dict[str, str | None]:
    """The content digest of each file (by relpath); None for a file that cannot be read.

    A stat index in the cache remembers (device, inode, size, mtime, ctime) → digest for
    files that were not changing when they were hashed, so an unchanged corpus is not even
    read. Any difference in the stamp means the file is read and hashed again.
    """
    index_key = cache.key("statindex", os.fspath(Path(root).resolve()))
    stored = cache.get(index_key) if cache.enabled else None
    known: dict[str, Any] = stored if isinstance(stored, dict) else {}
    out: dict[str, str | None] = {}
    index: dict[str, tuple[tuple[int, int, int, int, int], str]] = {}
    changed = False
    for path, relpath in files:
        try:
            stat = os.stat(path)
        except OSError:
            out[relpath] = None
            changed = True
            continue
        stamp = _stamp(stat)
        entry = known.get(relpath)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
            out[relpath] = entry[1]
            index[relpath] = entry
            continue
        changed = True
        try:
            # A pipe, a device or a file over the size limit is refused before a byte is
            # read (its error is the corpus's to report when it loads the file).
            data = read_regular(path)
        except ReadError:
            out[relpath] = None
            continue
        digest = content_digest(data)
        out[relpath] = digest
        try:
            after = _stamp(os.stat(path))
        except OSError:
            continue
        if after == stamp and max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - _RACY_NS:
            index[relpath] = (stamp, digest)
    if changed or len(index) != len(known):
        cache.put(index_key, index)
    return out
