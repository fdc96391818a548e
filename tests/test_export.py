"""TMX, XLIFF and CSV exports: valid against their DTD/schema, read back by other readers."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from hupli.api import align_texts
from hupli.cli import main
from hupli.model import SEPARATOR, ConfigError, Finding, Severity
from hupli.report.csv import BOM, CSV_COLUMNS, to_csv
from hupli.report.tmx import to_tmx
from hupli.report.units import MAX_UNIT_CHARS, is_linked, translation_units, xml_text
from hupli.report.xliff import to_xliff
from hupli.text import split_sentences
from tests.conftest import CORPUS, EN_BLOG, FI_BLOG

DATA = Path(__file__).parent / "data"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLF = "{urn:oasis:names:tc:xliff:document:2.0}"

# The seed pair's untranslated ending: a pull quote, a heading and three links.
MISSING_ENDING = (
    '"Hiisi-jumppavideotamme katsottiin viime viikon tiistaina peräti 1339 kertaa."',
    "Muutamia esimerkkejä",
    "Hanna Kaskela lukee sadun",
    "Kalle Pakarinen esittelee ilmakuvia",
    "Vessanpaperijumppa",
)

# Markup a reader sees as text (written escaped, as Markdown writes it: a bare <script> is
# HTML, which is not content), to check that every export escapes it.
TRICKY_FI = (
    "# Otsikko & &lt;alku&gt;\n\n"
    "Tämä on kappale, jossa on &lt;script&gt;document.title = "
    '"x"&lt;/script&gt; & ]]> "lainaus".\n\n'
    "Hinta on 1339 euroa.\n"
)
TRICKY_EN = (
    "# Heading & &lt;start&gt;\n\n"
    "This is a paragraph with &lt;script&gt;document.title = "
    '"x"&lt;/script&gt; & ]]> "a quote".\n\n'
    "The price is 1439 euros.\n"
)


@pytest.fixture(scope="module")
def etree():
    return pytest.importorskip("lxml.etree", reason="lxml validates TMX and XLIFF")


@pytest.fixture(scope="module")
def tmx_dtd(etree):
    return etree.DTD(str(DATA / "tmx14b.dtd"))


@pytest.fixture(scope="module")
def xliff_schema(etree):
    return etree.XMLSchema(etree.parse(str(DATA / "xliff_core_2.0.xsd")))


def _assert_valid(etree, validator, text: str) -> None:
    document = etree.fromstring(text.encode("utf-8"))
    assert validator.validate(document), validator.error_log


def _expected_units(alignment) -> list:
    """Linked pairs with text on both sides, counted without the exporter's help."""
    return [
        link
        for link in alignment.links
        if link.source
        and link.target
        and link.status in ("ok", "changed")
        and not all(alignment.source.blocks[i].kind == SEPARATOR for i in link.source)
    ]


# --- TMX ---------------------------------------------------------------------------------


def test_seed_tmx_is_valid_and_has_one_unit_per_linked_pair(seed_alignment, etree, tmx_dtd):
    tmx = to_tmx([seed_alignment], source_code="fi-FI", target_code="en-GB")
    _assert_valid(etree, tmx_dtd, tmx.text)
    root = ET.fromstring(tmx.text)
    units = root.findall("body/tu")
    assert len(units) == len(_expected_units(seed_alignment)) == tmx.units == 19
    missing = [link for link in seed_alignment.links if link.status == "missing"]
    assert len(missing) == 5
    for text in MISSING_ENDING:
        assert text not in tmx.text
    for tu in units:
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["fi-FI", "en-GB"]
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props["x-source-file"] == seed_alignment.source.path
        assert props["x-target-file"] == seed_alignment.target.path
        assert props["x-status"] in ("ok", "changed")
        indices = [int(i) for i in props["x-source-blocks"].split()]
        source_seg = tu.find("tuv/seg").text
        assert source_seg.startswith(seed_alignment.source.blocks[indices[0]].text)


