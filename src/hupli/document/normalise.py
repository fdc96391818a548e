"""Formatting rules for CMS exports, run to a fixed point like a code formatter.

Each rule is a small `str -> str` function in `RULES`, named after what it fixes, with an
example in its docstring. `normalise` applies the enabled rules in order until nothing
changes and reports which rules changed the text, so `hupli normalise --check` can say
why a file would change and normalising twice changes nothing.

No rule changes, adds or drops a word. The one deliberate exception is
`link_residue`, which removes the CMS's "(aukeaa uuteen ikkunaan)" / "(opens in a new
window)" label: that is screen-reader residue of a link, not text of the page.

Speed: `normalise` runs on every document a corpus command reads, and most documents
need few fixes or none. So each rule first checks cheaply for something it could change
(`in`, or a search for a pattern that starts with a literal character, which the regex
engine can skip to) and returns the text as it is when there is none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection
from dataclasses import dataclass

from hupli.document.structure import inline_spans, verbatim_regions
from hupli.model import Decoded
from hupli.text import FULL_STOP_ABBREVIATIONS

Rule = Callable[[str], str]

_NBSP = "\u00a0\u202f\u2007"  # no-break, narrow no-break and figure spaces


def _has_nbsp(text: str) -> bool:
    return any(space in text for space in _NBSP)


_ESCAPED_MARKER = re.compile(r"\\[*_#]")
# One pass over the whole text rather than a loop over its lines. The first branch is an
# escape that means something, at the start of a line after any indentation: `\#`, or
# `\*` / `\_` before whitespace; it is put back as it was. The second branch is any other
# escaped marker, which loses its backslash. `[^\S\n]` is whitespace other than a
# newline: what `str.lstrip` would take from the start of a line.
_UNESCAPE = re.compile(r"^([^\S\n]*\\(?:#|[*_](?=[^\S\n])))|\\([*_#])", re.MULTILINE)


def _unescape(match: re.Match[str]) -> str:
    kept = match.group(1)
    return kept if kept is not None else match.group(2)


def unescape_markdown(text: str) -> str:
    r"""Drop the backslashes an export puts before `*`, `_` and `#`.

    >>> unescape_markdown(r"5 \* 3 ja \_tunniste\_")
    '5 * 3 ja _tunniste_'

    A `\#` or `\* ` at the start of a line stays escaped: there the backslash keeps the
    line from becoming a heading or a list item, so it is meaningful.
    """
    if not _ESCAPED_MARKER.search(text):
        return text
    return _UNESCAPE.sub(_unescape, text)


_SEPARATOR_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?[ \t]*(?:\\?\*[ \t]*){3,}(?:\*\*|__)?[ \t]*$", re.MULTILINE
)
# Three asterisks with nothing but spaces, tabs and backslashes between them: part of
# every separator line, and missing from most texts.
_STAR_RUN = re.compile(r"\*[ \t]*\\?\*[ \t]*\\?\*")


def thematic_break(text: str) -> str:
    r"""Turn escaped or bolded asterisk separators into one thematic break `***`.

    >>> thematic_break("a\n\n**\\*\\*\\***\n\nb\n\n\\*\\*\\*\n")
    'a\n\n***\n\nb\n\n***\n'
    """
    if not _STAR_RUN.search(text):
        return text
    return _SEPARATOR_LINE.sub("***", text)


_BOLD_HEADING = re.compile(r"^(#{1,6})[ \t]+(\*\*|__)(.+?)\2[ \t]*$", re.MULTILINE)


def unbold_heading(text: str) -> str:
    """A heading is already bold: `## **Blogi: …**` becomes `## Blogi: …`.

    >>> unbold_heading("## **Blogi: Suljettujen ovien mahdollisuus**")
    '## Blogi: Suljettujen ovien mahdollisuus'
    """
    if "#" not in text or ("**" not in text and "__" not in text):
        return text
    return _BOLD_HEADING.sub(r"\1 \3", text)


_NBSP_ONLY_LINE = re.compile(rf"^[ \t{_NBSP}]*[{_NBSP}][ \t{_NBSP}]*$", re.MULTILINE)


def nbsp_only_lines(text: str) -> str:
    """A line holding only no-break spaces is a blank line the CMS made look non-blank.

    >>> nbsp_only_lines("a\\n\\u00a0\\nb")
    'a\\n\\nb'
    """
    if not _has_nbsp(text):
        return text
    return _NBSP_ONLY_LINE.sub("", text)


_NBSP_RUN = re.compile(rf"[ \t]*[{_NBSP}][ \t{_NBSP}]*")
_LEADING_NBSP = re.compile(rf"^[{_NBSP}][ \t{_NBSP}]*", re.MULTILINE)
# What a no-break space at the start of a line keeps from being Markdown structure: a
# code fence, an HTML block, a container or a list item (which would take in the indented
# code after it). Taking the space away would change what the lines after it are.
_OPENER = re.compile(r"`{3}|~{3}|<|:{3}|(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _keep_opener(replacement: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        text, start = match.string, match.start()
        at_line_start = start == 0 or text[start - 1] == "\n"
        if at_line_start and _OPENER.match(text, match.end()):
            return match.group()
        return replacement

    return replace


def nbsp_to_space(text: str) -> str:
    """A run of no-break spaces (with or without ordinary ones) becomes one space; at the
    start of a line, none, unless it stands before what would become a code fence, an HTML
    block, a container or a list item without it.

    >>> nbsp_to_space("**Tiedote**\\u00a0 \\u00a0 **9.4.2020 18:33**")
    '**Tiedote** **9.4.2020 18:33**'
    """
    if not _has_nbsp(text):
        return text
    text = _LEADING_NBSP.sub(_keep_opener(""), text)
    return _NBSP_RUN.sub(_keep_opener(" "), text)


_LINE_END_SPACES = tuple(f" \t{_NBSP}")
_TRAILING = re.compile(rf"[ \t{_NBSP}]+$", re.MULTILINE)
# A newline with a space before it. Written to start with the newline, a literal, so a
# search jumps from newline to newline instead of stopping at every space.
_SPACE_BEFORE_NEWLINE = re.compile(rf"\n(?<=[ \t{_NBSP}]\n)")


def trailing_whitespace(text: str) -> str:
    """Spaces at the end of a line carry nothing a reader sees.

    >>> trailing_whitespace("kehittää  \\nomia")
    'kehittää\\nomia'
    """
    if not (text.endswith(_LINE_END_SPACES) or _SPACE_BEFORE_NEWLINE.search(text)):
        return text
    return _TRAILING.sub("", text)


_BULLETS = "•●▪◦·‣"
_BULLET = re.compile(rf"^[ \t]*[{_BULLETS}][ \t]+", re.MULTILINE)


# The end of a paragraph, the blank lines after it, and the next line's indentation and
# first character.
_AFTER_PARAGRAPH = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*([ \t]*)(.?)")
# A line where `normalise` put a verbatim block aside (a private-use mark, see `_Shelf`).
_SHELVED_LINE = re.compile("^[ \t]*[\ue000-\uf8ff]$", re.MULTILINE)


def _takes_in_verbatim(text: str, position: int) -> bool:
    """Would a list item starting at POSITION take in a verbatim block: one its paragraph
    runs into, or indented code after it?"""
    after = _AFTER_PARAGRAPH.search(text, position)
    end = after.start() if after else len(text)
    if _SHELVED_LINE.search(text, position, end):
        return True
    if after is None:
        return False
    indent = len(after.group(1).expandtabs(4))
    shelved = "\ue000" <= after.group(2) <= "\uf8ff"
    return indent >= 4 or (shelved and indent >= 2)


def _bullet(match: re.Match[str]) -> str:
    return match.group() if _takes_in_verbatim(match.string, match.end()) else "- "


def bullet_list_items(text: str) -> str:
    """Typographic bullets pasted from a word processor become Markdown list items (unless
    the item would take in a code block, table or other verbatim block after it).

    >>> bullet_list_items(" • Digitaalisten palveluiden viestintä")
    '- Digitaalisten palveluiden viestintä'
    """
    if not any(bullet in text for bullet in _BULLETS):
        return text
    return _BULLET.sub(_bullet, text)


# Screen-reader labels the CMS appends to links that open a new window.
_RESIDUE_LABELS = (
    r"\((?:linkki )?(?:aukeaa|avautuu) uuteen (?:ikkunaan|välilehteen)\)"
    r"|\((?:link )?opens in (?:a )?new (?:window|tab)\)"
    r"|\((?:länken )?öppnas i (?:ett )?nytt (?:fönster|flik)\)"
)
# With the spaces before it; at the start of a line, with the spaces after it instead
# (the line keeps its own indentation: what follows must not become an indented code block).
_RESIDUE = re.compile(
    rf"^(?P<indent>[ \t]*)(?:(?:{_RESIDUE_LABELS})[ \t]*)+|[ \t]*(?:{_RESIDUE_LABELS})",
    re.IGNORECASE | re.MULTILINE,
)
# What every label above holds: the bracket and the verb. Unlike `_RESIDUE`, which
# starts with optional spaces, this starts with a literal the regex engine can skip to.
_RESIDUE_HINT = re.compile(
    r"\((?:linkki |link |länken )?(?:aukeaa|avautuu|opens|öppnas)", re.IGNORECASE
)


def link_residue(text: str) -> str:
    """Remove "(aukeaa uuteen ikkunaan)" and its English and Swedish twins.

    >>> link_residue("somestrategiaa 2021 (aukeaa uuteen ikkunaan) sekä")
    'somestrategiaa 2021 sekä'
    >>> link_residue("(aukeaa uuteen ikkunaan)    Tästä")
    'Tästä'
    """
    if "(" not in text or not _RESIDUE_HINT.search(text):
        return text
    return _RESIDUE.sub(lambda match: match.group("indent") or "", text)


# Tokens in which a full stop followed by a capital is part of the token, not a
# sentence end: URLs, e-mail addresses, domain names. A match is a whole
# whitespace-delimited token; the look-behind only keeps the engine from retrying at
# every character inside a token, which cost time quadratic in the token's length.
_PROTECTED_TOKEN = re.compile(r"(?<!\S)\S*(?:://|@|www\.)\S*")
_MISSING_SPACE = re.compile(r"(?<![\w.])(\w*[^\W\d_])\.([A-ZÅÄÖ][a-zåäö])")
_CAPITAL_AFTER_STOP = re.compile(r"\.[A-ZÅÄÖ][a-zåäö]")  # the end of every `_MISSING_SPACE`


def space_after_full_stop(text: str) -> str:
    """Put the space back after a full stop that ends a sentence: `yössä.Tästä`.

    >>> space_after_full_stop("yhdessä yössä.Tästä huolimatta")
    'yhdessä yössä. Tästä huolimatta'
    >>> space_after_full_stop("9.4.2020 klo 21.05, vs.Heino, Anna-Mari.Jaanu@kt.fi")
    '9.4.2020 klo 21.05, vs.Heino, Anna-Mari.Jaanu@kt.fi'
    """
    if not _CAPITAL_AFTER_STOP.search(text):
        return text
    # Where the protected tokens start and end, found when a candidate first needs them.
    # Tokens do not overlap, so both lists are sorted and a bisection finds the one
    # that could hold a position.
    starts: list[int] = []
    ends: list[int] = []
    found = False

    def protected(position: int) -> bool:
        nonlocal found
        if not found:
            for token in _PROTECTED_TOKEN.finditer(text):
                starts.append(token.start())
                ends.append(token.end())
            found = True
        i = bisect_right(starts, position) - 1
        return i >= 0 and position < ends[i]

    def fix(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.lower() in FULL_STOP_ABBREVIATIONS or len(word) < 2:
            return match.group(0)
        if protected(match.start()):
            return match.group(0)
        return f"{word}. {match.group(2)}"

    return _MISSING_SPACE.sub(fix, text)


_BLANK_RUN = re.compile(r"\n{3,}")


def blank_line_runs(text: str) -> str:
    """One blank line separates blocks; more say nothing more. Leading blanks go too.

    >>> blank_line_runs("\\n\\n\\na\\n\\n\\n\\nb")
    'a\\n\\nb'
    """
    if "\n\n\n" not in text and not text.startswith("\n"):
        return text
    return _BLANK_RUN.sub("\n\n", text).lstrip("\n")


def final_newline(text: str) -> str:
    """A text file ends with exactly one newline.

    >>> final_newline("Ideoidaan lisää yhdessä.")
    'Ideoidaan lisää yhdessä.\\n'
    """
    stripped = text.rstrip("\n")
    return stripped + "\n" if stripped else ""


_STRUCTURAL = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\*\*\*$|!\[|\[|\||```|\*|_)")
# Characters before the first letter of a word ("(esim", "“kaupunki").
_OPENING = "\"'“”‘’«»([*_"


# Fewer words than this are a label, a name or a list item without its marker.
_MIN_FRAGMENT_WORDS = 6


def _stops_mid_sentence(block: str) -> bool:
    """One line of prose, a clause or more, that stops in the middle of a sentence: it ends
    without closing punctuation in a word that starts with a lower-case letter (so not in a
    name or a title)."""
    if not block or "\n" in block or not (block[-1].isalnum() or block[-1] == ","):
        return False
    words = block.split()
    last = words[-1].lstrip(_OPENING)
    return last[:1].islower() and len(words) >= _MIN_FRAGMENT_WORDS and not _STRUCTURAL.match(block)


def is_broken_paragraph(paragraph: str, following: str) -> bool:
    """Whether `following` (the next paragraph) goes on with a sentence the export cut off
    at the end of `paragraph`: the one test behind `join_broken_paragraph` and the document
    stage's joining of the blocks it would join (`hupli.document.build`)."""
    first = following[:1]
    return (
        first.isalpha()
        and first.islower()
        and _stops_mid_sentence(paragraph)
        and not _STRUCTURAL.match(following)
    )


