"""hupli used as a hostile user would: pipes named like pages, huge files, unreadable
folders, full disks, outputs over inputs, empty corpora. Each case is a row of the README's
table "What was tried"."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from hupli import cache as cache_module
from hupli.cli import main
from hupli.document.read import MAX_BYTES, read_bytes
from hupli.model import ReadError

from .conftest import EN_BLOG, FI_BLOG
from .corpus_helpers import copy_sample


class Hung(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a blocked open() is interrupted by the alarm's exception."""

    def ring(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


NOT_REGULAR = "not a regular file (a named pipe); hupli reads regular files only"


# --- pipes and other files that are not regular ------------------------------------------


@pytest.fixture()
def piped_corpus(tmp_path: Path) -> Path:
    corpus = copy_sample(tmp_path)
    os.mkfifo(corpus / "fi" / "pipe.md")
    return corpus


@pytest.mark.parametrize("command", ["lint", "status", "pair"])
def test_a_pipe_in_a_corpus_is_named_and_the_rest_goes_on(
    piped_corpus: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with deadline(30):
        code = main([command, str(piped_corpus), "--jobs", "1", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{piped_corpus}/fi/pipe.md" in out + err and NOT_REGULAR in out + err
    assert "blogi-kaisa" in out  # the other files were read


def test_align_and_ingest_refuse_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "page.md"
    os.mkfifo(pipe)
    with deadline(30):
        assert main(["align", str(pipe), str(EN_BLOG), "--no-cache"]) == 2
        assert NOT_REGULAR in capsys.readouterr().err
        code = main(["ingest", str(pipe), str(FI_BLOG), "--corpus", str(tmp_path / "site")])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{pipe}: {NOT_REGULAR}" in err
    assert (tmp_path / "site" / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md").is_file()


def test_a_pipe_in_a_folder_given_to_ingest_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    os.mkfifo(exports / "page.md")
    (exports / "blog.md").write_bytes(FI_BLOG.read_bytes())
    with deadline(30):
        code = main(["ingest", str(exports), "--corpus", str(tmp_path / "site"), "--dry-run"])
    assert code == 2
    assert f"{exports / 'page.md'}: {NOT_REGULAR}" in capsys.readouterr().err


def test_a_pipe_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race: the file was regular when looked at, a pipe when opened.
    regular = tmp_path / "regular.md"
    regular.write_text("Hei.\n")
    pipe = tmp_path / "page.md"
    os.mkfifo(pipe)
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda p, *a, **k: real_stat(regular if os.fspath(p) == str(pipe) else p)
    )
    with deadline(10), pytest.raises(ReadError, match="named pipe"):
        read_bytes(pipe)


def test_a_device_is_refused(tmp_path: Path) -> None:
    # /dev/zero would do the same; before this check, reading it filled the memory.
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    with deadline(10), pytest.raises(ReadError, match="character device"):
        read_bytes(link)


# --- size first ----------------------------------------------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = _sparse(tmp_path / "big.md", MAX_BYTES + 5 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="over the 20 MiB limit"):
            read_bytes(big)
        assert tracemalloc.get_traced_memory()[1] < 1024 * 1024
    finally:
        tracemalloc.stop()


def test_hashing_a_corpus_never_reads_a_file_over_the_limit(tmp_path: Path) -> None:
    big = _sparse(tmp_path / "big.md", MAX_BYTES + 5 * 1024 * 1024)
    small = tmp_path / "small.md"
    small.write_text("Hei.\n")
    cache = cache_module.Cache(tmp_path / "cache")
    tracemalloc.start()
    try:
        digests = cache_module.file_digests(cache, tmp_path, [(big, "big.md"), (small, "small.md")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert digests["big.md"] is None
    assert digests["small.md"] == cache_module.content_digest(b"Hei.\n")
    assert peak < 2 * 1024 * 1024, f"{peak / 2**20:.1f} MiB used to hash a refused file"


def test_a_file_that_grows_after_the_check_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hupli import files
    from hupli.files import read_regular

    page = tmp_path / "page.md"
    page.write_bytes(b"x" * 3 * 1024 * 1024)
    monkeypatch.setattr(files, "check_stat", lambda *args: None)  # it was small when checked
    with pytest.raises(ReadError, match="over the 1 MiB limit"):
        read_regular(page, limit=1024 * 1024)


# --- a limit on blocks ---------------------------------------------------------------------


def test_a_page_of_more_blocks_than_the_limit_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hupli.settings import MAX_BLOCKS

    page = tmp_path / "huge.md"
    page.write_text("Kappale.\n\n" * (MAX_BLOCKS + 1), encoding="utf-8")
    assert main(["align", str(page), str(EN_BLOG), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert f"{page}: 20,001 blocks, over the limit of 20,000 for one page" in err
    assert "split it into several pages" in err


def test_a_page_at_the_block_limit_is_read() -> None:
    from hupli.document import document_from_text
    from hupli.settings import MAX_BLOCKS

    document = document_from_text("Kappale.\n\n" * MAX_BLOCKS, "page.md")
    assert len(document.blocks) == MAX_BLOCKS


# --- folders that cannot be listed ------------------------------------------------------


def _unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """FOLDER as one without read permission (the tests run as root, whom chmod does not
    stop): listing it fails."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.path.realpath(os.fspath(path)) == os.path.realpath(folder):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def _unsearchable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """FOLDER as one without search permission: its names can be listed, but nothing in it
    can be looked at or opened."""
    real_stat = os.stat
    inside = os.path.realpath(folder) + os.sep

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, (str, os.PathLike)) and os.path.realpath(path).startswith(inside):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)


@pytest.mark.parametrize("simulate", [_unlistable, _unsearchable])
def test_ingest_names_a_folder_it_cannot_read_and_takes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], simulate
) -> None:
    exports = tmp_path / "exports"
    (exports / "locked").mkdir(parents=True)
    (exports / "locked" / "page.md").write_bytes(FI_BLOG.read_bytes())
    (exports / "open").mkdir()
    (exports / "open" / "blog.txt").write_bytes(EN_BLOG.read_bytes())
    simulate(monkeypatch, exports / "locked")
    code = main(["ingest", str(exports), "--corpus", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 2
    assert str(exports / "locked") in err and "permission denied" in err
    assert (tmp_path / "site" / "en" / "blog-the-possibility-of-closed-doors.txt").is_file()


def test_a_corpus_folder_that_cannot_be_listed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = copy_sample(tmp_path)
    (corpus / "fi" / "drafts").mkdir()
    (corpus / "fi" / "drafts" / "x.md").write_text("Luonnos.\n")
    _unlistable(monkeypatch, corpus / "fi" / "drafts")
    code = main(["lint", str(corpus), "--no-cache", "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 2
    assert f"{corpus}/fi/drafts:1: unreadable cannot list the folder: permission denied" in out
    assert "blogi-kaisa" in out  # the rest was checked


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: chmod proves nothing")
def test_a_folder_without_permission_really(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "page.md").write_bytes(FI_BLOG.read_bytes())
    exports.chmod(0)
    try:
        code = main(["ingest", str(exports), "--corpus", str(tmp_path / "site")])
    finally:
        exports.chmod(0o755)
    assert code == 2 and "permission denied" in capsys.readouterr().err


# --- writes that fail: read-only corpus, full disk --------------------------------------


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ROOT."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in root.rglob("*")
    }


def _disk_fills(monkeypatch: pytest.MonkeyPatch, after: int = 0, once: bool = False) -> None:
    """Every fsync after the first AFTER fails as on a full disk (with ONCE, only the next
    one: space was freed meanwhile)."""
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > after and not (once and calls["n"] > after + 1):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Making a folder or a temporary file fails as in a read-only folder (as root, chmod
    would not stop the writes)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(args[0]) if args else "")

    monkeypatch.setattr(os, "mkdir", refuse)
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize(
    "fault", ["read-only", "disk full at once", "disk full midway", "one write fails"]
)
def test_ingest_that_cannot_write_leaves_the_corpus_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fault
) -> None:
    site = tmp_path / "site"
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "blog.md").write_bytes(FI_BLOG.read_bytes())
    (exports / "blog.txt").write_bytes(EN_BLOG.read_bytes())
    site.mkdir()
    (site / "README").write_text("kept\n")
    before = _snapshot(site)
    if fault == "read-only":
        _read_only(monkeypatch)
    else:
        # Midway: the first document's two files are written, the second's are not, nor
        # the provenance; or only the second document's first file fails.
        _disk_fills(
            monkeypatch, 0 if fault == "disk full at once" else 2, fault == "one write fails"
        )
    code = main(["ingest", str(exports), "--corpus", str(site)])
    err = capsys.readouterr().err
    assert code == 2
    hint = "make the folder writable" if fault == "read-only" else "free some space"
    assert f"{site}/" in err and "cannot write" in err and hint in err
    after = _snapshot(site)
    if fault != "one write fails":
        assert after == before  # no empty folder, no half of anything
        return
    # What was written is whole and recorded; nothing else was left behind.
    import json

    provenance = json.loads(after.pop("provenance.json") or b"")
    written = {k for k, v in after.items() if v is not None and k != "README"}
    assert written == {
        path
        for relpath, record in provenance["documents"].items()
        for path in (relpath, record["original_copy"])
    }
    assert len(provenance["documents"]) == 1


@pytest.mark.parametrize("command", ["align", "status", "lint", "export"])
def test_a_full_disk_leaves_no_partial_report(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    report = tmp_path / "report.out"
    report.write_text("the report of yesterday\n")
    corpus = str(copy_sample(tmp_path))
    args = {
        "align": ["align", str(FI_BLOG), str(EN_BLOG), "--format", "json"],
        "status": ["status", corpus, "--format", "json"],
        "lint": ["lint", corpus, "--format", "sarif"],
        "export": ["export", "tmx", str(FI_BLOG), str(EN_BLOG)],
    }[command]
    _disk_fills(monkeypatch)
    code = main([*args, "--no-cache", "-o", str(report)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{report}: cannot write: no space left on the device (free some space" in err
    assert report.read_text() == "the report of yesterday\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_a_really_full_device_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    code = main(["align", str(FI_BLOG), str(EN_BLOG), "--format", "json", "-o", "/dev/full"])
    assert code == 2
    assert "/dev/full: cannot write: no space left on the device" in capsys.readouterr().err


def test_a_hupli_toml_that_is_not_utf8_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = copy_sample(tmp_path)
    (corpus / "hupli.toml").write_bytes('original = "fi"  # äidinkieli\n'.encode("cp1252"))
    assert main(["lint", str(corpus), "--no-cache"]) == 2
    assert f"{corpus}/hupli.toml: not UTF-8 text (save it as UTF-8)" in capsys.readouterr().err


# --- no documents is not a success --------------------------------------------------------

EMPTY_COMMANDS = [["lint"], ["status"], ["pair"], ["export", "tmx"], ["export", "xliff"]]


@pytest.mark.parametrize("command", EMPTY_COMMANDS, ids=" ".join)
def test_an_empty_folder_is_not_a_clean_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    empty = tmp_path / "typo"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")
    code = main([*command, str(empty), "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"no documents found in {empty} (no .md, .markdown, .txt or .text file" in err
    assert out == ""


@pytest.mark.parametrize("command", EMPTY_COMMANDS, ids=" ".join)
def test_a_folder_of_unreadable_files_is_not_a_clean_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "logo.md").write_bytes(b"\x89PNG\x00\x00")
    code = main([*command, str(folder), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{folder}/logo.md: binary file" in err
    assert f"no documents found in {folder} (none of its 1 file(s)" in err


# --- an output over an input ------------------------------------------------------------


def _clash_cases(tmp_path: Path) -> list[tuple[list[str], Path]]:
    corpus = copy_sample(tmp_path)
    fi = corpus / "fi" / "blogi-suljettujen-ovien-mahdollisuus.md"
    en = corpus / "en" / "blog-the-possibility-of-closed-doors.txt"
    (corpus / "hupli.toml").write_text('original = "fi"\n')
    link = tmp_path / "link.md"
    link.symlink_to(fi)
    return [
        (["align", str(fi), str(en)], fi),
        (["align", str(fi), str(en)], en),
        (["align", str(fi), str(en), "--format", "json"], link),  # the page, by a symlink
        (["align", str(fi), str(en), "--since", str(FI_BLOG)], FI_BLOG),
        (
            ["status", str(corpus)],
            corpus / "fi" / "kunta-alan-kekseliaat-kehittajat-korona-aikana.txt",
        ),
        (["status", str(corpus), "--format", "csv"], corpus / "hupli.toml"),
        (["lint", str(corpus), "--format", "sarif"], en),
        (["export", "tmx", str(corpus)], fi),
        (["export", "xliff", str(fi), str(en)], fi),
    ]


def test_a_report_is_never_written_over_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args, target in _clash_cases(tmp_path):
        before = _snapshot(tmp_path)
        code = main([*args, "--no-cache", "-o", str(target)])
        err = capsys.readouterr().err
        assert code == 2, args
        assert f"{target} is an input of this command" in err, args
        assert "write the report elsewhere" in err
        assert _snapshot(tmp_path) == before, args


def test_a_report_beside_the_inputs_is_written(tmp_path: Path) -> None:
    corpus = copy_sample(tmp_path)
    report = corpus / "status.csv"  # inside the corpus, but not a document
    report.write_text("old\n")
    assert main(["status", str(corpus), "--format", "csv", "-o", str(report)]) == 0
    assert report.read_text().startswith("original,translation,")


# --- every command reads the configuration of the files it is given ------------------------


def _blog_corpus(tmp_path: Path, config: str) -> tuple[Path, Path, Path]:
    """A corpus of the blog and its translation only, with CONFIG as its hupli.toml."""
    corpus = tmp_path / "site"
    (corpus / "fi").mkdir(parents=True)
    (corpus / "en").mkdir()
    fi, en = corpus / "fi" / FI_BLOG.name, corpus / "en" / EN_BLOG.name
    fi.write_bytes(FI_BLOG.read_bytes())
    en.write_bytes(EN_BLOG.read_bytes())
    (corpus / "hupli.toml").write_text(config)
    return corpus, fi, en


def test_align_agrees_with_lint_on_a_disabled_check(tmp_path: Path) -> None:
    corpus, fi, en = _blog_corpus(tmp_path, "[checks]\nmissing = false\n")
    assert main(["lint", str(corpus), "--no-cache"]) == 0
    assert main(["align", str(fi), str(en), "--no-cache"]) == 0
    assert main(["export", "xliff", str(fi), str(en), "--no-cache"]) == 0


def test_align_and_export_take_the_corpus_severities_and_signature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    corpus, fi, en = _blog_corpus(tmp_path, 'seed = 3\n[severity]\nmissing = "warning"\n')
    assert main(["align", str(fi), str(en), "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "seed:3" in data["signature"]
    assert {f["severity"] for link in data["links"] for f in link["findings"]} == {"warning"}
    assert main(["export", "tmx", str(fi), str(en), "--no-cache"]) == 0
    assert "seed:3" in capsys.readouterr().out
    assert main(["lint", str(corpus), "--format", "json", "--no-cache"]) == 0
    assert "seed:3" in json.loads(capsys.readouterr().out)["signature"]


def test_accept_records_with_the_corpus_configuration(tmp_path: Path) -> None:
    import json

    _corpus, fi, en = _blog_corpus(tmp_path, "seed = 3\n")
    assert main(["accept", str(fi), str(en)]) == 0
    record = tmp_path / "site" / ".hupli" / "records" / "fi" / f"{FI_BLOG.name}.json"
    assert "seed:3" in json.loads(record.read_text())["signature"]


def test_config_option_on_align_accept_and_export(tmp_path: Path) -> None:
    settings = tmp_path / "elsewhere.toml"
    settings.write_text("[checks]\nmissing = false\n")
    args = [str(FI_BLOG), str(EN_BLOG), "--no-cache"]
    assert main(["align", *args]) == 1
    assert main(["align", *args, "--config", str(settings)]) == 0
    assert main(["export", "xliff", *args, "--config", str(settings)]) == 0
    assert main(["export", "xliff", str(tmp_path), "--config", str(settings)]) == 2  # no pages
    for command in (["accept"], ["export", "tmx"]):
        assert main([*command, "--help"]) == 0


def test_files_of_two_differently_configured_corpora_need_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus, fi, _en = _blog_corpus(tmp_path / "a", "seed = 1\n")
    _corpus, _fi, en = _blog_corpus(tmp_path / "b", "seed = 2\n")
    assert main(["align", str(fi), str(en), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "belong to corpora with different configurations" in err and "--config" in err


def test_the_languages_given_win_over_the_configuration(tmp_path: Path) -> None:
    from hupli.api import pair_settings

    _corpus, fi, en = _blog_corpus(tmp_path, 'original = "en"\ntranslation = "fi"\n')
    settings, config = pair_settings([en, fi])
    assert (settings.source_language, settings.target_language) == ("en", "fi")
    assert config.source.endswith("hupli.toml")
    settings, _config = pair_settings([fi, en], source_language="fi", target_language="en")
    assert (settings.source_language, settings.target_language) == ("fi", "en")


# --- an original with no text ---------------------------------------------------------------


@pytest.fixture()
def textless_corpus(tmp_path: Path) -> Path:
    """An original with nothing to translate (a separator only), paired with an empty page
    by their names, and an empty original without a translation."""
    corpus = tmp_path / "site"
    (corpus / "fi").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "fi" / "tyhja.md").write_text("***\n")
    (corpus / "en" / "tyhja.md").write_text("")
    (corpus / "fi" / "luonnos.md").write_text("\n")
    return corpus


def test_status_of_originals_with_no_text_says_so_in_every_format(
    textless_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    import json

    args = ["status", str(textless_corpus), "--no-cache"]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "no text to translate" in table and "100%" not in table and "0%" not in table
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["coverage"] for p in data["pairs"]] == [None]
    assert data["summary"]["coverage"] is None
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["coverage"] for row in rows] == ["n/a", "n/a"]
    assert main([*args, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "no text to translate" in page and "100 %" not in page


# --- an XLIFF work package holds the originals without any translation ----------------------


def test_export_xliff_of_a_corpus_asks_for_originals_without_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xml.etree.ElementTree as ET

    lxml = pytest.importorskip("lxml.etree")
    from hupli.api import export_corpus

    corpus = copy_sample(tmp_path)
    assert main(["export", "xliff", str(corpus), "--no-cache"]) == 0
    text = capsys.readouterr().out
    schema = lxml.XMLSchema(lxml.parse(str(Path(__file__).parent / "data" / "xliff_core_2.0.xsd")))
    assert schema.validate(lxml.fromstring(text.encode())), schema.error_log
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    files = {f.get("original"): f for f in ET.fromstring(text).iter(f"{ns}file")}
    untranslated = export_corpus(corpus).untranslated_documents
    assert len(untranslated) == 3
    for document, _why in untranslated:
        file = files[document.path]
        notes = [n.text or "" for n in file.iter(f"{ns}note") if n.get("category") == "translation"]
        assert notes and notes[0].startswith("translation: no translation yet (")
        units = list(file.iter(f"{ns}unit"))
        assert [u.get("id") for u in units] == [
            f"u-{b.index}" for b in document.blocks if b.kind != "separator"
        ]
        assert all(u.get("type") == "hupli:no-translation" for u in units)
        sources = [u.find(f"{ns}segment/{ns}source").text for u in units]  # type: ignore[union-attr]
        assert sources == [b.text for b in document.blocks if b.kind != "separator"]
    assert f"{corpus}/fi/blogi-suljettujen-ovien-mahdollisuus.md" in files  # the missing end
