"""Checks over an alignment: each a small named function with a stable finding code.

A check looks at one link (with the documents and their evidence) and returns findings.
`CHECKS` is the registry, by name, with the codes each check reports;
`Settings.disabled_checks` turns a check off by its name or its code, and
`Settings.severities` sets how serious each code is. The link's status is the most telling
of its findings: untranslated, then changed (numbers, names, link targets, code, images,
front matter), then missing or added, moved, partial (a sentence missing or added),
uncertain; else ok.

A pair whose links are mostly unsupported gets one document-level finding instead
(`not-translation`: "these documents do not read as translations of each other"), not
dozens of missing and added passages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace

from hupli.align.aligner import RawAlignment
from hupli.align.codes import CHECK_CODES, CHECK_NAMES, NOT_TRANSLATION
from hupli.align.confidence import UNCERTAIN as UNCERTAIN_SCORE
from hupli.align.confidence import link_score
from hupli.align.sentences import Stray, may_stray, strays
from hupli.align.units import PROSE, Unit
from hupli.evidence import lexicon
from hupli.evidence.compare import compare
from hupli.model import (
    ADDED,
    CHANGED,
    CODE,
    FRONT_MATTER,
    IMAGE,
    MISSING,
    MOVED,
    OK,
    PARTIAL,
    SEPARATOR,
    UNCERTAIN,
    UNTRANSLATED,
    Anchors,
    Block,
    ConfigError,
    Document,
    Finding,
    Link,
    Severity,
)
from hupli.settings import Settings
from hupli.text import quote

# A pair whose prose this share or less is linked with evidence of at least SUPPORTED is
# not a translation pair.
NOT_TRANSLATION_SHARE = 0.3
SUPPORTED = 1.0
NOT_TRANSLATION_MIN_BLOCKS = 4


@dataclass(frozen=True)
class Context:
    source: Document
    target: Document
    raw: RawAlignment
    settings: Settings
    # Per link: link targets of the neighbouring links' other sides (a link moved into the
    # next paragraph has not changed).
    nearby_targets: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    # Per link: the blocks of the links before and after, on each side.
    neighbours: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    position: int = 0
    # Sentences of this link's blocks the other side does not translate (`find_strays`).
    strays: tuple[Stray, ...] = ()


Check = Callable[[Link, Context], Iterable[Finding]]


def _finding(code: str, ctx: Context, link: Link, message: str, **details: str) -> Finding:
    return Finding(
        code=code,
        severity=ctx.settings.severity(code),
        message=message,
        source=link.source,
        target=link.target,
        details=tuple(sorted(details.items())),
    )


def _describe(block_kind: str, text: str, images: Sequence[str]) -> str:
    if block_kind == IMAGE and images:
        return f"image {', '.join(images)}"
    if block_kind == CODE:
        return f"code block {quote(text.split(chr(10), 1)[0], 40)}"
    return f"{block_kind} {quote(text)}"


def check_missing(link: Link, ctx: Context) -> Iterable[Finding]:
    """An original block with no counterpart in the translation."""
    if link.target or not link.source:
        return
    block = ctx.source.blocks[link.source[0]]
    if block.kind == SEPARATOR:
        yield replace(
            _finding(MISSING, ctx, link, "separator has no counterpart in the translation"),
            severity=Severity.INFO,
        )
        return
    what = _describe(block.kind, block.text, block.images)
    yield _finding(MISSING, ctx, link, f"{what} is not in the translation")


def check_added(link: Link, ctx: Context) -> Iterable[Finding]:
    """A translation block with no counterpart in the original."""
    if link.source or not link.target:
        return
    block = ctx.target.blocks[link.target[0]]
    if _untranslated(block.kind, block.text, block.language, ctx.settings):
        return  # reported as untranslated instead
    if block.kind == SEPARATOR:
        yield replace(
            _finding(ADDED, ctx, link, "separator has no counterpart in the original"),
            severity=Severity.INFO,
        )
        return
    what = _describe(block.kind, block.text, block.images)
    yield _finding(ADDED, ctx, link, f"{what} has no counterpart in the original")


def check_moved(link: Link, ctx: Context) -> Iterable[Finding]:
    """A block linked with its translation elsewhere on the page."""
    if link.status != MOVED:
        return
    src = ctx.source.blocks[link.source[0]]
    tgt = ctx.target.blocks[link.target[0]]
    yield _finding(
        MOVED,
        ctx,
        link,
        f"{src.kind} {quote(src.text, 40)} is translated out of order, "
        f"on the translation's line {tgt.line}",
    )


# Evidence that a translation's block is prose in the original's language, not a name, a
# title, a handle or a term both languages write alike (issue: "untranslated" fired on
# names, book titles, chat handles and English headings detected as Finnish).
MIN_PROSE_WORDS = 4
MIN_FUNCTION_WORDS = 2


def is_prose_in(text: str, language: str) -> bool:
    """Whether `text` reads as prose of `language`: enough words, and function words of
    that language among them (a name or a title has none)."""
    words = [w for w in text.lower().split() if any(c.isalpha() for c in w)]
    if len(words) < MIN_PROSE_WORDS or language not in ("fi", "en"):
        return False
    function = sum(1 for w in words if lexicon.is_function_word(w.strip(".,:;!?()\"'”“"), language))
    return function >= MIN_FUNCTION_WORDS


def _untranslated(kind: str, text: str, language: str, settings: Settings) -> bool:
    if kind in (CODE, IMAGE, SEPARATOR, FRONT_MATTER):
        return False
    return language == settings.source_language and is_prose_in(text, settings.source_language)


def check_untranslated(link: Link, ctx: Context) -> Iterable[Finding]:
    """A translation block left in the original's language (prose, not a name or a term)."""
    for index in link.target:
        block = ctx.target.blocks[index]
        if _untranslated(block.kind, block.text, block.language, ctx.settings):
            yield _finding(
                UNTRANSLATED,
                ctx,
                link,
                f"{block.kind} is in {ctx.settings.source_language}, not "
                f"{ctx.settings.target_language}: {quote(block.text)}",
            )
        elif block.kind == IMAGE and link.source:
            original = ctx.source.blocks[link.source[0]]
            # Alt text is checked only when both sides have one.
            if (
                original.text
                and block.text
                and block.text == original.text
                and sum(1 for w in lexicon.content_words(block.text, "fi") if lexicon.known(w)) >= 2
                and ctx.settings.source_language == "fi"
            ):
                yield replace(
                    _finding(
                        UNTRANSLATED,
                        ctx,
                        link,
                        f"the alt text of image {', '.join(block.images)} "
                        f"is left in {ctx.settings.source_language}: {quote(block.text)}",
                    ),
                    severity=Severity.WARNING,
                )


