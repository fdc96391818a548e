"""Segmenting normalised text into blocks with kinds and source lines."""

from __future__ import annotations

from hupli.document.normalise import normalise
from hupli.document.read import read_path
from hupli.document.segment import inline_text, segment

from .conftest import EN_BLOG, FI_BLOG


def _blocks(path):
    decoded = read_path(path)
    return segment(normalise(decoded.text, markup=decoded.markup).text, decoded.markup)


def test_finnish_blog_blocks() -> None:
    blocks = _blocks(FI_BLOG)
    kinds = [b.kind for b in blocks]
    assert len(blocks) == 28
    assert kinds[:3] == ["caption", "heading", "paragraph"]
    assert blocks[1].text == "Blogi: Suljettujen ovien mahdollisuus"
    assert blocks[1].level == 2
    assert blocks[2].text == "Tiedote 9.4.2020 18:33"
    assert [b.index for b in blocks if b.kind == "separator"] == [7, 12, 16]
    assert blocks[23].kind == "quote"
    assert blocks[24].kind == "heading"
    assert kinds[25:] == ["link", "link", "link"]
    assert [b.index for b in blocks] == list(range(28))


def test_english_blog_caption_dateline_and_lines() -> None:
    blocks = _blocks(EN_BLOG)
    assert len(blocks) == 22
    caption = blocks[0]
    assert caption.kind == "caption"
    assert caption.text == "We'll get through this too."  # the export said it twice
    assert (caption.line, caption.end_line) == (1, 3)
    dateline = blocks[2]
    assert dateline.kind == "paragraph"
    assert dateline.text.startswith("Release 9.4.2020 18:33 Liisa Hupli-Oinonen, director")
    assert (dateline.line, dateline.end_line) == (7, 9)
    assert blocks[1].kind == "heading"


def test_lines_are_one_based_and_point_at_the_block() -> None:
    text = "# Otsikko\n\nEka kappale.\n\n- kohta yksi\n- kohta kaksi\n\n***\n\n> lainaus\n"
    blocks = segment(text)
    assert [(b.kind, b.line) for b in blocks] == [
        ("heading", 1),
        ("paragraph", 3),
        ("list_item", 5),
        ("list_item", 6),
        ("separator", 8),
        ("quote", 10),
    ]
    lines = text.split("\n")
    for block in blocks:
        assert lines[block.line - 1].strip()


def test_inline_markers_are_removed_and_links_kept_as_evidence() -> None:
    text, urls = inline_text("**Tiedote** *tärkeä* [Kaisa](mailto:kaisa.heino@imatra.fi) \\*")
    assert text == "Tiedote tärkeä Kaisa *"
    assert urls == ("kaisa.heino@imatra.fi",)


def test_link_lines_images_and_plain_text_headings() -> None:
    blocks = segment("![Kuva](kuva.jpg)\n\n[Lue lisää](https://imatra.fi)\n", "markdown")
    assert [b.kind for b in blocks] == ["image", "link"]
    assert blocks[1].urls == ("https://imatra.fi",)
    plain = segment("Haasteet tällä hetkellä\n\nTeksti jatkuu tässä.\n", "text")
    assert [b.kind for b in plain] == ["heading", "paragraph"]


def test_empty_text_has_no_blocks() -> None:
    assert segment("") == ()
    assert segment("\n\n\n") == ()


def test_source_lines_of_a_block() -> None:
    from hupli.api import load_document

    from .conftest import EN_BLOG

    document = load_document(EN_BLOG)
    caption = document.blocks[0]
    assert caption.source_lines(document.text).split("\n") == [
        "Picture",
        "We'll get through this too.",
        "We'll get through this too.",
    ]


def test_line_kinds_after_indentation_and_unusual_initials() -> None:
    text = (
        "Picture\ncap\ncap\n\n   > lainaus\n\n3) kolmas\n\n  - sisennetty\n\n- - -\n\n"
        "[a](http://a) · [b](http://b)\n\nwww.imatra.fi\n\n\u212auva\nKuvateksti.\n"
    )
    blocks = segment(text)
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("caption", "cap", 0),
        ("quote", "lainaus", 0),
        ("list_item", "kolmas", 0),
        ("list_item", "sisennetty", 1),
        ("separator", "", 0),
        ("link", "a · b", 0),
        ("link", "www.imatra.fi", 0),
        ("caption", "Kuvateksti.", 0),  # the Kelvin sign matches "k" case-blind
    ]
    assert blocks[5].urls == ("http://a", "http://b")


def test_inline_text_nested_code_autolinks_and_escapes() -> None:
    text, urls = inline_text(
        "***lihava kursiivi*** __x__ `koodi` <https://a.fi> <mailto:a@b.fi> \\[ei\\] [t](#)\n "
    )
    assert text == "lihava kursiivi x koodi https://a.fi a@b.fi [ei] t"
    assert urls == ()