def test_tmx_header_names_tool_languages_and_signature(seed_alignment):
    root = ET.fromstring(to_tmx([seed_alignment]).text)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute in ("creationtoolversion", "o-tmf", "adminlang", "datatype"):
        assert header.get(attribute)
    assert header.get("creationtool") == "hupli"
    assert header.get("srclang") == "fi"
    assert header.get("segtype") == "paragraph"
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-hupli-signature"] == seed_alignment.signature
    assert seed_alignment.signature in header.find("note").text


def test_seed_tmx_reads_back_in_translate_toolkit(seed_alignment):
    tmx_storage = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit")
    text = to_tmx([seed_alignment], source_code="fi-FI", target_code="en-GB").text
    store = tmx_storage.tmxfile(
        text.encode("utf-8"), sourcelanguage="fi-FI", targetlanguage="en-GB"
    )
    linked = _expected_units(seed_alignment)
    assert len(store.units) == len(linked)
    for unit, link in zip(store.units, linked, strict=True):
        source = " ".join(seed_alignment.source.blocks[i].text for i in link.source)
        target = " ".join(seed_alignment.target.blocks[i].text for i in link.target)
        assert (unit.source, unit.target) == (source, target)
    sources = {unit.source for unit in store.units}
    assert not sources & set(MISSING_ENDING)


def test_tmx_escapes_markup(etree, tmx_dtd):
    alignment = align_texts(TRICKY_FI, TRICKY_EN)
    tmx = to_tmx([alignment])
    _assert_valid(etree, tmx_dtd, tmx.text)
    segs = [seg.text for seg in ET.fromstring(tmx.text).iter("seg")]
    assert (
        'Tämä on kappale, jossa on <script>document.title = "x"</script> & ]]> "lainaus".' in segs
    )
    assert "Otsikko & <alku>" in segs
    assert "<script>" not in tmx.text


MIXED_FI = """Kaupunginvaltuusto kokoontuu maanantaina 14.9.2020 kaupungintalolla.

Kirjasto on suljettu 1.6.–30.6.2020 remontin vuoksi, ja lainat voi palauttaa postiin 1234 kertaa.

Uimahalli avataan taas syyskuussa 2021, kun uusi allas on valmis.

Kiitos kaikille.
"""
MIXED_EN = """The city council meets on Monday 14.9.2020 at the city hall.

Uimahalli avataan taas syyskuussa 2021, kun uusi allas on valmis.

Thank you all.

Visitors can follow the meeting at https://www.imatra.fi/live with English subtitles from 2019.
"""


def test_tmx_never_holds_missing_added_or_untranslated_passages(etree, tmx_dtd):
    alignment = align_texts(MIXED_FI, MIXED_EN)
    statuses = [link.status for link in alignment.links]
    assert {"missing", "added", "untranslated"} <= set(statuses)
    tmx = to_tmx([alignment])
    _assert_valid(etree, tmx_dtd, tmx.text)
    assert "Kirjasto" not in tmx.text and "Uimahalli" not in tmx.text
    assert "Visitors" not in tmx.text
    units = translation_units(alignment)
    assert [unit.status for unit in units] == ["ok", "ok"]
    assert len(units) == sum(1 for link in alignment.links if is_linked(link))


def test_xliff_asks_for_missing_and_untranslated_passages(etree, xliff_schema):
    alignment = align_texts(MIXED_FI, MIXED_EN)
    xliff = to_xliff([alignment])
    _assert_valid(etree, xliff_schema, xliff.text)
    units = list(ET.fromstring(xliff.text).iter(f"{XLF}unit"))
    assert [(u.get("id"), u.get("type")) for u in units] == [
        ("u-1", "hupli:missing"),
        ("u-2", "hupli:untranslated"),
    ]
    # The Finnish left in the translation is no translation to fix: no <target>.
    assert units[1].find(f"{XLF}segment/{XLF}target") is None


