"""Measure hupli.detect: accuracy, "und" rate, time per block and start-up cost.

Run from the repository root with the venv active:

    python bench/bench_detect.py                 # all figures
    python bench/bench_detect.py --n-trial 7     # try another setting
    python bench/bench_detect.py --skip-startup  # accuracy only

Data (see ../shared/evaldata/README.md): the six WMT16 en–fi SGML files (``*.fi.sgm`` are
Finnish, ``*.en.sgm`` English) and GNOME Help's fi.po (msgid English, msgstr Finnish).
Only texts of 20 or more characters are scored, and "und" on them counts as wrong: such a
block is long enough that an alignment check should be able to tell its language.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALDATA = Path(os.environ.get("HUPLI_EVALDATA", ROOT.parent / "shared" / "evaldata"))
WMT_DIR = EVALDATA / "wmt16-enfi-helsinki" / "sgm"
PO_FILE = EVALDATA / "gnome-help-fi" / "fi.po"
MIN_CHARS = 20

sys.path.insert(0, str(ROOT / "src"))

from hupli.document import detect as detect_module  # noqa: E402
from hupli.model import UNDETERMINED  # noqa: E402

_DOC_RE = re.compile(r"<doc\b[^>]*\bdocid=\"([^\"]*)\"[^>]*>(.*?)</doc>", re.S)
_SEG_RE = re.compile(r"<seg id=\"(\d+)\">(.*?)</seg>", re.S)


def wmt_segments() -> Iterator[tuple[str, str, bool, str]]:
    """(file name, language, is the first segment of its document, text)."""
    for path in sorted(WMT_DIR.glob("*.sgm")):
        language = "fi" if path.name.endswith(".fi.sgm") else "en"
        for doc in _DOC_RE.finditer(path.read_text(encoding="utf-8")):
            for number, seg in enumerate(_SEG_RE.finditer(doc.group(2))):
                yield path.name, language, number == 0, html.unescape(seg.group(2)).strip()


def _po_string(lines: list[str]) -> str:
    parts = []
    for line in lines:
        body = line[line.index('"') + 1 : line.rindex('"')]
        parts.append(body.encode("latin-1", "backslashreplace").decode("unicode_escape"))
    return "".join(parts)


def po_pairs(path: Path) -> Iterator[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for every entry of a .po file, header and credits skipped."""
    entries = path.read_text(encoding="utf-8").split("\n\n")
    for entry in entries:
        fields: dict[str, list[str]] = {}
        current = None
        fuzzy = False
        for line in entry.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and current:
                fields[current].append(line)
            else:
                name = line.split(" ", 1)[0]
                current = name
                fields[name] = [line]
        if "msgid" not in fields or "msgstr" not in fields:
            continue  # plurals do not occur in this file; anything odd is skipped
        msgid = _po_string(fields["msgid"])
        msgstr = _po_string(fields["msgstr"])
        if msgid and msgid != "translator-credits":
            yield msgid, msgstr, fuzzy


_TAG_RE = re.compile(r"<[^>]+>")


def untag(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG_RE.sub(" ", text))).strip()


def score(items: list[tuple[str, str]]) -> tuple[int, int, int, list[tuple[str, str, str]]]:
    """(total, correct, und, errors) over (expected language, text) items."""
    correct = und = 0
    errors: list[tuple[str, str, str]] = []
    guesses = detect_module.detect_many([text for _, text in items])
    for (expected, text), guess in zip(items, guesses, strict=True):
        if guess.language == expected:
            correct += 1
        else:
            if guess.language == UNDETERMINED:
                und += 1
            errors.append((expected, guess.language, text))
    return len(items), correct, und, errors


def report(name: str, items: list[tuple[str, str]], show: int) -> None:
    total, correct, und, errors = score(items)
    wrong = len(errors) - und
    print(
        f"{name:<34} n={total:>6}  accuracy {100 * correct / total:6.2f}%  "
        f"und {100 * und / total:5.2f}%  wrong language {100 * wrong / total:5.2f}%"
    )
    for expected, got, text in errors[:show]:
        print(f"    expected {expected} got {got}: {text[:110]!r}")


def _clear_caches() -> None:
    detect_module._detect_cached.cache_clear()
    detect_module._detect_clean.cache_clear()


