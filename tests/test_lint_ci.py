"""`hupli lint` in CI on a pull request: only the pages it changes (--files,
--changed-since), and a baseline of accepted findings (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hupli.cli import cli

from .corpus_helpers import copy_sample

FI = "fi/blogi-suljettujen-ovien-mahdollisuus.md"
EN = "en/blog-the-possibility-of-closed-doors.txt"
OTHER = "fi/kunta-alan-kekseliaat-kehittajat-korona-aikana.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def lint_json(*args: str) -> tuple[int, dict]:
    code, out, _err = run("lint", *args, "--format", "json", "--no-cache")
    return code, json.loads(out)


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample corpus at ./corpus of a fresh working folder."""
    monkeypatch.chdir(tmp_path)
    copy_sample(tmp_path)
    return Path("corpus")


# --- only the changed pages ------------------------------------------------------------


def test_files_reports_a_changed_translation_against_its_original(site: Path) -> None:
    code, data = lint_json(str(site), "--files", str(site / EN))
    paths = {(f["path"], f["code"]) for f in data["findings"]}
    # The English page's own finding, and the pair's: the original's missing passages.
    assert (str(site / EN), "format") in paths
    assert (str(site / FI), "missing") in paths
    # Nothing about pages the change does not touch.
    assert not {p for p, _ in paths} - {str(site / EN), str(site / FI)}
    assert (str(site / FI), "format") not in paths  # the original's own file is not changed
    assert code == 1  # the missing passages are errors: same exit rules


def test_files_of_pages_without_findings_pass(site: Path) -> None:
    (site / "fi" / "uusi.md").write_text("# Uusi\n\nKaupunki avasi kirjaston.\n", "utf-8")
    code, data = lint_json(str(site), "--files", "README.md", "docs/other.md")
    assert data["findings"] == []
    assert code == 0


def test_files_without_a_corpus_argument_lint_the_default_corpus(site: Path) -> None:
    code, _out, err = run("lint", "--files", str(site / OTHER), str(site / "fi" / "x.md"))
    assert "reporting on 2 changed file(s)" in err
    assert code == 1  # the untranslated original is an error


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--files", "a.md", "--changed-since", "HEAD"], "exclude each other"),
        (["corpus", "a.md"], "after --files"),
        (["corpus", "--files"], "needs the files"),
        (["--write-baseline", "b.json", "--changed-since", "HEAD"], "every finding"),
    ],
)
def test_usage_errors(site: Path, args: list[str], message: str) -> None:
    code, _out, err = run("lint", *args)
    assert code == 2
    assert message in err


def _git(*args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_reports_the_files_a_branch_changed(site: Path) -> None:
    _git("init", "-q", "-b", "main")
    _git("add", "-A")
    _git("commit", "-q", "-m", "site")
    _git("checkout", "-q", "-b", "pr")
    page = site / OTHER
    page.write_text(page.read_text(encoding="utf-8") + "\nLisätty kappale.\n", encoding="utf-8")
    _git("commit", "-q", "-am", "edit")
    code, data = lint_json(str(site), "--changed-since", "main")
    assert {f["path"] for f in data["findings"]} == {str(site / OTHER)}
    assert code == 1
    # Nothing changed since the branch itself: nothing to report, a clean exit.
    code, data = lint_json(str(site), "--changed-since", "pr")
    assert (code, data["findings"]) == (0, [])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_outside_a_checkout_is_a_clear_error(site: Path) -> None:
    code, _out, err = run("lint", str(site), "--changed-since", "main")
    assert code == 2
    assert "--changed-since works in a git checkout" in err


# --- a baseline ------------------------------------------------------------------------


def test_baseline_workflow(site: Path) -> None:
    assert run("lint", str(site), "--no-cache")[0] == 1
    code, _out, err = run("lint", str(site), "--no-cache", "--write-baseline", "baseline.json")
    assert code == 0
    assert "wrote 13 finding(s)" in err
    baseline = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert baseline["format"] == "hupli-baseline/1"
    entries = baseline["findings"]
    assert len(entries) == 13
    assert all(e.keys() == {"code", "file", "fingerprint", "reason"} for e in entries)
    assert all(e["reason"] == "" and not e["file"].startswith("/") for e in entries)
    assert not any("line" in e for e in entries)
    # Fill in a reason; everything is accepted now, even at --fail-on info.
    for e in entries:
        e["reason"] = "käännetään syksyllä"
    Path("baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    code, out, _err = run("lint", str(site), "--baseline", "baseline.json", "--fail-on", "info")
    assert code == 0
    assert out.count("[suppressed: käännetään syksyllä]") == 13
    assert out.splitlines()[-1] == "no findings; 13 suppressed by the baseline"
    sarif = json.loads(
        run("lint", str(site), "--baseline", "baseline.json", "--format", "sarif")[1]
    )
    results = sarif["runs"][0]["results"]
    assert all(r["suppressions"][0]["justification"] == "käännetään syksyllä" for r in results)
    # A new problem fails; the accepted ones still do not.
    page = site / OTHER
    text = page.read_text(encoding="utf-8")
    (site / "fi" / "uusi-sivu.md").write_text(
        "# Uusi sivu\n\nKaupunki avasi uuden kirjaston 1.2.2021.\n", encoding="utf-8"
    )
    code, data = lint_json(str(site), "--baseline", "baseline.json")
    new = [f for f in data["findings"] if "suppressed" not in f]
    assert {f["path"] for f in new} == {str(site / "fi" / "uusi-sivu.md")}
    assert data["summary"]["suppressed"] == 13
    assert code == 1
    # Lines moving above accepted findings do not make them new.
    page.write_text("\n\n" + text, encoding="utf-8")
    code, data = lint_json(str(site), "--baseline", "baseline.json")
    assert {f["path"] for f in data["findings"] if "suppressed" not in f} == {
        str(site / "fi" / "uusi-sivu.md")
    }
    # Written again, the baseline keeps the reasons it had and adds the new findings.
    run("lint", str(site), "--no-cache", "--write-baseline", "baseline.json")
    again = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
    reasons = [e["reason"] for e in again]
    assert reasons.count("käännetään syksyllä") == 13 and reasons.count("") >= 1


def test_baseline_works_from_another_working_folder(site: Path, monkeypatch) -> None:
    run("lint", str(site), "--no-cache", "--write-baseline", "corpus/baseline.json")
    monkeypatch.chdir("corpus")
    code, out, _err = run("lint", ".", "--baseline", "baseline.json")
    assert code == 0, out
    assert out.splitlines()[-1] == "no findings; 13 suppressed by the baseline"


def test_stale_baseline_entries_are_noted(site: Path) -> None:
    run("lint", str(site), "--no-cache", "--write-baseline", "baseline.json")
    (site / OTHER).unlink()
    _code, _out, err = run("lint", str(site), "--baseline", "baseline.json")
    assert "2 finding(s) of the baseline baseline.json no longer occur" in err


@pytest.mark.parametrize(
    "content", ["{", '{"format": "other"}', '{"format": "hupli-baseline/1", "findings": [1]}']
)
def test_a_broken_baseline_is_an_error_naming_it(site: Path, content: str) -> None:
    Path("baseline.json").write_text(content, encoding="utf-8")
    code, _out, err = run("lint", str(site), "--baseline", "baseline.json")
    assert code == 2
    assert "baseline.json" in err