def join_broken_paragraph(text: str) -> str:
    """Join a paragraph the export broke in the middle of a sentence, where the break is
    unambiguous: the first part, one line of six or more words, stops mid-sentence
    (`_stops_mid_sentence`) and the second goes on with a lower-case letter; neither is a
    heading, list item, quote, code, table or separator.

    >>> join_broken_paragraph(
    ...     "Keskustelimme myös siitä, nostattaako strategia epämukavan olotilan ja\\n\\n"
    ...     "miten siitä puhuttaisiin selkokielellä. Sitähän strategia on.")
    'Keskustelimme myös siitä, nostattaako strategia epämukavan olotilan ja miten siitä \
puhuttaisiin selkokielellä. Sitähän strategia on.'

    A capital after the break is not joined: a paragraph that ends in a subheading the
    export ran into it ("… sanoi Virtanen. Hallitus leikkaa menoja") looks the same as a
    sentence broken before a name, and joining the first wrongly merges three blocks the
    translation keeps apart (`bench/bench_normalise.py` counts both).
    """
    if "\n\n" not in text:
        return text  # one block: nothing to join it to
    blocks = text.split("\n\n")
    out: list[str] = []
    for block in blocks:
        if out and is_broken_paragraph(out[-1], block.split("\n", 1)[0]):
            out[-1] = f"{out[-1]} {block}"
            continue
        out.append(block)
    return "\n\n".join(out)


