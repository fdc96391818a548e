"""GNOME help in Finnish: a real translation with real untranslated paragraphs.

English is the original here (`C/*.page`); the Finnish pages are what itstool builds from
`fi.po`, so a unit whose msgstr is empty or fuzzy is left in English. Both sides go
through the same Mallard → Markdown converter (`mallard.py`); because itstool keeps the
element structure, block k of the English page and block k of the Finnish page are the
same unit. That is the gold: every block has exactly one counterpart (no missing, added
or changed blocks), and a Finnish block is *untranslated* when its unit's msgstr is
empty or fuzzy. A block whose English text matches no msgid falls back to "the Finnish
block reads the same as the English one".

hupli aligns the English page (source) with the Finnish page (target). Its blocks are
mapped onto the converter's blocks by line: the converter knows the lines of each block
it wrote.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mallard
import pofile

DIR = "gnome-help-fi"

TRANSLATED = "translated"
UNTRANSLATED = "untranslated"
NOT_TEXT = "not-text"  # code, screens, images, its:translate="no": nothing to translate

_LOOSE = re.compile(r"[^\w]+")


def loose(text: str) -> str:
    """Letters and digits only, lowercased: the last resort for matching a msgid."""
    return _LOOSE.sub("", unicodedata.normalize("NFC", text).lower())


@dataclass(frozen=True)
class Unit:
    """Block k of a page: its English and Finnish renderings and its gold status."""

    index: int
    en: mallard.Block
    fi: mallard.Block
    status: str  # translated | untranslated | not-text
    via: str  # po | fallback | none


@dataclass
class Page:
    name: str
    units: list[Unit]
    en_markdown: str
    fi_markdown: str
    en_spans: list[tuple[int, int]]
    fi_spans: list[tuple[int, int]]


@dataclass
class Gold:
    pages: list[Page]
    excluded: list[tuple[str, int, int]]  # (page, English blocks, Finnish blocks)
    missing_fi: list[str]  # C pages without a Finnish rendering
    stats: Counter[str] = field(default_factory=Counter)
    pages_without_po: list[str] = field(default_factory=list)
    inconsistent: list[tuple[str, int, str, str]] = field(default_factory=list)


_Key = tuple[str, tuple[str, ...], str | None]  # (text, link targets, msgctxt)


class PoIndex:
    """Find a unit's PO entries by its text and link targets (then by text loosely).

    Text alone is not enough: itstool keys a unit by its markup and msgctxt too; two units of the
    same page can read the same but point their links elsewhere (gnome-classic), while a
    paragraph holding only a link is extracted as the link's text, not as the paragraph
    whose msgid an older template had (net-security-tips).
    """

    def __init__(self, entries: Iterable[pofile.Entry]) -> None:
        self.exact: dict[_Key, list[pofile.Entry]] = {}
        self.loose: dict[_Key, list[pofile.Entry]] = {}
        self.pages: Counter[str] = Counter()
        for e in entries:
            if e.msgctxt == "_":  # translator credits and external image references
                continue
            text, targets = mallard.strip_markup(e.msgid), mallard.msgid_targets(e.msgid)
            self.exact.setdefault((text, targets, e.msgctxt), []).append(e)
            self.loose.setdefault((loose(text), targets, e.msgctxt), []).append(e)
            for ref in e.references:
                self.pages[Path(ref.rsplit(":", 1)[0]).stem] += 1

    def lookup(self, unit: mallard.Unit) -> list[pofile.Entry]:
        """The unit's entries; when they disagree, those whose itstool path is the unit's."""
        found = self.exact.get((unit.text, unit.targets, unit.context)) or self.loose.get(
            (loose(unit.text), unit.targets, unit.context), []
        )
        if len({e.translated for e in found}) > 1:
            same_path = [e for e in found if unit.path in e.paths]
            found = same_path or found
        return found


def _status(en: mallard.Block, fi: mallard.Block, index: PoIndex) -> tuple[str, str, str]:
    """(status, via, note): the unit's gold status and how it was decided."""
    if not en.translatable:
        return NOT_TEXT, "none", ""
    entries = index.lookup(en.unit)
    if entries:
        verdicts = {e.translated for e in entries}
        # msgfmt keeps one translation per msgid; disagreeing entries mean a match we cannot
        # pin down, and the Finnish page decides.
        if len(verdicts) > 1:
            same = en.text == fi.text
            return (UNTRANSLATED if same else TRANSLATED), "po-ambiguous", "ambiguous"
        return (TRANSLATED if verdicts == {True} else UNTRANSLATED), "po", ""
    same = en.text == fi.text
    return (UNTRANSLATED if same else TRANSLATED), "fallback", ""


