"""Which translation belongs to which original, across a whole corpus, and why.

Three stages, each taking only what the previous ones left:

1. **manifest** — `pairs` in the configuration; always wins.
2. **naming** — the same name key on both sides (`fi/a.md` ↔ `en/a.md`: method "folder";
   `a.fi.md` ↔ `a.en.md`: method "name"); see `hupli.corpus.declared_language`.
3. **content** — for documents with opaque names (`hupli.corpus.features` reads each one).

   *Evidence.* Anchor keys: numbers, dates, times, URLs, e-mails (`hupli.evidence.extract`)
   and names cut to a short prefix, so that `Imatran` and `Imatra` both become `imat`.
   Word keys: the aligner's lexical evidence in the English key space — a Finnish content
   word becomes the English keys the shipped dictionary gives it and its first letters, an
   English word its stem and its first letters (`hupli.evidence.lexicon`), so a page with
   no figures and no names still meets its translation. Each key weighs its rarity,
   `log(1 + N / df)`; keys that only one language ever has ("Suomen", "President") weigh
   nothing, and so do word keys more than a tenth of the documents hold. A document's
   word vector keeps its 64 rarest keys.

   *Candidates.* Inverted indexes map keys to the translations holding them. An original's
   rarest anchor keys and rarest word keys (those at most 50 translations hold) look up at
   most 12 + 6 candidates, never all pairs. Each is scored by the mean of the two cosines
   (anchors: tf·idf, tf = blocks holding the key, sublinear; words: binary) times
   `0.2 + 0.65 · length fit + 0.15 · structure fit`, where the length fit compares the
   translation's length with the Gale–Church ratio of the settings.

   *Decision.* An original and a translation pair when each is the other's best candidate
   and the best is ahead of the second best on both sides by a margin of at least
   `MIN_MARGIN` (`ContentIndex.margin`: by score, or by the keys that tell the two apart,
   which is what separates near-duplicate pages), with a score of at least `SURE_SCORE`.
   A closer call is checked by aligning: the pair is taken when the aligner supports at
   least half of each side's prose (`hupli.align.checks.support`) and neither second
   candidate reads clearly better. `min_pair_score` (default 0.1) is only a floor: no
   content pair scores below it. There is no absolute threshold to fit to the data.

   Tuned on the WMT16 dev split (`bench/bench_pair.py`: 41 originals, 6 translations
   withheld, 68 English-original distractors, seeds 0–2, with and without digits): true
   pairs scored at least 0.35 with a margin of at least 0.48; the best candidate of a
   withheld original scored at most 0.20, so every such close call was aligned, and none
   was supported. Hence `MIN_MARGIN` and `SURE_SCORE` 0.3, with room on both sides.

Every pair says how it was found; every document left alone says why.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hupli.cache import Cache, register
from hupli.corpus.config import DEFAULT_MIN_PAIR_SCORE, Config
from hupli.corpus.discover import Corpus, Entry
from hupli.corpus.features import Features, features
from hupli.settings import Settings

MANIFEST, FOLDER, NAME, CONTENT = "manifest", "folder", "name", "content"

# Candidate generation: an original looks up at most this many of its rarest keys, skips keys
# that more than this share of the translations hold (they find everything and tell
# nothing), and scores at most this many of the best-supported candidates.
LOOKUP_KEYS = 48
COMMON_KEY_SHARE = 0.2
COMMON_KEY_MIN = 50
MAX_CANDIDATES = 12
# Word keys likewise: the rarest few look up candidates, and keys held by more than this
# share of all documents are not compared at all.
LOOKUP_WORDS = 32
RARE_WORD_MAX = 50  # a word key more translations than this hold looks nothing up
MAX_WORD_KEYS = 64  # a document's rarest word keys that are compared
MAX_WORD_CANDIDATES = 6
COMMON_WORD_SHARE = 0.1
# A candidate's evidence: this share of its anchor cosine, the rest its word cosine.
ANCHOR_SHARE = 0.5
# The decision (`_pair_by_content`): the best candidate must be MIN_MARGIN ahead of the
# second on both sides (`ContentIndex.margin`) and score at least SURE_SCORE, or else the
# aligner must find at least MIN_SUPPORT of each side's prose supported, and neither second
# candidate SUPPORT_MARGIN more so.
MIN_MARGIN = 0.3
SURE_SCORE = 0.3  # below this even a clear margin is checked by aligning
MIN_SUPPORT = 0.5
SUPPORT_MARGIN = 0.2

MAX_LENGTH_FACTOR = 2.0  # translations this many times longer/shorter than expected score 0
SHOWN_REASONS = 6
PARALLEL_MIN_DOCUMENTS = 400  # below this, starting processes costs more than it saves


@register
@dataclass(frozen=True)
class Pair:
    source: str  # path of the original
    target: str  # path of the translation
    method: str  # "manifest", "folder", "name" or "content"
    score: float  # 1.0 for manifest and naming pairs
    reasons: tuple[str, ...] = ()
    # Content pairs: how clearly this pair is ahead of each side's second candidate (the
    # smaller side's `ContentIndex.margin`); 1.0 for manifest and naming pairs.
    margin: float = 1.0

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "method": self.method,
            "score": round(self.score, 4),
            "margin": round(self.margin, 4),
            "reasons": list(self.reasons),
        }


@register
@dataclass(frozen=True)
class Unpaired:
    path: str
    language: str
    role: str  # "original" or "translation"
    reason: str
    candidate: str = ""  # the best candidate content pairing saw, if any
    candidate_score: float = 0.0

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "path": self.path,
            "language": self.language,
            "role": self.role,
            "reason": self.reason,
        }
        if self.candidate:
            out["candidate"] = self.candidate
            out["candidate_score"] = round(self.candidate_score, 4)
        return out


@register
@dataclass(frozen=True)
class Pairing:
    pairs: tuple[Pair, ...]
    unpaired: tuple[Unpaired, ...]
    problems: tuple[str, ...] = ()  # manifest entries that name no document, and the like

    @property
    def untranslated(self) -> tuple[Unpaired, ...]:
        """Originals with no translation."""
        return tuple(u for u in self.unpaired if u.role == "original")

    @property
    def orphans(self) -> tuple[Unpaired, ...]:
        """Translations with no original."""
        return tuple(u for u in self.unpaired if u.role == "translation")


def _all_features(
    entries: list[Entry], jobs: int, progress: Callable[[str], None] | None
) -> list[Features]:
    from hupli.parallel import map_shared

    # Entries made by hupli.corpus carry their features already (made in parallel while
    # reading, and cached); only others are computed here. Documents carry their anchors,
    # so that is cheap; only many of them are worth spreading over processes.
    missing = tuple(entry for entry in entries if entry.pairing_features is None)
    made = iter(
        map_shared(
            _features_job, missing, range(len(missing)), jobs, min_items=PARALLEL_MIN_DOCUMENTS
        )
    )
    out = []
    for entry in entries:
        out.append(entry.pairing_features or next(made))
        if progress:
            progress(entry.path)
    return out


def _features_job(entries: tuple[Entry, ...], number: int) -> Features:
    entry = entries[number]
    return features(entry.document, entry.language)


def _idf(df: int, n: int) -> float:
    return math.log(1.0 + n / max(df, 1))


def _length_fit(source_chars: int, target_chars: int, ratio: float) -> float:
    if not source_chars or not target_chars:
        return 0.0
    off = abs(math.log(target_chars / (ratio * source_chars)))
    return max(0.0, 1.0 - off / math.log(MAX_LENGTH_FACTOR))


def _shape_fit(a: Features, b: Features) -> float:
    blocks = min(a.blocks, b.blocks) / max(a.blocks, b.blocks, 1)
    headings = (min(a.headings, b.headings) + 1) / (max(a.headings, b.headings) + 1)
    return 0.7 * blocks + 0.3 * headings


@dataclass(frozen=True)
class _Scored:
    score: float
    source: int
    target: int
    anchor: float
    words: float
    length: float
    shape: float


class ContentIndex:
    """Inverted indexes from anchor keys and word keys to translations, with rarity
    weights."""

    def __init__(
        self,
        sources: Sequence[Features],
        targets: Sequence[Features],
        length_ratio: float,
    ) -> None:
        self.sources, self.targets = sources, targets
        self.length_ratio = length_ratio
        df: dict[str, int] = defaultdict(int)
        for feats in (*sources, *targets):
            for key in feats.keys:
                df[key] += 1
        in_sources = {key for feats in sources for key in feats.keys}
        in_targets = {key for feats in targets for key in feats.keys}
        n = len(sources) + len(targets)
        self.idf = {key: _idf(count, n) for key, count in df.items()}
        # A key that only one side of the corpus has ("Suomen", "President") can never be
        # shared, so it weighs nothing either way: what one language capitalises or spells
        # differently must not count against a pair.
        self.weight = {
            key: w for key, w in self.idf.items() if key in in_sources and key in in_targets
        }
        # An extra unshared dimension in every vector: two documents that share their one and
        # only key are not thereby proven a pair.
        self.prior = _idf(2, n)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for j, feats in enumerate(targets):
            for key in feats.keys:
                if key in self.weight:
                    self.postings[key].append(j)
        self.common = max(COMMON_KEY_MIN, int(COMMON_KEY_SHARE * len(targets)))
        self._vec_s = [self._vector(f) for f in sources]
        self._vec_t = [self._vector(f) for f in targets]
        self._index_words(sources, targets, n)

    def _index_words(
        self, sources: Sequence[Features], targets: Sequence[Features], n: int
    ) -> None:
        """Word keys: binary vectors of each document's `MAX_WORD_KEYS` rarest keys that
        both sides have, weighted by rarity like anchors. A key more than
        `COMMON_WORD_SHARE` of the documents hold ("say", "year", and what every Finnish
        word's many glosses reach) is left out, and so are a long page's commoner keys:
        they weigh little, and leaving them out keeps a corpus of 10,000 documents small
        in memory and quick to score."""
        df_s: Counter[str] = Counter()
        df_t: Counter[str] = Counter()
        for feats in sources:
            df_s.update(feats.words.split())
        for feats in targets:
            df_t.update(feats.words.split())
        most = max(COMMON_KEY_MIN, int(COMMON_WORD_SHARE * n))
        # Rarest first, ties by the key itself (deterministic); one string object per key
        # (the dict's own), not one per document.
        df = {
            key: count + df_t[key]
            for key, count in df_s.items()
            if key in df_t and count + df_t[key] <= most
        }
        rank = {key: r for r, key in enumerate(sorted(df, key=lambda k: (df[k], k)))}
        canonical = {key: key for key in rank}
        self.word_weight = {key: _idf(count, n) for key, count in df.items()}
        square = {key: w * w for key, w in self.word_weight.items()}
        self._square = square
        prior = self.prior**2

        def vector(words: str) -> tuple[frozenset[str], float]:
            keys = sorted((k for k in words.split() if k in rank), key=rank.__getitem__)
            kept = frozenset(map(canonical.__getitem__, keys[:MAX_WORD_KEYS]))
            return kept, math.sqrt(math.fsum(map(square.__getitem__, kept)) + prior)

        self._words_s = [vector(f.words) for f in sources]
        self._words_t = [vector(f.words) for f in targets]
        postings: dict[str, list[int]] = defaultdict(list)
        for j, (kept, _) in enumerate(self._words_t):
            for key in kept:
                postings[key].append(j)
        # Only rare words look candidates up, rarest first.
        self.word_postings = {k: p for k, p in postings.items() if len(p) <= RARE_WORD_MAX}
        self.word_rank = {k: rank[k] for k in self.word_postings}
        # Languages without a dictionary here (hupli.corpus.features.word_keys) have no
        # word keys: their anchors are all the evidence, and weigh fully.
        self.anchor_share = ANCHOR_SHARE if self.word_weight else 1.0

    def _vector(self, feats: Features) -> tuple[dict[str, float], float]:
        """Sublinear tf·idf weights of the shareable keys, and the vector's norm."""
        vec = {
            k: (1.0 + math.log(tf)) * self.weight[k] for k, tf in feats.counts if k in self.weight
        }
        norm = math.sqrt(sum(w * w for w in vec.values()) + self.prior**2)
        return vec, norm

    def candidates(self, i: int) -> list[int]:
        """Translations sharing the most rare weight with original `i` (a few lookups):
        the best by anchors and the best by words."""
        weight = self.weight
        keys = sorted(
            (k for k in self.sources[i].keys if k in weight), key=lambda k: (-weight[k], k)
        )
        votes: dict[int, float] = defaultdict(float)
        for key in keys[:LOOKUP_KEYS]:
            posting = self.postings.get(key, ())
            if len(posting) > self.common:
                continue
            w = weight[key]
            for j in posting:
                votes[j] += w
        rank = self.word_rank
        words = sorted((k for k in self._words_s[i][0] if k in rank), key=rank.__getitem__)
        word_votes: dict[int, float] = defaultdict(float)
        for key in words[:LOOKUP_WORDS]:
            w = self.word_weight[key]
            for j in self.word_postings[key]:
                word_votes[j] += w
        return _top(votes, MAX_CANDIDATES) + [
            j for j in _top(word_votes, MAX_WORD_CANDIDATES) if j not in votes
        ]

    def score(self, i: int, j: int) -> _Scored:
        src, tgt = self.sources[i], self.targets[j]
        (vs, ns), (vt, nt) = self._vec_s[i], self._vec_t[j]
        small, large = (vt, vs) if len(vt) < len(vs) else (vs, vt)
        anchor = sum(vs[k] * vt[k] for k in small if k in large) / (ns * nt)
        (ws, wns), (wt, wnt) = self._words_s[i], self._words_t[j]
        # fsum: a set's order changes from run to run, and a plain sum's last bits with it.
        words = math.fsum(map(self._square.__getitem__, ws & wt)) / (wns * wnt)
        length = _length_fit(src.chars, tgt.chars, self.length_ratio)
        shape = _shape_fit(src, tgt)
        evidence = self.anchor_share * anchor + (1.0 - self.anchor_share) * words
        score = evidence * (0.2 + 0.65 * length + 0.15 * shape)
        return _Scored(score, i, j, anchor, words, length, shape)

    def shared(self, i: int, j: int) -> tuple[str, ...]:
        """The keys original `i` and translation `j` share, rarest first (for the reasons
        of a chosen pair only: sorting them for every candidate was a sixth of pairing)."""
        (vs, _), (vt, _) = self._vec_s[i], self._vec_t[j]
        return tuple(sorted((k for k in vs if k in vt), key=lambda k: (-self.idf[k], k)))

    def evidence(self, i: int, j: int) -> tuple[frozenset[str], frozenset[str]]:
        """The anchor keys and the word keys original `i` and translation `j` share."""
        (vs, _), (vt, _) = self._vec_s[i], self._vec_t[j]
        return frozenset(vs.keys() & vt.keys()), self._words_s[i][0] & self._words_t[j][0]

    def margin(self, best: _Scored, second: _Scored | None) -> float:
        """How clearly `best` beats `second` (two candidates of one document): the larger
        of two shares. By score: how far `best` is ahead, as a share of its score. By the
        evidence that tells them apart: of the weight of the keys one of the two shares
        with that document and the other does not, the share `best` has less the share
        `second` has (1: `second` shares nothing `best` does not). Near-duplicate pages
        (one notice a year, one story told twice) share every word and most names with
        each other's translation, so their scores are close; the dates and figures only
        one of them shares tell them apart. A long original's many glosses meet some words
        of every English page, so the other way round the score tells more."""
        if second is None:
            return 1.0
        by_score = (best.score - second.score) / best.score if best.score > 0 else 0.0
        a_anchor, a_words = self.evidence(best.source, best.target)
        b_anchor, b_words = self.evidence(second.source, second.target)
        weight, word_weight = self.weight, self.word_weight
        # fsum, as sets iterate in an order that changes from run to run.
        ahead = math.fsum(map(weight.__getitem__, a_anchor - b_anchor)) + math.fsum(
            map(word_weight.__getitem__, a_words - b_words)
        )
        behind = math.fsum(map(weight.__getitem__, b_anchor - a_anchor)) + math.fsum(
            map(word_weight.__getitem__, b_words - a_words)
        )
        by_keys = (ahead - behind) / (ahead + behind) if ahead + behind else 0.0
        return max(by_score, by_keys)

    def shared_words(self, i: int, j: int) -> int:
        """How many rare-ish word keys original `i` and translation `j` share."""
        return len(self._words_s[i][0] & self._words_t[j][0])


def _top(votes: dict[int, float], count: int) -> list[int]:
    # Most votes first, ties in document order: sorting by number, then stably by votes
    # (reverse keeps stability), avoids a Python key call per voter, which in a corpus of
    # near-duplicates can be thousands per original.
    ranked = sorted(votes)
    ranked.sort(key=votes.__getitem__, reverse=True)
    return ranked[:count]


def _content_reasons(
    index: ContentIndex,
    scored: _Scored,
    source: Features,
    target: Features,
    how: str,
) -> tuple[str, ...]:
    shared = index.shared(scored.source, scored.target)
    reasons = []
    if shared:
        labels = dict(source.labels)
        for key, label in target.labels:
            # A name reads best in its shortest form, usually the English one: "Facebook".
            if key.startswith("nm:") and len(label) < len(labels.get(key, label + "_")):
                labels[key] = label
        shown = ", ".join(labels.get(k, k) for k in shared[:SHOWN_REASONS])
        more = len(shared) - SHOWN_REASONS
        reasons.append(f"shared: {shown}" + (f" (+{more} more)" if more > 0 else ""))
    reasons.append(
        f"anchors {scored.anchor:.2f}, words {scored.words:.2f} "
        f"({index.shared_words(scored.source, scored.target)} rare word keys shared), "
        f"length fit {scored.length:.2f}, structure fit {scored.shape:.2f}"
    )
    reasons.append(how)
    return tuple(reasons)


def pair_corpus(
    corpus: Corpus,
    *,
    cache: Cache | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> Pairing:
    """`pair_entries` of a loaded corpus, from the cache when the corpus's state was seen."""
    key = ""
    if cache is not None and cache.enabled and corpus.state:
        key = cache.key("pairing", corpus.state)
        stored = cache.get(key)
        if isinstance(stored, Pairing):
            return stored
    pairing = pair_entries(corpus.entries, corpus.config, progress=progress, jobs=jobs)
    if key and cache is not None:
        cache.put(key, pairing)
    return pairing


def pair_entries(
    entries: Iterable[Entry],
    config: Config | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> Pairing:
    """Pair originals with translations: manifest, then names, then content.

    `progress` is called once per document whose anchors are read; `jobs` > 1 reads the
    anchors of a large corpus in that many processes (anchor extraction is most of the cost).
    """
    config = config or Config()
    source_lang, target_lang = config.source_language, config.target_language
    min_score = config.min_pair_score if config else DEFAULT_MIN_PAIR_SCORE
    entries = list(entries)
    sources = [e for e in entries if e.language == source_lang]
    targets = [e for e in entries if e.language == target_lang]
    pairs: list[Pair] = []
    problems: list[str] = []
    taken: set[str] = set()

    # 1. The manifest.
    by_rel = {e.relpath: e for e in entries}
    for original, translation in config.pairs:
        missing = [p for p in (original, translation) if p not in by_rel]
        if missing:
            problems.append(
                f"{config.source or 'configuration'}: pairs: {', '.join(missing)} "
                "is not a readable document of the corpus"
            )
            continue
        src, tgt = by_rel[original], by_rel[translation]
        pairs.append(Pair(src.path, tgt.path, MANIFEST, 1.0, (f"listed in {config.source}",)))
        taken.update((src.path, tgt.path))

    # 2. Naming conventions: a key held by exactly one original and one translation.
    def keyed(side: list[Entry]) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        for e in side:
            if e.key and e.path not in taken:
                out[e.key].append(e)
        return out

    src_keys, tgt_keys = keyed(sources), keyed(targets)
    for key in sorted(src_keys.keys() & tgt_keys.keys()):
        if len(src_keys[key]) != 1 or len(tgt_keys[key]) != 1:
            continue
        src, tgt = src_keys[key][0], tgt_keys[key][0]
        method = NAME if "suffix" in (src.convention, tgt.convention) else FOLDER
        why = (
            f"same path in {source_lang}/ and {target_lang}/: {key}"
            if method == FOLDER
            else f"same name with language suffix: {key}"
        )
        pairs.append(Pair(src.path, tgt.path, method, 1.0, (why,)))
        taken.update((src.path, tgt.path))

    # 3. Content, for what is left.
    rest_src = [e for e in sources if e.path not in taken]
    rest_tgt = [e for e in targets if e.path not in taken]
    content_pairs, unpaired = _pair_by_content(
        rest_src, rest_tgt, config, min_score, progress=progress, jobs=jobs
    )
    pairs.extend(content_pairs)
    pairs.sort(key=lambda p: (p.source, p.target))
    return Pairing(tuple(pairs), tuple(unpaired), tuple(problems))


def _score_candidates(index: ContentIndex, i: int) -> list[_Scored]:
    """Original `i`'s candidates, best first (ties in document order)."""
    found = [index.score(i, j) for j in index.candidates(i)]
    found.sort(key=lambda s: (-s.score, s.target))
    return found


def _pair_by_content(
    sources: list[Entry],
    targets: list[Entry],
    config: Config,
    min_score: float,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> tuple[list[Pair], list[Unpaired]]:
    """Mutual best matches with a margin; close calls settled by aligning.

    An original and a translation pair when each is the other's best candidate, the score
    is at least `min_score`, and on both sides the best is ahead of the second best by
    `MIN_MARGIN` (`ContentIndex.margin`) with a score of at least `SURE_SCORE`. Otherwise
    (a near-duplicate page, an untranslated page whose best candidate is merely the least
    unrelated) the aligner settles it (`_check_by_aligning`)."""
    from hupli.parallel import map_shared

    all_feats = _all_features([*sources, *targets], jobs, progress)
    src_feats, tgt_feats = all_feats[: len(sources)], all_feats[len(sources) :]
    index = ContentIndex(src_feats, tgt_feats, config.settings.length_ratio)
    # Each original's candidates are scored on their own, so a large corpus spreads them
    # over processes, which get the index once.
    ranked: list[list[_Scored]] = list(
        map_shared(
            _score_candidates, index, range(len(sources)), jobs, min_items=PARALLEL_MIN_DOCUMENTS
        )
    )
    # Each translation's view: the originals that found it, best first.
    by_target: dict[int, list[_Scored]] = defaultdict(list)
    for found in ranked:
        for s in found:
            by_target[s.target].append(s)
    for found in by_target.values():
        found.sort(key=lambda s: (-s.score, s.source))

    settings = config.settings
    partner_of_source: dict[int, tuple[_Scored, float, str]] = {}
    partner_of_target: dict[int, _Scored] = {}
    # Original → why its mutual best candidate was not taken: the reason's two parts.
    left: dict[int, tuple[str, str]] = {}
    for i, found in enumerate(ranked):
        if not found:
            continue
        best = found[0]
        j = best.target
        rivals = by_target[j]
        if rivals[0].source != i:
            continue  # its best candidate is another original's better match
        second_t = found[1] if len(found) > 1 else None
        second_s = rivals[1] if len(rivals) > 1 else None
        margin = min(index.margin(best, second_t), index.margin(best, second_s))
        if best.score < min_score:
            left[i] = (f"no candidate scores min-pair-score {min_score:.2f}", "")
            continue
        if margin >= MIN_MARGIN and best.score >= SURE_SCORE:
            how = f"mutual best match, margin {margin:.2f}"
        else:
            checked = _check_by_aligning(sources, targets, best, second_t, second_s, settings)
            if checked is None:
                left[i] = (
                    "no candidate with a margin",
                    f", is ahead by {margin:.2f}, and aligning did not settle it",
                )
                continue
            how = f"mutual best match, margin {margin:.2f}; {checked}"
        partner_of_source[i] = (best, margin, how)
        partner_of_target[j] = best

    pairs = []
    for i, (s, margin, how) in sorted(partner_of_source.items()):
        pairs.append(
            Pair(
                sources[i].path,
                targets[s.target].path,
                CONTENT,
                s.score,
                _content_reasons(index, s, src_feats[i], tgt_feats[s.target], how),
                margin,
            )
        )
    unpaired = []
    lang_names = {"fi": "Finnish", "en": "English", "sv": "Swedish"}
    tgt_name = lang_names.get(config.target_language, config.target_language)
    src_name = lang_names.get(config.source_language, config.source_language)
    for i, e in enumerate(sources):
        if i in partner_of_source:
            continue
        found = ranked[i]
        if not found:
            unpaired.append(
                Unpaired(
                    e.path, e.language, "original", f"no {tgt_name} document shares its rare keys"
                )
            )
            continue
        best = found[0]
        candidate = targets[best.target].path
        if i in left:
            lead, tail = left[i]
            reason = f"{lead}: the best, {candidate} ({best.score:.2f}){tail}"
        else:
            rival = by_target[best.target][0]
            reason = (
                f"its best candidate {candidate} ({best.score:.2f}) is "
                f"{sources[rival.source].path}'s better match ({rival.score:.2f})"
            )
        unpaired.append(Unpaired(e.path, e.language, "original", reason, candidate, best.score))
    for j, e in enumerate(targets):
        if j in partner_of_target:
            continue
        rivals = by_target.get(j, [])
        if not rivals:
            unpaired.append(
                Unpaired(
                    e.path,
                    e.language,
                    "translation",
                    f"no {src_name} document shares its rare keys",
                )
            )
            continue
        best = rivals[0]
        candidate = sources[best.source].path
        if best.source in partner_of_source or ranked[best.source][0].target != j:
            mine = partner_of_source.get(best.source)
            other = mine[0] if mine else ranked[best.source][0]
            reason = (
                f"its best candidate {candidate} ({best.score:.2f}) is "
                f"{targets[other.target].path}'s better match ({other.score:.2f})"
            )
        else:
            lead, tail = left[best.source]
            reason = f"{lead}: the best, {candidate} ({best.score:.2f}){tail}"
        unpaired.append(Unpaired(e.path, e.language, "translation", reason, candidate, best.score))
    return pairs, unpaired


def _check_by_aligning(
    sources: list[Entry],
    targets: list[Entry],
    best: _Scored,
    second_t: _Scored | None,
    second_s: _Scored | None,
    settings: Settings,
) -> str | None:
    """Align a close call's best pair, and then its rivals (each side's second candidate):
    a description of the evidence when the best pair reads as a translation (at least
    `MIN_SUPPORT` of each side's prose supported) and no rival reads clearly more so (by
    `SUPPORT_MARGIN`), else None. A rival that reads as well is a near-duplicate page,
    which only the scores' anchors tell apart, and they chose the best."""
    shares = _support(sources[best.source], targets[best.target], settings)
    if min(shares) < MIN_SUPPORT:
        return None
    # No rival can read clearly better than a pair this well supported: not aligned.
    rivals = [
        min(_support(sources[r.source], targets[r.target], settings))
        for r in (second_t, second_s)
        if r is not None and min(shares) + SUPPORT_MARGIN < 1.0
    ]
    rival = max(rivals, default=0.0)
    if rival - min(shares) > SUPPORT_MARGIN:
        return None
    seconds = f"second candidates {rival:.0%}" if rivals else "second candidates not aligned"
    return (
        f"aligned: {shares[0]:.0%} of the original's and {shares[1]:.0%} of the translation's "
        f"prose supported ({seconds})"
    )


def _support(source: Entry, target: Entry, settings: Settings) -> tuple[float, float]:
    """The share of each side's prose the aligner links with support."""
    from hupli.align.aligner import align_blocks
    from hupli.align.checks import support

    raw = align_blocks(source.document, target.document, settings)
    return support(raw.links, raw.model.source, raw.model.target)
