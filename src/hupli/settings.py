"""Settings shared by every stage, and the signature that identifies them in reports.

Like sacrebleu's signature, the signature is a short string naming every setting that can
change a result, so two reports can be compared at a glance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from hupli import __version__
from hupli.model import ConfigError, Severity

# Gale–Church length model for Finnish → English, estimated on the development split of
# WMT16 fi→en only (bench/estimate_length.py: c = 1.048, s² = 1.74 on 41 documents).
# English runs a little longer than Finnish. It is a starting point: each pair's own
# ratio, measured on its sure links, replaces it (hupli.align.learn), so a terse
# translator or a page translated the other way is measured against itself.
FI_EN_RATIO = 1.05
FI_EN_VARIANCE = 1.74

# Cost of each move before any evidence, as -log(prior). A 1-1 link is the normal case;
# omissions and additions must be paid for by evidence that no link fits. Evidence is a
# log-likelihood ratio (hupli.align.cost), so a link is kept unless its evidence is
# below minus the two gaps it would leave.
MOVE_COSTS: dict[str, float] = {
    "1-1": 0.0,
    "1-0": 3.5,
    "0-1": 3.5,
    "2-1": 2.0,
    "1-2": 2.0,
    "2-2": 4.5,
    "3-1": 4.0,
    "1-3": 4.0,
}

# The most blocks one document may have. A CMS page has tens, a long report a few hundred;
# past this the work grows out of proportion to any page (aligning two documents of 20,000
# blocks each takes about 47 s and 1.2 GB: README, "Limits"), so a document with more is
# refused with a message that says to split it (`hupli.document.build`).
MAX_BLOCKS = 20_000

DEFAULT_SEVERITIES: dict[str, Severity] = {
    "missing": Severity.ERROR,
    "added": Severity.WARNING,
    "changed": Severity.ERROR,
    "untranslated": Severity.ERROR,
    "length-outlier": Severity.INFO,
    # A paragraph linked with its translation elsewhere on the page.
    "moved": Severity.INFO,
    # A link too weakly supported to call right or wrong (hupli.align.confidence).
    "uncertain": Severity.INFO,
    # Two pages paired as original and translation that do not read as each other's.
    "not-translation": Severity.ERROR,
    # Inside a linked paragraph: a sentence the other side does not translate.
    "missing-sentence": Severity.WARNING,
    "added-sentence": Severity.WARNING,
    # Markdown structure (hupli.document.markdown) compared as what it is.
    "link-changed": Severity.ERROR,
    "code-changed": Severity.ERROR,
    "image-changed": Severity.ERROR,
    "front-matter-changed": Severity.WARNING,
    # The original changed since the translation was recorded (hupli.history).
    "source-changed": Severity.WARNING,
    "source-rewritten": Severity.WARNING,
    "source-added": Severity.WARNING,
    "source-removed": Severity.WARNING,
    "source-moved": Severity.INFO,
    # Corpus-level codes of `hupli lint` (hupli.lint); here so every command's settings,
    # and so their signatures, agree.
    "unreadable": Severity.ERROR,
    "format": Severity.WARNING,
    "wrong-language": Severity.ERROR,
    "no-translation": Severity.ERROR,
    "no-original": Severity.WARNING,
    "manifest": Severity.ERROR,
}


@dataclass(frozen=True)
class Settings:
    source_language: str = "fi"
    target_language: str = "en"
    languages: tuple[str, ...] = ("fi", "en", "sv")
    seed: int = 0
    length_ratio: float = FI_EN_RATIO
    length_variance: float = FI_EN_VARIANCE
    move_costs: tuple[tuple[str, float], ...] = tuple(MOVE_COSTS.items())
    disabled_rules: frozenset[str] = frozenset()
    disabled_checks: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = tuple(DEFAULT_SEVERITIES.items())
    band: int = 0  # 0: choose the DP band width automatically
    # [original pattern, translation replacement]: a link of the original rewritten to its
    # language version (`[links] rewrite`; hupli.evidence.targets.same_target).
    link_rewrites: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.source_language == self.target_language:
            raise ConfigError("the original and the translation must be in different languages")
        for lang in (self.source_language, self.target_language):
            if lang not in self.languages:
                raise ConfigError(f"language {lang!r} is not among the configured languages")
        if self.length_variance <= 0 or self.length_ratio <= 0:
            raise ConfigError("length ratio and variance must be positive")

    def severity(self, code: str) -> Severity:
        return dict(self.severities).get(code, Severity.WARNING)

    def move_cost(self, move: str) -> float:
        return dict(self.move_costs)[move]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def signature(self) -> str:
        """Short, stable description of everything that can change a result."""
        moves = ",".join(f"{k}={v:g}" for k, v in self.move_costs)
        sev = ",".join(f"{k}={v}" for k, v in self.severities)
        parts = [
            f"hupli:{__version__}",
            f"lang:{self.source_language}-{self.target_language}",
            f"len:{self.length_ratio:g}/{self.length_variance:g}",
            f"seed:{self.seed}",
            f"rules:-{'+'.join(sorted(self.disabled_rules)) or 'none'}",
            f"checks:-{'+'.join(sorted(self.disabled_checks)) or 'none'}",
        ]
        digest = hashlib.sha256(
            f"{moves}|{sev}|{self.languages}|{self.band}|{self.extra}|{self.link_rewrites}".encode()
        )
        parts.append(f"cfg:{digest.hexdigest()[:8]}")
        return "|".join(parts)
