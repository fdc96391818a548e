"""hupli status: the completeness view as a table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hupli.cli import cli

from .corpus_helpers import copy_sample, opaque_wmt_corpus

BLOG = "blogi-suljettujen-ovien-mahdollisuus.md"
OTHERS = {
    "blogi-kaisa-heinolta-imatran-onnistumissuunnitelma-todeksi.md",
    "kunta-alan-kekseliaat-kehittajat-korona-aikana.txt",
    "vuorovaikutus-viestinta-ja-osallistaminen.txt",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("status"))


def test_status_json(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["status", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"documents", "pairs", "untranslated", "summary", "signature"} <= data.keys()
    assert all({"path", "language", "blocks"} <= d.keys() for d in data["documents"])
    assert len(data["documents"]) == 5
    (pair,) = data["pairs"]
    assert {"source", "target", "coverage", "missing", "added", "changed", "untranslated"} <= (
        pair.keys()
    )
    assert pair["source"].endswith(BLOG)
    assert pair["target"].endswith("blog-the-possibility-of-closed-doors.txt")
    assert pair["missing"] == 5 and 0.7 < pair["coverage"] < 0.9
    assert {Path(p).name for p in data["untranslated"]} == OTHERS
    assert data["summary"]["originals"] == 4 and data["summary"]["pairs"] == 1
    assert data["summary"]["untranslated_originals"] == 3
    assert data["signature"].startswith("hupli:")


def test_status_table(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["status", str(sample)])
    assert result.exit_code == 0
    text = result.stdout.replace("\n", "")
    assert "none" in result.stdout and "80%" in result.stdout
    assert "1 of 4 originals translated" in text
    assert "\x1b[" not in result.stdout


def test_status_csv(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["status", str(sample), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4
    paired = [r for r in rows if r["translation"]]
    assert len(paired) == 1 and paired[0]["original"].endswith(BLOG)
    assert paired[0]["missing"] == "5"
    assert {Path(r["original"]).name for r in rows if not r["translation"]} == OTHERS


def test_status_opaque_names(tmp_path: Path, evaldata: Path) -> None:
    gold, withheld = opaque_wmt_corpus(tmp_path / "c", documents=8, withheld=2, seed=1)
    result = CliRunner().invoke(cli, ["status", str(tmp_path / "c"), "--format", "json"])
    data = json.loads(result.stdout)
    root = str(tmp_path / "c") + "/"
    pairs = {p["source"].removeprefix(root): p["target"].removeprefix(root) for p in data["pairs"]}
    assert pairs == gold
    assert {p.removeprefix(root) for p in data["untranslated"]} == withheld
    assert all(p["coverage"] > 0.9 for p in data["pairs"])


def test_status_unreadable_file_exit_2_and_rest_reported(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "en" / "huge.txt").write_bytes(b"\xff\xfe\x00\xd8")
    result = CliRunner().invoke(cli, ["status", str(root), "--format", "json"])
    assert result.exit_code == 2
    assert "huge.txt" in result.stderr
    data = json.loads(result.stdout)
    assert len(data["pairs"]) == 1 and data["errors"][0]["path"].endswith("huge.txt")


def test_status_bad_config_exit_2(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "hupli.toml").write_text("colour = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["status", str(root)])
    assert result.exit_code == 2
    assert "hupli.toml: colour: unknown key" in result.stderr


def test_status_csv_carries_the_signature_and_an_optional_bom() -> None:
    import csv
    import io

    from click.testing import CliRunner

    from hupli.cli import cli
    from tests.conftest import CORPUS

    plain = CliRunner().invoke(cli, ["status", str(CORPUS), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(plain.stdout)))
    assert len(rows) == 4 and all(row["signature"].startswith("hupli:") for row in rows)
    assert not plain.stdout.startswith("\ufeff")
    excel = CliRunner().invoke(cli, ["status", str(CORPUS), "--format", "csv", "--bom"])
    assert excel.stdout.startswith("\ufefforiginal,")
