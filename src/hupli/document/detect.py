"""Language of blocks and documents, with langdetect, seeded, and "und" when unsure.

A wrong language label is worse than none: `check` flags a target block in the source
language as untranslated, so a guess on a name or a date would raise a false alarm. A block
is therefore ``"und"`` (`hupli.model.UNDETERMINED`) unless there is enough text to tell.

Rules, applied in this order (the constants named below hold the tuned values):

1. URLs, e-mail addresses, paths, file names, domains, identifiers (any token with ``/``,
   ``\\``, ``=`` or ``_``, or a dot between letters) and every digit are removed first: they
   say nothing about the language, and langdetect reads ``www``, ``png`` or ``md5`` as English.
2. Nothing left with letters (separators, ``***``, dates, times, numbers, prices) → und.
3. Fewer than `MIN_LETTERS` letters (``"Tiedote"``, ``"klo"``, ``"Picture"``) → und.
4. A short run of capitalised words with nothing else (``"Liisa Hupli-Oinonen"``,
   ``"Anna-Mari Jaanu"``, ``"Imatra, Finland"``): a personal or place name, which reads the
   same in every language → und. At most `MAX_NAME_WORDS` words, each capitalised (parts of
   hyphenated names too), and no word that is a common function word in English, Finnish or
   Swedish, so that a short Title Case headline (``"Tigers Lose to Twins"``) goes on to
   langdetect.
5. Text mostly in capitals is lower-cased, because langdetect skips every word with two
   capitals in a row and would otherwise have nothing to go on.
6. Capitalised words are dropped when at least `MIN_LETTERS` letters remain without them:
   they are mostly names, and English names in a Finnish sentence pull it towards English
   (``"Huffington Postin reportteri Kim Bellware on vierelläni."``).
7. When one language leads by `SCREEN_MARGIN` nats in the exact naive Bayes posterior over
   all the text's n-grams, computed from langdetect's own profiles, that is the answer
   (`_screen`). This settles ordinary prose, nearly every block, without langdetect's
   random walks; bench/bench_detect.py counts how often, and where the two would differ.
8. Otherwise langdetect decides: no n-grams, or a top probability below `MIN_PROBABILITY`
   → und. With `N_TRIAL` = 3 random walks averaged, that means: unless all three agree.

Determinism: each `languages` tuple gets its own `DetectorFactory` (never langdetect's global
one) holding only those languages' profiles, and each seed its own factory sharing that
profile data. langdetect reseeds a detector's own random stream from the factory seed at
the start of every detection, so a text gets the same answer whatever was detected before.

Speed: langdetect is imported on first use, only the configured profiles are read, text is
cut at `MAX_TEXT_LENGTH` characters, the screen (rule 7) scores a text word by word from a
memo of each word's n-gram log-probabilities, and `N_TRIAL` random walks are averaged
instead of 7 (see bench/bench_detect.py for the figures behind these choices). Profiled on
a 1,000-page corpus, the screen cut detection from about 4.5 to under 1 ms a page.

The profile table built from langdetect's JSON is kept in a small file in the user cache
directory (n-grams and doubles, every count and value checked when read), keyed by the
Python version, the languages and the size and time of langdetect's code and profile
files, with a checksum; a cache that is stale, unreadable, damaged or crafted is ignored
and rebuilt, and one that cannot be written is simply not written. Set
``HUPLI_CACHE_DIR`` to move it, or ``HUPLI_NO_CACHE=1`` to skip it.
"""

from __future__ import annotations

import functools
import math
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hupli.model import UNDETERMINED, ConfigError

__all__ = ["UNDETERMINED", "Guess", "detect", "detect_document", "detect_many"]

DEFAULT_LANGUAGES: tuple[str, ...] = ("fi", "en", "sv")

