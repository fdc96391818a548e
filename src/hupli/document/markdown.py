"""Markdown pages as blocks, read by a CommonMark parser (markdown-it-py).

Pages of documentation and city sites are more than paragraphs: fenced and indented code,
HTML blocks and comments, YAML or TOML front matter, tables, images, links whose targets
carry the facts, admonitions (`:::`), nested lists. A hand-written grammar read much of
that as prose (a code block cut at its blank lines, a lone fence reported missing, front
matter read as a paragraph), so Markdown input is parsed by markdown-it-py, a CommonMark
parser rich already brings, with GFM tables. Plain-text exports keep their own reader
(`hupli.document.segment`).

What becomes a block, each with the lines it spans in the file:

* headings, paragraphs, list items (each paragraph of an item; nesting gives the level),
  quotes (each paragraph of a blockquote);
* a paragraph that is only images is an `image` block, linked by its files
  (`Block.images`), not by its alt text; a paragraph with an image on lines of its own
  and text on others is cut into the image and the text around it;
* a paragraph that is only links is a `link` block; one entirely in italics is a
  `caption` (the CMS sets captions and bylines that way); one in quotation marks a quote;
* code blocks (`code`, with the fence's language in `Block.info`), one block however many
  blank lines they hold; tables (`table`, one row a line); thematic breaks (`separator`);
* HTML blocks with text in them (`html`, their text without tags); HTML blocks of tags or
  comments alone (`<div class="content">`, `<!-- … -->`) are not content and make no
  block; inline HTML tags are dropped from the text;
* front matter (`front_matter`, its lines as they are), compared by key
  (`hupli.evidence.front_matter`);
* admonition fences (`:::note` … `:::`) are structure: the lines between them are read as
  Markdown, the fences themselves make no block.

Each block keeps its link targets (`Block.urls`, including addresses written bare in the
text), its image files and the terms it sets as code (`Block.terms`: identifiers, calls,
paths and file names in `code`, *emphasis* or `<i>` that survive translation as they are).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from hupli.model import (
    CAPTION,
    CODE,
    FRONT_MATTER,
    HEADING,
    HTML,
    IMAGE,
    LINK,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    SEPARATOR,
    TABLE,
    Block,
)

_FRONT_MATTER_FENCES = {"---": "yaml", "+++": "toml"}
_CONTAINER = re.compile(r"^\s{0,3}:{3,}")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# An address written bare in the text is the same resource as a link to it. Balanced
# parentheses belong to it (`…/wiki/Imatra_(kaupunki)`); a final full stop does not. A
# host without a scheme counts only with a path after it: "Fly.io" is a product's name.
BARE_URL = re.compile(
    r"(?:https?://|www\.|(?<![\w@./-])(?:[a-z0-9-]+\.)+"
    r"(?:fi|com|org|net|io|eu|edu|gov|info|se|uk|de|dev|app)/)"
    r"(?:[^\s<>()\[\]]|\([^\s()]*\))*"
)
_URL_TAIL = ".,;:!?'\"”’"
# What a page sets as code in running text (`x`, _x_, <i>x</i>) and reads as an identifier,
# a call, a path, a file name or an option, not a word: such terms survive translation.
CODE_TERM = re.compile(
    r"^(?:[\w$.]+\(.*\)|[a-z]+[A-Z][\w$]*|\w+_\w+|/[\w./:-]+"
    r"|[\w-]+(?:\.[\w-]+)+|--?[a-z][\w-]*)$"
)
_CODE_TAGS = re.compile(r"^<(/?)(?:i|em|code|tt|kbd|var|samp)\b[^>]*>$", re.IGNORECASE)
_OPENING_QUOTES = "\"“”«»„'‘’"
_QUOTED = re.compile(rf"^[{_OPENING_QUOTES}].*[\"“”«»'’]$")
_STARS = re.compile(r"^[*\s]{3,}$")  # a separator the CMS set as bold asterisks


@functools.cache
def _parser() -> Any:
    """The parser, built once: CommonMark plus GFM tables (no linkify: a bare address is
    found by `BARE_URL`, without another dependency)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def front_matter_end(lines: list[str]) -> int:
    """The index of the line that closes the page's front matter, or -1 if it has none."""
    if not lines:
        return -1
    fence = lines[0].rstrip()
    if fence not in _FRONT_MATTER_FENCES:
        return -1
    for number in range(1, len(lines)):
        line = lines[number].rstrip()
        if line == fence or (fence == "---" and line == "..."):
            return number
    return -1


