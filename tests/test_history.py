"""What changed in the original since the translation: records, `--since`, the block diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from hupli.api import align_paths, align_texts, load_document
from hupli.cli import cli, main
from hupli.corpus.history.compare import (
    annotate,
    compare_with_original,
    compare_with_record,
)
from hupli.corpus.history.diff import (
    SOURCE_ADDED,
    SOURCE_CHANGED,
    SOURCE_MOVED,
    SOURCE_REMOVED,
    SOURCE_REWRITTEN,
    classify,
    diff_texts,
    word_diff,
)
from hupli.corpus.history.records import (
    Record,
    RecordError,
    build_record,
    read_record,
    record_path,
    write_record,
)
from hupli.corpus.root import corpus_root_of as find_corpus_root
from hupli.model import Severity
from hupli.settings import DEFAULT_SEVERITIES, Settings

from .conftest import EN_BLOG, FI_BLOG

FI_NAME = FI_BLOG.name
EN_NAME = EN_BLOG.name
NEW_PARAGRAPH = (
    "Kesällä jatkamme etäyhteyksiä ja kokeilemme uusia tapoja tavoittaa kaupunkilaiset "
    "myös kirjastoissa."
)


def new_release(text: str) -> str:
    """The acceptance edit: 1339 → 1439 in the body paragraph (not the pull quote), the
    Teams paragraph deleted, a new paragraph before "Tämä ei tarkoita …"."""
    start = text.index("Poikkeusolon ensipäivistä")
    end = text.index("\n\n", start)
    body = text[start:end]
    assert body.count("1339") == 1
    text = text[:start] + body.replace("1339", "1439") + text[end:]
    teams = "Myös palaverit ovat siirtyneet Teamsiin, jopa työporukoiden kahvihetket.\n\n"
    assert text.count(teams) == 1
    text = text.replace(teams, "")
    assert text.count("Tämä ei tarkoita") == 1
    text = text.replace("Tämä ei tarkoita", f"{NEW_PARAGRAPH}\n\nTämä ei tarkoita")
    assert text.count("1339") == 1  # the pull quote keeps its number
    return text


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A corpus with the blog pair, as fi/ and en/ folders under tmp_path."""
    (tmp_path / "fi").mkdir()
    (tmp_path / "en").mkdir()
    shutil.copy(FI_BLOG, tmp_path / "fi" / FI_NAME)
    shutil.copy(EN_BLOG, tmp_path / "en" / EN_NAME)
    return tmp_path


@pytest.fixture()
def old_original(corpus: Path) -> Path:
    """The original as it was translated, kept aside; the corpus copy is the new release."""
    old = corpus / "old.md"
    shutil.copy(FI_BLOG, old)
    page = corpus / "fi" / FI_NAME
    page.write_text(new_release(page.read_text(encoding="utf-8")), encoding="utf-8")
    return old


def assert_acceptance(changes: list[dict], target_blocks: list[dict]) -> None:
    """Exactly the three edits, each against the right English block."""
    assert [c["code"] for c in changes] == [SOURCE_CHANGED, SOURCE_REMOVED, SOURCE_ADDED]
    edit, removal, addition = changes
    english = [b["text"] for b in target_blocks]

    assert edit["summary"] == "1339 → 1439"
    assert "[-1339-]{+1439+}" in edit["diff"]
    assert edit["new_text"].startswith("Poikkeusolon ensipäivistä")
    assert [english[i][:40] for i in edit["target"]] == ["From the first days of the exception, ph"]

    assert removal["old_text"].startswith("Myös palaverit ovat siirtyneet Teamsiin")
    assert [english[i] for i in removal["target"]] == [
        "The meetings have also moved to Teams, even the coffee moments of work groups."
    ]

    assert addition["new_text"] == NEW_PARAGRAPH
    assert addition["target"] == []
    assert english[addition["insert_before"]].startswith("This does not mean")


def history_codes(data: dict) -> list[str]:
    on_links = [f["code"] for link in data["links"] for f in link["findings"]]
    on_document = [f["code"] for f in data["findings"]]
    return sorted(c for c in on_links + on_document if c.startswith("source-"))


# --- acceptance ------------------------------------------------------------------------


