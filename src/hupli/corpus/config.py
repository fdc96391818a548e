"""Corpus configuration: `[tool.hupli]` in a pyproject.toml, or a `hupli.toml` at the corpus root.

A `hupli.toml` at the corpus root wins; otherwise the nearest `pyproject.toml` with a
`[tool.hupli]` table, looking from the corpus root upwards (so a repository's own
pyproject.toml configures its `corpus/`). No file at all means the defaults.

Example (`hupli.toml`; in a pyproject.toml the same keys go under `[tool.hupli]`)::

    original = "fi"                 # language of the originals
    translation = "en"              # language of the translations
    languages = ["fi", "en", "sv"]  # languages the detector may answer
    ignore = ["drafts/**", "*.bak.md"]
    min-pair-score = 0.35           # content pairing: weaker candidates stay unpaired

    [rules]                         # normalisation rules on/off
    join_broken_paragraph = false

    [checks]                        # alignment checks and lint codes on/off
    length-outlier = false
    no-original = false

    [severity]                      # error | warning | info
    no-translation = "warning"

    [[pairs]]                       # explicit pairs: the manifest wins over everything
    original = "fi/etusivu.md"
    translation = "en/front-page.md"

Every problem is a `ConfigError` naming the file and the key.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hupli.corpus.root import CONFIG_NAME, PYPROJECT, config_locations, corpus_root_of
from hupli.files import read_regular
from hupli.model import ConfigError, ReadError, Severity
from hupli.settings import DEFAULT_SEVERITIES, Settings

# Codes that `hupli lint` reports besides the alignment checks' own codes (see hupli.align.codes).
LINT_SEVERITIES: dict[str, Severity] = {
    code: DEFAULT_SEVERITIES[code]
    for code in (
        "unreadable",
        "format",
        "wrong-language",
        "no-translation",
        "no-original",
        "manifest",
    )
}

# A floor, not the decision: content pairing takes mutual best matches with a margin
# (`hupli.corpus.pair`), and no content pair scores below this however clear its margin.
DEFAULT_MIN_PAIR_SCORE = 0.1

_KEYS = {
    "original",
    "translation",
    "languages",
    "ignore",
    "min-pair-score",
    "seed",
    "rules",
    "checks",
    "severity",
    "pairs",
    "links",
}


def all_codes() -> dict[str, Severity]:
    """Every finding code hupli can report, with its default severity."""
    from hupli.align.codes import CHECK_CODES, CHECK_NAMES

    codes = dict(DEFAULT_SEVERITIES)
    codes.update({code: Severity.WARNING for code in CHECK_CODES if code not in codes})
    codes.update({name: Severity.WARNING for name in CHECK_NAMES if name not in codes})
    codes.update(LINT_SEVERITIES)
    return codes


@dataclass(frozen=True)
class Config:
    """Settings for the pipeline plus what only a corpus needs."""

    settings: Settings = field(default_factory=Settings)
    ignore: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # (original, translation), relative to the root
    disabled_codes: frozenset[str] = frozenset()  # lint codes turned off (checks included)
    min_pair_score: float = DEFAULT_MIN_PAIR_SCORE
    source: str = ""  # the file this came from; "" for the defaults

    @property
    def source_language(self) -> str:
        return self.settings.source_language

    @property
    def target_language(self) -> str:
        return self.settings.target_language

    def severity(self, code: str) -> Severity:
        return self.settings.severity(code)

    def enabled(self, code: str) -> bool:
        return code not in self.disabled_codes


def find_config(root: str | Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The configuration file that applies to a corpus at `root`, and its hupli table:
    the first of `config_locations` that is a `hupli.toml`, or a `pyproject.toml` with a
    `[tool.hupli]` table."""
    for candidate in config_locations(root):
        if not candidate.is_file():
            continue
        if candidate.name == CONFIG_NAME:
            return candidate, _load_toml(candidate)
        table = _load_toml(candidate).get("tool", {}).get("hupli")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{candidate}: [tool.hupli] must be a table")
            return candidate, table
    return None


