"""Checks over an alignment: each a small named function with a stable finding code.

A check looks at one link (with the documents and their evidence) and returns findings.
`CHECKS` is the registry; `Settings.disabled_checks` turns checks off and
`Settings.severities` sets how serious each code is. The link's status is the most
telling of its findings: untranslated, then changed, then missing/added, else ok.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace

from hupli.align.search import RawAlignment
from hupli.evidence.compare import compare
from hupli.model import (
    ADDED,
    CHANGED,
    IMAGE,
    MISSING,
    OK,
    SEPARATOR,
    UNTRANSLATED,
    Anchors,
    Document,
    Finding,
    Link,
    Severity,
)
from hupli.settings import Settings
from hupli.text import quote


@dataclass(frozen=True)
class Context:
    source: Document
    target: Document
    raw: RawAlignment
    settings: Settings


Check = Callable[[Link, Context], Iterable[Finding]]


def _finding(code: str, ctx: Context, link: Link, message: str, **details: str) -> Finding:
    severity = ctx.settings.severity(code)
    return Finding(
        code=code,
        severity=severity,
        message=message,
        source=link.source,
        target=link.target,
        details=tuple(sorted(details.items())),
    )


def check_missing(link: Link, ctx: Context) -> Iterable[Finding]:
    """An original block with no counterpart in the translation."""
    if link.target or not link.source:
        return
    block = ctx.source.blocks[link.source[0]]
    if block.kind == SEPARATOR:
        yield replace(
            _finding("missing", ctx, link, "separator has no counterpart in the translation"),
            severity=Severity.INFO,
        )
        return
    yield _finding(
        "missing",
        ctx,
        link,
        f"{block.kind} on line {block.line} is not in the translation: {quote(block.text)}",
    )


def check_added(link: Link, ctx: Context) -> Iterable[Finding]:
    """A translation block with no counterpart in the original."""
    if link.source or not link.target:
        return
    block = ctx.target.blocks[link.target[0]]
    if block.language == ctx.settings.source_language:
        return  # reported as untranslated instead
    if block.kind == SEPARATOR:
        yield replace(
            _finding("added", ctx, link, "separator has no counterpart in the original"),
            severity=Severity.INFO,
        )
        return
    yield _finding(
        "added",
        ctx,
        link,
        f"{block.kind} on line {block.line} has no counterpart in the original: "
        f"{quote(block.text)}",
    )


def check_untranslated(link: Link, ctx: Context) -> Iterable[Finding]:
    """A translation block written in the original's language."""
    for index in link.target:
        block = ctx.target.blocks[index]
        if block.language == ctx.settings.source_language:
            yield _finding(
                "untranslated",
                ctx,
                link,
                f"line {block.line} is in {ctx.settings.source_language}, not "
                f"{ctx.settings.target_language}: {quote(block.text)}",
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


def check_changed(link: Link, ctx: Context) -> Iterable[Finding]:
    """Numbers, dates, times, URLs, e-mails or names that differ across a link; a figure the
    translation rounded is at most a warning. An image's alt text describes it in each
    language's own words, so it states no facts to compare."""
    if not link.source or not link.target:
        return
    if any(ctx.target.blocks[i].language == ctx.settings.source_language for i in link.target):
        return
    source = [i for i in link.source if ctx.source.blocks[i].kind != IMAGE]
    target = [j for j in link.target if ctx.target.blocks[j].kind != IMAGE]
    if not source or not target:
        return
    src = _merge(ctx.raw.source_anchors[i] for i in source)
    tgt = _merge(ctx.raw.target_anchors[j] for j in target)
    for disagreement in compare(
        src, tgt, ctx.settings.source_language, ctx.settings.target_language
    ):
        original = ", ".join(disagreement.only_source) or "nothing"
        translation = ", ".join(disagreement.only_target) or "nothing"
        finding = _finding(
            "changed",
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


# A linked pair whose lengths differ by more than this many standard deviations of the
# Gale–Church model cannot be explained by translation alone.
LENGTH_OUTLIER_SIGMAS = 4.0


def check_length_outlier(link: Link, ctx: Context) -> Iterable[Finding]:
    """A linked pair whose length ratio translation cannot explain."""
    if not link.source or not link.target:
        return
    ls = sum(ctx.raw.source_evidence[i].length for i in link.source)
    lt = sum(ctx.raw.target_evidence[j].length for j in link.target)
    if max(ls, lt) < 80:
        return  # short blocks (names, datelines) vary too much to say anything
    ratio, variance = ctx.settings.length_ratio, ctx.settings.length_variance
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


CHECKS: dict[str, Check] = {
    "missing": check_missing,
    "added": check_added,
    "untranslated": check_untranslated,
    "changed": check_changed,
    "length-outlier": check_length_outlier,
}

_STATUS_ORDER = (UNTRANSLATED, CHANGED, MISSING, ADDED)


def _status(link: Link, findings: list[Finding]) -> str:
    codes = {f.code for f in findings}
    for status in _STATUS_ORDER:
        if status in codes:
            return status
    if not link.target:
        return MISSING
    if not link.source:
        return ADDED
    return OK


def run_checks(
    source: Document, target: Document, raw: RawAlignment, settings: Settings
) -> tuple[Link, ...]:
    ctx = Context(source, target, raw, settings)
    unknown = set(settings.disabled_checks) - CHECKS.keys()
    if unknown:
        from hupli.model import ConfigError

        raise ConfigError(
            f"unknown check(s): {', '.join(sorted(unknown))}; known: {', '.join(CHECKS)}"
        )
    out = []
    for link in raw.links:
        findings = [
            finding
            for name, check in CHECKS.items()
            if name not in settings.disabled_checks
            for finding in check(link, ctx)
        ]
        out.append(replace(link, findings=tuple(findings), status=_status(link, findings)))
    return tuple(out)


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