def load_gold(root: Path, names: Sequence[str] | None = None) -> Gold:
    """Convert every page (or the named ones) and derive the gold from the structure."""
    base = root / DIR
    index = PoIndex(pofile.load(base / "fi.po"))
    c_paths = sorted((base / "C").glob("*.page"))
    en_roots = {p.stem: mallard.load(p) for p in c_paths}
    fi_paths = {p.stem: base / "fi-rendered" / p.name for p in c_paths}
    fi_roots = {k: mallard.load(p) for k, p in fi_paths.items() if p.is_file()}
    # Empty xref links show the target's title: index all pages, whichever are used.
    en_titles = mallard.title_index((mallard.page_id(r, Path(k)), r) for k, r in en_roots.items())
    fi_titles = mallard.title_index((mallard.page_id(r, Path(k)), r) for k, r in fi_roots.items())
    gold = Gold(pages=[], excluded=[], missing_fi=sorted(set(en_roots) - set(fi_roots)))
    wanted = [n for n in (names if names is not None else sorted(en_roots)) if n in fi_roots]
    for name in wanted:
        en_blocks = mallard.convert(en_roots[name], en_titles)
        fi_blocks = mallard.convert(fi_roots[name], fi_titles)
        if len(en_blocks) != len(fi_blocks):
            gold.excluded.append((name, len(en_blocks), len(fi_blocks)))
            continue
        if index.pages[name] == 0:
            gold.pages_without_po.append(name)
        units = []
        for k, (en, fi) in enumerate(zip(en_blocks, fi_blocks, strict=True)):
            status, via, _ = _status(en, fi, index)
            units.append(Unit(k, en, fi, status, via))
            gold.stats[f"status:{status}"] += 1
            gold.stats[f"via:{via}"] += 1
            same = en.text == fi.text
            if via == "po" and status == UNTRANSLATED and not same:
                gold.inconsistent.append(
                    (name, k, "PO says untranslated, Finnish differs", en.markdown)
                )
            if via == "po" and status == TRANSLATED and same:
                entry = index.lookup(en.unit)[0]
                if mallard.strip_markup(entry.msgstr) != mallard.strip_markup(entry.msgid):
                    gold.inconsistent.append(
                        (name, k, "PO has a translation, Finnish page is English", en.markdown)
                    )
        en_md, en_spans = mallard.to_markdown(en_blocks)
        fi_md, fi_spans = mallard.to_markdown(fi_blocks)
        gold.pages.append(Page(name, units, en_md, fi_md, en_spans, fi_spans))
    return gold