def screen_report(items: list[tuple[str, str]], show: int) -> None:
    """How many blocks the exact-posterior screen decides, and where its answer differs
    from langdetect's random walks alone (the screen switched off)."""
    texts = [text for _, text in items]
    screen = detect_module._screen
    decided = asked = 0

    def counting(text: str, languages: tuple[str, ...]) -> object:
        nonlocal decided, asked
        guess = screen(text, languages)
        asked += 1
        decided += guess is not None
        return guess

    _clear_caches()
    detect_module._screen = counting  # type: ignore[assignment]
    try:
        with_screen = detect_module.detect_many(texts)
    finally:
        detect_module._screen = screen
    _clear_caches()
    margin = detect_module.SCREEN_MARGIN
    detect_module.SCREEN_MARGIN = float("inf")
    try:
        alone = detect_module.detect_many(texts)
    finally:
        detect_module.SCREEN_MARGIN = margin
        _clear_caches()
    differ = [
        (expected, a.language, b.language, text)
        for (expected, text), a, b in zip(items, with_screen, alone, strict=True)
        if a.language != b.language
    ]
    right = sum(1 for expected, a, _, _ in differ if a == expected)
    print(
        f"screen: of {len(texts)} blocks, {asked} distinct texts passed the rules and "
        f"{decided} of those ({100 * decided / max(asked, 1):.1f}%) were decided without "
        f"langdetect's random walks;\n  {len(differ)} answers differ from langdetect alone, "
        f"the screen right on {right}"
    )
    for expected, a, b, text in differ[:show]:
        print(f"    expected {expected}, screen {a}, langdetect {b}: {text[:100]!r}")


def time_per_block(texts: list[str]) -> float:
    """Milliseconds per block, every block detected afresh (the result cache bypassed)."""

    def uncached(text: str, languages: tuple[str, ...], seed: int) -> object:
        clean = detect_module._strip_noise(text)
        return detect_module._detect_clean.__wrapped__(clean, languages, seed)

    languages = detect_module.DEFAULT_LANGUAGES
    uncached("Tämä on lämmittelylause, jotta profiilit ovat valmiina.", languages, 0)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            uncached(text, languages, 0)
        best = min(best, time.perf_counter() - start)
    return 1000 * best / len(texts)


_STARTUP = """
import time
t0 = time.perf_counter()
from hupli.document import detect
t1 = time.perf_counter()
import langdetect.detector_factory
t2 = time.perf_counter()
detect._factory(("fi", "en", "sv"), 0)
t3 = time.perf_counter()
detect.detect("Tämä on ensimmäinen lause, jonka kieli tunnistetaan.")
t4 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000, (t4 - t3) * 1000)
"""

_BASELINE = """
import time
t0 = time.perf_counter()
import langdetect
from langdetect import DetectorFactory
t1 = time.perf_counter()
DetectorFactory.seed = 0
langdetect.detector_factory.init_factory()
t2 = time.perf_counter()
langdetect.detect_langs("Tämä on ensimmäinen lause, jonka kieli tunnistetaan.")
t3 = time.perf_counter()
print((t1 - t0) * 1000, 0.0, (t2 - t1) * 1000, (t3 - t2) * 1000)
"""


