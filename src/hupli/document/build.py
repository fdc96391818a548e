"""Decoded text → a `Document`: normalise, segment, detect, then each block's evidence.

Blocks are read from the text with every normalisation rule applied that keeps the
number of lines (`hupli.document.normalise.LINE_CHANGING` names the others), so each
block's line is its line in the file as it is on disk: `align`, `lint`, SARIF, GitHub
annotations and the HTML report all cite the same line. The one rule that joins lines,
`join_broken_paragraph`, is applied to the blocks instead (`join_broken_blocks`).

The stages are imported where they are used (see `hupli.document`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hupli.model import PARAGRAPH, Block, Decoded, Document, ReadError
from hupli.settings import MAX_BLOCKS, Settings

JOIN_RULE = "join_broken_paragraph"


def build_document(decoded: Decoded, settings: Settings) -> Document:
    """Normalise, segment and detect the language of decoded text; raises `ReadError` for
    a document of more than `MAX_BLOCKS` blocks."""
    from hupli.document.detect import detect_document, detect_many
    from hupli.document.normalise import LINE_CHANGING, normalise

    disabled = settings.disabled_rules
    normalised = normalise(decoded.text, disabled, decoded.markup)
    prepared = normalise(decoded.text, disabled | LINE_CHANGING, decoded.markup).text
    blocks = read_blocks(prepared, decoded.markup)
    if len(blocks) > MAX_BLOCKS:
        # Checked before detection and evidence, which cost most of building a document.
        raise ReadError(
            decoded.path,
            f"{len(blocks):,} blocks, over the limit of {MAX_BLOCKS:,} for one page",
            "split it into several pages",
        )
    if JOIN_RULE not in disabled:
        blocks = join_broken_blocks(blocks)
    texts = [b.text for b in blocks]
    guesses = detect_many(texts, settings.languages, settings.seed)
    blocks = tuple(
        replace(block, language=guess.language)
        for block, guess in zip(blocks, guesses, strict=True)
    )
    language = detect_document(texts, settings.languages, settings.seed, guesses)
    from hupli.evidence import block_features, extract

    # Numbers are read by the conventions of the document's language (a Finnish "1,5" is
    # one and a half); an undetermined document is read as the original's language.
    anchors_language = language.language
    if anchors_language not in settings.languages:
        anchors_language = settings.source_language
    return Document(
        path=decoded.path,
        text=decoded.text,
        blocks=blocks,
        language=language.language,
        encoding=decoded.encoding,
        newline=decoded.newline,
        markup=decoded.markup,
        rules_applied=normalised.rules,
        format_line=first_changed_line(decoded.text, normalised.text) if normalised.rules else 0,
        anchors=tuple(extract(b.text, anchors_language) for b in blocks),
        anchors_language=anchors_language,
        features=tuple(block_features(b, anchors_language) for b in blocks),
    )


def first_changed_line(before: str, after: str) -> int:
    """The first line (1-based) at which two texts differ."""
    for number, (a, b) in enumerate(zip(before.split("\n"), after.split("\n"), strict=False), 1):
        if a != b:
            return number
    return min(before.count("\n"), after.count("\n")) + 1


def read_blocks(text: str, markup: str) -> tuple[Block, ...]:
    """The blocks of a text whose lines are the file's: Markdown by a CommonMark parser,
    plain-text exports by hupli's own reader."""
    if markup == "markdown":
        from hupli.document.markdown import segment_markdown

        return segment_markdown(text)
    from hupli.document.segment import segment

    return segment(text, markup)


def join_broken_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Paragraphs the export broke in the middle of a sentence, joined, by the test
    `join_broken_paragraph` uses on the text (`is_broken_paragraph`)."""
    from hupli.document.normalise import is_broken_paragraph

    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == PARAGRAPH
            and block.kind == PARAGRAPH
            and previous.line == previous.end_line
            and is_broken_paragraph(previous.text, block.text)
        ):
            out[-1] = replace(
                previous,
                text=f"{previous.text} {block.text}",
                end_line=block.end_line,
                urls=previous.urls + block.urls,
                images=previous.images + block.images,
                terms=previous.terms + block.terms,
            )
            continue
        out.append(block)
    if len(out) == len(blocks):
        return tuple(blocks)
    return tuple(replace(block, index=number) for number, block in enumerate(out))
