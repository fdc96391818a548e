"""Mallard help pages (GNOME's `*.page` XML) as Markdown, one block per translation unit.

One converter for both sides of a pair: the English original (`C/*.page`) and the
Finnish page itstool built from it. itstool keeps the element structure and swaps the
text of each translation unit, so block *k* of one side renders the same element as
block *k* of the other, which is what the real-data benchmark takes as its gold.

What becomes what (stdlib `xml.etree` only):

* `<title>` of the page or a section: a heading, `#` per section depth; the title of a
  list, steps, table, note, figure or links group: a heading one level further down; the
  title of a `<terms>` item: a list item;
* `<p>`, `<subtitle>`, `<desc>` outside `<info>`: a paragraph, on one line;
* `<item>`: its first block gets the `- ` marker, its further blocks are indented under it
  (Markdown continuation paragraphs), nested lists indent two spaces per level;
* table cells: each `<p>` a paragraph of its own (a Markdown table puts a whole row on one
  line, so a row would be one block);
* `<code>` and `<screen>` as blocks: fenced code, lines kept;
* `<media>`: `![](src)` (its fallback text is not rendered); a `<p>` holding only media
  is an image block;
* `<link xref>`/`<link href>`: `[text](target)`; an empty xref link gets the title of the
  page or section it points to, as a help viewer shows it (hence `title_index`);
* `<keyseq>`: keys joined with `+`; `<guiseq>`: items joined with ` ▸ `; every other inline
  element (`<gui>`, `<key>`, `<cmd>`, `<app>`, `<em>`, …) as its text;
* dropped: `<info>` (with its credits, revisions and descriptions), `<comment>` (editorial,
  not shown), `<links>` other than their title, XIncludes;
* conditionals (`<if:choose>`, `<if:if>`, `if:test` attributes): evaluated for the
  default GNOME desktop (`platform:gnome`, `action:install` true, `platform:gnome-classic`
  false), the same on both sides.

Each block also carries what the benchmark needs to find its unit in the PO file
(`Unit`): the unit's text as itstool extracts it (children that are not "within text"
become placeholders and are left out; see C/gnome-help.its), the link targets in its
markup, its msgctxt, and whether there is anything to translate at all (code, screens,
media and `its:translate="no"` content have nothing).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

MAL = "http://projectmallard.org/1.0/"
IF = "http://projectmallard.org/if/1.0/"
ITS = "http://www.w3.org/2005/11/its"
ITST = "http://itstool.org/extensions/"

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
CODE = "code"
IMAGE = "image"

# Conditional tokens true on the default GNOME desktop (Mallard Conditional Processing).
TRUE_TOKENS = frozenset({"platform:gnome", "action:install", "target:html", "target:mallard"})

_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_TARGET = re.compile(r'\b(?:xref|href)="([^"]*)"')
_MEDIA_ONLY = re.compile(r"(?:!\[\]\([^)]*\)\s*)+")
_SKIP = frozenset({"info", "comment", "include"})
_CONTAINERS = frozenset(
    {
        "page",
        "section",
        "note",
        "example",
        "figure",
        "div",
        "synopsis",
        "quote",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "colgroup",
        "col",
        "links",
        "listing",
    }
)
_LISTS = frozenset({"list", "steps", "terms", "tree"})
_BLOCK_TEXT = frozenset({"p", "subtitle", "desc", "cite"})
_CODE_BLOCKS = frozenset({"code", "screen"})


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Unit:
    """What a block's translation unit looks like in the PO file."""

    path: str  # "parent/element", as itstool's `#. (itstool) path:` comment says it
    text: str  # the msgid's text: markup and placeholders left out, whitespace collapsed
    targets: tuple[str, ...]  # xref/href values inside the msgid, in order
    context: str | None = None  # msgctxt, from an `itst:context` attribute


NO_UNIT = Unit("", "", ())


@dataclass(frozen=True)
class Block:
    """One rendered block: its Markdown lines and what identifies its translation unit."""

    kind: str  # heading | paragraph | item | code | image
    lines: tuple[str, ...]  # Markdown, without the blank line that follows
    path: str  # parent/element of the block's element
    unit: Unit  # NO_UNIT when there is nothing to translate
    text: str  # all the element's own text (generated link titles not included)
    translatable: bool  # False for code, screens, media and its:translate="no" content

    @property
    def markdown(self) -> str:
        return "\n".join(self.lines)


