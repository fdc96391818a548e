"""Command line: parse options, call the library, pick a writer, return an exit code.

Exit codes, for every command: 0 clean; 1 a finding at or above `--fail-on` (or, for
`normalise --check`, a file that would change); 2 a usage error or an input that could
not be read (reported after everything else was processed).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TextIO

import click

from hupli import __version__
from hupli.model import HupliError, ReadError, Severity

if TYPE_CHECKING:
    from hupli.cache import Cache
    from hupli.model import Alignment
    from hupli.settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
EXPORT_FORMATS = ("html", "csv", "tmx", "xliff")

# Every command that writes a report or an export takes the same option. A path, not
# click.File: that would open (and empty) the file before the command has run.
_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here, not stdout (written whole when the command is done, or not at all).",
)
# Every command that reads through the cache, and every one that reads a whole corpus.
_no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Recompute everything; bypass the cache."
)
# Every command that reads documents: their settings come from this file, or from the
# configuration of the corpus they belong to (`hupli.api.config_for_paths`).
_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: hupli.toml at the corpus root, else [tool.hupli] "
    "in the nearest pyproject.toml).",
)
_language_options = [
    click.option(
        "--source-lang",
        metavar="LANG",
        help="Language of the original (default: the configuration's, else fi).",
    ),
    click.option(
        "--target-lang",
        metavar="LANG",
        help="Language of the translation (default: the configuration's, else en).",
    ),
]
_jobs_option = click.option(
    "-j",
    "--jobs",
    type=int,
    default=0,
    help="Processes for large corpora (0: one per CPU); the output is the same for any N.",
)


class _Formats(click.Choice):
    """The formats a command writes, "text" (the human view) first in every command. The
    old name "rich" (align, status) is still taken, hidden from the help, with a warning."""

    ALIASES: ClassVar[dict[str, str]] = {"rich": "text"}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.ALIASES:
            new = self.ALIASES[value]
            click.echo(f"hupli: warning: --format {value} is now --format {new}", err=True)
            value = new
        return super().convert(value, param, ctx)


def _with(decorators: Sequence[Any]) -> Any:
    """Apply DECORATORS (click options) in the order they are listed."""

    def apply(func: Any) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


_code_options = [
    click.option(
        "--source-code",
        metavar="CODE",
        help="Original's language code in TMX/XLIFF "
        "(e.g. fi-FI); default: the original's language.",
    ),
    click.option(
        "--target-code",
        metavar="CODE",
        help="Translation's language code in TMX/XLIFF "
        "(e.g. en-GB); default: the translation's language.",
    ),
]
_segment_option = click.option(
    "--segment",
    type=click.Choice(["paragraph", "sentence"]),
    default="paragraph",
    show_default=True,
    help="TMX units: whole linked passages, or sentence pairs where both sides have "
    "the same number of sentences.",
)
_bom_option = click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM, for Excel.")


def _export_options(func: Any) -> Any:
    """Options of `align --format csv|html|tmx|xliff`: every export format's. `export tmx`
    and `export xliff` take only those their format uses."""
    return _with([*_code_options, _segment_option, _bom_option])(func)


def _write_export(fmt: str, inputs: Any, output: Output, options: dict[str, Any]) -> None:
    from hupli.api import export

    result = export(
        fmt,
        inputs.alignments,
        source_code=options["source_code"] or inputs.source_language,
        target_code=options["target_code"] or inputs.target_language,
        segment=options.get("segment", "paragraph"),
        bom=options.get("bom", False),
        untranslated=inputs.untranslated_documents,
        signature=inputs.signature,
    )
    for warning in result.warnings:
        click.echo(f"hupli: warning: {warning}", err=True)
    if result.text:
        output.write(result.text)


def _refuse_output_over_input(output: str | None, *files: str | None, **corpus: Any) -> None:
    """A usage error, before anything is read or written, when `-o` names one of the
    inputs (`hupli.api.output_overwrites`): a report must never replace a page."""
    if output is None or output == "-":
        return
    from hupli.api import output_overwrites

    clash = output_overwrites(output, files, **corpus)
    if clash is not None:
        raise click.BadParameter(
            f"{output} is an input of this command ({clash}); write the report elsewhere",
            param_hint="'-o' / '--output'",
        )


class Output:
    """Where a command's report goes: stdout as it is made, or the file of `-o`, which gets
    exactly what stdout would have, written atomically when the command is done
    (`hupli.api.write_output`): a failure, a full disk or a kill leaves the file as it was,
    never half a report."""

    def __init__(self, path: str | None) -> None:
        self.path = path if path != "-" else None
        self.file: TextIO = io.StringIO() if self.path else sys.stdout

    def write(self, text: str) -> None:
        self.file.write(text)

    def close(self, outcome: Outcome) -> None:
        """Write the file of `-o` (a failure is an error of OUTCOME)."""
        if self.path is None or not isinstance(self.file, io.StringIO):
            return
        from hupli.api import write_output

        try:
            write_output(self.path, self.file.getvalue())
        except HupliError as exc:
            outcome.error(exc)


class Outcome:
    """Counts what happened in a run and decides the exit code (after psf/black's Report)."""

    def __init__(self) -> None:
        self.failed = False  # a finding reached --fail-on
        self.errors = 0  # unreadable inputs

    def error(self, exc: HupliError) -> None:
        # The files that could not be read first, then what that means (no documents).
        for inner in getattr(exc, "errors", ()):
            self.error(inner)
        self.errors += 1
        click.secho(f"hupli: error: {exc}", err=True, fg="red")

    @property
    def code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_OK


def _finish(code: int) -> NoReturn:
    # Exit through click so both `hupli` and click's test runner see the code.
    click.get_current_context().exit(code)


def _cache(near: str, disabled: bool) -> Cache:
    from hupli.api import open_cache

    return open_cache(near, enabled=not disabled)


def _threshold(fail_on: str) -> Severity | None:
    return None if fail_on == "never" else Severity.parse(fail_on)


def _console(output: Any = None) -> Any:
    from hupli.report.terminal import rich_console

    return rich_console(output)


def _view_console(output: Any = None) -> Any:
    from hupli.report.terminal import view_console

    return view_console(output)


def _settings(
    paths: Sequence[str | None],
    config_path: str | None,
    source_lang: str | None,
    target_lang: str | None,
) -> tuple[Settings, str]:
    """The settings for a pair of files: their corpus's configuration (or CONFIG_PATH),
    with the languages given on the command line; and the configuration file, if any."""
    from hupli.api import pair_settings

    settings, config = pair_settings(
        [p for p in paths if p],
        config_path,
        source_language=source_lang,
        target_language=target_lang,
    )
    return settings, config.source


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
    type=_Formats(["text", "json", *EXPORT_FORMATS]),
    default="text",
    show_default=True,
    help="text: side-by-side view and summary; json: one object for programs; html: one "
    "self-contained page; csv: one row per link; tmx: memory; xliff: work package.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option("--problems-only", is_flag=True, help="Show only links with findings.")
@_with(_language_options)
@_config_option
@_output_option
@click.option(
    "--since",
    type=click.Path(dir_okay=False),
    metavar="OLD_ORIGINAL",
    help="Report what changed in the original since this older version (wins over a record).",
)
@click.option("--record", is_flag=True, help="Accept this alignment: record the pair afterwards.")
@click.option("--no-history", is_flag=True, help="Ignore the pair's record.")
@_no_cache_option
@_export_options
def align(
    original: str,
    translation: str,
    fmt: str,
    fail_on: str,
    problems_only: bool,
    source_lang: str | None,
    target_lang: str | None,
    config_path: str | None,
    output: str | None,
    since: str | None,
    record: bool,
    no_history: bool,
    no_cache: bool,
    **export_options: Any,
) -> None:
    """Align ORIGINAL (Finnish) with TRANSLATION (English) paragraph by paragraph and show
    every passage that is missing, added, changed or left untranslated.

    When the pair has a record (see `hupli accept`), also show what changed in the original
    since the record: edited, rewritten, added, removed and moved blocks, each against the
    English blocks it affects.

    \b
    Examples:
      hupli align corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                  corpus/en/blog-the-possibility-of-closed-doors.txt --format json
      hupli align new/blogi.md corpus/en/blog-the-possibility-of-closed-doors.txt \\
                  --since corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md
    """
    from hupli import api

    outcome = Outcome()
    settings, config_file = _settings(
        [original, translation], config_path, source_lang, target_lang
    )
    record_file = os.fspath(api.record_of(original, settings))
    _refuse_output_over_input(output, original, translation, since, record_file, config_file)
    result = api.align_pair(
        original,
        translation,
        settings,
        _cache(original, no_cache),
        since=since,
        history=not no_history,
    )
    for error in result.errors:
        outcome.error(error)
    if result.alignment is None:
        _finish(outcome.code)
    alignment, history = result.alignment, result.history
    out = Output(output)
    if history is not None:
        from hupli.report.terminal import describe_basis

        click.echo(f"hupli: {describe_basis(history)}", err=True)
    for note in result.notes:
        click.echo(f"hupli: note: {note}", err=True)
    if fmt == "json":
        from hupli.report.json import alignment_json, to_json_text

        data = alignment_json(alignment)
        if history is not None:
            data["history"] = history.to_json()
        out.write(to_json_text(data))
    elif fmt in EXPORT_FORMATS:
        inputs = api.Inputs(
            (alignment,),
            source_language=settings.source_language,
            target_language=settings.target_language,
        )
        _write_export(fmt, inputs, out, export_options)
    else:
        from hupli.report.terminal import render_alignment, render_history

        console = _view_console(out.file)
        render_alignment(alignment, console, problems_only=problems_only)
        if history is not None:
            render_history(history, alignment, console)
    if record and result.accepted is not None:
        _record(result.accepted, settings, outcome)
    from hupli.align import all_findings, worst_severity

    threshold = _threshold(fail_on)
    worst = worst_severity(all_findings(alignment))
    outcome.failed = threshold is not None and worst is not None and worst >= threshold
    out.close(outcome)
    _finish(outcome.code)


def _record(alignment: Alignment, settings: Settings, outcome: Outcome) -> None:
    from hupli.api import accept
    from hupli.corpus.history.records import display_path

    try:
        path = accept(alignment, settings)
    except HupliError as exc:
        outcome.error(exc)
        return
    click.echo(
        f"hupli: recorded {alignment.source.path} ↔ {alignment.target.path} "
        f"in {display_path(path)}",
        err=True,
    )


@cli.command()
@click.argument("original", type=click.Path(dir_okay=False))
@click.argument("translation", type=click.Path(dir_okay=False))
@_with(_language_options)
@_config_option
def accept(
    original: str,
    translation: str,
    source_lang: str | None,
    target_lang: str | None,
    config_path: str | None,
) -> None:
    """Record that TRANSLATION is up to date with ORIGINAL as they stand now.

    Writes `<corpus root>/.hupli/records/<original>.json`: each original block's
    fingerprint, text and the translation blocks it maps to. Later `hupli align` runs show
    what changed in the original since. Commit the record with the pages.

    \b
    Example:
      hupli accept corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                   corpus/en/blog-the-possibility-of-closed-doors.txt
    """
    from hupli.api import align_pair

    outcome = Outcome()
    settings, _config_file = _settings(
        [original, translation], config_path, source_lang, target_lang
    )
    result = align_pair(original, translation, settings, history=False)
    for error in result.errors:
        outcome.error(error)
    if result.alignment is not None:
        _record(result.alignment, settings, outcome)
    _finish(outcome.code)


class NormaliseCount:
    """What a `normalise` run did to each file, for its summary line."""

    def __init__(self) -> None:
        self.changed = 0  # reformatted, or would be
        self.unchanged = 0
        self.failed = 0  # could not be read or written

    def summary(self, mode: str) -> str:
        verb = "would be reformatted" if mode == "check" else "reformatted"
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.changed} file(s) {verb}, {self.unchanged} unchanged{failed}"


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--check", is_flag=True, help="Exit 1 if a file would change; name the rules.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what would change.")
@click.option(
    "--write",
    is_flag=True,
    help="Rewrite files in place, atomically (links are kept: see the README).",
)
@click.option("--disable", multiple=True, metavar="RULE", help="Turn a rule off (repeatable).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: each file's corpus configuration, as lint reads it).",
)
def normalise(
    files: Sequence[str],
    check: bool,
    diff: bool,
    write: bool,
    disable: Sequence[str],
    config_path: str | None,
) -> None:
    """Normalise the formatting of CMS exports, like a code formatter.

    Without an option, print the normalised text of one FILE. FILE may be a folder: its
    .md and .txt files are taken. Only prose changes: a Markdown page's front matter,
    code, tables, HTML and admonitions stay as they are. Files are written as UTF-8
    (`encoding_to_utf8` names a change of encoding), keeping a BOM and the newline style.
    The rules turned off in the corpus configuration ([rules] in hupli.toml) stay off.

    \b
    Examples:
      hupli normalise --check corpus/
      hupli normalise --diff corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md
      hupli normalise --write corpus/
    """
    from hupli import api
    from hupli.report.text import normalise_diff

    chosen = [name for name, on in (("--check", check), ("--diff", diff), ("--write", write)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} exclude each other: choose one")
    mode = {"--check": "check", "--diff": "diff", "--write": "write"}[chosen[0]] if chosen else None
    paths = list(api.text_files(files))
    if mode is None and len(paths) != 1:
        raise click.UsageError("with more than one file, choose --check, --diff or --write")
    outcome = Outcome()
    count = NormaliseCount()
    configs: dict[Any, Any] = {}
    for path in paths:
        try:
            result = api.normalise_file(path, disable, config_path=config_path, configs=configs)
        except ReadError as exc:
            outcome.error(exc)
            count.failed += 1
            continue
        except HupliError as exc:  # a configuration that cannot be used ends the run
            outcome.error(exc)
            _finish(outcome.code)
        if mode is None:
            click.echo(result.normalised.text, nl=False)
            continue
        if not result.changed:
            count.unchanged += 1
            continue
        rules = ", ".join(result.rules)
        if mode == "check":
            click.echo(f"{path}: would reformat ({rules})")
            outcome.failed = True
        elif mode == "diff":
            diff_text = normalise_diff(path, result.decoded.text, result.normalised.text, rules)
            click.echo(diff_text, nl=False)
        else:
            try:
                api.write_normalised(path, result)
            except HupliError as exc:
                outcome.error(exc)
                count.failed += 1
                continue
            click.echo(f"reformatted {path} ({rules})", err=True)
        count.changed += 1
    if mode in ("check", "write"):
        click.echo(count.summary(mode), err=True)
    _finish(outcome.code)


@cli.group()
def export() -> None:
    """Export for CAT tools: a TMX translation memory or an XLIFF work package.

    Each takes a CORPUS folder, whose originals are paired with their translations, or an
    ORIGINAL and its TRANSLATION.

    \b
    Examples:
      hupli export tmx corpus/ -o imatra.tmx --source-code fi-FI --target-code en-GB
      hupli export xliff corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                         corpus/en/blog-the-possibility-of-closed-doors.txt -o work.xlf
    """


def _export_command(
    fmt: str, paths: Sequence[str], output: str | None, options: dict[str, Any]
) -> None:
    from pathlib import Path

    from hupli import api

    jobs, cache = options.pop("jobs"), _cache(paths[0], options.pop("no_cache"))
    config_path = options.pop("config_path")
    source_lang, target_lang = options.pop("source_lang"), options.pop("target_lang")
    outcome = Outcome()
    if len(paths) == 1 and Path(paths[0]).is_dir():
        _refuse_output_over_input(output, corpus=paths[0], config_path=config_path)
        try:
            inputs = api.export_corpus(
                paths[0], config_path=config_path, jobs=_jobs(jobs), cache=cache
            )
        except HupliError as exc:
            outcome.error(exc)
            _finish(outcome.code)
    elif len(paths) == 2:
        settings, config_file = _settings(paths, config_path, source_lang, target_lang)
        record_file = os.fspath(api.record_of(paths[0], settings))
        _refuse_output_over_input(output, paths[0], paths[1], record_file, config_file)
        inputs = api.export_pair(paths[0], paths[1], settings, cache)
    else:
        raise click.UsageError("give a CORPUS folder, or an ORIGINAL and its TRANSLATION")
    for error in inputs.errors:
        outcome.error(error)
    for note in inputs.notes:
        click.echo(f"hupli: note: {note}", err=True)
    out = Output(output)
    # An XLIFF work package also asks for the originals that have no translation at all.
    if inputs.alignments or (fmt == "xliff" and inputs.untranslated_documents):
        _write_export(fmt, inputs, out, options)
    out.close(outcome)
    _finish(outcome.code)


_export_arguments = [
    click.argument("paths", nargs=-1, required=True, metavar="CORPUS | ORIGINAL TRANSLATION"),
    *_language_options,
    _config_option,
    _output_option,
    *_code_options,
    _jobs_option,
    _no_cache_option,
]


@export.command("tmx")
@_with(_export_arguments)
@_segment_option
def export_tmx(paths: Sequence[str], output: str | None, **options: Any) -> None:
    """TMX 1.4b memory of every linked pair (ok or changed): never a missing, added or
    untranslated passage. Warns about units over 2,000 characters a side.

    \b
    Examples:
      hupli export tmx corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                       corpus/en/blog-the-possibility-of-closed-doors.txt -o blog.tmx
      hupli export tmx corpus/ --segment sentence --source-code fi-FI --target-code en-GB
    """
    _export_command("tmx", paths, output, options)


@export.command("xliff")
@_with(_export_arguments)
def export_xliff(paths: Sequence[str], output: str | None, **options: Any) -> None:
    """XLIFF 2.0 work package of what needs translating: missing, changed, untranslated and
    source-changed passages, as units `u-<block>` in a <file original="<original's path>">.
    A changed passage carries the current English as the target to fix.

    \b
    Example:
      hupli export xliff corpus/fi/blogi-suljettujen-ovien-mahdollisuus.md \\
                         corpus/en/blog-the-possibility-of-closed-doors.txt -o work.xlf
    """
    _export_command("xliff", paths, output, options)


# --- corpus commands: ingest, pair, status, lint ---------------------------------------------


def _corpus_options(func: Any) -> Any:
    func = _no_cache_option(func)
    func = _jobs_option(func)
    func = _config_option(func)
    return click.argument("corpus", default="corpus", type=click.Path())(func)


def _jobs(jobs: int) -> int:
    from hupli.parallel import resolve_jobs

    return resolve_jobs(jobs)


def _progress() -> Any:
    """Progress bars on stderr when it is a terminal; else None (nothing counted, no bar)."""
    if not sys.stderr.isatty():
        return None
    from hupli.report.progress import progress_bar

    return lambda total, what: progress_bar(total, what, enabled=True)


def _open_corpus(corpus: str, config_path: str | None, jobs: int, cache: Any) -> Any:
    """The corpus read, its unreadable files reported; a configuration error ends the run
    (exit 2)."""
    from hupli.api import open_corpus

    outcome = Outcome()
    try:
        return open_corpus(
            corpus, config_path=config_path, jobs=_jobs(jobs), cache=cache, progress=_progress()
        )
    except HupliError as exc:
        outcome.error(exc)
        _finish(outcome.code)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--corpus", "corpus", default="corpus", show_default=True, type=click.Path(file_okay=False)
)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file."
)
def ingest(paths: Sequence[str], corpus: str, dry_run: bool, config_path: str | None) -> None:
    """Bring raw exports (files or folders) into the corpus under stable names.

    Each file is decoded, normalised and language-detected, and written to
    CORPUS/<language>/<slug from the title>.md|.txt. The original bytes are kept in
    CORPUS/.hupli/originals/ and recorded in CORPUS/provenance.json. Ingesting the same
    file again changes nothing; a different file that would take an existing name is
    refused (exit 1).

    \b
    Example:
      hupli ingest exports/2020-04/ --corpus corpus --dry-run
    """
    from hupli.api import ingest as run_ingest
    from hupli.corpus.ingest import COLLISION
    from hupli.report.text import ingest_summary, ingest_text

    outcome = Outcome()
    try:
        result = run_ingest(paths, corpus, config_path, dry_run=dry_run)
    except HupliError as exc:
        outcome.error(exc)
        _finish(outcome.code)
    click.echo(ingest_text(result, corpus, dry_run=dry_run), nl=False)
    for error in result.errors:
        outcome.error(error)
    outcome.failed = result.count(COLLISION) > 0
    click.echo(ingest_summary(result, dry_run=dry_run), err=True)
    _finish(outcome.code)


