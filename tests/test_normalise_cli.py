"""`hupli normalise` as a careful user runs it: modes, counts, encodings, the corpus
configuration, lint's suggested fix, and links to the files it rewrites (issue 15)."""

from __future__ import annotations

import codecs
import errno
import json
import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import hupli.document.read as read_module
import hupli.document.rewrite as rewrite_module
from hupli.cli import cli
from hupli.document.rewrite import NEW_SUFFIX, rewrite
from hupli.model import ReadError

MESSY = "Otsikko\n\nTeksti  \n"  # trailing_whitespace
CLEAN = "Otsikko\n\nTeksti.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- modes exclude each other ----------------------------------------------------------


@pytest.mark.parametrize(
    "modes",
    [
        ["--check", "--write"],
        ["--write", "--check"],
        ["--check", "--diff"],
        ["--diff", "--write"],
        ["--check", "--diff", "--write"],
    ],
)
def test_two_modes_are_a_usage_error_and_nothing_is_written(tmp_path: Path, modes) -> None:
    page = tmp_path / "a.txt"
    page.write_text(MESSY, encoding="utf-8")
    code, _out, err = run("normalise", *modes, str(page))
    assert code == 2
    assert "exclude each other" in err
    assert page.read_text(encoding="utf-8") == MESSY


# --- counting --------------------------------------------------------------------------