def load(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def page_id(root: ET.Element, path: Path | None = None) -> str:
    return root.get("id") or (path.stem if path else "")


def title_index(pages: Iterable[tuple[str, ET.Element]]) -> dict[str, str]:
    """'page' and 'page#section' → their title's text, for empty `<link xref>`."""
    titles: dict[str, str] = {}
    for pid, root in pages:
        for el in root.iter():
            name = local(el.tag)
            if name not in ("page", "section"):
                continue
            title = next((c for c in el if local(c.tag) == "title"), None)
            if title is None:
                continue
            key = pid if name == "page" else f"{pid}#{el.get('id', '')}"
            titles[key] = collapse(_inline(title, {}))
    return titles


def condition_holds(test: str | None) -> bool:
    """Mallard conditional: comma-separated alternatives of space-separated tokens, `!` negates."""
    if test is None:
        return True
    for alternative in test.split(","):
        tokens = alternative.split()
        if tokens and all(
            (t[1:] not in TRUE_TOKENS) if t.startswith("!") else (t in TRUE_TOKENS) for t in tokens
        ):
            return True
    return False


def _chosen(el: ET.Element) -> Iterator[tuple[ET.Element, ET.Element]]:
    """The children a conditional element shows on the default desktop, with their parent."""
    if local(el.tag) == "if":
        if condition_holds(el.get("test")):
            yield from ((child, el) for child in el)
        return
    # <if:choose>: the first <if:when> that holds, else the <if:else>
    for branch in el:
        name = local(branch.tag)
        if (name == "when" and condition_holds(branch.get("test"))) or name == "else":
            yield from ((child, branch) for child in branch)
            return


def _translate_no(el: ET.Element, inherited: bool) -> bool:
    value = el.get(f"{{{ITS}}}translate")
    if value is None:
        return inherited
    return value == "no"


def _alone(el: ET.Element, parent: ET.Element) -> bool:
    """No text or sibling element beside `el` inside `parent`."""
    if (parent.text or "").strip():
        return False
    for child in parent:
        if child is not el and local(child.tag):
            return False
        if (child.tail or "").strip():
            return False
    return True


def _placeholder(child: ET.Element, parent: ET.Element, grandparent: ET.Element | None) -> bool:
    """Children that itstool extracts as units of their own (see C/gnome-help.its)."""
    name = local(child.tag)
    if name == "media":
        return True
    pname = local(parent.tag)
    if name == "gui" and pname in ("title", "p") and _alone(child, parent):
        return True
    return (
        name == "link"
        and pname == "p"
        and grandparent is not None
        and local(grandparent.tag) == "item"
        and _alone(child, parent)
    )


def _kept(el: ET.Element, grandparent: ET.Element | None) -> tuple[str, list[str]]:
    """Text and link targets of `el` as its msgid holds them: placeholders left out.

    Left out: children itstool extracts as units of their own (media anywhere, a lone
    `<gui>`, a lone link in an item's paragraph) and content marked `its:translate="no"`.
    """
    parts, targets = [el.text or ""], []
    for child in el:
        if local(child.tag) and not (
            _placeholder(child, el, grandparent) or _translate_no(child, False)
        ):
            text, inner = _kept(child, el)
            targets.extend(t for t in (child.get("xref"), child.get("href")) if t)
            targets.extend(inner)
            parts.append(text)
        parts.append(child.tail or "")
    return "".join(parts), targets


def unit_of(el: ET.Element, parent: ET.Element | None, path: str) -> Unit:
    """The translation unit itstool makes of a block element.

    A paragraph or title holding nothing but a lone `<gui>` (or an item's paragraph
    holding nothing but a link) is no unit itself: the lone child is.
    """
    text, targets = _kept(el, parent)
    if collapse(text):
        return Unit(path, collapse(text), tuple(targets), el.get(f"{{{ITST}}}context"))
    children = [c for c in el if local(c.tag)]
    if len(children) == 1 and _placeholder(children[0], el, parent):
        child = children[0]
        if local(child.tag) != "media":
            inner, inner_targets = _kept(child, el)
            return Unit(
                f"{local(el.tag)}/{local(child.tag)}",
                collapse(inner),
                tuple(inner_targets),
                child.get(f"{{{ITST}}}context"),
            )
    return NO_UNIT


def _translatable_text(el: ET.Element) -> str:
    """The element's text without `its:translate="no"` content or media."""
    parts = [el.text or ""]
    for child in el:
        if local(child.tag) and local(child.tag) != "media" and not _translate_no(child, False):
            parts.append(_translatable_text(child))
        parts.append(child.tail or "")
    return collapse("".join(parts))


def _inline(el: ET.Element, titles: Mapping[str, str]) -> str:
    """Markdown for an element's inline content (whitespace not yet collapsed)."""
    parts = [el.text or ""]
    for child in el:
        parts.append(_inline_element(child, titles))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline_element(el: ET.Element, titles: Mapping[str, str]) -> str:
    name = local(el.tag)
    if not name or name in ("comment", "include"):
        return ""
    if namespace(el.tag) == IF:
        return "".join(_inline_element(c, titles) + (c.tail or "") for c, _ in _chosen(el))
    if name == "link":
        target = el.get("href") or el.get("xref") or ""
        text = collapse(_inline(el, titles))
        if not text:
            text = titles.get(target, target) if el.get("xref") else target
        return f"[{text}]({target})"
    if name == "media":
        return f"![]({el.get('src', '')})"
    if name in ("keyseq", "guiseq"):
        joiner = "+" if name == "keyseq" else " ▸ "
        items = [collapse(_inline_element(c, titles)) for c in el if local(c.tag)]
        if not items:
            return collapse(_inline(el, titles))
        return joiner.join(items)
    return _inline(el, titles)


class _Renderer:
    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles
        self.blocks: list[Block] = []
        self._marker = False  # an item's "- " waits for the item's first block

    def emit(
        self, kind: str, lines: list[str], indent: int, path: str, unit: Unit, text: str
    ) -> None:
        """Add a block; `indent` is the column its lines start at (an item's marker sits 2 left)."""
        pad = " " * indent
        if kind == HEADING:
            pass  # ATX headings stay at column 0
        elif self._marker and kind == PARAGRAPH:
            lines = [" " * (indent - 2) + "- " + lines[0], *(pad + x for x in lines[1:])]
            kind = ITEM
        else:
            lines = [pad + x if x else x for x in lines]
        self._marker = False
        self.blocks.append(Block(kind, tuple(lines), path, unit, text, unit is not NO_UNIT))

    def walk(
        self, el: ET.Element, parent: ET.Element | None, *, depth: int, indent: int, no: bool
    ) -> None:
        """Render `el` (a block-level element) and its block-level descendants."""
        name = local(el.tag)
        if not name or name in _SKIP or not condition_holds(el.get(f"{{{IF}}}test")):
            return
        no = _translate_no(el, no)
        if namespace(el.tag) == IF:
            for child, container in _chosen(el):
                self.walk(child, container, depth=depth, indent=indent, no=no)
            return
        pname = local(parent.tag) if parent is not None else ""
        path = f"{pname}/{name}"
        if name == "title":
            text = collapse(_inline(el, self.titles))
            if not text:
                return
            unit = NO_UNIT if no or not _translatable_text(el) else unit_of(el, parent, path)
            own = collapse("".join(el.itertext()))
            if pname == "item":  # a <terms> item's title: the item's own line
                self.emit(PARAGRAPH, [text], indent, path, unit, own)
                return
            level = min(depth + 1 if pname in ("page", "section") else depth + 2, 6)
            self.emit(HEADING, [f"{'#' * level} {text}"], indent, path, unit, own)
            return
        if name in _CODE_BLOCKS:
            body = [line.rstrip() for line in "".join(el.itertext()).strip("\n").split("\n")]
            self.emit(CODE, ["```", *body, "```"], indent, path, NO_UNIT, "\n".join(body))
            return
        if name == "media":
            self.emit(IMAGE, [f"![]({el.get('src', '')})"], indent, path, NO_UNIT, "")
            return
        if name in _LISTS:
            for child in el:
                step = 2 if local(child.tag) == "item" else 0
                self.walk(child, el, depth=depth, indent=indent + step, no=no)
            return
        if name == "item":
            self._marker = True
            for child in el:
                self.walk(child, el, depth=depth, indent=indent, no=no)
            self._marker = False
            return
        if name == "links":
            for child in el:
                if local(child.tag) == "title":
                    self.walk(child, el, depth=depth, indent=indent, no=no)
            return
        if name in _BLOCK_TEXT or (name not in _CONTAINERS and _has_text(el)):
            text = collapse(_inline(el, self.titles))
            if not text:
                return
            if _MEDIA_ONLY.fullmatch(text):  # <p><media/></p>: an image, no text unit
                self.emit(IMAGE, [text], indent, path, NO_UNIT, "")
                return
            unit = NO_UNIT if no or not _translatable_text(el) else unit_of(el, parent, path)
            self.emit(PARAGRAPH, [text], indent, path, unit, collapse("".join(el.itertext())))
            return
        child_depth = depth + 1 if name == "section" else depth
        for child in el:
            self.walk(child, el, depth=child_depth, indent=indent, no=no)


def _has_text(el: ET.Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def convert(root: ET.Element, titles: Mapping[str, str] | None = None) -> list[Block]:
    """The page's blocks in document order."""
    titles = dict(titles or {})
    pid = root.get("id", "")
    # "#section" points into this page
    titles.update({k[len(pid) :]: v for k, v in list(titles.items()) if k.startswith(f"{pid}#")})
    renderer = _Renderer(titles)
    renderer.walk(root, None, depth=0, indent=0, no=False)
    return renderer.blocks


def to_markdown(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """The page as Markdown (blocks separated by a blank line), and each block's first and
    last line (1-based)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for block in blocks:
        if out:
            out.append("")
        start = len(out) + 1
        out.extend(block.lines)
        spans.append((start, len(out)))
    return "\n".join(out), spans


def strip_markup(msgid: str) -> str:
    """A PO msgid's text: tags and placeholders removed, entities decoded, whitespace collapsed."""
    return collapse(html.unescape(_TAG.sub("", msgid)))


def msgid_targets(msgid: str) -> tuple[str, ...]:
    """The xref/href values in a msgid, in order."""
    return tuple(html.unescape(t) for t in _TARGET.findall(msgid))