@cli.command(name="pair")
@_corpus_options
@click.option(
    "--format",
    "fmt",
    type=_Formats(["text", "json"]),
    default="text",
    show_default=True,
    help="text: each pair and why; json: for programs.",
)
@_output_option
def pair_command(
    corpus: str, config_path: str | None, jobs: int, no_cache: bool, fmt: str, output: str | None
) -> None:
    """Show which document translates which, and why (CORPUS defaults to corpus/).

    Explicit pairs in the configuration win; then naming conventions (fi/ and en/ folders,
    page.fi.md / page.en.md); then content: shared numbers, dates, names, URLs and e-mails,
    length and structure. Works with opaque file names. Unpaired documents say why.

    \b
    Example:
      hupli pair corpus --format json
    """
    from hupli.api import pair
    from hupli.report.json import pairing_json, to_json_text
    from hupli.report.text import pairing_text

    _refuse_output_over_input(output, corpus=corpus, config_path=config_path)
    outcome = Outcome()
    cache = _cache(corpus, no_cache)
    loaded = _open_corpus(corpus, config_path, jobs, cache)
    for error in loaded.errors:
        outcome.error(error)
    pairing = pair(loaded, jobs=_jobs(jobs), cache=cache, progress=_progress())
    for problem in pairing.problems:
        outcome.error(HupliError(problem))
    out = Output(output)
    if fmt == "json":
        out.write(to_json_text(pairing_json(pairing, loaded.config.settings.signature)))
    else:
        out.write(pairing_text(pairing))
    out.close(outcome)
    _finish(outcome.code)


