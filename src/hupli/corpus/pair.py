"""Which translation belongs to which original, across a whole corpus, and why.

Three stages, each taking only what the previous ones left:

1. **manifest** — `pairs` in the configuration; always wins.
2. **naming** — the same name key on both sides (`fi/a.md` ↔ `en/a.md`: method "folder";
   `a.fi.md` ↔ `a.en.md`: method "name"); see `hupli.corpus.declared_language`.
3. **content** — for documents with opaque names. Every document is reduced to a set of
   anchor keys (numbers, dates, times, URLs, e-mails from `hupli.anchors.extract`, and names
   cut to a short prefix so that Finnish inflections meet their English base form:
   `Imatran` and `Imatra` both become `imat`). An inverted index maps each key to the
   translations holding it, and each key weighs its rarity, `log(1 + N / df)`; keys that
   only one language ever has ("Suomen", "President") weigh nothing. An original's rarest
   keys look up the candidate translations (never all pairs); each candidate is scored by
   the cosine of the two documents' tf·idf vectors (tf = blocks holding the key, sublinear),
   times `0.2 + 0.65 · length fit + 0.15 · structure fit`, where the length fit compares
   the translation's length with the Gale–Church ratio of the settings. Pairs are then taken
   greedily, best score first, one to one, at or above `min_pair_score`.

   On WMT16 newstest2016 (79 originals, 5 layouts) true pairs score at least 0.49 and the
   best wrong candidate left free scores at most 0.27, hence the default threshold 0.35.

Every pair says how it was found; every document left alone says why.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hupli.cache import Cache, register
from hupli.corpus.config import DEFAULT_MIN_PAIR_SCORE, Config
from hupli.corpus.discover import Corpus, Entry
from hupli.corpus.features import Features, features

MANIFEST, FOLDER, NAME, CONTENT = "manifest", "folder", "name", "content"

# Candidate generation: an original looks up at most this many of its rarest keys, skips keys
# that more than this share of the translations hold (they find everything and tell
# nothing), and scores at most this many of the best-supported candidates.
LOOKUP_KEYS = 48
COMMON_KEY_SHARE = 0.2
COMMON_KEY_MIN = 50
MAX_CANDIDATES = 12

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

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "method": self.method,
            "score": round(self.score, 4),
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
    length: float
    shape: float


class ContentIndex:
    """Inverted index from anchor keys to translations, with rarity weights."""

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

    def _vector(self, feats: Features) -> tuple[dict[str, float], float]:
        """Sublinear tf·idf weights of the shareable keys, and the vector's norm."""
        vec = {
            k: (1.0 + math.log(tf)) * self.weight[k] for k, tf in feats.counts if k in self.weight
        }
        norm = math.sqrt(sum(w * w for w in vec.values()) + self.prior**2)
        return vec, norm

    def candidates(self, i: int) -> list[int]:
        """Translations sharing the most rare weight with original `i` (a few lookups)."""
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
        # Most votes first, ties in document order: sorting by number, then stably by
        # votes (reverse keeps stability), avoids a Python key call per voter, which in a
        # corpus of near-duplicates can be thousands per original.
        ranked = sorted(votes)
        ranked.sort(key=votes.__getitem__, reverse=True)
        return ranked[:MAX_CANDIDATES]

    def score(self, i: int, j: int) -> _Scored:
        src, tgt = self.sources[i], self.targets[j]
        (vs, ns), (vt, nt) = self._vec_s[i], self._vec_t[j]
        small, large = (vt, vs) if len(vt) < len(vs) else (vs, vt)
        anchor = sum(vs[k] * vt[k] for k in small if k in large) / (ns * nt)
        length = _length_fit(src.chars, tgt.chars, self.length_ratio)
        shape = _shape_fit(src, tgt)
        score = anchor * (0.2 + 0.65 * length + 0.15 * shape)
        return _Scored(score, i, j, length, shape)

    def shared(self, i: int, j: int) -> tuple[str, ...]:
        """The keys original `i` and translation `j` share, rarest first (for the reasons
        of a chosen pair only: sorting them for every candidate was a sixth of pairing)."""
        (vs, _), (vt, _) = self._vec_s[i], self._vec_t[j]
        return tuple(sorted((k for k in vs if k in vt), key=lambda k: (-self.idf[k], k)))


