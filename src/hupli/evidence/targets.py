"""Link targets and image files as evidence, and when two targets are the same resource.

A translated page links the same resources as its original, but rarely by the same
address: each language links the other language's version of a page (`/fi/` ↔ `/en/`,
MDN's `/fi/docs/…` ↔ `/en-US/docs/…`, a course's `/osa2/…` ↔ `/en/part2/…`), adds or
drops a trailing slash or an anchor, or follows a page that moved. None of that is a
change a translator must fix. A link to another version of a resource (Node's
`latest-v8.x` docs against `latest-v18.x`) or to another resource altogether is.

`same_target` decides, in this order:

1. Equal after `normalise_url`: scheme, `www.`, case of the host, fragment, trailing
   slash, `index.html`, language segments and `lang=` queries are ignored.
2. Configured rewrites (`[links] rewrite` in the configuration, original → translation
   regular expressions) applied to the original's target first.
3. Two targets on the page's own site (relative, or host-less) whose numbers agree: a
   localised slug (`/osa2/palvelimella_olevan_datan_hakeminen` ↔
   `/en/part2/getting_data_from_server`); the same on another site when both have numbers
   and they agree; two addresses on one site that point to the same named section
   (`wiki/REST#Applied_to_web_services` ↔ `wiki/Representational_state_transfer#Applied…`).
4. Numbers that differ (a version, an RFC, a year), when both targets have numbers, make
   two targets different.
5. Otherwise the resource's name, its last meaningful path segment, decides: the same
   slug at a moved address (`chrome.google.com/webstore/detail/jsonview/…` ↔
   `chromewebstore.google.com/detail/jsonview/…`) is the same resource, and so is a page
   renamed within its own site whose new name holds the old one
   (`docs.npmjs.com/getting-started/semantic-versioning` ↔
   `docs.npmjs.com/about-semantic-versioning`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from urllib.parse import unquote

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp")

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LANGUAGE_SEGMENT = re.compile(
    r"/(?:fi|en|sv|se|de|fr|es|fi-fi|en-us|en-gb|sv-se|sv-fi|fi_fi|en_us|en_gb)(?=/|$)"
)
_LANGUAGE_QUERY = re.compile(r"(?:^|&)(?:lang|hl|language|locale)=[\w-]*", re.IGNORECASE)
_INDEX = re.compile(r"/index\.(?:html?|php|aspx?)$")
_DIGITS = re.compile(r"\d+")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
# Path segments that name a kind of page, not the page: "…/wiki/REST", "…/docs/x".
_GENERIC_SEGMENTS = frozenset(
    [
        "wiki",
        "docs",
        "doc",
        "api",
        "en",
        "fi",
        "blob",
        "tree",
        "master",
        "main",
        "detail",
        "details",
        "post",
        "posts",
        "article",
        "articles",
        "news",
        "blog",
        "page",
        "pages",
        "html",
        "www",
    ]
)


def is_image(target: str) -> bool:
    """A target naming an image file (by its suffix, before any query or fragment)."""
    path = target.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(IMAGE_SUFFIXES)


def image_name(target: str) -> str:
    """An image's file name: what stays the same when a page is copied to another folder."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    return unquote(path.rstrip("/").rsplit("/", 1)[-1]).lower()


def is_external(target: str) -> bool:
    return bool(_SCHEME.match(target)) or target.lower().startswith("www.")


@functools.lru_cache(maxsize=8192)
def normalise_url(target: str) -> str:
    """A target with what never tells two resources apart removed.

    >>> normalise_url("https://www.Example.com/fi/docs/Web/HTTP/#top")
    'example.com/docs/web/http'
    """
    url = target.strip()
    if url.lower().startswith("mailto:"):
        return "mailto:" + url[7:].lower()
    url = _SCHEME.sub("", url)
    url = url.split("#", 1)[0]
    path, _, query = url.partition("?")
    if query:
        query = _LANGUAGE_QUERY.sub("", query).strip("&")
    path = unquote(path).lower()
    if path.startswith("www."):
        path = path[4:]
    path = _LANGUAGE_SEGMENT.sub("", path)
    path = _INDEX.sub("", path).rstrip("/")
    return f"{path}?{query}" if query else path


def _fragment(target: str) -> str:
    return target.partition("#")[2].lower()


def _numbers(url: str) -> tuple[str, ...]:
    return tuple(str(int(n)) for n in _DIGITS.findall(url))


