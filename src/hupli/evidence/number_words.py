"""Numbers written as words, in Finnish in any case form, inside compounds and in colloquial
forms, and in English.

A translation often writes a figure one side spells out ("kolme" ~ "3", "puolitoista
vuotta" ~ "18 months", "nelimetrisinä" ~ "4 metres", "satasen" ~ "the 100 m", "vuorokauden
aikana" ~ "in 24 hours"). Number words never count as shared anchors ("one" and "yksi" are
mostly pronouns); they only excuse a digit on the other side, so a translator who wrote
"three" for "3" is not told the figure changed.

>>> sorted(read_number_words("kahdenkymmenenviiden kirjan", "fi"))
['25']
>>> sorted(read_number_words("two hundred and fifty", "en"))
['100', '2', '250', '50']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from hupli.evidence.numbers import canonical_number
from hupli.text import words as _words

_NONE: frozenset[str] = frozenset()

# (value, nominative, partitive, weak stem, strong stem). Every case form is built from these,
# so "kolmen", "kolmea", "kahdelle", "sadan", "kahdeksaan" are all recognised, and so are
# compounds ("kaksikymmentäviisi", "kahdenkymmenenviiden").
_FI_NUMERALS = (
    (0, "nolla", "nollaa", "nolla", "nolla"),
    (1, "yksi", "yhtä", "yhde", "yhte"),
    (2, "kaksi", "kahta", "kahde", "kahte"),
    (3, "kolme", "kolmea", "kolme", "kolme"),
    (4, "neljä", "neljää", "neljä", "neljä"),
    (5, "viisi", "viittä", "viide", "viite"),
    (6, "kuusi", "kuutta", "kuude", "kuute"),
    (7, "seitsemän", "seitsemää", "seitsemä", "seitsemä"),
    (8, "kahdeksan", "kahdeksaa", "kahdeksa", "kahdeksa"),
    (9, "yhdeksän", "yhdeksää", "yhdeksä", "yhdeksä"),
    (10, "kymmenen", "kymmentä", "kymmene", "kymmene"),
    (100, "sata", "sataa", "sada", "sata"),
    (1000, "tuhat", "tuhatta", "tuhanne", "tuhante"),
    (10**6, "miljoona", "miljoonaa", "miljoona", "miljoona"),
    (10**9, "miljardi", "miljardia", "miljardi", "miljardi"),
)
_FI_WEAK_ENDINGS = ("n", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi")


def _fi_numeral_forms() -> dict[str, int]:
    forms: dict[str, int] = {}
    for value, nom, part, weak, strong in _FI_NUMERALS:
        forms[nom] = value
        forms[part] = value
        for ending in _FI_WEAK_ENDINGS:
            forms[weak + ending] = value
        forms[strong + "na"] = value
        forms[strong + "nä"] = value
        forms[strong + strong[-1] + "n"] = value  # illative: kolmeen, sataan, tuhanteen
    forms["toista"] = -1  # teens: yksitoista = 1 + 10
    return forms


_FI_NUM_FORMS = _fi_numeral_forms()
_FI_NUM_MORPHEME = re.compile(
    "|".join(sorted(map(re.escape, _FI_NUM_FORMS), key=lambda f: (-len(f), f)))
)
# Ordinals and other words that stand for a number; used only to excuse digits.
_FI_SPECIAL = re.compile(
    r"(ensimmäi\w*)|(toinen|toise\w*)|(kolmas|kolman\w*|kolmat\w*)|(neljäs|neljänn\w*|neljät\w*)"
    r"|(viides|viidenn\w*|viidet\w*)|(kuudes|kuudenn\w*|kuudet\w*)"
    r"|(seitsemäs|seitsemänn\w*|seitsemät\w*)|(kahdeksas|kahdeksann\w*|kahdeksat\w*)"
    r"|(yhdeksäs|yhdeksänn\w*|yhdeksät\w*)|(kymmenes|kymmenenn\w*|kymmenet\w*)"
)
_FI_OTHER_WORDS = {"puolitoista": "1.5", "puolentoista": "1.5", "pari": "2", "parin": "2",
                   "paria": "2", "tusina": "12", "tusinaa": "12", "kahdesti": "2",
                   "kolmesti": "3"}  # fmt: skip
_FI_APPROX_BASES = {"pari": 2, "par": 2, "kolm": 3, "nelj": 4, "viit": 5, "kuut": 6, "seitsem": 7,
                    "kahdeks": 8, "yhdeks": 9, "kymmen": 10}  # fmt: skip
_FI_APPROXIMATE = re.compile(
    r"(pari|par(?=isen|isin)|kolm|nelj|viit|kuut|seitsem|kahdeks|yhdeks|kymmen)(isen|isin|)"
    r"(sata\w*|sada\w*|tuhat\w*|tuhann\w*|kymmen\w*|)"
)
_FI_ROUGHLY = re.compile(r"(sata|kymmen|tuhat)(?:kunta|kunnan)\w*")
# Colloquial numerals, the numbers' nouns: "satanen" (a hundred: a note, a hundred metres),
# "kymppi", "tonni", "vitonen", a school grade "ysi".
_FI_COLLOQUIAL = re.compile(
    r"(ykkö|kakko|kolmo|nelo|vito|kuto|sata)(?:nen|s(?:en|ta|ella|elle|elta|essa|esta|eksi"
    r"|eet|et|ia|ien|illa|ille)|seen)"
    r"|(seiska|kasi|ysi)(?:n|a|lla|lle|ksi|an|in)?|(kymppi|kympi|tonni)\w{0,4}"
)
_FI_COLLOQUIAL_VALUES = {"ykkö": 1, "kakko": 2, "kolmo": 3, "nelo": 4, "vito": 5, "kuto": 6,
                         "sata": 100, "seiska": 7, "kasi": 8, "ysi": 9, "kymppi": 10, "kympi": 10,
                         "tonni": 1000}  # fmt: skip
# A numeral as the first part of a compound ("nelimetrisinä", "kymmenmetrisellä",
# "kolmivuotias", "kaksinkertainen"): its combining form, or any number word, before a
# measure.
_FI_COMBINING = {"kolmi": 3, "neli": 4, "seitsen": 7, "kymmen": 10, "kaksin": 2, "kolmin": 3,
                 "nelin": 4, "viisin": 5, "kuusin": 6, "seitsemin": 7, "kahdeksin": 8,
                 "yhdeksin": 9, "kymmenin": 10}  # fmt: skip
_FI_COMPOUND = re.compile(
    r"([^\W\d_]+?)(metri|sentti|milli|kilo|gramma|litra|vuoti|päivä|viikko|kuukau|tunti|tunni"
    r"|minuutti|sekunti|kertai|kerroksi|henki|osai|paikkai|vaihei|sivui|tähti|prosentti)"
    r"[^\W\d_]*"
)
# Words that stand for a number of something, and multiply a number before them ("kaksi
# vuorokautta" is 48 hours); a measure in the singular stands for one of it ("alle
# senttimetrin" ~ "under 1 centimetre").
_FI_UNITS = (
    (re.compile(r"vuorokau(?:si|tta|de\w*|te\w*|sia|sien|tinen|tise\w*)"), 24),
    (re.compile(r"vuosikymmen\w*"), 10),
    (re.compile(r"vuosisa[dt]\w*"), 100),
    (re.compile(r"vuosituha[nt]\w*"), 1000),
    (
        re.compile(
            r"(?:(?:sentti|milli|kilo)?metri|sentti|kilo(?:gramma)?|gramma|(?:desi)?litra"
            r"|minuut(?:ti|i)|sekun(?:ti|ni)|tun(?:ti|ni)|viik(?:ko|o))(?:n|ssa|ssä|sta|stä|lla"
            r"|llä|lta|ltä|lle|ksi|na|nä)?"
        ),
        1,
    ),
)
# How a word that may be a number word begins: a numeral's first three letters, or the
# longer beginning of a colloquial numeral or a unit (so that "vuonna" and "sen", common
# words, are not looked up).
_UNIT_BEGINNINGS = ("vuorok", "vuosik", "vuosis", "vuosit", "metri", "sentti", "milli", "kilo",
                    "gramm", "litra", "desil", "minuut", "sekun", "tunti", "tunni", "viiko",
                    "viikko")  # fmt: skip
_FI_PREFIXES = frozenset(
    [f[:3] for f in _FI_NUM_FORMS]
    + ["ens", "toi", "kol", "nel", "pui", "puo", "par", "tus"]
    + [w[:4] for w in (*_FI_COLLOQUIAL_VALUES, *_FI_COMBINING)]
    + list(_UNIT_BEGINNINGS)
)

_EN_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_EN_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_EN_ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_EN_WORDS: dict[str, float] = {w: i for i, w in enumerate(_EN_UNITS)}
_EN_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_EN_TENS)})
_EN_WORDS.update({w: i + 1 for i, w in enumerate(_EN_ORDINALS)})
_EN_WORDS.update({w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_EN_TENS)})
_EN_WORDS.update({"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                  "dozen": 12, "twice": 2, "couple": 2, "pair": 2, "hundredth": 100,
                  "thousandth": 1000})  # fmt: skip
# As `_FI_UNITS`: "two decades" is 20 (years).
_EN_UNIT_WORDS = {"decade": 10, "decades": 10, "fortnight": 14, "fortnights": 14, "century": 100,
             "centuries": 100}  # fmt: skip
_EN_WORDS.update(_EN_UNIT_WORDS)


@lru_cache(maxsize=4096)  # the words looked up recur from block to block
def _fi_word_value(word: str) -> float | None:
    """Value of a Finnish number word in any case, compounds included, else None: also a
    colloquial numeral, a word that stands for a number (`_FI_UNITS`) and a compound that
    opens with a numeral before a measure.

    >>> _fi_word_value("kahdenkymmenenviiden"), _fi_word_value("kolmea"), _fi_word_value("sataa")
    (25, 3, 100)
    >>> _fi_word_value("satasella"), _fi_word_value("kympin"), _fi_word_value("vuorokauden")
    (100, 10, 24)
    >>> _fi_word_value("nelimetrisinä"), _fi_word_value("kymmenmetrisellä")
    (4, 10)
    """
    if word in _FI_OTHER_WORDS:
        return float(_FI_OTHER_WORDS[word])
    approx = _FI_APPROXIMATE.fullmatch(word)
    if approx:
        # "viitisen" (about five), "kolmisensataa" (about three hundred), "parisataa",
        # "satakunta": journalists' round figures, translated as plain numbers.
        base: float | None = _FI_APPROX_BASES.get(approx.group(1))
        if base is None:
            base = _fi_word_value(approx.group(1)) if approx.group(1) else None
        rest = approx.group(3)
        if base is not None:
            scale = _fi_word_value(rest) if rest else 1
            if scale in (1, 10, 100, 1000):
                return float(base * scale)
    roughly = _FI_ROUGHLY.fullmatch(word)
    if roughly:
        return float({"sata": 100, "kymmen": 10, "tuhat": 1000}[roughly.group(1)])
    morphemes: list[str] = []
    pos = 0
    while pos < len(word) and (m := _FI_NUM_MORPHEME.match(word, pos)) is not None:
        morphemes.append(m.group(0))
        pos = m.end()
    if morphemes and pos == len(word):
        total = current = 0
        last_unit = 0
        for morpheme in morphemes:
            value = _FI_NUM_FORMS[morpheme]
            if value == -1:  # -toista
                current += 10
                last_unit = 0
            elif value in (10, 100) and last_unit:
                current += last_unit * (value - 1)
                last_unit = 0
            elif value >= 1000:
                total += max(current, 1) * value
                current = last_unit = 0
            else:
                current += value
                last_unit = value if value < 10 else 0
        return total + current
    special = _FI_SPECIAL.fullmatch(word)
    if special and special.lastindex:  # the group that matched: ensimmäinen is 1, …
        return (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)[special.lastindex - 1]
    colloquial = _FI_COLLOQUIAL.fullmatch(word)
    if colloquial and colloquial.lastindex:
        return _FI_COLLOQUIAL_VALUES[colloquial.group(colloquial.lastindex)]
    unit = _fi_unit_value(word)
    if unit is not None:
        return unit
    compound = _FI_COMPOUND.fullmatch(word)
    if compound:
        first = compound.group(1)
        return _FI_COMBINING.get(first) or _fi_word_value(first)
    return None


@lru_cache(maxsize=4096)
def _fi_unit_value(word: str) -> float | None:
    """The number a Finnish word of `_FI_UNITS` stands for, else None.

    >>> _fi_unit_value("vuorokauden"), _fi_unit_value("senttimetrin"), _fi_unit_value("metriä")
    (24, 1, None)
    """
    for pattern, value in _FI_UNITS:
        if pattern.fullmatch(word):
            return value
    return None


def _combine(values: list[float]) -> float:
    """Value of a run of number words written apart: "two hundred and fifty", "kolme miljoonaa"."""
    total = current = 0.0
    for value in values:
        if value == 100 and 0 < current < 100:
            current *= 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    return total + current


def _format_value(value: float) -> str:
    if value == int(value):
        return str(int(value))
    whole, fraction = f"{value:.6f}".split(".")
    return canonical_number(whole, fraction)


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, with shared beginnings factored out.

    `re` tries the branches of "one|two|three|..." one after another at every word, so a long
    list of words is slow to look for; "one|t(?:wo|hree)" needs only a letter or two per word.

    >>> _trie(["two", "ten", "tenth"])
    't(?:en(?:th)?|wo)'
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return alternation(tree)


# Only words that can be number words are looked at, which keeps this pass cheap. The words
# are lowercase ASCII and are looked for in `_fold(text)`, which matches them as
# re.IGNORECASE would in `text`, several times faster.
_FI_NUM_CANDIDATE = re.compile(r"(?<![^\W\d_])(?:ilta|aamu)?" + _trie(_FI_PREFIXES) + r"[^\W\d_]*")
_EN_NUM_CANDIDATE = re.compile(r"(?<![^\W\d_])" + _trie(_EN_WORDS) + r"(?![^\W\d_])")
# lower() misses three letters that re.IGNORECASE matches to an ASCII letter.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _fold(text: str) -> str:
    """`text` lowercased so that a plain match of a lowercase ASCII word in it is a
    case-insensitive match in `text`, at the same place: no character changes length, and a
    letter stays a letter and a non-letter a non-letter (checked over all of Unicode)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD)
    return text.lower()


