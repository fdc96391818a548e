"""A Finnish→English dictionary for lexical evidence: which English words a Finnish word
may translate to, reached through Snowball stems so that inflected forms hit.

The data file ``data/fi_en_dictionary.tsv`` is built by ``bench/build_dictionary.py`` from
the FreeDict Finnish–English dictionary (WikDict, from Wiktionary; CC BY-SA 3.0, see
``data/fi_en_dictionary.LICENSE``). Nothing is downloaded at run time.

How a Finnish word is looked up (measured by ``bench/bench_lexicon.py`` on the WMT16
development documents; see the constants below):

1. Lowercase it and take its Snowball stem. The file is keyed by the stems of the
   dictionary's headwords *and* of inflected forms of them, found at build time with
   Voikko: every word of the dictionary's own Finnish definitions that Voikko lemmatises
   to a headword, and the past-tense, present-tense, participle and passive forms of its
   verbs (guessed from the infinitive, kept only where Voikko confirms them). Snowball
   alone leaves ``kaupungin`` (kaupung-) apart from ``kaupunki`` (kaupunk-), and ``sanoi``
   or ``tehnyt`` apart from ``sanoa`` and ``tehdä``; the added stems join them.
2. If the stem is unknown, the word's first five letters (keys written ``~xxxxx``): the
   union of the translations of every headword that starts with them. This catches
   compounds whose first part is known (``kaupunginvaltuusto`` → city) and names in a
   case form (``Helsingin``). It is noisier per word, but it raised the coverage of
   content words from 69 % to 85 % and separated true from shuffled sentence pairs
   better; splitting compounds from the end (the longest known stem that ends the word)
   did not add to it.

English text and the dictionary's English glosses go through the same reduction: words
that are not function words, lowercased, common irregular forms to their base ("said" →
say), Snowball (Porter 2) stems.

Stemming uses PyStemmer (the Snowball C library; ~2 ms to import, ~1 µs a word). The pure
Python ``snowballstemmer`` gives the same stems but imports all 36 of its languages (20 ms
or more) and takes ~40 µs a word.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path

import Stemmer

__all__ = [
    "CHANCE_RATE",
    "COVERAGE",
    "ENGLISH_FUNCTION_WORDS",
    "FINNISH_FUNCTION_WORDS",
    "NEIGHBOUR_RATE",
    "TRUE_RATE",
    "content_words",
    "english_evidence_keys",
    "english_keys",
    "english_word_key",
    "finnish_evidence_keys",
    "finnish_keys",
    "finnish_word_keys",
    "is_function_word",
    "known",
]

DATA_FILE = Path(__file__).parents[1] / "data" / "fi_en_dictionary.tsv"

# Measured by bench/bench_lexicon.py on the WMT16 fi→en *development* documents (docid
# whose SHA-256 starts with 0–7: 41 documents, 790 sentence pairs), never on test data.
# Of the Finnish content words (not function words, alphabetic, >= 3 letters) this share
# reaches an entry:
COVERAGE = 0.847
# Of those, the share with a translation key in the aligned English sentence:
TRUE_RATE = 0.611
# ... in a sentence of similar length from another document (unrelated text):
CHANCE_RATE = 0.024
# ... in another sentence of similar length from the same document: neighbours share the
# topic's words, so this is what a misaligned bead inside one page sees.
NEIGHBOUR_RATE = 0.080
# With these, a hit is worth log(0.611/0.024) = +3.2 and a miss log(0.389/0.976) = -0.92.
# The per-pair ratio (k hits of n known distinct words) ranks a true sentence pair above
# another sentence of the same document with AUC 0.975 (paragraphs of 3 sentences: 0.985).

# Words shorter than this are never content words (Finnish endings and particles).
MIN_LETTERS = 3
PREFIX = 5  # letters of the fallback key
PREFIX_MARK = "~"

_WORD = re.compile(r"[^\W\d_]+")

# Function words: skipped as lexical evidence (they are in every sentence, or Finnish
# writes them as case endings), and counted to tell Finnish prose from a name or a title.
# Hand-curated for hupli along the lines of the Snowball project's stop-word lists:
# Finnish personal, demonstrative, relative and interrogative pronouns in their common
# cases, the forms of "olla" (be) and of the negation verb, conjunctions, postpositions and
# common adverbs; English articles, pronouns, auxiliaries, prepositions and conjunctions.
_FINNISH_FUNCTION_WORDS = """
    ja sekä tai eli vai mutta vaan sillä että jotta koska kun jos vaikka kuin kuten niin
    joten ettei jottei ellei jollei mikäli eikä eivätkä sekä
    minä minun minua minulle minulla minulta minusta minuun minussa minut
    sinä sinun sinua sinulle sinulla sinulta sinusta sinuun sinussa sinut
    hän hänen häntä hänelle hänellä häneltä hänestä häneen hänessä hänet
    me meidän meitä meille meillä meiltä meistä meihin meissä meidät
    te teidän teitä teille teillä teiltä teistä teihin teissä teidät
    he heidän heitä heille heillä heiltä heistä heihin heissä heidät
    se sen sitä sille sillä siltä siitä siihen siinä siksi
    ne niiden niitä niille niillä niiltä niistä niihin niissä niiksi
    tämä tämän tätä tälle tällä tältä tästä tähän tässä täksi
    nämä näiden näitä näille näillä näiltä näistä näihin näissä
    tuo tuon tuota tuolle tuolla tuolta tuosta tuohon tuossa nuo noiden noita
    joka jonka jota jolle jolla jolta josta johon jossa joksi
    jotka joiden joita joille joilla joilta joista joihin joissa
    mikä minkä mitä mille millä miltä mistä mihin missä miksi mitkä
    kuka kenen ketä kenelle kenellä keneltä kenestä keneen keitä ketkä
    itse itseään itsensä oma oman omaa omat omia omien
    kaikki kaikkien kaikkia kaikille kaikilla kaikista kaiken kaikkea
    jokin jonkin jotain jotakin joku jonkun jotkut mikään mitään kukaan ketään
    muu muun muuta muut muiden muita muille muilla
    moni monet monta monen monia useat usea useita useiden jokainen jokaisen
    molemmat molempien kumpikin
    olla olen olet on olemme olette ovat oli olin olit olimme olitte olivat
    ollut olleet olisi olisivat olisin ole olleen ollen ollaan oltiin olevan oleva olevat
    onko oliko ovatko olivatko onkin olikin
    ei en et emme ette eivät eikö
    voi voivat voida voisi voisivat voinut voineet
    myös vain jo vielä nyt sitten aina usein kuitenkin kuitenkaan siis myöskin juuri ehkä
    yhä enää noin lähes jopa melko hyvin erittäin paljon vähän liian kovin aivan ihan
    täysin pian tosin toki kyllä taas jälleen edelleen joskus koskaan pois ulos
    jolloin silloin näin yhtä yhtään samalla sellainen sellaisen sellaista sellaiset
    tällainen tällaisen tällaista tällaiset johonkin jossakin jostakin
    täällä siellä tuolla tänne sinne tuonne miten milloin kuinka
    jälkeen ennen kanssa mukaan kautta luona vuoksi takia ilman yli alle ali ohi välillä
    aikana kohti vastaan lisäksi sijaan asti saakka mennessä lähtien varten ympäri pitkin
    päälle päällä alla edessä takana luokse luota kesken
    mm esim ks jne yms
