"""Numbers, dates, times, phone numbers and codes, read the Finnish or the English way.

Each kind of mention is a pass (see `hupli.evidence.passes`): a pattern, a small function
that reads a match into canonical values, and a quick test. `FINNISH_PASSES` and
`ENGLISH_PASSES` are the tables, run from the most specific pattern to the loosest, each
blanking what it read: markup and idioms first, to give nothing (an HTML tag, a character
reference, ``24/7``), times before dates (``klo 21.05`` is no date), dates before plain
numbers (``9.4.2020`` gives no number ``2020``), ranges before their ends. Phone numbers
(`PHONE_PASSES`) are read first, in either language.
Every reading keeps how it was written (`hupli.evidence.passes.Found`).

>>> keys("Tiedote 9.4.2020 klo 18.33: 47 344 kävijää, 1,5 miljoonaa euroa.")
['d:2020-04-09', 'n:1.5', 'n:1500000', 'n:47344', 't:18:33']
>>> keys("Release April 9, 2020, 6.33 pm: 47,344 visitors, 1.5 million euros.", "en")
['d:2020-04-09', 'n:1.5', 'n:1500000', 'n:47344', 't:18:33']
"""

from __future__ import annotations

import re

from hupli.evidence.passes import DIGIT, Found, Pass, Seen, run
from hupli.text import DASHES as _DASH

# Spaces that may separate thousands: space, no-break space, narrow no-break space, thin space.
_SP = " \u00a0\u202f\u2009"
_DASHES = re.compile(f"[{_DASH[1:]}]")
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
# A date ends where no digit follows, nor a comma or full stop with a digit after it: the
# comma or full stop that ends a clause or sentence ("12.5.2020, kello ...") ends it too.
_DATE_END = r"(?!\d|[.,]\d)"
_DOT_DATE_RANGE = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})\.?\s*[{_DASH}]\s*(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})?{_DATE_END}"
)
_DOT_DATE = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_DATE_END}"
    r"(?:\s+(?:klo\s*)?(\d{1,2})[.:](\d{2})(?!\d))?"
)
_DOT_DAYMONTH = re.compile(rf"(?<![\d.,])(\d{{1,2}})\.(\d{{1,2}})\.{_DATE_END}")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")

_FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
              "loka", "marras", "joulu")  # fmt: skip
_FI_MONTH = {m: i + 1 for i, m in enumerate(_FI_MONTHS)}
_FI_MONTH_RE = "(" + "|".join(_FI_MONTHS) + r")kuu\w*"
# "9. huhtikuuta", and a range of days: "6.–8. marraskuuta".
_FI_DAY_MONTH = re.compile(
    r"(?<![\d.,])(\d{1,2})\.(?:\s*-\s*(\d{1,2})\.)?"
    rf"\s*{_FI_MONTH_RE}(?:\s+(?:vuonna\s+|vuoden\s+)?(\d{{4}}))?",
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
_EN_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_EN_MONTH_RE = f"({_EN_MONTH_NAMES})"
# After a day, a month name in lower case is a month too ("the 16th of february"), but for
# "may" and "march" ("20 may apply").
_EN_MONTH_AFTER_DAY_RE = (
    f"({_EN_MONTH_NAMES}"
    "|january|february|april|june|july|august|september|october|november|december)"
)
_ORD = r"(?:st|nd|rd|th)?"
# A range of days: "13–19", "13 to 19".
_EN_DAYS_TO = r"\s*(?:-|to\b)\s*"
_EN_MONTH_DAY = re.compile(
    rf"\b{_EN_MONTH_RE}\s+(\d{{1,2}}){_ORD}(?:{_EN_DAYS_TO}(\d{{1,2}}){_ORD})?(?!\d)"
    r"(?:,?\s+(\d{4})(?!\d))?"
)
# "9 April", "9th of April", "21. August" and "6.-8. November" (a Finnish translator's
# full stop after the day).
_EN_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(\d{{1,2}})(?:\.|{_ORD})(?:{_EN_DAYS_TO}(\d{{1,2}})(?:\.|{_ORD}))?\s+"
    rf"(?:of\s+)?{_EN_MONTH_AFTER_DAY_RE}(?:,?\s+(\d{{4}})(?!\d))?"
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
# A number must not follow a digit; that is checked after its first digit, (?<!\d\d), so that
# the pattern opens with a digit and `re` skips from digit to digit instead of trying every
# position (as for _NAME_TOKEN). After a letter it must end the word (`read_number`).
_FI_NUMBER = re.compile(
    rf"(?P<int>\d(?<!\d\d)(?:{_GROUPED_DOTS_REST}|{_GROUPED_SPACE_REST}|\d*))"
    rf"(?:(?P<sep>[,.])(?P<frac>\d+))?(?!\d)(?:\s?(?P<scale>{_FI_SCALE_WORDS})(?!\w))?",
    re.IGNORECASE,
)
_EN_NUMBER = re.compile(
    r"(?P<int>\d(?<!\d\d)"
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


# Codes that mix capitals and digits: road "A26", channel "TV1", "G20", a key "fn-F12". One
# anchor each.
_CODE = re.compile(r"(?<!\w)([A-ZÅÄÖ]{1,3})-?(\d{1,4})(?![^\W_]|\d)")
# HTML's character references ("&#x29B8;", "&#8203;") name a character, not a figure; its
# tags ("<h3>", '<img width="300">') are markup.
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX][0-9a-fA-F]{1,6}|\d{1,7});")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_NON_DIGITS = re.compile(r"\D")

