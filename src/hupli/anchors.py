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

Only ``re`` and ``dataclasses`` are imported at module level: ``extract`` runs on every
block of every document, and rapidfuzz is needed only once per document pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Anchors", "Disagreement", "NameMatcher", "compare", "extract"]

# ---------------------------------------------------------------------------------------------
# The result types
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchors:
    """Anchors found in one block.

    Sets hold every reading of the text; ``alternatives`` says which readings belong to one
    mention, so that ``compare`` can accept a mention when *any* of its readings is found on the
    other side (``1,5 miljoonaa`` is both ``1.5`` and ``1500000``; ``4/9/2020`` is either 9 April
    or 4 September). ``name_runs`` keeps runs of adjacent mid-sentence names (``("Kaisa",
    "Heino")``) because a person's name is the one place where a changed name is clear enough to
    report. Both extra fields have defaults, so the documented seven fields can be given
    positionally.
    """

    numbers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    urls: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    number_words: frozenset[str] = frozenset()
    alternatives: frozenset[frozenset[str]] = frozenset()
    name_runs: tuple[tuple[str, ...], ...] = ()

    def is_empty(self) -> bool:
        """True when the block carries no evidence at all (the aligner then relies on length)."""
        return not (
            self.numbers
            or self.dates
            or self.times
            or self.urls
            or self.emails
            or self.names
            or self.number_words
        )

    def keys(self) -> frozenset[str]:
        """All non-name anchors as typed keys (``n:``, ``d:``, ``t:``, ``u:``, ``e:``).

        Number words are left out on purpose: "one" and "yksi" are mostly pronouns and
        articles ("one of them"), so as alignment evidence they would add more noise than
        signal. ``compare`` still uses them to excuse a digit written as a word.
        """
        return frozenset(
            [f"n:{v}" for v in self.numbers]
            + [f"d:{v}" for v in self.dates]
            + [f"t:{v}" for v in self.times]
            + [f"u:{v}" for v in self.urls]
            + [f"e:{v}" for v in self.emails]
        )


@dataclass(frozen=True)
class Disagreement:
    """Values one side has and the other lacks, of one kind, in human-readable form."""

    only_source: tuple[str, ...]
    only_target: tuple[str, ...]
    kind: str  # "number", "date", "time", "url", "email", "name"


EMPTY = Anchors()

# ---------------------------------------------------------------------------------------------
# Regular expressions, compiled once
# ---------------------------------------------------------------------------------------------

# Spaces that may separate thousands: space, no-break space, narrow no-break space, thin space.
_SP = " \u00a0\u202f\u2009"
_SPACE_RUN = re.compile(f"[{_SP}]")
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASHES = re.compile(f"[{_DASH[1:]}]")

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})")
_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\]\[(){}]+"
    r"|(?<![\w@./-])(?:[a-zA-Z0-9-]+\.)+(?:fi|com|org|net|eu|io|gov|edu|info|se|uk|de)"
    r"(?:/[^\s<>\"'\]\[(){}]*)?(?![\w-])"
)
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ \u00a0-]?\(?\d{1,4}\)?){2,6}(?!\d)")
_PHONE_FI = re.compile(r"(?<![\w.,])0\d{1,2}[ \u00a0-]\d{3,4}[ \u00a0-]?\d{3,4}(?![\d.,])")

