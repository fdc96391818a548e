"""Formatting rules for CMS exports, run to a fixed point like a code formatter.

Each rule is a small `str -> str` function in `RULES`, named after what it fixes, with an
example in its docstring. `normalise` applies the enabled rules in order until nothing
changes and reports which rules changed the text, so `hupli normalise --check` can say
why a file would change and normalising twice changes nothing.

No rule changes, adds or drops a word. The one deliberate exception is
`link_residue`, which removes the CMS's "(aukeaa uuteen ikkunaan)" / "(opens in a new
window)" label: that is screen-reader residue of a link, not text of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

Rule = Callable[[str], str]

_NBSP = "\u00a0\u202f\u2007"  # no-break, narrow no-break and figure spaces


def unescape_markdown(text: str) -> str:
    r"""Drop the backslashes an export puts before `*`, `_` and `#`.

    >>> unescape_markdown(r"5 \* 3 ja \_tunniste\_")
    '5 * 3 ja _tunniste_'

    A `\#` or `\* ` at the start of a line stays escaped: there the backslash keeps the
    line from becoming a heading or a list item, so it is meaningful.
    """

    def fix_line(line: str) -> str:
        keep = ""
        stripped = line.lstrip()
        if stripped.startswith("\\#") or re.match(r"\\[*_]\s", stripped):
            cut = len(line) - len(stripped) + 2
            keep, line = line[:cut], line[cut:]
        return keep + re.sub(r"\\([*_#])", r"\1", line)

    return "\n".join(fix_line(line) for line in text.split("\n"))


_SEPARATOR_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?[ \t]*(?:\\?\*[ \t]*){3,}(?:\*\*|__)?[ \t]*$", re.MULTILINE
)


def thematic_break(text: str) -> str:
    r"""Turn escaped or bolded asterisk separators into one thematic break `***`.

    >>> thematic_break("a\n\n**\\*\\*\\***\n\nb\n\n\\*\\*\\*\n")
    'a\n\n***\n\nb\n\n***\n'
    """
    return _SEPARATOR_LINE.sub("***", text)


_BOLD_HEADING = re.compile(r"^(#{1,6})[ \t]+(\*\*|__)(.+?)\2[ \t]*$", re.MULTILINE)


def unbold_heading(text: str) -> str:
    """A heading is already bold: `## **Blogi: …**` becomes `## Blogi: …`.

    >>> unbold_heading("## **Blogi: Suljettujen ovien mahdollisuus**")
    '## Blogi: Suljettujen ovien mahdollisuus'
    """
    return _BOLD_HEADING.sub(r"\1 \3", text)


_NBSP_ONLY_LINE = re.compile(rf"^[ \t{_NBSP}]*[{_NBSP}][ \t{_NBSP}]*$", re.MULTILINE)


def nbsp_only_lines(text: str) -> str:
    """A line holding only no-break spaces is a blank line the CMS made look non-blank.

    >>> nbsp_only_lines("a\\n\\u00a0\\nb")
    'a\\n\\nb'
    """
    return _NBSP_ONLY_LINE.sub("", text)


_NBSP_RUN = re.compile(rf"[ \t]*[{_NBSP}][ \t{_NBSP}]*")
_LEADING_NBSP = re.compile(rf"^[{_NBSP}][ \t{_NBSP}]*", re.MULTILINE)


def nbsp_to_space(text: str) -> str:
    """A run of no-break spaces (with or without ordinary ones) becomes one space.

    >>> nbsp_to_space("**Tiedote**\\u00a0 \\u00a0 **9.4.2020 18:33**")
    '**Tiedote** **9.4.2020 18:33**'
    """
    text = _LEADING_NBSP.sub("", text)
    return _NBSP_RUN.sub(" ", text)


_TRAILING = re.compile(rf"[ \t{_NBSP}]+$", re.MULTILINE)


def trailing_whitespace(text: str) -> str:
    """Spaces at the end of a line carry nothing a reader sees.

    >>> trailing_whitespace("kehittää  \\nomia")
    'kehittää\\nomia'
    """
    return _TRAILING.sub("", text)


_BULLET = re.compile(r"^[ \t]*[•●▪◦·‣][ \t]+", re.MULTILINE)


def bullet_list_items(text: str) -> str:
    """Typographic bullets pasted from a word processor become Markdown list items.

    >>> bullet_list_items(" • Digitaalisten palveluiden viestintä")
    '- Digitaalisten palveluiden viestintä'
    """
    return _BULLET.sub("- ", text)


# Screen-reader labels the CMS appends to links that open a new window.
_RESIDUE = re.compile(
    r"[ \t]*\((?:linkki )?(?:aukeaa|avautuu) uuteen (?:ikkunaan|välilehteen)\)"
    r"|[ \t]*\((?:link )?opens in (?:a )?new (?:window|tab)\)"
    r"|[ \t]*\((?:länken )?öppnas i (?:ett )?nytt (?:fönster|flik)\)",
    re.IGNORECASE,
)


def link_residue(text: str) -> str:
    """Remove "(aukeaa uuteen ikkunaan)" and its English and Swedish twins.

    >>> link_residue("somestrategiaa 2021 (aukeaa uuteen ikkunaan) sekä")
    'somestrategiaa 2021 sekä'
    """
    return _RESIDUE.sub("", text)


# Tokens in which a full stop followed by a capital is part of the token, not a
# sentence end: URLs, e-mail addresses, domain names.
_PROTECTED_TOKEN = re.compile(r"\S*(?:://|@|www\.)\S*")
# Abbreviations after which a capital letter does not start a sentence.
_ABBREVIATIONS = frozenset(
    "vs esim ym yms mm ns ks ts jne eli klo n s puh p prof tri dr mr mrs ms st etc vrt os"  # noqa: SIM905
    " ao em huom lk kpl".split()
)
_MISSING_SPACE = re.compile(r"(?<![\w.])(\w*[^\W\d_])\.([A-ZÅÄÖ][a-zåäö])")


def space_after_full_stop(text: str) -> str:
    """Put the space back after a full stop that ends a sentence: `yössä.Tästä`.

    >>> space_after_full_stop("yhdessä yössä.Tästä huolimatta")
    'yhdessä yössä. Tästä huolimatta'
    >>> space_after_full_stop("9.4.2020 klo 21.05, vs.Heino, Anna-Mari.Jaanu@kt.fi")
    '9.4.2020 klo 21.05, vs.Heino, Anna-Mari.Jaanu@kt.fi'
    """
    protected = [(m.start(), m.end()) for m in _PROTECTED_TOKEN.finditer(text)]

    def fix(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.lower() in _ABBREVIATIONS or len(word) < 2:
            return match.group(0)
        if any(start <= match.start() < end for start, end in protected):
            return match.group(0)
        return f"{word}. {match.group(2)}"

    return _MISSING_SPACE.sub(fix, text)


_BLANK_RUN = re.compile(r"\n{3,}")


def blank_line_runs(text: str) -> str:
    """One blank line separates blocks; more say nothing more. Leading blanks go too.

    >>> blank_line_runs("\\n\\n\\na\\n\\n\\n\\nb")
    'a\\n\\nb'
    """
    return _BLANK_RUN.sub("\n\n", text).lstrip("\n")


def final_newline(text: str) -> str:
    """A text file ends with exactly one newline.

    >>> final_newline("Ideoidaan lisää yhdessä.")
    'Ideoidaan lisää yhdessä.\\n'
    """
    stripped = text.rstrip("\n")
    return stripped + "\n" if stripped else ""


_STRUCTURAL = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\*\*\*$|!\[|\[|\||```|\*|_)")


# A sentence end inside a block: full stop, question or exclamation mark, then a capital
# and a lower-case letter; not after an initial ("Michael J. Fox") or an abbreviation.
_INNER_SENTENCE_END = re.compile(r"(?<![\s.][A-ZÅÄÖ])(?<!\bvs)(?<!\besim)[.!?]\s+[A-ZÅÄÖ][a-zåäö]")


def _is_prose_fragment(line: str) -> bool:
    # A paragraph cut mid-sentence: already a sentence or more of prose, then a last
    # sentence of several words with no closing punctuation. Headlines and labels are
    # single sentences, so they are never taken for fragments.
    if len(line) < 100 or not (line[-1:].isalpha() and line[-1:].islower()):
        return False
    if _STRUCTURAL.match(line):
        return False
    ends = list(_INNER_SENTENCE_END.finditer(line))
    return bool(ends) and len(line[ends[-1].end() - 2 :].split()) >= 3


def join_broken_paragraph(text: str) -> str:
    """Join a paragraph the export broke in the middle of a sentence.

    >>> join_broken_paragraph(
    ...     "Keskustelimme myös siitä, nostattaako strategia epämukavan olotilan. "
    ...     "Puhuisimmeko mieluummin selkokielellä\\n\\n"
    ...     "Imatran onnistumissuunnitelmasta? Sitähän strategia on.")
    'Keskustelimme myös siitä, nostattaako strategia epämukavan olotilan. Puhuisimmeko \
mieluummin selkokielellä Imatran onnistumissuunnitelmasta? Sitähän strategia on.'
    """
    blocks = text.split("\n\n")
    out: list[str] = []
    for block in blocks:
        if out and "\n" not in out[-1].strip("\n") and _is_prose_fragment(out[-1]):
            first = block.split("\n", 1)[0]
            if first[:1].isalpha() and not _STRUCTURAL.match(first) and re.search(r"[.!?]", first):
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

    >>> normalise("## **Otsikko**\\n\\n\\n\\nTeksti.  ").rules
    ('unbold_heading', 'trailing_whitespace', 'blank_line_runs', 'final_newline')
    """
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
    applied: set[str] = set()
    for _ in range(max_rounds):
        before = text
        for name, rule in active:
            new = rule(text)
            if new != text:
                applied.add(name)
                text = new
        if text == before:
            break
    return Normalised(text, tuple(name for name in RULES if name in applied))


def strip_residue(text: str) -> str:
    """The text as `normalise` will treat it word-wise: what `link_residue` removes."""
    return link_residue(text)
