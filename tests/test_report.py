"""The side-by-side view: markup escaping as rich does it, and the plain view for pipes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.markup import escape as rich_escape
from rich.markup import render

from hupli.report.terminal import PlainConsole, escape, render_alignment, strip_markup


@pytest.mark.parametrize(
    "text",
    ["a [b] c", "x [bold]y[/]", "back\\", "[/x]", "path\\[red]", "[link=x]", "ok", "a\\\\[b]"],
)
def test_escape_matches_rich_and_strips_back(text: str) -> None:
    assert escape(text) == rich_escape(text)
    assert strip_markup(escape(text)) == render(rich_escape(text)).plain


@pytest.mark.parametrize("markup", ["[red]missing[/] 5", "[dim]  3[/] [bold]x[/]", "a \\[b]"])
def test_strip_markup_matches_rich(markup: str) -> None:
    assert strip_markup(markup) == render(markup).plain


def test_plain_view_has_the_rich_view_text(seed_alignment) -> None:
    plain = io.StringIO()
    render_alignment(seed_alignment, PlainConsole(plain, width=120))
    fancy = io.StringIO()
    render_alignment(seed_alignment, Console(file=fancy, width=120, no_color=True))
    plain_text, fancy_text = plain.getvalue(), fancy.getvalue()
    assert max(len(line) for line in plain_text.splitlines()) <= 120
    for needle in ("Muutamia esimerkkejä", "27 links (22 ok, 5 missing)", "signature: hupli:"):
        assert needle in plain_text and needle in fancy_text
    words = lambda text: [w for w in text.split() if w.isalpha()]  # noqa: E731
    assert words(plain_text) == words(fancy_text)