MIN_LETTERS = 12
MIN_PROBABILITY = 0.90
MAX_NAME_WORDS = 3
# langdetect samples n-grams at random, so a few hundred characters already pin the
# language down; reading more only costs time on long paragraphs.
MAX_TEXT_LENGTH = 240
# langdetect's default is 7 random walks; bench/bench_detect.py shows how many are needed.
N_TRIAL = 3
# The exact posterior decides without langdetect's random walks when one language leads by
# this many nats over at least this many n-grams (see `_screen`, bench/bench_detect.py).
SCREEN_MARGIN = 20.0
SCREEN_MIN_NGRAMS = 30

_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Paths, file names, domains, identifiers and hashes: ``figures/top-bar.png``, ``md5='1ef…'``.
_CODE_RE = re.compile(r"\S*(?:[/\\=_]|[^\W\d_]\.[^\W\d_])\S*")
_URL_HINT_RE = re.compile(r"://|www\.", re.IGNORECASE)
# What `_CODE_RE` needs somewhere in the text; finding it is much cheaper than the match.
_CODE_HINT_RE = re.compile(r"[/\\=_]|\.(?<=[^\W\d_]\.)(?=[^\W\d_])")
_DIGITS_RE = re.compile(r"\d+")
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
_LANGUAGE_CODE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2})?")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# Words that make a capitalised phrase a sentence or headline rather than a name. Kept
# short: only words that could stand between capitalised words in a title.
_FUNCTION_WORDS = frozenset(
    """
    a an the and or but of in on at to for from by with as is are was were be has have had
    it its this that these those not no new how why what who when after over into up out
    says said will can
    ja tai sekä on oli ei ovat kun jos että myös mutta se ne
    och eller i på av för med är var en ett den det som till om
    """.split()  # noqa: SIM905 - a word list reads better as text than as 80 quoted strings
)


@dataclass(frozen=True)
class Guess:
    """A language code (``"fi"``, ``"en"``, ``"sv"``, … or ``"und"``) and how sure we are."""

    language: str
    probability: float  # 0..1; 0.0 for "und" decided by the rules before langdetect ran


_UND = Guess(UNDETERMINED, 0.0)


def detect(text: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES, seed: int = 0) -> Guess:
    """Language of one block of text, or "und" when it is too short or ambiguous to tell.

    >>> detect("Viestintäjohtaja kertoo, miten homma lähti lapasesta.").language
    'fi'
    >>> detect("Liisa Hupli-Oinonen").language
    'und'
    """
    return _detect_cached(text, tuple(languages), seed)


def detect_many(
    texts: Sequence[str], languages: tuple[str, ...] = DEFAULT_LANGUAGES, seed: int = 0
) -> list[Guess]:
    """`detect` for each text, in order."""
    languages = tuple(languages)
    return [_detect_cached(text, languages, seed) for text in texts]


def detect_document(
    texts: Sequence[str],
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
    seed: int = 0,
    guesses: Sequence[Guess] | None = None,
) -> Guess:
    """Language of a whole document from its block texts.

    Each determined block votes for its language with its number of letters, so a long
    paragraph outweighs a caption and a few untranslated blocks cannot flip a translation.
    The probability is the winner's share of the votes. When no block can be told on its
    own (a document of short lines), the blocks are joined and detected as one text.
    `guesses`, when the caller has them, are `detect_many(texts, languages, seed)`.
    """
    languages = tuple(languages)
    if guesses is None or len(guesses) != len(texts):
        guesses = detect_many(texts, languages, seed)
    votes: dict[str, float] = {}
    for text, guess in zip(texts, guesses, strict=True):
        if guess.language != UNDETERMINED:
            weight = _letters_in_clean(_strip_noise(text)) * guess.probability
            votes[guess.language] = votes.get(guess.language, 0.0) + weight
    total = sum(votes.values())
    if total <= 0.0:
        return detect("\n".join(texts)[: 4 * MAX_TEXT_LENGTH], languages, seed)
    # Ties go to the earlier configured language, so the answer never depends on dict order.
    best = max(votes, key=lambda lang: (votes[lang], -languages.index(lang)))
    return Guess(best, votes[best] / total)