def test_summary_counts_failed_writes_apart(tmp_path: Path, monkeypatch) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(MESSY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(CLEAN, encoding="utf-8")

    def disk_full(path: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(read_module, "write_atomic", disk_full)
    code, _out, err = run("normalise", "--write", str(tmp_path))
    assert code == 2
    assert "0 file(s) reformatted, 1 unchanged, 2 failed" in err
    assert "No space left on device" in err
    assert " -1 unchanged" not in err


def test_summary_counts_unreadable_files_as_failed(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "good.txt").write_text(MESSY, encoding="utf-8")
    code, _out, err = run("normalise", "--check", str(tmp_path))
    assert code == 2
    assert "1 file(s) would be reformatted, 0 unchanged, 1 failed" in err


# --- encoding: always UTF-8, and said so -----------------------------------------------


@pytest.mark.parametrize(
    ("data", "written"),
    [
        (CLEAN.replace("Teksti", "Tästä").encode("cp1252"), None),
        (codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le"), codecs.BOM_UTF8),
    ],
)
def test_a_change_of_encoding_is_named_and_always_made(
    tmp_path: Path, data: bytes, written: bytes | None
) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(data)
    code, out, _err = run("normalise", "--check", str(page))
    assert code == 1
    assert out == f"{page}: would reformat (encoding_to_utf8)\n"
    assert run("normalise", "--write", str(page))[0] == 0
    text = page.read_bytes()
    assert text.startswith(written or b"") and text.endswith(b".\n")
    text.removeprefix(written or b"").decode("utf-8")  # UTF-8 now
    assert run("normalise", "--check", str(page))[0] == 0


def test_utf8_with_bom_is_not_a_change_of_encoding(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(codecs.BOM_UTF8 + CLEAN.encode("utf-8"))
    assert run("normalise", "--check", str(page))[0] == 0


def test_lint_names_the_change_of_encoding(tmp_path: Path) -> None:
    (tmp_path / "fi").mkdir()
    page = tmp_path / "fi" / "a.txt"
    page.write_bytes("Kaupunki avasi uuden kirjaston Imatralle tänä vuonna.\n".encode("cp1252"))
    _code, out, _err = run("lint", str(tmp_path), "--format", "json")
    formats = [f for f in json.loads(out)["findings"] if f["code"] == "format"]
    assert [(f["line"], "encoding_to_utf8" in f["message"]) for f in formats] == [(1, True)]


# --- the corpus configuration ----------------------------------------------------------


def _corpus_with_rule_off(root: Path) -> Path:
    """A corpus whose configuration turns trailing_whitespace off, and a page needing it."""
    (root / "fi").mkdir(parents=True)
    (root / "hupli.toml").write_text("[rules]\ntrailing_whitespace = false\n", encoding="utf-8")
    page = root / "fi" / "sivu.txt"
    page.write_text("Kaupunki avasi kirjaston keskustaan.  \n", encoding="utf-8")
    return page


def test_normalise_reads_the_corpus_configuration(tmp_path: Path) -> None:
    page = _corpus_with_rule_off(tmp_path / "site")
    assert run("normalise", "--check", str(page))[0] == 0  # as lint: the rule is off
    assert run("normalise", "--check", str(tmp_path / "site"))[0] == 0
    lint = json.loads(run("lint", str(tmp_path / "site"), "--format", "json")[1])
    assert not [f for f in lint["findings"] if f["code"] == "format"]
    # --config overrides the configuration found; --disable adds to it.
    other = tmp_path / "other.toml"
    other.write_text("[rules]\n", encoding="utf-8")
    assert run("normalise", "--check", "--config", str(other), str(page))[0] == 1
    args = ("--config", str(other), "--disable", "trailing_whitespace")
    assert run("normalise", "--check", *args, str(page))[0] == 0


def test_normalise_and_lint_agree_on_tool_hupli_in_pyproject(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "fi").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        "[project]\nname = 'site'\n\n[tool.hupli.rules]\ntrailing_whitespace = false\n",
        encoding="utf-8",
    )
    page = root / "fi" / "sivu.txt"
    page.write_text("Kaupunki avasi kirjaston keskustaan.  \n", encoding="utf-8")
    assert run("normalise", "--check", str(page))[0] == 0
    lint = json.loads(run("lint", str(root), "--format", "json")[1])
    assert not [f for f in lint["findings"] if f["code"] == "format"]
    # With a second rule that fires, lint's fix, run as given, leaves the disabled one be.
    page.write_text("Kaupunki avasi kirjaston keskustaan.  \n\n\n\nTeksti.\n", "utf-8")
    [fix] = _lint_fix(root)
    assert run(*shlex.split(fix)[1:])[0] == 0
    assert page.read_text("utf-8") == "Kaupunki avasi kirjaston keskustaan.  \n\nTeksti.\n"
    assert run("normalise", "--check", str(page))[0] == 0
    assert _lint_fix(root) == []


def test_a_broken_configuration_is_an_error_naming_it(tmp_path: Path) -> None:
    page = _corpus_with_rule_off(tmp_path / "site")
    (tmp_path / "site" / "hupli.toml").write_text("[rules\n", encoding="utf-8")
    code, _out, err = run("normalise", "--check", str(page))
    assert code == 2
    assert "hupli.toml" in err


def _lint_fix(root: Path, *args: str) -> list[str]:
    out = run("lint", str(root), "--format", "json", *args)[1]
    return [
        f["message"].split("run: ", 1)[1]
        for f in json.loads(out)["findings"]
        if f["code"] == "format"
    ]


def test_lints_suggested_fix_is_exactly_right(tmp_path: Path, monkeypatch) -> None:
    # The configuration sits above the folder that normalise takes for the page's corpus
    # (content/, which holds fi/): lint of site/ reads it, normalise from the page would
    # not, so the fix names it.
    monkeypatch.chdir(tmp_path)
    site = Path("site")
    (site / "content" / "fi").mkdir(parents=True)
    (site / "hupli.toml").write_text("[rules]\ntrailing_whitespace = false\n", encoding="utf-8")
    page = site / "content" / "fi" / "50% off #1.txt"
    page.write_text("Kaupunki avasi kirjaston keskustaan.  \n\u00a0\n\nTeksti.\n", "utf-8")
    [fix] = _lint_fix(site)
    assert fix == (
        "hupli normalise --write --config site/hupli.toml 'site/content/fi/50% off #1.txt'"
    )
    argv = shlex.split(fix)
    assert run(*argv[1:])[0] == 0
    assert page.read_text(encoding="utf-8") == "Kaupunki avasi kirjaston keskustaan.  \n\nTeksti.\n"
    assert _lint_fix(site) == []


def test_lints_fix_names_no_configuration_normalise_finds_itself(tmp_path: Path) -> None:
    page = _corpus_with_rule_off(tmp_path / "site")
    page.write_text("Kaupunki avasi kirjaston keskustaan.\n\n\n\nTeksti.\n", encoding="utf-8")
    assert _lint_fix(tmp_path / "site") == [f"hupli normalise --write {page}"]


def test_lints_fix_names_the_configuration_given_to_lint(tmp_path: Path) -> None:
    page = _corpus_with_rule_off(tmp_path / "site")
    other = tmp_path / "other.toml"
    other.write_text("[rules]\n", encoding="utf-8")
    assert _lint_fix(tmp_path / "site", "--config", str(other)) == [
        f"hupli normalise --write --config {other} {page}"
    ]


# --- links -----------------------------------------------------------------------------


def test_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "a.txt"
    target.parent.mkdir()
    target.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    assert run("normalise", "--write", str(link))[0] == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == "Otsikko\n\nTeksti\n"


def test_write_keeps_hard_links(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(MESSY, encoding="utf-8")
    second = tmp_path / "b.txt"
    os.link(first, second)
    assert run("normalise", "--write", str(first))[0] == 0
    assert os.path.samefile(first, second)
    assert second.read_text(encoding="utf-8") == "Otsikko\n\nTeksti\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no copy left


def test_in_place_rewrite_refuses_a_file_changed_meanwhile(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(b"changed by someone else\n")
    os.link(first, tmp_path / "b.txt")
    with pytest.raises(ReadError, match="changed while it was being normalised"):
        rewrite(first, b"new\n", expected=b"what was read\n")
    assert first.read_bytes() == b"changed by someone else\n"
    assert not (tmp_path / f".a.txt{NEW_SUFFIX}").exists()


def test_in_place_rewrite_that_fails_puts_the_old_text_back(tmp_path: Path, monkeypatch) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(b"old\n")
    os.link(first, tmp_path / "b.txt")
    real = rewrite_module._overwrite
    calls = []

    def full_once(handle, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 1:
            handle.write(data[:1])  # a part written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real(handle, data)

    monkeypatch.setattr(rewrite_module, "_overwrite", full_once)
    with pytest.raises(ReadError, match="No space left"):
        rewrite(first, b"new text\n", expected=b"old\n")
    assert (tmp_path / "b.txt").read_bytes() == b"old\n"
    assert not (tmp_path / f".a.txt{NEW_SUFFIX}").exists()
