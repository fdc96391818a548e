"""Decoding CMS exports: encodings, BOMs, newline styles, mojibake, binary files."""

from __future__ import annotations

import codecs
import os

import pytest

from hupli.document.read import decode_bytes, encode_text, iter_files, read_path, write_atomic
from hupli.model import ReadError

TEXT = "Tästäkin selvitään.\nKiitos – “lainaus”.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_each_export_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "page.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


@pytest.mark.parametrize(("newline", "name"), [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR")])
def test_newline_style_is_remembered_and_text_uses_lf(newline: str, name: str) -> None:
    decoded = decode_bytes(TEXT.replace("\n", newline).encode(), name)
    assert decoded.newline == newline
    assert "\r" not in decoded.text
    assert encode_text(decoded.text, decoded) == TEXT.replace("\n", newline).encode()


def test_mojibake_is_repaired_but_quotes_stay_curly() -> None:
    broken = "TÃ¤stÃ¤kin selvitÃ¤Ã¤n. “Hyvä”".encode()
    decoded = decode_bytes(broken, "page.md")
    assert decoded.text == "Tästäkin selvitään. “Hyvä”"
    assert decoded.repaired_mojibake


def test_correct_text_is_untouched() -> None:
    text = "Final ‘quotes’ and ｆｕｌｌ width — Ã alone stays.\n"
    decoded = decode_bytes(text.encode(), "page.md")
    assert decoded.text == text
    assert not decoded.repaired_mojibake


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", bytes(range(256)) * 4])
def test_binary_input_is_an_error_naming_the_file(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        decode_bytes(data, "images/logo.png")
    assert "images/logo.png" in str(info.value)


def test_missing_file_and_directory_are_errors(tmp_path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "missing.md")
    with pytest.raises(ReadError, match="directory"):
        read_path(tmp_path)


def test_markdown_is_told_from_text() -> None:
    assert decode_bytes(b"## Otsikko\n\nTeksti.", "a").markup == "markdown"
    assert decode_bytes(b"Otsikko\n\nTeksti.", "a").markup == "text"


def test_bom_kept_on_rewrite() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + b"a\r\nb\r\n", "x")
    assert encode_text("a\nb\n", decoded) == codecs.BOM_UTF8 + b"a\r\nb\r\n"


def test_write_atomic_replaces_and_keeps_mode(tmp_path) -> None:
    target = tmp_path / "page.md"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_iter_files_takes_text_files_under_folders_in_order(tmp_path) -> None:
    (tmp_path / "b.md").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.md").write_text("c")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt", "b.md"]
