"""How well each way of looking up Finnish words tells translations from unrelated text.

    python bench/bench_lexicon.py [--dev-only]       (make bench-lexicon)

Measured on the WMT16 fi→en *development* documents only: the 79 Finnish-original
documents whose docid's SHA-256 starts with 0–7 (the team's split); segments with the same
id are 1:1 translations. Every figure used to choose is from dev. The last table is the
same separation on the *test* documents, printed once as a held-out check and never used
to choose anything.

For each candidate (a Finnish word → English keys lookup, and English word → key):
  cov     share of Finnish content words (alphabetic, >= 3 letters, not function words)
          that reach an entry;
  true    of those, the share with a key in the aligned English sentence;
  nbr     ... in another sentence of the same document of similar length (seeded);
  unrel   ... in a sentence of similar length from another document (seeded);
  hit/miss  the per-word log-likelihood ratios log(true/unrel), log((1-true)/(1-unrel));
  AUC     how often a true pair's log-likelihood ratio (k hits of n known distinct words)
          beats a false pair's: sentence and paragraph (3 consecutive segments) against
          another unit of the same document, and sentence against another document;
  load    cold process: import + read the data + first lookup, best of 5 (ms);
  µs/1k   looking up 1,000 Finnish and 1,000 English word tokens, nothing cached.

Candidates: FreeDict keyed by 5-letter prefixes (the old GNOME-help table these replaced is
gone since hupli 0.2); FreeDict keyed by Snowball stems of its headwords, then also of
inflected forms (what hupli ships, without and with its prefix fallback), each with or
without a compound split (the longest known stem that ends the word's stem); and, for
reference, simplemma's and Voikko's lemmas as keys (if installed; neither can be used at
run time: simplemma takes seconds to load Finnish, Voikko is not on PyPI).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import build_dictionary  # noqa: E402
import evaldata  # noqa: E402

from hupli.evidence import lexicon as dictionary  # noqa: E402

SEED = 20160
PARAGRAPH = 3  # segments per paragraph
SIMILAR = 1.5  # a "similar length" sentence is within this ratio of the gold one
COMPOUND_MIN = 5  # letters of the stem that ends a compound
_WORD = re.compile(r"[^\W\d_]+")

FiLookup = Callable[[str], frozenset[str]]
EnKey = Callable[[str], str]


def is_dev(docid: str) -> bool:
    return hashlib.sha256(docid.encode()).hexdigest()[0] in "01234567"


@dataclass(frozen=True)
class Candidate:
    name: str
    finnish: FiLookup  # lowercased content word → English keys
    english: EnKey  # lowercased English content word → key
    load_code: str = ""  # Python run in a fresh process to time loading; "" = not shipped
    reset: Callable[[], None] | None = None  # clears caches before timing lookups


def fi_content(text: str) -> list[str]:
    return [
        w
        for w in _WORD.findall(text.lower())
        if len(w) >= dictionary.MIN_LETTERS and w not in dictionary.FINNISH_FUNCTION_WORDS
    ]


def en_content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in dictionary.ENGLISH_FUNCTION_WORDS]


# --- candidates -------------------------------------------------------------------------


def prefix_key(word: str) -> str:
    return word[: dictionary.PREFIX]


def gloss_prefix_keys(entries: Sequence[build_dictionary.Entry]) -> dict[str, set[str]]:
    """Headword → English 5-letter keys of its glosses (as the old table's English side)."""
    table: dict[str, set[str]] = {}
    for entry in entries:
        head = entry.headword.lower()
        if not _WORD.fullmatch(head):
            continue
        keys = set()
        for sense in entry.senses:
            for item in re.split(r"[,;]", sense):
                item = re.sub(r"\([^)]*\)", " ", item).split("#", 1)[0]
                keys |= {prefix_key(w) for w in en_content(item)}
        if keys:
            table.setdefault(head, set()).update(keys)
    return table


def from_table(table: dict[str, set[str]], key: Callable[[str], str]) -> FiLookup:
    frozen = {k: frozenset(v) for k, v in table.items()}
    empty: frozenset[str] = frozenset()
    return lambda word: frozen.get(key(word), empty)


def shipped_lookup(fallback: bool, compound: bool) -> FiLookup:
    """The shipped file, looked up stem first, then (optionally) the compound split, then
    (optionally) the prefix fallback."""
    table = dictionary._table()

    def entry(key: str) -> frozenset[str]:
        value = table.get(key)
        return frozenset(value.split(" ")) if value else frozenset()

    def lookup(word: str) -> frozenset[str]:
        stem = dictionary.finnish_stem(word)
        found = entry(stem)
        if not found and compound:
            for start in range(2, len(stem) - COMPOUND_MIN + 1):
                found = entry(stem[start:])
                if found:
                    break
        if not found and fallback:
            found = entry(dictionary.PREFIX_MARK + prefix_key(word))
        return found

    return lookup


def stem_lookup(heads: dict[str, set[str]], compound: bool) -> FiLookup:
    """FreeDict keyed by the Snowball stems of its headwords only."""
    table: dict[str, set[str]] = {}
    for head, keys in heads.items():
        table.setdefault(dictionary.finnish_stem(head), set()).update(keys)
    frozen = {k: frozenset(v) for k, v in table.items()}
    empty: frozenset[str] = frozenset()

    def lookup(word: str) -> frozenset[str]:
        stem = dictionary.finnish_stem(word)
        found = frozen.get(stem, empty)
        if not found and compound:
            for start in range(2, len(stem) - COMPOUND_MIN + 1):
                found = frozen.get(stem[start:], empty)
                if found:
                    break
        return found

    return lookup


def lemma_lookup(heads: dict[str, set[str]], lemmas: Callable[[str], list[str]]) -> FiLookup:
    frozen = {k: frozenset(v) for k, v in heads.items()}
    empty: frozenset[str] = frozenset()
    return lambda word: empty.union(*(frozen.get(lemma, empty) for lemma in lemmas(word)))


def reference_candidates(heads: dict[str, set[str]]) -> list[Candidate]:
    out = []
    try:
        import simplemma

        out.append(
            Candidate(
                "fd simplemma lemma (ref.)",
                lemma_lookup(heads, lambda w: [simplemma.lemmatize(w, lang="fi").lower()]),
                dictionary.english_word_key,
                "import simplemma; simplemma.lemmatize('talossa', lang='fi')",
            )
        )
    except ImportError:
        print("(simplemma not installed: its row is left out; pip install simplemma)")
    if build_dictionary.LIBVOIKKO.is_file():
        voikko = build_dictionary.load_voikko()

        def voikko_lemmas(word: str) -> list[str]:
            found = sorted({a["BASEFORM"].lower() for a in voikko.analyze(word)})
            return found or [word]

        out.append(
            Candidate(
                "fd Voikko lemma (ref.)",
                lemma_lookup(heads, voikko_lemmas),
                dictionary.english_word_key,
            )
        )
    else:
        print("(Voikko not installed: its row is left out)")
    return out


def candidates() -> list[Candidate]:
    files = build_dictionary.read_deb(build_dictionary.fetch_deb())
    entries, _ = build_dictionary.parse_dictd(
        files[build_dictionary.INDEX], files[build_dictionary.DICT]
    )
    heads = build_dictionary.headword_table(entries)
    fd5: dict[str, set[str]] = {}
    for head, keys in gloss_prefix_keys(entries).items():
        fd5.setdefault(prefix_key(head), set()).update(keys)
    en_snow = dictionary.english_word_key

    def reset_shipped() -> None:
        dictionary.finnish_word_keys.cache_clear()
        dictionary._entry.cache_clear()
        dictionary.english_word_key.cache_clear()

    shipped_load = "import hupli.evidence.lexicon as d; d.finnish_keys('talossa')"
    return [
        Candidate("fd prefix-5", from_table(fd5, prefix_key), prefix_key),
        Candidate("fd snowball", stem_lookup(heads, False), en_snow),
        Candidate("fd snowball +cmp", stem_lookup(heads, True), en_snow),
        Candidate("fd snowball+forms", shipped_lookup(False, False), en_snow),
        Candidate("fd snowball+forms +cmp", shipped_lookup(False, True), en_snow),
        Candidate("fd snowball+forms +cmp +p5", shipped_lookup(True, True), en_snow),
        Candidate(
            "SHIPPED: snowball+forms +p5",
            dictionary.finnish_word_keys,
            en_snow,
            shipped_load,
            reset_shipped,
        ),
        *reference_candidates(heads),
    ]


# --- measurement ------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A Finnish unit, its English translation, and the false partners it is scored with."""

    fi: str
    en: str
    neighbour: str  # same document
    unrelated: str  # another document


def _similar(pool: Sequence[str], length: int, rng: random.Random) -> str:
    near = [t for t in pool if 1 / SIMILAR <= (len(t) + 1) / (length + 1) <= SIMILAR]
    return rng.choice(near or list(pool))


def units(docs: Sequence[evaldata.DocPair], group: int) -> list[Unit]:
    """Units of `group` segments with their seeded false partners; documents with a single
    unit are left out (they have no neighbour)."""
    rng = random.Random(SEED + group)
    grouped = [
        (
            [" ".join(d.fi[i : i + group]) for i in range(0, len(d.fi), group)],
            [" ".join(d.en[i : i + group]) for i in range(0, len(d.en), group)],
        )
        for d in docs
    ]
    out = []
    for index, (fi, en) in enumerate(grouped):
        if len(fi) < 2:
            continue
        for i, (f, e) in enumerate(zip(fi, en, strict=True)):
            neighbour = _similar([t for j, t in enumerate(en) if j != i], len(e), rng)
            other = rng.choice([g for j, g in enumerate(grouped) if j != index])[1]
            out.append(Unit(f, e, neighbour, _similar(other, len(e), rng)))
    return out


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties counting half (Mann–Whitney)."""
    ranked = sorted([(v, 1) for v in positive] + [(v, 0) for v in negative])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(flag for _, flag in ranked[i:j])
        i = j
    p, n = len(positive), len(negative)
    return (rank_sum - p * (p + 1) / 2) / (p * n)


@dataclass
class Rates:
    coverage: float
    true: float
    neighbour: float
    unrelated: float

    @property
    def hit(self) -> float:
        return math.log(self.true / self.unrelated)

    @property
    def miss(self) -> float:
        return math.log((1 - self.true) / (1 - self.unrelated))


def _keys_of(candidate: Candidate, words: Sequence[str]) -> list[frozenset[str]]:
    return [candidate.finnish(w) for w in words]


def rates(candidate: Candidate, sentences: Sequence[Unit]) -> Rates:
    content = known = true = neighbour = unrelated = 0
    for unit in sentences:
        keys = [k for k in _keys_of(candidate, fi_content(unit.fi)) if k]
        content += len(fi_content(unit.fi))
        known += len(keys)
        for text, attr in ((unit.en, "t"), (unit.neighbour, "n"), (unit.unrelated, "u")):
            english = {candidate.english(w) for w in en_content(text)}
            hits = sum(1 for k in keys if k & english)
            if attr == "t":
                true += hits
            elif attr == "n":
                neighbour += hits
            else:
                unrelated += hits
    known = max(known, 1)
    return Rates(known / max(content, 1), true / known, neighbour / known, unrelated / known)


def separation(candidate: Candidate, rate: Rates, group: Sequence[Unit]) -> tuple[float, float]:
    """AUC against same-document and against other-document partners, per-pair LLR of the
    k hits among the n distinct known Finnish words (as the aligner counts them)."""
    pos, same, other = [], [], []
    for unit in group:
        keys = [k for k in (candidate.finnish(w) for w in set(fi_content(unit.fi))) if k]
        n = len(keys)

        def llr(text: str, keys: list[frozenset[str]] = keys, n: int = n) -> float:
            english = {candidate.english(w) for w in en_content(text)}
            k = sum(1 for key in keys if key & english)
            return k * rate.hit + (n - k) * rate.miss

        pos.append(llr(unit.en))
        same.append(llr(unit.neighbour))
        other.append(llr(unit.unrelated))
    return auc(pos, same), auc(pos, other)


def load_ms(code: str) -> float:
    """Best of 5 cold processes: the time `code` takes after the interpreter is up."""
    if not code:
        return float("nan")
    timed = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    best = math.inf
    for _ in range(5):
        run = subprocess.run(
            [sys.executable, "-c", timed],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        )
        best = min(best, float(run.stdout.split()[-1]) * 1000)
    return best


def lookup_us(candidate: Candidate, fi_words: Sequence[str], en_words: Sequence[str]) -> float:
    """µs to look up 1,000 Finnish and 1,000 English tokens, caches cleared (best of 3)."""
    best = math.inf
    for _ in range(3):
        if candidate.reset:
            candidate.reset()
        start = time.perf_counter()
        for word in fi_words[:1000]:
            candidate.finnish(word)
        for word in en_words[:1000]:
            candidate.english(word)
        best = min(best, time.perf_counter() - start)
    return best * 1e6


def main() -> None:
    docs = evaldata.load_wmt16_fien()
    dev = [d for d in docs if is_dev(d.docid)]
    test = [d for d in docs if not is_dev(d.docid)]
    dev_sentences, dev_paragraphs = units(dev, 1), units(dev, PARAGRAPH)
    fi_words = [w for d in dev for s in d.fi for w in fi_content(s)]
    en_words = [w for d in dev for s in d.en for w in en_content(s)]
    print(
        f"WMT16 fi→en dev: {len(dev)} documents, {len(dev_sentences)} sentence pairs, "
        f"{len(dev_paragraphs)} paragraphs of {PARAGRAPH} (test: {len(test)} documents, unused "
        f"until the held-out table)\n"
    )
    found = candidates()
    header = (
        f"{'candidate':30} {'cov':>5} {'true':>5} {'nbr':>5} {'unrel':>5} {'hit':>5} "
        f"{'miss':>6} {'AUCsent':>7} {'AUCpara':>7} {'AUCsent':>7} {'load':>6} {'µs/1k':>7}"
    )
    print(f"{'':30} {'':>5} {'':>5} {'':>5} {'':>5} {'':>5} {'':>6} {'same doc':>15} {'other':>7}")
    print(header)
    measured = {}
    for candidate in found:
        rate = rates(candidate, dev_sentences)
        sent_same, sent_other = separation(candidate, rate, dev_sentences)
        para_same, _ = separation(candidate, rate, dev_paragraphs)
        measured[candidate.name] = rate
        print(
            f"{candidate.name:30} {rate.coverage:5.3f} {rate.true:5.3f} {rate.neighbour:5.3f} "
            f"{rate.unrelated:5.3f} {rate.hit:5.2f} {rate.miss:6.2f} {sent_same:7.3f} "
            f"{para_same:7.3f} {sent_other:7.3f} {load_ms(candidate.load_code):6.1f} "
            f"{lookup_us(candidate, fi_words, en_words):7.0f}",
            flush=True,
        )
    size = dictionary.DATA_FILE.stat().st_size
    print(f"\nshipped data: {dictionary.DATA_FILE.relative_to(ROOT)}, {size:,} bytes")
    if "--dev-only" in sys.argv:  # while choosing: the test documents stay unread
        return

    print(
        "\nHELD-OUT: WMT16 test documents, computed once for the report, NOT used to choose."
        "\nLLR rates are the dev rates above."
    )
    test_sentences, test_paragraphs = units(test, 1), units(test, PARAGRAPH)
    print(f"{len(test)} documents, {len(test_sentences)} sentence pairs")
    print(
        f"{'candidate':30} {'cov':>5} {'true':>5} {'nbr':>5} {'unrel':>5} "
        f"{'AUCsent':>7} {'AUCpara':>7} {'AUCsent(other doc)':>19}"
    )
    for candidate in found:
        rate = measured[candidate.name]
        held = rates(candidate, test_sentences)
        sent_same, sent_other = separation(candidate, rate, test_sentences)
        para_same, _ = separation(candidate, rate, test_paragraphs)
        print(
            f"{candidate.name:30} {held.coverage:5.3f} {held.true:5.3f} {held.neighbour:5.3f} "
            f"{held.unrelated:5.3f} {sent_same:7.3f} {para_same:7.3f} {sent_other:19.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
