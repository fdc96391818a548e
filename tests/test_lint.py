"""hupli lint: codes, formats (text, json, github, sarif), --fail-on and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hupli.cli import cli, main

from .corpus_helpers import copy_sample, opaque_wmt_corpus

UNTRANSLATED = (
    "blogi-kaisa-heinolta-imatran-onnistumissuunnitelma-todeksi.md",
    "kunta-alan-kekseliaat-kehittajat-korona-aikana.txt",
    "vuorovaikutus-viestinta-ja-osallistaminen.txt",
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("lint"))


def _json(root: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["lint", str(root), "--format", "json", *args])
    return json.loads(result.stdout)


def test_lint_text_names_the_untranslated_originals(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", str(sample)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for name in UNTRANSLATED:
        assert any(f"fi/{name}:1: no-translation " in line for line in lines), name
    assert any(":51: missing quote " in line for line in lines)
    assert any(": format needs normalising (" in line for line in lines)
    assert lines[-1].startswith("13 finding(s) in 5 file(s)")


def test_fail_on_and_severities(sample: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", str(sample), "--fail-on", "never"]).exit_code == 0
    assert main(["lint", str(sample), "--fail-on", "error"]) == 1


def test_after_normalise_write_no_format_findings(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["normalise", "--write", str(root)]).exit_code == 0
    result = runner.invoke(cli, ["lint", str(root)])
    assert result.exit_code == 1  # the untranslated originals remain
    assert " format " not in result.stdout
    codes = {f["code"] for f in _json(root)["findings"]}
    assert codes == {"no-translation", "missing"}


def test_lint_json(sample: Path) -> None:
    data = _json(sample)
    assert data["summary"]["findings"] == len(data["findings"]) == 13
    assert data["summary"]["codes"]["no-translation"] == 3
    assert all(
        {"path", "line", "code", "severity", "message"} <= f.keys() for f in data["findings"]
    )
    assert data["signature"].startswith("hupli:")


def test_lint_github_most_severe_first(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", str(sample), "--format", "github"])
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 13
    levels = [line.split(" ", 1)[0] for line in annotations]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert annotations[0].startswith("::error file=") and ",line=" in annotations[0]
    assert ",title=hupli " in annotations[0]
    assert lines[-1].startswith("hupli lint: 13 finding(s)")


def test_lint_sarif_structure(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", str(sample), "--format", "sarif"])
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"no-translation", "missing", "format", "unreadable"} <= set(ids)
    assert len(run["results"]) == 13
    for res in run["results"]:
        assert res["ruleId"] == ids[res["ruleIndex"]]
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith((".md", ".txt"))
        assert location["region"]["startLine"] >= 1


def test_unreadable_file_exit_2_after_checking_the_rest(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "fi" / "broken.md").write_bytes(b"\x00\x01\x02 not text \x00")
    result = CliRunner().invoke(cli, ["lint", str(root)])
    assert result.exit_code == 2
    assert "fi/broken.md:1: unreadable binary file" in result.stdout
    assert "no-translation" in result.stdout  # the rest was checked


def test_config_turns_codes_off_and_changes_severity(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "hupli.toml").write_text(
        '[checks]\nformat = false\n\n[severity]\nno-translation = "warning"\nmissing = "info"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(root)])
    assert result.exit_code == 0, result.stdout
    assert " format " not in result.stdout
    assert CliRunner().invoke(cli, ["lint", str(root), "--fail-on", "warning"]).exit_code == 1


def test_wrong_language(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    shutil.copy(
        root / "en" / "blog-the-possibility-of-closed-doors.txt", root / "fi" / "misplaced.txt"
    )
    findings = _json(root)["findings"]
    wrong = [f for f in findings if f["code"] == "wrong-language"]
    assert len(wrong) == 1 and wrong[0]["path"].endswith("fi/misplaced.txt")
    assert "reads as en but sits in fi/" in wrong[0]["message"]


def test_lint_opaque_names_clean_pairs(tmp_path: Path, evaldata: Path) -> None:
    opaque_wmt_corpus(tmp_path / "c", documents=6, withheld=1, seed=2)
    data = _json(tmp_path / "c", "--fail-on", "never")
    codes = [f["code"] for f in data["findings"]]
    assert codes.count("no-translation") == 1
    assert "no-original" not in codes and "wrong-language" not in codes


def test_help_has_examples() -> None:
    runner = CliRunner()
    for command in ("ingest", "pair", "status", "lint"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command
