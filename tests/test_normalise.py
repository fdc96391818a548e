"""Normalisation rules: each does its one job, the whole is idempotent and loses no word."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hupli.document.normalise as normalise_module
from hupli.document.normalise import RULES, normalise, strip_residue
from hupli.document.read import decode_bytes
from hupli.model import ConfigError

from .conftest import CORPUS

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def test_rule_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(normalise_module)
    assert tried >= len(RULES)
    assert failures == 0


@pytest.mark.parametrize(
    ("before", "after", "rule"),
    [
        ("a\n\n**\\*\\*\\***\n\nb\n", "a\n\n***\n\nb\n", "thematic_break"),
        ("a\n\n\\*\\*\\*\n\nb\n", "a\n\n***\n\nb\n", "thematic_break"),
        ("## **Blogi: Otsikko**\n", "## Blogi: Otsikko\n", "unbold_heading"),
        ("a\n\u00a0\nb\n", "a\n\nb\n", "nbsp_only_lines"),
        ("**Tiedote**\u00a0 \u00a0 **9.4.2020**\n", "**Tiedote** **9.4.2020**\n", "nbsp_to_space"),
        ("teksti  \n", "teksti\n", "trailing_whitespace"),
        (" • kohta\n", "- kohta\n", "bullet_list_items"),
        ("ohje (aukeaa uuteen ikkunaan) ja\n", "ohje ja\n", "link_residue"),
        ("guide (opens in a new window).\n", "guide.\n", "link_residue"),
        (
            "yhdessä yössä.Tästä huolimatta\n",
            "yhdessä yössä. Tästä huolimatta\n",
            "space_after_full_stop",
        ),
        ("a\n\n\n\nb\n", "a\n\nb\n", "blank_line_runs"),
        ("a", "a\n", "final_newline"),
        ("5 \\* 3 \\_x\\_\n", "5 * 3 _x_\n", "unescape_markdown"),
    ],
)
def test_each_rule(before: str, after: str, rule: str) -> None:
    result = normalise(before)
    assert result.text == after
    assert rule in result.rules


@pytest.mark.parametrize(
    "text",
    [
        "Tiedote 9.4.2020 klo 21.05 alkaen.\n",
        "Luku 1.5 ja 47.344 pysyvät.\n",
        "Erytystä on sekin, että vs. kaupunginjohtaja Kaisa Heino.\n",
        "esim.Tampere ei muutu.\n",
        "Sivu www.Imatra.fi ja Anna-Mari.Jaanu@kt.fi sekä https://x.fi/A.Html\n",
        "\\# ei otsikko\n",
    ],
)
def test_full_stop_rule_leaves_dates_numbers_abbreviations_urls_and_emails(text: str) -> None:
    assert normalise(text).text == text


def test_escaped_hash_at_line_start_stays_escaped() -> None:
    assert normalise("\\# 1 ei ole otsikko\n").text == "\\# 1 ei ole otsikko\n"


def test_broken_paragraph_is_joined_but_headings_are_not() -> None:
    text = (
        "Keskustelimme myös siitä, nostattaako strategia jo pelkkänä terminä kuulijalle "
        "epämukavan olotilan. Puhuisimmeko mieluummin selkokielellä\n\n"
        "Imatran onnistumissuunnitelmasta? Sitähän strategia on.\n\n"
        "Haasteet tällä hetkellä\n\n- kohta\n"
    )
    result = normalise(text)
    assert "selkokielellä Imatran onnistumissuunnitelmasta?" in result.text
    assert "Haasteet tällä hetkellä\n\n- kohta" in result.text


def test_unknown_rule_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no_such_rule"):
        normalise("x", disabled={"no_such_rule"})


def test_disabled_rule_does_not_run() -> None:
    assert normalise("teksti  \n", disabled={"trailing_whitespace"}).text == "teksti  \n"


def test_plain_text_keeps_backslashes() -> None:
    assert normalise("a \\* b\n", markup="text").text == "a \\* b\n"


def _check_properties(text: str, markup: str) -> None:
    once = normalise(text, markup=markup)
    twice = normalise(once.text, markup=markup)
    assert twice.text == once.text, "normalising twice must equal normalising once"
    assert not twice.rules
    assert words(once.text) == words(strip_residue(text)), "a rule changed, added or dropped a word"


# Text built from the pieces CMS exports are made of, so the rules meet each other.
_PIECES = st.sampled_from(
    [
        "Tästä",
        "huolimatta",
        "yössä.",
        "Tästä",
        "9.4.2020",
        "klo 21.05",
        "47 344",
        "1,5",
        "vs.",
        "esim.",
        "www.imatra.fi",
        "a.b@kt.fi",
        "**",
        "*",
        "\\*",
        "\\_",
        "\\#",
        "#",
        "## ",
        "**\\*\\*\\***",
        "\u00a0",
        "\u00a0\u00a0",
        " • ",
        "•",
        "(aukeaa uuteen ikkunaan)",
        "(opens in a new window)",
        "\n",
        "\n\n",
        "\n\n\n",
        "  ",
        "\t",
        "- ",
        "1. ",
        "> ",
        "Imatra",
        "kaupunki",
        "the",
        "city",
        ".",
        ",",
        "?",
        "–",
        '"',
        "***",
        "_x_",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join), st.sampled_from(["markdown", "text"]))
def test_properties_on_generated_text(text: str, markup: str) -> None:
    _check_properties(text, markup)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_properties_on_arbitrary_text(text: str) -> None:
    _check_properties(text, "markdown")


def _documents(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("LICENSE"))


def test_properties_on_sample_corpus() -> None:
    files = _documents(CORPUS)
    assert len(files) == 5
    for path in files:
        decoded = decode_bytes(path.read_bytes(), str(path))
        _check_properties(decoded.text, decoded.markup)


def test_properties_on_every_evaldata_document(evaldata: Path) -> None:
    files = _documents(evaldata)
    assert len(files) > 300
    for path in files:
        decoded = decode_bytes(path.read_bytes(), str(path))
        _check_properties(decoded.text, decoded.markup)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("  \\* x\n", "  \\* x\n"),  # indented list marker stays escaped
        ("\\*x \\*\n", "*x *\n"),  # not before whitespace: not a list marker
        ("\\# a \\#\n", "\\# a #\n"),  # only the escape at the start of the line is kept
        ("a\n\t\\_ b\n", "a\n\t\\_ b\n"),
        ("\\*\n\\_\n", "*\n_\n"),  # a newline after the marker is not a space on its line
        ("\u00a0\\# x\n", "\u00a0\\# x\n"),
    ],
)
def test_unescape_keeps_only_line_start_escapes(before: str, after: str) -> None:
    assert normalise_module.unescape_markdown(before) == after


def test_full_stop_rule_is_linear_in_a_long_token() -> None:
    # A long token once made the protected-token search quadratic.
    token = "x" * 50_000 + "@kt.fi"
    text = f"{token} yössä.Tästä\n"
    assert normalise_module.space_after_full_stop(text) == f"{token} yössä. Tästä\n"


def _round_by_round(text: str, markup: str, max_rounds: int = 10) -> tuple[str, tuple[str, ...]]:
    """The plain fixed-point loop: whole rounds until a round changes nothing."""
    active = [
        (name, rule)
        for name, rule in RULES.items()
        if markup == "markdown" or name not in normalise_module.MARKDOWN_ONLY
    ]
    applied: set[str] = set()
    for _ in range(max_rounds):
        before = text
        for name, rule in active:
            new = rule(text)
            if new != text:
                applied.add(name)
                text = new
        if text == before:
            break
    return text, tuple(name for name in RULES if name in applied)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.sampled_from(["markdown", "text"]),
    st.integers(min_value=0, max_value=3),
)
def test_cycle_stops_where_whole_rounds_would(text: str, markup: str, max_rounds: int) -> None:
    result = normalise(text, markup=markup, max_rounds=max_rounds)
    assert (result.text, result.rules) == _round_by_round(text, markup, max_rounds)
