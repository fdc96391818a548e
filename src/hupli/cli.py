"""Command line: parse options, call the library, pick a writer, return an exit code.

Exit codes, for every command: 0 clean; 1 a finding at or above `--fail-on` (or, for
`normalise --check`, a file that would change); 2 a usage error or an input that could
not be read (reported after everything else was processed).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from hupli import __version__
from hupli.model import HupliError, ReadError, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


class Outcome:
    """Counts what happened in a run and decides the exit code (after psf/black's Report)."""

    def __init__(self) -> None:
        self.failed = False  # a finding reached --fail-on
        self.errors = 0  # unreadable inputs

    def error(self, exc: HupliError) -> None:
        self.errors += 1
        click.secho(f"hupli: error: {exc}", err=True, fg="red")

    @property
    def code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_OK


def _finish(code: int) -> None:
    # Exit through click so both `hupli` and click's test runner see the code.
    click.get_current_context().exit(code)


def _threshold(fail_on: str) -> Severity | None:
    return None if fail_on == "never" else Severity.parse(fail_on)


def _console(output: Any = None) -> Any:
    from rich.console import Console

    file = output or sys.stdout
    is_tty = hasattr(file, "isatty") and file.isatty()
    # A terminal gets its own width and colours; a pipe or file gets 120 columns of
    # plain text, readable in a CI log or a diff.
    return Console(
        file=file,
        width=None if is_tty else 120,
        force_terminal=is_tty or None,
        no_color=not is_tty,
        highlight=False,
        soft_wrap=False,
    )


def _settings(source_lang: str, target_lang: str) -> Any:
    from hupli.settings import Settings

    languages = tuple(dict.fromkeys((source_lang, target_lang, "fi", "en", "sv")))
    return Settings(source_language=source_lang, target_language=target_lang, languages=languages)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="hupli")
def cli() -> None:
    """hupli keeps a bilingual website honest: it aligns each Finnish original with its
    English translation and flags what is missing, added, changed or left untranslated.

    \b
    Examples:
      hupli align corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                  corpus/en/blog-the-possibility-of-closed-doors.txt
      hupli normalise --check corpus/
    """


@cli.command()
@click.argument("original", type=click.Path(dir_okay=False))
@click.argument("translation", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="rich: side-by-side view and summary; json: one object for programs.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option("--problems-only", is_flag=True, help="Show only links with findings.")
@click.option("--source-lang", default="fi", show_default=True, help="Language of the original.")
@click.option("--target-lang", default="en", show_default=True, help="Language of the translation.")
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), help="Write here, not stdout."
)
def align(
    original: str,
    translation: str,
    fmt: str,
    fail_on: str,
    problems_only: bool,
    source_lang: str,
    target_lang: str,
    output: Any,
) -> None:
    """Align ORIGINAL (Finnish) with TRANSLATION (English) paragraph by paragraph and show
    every passage that is missing, added, changed or left untranslated.

    \b
    Example:
      hupli align corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                  corpus/en/blog-the-possibility-of-closed-doors.txt --format json
    """
    from hupli.pipeline import align_documents, load_document
    from hupli.report import all_findings, worst_severity

    outcome = Outcome()
    settings = _settings(source_lang, target_lang)
    documents = []
    for path in (original, translation):
        try:
            documents.append(load_document(path, settings))
        except HupliError as exc:
            outcome.error(exc)
    if outcome.errors:
        _finish(outcome.code)
    alignment = align_documents(documents[0], documents[1], settings)
    if fmt == "json":
        from hupli.report import alignment_json, to_json_text

        (output or sys.stdout).write(to_json_text(alignment_json(alignment)))
    else:
        from hupli.report import render_alignment

        render_alignment(alignment, _console(output), problems_only=problems_only)
    threshold = _threshold(fail_on)
    worst = worst_severity(all_findings(alignment))
    outcome.failed = threshold is not None and worst is not None and worst >= threshold
    _finish(outcome.code)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--check", "mode", flag_value="check", help="Exit 1 if a file would change; name the rules."
)
@click.option(
    "--diff", "mode", flag_value="diff", help="Print a unified diff of what would change."
)
@click.option("--write", "mode", flag_value="write", help="Rewrite files in place, atomically.")
@click.option("--disable", multiple=True, metavar="RULE", help="Turn a rule off (repeatable).")
def normalise(files: Sequence[str], mode: str | None, disable: Sequence[str]) -> None:
    """Normalise the formatting of CMS exports, like a code formatter.

    Without an option, print the normalised text of one FILE. FILE may be a folder: its
    .md and .txt files are taken. Writing keeps a BOM and the newline style; text is
    written as UTF-8.

    \b
    Examples:
      hupli normalise --check corpus/
      hupli normalise --diff corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md
      hupli normalise --write corpus/
    """
    import difflib

    from hupli.normalise import normalise as run_rules
    from hupli.read import encode_text, iter_files, read_path, write_atomic

    paths = list(iter_files(files))
    if mode is None and len(paths) != 1:
        raise click.UsageError("with more than one file, choose --check, --diff or --write")
    outcome = Outcome()
    changed = 0
    for path in paths:
        try:
            decoded = read_path(path)
            result = run_rules(decoded.text, disable, decoded.markup)
        except HupliError as exc:
            outcome.error(exc)
            continue
        if mode is None:
            click.echo(result.text, nl=False)
            continue
        if not result.changed and not decoded.repaired_mojibake:
            continue
        changed += 1
        rules = ", ".join(
            result.rules + (("repair_mojibake",) if decoded.repaired_mojibake else ())
        )
        if mode == "check":
            click.echo(f"{path}: would reformat ({rules})")
            outcome.failed = True
        elif mode == "diff":
            diff = difflib.unified_diff(
                decoded.text.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                fromfile=f"{path}\t(original)",
                tofile=f"{path}\t(normalised: {rules})",
            )
            click.echo("".join(diff), nl=False)
        else:
            try:
                write_atomic(path, encode_text(result.text, decoded))
            except OSError as exc:
                outcome.error(ReadError(str(path), f"cannot write: {exc.strerror or exc}"))
                continue
            click.echo(f"reformatted {path} ({rules})", err=True)
    if mode in ("check", "write"):
        verb = "would be reformatted" if mode == "check" else "reformatted"
        click.echo(
            f"{changed} file(s) {verb}, {len(paths) - changed - outcome.errors} unchanged", err=True
        )
    _finish(outcome.code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run hupli and return its exit code (tests call this; `hupli` exits with it)."""
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None, prog_name="hupli", standalone_mode=False
        )
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except HupliError as exc:
        click.secho(f"hupli: error: {exc}", err=True, fg="red")
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
