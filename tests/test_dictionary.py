"""hupli.evidence.lexicon: the shipped Finnish→English dictionary and its lookups."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hupli.evidence import lexicon as dictionary


def keys(word: str) -> frozenset[str]:
    return dictionary.finnish_word_keys(word)


def english(word: str) -> str:
    return dictionary.english_word_key(word)


def test_data_file_and_licence_are_shipped() -> None:
    assert dictionary.DATA_FILE.is_file()
    licence = dictionary.DATA_FILE.with_suffix(".LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in licence
    assert "FreeDict" in licence and "Wiktionary" in licence


@pytest.mark.parametrize(
    ("word", "translation"),
    [
        ("talo", "house"),
        ("talossa", "house"),  # inessive
        ("taloja", "house"),  # plural partitive
        ("kaupunki", "city"),
        ("kaupungin", "city"),  # genitive, consonant gradation nk → ng
        ("kaupungissa", "town"),
        ("hallituksen", "government"),  # -us → -ukse-
        ("vuonna", "year"),  # vuosi, an irregular stem
        ("ihmisten", "human"),  # -nen → -s-
        ("tietokannan", "database"),  # nt → nn
        ("poliisi", "police"),
        ("koulussa", "school"),
        ("Helsingin", "Helsinki"),  # a name in a case form, through the prefix fallback
        ("sanoi", "say"),  # past tense: a verb form guessed at build time, Voikko-confirmed
        ("kertoi", "tell"),
        ("otti", "take"),
        ("tehnyt", "make"),  # participle: Voikko's base form is the participle itself
        ("sanottu", "say"),
    ],
)
def test_inflected_forms_reach_their_translation(word: str, translation: str) -> None:
    assert english(translation.lower()) in keys(word)


def test_forms_of_one_word_share_its_keys() -> None:
    assert keys("kaupungin") == keys("kaupunki") == keys("kaupungeissa")
    assert keys("talossa") == keys("talo")


def test_compound_with_known_first_part_reaches_it_through_the_prefix() -> None:
    # "kaupunginvaltuusto" (city council) is not a headword; its first five letters are.
    assert english("city") in keys("kaupunginvaltuusto")


def test_unknown_word_has_no_keys() -> None:
    assert keys("xqzvvprr") == frozenset()


def test_finnish_keys_one_set_per_content_word_in_order() -> None:
    found = dictionary.finnish_keys("Hän asuu talossa, joka on kaupungin laidalla. Xqzvv!")
    # "Hän", "joka" and "on" are function words; "Xqzvv" is unknown but a content word.
    assert len(found) == 5  # asuu, talossa, kaupungin, laidalla, xqzvv
    assert english("live") in found[0]
    assert english("house") in found[1]
    assert english("city") in found[2]
    assert found[-1] == frozenset()
    assert dictionary.finnish_keys("") == []
    assert dictionary.finnish_keys("ja on ei 2024 ab") == []


def test_english_keys_are_stems_of_content_words() -> None:
    found = dictionary.english_keys("The houses of the cities; notes were taken.")
    assert found == frozenset({english("house"), english("city"), english("note"), "take"})
    assert english("houses") == english("house")
    assert english("cities") == english("city")
    assert dictionary.english_keys("the of and to") == frozenset()


def test_english_irregular_forms_meet_their_base() -> None:
    assert english("said") == english("say")
    assert english("told") == english("tell")
    assert english("children") == english("child")
    assert english("left") != english("leave")  # also the side: left as it is
    # so the Finnish past tense hits the English one:
    assert keys("sanoi") & dictionary.english_keys("the minister said on Monday")


def test_gloss_and_text_reduce_alike() -> None:
    # A translation and an English sentence meet: "kaupungissa" hits "in the cities".
    assert keys("kaupungissa") & dictionary.english_keys("in the cities")
    assert not keys("kaupungissa") & dictionary.english_keys("in the forest")


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("ja", "fi", True),
        ("Hänen", "fi", True),
        ("olivat", "fi", True),
        ("eivät", "fi", True),
        ("talossa", "fi", False),
        ("the", "en", True),
        ("Would", "en", True),
        ("house", "en", False),
        ("ja", "en", False),
        ("the", "fi", False),
    ],
)
def test_is_function_word(word: str, language: str, expected: bool) -> None:
    assert dictionary.is_function_word(word, language) is expected


def test_is_function_word_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="sv"):
        dictionary.is_function_word("och", "sv")


def test_function_word_lists_are_lowercase_words() -> None:
    for words in (dictionary.FINNISH_FUNCTION_WORDS, dictionary.ENGLISH_FUNCTION_WORDS):
        assert 100 <= len(words) <= 400
        assert all(w == w.lower() and w.isalpha() for w in words)


def test_rates_are_ordered() -> None:
    assert 0 < dictionary.CHANCE_RATE < dictionary.NEIGHBOUR_RATE < dictionary.TRUE_RATE < 1
    assert 0 < dictionary.COVERAGE <= 1


def test_table_lookup_agrees_with_a_full_parse() -> None:
    text = dictionary.DATA_FILE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    full = dict(line.split("\t", 1) for line in lines)
    assert list(full) == sorted(full, key=lambda k: k.encode("utf-8"))
    table = dictionary._table()
    for key in list(full)[::97] + [lines[0].split("\t")[0], lines[-1].split("\t")[0]]:
        assert table.get(key) == full[key]
    for missing in ("", "a", "zzzzzzzz", "~", "talo~", "\U0001f600", full and "ö" * 9):
        assert table.get(missing) == full.get(missing, "")


def test_table_lookup_on_a_small_file() -> None:
    data = b"# header\na\tx\nab\ty z\nb\tw\n~ab\tq\n\xc3\xa4\tu\n"
    table = dictionary._Table(data)
    assert table.get("a") == "x"
    assert table.get("ab") == "y z"
    assert table.get("b") == "w"
    assert table.get("~ab") == "q"
    assert table.get("ä") == "u"
    assert table.get("abc") == ""
    assert table.get("") == ""
    assert dictionary._Table(b"").get("a") == ""


def test_lookups_are_deterministic_across_processes() -> None:
    code = (
        "from hupli.evidence import lexicon as d\n"
        "t = 'Kaupungin hallitus sanoi, että talossa asuu ihmisiä vuonna 2024.'\n"
        "print([sorted(k) for k in d.finnish_keys(t)], sorted(d.english_keys(t)))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert "govern" in runs.pop()