def write_markdown(pages: Iterable[Page], folder: Path) -> list[tuple[Path, Path]]:
    """Write C/<page>.md and fi/<page>.md; returns the (English, Finnish) paths."""
    out = []
    for sub in ("C", "fi"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for page in pages:
        en, fi = folder / "C" / f"{page.name}.md", folder / "fi" / f"{page.name}.md"
        for path, text in ((en, page.en_markdown), (fi, page.fi_markdown)):
            if not path.is_file() or path.read_text(encoding="utf-8") != text + "\n":
                path.write_text(text + "\n", encoding="utf-8")
        out.append((en, fi))
    return out


def units_of_blocks(
    blocks: Sequence[Mapping[str, Any]], spans: Sequence[tuple[int, int]]
) -> dict[int, frozenset[int]]:
    """hupli block index → the converter's blocks (units) its lines overlap."""
    out: dict[int, frozenset[int]] = {}
    for b in blocks:
        start = b.get("line") or 0
        end = b.get("end_line") or start
        out[b["index"]] = frozenset(k for k, (s, e) in enumerate(spans) if s <= end and start <= e)
    return out


@dataclass
class PageScore:
    name: str
    units: int = 0
    gold_untranslated: int = 0
    untranslated_findings: int = 0
    untranslated_hits: int = 0
    untranslated_found: int = 0
    false: Counter[str] = field(default_factory=Counter)  # missing / added / changed
    links: int = 0
    links_right: int = 0
    gold_links: int = 0
    gold_links_found: int = 0
    segmentation: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    scored_links: list[tuple[float, bool]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def score_page(page: Page, result: Mapping[str, Any]) -> PageScore:
    score = PageScore(page.name, units=len(page.units))
    en_map = units_of_blocks(result["source"]["blocks"], page.en_spans)
    fi_map = units_of_blocks(result["target"]["blocks"], page.fi_spans)
    # Which hupli blocks make up each unit, per side.
    en_of: dict[int, set[int]] = {k: set() for k in range(len(page.units))}
    fi_of: dict[int, set[int]] = {k: set() for k in range(len(page.units))}
    for side_map, of, side in ((en_map, en_of, "en"), (fi_map, fi_of, "fi")):
        for b, units in side_map.items():
            if not units:
                score.segmentation[f"{side}: block outside every unit"] += 1
            if len(units) > 1:
                score.segmentation[f"{side}: block spans several units"] += 1
            for k in units:
                of[k].add(b)
        for blocks in of.values():
            if len(blocks) > 1:
                score.segmentation[f"{side}: unit cut into several blocks"] += 1
            if not blocks:
                score.segmentation[f"{side}: unit with no block"] += 1
    gold_pairs = {(frozenset(en_of[k]), frozenset(fi_of[k])) for k in range(len(page.units))}
    score.gold_links = len(page.units)
    untranslated_units = {u.index for u in page.units if u.status == UNTRANSLATED}
    score.gold_untranslated = len(untranslated_units)
    found_units: set[int] = set()
    matched_pairs: set[tuple[frozenset[int], frozenset[int]]] = set()
    for link in result.get("links", []):
        src = frozenset(link.get("source") or [])
        tgt = frozenset(link.get("target") or [])
        status = link.get("status", "")
        score.statuses[status] += 1
        score.links += 1
        right = (src, tgt) in gold_pairs
        if right:
            score.links_right += 1
            matched_pairs.add((src, tgt))
        score.scored_links.append((float(link.get("score", 0.0)), right))
        if not right:
            en_units = sorted(set().union(*(en_map.get(b, frozenset()) for b in src)))
            fi_units = sorted(set().union(*(fi_map.get(b, frozenset()) for b in tgt)))
            score.details.append(
                f"    wrong link {status} score {link.get('score')} en{sorted(src)} "
                f"fi{sorted(tgt)} (units {en_units} / {fi_units})"
            )
        if src and not tgt:
            score.false["missing"] += 1
        elif tgt and not src:
            score.false["added"] += 1
        if status == "changed":
            score.false["changed"] += 1
        if status == "untranslated":
            score.untranslated_findings += 1
            units = set().union(*(fi_map.get(b, frozenset()) for b in tgt)) if tgt else set()
            hit = units & untranslated_units
            score.untranslated_hits += bool(hit)
            found_units |= hit
            if not hit:
                first = page.units[min(units)] if units else None
                text = f"{first.status}: {first.fi.markdown[:70]!r}" if first else "no unit"
                score.details.append(
                    f"    miss untranslated en{sorted(src)} fi{sorted(tgt)} units "
                    f"{sorted(units)} ({text})"
                )
    score.untranslated_found = len(found_units)
    score.gold_links_found = sum(
        (frozenset(en_of[k]), frozenset(fi_of[k])) in matched_pairs for k in range(len(page.units))
    )
    for k in sorted(untranslated_units - found_units):
        score.details.append(f"    NOT   untranslated unit {k}: {page.units[k].fi.markdown[:80]!r}")
    return score


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def aggregate(scores: Sequence[PageScore]) -> dict[str, Any]:
    """Totals over pages, as they go into the printed tables and real.json."""
    t: Counter[str] = Counter()
    false: Counter[str] = Counter()
    seg: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for s in scores:
        for name in (
            "units",
            "gold_untranslated",
            "untranslated_findings",
            "untranslated_hits",
            "untranslated_found",
            "links",
            "links_right",
            "gold_links",
            "gold_links_found",
        ):
            t[name] += getattr(s, name)
        false.update(s.false)
        seg.update(s.segmentation)
        statuses.update(s.statuses)
    p = t["links_right"] / t["links"] if t["links"] else 0.0
    r = t["gold_links_found"] / t["gold_links"] if t["gold_links"] else 0.0
    n_false = false["missing"] + false["added"] + false["changed"]
    return {
        "units": t["units"],
        "untranslated": {
            "findings": t["untranslated_findings"],
            "hits": t["untranslated_hits"],
            "precision": _ratio(t["untranslated_hits"], t["untranslated_findings"]),
            "gold": t["gold_untranslated"],
            "found": t["untranslated_found"],
            "recall": _ratio(t["untranslated_found"], t["gold_untranslated"]),
        },
        "false": {
            "missing": false["missing"],
            "added": false["added"],
            "changed": false["changed"],
            "per_100_blocks": round(100 * n_false / t["units"], 2) if t["units"] else 0.0,
        },
        "links": {
            "links": t["links"],
            "right": t["links_right"],
            "gold": t["gold_links"],
            "found": t["gold_links_found"],
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        },
        "statuses": dict(sorted(statuses.items())),
        "segmentation": dict(sorted(seg.items())),
    }