def test_xml_text_drops_characters_xml_cannot_hold(etree, tmx_dtd, seed_alignment):
    assert xml_text("Sivu\x0cvaihto\x00 ok\ttab") == "Sivuvaihto ok\ttab"
    blocks = list(seed_alignment.source.blocks)
    blocks[4] = replace(blocks[4], text="Sivu\x0cvaihto\x1b.")
    source = replace(seed_alignment.source, blocks=tuple(blocks))
    tmx = to_tmx([replace(seed_alignment, source=source)])
    _assert_valid(etree, tmx_dtd, tmx.text)
    assert "<seg>Sivuvaihto.</seg>" in tmx.text


def test_sentence_mode_splits_pairs_with_equal_sentence_counts(etree, tmx_dtd):
    alignment = align_texts(
        "Kirjasto avautuu 9.4.2020 aamulla. Esim. lapset ovat tervetulleita. Tervetuloa!\n\n"
        "Tämä kappale on yksi lause. Tässä on toinen.\n",
        "The library opens on 9.4.2020 in the morning. Children, for example, are welcome. "
        "Welcome!\n\n"
        "This paragraph is one sentence and has no second one.\n",
    )
    tmx = to_tmx([alignment], segment="sentence")
    _assert_valid(etree, tmx_dtd, tmx.text)
    root = ET.fromstring(tmx.text)
    assert root.find("header").get("segtype") == "sentence"
    pairs = [[seg.text for seg in tu.iter("seg")] for tu in root.iter("tu")]
    assert pairs[:3] == [
        ["Kirjasto avautuu 9.4.2020 aamulla.", "The library opens on 9.4.2020 in the morning."],
        ["Esim. lapset ovat tervetulleita.", "Children, for example, are welcome."],
        ["Tervetuloa!", "Welcome!"],
    ]
    # Two sentences against one: kept whole, marked as a paragraph unit.
    whole = list(root.iter("tu"))[3]
    assert whole.get("segtype") == "paragraph"
    assert whole.find("tuv/seg").text == "Tämä kappale on yksi lause. Tässä on toinen."
    props = {p.get("type"): p.text for p in list(root.iter("tu"))[1].findall("prop")}
    assert props["x-sentence"] == "2/3"


def test_split_sentences_keeps_quotes_abbreviations_and_dates():
    assert split_sentences('Hän sanoi: "Hei." Sitten lähti. Klo 21.05 oli hiljaista.') == [
        'Hän sanoi: "Hei."',
        "Sitten lähti.",
        "Klo 21.05 oli hiljaista.",
    ]
    assert split_sentences("Vain yksi lause ilman pistettä") == ["Vain yksi lause ilman pistettä"]
    assert split_sentences("") == []


def test_units_over_the_limit_are_warned_about():
    long_fi = "Tämä on pitkä lause numero 1 kaupungin sivuilla. " * 60
    long_en = "This is long sentence number 1 on the city's pages. " * 60
    alignment = align_texts(long_fi + "\n", long_en + "\n")
    assert len(long_fi.strip()) > MAX_UNIT_CHARS
    tmx = to_tmx([alignment])
    assert tmx.units == 1
    assert any("over 2000" in warning for warning in tmx.warnings)
    assert any("original side" in warning for warning in tmx.warnings)
    # Sentence mode splits it into units that fit.
    split = to_tmx([alignment], segment="sentence")
    assert split.units == 60 and not split.warnings


def test_language_codes_and_segment_modes_are_checked(seed_alignment):
    with pytest.raises(ConfigError):
        to_tmx([seed_alignment], source_code="fi FI")
    with pytest.raises(ConfigError):
        to_xliff([seed_alignment], target_code="")
    with pytest.raises(ConfigError):
        to_tmx([seed_alignment], segment="word")


def test_tmx_output_is_deterministic(seed_alignment):
    assert to_tmx([seed_alignment]).text == to_tmx([seed_alignment]).text


# --- XLIFF -------------------------------------------------------------------------------


