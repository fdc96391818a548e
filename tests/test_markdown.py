"""Markdown pages as blocks (hupli.document.markdown): code, images, HTML, front matter,
tables, admonitions, lists, and the file's own line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hupli.document import document_from_text, load_document
from hupli.document.markdown import front_matter_end, segment_markdown


def kinds(text: str) -> list[tuple[str, int, int]]:
    return [(b.kind, b.line, b.end_line) for b in segment_markdown(text)]


def test_a_fenced_code_block_with_blank_lines_is_one_block() -> None:
    page = "Asennetaan:\n\n```bash\nnpm install\n\nnpm start\n```\n\nValmista.\n"
    blocks = segment_markdown(page)
    assert [(b.kind, b.line, b.end_line) for b in blocks] == [
        ("paragraph", 1, 1),
        ("code", 3, 7),
        ("paragraph", 9, 9),
    ]
    assert blocks[1].text == "npm install\n\nnpm start"
    assert blocks[1].info == "bash"


def test_indented_code_is_code() -> None:
    assert kinds("Esimerkki:\n\n    const a = 1\n    const b = 2\n") == [
        ("paragraph", 1, 1),
        ("code", 3, 4),
    ]


def test_image_is_linked_by_its_file_and_cut_from_the_text_around_it() -> None:
    page = "Teksti ennen.\n![selain](../../images/0/1e.png)\nTeksti jälkeen.\n"
    blocks = segment_markdown(page)
    assert [(b.kind, b.line) for b in blocks] == [
        ("paragraph", 1),
        ("image", 2),
        ("paragraph", 3),
    ]
    assert blocks[1].images == ("../../images/0/1e.png",)
    assert blocks[1].text == "selain"


def test_html_comments_and_tags_alone_are_not_blocks() -> None:
    page = '<div class="content">\n\n<!-- a note -->\n\nTeksti.\n\n</div>\n'
    assert kinds(page) == [("paragraph", 5, 5)]


def test_html_block_with_text_keeps_its_text() -> None:
    (block,) = segment_markdown("<p>Tärkeä <b>huomio</b></p>\n")
    assert (block.kind, block.text) == ("html", "Tärkeä huomio")


def test_inline_html_tags_are_dropped_from_the_text_and_code_terms_kept() -> None:
    (block,) = segment_markdown("Tiedostoon <i>db.json</i> ja _initializeNotes_ tallennetaan.\n")
    assert block.text == "Tiedostoon db.json ja initializeNotes tallennetaan."
    assert block.terms == ("db.json", "initializeNotes")


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("---\ntitle: Otsikko\nlang: fi\n---\n\nTeksti.\n", "yaml"),
        ("+++\ntitle = 'Otsikko'\n+++\n\nTeksti.\n", "toml"),
    ],
)
def test_front_matter_is_a_block_of_its_own(page: str, kind: str) -> None:
    blocks = segment_markdown(page)
    assert blocks[0].kind == "front_matter"
    assert "title" in blocks[0].text
    assert [(b.kind, b.line) for b in blocks[1:]] == [("paragraph", 6 if kind == "yaml" else 5)]


def test_front_matter_needs_its_closing_fence() -> None:
    assert front_matter_end(["---", "title: x"]) == -1
    assert front_matter_end(["---", "title: x", "---"]) == 2


def test_a_table_is_one_block_a_row_a_line() -> None:
    page = "| a | b |\n|---|---|\n| 1 | [x](https://x.fi) |\n"
    (block,) = segment_markdown(page)
    assert block.kind == "table"
    assert block.text == "a | b\n1 | x"
    assert block.urls == ("https://x.fi",)


def test_admonition_fences_are_structure_not_content() -> None:
    page = ":::note\n\nHuomaa tämä.\n\n:::\n"
    assert kinds(page) == [("paragraph", 3, 3)]


def test_a_list_item_keeps_its_continuation_line() -> None:
    page = "- ensimmäinen kohta\n  jatkuu tässä\n- toinen kohta\n"
    blocks = segment_markdown(page)
    assert [(b.kind, b.text) for b in blocks] == [
        ("list_item", "ensimmäinen kohta jatkuu tässä"),
        ("list_item", "toinen kohta"),
    ]


def test_links_keep_their_targets_including_bare_addresses() -> None:
    page = (
        "Katso [Imatra](https://fi.wikipedia.org/wiki/Imatra_(kaupunki)) ja "
        "https://www.imatra.fi/uutiset.\n"
    )
    (block,) = segment_markdown(page)
    assert block.urls == (
        "https://fi.wikipedia.org/wiki/Imatra_(kaupunki)",
        "https://www.imatra.fi/uutiset",
    )
    assert block.text.startswith("Katso Imatra ja")


def test_a_product_name_with_a_dot_is_not_an_address() -> None:
    (block,) = segment_markdown("Sovellus ajetaan Fly.io-palvelussa.\n")
    assert block.urls == ()


def test_an_empty_heading_is_not_a_block() -> None:
    assert kinds("###\n\nTeksti.\n") == [("paragraph", 3, 3)]


def test_blocks_carry_the_files_lines_after_normalising() -> None:
    """Normalising drops blank lines and NBSP-only lines; blocks keep the file's lines."""
    page = "\n\n\n## **Otsikko**\n\u00a0\n\nEnsimmäinen kappale.\n\n\n\nToinen kappale.\n"
    document = document_from_text(page, "fi.md")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("heading", "Otsikko", 4),
        ("paragraph", "Ensimmäinen kappale.", 7),
        ("paragraph", "Toinen kappale.", 11),
    ]
    assert document.text == page  # the document keeps the file's own text


def test_fso_page_reads_its_code_images_and_front_matter(evaldata: Path) -> None:
    document = load_document(evaldata / "fso-dev" / "pairs" / "fi_6c.md")
    counts: dict[str, int] = {}
    for block in document.blocks:
        counts[block.kind] = counts.get(block.kind, 0) + 1
    assert document.blocks[0].kind == "front_matter"
    # Every fence pair is one code block: the page has 50 fence lines.
    assert counts["code"] == 25
    lines = document.text.split("\n")
    for block in document.blocks:
        if block.kind == "code":
            assert lines[block.line - 1].startswith("```")
            assert lines[block.end_line - 1].strip() == "```"