def _merge(anchors: Iterable[Anchors]) -> Anchors:
    items = list(anchors)
    if len(items) == 1:
        return items[0]
    values: dict[str, object] = {}
    for spec in fields(Anchors):
        parts = [getattr(a, spec.name) for a in items]
        if isinstance(parts[0], tuple):
            values[spec.name] = tuple(x for part in parts for x in part)
        else:
            values[spec.name] = frozenset().union(*parts)
    return Anchors(**values)  # type: ignore[arg-type]


def _translated_link(link: Link, ctx: Context) -> bool:
    """A link with both sides, the translation's in its own language."""
    if not link.source or not link.target:
        return False
    return not any(
        _untranslated(b.kind, b.text, b.language, ctx.settings)
        for b in (ctx.target.blocks[j] for j in link.target)
    )


# Blocks whose text is not compared for facts: code is compared as code, an image by its
# file (its alt text is a free description), front matter by key.
_NOT_PROSE = frozenset({CODE, IMAGE, FRONT_MATTER, SEPARATOR})


def check_changed(link: Link, ctx: Context) -> Iterable[Finding]:
    """Numbers, dates, times, e-mails or names that differ across a link (link targets and
    addresses are `check_link_targets`')."""
    if not _translated_link(link, ctx) or _has_code(link, ctx):
        return
    sources = [i for i in link.source if ctx.source.blocks[i].kind not in _NOT_PROSE]
    targets = [j for j in link.target if ctx.target.blocks[j].kind not in _NOT_PROSE]
    if not sources or not targets:
        return
    src = _merge(_anchors_of(ctx, True, i) for i in sources)
    tgt = _merge(_anchors_of(ctx, False, j) for j in targets)
    for disagreement in compare(
        src, tgt, ctx.settings.source_language, ctx.settings.target_language
    ):
        if disagreement.kind == "url":
            continue
        original = ", ".join(disagreement.only_source) or "nothing"
        translation = ", ".join(disagreement.only_target) or "nothing"
        finding = _finding(
            CHANGED,
            ctx,
            link,
            f"{disagreement.kind} differs: original has {original}, translation has {translation}",
            kind=disagreement.kind,
            original=original,
            translation=translation,
        )
        if disagreement.kind == "rounded":
            # A rounded figure says less, not something else: at most a warning.
            finding = replace(
                finding,
                severity=min(finding.severity, Severity.WARNING),
                message=f"number rounded: original has {original}, translation has {translation}",
            )
        yield finding


