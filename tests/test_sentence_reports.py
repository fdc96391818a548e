"""A sentence missing inside a linked paragraph, shown everywhere: terminal (marked in its
paragraph), JSON (offsets), HTML (marked in place), XLIFF (a unit of its own), lint (file
and line)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hupli.api import align_texts
from hupli.report.html import alignment_html
from hupli.report.json import alignment_json
from hupli.report.terminal import PlainConsole, render_alignment
from hupli.report.xliff import to_xliff

from .wmt import fi_en_documents, paragraphs

XLF = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.fixture(scope="module")
def dropped(evaldata: Path):
    """A WMT16 page whose English lost the long middle sentence of one paragraph."""
    wmt = fi_en_documents(evaldata)
    _docid, fi, en, k = next(
        (d[0], d[1], d[2], k)
        for d in wmt
        for k in range(2, len(d[1]) - 1, 3)
        if len(d[1]) >= 10 and len(d[1][k].split()) >= 10 and not any(c.isdigit() for c in d[1][k])
    )
    paragraph = (k - 1) // 3 + 1
    fi_par, en_par = paragraphs(fi, 3), paragraphs(en, 3)
    en_par[paragraph] = f"{en[k - 1]} {en[k + 1]}"
    alignment = align_texts(
        "\n\n".join(fi_par) + "\n",
        "\n\n".join(en_par) + "\n",
        source_path="fi.txt",
        target_path="en.txt",
    )
    return alignment, paragraph, fi[k]


def test_json_gives_the_sentence_and_its_offsets(dropped) -> None:
    alignment, paragraph, sentence = dropped
    data = alignment_json(alignment)
    (link,) = [link for link in data["links"] if link["source"] == [paragraph]]
    assert link["status"] == "partial"
    (finding,) = [f for f in link["findings"] if f["code"] == "missing-sentence"]
    details = finding["details"]
    text = data["source"]["blocks"][paragraph]["text"]
    assert text[int(details["start"]) : int(details["end"])] == sentence == details["sentence"]
    assert finding["source"] == [paragraph] and finding["target"] == []


def test_terminal_marks_the_sentence_in_its_paragraph(dropped) -> None:
    alignment, _paragraph, sentence = dropped
    out = io.StringIO()
    render_alignment(alignment, PlainConsole(out, width=400))
    text = out.getvalue()
    # The table wraps the paragraph: the marks open before its first word, close after its last.
    words = sentence.split()
    assert f"⟦{words[0]}" in text and f"{words[-1]}⟧" in text
    assert "warning missing-sentence" in text


def test_html_marks_the_sentence_in_place(dropped) -> None:
    alignment, _paragraph, sentence = dropped
    page = alignment_html(alignment)
    assert f'<mark class="missing-sentence" title="missing-sentence">{sentence}</mark>' in page


def test_xliff_has_a_unit_for_the_sentence_with_its_paragraph(dropped) -> None:
    alignment, paragraph, sentence = dropped
    work = to_xliff([alignment])
    root = ET.fromstring(work.text)
    units = [u for u in root.iter(f"{XLF}unit") if u.get("type") == "hupli:missing-sentence"]
    (unit,) = units
    assert unit.get("id", "").startswith(f"u-{paragraph}-s")
    assert unit.find(f"{XLF}segment/{XLF}source").text == sentence
    notes = {note.get("category"): note.text for note in unit.iter(f"{XLF}note")}
    assert notes["context"] == "the paragraph: " + alignment.source.blocks[paragraph].text


def test_lint_cites_the_line_of_the_sentences_block(dropped, tmp_path: Path) -> None:
    from hupli.cli import main

    alignment, paragraph, _sentence = dropped
    for language, document in (("fi", alignment.source), ("en", alignment.target)):
        folder = tmp_path / "corpus" / language
        folder.mkdir(parents=True)
        (folder / "sivu.txt").write_text(document.text, encoding="utf-8")
    out = tmp_path / "lint.json"
    main(["lint", str(tmp_path / "corpus"), "--format", "json", "-o", str(out), "--no-cache"])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    (found,) = [f for f in findings if f["code"] == "missing-sentence"]
    assert found["path"].endswith("fi/sivu.txt")
    assert found["line"] == alignment.source.blocks[paragraph].line
