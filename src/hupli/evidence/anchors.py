"""Language-neutral anchors: the facts a Finnish block and its English translation share.

A translation rewrites every word, but numbers, dates, times, links, e-mail addresses and
most proper names survive it. They are what lets the aligner tell which blocks correspond,
and they are the facts a reader would be hurt by if the translation got them wrong, so the
"changed" check compares them.

Everything is normalised to one canonical spelling per value so that the two languages'
conventions meet:

======================  ====================  =====================
Finnish                 English               canonical key
======================  ====================  =====================
``47 344``              ``47,344``            ``n:47344``
``1,5``                 ``1.5``               ``n:1.5``
``1,5 miljoonaa``       ``1.5 million``       ``n:1.5`` + ``n:1500000``
``9.4.2020``            ``April 9, 2020``     ``d:2020-04-09``
``9.4.``                ``9 April``           ``d:--04-09``
``70-luvulla``          ``the 1970s``         ``d:decade:1970``
``klo 21.05``           ``9.05 pm``           ``t:21:05``
``www.imatra.fi/``      ``https://imatra.fi`` ``u:imatra.fi``
======================  ====================  =====================

A year that is part of a date belongs to the date only (``9.4.2020`` gives no number
``2020``), in both languages, so that ``compare`` can match a date against a bare year on the
other side without counting the year twice.

Only the standard library and ``hupli.model`` are imported at module level: ``extract`` runs
on every block of every document, and rapidfuzz is needed only once per document pair. For
the same reason ``extract`` remembers the blocks it has read recently, and skips a pattern
when a quick test shows the block cannot match it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from hupli.model import Anchors

__all__ = ["Anchors", "Disagreement", "NameMatcher", "compare", "extract"]

# ---------------------------------------------------------------------------------------------
# The result types
# ---------------------------------------------------------------------------------------------


# `Anchors` is plain data shared by several stages, so it lives in hupli.model.


@dataclass(frozen=True)
class Disagreement:
    """Values one side has and the other lacks, of one kind, in human-readable form."""

    only_source: tuple[str, ...]
    only_target: tuple[str, ...]
    kind: str  # "number", "date", "time", "url", "email", "name"


EMPTY = Anchors()
# Shared by every result that lacks a kind of anchor, as most do: less to build, and less
# memory for the results `extract` keeps.
_NONE: frozenset[str] = frozenset()

# ---------------------------------------------------------------------------------------------
# Regular expressions, compiled once
# ---------------------------------------------------------------------------------------------

# Spaces that may separate thousands: space, no-break space, narrow no-break space, thin space.
_SP = " \u00a0\u202f\u2009"
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASHES = re.compile(f"[{_DASH[1:]}]")

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})")
_TLD = r"(?:fi|com|org|net|eu|io|gov|edu|info|se|uk|de)"
# Finnish inflects a bare domain ("Huuto.netissä", "imatra.fi:ssä") and compounds it with a
# hyphen ("racing.com-sivuston"); those endings are not part of the address.
_FI_DOMAIN_ENDING = r"(?::?(?:i?ss[aä]|i?st[aä]|iin|i?ll[aä]|i?lle|i?lt[aä]|i?n)(?!\w))"
_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\]\[(){}]+"
    rf"|(?<![\w@./-])(?:[a-zA-Z0-9-]+\.)+{_TLD}"
    rf"(?:/[^\s<>\"'\]\[(){{}}]*|{_FI_DOMAIN_ENDING})?(?!\w)"
)
# Every URL match holds one of these; most blocks hold none, and this is quick to scan for.
_URL_HINT = re.compile(rf"://|www\.|\.{_TLD}")
_URL_FI_TAIL = re.compile(
    r"[-‐‑](?:verkko)?(?:sivu|sivusto|palvelu|osoite|sovellu|linkki|linki|tili|kanava|portaali)"
    r"\w*$"
)
_URL_DOMAIN_ENDING = re.compile(rf"(\.{_TLD}){_FI_DOMAIN_ENDING}$")
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ \u00a0-]?\(?\d{1,4}\)?){2,6}(?!\d)")
_PHONE_FI = re.compile(r"(?<![\w.,])(?<!\d )0[1-9]\d?[ \u00a0-]\d{3,4}[ \u00a0-]?\d{3,4}(?![\d.,])")

# Times. Finnish writes "klo 21.05" / "klo 21" / "kello 9–11"; both write "18:33";
# English writes "9.05 pm" / "9:05 p.m." / "9pm".
_KLO = re.compile(
    r"\b(?:klo|kello)\.?\s*(\d{1,2})(?:[.:](\d{2}))?"
    rf"(?:\s*[{_DASH}]\s*(\d{{1,2}})(?:[.:](\d{{2}}))?)?(?!\d)",
    re.IGNORECASE,
)
_AMPM = re.compile(r"(?<![\w.:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_ROUND_THE_CLOCK = re.compile(r"\b24/7\b")  # an idiom ("ympärivuorokautinen"), not figures
_HHMM = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])")

# Dates.
_ISO_DATE = re.compile(r"(?<![\d.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DOT_DATE_RANGE = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})\.?\s*[{_DASH}]\s*(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})?(?![\d,])"
)
_DOT_DATE = re.compile(
    r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d,]|\.\d)"
    r"(?:\s+(?:klo\s*)?(\d{1,2})[.:](\d{2})(?!\d))?"
)
_DOT_DAYMONTH = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(?![\d,]|\.\d)")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")

_FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
              "loka", "marras", "joulu")  # fmt: skip
_FI_MONTH = {m: i + 1 for i, m in enumerate(_FI_MONTHS)}
_FI_MONTH_RE = "(" + "|".join(_FI_MONTHS) + r")kuu\w*"
_FI_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})\.\s*{_FI_MONTH_RE}(?:\s+(?:vuonna\s+|vuoden\s+)?(\d{{4}}))?",
    re.IGNORECASE,
)
_FI_MONTH_DAY = re.compile(rf"\b{_FI_MONTH_RE}\s+(\d{{1,2}})\.(?!\d)", re.IGNORECASE)
_FI_MONTH_YEAR = re.compile(rf"\b{_FI_MONTH_RE}\s+(?:vuonna\s+|vuoden\s+)?(\d{{4}})(?!\d)",
                            re.IGNORECASE)  # fmt: skip

_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")  # fmt: skip
_EN_MONTH: dict[str, int] = {m: i + 1 for i, m in enumerate(_EN_MONTHS)}
_EN_MONTH.update({m[:3]: i + 1 for i, m in enumerate(_EN_MONTHS) if m != "may"} | {"sept": 9})
# Capitalised only: "may" and "march" are also verbs.
_EN_MONTH_RE = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_EN_MONTH_DAY = re.compile(
    rf"\b{_EN_MONTH_RE}\s+(\d{{1,2}}){_ORD}(?:\s*[{_DASH}]\s*(\d{{1,2}}){_ORD})?(?!\d)"
    r"(?:,?\s+(\d{4})(?!\d))?"
)
_EN_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(\d{{1,2}}){_ORD}(?:\s*[{_DASH}]\s*(\d{{1,2}}){_ORD})?\s+(?:of\s+)?"
    rf"{_EN_MONTH_RE}(?:,?\s+(\d{{4}})(?!\d))?"
)
_EN_MONTH_YEAR = re.compile(rf"\b{_EN_MONTH_RE},?\s+(?:of\s+)?(\d{{4}})(?!\d)")

_FI_DECADE = re.compile(
    rf"(?<![\d.,])(\d{{2}}|\d{{4}})(?:[{_DASH}]\s*(?:ja|tai|sekä)\s+(\d{{2}}|\d{{4}}))?"
    rf"[{_DASH}]\s?(?:luv|luku)\w*",
    re.IGNORECASE,
)
_EN_DECADE = re.compile(r"(?<![\w.,])'?(\d{2}|\d{4})'?s\b")
_EN_CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]century\b", re.IGNORECASE)

# Numbers with an optional scale word, per language.
_FI_SCALE_WORDS = r"tuhat(?:ta)?|tuhannen|miljoon\w*|milj\.?|miljard\w*|mrd\.?|biljoon\w*"
_EN_SCALE_WORDS = r"thousand|million|billion|trillion|bn|mn|m|k|tn"
# The integer part after its first digit: grouped by spaces, by dots, or not at all.
_GROUPED_SPACE_REST = rf"\d{{0,2}}(?:[{_SP}]\d{{3}})+(?![\d]|[.,]\d{{3}})"
_GROUPED_DOTS_REST = r"\d{0,2}(?:\.\d{3}){2,}(?![\d.])"  # 1.500.000 can only be thousands
# A number must not follow a letter or digit; that is checked after its first digit,
# (?<![^\W_]\d), so that the pattern opens with a digit and `re` skips from digit to digit
# instead of trying every position (as for _NAME_TOKEN).
_FI_NUMBER = re.compile(
    rf"(?P<int>\d(?<![^\W_]\d)(?:{_GROUPED_DOTS_REST}|{_GROUPED_SPACE_REST}|\d*))"
    rf"(?:(?P<sep>[,.])(?P<frac>\d+))?(?!\d)(?:\s?(?P<scale>{_FI_SCALE_WORDS})(?!\w))?",
    re.IGNORECASE,
)
_EN_NUMBER = re.compile(
    r"(?P<int>\d(?<![^\W_]\d)"
    rf"(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|{_GROUPED_DOTS_REST}|{_GROUPED_SPACE_REST}|\d*))"
    r"(?:(?P<sep>\.)(?P<frac>\d+)|,(?P<frac2>\d{1,2}|\d{4,})(?!\d))?(?!\d)"
    rf"(?:\s?(?P<scale>{_EN_SCALE_WORDS})\b)?",
    re.IGNORECASE,
)
# "90–95 000" and "2–3 miljoonaa": the first number of a range shares the scale of the second.
_RANGE_SHARED_SCALE = re.compile(
    rf"(?<![\w.,])(?<!\d[{_SP}])(\d{{1,3}})(?:[.,](\d+))?(?=\s*-\s*\d{{1,3}}"
    rf"(?:((?:[{_SP},]\d{{3}})+)(?!\d)|(?:[.,]\d+)?\s?({_FI_SCALE_WORDS}"
    r"|thousand|million|billion|bn|mn)(?!\w)))",
    re.IGNORECASE,
)
_GROUPING = re.compile(r"[\s,.]")  # what may separate the digits of a number's integer part
_SCALES: dict[str, int] = {
    "tuhat": 3, "tuhatta": 3, "tuhannen": 3, "milj": 6, "milj.": 6, "mrd": 9, "mrd.": 9,
    "thousand": 3, "k": 3, "million": 6, "m": 6, "mn": 6, "billion": 9, "bn": 9,
    "trillion": 12, "tn": 12,
}  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Codes that mix capitals and digits: road "A26", channel "TV1", "G20". One anchor each.
_CODE = re.compile(r"(?<![\w-])([A-ZÅÄÖ]{1,3})-?(\d{1,4})(?![^\W_]|\d)")
_DIGIT = re.compile(r"\d")
_NON_DIGITS = re.compile(r"\D")

# Quick tests that let `_extract_numeric` skip a pass: each finds something that every match of
# the pattern(s) named contains, and opens with a character set, so `re` skips ahead to it.
_AMPM_HINT = re.compile(r"\d\s?[ap]", re.IGNORECASE)  # _AMPM
_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")  # _DOT_DATE_RANGE, _DOT_DATE, _DOT_DAYMONTH
_DIGIT_DASH_DIGIT = re.compile(r"\d\s*-\s*\d")  # _ISO_DATE, _RANGE_SHARED_SCALE
_EN_MONTH_HINT = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # _EN_MONTH_*
_EN_DECADE_HINT = re.compile(r"\d'?s")  # _EN_DECADE
_CODE_HINT = re.compile(r"[A-ZÅÄÖ]-?\d")  # _CODE
_PHONE_FI_HINT = re.compile(r"0[1-9]\d?[ \u00a0-]\d")  # _PHONE_FI

# ---------------------------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------------------------

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
_FI_PREFIXES = frozenset(
    [f[:3] for f in _FI_NUM_FORMS] + ["ens", "toi", "kol", "nel", "pui", "puo", "par", "tus"]
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

# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# A capitalised word (Latin capitals; others are rare enough in this domain), with hyphenated
# parts and a Finnish case ending after a colon ("KT:n"). The word must not follow a word
# character or apostrophe; that is checked after its first letter, (?<![\w'’].), rather than
# before it, because a pattern that opens with a character set lets `re` skip straight to the
# next capital instead of trying every position.
_NAME_TOKEN = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-ſ](?<![\w'’].)[\w'’]*(?:[-‐‑][^\W_][\w'’]*)*(?::[^\W\d_]{1,6}\b)?"
)
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
_ABBREVIATIONS = frozenset(
    _words("mr mrs ms dr prof st jr sr vs esim mm ns ym yms jne tms n ks ts eng engl ie eg")
)
_INITIAL_PREFIX_JUNK = " \t\u00a0\u202f\u2009*_#>\"'“”‘’«»([{|•·" + _DASH
_SENTENCE_END = ".!?:;\n"
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.)*[^\W\d_]+)\.$")


# ---------------------------------------------------------------------------------------------
# Canonical forms
# ---------------------------------------------------------------------------------------------


def _canon_number(int_part: str, frac: str = "", power: int = 0) -> str:
    """Digits → canonical decimal string; `power` shifts by a power of ten (scale words).

    >>> _canon_number("047", "50"), _canon_number("1", "5", 6)
    ('47.5', '1500000')
    """
    digits = int_part + frac
    point = len(int_part) + power
    if point >= len(digits):
        digits += "0" * (point - len(digits))
        whole, rest = digits, ""
    else:
        whole, rest = digits[:point], digits[point:]
    whole = whole.lstrip("0") or "0"
    rest = rest.rstrip("0")
    return f"{whole}.{rest}" if rest else whole


def _scale_power(word: str) -> int:
    """Power of ten of a scale word: "miljoonaa" → 6, "bn" → 9."""
    word = word.lower().rstrip(".")
    if word in _SCALES:
        return _SCALES[word]
    if word.startswith("tuha"):
        return 3
    if word.startswith("miljoon"):
        return 6
    if word.startswith("miljard"):
        return 9
    return 12


def _canon_url(url: str) -> str:
    url = url.rstrip(".,;:!?)»”'\"").lower()
    url = _URL_DOMAIN_ENDING.sub(r"\1", _URL_FI_TAIL.sub("", url))
    url = re.sub(r"^(?:https?|ftp)://", "", url)
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _date_key(year: int | None, month: int | None, day: int | None) -> str | None:
    """Canonical date, or None when the parts cannot be a date (the text is then left alone)."""
    if month is None or not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day is not None else None
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _time_key(hour: int, minute: int) -> str | None:
    if 0 <= hour <= 24 and 0 <= minute <= 59:
        return f"{hour % 24:02d}:{minute:02d}"
    return None


def _decade_key(text: str) -> str:
    value = int(text)
    if len(text) == 2:
        value += 1900
    return f"decade:{value - value % 10}"


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------


class _Collector:
    """Mutable accumulator used by `extract`; each regex pass replaces what it consumed by a
    space so later, looser passes (plain numbers) do not count the same digits again."""

    __slots__ = ("alternatives", "dates", "emails", "numbers", "times", "urls")

    def __init__(self) -> None:
        self.numbers: set[str] = set()
        self.dates: set[str] = set()
        self.times: set[str] = set()
        self.urls: set[str] = set()
        self.emails: set[str] = set()
        self.alternatives: set[frozenset[str]] = set()

    def group(self, keys: list[str]) -> None:
        """Record several readings of one mention."""
        for key in keys:
            kind, value = key.split(":", 1)
            {"n": self.numbers, "d": self.dates, "t": self.times}[kind].add(value)
        if len(set(keys)) > 1:
            self.alternatives.add(frozenset(keys))


def _sub(
    pattern: re.Pattern[str], text: str, handle: Callable[[re.Match[str]], bool], start: int = 0
) -> str:
    """Run `handle(match)` on each match at or after `start`; it returns True to consume the
    match, which is replaced by a space. Lookbehinds still see the text before `start`."""
    pieces: list[str] = []
    end = 0
    for m in pattern.finditer(text, start):
        if handle(m):
            pieces += (text[end : m.start()], " ")
            end = m.end()
    if not pieces:
        return text
    pieces.append(text[end:])
    return "".join(pieces)


def _sub_from_digit(
    pattern: re.Pattern[str], text: str, handle: Callable[[re.Match[str]], bool]
) -> str:
    """`_sub` for a pattern whose every match opens with a digit: the search starts at the
    first digit, and none is made when no digit is left (an earlier pass consumed them)."""
    first = _DIGIT.search(text)
    return text if first is None else _sub(pattern, text, handle, first.start())


def _extract_numeric(text: str, language: str, out: _Collector) -> str:
    finnish = language == "fi"

    def klo(m: re.Match[str]) -> bool:
        first = _time_key(int(m.group(1)), int(m.group(2) or 0))
        if first is None:
            return False
        out.times.add(first)
        if m.group(3):
            second = _time_key(int(m.group(3)), int(m.group(4) or 0))
            if second:
                out.times.add(second)
        return True

    def ampm(m: re.Match[str]) -> bool:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12:
            return False
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
        key = _time_key(hour, minute)
        if key:
            out.times.add(key)
        return key is not None

    def hhmm(m: re.Match[str]) -> bool:
        key = _time_key(int(m.group(1)), int(m.group(2)))
        if key:
            out.times.add(key)
        return key is not None

    def iso(m: re.Match[str]) -> bool:
        key = _date_key(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if key:
            out.dates.add(key)
        return key is not None

    def dot_range(m: re.Match[str]) -> bool:
        year = int(m.group(4)) if m.group(4) else None
        month = int(m.group(3))
        keys = [_date_key(year, month, int(m.group(1))), _date_key(year, month, int(m.group(2)))]
        if None in keys:
            return False
        out.dates.update(k for k in keys if k)
        return True

    def dot_date(m: re.Match[str]) -> bool:
        key = _date_key(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if key is None:
            return False
        out.dates.add(key)
        if m.group(4):
            time = _time_key(int(m.group(4)), int(m.group(5)))
            if time:
                out.times.add(time)
        return True

    def day_month(m: re.Match[str]) -> bool:
        key = _date_key(None, int(m.group(2)), int(m.group(1)))
        if key is None:
            return False
        if finnish:
            out.dates.add(key)
        else:
            # In English "rose 2.5." is a decimal at the end of a sentence; keep both readings.
            number = _canon_number(m.group(1), m.group(2))
            out.group([f"d:{key}", f"n:{number}"])
        return True

    def slash(m: re.Match[str]) -> bool:
        year = _year(m.group(3))
        a, b = int(m.group(1)), int(m.group(2))
        keys = {k for k in (_date_key(year, a, b), _date_key(year, b, a)) if k}
        if not keys:
            return False
        out.group([f"d:{k}" for k in sorted(keys)])
        return True

    def fi_day_month(m: re.Match[str]) -> bool:
        year = int(m.group(3)) if m.group(3) else None
        key = _date_key(year, _FI_MONTH[m.group(2).lower()], int(m.group(1)))
        if key:
            out.dates.add(key)
        return key is not None

    def fi_month_day(m: re.Match[str]) -> bool:
        key = _date_key(None, _FI_MONTH[m.group(1).lower()], int(m.group(2)))
        if key:
            out.dates.add(key)
        return key is not None

    def fi_month_year(m: re.Match[str]) -> bool:
        key = _date_key(int(m.group(2)), _FI_MONTH[m.group(1).lower()], None)
        if key:
            out.dates.add(key)
        return key is not None

    def en_month(name: str) -> int:
        return _EN_MONTH[name.lower().rstrip(".")]

    def en_month_day(m: re.Match[str]) -> bool:
        year = int(m.group(4)) if m.group(4) else None
        month = en_month(m.group(1))
        days = [m.group(2)] + ([m.group(3)] if m.group(3) else [])
        keys = [_date_key(year, month, int(d)) for d in days]
        if None in keys:
            return False
        out.dates.update(k for k in keys if k)
        return True

    def en_day_month(m: re.Match[str]) -> bool:
        year = int(m.group(4)) if m.group(4) else None
        month = en_month(m.group(3))
        days = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
        keys = [_date_key(year, month, int(d)) for d in days]
        if None in keys:
            return False
        out.dates.update(k for k in keys if k)
        return True

    def en_month_year(m: re.Match[str]) -> bool:
        key = _date_key(int(m.group(2)), en_month(m.group(1)), None)
        if key:
            out.dates.add(key)
        return key is not None

    def decade(m: re.Match[str]) -> bool:
        for group in m.groups():
            if group:
                out.dates.add(_decade_key(group))
        return True

    def en_decade(m: re.Match[str]) -> bool:
        text = m.group(1)
        if len(text) == 4 and not text.endswith("0"):
            return False  # "2015s" is not a decade; leave the number
        if len(text) == 2 and not text.endswith("0"):
            return False
        out.dates.add(_decade_key(text))
        return True

    def century(m: re.Match[str]) -> bool:
        number = int(m.group(1))
        if not 1 <= number <= 30:
            return False
        out.dates.add(f"decade:{(number - 1) * 100}")
        return True

    def number(m: re.Match[str]) -> bool:
        written = m.group("int")
        int_part = _GROUPING.sub("", written)
        frac = m.group("frac") or ("" if finnish else m.group("frac2") or "")
        readings = [(int_part, frac)]
        if m.group("sep") == "." and len(frac) == 3 and written.isdigit() and len(written) <= 3:
            # "50.000": thousands in a continental-style translation, or a decimal.
            readings.append((int_part + frac, ""))
        powers = [0]
        if m.group("scale"):
            powers.append(_scale_power(m.group("scale")))
        keys = [f"n:{_canon_number(i, f, p)}" for i, f in readings for p in powers]
        out.group(keys)
        return True

    def code(m: re.Match[str]) -> bool:
        out.numbers.add(m.group(1) + m.group(2))
        return True

    def shared_scale(m: re.Match[str]) -> bool:
        power = 3 * m.group(3).count(m.group(3)[0]) if m.group(3) else _scale_power(m.group(4))
        int_part, frac = m.group(1), m.group(2) or ""
        out.group([f"n:{_canon_number(int_part, frac)}",
                   f"n:{_canon_number(int_part, frac, power)}"])  # fmt: skip
        return True

    # Most patterns open with a lookbehind, so `re` tries them at every position of the block,
    # while most blocks hold only a plain number or two. So a pass runs only when the block has
    # something every match of its pattern has (a literal, or a pattern `re` can skip ahead to),
    # and a pattern whose matches open with a digit is tried from the first digit left.
    # The tests made once, here, look for runs of characters without white space: a pass
    # replaces what it consumes by a space, which cannot create such a run, so a test that fails
    # now would fail before every later pass too. (Tests that allow white space, which a pass
    # can bring together, are made just before their pass.) The words looked up in `lower` have
    # no "i" or "s", the only letters whose case-insensitive matches lower() misses ("ı", "ſ").
    lower = text.lower()
    clock = "klo" in lower or "kello" in lower
    dash = "-" in text  # the only dash left: `extract` has replaced the others by it
    dots = _DIGIT_DOT_DIGIT.search(text) is not None
    if "24/7" in text:
        text = _ROUND_THE_CLOCK.sub(" ", text)
    if finnish:
        if clock:
            text = _sub(_KLO, text, klo)
    else:
        if _AMPM_HINT.search(text):
            text = _sub_from_digit(_AMPM, text, ampm)
        if clock:
            text = _sub(_KLO, text, klo)  # translations sometimes keep "klo"
    if ":" in text:
        text = _sub_from_digit(_HHMM, text, hhmm)
    if dash and _DIGIT_DASH_DIGIT.search(text):
        text = _sub_from_digit(_ISO_DATE, text, iso)
    if dots:
        if dash:
            text = _sub_from_digit(_DOT_DATE_RANGE, text, dot_range)
        text = _sub_from_digit(_DOT_DATE, text, dot_date)
    if finnish:
        if "kuu" in lower:
            text = _sub_from_digit(_FI_DAY_MONTH, text, fi_day_month)
            text = _sub(_FI_MONTH_DAY, text, fi_month_day)
            text = _sub(_FI_MONTH_YEAR, text, fi_month_year)
        if dots:
            text = _sub_from_digit(_DOT_DAYMONTH, text, day_month)
        if dash and "lu" in lower:
            text = _sub_from_digit(_FI_DECADE, text, decade)
        if dash and _DIGIT_DASH_DIGIT.search(text):
            text = _sub_from_digit(_RANGE_SHARED_SCALE, text, shared_scale)
        if _CODE_HINT.search(text):
            text = _sub(_CODE, text, code)
        text = _sub(_FI_NUMBER, text, number)
    else:
        if "/" in text:
            text = _sub_from_digit(_SLASH_DATE, text, slash)
        if _EN_MONTH_HINT.search(text):
            text = _sub(_EN_MONTH_DAY, text, en_month_day)
            text = _sub_from_digit(_EN_DAY_MONTH, text, en_day_month)
            text = _sub(_EN_MONTH_YEAR, text, en_month_year)
        if dots:
            text = _sub_from_digit(_DOT_DAYMONTH, text, day_month)
        if "century" in lower:
            text = _sub_from_digit(_EN_CENTURY, text, century)
        if _EN_DECADE_HINT.search(text):
            text = _sub(_EN_DECADE, text, en_decade)  # may open with an apostrophe: '80s
        if dash and "lu" in lower:
            text = _sub_from_digit(_FI_DECADE, text, decade)  # "1970-luvulla" left untranslated
        if dash and _DIGIT_DASH_DIGIT.search(text):
            text = _sub_from_digit(_RANGE_SHARED_SCALE, text, shared_scale)
        if _CODE_HINT.search(text):
            text = _sub(_CODE, text, code)
        text = _sub(_EN_NUMBER, text, number)
    return text


@lru_cache(maxsize=4096)  # the words looked up recur from block to block
def _fi_word_value(word: str) -> float | None:
    """Value of a Finnish number word in any case, compounds included, else None.

    >>> _fi_word_value("kahdenkymmenenviiden"), _fi_word_value("kolmea"), _fi_word_value("sataa")
    (25, 3, 100)
    """
    if word in _FI_OTHER_WORDS:
        return float(_FI_OTHER_WORDS[word])
    approx = _FI_APPROXIMATE.fullmatch(word)
    if approx:
        # "viitisen" (about five), "kolmisensataa" (about three hundred), "parisataa",
        # "satakunta": journalists' round figures, translated as plain numbers.
        base = _FI_APPROX_BASES.get(approx.group(1))
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
    if special:
        return (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)[special.lastindex - 1]
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
    return _canon_number(*f"{value:.6f}".split("."))


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


def _extract_number_words(text: str, language: str) -> frozenset[str]:
    """Values of numbers written as words, alone and as runs ("two hundred and fifty" → 2,
    100, 50 and 250), so digits on the other side can be excused."""
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
                found.add(_canon_number(str(int(value) - 1), "3"))  # "puoli kuusi" = 5.30
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
        run.append(value)
        last_end = m.end()
    if len(run) > 1:
        found.add(_format_value(_combine(run)))
    return frozenset(found) if found else _NONE


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
        if word and word.group(1).replace(".", "").lower() in _ABBREVIATIONS:
            return False
    return True


# An apostrophe followed by a short lowercase tail is English possessive or Finnish inflection
# of a foreign name ("Kaskela's", "Shaw’n", "Hughes’ta"); "O'Steen" keeps its capital part.
_APOSTROPHE_TAIL = re.compile(r"['’](?:[a-zåäö]{1,5})?$")


def _clean_name(token: str) -> str:
    """Drop what inflects or composes around a name: "KT:n" → "KT", "Kaskela's" → "Kaskela",
    "Imatra-kuvia" → "Imatra" (a Finnish compound of a name and a common noun)."""
    if token.isalpha():
        return token
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


def _extract_names(text: str, language: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
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
            strong = name in mid_sentence or name.isupper() or any(map(str.isupper, name[1:]))
            if not strong or name.lower() in _INITIAL_STOP:
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


# Sites repeat blocks from page to page (headings, navigation, footers, whole paragraphs): in
# the sample corpora a third to a half of all blocks had been read before. `Anchors` is
# immutable, so a repeat can share the first reading. 8192 entries take about 7 MB.
@lru_cache(maxsize=8192)
def extract(text: str, language: str) -> Anchors:
    """Anchors of one block of text in `language` ("fi"; anything else is read as English).

    Passes run from the most specific to the loosest, each blanking what it used: e-mails,
    URLs, phone numbers, times, dates, decades, then plain numbers. Names are read from the
    text with only e-mails and URLs removed, so "9.4.2020" cannot hide a name next to it.

    A name is a capitalised word that does not open a sentence (nor follow a list number),
    minus a short list of function words, months and weekdays. A sentence-initial word is kept
    only when it is an acronym ("KT"), has an inner capital ("YouTube", "Hupli-Oinonen"), or
    occurs mid-sentence elsewhere in the same block; `extract` sees one block, so matching
    against the other language is left to `NameMatcher`.
    """
    if not text:
        return EMPTY
    language = "fi" if language.lower().startswith("fi") else "en"
    out = _Collector()
    work = text
    if "@" in work:
        work = _sub(_EMAIL, work, lambda m: out.emails.add(m.group(1).lower()) or True)
    if "." in work and _URL_HINT.search(work):
        work = _sub(_URL, work, lambda m: out.urls.add(_canon_url(m.group(0))) or True)
    names, runs = _extract_names(work, language)
    if _DIGIT.search(work):

        def phone(m: re.Match[str]) -> bool:
            digits = _NON_DIGITS.sub("", m.group(0))
            if m.group(0).startswith("+358"):
                digits = "0" + digits[3:]
            elif m.group(0).startswith("+"):
                digits = "+" + digits
            out.numbers.add(digits)
            return True

        if "+" in work:
            work = _sub(_PHONE_INTL, work, phone)
        if _PHONE_FI_HINT.search(work):
            work = _sub(_PHONE_FI, work, phone)
        work = _DASHES.sub("-", work)
        _extract_numeric(work, language, out)
    number_words = _extract_number_words(text, language)
    urls = frozenset(u for u in out.urls if u) if out.urls else _NONE
    if not (names or number_words or urls or out.numbers or out.dates or out.times or out.emails):
        return EMPTY  # a fifth of all blocks
    return Anchors(
        numbers=frozenset(out.numbers) if out.numbers else _NONE,
        dates=frozenset(out.dates) if out.dates else _NONE,
        times=frozenset(out.times) if out.times else _NONE,
        urls=urls,
        emails=frozenset(out.emails) if out.emails else _NONE,
        names=names,
        number_words=number_words,
        alternatives=frozenset(out.alternatives) if out.alternatives else _NONE,
        name_runs=runs,
    )


# ---------------------------------------------------------------------------------------------
# Names across languages
# ---------------------------------------------------------------------------------------------

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
def _name_key(name: str) -> str:
    return _clean_name(name).lower().replace("’", "'")


_GRADATION = re.compile(r"^(.*?)(kk|pp|tt|nk|mp|lt|rt|nt|ht|t|p|k)([aeiouyäö]{1,2})$")
_WEAK = {"kk": "k", "pp": "p", "tt": "t", "nk": "ng", "mp": "mm", "lt": "ll", "rt": "rr",
         "nt": "nn", "ht": "hd", "t": "d", "p": "v", "k": ""}  # fmt: skip


def _stems(base: str) -> list[str]:
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

    * a prefix of the longer, or one of its Finnish stems is (see `_stems`: ``Suomi`` →
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
        keys = {_name_key(n) for n in source_names} | {_name_key(n) for n in target_names}
        keys.discard("")
        self._ids: dict[str, str] = {}
        self._by_head: dict[str, list[str]] = {}
        for key in sorted(keys, key=lambda k: (len(k), k)):
            self._ids[key] = self._assign(key)

    def _matches(self, base: str, other: str) -> int:
        """Strength of `base` as the base form of `other` (length of shared prefix), 0 if none."""
        if base == other:
            return len(base) + 1
        for stem in _stems(base):
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
        key = _name_key(name)
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


# ---------------------------------------------------------------------------------------------
# Comparing two blocks
# ---------------------------------------------------------------------------------------------

# The rule for numeric facts (numbers, dates, times) that only one side has:
# * both sides have an unmatched one  → always reported (the classic edited number);
# * only one side has unmatched ones, and the other side states figures of its own (digits,
#   or number words ≥ 2 that the lonely side lacks: "kaksi miljoonaa" vs "8 million")
#   → reported when there are at least MIN_ONE_SIDED of them;
# * otherwise (the other side is plain prose) → reported when there are at least MIN_ALONE
#   of them: translators drop or add a lone "in 2015" or "18 months" ("puolentoista vuoden")
#   routinely, so a single figure facing plain prose is not evidence enough.
# On WMT16 newstest2016 fi→en (1,500 Finnish-original segments) this flags 1 clean pair
# (a real error in the reference) and catches 97% of single-digit edits on the English side.
MIN_ONE_SIDED = 1
MIN_ALONE = 2
NEAR_NAME_RATIO = 75.0  # names this close are spelling variants or typos, not a changed name


def _date_parts(key: str) -> tuple[int | None, int | None, int | None]:
    if key.startswith("--"):
        return None, int(key[2:4]), int(key[5:7])
    parts = key.split("-")
    return int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else None


class _Side:
    """Everything on one side that can explain a value from the other side."""

    def __init__(self, anchors: Anchors) -> None:
        self.a = anchors
        self.values = set(anchors.numbers) | set(anchors.number_words)
        self.dates = [(_date_parts(d)) for d in anchors.dates if not d.startswith("decade:")]
        self.decades = {d for d in anchors.dates if d.startswith("decade:")}
        self.times = [(int(t[:2]), int(t[3:])) for t in anchors.times]
        # Number words do not count: "one" or "kaksi päivää" is no sign that a block states
        # figures, so a lone figure on the other side is judged as if facing plain prose.
        self.has_numeric = bool(anchors.numbers or anchors.dates or anchors.times)

    def explains_number(self, value: str) -> bool:
        if value in self.values:
            return True
        if value.isdigit():
            number = int(value)
            for year, _month, day in self.dates:
                if number in (year, day):
                    return True
            for decade in self.decades:
                start = int(decade[7:])
                if number in (start, start % 100):
                    return True
            for hour, minute in self.times:
                if minute == 0 and number in (hour, hour % 12 or 12):
                    return True
        else:
            for hour, minute in self.times:
                for h in (hour, hour % 12 or 12):
                    if value == _canon_number(str(h), f"{minute:02d}"):
                        return True
        return False

    def explains_date(self, key: str) -> bool:
        if key.startswith("decade:"):
            if key in self.decades:
                return True
            start = int(key[7:])
            return str(start) in self.values or str(start % 100) in self.values
        year, month, day = _date_parts(key)
        for other in self.dates:
            if all(
                a is None or b is None or a == b
                for a, b in zip((year, month, day), other, strict=True)
            ):
                return True
        return year is not None and str(year) in self.values

    def explains_time(self, key: str) -> bool:
        hour, minute = int(key[:2]), int(key[3:])
        for other_hour, other_minute in self.times:
            if other_minute == minute and other_hour % 12 == hour % 12:
                return True
        if minute == 0 and (str(hour) in self.values or str(hour % 12 or 12) in self.values):
            return True
        return any(
            _canon_number(str(h), f"{minute:02d}") in self.values for h in (hour, hour % 12 or 12)
        )

    def explains(self, key: str) -> bool:
        kind, value = key.split(":", 1)
        if kind == "n":
            return self.explains_number(value)
        if kind == "d":
            return self.explains_date(value)
        if kind == "t":
            return self.explains_time(value)
        if kind == "u":
            return value in self.a.urls
        return value in self.a.emails


_KIND = {"n": "number", "d": "date", "t": "time", "u": "url", "e": "email"}
_KIND_ORDER = ("number", "date", "time", "url", "email", "name")


def _mentions(anchors: Anchors) -> list[frozenset[str]]:
    """One entry per mention: its alternative readings as typed keys."""
    grouped: set[str] = set()
    mentions: list[frozenset[str]] = []
    for group in sorted(anchors.alternatives, key=sorted):
        mentions.append(group)
        grouped |= group
    for key in sorted(anchors.keys()):
        if key not in grouped:
            mentions.append(frozenset([key]))
    return mentions


def _label(mention: frozenset[str]) -> tuple[str, str]:
    """Kind and human-readable value; a scaled number is shown as its written value."""
    keys = sorted(mention, key=lambda k: (len(k), k))
    kind, value = keys[0].split(":", 1)
    return _KIND[kind], value


def _unexplained(mine: Anchors, other: _Side) -> list[tuple[str, str]]:
    return [
        _label(mention)
        for mention in _mentions(mine)
        if not any(other.explains(key) for key in mention)
    ]


def _name_disagreements(src: Anchors, tgt: Anchors) -> list[Disagreement]:
    """A person's surname changed: two runs of adjacent mid-sentence names of the same length
    that agree in every position but the last, where the two last names match nothing on the
    other side and are not near spellings of each other ("Kaisa Heino" vs "Kaisa Virtanen").

    Anything looser is left alone: names are translated ("Euroopan Unioni" → "European Union"),
    inflected and transliterated ("Nizhni"/"Nizhny") too often to be sure, and a one-letter
    difference ("Nokelainen"/"Nokelainan") is as likely a typo in either text.
    """
    if not src.name_runs or not tgt.name_runs:
        return []
    matcher = NameMatcher(src.names, tgt.names)
    from rapidfuzz.fuzz import ratio

    src_ids = matcher.source_ids(src.names)
    tgt_ids = matcher.target_ids(tgt.names)
    found: list[Disagreement] = []
    for s_run in src.name_runs:
        for t_run in tgt.name_runs:
            if len(s_run) != len(t_run):
                continue
            s_run_ids = [matcher.source_ids([n]) for n in s_run]
            t_run_ids = [matcher.target_ids([n]) for n in t_run]
            if s_run_ids[:-1] != t_run_ids[:-1] or s_run_ids[-1] == t_run_ids[-1]:
                continue
            s_name, t_name = s_run[-1], t_run[-1]
            if s_run_ids[-1] & tgt_ids or t_run_ids[-1] & src_ids:
                continue
            if min(len(s_name), len(t_name)) < 3 or s_name.isupper() or t_name.isupper():
                continue
            s_key, t_key = _name_key(s_name), _name_key(t_name)
            if s_key[:3] == t_key[:3] or ratio(s_key, t_key) >= NEAR_NAME_RATIO:
                continue
            found.append(Disagreement((s_name,), (t_name,), "name"))
    return found


def compare(
    src: Anchors,
    tgt: Anchors,
    src_lang: str = "fi",
    tgt_lang: str = "en",
    *,
    min_one_sided: int = MIN_ONE_SIDED,
    min_alone: int = MIN_ALONE,
    names: bool = True,
) -> tuple[Disagreement, ...]:
    """Disagreements that mean the translation changed a fact. Empty tuple when they agree.

    A value on one side is *explained* when the other side has the same value in any of its
    readings, or an equivalent one: digits against a number word (``3`` ~ ``kolme``), a bare
    year or day against a date containing it, a partial date against a fuller one (``--04-09``
    ~ ``2020-04-09``), a decade against its year (``1970``, ``70``), a time against the same
    clock time 12 hours apart or written as a number (``21:05`` ~ ``9.05``). Number words are
    never reported themselves: "one" and "yksi" are too often not numbers.

    Unexplained numbers, dates and times are reported by the rule above `MIN_ONE_SIDED`:
    always when both sides have some; with `min_one_sided` (default 1) or more when only one
    side has some but the other side has numeric anchors; with `min_alone` (default 2) or more
    when the other side has no numeric anchor at all. URLs and e-mails are reported whenever
    they differ. Names: see `_name_disagreements`; pass ``names=False`` to skip them.
    `src_lang` and `tgt_lang` are accepted for symmetry with `extract`; the anchors are already
    language-neutral.
    """
    del src_lang, tgt_lang
    src_side, tgt_side = _Side(src), _Side(tgt)
    only_src = _unexplained(src, tgt_side)
    only_tgt = _unexplained(tgt, src_side)

    def numeric(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [item for item in items if item[0] in ("number", "date", "time")]

    num_src, num_tgt = numeric(only_src), numeric(only_tgt)
    report_numeric = bool(num_src and num_tgt)
    if not report_numeric and (num_src or num_tgt):
        # The lonely side's figures face the other side; does the other side state figures
        # too, in digits or in number words this side does not have?
        lonely, lonely_side, other = (
            (num_src, src_side, tgt) if num_src else (num_tgt, tgt_side, src)
        )
        states_figures = _Side(other).has_numeric or any(
            float(word) >= 2 and not lonely_side.explains_number(word)
            for word in other.number_words
        )
        needed = min_one_sided if states_figures else min_alone
        report_numeric = len(lonely) >= needed

    result: list[Disagreement] = []
    for kind in _KIND_ORDER[:-1]:
        if kind in ("number", "date", "time") and not report_numeric:
            continue
        s = tuple(v for k, v in only_src if k == kind)
        t = tuple(v for k, v in only_tgt if k == kind)
        if s or t:
            result.append(Disagreement(s, t, kind))
    if names:
        result.extend(_name_disagreements(src, tgt))
    return tuple(result)
