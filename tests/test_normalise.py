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
from hupli.document.structure import verbatim_regions
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


def test_broken_paragraph_is_joined_where_the_break_is_unambiguous() -> None:
    text = (
        "Keskustelimme myös siitä, nostattaako strategia jo pelkkänä terminä kuulijalle "
        "epämukavan olotilan ja\n\nmiten siitä puhuttaisiin selkokielellä. Sitä se on.\n\n"
        "Haasteet tällä hetkellä\n\n- kohta\n"
    )
    result = normalise(text)
    assert "olotilan ja miten siitä puhuttaisiin" in result.text
    assert "Haasteet tällä hetkellä\n\n- kohta" in result.text
    assert "join_broken_paragraph" in result.rules


@pytest.mark.parametrize(
    "text",
    [
        # A paragraph that ends in a subheading the export ran into it, then the next
        # paragraph: joining made one block of three (issue 12, item 7).
        "Lakko koskee myös joukkoliikennettä, kertoo HSL:n tiedottaja. Metro- ja "
        "ratikkakuskit koko perjantain mielenilmauksessa\n\n"
        "Metro- ja raitiovaunukuljettajat osallistuvat perjantain mielenilmaukseen.\n",
        # A capital after the break: a name, or a new sentence; not unambiguous.
        "Keskustelimme myös siitä, nostattaako strategia jo pelkkänä terminä kuulijalle "
        "epämukavan olotilan. Puhuisimmeko mieluummin selkokielellä\n\n"
        "Imatran onnistumissuunnitelmasta? Sitähän strategia on.\n",
        # A name above its lower-case title: a contact card, not a broken sentence.
        "Lisätietoja antaa Anna-Mari Jaanu\n\ntyöelämän kehittämisen asiantuntija\n",
        # Short lines: labels or list items without markers.
        "digitaaliset palvelut\n\nsosiaalinen media\n",
        # Closing punctuation: the first part is a whole sentence.
        "Kaupunki avasi uuden kirjaston keskustaan viime vuonna.\n\nja se on suosittu.\n",
    ],
)
def test_ambiguous_breaks_are_not_joined(text: str) -> None:
    result = normalise(text)
    assert "join_broken_paragraph" not in result.rules
    assert result.text == text


def test_a_break_after_a_comma_is_joined() -> None:
    text = "Kaupunki avasi uuden kirjaston keskustaan viime vuonna,\n\nja se on suosittu.\n"
    assert normalise(text).text == (
        "Kaupunki avasi uuden kirjaston keskustaan viime vuonna, ja se on suosittu.\n"
    )


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
    # Only link_residue drops words, and it may be left out where removing a label would
    # change the page's structure (a code block becoming a list's text).
    expected = strip_residue(text, markup) if "link_residue" in once.rules else text
    assert words(once.text) == words(expected), "a rule changed, added or dropped a word"


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
    """The plain fixed-point loop: whole rounds until a round changes nothing (over the
    prose: verbatim parts of Markdown are put aside as `normalise` does)."""
    shelf = normalise_module._Shelf(text) if markup == "markdown" else None
    if shelf is not None:
        text = shelf.shelve(text)
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
    if shelf is not None:
        text = shelf.restore(text)
    return text, tuple(name for name in RULES if name in applied)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.sampled_from(["markdown", "text"]),
    st.integers(min_value=0, max_value=3),
)
def test_cycle_stops_where_whole_rounds_would(text: str, markup: str, max_rounds: int) -> None:
    # One pass (`normalise` may run it again with a rule left out: see its docstring).
    result, _ = normalise_module._normalise_pass(text, (), markup, max_rounds)
    assert (result.text, result.rules) == _round_by_round(text, markup, max_rounds)


# --- Markdown structure: code, front matter, tables, HTML and admonitions stay as they are


def _verbatim_parts(text: str) -> list[str]:
    lines = text.split("\n")
    return ["\n".join(lines[r.start : r.end]) for r in verbatim_regions(text)]


def _check_verbatim_kept(text: str) -> str:
    """Normalise TEXT as Markdown; every verbatim part is in the result as it was, in order
    and as whole lines. Returns the result."""
    out = normalise(text).text
    position = 0
    for part in _verbatim_parts(text):
        found = out.find(part, position)
        while found > 0 and out[found - 1] != "\n":
            found = out.find(part, found + 1)
        assert found >= 0, f"verbatim part changed or lost: {part!r}"
        position = found + len(part)
    return out


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Teksti.\n\n```\nkoodi  \n```\n", "trailing_whitespace"),
        ("Teksti.\n\n```\na\n\n\n\nb\n```\n", "blank_line_runs"),
        ("Teksti.\n\n```\nx = 5 \\* 3  # \\_y\n```\n", "unescape_markdown"),
        ("Teksti.\n\n```\nluku.Arvo\n```\n", "space_after_full_stop"),
        ("Teksti.\n\n```\n • kohta\n```\n", "bullet_list_items"),
        ("Teksti.\n\n    sisennetty  \n    a\\*b\n", "trailing_whitespace"),
        ("---\ntitle: Otsikko  \ntags:\n\n\n\n  - a\n---\n\nTeksti.\n", "blank_line_runs"),
        ("+++\ntitle = 'x\\_y'  \n+++\n\nTeksti.\n", "trailing_whitespace"),
        ("Teksti.\n\n| a | b  |\n|---|---|\n| x\\*y | z.Arvo |\n", "unescape_markdown"),
        ('Teksti.\n\n<div class="a">  \n<p>yössä.Tästä</p>\n</div>\n', "space_after_full_stop"),
        ("Teksti.\n\n<!-- piilossa  \n\n\n\n-->\n", "trailing_whitespace"),
        (":::note Huomio\nVarmista \\*ensin\\*.  \n:::\n\nTeksti.\n", "unescape_markdown"),
        ("Kutsu `React.Component` tai `a\\*b` koodissa.\n", "space_after_full_stop"),
        ("Teksti <!-- yössä.Tästä --> jatkuu.\n", "space_after_full_stop"),
    ],
)
def test_rules_leave_verbatim_parts_alone(text: str, rule: str) -> None:
    out = _check_verbatim_kept(text)
    assert _verbatim_parts(out) == _verbatim_parts(text)
    assert rule not in normalise(text).rules or out != text  # a rule may still fix prose