def structure_lines(lines: list[str]) -> list[str]:
    """The lines the parser reads: front matter and admonition fences blanked, so that every
    other line keeps its number."""
    out = list(lines)
    end = front_matter_end(lines)
    for number in range(end + 1):
        out[number] = ""
    fence: str | None = None
    for number in range(end + 1, len(lines)):
        line = lines[number]
        opened = _FENCE.match(line)
        if fence is None:
            if opened:
                fence = opened.group(1)
            elif _CONTAINER.match(line):
                out[number] = ""
        elif (
            opened
            and opened.group(1)[0] == fence[0]
            and len(opened.group(1)) >= len(fence)
            and not line.strip()[len(opened.group(1)) :].strip()
        ):
            fence = None
    return out


@dataclass
class _Inline:
    """What the inline tokens of a paragraph (or of one of its lines) hold."""

    text: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def _read_inline(tokens: list[Any], out: _Inline) -> None:
    marked = 0  # inside emphasis or a code-like HTML tag
    for token in tokens:
        kind = token.type
        if kind in ("em_open", "strong_open"):
            marked += 1
        elif kind in ("em_close", "strong_close"):
            marked = max(0, marked - 1)
        elif kind == "text":
            content = token.content
            out.text.append(content)
            if marked and CODE_TERM.match(content.strip()):
                out.terms.append(content.strip())
            if "/" in content or "www." in content:
                out.urls.extend(m.group().rstrip(_URL_TAIL) for m in BARE_URL.finditer(content))
        elif kind == "code_inline":
            out.text.append(token.content)
            if CODE_TERM.match(token.content.strip()):
                out.terms.append(token.content.strip())
        elif kind in ("softbreak", "hardbreak"):
            out.text.append(" ")
        elif kind == "link_open":
            href = token.attrs.get("href", "")
            if isinstance(href, str) and href and not href.startswith("#"):
                out.urls.append(href.removeprefix("mailto:"))
        elif kind == "image":
            src = token.attrs.get("src", "")
            if isinstance(src, str) and src:
                out.images.append(src)
            alt = "".join(
                c.content for c in token.children or () if c.type in ("text", "code_inline")
            )
            out.text.append(alt)
        elif kind == "html_inline":
            tag = _CODE_TAGS.match(token.content.strip())
            if tag:
                marked = max(0, marked - 1) if tag.group(1) else marked + 1