# --- rules ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def _strip_noise(text: str) -> str:
    # Cached: detection and the document vote both ask. The patterns are costly on prose
    # (each tries at every word), so each runs only when a cheap test finds a candidate.
    if _URL_HINT_RE.search(text):
        text = _URL_RE.sub(" ", text)
    if "@" in text:
        text = _EMAIL_RE.sub(" ", text)
    if _CODE_HINT_RE.search(text):
        text = _CODE_RE.sub(" ", text)
    return _DIGITS_RE.sub(" ", text)


def _count_letters(text: str) -> int:
    return len(_NON_LETTERS_RE.sub("", text))


@functools.lru_cache(maxsize=16384)
def _letters_in_clean(clean: str) -> int:
    # Cached: both a block's detection and its document's vote count the letters of the
    # same cleaned text, and counting was a tenth of reading a page.
    return _count_letters(clean)


def _without_capitalised_words(text: str) -> str:
    """The text without its capitalised words, if enough is left to detect.

    Capitalised words are mostly names (``Huffington Postin reportteri Kim Bellware``),
    and names pull a Finnish sentence towards English. A sentence's first word goes too,
    which costs nothing when the rest is long enough; when it is not (a Title Case
    headline), the whole text is kept.
    """
    rest = " ".join(word for word in text.split() if not word[:1].isupper())
    return rest if _count_letters(rest) >= MIN_LETTERS else text


def _looks_like_name(text: str) -> bool:
    """A few capitalised words and nothing else: "Anna-Mari Jaanu", "Imatra, Finland"."""
    words = _WORD_RE.findall(text)
    # One long word is more often a Finnish compound ("Järjestelmäasetukset") than a name.
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return False
    # Anything but the words, spaces and the punctuation of a name list means a sentence.
    rest = _WORD_RE.sub("", text)
    if any(ch not in " \t\n,.&()/" for ch in rest):
        return False
    for word in words:
        if word.lower() in _FUNCTION_WORDS:
            return False
        for part in re.split(r"['’-]", word):
            if not part[:1].isupper():
                return False
    return True


@functools.lru_cache(maxsize=8192)
def _detect_cached(text: str, languages: tuple[str, ...], seed: int) -> Guess:
    # Cached: align and check ask about the same blocks, and the answer is deterministic.
    _factory(languages, seed)  # first, so a bad language is reported on any input
    return _detect_clean(_strip_noise(text), languages, seed)


@functools.lru_cache(maxsize=16384)
def _detect_clean(clean: str, languages: tuple[str, ...], seed: int) -> Guess:
    # The answer depends on the text without its digits, URLs and e-mails only, so blocks
    # that differ only there (a page's "updated 3.4.2020" line, the same boilerplate with
    # other figures across thousands of pages) are detected once. Profiled on a 10,000-page
    # corpus, langdetect was two thirds of reading a corpus.
    factory = _factory(languages, seed)
    letters = _letters_in_clean(clean)
    if letters < MIN_LETTERS or _looks_like_name(clean):
        return _UND
    if sum(map(str.isupper, clean)) * 2 > letters:
        clean = clean.lower()
    reduced = _without_capitalised_words(clean)
    guess = _screen(reduced, languages) or _langdetect(factory, reduced)
    if guess.language == UNDETERMINED and reduced is not clean:
        # Without its names the text was too little to go on; the names may settle it.
        guess = _screen(clean, languages) or _langdetect(factory, clean)
    return guess


