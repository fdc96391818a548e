"""fso-dev: ten real Full Stack Open page pairs with every divergence labelled.

The official figures come from the data set's own `score.py`. Everything else here uses
that file's functions (loaded by path, never copied), so the matching rule cannot drift:
`score_pair` decides hits and found divergences, `norm` normalises text, `findings_of`
turns links into findings. This module only cuts the same results finer: per finding
type, changed divergences by their note, findings that touch nothing by cause, splits,
sentence-level findings and the new link statuses.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

DIR = "fso-dev"
HELDOUT = ("2e", "5a", "8d")
KINDS = ("missing", "added", "changed", "untranslated")
SENTENCE_CODES = {"missing-sentence": "fi", "added-sentence": "en"}
# A sentence finding also hits when the divergence's key contains the whole sentence; a
# sentence shorter than this (normalised) is too common a string for that to mean much.
MIN_SENTENCE_CHARS = 12
PARAGRAPH_KINDS = frozenset({"paragraph", "list_item"})
CAUSES = ("image", "code", "heading", "other")
_FENCE = re.compile(r"^\s*(```|~~~)")


@cache
def scorer(root: Path) -> ModuleType:
    """The data set's score.py as a module (loaded by path; no bytecode written there)."""
    path = root / DIR / "score.py"
    spec = importlib.util.spec_from_file_location("fso_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    previous = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # ../shared is read-only and not ours
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


def changed_group(div: Mapping[str, Any]) -> str:
    """'link only', 'minor' or 'other', by the README's note conventions."""
    note = div.get("note", "").strip()
    if note.startswith("link only:"):
        return "link only"
    if note.endswith("(minor)"):
        return "minor"
    return "other"


def fenced_lines(raw_lines: Sequence[str]) -> set[int]:
    """1-based numbers of the lines inside fenced code blocks, fences included."""
    inside, fence, out = False, "", set()
    for number, line in enumerate(raw_lines, start=1):
        match = _FENCE.match(line)
        if match and (not inside or match.group(1) == fence):
            out.add(number)
            inside = not inside
            fence = match.group(1)
            continue
        if inside:
            out.add(number)
    return out


def run_official(
    root: Path,
    python: str,
    env: Mapping[str, str],
    pairs: Sequence[str] | None,
    gold_copy: Path | None = None,
    details: bool = False,
) -> tuple[str, int]:
    """score.py's own output, run as its README says. With `pairs`, a copy of gold.json
    holding only those pairs (written to `gold_copy`) is scored instead."""
    base = root / DIR
    gold_arg, pairs_arg = "gold.json", "pairs"
    if pairs is not None:
        gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
        gold["pairs"] = [p for p in gold["pairs"] if p["id"] in pairs]
        assert gold_copy is not None
        gold_copy.parent.mkdir(parents=True, exist_ok=True)
        gold_copy.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        gold_arg = str(gold_copy)
    cmd = [python, str(base / "score.py"), pairs_arg, gold_arg]
    if details:
        cmd.append("--details")
    cmd += ["--", python, "-m", "hupli", "align", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run(cmd, cwd=base, capture_output=True, text=True, env=dict(env), check=False)
    return proc.stdout + proc.stderr, proc.returncode


def parse_summary(line: str) -> dict[str, int | float | str]:
    """`precision=0.203 recall=0.453 findings=212 sentence_found=11/14 …` →
    {'precision': 0.203, 'recall': 0.453, 'findings': 212, 'sentence_found': '11/14', …}."""
    out: dict[str, int | float | str] = {}
    for part in line.split():
        if "=" not in part:
            continue
        key, value = part.split("=", 1)
        try:
            out[key] = int(value)
        except ValueError:
            try:
                out[key] = float(value)
            except ValueError:
                out[key] = value
    return out


@dataclass
class Finding:
    pair: str
    kind: str
    src: list[int]
    tgt: list[int]
    touched: set[int]  # divergence numbers (in the pair's list)
    cause: str = ""  # for a finding that touches nothing


@dataclass
class SentenceFinding:
    pair: str
    code: str
    side: str
    sentence: str
    touched: set[int]


@dataclass
class PairResult:
    pair: dict[str, Any]
    result: dict[str, Any]
    findings: list[Finding]
    found: set[int]
    sentence_findings: list[SentenceFinding] = field(default_factory=list)
    linked_paragraphs: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    document_findings: Counter[str] = field(default_factory=Counter)
    error: str = ""

    @property
    def id(self) -> str:
        return str(self.pair["id"])

    @property
    def divergences(self) -> list[dict[str, Any]]:
        return list(self.pair["divergences"])


def load_gold(root: Path) -> dict[str, Any]:
    return json.loads((root / DIR / "gold.json").read_text(encoding="utf-8"))


def _cause(
    kind: str,
    src: list[int],
    tgt: list[int],
    blocks: Mapping[str, Mapping[int, dict]],
    code_lines: Mapping[str, set[int]],
    image_re: re.Pattern[str],
) -> str:
    """Why a finding may have touched nothing: what its blocks are (first that applies)."""
    concerned = [("fi", i) for i in src] + [("en", i) for i in tgt]
    found: set[str] = set()
    for side, i in concerned:
        b = blocks[side].get(i, {})
        text = b.get("text") or ""
        if b.get("kind") in ("image", "caption") or image_re.search(text):
            found.add("image")
        start = b.get("line") or 0
        end = b.get("end_line") or start
        if start and any(n in code_lines[side] for n in range(start, end + 1)):
            found.add("code")
        if b.get("kind") == "heading":
            found.add("heading")
    return next((c for c in CAUSES if c in found), "other")


def sentence_hits(
    sentence: str, side: str, divs: Sequence[Mapping[str, Any]], norm: Any
) -> set[int]:
    """Divergences on `side` a sentence finding touches (either scope)."""
    ns = norm(sentence)
    if not ns:
        return set()
    out = set()
    for n, d in enumerate(divs):
        if d.get("image"):
            continue
        key = (
            d["key"].get(side) if d["side"] == "both" else (d["key"] if d["side"] == side else None)
        )
        if not key:
            continue
        nk = norm(key)
        if nk and (nk in ns or (len(ns) >= MIN_SENTENCE_CHARS and ns in nk)):
            out.add(n)
    return out


def score(root: Path, pair: dict[str, Any], result: dict[str, Any]) -> PairResult:
    """One pair scored with score.py's own rule, then cut finer."""
    sc = scorer(root)
    pairs_dir = root / DIR / "pairs"
    rows, found = sc.score_pair(pair, result, str(pairs_dir))
    blocks = {
        "fi": {b["index"]: b for b in result["source"]["blocks"]},
        "en": {b["index"]: b for b in result["target"]["blocks"]},
    }
    code_lines = {
        side: fenced_lines(
            (pairs_dir / f"{side}_{pair['id']}.md").read_text(encoding="utf-8").split("\n")
        )
        for side in ("fi", "en")
    }
    out = PairResult(pair=pair, result=result, findings=[], found=set(found))
    for kind, src, tgt, hit in rows:
        f = Finding(pair["id"], kind, list(src), list(tgt), set(hit))
        if not hit:
            f.cause = _cause(kind, f.src, f.tgt, blocks, code_lines, sc.IMG_RE)
        out.findings.append(f)
    divs = pair["divergences"]
    for link in result.get("links", []):
        src, tgt = link.get("source") or [], link.get("target") or []
        out.statuses[link.get("status", "")] += 1
        if (
            src
            and tgt
            and all(blocks["fi"].get(i, {}).get("kind") in PARAGRAPH_KINDS for i in src)
            and all(blocks["en"].get(i, {}).get("kind") in PARAGRAPH_KINDS for i in tgt)
        ):
            out.linked_paragraphs += 1
        for f in link.get("findings") or []:
            code = f.get("code")
            if code not in SENTENCE_CODES:
                continue
            side = SENTENCE_CODES[code]
            sentence = str((f.get("details") or {}).get("sentence") or "")
            out.sentence_findings.append(
                SentenceFinding(
                    pair["id"], code, side, sentence, sentence_hits(sentence, side, divs, sc.norm)
                )
            )
    for f in result.get("findings") or []:
        out.document_findings[str(f.get("code", "?"))] += 1
    return out


# ---- aggregation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    findings: int
    hits: int
    real: int
    found: int
    sentence: int
    sentence_found: int
    via_sentence: int

    @property
    def precision(self) -> float:
        return self.hits / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.real if self.real else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "findings": self.findings,
            "hits": self.hits,
            "real": self.real,
            "found": self.found,
            "sentence_found": f"{self.sentence_found}/{self.sentence}",
            "hits_touching_only_sentence_scope": self.via_sentence,
        }


def summarise(results: Iterable[PairResult]) -> Summary:
    """The official figures (score.py's definitions) over some pairs."""
    t = Counter[str]()
    for r in results:
        divs = r.divergences
        block = {n for n, d in enumerate(divs) if d["scope"] == "block"}
        sent = {n for n, d in enumerate(divs) if d["scope"] == "sentence"}
        t["findings"] += len(r.findings)
        t["hits"] += sum(1 for f in r.findings if f.touched)
        t["via_sentence"] += sum(
            1 for f in r.findings if f.touched and all(n in sent for n in f.touched)
        )
        t["real"] += len(block)
        t["found"] += len(r.found & block)
        t["sentence"] += len(sent)
        t["sentence_found"] += len(r.found & sent)
    return Summary(**{k: t[k] for k in Summary.__dataclass_fields__})


@dataclass(frozen=True)
class TypeRow:
    kind: str
    findings: int
    hits: int  # touch any divergence (the official notion)
    typed_hits: int  # touch a divergence of the same type
    divergences: int  # block scope, of this type
    found: int  # touched by any finding (the official notion, as the README's by-kind line)
    found_same_type: int  # touched by a finding of this type

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "hits": self.hits,
            "precision": _ratio(self.hits, self.findings),
            "typed_hits": self.typed_hits,
            "typed_precision": _ratio(self.typed_hits, self.findings),
            "divergences": self.divergences,
            "found": self.found,
            "recall": _ratio(self.found, self.divergences),
            "found_same_type": self.found_same_type,
            "recall_same_type": _ratio(self.found_same_type, self.divergences),
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _touched_by(results: Iterable[PairResult], kind: str | None) -> set[tuple[str, int]]:
    return {
        (r.id, n) for r in results for f in r.findings if kind in (None, f.kind) for n in f.touched
    }


def by_type(results: Sequence[PairResult]) -> list[TypeRow]:
    rows = []
    for kind in KINDS:
        fs = [(r, f) for r in results for f in r.findings if f.kind == kind]
        divs = [
            (r.id, n)
            for r in results
            for n, d in enumerate(r.divergences)
            if d["scope"] == "block" and d["type"] == kind
        ]
        any_found, same_found = _touched_by(results, None), _touched_by(results, kind)
        rows.append(
            TypeRow(
                kind=kind,
                findings=len(fs),
                hits=sum(1 for _, f in fs if f.touched),
                typed_hits=sum(
                    1 for r, f in fs if any(r.divergences[n]["type"] == kind for n in f.touched)
                ),
                divergences=len(divs),
                found=sum(1 for d in divs if d in any_found),
                found_same_type=sum(1 for d in divs if d in same_found),
            )
        )
    return rows


def changed_split(results: Sequence[PairResult]) -> dict[str, dict[str, int]]:
    """Block-scope changed divergences by note group: how many, found by any finding, by a
    changed finding; and how many changed findings touch each group."""
    any_found, changed_found = _touched_by(results, None), _touched_by(results, "changed")
    out = {g: Counter[str]() for g in ("link only", "minor", "other")}
    for r in results:
        for n, d in enumerate(r.divergences):
            if d["scope"] != "block" or d["type"] != "changed":
                continue
            c = out[changed_group(d)]
            c["divergences"] += 1
            c["found"] += (r.id, n) in any_found
            c["found_by_changed"] += (r.id, n) in changed_found
        for f in r.findings:
            if f.kind != "changed":
                continue
            groups = {
                changed_group(r.divergences[n])
                for n in f.touched
                if r.divergences[n]["type"] == "changed"
            }
            for g in groups:
                out[g]["changed_findings_touching"] += 1
    return {g: dict(sorted(c.items())) for g, c in out.items()}


def false_by_cause(results: Sequence[PairResult]) -> dict[str, dict[str, int]]:
    """Findings that touch no divergence: cause × finding type."""
    table = {c: Counter[str]() for c in CAUSES}
    for r in results:
        for f in r.findings:
            if not f.touched:
                table[f.cause][f.kind] += 1
    return {c: {k: table[c][k] for k in KINDS} for c in CAUSES}


@dataclass(frozen=True)
class SentenceSummary:
    findings: int
    hits: int
    divergences: int  # sentence scope
    found: int  # sentence-scope divergences touched by a sentence finding
    linked_paragraphs: int

    @property
    def precision(self) -> float | None:
        return self.hits / self.findings if self.findings else None

    @property
    def recall(self) -> float:
        return self.found / self.divergences if self.divergences else 0.0

    @property
    def false_per_50(self) -> float:
        false = self.findings - self.hits
        return 50 * false / self.linked_paragraphs if self.linked_paragraphs else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "hits": self.hits,
            "precision": None if self.precision is None else round(self.precision, 3),
            "sentence_divergences": self.divergences,
            "found": self.found,
            "recall": round(self.recall, 3),
            "linked_paragraphs": self.linked_paragraphs,
            "false_per_50_linked_paragraphs": round(self.false_per_50, 2),
        }


def sentence_summary(results: Sequence[PairResult]) -> SentenceSummary:
    found = {
        (r.id, n)
        for r in results
        for s in r.sentence_findings
        for n in s.touched
        if r.divergences[n]["scope"] == "sentence"
    }
    return SentenceSummary(
        findings=sum(len(r.sentence_findings) for r in results),
        hits=sum(1 for r in results for s in r.sentence_findings if s.touched),
        divergences=sum(1 for r in results for d in r.divergences if d["scope"] == "sentence"),
        found=len(found),
        linked_paragraphs=sum(r.linked_paragraphs for r in results),
    )
