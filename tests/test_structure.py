"""Verbatim regions of Markdown: what normalising leaves byte for byte."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import hupli.document.structure as structure_module
from hupli.document.structure import (
    ADMONITION,
    CODE,
    FRONT_MATTER,
    HTML,
    TABLE,
    _container_regions,
    _parsed_regions,
    front_matter_end,
    inline_spans,
    may_have_verbatim,
    verbatim_regions,
)


def test_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(structure_module)
    assert tried >= 3
    assert failures == 0


def regions(text: str) -> list[tuple[str, list[str]]]:
    lines = text.split("\n")
    return [(r.kind, lines[r.start : r.end]) for r in verbatim_regions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: x\n---\n\nTeksti.\n", [(FRONT_MATTER, ["---", "title: x", "---"])]),
        ("---\ntitle: x\n...\nTeksti.\n", [(FRONT_MATTER, ["---", "title: x", "..."])]),
        ("+++\ntitle = 'x'\n+++\nTeksti.\n", [(FRONT_MATTER, ["+++", "title = 'x'", "+++"])]),
        ("---\n---\nTeksti.\n", [(FRONT_MATTER, ["---", "---"])]),
        # A rule at the top, then prose: not front matter.
        ("---\n\nTeksti on tässä.\n\n---\n", []),
        # Front matter must start on the first line.
        ("\n---\ntitle: x\n---\n", []),
        # Never closed: not front matter.
        ("---\ntitle: x\n\nTeksti.\n", []),
    ],
)
def test_front_matter(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert [r for r in regions(text) if r[0] == FRONT_MATTER] == expected


def test_front_matter_is_not_read_as_markdown() -> None:
    # A fence inside YAML front matter must not open a code block that runs to the end.
    text = "---\ndescription: |\n  ```\n---\n\nTeksti.  \n"
    assert regions(text) == [(FRONT_MATTER, ["---", "description: |", "  ```", "---"])]


def test_code_html_tables_and_containers() -> None:
    text = "\n".join(
        [
            "Teksti.",  # 0
            "```js",  # 1
            "a  ",
            "",
            "```",  # 4
            "",
            "    sisennetty  ",  # 6
            "",
            '<div class="x">',  # 8
            "",
            "<!-- kommentti",  # 10
            "jatkuu -->",
            "",
            "| a | b |",  # 13
            "|---|---|",
            "| 1 | 2 |",
            "",
            ":::note Huom",  # 17
            "Sisältö.  ",
            "::::",
            "",
            "- kohta",  # 21
            "",
            "  ```",
            "  listassa",
            "  ```",  # 25
            "> ```",
            "> lainauksessa",
            "> ```",  # 28
            "",
        ]
    )
    assert [(r.kind, r.start, r.end) for r in verbatim_regions(text)] == [
        (CODE, 1, 5),
        (CODE, 6, 7),
        (HTML, 8, 9),
        (HTML, 10, 12),
        (TABLE, 13, 16),
        (ADMONITION, 17, 20),
        (CODE, 23, 26),
        (CODE, 26, 29),
    ]


def test_nested_containers_and_an_unclosed_one() -> None:
    text = "::::tabs\n:::tab A\nx\n:::\n::::\n\nTeksti.\n\n:::warning\nauki\n\n"
    assert [(r.kind, r.start, r.end) for r in verbatim_regions(text)] == [
        (ADMONITION, 0, 5),
        (ADMONITION, 8, 10),  # open to the end, less the trailing blank lines
    ]


def test_container_fence_inside_code_is_code() -> None:
    text = "```\n:::note\n```\n\nTeksti.\n"
    assert [(r.kind, r.start, r.end) for r in verbatim_regions(text)] == [(CODE, 0, 3)]


def test_unclosed_fence_runs_to_the_end_without_its_trailing_blank_lines() -> None:
    text = "Teksti.\n\n```\nkoodi\n\n\n"
    assert [(r.kind, r.start, r.end) for r in verbatim_regions(text)] == [(CODE, 2, 4)]


@pytest.mark.parametrize(
    "text",
    [
        "Pelkkää tekstiä.\n\nToinen kappale.\n",
        "**Tiedote** 9.4.2020\n\n- kohta\n",
        "Kuvassa a | b ovat rinnakkain.\n",
    ],
)
def test_prose_has_no_verbatim_regions_and_needs_no_parser(text: str) -> None:
    assert not may_have_verbatim(text)
    assert verbatim_regions(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "- ```js\n  x\n  ```\n",
        "> | a |\n> |---|\n",
        "1. <div>\n",
        "+++\na = 1\n+++\n",
        " \t## indented by a space and a tab\n",
    ],
)
def test_the_cheap_screen_lets_structures_in_containers_through(text: str) -> None:
    assert may_have_verbatim(text)
    assert verbatim_regions(text)


def test_inline_spans() -> None:
    text = (
        "Kutsu `React.Component` ja ``a ` b``, <i>x</i>, <!-- c -->, <https://x.fi/A.B>, "
        '\\`ei koodia\\` ja `kesken\n\nuusi` kappale <a href="x.Html">.\n'
    )
    assert [text[a:b] for a, b in inline_spans(text)] == [
        "`React.Component`",
        "``a ` b``",
        "<i>",
        "</i>",
        "<!-- c -->",
        "<https://x.fi/A.B>",
        '<a href="x.Html">',
    ]


def test_inline_span_may_cross_a_line_but_not_a_paragraph() -> None:
    text = "alku `koodi\njatkuu` loppu <!-- a\nb -->\n"
    assert [text[a:b] for a, b in inline_spans(text)] == ["`koodi\njatkuu`", "<!-- a\nb -->"]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=" \t\n`~<>|-:*+1.)a#=_\u00a0", max_size=40))
@example(">>\t\t1")  # code inside a quote inside a quote, no space after the first ">"
def test_the_cheap_screen_never_hides_a_region(text: str) -> None:
    # The screen may let text through that has no region; it must never stop text that has.
    if not may_have_verbatim(text):
        lines = text.split("\n")
        assert front_matter_end(lines) == 0
        assert _parsed_regions(lines) == []
        assert _container_regions(lines, [False] * len(lines)) == []
