"""`hupli lint`: every problem in a corpus as one located finding with a stable code.

Codes (severity by default; `[severity]` and `[checks]` in the configuration change them):

==================  ========  ==============================================================
code                default   meaning
==================  ========  ==============================================================
``unreadable``      error     the file cannot be read or decoded, or is too large
``format``          warning   `hupli normalise --write` would change the file (rules named)
``wrong-language``  error     the text reads as another language than its folder/name says
``no-translation``  error     an original with no translation (pairing says why)
``no-original``     warning   a translation that no original pairs with
``manifest``        error     a `pairs` entry of the configuration names no document
``missing``         error     a passage of the original is not in the translation
``added``           warning   a passage of the translation is not in the original
``changed``         error     numbers, dates, names, URLs or e-mails differ across a link
``untranslated``    error     a passage of the translation is still in the original language
``length-outlier``  info      a linked passage's length cannot be explained by translation
==================  ========  ==============================================================
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from hupli.align.checks import wrong_language
from hupli.cache import register
from hupli.corpus.config import ConfigCache, config_for_page
from hupli.corpus.history.records import records_digest
from hupli.corpus.status import PairStatus, Status
from hupli.model import MISSING, ConfigError, Finding, Severity

if TYPE_CHECKING:
    from hupli.cache import Cache
    from hupli.corpus.config import Config

DESCRIPTIONS: dict[str, str] = {
    "unreadable": "The file cannot be read or decoded, or is too large.",
    "format": "hupli normalise --write would change the file's formatting.",
    "wrong-language": "The text reads as another language than its folder or name declares.",
    "no-translation": "An original has no translation in the corpus.",
    "no-original": "A translation has no original in the corpus.",
    "manifest": "An explicit pair in the configuration names no readable document.",
    "missing": "A passage of the original is not in the translation.",
    "added": "A passage of the translation has no counterpart in the original.",
    "changed": "Numbers, dates, names, URLs or e-mails differ between original and translation.",
    "untranslated": "A passage of the translation is still in the original's language.",
    "length-outlier": "A linked passage's length cannot be explained by translation alone.",
}


@register
@dataclass(frozen=True)
class LintFinding:
    path: str
    line: int  # 1-based
    code: str
    severity: Severity
    message: str
    # What the finding is about, not where: a hash of its code and the normalised text of
    # the blocks it points at (a file-level finding: of its code alone), numbered when one
    # file has several alike. It survives edits elsewhere in the file, so a baseline and
    # code scanning recognise the finding from one commit to the next (`fingerprint`).
    fingerprint: str = ""
    # The files whose change can change the finding: the file itself, and for a finding of
    # a pair's alignment both sides of the pair (`hupli lint --files`).
    concerns: tuple[str, ...] = ()
    # Accepted in a baseline (`hupli.corpus.baseline`), with the reason given there.
    suppressed: bool = False
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "fingerprint": self.fingerprint,
        }
        if self.suppressed:
            out["suppressed"] = {"reason": self.reason}
        return out


def fingerprint(code: str, subject: str = "") -> str:
    """The fingerprint of a finding with CODE about SUBJECT (text; "" for a whole file).

    >>> a = fingerprint("missing", "Tästäkin  selvitään.")
    >>> a == fingerprint("missing", "Tästäkin selvitään.")
    True
    """
    import hashlib

    text = f"{code}\0{' '.join(subject.split())}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _numbered(findings: list[LintFinding]) -> list[LintFinding]:
    """FINDINGS (in file order) with the second and later of alike fingerprints in one
    file numbered (`…-2`), so each is told apart from the others."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        n = seen[f.path, f.fingerprint] = seen.get((f.path, f.fingerprint), 0) + 1
        out.append(replace(f, fingerprint=f"{f.fingerprint}-{n}") if n > 1 else f)
    return out


