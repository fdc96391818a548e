"""Split normalised text into blocks: the units a translator translates as a whole.

Why not a CommonMark parser: exports are not CommonMark (bold-wrapped separators, bare
"Picture" placeholders, bullets pasted from a word processor), block structure is all
hupli needs, and markdown-it-py alone costs ~100 ms of start-up against a 150 ms budget
for a whole `hupli align` run. The rules below are the whole grammar.

When lines inside a blank-line paragraph are separate blocks:

* a line with its own structural marker starts a new block: a list item (`- `, `* `,
  `+ `, `1. `, `1) `), a heading (`# `), a quote (`> `), a separator (`***`, `---`),
  a Markdown image, a line that is only links, or an image placeholder (`Picture`,
  `Kuva`, …);
* every other line continues the block before it. A plain-text paragraph of several
  lines is therefore one block, even when its lines differ in kind: the English seed's
  "Release / 9.4.2020 18:33 / Liisa Hupli-Oinonen, director of communications, …" is one
  dateline block, the way the CMS shows it, and aligns with the Finnish "Tiedote
  9.4.2020 18:33" and "Viestintäjohtaja … kertoo …" blocks as a 2-1 link.

An image placeholder followed by caption lines is one caption block, its text the
caption with the export's duplicated lines said once. A paragraph that is entirely in
italics is a caption too (the Markdown exports set captions and bylines that way); one
entirely in quotation marks is a quote (a pull quote). In plain text, a lone short line
with no closing punctuation is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hupli.model import (
    CAPTION,
    HEADING,
    IMAGE,
    LINK,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    SEPARATOR,
    Block,
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_SEPARATOR = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_IMAGE = re.compile(r"^\s*!\[([^\]]*)\]\(([^)]*)\)\s*$")
_LINK_ONLY = re.compile(
    r"^\s*(?:\[[^\]]+\]\([^)]*\)[\s,;|•·-]*)+$|^\s*<?(?:https?://|www\.)\S+>?\s*$"
)
_PLACEHOLDER = re.compile(
    r"^\s*(?:picture|image|photo|kuva|valokuva|bild|foto)\s*:?\s*$", re.IGNORECASE
)
# Most lines are prose, so `segment` tries a line pattern only when the line's first
# visible character is one the pattern can start with. `_PLACEHOLDER_INITIALS` are the
# placeholder words' initials; a non-ASCII initial is always tried, since case-blind
# matching lets e.g. the Kelvin sign stand for "k".
_LINK_INITIALS = "[<hw"
_PLACEHOLDER_INITIALS = "pikvbfPIKVBF"

_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_OPENING_QUOTES = "\"“”«»„'‘’"
_QUOTED = re.compile(rf"^[{_OPENING_QUOTES}].*[\"“”«»'’]$")


@dataclass
class _Draft:
    kind: str
    line: int
    lines: list[str] = field(default_factory=list)
    level: int = 0
    placeholder: bool = False


def inline_text(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Text a reader sees, without Markdown markers, and the link targets it had."""
    urls: list[str] = []

    def link(match: re.Match[str]) -> str:
        target = match.group(2)
        if target and target != "#":
            urls.append(target.removeprefix("mailto:"))
        return match.group(1)

    # Every block goes through here, and most have no markup at all. Each pattern below
    # needs a character (or pair) that `in` finds far faster than a substitution that
    # finds nothing, so a pattern runs only when its text is there.
    text = markdown
    if "](" in text:
        text = _INLINE_LINK.sub(link, text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***bold italic***
        new = text
        if "**" in new or "__" in new:
            new = _STRONG.sub(r"\2", new)
        if "*" in new:
            new = _EMPH_STAR.sub(r"\1", new)
        if "_" in new:
            new = _EMPH_UNDER.sub(r"\1", new)
        if new == text:
            break
        text = new
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    # Runs of whitespace become one space, none at either end. `str.split` knows the
    # same whitespace as the regex `\s`.
    return " ".join(text.split()), tuple(urls)


def _fully_wrapped(line: str, marker: str) -> bool:
    inner = line.strip()
    if not (inner.startswith(marker) and inner.endswith(marker)) or len(inner) <= 2 * len(marker):
        return False
    body = inner[len(marker) : -len(marker)]
    return marker not in body


def _classify_paragraph(
    lines: list[str], joined: str, plain: str, markup: str, is_last: bool
) -> str:
    """Kind of a paragraph; `joined` is its stripped lines joined, `plain` their inline text."""
    if (
        len(lines) == 1
        and len(joined) <= 300
        and (_fully_wrapped(joined, "*") or _fully_wrapped(joined, "_"))
    ):
        return CAPTION  # one line, all in italics
    if plain[:1] in _OPENING_QUOTES and _QUOTED.match(plain) and len(plain) > 2:
        return QUOTE
    if (
        markup == "text"
        and len(lines) == 1
        and not is_last
        and 0 < len(plain) <= 80
        and len(plain.split()) <= 12
        and plain[-1] not in ".,;:!?…)\"”'’"
        and plain[0].isupper()
    ):
        return HEADING
    return PARAGRAPH


def segment(text: str, markup: str = "markdown") -> tuple[Block, ...]:
    """Blocks of normalised text, in document order, each with its starting line (1-based)."""
    lines = text.split("\n")
    drafts: list[_Draft] = []
    current: _Draft | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            drafts.append(current)
        current = None

    for number, line in enumerate(lines, start=1):
        visible = line.lstrip()
        if not visible:
            close()
            continue
        # A pattern is tried only if it can start with the line's first visible
        # character (see _LINK_INITIALS): most lines are prose and need none of them.
        lead = visible[0]
        heading = _HEADING.match(line) if lead == "#" else None
        if heading:
            close()
            drafts.append(_Draft(HEADING, number, [heading.group(2)], len(heading.group(1))))
            continue
        if lead in "*-_" and _SEPARATOR.match(line):
            close()
            drafts.append(_Draft(SEPARATOR, number, [line.strip()]))
            continue
        image = _IMAGE.match(line) if lead == "!" else None
        if image or (
            (lead in _PLACEHOLDER_INITIALS or not lead.isascii()) and _PLACEHOLDER.match(line)
        ):
            close()
            label = image.group(1) if image else line.strip()
            current = _Draft(IMAGE, number, [label], placeholder=True)
            continue
        if current is not None and current.kind == IMAGE:
            # Lines after an image in the same paragraph are its caption.
            current.kind = CAPTION
            current.lines = [line]
            continue
        if current is not None and current.kind == CAPTION and current.placeholder:
            current.lines.append(line)
            continue
        if lead in _LINK_INITIALS and _LINK_ONLY.match(line):
            close()
            current = _Draft(LINK, number, [line])
            close()
            continue
        listed = _LIST.match(line) if lead in "-*+" or lead.isdecimal() else None
        if listed:
            close()
            depth = len(listed.group(1).expandtabs(4)) // 2
            current = _Draft(LIST_ITEM, number, [listed.group(2)], depth)
            continue
        quoted = _QUOTE.match(line) if lead == ">" else None
        if quoted:
            if current is None or current.kind != QUOTE:
                close()
                current = _Draft(QUOTE, number, [])
            current.lines.append(quoted.group(1))
            continue
        if current is None:
            current = _Draft(PARAGRAPH, number, [])
        current.lines.append(line)
    close()

    blocks: list[Block] = []
    for position, draft in enumerate(drafts):
        kind = draft.kind
        source_lines = draft.lines
        if kind == CAPTION and draft.placeholder:
            # The English export repeats each caption line; say it once.
            deduped: list[str] = []
            for item in source_lines:
                if not deduped or item.strip() != deduped[-1].strip():
                    deduped.append(item)
            source_lines = deduped
        urls: tuple[str, ...] = ()
        if kind == SEPARATOR:
            plain = ""  # a separator has no text; its kind says it all
        else:
            joined = " ".join(item.strip() for item in source_lines)
            plain, urls = inline_text(joined)
            if kind == PARAGRAPH:
                last = position == len(drafts) - 1
                kind = _classify_paragraph(source_lines, joined, plain, markup, last)
        end = draft.line + max(len(draft.lines), 1) - 1
        if draft.kind == CAPTION and draft.placeholder:
            end = draft.line + len(draft.lines)
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind,
                line=draft.line,
                text=plain,
                level=draft.level,
                end_line=end,
                urls=urls,
            )
        )
    return tuple(blocks)