# Times. Finnish writes "klo 21.05" / "klo 21" / "kello 9–11"; both write "18:33";
# English writes "9.05 pm" / "9:05 p.m." / "9pm".
_KLO = re.compile(
    r"\b(?:klo|kello)\.?\s*(\d{1,2})(?:[.:](\d{2}))?"
    rf"(?:\s*[{_DASH}]\s*(\d{{1,2}})(?:[.:](\d{{2}}))?)?(?!\d)",
    re.IGNORECASE,
)
_AMPM = re.compile(
    r"(?<![\w.:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE
)
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
_EN_MONTH.update(
    {m[:3]: i + 1 for i, m in enumerate(_EN_MONTHS) if m != "may"} | {"sept": 9}
)
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
_FI_SCALE = (
    r"(?:\s?(tuhat(?:ta|ta)?|tuhannen|miljoon\w*|milj\.?|miljard\w*|mrd\.?|"
    r"biljoon\w*))?"
)
_EN_SCALE = r"(?:\s?(thousand|million|billion|trillion|bn|mn|m|k|tn)\b)?"
_GROUPED_SPACE = rf"\d{{1,3}}(?:[{_SP}]\d{{3}})+(?![\d]|[.,]\d{{3}})"
_FI_NUMBER = re.compile(
    rf"(?<![^\W_])({_GROUPED_SPACE}|\d+)(?:[,.](\d+))?(?!\d){_FI_SCALE}", re.IGNORECASE
)
_EN_NUMBER = re.compile(
    rf"(?<![^\W_])(\d{{1,3}}(?:,\d{{3}})+(?!\d)|{_GROUPED_SPACE}|\d+)"
    rf"(?:\.(\d+)|,(\d{{1,2}}|\d{{4,}})(?!\d))?(?!\d){_EN_SCALE}",
    re.IGNORECASE,
)
_SCALES: dict[str, int] = {
    "tuhat": 3, "tuhatta": 3, "tuhannen": 3, "milj": 6, "milj.": 6, "mrd": 9, "mrd.": 9,
    "thousand": 3, "k": 3, "million": 6, "m": 6, "mn": 6, "billion": 9, "bn": 9,
    "trillion": 12, "tn": 12,
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")

# ---------------------------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------------------------

# (value, nominative, partitive, weak stem, strong stem). Every case form is built from these,
# so "kolmen", "kolmea", "kahdelle", "sadan", "kahdeksaan" are all recognised, and so are
# compounds ("kaksikymmentäviisi", "kahdenkymmenenviiden").
_FI_NUMERALS = (
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
_FI_NUM_WORD = re.compile(f"(?:{_FI_NUM_MORPHEME.pattern})+")
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
_FI_PREFIXES = frozenset(
    [f[:3] for f in _FI_NUM_FORMS] + ["ens", "toi", "kol", "nel", "pui", "puo", "par", "tus"]
)

_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                "nineteenth").split()  # fmt: skip
_EN_WORDS: dict[str, float] = {w: i for i, w in enumerate(_EN_UNITS) if i}
_EN_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_EN_TENS)})
_EN_WORDS.update({w: i + 1 for i, w in enumerate(_EN_ORDINALS)})
_EN_WORDS.update({w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_EN_TENS)})
_EN_WORDS.update({"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                  "dozen": 12, "twice": 2, "couple": 2, "pair": 2, "hundredth": 100,
                  "thousandth": 1000})  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’]*(?:[-‐‑][^\W_][\w'’]*)*(?::[^\W\d_]{1,6}\b)?")
_EN_NOT_NAMES = frozenset(
    "I I'm I've I'll I'd Mr Mrs Ms Dr Prof St Jr Sr Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October "
    "November December OK".split()
)
_FI_NOT_NAMES = frozenset("OK Ok".split())
# Sentence-initial capitals that are never names, so the "followed by a name" rule cannot
# pull them into a name ("The Finnish ...", "Myös Imatra ...").
_INITIAL_STOP = frozenset(
    """the a an and but or in on at of for from to with as by if when while after before
    however there here what who which why how where also so then now some all many most
    no not one two this that these those it he she they we you his her their our my its
    according last next first new more yet still even only just since during about under
    over between against through today yesterday tomorrow meanwhile mr mrs ms dr
    se ne hän he me te minä sinä tämä nämä tuo ja mutta myös kun jos että nyt vielä kaikki
    siellä täällä sitä sen niin ei olen on oli ovat olivat kuitenkin lisäksi sekä tai vaan
    koska jo mm esimerkiksi eli vs tänään eilen huomenna viime ensi""".split()
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs esim mm ns ym yms jne tms n ks ts eng engl".split()
)
_INITIAL_PREFIX_JUNK = " \t*_#>\"'“”‘’«»([{|•·" + _DASH
_SENTENCE_END = ".!?:;\n"


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


def _canon_url(url: str) -> str:
    url = url.rstrip(".,;:!?)»”'\"").lower()
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


def _sub(pattern: re.Pattern[str], text: str, handle) -> str:
    """Run `handle(match)` on each match; it returns True to consume the match."""
    if not text:
        return text
    return pattern.sub(lambda m: " " if handle(m) else m.group(0), text)


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
        int_part = _SPACE_RUN.sub("", m.group(1)).replace(",", "")
        if finnish:
            frac, scale = m.group(2) or "", m.group(3)
        else:
            frac, scale = m.group(2) or m.group(3) or "", m.group(4)
        if scale:
            power = _SCALES.get(scale.lower().rstrip("."))
            if power is None:
                lowered = scale.lower()
                power = 6 if lowered.startswith("milj") else 9 if "rd" in lowered else 12
            out.group([f"n:{_canon_number(int_part, frac)}",
                       f"n:{_canon_number(int_part, frac, power)}"])  # fmt: skip
        else:
            out.numbers.add(_canon_number(int_part, frac))
        return True

    if finnish:
        text = _sub(_KLO, text, klo)
    else:
        text = _sub(_AMPM, text, ampm)
        text = _sub(_KLO, text, klo)  # translations sometimes keep "klo"
    text = _sub(_HHMM, text, hhmm)
    text = _sub(_ISO_DATE, text, iso)
    text = _sub(_DOT_DATE_RANGE, text, dot_range)
    text = _sub(_DOT_DATE, text, dot_date)
    if finnish:
        text = _sub(_FI_DAY_MONTH, text, fi_day_month)
        text = _sub(_FI_MONTH_DAY, text, fi_month_day)
        text = _sub(_FI_MONTH_YEAR, text, fi_month_year)
        text = _sub(_DOT_DAYMONTH, text, day_month)
        text = _sub(_FI_DECADE, text, decade)
        text = _sub(_FI_NUMBER, text, number)
    else:
        text = _sub(_SLASH_DATE, text, slash)
        text = _sub(_EN_MONTH_DAY, text, en_month_day)
        text = _sub(_EN_DAY_MONTH, text, en_day_month)
        text = _sub(_EN_MONTH_YEAR, text, en_month_year)
        text = _sub(_DOT_DAYMONTH, text, day_month)
        text = _sub(_EN_CENTURY, text, century)
        text = _sub(_EN_DECADE, text, en_decade)
        text = _sub(_FI_DECADE, text, decade)  # "1970-luvulla" left untranslated
        text = _sub(_EN_NUMBER, text, number)
    return text


def _fi_word_value(word: str) -> float | None:
    """Value of a Finnish number word in any case, compounds included, else None.

    >>> _fi_word_value("kahdenkymmenenviiden"), _fi_word_value("kolmea"), _fi_word_value("sataa")
    (25, 3, 100)
    """
    if word in _FI_OTHER_WORDS:
        return float(_FI_OTHER_WORDS[word])
    if _FI_NUM_WORD.fullmatch(word):
        total = current = 0
        last_unit = 0
        for morpheme in _FI_NUM_MORPHEME.findall(word):
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


def _extract_number_words(text: str, language: str) -> frozenset[str]:
    finnish = language == "fi"
    found: set[str] = set()
    run: list[float] = []
    last_end = -1
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if finnish:
            value = _fi_word_value(word) if word[:3] in _FI_PREFIXES else None
        else:
            value = _EN_WORDS.get(word)
        gap = text[last_end : m.start()] if last_end >= 0 else "x"
        if value is None:
            if word in ("and", "ja") and run and gap.strip() == "":
                continue  # "two hundred and fifty" keeps the run going
            if len(run) > 1:
                found.add(_format_value(_combine(run)))
            run = []
            continue
        found.add(_format_value(value))
        if run and gap.strip(" -\u2010\u2011") and gap.strip().lower() not in ("and", "ja"):
            if len(run) > 1:
                found.add(_format_value(_combine(run)))
            run = []
        run.append(value)
        last_end = m.end()
    if len(run) > 1:
        found.add(_format_value(_combine(run)))
    return frozenset(found)


def _is_sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(_INITIAL_PREFIX_JUNK)
    before = re.sub(r"(?:^|\s)\d{1,3}[.)]$", "", before).rstrip(_INITIAL_PREFIX_JUNK)
    if not before:
        return True
    if before[-1] not in _SENTENCE_END:
        return False
    if before[-1] == ".":
        word = re.search(r"([^\W\d_]+)\.$", before)
        if word and word.group(1).lower() in _ABBREVIATIONS:
            return False
    return True


def _clean_name(token: str) -> str:
    """Drop what inflects or composes around a name: "KT:n" → "KT", "Kaskela's" → "Kaskela",
    "Imatra-kuvia" → "Imatra" (a Finnish compound of a name and a common noun)."""
    token = token.split(":", 1)[0]
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix):
            token = token[: -len(suffix)]
            break
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
        if len(name) < 2 and not name.isupper() or name in not_names:
            continue
        if len(name) < 2:
            continue
        tokens.append((name, m.start(), m.end(), _is_sentence_initial(text, m.start())))
    if not tokens:
        return (), ()
    mid_sentence = {name for name, _, _, initial in tokens if not initial}
    kept: list[tuple[str, int, int, bool]] = []
    for index, (name, start, end, initial) in enumerate(tokens):
        if initial:
            follows = index + 1 < len(tokens) and not tokens[index + 1][3]
            adjacent = follows and text[end : tokens[index + 1][1]].strip() == ""
            strong = (
                (name.isupper() and len(name) >= 2)
                or any(c.isupper() for c in name[1:])
                or name in mid_sentence
                or (adjacent and name.lower() not in _INITIAL_STOP)
            )
            if not strong or name.lower() in _INITIAL_STOP:
                continue
        kept.append((name, start, end, initial))
    names = tuple(dict.fromkeys(name for name, _, _, _ in kept))
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


def extract(text: str, language: str) -> Anchors:
    """Anchors of one block of text in `language` ("fi"; anything else is read as English).

    Passes run from the most specific to the loosest, each blanking what it used: e-mails,
    URLs, phone numbers, times, dates, decades, then plain numbers. Names are read from the
    text with only e-mails and URLs removed, so "9.4.2020" cannot hide a name next to it.
    """
    if not text:
        return EMPTY
    language = "fi" if language.lower().startswith("fi") else "en"
    out = _Collector()
    work = text
    if "@" in work:
        work = _sub(_EMAIL, work, lambda m: out.emails.add(m.group(1).lower()) or True)
    if "." in work:
        work = _sub(_URL, work, lambda m: out.urls.add(_canon_url(m.group(0))) or True)
    names, runs = _extract_names(work, language)
    if _DIGIT.search(work):
        if "+" in work or "0" in work:

            def phone(m: re.Match[str]) -> bool:
                digits = re.sub(r"\D", "", m.group(0))
                if m.group(0).startswith("+358"):
                    digits = "0" + digits[3:]
                elif m.group(0).startswith("+"):
                    digits = "+" + digits
                out.numbers.add(digits)
                return True

            work = _sub(_PHONE_INTL, work, phone)
            work = _sub(_PHONE_FI, work, phone)
        work = _DASHES.sub("-", work)
        _extract_numeric(work, language, out)
    number_words = _extract_number_words(text, language)
    return Anchors(
        numbers=frozenset(out.numbers),
        dates=frozenset(out.dates),
        times=frozenset(out.times),
        urls=frozenset(u for u in out.urls if u),
        emails=frozenset(out.emails),
        names=names,
        number_words=number_words,
        alternatives=frozenset(out.alternatives),
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
MIN_NAME_STEM = 4  # shorter bases only take a genitive -n ("Yle" ~ "Ylen")
MAX_STEM_CHANGE = 2  # letters a base may lose to consonant gradation ("Helsinki" ~ "Helsingissä")
FUZZY_NAME_RATIO = 90.0  # spelling variants ("Shakhtar" ~ "Shahtar"), both names ≥ 6 letters


def _name_key(name: str) -> str:
    return _clean_name(name).lower()


def _is_ending(rest: str) -> bool:
    return bool(_FI_ENDING.fullmatch(rest) or _EN_ENDING.fullmatch(rest))


class NameMatcher:
    """Built once per document pair from all names of both documents; maps surface forms to
    shared ids so that Finnish inflected forms meet their English base form.

    Two names share an id when, after lowercasing, the shorter (the base) is

    * a prefix of the longer and what remains is a Finnish case ending or an English
      possessive (``Kaskela`` ~ ``Kaskelan``, ``Facebook`` ~ ``Facebookissa``; the base needs
      at least 4 letters, 3-letter bases only take a genitive ``-n``);
    * a prefix after a small stem change: the base may lose up to 2 final letters and the
      longer up to 2 letters before an ending (``Helsinki`` ~ ``Helsingissä``, ``Nokelainen`` ~
      ``Nokelaisen``); the common prefix must be at least 5 letters; or
    * a near spelling variant: both at least 6 letters, same first three letters, and
      ``rapidfuzz.fuzz.ratio`` ≥ 90.

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
        shared = int(self._prefix(base, other))
        if shared == len(base):
            rest = other[shared:]
            if len(base) >= MIN_NAME_STEM and _is_ending(rest):
                return shared
            if len(base) == 3 and rest == "n":
                return shared
            return 0
        if shared >= 5 and len(base) - shared <= MAX_STEM_CHANGE:
            rest = other[shared:]
            for cut in range(1, MAX_STEM_CHANGE + 1):
                if len(rest) > cut and _is_ending(rest[cut:]):
                    return shared
            if base.endswith("nen") and other.startswith(base[:-3] + "s"):
                if _is_ending(other[len(base) - 2 :]):  # Virtanen ~ Virtasen, Virtaselle
                    return shared
        if (
            len(base) >= 6
            and len(other) >= 6
            and base[:3] == other[:3]
            and self._ratio(base, other) >= FUZZY_NAME_RATIO
        ):
            return shared
        return 0

    def _assign(self, key: str) -> str:
        best, best_strength = key, 0
        for base in self._by_head.get(key[:3], ()):
            strength = self._matches(base, key)
            if strength > best_strength:
                best, best_strength = base, strength
        if best == key:
            self._by_head.setdefault(key[:3], []).append(key)
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
# * only one side has unmatched ones, and the other side has numeric anchors of its own
#   → reported when there are at least MIN_ONE_SIDED of them;
# * only one side has any numeric anchors at all → reported when there are at least
#   MIN_ALONE of them: translators drop or add a lone "in 2015" or "one" routinely, so a
#   single number facing plain prose is not evidence enough.
MIN_ONE_SIDED = 1
MIN_ALONE = 2


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
        self.has_numeric = bool(
            anchors.numbers or anchors.dates or anchors.times or anchors.number_words
        )

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
            if all(a is None or b is None or a == b for a, b in zip((year, month, day), other)):
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
    """A person's name changed: two runs of adjacent mid-sentence names of the same length that
    agree in every position but one, where the two differing names match nothing on the other
    side ("Kaisa Heino" vs "Kaisa Heinonen"). Anything looser is left alone: names are
    translated ("Kaupunginjohtaja" → "city manager") and inflected too often to be sure."""
    if not src.name_runs or not tgt.name_runs:
        return []
    matcher = NameMatcher(src.names, tgt.names)
    src_ids = matcher.source_ids(src.names)
    tgt_ids = matcher.target_ids(tgt.names)
    found: list[Disagreement] = []
    for s_run in src.name_runs:
        for t_run in tgt.name_runs:
            if len(s_run) != len(t_run):
                continue
            s_run_ids = [matcher.source_ids([n]) for n in s_run]
            t_run_ids = [matcher.target_ids([n]) for n in t_run]
            differ = [i for i in range(len(s_run)) if s_run_ids[i] != t_run_ids[i]]
            if len(differ) != 1:
                continue
            i = differ[0]
            if s_run_ids[i] & tgt_ids or t_run_ids[i] & src_ids:
                continue
            if min(len(s_run[i]), len(t_run[i])) < 3:
                continue
            found.append(Disagreement((s_run[i],), (t_run[i],), "name"))
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
        lonely, other = (num_src, tgt_side) if num_src else (num_tgt, src_side)
        needed = min_one_sided if other.has_numeric else min_alone
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