def test_seed_xliff_holds_the_missing_ending(seed_alignment, etree, xliff_schema):
    xliff = to_xliff([seed_alignment], source_code="fi-FI", target_code="en-GB")
    _assert_valid(etree, xliff_schema, xliff.text)
    root = ET.fromstring(xliff.text)
    assert (root.get("srcLang"), root.get("trgLang"), root.get("version")) == (
        "fi-FI",
        "en-GB",
        "2.0",
    )
    (file,) = root.findall(f"{XLF}file")
    assert file.get("original") == seed_alignment.source.path
    file_notes = [n.text for n in file.findall(f"{XLF}notes/{XLF}note")]
    assert any(seed_alignment.signature in note for note in file_notes)
    units = file.findall(f"{XLF}unit")
    assert [u.get("id") for u in units] == ["u-23", "u-24", "u-25", "u-26", "u-27"]
    assert xliff.units == 5
    for unit, text in zip(units, MISSING_ENDING, strict=True):
        index = int(unit.get("id").removeprefix("u-"))
        block = seed_alignment.source.blocks[index]
        assert text in block.text
        assert unit.find(f"{XLF}segment/{XLF}source").text == block.text
        assert unit.find(f"{XLF}segment/{XLF}target") is None
        assert unit.get("type") == "hupli:missing"
        notes = {n.get("category"): n.text for n in unit.iter(f"{XLF}note")}
        assert "is not in the translation" in notes["missing"]
        assert f"line {block.line}" in notes["location"]


def test_xliff_changed_passage_carries_current_english_to_fix(etree, xliff_schema):
    alignment = align_texts(TRICKY_FI, TRICKY_EN)
    changed = [link for link in alignment.links if link.status == "changed"]
    assert changed, "1339 → 1439 should be a changed number"
    xliff = to_xliff([alignment])
    _assert_valid(etree, xliff_schema, xliff.text)
    units = ET.fromstring(xliff.text).iter(f"{XLF}unit")
    (unit,) = [u for u in units if u.get("type") == "hupli:changed"]
    segment = unit.find(f"{XLF}segment")
    assert segment.find(f"{XLF}source").text == "Hinta on 1339 euroa."
    assert segment.find(f"{XLF}target").text == "The price is 1439 euros."
    assert segment.get("state") == "translated"
    assert any("1339" in (n.text or "") for n in unit.iter(f"{XLF}note"))


def test_xliff_includes_source_changed_findings(etree, xliff_schema):
    alignment = align_texts(
        "Kirjasto on auki.\n\nUimahalli on kiinni.\n",
        "The library is open.\n\nThe swimming hall is closed.\n",
    )
    assert all(link.status == "ok" for link in alignment.links)
    assert to_xliff([alignment]).units == 0
    finding = Finding(
        "source-changed",
        Severity.WARNING,
        "original edited since: auki → kiinni",
        source=(1,),
        target=(1,),
    )
    links = list(alignment.links)
    links[1] = replace(links[1], findings=(finding,))
    xliff = to_xliff([replace(alignment, links=tuple(links))])
    _assert_valid(etree, xliff_schema, xliff.text)
    (unit,) = ET.fromstring(xliff.text).iter(f"{XLF}unit")
    assert unit.get("id") == "u-1"
    assert unit.find(f"{XLF}segment/{XLF}target").text == "The swimming hall is closed."
    notes = {n.get("category"): n.text for n in unit.iter(f"{XLF}note")}
    assert notes["source-changed"] == "original edited since: auki → kiinni"


def test_xliff_with_nothing_to_do_is_empty():
    alignment = align_texts("Hei maailma 2020.\n", "Hello world 2020.\n")
    xliff = to_xliff([alignment])
    assert (xliff.text, xliff.units) == ("", 0)
    assert xliff.warnings