def _screen(text: str, languages: tuple[str, ...]) -> Guess | None:
    """The language when langdetect's own profiles leave no doubt, else None.

    langdetect estimates a naive Bayes posterior by sampling the text's n-grams at random
    until it is sure. Most blocks are plain prose in one language, whose every n-gram
    points the same way; there the exact posterior over all n-grams, summed word by word
    from a per-word memo, gives the same answer for a fraction of the cost (words repeat
    across a site, so most are looked up, not computed). It decides only when the leader
    is ahead by `SCREEN_MARGIN` nats over at least `SCREEN_MIN_NGRAMS` n-grams, and by half
    that in each half of the text, so a block that is half Finnish and half English (where
    langdetect's walks would disagree and say "und") still goes to langdetect, as does any
    short or name-heavy text. Like langdetect, it reads the first `MAX_TEXT_LENGTH`
    characters.
    """
    words = text.split()
    if len(text) >= MAX_TEXT_LENGTH:
        kept, budget = [], MAX_TEXT_LENGTH
        for word in words:
            budget -= len(word) + 1
            if budget < 0:
                break
            kept.append(word)
        words = kept
    # The memo is read directly (this loop was most of the screen's time); a miss is
    # computed through the cached function, which bounds what is kept.
    memo = _word_memo(languages)
    found = [memo.get(word) or _word_scores(word, languages) for word in words]
    found = [item for item in found if item[0]]
    counts = [n for n, _ in found]
    scored = [scores for _, scores in found]
    total = sum(counts)
    if total < SCREEN_MIN_NGRAMS:
        return None
    # Split where half the n-grams have been seen; columns are summed by zip, in C.
    seen = middle = 0
    while 2 * seen < total:
        seen += counts[middle]
        middle += 1
    halves = [
        [sum(column) for column in zip(*part, strict=True)]
        for part in (scored[:middle], scored[middle:])
    ]
    sums = [sum(column) for column in zip(*scored, strict=True)]
    best = max(range(len(languages)), key=lambda k: (sums[k], -k))
    for part, need in ((sums, SCREEN_MARGIN), *((half, SCREEN_MARGIN / 2) for half in halves)):
        if not part or any(part[best] - part[k] < need for k in range(len(part)) if k != best):
            return None
    others = sum(math.exp(sums[k] - sums[best]) for k in range(len(languages)) if k != best)
    return Guess(languages[best], 1.0 / (1.0 + others))


# langdetect smooths each n-gram's probability with alpha / BASE_FREQ, alpha about 0.5.
_SMOOTHING = 0.5 / 10_000


_WORD_MEMO_SIZE = 1 << 17


@functools.lru_cache(maxsize=8)
def _word_memo(languages: tuple[str, ...]) -> dict[str, tuple[int, tuple[float, ...]]]:
    """word → `_word_scores(word, languages)`, for the words seen most recently."""
    return {}


def _word_scores(word: str, languages: tuple[str, ...]) -> tuple[int, tuple[float, ...]]:
    """How many of a word's n-grams langdetect knows, and their summed log-probabilities
    per language. A word's n-grams never span a space, so a text's are its words' ones."""
    memo = _word_memo(languages)
    found = memo.get(word)
    if found is None:
        if len(memo) >= _WORD_MEMO_SIZE:
            memo.clear()  # a long run's vocabulary: start again rather than grow
        found = memo[word] = _compute_word_scores(word, languages)
    return found


def _compute_word_scores(word: str, languages: tuple[str, ...]) -> tuple[int, tuple[float, ...]]:
    _, table = _profile_table(languages)
    logs = _log_table(languages)
    sums = [0.0] * len(languages)
    grams = extract_ngrams(word + " ", table)
    for gram in grams:
        scores = logs.get(gram)
        if scores is None:
            scores = logs[gram] = [math.log(p + _SMOOTHING) for p in table[gram]]
        for k, score in enumerate(scores):
            sums[k] += score
    return len(grams), tuple(sums)


@functools.lru_cache(maxsize=8)
def _log_table(languages: tuple[str, ...]) -> dict[str, list[float]]:
    """n-gram → smoothed log-probabilities, filled as n-grams are met (most never are)."""
    return {}