def _slug(url: str) -> str:
    """The last path segment that names something (not `wiki`, `docs`, …)."""
    path = url.split("?", 1)[0]
    for segment in reversed(path.split("/")[1:] if is_hosted(path) else path.split("/")):
        words = _SLUG_WORD.findall(segment.lower())
        if words and "-".join(words) not in _GENERIC_SEGMENTS:
            return "-".join(words)
    return ""


def is_hosted(normalised: str) -> bool:
    """Whether a normalised target starts with a host name."""
    head = normalised.split("/", 1)[0]
    return "." in head and not head.startswith(".")


def _site(normalised: str) -> str:
    """The registrable part of a hosted target's host: `docs.npmjs.com` → `npmjs.com`."""
    host = normalised.split("/", 1)[0]
    return ".".join(host.split(".")[-2:])


Rewrite = tuple[str, str]  # (pattern on the original's target, replacement)


def _rewrite(target: str, rewrites: Sequence[Rewrite]) -> str:
    for pattern, replacement in rewrites:
        new = re.sub(pattern, replacement, target)
        if new != target:
            return new
    return target


def same_target(original: str, translation: str, rewrites: Sequence[Rewrite] = ()) -> bool:
    """Whether two link targets name the same resource (see the module docstring).

    >>> same_target("/osa2/palvelimella_olevan_datan_hakeminen", "/en/part2/getting_data")
    True
    >>> same_target(
    ...     "https://nodejs.org/docs/latest-v8.x/api/http.html",
    ...     "https://nodejs.org/docs/latest-v18.x/api/http.html")
    False
    """
    if original == translation:
        return True
    a = normalise_url(_rewrite(original, rewrites) if rewrites else original)
    b = normalise_url(translation)
    if a == b:
        return True
    if a.startswith("mailto:") or b.startswith("mailto:"):
        return False
    hosted_a, hosted_b = is_hosted(a), is_hosted(b)
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if not hosted_a and not hosted_b:
        return numbers_a == numbers_b
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False
    same_site = hosted_a and hosted_b and _site(a) == _site(b)
    if same_site and numbers_a and numbers_a == numbers_b:
        return True  # the site's own page in the other language: `/osa7/…` ↔ `/en/part7/…`
    fragment_a, fragment_b = _fragment(original), _fragment(translation)
    if same_site and fragment_a and fragment_a == fragment_b:
        return True  # the same section of a page known by two names (a redirect)
    if fragment_a and fragment_b and _numbers(fragment_a) != _numbers(fragment_b):
        return False  # another entry of a changelog: "#1.0.0-2012-06-13" ↔ "#1.0.0rc1-…"
    slug_a, slug_b = _slug(a), _slug(b)
    if not slug_a or not slug_b:
        return False
    if slug_a == slug_b:
        # Across sites only a name long enough to be one: "201" at MDN and at
        # httpstatuses.com are two pages about one status code.
        return same_site or (len(slug_a) >= 6 and any(c.isalpha() for c in slug_a))
    # A page renamed within its own site keeps the words of its name.
    return (
        _site(a) == _site(b)
        and min(len(slug_a), len(slug_b)) >= 6
        and (slug_a in slug_b or slug_b in slug_a)
    )


def image_key(source: str) -> str:
    """The key an image is linked by: its file name."""
    return "i:" + image_name(source)


def target_key(target: str) -> str:
    """A key that equal targets share, for the aligner's index of shared evidence.

    Coarser than `same_target` for site-internal links (their numbers only), exact
    otherwise: a shared key supports a link, it does not prove one.
    """
    url = normalise_url(target)
    if url.startswith("mailto:") or is_hosted(url):
        return "u:" + url
    return "u:/" + ".".join(_numbers(url))


def distinct(targets: Sequence[str], rewrites: Sequence[Rewrite] = ()) -> list[str]:
    """Each target once, its first spelling kept: a page gives an address as a link's
    text and as its target, with and without a trailing slash."""
    out: list[str] = []
    for target in targets:
        if not any(same_target(kept, target, rewrites) for kept in out):
            out.append(target)
    return out


def unmatched(
    original: Sequence[str], translation: Sequence[str], rewrites: Sequence[Rewrite] = ()
) -> tuple[list[str], list[str]]:
    """Targets of each side that no target of the other side matches, in order.

    Each side's targets are taken once each (a page links an address as its text and as
    its target), and matched one to one.
    """
    left = distinct(original, rewrites)
    right = distinct(translation)
    used = [False] * len(right)
    only_original: list[str] = []
    for target in left:
        for k, other in enumerate(right):
            if not used[k] and same_target(target, other, rewrites):
                used[k] = True
                break
        else:
            only_original.append(target)
    only_translation = [t for k, t in enumerate(right) if not used[k]]
    return only_original, only_translation