def _plain(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _only_images(tokens: list[Any]) -> bool:
    seen = False
    for token in tokens:
        if token.type == "image":
            seen = True
        elif token.type == "html_inline" or (token.type == "text" and not token.content.strip()):
            continue
        elif token.type not in ("softbreak", "hardbreak"):
            return False
    return seen


def _only_links(tokens: list[Any]) -> bool:
    depth = 0
    seen = False
    for token in tokens:
        if token.type == "link_open":
            depth += 1
            seen = True
        elif token.type == "link_close":
            depth -= 1
        elif depth or token.type in ("softbreak", "hardbreak", "html_inline"):
            continue
        elif token.type != "text" or token.content.strip(" ,;|•·-"):
            return False
    return seen


def _by_line(tokens: list[Any]) -> list[list[Any]]:
    """The inline tokens of each source line of a paragraph."""
    lines: list[list[Any]] = [[]]
    for token in tokens:
        if token.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


@dataclass
class _Draft:
    kind: str
    line: int
    end_line: int
    text: str
    level: int = 0
    urls: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    info: str = ""


def _kind_of_paragraph(raw: str, plain: str, lines: int) -> str:
    stripped = raw.strip()
    if lines == 1 and len(stripped) <= 300:
        for marker in ("*", "_"):
            body = stripped[1:-1]
            if (
                len(stripped) > 2
                and stripped.startswith(marker)
                and stripped.endswith(marker)
                and marker not in body
            ):
                return CAPTION  # one line, all in italics
    if plain[:1] in _OPENING_QUOTES and len(plain) > 2 and _QUOTED.match(plain):
        return QUOTE  # a pull quote
    if _STARS.match(plain):
        return SEPARATOR
    return PARAGRAPH


def _draft(tokens: list[Any], kind: str, level: int, line: int, end_line: int, raw: str) -> _Draft:
    found = _Inline()
    _read_inline(tokens, found)
    plain = _plain(found.text)
    if kind == PARAGRAPH:
        if _only_images(tokens):
            kind = IMAGE
        elif _only_links(tokens):
            kind = LINK
        else:
            kind = _kind_of_paragraph(raw, plain, end_line - line + 1)
    return _Draft(
        kind,
        line,
        end_line,
        "" if kind == SEPARATOR else plain,
        level,
        tuple(dict.fromkeys(found.urls)),
        tuple(dict.fromkeys(found.images)),
        tuple(dict.fromkeys(found.terms)),
    )


def _paragraph(inline: Any, kind: str, level: int, drafts: list[_Draft]) -> None:
    """One paragraph; images on lines of their own become blocks of their own."""
    first = inline.map[0] + 1
    tokens = inline.children or []
    raw_lines = inline.content.split("\n")
    lines = _by_line(tokens)
    image_lines = [_only_images(line) for line in lines]
    if kind != PARAGRAPH or not any(image_lines) or all(image_lines):
        drafts.append(_draft(tokens, kind, level, first, inline.map[1], inline.content))
        return
    start = 0
    for number in range(len(lines) + 1):
        if number < len(lines) and not image_lines[number]:
            continue
        if start < number:  # the text lines before this image (or the end)
            run: list[Any] = []
            for part in lines[start:number]:
                if run:
                    run.append(_LineBreak())
                run.extend(part)
            raw = "\n".join(raw_lines[start:number])
            drafts.append(_draft(run, kind, level, first + start, first + number - 1, raw))
        if number < len(lines):
            image = _draft(lines[number], IMAGE, level, first + number, first + number, "")
            drafts.append(image)
        start = number + 1


class _LineBreak:
    """A soft break between the lines of a run cut out of a paragraph."""

    type = "softbreak"
    content = ""


def _html_text(content: str) -> str:
    return " ".join(_TAG.sub(" ", _COMMENT.sub(" ", content)).split())


def _table(tokens: list[Any], start: int) -> tuple[_Draft, int]:
    """A table as one block, a row a line; and the index of its closing token."""
    rows: list[str] = []
    cells: list[str] = []
    found = _Inline()
    position = start + 1
    while tokens[position].type != "table_close":
        token = tokens[position]
        if token.type == "inline":
            cell = _Inline()
            _read_inline(token.children or [], cell)
            cells.append(_plain(cell.text))
            found.urls.extend(cell.urls)
            found.images.extend(cell.images)
            found.terms.extend(cell.terms)
        elif token.type == "tr_close":
            rows.append(" | ".join(cells))
            cells = []
        position += 1
    begin, end = tokens[start].map
    draft = _Draft(
        TABLE,
        begin + 1,
        end,
        "\n".join(rows),
        urls=tuple(dict.fromkeys(found.urls)),
        images=tuple(dict.fromkeys(found.images)),
        terms=tuple(dict.fromkeys(found.terms)),
    )
    return draft, position


def segment_markdown(text: str) -> tuple[Block, ...]:
    """Blocks of a Markdown page, in document order, with the file's line numbers."""
    lines = text.split("\n")
    drafts: list[_Draft] = []
    end = front_matter_end(lines)
    if end > 0:
        body = "\n".join(lines[1:end])
        drafts.append(_Draft(FRONT_MATTER, 1, end + 1, body))
    tokens = _parser().parse("\n".join(structure_lines(lines)))
    containers: list[str] = []  # "item" or "quote", innermost last
    lists = 0
    position = 0
    while position < len(tokens):
        token = tokens[position]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "list_item_open":
            containers.append("item")
        elif kind == "blockquote_open":
            containers.append("quote")
        elif kind in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif kind == "heading_open":
            inline = tokens[position + 1]
            begin, stop = token.map
            heading = _draft(
                inline.children or [], HEADING, int(token.tag[1:]), begin + 1, stop, ""
            )
            if heading.text:  # an empty `###` is not a heading anyone translates
                drafts.append(heading)
            position += 3
            continue
        elif kind == "paragraph_open":
            inside = containers[-1] if containers else ""
            paragraph_kind = {"item": LIST_ITEM, "quote": QUOTE}.get(inside, PARAGRAPH)
            _paragraph(tokens[position + 1], paragraph_kind, max(lists - 1, 0), drafts)
            position += 3
            continue
        elif kind in ("fence", "code_block"):
            begin, stop = token.map
            info = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
            drafts.append(_Draft(CODE, begin + 1, stop, token.content.rstrip("\n"), info=info))
        elif kind == "html_block":
            plain = _html_text(token.content)
            if plain:
                begin, stop = token.map
                drafts.append(_Draft(HTML, begin + 1, stop, plain))
        elif kind == "hr":
            begin, stop = token.map
            drafts.append(_Draft(SEPARATOR, begin + 1, stop, ""))
        elif kind == "table_open":
            table, position = _table(tokens, position)
            drafts.append(table)
        position += 1
    drafts.sort(key=lambda d: d.line)
    return tuple(
        Block(
            index=number,
            kind=d.kind,
            line=d.line,
            text=d.text,
            level=d.level,
            end_line=d.end_line,
            urls=d.urls,
            images=d.images,
            terms=d.terms,
            info=d.info,
        )
        for number, d in enumerate(drafts)
    )
