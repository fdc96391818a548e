"""Text units every stage shares: words, dashes.

Small, dependency-free helpers: a stage that reads text imports what it needs from here, so
that two stages never keep two copies of one rule.
"""

from __future__ import annotations

# Hyphen-minus and the Unicode hyphens and dashes a CMS export uses for ranges and compounds.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of TEXT, for writing word lists in the source.

    >>> words(" yksi  kaksi kolme ")
    ('yksi', 'kaksi', 'kolme')
    """
    return tuple(text.split())
