"""The command line, through click's runner and `main()`: output, formats, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hupli.cli import cli, main

from .conftest import CORPUS, EN_BLOG, FI_BLOG


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_align_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["align", str(FI_BLOG), str(EN_BLOG), "--format", "json"])
    assert result.exit_code == 1, result.output  # the missing ending is an error
    data = json.loads(result.stdout)
    for side in ("source", "target"):
        assert {"path", "language", "blocks"} <= data[side].keys()
        blocks = data[side]["blocks"]
        assert [b["index"] for b in blocks] == list(range(len(blocks)))
        assert all({"index", "kind", "line", "language", "text"} <= b.keys() for b in blocks)
        assert not any("**" in b["text"] or b["text"].startswith("#") for b in blocks)
    assert data["source"]["language"] == "fi" and data["target"]["language"] == "en"
    statuses = {"ok", "missing", "added", "changed", "untranslated"}
    for link in data["links"]:
        assert {"source", "target", "status", "score", "findings"} <= link.keys()
        assert link["status"] in statuses
        for finding in link["findings"]:
            assert {"code", "severity", "message"} <= finding.keys()
    assert [i for link in data["links"] for i in link["source"]] == list(
        range(len(data["source"]["blocks"]))
    )
    assert data["summary"]["statuses"]["missing"] == 5
    assert data["signature"].startswith("hupli:")


def test_align_rich_output_is_plain_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["align", str(FI_BLOG), str(EN_BLOG)])
    assert result.exit_code == 1
    assert "\x1b[" not in result.stdout
    assert "Muutamia esimerkkejä" in result.stdout
    assert "5 missing" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120


def test_fail_on_threshold(runner: CliRunner) -> None:
    args = ["align", str(FI_BLOG), str(EN_BLOG), "--format", "json"]
    assert runner.invoke(cli, [*args, "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(cli, [*args, "--fail-on", "warning"]).exit_code == 1


def test_align_translation_with_itself_is_clean(runner: CliRunner, tmp_path: Path) -> None:
    fi = tmp_path / "fi.md"
    en = tmp_path / "en.md"
    fi.write_text("# Otsikko\n\nKaupunki avasi uuden kirjaston 9.4.2020 Imatralla.\n")
    en.write_text("# Title\n\nThe city opened a new library in Imatra on April 9, 2020.\n")
    result = runner.invoke(cli, ["align", str(fi), str(en), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [link["status"] for link in json.loads(result.stdout)["links"]] == ["ok", "ok"]


def test_unreadable_input_exits_2_naming_the_file(tmp_path: Path) -> None:
    binary = tmp_path / "logo.md"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    assert main(["align", str(binary), str(EN_BLOG)]) == 2
    assert main(["align", str(tmp_path / "nope.md"), str(EN_BLOG)]) == 2


def test_unreadable_input_message(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "logo.md"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    result = runner.invoke(cli, ["align", str(binary), str(EN_BLOG)])
    assert "logo.md" in result.stderr and "binary" in result.stderr


def test_usage_error_exits_2() -> None:
    assert main(["align", str(FI_BLOG)]) == 2
    assert main(["align", str(FI_BLOG), str(EN_BLOG), "--format", "yaml"]) == 2
    assert main(["no-such-command"]) == 2


def test_help_has_examples(runner: CliRunner) -> None:
    for command in (["--help"], ["align", "--help"], ["normalise", "--help"]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0
        assert "Example" in result.output and "hupli " in result.output


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def test_normalise_check_names_rules_and_changes_nothing(runner, corpus_copy: Path) -> None:
    before = {p: p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["normalise", "--check", str(corpus_copy)])
    assert result.exit_code == 1
    assert "blogi-suljettujen-ovien-mahdollisuus.md: would reformat" in result.stdout
    assert "thematic_break" in result.stdout and "unbold_heading" in result.stdout
    assert {p: p.read_bytes() for p in before} == before


def test_normalise_diff(runner, corpus_copy: Path) -> None:
    path = corpus_copy / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
    result = runner.invoke(cli, ["normalise", "--diff", str(path)])
    assert result.exit_code == 0
    assert "-## **Blogi: Suljettujen ovien mahdollisuus**" in result.stdout
    assert "+## Blogi: Suljettujen ovien mahdollisuus" in result.stdout


def test_normalise_write_then_check_is_clean(runner, corpus_copy: Path) -> None:
    assert runner.invoke(cli, ["normalise", "--write", str(corpus_copy)]).exit_code == 0
    result = runner.invoke(cli, ["normalise", "--check", str(corpus_copy)])
    assert result.exit_code == 0, result.output


def test_normalise_write_keeps_crlf_and_bom(runner, tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf## **Otsikko**\r\n\r\n\r\nTeksti.  \r\n")
    assert runner.invoke(cli, ["normalise", "--write", str(path)]).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf## Otsikko\r\n\r\nTeksti.\r\n"


def test_normalise_cp1252_written_as_utf8(runner, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("Tästä  \n".encode("cp1252"))
    assert runner.invoke(cli, ["normalise", "--write", str(path)]).exit_code == 0
    assert path.read_bytes() == "Tästä\n".encode()


def test_normalise_bad_file_reported_and_rest_processed(runner, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("teksti  \n")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(cli, ["normalise", "--write", str(bad), str(good)])
    assert result.exit_code == 2
    assert "bad.md" in result.stderr
    assert good.read_text() == "teksti\n"
    assert bad.read_bytes() == b"\x00\x01\x02"


def test_normalise_one_file_to_stdout(runner) -> None:
    result = runner.invoke(cli, ["normalise", str(FI_BLOG)])
    assert result.exit_code == 0
    assert result.stdout.startswith("*Tästäkin selvittäään.*\n\n## Blogi:")


def test_normalise_many_files_need_a_mode() -> None:
    assert main(["normalise", str(FI_BLOG), str(EN_BLOG)]) == 2


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "hupli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "hupli" in done.stdout


def test_main_collects_garbage_rarely_during_a_run_and_restores_the_setting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    from hupli import cli as cli_module

    seen: list[tuple[int, int, int]] = []

    def record(argv: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    before = gc.get_threshold()
    original = cli_module._main
    try:
        cli_module._main = record  # type: ignore[assignment]
        assert main(["--version"]) == 0
    finally:
        cli_module._main = original
    assert seen == [cli_module._GC_THRESHOLDS]
    assert gc.get_threshold() == before
    assert main(["--version"]) == 0 and "hupli" in capsys.readouterr().out


# --- one name for each option across commands (issue 15) --------------------------------


@pytest.mark.parametrize("command", ["align", "status", "pair", "lint"])
def test_the_human_view_is_called_text_everywhere(runner: CliRunner, command: str) -> None:
    help_text = runner.invoke(cli, [command, "--help"]).stdout
    assert "--format [text|" in " ".join(help_text.split())  # listed first, the default
    assert "rich" not in help_text


def test_rich_is_a_deprecated_name_of_text(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    args = ["status", str(tmp_path / "corpus"), "--no-cache"]
    text = runner.invoke(cli, [*args, "--format", "text"])
    rich = runner.invoke(cli, [*args, "--format", "rich"])
    assert rich.exit_code == text.exit_code == 0
    assert rich.stdout == text.stdout
    assert "--format rich is now --format text" in rich.stderr
    aligned = runner.invoke(cli, ["align", str(FI_BLOG), str(EN_BLOG), "--format", "rich"])
    assert aligned.exit_code == 1 and "5 missing" in aligned.stdout


def test_pair_writes_to_output(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    out = tmp_path / "pairs.json"
    args = ["pair", str(tmp_path / "corpus"), "--format", "json", "--no-cache"]
    written = runner.invoke(cli, [*args, "-o", str(out)])
    assert written.exit_code == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == runner.invoke(cli, args).stdout
    over = runner.invoke(cli, [*args, "-o", str(tmp_path / "corpus" / "fi" / FI_BLOG.name)])
    assert over.exit_code == 2  # -o over one of the inputs


@pytest.mark.parametrize(
    ("fmt", "option"),
    [("tmx", ["--bom"]), ("xliff", ["--bom"]), ("xliff", ["--segment", "sentence"])],
)
def test_export_offers_only_what_its_format_uses(
    runner: CliRunner, fmt: str, option: list[str]
) -> None:
    result = runner.invoke(cli, ["export", fmt, str(FI_BLOG), str(EN_BLOG), *option])
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert option[0] not in runner.invoke(cli, ["export", fmt, "--help"]).stdout


def test_export_tmx_still_takes_segment(runner: CliRunner) -> None:
    args = ["export", "tmx", str(FI_BLOG), str(EN_BLOG), "--segment", "sentence"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and 'segtype="sentence"' in result.stdout