"""

_ENGLISH_FUNCTION_WORDS = """
    a an the and or but nor if then else when while whereas because since unless until
    of at by for with about against between into through during before after above below
    to from up down in out on off over under again further once upon onto within without
    here there where why how what which who whom whose whatever whichever
    all any both each few more most other some such no not only own same so than too very
    can cannot could will would shall should may might must
    is are was were be been being am
    have has had having do does did doing done
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    this that these those
    also just now yet still even ever never already however therefore thus
    as per via among amongst across along around beside besides toward towards
    s t d ll m re ve don isn aren wasn weren doesn didn haven hasn hadn wouldn
    shouldn couldn let lets etc
"""
FINNISH_FUNCTION_WORDS: frozenset[str] = frozenset(_FINNISH_FUNCTION_WORDS.split())
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset(_ENGLISH_FUNCTION_WORDS.split())

_FUNCTION_WORDS = {"fi": FINNISH_FUNCTION_WORDS, "en": ENGLISH_FUNCTION_WORDS}

# English irregular past forms → the infinitive the glosses use. Snowball leaves "said"
# apart from "say" and "told" apart from "tell", and news English is written in the past
# tense ("sanoi" → "said"). Forms that are as often another word are left out ("left",
# "saw", "rose", "lay"). Glosses go through the same mapping, so both sides meet.
_IRREGULAR = """
    said:say told:tell came:come made:make got:get gotten:get held:hold went:go gone:go
    took:take taken:take gave:give given:give found:find thought:think seen:see knew:know
    known:know kept:keep brought:bring began:begin begun:begin felt:feel became:become
    built:build bought:buy caught:catch chose:choose chosen:choose drove:drive
    driven:drive ate:eat eaten:eat fell:fall fallen:fall fought:fight flew:fly flown:fly
    forgot:forget forgotten:forget grew:grow grown:grow heard:hear hid:hide hidden:hide
    led:lead lost:lose meant:mean met:meet paid:pay ran:run risen:rise sent:send
    shot:shoot shown:show sold:sell sat:sit slept:sleep spoke:speak spoken:speak
    spent:spend stood:stand stole:steal stolen:steal struck:strike taught:teach
    threw:throw thrown:throw understood:understand woke:wake won:win wore:wear worn:wear
    wrote:write written:write broke:break broken:break drew:draw drawn:draw drank:drink
    froze:freeze hung:hang lent:lend rode:ride sang:sing sank:sink shook:shake
    withdrew:withdraw withdrawn:withdraw arose:arise fed:feed fled:flee dealt:deal
    dug:dig sought:seek bent:bend overcame:overcome undertook:undertake upheld:uphold
    children:child men:man women:woman people:person feet:foot teeth:tooth mice:mouse