@register
@dataclass(frozen=True)
class LintRun:
    """What `hupli lint` reports on a corpus: its findings, and how many files were unreadable."""

    findings: tuple[LintFinding, ...]
    unreadable: int
    signature: str
    notes: tuple[str, ...] = ()  # worth telling on stderr (a record of another translation)


def lint_run(status: Status) -> LintRun:
    unreadable = len(status.corpus.errors) + len(status.errors)
    return LintRun(tuple(lint_status(status)), unreadable, status.signature, status.notes)


def cached_lint(root: str, config: Config, cache: Cache) -> LintRun | None:
    """The lint of a corpus whose files and configuration are exactly as in an earlier run.

    The key is the corpus state (every file's relpath and content digest, the folder as
    given, the configuration) and hupli's code; the stat index spares reading files that did
    not change. A corpus with an unreadable file is never answered from here.
    """
    from hupli.corpus.discover import current_state

    state = current_state(root, config, cache)
    if not state:
        return None
    stored = cache.get(cache.key("lint", state, records_digest(root)))
    return stored if isinstance(stored, LintRun) else None


def store_lint(status: Status, run: LintRun, cache: Cache) -> None:
    """Remember `run` under the state of the corpus it was computed from."""
    if cache.enabled and status.corpus.state:
        key = cache.key("lint", status.corpus.state, records_digest(status.corpus.root))
        cache.put(key, run)


def lint_status(status: Status) -> list[LintFinding]:
    """All findings of a corpus, sorted by path, line and code."""
    corpus, config = status.corpus, status.corpus.config
    out: list[LintFinding] = []
    seen: ConfigCache = {}

    def add(
        path: str,
        line: int,
        code: str,
        message: str,
        severity: Severity | None = None,
        *,
        subject: str = "",
        concerns: tuple[str, ...] = (),
    ) -> None:
        if config.enabled(code):
            out.append(
                LintFinding(
                    path,
                    max(line, 1),
                    code,
                    severity or config.severity(code),
                    message,
                    fingerprint(code, subject),
                    tuple(dict.fromkeys((path, *concerns))),
                )
            )

    for error in (*corpus.errors, *status.errors):
        reason = error.reason + (f" ({error.hint})" if error.hint else "")
        add(error.path, 1, "unreadable", reason)
    for problem in status.pairing.problems:
        source = config.source or "configuration"
        add(source, 1, "manifest", problem.removeprefix(f"{source}: "), subject=problem)
    for e in corpus.entries:
        if e.format_rules:
            add(
                e.path,
                e.format_line,
                "format",
                f"needs normalising ({', '.join(e.format_rules)}); "
                f"run: {normalise_command(e.path, config, seen)}",
            )
        if e.declared:
            where = (
                f"sits in {e.declared}/" if e.convention == "folder" else f"is named .{e.declared}"
            )
            finding = wrong_language(
                e.document.language, e.declared, config.settings, why=f" but {where}"
            )
            if finding is not None:
                add(e.path, 1, finding.code, finding.message, finding.severity)
    for u in status.pairing.untranslated:
        add(u.path, 1, "no-translation", f"no {config.target_language} translation: {u.reason}")
    for u in status.pairing.orphans:
        add(u.path, 1, "no-original", f"no {config.source_language} original: {u.reason}")
    for p in status.pairs:
        alignment = p.alignment
        pair = (alignment.source.path, alignment.target.path)
        for link in alignment.links:
            for finding in link.findings:
                path, line, message, subject = _locate(finding, p)
                add(
                    path,
                    line,
                    finding.code,
                    message,
                    finding.severity,
                    subject=subject,
                    concerns=pair,
                )
        for finding in alignment.findings:
            # Pair-level: changes since the recorded translation that fit no link.
            # (Language findings come from the corpus; unreadable records are errors.)
            if finding.code.startswith("source-"):
                add(
                    p.pair.source,
                    1,
                    finding.code,
                    finding.message,
                    finding.severity,
                    subject=finding.message,
                    concerns=pair,
                )
    out.sort(key=lambda f: (f.path, f.line, f.code, f.message))
    return _numbered(out)