def _anchors_of(ctx: Context, on_source: bool, k: int) -> Anchors:
    """A block's anchors, without those of its sentences the other side lacks: a missing
    sentence is reported as such, not again as the facts it holds."""
    mine = [s.sentence for s in ctx.strays if s.on_source == on_source and s.sentence.block == k]
    if not mine:
        return (ctx.raw.source_anchors if on_source else ctx.raw.target_anchors)[k]
    from hupli.evidence import extract

    text = (ctx.source if on_source else ctx.target).blocks[k].text
    for sentence in sorted(mine, key=lambda s: -s.start):
        text = text[: sentence.start] + text[sentence.end :]
    language = ctx.settings.source_language if on_source else ctx.settings.target_language
    return extract(text, language)


# Identifiers set as code that differ only a little are the same identifier misspelt on
# one side: `initialNotes` for `initializeNotes`, `/api/notes/10` for `notes/10`.
NEAR_TERM = 70.0


def check_terms(link: Link, ctx: Context) -> Iterable[Finding]:
    """An identifier, path or file name set as code on both sides, spelt differently."""
    if not _translated_link(link, ctx) or _has_code(link, ctx):
        return
    src = {t for i in link.source for t in ctx.source.blocks[i].terms}
    tgt = {t for j in link.target for t in ctx.target.blocks[j].terms}
    lone_src, lone_tgt = sorted(src - tgt), sorted(tgt - src)
    if not lone_src or not lone_tgt:
        return
    from rapidfuzz.fuzz import ratio

    from hupli.evidence.code import compare_code

    for term in lone_src:
        near = max(lone_tgt, key=lambda other: (ratio(term, other), other))
        if ratio(term, near) < NEAR_TERM:
            continue
        # `/api/notes/JOTAIN` ↔ `/api/notes/SOMETHING`: a placeholder translated.
        if not compare_code(term, near, _original_word(ctx.settings)):
            continue
        yield _finding(
            CHANGED,
            ctx,
            link,
            f"identifier differs: original has {term}, translation has {near}",
            kind="identifier",
            original=term,
            translation=near,
        )


def _has_code(link: Link, ctx: Context) -> bool:
    return any(ctx.source.blocks[i].kind == CODE for i in link.source) or any(
        ctx.target.blocks[j].kind == CODE for j in link.target
    )


