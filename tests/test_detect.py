"""hupli.detect: deterministic, only the configured profiles, "und" when unsure, accurate."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from hupli.document import detect as detect_module
from hupli.document.detect import Guess, detect, detect_document, detect_many
from hupli.model import UNDETERMINED, ConfigError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
WMT_DIR = ROOT.parent / "shared" / "evaldata" / "wmt16-enfi-helsinki" / "sgm"


@pytest.fixture(autouse=True, scope="module")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Keep the profile cache out of the user's home while testing.
    old = os.environ.get("HUPLI_CACHE_DIR")
    os.environ["HUPLI_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["HUPLI_CACHE_DIR"]
    else:
        os.environ["HUPLI_CACHE_DIR"] = old


def _clear_caches() -> None:
    detect_module._detect_cached.cache_clear()
    detect_module._detect_clean.cache_clear()
    detect_module._factory.cache_clear()
    detect_module._profile_table.cache_clear()


def _paragraphs(path: Path) -> list[str]:
    """Prose paragraphs of a corpus file: Markdown markers dropped, 60+ characters."""
    out = []
    for part in path.read_text(encoding="utf-8").split("\n\n"):
        text = " ".join(re.sub(r"[*#\\]", "", part).split())
        if len(text) >= 60:
            out.append(text)
    return out


FINNISH = [
    "Tampereella karkuteillä ollut 9-vuotias poika löytyi",
    "Viestintäjohtaja Liisa Hupli-Oinonen kertoo, miten homma lähti lapasesta.",
    "Kaikki koulut siirtyivät suurimmalta osaltaan etäopetukseen lähes vuorokaudessa.",
]
ENGLISH = [
    "A 9-year-old boy missing at Tampere was found",
    "Liisa Hupli-Oinonen, director of communications, tells how it all started.",
    "Most of all schools switched to distance learning almost overnight.",
]


def test_guess_is_frozen_value() -> None:
    guess = detect(FINNISH[2])
    assert guess == Guess("fi", guess.probability)
    assert 0.9 <= guess.probability <= 1.0
    with pytest.raises(AttributeError):
        guess.language = "en"  # type: ignore[misc]


def test_same_answer_twice_and_in_any_order() -> None:
    texts = FINNISH + ENGLISH + ["Sipilä is taking a big risk", "Hölö hölö hölö koko matkan."]
    first = detect_many(texts)
    _clear_caches()
    again = detect_many(texts)
    _clear_caches()
    backwards = detect_many(list(reversed(texts)))[::-1]
    _clear_caches()
    order = texts[1::2] + texts[::2]
    interleaved = {text: detect(text) for text in order}
    assert first == again == backwards == [interleaved[text] for text in texts]


def test_seed_is_part_of_the_answer_not_global_state() -> None:
    import langdetect.detector_factory as ldf

    detect(FINNISH[0], seed=1)
    detect(FINNISH[0], seed=2)
    # langdetect's own singleton is neither created nor seeded by hupli.
    assert ldf._factory is None
    assert ldf.DetectorFactory.seed is None


def test_only_configured_profiles_are_loaded() -> None:
    factory = detect_module._factory(("fi", "en"), 0)
    assert factory.get_lang_list() == ["fi", "en"]
    assert all(len(row) == 2 for row in factory.word_lang_prob_map.values())
    assert detect_module._factory(("fi", "en", "sv"), 0).get_lang_list() == ["fi", "en", "sv"]
    assert detect("Det här är en mening på svenska, skriven för testet.").language == "sv"
    assert detect(
        "Det här är en mening på svenska, skriven för testet.", ("fi", "en")
    ).language in {
        "fi",
        "en",
        UNDETERMINED,
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "***",
        "---",
        "9.4.2020 18:33",
        "klo 21.05",
        "47 344 € (1,5 %)",
        "Tiedote",
        "Picture",
        "https://www.imatra.fi/blogi/suljettujen-ovien-mahdollisuus",
        "info@imatra.fi",
        "Liisa Hupli-Oinonen",
        "Kaisa Heino",
        "Anna-Mari Jaanu",
        "Imatra, Finland",
        "Tiedote 18.12.2018 15:53",
    ],
)
def test_undetermined(text: str) -> None:
    assert detect(text).language == UNDETERMINED


def test_finnish_and_english_sentences() -> None:
    for text in FINNISH:
        assert detect(text).language == "fi", text
    for text in ENGLISH:
        assert detect(text).language == "en", text


def test_corpus_paragraphs() -> None:
    finnish = [p for path in sorted((CORPUS / "fi").glob("*")) for p in _paragraphs(path)]
    english = [p for path in sorted((CORPUS / "en").glob("*.txt")) for p in _paragraphs(path)]
    assert len(finnish) >= 20 and len(english) >= 10
    wrong = [t for t, g in zip(finnish, detect_many(finnish), strict=True) if g.language != "fi"]
    wrong += [t for t, g in zip(english, detect_many(english), strict=True) if g.language != "en"]
    assert wrong == []


def test_document_language() -> None:
    path = CORPUS / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
    texts = path.read_text(encoding="utf-8").split("\n\n")
    guess = detect_document(texts)
    assert guess.language == "fi"
    assert guess.probability > 0.9
    # An untranslated paragraph or two does not change the document's language.
    english = (CORPUS / "en" / "blog-the-possibility-of-closed-doors.txt").read_text("utf-8")
    mixed = english.split("\n\n") + texts[-3:]
    assert detect_document(mixed).language == "en"
    assert detect_document(["9.4.2020", "***", "Kaisa Heino"]).language == UNDETERMINED
    assert detect_document([]).language == UNDETERMINED


@pytest.mark.parametrize("languages", [("fi", "xx"), ("fi",), ("fi", "fi"), ("fi", "../en")])
def test_unknown_language_is_a_config_error(languages: tuple[str, ...]) -> None:
    with pytest.raises(ConfigError) as error:
        detect("Tämä on suomenkielinen lause.", languages)
    if languages == ("fi", "xx"):
        assert "'xx'" in str(error.value)
        assert "available:" in str(error.value) and "sv" in str(error.value)


def test_corrupt_cache_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUPLI_CACHE_DIR", str(tmp_path))
    build = detect_module._profile_table.__wrapped__
    languages = ("fi", "en")
    _, fresh = build(languages)
    (cache,) = tmp_path.iterdir()
    _, cached = build(languages)
    assert cached == fresh
    for damage in (b"", b"not marshal at all", cache.read_bytes()[:-100]):
        cache.write_bytes(damage)
        _, rebuilt = build(languages)
        assert rebuilt == fresh
        _, cached = build(languages)
        assert cached == fresh


def test_library_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    _clear_caches()
    detect_many(FINNISH + ENGLISH + ["", "***"])
    assert capsys.readouterr() == ("", "")


def _wmt_sample(every: int) -> list[tuple[str, str]]:
    items = []
    for path in sorted(WMT_DIR.glob("*.sgm")):
        language = "fi" if path.name.endswith(".fi.sgm") else "en"
        segments = re.findall(r"<seg id=\"\d+\">(.*?)</seg>", path.read_text(encoding="utf-8"))
        texts = [html.unescape(s).strip() for s in segments]
        items += [(language, t) for t in texts if len(t) >= 20]
    return items[::every]


@pytest.mark.skipif(not WMT_DIR.is_dir(), reason="WMT16 evaluation data not present")
def test_wmt16_sample_accuracy() -> None:
    sample = _wmt_sample(every=59)  # ~300 of 17,837 blocks; the full figure is in bench/
    assert len(sample) >= 290
    guesses = detect_many([text for _, text in sample])
    correct = sum(g.language == lang for (lang, _), g in zip(sample, guesses, strict=True))
    assert correct / len(sample) >= 0.99


def test_screen_word_sums_equal_langdetect_ngrams_of_the_whole_text() -> None:
    # The screen adds up per-word memos; that is only right if a text's n-grams are
    # exactly its words' n-grams, as langdetect extracts them.
    languages = detect_module.DEFAULT_LANGUAGES
    _, table = detect_module._profile_table(languages)
    for text in [*FINNISH, *ENGLISH, "NATO-maat ja EU:n jäsenet, 2020 (aukeaa)"]:
        words = text.split()
        whole = detect_module.extract_ngrams(" ".join(words) + " ", table)
        parts = [detect_module._word_scores(word, languages)[0] for word in words]
        assert len(whole) == sum(parts), text


def test_screen_decides_plain_prose_and_leaves_doubt_to_langdetect() -> None:
    languages = detect_module.DEFAULT_LANGUAGES
    prose = "Kaikki koulut siirtyivät suurimmalta osaltaan etäopetukseen lähes vuorokaudessa."
    guess = detect_module._screen(prose, languages)
    assert guess is not None and guess.language == "fi" and guess.probability > 0.99
    assert detect_module._screen("Tiedote", languages) is None  # too few n-grams
    mixed = "Kaikki koulut siirtyivät etäopetukseen. All schools switched to distance learning."
    assert detect_module._screen(mixed, languages) is None  # no clear leader


def test_screen_agrees_with_langdetect_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        *FINNISH,
        *ENGLISH,
        *_paragraphs(CORPUS / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"),
    ]
    _clear_caches()
    screened = [g.language for g in detect_many(texts)]
    _clear_caches()
    monkeypatch.setattr(detect_module, "_screen", lambda text, languages: None)
    alone = [g.language for g in detect_many(texts)]
    _clear_caches()
    assert screened == alone
