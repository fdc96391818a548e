"""hupli used as a hostile user would: pipes named like pages, huge files, unreadable
folders, full disks, outputs over inputs, empty corpora. Each case is a row of the README's
table "What we tried as a hostile user"."""

from __future__ import annotations

import contextlib
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
