"""Links: URLs, bare domains and e-mail addresses, in one canonical spelling.

>>> from hupli.evidence.passes import Found
>>> found = Found(finnish=True)
>>> run(LINK_PASSES, "Lue lisää www.imatra.fi/ tai kirjoita info@imatra.fi.", found).split()
['Lue', 'lisää', 'tai', 'kirjoita', '.']
>>> found.keys()
['e:info@imatra.fi', 'u:imatra.fi']
"""

from __future__ import annotations

import re

from hupli.evidence.passes import Found, Pass, Seen, run

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})")
TLD = r"(?:fi|com|org|net|eu|io|gov|edu|info|se|uk|de)"
# Finnish inflects a bare domain ("Huuto.netissä", "imatra.fi:ssä") and compounds it with a
# hyphen ("racing.com-sivuston"); those endings are not part of the address.
FI_DOMAIN_ENDING = r"(?::?(?:i?ss[aä]|i?st[aä]|iin|i?ll[aä]|i?lle|i?lt[aä]|i?n)(?!\w))"
# A bare domain written with a capital ("Fly.io", "Huuto.net") is the name of a product or a
# service, read by `hupli.evidence.names`; an address has a scheme, "www." or a path, or is
# written in lower case.
_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\]\[(){}]+"
    rf"|(?<![\w@./-])(?:[a-z0-9-][a-zA-Z0-9-]*\.)(?:[a-zA-Z0-9-]+\.)*{TLD}"
    rf"(?:/[^\s<>\"'\]\[(){{}}]*|{FI_DOMAIN_ENDING})?(?!\w)"
)
# Every URL match holds one of these; most blocks hold none, and this is quick to scan for.
_URL_HINT = re.compile(rf"://|www\.|\.{TLD}")
# A Finnish word joined to an address by a hyphen ("racing.com-sivuston",
# "…/api/notes-rajapinnasta"), or after its last slash ("…/api/notes/-rajapinnasta").
_URL_FI_TAIL = re.compile(
    r"[-‐‑](?:verkko)?(?:sivu|sivusto|palvelu|osoite|sovellu|linkki|linki|tili|kanava|portaali"
    r"|rajapin)\w*$|(?<=/)[-‐‑][^\W\d_]+$"
)
_URL_DOMAIN_ENDING = re.compile(rf"(\.{TLD}){FI_DOMAIN_ENDING}$")


def canonical_url(url: str) -> str:
    """An address as both languages' pages give it: no scheme, no www., no trailing slash,
    no Finnish ending.

    >>> canonical_url("https://www.Imatra.fi/"), canonical_url("imatra.fi:ssä")
    ('imatra.fi', 'imatra.fi')
    >>> canonical_url("http://localhost:3001/api/notes/-rajapinnasta")
    'localhost:3001/api/notes'
    """
    url = url.rstrip(".,;:!?)»”'\"").lower()
    url = _URL_DOMAIN_ENDING.sub(r"\1", _URL_FI_TAIL.sub("", url))
    url = re.sub(r"^(?:https?|ftp)://", "", url)
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


def read_email(match: re.Match[str], found: Found) -> bool:
    """An e-mail address, lower-cased, without `mailto:`.

    >>> read_links("Kirjoita mailto:Info@Imatra.fi")
    ['e:info@imatra.fi']
    """
    found.emails.add(match.group(1).lower())
    return True


def read_url(match: re.Match[str], found: Found) -> bool:
    """A URL or a bare domain (`canonical_url`).

    >>> read_links("Katso https://www.imatra.fi/ ja racing.com-sivusto")
    ['u:imatra.fi', 'u:racing.com']
    >>> read_links("Sovellus on Fly.io:ssa")  # a product's name
    []
    """
    found.urls.add(canonical_url(match.group(0)))
    return True


def _has_at(text: str, seen: Seen) -> bool:
    return "@" in text


def _may_hold_url(text: str, seen: Seen) -> bool:
    # "http://localhost:3001/api" holds no full stop.
    return ("." in text or "//" in text) and _URL_HINT.search(text) is not None


# E-mails first: an address holds a domain, which the URL pass would read on its own.
LINK_PASSES = (
    Pass("email", _EMAIL, read_email, _has_at),
    Pass("url", _URL, read_url, _may_hold_url),
)


def read_links(text: str) -> list[str]:
    """What `LINK_PASSES` find in TEXT, as sorted typed keys (for examples and tests)."""
    found = Found(finnish=True)
    run(LINK_PASSES, text, found)
    return found.keys()