_RUN_GAP = re.compile(r"[\s\-\u2010\u2011]*(?:\s(?:and|ja)\s)?[\s\-\u2010\u2011]*", re.IGNORECASE)
_PUOLI = re.compile(r"(?<![^\W\d_])puoli\s+$", re.IGNORECASE)


def read_number_words(text: str, language: str) -> frozenset[str]:
    """Values of numbers written as words, alone and as runs ("two hundred and fifty" → 2,
    100, 50 and 250), so digits on the other side can be excused. A word that stands for a
    number of something multiplies the run before it.

    >>> sorted(read_number_words("kahden vuorokauden aikana", "fi"), key=float)
    ['2', '24', '48']
    >>> sorted(read_number_words("two decades ago", "en"), key=float)
    ['2', '10', '20']
    """
    finnish = language == "fi"
    found: set[str] = set()
    run: list[float] = []
    last_end = -1
    for m in (_FI_NUM_CANDIDATE if finnish else _EN_NUM_CANDIDATE).finditer(_fold(text)):
        word = text[m.start() : m.end()].lower()
        if finnish:
            if word.startswith(("ilta", "aamu")) and word[4:7] in _FI_PREFIXES:
                word = word[4:]  # "iltakuudesta": from six in the evening
            value = _fi_word_value(word)
            if value is None:
                continue
            if 1 <= value <= 12 and _PUOLI.search(text, max(0, m.start() - 8), m.start()):
                found.add(canonical_number(str(int(value) - 1), "3"))  # "puoli kuusi" = 5.30
        else:
            # Case folding lets "ſix" or "SİX" match a number word whose lower case is not
            # one ("ſix", "i̇"): a look-alike, not a number.
            english = _EN_WORDS.get(word)
            if english is None:
                continue
            value = english
        found.add(_format_value(value))
        if run and not _RUN_GAP.fullmatch(text, last_end, m.start()):
            if len(run) > 1:
                found.add(_format_value(_combine(run)))
            run = []
        if _fi_unit_value(word) is not None if finnish else word in _EN_UNIT_WORDS:
            if run:  # "kaksi vuorokautta", "two decades": the run times the unit, and it ends
                if len(run) > 1:
                    found.add(_format_value(_combine(run)))
                found.add(_format_value(_combine(run) * value))
                run = []
            continue
        run.append(value)
        last_end = m.end()
    if len(run) > 1:
        found.add(_format_value(_combine(run)))
    return frozenset(found) if found else _NONE
