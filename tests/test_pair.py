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
    # Candidates come from anchors and from words: at most one of each here.
    monkeypatch.setattr(pair_module, "MAX_CANDIDATES", 1)
    monkeypatch.setattr(pair_module, "MAX_WORD_CANDIDATES", 1)
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
    assert "[content " in result.stdout and ", margin " in result.stdout
    assert "1 pair(s); 3 original(s) without translation" in result.stdout
    result = runner.invoke(cli, ["pair", str(root), "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["pairs"]) == 1 and data["pairs"][0]["method"] == "content"
    assert data["pairs"][0]["margin"] >= pair_module.MIN_MARGIN
    assert len([u for u in data["unpaired"] if u["role"] == "original"]) == 3
    assert data["signature"].startswith("hupli:")


def test_cli_pair_reports_manifest_problems(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / "hupli.toml").write_text('pairs = [["fi/x.md", "en/y.md"]]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["pair", str(root)])
    assert result.exit_code == 2
    assert "fi/x.md" in result.stderr


# Pages with no digits and no names (nothing capitalised but the first word): only words
# can pair them, through the dictionary.
_LIBRARY_FI = (
    "Kaupungin kirjasto avaa uudet ovensa keväällä.\n\n"
    "Uudessa kirjastossa on tilaa lukemiselle, opiskelulle ja kokouksille. Lapset saavat "
    "oman huoneen, jossa on kirjoja, pelejä ja pehmeitä tyynyjä.\n\n"
    "Kirjaston johtaja kertoo, että lainaajat ovat odottaneet muuttoa pitkään. Vanha "
    "rakennus oli liian pieni ja kylmä talvella.\n\n"
    "Kahvila palvelee kävijöitä aamusta iltaan, ja pihalla on puutarha.\n"
)
_LIBRARY_EN = (
    "The city library opens its new doors in the spring.\n\n"
    "The new library has room for reading, studying and meetings. Children get their own "
    "room with books, games and soft cushions.\n\n"
    "The director of the library says that borrowers have waited for the move for a long "
    "time. The old building was too small and cold in winter.\n\n"
    "A cafe serves visitors from morning to evening, and there is a garden in the yard.\n"
)
_POOL_FI = (
    "Uimahalli suljetaan korjausten ajaksi.\n\n"
    "Altaiden laatat ja putket uusitaan, ja saunat remontoidaan. Työt kestävät koko "
    "kesän.\n\n"
    "Uimarit voivat sillä aikaa käyttää maauimalaa, joka on avoinna joka päivä. "
    "Uimaopetus jatkuu järvellä rannan laiturilla.\n\n"
    "Kaupunki pahoittelee haittaa ja kiittää asukkaita kärsivällisyydestä.\n"
)
_POOL_EN = (
    "The swimming hall will be closed for repairs.\n\n"
    "The tiles and pipes of the pools will be replaced, and the saunas renovated. The work "
    "will last the whole summer.\n\n"
    "Meanwhile swimmers can use the outdoor pool, which is open every day. Swimming lessons "
    "continue at the lake on the beach pier.\n\n"
    "The city apologises for the inconvenience and thanks residents for their patience.\n"
)
_ELECTION_EN = (
    "Voters went to the polls on a cold morning.\n\n"
    "The parties argued about taxes, healthcare and pensions until the last evening of the "
    "campaign. Turnout was higher than expected.\n\n"
    "Counting began when the polling stations closed, and the first results came before "
    "midnight.\n"
)


def _write_texts(root: Path, texts: dict[str, str]) -> Path:
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_digit_free_pages_pair_by_words(tmp_path: Path) -> None:
    root = _write_texts(
        tmp_path,
        {
            "fi/a81f.md": _LIBRARY_FI,
            "fi/07c2.md": _POOL_FI,
            "en/e4d0.md": _POOL_EN,
            "en/9b13.md": _LIBRARY_EN,
            "en/5f6e.md": _ELECTION_EN,
        },
    )
    corpus = load_corpus(root)
    pairing = pair_entries(corpus.entries, corpus.config)
    found = {Path(p.source).name: Path(p.target).name for p in pairing.pairs}
    assert found == {"a81f.md": "9b13.md", "07c2.md": "e4d0.md"}
    for pair in pairing.pairs:
        assert pair.method == CONTENT and pair.margin > 0
        assert any("mutual best match" in r for r in pair.reasons)
        assert not any(r.startswith("shared:") for r in pair.reasons)  # no anchor was shared
    assert [Path(u.path).name for u in pairing.orphans] == ["5f6e.md"]


def test_best_candidate_that_prefers_another_original_leaves_a_page_unpaired(
    tmp_path: Path,
) -> None:
    # An excerpt of the library page (its first two paragraphs) finds the library's
    # translation as its best candidate, but that translation matches the full page better.
    excerpt = "\n\n".join(_LIBRARY_FI.split("\n\n")[:2]) + "\n"
    root = _write_texts(
        tmp_path,
        {"fi/a81f.md": _LIBRARY_FI, "fi/3e90.md": excerpt, "en/9b13.md": _LIBRARY_EN},
    )
    corpus = load_corpus(root)
    pairing = pair_entries(corpus.entries, corpus.config)
    assert [(Path(p.source).name, Path(p.target).name) for p in pairing.pairs] == [
        ("a81f.md", "9b13.md")
    ]
    (left,) = pairing.untranslated
    assert Path(left.path).name == "3e90.md"
    assert Path(left.candidate).name == "9b13.md"
    assert "a81f.md's better match" in left.reason


def test_mutual_best_needs_a_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    from hupli.corpus.features import Features

    def feats(keys: dict[str, int], words: str) -> Features:
        return Features(tuple(sorted(keys.items())), (), words, 1000, 4, 1)

    # Original 0 shares the date and the words with both translations, and the figure 1339
    # with translation 0 only: ahead on the evidence that tells them apart.
    shared = {"d:2020-04-09": 1, "n:1339": 1}
    index = pair_module.ContentIndex(
        [feats(shared, "=kirja library"), feats({"n:77": 1}, "=uimah swim")],
        [
            feats(shared, "=kirja library"),
            feats({"d:2020-04-09": 1}, "=kirja library"),
            feats({"n:77": 1}, "=uimah swim"),
        ],
        1.0,
    )
    ranked = pair_module._score_candidates(index, 0)
    assert [s.target for s in ranked[:2]] == [0, 1]
    assert index.margin(ranked[0], ranked[1]) > pair_module.MIN_MARGIN
    assert index.margin(ranked[0], None) == 1.0
    # Two candidates with the same evidence: no margin either way.
    assert index.margin(ranked[1], ranked[1]) == 0.0


def test_close_call_without_support_stays_unpaired(tmp_path: Path) -> None:
    # The only English page does not translate the Finnish one: a mutual best match (there
    # is nothing else), but a weak one, and aligning them finds no support.
    root = _write_texts(tmp_path, {"fi/a81f.md": _LIBRARY_FI, "en/5f6e.md": _ELECTION_EN})
    corpus = load_corpus(root)
    pairing = pair_entries(corpus.entries, corpus.config)
    assert not pairing.pairs
    (left,) = pairing.untranslated
    assert left.reason.startswith("no candidate with a margin: the best, ")
    assert "aligning did not settle it" in left.reason