# Quick tests that let a pass be skipped: each finds something that every match of the
# pattern(s) named contains, and opens with a character set, so `re` skips ahead to it.
_AMPM_HINT = re.compile(r"\d\s?[ap]", re.IGNORECASE)  # _AMPM
_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")  # _DOT_DATE_RANGE, _DOT_DATE, _DOT_DAYMONTH
_DIGIT_DASH_DIGIT = re.compile(r"\d\s*-\s*\d")  # _ISO_DATE, _RANGE_SHARED_SCALE
_EN_MONTH_HINT = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # _EN_MONTH_*
# _EN_DAY_MONTH's month names in lower case: each holds one of these.
_EN_MONTH_LOWER_HINTS = ("uary", "ember", "october", "april", "june", "july", "august")
_EN_DECADE_HINT = re.compile(r"\d'?s")  # _EN_DECADE
_CODE_HINT = re.compile(r"[A-ZÅÄÖ]-?\d")  # _CODE
_PHONE_FI_HINT = re.compile(r"0[1-9]\d?[ \u00a0-]\d")  # _PHONE_FI


# --- canonical forms ---------------------------------------------------------------------


def canonical_number(int_part: str, frac: str = "", power: int = 0) -> str:
    """Digits → canonical decimal string; `power` shifts by a power of ten (scale words).

    >>> canonical_number("047", "50"), canonical_number("1", "5", 6)
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


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def date_key(year: int | None, month: int | None, day: int | None) -> str | None:
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


def time_key(hour: int, minute: int) -> str | None:
    if 0 <= hour <= 24 and 0 <= minute <= 59:
        return f"{hour % 24:02d}:{minute:02d}"
    return None


# A decade written with two digits up to this is as likely this century's ("the 00s",
# "10-luvulla") as the last one's, so it is read both ways; later ones are the 1900s'.
LAST_TWO_DIGIT_DECADE_OF_2000S = 20


def decade_keys(text: str) -> list[str]:
    """The decade a year or two digits name, as typed keys; two digits may name two.

    >>> decade_keys("1975"), decade_keys("70"), decade_keys("00")
    (['d:decade:1970'], ['d:decade:1970'], ['d:decade:1900', 'd:decade:2000'])
    """
    value = int(text)
    value -= value % 10
    if len(text) != 2:
        return [f"d:decade:{value}"]
    keys = [f"d:decade:{1900 + value}"]
    if value <= LAST_TWO_DIGIT_DECADE_OF_2000S:
        keys.append(f"d:decade:{2000 + value}")
    return keys


# --- reading one match -------------------------------------------------------------------
# Each returns True when it read the match (which is then blanked), False to leave it for a
# later, looser pass.


def read_phone(match: re.Match[str], found: Found) -> bool:
    """A phone number, as its digits; a Finnish international prefix as the trunk 0.

    >>> keys("Puh. +358 40 123 4567 tai 040 123 4567")
    ['n:0401234567']
    """
    digits = _NON_DIGITS.sub("", match.group(0))
    if match.group(0).startswith("+358"):
        digits = "0" + digits[3:]
    elif match.group(0).startswith("+"):
        digits = "+" + digits
    found.add(f"n:{digits}", match)
    return True


def read_clock(match: re.Match[str], found: Found) -> bool:
    """Finnish "klo 21.05", "kello 9–11" (a range gives both ends).

    >>> keys("Ovet avataan klo 9–11 ja esitys alkaa kello 21.05.")
    ['t:09:00', 't:11:00', 't:21:05']
    """
    first = time_key(int(match.group(1)), int(match.group(2) or 0))
    if first is None:
        return False
    found.add(f"t:{first}", match)
    if match.group(3):
        second = time_key(int(match.group(3)), int(match.group(4) or 0))
        if second:
            found.add(f"t:{second}", match)
    return True


def read_am_pm(match: re.Match[str], found: Found) -> bool:
    """English "9.05 pm", "9:05 p.m.", "9pm".

    >>> keys("Doors open at 9pm, the show starts at 9.05 p.m.", "en")
    ['t:21:00', 't:21:05']
    """
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not 1 <= hour <= 12:
        return False
    hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    key = time_key(hour, minute)
    if key:
        found.add(f"t:{key}", match)
    return key is not None


def read_hours_minutes(match: re.Match[str], found: Found) -> bool:
    """ "18:33", in either language.

    >>> keys("Julkaistu 18:33")
    ['t:18:33']
    """
    key = time_key(int(match.group(1)), int(match.group(2)))
    if key:
        found.add(f"t:{key}", match)
    return key is not None


def read_iso_date(match: re.Match[str], found: Found) -> bool:
    """ "2020-04-09".

    >>> keys("Päivitetty 2020-04-09")
    ['d:2020-04-09']
    """
    key = date_key(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if key:
        found.add(f"d:{key}", match)
    return key is not None


def read_dot_date_range(match: re.Match[str], found: Found) -> bool:
    """Finnish "9.–12.4.2020": both days.

    >>> keys("Näyttely 9.–12.4.2020")
    ['d:2020-04-09', 'd:2020-04-12']
    """
    days = [match.group(1), match.group(2)]
    return _add_days(match, found, match.group(4), int(match.group(3)), days)


def read_dot_date(match: re.Match[str], found: Found) -> bool:
    """ "9.4.2020", with a time after it if there is one ("9.4.2020 18.33"); a comma may
    follow it.

    >>> keys("Tiedote 9.4.2020 18.33"), keys("Julkaistu 12.5.2020, päivitetty")
    (['d:2020-04-09', 't:18:33'], ['d:2020-05-12'])
    """
    key = date_key(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    if key is None:
        return False
    found.add(f"d:{key}", match)
    if match.group(4):
        time = time_key(int(match.group(4)), int(match.group(5)))
        if time:
            found.add(f"t:{time}", match)
    return True


def read_day_month(match: re.Match[str], found: Found) -> bool:
    """ "9.4." without a year. In English "rose 2.5." is as likely a decimal at the end of a
    sentence, so both readings are kept.

    >>> keys("Avoinna 9.4. asti"), keys("It rose 2.5.", "en")
    (['d:--04-09'], ['d:--05-02', 'n:2.5'])
    """
    key = date_key(None, int(match.group(2)), int(match.group(1)))
    if key is None:
        return False
    if found.finnish:
        found.add(f"d:{key}", match)
    else:
        number = canonical_number(match.group(1), match.group(2))
        found.group([f"d:{key}", f"n:{number}"], match)
    return True


def read_slash_date(match: re.Match[str], found: Found) -> bool:
    """ "4/9/2020": either 9 April or 4 September, so both readings are kept.

    >>> keys("Updated 4/9/2020", "en")
    ['d:2020-04-09', 'd:2020-09-04']
    """
    year = _year(match.group(3))
    a, b = int(match.group(1)), int(match.group(2))
    keys = {k for k in (date_key(year, a, b), date_key(year, b, a)) if k}
    if not keys:
        return False
    found.group([f"d:{k}" for k in sorted(keys)], match)
    return True


def read_finnish_day_month(match: re.Match[str], found: Found) -> bool:
    """ "9. huhtikuuta 2020", "6.–8. marraskuuta" (a range gives both days).

    >>> keys("Avattiin 9. huhtikuuta 2020"), keys("Messut 6.–8. marraskuuta")
    (['d:2020-04-09'], ['d:--11-06', 'd:--11-08'])
    """
    days = [match.group(1)] + ([match.group(2)] if match.group(2) else [])
    return _add_days(match, found, match.group(4), _FI_MONTH[match.group(3).lower()], days)


def read_finnish_month_day(match: re.Match[str], found: Found) -> bool:
    """ "huhtikuun 9." (the day after the month).

    >>> keys("Avoinna huhtikuun 9. asti")
    ['d:--04-09']
    """
    key = date_key(None, _FI_MONTH[match.group(1).lower()], int(match.group(2)))
    if key:
        found.add(f"d:{key}", match)
    return key is not None


def read_finnish_month_year(match: re.Match[str], found: Found) -> bool:
    """ "huhtikuussa 2020".

    >>> keys("Avattiin huhtikuussa 2020")
    ['d:2020-04']
    """
    key = date_key(int(match.group(2)), _FI_MONTH[match.group(1).lower()], None)
    if key:
        found.add(f"d:{key}", match)
    return key is not None


def _english_month(name: str) -> int:
    return _EN_MONTH[name.lower().rstrip(".")]


def read_english_month_day(match: re.Match[str], found: Found) -> bool:
    """ "April 9, 2020", "Apr. 9–12", "November 13 to 19".

    >>> keys("Opened April 9, 2020", "en"), keys("Open Nov. 13 to 19", "en")
    (['d:2020-04-09'], ['d:--11-13', 'd:--11-19'])
    """
    days = [match.group(2)] + ([match.group(3)] if match.group(3) else [])
    return _add_days(match, found, match.group(4), _english_month(match.group(1)), days)


def read_english_day_month(match: re.Match[str], found: Found) -> bool:
    """ "9 April 2020", "9th of April", "the 16th of february", "21. August", "6.-8. November",
    "13 to 19 November".

    >>> keys("Opened on the 9th of April 2020", "en"), keys("Fair 6.-8. November", "en")
    (['d:2020-04-09'], ['d:--11-06', 'd:--11-08'])
    """
    days = [match.group(1)] + ([match.group(2)] if match.group(2) else [])
    return _add_days(match, found, match.group(4), _english_month(match.group(3)), days)


def _add_days(
    match: re.Match[str], found: Found, year: str | None, month: int | None, days: list[str]
) -> bool:
    """The dates of DAYS in MONTH (and YEAR) as read from MATCH; False when one is no date."""
    keys = [date_key(int(year) if year else None, month, int(d)) for d in days]
    if None in keys:
        return False
    for k in keys:
        if k:
            found.add(f"d:{k}", match)
    return True


def read_english_month_year(match: re.Match[str], found: Found) -> bool:
    """ "April 2020".

    >>> keys("Opened in April 2020", "en")
    ['d:2020-04']
    """
    key = date_key(int(match.group(2)), _english_month(match.group(1)), None)
    if key:
        found.add(f"d:{key}", match)
    return key is not None


def read_finnish_decade(match: re.Match[str], found: Found) -> bool:
    """ "70-luvulla", "1960- ja 70-luvuilla".

    >>> keys("1960- ja 70-luvuilla")
    ['d:decade:1960', 'd:decade:1970']
    """
    for group in match.groups():
        if group:
            found.group(decade_keys(group), match)
    return True


def read_english_decade(match: re.Match[str], found: Found) -> bool:
    """ "the 1970s", "the '80s", "the mid 00s" (not "2015s").

    >>> keys("In the 1970s and the '80s", "en"), keys("in the mid 00s", "en")
    (['d:decade:1970', 'd:decade:1980'], ['d:decade:1900', 'd:decade:2000'])
    """
    text = match.group(1)
    if len(text) == 4 and not text.endswith("0"):
        return False  # "2015s" is not a decade; leave the number
    if len(text) == 2 and not text.endswith("0"):
        return False
    found.group(decade_keys(text), match)
    return True


def read_century(match: re.Match[str], found: Found) -> bool:
    """ "the 19th century", as the decade it starts with.

    >>> keys("in the 19th century", "en")
    ['d:decade:1800']
    """
    number = int(match.group(1))
    if not 1 <= number <= 30:
        return False
    found.add(f"d:decade:{(number - 1) * 100}", match)
    return True


def read_range_scale(match: re.Match[str], found: Found) -> bool:
    """The first number of a range that shares the second's scale: "90–95 000",
    "2–3 miljoonaa" (the first is read both as written and scaled).

    >>> keys("2–3 miljoonaa")
    ['n:2', 'n:2000000', 'n:3', 'n:3000000']
    """
    power = (
        3 * match.group(3).count(match.group(3)[0])
        if match.group(3)
        else _scale_power(match.group(4))
    )
    int_part, frac = match.group(1), match.group(2) or ""
    found.group(
        [f"n:{canonical_number(int_part, frac)}", f"n:{canonical_number(int_part, frac, power)}"],
        match,
    )
    return True


def read_code(match: re.Match[str], found: Found) -> bool:
    """A code of capitals and digits, one anchor: road "A26", channel "TV1", "G20".

    >>> keys("Valtatie 6 ja A26")
    ['n:6', 'n:A26']
    """
    found.add(f"n:{match.group(1) + match.group(2)}", match)
    return True


def read_number(match: re.Match[str], found: Found) -> bool:
    """A plain number, its grouping and decimal mark read by the language's conventions, and
    also scaled when a scale word follows. An English "50.000" may be thousands written the
    continental way, or a decimal: both readings are kept.

    Digits that end a word are a number too: "step1" is "step 1" written as one word (an
    exercise heading), "osa3" is "part3", "part3-1" is "3-1"; digits inside a word
    ("b1b63ce") are not.

    >>> keys("47 344 ja 1,5 milj."), keys("47,344 and 50.000", "en")
    (['n:1.5', 'n:1500000', 'n:47344'], ['n:47344', 'n:50', 'n:50000'])
    >>> keys("backend step1, branchissa part3-1"), keys("backend step 1, branch 3-1", "en")
    (['n:1', 'n:3'], ['n:1', 'n:3'])
    """
    start, end = match.span()
    text = match.string
    if start and text[start - 1].isalpha() and end < len(text) and text[end].isalnum():
        return False
    written = match.group("int")
    int_part = _GROUPING.sub("", written)
    frac = match.group("frac") or ("" if found.finnish else match.group("frac2") or "")
    readings = [(int_part, frac)]
    if match.group("sep") == "." and len(frac) == 3 and written.isdigit() and len(written) <= 3:
        # "50.000": thousands in a continental-style translation, or a decimal.
        readings.append((int_part + frac, ""))
    powers = [0]
    if match.group("scale"):
        powers.append(_scale_power(match.group("scale")))
    keys = [f"n:{canonical_number(i, f, p)}" for i, f in readings for p in powers]
    found.group(keys, match)
    return True


def read_idiom(match: re.Match[str], found: Found) -> bool:
    """Figures that are an idiom, a name or markup, not facts: "24/7" ("ympärivuorokautinen"),
    a character reference ("&#x29B8;"), an HTML tag ("<h3>")."""
    return True


# --- when a pass can match ---------------------------------------------------------------


def _always(text: str, seen: Seen) -> bool:
    return True


def _plus(text: str, seen: Seen) -> bool:
    return "+" in text


def _finnish_phone(text: str, seen: Seen) -> bool:
    return _PHONE_FI_HINT.search(text) is not None


def _round_the_clock(text: str, seen: Seen) -> bool:
    return "24/7" in text


def _ampersand_hash(text: str, seen: Seen) -> bool:
    return "&#" in text


def _angle_bracket(text: str, seen: Seen) -> bool:
    return "<" in text


def _clock(text: str, seen: Seen) -> bool:
    return seen.clock


def _am_pm(text: str, seen: Seen) -> bool:
    return _AMPM_HINT.search(text) is not None


def _colon(text: str, seen: Seen) -> bool:
    return ":" in text


def _digit_dash_digit(text: str, seen: Seen) -> bool:
    return seen.dash and _DIGIT_DASH_DIGIT.search(text) is not None


def _dots_and_dash(text: str, seen: Seen) -> bool:
    return seen.dots and seen.dash


def _dots(text: str, seen: Seen) -> bool:
    return seen.dots


def _slash(text: str, seen: Seen) -> bool:
    return "/" in text


def _finnish_month(text: str, seen: Seen) -> bool:
    return "kuu" in seen.lower


def _english_month_name(text: str, seen: Seen) -> bool:
    return _EN_MONTH_HINT.search(text) is not None


def _english_month_name_any_case(text: str, seen: Seen) -> bool:
    return _english_month_name(text, seen) or any(m in seen.lower for m in _EN_MONTH_LOWER_HINTS)


def _finnish_decade(text: str, seen: Seen) -> bool:
    return seen.dash and "lu" in seen.lower


def _english_decade(text: str, seen: Seen) -> bool:
    return _EN_DECADE_HINT.search(text) is not None


def _century(text: str, seen: Seen) -> bool:
    return "century" in seen.lower


def _code(text: str, seen: Seen) -> bool:
    return _CODE_HINT.search(text) is not None


# --- the tables --------------------------------------------------------------------------

PHONE_PASSES = (
    Pass("international_phone", _PHONE_INTL, read_phone, _plus),
    Pass("finnish_phone", _PHONE_FI, read_phone, _finnish_phone),
)

_IDIOMS = (
    Pass("html_tag", _HTML_TAG, read_idiom, _angle_bracket),
    Pass("character_reference", _CHARACTER_REFERENCE, read_idiom, _ampersand_hash),
    Pass("round_the_clock", _ROUND_THE_CLOCK, read_idiom, _round_the_clock),
)
_CLOCK = Pass("clock", _KLO, read_clock, _clock)
# Shared by both languages, in this order, after their times.
_DATES = (
    Pass("hours_minutes", _HHMM, read_hours_minutes, _colon, from_digit=True),
    Pass("iso_date", _ISO_DATE, read_iso_date, _digit_dash_digit, from_digit=True),
    Pass("dot_date_range", _DOT_DATE_RANGE, read_dot_date_range, _dots_and_dash, from_digit=True),
    Pass("dot_date", _DOT_DATE, read_dot_date, _dots, from_digit=True),
)
_DAY_MONTH = Pass("day_month", _DOT_DAYMONTH, read_day_month, _dots, from_digit=True)
_DECADE = Pass("finnish_decade", _FI_DECADE, read_finnish_decade, _finnish_decade, from_digit=True)
_LAST = (
    Pass("range_scale", _RANGE_SHARED_SCALE, read_range_scale, _digit_dash_digit, from_digit=True),
    Pass("code", _CODE, read_code, _code),
)

FINNISH_PASSES = (
    *_IDIOMS,
    _CLOCK,
    *_DATES,
    Pass("finnish_day_month", _FI_DAY_MONTH, read_finnish_day_month, _finnish_month, True),
    Pass("finnish_month_day", _FI_MONTH_DAY, read_finnish_month_day, _finnish_month),
    Pass("finnish_month_year", _FI_MONTH_YEAR, read_finnish_month_year, _finnish_month),
    _DAY_MONTH,
    _DECADE,
    *_LAST,
    Pass("number", _FI_NUMBER, read_number, _always),
)

ENGLISH_PASSES = (
    *_IDIOMS,
    Pass("am_pm", _AMPM, read_am_pm, _am_pm, from_digit=True),
    _CLOCK,  # translations sometimes keep "klo"
    *_DATES,
    Pass("slash_date", _SLASH_DATE, read_slash_date, _slash, from_digit=True),
    Pass("english_month_day", _EN_MONTH_DAY, read_english_month_day, _english_month_name),
    Pass(
        "english_day_month",
        _EN_DAY_MONTH,
        read_english_day_month,
        _english_month_name_any_case,
        from_digit=True,
    ),
    Pass("english_month_year", _EN_MONTH_YEAR, read_english_month_year, _english_month_name),
    _DAY_MONTH,
    Pass("century", _EN_CENTURY, read_century, _century, from_digit=True),
    # May open with an apostrophe ('80s), so not from the first digit.
    Pass("english_decade", _EN_DECADE, read_english_decade, _english_decade),
    _DECADE,  # "1970-luvulla" left untranslated
    *_LAST,
    Pass("number", _EN_NUMBER, read_number, _always),
)


def read_numbers(text: str, found: Found) -> str:
    """Read phone numbers, then (dashes made one) every pass of the language's table, into
    FOUND; return the text with what was read blanked."""
    if not DIGIT.search(text):
        return text
    text = run(PHONE_PASSES, text, found)
    text = _DASHES.sub("-", text)
    lower = text.lower()
    seen = Seen(
        lower=lower,
        clock="klo" in lower or "kello" in lower,
        dash="-" in text,
        dots=_DIGIT_DOT_DIGIT.search(text) is not None,
    )
    return run(FINNISH_PASSES if found.finnish else ENGLISH_PASSES, text, found, seen)


def keys(text: str, language: str = "fi") -> list[str]:
    """What `read_numbers` finds in TEXT, as sorted typed keys (for examples and tests)."""
    found = Found(finnish=language == "fi", text=text)
    read_numbers(text, found)
    return found.keys()
