"""SARIF: valid against the SARIF 2.1.0 JSON schema with format checking on, files named by
relative, percent-encoded URI references under %SRCROOT%, and fingerprints that follow a
finding across commits (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator, FormatChecker

from hupli.cli import cli
from hupli.corpus.lint import LintFinding
from hupli.model import Severity
from hupli.report.sarif import artifact_uri, lint_sarif

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


def errors(validator: Draft4Validator, log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_format_checking_is_on(validator: Draft4Validator) -> None:
    # Without a format checker for uri-reference this would pass: the test would prove
    # nothing about the URIs.
    assert "uri-reference" in FormatChecker.checkers
    bad = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [
                    {
                        "message": {"text": "m"},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": {"uri": "c/en/50% off #1"}}}
                        ],
                    }
                ],
            }
        ],
    }
    assert errors(validator, bad)


def _finding(path: str, code: str = "missing", line: int = 3) -> LintFinding:
    return LintFinding(path, line, code, Severity.ERROR, "not in the translation", "0123abcd")


@pytest.mark.parametrize(
    ("path", "uri", "base"),
    [
        ("c/en/50% off #1.txt", "c/en/50%25%20off%20%231.txt", "%SRCROOT%"),
        ("sivut/fi/Tästä ja tuosta.md", "sivut/fi/T%C3%A4st%C3%A4%20ja%20tuosta.md", "%SRCROOT%"),
        ("a:b/c?.md", "a%3Ab/c%3F.md", "%SRCROOT%"),
        ("/site/corpus/fi/a.md", "corpus/fi/a.md", "%SRCROOT%"),
        ("../muu/fi/a.md", "file:///muu/fi/a.md", None),
    ],
)
def test_artifact_uris(path: str, uri: str, base: str | None) -> None:
    assert artifact_uri(path, Path("/site"), Path("/site")) == (uri, base)


def test_log_with_awkward_paths_is_valid(validator: Draft4Validator) -> None:
    findings = [
        _finding("c/en/50% off #1.txt"),
        _finding("/site/corpus/fi/ä b.md", "format"),
        _finding("../outside/x.md", "added"),
    ]
    suppressed = LintFinding(
        "fi/a.md", 1, "no-translation", Severity.ERROR, "m", "ff", suppressed=True, reason="r"
    )
    defaults = {"missing": Severity.ERROR, "format": Severity.WARNING, "added": Severity.WARNING}
    defaults["no-translation"] = Severity.ERROR
    log = lint_sarif([*findings, suppressed], defaults, root=Path("/site"), cwd=Path("/site"))
    assert errors(validator, log) == []
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///site/"}}
    accepted = [r for r in run["results"] if "suppressions" in r]
    assert accepted[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "r"}
    ]


def _sarif(root: Path, cwd: Path) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(cli, ["lint", str(root), "--format", "sarif", "--no-cache"])
    return json.loads(result.stdout)


def _page(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


FI = (
    "# Kirjasto\n\nKaupunki avasi uuden kirjaston keskustaan 9.4.2020.\n\n"
    "Kirjastossa on 47 344 kirjaa ja 12 lukusalia.\n\n"
    "Aukioloajat muuttuvat kesällä 1.6.2020 alkaen.\n"
)
EN = "# Library\n\nThe city opened a new library in the centre on 9.4.2020.\n"


def test_lint_sarif_of_a_checkout_is_valid_and_relative(
    tmp_path: Path, validator: Draft4Validator
) -> None:
    repo = tmp_path / "repo"
    _page(repo, "site/fi/kirjasto.md", FI)
    _page(repo, "site/en/50% off #1.md", EN)
    (repo / ".git").mkdir()  # a checkout: SARIF names files relative to it
    log = _sarif(repo / "site", repo / "site")  # run from inside, with an absolute path
    assert errors(validator, log) == []
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris <= {"site/fi/kirjasto.md", "site/en/50%25%20off%20%231.md"}
    assert "site/fi/kirjasto.md" in uris
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert result["partialFingerprints"]["hupliFinding/v1"]


def test_fingerprints_follow_a_finding_when_lines_move(tmp_path: Path) -> None:
    root = tmp_path / "site"
    _page(root, "fi/kirjasto.md", FI)
    _page(root, "en/kirjasto.md", EN)
    (tmp_path / ".git").mkdir()
    before = _sarif(root, tmp_path)
    missing_before = [r for r in before["runs"][0]["results"] if r["ruleId"] == "missing"]
    assert missing_before
    # Lines added above: every line number moves, every fingerprint stays.
    _page(root, "fi/kirjasto.md", FI.replace("# Kirjasto\n", "# Kirjasto\n\n*Tiedote*\n\n"))
    _page(root, "en/kirjasto.md", EN.replace("# Library\n", "# Library\n\n*Release*\n\n"))
    after = _sarif(root, tmp_path)
    missing_after = [r for r in after["runs"][0]["results"] if r["ruleId"] == "missing"]
    line = lambda r: r["locations"][0]["physicalLocation"]["region"]["startLine"]  # noqa: E731
    assert [line(r) for r in missing_after] != [line(r) for r in missing_before]
    fp = lambda rs: sorted(r["partialFingerprints"]["hupliFinding/v1"] for r in rs)  # noqa: E731
    assert fp(missing_after) == fp(missing_before)


def test_git_is_not_needed(tmp_path: Path) -> None:
    # Outside a checkout, files are relative to the working folder.
    root = tmp_path / "site"
    _page(root, "fi/kirjasto.md", FI)
    log = _sarif(root, tmp_path)
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