@cli.command()
@_corpus_options
@click.option(
    "--format",
    "fmt",
    type=_Formats(["text", "json", "csv", "html"]),
    default="text",
    show_default=True,
    help="text: a table; json and csv: for programs and spreadsheets; html: one page.",
)
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark, for Excel.")
@_output_option
def status(
    corpus: str,
    config_path: str | None,
    jobs: int,
    no_cache: bool,
    fmt: str,
    bom: bool,
    output: str | None,
) -> None:
    """How complete the translation is: each original, its translation or none, the share
    of its blocks translated, and missing, added, changed and untranslated passages.

    \b
    Examples:
      hupli status
      hupli status corpus --format csv -o status.csv
    """
    from hupli.api import corpus_status

    _refuse_output_over_input(output, corpus=corpus, config_path=config_path)
    outcome = Outcome()
    cache = _cache(corpus, no_cache)
    loaded = _open_corpus(corpus, config_path, jobs, cache)
    for error in loaded.errors:
        outcome.error(error)
    result = corpus_status(loaded, jobs=_jobs(jobs), cache=cache, progress=_progress())
    for error in result.errors:
        outcome.error(error)
    for note in result.notes:
        click.echo(f"hupli: note: {note}", err=True)
    out = Output(output)
    if fmt == "json":
        from hupli.report.json import status_json, to_json_text

        out.write(to_json_text(status_json(result)))
    elif fmt == "csv":
        from hupli.report.csv import status_csv

        out.write(status_csv(result, bom=bom))
    elif fmt == "html":
        from hupli.report.html import status_html

        out.write(status_html(result))
    else:
        from hupli.report.terminal import render_status

        render_status(result, _console(out.file))
    out.close(outcome)
    _finish(outcome.code)