def check_link_targets(link: Link, ctx: Context) -> Iterable[Finding]:
    """A link whose target differs across a linked passage, or a link on one side only.

    Language versions of the same page, trailing slashes, anchors and moved addresses of
    the same resource are the same target (`hupli.evidence.targets.same_target`); a target
    the neighbouring passage has on the other side has moved, not changed."""
    if not _translated_link(link, ctx) or _has_code(link, ctx):
        return
    from hupli.evidence.targets import is_image, same_target, unmatched

    # Link targets, and addresses written in the text (a plain-text export has no links);
    # an image's alt text is a description, where an address is an example, not a link.
    src = [u for i in link.source for u in ctx.source.blocks[i].urls if not is_image(u)]
    src += [
        u
        for i in link.source
        if ctx.source.blocks[i].kind != IMAGE
        for u in ctx.raw.source_anchors[i].urls
    ]
    tgt = [u for j in link.target for u in ctx.target.blocks[j].urls if not is_image(u)]
    tgt += [
        u
        for j in link.target
        if ctx.target.blocks[j].kind != IMAGE
        for u in ctx.raw.target_anchors[j].urls
    ]
    rewrites = ctx.settings.link_rewrites
    if not src and not tgt:
        return
    only_src, only_tgt = unmatched(src, tgt, rewrites)
    if ctx.nearby_targets:
        near_src, near_tgt = ctx.nearby_targets[ctx.position]
        only_src = [u for u in only_src if not any(same_target(u, v, rewrites) for v in near_tgt)]
        only_tgt = [u for u in only_tgt if not any(same_target(v, u, rewrites) for v in near_src)]
    if not only_src and not only_tgt:
        return
    if only_src and only_tgt:
        message = (
            f"link target differs: original links {', '.join(only_src)}, "
            f"translation links {', '.join(only_tgt)}"
        )
    elif only_src:
        message = f"the original links {', '.join(only_src)}; the translation has no such link"
    else:
        message = f"the translation links {', '.join(only_tgt)}; the original has no such link"
    yield _finding(
        "link-changed",
        ctx,
        link,
        message,
        original=", ".join(only_src),
        translation=", ".join(only_tgt),
    )


def _original_word(settings: Settings) -> Callable[[str], bool]:
    """Whether a word in code reads as the original's language (translated, not changed)."""
    if settings.source_language == "fi":
        return _finnish_word

    def is_original(word: str) -> bool:
        return lexicon.is_function_word(word, settings.source_language)

    return is_original


def _finnish_word(word: str) -> bool:
    """Whether a word of a code block reads as Finnish (a translated string, comment or
    folder name), for telling translated code from changed code."""
    return (
        any(c in word for c in "äöå")
        or lexicon.is_function_word(word, "fi")
        # The dictionary finds most words by their first letters too: an English word of
        # an English string ('token missing or invalid') is no Finnish word.
        or bool(
            lexicon.finnish_word_keys(word) and len(word) >= 4 and not lexicon.is_english_word(word)
        )
    )


def _one_to_one(link: Link, ctx: Context, kind: str) -> tuple[Block, Block] | None:
    """A link of one block of KIND on each side, as (original's, translation's); else None."""
    if len(link.source) != 1 or len(link.target) != 1:
        return None
    src = ctx.source.blocks[link.source[0]]
    tgt = ctx.target.blocks[link.target[0]]
    if src.kind != kind or tgt.kind != kind:
        return None
    return src, tgt


def check_code(link: Link, ctx: Context) -> Iterable[Finding]:
    """Code blocks that differ in substance: not only in comments, the strings a reader
    sees or folder names translated (`hupli.evidence.code.compare_code`)."""
    pair = _one_to_one(link, ctx, CODE)
    if pair is None:
        return
    src, tgt = pair
    from hupli.evidence.code import compare_code

    differences = compare_code(src.text, tgt.text, _original_word(ctx.settings), src.info, tgt.info)
    if not differences:
        return
    shown = "; ".join(d.describe() for d in differences[:2])
    more = f" and {len(differences) - 2} more" if len(differences) > 2 else ""
    yield _finding(
        "code-changed",
        ctx,
        link,
        f"code on line {src.line} differs from the translation's line {tgt.line}: {shown}{more}",
        original=differences[0].original,
        translation=differences[0].translation,
    )


def check_images(link: Link, ctx: Context) -> Iterable[Finding]:
    """Linked images whose files differ."""
    pair = _one_to_one(link, ctx, IMAGE)
    if pair is None:
        return
    src, tgt = pair
    from hupli.evidence.targets import image_name

    a = sorted({image_name(s) for s in src.images})
    b = sorted({image_name(s) for s in tgt.images})
    if a != b:
        yield _finding(
            "image-changed",
            ctx,
            link,
            f"image differs: original shows {', '.join(a) or 'none'}, "
            f"translation shows {', '.join(b) or 'none'}",
            original=", ".join(a),
            translation=", ".join(b),
        )


