"""The real-data benchmark: its matching rule, Mallard converter, PO reader and calibration,
and one run through the CLI on real data."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import bench_real  # noqa: E402
import calibration  # noqa: E402
import fso  # noqa: E402
import gnome  # noqa: E402
import mallard  # noqa: E402
import pofile  # noqa: E402

# ---- fso-dev matching rule (score.py's own functions) ----------------------------------


@pytest.fixture(scope="module")
def fso_root(evaldata: Path) -> Path:
    if not (evaldata / fso.DIR / "score.py").is_file():
        pytest.skip("fso-dev not found")
    return evaldata


def _block(index: int, text: str, kind: str = "paragraph", line: int = 0) -> dict[str, Any]:
    return {"index": index, "kind": kind, "text": text, "line": line, "end_line": line}


def _link(src: list[int], tgt: list[int], status: str = "ok", **extra: Any) -> dict[str, Any]:
    return {"source": src, "target": tgt, "status": status, "score": 0.9, "findings": [], **extra}


def test_norm_is_the_readmes(fso_root: Path) -> None:
    norm = fso.scorer(fso_root).norm
    assert norm("  The **[Node](https://x)** `docs`!\n  > # Yes_ ") == "the nodehttps://x docs yes"


def test_hit_needs_the_key_on_the_findings_side(fso_root: Path) -> None:
    pair = {
        "id": "7",  # any real pair id: score_pair reads its raw lines for image keys only
        "divergences": [
            {"type": "missing", "side": "fi", "key": "Kurssin seitsemäs osa", "scope": "block"},
            {"type": "added", "side": "en", "key": "Only in English", "scope": "sentence"},
        ],
    }
    result = {
        "source": {"blocks": [_block(0, "kurssin *seitsemäs* osa käsittelee"), _block(1, "x")]},
        "target": {"blocks": [_block(0, "Only in English."), _block(1, "y")]},
        "links": [
            _link([0], []),  # missing on the keyed Finnish block: hit
            _link([], [1]),  # added on an unkeyed block: miss
            _link([1], [0], "changed"),  # changed touches either side: hit (sentence scope)
            _link([0], [], "untranslated"),  # missing + untranslated; untranslated looks at en
        ],
    }
    scored = fso.score(fso_root, pair, result)
    got = [(f.kind, sorted(f.touched)) for f in scored.findings]
    assert got == [
        ("missing", [0]),
        ("added", []),
        ("changed", [1]),
        ("missing", [0]),
        ("untranslated", []),
    ]
    summary = fso.summarise([scored])
    assert (summary.findings, summary.hits, summary.via_sentence) == (5, 3, 1)
    assert (summary.real, summary.found, summary.sentence_found) == (1, 1, 1)
    rows = {r.kind: r for r in fso.by_type([scored])}
    assert (rows["missing"].findings, rows["missing"].hits, rows["missing"].found) == (2, 2, 1)
    assert rows["changed"].typed_hits == 0  # it touched an "added" divergence


def test_occurrence_picks_one_block(fso_root: Path) -> None:
    side = fso.scorer(fso_root).Side(
        [_block(0, "const a = 1"), _block(1, "x"), _block(2, "const a = 1; const a = 1")], []
    )
    assert side.touching("const a = 1") == {0, 2}
    assert side.touching("const a = 1", occurrence=1) == {0}
    assert side.touching("const a = 1", occurrence=3) == {2}
    assert side.touching("const a = 1", occurrence=4) == set()


def test_sentence_findings_and_linked_paragraphs(fso_root: Path) -> None:
    key = "On macOS, press _command_-_R_."
    pair = {
        "id": "7",
        "divergences": [{"type": "added", "side": "en", "key": key, "scope": "sentence"}],
    }

    def sentence(code: str, text: str) -> dict[str, Any]:
        return {"code": code, "details": {"sentence": text}}

    result = {
        "source": {"blocks": [_block(0, "a"), _block(1, "b", "heading")]},
        "target": {"blocks": [_block(0, "a. On macOS, press command-R."), _block(1, "b")]},
        "links": [
            _link(
                [0],
                [0],
                findings=[
                    sentence("added-sentence", "On macOS, press command-R. Or F5."),  # contains
                    sentence("added-sentence", "press command-R"),  # inside the key: hit
                    sentence("added-sentence", "press"),  # too short to count as inside
                    sentence("missing-sentence", "On macOS, press command-R."),  # wrong side
                ],
            ),
            _link([1], [1]),  # a heading: not a linked paragraph
        ],
    }
    scored = fso.score(fso_root, pair, result)
    assert [sorted(s.touched) for s in scored.sentence_findings] == [[0], [0], [], []]
    assert scored.linked_paragraphs == 1
    s = fso.sentence_summary([scored])
    assert (s.findings, s.hits, s.found, s.divergences) == (4, 2, 1, 1)
    assert s.false_per_50 == pytest.approx(100.0)


def test_no_sentence_findings_is_zero_not_an_error() -> None:
    s = fso.sentence_summary([])
    assert (s.findings, s.precision, s.recall, s.false_per_50) == (0, None, 0.0, 0.0)


def test_summary_line_parsed() -> None:
    line = "precision=0.203 recall=0.453 findings=212 sentence_found=11/14 failures=0"
    assert fso.parse_summary(line) == {
        "precision": 0.203,
        "recall": 0.453,
        "findings": 212,
        "sentence_found": "11/14",
        "failures": 0,
    }


def test_changed_groups_follow_the_note_conventions() -> None:
    assert fso.changed_group({"note": "link only: EN links MDN"}) == "link only"
    assert fso.changed_group({"note": "a brace differs (minor)"}) == "minor"
    assert fso.changed_group({"note": "link: Node 8 vs Node 18 docs"}) == "other"


def test_fenced_lines() -> None:
    lines = ["text", "```js", "a", "", "~~~ inside", "```", "after", "~~~", "b", "~~~"]
    assert fso.fenced_lines(lines) == {2, 3, 4, 5, 6, 8, 9, 10}


# ---- Mallard → Markdown ----------------------------------------------------------------

PAGE = """<page xmlns="http://projectmallard.org/1.0/" xmlns:its="http://www.w3.org/2005/11/its"
      xmlns:if="http://projectmallard.org/if/1.0/" id="demo">
  <info><desc>Not shown.</desc><credit><name>Someone</name></credit></info>
  <title>Use <app>Files</app></title>
  <p>Press <keyseq><key>Ctrl</key><key>L</key></keyseq> or open
     <guiseq><gui>Settings</gui><gui>Power</gui></guiseq>. See <link xref="other"/> and
     <link href="https://example.org">the site</link>.</p>
  <comment><p>Editorial, hidden.</p></comment>
  <if:choose>
    <if:when test="platform:gnome-classic"><p>Classic only.</p></if:when>
    <if:else><p>Default desktop.</p></if:else>
  </if:choose>
  <p if:test="platform:gnome-classic">Classic paragraph.</p>
  <section id="s">
    <title>Steps</title>
    <steps>
      <item><p>First <cmd>ls</cmd>.</p><p>More about it.</p></item>
      <item><p>Second.</p><list><item><p>Nested.</p></item></list></item>
    </steps>
    <media type="image" src="figures/x.png">An image</media>
    <screen its:translate="no">$ ls
