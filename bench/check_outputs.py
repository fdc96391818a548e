"""Record what the `hupli` command prints for a fixed set of invocations, and compare two
recordings byte for byte: the proof that a change which should not change behaviour did not.

    python bench/check_outputs.py record OUT_DIR     # run every invocation, write its outputs
    python bench/check_outputs.py compare A B        # exit 1, showing the first differing bytes
    python bench/check_outputs.py record OUT --only status   # just the runs named so
    python bench/check_outputs.py compare A OUT --partial    # compare those runs only

`record` runs the installed `hupli` (or `--hupli "CMD …"`) as subprocesses in a fresh
temporary folder and writes, for each run, its stdout, stderr and exit code (and any file
it wrote) to OUT_DIR. What it runs:

* `align` on the sample pair of `corpus/` and on every pair of the evaluation data's
  `fso-dev/pairs` (fi_X.md with en_X.md), in every format: the view piped (plain text) and
  on a terminal (rich, through a pseudo-terminal), json, html, csv (and `--bom -o FILE`),
  tmx (and `--segment sentence` with language codes), xliff, `--problems-only`;
* `status` (rich, json, csv, html), `lint` (text, json, github, sarif, and two `--fail-on`
  levels), `pair` (text, json) and `export tmx|xliff` of `corpus/`, and `export` of the pair;
* `normalise` (`--check`, `--diff`, one file to stdout, `--write` on a copy), `ingest`
  (`--dry-run` and a real one into an empty folder), `--help` of every command, `--version`;
* the history of a pair: `accept` into a copy of the corpus, the Finnish page edited, then
  `align` in every format, `--since`, `--no-history`, `--record`, and `status`, `lint` and
  `export` of that corpus;
* a corpus with problems: an unreadable file, a page in the wrong language's folder, a
  manifest pair naming a missing file and one whose "translation" is Finnish;
* usage and input errors (a missing file, a bad configuration);
* where the cache goes when `HUPLI_CACHE_DIR` is not set (the folders made are listed);
* a benchmark corpus of 500 documents generated from WMT16 as `bench/bench_corpus.py`
  builds it (`status`, `lint`, `pair` as JSON and `export xliff`, `--jobs 2`).

Every command that reads through the cache runs three times: `--no-cache`, with an empty
cache (`cold`) and again with that cache (`warm`). Outputs are kept as they are, except
that the temporary folder's path is written `<WORK>`: nothing else varies between runs.
`compare` exits 0 when both folders hold the same files with the same bytes.

It needs the evaluation data (`$HUPLI_EVALDATA` or ../shared/evaldata) and takes a few
minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

FI_BLOG = "corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md"
EN_BLOG = "corpus/en/blog-the-possibility-of-closed-doors.txt"
BENCH_DOCUMENTS = 500
WORK_MARK = "<WORK>"
# TMX in sentence units, with regional language codes.
SENTENCE_UNITS = ["--segment", "sentence", "--source-code", "fi-FI", "--target-code", "en-GB"]
# Every format `align` writes, as extra arguments; "tty" is the view on a terminal.
ALIGN_FORMATS: dict[str, list[str]] = {
    "view": [],
    "tty": [],
    "problems-only": ["--problems-only"],
    "json": ["--format", "json"],
    "html": ["--format", "html"],
    "csv": ["--format", "csv"],
    "tmx": ["--format", "tmx"],
    "tmx-sentence": ["--format", "tmx", *SENTENCE_UNITS],
    "xliff": ["--format", "xliff"],
}
CACHE_MODES = ("nocache", "cold", "warm")


@dataclass
class Run:
    """One invocation: `hupli ARGS` in `cwd` (relative to the work folder)."""

    name: str
    args: list[str]
    cwd: str = "."
    cached: bool = True  # takes --no-cache: run as nocache, cold and warm
    tty: bool = False  # stdout on a pseudo-terminal
    files: list[str] = field(default_factory=list)  # files it writes, kept as outputs
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Recorder:
    hupli: list[str]
    work: Path
    out: Path
    edge: bool = False
    count: int = 0

    def environment(self, extra: dict[str, str]) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("HUPLI_")
            and k not in ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR", "FORCE_COLOR")
        }
        env.update(
            {
                "HUPLI_CACHE_DIR": str(self.work / "caches" / "unused"),
                "XDG_CACHE_HOME": str(self.work / "xdg"),
                "TERM": "xterm-256color",
                "PYTHONHASHSEED": env.get("PYTHONHASHSEED", "random"),
            }
        )
        env.update(extra)
        return {k: v for k, v in env.items() if v != ""}

    def execute(self, run: Run, label: str, args: list[str], env: dict[str, str]) -> None:
        cwd = self.work / run.cwd
        cmd = [*self.hupli, *args]
        if run.tty:
            rc, stdout, stderr = _run_on_terminal(cmd, cwd, {**env, "COLUMNS": "120"})
        else:
            proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
            rc, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
        self.write(f"{label}.stdout", stdout)
        self.write(f"{label}.stderr", stderr)
        self.write(f"{label}.rc", f"{rc}\n".encode())
        for name in run.files:
            path = cwd / name
            data = path.read_bytes() if path.is_file() else b"(no file)\n"
            self.write(f"{label}.file.{name.replace('/', '__')}", data)
        self.count += 1

    def write(self, name: str, data: bytes) -> None:
        for form in {str(self.work), os.path.realpath(self.work)}:
            data = data.replace(form.encode(), WORK_MARK.encode())
        (self.out / name).write_bytes(data)

    def run(self, run: Run) -> None:
        if not run.cached:
            self.execute(run, run.name, run.args, self.environment(run.env))
            return
        caches = self.work / "caches" / run.name
        shutil.rmtree(caches, ignore_errors=True)
        for mode in CACHE_MODES:
            extra = {} if mode == "nocache" else {"HUPLI_CACHE_DIR": str(caches)}
            args = [*run.args, "--no-cache"] if mode == "nocache" else run.args
            self.execute(run, f"{run.name}.{mode}", args, self.environment({**run.env, **extra}))


def _format(name: str) -> str:
    """The --format to pass for a run named with NAME: `rich` is now `text` (the old name
    still works, with a warning on stderr that would differ from older recordings)."""
    return "text" if name == "rich" else name


def _run_on_terminal(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run with stdout on a pseudo-terminal (stderr piped); return code, stdout, stderr."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's last writer closed it
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    _, stderr = proc.communicate()
    reader.join()
    os.close(master)
    return proc.returncode, b"".join(chunks), stderr


# --- the folders the runs work on ------------------------------------------------------


def _evaldata() -> Path:
    root = Path(os.environ.get("HUPLI_EVALDATA", ROOT.parent / "shared" / "evaldata"))
    if not (root / "fso-dev" / "pairs").is_dir():
        sys.exit(f"check_outputs: evaluation data not found at {root} (set HUPLI_EVALDATA)")
    return root


def _new_release(text: str) -> str:
    """The README's edit of the blog post: 1339 → 1439 in the body, the Teams paragraph
    gone, a new paragraph before "Tämä ei tarkoita …"."""
    start = text.index("Poikkeusolon ensipäivistä")
    end = text.index("\n\n", start)
    text = text[:start] + text[start:end].replace("1339", "1439") + text[end:]
    teams = "Myös palaverit ovat siirtyneet Teamsiin, jopa työporukoiden kahvihetket.\n\n"
    text = text.replace(teams, "")
    new = (
        "Kesällä jatkamme etäyhteyksiä ja kokeilemme uusia tapoja tavoittaa kaupunkilaiset "
        "myös kirjastoissa.\n\n"
    )
    return text.replace("Tämä ei tarkoita", new + "Tämä ei tarkoita", 1)


def prepare(work: Path, evaldata: Path) -> list[str]:
    """Lay out the work folder; return the fso-dev pair names (the X of fi_X.md)."""
    corpus = ROOT / "corpus"
    shutil.copytree(corpus, work / "corpus")
    pairs = evaldata / "fso-dev" / "pairs"
    names = sorted(
        p.name[3:-3] for p in pairs.glob("fi_*.md") if (pairs / f"en_{p.name[3:]}").is_file()
    )
    (work / "fso").mkdir()
    for name in names:
        for lang in ("fi", "en"):
            shutil.copy(pairs / f"{lang}_{name}.md", work / "fso" / f"{lang}_{name}.md")
    # History: a corpus whose pair is accepted, then its Finnish page edited (see `history`).
    shutil.copytree(corpus, work / "hist" / "corpus")
    shutil.copy(corpus / "fi" / Path(FI_BLOG).name, work / "hist" / "old.md")
    # Records that cannot be used: one damaged, one for another translation.
    for name in ("damaged", "foreign"):
        shutil.copytree(corpus, work / name / "corpus")
    # A copy for `normalise --write`, and an empty folder for a real `ingest`.
    shutil.copytree(corpus, work / "norm" / "corpus")
    (work / "ingest").mkdir()
    # A corpus with problems.
    broken = work / "broken" / "corpus"
    shutil.copytree(corpus, broken)
    (broken / "fi" / "rikki.md").write_bytes(b"Otsikko\x00\x00 binary\n")
    shutil.copy(corpus / "en" / Path(EN_BLOG).name, broken / "fi" / "english-page.txt")
    shutil.copy(
        corpus / "fi" / "vuorovaikutus-viestinta-ja-osallistaminen.txt",
        broken / "en" / "still-finnish.txt",
    )
    (broken / "hupli.toml").write_text(
        "[[pairs]]\n"
        'original = "fi/kunta-alan-kekseliaat-kehittajat-korona-aikana.txt"\n'
        'translation = "en/still-finnish.txt"\n\n'
        "[[pairs]]\n"
        'original = "fi/ei-ole.md"\n'
        'translation = "en/ei-ole.md"\n\n'
        "[severity]\n"
        'format = "info"\n',
        encoding="utf-8",
    )
    bad = work / "badconfig" / "corpus"
    shutil.copytree(corpus, bad)
    (bad / "hupli.toml").write_text('[severity]\nmissing = "fatal"\n', encoding="utf-8")
    # Where the cache goes by itself: a project (pyproject.toml) holding a corpus.
    project = work / "project"
    shutil.copytree(corpus, project / "corpus")
    (project / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    # The benchmark corpus, generated as bench/bench_corpus.py generates it.
    from bench_corpus import build

    (work / "bench-corpus").mkdir()
    build(work / "bench-corpus", BENCH_DOCUMENTS, seed=0)
    return names


def bench_corpus_files(rec: Recorder) -> None:
    """The generated benchmark corpus itself, file by file (name and SHA-256): if the
    generator in bench/ changes, this says so before the outputs do."""
    import hashlib

    folder = rec.work / "bench-corpus"
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}  {path.relative_to(folder)}"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]
    rec.write("bench.corpus-files", ("\n".join(lines) + "\n").encode())


def runs(fso: Sequence[str]) -> list[Run | Callable[[Recorder], None]]:
    out: list[Run | Callable[[Recorder], None]] = []

    def align(prefix: str, original: str, translation: str, cwd: str = ".") -> None:
        for fmt, extra in ALIGN_FORMATS.items():
            out.append(
                Run(
                    f"{prefix}.{fmt}",
                    ["align", original, translation, *extra],
                    cwd,
                    tty=fmt == "tty",
                )
            )

    # The sample pair and its exports.
    align("align.sample", FI_BLOG, EN_BLOG)
    out.append(
        Run(
            "align.sample.csv-bom-o",
            ["align", FI_BLOG, EN_BLOG, "--format", "csv", "--bom", "-o", "links.csv"],
            files=["links.csv"],
        )
    )
    out.append(Run("align.sample.fail-on-never", ["align", FI_BLOG, EN_BLOG, "--fail-on", "never"]))
    out.append(
        Run(
            "align.sample.fail-on-info",
            ["align", FI_BLOG, EN_BLOG, "--fail-on", "info", "--format", "json"],
        )
    )
    out.append(
        Run(
            "align.sample.languages",
            [
                "align",
                EN_BLOG,
                FI_BLOG,
                "--source-lang",
                "en",
                "--target-lang",
                "fi",
                "--format",
                "json",
            ],
        )
    )
    for fmt in ("tmx", "xliff"):
        out.append(Run(f"export.pair.{fmt}", ["export", fmt, FI_BLOG, EN_BLOG]))
    # Every fso-dev pair.
    for name in fso:
        align(f"align.fso.{name}", f"fso/fi_{name}.md", f"fso/en_{name}.md")
    # Corpus commands on the sample corpus.
    # "status.rich" keeps its name, so recordings made before `rich` became `text` compare.
    for fmt in ("rich", "json", "csv", "html"):
        out.append(Run(f"status.{fmt}", ["status", "corpus", "--format", _format(fmt)]))
    out.append(Run("status.tty", ["status", "corpus"], tty=True))
    out.append(
        Run(
            "status.csv-bom-o",
            ["status", "corpus", "--format", "csv", "--bom", "-o", "status.csv"],
            files=["status.csv"],
        )
    )
    for fmt in ("text", "json", "github", "sarif"):
        out.append(Run(f"lint.{fmt}", ["lint", "corpus", "--format", fmt]))
    out.append(Run("lint.fail-on-warning", ["lint", "corpus", "--fail-on", "warning"]))
    out.append(Run("lint.fail-on-never", ["lint", "corpus", "--fail-on", "never"]))
    for fmt in ("text", "json"):
        out.append(Run(f"pair.{fmt}", ["pair", "corpus", "--format", fmt]))
    out.append(Run("pair.default-folder", ["pair"]))
    for fmt in ("tmx", "xliff"):
        out.append(Run(f"export.corpus.{fmt}", ["export", fmt, "corpus/"]))
    out.append(
        Run(
            "export.corpus.tmx-sentence",
            ["export", "tmx", "corpus/", *SENTENCE_UNITS, "--jobs", "2"],
        )
    )
    # normalise and ingest.
    out.append(Run("normalise.check", ["normalise", "--check", "corpus/"], cached=False))
    out.append(Run("normalise.diff", ["normalise", "--diff", "corpus/"], cached=False))
    out.append(Run("normalise.stdout", ["normalise", FI_BLOG], cached=False))
    out.append(Run("normalise.no-mode", ["normalise", "corpus/"], cached=False))
    out.append(
        Run(
            "normalise.write",
            ["normalise", "--write", "corpus/"],
            "norm",
            cached=False,
            files=[FI_BLOG, EN_BLOG],
        )
    )
    out.append(
        Run("normalise.write-again", ["normalise", "--write", "corpus/"], "norm", cached=False)
    )
    out.append(
        Run(
            "ingest.dry-run",
            ["ingest", FI_BLOG, "corpus/en", "--corpus", "site", "--dry-run"],
            cached=False,
        )
    )
    ingest_files = [
        "site/provenance.json",
        "site/fi/blogi-suljettujen-ovien-mahdollisuus.md",
        "site/en/blog-the-possibility-of-closed-doors.txt",
    ]
    out.append(
        Run(
            "ingest.real",
            ["ingest", "../corpus", "--corpus", "site"],
            "ingest",
            cached=False,
            files=ingest_files,
        )
    )
    out.append(
        Run("ingest.again", ["ingest", "../corpus", "--corpus", "site"], "ingest", cached=False)
    )
    # Help and version.
    for command in (
        "",
        "align",
        "accept",
        "normalise",
        "export",
        "export tmx",
        "export xliff",
        "ingest",
        "pair",
        "status",
        "lint",
    ):
        out.append(
            Run(
                f"help.{command.replace(' ', '-') or 'hupli'}",
                [*command.split(), "--help"],
                cached=False,
            )
        )
    out.append(Run("version", ["--version"], cached=False))
    # Errors.
    out.append(Run("error.missing-file", ["align", "corpus/fi/ei-ole.md", EN_BLOG]))
    out.append(Run("error.usage", ["align", FI_BLOG], cached=False))
    out.append(
        Run("error.bad-format", ["align", FI_BLOG, EN_BLOG, "--format", "docx"], cached=False)
    )
    out.append(Run("error.normalise-many", ["normalise", "corpus/fi", "corpus/en"], cached=False))
    out.append(Run("error.no-corpus", ["status", "ei-ole"]))
    out.append(Run("error.bad-config.status", ["status", "corpus"], "badconfig"))
    out.append(Run("error.bad-config.lint", ["lint", "corpus"], "badconfig"))
    out.append(Run("error.export-arguments", ["export", "tmx", FI_BLOG, EN_BLOG, "corpus"]))
    # A corpus with problems.
    for fmt in ("text", "json", "sarif"):
        out.append(Run(f"broken.lint.{fmt}", ["lint", "corpus", "--format", fmt], "broken"))
    out.append(Run("broken.status.json", ["status", "corpus", "--format", "json"], "broken"))
    out.append(Run("broken.status.rich", ["status", "corpus"], "broken"))
    out.append(Run("broken.pair", ["pair", "corpus"], "broken"))
    out.append(Run("broken.export.xliff", ["export", "xliff", "corpus"], "broken"))
    finnish_pair = [
        "corpus/fi/kunta-alan-kekseliaat-kehittajat-korona-aikana.txt",
        "corpus/en/still-finnish.txt",
    ]
    out.append(Run("broken.align.json", ["align", *finnish_pair, "--format", "json"], "broken"))
    out.append(Run("broken.align.view", ["align", *finnish_pair], "broken"))
    out.append(history)
    out.append(unusable_records)
    out.append(cache_location)
    out.append(edge_cases)
    # The benchmark corpus.
    out.append(bench_corpus_files)
    for command, fmt in (("status", "json"), ("lint", "json"), ("pair", "json")):
        out.append(
            Run(f"bench.{command}", [command, "bench-corpus", "--format", fmt, "--jobs", "2"])
        )
    out.append(Run("bench.lint-text-jobs-1", ["lint", "bench-corpus", "--jobs", "1"]))
    out.append(Run("bench.export.xliff", ["export", "xliff", "bench-corpus", "--jobs", "2"]))
    return out


def history(rec: Recorder) -> None:
    """Accept the pair, edit the Finnish page, and look at it every way."""
    fi, en = FI_BLOG, EN_BLOG
    record = ".hupli/records/fi/blogi-suljettujen-ovien-mahdollisuus.md.json"
    rec.run(
        Run("history.accept", ["accept", fi, en], "hist", cached=False, files=[f"corpus/{record}"])
    )
    page = rec.work / "hist" / fi
    page.write_text(_new_release(page.read_text(encoding="utf-8")), encoding="utf-8")
    for fmt, extra in ALIGN_FORMATS.items():
        rec.run(Run(f"history.align.{fmt}", ["align", fi, en, *extra], "hist", tty=fmt == "tty"))
    rec.run(
        Run("history.since", ["align", fi, en, "--since", "old.md", "--format", "json"], "hist")
    )
    rec.run(Run("history.since-view", ["align", fi, en, "--since", "old.md"], "hist"))
    rec.run(
        Run("history.no-history", ["align", fi, en, "--no-history", "--format", "json"], "hist")
    )
    for command, fmt in (
        ("status", "json"),
        ("status", "rich"),
        ("status", "html"),
        ("lint", "text"),
        ("lint", "json"),
    ):
        args = [command, "corpus", "--format", _format(fmt)]
        rec.run(Run(f"history.{command}.{fmt}", args, "hist"))
    for fmt in ("xliff", "tmx"):
        rec.run(Run(f"history.export.corpus.{fmt}", ["export", fmt, "corpus"], "hist"))
        rec.run(Run(f"history.export.pair.{fmt}", ["export", fmt, fi, en], "hist"))
    rec.run(
        Run(
            "history.align-record",
            ["align", fi, en, "--record", "--format", "json"],
            "hist",
            cached=False,
            files=[f"corpus/{record}"],
        )
    )
    rec.run(Run("history.after-record", ["align", fi, en], "hist"))
    rec.run(Run("history.lint-after-record", ["lint", "corpus"], "hist"))


def unusable_records(rec: Recorder) -> None:
    """A damaged record, and a record made for another translation of the page."""
    fi, en = FI_BLOG, EN_BLOG
    folder = rec.work / "damaged" / "corpus" / ".hupli" / "records" / "fi"
    folder.mkdir(parents=True)
    (folder / f"{Path(fi).name}.json").write_text(
        '{"format": "hupli-record/1", "blocks": [', encoding="utf-8"
    )
    other = "corpus/en/other.txt"
    shutil.copy(rec.work / "foreign" / en, rec.work / "foreign" / other)
    rec.run(Run("foreign.accept", ["accept", fi, other], "foreign", cached=False))
    for name in ("damaged", "foreign"):
        rec.run(Run(f"{name}.align.view", ["align", fi, en], name))
        rec.run(Run(f"{name}.align.json", ["align", fi, en, "--format", "json"], name))
        rec.run(Run(f"{name}.align.no-history", ["align", fi, en, "--no-history"], name))


def edge_cases(rec: Recorder) -> None:
    """Cases whose behaviour issue 11's restructure changed on purpose, run only when asked
    (`--edge`), so that the default recording is the one that must stay identical: unusable
    records (damaged, or made for another translation) seen by the corpus commands and by
    `export`, and a configured severity for `wrong-language`."""
    if not rec.edge:
        return
    fi, en = FI_BLOG, EN_BLOG
    corpus = rec.work / "corpus"
    for name in ("damaged", "foreign"):
        shutil.copytree(corpus, rec.work / f"edge-{name}" / "corpus")
    folder = rec.work / "edge-damaged" / "corpus" / ".hupli" / "records" / "fi"
    folder.mkdir(parents=True)
    damaged = '{"format": "hupli-record/1", "blocks": ['
    (folder / f"{Path(fi).name}.json").write_text(damaged, encoding="utf-8")
    other = "corpus/en/other.txt"
    shutil.copy(rec.work / "edge-foreign" / en, rec.work / "edge-foreign" / other)
    rec.run(Run("edge.foreign.accept", ["accept", fi, other], "edge-foreign", cached=False))
    for name in ("damaged", "foreign"):
        cwd = f"edge-{name}"
        for command, fmt in (("status", "json"), ("status", "rich"), ("lint", "text")):
            args = [command, "corpus", "--format", _format(fmt)]
            rec.run(Run(f"edge.{name}.{command}.{fmt}", args, cwd))
        rec.run(Run(f"edge.{name}.export.corpus", ["export", "xliff", "corpus"], cwd))
        rec.run(Run(f"edge.{name}.export.pair", ["export", "xliff", fi, en], cwd))
    shutil.copytree(rec.work / "broken", rec.work / "edge-language")
    config = rec.work / "edge-language" / "corpus" / "hupli.toml"
    text = config.read_text(encoding="utf-8") + 'wrong-language = "warning"\n'
    config.write_text(text, encoding="utf-8")
    for command in ("status", "lint"):
        args = [command, "corpus", "--format", "json"]
        rec.run(Run(f"edge.wrong-language.{command}", args, "edge-language"))
    args = ["align", "corpus/fi/english-page.txt", en, "--format", "json"]
    rec.run(Run("edge.wrong-language.align", args, "edge-language"))


def cache_location(rec: Recorder) -> None:
    """Run without HUPLI_CACHE_DIR and list the folders and files the cache made."""
    env = {"HUPLI_CACHE_DIR": ""}
    rec.execute(
        Run("cache-location.status", []),
        "cache-location.status",
        ["status", "project/corpus", "--format", "json"],
        rec.environment(env),
    )
    rec.execute(
        Run("cache-location.align", []),
        "cache-location.align",
        ["align", "project/" + FI_BLOG, "project/" + EN_BLOG, "--format", "json"],
        rec.environment(env),
    )
    made = []
    for base in ("project", "xdg"):
        for path in sorted((rec.work / base).rglob("*")):
            relative = path.relative_to(rec.work).as_posix()
            if path.name.endswith(("-wal", "-shm", ".tmp")) or "/corpus/" in relative:
                continue
            made.append(relative + ("/" if path.is_dir() else ""))
    rec.write("cache-location.made", ("\n".join(made) + "\n").encode())


def record(out: Path, hupli: list[str], only: str = "", edge: bool = False) -> int:
    evaldata = _evaldata()
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        sys.exit(f"check_outputs: {out} is not empty")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hupli-check-") as folder:
        work = Path(folder)
        fso = prepare(work, evaldata)
        rec = Recorder(hupli, work, out, edge)
        for item in runs(fso):
            name = item.name if isinstance(item, Run) else item.__name__
            if only and only not in name:
                continue
            if isinstance(item, Run):
                rec.run(item)
            else:
                item(rec)
    meta = {"hupli": hupli, "runs": rec.count, "seconds": round(time.perf_counter() - started, 1)}
    (out / "_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"recorded {rec.count} runs in {meta['seconds']} s into {out}")
    return 0


# --- comparing two recordings -----------------------------------------------------------


def _show(data: bytes, at: int) -> str:
    start = max(0, at - 160)
    return repr(data[start : at + 160])


def compare(a: Path, b: Path, most: int = 5, partial: bool = False) -> int:
    """Exit status 0 when A and B hold the same files with the same bytes (`_meta.json` aside).

    With `partial`, B may be a recording of some runs only (`record --only`): the files of
    A that B lacks are passed over.
    """
    names_b = {p.name for p in b.iterdir() if not p.name.startswith("_")}
    names_a = {p.name for p in a.iterdir() if not p.name.startswith("_")}
    if partial:
        names_a &= names_b
    problems = 0
    for name in sorted(names_a ^ names_b):
        where = a if name in names_a else b
        print(f"only in {where}: {name}")
        problems += 1
    shown = 0
    for name in sorted(names_a & names_b):
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if left == right:
            continue
        problems += 1
        if shown >= most:
            print(f"differs: {name}")
            continue
        shown += 1
        at = next(
            (i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y),
            min(len(left), len(right)),
        )
        print(f"differs: {name} at byte {at} ({len(left)} bytes in A, {len(right)} in B)")
        print(f"  A: {_show(left, at)}")
        print(f"  B: {_show(right, at)}")
    total = len(names_a | names_b)
    if problems:
        print(f"{problems} of {total} files differ")
        return 1
    print(f"all {total} files identical")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="run every invocation and write its outputs to OUT_DIR")
    rec.add_argument("out", type=Path, metavar="OUT_DIR")
    rec.add_argument("--hupli", default="hupli", help="the command to run (default: hupli)")
    rec.add_argument("--only", default="", help="only the runs whose name holds this text")
    rec.add_argument(
        "--edge", action="store_true", help="also the edge cases changed on purpose (issue 11)"
    )
    cmp = sub.add_parser("compare", help="compare two recordings; exit 1 on any difference")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    cmp.add_argument("--partial", action="store_true", help="B holds some of the runs only")
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.out, shlex.split(args.hupli), args.only, args.edge)
    return compare(args.a, args.b, partial=args.partial)


if __name__ == "__main__":
    sys.exit(main())
