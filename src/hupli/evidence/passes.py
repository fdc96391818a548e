"""How anchors are read from a block: passes over the text, each a named table entry.

A *pass* is a pattern, a function that reads each match into the anchors `Found` so far,
and a quick test (`when`) that says whether the pattern can match at all. A pass *blanks*
what it read (replaces each character of the match by a space), so later, looser passes
(plain numbers) do not read the same characters again, while every match stays where it
was in the block: `Found` keeps each mention as it was written (`written_form`). `run`
applies a table of passes in order; the tables live with the anchors they read
(`hupli.evidence.links`, `hupli.evidence.numbers`), like ftfy's table of fixers.

Most patterns open with a lookbehind, so `re` tries them at every position of the block,
while most blocks hold only a plain number or two. So a pass runs only when its quick
test finds something every match of its pattern has, and a pass whose every match opens
with a digit (`from_digit`) is tried from the first digit left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

DIGIT = re.compile(r"\d")
# Around a mention, within its word: punctuation and markup that are not part of it.
_OPENING = re.compile(r"(?:<[^<>]*>|[(\[{\"'«“‘*_])+")
_CLOSING = re.compile(r"(?:<[^<>]*>|[.,;:!?)\]}\"'»”’*_])+$")
_NON_SPACE = re.compile(r"\S*")
LONGEST_WRITTEN_FORM = 32  # a longer word (code, a path) is shown as the match alone


def written_form(text: str, start: int, end: int) -> str:
    """How a mention at `start`:`end` of TEXT was written: the match widened to the white
    space around it, without the punctuation and markup outside the match.

    >>> text = "Hinta (47 344 €) nousi 10-kertaiseksi 9.4.,"
    >>> [written_form(text, *span) for span in ((7, 13), (23, 25), (38, 42))]
    ['47 344', '10-kertaiseksi', '9.4.']
    """
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    rest = _NON_SPACE.match(text, end)  # always matches, if only the empty string
    right = rest.end() if rest else end
    if right - left > LONGEST_WRITTEN_FORM:
        return text[start:end]
    before, after = text[left:start], text[end:right]
    if before and (opening := _OPENING.match(before)) is not None:
        before = before[opening.end() :]
    if after:
        after = _CLOSING.sub("", after)
    return before + text[start:end] + after


class Found:
    """The anchors read so far from one block, as sets of canonical values by kind, and how
    each value was first written."""

    __slots__ = (
        "alternatives",
        "dates",
        "emails",
        "finnish",
        "numbers",
        "text",
        "times",
        "urls",
        "written",
    )

    def __init__(self, finnish: bool, text: str = "") -> None:
        self.finnish = finnish  # read by Finnish conventions ("1,5" is one and a half)
        self.text = text  # the block: a match's written form is cut from it
        self.numbers: set[str] = set()
        self.dates: set[str] = set()
        self.times: set[str] = set()
        self.urls: set[str] = set()
        self.emails: set[str] = set()
        self.alternatives: set[frozenset[str]] = set()
        self.written: dict[str, str] = {}  # typed key → its first mention's written form

    def add(self, key: str, match: re.Match[str]) -> None:
        """Record one reading ("n:47344", "d:2020-04-09", "t:18:33") of the mention MATCH."""
        kind = key[0]
        (self.numbers if kind == "n" else self.dates if kind == "d" else self.times).add(key[2:])
        if key not in self.written:
            self.written[key] = self._written(match)

    def group(self, keys: list[str], match: re.Match[str]) -> None:
        """Record the readings of one mention (MATCH): several when it may be read in more
        than one way ("1,5 miljoonaa" is 1.5 and 1500000)."""
        written = ""
        for key in keys:
            kind = key[0]
            (self.numbers if kind == "n" else self.dates if kind == "d" else self.times).add(
                key[2:]
            )
            if key not in self.written:
                written = written or self._written(match)
                self.written[key] = written
        if len(keys) > 1 and len(set(keys)) > 1:
            self.alternatives.add(frozenset(keys))

    def _written(self, match: re.Match[str]) -> str:
        start, end = match.span()
        # The block, where a match of the blanked working text stands at the same place.
        return written_form(self.text if end <= len(self.text) else match.string, start, end)

    def keys(self) -> list[str]:
        """Everything read, as sorted typed keys (`n:`, `d:`, `t:`, `u:`, `e:`)."""
        typed = [
            f"{kind}:{value}"
            for kind, values in (
                ("n", self.numbers),
                ("d", self.dates),
                ("t", self.times),
                ("u", self.urls),
                ("e", self.emails),
            )
            for value in values
        ]
        return sorted(typed)


class Seen(NamedTuple):
    """Quick tests made once per block, before the numeric passes: they look for runs of
    characters without white space, which blanking (spaces for each match) cannot create,
    so a test that fails at the start would fail before every later pass too. (Tests that
    allow white space, which blanking can bring together, are made just before their pass,
    on the text as it is then.)"""

    lower: str  # the block lower-cased (the words looked up have no "i" or "s", the only
    # letters whose case-insensitive matches lower() misses: "ı", "ſ")
    clock: bool  # "klo" or "kello"
    dash: bool  # a hyphen-minus (the other dashes have been made one by then)
    dots: bool  # a digit, a full stop, a digit


NOTHING_SEEN = Seen("", False, False, False)  # for passes whose tests need none of it

Read = Callable[[re.Match[str], Found], bool]
When = Callable[[str, Seen], bool]


class Pass(NamedTuple):
    """One entry of a table of passes."""

    name: str
    pattern: re.Pattern[str]
    read: Read  # reads one match into `Found`; True to blank it, False to leave it
    when: When  # whether the pattern can match the text as it stands (see `Seen`)
    from_digit: bool = False  # every match opens with a digit: start at the first one


def blank(pattern: re.Pattern[str], text: str, read: Read, found: Found, start: int = 0) -> str:
    """Read each match at or after `start`; a match read (True) is replaced by as many
    spaces. Lookbehinds still see the text before `start`."""
    pieces: list[str] = []
    end = 0
    for m in pattern.finditer(text, start):
        if read(m, found):
            pieces += (text[end : m.start()], " " * (m.end() - m.start()))
            end = m.end()
    if not pieces:
        return text
    pieces.append(text[end:])
    return "".join(pieces)


def run(passes: Sequence[Pass], text: str, found: Found, seen: Seen = NOTHING_SEEN) -> str:
    """Apply each pass of the table in order; return the text with what they read blanked."""
    for step in passes:
        if not step.when(text, seen):
            continue
        if step.from_digit:
            first = DIGIT.search(text)
            if first is None:
                continue  # an earlier pass read every digit
            text = blank(step.pattern, text, step.read, found, first.start())
        else:
            text = blank(step.pattern, text, step.read, found)
    return text
