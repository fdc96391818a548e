"""The HTML report: self-contained, escaped, every finding linked to its paragraph."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from hupli import __version__
from hupli.api import align_texts
from hupli.cli import main
from hupli.report.html import CorpusEntry, alignment_html, corpus_html
from tests.conftest import CORPUS, EN_BLOG, FI_BLOG

# A script a reader sees as text (escaped, as Markdown writes it), which the report must
# show as text; a bare <script> in a page is HTML and not shown at all.
SCRIPT_FI = (
    "# Otsikko\n\n"
    "Tämä kappale kertoo, miten &lt;script&gt;document.title = "
    '"pwned"&lt;/script&gt; näkyy tekstinä.\n\n'
    "Vielä 1339 kertaa.\n"
)
SCRIPT_EN = (
    "# Heading\n\n"
    "This paragraph tells how &lt;script&gt;document.title = "
    '"pwned"&lt;/script&gt; shows as text.\n\n'
    "Still 1439 times.\n"
)


class Page(HTMLParser):
    """What the browser would build: ids, in-page links, scripts, external references."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.anchors: list[str] = []
        self.scripts: list[str] = []
        self.external: list[str] = []
        self.rows: list[dict[str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
        for name in ("href", "src"):
            value = attributes.get(name, "")
            if value.startswith("#"):
                self.anchors.append(value[1:])
            elif value:
                self.external.append(value)
        if tag == "link":
            self.external.append(attributes.get("href", "<link>"))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "tr" and "link" in attributes.get("class", "").split():
            self.rows.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def seed_html(seed_alignment) -> str:
    return alignment_html(seed_alignment)


def test_seed_report_is_self_contained(seed_html):
    page = parse(seed_html)
    assert page.external == []
    assert len(page.scripts) == 1 and "problems-only" in page.scripts[0]
    assert "<style>" in seed_html
    assert "<link" not in seed_html and "@import" not in seed_html


def test_seed_report_marks_the_missing_ending(seed_alignment, seed_html):
    page = parse(seed_html)
    statuses = [row["data-status"] for row in page.rows]
    assert statuses == [link.status for link in seed_alignment.links]
    assert statuses[-5:] == ["missing"] * 5
    missing_rows = [row for row in page.rows if row["data-status"] == "missing"]
    assert all("problem" in row["class"].split() for row in missing_rows)
    assert seed_html.count("missing from the translation") == 5
    assert "80 % translated" in seed_html
    assert "5 missing" in seed_html


def test_every_finding_links_to_an_element_and_ids_are_unique(seed_html):
    page = parse(seed_html)
    assert len(page.ids) == len(set(page.ids))
    assert page.anchors, "findings should link to their paragraphs"
    assert set(page.anchors) <= set(page.ids)
    assert "p0-s23" in page.anchors  # the pull quote, first of the missing ending


def test_report_carries_the_signature(seed_alignment, seed_html):
    assert seed_html.count(seed_alignment.signature) >= 2  # header and footer


def test_document_text_is_escaped():
    html = alignment_html(align_texts(SCRIPT_FI, SCRIPT_EN))
    page = parse(html)
    assert len(page.scripts) == 1  # only the report's own switch
    assert "pwned" not in page.scripts[0]
    assert "&lt;script&gt;document.title = &#34;pwned&#34;&lt;/script&gt;" in html
    assert "<title>hupli: original.md ↔ translation.md</title>" in html


def test_changed_findings_are_shown_next_to_the_translation():
    html = alignment_html(align_texts(SCRIPT_FI, SCRIPT_EN))
    page = parse(html)
    assert [row["data-status"] for row in page.rows][-1] == "changed"
    assert "1339" in html and 'class="note"' in html


def test_corpus_page_lists_pairs_untranslated_and_sections(seed_alignment):
    html = corpus_html(
        [
            CorpusEntry(seed_alignment.source.path, seed_alignment.target.path, seed_alignment),
            CorpusEntry("fi/rikki.md", "en/broken.md", None, "could not be read"),
        ],
        untranslated=["fi/vain-suomeksi.md", "fi/<b>tagi</b>.md"],
        orphans=["en/only-english.md"],
    )
    page = parse(html)
    assert set(page.anchors) <= set(page.ids)
    assert "p0" in page.anchors
    assert "Originals without a translation (2)" in html
    assert "fi/&lt;b&gt;tagi&lt;/b&gt;.md" in html
    assert "en/only-english.md" in html and "could not be read" in html
    assert "80 %" in html
    assert seed_alignment.signature in html
    assert len([row for row in page.rows if row["data-status"] == "missing"]) == 5


def test_empty_corpus_page_still_renders():
    html = corpus_html([], untranslated=["fi/a.md"])
    assert "No pairs found." in html and "fi/a.md" in html
    assert 'id="problems-only"' not in html


def test_cli_align_format_html(tmp_path):
    out = tmp_path / "report.html"
    code = main(["align", str(FI_BLOG), str(EN_BLOG), "--format", "html", "-o", str(out)])
    assert code == 1  # the missing ending fails the run at the default --fail-on error
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("missing from the translation") == 5


def test_html_output_is_deterministic(seed_alignment):
    assert alignment_html(seed_alignment) == alignment_html(seed_alignment)


def test_corpus_export_module_builds_a_status_page():
    from hupli.api import export_corpus

    inputs = export_corpus(str(CORPUS))
    entries = [CorpusEntry(a.source.path, a.target.path, a) for a in inputs.alignments]
    html = corpus_html(entries, untranslated=inputs.untranslated, orphans=inputs.orphans)
    assert f"Originals without a translation ({len(inputs.untranslated)})" in html
    assert html.count("missing from the translation") == 5


def test_status_html_lists_pairs_and_untranslated_originals(tmp_path) -> None:
    from click.testing import CliRunner

    from hupli.cli import cli
    from tests.conftest import CORPUS

    out = tmp_path / "status.html"
    result = CliRunner().invoke(cli, ["status", str(CORPUS), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "blog-the-possibility-of-closed-doors.txt" in page
    assert "Originals without a translation (3)" in page
    assert "vuorovaikutus-viestinta-ja-osallistaminen.txt" in page
    assert "hupli:" + __version__ + "|lang:fi-en" in page
    assert "<link " not in page and 'src="http' not in page  # self-contained