def _content_reasons(
    scored: _Scored,
    shared: tuple[str, ...],
    source: Features,
    target: Features,
    runner_up: str,
) -> tuple[str, ...]:
    labels = dict(source.labels)
    for key, label in target.labels:
        # A name reads best in its shortest form, usually the English one: "Facebook".
        if key.startswith("nm:") and len(label) < len(labels.get(key, label + "_")):
            labels[key] = label
    shown = ", ".join(labels.get(k, k) for k in shared[:SHOWN_REASONS])
    more = len(shared) - SHOWN_REASONS
    reasons = [f"shared: {shown}" + (f" (+{more} more)" if more > 0 else "")]
    reasons.append(f"length fit {scored.length:.2f}, structure fit {scored.shape:.2f}")
    if runner_up:
        reasons.append(runner_up)
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
    return [index.score(i, j) for j in index.candidates(i)]


def _pair_by_content(
    sources: list[Entry],
    targets: list[Entry],
    config: Config,
    min_score: float,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> tuple[list[Pair], list[Unpaired]]:
    from hupli.parallel import map_shared

    source_lang, target_lang = config.source_language, config.target_language
    all_feats = _all_features([*sources, *targets], jobs, progress)
    src_feats, tgt_feats = all_feats[: len(sources)], all_feats[len(sources) :]
    index = ContentIndex(src_feats, tgt_feats, config.settings.length_ratio)
    scored: list[_Scored] = []
    best_of_source: dict[int, _Scored] = {}
    best_of_target: dict[int, _Scored] = {}
    # Each original's candidates are scored on their own, so a large corpus spreads them
    # over processes, which get the index once.
    per_source = map_shared(
        _score_candidates, index, range(len(sources)), jobs, min_items=PARALLEL_MIN_DOCUMENTS
    )
    for found in per_source:
        for s in found:
            i, j = s.source, s.target
            scored.append(s)
            if i not in best_of_source or s.score > best_of_source[i].score:
                best_of_source[i] = s
            if j not in best_of_target or s.score > best_of_target[j].score:
                best_of_target[j] = s
    scored.sort(key=lambda s: (-s.score, s.source, s.target))
    partner_of_source: dict[int, _Scored] = {}
    partner_of_target: dict[int, _Scored] = {}
    runner_up: dict[int, _Scored] = {}
    for s in scored:
        if s.score < min_score:
            break
        if s.source in partner_of_source or s.target in partner_of_target:
            if s.source in partner_of_source and s.source not in runner_up:
                runner_up[s.source] = s
            continue
        partner_of_source[s.source] = s
        partner_of_target[s.target] = s
    pairs = []
    for i, s in sorted(partner_of_source.items()):
        other = runner_up.get(i)
        note = f"next best: {targets[other.target].path} {other.score:.2f}" if other else ""
        pairs.append(
            Pair(
                sources[i].path,
                targets[s.target].path,
                CONTENT,
                s.score,
                _content_reasons(
                    s, index.shared(i, s.target), src_feats[i], tgt_feats[s.target], note
                ),
            )
        )
    unpaired = []
    lang_names = {"fi": "Finnish", "en": "English", "sv": "Swedish"}
    tgt_name = lang_names.get(target_lang, target_lang)
    src_name = lang_names.get(source_lang, source_lang)
    for i, e in enumerate(sources):
        if i in partner_of_source:
            continue
        unpaired.append(
            _why_unpaired(
                e,
                "original",
                tgt_name,
                best_of_source.get(i),
                targets,
                sources,
                partner_of_target,
                min_score,
                by_target=True,
            )
        )
    for j, e in enumerate(targets):
        if j in partner_of_target:
            continue
        unpaired.append(
            _why_unpaired(
                e,
                "translation",
                src_name,
                best_of_target.get(j),
                sources,
                targets,
                partner_of_source,
                min_score,
                by_target=False,
            )
        )
    return pairs, unpaired


def _why_unpaired(
    entry: Entry,
    role: str,
    other_language: str,
    best: _Scored | None,
    others: list[Entry],
    mine: list[Entry],
    partners: dict[int, _Scored],
    min_score: float,
    *,
    by_target: bool,
) -> Unpaired:
    if best is None:
        return Unpaired(
            entry.path,
            entry.language,
            role,
            f"no {other_language} document shares its rare anchors",
        )
    other = best.target if by_target else best.source
    candidate = others[other].path
    if best.score < min_score:
        reason = (
            f"no {other_language} document matches: best candidate {candidate} scored "
            f"{best.score:.2f} < {min_score:.2f}"
        )
    else:
        winner = partners[other]
        rival = mine[winner.source if by_target else winner.target].path
        reason = (
            f"its best candidate {candidate} ({best.score:.2f}) pairs better with "
            f"{rival} ({winner.score:.2f})"
        )
    return Unpaired(entry.path, entry.language, role, reason, candidate, best.score)