@cli.command()
@_corpus_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text: path:line: CODE message; github: workflow annotations; sarif: SARIF 2.1.0.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@_output_option
@click.option(
    "--files",
    "only_files",
    is_flag=True,
    help="Report only on the files named after CORPUS, and on the pairs they belong to "
    "(the whole corpus is still read, for pairing).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Report only on the files changed since REF (git diff --name-only REF...HEAD), "
    "and on the pairs they belong to.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Accepted findings (a file from --write-baseline): reported as suppressed, never "
    "failing the run.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=click.Path(dir_okay=False),
    help="Write every current finding to this baseline file (reasons to fill in) and exit.",
)
@click.argument("paths", nargs=-1, type=click.Path())
def lint(
    corpus: str,
    config_path: str | None,
    jobs: int,
    no_cache: bool,
    fmt: str,
    fail_on: str,
    output: str | None,
    only_files: bool,
    changed_since: str | None,
    baseline_path: str | None,
    write_baseline: str | None,
    paths: Sequence[str],
) -> None:
    """Check a corpus for CI and pre-commit: formatting, wrong language, originals without
    translation, missing/changed/untranslated passages, unreadable files.

    Exit 0 when clean, 1 when a finding reaches --fail-on, 2 on a usage error or an
    unreadable file (after checking everything else). Codes: unreadable, format,
    wrong-language, no-translation, no-original, manifest, missing, added, changed,
    untranslated, length-outlier.

    On a pull request, --changed-since REF (or --files PATH...) reports only the pages it
    changes and the pairs they belong to, with the same exit codes. A baseline of accepted
    findings (--write-baseline, then --baseline) lets a site adopt lint before fixing
    everything: only new findings fail.

    \b
    Examples:
      hupli lint
      hupli lint corpus --format github --fail-on warning
      hupli lint corpus --format sarif -o hupli.sarif
      hupli lint content --changed-since origin/main --baseline hupli-baseline.json
      hupli lint content --files content/fi/etusivu.md content/en/front-page.md
    """
    from pathlib import Path

    from hupli.api import lint_corpus
    from hupli.corpus.lint import fails

    _refuse_output_over_input(output, corpus=corpus, config_path=config_path)
    if write_baseline and (only_files or changed_since):
        raise click.UsageError(
            "--write-baseline takes every finding: leave out --files and --changed-since"
        )
    selected = _selected_files(corpus, only_files, changed_since, paths)
    if only_files and not Path(corpus).is_dir():
        corpus = "corpus"  # `hupli lint --files a.md b.md`: the default corpus folder
    outcome = Outcome()
    cache = _cache(corpus, no_cache)
    try:
        run, config = lint_corpus(
            corpus, config_path=config_path, jobs=_jobs(jobs), cache=cache, progress=_progress()
        )
    except HupliError as exc:
        outcome.error(exc)
        _finish(outcome.code)
    for note in run.notes:
        click.echo(f"hupli: note: {note}", err=True)
    if write_baseline:
        _write_baseline(run.findings, write_baseline, baseline_path, outcome)
        outcome.errors += run.unreadable
        _finish(outcome.code)
    if selected is not None:
        from hupli.corpus.lint import select

        run, left_out = select(run, selected)
        click.echo(
            f"hupli: reporting on {len(selected)} changed file(s) and the pairs they belong "
            f"to; {left_out} finding(s) elsewhere in the corpus left out",
            err=True,
        )
    findings = list(run.findings)
    if baseline_path:
        from hupli.corpus.baseline import apply_baseline, read_baseline

        try:
            findings, stale = apply_baseline(findings, read_baseline(baseline_path))
        except HupliError as exc:
            outcome.error(exc)
            _finish(outcome.code)
        if stale and selected is None:
            click.echo(
                f"hupli: note: {stale} finding(s) of the baseline {baseline_path} no longer "
                "occur; write it again with --write-baseline to drop them",
                err=True,
            )
    out = Output(output)
    if fmt == "json":
        from hupli.report.json import lint_json, to_json_text

        out.write(to_json_text(lint_json(findings, run.signature)))
    elif fmt == "github":
        from hupli.report.github import lint_github

        out.write(lint_github(findings))
    elif fmt == "sarif":
        from hupli.corpus.config import all_codes
        from hupli.report.json import to_json_text
        from hupli.report.sarif import lint_sarif

        defaults = {code: config.severity(code) for code in all_codes()}
        out.write(to_json_text(lint_sarif(findings, defaults, root=_checkout())))
    else:
        from hupli.report.text import lint_text

        out.write(lint_text(findings))
    # Unreadable files are findings in the report; they also make the exit code 2.
    outcome.errors = run.unreadable
    # Findings accepted in the baseline never fail the run.
    outcome.failed = fails([f for f in findings if not f.suppressed], _threshold(fail_on))
    out.close(outcome)
    _finish(outcome.code)


