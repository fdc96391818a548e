"""Where a Markdown page holds text that is not prose: the parts formatting must not touch.

`verbatim_regions` finds, as ranges of lines, what `hupli normalise` leaves byte for byte:

* **front matter** at the top of the file: YAML between `---` lines (closed by `---` or
  `...`), TOML between `+++` lines. The opening line must be the file's first, and what
  follows must read as front matter (a `key:` or `key =` line, a `[table]`, a comment, or
  nothing before the closing line), so a page that merely starts with a `---` rule is not
  swallowed whole;
* **code**: fenced (```` ``` ````, `~~~`) and indented, also inside lists and quotes;
* **HTML blocks**, comments included (`<div …>`, `<!-- … -->`);
* **tables** (GFM pipe tables);
* **admonitions** and other container blocks between `:::` fences (`:::note` … `:::`,
  nested with longer fences; one left open runs to the end of the file, as in the
  parsers that read them).

Code, HTML blocks and tables are found by markdown-it-py (CommonMark with GFM tables), by
its tokens' `map` line ranges. It is imported only when a page has a line that could start
one of them (`may_have_verbatim`): it costs about 80 ms to import and its block pass reads
about 2.5 kB a millisecond, and most CMS exports have none. Blank lines at the end of a
region (an unclosed fence at the end of a file) are not part of it.

`inline_spans` finds the same inside prose lines: code spans (`` `a\\*b` ``), inline
HTML tags, comments, and autolinks (`<https://…>`), as character ranges.

>>> [(r.kind, r.start, r.end) for r in verbatim_regions("---\\ntitle: x\\n---\\n\\nTeksti.\\n")]
[('front_matter', 0, 3)]
>>> text = "Teksti.\\n\\n```\\na  \\n\\nb\\n```\\n\\n| a |\\n|---|\\n| 1 |\\n"
>>> [(r.kind, r.start, r.end) for r in verbatim_regions(text)]
[('code', 2, 7), ('table', 8, 11)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

FRONT_MATTER, CODE, HTML, TABLE, ADMONITION = "front_matter", "code", "html", "table", "admonition"


@dataclass(frozen=True)
class Region:
    """Lines `start` (0-based) up to `end` (exclusive) of a text: one verbatim part."""

    kind: str
    start: int
    end: int


# A line that could start a fence, an indented code block, an HTML block, a container or
# a table's delimiter row. Without one (most CMS pages), no parser is needed.
# List markers and quote markers may stand before it; a quote marker needs no space after
# it (">>" opens two quotes, and ">>\t\t1" is code in the inner one).
_CONTAINER_PREFIX = r"^(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|>[ \t]?))*"
_MAY_HAVE_VERBATIM = re.compile(
    rf"{_CONTAINER_PREFIX}(?: {{0,3}}(?:`{{3}}|~{{3}}|<|:{{3}}|\t)| {{4}})"
    # A table's delimiter row; a one-column table's needs no pipe ("1|" over ":-").
    rf"|{_CONTAINER_PREFIX}[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\||$)",
    re.MULTILINE,
)
_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
# The first line inside front matter: a YAML key or a TOML key or table, or a comment.
_YAML_FIRST = re.compile(r"""^[ \t]*(?:#|[\w"'.-][^:\n]*:(?:[ \t]|$)|- )""")
_TOML_FIRST = re.compile(r"""^[ \t]*(?:#|\[|[\w"'.-]+[ \t]*=)""")
_CONTAINER_OPEN = re.compile(r"^ {0,3}(:{3,})[ \t]*[^\s:]")
_CONTAINER_CLOSE = re.compile(r"^ {0,3}(:{3,})[ \t]*$")


def may_have_verbatim(text: str) -> bool:
    """False when no line of TEXT can start a verbatim region (so none needs looking for)."""
    return text.startswith(("---", "+++")) or _MAY_HAVE_VERBATIM.search(text) is not None


def front_matter_end(lines: list[str]) -> int:
    """The number of lines the front matter at the top takes (its fences included); 0
    when there is none."""
    if not lines:
        return 0
    closers = _FRONT_MATTER_FENCES.get(lines[0].rstrip(" \t"))
    if closers is None:
        return 0
    first = _YAML_FIRST if lines[0].startswith("-") else _TOML_FIRST
    seen_content = False
    for number in range(1, len(lines)):
        line = lines[number].rstrip(" \t")
        if line in closers:
            return number + 1
        if line.strip() and not seen_content:
            if not first.match(line):
                return 0
            seen_content = True
    return 0  # never closed: not front matter


_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        # Only the block structure is needed: the inline pass would take two thirds of
        # the time (8 ms instead of 24 ms on a 20 kB course page).
        _PARSER = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    return _PARSER


_TOKEN_KINDS = {"fence": CODE, "code_block": CODE, "html_block": HTML, "table_open": TABLE}


def _parsed_regions(lines: list[str]) -> list[Region]:
    # A lone CR is a line break to the parser but not to `split("\n")`; as a space it keeps
    # both counts of lines the same.
    text = "\n".join(lines).replace("\r", " ")
    regions = []
    for token in _parser().parse(text):
        kind = _TOKEN_KINDS.get(token.type)
        if kind is not None and token.map is not None:
            regions.append(Region(kind, token.map[0], token.map[1]))
    return regions


def _container_regions(lines: list[str], taken: list[bool]) -> list[Region]:
    """`:::` containers among the lines not already verbatim; the outermost of each nest."""
    regions = []
    stack: list[tuple[int, int]] = []  # (fence length, opening line)
    for number, line in enumerate(lines):
        if taken[number] or ":::" not in line:
            continue
        close = _CONTAINER_CLOSE.match(line)
        if close and stack and len(close.group(1)) >= stack[-1][0]:
            _, opened = stack.pop()
            if not stack:
                regions.append(Region(ADMONITION, opened, number + 1))
            continue
        opening = _CONTAINER_OPEN.match(line)
        if opening:
            stack.append((len(opening.group(1)), number))
    if stack:
        regions.append(Region(ADMONITION, stack[0][1], len(lines)))
    return regions


def verbatim_regions(text: str) -> tuple[Region, ...]:
    """The verbatim regions of a Markdown TEXT (see the module), sorted, not overlapping:
    where two overlap, the one that starts first takes in the other."""
    if not may_have_verbatim(text):
        return ()
    lines = text.split("\n")
    found: list[Region] = []
    head = front_matter_end(lines)
    if head:
        found.append(Region(FRONT_MATTER, 0, head))
    body = [""] * head + lines[head:]  # the parser must not read front matter as Markdown
    if _MAY_HAVE_VERBATIM.search("\n".join(body)):
        found.extend(_parsed_regions(body))
    taken = [False] * len(lines)
    for region in found:
        for number in range(region.start, region.end):
            taken[number] = True
    found.extend(_container_regions(lines, taken))
    return _merged(found, lines)


def _merged(regions: list[Region], lines: list[str]) -> tuple[Region, ...]:
    out: list[Region] = []
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        end = region.end
        while end > region.start and not lines[end - 1].strip():
            end -= 1  # trailing blank lines are not part of it
        if end <= region.start:
            continue
        if out and region.start < out[-1].end:
            if end > out[-1].end:
                out[-1] = Region(out[-1].kind, out[-1].start, end)
            continue
        out.append(Region(region.kind, region.start, end))
    return tuple(out)


# Inline: raw HTML as CommonMark defines it (open and closing tags, comments, processing
# instructions, declarations, CDATA) and autolinks.
_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_INLINE_HTML = re.compile(
    rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<!-->|<!--->|<!--.*?-->"
    r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>",
    re.DOTALL,
)
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans of one paragraph, TEXT[start:end]: a run of n backticks up to the next run
    of exactly n (a backslash before the opening run escapes it)."""
    spans = []
    runs = [m for m in _BACKTICKS.finditer(text, start, end)]
    i = 0
    while i < len(runs):
        opening = runs[i]
        before = opening.start() - 1
        while before >= start and text[before] == "\\":
            before -= 1
        if (opening.start() - 1 - before) % 2:  # an odd number of backslashes escapes it
            i += 1
            continue
        width = len(opening.group())
        for j in range(i + 1, len(runs)):
            if len(runs[j].group()) == width:
                spans.append((opening.start(), runs[j].end()))
                i = j + 1
                break
        else:
            i += 1
    return spans


def inline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of TEXT's code spans, inline HTML and autolinks, sorted, not
    overlapping; none crosses a blank line.

    >>> text = "Kutsu `a\\\\*b` tai <i>x</i>.\\n"
    >>> [text[a:b] for a, b in inline_spans(text)]
    ['`a\\\\*b`', '<i>', '</i>']
    """
    if "`" not in text and "<" not in text:
        return []
    spans: list[tuple[int, int]] = []
    position = 0
    for boundary in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        code = _code_spans(text, position, end) if "`" in text[position:end] else []
        html: list[tuple[int, int]] = []
        if "<" in text[position:end]:
            html = [(m.start(), m.end()) for m in _INLINE_HTML.finditer(text, position, end)]
        # A code span wins over HTML that overlaps it, and the other way round: whichever
        # starts first (CommonMark's precedence by position).
        for span in sorted(code + html):
            if not spans or span[0] >= spans[-1][1]:
                spans.append(span)
        position = boundary.end() if boundary else len(text)
    return spans