# Order matters where rules meet: separators before unescaping (so `\*\*\*` is seen as
# a separator, not three asterisks), NBSP-only lines before NBSP runs, residue before
# trailing whitespace, and blank-line clean-up last.
RULES: dict[str, Rule] = {
    "thematic_break": thematic_break,
    "unescape_markdown": unescape_markdown,
    "unbold_heading": unbold_heading,
    "nbsp_only_lines": nbsp_only_lines,
    "nbsp_to_space": nbsp_to_space,
    "bullet_list_items": bullet_list_items,
    "link_residue": link_residue,
    "space_after_full_stop": space_after_full_stop,
    "trailing_whitespace": trailing_whitespace,
    "join_broken_paragraph": join_broken_paragraph,
    "blank_line_runs": blank_line_runs,
    "final_newline": final_newline,
}

# Rules that only ever make sense for Markdown: in plain text a `\*` is what the author
# typed.
MARKDOWN_ONLY = frozenset({"unescape_markdown", "unbold_heading"})
# Rules that change how many lines a text has. Blocks are read from the text with every
# other rule applied, so that each block keeps the line it has in the file; a broken
# paragraph is joined block by block instead (`is_broken_paragraph`).
LINE_CHANGING = frozenset({"join_broken_paragraph", "blank_line_runs", "final_newline"})