$ pwd</screen>
    <terms><item><title><gui>None</gui></title><p>Direct.</p></item></terms>
  </section>
</page>"""


def test_mallard_converter_on_inline_page() -> None:
    root = ET.fromstring(PAGE)
    blocks = mallard.convert(root, {"other": "Other page", "demo#s": "Steps"})
    text, spans = mallard.to_markdown(blocks)
    assert text.split("\n") == [
        "# Use Files",
        "",
        "Press Ctrl+L or open Settings ▸ Power. See [Other page](other) and "
        "[the site](https://example.org).",
        "",
        "Default desktop.",
        "",
        "## Steps",
        "",
        "- First ls.",
        "",
        "  More about it.",
        "",
        "- Second.",
        "",
        "  - Nested.",
        "",
        "![](figures/x.png)",
        "",
        "```",
        "$ ls",
        "$ pwd",
        "```",
        "",
        "- None",
        "",
        "  Direct.",
    ]
    assert [b.kind for b in blocks] == [
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "item",
        "paragraph",
        "item",
        "item",
        "image",
        "code",
        "item",
        "paragraph",
    ]
    assert spans[0] == (1, 1) and spans[9] == (19, 22)
    assert [b.translatable for b in blocks].count(False) == 2  # the image and the screen
    # The lone <gui> in the terms title is its own unit, as itstool extracts it.
    assert blocks[10].unit == mallard.Unit("title/gui", "None", ())
    assert blocks[1].unit.targets == ("other", "https://example.org")


def test_title_index_and_conditions() -> None:
    root = ET.fromstring(PAGE)
    assert mallard.title_index([("demo", root)]) == {"demo": "Use Files", "demo#s": "Steps"}
    assert mallard.condition_holds("!platform:gnome-classic")
    assert not mallard.condition_holds("platform:gnome-classic")
    assert mallard.condition_holds("platform:gnome-classic, action:install")
    assert not mallard.condition_holds("platform:gnome !action:install")


def test_msgid_markup() -> None:
    msgid = 'Open <gui style="button"><_:media-1/></gui> and <link xref="a#b">see &amp; do</link>.'
    assert mallard.strip_markup(msgid) == "Open and see & do."
    assert mallard.msgid_targets(msgid) == ("a#b",)


@pytest.fixture(scope="module")
def gnome_root(evaldata: Path) -> Path:
    if not (evaldata / gnome.DIR / "fi.po").is_file():
        pytest.skip("gnome-help-fi not found")
    return evaldata


def test_real_page_has_as_many_blocks_on_both_sides(gnome_root: Path) -> None:
    base = gnome_root / gnome.DIR
    en = mallard.convert(mallard.load(base / "C" / "power-batterylife.page"))
    fi = mallard.convert(mallard.load(base / "fi-rendered" / "power-batterylife.page"))
    assert len(en) == len(fi) == 16
    assert en[0].markdown == "# Use less power and improve battery life"
    assert fi[0].markdown == "# Käytä vähemmän virtaa ja säästä siten akkua"
    assert [b.kind for b in en] == [b.kind for b in fi]


def test_real_page_gold_follows_fi_po(gnome_root: Path) -> None:
    gold = gnome.load_gold(gnome_root, ["power-batterylife"])
    assert not gold.excluded and len(gold.pages) == 1
    units = gold.pages[0].units
    by_text = {u.en.markdown[:30]: u for u in units}
    # translated in fi.po
    assert by_text["- [Suspend your computer](shel"].status == gnome.TRANSLATED
    # fuzzy in fi.po: the Finnish page keeps the English text
    fuzzy = by_text["- Use the Power panel in Setti"]
    assert (fuzzy.status, fuzzy.via) == (gnome.UNTRANSLATED, "po")
    assert fuzzy.fi.text == fuzzy.en.text
    assert all(u.via == "po" for u in units)


# ---- PO reader -------------------------------------------------------------------------

PO = r"""msgid ""
msgstr "Project-Id-Version: x\n"