def _langdetect(factory: Any, text: str) -> Guess:
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()
    detector.set_max_text_length(MAX_TEXT_LENGTH)
    detector.n_trial = N_TRIAL
    detector.append(text)
    # Same n-grams as langdetect's own method, a few times faster (profiled: it was half of
    # detection, and detection most of reading a corpus).
    detector._extract_ngrams = lambda: extract_ngrams(detector.text, detector.word_lang_prob_map)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # no n-gram of any configured language in the text
        return _UND
    if not ranked or ranked[0].prob < MIN_PROBABILITY:
        return _UND
    return Guess(ranked[0].lang, min(1.0, float(ranked[0].prob)))


@functools.lru_cache(maxsize=4096)
def _normalise_char(ch: str) -> str:
    from langdetect.utils.ngram import NGram

    return str(NGram.normalize(ch))


def extract_ngrams(text: str, known: Any) -> list[str]:
    """langdetect's `Detector._extract_ngrams`, step for step: the 1-, 2- and 3-grams of the
    normalised text that `known` has, skipping words in capitals."""
    result: list[str] = []
    append = result.append
    grams = " "
    capital = False
    for ch in text:
        ch = _normalise_char(ch)
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if ch == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if ch != " " and ch in known:
            append(ch)
        size = len(grams)
        if size >= 2:
            pair = grams[-2:]
            if pair in known:
                append(pair)
            if size >= 3 and grams in known:
                append(grams)
    return result


# --- profiles ---------------------------------------------------------------------------


def _profiles_directory() -> str:
    # Found without importing langdetect (tens of milliseconds): reading a configuration
    # asks which languages there are, and a run served from the cache detects nothing.
    import importlib.util

    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        import langdetect  # not installed as a package: let the import say so

        return os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    return os.path.join(next(iter(spec.submodule_search_locations)), "profiles")


def available_languages() -> tuple[str, ...]:
    """Language codes langdetect has profiles for, sorted."""
    directory = _profiles_directory()
    return tuple(sorted(name for name in os.listdir(directory) if not name.startswith(".")))


@functools.lru_cache(maxsize=16)
def _factory(languages: tuple[str, ...], seed: int) -> Any:
    from langdetect.detector_factory import DetectorFactory

    langlist, table = _profile_table(languages)
    factory = DetectorFactory()
    # Several seeds share one table; detectors only read it.
    factory.langlist = list(langlist)
    factory.word_lang_prob_map = table
    factory.set_seed(seed)
    return factory


@functools.lru_cache(maxsize=8)
def _profile_table(languages: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, list[float]]]:
    """langdetect's n-gram → per-language probability table for `languages` only."""
    if len(languages) < 2:
        raise ConfigError(
            f"language detection needs at least two languages to choose from, got {languages!r}"
        )
    if len(set(languages)) != len(languages):
        raise ConfigError(f"duplicate language in {languages!r}")
    directory = _profiles_directory()
    paths = [os.path.join(directory, lang) for lang in languages]
    # The pattern keeps a code from naming a path outside langdetect's profile folder.
    missing = [
        lang
        for lang, path in zip(languages, paths, strict=True)
        if not (_LANGUAGE_CODE_RE.fullmatch(lang) and os.path.isfile(path))
    ]
    if missing:
        raise ConfigError(
            f"no langdetect profile for {', '.join(map(repr, missing))}; "
            f"available: {', '.join(available_languages())}"
        )

    cache_path = _cache_path(languages)
    key = _cache_key(paths)
    if cache_path is not None:
        cached = _read_cache(cache_path, key, languages)
        if cached is not None:
            return languages, cached
    table = _build_table(languages, paths)
    if cache_path is not None:
        _write_cache(cache_path, key, languages, table)
    return languages, table


def _build_table(languages: tuple[str, ...], paths: list[str]) -> dict[str, list[float]]:
    import json

    from langdetect.detector_factory import DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    # Go through langdetect's own add_profile so the table is exactly what it would build.
    builder = DetectorFactory()
    for index, path in enumerate(paths):
        try:
            with open(path, encoding="utf-8") as handle:
                profile = LangProfile(**json.load(handle))
        except (OSError, ValueError, TypeError) as error:
            raise ConfigError(f"cannot read langdetect profile {path}: {error}") from error
        if profile.name != languages[index]:
            raise ConfigError(f"langdetect profile {path} is for {profile.name!r}")
        builder.add_profile(profile, index, len(paths))
    table: dict[str, list[float]] = builder.word_lang_prob_map
    return table


