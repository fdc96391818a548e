"""Front matter compared by key: a translated title is fine, a different date is not.

A page's front matter (YAML between `---` lines, TOML between `+++` lines) holds its
title and description, which a translator translates, and its date, slug, weight, image,
part and the like, which must be the same on both sides. Keys are read flat (a nested
value stays one string), without a YAML library: what hupli needs is which key has which
value, not YAML's types.

A value is *text* when it reads as words (two or more words of letters, not an address,
a path, a number or a date); text may differ between the languages. A key naming the
page's language (`lang`, `language`, `locale`) differs by design.

>>> differences("title: Suljetut ovet\\ndate: 2020-04-09\\nlang: fi",
...             "title: Closed doors\\ndate: 2020-04-10\\nlang: en")
[('date', '2020-04-09', '2020-04-10')]
"""

from __future__ import annotations

import re

LANGUAGE_KEYS = frozenset({"lang", "language", "locale", "hreflang"})
_YAML_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s?(.*)$")
_TOML_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*=\s*(.*)$")
_TOML_TABLE = re.compile(r"^\[+\s*([\w.-]+)\s*\]+\s*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_TEXT = re.compile(r"^(?:[\w.+-]+://|/|\.{1,2}/|[\w-]+\.\w{2,4}$|[\d\s.,:/+-]+$)")


def fields(body: str) -> dict[str, str]:
    """The front matter's keys and values, YAML or TOML, in order."""
    out: dict[str, str] = {}
    table = ""
    last = ""
    for raw in body.split("\n"):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1] in (" ", "\t", "-") and last:  # a nested or list value: part of the last
            out[last] = f"{out[last]} {line.strip()}".strip()
            continue
        heading = _TOML_TABLE.match(line)
        if heading:
            table = heading.group(1) + "."
            continue
        found = _YAML_KEY.match(line) or _TOML_KEY.match(line)
        if found is None:
            continue
        last = table + found.group(1)
        out[last] = _unquote(found.group(2).strip())
    return out


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def is_text(value: str) -> bool:
    """Whether a value reads as words a translator translates."""
    return not _NOT_TEXT.match(value) and len(_WORD.findall(value)) >= 2


def differences(original: str, translation: str) -> list[tuple[str, str, str]]:
    """(key, original value, translation value) for each key whose value must agree and
    does not, in the original's order; a key one side lacks has "" on that side."""
    a, b = fields(original), fields(translation)
    out = []
    for key in [*a, *(k for k in b if k not in a)]:
        if key.rsplit(".", 1)[-1].lower() in LANGUAGE_KEYS:
            continue
        left, right = a.get(key, ""), b.get(key, "")
        if left == right:
            continue
        if left and right and is_text(left) and is_text(right):
            continue  # translated
        out.append((key, left, right))
    return out