def startup(code: str, env: dict[str, str], runs: int) -> list[float]:
    """Median over fresh interpreters of: hupli.detect import, langdetect import,
    profile load, first detection (all in ms)."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        samples.append([float(x) for x in out.stdout.split()])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-trial", type=int, default=detect_module.N_TRIAL)
    parser.add_argument("--max-text-length", type=int, default=detect_module.MAX_TEXT_LENGTH)
    parser.add_argument("--min-probability", type=float, default=detect_module.MIN_PROBABILITY)
    parser.add_argument("--min-letters", type=int, default=detect_module.MIN_LETTERS)
    parser.add_argument("--screen-margin", type=float, default=detect_module.SCREEN_MARGIN)
    parser.add_argument("--screen-min-ngrams", type=int, default=detect_module.SCREEN_MIN_NGRAMS)
    parser.add_argument("--show-errors", type=int, default=8, help="examples per data set")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per start-up figure")
    args = parser.parse_args()
    detect_module.N_TRIAL = args.n_trial
    detect_module.MAX_TEXT_LENGTH = args.max_text_length
    detect_module.MIN_PROBABILITY = args.min_probability
    detect_module.MIN_LETTERS = args.min_letters
    detect_module.SCREEN_MARGIN = args.screen_margin
    detect_module.SCREEN_MIN_NGRAMS = args.screen_min_ngrams
    print(
        f"settings: n_trial={args.n_trial} max_text_length={args.max_text_length} "
        f"min_probability={args.min_probability} min_letters={args.min_letters} "
        f"screen_margin={args.screen_margin:g} screen_min_ngrams={args.screen_min_ngrams}"
    )

    segments = list(wmt_segments())
    long_segments = [(lang, text) for _, lang, _, text in segments if len(text) >= MIN_CHARS]
    headlines = [(lang, text) for _, lang, first, text in segments if first]
    long_headlines = [(lang, text) for lang, text in headlines if len(text) >= MIN_CHARS]
    print(f"WMT16: {len(segments)} segments in 6 files, {len(long_segments)} of 20+ characters")
    report("WMT16 20+ chars", long_segments, args.show_errors)
    report("WMT16 20+ chars, fi", [x for x in long_segments if x[0] == "fi"], 0)
    report("WMT16 20+ chars, en", [x for x in long_segments if x[0] == "en"], 0)
    report("WMT16 headlines (all)", headlines, args.show_errors)
    report("WMT16 headlines 20+ chars", long_headlines, 0)
    short = [(lang, text) for _, lang, _, text in segments if len(text) < MIN_CHARS]
    if short:
        _, correct, und, _ = score(short)
        print(
            f"{'WMT16 under 20 chars (info)':<34} n={len(short):>6}  correct {correct}, "
            f"und {und}, wrong {len(short) - correct - und}"
        )

    po_items: list[tuple[str, str]] = []
    po_translated: list[tuple[str, str]] = []
    image_refs = 0
    for msgid, msgstr, fuzzy in po_pairs(PO_FILE):
        if msgid.startswith("external ref="):
            image_refs += 1  # an image's file name and checksum, not prose in any language
            continue
        english = untag(msgid)
        if len(english) >= MIN_CHARS:
            po_items.append(("en", english))
        finnish = untag(msgstr)
        if len(finnish) >= MIN_CHARS:
            po_items.append(("fi", finnish))
            if not fuzzy:
                po_translated.append(("fi", finnish))
    print(
        f"GNOME fi.po: {len(po_items)} strings of 20+ characters, {image_refs} image refs skipped"
    )
    report("GNOME fi.po 20+ chars", po_items, args.show_errors)
    report("GNOME fi.po 20+, en (msgid)", [x for x in po_items if x[0] == "en"], 0)
    report("GNOME fi.po 20+, fi (msgstr)", [x for x in po_items if x[0] == "fi"], 0)
    report("GNOME fi.po 20+, fi not fuzzy", po_translated, 0)

    screen_report(long_segments + po_items, args.show_errors)

    texts = [text for _, text in long_segments[::10]]
    per_block = time_per_block(texts)
    mean_chars = sum(map(len, texts)) / len(texts)
    print(
        f"time per block: {per_block:.3f} ms (mean over {len(texts)} WMT16 blocks of "
        f"{mean_chars:.0f} characters on average, best of 3)"
    )
    paragraphs = [
        " ".join(part.split())
        for path in sorted((ROOT / "corpus").glob("*/*"))
        for part in path.read_text(encoding="utf-8").split("\n\n")
        if len(part) >= MIN_CHARS
    ]
    per_paragraph = time_per_block(paragraphs)
    mean_chars = sum(map(len, paragraphs)) / len(paragraphs)
    print(
        f"time per block: {per_paragraph:.3f} ms (mean over {len(paragraphs)} corpus/ blocks of "
        f"{mean_chars:.0f} characters on average, best of 3)"
    )

    if args.skip_startup:
        return
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pycache:
        # Byte-compiled like an installed package, without writing __pycache__ into src/.
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        startup(_STARTUP, dict(env, HUPLI_NO_CACHE="1"), 1)  # compiles
        env_cache = dict(env, HUPLI_CACHE_DIR=cache)
        figures = {
            "langdetect default (global factory, all 55 profiles)": startup(
                _BASELINE, env, args.runs
            ),
            "hupli, 3 profiles from JSON (no cache)": startup(
                _STARTUP, dict(env, HUPLI_NO_CACHE="1"), args.runs
            ),
        }
        startup(_STARTUP, env_cache, 1)  # writes the cache
        figures["hupli, 3 profiles from cache"] = startup(_STARTUP, env_cache, args.runs)
    print(f"start-up, median of {args.runs} fresh processes (ms):")
    print(f"  {'':<54} {'import':>7} {'langdet':>7} {'profile':>7} {'1st':>6} {'total':>7}")
    for name, (own, lang, profiles, first) in figures.items():
        total = own + lang + profiles + first
        print(f"  {name:<54} {own:7.1f} {lang:7.1f} {profiles:7.1f} {first:6.1f} {total:7.1f}")


if __name__ == "__main__":
    main()