class _Shelf:
    """The verbatim parts of a Markdown text, put aside while the rules run.

    Each verbatim region (`hupli.document.structure`) becomes one line holding its first
    line's indentation and a block mark, and each inline span an inline mark inside its
    line (a span over several lines a mark on each, the line breaks kept). So a rule sees,
    where a block or a span stood, a line or a character it cannot change, and a block's
    indentation (which decides whether a list item before it would take it in). Marks are
    private-use characters the text does not hold; `restore` puts the parts back in order.
    """

    __slots__ = ("block", "blocks", "inline", "parts")

    def __init__(self, text: str) -> None:
        free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
        # "" when the text holds every private-use character: then nothing is shelved.
        self.block, self.inline = next(free, ""), next(free, "")
        self.parts: list[str] = []
        self.blocks: list[str] = []  # the verbatim regions alone, as `verbatim_parts` has them

    def shelve(self, text: str) -> str:
        """TEXT with its verbatim parts replaced by marks."""
        if not self.inline:
            return text
        lines = text.split("\n")
        out: list[str] = []
        position = 0
        for region in verbatim_regions(text):
            out.extend(self._prose(lines[position : region.start]))
            first = lines[region.start]
            indent = first[: len(first) - len(first.lstrip(" \t"))]
            self.parts.append("\n".join(lines[region.start : region.end]))
            self.blocks.append(self.parts[-1])
            out.append(indent + self.block)
            position = region.end
        out.extend(self._prose(lines[position:]))
        return "\n".join(out)

    def _prose(self, lines: list[str]) -> list[str]:
        if not lines:
            return []
        text = "\n".join(lines)
        spans = inline_spans(text)
        if not spans:
            return lines
        out = []
        position = 0
        for start, end in spans:
            out.append(text[position:start])
            pieces = text[start:end].split("\n")
            self.parts.extend(piece for piece in pieces if piece)
            out.append("\n".join(self.inline if piece else "" for piece in pieces))
            position = end
        out.append(text[position:])
        return "".join(out).split("\n")

    def restore(self, text: str) -> str:
        """TEXT with the parts put back where their marks are."""
        parts = iter(self.parts)
        marks = re.compile(rf"^[ \t]*{self.block}|{self.inline}", re.MULTILINE)
        out = marks.sub(lambda _: next(parts), text)
        if next(parts, None) is not None:
            raise RuntimeError("normalise lost a verbatim part of the text")  # a rule's bug
        return out