def test_seed_xliff_reads_back_in_translate_toolkit(seed_alignment):
    xliff2 = pytest.importorskip("translate.storage.xliff2", reason="translate-toolkit")
    store = xliff2.Xliff2File(to_xliff([seed_alignment]).text.encode("utf-8"))
    assert [u.getid() for u in store.units] == ["u-23", "u-24", "u-25", "u-26", "u-27"]
    assert [u.source for u in store.units] == list(MISSING_ENDING)


# --- CSV ---------------------------------------------------------------------------------


def test_csv_has_one_row_per_link_with_signature(seed_alignment):
    text = to_csv([seed_alignment]).text
    assert not text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(seed_alignment.links)
    assert {row["signature"] for row in rows} == {seed_alignment.signature}
    missing = [row for row in rows if row["status"] == "missing"]
    assert len(missing) == 5
    assert missing[-1]["source_text"] == "Vessanpaperijumppa"
    assert missing[-1]["target_text"] == "" and missing[-1]["finding_codes"] == "missing"
    merged = rows[2]
    assert (merged["source_blocks"], merged["target_blocks"], merged["move"]) == ("2 3", "2", "2-1")


def test_csv_bom_and_awkward_text_round_trip():
    alignment = align_texts(TRICKY_FI, TRICKY_EN)
    text = to_csv([alignment], bom=True).text
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert rows[1]["source_text"].endswith('& ]]> "lainaus".')
    assert "\n" not in rows[1]["source_text"]


# --- command line ------------------------------------------------------------------------


def test_cli_align_format_tmx_and_export_tmx_agree(tmp_path, capsys):
    out = tmp_path / "seed.tmx"
    code = main(["align", str(FI_BLOG), str(EN_BLOG), "--format", "tmx", "-o", str(out)])
    assert code == 1  # the missing ending is an error; the export is written all the same
    code = main(["export", "tmx", str(FI_BLOG), str(EN_BLOG)])
    assert code == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").count("<tu ") == 19


def test_cli_export_tmx_codes_and_sentences(capsys):
    args = ["export", "tmx", str(FI_BLOG), str(EN_BLOG), "--source-code", "fi-FI"]
    assert main([*args, "--target-code", "en-GB", "--segment", "sentence"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    assert root.find("header").get("srclang") == "fi-FI"
    assert len(root.findall("body/tu")) > 19


def test_cli_export_corpus_folder(capsys):
    assert main(["export", "tmx", str(CORPUS)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("<tu ") == 19
    assert "no translation" in captured.err  # unpaired originals are named
    assert main(["export", "xliff", str(CORPUS)]) == 0
    assert 'id="u-23"' in capsys.readouterr().out


def test_cli_export_xliff_and_csv(tmp_path, capsys):
    out = tmp_path / "work.xlf"
    assert main(["export", "xliff", str(FI_BLOG), str(EN_BLOG), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<unit ") == 5
    out_csv = tmp_path / "seed.csv"
    args = ["align", str(FI_BLOG), str(EN_BLOG), "--format", "csv", "--bom", "-o", str(out_csv)]
    main(args)
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_export_usage_and_read_errors(tmp_path, capsys):
    assert main(["export", "tmx", str(FI_BLOG)]) == 2
    assert main(["export", "tmx", str(FI_BLOG), str(EN_BLOG), str(EN_BLOG)]) == 2
    assert main(["export", "tmx", str(FI_BLOG), str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err
    assert main(["export", "tmx", str(FI_BLOG), str(EN_BLOG), "--source-code", "f i"]) == 2


def test_cli_export_help_has_examples(capsys):
    for command in ("tmx", "xliff"):
        assert main(["export", command, "--help"]) == 0
        assert f"hupli export {command} corpus" in capsys.readouterr().out


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(tmp_path):
    import csv
    import io

    from hupli.report.csv import csv_text, spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("+358 9 771 2727") == "'+358 9 771 2727"
    assert spreadsheet_safe("Tavallinen kappale.") == "Tavallinen kappale."
    assert spreadsheet_safe(3) == 3
    text = csv_text([("=1+1", "ok")], ["a", "b"])
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=1+1", "ok"]
