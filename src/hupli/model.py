"""Frozen data passed between hupli's pipeline stages.

Every stage takes and returns these values and nothing else, so each stage can be
tested on its own and no stage can change what an earlier one produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class HupliError(Exception):
    """Base of every error hupli raises; the CLI turns these into messages and exit codes."""


class FileError(HupliError):
    """A file could not be read or written: its path, why, and what to do about it."""

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.hint = hint
        text = f"{path}: {reason}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class ReadError(FileError):
    """An input file could not be read or decoded. The message names the file."""


class WriteError(FileError):
    """An output file could not be written; it was left as it was. The message names it."""


class ConfigError(HupliError):
    """A setting or configuration file is invalid."""


class Severity(IntEnum):
    """Ordered so that `--fail-on` can compare: a finding fails a run when >= the threshold."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.name.lower() for s in cls)
            raise ConfigError(f"unknown severity {name!r}; choose one of {choices}") from None

    def __str__(self) -> str:
        return self.name.lower()


# Block kinds. Kept as plain strings so JSON output and tests read naturally.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
SEPARATOR = "separator"
LINK = "link"
CAPTION = "caption"
IMAGE = "image"
# Markdown structure (hupli.document.markdown): compared as what they are, not as prose.
CODE = "code"  # a fenced or indented code block
HTML = "html"  # an HTML block with text in it (tags and comments alone are not blocks)
FRONT_MATTER = "front_matter"  # YAML (---) or TOML (+++) at the top of a page
TABLE = "table"
BLOCK_KINDS = (
    HEADING,
    PARAGRAPH,
    LIST_ITEM,
    QUOTE,
    SEPARATOR,
    LINK,
    CAPTION,
    IMAGE,
    CODE,
    HTML,
    FRONT_MATTER,
    TABLE,
)

UNDETERMINED = "und"


@dataclass(frozen=True)
class Anchors:
    """Anchors found in one block.

    Sets hold every reading of the text; ``alternatives`` says which readings belong to one
    mention, so that ``compare`` can accept a mention when *any* of its readings is found on the
    other side (``1,5 miljoonaa`` is both ``1.5`` and ``1500000``; ``4/9/2020`` is either 9 April
    or 4 September). ``name_runs`` keeps runs of adjacent mid-sentence names (``("Kaisa",
    "Heino")``) because a person's name is the one place where a changed name is clear enough to
    report. ``written`` says how a number, date or time was written, where that is not its
    canonical value (``("n:47344", "47 344")``, ``("d:2020-04-09", "9.4.2020")``), so that a
    message quotes the text and a token written alike on both sides is never a change. The
    extra fields have defaults, so the documented seven fields can be given positionally.
    """

    numbers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    urls: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    number_words: frozenset[str] = frozenset()
    alternatives: frozenset[frozenset[str]] = frozenset()
    name_runs: tuple[tuple[str, ...], ...] = ()
    written: tuple[tuple[str, str], ...] = ()  # (typed key, as first written)

    def is_empty(self) -> bool:
        """True when the block carries no evidence at all (the aligner then relies on length)."""
        return not (
            self.numbers
            or self.dates
            or self.times
            or self.urls
            or self.emails
            or self.names
            or self.number_words
        )

    def keys(self) -> frozenset[str]:
        """All non-name anchors as typed keys (``n:``, ``d:``, ``t:``, ``u:``, ``e:``).

        Number words are left out on purpose: "one" and "yksi" are mostly pronouns and
        articles ("one of them"), so as alignment evidence they would add more noise than
        signal. ``compare`` still uses them to excuse a digit written as a word.
        """
        return frozenset(
            [f"n:{v}" for v in self.numbers]
            + [f"d:{v}" for v in self.dates]
            + [f"t:{v}" for v in self.times]
            + [f"u:{v}" for v in self.urls]
            + [f"e:{v}" for v in self.emails]
        )


@dataclass(frozen=True)
class Decoded:
    """What `read` learnt from a file's bytes: text plus how to write it back faithfully."""

    path: str
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252"
    newline: str  # "\n", "\r\n" or "\r": the dominant style, kept on rewrite
    markup: str  # "markdown" or "text"
    repaired_mojibake: bool = False


@dataclass(frozen=True)
class Block:
    """One unit of a document that a translator would translate as a whole."""

    index: int
    kind: str
    line: int  # 1-based line of the file, as it is on disk, where the block starts
    # What a reader reads, without Markdown markers, lines joined by spaces; a code block's
    # code and a table's rows keep their lines.
    text: str
    level: int = 0  # heading level, list depth
    language: str = UNDETERMINED
    end_line: int = 0  # the file's line where the block ends
    urls: tuple[str, ...] = ()  # link targets, kept as evidence for alignment and checks
    images: tuple[str, ...] = ()  # image sources (files)
    terms: tuple[str, ...] = ()  # identifiers, calls, paths and file names set as code
    info: str = ""  # a code block's language (its fence's info string)

    def source_lines(self, document_text: str) -> str:
        """The block's lines as they stand in its document's text.

        Not stored: a corpus of thousands of documents would hold every text twice.
        """
        return "\n".join(document_text.split("\n")[self.line - 1 : self.end_line])


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # the file's text as decoded: blocks' lines are its lines
    blocks: tuple[Block, ...]
    language: str = UNDETERMINED
    encoding: str = "utf-8"
    newline: str = "\n"
    markup: str = "text"
    rules_applied: tuple[str, ...] = ()
    format_line: int = 0  # first line `hupli normalise` would change; 0 when none
    # Anchors of each block, read with the rules of `anchors_language`; the aligner and
    # the pairing reuse them (and the cache keeps them) instead of reading them again.
    anchors: tuple[Anchors, ...] = ()
    anchors_language: str = ""
    # Per block, what the aligner reads from the text alone (hupli.evidence.block_features):
    # its content words, in order, lower case, joined by spaces.
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    code: str  # stable, e.g. "missing", "changed"
    severity: Severity
    message: str
    source: tuple[int, ...] = ()  # block indices in the original
    target: tuple[int, ...] = ()  # block indices in the translation
    details: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "source": list(self.source),
            "target": list(self.target),
        }
        if self.details:
            out["details"] = dict(self.details)
        return out


# Link statuses, in the order a translator cares about them.
OK = "ok"
MISSING = "missing"
ADDED = "added"
CHANGED = "changed"
UNTRANSLATED = "untranslated"
# A paragraph that moved: linked with its translation out of order.
MOVED = "moved"
# A link whose evidence is too weak to call it right or wrong (hupli.align.confidence).
UNCERTAIN = "uncertain"
# A linked passage with a sentence missing or added inside it (hupli.align.sentences).
PARTIAL = "partial"
STATUSES = (OK, MISSING, ADDED, CHANGED, UNTRANSLATED, MOVED, PARTIAL, UNCERTAIN)
# The statuses reports count: what is wrong with a link.
COUNTED = (MISSING, ADDED, CHANGED, UNTRANSLATED)


@dataclass(frozen=True)
class Link:
    """A bead: source block indices linked to target block indices; one side may be empty."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float  # confidence in [0, 1]
    reasons: tuple[str, ...] = ()
    status: str = OK
    findings: tuple[Finding, ...] = ()
    cost: float = 0.0

    @property
    def move(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    source: Document
    target: Document
    links: tuple[Link, ...]
    signature: str
    findings: tuple[Finding, ...] = field(default=())  # document-level findings
