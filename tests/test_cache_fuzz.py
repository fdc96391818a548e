"""A cache folder from elsewhere (CI restores caches across branches) holds untrusted bytes:
any entry, crafted or damaged, is at worst a miss. Entries are written straight into the
SQLite file, under the keys a real run uses, and the run must give what it gives without
a cache."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sqlite3
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hupli import cache as cache_module
from hupli.cache import DATABASE, Cache
from hupli.cli import main

from .conftest import CORPUS, EN_BLOG, FI_BLOG

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)
# A list that names one of hupli's classes, as the stored form of an object does, with as
# many fields as the class has (or any number), each anything.
CLASS_NAMES = sorted(cache_module._CLASSES) + ["Entry", "Pairing", "LintRun", "Nope"]


def _fields(name: str) -> int:
    import dataclasses

    import hupli.corpus.discover
    import hupli.corpus.lint
    import hupli.corpus.pair  # noqa: F401  (they register their classes)

    cls = cache_module._CLASSES.get(name)
    return len(dataclasses.fields(cls)) if cls else 3


class_shaped = st.sampled_from(CLASS_NAMES).flatmap(
    lambda name: st.lists(json_values, min_size=_fields(name), max_size=_fields(name)).map(
        lambda fields: [name, *fields]
    )
) | st.builds(
    lambda name, fields: [name, *fields],
    st.sampled_from(CLASS_NAMES),
    st.lists(json_values, max_size=12),
)
marshal_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.binary(max_size=20),
    lambda inner: (
        st.tuples(inner, inner)
        | st.lists(inner, max_size=5)
        | st.frozensets(st.text(max_size=5), max_size=5)
    ),
    max_leaves=30,
)
# Known bombs: a marshalled tuple said to hold 2**28 items (marshal allocated and cleared 2 GB
# for these five bytes), nesting past any recursion limit, a huge integer.
BOMBS = [
    b"HUPLI1(" + struct.pack("<i", 2**28),
    b"HUPLI2(" + struct.pack("<i", 2**28),
    b"HUPLI2" + b"[" * 200_000,
    b"HUPLI2" + b"9" * 100_000,
    b"HUPLI2" + b'["Document"' + b',"x"' * 100 + b"]",
]


def entries() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=64),
        st.binary(max_size=64).map(lambda data: cache_module._MAGIC + data),
        json_values.map(lambda v: cache_module._MAGIC + json.dumps(v).encode()),
        class_shaped.map(lambda v: cache_module._MAGIC + json.dumps(v).encode()),
        marshal_values.map(lambda v: b"HUPLI1" + marshal.dumps(v)),
        class_shaped.map(lambda v: b"HUPLI1" + marshal.dumps(v)),
        st.sampled_from(BOMBS),
    )


def _mutated(data: st.DataObject, value: Any) -> Any:
    """VALUE (a stored entry's JSON) with one node somewhere replaced by something else."""
    if isinstance(value, list) and value and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _mutated(data, value[index]), *value[index + 1 :]]
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutated(data, value[key])}
    return data.draw(json_values | class_shaped)


