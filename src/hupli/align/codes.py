"""The alignment checks by name and the finding codes each reports.

What a configuration may name (`[checks]`, `[severity]`) is known here without loading the
checks themselves (`hupli.align.checks`, which brings the aligner and its evidence): a
command whose result comes from the cache reads its configuration and never aligns.
"""

from __future__ import annotations

from hupli.model import ADDED, CHANGED, MISSING, MOVED, UNCERTAIN, UNTRANSLATED

NOT_TRANSLATION = "not-translation"

# name → the codes it reports (`hupli.align.checks.CHECKS` pairs each with its function).
# A check is off when its name or all its codes are disabled.
CHECK_NAMES: dict[str, tuple[str, ...]] = {
    "missing": (MISSING,),
    "added": (ADDED,),
    "moved": (MOVED,),
    "untranslated": (UNTRANSLATED,),
    "changed": (CHANGED,),
    "identifiers": (CHANGED,),
    "link-changed": ("link-changed",),
    "code-changed": ("code-changed",),
    "image-changed": ("image-changed",),
    "front-matter-changed": ("front-matter-changed",),
    "sentences": ("missing-sentence", "added-sentence"),
    "length-outlier": ("length-outlier",),
    "uncertain": (UNCERTAIN,),
}
# Codes a check name stands for in the configuration (`[checks]`), beside the names.
CHECK_CODES = frozenset(code for codes in CHECK_NAMES.values() for code in codes) | {
    NOT_TRANSLATION
}