def test_prose_around_verbatim_parts_is_still_normalised() -> None:
    text = (
        "---\ntitle: x  \n---\n\n\n\nTeksti  \nyössä.Tästä\n```\nkoodi  \n```\n"
        "Lisää \\*tekstiä\\*.  \n\n\n\n| a |\n|---|\n"
    )
    result = normalise(text)
    assert result.text == (
        "---\ntitle: x  \n---\n\nTeksti\nyössä. Tästä\n```\nkoodi  \n```\n"
        "Lisää *tekstiä*.\n\n| a |\n|---|\n"
    )
    assert result.rules == (
        "unescape_markdown",
        "space_after_full_stop",
        "trailing_whitespace",
        "blank_line_runs",
    )


def test_paragraph_is_not_joined_across_a_code_block() -> None:
    fragment = (
        "Keskustelimme myös siitä, nostattaako strategia jo pelkkänä terminä kuulijalle "
        "epämukavan olotilan. Puhuisimmeko mieluummin selkokielellä"
    )
    text = f"{fragment}\n\n```\nimatran onnistumissuunnitelmasta? Sitä.\n```\n"
    assert normalise(text).text == text


def test_plain_text_has_no_verbatim_parts() -> None:
    # A plain-text export has no Markdown: its lines are all prose.
    assert normalise("```\nkoodi  \n```\n", markup="text").text == "```\nkoodi\n```\n"


_PROSE = st.lists(_PIECES, min_size=1, max_size=12).map(" ".join)
_CODE_LINE = st.sampled_from(
    ["x = 1  ", "", "  \\* y", " • kohta", "yössä.Tästä", "\u00a0", "a  ", "# kommentti", "***"]
)
_CODE_LINES = st.lists(_CODE_LINE, max_size=5).map("\n".join)
_STRUCTURES = st.one_of(
    _CODE_LINES.map(lambda body: f"```\n{body}\n```"),
    _CODE_LINES.map(lambda body: f"~~~python\n{body}\n~~~"),
    st.lists(_CODE_LINE.filter(bool), min_size=1, max_size=3).map(
        lambda lines: "\n".join(f"    {line}" for line in lines)
    ),
    st.tuples(_CODE_LINE, _CODE_LINE).map(lambda c: f"| a | b |\n|---|---|\n| {c[0]} | {c[1]} |"),
    _CODE_LINE.map(lambda line: f'<div class="x">\n{line}\n</div>'),
    _CODE_LINES.map(lambda body: f"<!--\n{body}\n-->"),
    _CODE_LINES.map(lambda body: f":::note\n{body}\n:::"),
    _PROSE.map(lambda prose: f"Kutsu `{prose.strip()}` nyt."),
)
_FRONT_MATTER = st.one_of(
    st.just(""),
    _CODE_LINES.map(lambda body: f"---\ntitle: x  \n{body}\n---\n"),
    _CODE_LINES.map(lambda body: f"+++\ntitle = 'x'\n{body}\n+++\n"),
)
_SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n\n", "\n\u00a0\n", "\n  \n"])


@st.composite
def _markdown_pages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_PROSE, _STRUCTURES), min_size=1, max_size=8))
    text = draw(_FRONT_MATTER)
    for part in parts:
        text += part + draw(_SEPARATORS)
    return text


@settings(max_examples=400, deadline=None)
@given(_markdown_pages())
def test_generated_markdown_keeps_code_front_matter_tables_and_html(text: str) -> None:
    _check_verbatim_kept(text)
    _check_properties(text, "markdown")


def _markdown_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown"))


def _check_real_page(path: Path) -> None:
    decoded = decode_bytes(path.read_bytes(), str(path))
    _check_verbatim_kept(decoded.text)
    _check_properties(decoded.text, decoded.markup)


def test_verbatim_parts_of_the_sample_corpus_are_kept() -> None:
    files = _markdown_files(CORPUS)
    assert len(files) == 2
    for path in files:
        _check_real_page(path)


def test_verbatim_parts_of_every_evaldata_markdown_page_are_kept(evaldata: Path) -> None:
    files = _markdown_files(evaldata)
    assert len(files) >= 20  # the fso-dev pairs
    kinds: set[str] = set()
    for path in files:
        _check_real_page(path)
        kinds.update(r.kind for r in verbatim_regions(path.read_text(encoding="utf-8")))
    assert {"front_matter", "code", "html"} <= kinds