def check_front_matter(link: Link, ctx: Context) -> Iterable[Finding]:
    """Front matter whose non-text fields (date, slug, weight, image, …) differ."""
    pair = _one_to_one(link, ctx, FRONT_MATTER)
    if pair is None:
        return
    src, tgt = pair
    from hupli.evidence.front_matter import differences

    for key, original, translation in differences(src.text, tgt.text):
        yield _finding(
            "front-matter-changed",
            ctx,
            link,
            f"front matter {key} differs: original has {original or 'nothing'}, "
            f"translation has {translation or 'nothing'}",
            key=key,
            original=original,
            translation=translation,
        )


def may_have_strays(link: Link, ctx: Context) -> bool:
    """Whether a linked passage is worth aligning sentence by sentence: translated, and
    with sentences one side may lack (`may_stray`)."""
    if not _translated_link(link, ctx) or link.status == MOVED:
        return False
    return may_stray(
        [ctx.source.blocks[i].text for i in link.source],
        [ctx.target.blocks[j].text for j in link.target],
    )


def find_strays(link: Link, ctx: Context, candidates: frozenset[int]) -> tuple[Stray, ...]:
    """Sentences of a linked passage that the other side does not translate; CANDIDATES
    are the positions of the pair's links that `may_have_strays`, whose sentences alone
    the sentence model scores."""
    if ctx.position not in candidates:
        return ()
    model, source, target = ctx.raw.sentence_model(candidates)
    neighbours = ctx.neighbours[ctx.position] if ctx.neighbours else ((), ())
    return tuple(strays(model, source, target, (link.source, link.target), neighbours))


def check_sentences(link: Link, ctx: Context) -> Iterable[Finding]:
    """A sentence of a linked passage that the other side does not translate."""
    for stray in ctx.strays:
        sentence = stray.sentence
        if stray.on_source:
            block = ctx.source.blocks[sentence.block]
            code, side, other = "missing-sentence", "original", "translation"
        else:
            block = ctx.target.blocks[sentence.block]
            code, side, other = "added-sentence", "translation", "original"
        finding = _finding(
            code,
            ctx,
            link,
            f"a sentence of the {side} is not in the {other}: {quote(sentence.text, 80)}",
            sentence=sentence.text,
            block=str(sentence.block),
            line=str(block.line),
            start=str(sentence.start),
            end=str(sentence.end),
            side="source" if stray.on_source else "target",
            evidence=f"{stray.evidence:.1f}",
        )
        # The finding is about the sentence's own block: that is where a report points.
        if stray.on_source:
            yield replace(finding, source=(sentence.block,), target=())
        else:
            yield replace(finding, source=(), target=(sentence.block,))


# A linked pair whose lengths differ by more than this many standard deviations of the
# Gale–Church model cannot be explained by translation alone.
LENGTH_OUTLIER_SIGMAS = 4.0


def check_length_outlier(link: Link, ctx: Context) -> Iterable[Finding]:
    """A linked pair whose length ratio translation cannot explain (and no missing or
    added sentence explains either)."""
    if not link.source or not link.target:
        return
    units = ctx.raw.model
    if any(units.source[i].group != PROSE for i in link.source):
        return
    ls = sum(units.source[i].length for i in link.source)
    lt = sum(units.target[j].length for j in link.target)
    if max(ls, lt) < 80:
        return  # short blocks (names, datelines) vary too much to say anything
    ratio, variance = units.ratio, units.variance
    mean = (ls + lt / ratio) / 2.0
    sigmas = (lt - ls * ratio) / math.sqrt(max(mean, 1.0) * variance)
    if abs(sigmas) >= LENGTH_OUTLIER_SIGMAS:
        direction = "longer" if sigmas > 0 else "shorter"
        yield _finding(
            "length-outlier",
            ctx,
            link,
            f"translation is {direction} than expected: {ls} → {lt} characters "
            f"({abs(sigmas):.1f} σ); part may be missing or added",
        )