def normalise_command(path: str, config: Config, seen: ConfigCache | None = None) -> str:
    """The command that fixes a `format` finding of PATH in a corpus linted with CONFIG:
    `normalise` with the same rules off. It names CONFIG's file when `normalise`, looking
    from PATH, would not find that file by itself; a path is quoted for the shell.

    >>> from hupli.corpus.config import Config
    >>> normalise_command("fi/50% off #1.md", Config())
    "hupli normalise --write 'fi/50% off #1.md'"
    """
    import shlex

    words = ["hupli", "normalise", "--write"]
    if config.source:
        try:
            found = config_for_page(path, seen=seen).source
        except ConfigError:
            found = ""
        if not found or os.path.realpath(found) != os.path.realpath(config.source):
            words += ["--config", _shown(config.source)]
    if path.startswith("-"):
        words.append("--")
    return shlex.join([*words, path])


def _shown(path: str) -> str:
    """PATH relative to the working folder when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _where(p: PairStatus, finding: Finding) -> str:
    document = p.alignment.source
    if not finding.source:
        return document.path
    return f"{document.path}:{document.blocks[finding.source[0]].line}"


def _locate(finding: Finding, p: PairStatus) -> tuple[str, int, str, str]:
    """Where a person fixes it: a missing passage at the original's line, the rest at the
    translation's (blocks carry their lines in the file as it is). Also the text of the
    blocks it points at (what its fingerprint is made of)."""
    alignment = p.alignment
    if finding.code in (MISSING, "missing-sentence") or not finding.target:
        path = alignment.source.path
        line = alignment.source.blocks[finding.source[0]].line if finding.source else 1
        message = f"{finding.message} (translation {alignment.target.path})"
        blocks = [alignment.source.blocks[i] for i in finding.source]
    else:
        path = alignment.target.path
        line = alignment.target.blocks[finding.target[0]].line
        message = f"{finding.message} (original {_where(p, finding)})"
        blocks = [alignment.target.blocks[i] for i in finding.target]
    subject = "\n".join(block.text for block in blocks)
    return path, line, message, subject


def select(run: LintRun, paths: Iterable[str | os.PathLike[str]]) -> tuple[LintRun, int]:
    """RUN's findings that concern one of PATHS (a finding of a pair's alignment concerns
    both sides of the pair; any other, its own file), and how many were left out. The
    unreadable count becomes that of the `unreadable` findings kept.

    >>> pair = ("fi/a.md", "en/a.md")
    >>> f = LintFinding("fi/a.md", 3, "missing", Severity.ERROR, "m", concerns=pair)
    >>> g = LintFinding("fi/b.md", 1, "format", Severity.WARNING, "m", concerns=("fi/b.md",))
    >>> kept, left = select(LintRun((f, g), 0, "sig"), ["en/a.md"])
    >>> [k.path for k in kept.findings], left
    (['fi/a.md'], 1)
    """
    wanted = {os.path.realpath(p) for p in paths}

    def concerned(f: LintFinding) -> bool:
        return any(os.path.realpath(p) in wanted for p in (f.concerns or (f.path,)))

    kept = tuple(f for f in run.findings if concerned(f))
    unreadable = sum(1 for f in kept if f.code == "unreadable")
    return replace(run, findings=kept, unreadable=unreadable), len(run.findings) - len(kept)


def worst(findings: list[LintFinding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def fails(findings: list[LintFinding], threshold: Severity | None) -> bool:
    return threshold is not None and any(f.severity >= threshold for f in findings)


def most_severe_first(findings: list[LintFinding]) -> list[LintFinding]:
    """Findings in the order a reader with little time wants them (GitHub shows a step's
    first few annotations only)."""
    return sorted(findings, key=lambda f: (-f.severity, f.path, f.line, f.code))