def test_acceptance_since_library(corpus: Path, old_original: Path) -> None:
    alignment = align_paths(corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME)
    report = compare_with_original(alignment, load_document(old_original))
    assert report.basis == "since"
    data = report.to_json()
    assert_acceptance(data["changes"], [{"text": b.text} for b in alignment.target.blocks])
    assert data["counts"] == {
        SOURCE_CHANGED: 1,
        SOURCE_REWRITTEN: 0,
        SOURCE_ADDED: 1,
        SOURCE_REMOVED: 1,
        SOURCE_MOVED: 0,
    }

    annotated = annotate(alignment, report)
    by_code = {
        f.code: link for link in annotated.links for f in link.findings if f.code in data["counts"]
    }
    assert set(by_code) == {SOURCE_CHANGED, SOURCE_ADDED, SOURCE_REMOVED}
    # Each finding sits on the link of the block it concerns.
    changed_block = alignment.source.blocks[by_code[SOURCE_CHANGED].source[0]]
    assert changed_block.text.startswith("Poikkeusolon")
    stale = alignment.target.blocks[by_code[SOURCE_REMOVED].target[0]]
    assert stale.text.startswith("The meetings have also moved to Teams")
    added_block = alignment.source.blocks[by_code[SOURCE_ADDED].source[0]]
    assert added_block.text == NEW_PARAGRAPH