def check_uncertain(link: Link, ctx: Context) -> Iterable[Finding]:
    """A link whose evidence is too weak to call it right or wrong."""
    if link.source and link.target and link.status == OK and link.score < UNCERTAIN_SCORE:
        src = ctx.source.blocks[link.source[0]]
        yield _finding(
            UNCERTAIN,
            ctx,
            link,
            f"{src.kind} {quote(src.text, 40)} is linked with little "
            f"evidence (confidence {link.score:.2f}); check it by eye",
        )


# name → (check, the codes it reports), the names and codes as `hupli.align.codes` has them.
_FUNCTIONS: dict[str, Check] = {
    "missing": check_missing,
    "added": check_added,
    "moved": check_moved,
    "untranslated": check_untranslated,
    "changed": check_changed,
    "identifiers": check_terms,
    "link-changed": check_link_targets,
    "code-changed": check_code,
    "image-changed": check_images,
    "front-matter-changed": check_front_matter,
    "sentences": check_sentences,
    "length-outlier": check_length_outlier,
    "uncertain": check_uncertain,
}
CHECKS: dict[str, tuple[Check, tuple[str, ...]]] = {
    name: (_FUNCTIONS[name], codes) for name, codes in CHECK_NAMES.items()
}

_CHANGED_CODES = (CHANGED, "link-changed", "code-changed", "image-changed", "front-matter-changed")
_STATUS_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    (UNTRANSLATED, (UNTRANSLATED,)),
    (CHANGED, _CHANGED_CODES),
    (MISSING, (MISSING,)),
    (ADDED, (ADDED,)),
    (PARTIAL, ("missing-sentence", "added-sentence")),
    (UNCERTAIN, (UNCERTAIN,)),
)


def _status(link: Link, findings: list[Finding]) -> str:
    codes = {f.code for f in findings}
    for status, reported in _STATUS_ORDER:
        if codes.intersection(reported):
            return status
    if not link.target:
        return MISSING
    if not link.source:
        return ADDED
    if link.status == MOVED:
        return MOVED
    return OK


def _enabled(name: str, codes: tuple[str, ...], disabled: frozenset[str]) -> bool:
    return name not in disabled and not all(code in disabled for code in codes)


def run_checks(
    source: Document, target: Document, raw: RawAlignment, settings: Settings
) -> tuple[tuple[Link, ...], list[Finding]]:
    """The links with their findings and statuses, and the pair's document-level findings."""
    unknown = set(settings.disabled_checks) - CHECKS.keys() - CHECK_CODES
    if unknown:
        raise ConfigError(
            f"unknown check(s): {', '.join(sorted(unknown))}; known: {', '.join(CHECKS)}"
        )
    document = _not_translation(source, raw, settings)
    enabled = [
        check
        for name, (check, codes) in CHECKS.items()
        if _enabled(name, codes, settings.disabled_checks)
    ]
    sentences = _enabled("sentences", CHECKS["sentences"][1], settings.disabled_checks)
    links = raw.links
    nearby, neighbours = _surroundings(source, target, links)
    contexts = [
        Context(source, target, raw, settings, nearby, neighbours, position)
        for position in range(len(links))
    ]
    candidates = frozenset(
        position
        for position, link in enumerate(links)
        if sentences and not document and may_have_strays(link, contexts[position])
    )
    out = []
    for position, link in enumerate(links):
        if document:
            status = (
                UNCERTAIN if link.source and link.target else (MISSING if link.source else ADDED)
            )
            out.append(replace(link, status=status))
            continue
        ctx = contexts[position]
        if sentences:
            ctx = replace(ctx, strays=find_strays(link, ctx, candidates))
        findings = [finding for check in enabled for finding in check(link, ctx)]
        if any(f.code in ("missing-sentence", "added-sentence") for f in findings):
            findings = [f for f in findings if f.code != "length-outlier"]
        out.append(replace(link, findings=tuple(findings), status=_status(link, findings)))
    return tuple(out), document


