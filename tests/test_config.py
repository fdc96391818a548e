"""Configuration: hupli.toml at the corpus root, [tool.hupli] in pyproject.toml, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hupli.corpus.config import Config, load_config
from hupli.model import ConfigError, Severity


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "corpus")
    assert config.source_language == "fi" and config.target_language == "en"
    assert config.source == "" and config.pairs == () and config.ignore == ()
    assert config.severity("no-translation") is Severity.ERROR
    assert config.severity("format") is Severity.WARNING


def test_hupli_toml_at_the_corpus_root(tmp_path: Path) -> None:
    _write(
        tmp_path / "corpus" / "hupli.toml",
        """
original = "fi"
translation = "en"
languages = ["fi", "en"]
ignore = ["drafts/**"]
min-pair-score = 0.5

[rules]
join_broken_paragraph = false

[checks]
length-outlier = false
no-original = false

[severity]
no-translation = "warning"

[[pairs]]
original = "fi/a.md"
translation = "./en/b.md"
""",
    )
    config = load_config(tmp_path / "corpus")
    assert config.source.endswith("hupli.toml")
    assert config.settings.languages == ("fi", "en")
    assert config.ignore == ("drafts/**",)
    assert config.min_pair_score == 0.5
    assert config.settings.disabled_rules == frozenset({"join_broken_paragraph"})
    assert config.settings.disabled_checks == frozenset({"length-outlier"})
    assert not config.enabled("no-original") and config.enabled("missing")
    assert config.severity("no-translation") is Severity.WARNING
    assert config.pairs == (("fi/a.md", "en/b.md"),)


def test_pyproject_tool_table_found_above_the_corpus(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.hupli]\nseed = 3\n')
    (tmp_path / "corpus").mkdir()
    config = load_config(tmp_path / "corpus")
    assert config.settings.seed == 3
    assert config.source.endswith("pyproject.toml")


def test_hupli_toml_wins_over_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.hupli]\nseed = 3\n")
    _write(tmp_path / "corpus" / "hupli.toml", "seed = 5\n")
    assert load_config(tmp_path / "corpus").settings.seed == 5


def test_explicit_config_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "elsewhere.toml", "seed = 7\n")
    assert load_config(tmp_path, path).settings.seed == 7
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path, tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("colour = 1\n", "colour"),
        ('[severity]\nmissing = "fatal"\n', "severity.missing"),
        ('[severity]\nnonsense = "error"\n', "severity.nonsense"),
        ("[rules]\nno_such_rule = false\n", "rules.no_such_rule"),
        ('[rules]\nfinal_newline = "no"\n', "rules.final_newline"),
        ("[checks]\nspelling = false\n", "checks.spelling"),
        ('languages = "fi"\n', "languages"),
        ('original = "en"\ntranslation = "en"\n', "original"),
        ('original = "xx"\n', "original"),
        ("min-pair-score = 2\n", "min-pair-score"),
        ('pairs = [{original = "a.md"}]\n', "pairs[0]"),
        ('pairs = [["a.md", "b.md"], ["a.md", "c.md"]]\n', "pairs[1]"),
        ('ignore = "drafts"\n', "ignore"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = _write(tmp_path / "hupli.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = str(info.value)
    assert str(path.resolve()) in message or str(path) in message
    assert f": {key}:" in message


def test_pyproject_errors_name_the_tool_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.hupli]\ncolour = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool\.hupli\.colour: unknown key"):
        load_config(tmp_path)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    _write(tmp_path / "hupli.toml", "original = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path)


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().ignore = ("x",)  # type: ignore[misc]