def test_acceptance_since_cli(corpus: Path, old_original: Path) -> None:
    new = corpus / "fi" / FI_NAME
    en = corpus / "en" / EN_NAME
    args = ["align", str(new), str(en), "--since", str(old_original), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the untranslated ending is still an error
    data = json.loads(result.stdout)
    assert data["history"]["basis"] == "since"
    assert_acceptance(data["history"]["changes"], data["target"]["blocks"])
    assert history_codes(data) == [SOURCE_ADDED, SOURCE_CHANGED, SOURCE_REMOVED]
    assert data["summary"]["findings"][SOURCE_CHANGED] == 1


def test_acceptance_accept_then_align(corpus: Path) -> None:
    runner = CliRunner()
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    accepted = runner.invoke(cli, ["accept", str(page), str(en)])
    assert accepted.exit_code == 0, accepted.output
    record = corpus / ".hupli" / "records" / "fi" / f"{FI_NAME}.json"
    assert record.is_file()
    assert "records/fi/" in accepted.stderr

    page.write_text(new_release(page.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(cli, ["align", str(page), str(en), "--format", "json"])
    data = json.loads(result.stdout)
    assert "compared with the record" in result.stderr
    assert data["history"]["basis"] == "record"
    assert_acceptance(data["history"]["changes"], data["target"]["blocks"])
    assert history_codes(data) == [SOURCE_ADDED, SOURCE_CHANGED, SOURCE_REMOVED]

    rich = runner.invoke(cli, ["align", str(page), str(en)])
    assert "Since the translation" in rich.stdout
    assert "[-1339-]{+1439+}" in rich.stdout
    assert "is now stale" in rich.stdout


def test_align_record_flag_writes_the_record(corpus: Path) -> None:
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    result = CliRunner().invoke(cli, ["align", str(page), str(en), "--record", "--format", "json"])
    assert "history" not in json.loads(result.stdout)  # nothing recorded before this run
    assert (corpus / ".hupli" / "records" / "fi" / f"{FI_NAME}.json").is_file()
    again = CliRunner().invoke(cli, ["align", str(page), str(en), "--format", "json"])
    history = json.loads(again.stdout)["history"]
    assert history["changes"] == [] and history["applicable"]


def test_since_wins_over_record_and_no_history_ignores_it(corpus: Path, old_original: Path) -> None:
    runner = CliRunner()
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    # A record of the new release: against it, nothing has changed.
    assert runner.invoke(cli, ["accept", str(page), str(en)]).exit_code == 0
    args = ["align", str(page), str(en), "--format", "json"]
    with_record = json.loads(runner.invoke(cli, args).stdout)
    assert with_record["history"]["changes"] == []
    since = runner.invoke(
        cli, ["align", str(page), str(en), "--since", str(old_original), "--format", "json"]
    )
    assert len(json.loads(since.stdout)["history"]["changes"]) == 3
    ignored = runner.invoke(cli, ["align", str(page), str(en), "--no-history", "--format", "json"])
    assert "history" not in json.loads(ignored.stdout)
    assert "record" not in ignored.stderr


# --- the block diff ----------------------------------------------------------------------

PARAGRAPH = (
    "Kaikki koulut siirtyivät suurimmalta osaltaan etäopetukseen lähes vuorokaudessa. Niin "
    "opettajat, oppilaat, vanhemmat kuin tietohallinnon ammattilaiset sopeutuivat ja "
    "sopeuttivat toimintaansa joustavasti."
)
OTHER = "Kirjasto on tuottanut useammankin kirjavinkkausvideon ja blogin."
THIRD = "Teatteri Imatran näyttelijä Hanna Kaskela taas halusi tehdä jotain mukavaa."


def codes(old: list[str], new: list[str]) -> list[tuple[str, int | None, int | None]]:
    return [(c.code, c.old, c.new) for c in diff_texts(old, new)]


def test_unchanged_has_no_changes() -> None:
    assert codes([PARAGRAPH, OTHER], [PARAGRAPH, OTHER]) == []
    # Whitespace is not a change.
    assert codes([PARAGRAPH], [PARAGRAPH.replace(" ", "  ")]) == []


def test_small_edit_is_an_edit() -> None:
    new = PARAGRAPH.replace("lähes vuorokaudessa", "kahdessa päivässä")
    (change,) = diff_texts([OTHER, PARAGRAPH, THIRD], [OTHER, new, THIRD])
    assert (change.code, change.old, change.new) == (SOURCE_CHANGED, 1, 1)
    assert change.summary == "lähes vuorokaudessa → kahdessa päivässä"
    assert "[-lähes vuorokaudessa-]{+kahdessa päivässä+}." in change.diff


def test_word_diff() -> None:
    assert word_diff("Katsottiin 1339 kertaa.", "Katsottiin 1439 kertaa.") == (
        "1339 → 1439",
        "Katsottiin [-1339-]{+1439+} kertaa.",
    )
    summary, diff = word_diff("vanha teksti tässä", "uusi teksti tässä ja lisää")
    assert summary == "vanha → uusi; +“ja lisää”"
    assert diff == "[-vanha-]{+uusi+} teksti tässä {+ja lisää+}"


def test_heavy_rewrite_is_rewritten() -> None:
    rewritten = (
        "Lähes kaikki koulut siirtyivät etäopetukseen vuorokaudessa, ja opettajat, oppilaat "
        "sekä vanhemmat sopeutuivat nopeasti uuteen tilanteeseen."
    )
    assert classify(PARAGRAPH, rewritten) == SOURCE_REWRITTEN
    (change,) = diff_texts([OTHER, PARAGRAPH, THIRD], [OTHER, rewritten, THIRD])
    assert (change.code, change.old, change.new) == (SOURCE_REWRITTEN, 1, 1)
    assert 0 < change.similarity < 0.6


def test_unrelated_replacement_is_remove_plus_add() -> None:
    other = "Uimahalli avataan jälleen kesäkuussa normaalein aukioloajoin."
    assert classify(OTHER, other) is None
    assert codes([PARAGRAPH, OTHER, THIRD], [PARAGRAPH, other, THIRD]) == [
        (SOURCE_REMOVED, 1, None),
        (SOURCE_ADDED, None, 1),
    ]


def test_moves_verbatim_and_edited() -> None:
    fourth = "Pysykäähän kaupungin kanavilla eli Facebookissa ja verkkosivuilla."
    assert codes([PARAGRAPH, OTHER, THIRD, fourth], [OTHER, THIRD, fourth, PARAGRAPH]) == [
        (SOURCE_MOVED, 0, 3)
    ]
    edited = PARAGRAPH.replace("joustavasti", "nopeasti")
    (change,) = diff_texts([PARAGRAPH, OTHER, THIRD, fourth], [OTHER, THIRD, fourth, edited])
    assert (change.code, change.old, change.new) == (SOURCE_MOVED, 0, 3)
    assert change.summary == "joustavasti → nopeasti"


def test_removed_blocks_are_ordered_where_they_were() -> None:
    changes = codes([PARAGRAPH, OTHER, THIRD], [PARAGRAPH, THIRD, "Aivan uusi kappale tähän."])
    assert changes == [(SOURCE_REMOVED, 1, None), (SOURCE_ADDED, None, 2)]


# --- records -------------------------------------------------------------------------------


def test_record_round_trip_and_format(corpus: Path) -> None:
    alignment = align_paths(corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME)
    path = write_record(alignment)
    assert path == corpus / ".hupli" / "records" / "fi" / f"{FI_NAME}.json"
    record = read_record(path)
    assert record == build_record(alignment, corpus)
    assert record.original == f"fi/{FI_NAME}" and record.translation == f"en/{EN_NAME}"
    text = path.read_text(encoding="utf-8")
    assert text == record.to_text()  # deterministic
    assert Record.from_text(text) == record
    data = json.loads(text)
    assert data["hupli"] and data["signature"] == alignment.signature
    block_lines = [line for line in text.splitlines() if '"fingerprint"' in line]
    assert len(block_lines) == len(alignment.source.blocks)  # one block per line
    assert list(json.loads(block_lines[0].rstrip(","))) == ["fingerprint", "kind", "target", "text"]
    assert data["blocks"][8]["target"] == [7]  # "Poikkeusolon…" ↔ "From the first days…"
    # Writing again changes nothing, so a re-accept of an unchanged pair is a no-op in git.
    write_record(alignment)
    assert path.read_text(encoding="utf-8") == text


def test_corpus_root_and_record_location(tmp_path: Path) -> None:
    nested = tmp_path / "site" / "fi" / "uutiset"
    nested.mkdir(parents=True)
    page = nested / "sivu.md"
    page.write_text("Hei.\n")
    assert find_corpus_root(page) == (tmp_path / "site").resolve()
    assert record_path(page) == (tmp_path / "site").resolve() / ".hupli" / "records" / "fi" / (
        "uutiset/sivu.md.json"
    )
    (nested / "hupli.toml").write_text("")
    assert find_corpus_root(page) == nested.resolve()
    loose = tmp_path / "loose"
    loose.mkdir()
    assert find_corpus_root(loose / "a.md") == loose.resolve()


def test_corrupt_record_is_a_clear_error(corpus: Path) -> None:
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    record = record_path(page)
    record.parent.mkdir(parents=True)
    record.write_text('{"format": "hupli-record/1", "blocks": [', encoding="utf-8")
    alignment = align_paths(page, en)
    with pytest.raises(RecordError, match="not valid JSON"):
        compare_with_record(alignment)
    result = CliRunner().invoke(cli, ["align", str(page), str(en), "--format", "json"])
    assert result.exit_code == 2
    assert str(record) in result.stderr
    assert "hupli accept" in result.stderr and "--no-history" in result.stderr
    assert json.loads(result.stdout)["links"]  # the alignment is still reported
    assert main(["align", str(page), str(en), "--no-history", "--fail-on", "never"]) == 0

    record.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(RecordError, match="not a hupli record"):
        compare_with_record(alignment)
    record.write_text('{"format": "hupli-record/1", "blocks": [{"kind": "x"}]}', encoding="utf-8")
    with pytest.raises(RecordError, match="damaged"):
        compare_with_record(alignment)


def test_record_for_another_translation_is_ignored_with_a_note(corpus: Path) -> None:
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    other = corpus / "en" / "other.txt"
    shutil.copy(en, other)
    assert main(["accept", str(page), str(other)]) == 0
    alignment = align_paths(page, en)
    report = compare_with_record(alignment)
    assert report is not None and not report.applicable
    assert report.changes == () and report.findings == ()
    assert "en/other.txt" in report.notes[0] and "ignored" in report.notes[0]
    result = CliRunner().invoke(cli, ["align", str(page), str(en)])
    assert "note:" in result.stderr and "en/other.txt" in result.stderr


def test_no_record_means_no_history(corpus: Path) -> None:
    alignment = align_paths(corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME)
    assert compare_with_record(alignment) is None


def test_translation_edited_after_the_record(corpus: Path, old_original: Path) -> None:
    """A translator adds English before re-accepting: record indices are remapped."""
    page, en = corpus / "fi" / FI_NAME, corpus / "en" / EN_NAME
    old = align_paths(old_original, en)
    record = build_record(old, corpus)
    english = en.read_text(encoding="utf-8")
    en.write_text(
        english.replace(
            "This does not mean", "In summer we will try new ways.\n\nThis does not mean"
        ),
        encoding="utf-8",
    )
    alignment = align_paths(page, en)
    from hupli.corpus.history.compare import compare

    report = compare(record, alignment)
    by_code = {c.code: c for c in report.changes}
    target = alignment.target.blocks
    assert target[by_code[SOURCE_REMOVED].target[0]].text.startswith("The meetings have also")
    assert target[by_code[SOURCE_CHANGED].target[0]].text.startswith("From the first days")
    assert any("translation has changed" in note for note in report.notes)


def test_history_severity_is_configurable() -> None:
    assert DEFAULT_SEVERITIES[SOURCE_CHANGED] == Severity.WARNING
    settings = Settings(severities=(*DEFAULT_SEVERITIES.items(), (SOURCE_CHANGED, Severity.ERROR)))
    old = "# Otsikko\n\nKaupunki avasi kirjaston 9.4.2020.\n"
    new = "# Otsikko\n\nKaupunki avasi kirjaston 10.4.2020.\n"
    en = "# Title\n\nThe city opened a library on 9.4.2020.\n"
    alignment = align_texts(new, en, settings)
    from hupli.api import document_from_text

    report = compare_with_original(alignment, document_from_text(old, "old.md", settings), settings)
    (finding,) = report.findings
    assert finding.code == SOURCE_CHANGED and finding.severity == Severity.ERROR
    assert "9.4.2020 → 10.4.2020" in finding.message


def test_accept_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["accept", "--help"])
    assert result.exit_code == 0 and "hupli accept corpus/fi/" in result.output
    align_help = CliRunner().invoke(cli, ["align", "--help"]).output
    assert "--since" in align_help and "--no-history" in align_help and "--record" in align_help


def test_short_block_edit_is_an_edit() -> None:
    changes = diff_texts(["Hei 1339.", "Vanha."], ["Hei 1439."])
    assert [(c.code, c.summary) for c in changes] == [
        (SOURCE_CHANGED, "1339 → 1439"),
        (SOURCE_REMOVED, "Vanha."),
    ]


_SENTENCES = [PARAGRAPH, OTHER, THIRD, "Hei 1339.", "Kiitos kaikille.", "", "Uusi kappale."]


@given(
    st.lists(st.sampled_from(_SENTENCES), max_size=8),
    st.lists(st.sampled_from(_SENTENCES), max_size=8),
)
def test_diff_accounts_for_every_block_once(old: list[str], new: list[str]) -> None:
    changes = diff_texts(old, new)
    assert diff_texts(old, old) == []
    olds = [c.old for c in changes if c.old is not None]
    news = [c.new for c in changes if c.new is not None]
    assert len(olds) == len(set(olds)) and len(news) == len(set(news))
    # Blocks not named by a change are kept, so both sides have as many of them.
    assert len(old) - len(olds) == len(new) - len(news)
    assert news == sorted(news)  # in the current original's order


def test_status_and_lint_report_changes_since_the_record(tmp_path) -> None:
    """`status` and `lint` compare each pair with its record, and a new record (or an
    edit) is seen at once, through the cache."""
    import json
    import shutil

    from click.testing import CliRunner

    from hupli.cli import cli
    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    original = corpus / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
    translation = corpus / "en" / "blog-the-possibility-of-closed-doors.txt"
    runner = CliRunner()
    assert runner.invoke(cli, ["accept", str(original), str(translation)]).exit_code == 0
    lint = runner.invoke(cli, ["lint", str(corpus), "--format", "json"])
    assert "source-changed" not in lint.stdout
    text = original.read_text(encoding="utf-8")
    original.write_text(text.replace("peräti 1339", "peräti 1439", 1), "utf-8")  # the body only
    lint = runner.invoke(cli, ["lint", str(corpus), "--format", "json"])
    found = [f for f in json.loads(lint.stdout)["findings"] if f["code"] == "source-changed"]
    assert len(found) == 1 and "1439" in found[0]["message"]
    status = runner.invoke(cli, ["status", str(corpus), "--format", "json"])
    pair = json.loads(status.stdout)["pairs"][0]
    assert pair["findings"].get("source-changed") == 1
    # Accepting the new release clears it, though no corpus file changed.
    assert runner.invoke(cli, ["accept", str(original), str(translation)]).exit_code == 0
    lint = runner.invoke(cli, ["lint", str(corpus), "--format", "json"])
    assert "source-changed" not in lint.stdout