@dataclass(frozen=True)
class Normalised:
    text: str
    rules: tuple[str, ...]  # rules that changed the text, in registry order

    @property
    def changed(self) -> bool:
        return bool(self.rules)


def normalise(
    text: str, disabled: Collection[str] = (), markup: str = "markdown", max_rounds: int = 10
) -> Normalised:
    """Apply every enabled rule until the text stops changing.

    A rule must not change what a Markdown page's verbatim parts are: a bullet "•" made
    "-" starts a list, and an indented code block after it would become the list's text,
    which a second run would then reformat. When the result's verbatim parts are not the
    page's, the rules that fired are left out one at a time, in registry order, until they
    are; if none will do, the page is left as it is. So normalising is idempotent and code
    stays byte for byte.

    >>> normalise("## **Otsikko**\\n\\n\\n\\nTeksti.  ").rules
    ('unbold_heading', 'trailing_whitespace', 'blank_line_runs', 'final_newline')
    """
    result, verbatim = _normalise_pass(text, disabled, markup, max_rounds)
    if markup != "markdown" or not result.rules:
        return result
    if verbatim is None:
        verbatim = _verbatim_parts(text)
    if _verbatim_parts(result.text) == verbatim:
        return result
    for name in result.rules:
        trial, _ = _normalise_pass(text, {*disabled, name}, markup, max_rounds)
        if _verbatim_parts(trial.text) == verbatim:
            return trial
    return Normalised(text, ())


