"""Code blocks compared as code: what differs in substance, not in translation.

A translated page keeps its code examples but translates their comments, the sample
strings a reader sees ("HTML on helppoa" → "HTML is easy") and sometimes folder names
(`osa2/puhelinluettelo` → `part2/phonebook`). None of that is a change. A different
identifier, number, string in the same language, a line more or less, or a brace in
another place is: the reader of the translation runs other code.

`compare_code` tokenises both sides (strings, comments, numbers, words, punctuation),
drops comments and whitespace, and lines the tokens up (`hupli.sequence`). A stretch that
differs is a translation when the original's side holds Finnish words (in strings or
identifiers) and the translation's side only words and strings in their place; anything
else is a difference in substance, reported with a short diff.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hupli import sequence

# Languages whose comments start with "#". Elsewhere "#" is code (CSS colours, private
# fields, shell prompts in console output are not comments either).
_HASH_COMMENTS = frozenset(
    [
        "bash",
        "sh",
        "shell",
        "zsh",
        "console",
        "python",
        "py",
        "yaml",
        "yml",
        "toml",
        "ruby",
        "rb",
        "r",
        "perl",
        "make",
        "makefile",
        "dockerfile",
        "ini",
        "conf",
        "properties",
        "powershell",
        "ps1",
        "graphql",
        "gql",
    ]
)
_TOKEN_PARTS = r"""
      |(?P<string>'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)
      |(?P<number>\d+(?:[.,]\d+)*)
      |(?P<word>[^\W\d]\w*)
      |(?P<space>\s+)
      |(?P<punct>.)"""
_TOKEN = re.compile(r"(?P<comment>//[^\n]*|/\*.*?\*/|<!--.*?-->)" + _TOKEN_PARTS, re.X | re.S)
_TOKEN_HASH = re.compile(
    r"(?P<comment>//[^\n]*|/\*.*?\*/|<!--.*?-->|\#[^\n]*)" + _TOKEN_PARTS, re.X | re.S
)
_WORDS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"[A-ZÅÄÖ]?[a-zåäö]+|[A-ZÅÄÖ]+(?![a-zåäö])")
MAX_TOKENS = 20_000  # a longer listing is compared as text only (difflib is quadratic)


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "number", "word", "punct"
    text: str


def tokens(code: str, language: str = "") -> list[Token]:
    """The tokens of a code block that carry meaning: comments and whitespace dropped."""
    pattern = _TOKEN_HASH if language.lower() in _HASH_COMMENTS else _TOKEN
    return [
        Token(kind, match.group())
        for match in pattern.finditer(code)
        if (kind := match.lastgroup or "punct") not in ("comment", "space")
    ]


def shape(code: str, language: str = "") -> str:
    """The code's tokens with every string's content left out: what a translation keeps.

    The aligner compares shapes to link a code block with its counterpart.
    """
    return " ".join('""' if t.kind == "string" else t.text for t in tokens(code, language))


@dataclass(frozen=True)
class CodeDifference:
    original: str  # the original's tokens in the stretch, as text
    translation: str

    def describe(self, limit: int = 60) -> str:
        def cut(text: str) -> str:
            return text if len(text) <= limit else text[: limit - 1] + "…"

        return f"“{cut(self.original) or '∅'}” → “{cut(self.translation) or '∅'}”"


def _words_of(items: Sequence[Token]) -> list[str]:
    words: list[str] = []
    for token in items:
        if token.kind in ("word", "string"):
            for word in _WORDS.findall(token.text):
                words.extend(part.lower() for part in (_CAMEL.findall(word) or [word]))
    return words


def _translates(a: Token, b: Token, is_original_word: Callable[[str], bool]) -> bool:
    """Whether token `b` can stand for `a` as its translation: the same text, or a word or
    string of the original's language replaced by one of the same kind."""
    if a.text == b.text:
        return True
    if a.kind != b.kind or a.kind not in ("word", "string"):
        return False
    return any(is_original_word(word) for word in _words_of((a,)))


_MAX_CELLS = 250_000  # the token-level edit distance below is quadratic


def _untranslated(
    original: Sequence[Token],
    translation: Sequence[Token],
    is_original_word: Callable[[str], bool],
) -> tuple[list[Token], list[Token]]:
    """The tokens of a stretch that no translation explains: an edit distance in which a
    token and its translation (`_translates`) cost nothing, anything else one."""
    n, m = len(original), len(translation)
    if not n or not m or n * m > _MAX_CELLS:
        return list(original), list(translation)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        a = original[i - 1]
        row, above = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            free = _translates(a, translation[j - 1], is_original_word)
            row[j] = min(above[j - 1] + (0 if free else 2), above[j] + 1, row[j - 1] + 1)
    left: list[Token] = []
    right: list[Token] = []
    i, j = n, m
    while i or j:
        if i and j:
            free = _translates(original[i - 1], translation[j - 1], is_original_word)
            if cost[i][j] == cost[i - 1][j - 1] + (0 if free else 2):
                if not free:
                    left.append(original[i - 1])
                    right.append(translation[j - 1])
                i, j = i - 1, j - 1
                continue
        if i and cost[i][j] == cost[i - 1][j] + 1:
            left.append(original[i - 1])
            i -= 1
        else:
            right.append(translation[j - 1])
            j -= 1
    return left[::-1], right[::-1]


def _text(items: Sequence[Token]) -> str:
    return " ".join(t.text for t in items)


def compare_code(
    original: str,
    translation: str,
    is_original_word: Callable[[str], bool],
    original_language: str = "",
    translation_language: str = "",
) -> list[CodeDifference]:
    """Stretches where the two code blocks differ in substance, in order; [] if none.

    `is_original_word(word)` says whether a lower-case word belongs to the original's
    language (and not to the translation's): it decides which differences are
    translations.
    """
    left = tokens(original, original_language or translation_language)
    right = tokens(translation, translation_language or original_language)
    if left == right:
        return []
    if len(left) + len(right) > MAX_TOKENS:
        return [CodeDifference(_text(left[:8]), _text(right[:8]))]
    found: list[CodeDifference] = []
    for tag, i1, i2, j1, j2 in sequence.opcodes(left, right):
        if tag == "equal":
            continue
        a, b = _untranslated(left[i1:i2], right[j1:j2], is_original_word)
        if a or b:
            found.append(CodeDifference(_text(a), _text(b)))
    return found