def _selected_files(
    corpus: str, only_files: bool, changed_since: str | None, paths: Sequence[str]
) -> list[str] | None:
    """The files lint reports on (None: the whole corpus). With --files, PATHS (and
    CORPUS, when it names a file rather than a folder: `hupli lint --files a.md b.md`)."""
    from pathlib import Path

    if only_files and changed_since:
        raise click.UsageError("--files and --changed-since exclude each other: choose one")
    if paths and not only_files:
        raise click.UsageError(
            f"unexpected argument {paths[0]!r} (files to report on go after --files)"
        )
    if only_files:
        named = [*paths] if Path(corpus).is_dir() else [corpus, *paths]
        if not named:
            raise click.UsageError("--files needs the files to report on")
        return named
    if changed_since:
        from hupli.api import changed_since as git_changed

        try:
            return git_changed(changed_since, corpus if Path(corpus).is_dir() else ".")
        except HupliError as exc:
            Outcome().error(exc)
            _finish(EXIT_ERROR)
    return None


def _write_baseline(
    findings: Sequence[Any], path: str, previous: str | None, outcome: Outcome
) -> None:
    """Write FINDINGS as the baseline at PATH, keeping the reasons of those already in it
    (or in PREVIOUS, the --baseline given)."""
    from pathlib import Path

    from hupli.corpus.baseline import baseline_text, read_baseline
    from hupli.document.read import write_atomic

    keep = None
    for source in (path, previous):
        if source and Path(source).is_file():
            try:
                keep = read_baseline(source)
                break
            except HupliError as exc:
                outcome.error(exc)
                return
    try:
        write_atomic(path, baseline_text(findings, path, keep).encode("utf-8"))
    except OSError as exc:
        outcome.error(HupliError(f"{path}: cannot write the baseline: {exc.strerror or exc}"))
        return
    click.echo(
        f"hupli: wrote {len(findings)} finding(s) to the baseline {path}; give each a reason",
        err=True,
    )


def _checkout() -> Any:
    """The folder SARIF names files relative to: the git checkout, else the working one."""
    from pathlib import Path

    from hupli.corpus.root import checkout_root

    return checkout_root(Path.cwd()) or Path.cwd()


# Python's cyclic garbage collector runs after every 700 net allocations, and each run of
# the oldest generation walks every object alive. A corpus command holds millions of small,
# acyclic frozen objects (blocks, anchors, alignments) for its whole run: profiled on
# 10,000 pages, collection was 3 s of the parent's time, 8% of the wall time. A run is
# short and makes few cycles, so collecting rarely costs no memory worth measuring.
_GC_THRESHOLDS = (50_000, 20, 10)


def main(argv: Sequence[str] | None = None) -> int:
    """Run hupli and return its exit code (tests call this; `hupli` exits with it)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*before)


def _main(argv: Sequence[str] | None) -> int:
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
