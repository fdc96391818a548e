"""Pairing: manifest, naming conventions, content under opaque names, explanations, scale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hupli.cli import cli
from hupli.corpus import pair as pair_module
from hupli.corpus.config import config_from_mapping
from hupli.corpus.discover import load_corpus
from hupli.corpus.features import name_key
from hupli.corpus.pair import CONTENT, FOLDER, MANIFEST, NAME, pair_entries

from .corpus_helpers import copy_sample, opaque_wmt_corpus


@pytest.fixture(scope="module")
def wmt_corpus(tmp_path_factory: pytest.TempPathFactory, evaldata: Path):
    root = tmp_path_factory.mktemp("wmt") / "corpus"
    gold, withheld = opaque_wmt_corpus(root, documents=14, withheld=3)
    return root, gold, withheld, load_corpus(root)


def test_name_keys_meet_across_inflection() -> None:
    assert name_key("Imatran") == name_key("Imatra") == name_key("Imatralla")
    assert name_key("Virtasen") == name_key("Virtanen")
    assert name_key("Hupli-Oinosen") == name_key("Hupli-Oinonen")
    assert name_key("Heino") != name_key("Kaskela")


def test_sample_corpus_pairs_the_blog_by_content(tmp_path: Path) -> None:
    corpus = load_corpus(copy_sample(tmp_path))
    pairing = pair_entries(corpus.entries, corpus.config)
    assert len(pairing.pairs) == 1
    pair = pairing.pairs[0]
    assert pair.source.endswith("fi/blogi-suljettujen-ovien-mahdollisuus.md")
    assert pair.target.endswith("en/blog-the-possibility-of-closed-doors.txt")
    assert pair.method == CONTENT and pair.score >= 0.35
    assert "9.4.2020" in pair.reasons[0] and "1339" in pair.reasons[0]
    assert "Hupli-Oinonen" in pair.reasons[0]
    assert len(pairing.untranslated) == 3 and not pairing.orphans
    assert all(u.reason for u in pairing.untranslated)


def test_opaque_names_pair_by_content(wmt_corpus) -> None:
    _root, gold, withheld, corpus = wmt_corpus
    pairing = pair_entries(corpus.entries, corpus.config)
    rel = {e.path: e.relpath for e in corpus.entries}
    assert {rel[p.source]: rel[p.target] for p in pairing.pairs} == gold
    assert {rel[u.path] for u in pairing.untranslated} == withheld
    assert all(p.method == CONTENT for p in pairing.pairs)


def test_pairing_never_compares_all_pairs(wmt_corpus, monkeypatch) -> None:
    _root, _gold, _withheld, corpus = wmt_corpus
    monkeypatch.setattr(pair_module, "MAX_CANDIDATES", 2)
    calls = []
    original = pair_module.ContentIndex.score

    def counting(self, i, j):
        calls.append((i, j))
        return original(self, i, j)

    monkeypatch.setattr(pair_module.ContentIndex, "score", counting)
    pairing = pair_entries(corpus.entries, corpus.config)
    sources = sum(1 for e in corpus.entries if e.language == "fi")
    assert len(calls) <= 2 * sources
    assert len(pairing.pairs) == 11


def test_naming_conventions_pair_before_content(tmp_path: Path) -> None:
    for rel, text in {
        "fi/news/a.md": "Kaupunki avaa uuden kirjaston.\n",
        "en/news/a.md": "The city opens a new library.\n",
        "b.fi.txt": "Uimahalli on suljettu.\n",
        "b.en.txt": "The swimming hall is closed.\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    methods = {Path(p.source).name: p.method for p in pair_entries(corpus.entries).pairs}
    assert methods == {"a.md": FOLDER, "b.fi.txt": NAME}


def test_manifest_wins(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    config = config_from_mapping(
        {
            "pairs": [
                {
                    "original": "fi/kunta-alan-kekseliaat-kehittajat-korona-aikana.txt",
                    "translation": "en/blog-the-possibility-of-closed-doors.txt",
                },
                ["fi/gone.md", "en/gone.md"],
            ]
        },
        str(root / "hupli.toml"),
    )
    corpus = load_corpus(root, config)
    pairing = pair_entries(corpus.entries, config)
    assert [(Path(p.source).name, p.method) for p in pairing.pairs] == [
        ("kunta-alan-kekseliaat-kehittajat-korona-aikana.txt", MANIFEST)
    ]
    assert len(pairing.problems) == 1 and "fi/gone.md" in pairing.problems[0]


def test_cli_pair_text_and_json(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["pair", str(root)])
    assert result.exit_code == 0, result.output
    assert "blogi-suljettujen-ovien-mahdollisuus.md → " in result.stdout
    assert "shared: 9.4.2020" in result.stdout
    assert "1 pair(s); 3 original(s) without translation" in result.stdout
    result = runner.invoke(cli, ["pair", str(root), "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["pairs"]) == 1 and data["pairs"][0]["method"] == "content"
    assert len([u for u in data["unpaired"] if u["role"] == "original"]) == 3
    assert data["signature"].startswith("hupli:")


def test_cli_pair_reports_manifest_problems(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "hupli.toml").write_text('pairs = [["fi/x.md", "en/y.md"]]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["pair", str(root)])
    assert result.exit_code == 2
    assert "fi/x.md" in result.stderr