def load_config(root: str | Path = "corpus", path: str | Path | None = None) -> Config:
    """Configuration for the corpus at `root`: from `path` when given, else as found."""
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"{path}: no such configuration file")
        data = _load_toml(path)
        if path.name == PYPROJECT:
            data = data.get("tool", {}).get("hupli", {})
        return config_from_mapping(data, str(path))
    found = find_config(root)
    if found is None:
        return config_from_mapping({}, "")
    return config_from_mapping(found[1], str(found[0]))


ConfigCache = dict[tuple[str, "str | None"], Config]


def config_for_page(
    page: str | os.PathLike[str],
    path: str | os.PathLike[str] | None = None,
    seen: ConfigCache | None = None,
) -> Config:
    """The configuration that applies to PAGE, found as for every command
    (`config_for_files`): from PATH when given, else the one of the corpus PAGE belongs
    to. SEEN keeps what one run has read, by corpus root, so a folder of pages reads its
    configuration once. Raises `ConfigError`."""
    key = (str(corpus_root_of(page)), os.fspath(path) if path is not None else None)
    if seen is not None and key in seen:
        return seen[key]
    config = config_for_files([page], path)
    if seen is not None:
        seen[key] = config
    return config


def config_for_files(
    paths: Iterable[str | os.PathLike[str]], path: str | os.PathLike[str] | None = None
) -> Config:
    """The configuration of the corpus the files at PATHS belong to: from PATH when given;
    else the one found for the corpus root of each file (`corpus_root_of`, then
    `find_config`), the first file that has one deciding; none at all means the defaults.
    Files of two corpora with different configuration files are a `ConfigError`: which one
    applies must be said with `--config`.

    A file with no configuration file above it costs a few `stat`s: `align`, which calls
    this on every run, pays for reading TOML only where there is some to read.
    """
    if path is not None:
        return load_config(".", os.fspath(path))
    chosen: tuple[Path, str, Config] | None = None
    for name in paths:
        found = find_config(corpus_root_of(name))
        if found is None:
            continue
        if chosen is None:
            chosen = (found[0], os.fspath(name), config_from_mapping(found[1], str(found[0])))
        elif found[0].resolve() != chosen[0].resolve():
            raise ConfigError(
                f"{chosen[1]} and {os.fspath(name)} belong to corpora with different "
                f"configurations ({chosen[0]}, {found[0]}); say which applies with --config"
            )
    # No file at all means the defaults as a configuration file without a table gives them.
    return chosen[2] if chosen else config_from_mapping({}, "")


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a run whose files have no configuration never needs it

    try:
        return tomllib.loads(read_regular(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (save it as UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except ReadError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.reason}") from None


def config_from_mapping(data: Mapping[str, Any], source: str = "") -> Config:
    """Validate a hupli table and build a `Config`; errors name `source` and the key."""
    where = source or "configuration"
    prefix = "tool.hupli." if source.endswith(PYPROJECT) else ""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: {prefix}{key}: {problem}")

    unknown = set(data) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise fail(key, f"unknown key; known keys: {', '.join(sorted(_KEYS))}")

    def string(key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"expected a language code such as {default!r}, got {value!r}")
        return value.strip().lower()

    def strings(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def table(key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise fail(key, f"expected a table, got {value!r}")
        return value

    original = string("original", "fi")
    translation = string("translation", "en")
    languages = tuple(v.lower() for v in strings("languages", ("fi", "en", "sv")))
    languages = tuple(dict.fromkeys((original, translation, *languages)))
    seed = data.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise fail("seed", f"expected an integer, got {seed!r}")
    min_score = data.get("min-pair-score", DEFAULT_MIN_PAIR_SCORE)
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise fail("min-pair-score", f"expected a number between 0 and 1, got {min_score!r}")
    if not 0.0 <= min_score <= 1.0:
        raise fail("min-pair-score", f"expected a number between 0 and 1, got {min_score!r}")

    from hupli.align.codes import CHECK_CODES, CHECK_NAMES
    from hupli.document.detect import available_languages

    known_languages = available_languages()
    for lang in languages:
        if lang not in known_languages:
            key = (
                "languages"
                if lang not in (original, translation)
                else ("original" if lang == original else "translation")
            )
            raise fail(key, f"no language profile for {lang!r}")

    def switched_off(section: str, known: Iterable[str], what: str) -> set[str]:
        """Names set to false in a table of on/off switches (`[rules]`, `[checks]`)."""
        known = list(known)
        off = set()
        for name, on in table(section).items():
            if name not in known:
                raise fail(f"{section}.{name}", f"unknown {what}; known: {', '.join(known)}")
            if not isinstance(on, bool):
                raise fail(f"{section}.{name}", f"expected true or false, got {on!r}")
            if not on:
                off.add(name)
        return off

    disabled_rules: set[str] = set()
    if table("rules"):  # the rules are loaded only to check names a configuration gives
        from hupli.document.normalise import RULES

        disabled_rules = switched_off("rules", RULES, "rule")
    codes = all_codes()
    disabled_codes = switched_off("checks", codes, "check")

    severities = dict(codes)
    for name, level in table("severity").items():
        if name not in codes:
            raise fail(f"severity.{name}", f"unknown code; known: {', '.join(codes)}")
        if not isinstance(level, str):
            raise fail(f"severity.{name}", f"expected error, warning or info, got {level!r}")
        try:
            severities[name] = Severity.parse(level)
        except ConfigError as exc:
            raise fail(f"severity.{name}", str(exc)) from None

    pairs = _pairs(data.get("pairs", []), fail)
    rewrites = _rewrites(table("links").get("rewrite", []), fail)
    try:
        settings = Settings(
            source_language=original,
            target_language=translation,
            languages=languages,
            seed=seed,
            disabled_rules=frozenset(disabled_rules),
            disabled_checks=frozenset(disabled_codes & (CHECK_NAMES.keys() | CHECK_CODES)),
            link_rewrites=rewrites,
            severities=tuple(severities.items()),
        )
    except ConfigError as exc:
        raise fail("original", str(exc)) from None
    return Config(
        settings=settings,
        ignore=tuple(strings("ignore", ())),
        pairs=pairs,
        disabled_codes=frozenset(disabled_codes),
        min_pair_score=float(min_score),
        source=source,
    )


def _rewrites(value: Any, fail: Any) -> tuple[tuple[str, str], ...]:
    """`[links] rewrite`: [original pattern, translation replacement] pairs that turn a link
    of the original into its language version (`hupli.evidence.targets.same_target`)."""
    import re

    if not isinstance(value, list):
        raise fail("links.rewrite", "expected a list of [pattern, replacement] pairs")
    out = []
    for number, item in enumerate(value, start=1):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(part, str) for part in item)
        ):
            raise fail(f"links.rewrite[{number}]", f"expected [pattern, replacement], got {item!r}")
        try:
            re.compile(item[0])
        except re.error as exc:
            raise fail(f"links.rewrite[{number}]", f"not a regular expression: {exc}") from None
        out.append((item[0], item[1]))
    return tuple(out)


def _pairs(value: Any, fail: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise fail("pairs", "expected an array of {original = ..., translation = ...} tables")
    out = []
    seen: dict[str, int] = {}
    for n, item in enumerate(value):
        if isinstance(item, dict):
            extra = set(item) - {"original", "translation"}
            if extra:
                raise fail(f"pairs[{n}].{sorted(extra)[0]}", "unknown key")
            pair = (item.get("original"), item.get("translation"))
        elif isinstance(item, list) and len(item) == 2:
            pair = (item[0], item[1])
        else:
            raise fail(f"pairs[{n}]", "expected {original = ..., translation = ...}")
        first, second = pair
        if not (isinstance(first, str) and first and isinstance(second, str) and second):
            raise fail(f"pairs[{n}]", "both original and translation must be paths")
        original, translation = _clean_relpath(first), _clean_relpath(second)
        for side in (original, translation):
            if side in seen:
                raise fail(f"pairs[{n}]", f"{side} is already paired in pairs[{seen[side]}]")
            seen[side] = n
        out.append((original, translation))
    return tuple(out)


def _clean_relpath(path: str) -> str:
    cleaned = path.replace("\\", "/").strip()
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    return cleaned
