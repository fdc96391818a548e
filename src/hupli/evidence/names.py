"""Proper names: which capitalised words are names, and which names are one name.

`read_names` finds the names of one block; `NameMatcher`, built once per document pair,
gives the surface forms of both languages shared ids, so that a Finnish inflected form
meets its English base form (``Kaskelan`` ~ ``Kaskela``, ``Teamsiin`` ~ ``Teams``) while
``Heinola`` stays apart from ``Heino``. (Content pairing cuts names to a short prefix
instead: `hupli.corpus.features.name_key`.)

>>> read_names("Teatteri Imatran näyttelijä Hanna Kaskela luki sadun.", "fi")
(('Imatran', 'Hanna', 'Kaskela'), (('Hanna', 'Kaskela'),))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from hupli.evidence.links import FI_DOMAIN_ENDING, TLD
from hupli.text import DASHES as _DASH
from hupli.text import NAME_ABBREVIATIONS
from hupli.text import words as _words

# A capitalised word (Latin capitals; others are rare enough in this domain), with hyphenated
# parts, a domain ("Fly.io", "Huuto.netissä": a product's name) and a Finnish case ending
# after a colon ("KT:n"). The word must not follow a word character or apostrophe; that is
# checked after its first letter, (?<![\w'’].), rather than before it, because a pattern that
# opens with a character set lets `re` skip straight to the next capital instead of trying
# every position.
_NAME_TOKEN = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-ſ](?<![\w'’].)[\w'’]*(?:[-‐‑][^\W_][\w'’]*)*"
    rf"(?:\.{TLD}(?:{FI_DOMAIN_ENDING}|(?![\w.]\w)))?(?::[^\W\d_]{{1,6}}\b)?"
)
_DOMAIN_ENDING = re.compile(rf"(\.{TLD}){FI_DOMAIN_ENDING}$")
_EN_NOT_NAMES = frozenset(
    _words(
        "I I'm I've I'll I'd Mr Mrs Ms Dr Prof St Jr Sr Monday Tuesday Wednesday Thursday "
        "Friday Saturday Sunday January February March April May June July August September "
        "October November December OK"
    )
)
_FI_NOT_NAMES = frozenset(["OK", "Ok"])
# Capitalised function words: never names, even when one also occurs mid-sentence in a title.
_INITIAL_STOP = frozenset(
    _words(
        "the a an and but or in on at of for from to with as by if when while after before "
        "however there here what who which why how where also so then now some all many most no "
        "not one two this that these those it he she they we you his her their our my its "
        "according last next first new more yet still even only just since during about under "
        "over between against through today yesterday tomorrow meanwhile mr mrs ms dr se ne hän "
        "he me te minä sinä tämä nämä tuo ja mutta myös kun jos että nyt vielä kaikki siellä "
        "täällä sitä sen niin ei olen on oli ovat olivat kuitenkin lisäksi sekä tai vaan koska "
        "jo mm esimerkiksi eli vs tänään eilen huomenna viime ensi"
    )
)
# Common words that take a possessive at the start of a sentence ("Everyone's", "Women's").
_POSSESSIVE_STOP = frozenset(
    _words(
        "let everyone everybody nobody someone somebody anyone anybody women men children "
        "people mother father world year week"
    )
)
# Letters that native Finnish words lack: a sentence-initial word holding one is a foreign
# name in a Finnish case form ("Cacin mukaan", "Washingtonissa").
_FOREIGN_LETTERS = frozenset("cqwxzšžCQWXZŠŽ")
_INITIAL_PREFIX_JUNK = " \t\u00a0\u202f\u2009*_#>\"'“”‘’«»([{|•·" + _DASH
_SENTENCE_END = ".!?:;\n"
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.)*[^\W\d_]+)\.$")


def _is_sentence_initial(text: str, start: int) -> bool:
    before = text[start - 40 if start > 40 else 0 : start].rstrip(_INITIAL_PREFIX_JUNK)
    if not before:
        return True
    last = before[-1]
    if last not in _SENTENCE_END:
        return False
    if last == ".":
        # An abbreviation holds no space, so the search can start after the last one.
        word = _ABBREVIATION_END.search(before, before.rfind(" ") + 1)
        if word and word.group(1).replace(".", "").lower() in NAME_ABBREVIATIONS:
            return False
    return True


# An apostrophe followed by a short lowercase tail is English possessive or Finnish inflection
# of a foreign name ("Kaskela's", "Shaw’n", "Hughes’ta"); "O'Steen" keeps its capital part.
_APOSTROPHE_TAIL = re.compile(r"['’](?:[a-zåäö]{1,5})?$")


def _clean_name(token: str) -> str:
    """Drop what inflects or composes around a name: "KT:n" → "KT", "Kaskela's" → "Kaskela",
    "Imatra-kuvia" → "Imatra" (a Finnish compound of a name and a common noun),
    "Huuto.netissä" → "Huuto.net"."""
    if token.isalpha():
        return token
    if "." in token:
        token = _DOMAIN_ENDING.sub(r"\1", token)
    token = _APOSTROPHE_TAIL.sub("", token.split(":", 1)[0])
    parts = re.split(r"[-‐‑]", token)
    if len(parts) > 1:
        kept = [parts[0]]
        for part in parts[1:]:
            if not part or not part[0].isupper():
                break
            kept.append(part)
        token = "-".join(kept)
    return token


def _named_by_form(name: str, raw: str, language: str) -> bool:
    """Whether a word's form says it is a name, wherever it stands: a foreign name in a
    Finnish case form ("Cacin"), an English possessive ("Caci's")."""
    if language == "fi":
        return not _FOREIGN_LETTERS.isdisjoint(name)
    return raw.endswith(("'s", "’s")) and name.lower() not in _POSSESSIVE_STOP


def read_names(text: str, language: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    not_names = _FI_NOT_NAMES if language == "fi" else _EN_NOT_NAMES
    tokens: list[tuple[str, int, int, bool]] = []  # (name, start, end, initial)
    for m in _NAME_TOKEN.finditer(text):
        raw = m.group(0)
        if not raw[0].isupper():
            continue
        name = _clean_name(raw)
        if len(name) < 2 or name in not_names:
            continue
        start = m.start()
        tokens.append((name, start, m.end(), _is_sentence_initial(text, start)))
    if not tokens:
        return (), ()
    mid_sentence = {name for name, _, _, initial in tokens if not initial}
    kept: list[tuple[str, int, int, bool]] = []
    for token in tokens:
        name = token[0]
        if token[3]:  # sentence-initial
            if name.lower() in _INITIAL_STOP:
                continue
            strong = (
                name in mid_sentence
                or name.isupper()
                or any(map(str.isupper, name[1:]))
                or "." in name  # a domain: "Fly.io"
                or _named_by_form(name, text[token[1] : token[2]], language)
            )
            if not strong:
                continue
        kept.append(token)
    names = tuple(dict.fromkeys([token[0] for token in kept]))
    if len(kept) - sum(token[3] for token in kept) < 2:
        return names, ()  # a run needs two mid-sentence names
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    last_end = -1
    for name, start, end, initial in kept:
        if initial or (current and text[last_end:start].strip() != ""):
            if len(current) > 1:
                runs.append(tuple(current))
            current = []
        if not initial:
            current.append(name)
        last_end = end
    if len(current) > 1:
        runs.append(tuple(current))
    return names, tuple(runs)


# --- names across languages --------------------------------------------------------------

# What Finnish may add to a name: an optional linking vowel, a case ending (singular or
# plural), then clitics or possessives. "Heino" + "lla" is an inflection of Heino, but
# "Heino" + "la" is not, so Heinola stays a different place.
_FI_ENDING = re.compile(
    r"(?:[aeiouyäö]?(?:n|[aä]|t[aä]|ss[aä]|st[aä]|ll[aä]|lt[aä]|lle|ksi|n[aä]|seen|"
    r"h[aeiouyäö]n|[aeiouyäö]n|t|tt[aä]|ine(?:en)?|i(?:ss[aä]|st[aä]|ll[aä]|lt[aä]|lle|ksi|"
    r"n[aä]|t[aä]|en|in|hin)?|jen|j[aä]|den|tten))?"
    r"(?:kin|k[aä][aä]n|h[aä]n|p[aä]|ni|si|mme|nne|ns[aä])?"
)
_EN_ENDING = re.compile(r"(?:'s|’s|s|es|'|’)?")
MIN_NAME_STEM = 4  # shorter bases only take endings of up to 3 letters ("Cup" ~ "Cupin")
FUZZY_NAME_RATIO = 90.0  # spelling variants ("Shakhtar" ~ "Shahtar"), both names ≥ 6 letters


@lru_cache(maxsize=16384)  # each pair's matcher asks for every name of both documents
def match_key(name: str) -> str:
    return _clean_name(name).lower().replace("’", "'")


_GRADATION = re.compile(r"^(.*?)(kk|pp|tt|nk|mp|lt|rt|nt|ht|t|p|k)([aeiouyäö]{1,2})$")
_WEAK = {"kk": "k", "pp": "p", "tt": "t", "nk": "ng", "mp": "mm", "lt": "ll", "rt": "rr",
         "nt": "nn", "ht": "hd", "t": "d", "p": "v", "k": ""}  # fmt: skip


def finnish_stems(base: str) -> list[str]:
    """The base and the Finnish stems it may take before an ending: final -i → -e- ("Suomi" →
    "Suomessa"), -nen → -se- ("Virtanen" → "Virtasen"), and consonant gradation of the last
    syllable ("Helsinki" → "Helsingissä", "Koti" → "Kodin", "Turku" → "Turussa")."""
    stems = [base]
    if base.endswith("nen"):
        stems += [base[:-3] + "se", base[:-3] + "s"]
    for stem in list(stems):
        weak = _GRADATION.match(stem)
        if weak:
            stems.append(weak.group(1) + _WEAK[weak.group(2)] + weak.group(3))
    for stem in list(stems):
        if stem.endswith("i"):
            stems.append(stem[:-1] + "e")
    return stems


def _is_ending(rest: str) -> bool:
    return bool(_FI_ENDING.fullmatch(rest) or _EN_ENDING.fullmatch(rest))


class NameMatcher:
    """Built once per document pair from all names of both documents; maps surface forms to
    shared ids so that Finnish inflected forms meet their English base form.

    Two names share an id when, after lowercasing, the shorter (the base) is

    * a prefix of the longer, or one of its Finnish stems is (see `finnish_stems`: ``Suomi`` →
      ``Suome-``, ``Virtanen`` → ``Virtase-``, ``Helsinki`` → ``Helsingi-``), and what remains
      is a Finnish case ending (optionally with a clitic or possessive) or an English plural
      (``Kaskela`` ~ ``Kaskelan``, ``Facebook`` ~ ``Facebookissa``, ``Tampere`` ~
      ``Tampereella``). The ending list is what keeps ``Heino`` from ``Heinola``: "-lla" is a
      case ending, "-la" is not. Stems under 4 letters take only endings of up to 3 letters;
      or
    * a near spelling variant: both at least 6 letters, same first three letters, and
      ``rapidfuzz.fuzz.ratio`` ≥ 90 (``Shakhtar`` ~ ``Shahtar``, ``Nokelainen`` ~
      ``Nokelainan``).

    Each name joins the id of the longest-prefix base it matches, never a chain of matches, so
    ``Heino``, ``Heinolla`` and ``Heinola`` cannot merge into one person through each other.
    """

    def __init__(self, source_names: Iterable[str], target_names: Iterable[str]) -> None:
        from rapidfuzz.distance import Prefix
        from rapidfuzz.fuzz import ratio

        self._prefix = Prefix.similarity
        self._ratio = ratio
        keys = {match_key(n) for n in source_names} | {match_key(n) for n in target_names}
        keys.discard("")
        self._ids: dict[str, str] = {}
        self._by_head: dict[str, list[str]] = {}
        for key in sorted(keys, key=lambda k: (len(k), k)):
            self._ids[key] = self._assign(key)

    def _matches(self, base: str, other: str) -> int:
        """Strength of `base` as the base form of `other` (length of shared prefix), 0 if none."""
        if base == other:
            return len(base) + 1
        for stem in finnish_stems(base):
            if len(stem) < 3 or not other.startswith(stem):
                continue
            rest = other[len(stem) :]
            if _is_ending(rest) and (len(stem) >= MIN_NAME_STEM or len(rest) <= 3):
                return len(stem)
        if (
            len(base) >= 6
            and len(other) >= 6
            and base[:3] == other[:3]
            and self._ratio(base, other) >= FUZZY_NAME_RATIO
        ):
            return int(self._prefix(base, other))
        return 0

    def _assign(self, key: str) -> str:
        best, best_strength = key, 0
        for base in self._by_head.get(key[:2], ()):
            strength = self._matches(base, key)
            if strength > best_strength:
                best, best_strength = base, strength
        if best == key:
            self._by_head.setdefault(key[:2], []).append(key)
            return key
        return self._ids[best]

    def _id(self, name: str) -> str:
        key = match_key(name)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = self._assign(key)
        return found

    def source_ids(self, names: Iterable[str]) -> frozenset[str]:
        """Ids of source-language (Finnish) surface forms."""
        return frozenset(self._id(n) for n in names)

    def target_ids(self, names: Iterable[str]) -> frozenset[str]:
        """Ids of target-language (English) surface forms."""
        return frozenset(self._id(n) for n in names)
