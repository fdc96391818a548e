"""Build src/hupli/data/fi_en_dictionary.tsv from Debian's FreeDict Finnish–English package.

    python bench/build_dictionary.py [PATH.deb]

Without a path it runs `apt-get download dict-freedict-fin-eng` into bench/out/freedict/
(once). Build-time needs, none of them needed by hupli at run time:
  - the .deb (FreeDict fin-eng, WikDict from Wiktionary, CC BY-SA 3.0);
  - Voikko (`apt-get install python3-libvoikko voikko-fi`): it lemmatises the words of the
    dictionary's own Finnish definitions, and confirms verb forms guessed from the
    dictionary's infinitives, so that the stems of inflected forms can be keyed too (see
    hupli.evidence.lexicon). Only FreeDict's words and forms guessed from them go in; no Voikko
    data is copied out.

Never reads the evaluation data (WMT16, GNOME help, fso-dev).

Output: "key<TAB>english keys" lines, sorted, after a "#" header naming the source. A key is
the Snowball stem of a headword or of an inflected form of it, or "~" and a headword's first
five letters (the fallback). English keys are hupli.evidence.lexicon.english_keys of the glosses.
It also writes fi_en_dictionary.LICENSE beside it.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import Stemmer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hupli.evidence import lexicon as dictionary  # noqa: E402

PACKAGE = "dict-freedict-fin-eng"
CACHE = ROOT / "bench" / "out" / "freedict"
OUT = ROOT / "src" / "hupli" / "data" / "fi_en_dictionary.tsv"
LICENSE_OUT = OUT.with_suffix(".LICENSE")
INDEX = "usr/share/dictd/freedict-fin-eng.index"
DICT = "usr/share/dictd/freedict-fin-eng.dict.dz"
COPYRIGHT = f"usr/share/doc/{PACKAGE}/copyright"
LIBVOIKKO = Path("/usr/lib/python3/dist-packages/libvoikko.py")

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEAD = re.compile(r"^(.*?)(?: /[^/]*/)? <([^>]*)>$")
_NUMBERED = re.compile(r"^(\d+)\. (.*)$")
_SENSE_TAIL = re.compile(r"\s+\d+\.$")  # "oil 2." : the next sense number glued on
_PARENS = re.compile(r"\([^)]*\)")
_SINGLE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Entry:
    headword: str
    pos: str
    senses: tuple[str, ...]  # English translation lines, e.g. "say, tell"


def fetch_deb(path: str | None = None) -> Path:
    """The .deb to read: `path`, else one fetched with apt-get into bench/out/freedict/."""
    if path:
        return Path(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob(f"{PACKAGE}_*.deb"))
    if not found:
        subprocess.run(["apt-get", "download", PACKAGE], cwd=CACHE, check=True)
        found = sorted(CACHE.glob(f"{PACKAGE}_*.deb"))
    return found[-1]


def read_deb(deb: Path) -> dict[str, bytes]:
    """The dictd index, the dictzip data and the copyright file, read from the .deb's
    data.tar.* (an ar archive: 8-byte magic, then 60-byte member headers)."""
    raw = deb.read_bytes()
    if not raw.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb}: not a .deb")
    pos = 8
    while pos < len(raw):
        name = raw[pos : pos + 16].decode().strip().rstrip("/")
        size = int(raw[pos + 48 : pos + 58].decode())
        body = raw[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                out = {}
                for member in tar.getmembers():
                    member_name = member.name.removeprefix("./")
                    if member_name in (INDEX, DICT, COPYRIGHT):
                        handle = tar.extractfile(member)
                        assert handle is not None
                        out[member_name] = handle.read()
                return out
    raise SystemExit(f"{deb}: no data.tar member")


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def parse_dictd(index: bytes, data: bytes) -> tuple[list[Entry], str]:
    """Entries, in index order, and the dictionary's edition line.

    An article is "headword /IPA/ <pos>", then either one line of translations and lines of
    Finnish definition, or numbered senses "N. translations" each followed by its
    definition lines (" 3." alone continues a sense that shares the previous line's
    translations, which then end in a stray " 2.")."""
    text = gzip.decompress(data)
    entries = []
    edition = ""
    for line in index.decode("utf-8").splitlines():
        key, offset, length = line.split("\t")
        start = _b64(offset)
        article = text[start : start + _b64(length)].decode("utf-8").strip("\n").split("\n")
        if key.startswith("00database"):
            if key == "00databaseshort":
                edition = article[-1].strip()
            continue
        match = _HEAD.match(article[0])
        if not match:
            continue
        senses = []
        numbered = len(article) > 1 and _NUMBERED.match(article[1])
        for i, body in enumerate(article[1:]):
            if numbered:
                sense = _NUMBERED.match(body)
                if sense:
                    senses.append(sense.group(2))
            elif i == 0:
                senses.append(body)
        cleaned = tuple(_SENSE_TAIL.sub("", s).strip() for s in senses)
        entries.append(Entry(match.group(1), match.group(2), tuple(s for s in cleaned if s)))
    return entries, edition


def definitions_text(data: bytes) -> str:
    """All of the dictionary's text: its Finnish definitions are the corpus of inflected
    forms that Voikko lemmatises."""
    return gzip.decompress(data).decode("utf-8")


def gloss_keys(sense: str) -> set[str]:
    """English keys of one translation line: items split at commas and semicolons,
    parenthesised notes and "#Verbi"-style anchors dropped, function words ("to", "the")
    dropped, the rest stemmed as English text is."""
    keys: set[str] = set()
    for item in re.split(r"[,;]", sense):
        item = _PARENS.sub(" ", item).split("#", 1)[0]
        keys |= dictionary.english_keys(item)
    return keys


def headword_table(entries: list[Entry]) -> dict[str, set[str]]:
    """Lowercased one-word headword → English keys of all its senses (all parts of speech).
    Multi-word headwords ("Addis Abeba", "puolue-eliitti") are left out: text is looked up
    a word at a time."""
    table: dict[str, set[str]] = {}
    for entry in entries:
        head = entry.headword.lower()
        if not _SINGLE.fullmatch(head):
            continue
        keys: set[str] = set()
        for sense in entry.senses:
            keys |= gloss_keys(sense)
        if keys:
            table.setdefault(head, set()).update(keys)
    return table


def load_voikko():  # type: ignore[no-untyped-def]  # Debian's ctypes binding, untyped
    if not LIBVOIKKO.is_file():
        raise SystemExit(
            "build_dictionary: Voikko is needed at build time: "
            "apt-get install python3-libvoikko voikko-fi"
        )
    spec = importlib.util.spec_from_file_location("libvoikko", LIBVOIKKO)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Voikko("fi")


_WORDBASE = re.compile(r"\(([^+)][^)]*)\)")


def lemmas(analysis: dict[str, str]) -> set[str]:
    """The lemmas one Voikko analysis makes a form of: its base form and, for a participle
    ("tehnyt", "sanottu": Voikko's base form is the participle itself), the verb it is made
    from, named first in WORDBASES ("+teh(tehdä)+n+yt(+yt)")."""
    found = {analysis["BASEFORM"].lower()} if "BASEFORM" in analysis else set()
    if "PARTICIPLE" in analysis:
        verb = _WORDBASE.search(analysis.get("WORDBASES", ""))
        if verb:
            found.add(verb.group(1).lower())
    return found


def inflected_forms(corpus: str, headwords: set[str]) -> dict[str, set[str]]:
    """Word form → the headwords Voikko says it is a form of (forms equal to a headword and
    forms of words the dictionary lacks are left out)."""
    voikko = load_voikko()
    forms: dict[str, set[str]] = {}
    try:
        for form in sorted({w.lower() for w in _SINGLE.findall(corpus)}):
            if form in headwords or len(form) < dictionary.MIN_LETTERS:
                continue
            bases = set().union(*map(lemmas, voikko.analyze(form))) & headwords
            if bases:
                forms[form] = bases
    finally:
        voikko.terminate()
    return forms


# Endings of the finite verb forms that news and web prose use most (3rd person present and
# past, participles, passive), in both vowel harmonies. They are put after the infinitive
# less its last one to three letters ("sano|a" → sano|i, "ott|aa" → ott|i,
# "te|hdä" → te|ki); most guesses are not words, and Voikko keeps only those it analyses
# as a form of that very verb. The definitions (written in the infinitive and the present
# tense) rarely show a verb in the past tense, which is what news is written in.
_VERB_ENDINGS = """
    i oi si ki ivat oivat sivat kivät kivat isi isivat isivät o oo ee kee vat vät
    nut nyt neet ut yt eet lut lyt rut ryt nnut nnyt taan tään ttiin tiin ttu tty tu ty
    maan mään massa mässä minen
"""
VERB_ENDINGS = _VERB_ENDINGS.split()


def verb_forms(entries: list[Entry], headwords: set[str]) -> dict[str, set[str]]:
    """Form → headwords, for forms of the dictionary's verbs guessed from VERB_ENDINGS and
    confirmed by Voikko."""
    verbs = sorted({e.headword.lower() for e in entries if e.pos == "v"} & headwords)
    voikko = load_voikko()
    forms: dict[str, set[str]] = {}
    try:
        for verb in verbs:
            guesses = {
                verb[:-cut] + ending
                for cut in (1, 2, 3)
                if len(verb) > cut + 1
                for ending in VERB_ENDINGS
            }
            for form in sorted(guesses - headwords):
                if verb in set().union(*map(lemmas, voikko.analyze(form))):
                    forms.setdefault(form, set()).add(verb)
    finally:
        voikko.terminate()
    return forms


def build_table(
    heads: dict[str, set[str]], forms: dict[str, set[str]], prefix: bool = True
) -> dict[str, set[str]]:
    """Finnish key → English keys: headword stems, inflected-form stems, prefix fallback."""
    table: dict[str, set[str]] = {}
    for head, keys in heads.items():
        table.setdefault(dictionary.finnish_stem(head), set()).update(keys)
    for form, bases in forms.items():
        stem = dictionary.finnish_stem(form)
        for base in bases:
            table.setdefault(stem, set()).update(heads[base])
    if prefix:
        for head, keys in heads.items():
            key = dictionary.PREFIX_MARK + head[: dictionary.PREFIX]
            table.setdefault(key, set()).update(keys)
    return table


def write(table: dict[str, set[str]], edition: str, deb: Path) -> None:
    digest = hashlib.sha256(deb.read_bytes()).hexdigest()[:16]
    lines = [
        f"# hupli Finnish→English dictionary, built by bench/build_dictionary.py from {deb.name}",
        f"# ({edition}; sha256 {digest}); stems by PyStemmer {Stemmer.version()}.",
        "# CC BY-SA 3.0: see fi_en_dictionary.LICENSE.",
        "# Finnish key<TAB>English keys. Keys: Snowball stems; '~' + five letters: prefix.",
    ]
    lines += [f"{key}\t{' '.join(sorted(keys))}" for key, keys in sorted(table.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


LICENSE_TEXT = """\
fi_en_dictionary.tsv — licence and attribution

This file is a derivative of the FreeDict Finnish–English dictionary ("suomi-English
FreeDict+WikDict dictionary", {edition}), created automatically by WikDict
(http://www.wikdict.com/) from Wiktionary (https://www.wiktionary.org/) via DBnary, by
Karl Bartel and the FreeDict contributors, 2000–2022. It was read from the Debian package
{deb} (source package freedict-wikdict).

Licence: Creative Commons Attribution-ShareAlike 3.0 Unported (CC BY-SA 3.0),
https://creativecommons.org/licenses/by-sa/3.0/. This derivative is distributed under the
same licence. (The rest of hupli is MIT-licensed; this data file is not.)

Changes made (bench/build_dictionary.py): only one-word headwords kept; each English
translation reduced to lowercased content words and to Snowball (Porter 2) stems, with
common English irregular forms mapped to their base form; Finnish headwords keyed by their
Snowball stems, by the stems of inflected forms of them that occur in the dictionary's own
Finnish definitions or are verb forms guessed from its infinitives (both lemmatised or
confirmed with Voikko at build time), and by their first five letters; definitions,
pronunciations and parts of speech dropped.

Copyright notice of the Debian package for the dictionary data:
{copyright}
"""


def write_license(edition: str, deb: Path, copyright_text: str) -> None:
    stanza = "\n".join(
        line
        for block in copyright_text.split("\n\n")
        if block.startswith("Files: fin-eng/")
        for line in block.splitlines()
    )
    LICENSE_OUT.write_text(
        LICENSE_TEXT.format(edition=edition, deb=deb.name, copyright=stanza or "(not found)"),
        encoding="utf-8",
    )


def main(argv: list[str]) -> None:
    deb = fetch_deb(argv[0] if argv else None)
    files = read_deb(deb)
    entries, edition = parse_dictd(files[INDEX], files[DICT])
    heads = headword_table(entries)
    forms = inflected_forms(definitions_text(files[DICT]), set(heads))
    for form, bases in verb_forms(entries, set(heads)).items():
        forms.setdefault(form, set()).update(bases)
    table = build_table(heads, forms)
    write(table, edition, deb)
    write_license(edition, deb, files.get(COPYRIGHT, b"").decode("utf-8"))
    print(
        f"{len(entries)} entries, {len(heads)} one-word headwords, {len(forms)} inflected "
        f"forms → {len(table)} keys; {OUT.relative_to(ROOT)} {OUT.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
