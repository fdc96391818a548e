"""Any bytes, any Markdown-ish text, through every stage and every writer: read, normalise,
segment, align, then JSON, HTML, TMX, XLIFF, CSV and the terminal view, and `lint` of a
corpus of the two as text, JSON, SARIF and GitHub annotations.

Nothing may fail but with one of hupli's own errors (`HupliError`, which the command line
turns into a message and exit code 2); JSON must parse and XML be well-formed; normalising
twice must change nothing more; and normalising must keep every word.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hupli import api
from hupli.cli import cli
from hupli.document.normalise import normalise
from hupli.document.read import decode_bytes
from hupli.model import Alignment, HupliError
from hupli.report.csv import to_csv
from hupli.report.html import alignment_html
from hupli.report.json import alignment_json, to_json_text
from hupli.report.terminal import PlainConsole, render_alignment
from hupli.report.tmx import to_tmx
from hupli.report.xliff import to_xliff

# Pieces of CMS pages: prose in both languages, numbers and dates, Markdown and HTML
# syntax, odd spaces and line ends, and characters that XML, CSV and JSON must escape.
PIECES = [
    "Kaupunki avasi kirjaston",
    "The city opened a library",
    "vuonna 2020",
    "9.4.2020 klo 18.33",
    "1 339 kertaa",
    "Hupli-Oinonen",
    "https://imatra.fi/a?b=1&c=2",
    "# ",
    "## Otsikko",
    "- ",
    "* ",
    "1. ",
    "> ",
    "```",
    "    ",
    "\t",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<div>",
    "</div>",
    "<!-- x -->",
    "`koodi`",
    "**lihava**",
    "_kursiivi_",
    "[linkki](https://x.fi)",
    "![kuva](a.png)",
    "---\ntitle: x\n---",
    ":::",
    "\\_",
    "&amp;",
    "<",
    ">",
    '"',
    "'",
    "\u00a0",
    "\u200b",
    "\ufeff",
    " • ",
    ".",
    ",",
    ";",
    "=",
    "+",
    "\x00",
    "\x0c",
    "]]>",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    " ",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
WORD = re.compile(r"[^\W\d_]{2,}")


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def _well_formed_html(text: str) -> None:
    parser = HTMLParser()
    parser.feed(text)
    parser.close()
    assert text.lstrip().lower().startswith("<!doctype html>")


def _check_writers(alignment: Alignment) -> None:
    data = json.loads(to_json_text(alignment_json(alignment)))
    assert {"source", "target", "links"} <= data.keys()
    _well_formed_html(alignment_html(alignment))
    exports = [to_tmx([alignment], segment=s) for s in ("paragraph", "sentence")]
    for export in [*exports, to_xliff([alignment])]:
        # With nothing to export the text is empty (documented) and nothing is written.
        if export.units or export.text:
            ET.fromstring(export.text.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(to_csv([alignment]).text, newline="")))
    assert len({len(row) for row in rows}) == 1  # every row has the header's columns
    out = io.StringIO()
    render_alignment(alignment, PlainConsole(out, width=120))
    assert out.getvalue()


def _through_the_pipeline(original: bytes, translation: bytes) -> None:
    documents = []
    for name, data in (("fi/sivu.md", original), ("en/page.md", translation)):
        try:
            decoded = decode_bytes(data, name)
        except HupliError:
            return
        once = normalise(decoded.text, set(), decoded.markup)
        twice = normalise(once.text, set(), decoded.markup)
        assert twice.text == once.text, (decoded.text, once.rules, twice.rules)
        assert _words(once.text) == _words(decoded.text), once.rules
        try:
            documents.append(api.document_from_text(decoded.text, name))
        except HupliError:
            return
    try:
        alignment = api.align_documents(*documents)
    except HupliError:
        return
    _check_writers(alignment)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts)
def test_markdownish_text_through_every_stage_and_writer(original: str, translation: str) -> None:
    _through_the_pipeline(original.encode("utf-8"), translation.encode("utf-8"))


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=300), st.binary(max_size=300))
def test_random_bytes_through_every_stage_and_writer(original: bytes, translation: bytes) -> None:
    _through_the_pipeline(original, translation)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts.map(str.encode), st.binary(max_size=200)), texts.map(str.encode))
def test_lint_of_any_pair_writes_every_format(original: bytes, translation: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "fi").mkdir()
        (root / "en").mkdir()
        (root / "fi" / "sivu.md").write_bytes(original)
        (root / "en" / "page.md").write_bytes(translation)
        runner = CliRunner()
        for fmt in ("text", "json", "sarif", "github"):
            result = runner.invoke(cli, ["lint", str(root), "--no-cache", "--format", fmt])
            # 0, 1 or 2 (an unreadable file, no documents), never a traceback.
            assert result.exit_code in (0, 1, 2), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.exception
            )
            if fmt in ("json", "sarif") and result.stdout:
                json.loads(result.stdout)
