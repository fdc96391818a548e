"""Evidence: the facts a Finnish block and its English translation share.

A translation rewrites every word, but numbers, dates, times, links, e-mail addresses and
most proper names survive it. They are what lets the aligner tell which blocks correspond,
and they are the facts a reader would be hurt by if the translation got them wrong, so the
"changed" check compares them (`hupli.evidence.compare`).

Everything is normalised to one canonical spelling per value so that the two languages'
conventions meet:

======================  ====================  =====================
Finnish                 English               canonical key
======================  ====================  =====================
``47 344``              ``47,344``            ``n:47344``
``1,5``                 ``1.5``               ``n:1.5``
``1,5 miljoonaa``       ``1.5 million``       ``n:1.5`` + ``n:1500000``
``9.4.2020``            ``April 9, 2020``     ``d:2020-04-09``
``9.4.``                ``9 April``           ``d:--04-09``
``70-luvulla``          ``the 1970s``         ``d:decade:1970``
``klo 21.05``           ``9.05 pm``           ``t:21:05``
``www.imatra.fi/``      ``https://imatra.fi`` ``u:imatra.fi``
======================  ====================  =====================

A year that is part of a date belongs to the date only (``9.4.2020`` gives no number
``2020``), in both languages, so that ``compare`` can match a date against a bare year on the
other side without counting the year twice. Each number, date and time also keeps the word
it was written as (``Anchors.written``: ``47 344``, ``9.4.2020``, ``step1``), so that a
message quotes the text, and a token written alike on both sides is never a change.

The parts: `links` (URLs, e-mails), `names` (names and `NameMatcher`), `numbers` (numbers,
dates, times, phone numbers, codes: a table of passes), `number_words`, `lexicon` (the
Finnish–English dictionary), `targets` (when two link targets are the same resource),
`code` (code compared as code), `front_matter`, `compare`. Besides anchors, a block
carries what the aligner reads from its text alone (`block_features`: its content words).

Only the standard library and ``hupli.model`` are imported at module level: ``extract`` runs
on every block of every document, and rapidfuzz is needed only once per document pair. For
the same reason ``extract`` remembers the blocks it has read recently, and skips a pattern
when a quick test shows the block cannot match it.
"""

from __future__ import annotations

from functools import lru_cache

from hupli.evidence.lexicon import content_words
from hupli.evidence.links import LINK_PASSES
from hupli.evidence.names import read_names
from hupli.evidence.number_words import read_number_words
from hupli.evidence.numbers import read_numbers
from hupli.evidence.passes import Found, run
from hupli.model import CODE, IMAGE, SEPARATOR, Anchors, Block

EMPTY = Anchors()
# Shared by every result that lacks a kind of anchor, as most do: less to build, and less
# memory for the results `extract` keeps.
_NONE: frozenset[str] = frozenset()
_NO_ALTERNATIVES: frozenset[frozenset[str]] = frozenset()


# Sites repeat blocks from page to page (headings, navigation, footers, whole paragraphs): in
# the sample corpora a third to a half of all blocks had been read before. `Anchors` is
# immutable, so a repeat can share the first reading. 8192 entries take about 7 MB.
@lru_cache(maxsize=8192)
def extract(text: str, language: str) -> Anchors:
    """Anchors of one block of text in `language` ("fi"; anything else is read as English).

    Passes run from the most specific to the loosest, each blanking what it used: e-mails,
    URLs, phone numbers, times, dates, decades, then plain numbers. Names are read from the
    text with only e-mails and URLs removed, so "9.4.2020" cannot hide a name next to it.

    A name is a capitalised word that does not open a sentence (nor follow a list number),
    minus a short list of function words, months and weekdays. A sentence-initial word is kept
    only when it is an acronym ("KT"), has an inner capital ("YouTube", "Hupli-Oinonen"), or
    occurs mid-sentence elsewhere in the same block; `extract` sees one block, so matching
    against the other language is left to `NameMatcher`.

    >>> anchors = extract("Tiedote 9.4.2020 klo 18.33: Kaisa Heino, www.imatra.fi", "fi")
    >>> sorted(anchors.keys()), anchors.names
    (['d:2020-04-09', 't:18:33', 'u:imatra.fi'], ('Heino',))
    """
    if not text:
        return EMPTY
    language = "fi" if language.lower().startswith("fi") else "en"
    out = Found(finnish=language == "fi", text=text)
    work = run(LINK_PASSES, text, out)
    names, runs = read_names(work, language)
    read_numbers(work, out)
    number_words = read_number_words(text, language)
    urls = frozenset(u for u in out.urls if u) if out.urls else _NONE
    if not (names or number_words or urls or out.numbers or out.dates or out.times or out.emails):
        return EMPTY  # a fifth of all blocks
    return Anchors(
        numbers=frozenset(out.numbers) if out.numbers else _NONE,
        dates=frozenset(out.dates) if out.dates else _NONE,
        times=frozenset(out.times) if out.times else _NONE,
        urls=urls,
        emails=frozenset(out.emails) if out.emails else _NONE,
        names=names,
        number_words=number_words,
        alternatives=frozenset(out.alternatives) if out.alternatives else _NO_ALTERNATIVES,
        name_runs=runs,
        written=tuple((k, w) for k, w in out.written.items() if w != k[2:]),
    )


_WORDLESS = frozenset({SEPARATOR, CODE, IMAGE})  # blocks whose words are not evidence


def block_features(block: Block, language: str) -> str:
    """What the aligner reads from one block's text alone: its content words, in order,
    lower case, joined by spaces (`hupli.evidence.lexicon.content_words`). The document
    stage stores them (and the cache keeps them), so a pair of long documents is not
    tokenised again for every alignment; one string rather than a tuple, as a loaded
    corpus keeps one for every block. Code, images and separators have none: code is
    compared as code, images by their files."""
    if block.kind in _WORDLESS:
        return ""
    return _words(block.text, "fi" if language.lower().startswith("fi") else language)


# Memoised like `extract`, for the same reason: boilerplate blocks ("Lue lisää", contact
# details, a campaign's standard paragraph) recur across a site's pages.
@lru_cache(maxsize=8192)
def _words(text: str, language: str) -> str:
    return " ".join(content_words(text, language))