def _surroundings(
    source: Document, target: Document, links: Sequence[Link]
) -> tuple[
    tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    tuple[tuple[tuple[int, ...], tuple[int, ...]], ...],
]:
    """Per link, the link targets and the blocks of the linked passages before and after."""
    nearby = []
    neighbours = []
    for position in range(len(links)):
        around = [
            links[q]
            for q in (position - 1, position + 1)
            if 0 <= q < len(links) and links[q].source and links[q].target
        ]
        src_blocks = tuple(i for other in around for i in other.source)
        tgt_blocks = tuple(j for other in around for j in other.target)
        nearby.append(
            (
                tuple(u for i in src_blocks for u in source.blocks[i].urls),
                tuple(u for j in tgt_blocks for u in target.blocks[j].urls),
            )
        )
        neighbours.append((src_blocks, tgt_blocks))
    return tuple(nearby), tuple(neighbours)


def support(
    links: Sequence[Link], source: Sequence[Unit], target: Sequence[Unit]
) -> tuple[float, float]:
    """The share of each side's prose blocks that are in a link the evidence supports (its
    score at least that of evidence `SUPPORTED`): how much the two documents read as
    translations of each other. Pairing a corpus asks it of its candidates too."""
    least = link_score(SUPPORTED)
    shares = []
    for units, side in ((source, 0), (target, 1)):
        prose = [k for k, unit in enumerate(units) if unit.group == PROSE and unit.words]
        if not prose:
            shares.append(1.0)
            continue
        sure = {
            k
            for link in links
            if link.source and link.target and link.score >= least
            for k in (link.source, link.target)[side]
        }
        shares.append(sum(1 for k in prose if k in sure) / len(prose))
    return shares[0], shares[1]


def _not_translation(source: Document, raw: RawAlignment, settings: Settings) -> list[Finding]:
    """One finding for a pair whose prose is mostly unsupported on both sides, or none.

    A page whose translation covers only its first paragraphs is a partial translation
    (its other paragraphs are missing); two pages that do not translate each other leave
    most prose of *both* sides without a link the evidence supports."""
    if NOT_TRANSLATION in settings.disabled_checks:
        return []
    model = raw.model
    for units in (model.source, model.target):
        if sum(1 for unit in units if unit.group == PROSE and unit.words) < (
            NOT_TRANSLATION_MIN_BLOCKS
        ):
            return []
    shares = support(raw.links, model.source, model.target)
    if max(shares) > NOT_TRANSLATION_SHARE:
        return []
    return [
        Finding(
            code=NOT_TRANSLATION,
            severity=settings.severity(NOT_TRANSLATION),
            message=f"{source.path}: these documents do not read as translations of each "
            f"other ({shares[0]:.0%} of the original's paragraphs and {shares[1]:.0%} of the "
            "translation's have a counterpart the evidence supports); check that the right "
            "pages are paired",
        )
    ]


WRONG_LANGUAGE = "wrong-language"


def wrong_language(
    found: str, expected: str, settings: Settings, *, subject: str = "", why: str
) -> Finding | None:
    """`wrong-language`: a document reads as another configured language than EXPECTED (one
    too short or mixed to tell, `und`, is never wrong). SUBJECT names the document when the
    finding's place does not; WHY says what expected the language. The alignment checks
    the pair's two documents; `hupli lint` checks every document against its folder or name.

    >>> wrong_language("fi", "en", Settings(), subject="en/a.md ", why=", expected en").message
    'en/a.md reads as fi, expected en'
    """
    if found == expected or found not in settings.languages:
        return None
    return Finding(
        code=WRONG_LANGUAGE,
        severity=settings.severity(WRONG_LANGUAGE),
        message=f"{subject}reads as {found}{why}",
    )


def target_language_findings(
    source: Document, target: Document, settings: Settings
) -> list[Finding]:
    """Document-level: a translation that is not in the target language at all, or an
    original not in the source language."""
    found = [
        wrong_language(
            document.language,
            expected,
            settings,
            subject=f"{document.path} ",
            why=f", expected {expected}",
        )
        for document, expected in (
            (target, settings.target_language),
            (source, settings.source_language),
        )
    ]
    return [finding for finding in found if finding is not None]
