"""A corpus folder: find its documents, load each one, keep going past unreadable files.

A document's *declared* language comes from where it sits or what it is called: a folder
named after a configured language (`fi/…`, `site/en/…`) or a suffix on the stem
(`page.fi.md`, `page_en.txt`). The same place gives it a *name key* — the path with the
language marker taken out — so `fi/news/a.md`, `en/news/a.md` and `news/a.en.md` all
share the key `news/a`. Files with neither are fine: pairing then goes by content.

>>> declared_language("fi/news/a.md", ("fi", "en"))
('fi', 'news/a', 'folder')
>>> declared_language("news/a_en.txt", ("fi", "en"))
('en', 'news/a', 'suffix')
>>> declared_language("3f9a0c.txt", ("fi", "en"))
(None, '', '')
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from hupli import cache as cache_module
from hupli.corpus.config import Config
from hupli.corpus.features import Features, features
from hupli.document.read import walk_text_files
from hupli.model import ConfigError, Decoded, Document, ReadError
from hupli.settings import Settings

if TYPE_CHECKING:
    from hupli.cache import Cache

Progress = Callable[[str], None]


@cache_module.register
@dataclass(frozen=True)
class Entry:
    """One readable document of the corpus and what its place says about it."""

    path: str  # as shown to people: the corpus folder as given, joined with relpath
    relpath: str  # POSIX path relative to the corpus root
    document: Document
    declared: str | None = None  # language from the folder or the suffix
    key: str = ""  # name key for pairing by naming convention; "" when the name has none
    convention: str = ""  # "folder", "suffix" or ""
    format_rules: tuple[str, ...] = ()  # rules that would change the file (normalise --check)
    format_line: int = 0  # first line normalising changes; 0 when the file is clean
    # What content pairing reads from the document (hupli.corpus.features), made while the
    # file is read: that runs in parallel and is cached, pairing itself does not and is not.
    pairing_features: Features | None = None

    @property
    def language(self) -> str:
        """The language pairing and status use: what the place declares, else what was read."""
        return self.declared or self.document.language


@dataclass(frozen=True)
class Corpus:
    root: Path
    entries: tuple[Entry, ...]
    errors: tuple[ReadError, ...]
    config: Config
    # Digest of everything the corpus's results depend on (each file's relpath and content,
    # the folder as given, the configuration); "" when unknown (no cache, or a file could
    # not be read or changed while it was read). Whole-corpus results are cached under it.
    state: str = ""

    def by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.entries}

    def by_relpath(self) -> dict[str, Entry]:
        return {e.relpath: e for e in self.entries}


def declared_language(relpath: str, languages: Iterable[str]) -> tuple[str | None, str, str]:
    """(language, name key, convention) from a relative path; (None, "", "") when neither."""
    languages = tuple(languages)
    parts = PurePosixPath(relpath).parts
    folders, name = parts[:-1], parts[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    suffix_lang = None
    for lang in languages:
        for sep in (".", "_"):
            if stem.endswith(sep + lang) and len(stem) > len(lang) + 1:
                suffix_lang, stem = lang, stem[: -len(lang) - 1]
                break
        if suffix_lang:
            break
    folder_langs = [(i, f) for i, f in enumerate(folders) if f.lower() in languages]
    folder_lang = folder_langs[-1][1].lower() if folder_langs else None
    if folder_lang is None and suffix_lang is None:
        return None, "", ""
    kept = [f for i, f in enumerate(folders) if not folder_langs or i != folder_langs[-1][0]]
    key = "/".join([*kept, stem])
    if suffix_lang and folder_lang and suffix_lang != folder_lang:
        # The name and the folder disagree; the name is the more deliberate of the two.
        return suffix_lang, key, "suffix"
    return (suffix_lang or folder_lang), key, ("suffix" if suffix_lang else "folder")


def is_ignored(relpath: str, patterns: Iterable[str]) -> bool:
    """True when a glob matches the path, its file name, or one of its folders."""
    name = PurePosixPath(relpath).name
    for pattern in patterns:
        pattern = pattern.strip()
        if not pattern:
            continue
        folder = pattern.rstrip("/")
        if pattern.endswith("/") and (relpath.startswith(folder + "/") or f"/{folder}/" in relpath):
            return True
        if fnmatch.fnmatchcase(relpath, pattern) or fnmatch.fnmatchcase(name, pattern):
            return True
        parts = PurePosixPath(relpath).parts[:-1]
        for i in range(len(parts)):
            if fnmatch.fnmatchcase("/".join(parts[: i + 1]), folder):
                return True
    return False


def discover(
    root: str | Path, config: Config, errors: list[ReadError] | None = None
) -> list[tuple[Path, str]]:
    """(file, relpath) of every text or Markdown file under `root`, sorted, minus ignored
    and hidden ones (`.git`, `.hupli/`: where ingest keeps original bytes). A folder that
    cannot be listed is added to ERRORS (`hupli.document.read.walk_text_files`)."""
    root = Path(root)
    # os.path.isdir: False, not an exception, when a folder above cannot be searched.
    if not os.path.isdir(root):
        raise ConfigError(f"{root}: no such corpus folder")
    problems: list[ReadError] = []
    found = [
        (path, relpath)
        for path, relpath in walk_text_files(root, problems)
        if not is_ignored(relpath, config.ignore)
    ]
    if errors is not None:
        errors.extend(problems)
    return sorted(found, key=lambda item: item[1])


def load_entry(
    path: str | Path, relpath: str, display: str, settings: Settings, cache: Cache | None = None
) -> Entry:
    """Read, normalise, segment and detect one file; raises `ReadError`.

    With a cache, a file whose bytes, place and settings were seen before is not processed
    again.
    """
    return _load_entry(path, relpath, display, settings, cache)[0]


def _load_entry(
    path: str | Path, relpath: str, display: str, settings: Settings, cache: Cache | None
) -> tuple[Entry, str]:
    """The entry and the digest of the bytes it was made from."""
    from hupli.document.read import decode_bytes, read_bytes

    name = os.fspath(path)
    data = read_bytes(name)
    digest = cache_module.content_digest(data)
    key = ""
    if cache is not None and cache.enabled:
        key = cache.key("entry", digest, relpath, display, settings.signature)
        stored = cache.get(key)
        if isinstance(stored, Entry):
            return stored, digest
    entry = _make_entry(decode_bytes(data, name), relpath, display, settings)
    if key and cache is not None:
        cache.put(key, entry)
    return entry, digest


def _make_entry(decoded: Decoded, relpath: str, display: str, settings: Settings) -> Entry:
    from hupli.document.build import build_document

    document = build_document(decoded, settings)
    if document.path != display:
        document = replace(document, path=display)
    from hupli.document.normalise import file_changes

    rules = file_changes(decoded, document.rules_applied)
    declared, key, convention = declared_language(relpath, settings.languages)
    return Entry(
        path=display,
        relpath=relpath,
        document=document,
        declared=declared,
        key=key,
        convention=convention,
        format_rules=rules,
        format_line=(document.format_line or 1) if rules else 0,
        pairing_features=features(document, declared or document.language),
    )


_LoadJob = tuple[str, str, str, Settings, "str | None"]


def _load_job(job: _LoadJob) -> tuple[Entry, str] | ReadError:
    path, relpath, display, settings, folder = job
    try:
        return _load_entry(path, relpath, display, settings, cache_module.worker_cache(folder))
    except ReadError as exc:
        return exc


def config_state(config: Config) -> str:
    """Everything of a configuration that can change a corpus result, as one string."""
    return "|".join(
        [
            config.settings.signature,
            ",".join(config.ignore),
            ";".join(f"{a}>{b}" for a, b in config.pairs),
            ",".join(sorted(config.disabled_codes)),
            repr(config.min_pair_score),
            config.source,
        ]
    )


def display_path(root: str | Path, relpath: str) -> str:
    """How a corpus file is named in reports: under the corpus folder as the user gave it."""
    base = os.fspath(root)
    if base in ("", "."):
        return relpath
    return f"{base.rstrip('/')}/{relpath}"


def load_corpus(
    root: str | Path = "corpus",
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Corpus:
    """Every document under `root`; unreadable files become `errors` and the rest load.

    `jobs` > 1 loads large corpora in that many processes (detection dominates the cost);
    the result is the same for any `jobs`. With a `cache`, unchanged files are not processed
    again and the corpus gets a `state` under which whole-corpus results can be cached.
    """
    if config is None:
        from hupli.corpus.config import load_config

        config = load_config(root)
    folder_errors: list[ReadError] = []
    files = discover(root, config, folder_errors)
    enabled = cache is not None and cache.enabled
    digests = cache_module.file_digests(cache, root, files) if enabled and cache else {}
    # Work done in this process counts its hits and misses on the caller's cache.
    folder = cache_module.share_with_workers(cache)
    jobs_list: list[_LoadJob] = [
        (os.fspath(path), relpath, display_path(root, relpath), config.settings, folder)
        for path, relpath in files
    ]
    from hupli.parallel import map_ordered

    def advance(job: _LoadJob) -> None:
        if progress:
            progress(job[2])

    results = map_ordered(_load_job, jobs_list, jobs, progress=advance)
    entries: list[Entry] = []
    errors: list[ReadError] = list(folder_errors)
    # A folder that could not be listed may hold anything: nothing about the corpus can be
    # cached as known.
    state = corpus_state(root, config, digests) if enabled and not errors else ""
    for (_path, relpath, *_rest), result in zip(jobs_list, results, strict=True):
        if isinstance(result, ReadError):
            errors.append(result)
            state = ""
            continue
        entry, digest = result
        entries.append(entry)
        if digests.get(relpath) != digest:
            state = ""  # the file changed between hashing and reading: the state is unknown
    return Corpus(
        root=Path(root), entries=tuple(entries), errors=tuple(errors), config=config, state=state
    )


def corpus_state(root: str | Path, config: Config, digests: dict[str, str | None]) -> str:
    """Digest of the folder as given, the configuration and each file's relpath and content;
    "" when a file could not be read (its error is not cached) or there is no file."""
    if not digests or any(d is None for d in digests.values()):
        return ""
    state = hashlib.sha256(f"{os.fspath(root)}\0{config_state(config)}".encode())
    for relpath in sorted(digests):
        state.update(f"\0{relpath}\0{digests[relpath]}".encode())
    return state.hexdigest()


def current_state(root: str | Path, config: Config, cache: Cache) -> str:
    """`Corpus.state` of the corpus as it stands, without loading it (stat index and hashes)."""
    if not cache.enabled:
        return ""
    errors: list[ReadError] = []
    files = discover(root, config, errors)
    if errors:
        return ""
    return corpus_state(root, config, cache_module.file_digests(cache, root, files))


def count_files(root: str | Path, config: Config) -> int:
    """How many files `load_corpus` would read (to size a progress bar)."""
    return len(discover(root, config))