#. (itstool) path: item/p
#: C/a.page:3 C/b.page:7
#, fuzzy
#| msgid "Old"
msgid ""
"Two \"lines\" "
"joined"
msgstr "Kaksi"

msgctxt "proxy"
msgid "None"
msgstr ""

#~ msgid "Obsolete"
#~ msgstr "Vanha"
"""


def test_po_reader() -> None:
    entries = pofile.parse(PO)
    assert [e.msgid for e in entries] == ['Two "lines" joined', "None"]
    first, second = entries
    assert first.fuzzy and not first.translated and first.msgstr == "Kaksi"
    assert first.references == ("C/a.page:3", "C/b.page:7")
    assert first.paths == ("item/p",)
    assert second.msgctxt == "proxy" and not second.translated and not second.fuzzy


# ---- calibration -----------------------------------------------------------------------


def test_band_edges() -> None:
    assert calibration.band_of(0.0) == 0
    assert calibration.band_of(0.0999) == 0
    assert calibration.band_of(0.1) == 1
    assert calibration.band_of(0.95) == 9
    assert calibration.band_of(1.0) == 9
    with pytest.raises(ValueError):
        calibration.band_of(1.01)


def test_calibration_counts_and_gap() -> None:
    scored = [(0.95, True)] * 18 + [(0.95, False)] * 2 + [(0.15, True)] * 5
    cal = calibration.calibrate(scored, min_links=20)
    top, low = cal.bands[9], cal.bands[1]
    assert (top.links, top.right, low.links, low.right) == (20, 18, 5, 5)
    assert top.mean_score == pytest.approx(0.95)
    assert top.share_right == pytest.approx(0.9)
    # the low band (gap 0.85) has too few links to count
    assert cal.max_gap == pytest.approx(0.05)
    assert cal.links == 25
    assert calibration.calibrate([]).max_gap is None
    table = calibration.format_table(cal)
    assert "0.9–1.0" in table and "0.050" in table


# ---- end to end through the CLI ---------------------------------------------------------


def test_end_to_end_one_fso_pair(fso_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "real.json"
    assert bench_real.main(["--pairs", "7", "--skip-gnome", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["fso_dev"]
    assert summary["pairs"] == ["7"]
    assert summary["failures"] == []
    # score.py, run on this pair alone, and the bench's own scoring agree
    assert summary["reproduced_by_bench"] is True
    official = summary["official"]
    assert official["real"] == 1 and official["failures"] == 0
    assert summary["splits"]["dev"]["findings"] == official["findings"]
    assert "heldout" not in summary["splits"]
    by_type = summary["by_type"]
    assert sum(row["findings"] for row in by_type.values()) == official["findings"]
    assert summary["sentence"]["sentence_divergences"] == 0


def test_end_to_end_one_gnome_page(gnome_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "real.json"
    assert bench_real.main(["--skip-fso", "--limit", "1", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["gnome_help_fi"]
    assert summary["pages_used"] == 1 and summary["failures"] == []
    assert summary["links"]["gold"] == summary["units"] > 0
    assert summary["segmentation"] == {}
    bands = summary["calibration"]["bands"]
    assert sum(b["links"] for b in bands) == summary["links"]["links"]
