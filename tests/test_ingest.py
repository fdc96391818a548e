"""hupli ingest: stable names, provenance, idempotence, refusing collisions, --dry-run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hupli.cli import cli
from hupli.corpus.ingest import slugify

from .conftest import CORPUS, FI_BLOG


def _snapshot(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_slugify() -> None:
    assert (
        slugify("Blogi: Suljettujen ovien mahdollisuus") == "blogi-suljettujen-ovien-mahdollisuus"
    )
    assert slugify("Äänestä! Öisin & ÅLAND") == "aanesta-oisin-aland"
    assert len(slugify("sana " * 40)) <= 60


def test_ingest_writes_names_originals_and_provenance(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--corpus", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md").is_file()
    assert (target / "en" / "blog-the-possibility-of-closed-doors.txt").is_file()
    assert (target / "fi" / "kunta-alan-kekseliaat-kehittajat-korona-aikana.txt").is_file()
    original = target / ".hupli" / "originals" / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
    assert original.read_bytes() == FI_BLOG.read_bytes()
    provenance = json.loads((target / "provenance.json").read_text(encoding="utf-8"))
    record = provenance["documents"]["fi/blogi-suljettujen-ovien-mahdollisuus.md"]
    assert record["original"] == str(FI_BLOG)
    assert record["encoding"] == "utf-8" and record["language"] == "fi"
    assert len(record["sha256"]) == 64 and "unbold_heading" in record["rules_applied"]
    assert "added" in result.stdout and "5 added" in result.stderr
    # What ingest writes is normalised: lint finds no formatting to fix.
    lint = CliRunner().invoke(cli, ["lint", str(target), "--format", "json", "--fail-on", "never"])
    assert not [f for f in json.loads(lint.stdout)["findings"] if f["code"] == "format"]


def test_ingesting_again_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(CORPUS), "--corpus", str(target)]).exit_code == 0
    before = _snapshot(target)
    again = runner.invoke(cli, ["ingest", str(CORPUS), "--corpus", str(target)])
    assert again.exit_code == 0
    assert "0 added, 5 unchanged" in again.stderr
    assert _snapshot(target) == before


def test_a_different_file_never_takes_an_existing_name(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(FI_BLOG), "--corpus", str(target)])
    before = _snapshot(target)
    impostor = tmp_path / "in" / "other.md"
    impostor.parent.mkdir()
    impostor.write_text(
        "## Blogi: Suljettujen ovien mahdollisuus\n\nAivan eri teksti, joka kertoo uimahallin "
        "aukioloajoista ja kirjaston remontista tänä keväänä.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["ingest", str(impostor), "--corpus", str(target)])
    assert result.exit_code == 1
    assert "REFUSED" in result.stdout and "already holds a different document" in result.stdout
    assert _snapshot(target) == before


def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--corpus", str(target), "--dry-run"])
    assert result.exit_code == 0
    assert "would add" in result.stdout and "dry run" in result.stderr
    assert not target.exists()


def test_unreadable_input_is_named_and_the_rest_ingested(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.txt").write_bytes(b"\x00\x00\x00binary")
    (inputs / "blog.md").write_bytes(FI_BLOG.read_bytes())
    target = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--corpus", str(target)])
    assert result.exit_code == 2
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert (target / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md").is_file()