"""
_ENGLISH_BASE: dict[str, str] = dict(pair.split(":") for pair in _IRREGULAR.split())


def is_function_word(word: str, language: str) -> bool:
    """Whether `word` (any case) is a function word of `language` ("fi" or "en")."""
    try:
        words = _FUNCTION_WORDS[language]
    except KeyError:
        raise ValueError(f"no function words for language {language!r}") from None
    return word.lower() in words


# One stemmer object each: PyStemmer's objects cache their own results too.
_FI_STEMMER = Stemmer.Stemmer("finnish")
_EN_STEMMER = Stemmer.Stemmer("english")


def finnish_stem(word: str) -> str:
    """Snowball stem of a lowercased Finnish word (the dictionary's primary key)."""
    return str(_FI_STEMMER.stemWord(word))


@functools.lru_cache(maxsize=65536)
def english_word_key(word: str) -> str:
    """The key an English word (lowercased, not a function word) is matched by."""
    return str(_EN_STEMMER.stemWord(_ENGLISH_BASE.get(word, word)))


class _Table:
    """The data file as one bytes object, searched in place.

    Building a dict of its 57,000 lines took 25–30 ms (and several times that on a busy
    machine), and decoding the 1.6 MB to str another 3–5 ms: more than a whole small
    `hupli align` may spend here. The file is sorted by key (UTF-8 byte order is code point
    order), so loading only notes the first key of every `_BLOCK` bytes, and a lookup
    bisects those and finds the line within one block with `bytes.find`: about 1 ms to
    load after the read, and about a microsecond a lookup."""

    _BLOCK = 4096

    def __init__(self, data: bytes) -> None:
        self.data = data
        # Entries start after the "#" header; each line is "key\tvalues\n".
        start = 0
        while data.startswith(b"#", start):
            start = data.index(b"\n", start) + 1
        self.starts: list[int] = []
        self.keys: list[bytes] = []
        position = start
        while position < len(data):
            self.starts.append(position)
            self.keys.append(data[position : data.index(b"\t", position)])
            next_line = data.find(b"\n", position + self._BLOCK) + 1
            if next_line <= 0:
                break
            position = next_line
        self.starts.append(len(data))

    def get(self, key: str) -> str:
        """The space-separated English keys of `key`, "" if it is not in the file."""
        needle = key.encode("utf-8", "surrogatepass") + b"\t"
        block = bisect.bisect_right(self.keys, needle[:-1]) - 1
        if block < 0:
            return ""
        start = self.starts[block]
        data = self.data
        if data.startswith(needle, start):
            found = start
        else:
            found = data.find(b"\n" + needle, start, self.starts[block + 1] + len(needle))
            if found < 0:
                return ""
            found += 1
        begin = found + len(needle)
        end = data.find(b"\n", begin)
        return data[begin : end if end >= 0 else len(data)].decode("utf-8")


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The dictionary, read once."""
    try:
        data = DATA_FILE.read_bytes()
    except OSError:  # not shipped: every word is simply unknown
        data = b""
    return _Table(data)


_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1 << 16)
def _entry(key: str) -> frozenset[str]:
    value = _table().get(key)
    return frozenset(value.split(" ")) if value else _NONE


@functools.lru_cache(maxsize=1 << 16)
def finnish_word_keys(word: str) -> frozenset[str]:
    """English keys one Finnish word may translate to; empty if unknown or a function word."""
    word = word.lower()
    if len(word) < MIN_LETTERS or word in FINNISH_FUNCTION_WORDS:
        return _NONE
    found = _entry(finnish_stem(word))
    if not found:
        found = _entry(PREFIX_MARK + word[:PREFIX])
    return found


@functools.lru_cache(maxsize=1)
def _english_keys() -> frozenset[str]:
    """Every English key the dictionary translates a Finnish word into (read once, when a
    code block's strings are first compared)."""
    keys: set[bytes] = set()
    for line in _table().data.split(b"\n"):
        if line and not line.startswith(b"#"):
            keys.update(line.partition(b"\t")[2].split(b" "))
    return frozenset(key.decode("utf-8", "surrogatepass") for key in keys if key)


def is_english_word(word: str) -> bool:
    """Whether a lower-case word reads as English: a function word, or one whose key is an
    English translation the dictionary gives ("missing", "invalid"), even where a Finnish
    word starts the same way ("missi…", "invalidi")."""
    return word in ENGLISH_FUNCTION_WORDS or english_word_key(word) in _english_keys()


def content_words(text: str, language: str) -> list[str]:
    """The content words of `text`, lower case, in order: runs of letters that are not
    function words of `language` ("fi" or "en"; in Finnish, of at least three letters).
    Another language has no function-word list here: its words of three letters or more.
    """
    stop = _FUNCTION_WORDS.get(language, frozenset())
    least = 1 if language == "en" else MIN_LETTERS
    return [w for w in _WORD.findall(text.lower()) if len(w) >= least and w not in stop]


_content_words = content_words

# A word both languages write alike (a name, a product, a term: "React", "Webpack",
# "JSON") is its own evidence. Finnish adds endings to such words ("Axioksen", "JSON
# Serverin"), so they meet on their first letters.
IDENTITY = 5
IDENTITY_MARK = "="


@functools.lru_cache(maxsize=1 << 16)
def finnish_evidence_keys(word: str) -> frozenset[str]:
    """What a Finnish content word may appear as in its translation: the dictionary's
    translations and the word itself (its first `IDENTITY` letters)."""
    return finnish_word_keys(word) | {IDENTITY_MARK + word[:IDENTITY]}


@functools.lru_cache(maxsize=1 << 16)
def english_evidence_keys(word: str) -> frozenset[str]:
    """What an English content word is matched by: its key and its first letters."""
    return frozenset((english_word_key(word), IDENTITY_MARK + word[:IDENTITY]))


def known(word: str) -> bool:
    """Whether the dictionary knows a Finnish word."""
    return bool(finnish_word_keys(word))


def finnish_keys(text: str) -> list[frozenset[str]]:
    """For each Finnish content word of `text`, in order (repeats included): the English
    keys it may translate to, an empty set if the dictionary does not know it. Content
    words are runs of letters of at least three, not function words."""
    return [finnish_word_keys(word) for word in _content_words(text, "fi")]


def english_keys(text: str) -> frozenset[str]:
    """The keys of the English content words of `text` (every word but function words)."""
    return frozenset(english_word_key(word) for word in _content_words(text, "en"))