# --- every kind of entry, read back alone -------------------------------------------------


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The entries a status, a lint and an align of the sample write: key → bytes."""
    folder = tmp_path_factory.mktemp("fuzz-cache")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    previous = os.environ.get("HUPLI_CACHE_DIR")
    os.environ["HUPLI_CACHE_DIR"] = str(folder / "cache")
    try:
        for args in (["status", str(corpus)], ["lint", str(corpus)]):
            main([*args, "--jobs", "1", "--format", "json", "-o", str(folder / "out")])
        main(["align", str(FI_BLOG), str(EN_BLOG), "-o", str(folder / "out")])
    finally:
        if previous is not None:
            os.environ["HUPLI_CACHE_DIR"] = previous
    with sqlite3.connect(folder / "cache" / DATABASE) as db:
        rows = dict(db.execute("SELECT key, value FROM entry").fetchall())
    db.close()
    kinds = {key.partition("-")[0] for key in rows}
    assert kinds == set(cache_module._KINDS), kinds  # every kind hupli stores is read by type
    return rows


def test_every_stored_entry_reads_back(stored: dict[str, bytes]) -> None:
    for key, data in stored.items():
        assert cache_module._loads(key, data) is not None, key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_crafted_entry_of_any_kind_is_a_miss_or_well_formed(
    stored: dict[str, bytes], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    key = data.draw(st.sampled_from(sorted(stored)))
    real = json.loads(stored[key][len(cache_module._MAGIC) :])
    crafted = data.draw(
        entries()
        | st.builds(lambda: cache_module._MAGIC + json.dumps(_mutated(data, real)).encode())
    )
    cache = Cache(tmp_path_factory.mktemp("one"))
    cache.put(key, ("placeholder",))
    with sqlite3.connect(cache.database) as db:
        db.execute("UPDATE entry SET value = ? WHERE key = ?", (crafted, key))
    db.close()
    value = cache.get(key)  # never raises
    if value is not None:
        # What comes back is what its kind holds, through and through.
        _assert_well_typed(value, cache_module._KINDS[key.partition("-")[0]], key)


def _assert_well_typed(value: Any, hint: Any, where: str) -> None:
    """An oracle written apart from the cache's readers: VALUE is of type HINT."""
    import dataclasses
    import types
    import typing

    if isinstance(hint, str):
        hint = cache_module._CLASSES[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in args:
            try:
                _assert_well_typed(value, option, where)
                return
            except AssertionError as error:
                errors.append(error)
        raise AssertionError(f"{where}: {value!r} is none of {args}")
    if hint is type(None):
        assert value is None, where
    elif hint is float:
        assert type(value) in (float, int), where
    elif hint is int:
        assert type(value) in (int, bool) or isinstance(value, int), where
    elif hint in (str, bool):
        assert type(value) is hint, where
    elif origin in (tuple, frozenset):
        assert type(value) is origin, (where, value)
        fixed = not (len(args) == 2 and args[1] is Ellipsis) and origin is tuple
        if fixed:
            assert len(value) == len(args), where
        for number, item in enumerate(value):
            _assert_well_typed(item, args[number] if fixed else args[0], f"{where}[{number}]")
    elif origin is dict:
        assert type(value) is dict, where
        for key, item in value.items():
            _assert_well_typed(key, args[0], where)
            _assert_well_typed(item, args[1], f"{where}[{key!r}]")
    else:
        assert type(value) is hint, (where, type(value), hint)
        if dataclasses.is_dataclass(hint):
            hints = typing.get_type_hints(hint)
            for field in dataclasses.fields(hint):
                name = f"{where}.{field.name}"
                _assert_well_typed(getattr(value, field.name), hints[field.name], name)


def test_the_oracle_catches_a_field_of_the_wrong_type() -> None:
    from dataclasses import replace

    from hupli.api import load_document

    document = load_document(FI_BLOG)
    _assert_well_typed(document, cache_module.model.Document, "document")
    broken = replace(
        document, blocks=(*document.blocks[:-1], replace(document.blocks[-1], line="7"))
    )
    with pytest.raises(AssertionError):
        _assert_well_typed(broken, cache_module.model.Document, "document")


# --- whole runs over a cache full of crafted entries -------------------------------------


def _run(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([*args, "--jobs", "1", "-o", str(out)])
    capsys.readouterr()
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(crafted=st.lists(entries(), min_size=1, max_size=8))
def test_runs_over_a_crafted_cache_give_what_they_give_without_one(
    crafted: list[bytes],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path_factory.mktemp("run")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    commands = [
        ["status", str(corpus), "--format", "json"],
        ["lint", str(corpus), "--format", "json"],
        [
            "align",
            str(corpus / "fi" / FI_BLOG.name),
            str(corpus / "en" / EN_BLOG.name),
            "--format",
            "json",
        ],
    ]
    expected = [_run([*c, "--no-cache"], folder / "expected", capsys) for c in commands]
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(folder / "cache"))
    for command in commands:
        _run(command, folder / "warm", capsys)  # fill the cache
    with sqlite3.connect(folder / "cache" / DATABASE) as db:
        keys = [key for (key,) in db.execute("SELECT key FROM entry ORDER BY key")]
        for number, key in enumerate(keys):
            db.execute(
                "UPDATE entry SET value = ? WHERE key = ?", (crafted[number % len(crafted)], key)
            )
    db.close()
    for command, want in zip(commands, expected, strict=True):
        assert _run(command, folder / "crafted", capsys) == want, command