def _verbatim_parts(text: str) -> list[str]:
    lines = text.split("\n")
    return ["\n".join(lines[r.start : r.end]) for r in verbatim_regions(text)]


def _normalise_pass(
    text: str, disabled: Collection[str], markup: str, max_rounds: int
) -> tuple[Normalised, list[str] | None]:
    """One pass: the page's verbatim parts found, then every rule run to a fixed point.
    Also the verbatim parts of TEXT (`_verbatim_parts`) when it found them, else None."""
    unknown = set(disabled) - RULES.keys()
    if unknown:
        from hupli.model import ConfigError

        raise ConfigError(
            f"unknown normalisation rule(s): {', '.join(sorted(unknown))}; "
            f"known: {', '.join(RULES)}"
        )
    active = [
        (name, rule)
        for name, rule in RULES.items()
        if name not in disabled and (markup == "markdown" or name not in MARKDOWN_ONLY)
    ]
    shelf = None
    verbatim = None
    if markup == "markdown":
        shelf = _Shelf(text)
        text = shelf.shelve(text)
        if shelf.inline:  # shelved: its regions are the page's verbatim parts
            verbatim = shelf.blocks
        if not shelf.parts:
            shelf = None
    applied: set[str] = set()
    # The rules run in a cycle, in the order that round after round would run them, and
    # stop once a full cycle's worth of rules in a row has left the text alone: it is a
    # fixed point then. So after the last change only the rules before the changing one
    # run again, not a whole confirming round. At most `max_rounds` rounds' worth of rules
    # run, so a text that never settles ends where the round-by-round loop would end.
    unchanged = 0
    for step in range(max_rounds * len(active)):
        name, rule = active[step % len(active)]
        new = rule(text)
        if new != text:
            applied.add(name)
            text = new
            unchanged = 0
        else:
            unchanged += 1
            if unchanged == len(active):
                break
    if shelf is not None:
        text = shelf.restore(text)
    return Normalised(text, tuple(name for name in RULES if name in applied)), verbatim


# What normalising a file changes besides its text's formatting: its bytes are decoded
# and written again as UTF-8, always (a formatter that changed the encoding only when a
# rule fired would surprise), and text that was UTF-8 read as Windows-1252 is repaired.
REPAIR_MOJIBAKE = "repair_mojibake"
ENCODING_TO_UTF8 = "encoding_to_utf8"
UTF8_ENCODINGS = ("utf-8", "utf-8-sig")  # written back as they are (a BOM is kept)


def file_changes(decoded: Decoded, rules: tuple[str, ...]) -> tuple[str, ...]:
    """Everything normalising changes in a file: RULES (those that changed its text), then
    `repair_mojibake` and `encoding_to_utf8` when they apply. The one place `normalise`,
    `lint` and `ingest` name what a rewrite would change.

    >>> from hupli.document.read import decode_bytes
    >>> file_changes(decode_bytes("Tästä.\\n".encode("cp1252")), ())
    ('encoding_to_utf8',)
    """
    repaired = (REPAIR_MOJIBAKE,) if decoded.repaired_mojibake else ()
    encoding = (ENCODING_TO_UTF8,) if decoded.encoding not in UTF8_ENCODINGS else ()
    return rules + repaired + encoding


def strip_residue(text: str, markup: str = "markdown") -> str:
    """The text as `normalise` will treat it word-wise: without what `link_residue` removes
    from its prose."""
    if markup != "markdown":
        return link_residue(text)
    shelf = _Shelf(text)
    return shelf.restore(link_residue(shelf.shelve(text)))