def _cache_path(languages: tuple[str, ...]) -> str | None:
    if os.environ.get("HUPLI_NO_CACHE"):
        return None
    root = os.environ.get("HUPLI_CACHE_DIR")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "hupli")
    return os.path.join(root, f"langdetect-{'-'.join(languages)}.table")


def _cache_key(paths: list[str]) -> str:
    """What the table depends on: the Python version, and langdetect's code and profile
    files, whose size and time change with any upgrade or edit. (Cheaper than
    importlib.metadata, which costs milliseconds.)"""
    from langdetect import detector_factory

    parts = [sys.version]
    for path in [detector_factory.__file__, *paths]:
        stat = os.stat(path)
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


# The table's file: one line of JSON (what it was built from, how many n-grams, a
# checksum), the n-grams joined by NUL, then each n-gram's probabilities as doubles. The
# file may come from elsewhere (a cache folder CI restored), so it is read with parsers
# whose memory follows its size, and every count and value is checked before the table is
# used: a damaged or crafted file is rebuilt, never trusted. (It was marshal, which five
# crafted bytes make allocate gigabytes.)
_TABLE_FORMAT = "hupli-langdetect-table/2"


def _read_cache(path: str, key: str, languages: tuple[str, ...]) -> dict[str, list[float]] | None:
    """The cached table, or None if it is missing, stale, damaged or not well formed."""
    import array
    import json
    import zlib

    try:
        with open(path, "rb") as handle:
            head = json.loads(handle.readline(64 * 1024))
            body = handle.read(_MAX_TABLE_BYTES + 1)
        if not isinstance(head, dict) or head.get("format") != _TABLE_FORMAT:
            return None
        if head.get("key") != key or head.get("languages") != list(languages):
            return None
        grams, names = head.get("grams"), head.get("names_bytes")
        if type(grams) is not int or type(names) is not int or grams <= 0 or names < 0:
            return None
        if len(body) != names + 8 * grams * len(languages) or zlib.crc32(body) != head.get("crc"):
            return None
        words = body[:names].decode("utf-8").split("\0")
        values = array.array("d")
        values.frombytes(body[names:])
    except Exception:  # any damage at all: build the table again
        return None
    # Probabilities, each in [0, 1] (a NaN fails both tests); one row per distinct n-gram.
    if len(words) != grams or not all(map((0.0).__le__, values)):
        return None
    if not all(map((1.0).__ge__, values)):
        return None
    width = len(languages)
    rows = iter(values.tolist())
    # zip of one iterator WIDTH times: consecutive rows of WIDTH values (the length was
    # checked above, so none is short).
    table = dict(zip(words, map(list, zip(*[rows] * width, strict=False)), strict=True))
    return table if len(table) == grams else None


# The built table is a few hundred kilobytes; a file many times that is not one.
_MAX_TABLE_BYTES = 64 * 1024 * 1024


def _write_cache(
    path: str, key: str, languages: tuple[str, ...], table: dict[str, list[float]]
) -> None:
    import array
    import json
    import tempfile
    import zlib

    try:
        words = list(table)
        if any("\0" in word or len(table[word]) != len(languages) for word in words):
            return
        names = "\0".join(words).encode("utf-8")
        values = array.array("d", [p for word in words for p in table[word]])
        body = names + values.tobytes()
        head = {
            "format": _TABLE_FORMAT,
            "key": key,
            "languages": list(languages),
            "grams": len(words),
            "names_bytes": len(names),
            "crc": zlib.crc32(body),
        }
        directory = os.path.dirname(path)
        os.makedirs(directory, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(head).encode("utf-8") + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        pass  # A read-only home or full disk only costs the next run a few milliseconds.
