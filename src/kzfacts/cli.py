"""The ``kzfacts`` command: a thin layer over ``kzfacts.extract_text`` and ``kzfacts.conflicts``.

It parses options, expands inputs (``source``), picks a writer (``output``), prints one stderr
line per bad input and maps what happened to an ``ExitCode`` (``RunReport.exit_code``). It holds
no text or unit logic.

The command line is typer's (``app``), built on first use. One shape of command line skips it:
``kzfacts extract PATH... [--format F] [-o FILE] [--glob P] [--encoding E] [--bom] [--debug]``,
spelled so plainly that click could read it only one way (``_plain_extract_args``; anything else,
``--help``, a usage error, an unusual spelling, goes to typer), runs the same ``_extract`` without
importing typer and building its commands: ~100 M instructions, a quarter of the start-up of
``kzfacts extract one.txt`` (tests/test_cli_fast.py checks the two read every command line alike).
"""

import codecs
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, TextIO

from kzfacts.errors import ExitCode, InputError, KzfactsError, SkippedInput
from kzfacts.model import Claim, Document
from kzfacts.output import Format, Streams, open_claim_sink, open_output, resolve_format, table_console
from kzfacts.pipeline import iter_claim_batches
from kzfacts.source import DEFAULT_GLOBS, iter_inputs, read_claims, read_document

if TYPE_CHECKING:
    import typer

#: Exit status after the reader of stdout went away (``kzfacts ... | head``): 128 + SIGPIPE, as the shell reports.
BROKEN_PIPE = ExitCode.BROKEN_PIPE

EXIT_CODES = """\
Exit codes: 0 every input was read; 1 some input could not be read (the others were still processed \
and their output written); 2 usage error; 3 conflicts found (conflicts --check); 130 interrupted (Ctrl-C)."""

class RunReport:
    """What happened in one run; ``exit_code`` encodes the documented rules.

    What ``@dataclass`` would make of the fields, written out: generating it costs ~3 M
    instructions of every start-up (``exec`` of generated code).
    """

    _FIELDS = ("stderr", "debug", "check", "files_ok", "files_failed", "files_skipped", "claims", "conflicts")
    __match_args__ = _FIELDS

    def __init__(self, stderr: TextIO, debug: bool = False, check: bool = False, files_ok: int = 0,  # noqa: PLR0917
                 files_failed: int = 0, files_skipped: int = 0, claims: int = 0, conflicts: int = 0) -> None:
        self.stderr = stderr
        self.debug = debug
        self.check = check
        self.files_ok = files_ok
        self.files_failed = files_failed
        self.files_skipped = files_skipped
        self.claims = claims
        self.conflicts = conflicts

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, name) for name in self._FIELDS) == tuple(getattr(other, name) for name in self._FIELDS)

    __hash__ = None  # type: ignore[assignment]  # (as a dataclass with eq and not frozen)

    @property
    def exit_code(self) -> ExitCode:
        if self.files_failed:
            return ExitCode.INPUT_ERROR
        if self.check and self.conflicts:
            return ExitCode.CONFLICTS_FOUND
        return ExitCode.OK

    def problem(self, e: InputError) -> None:
        """One stderr line per bad input: a warning for a skipped file, else an error."""
        if self.debug and e.__traceback__ is not None:
            import traceback

            traceback.print_exception(e, file=self.stderr)
        if isinstance(e, SkippedInput):
            self.files_skipped += 1
            self.stderr.write(f"kzfacts: warning: {e}\n")
        else:
            self.files_failed += 1
            self.stderr.write(f"kzfacts: error: {e}\n")
        self.stderr.flush()


def _streams(ctx: "typer.Context") -> Streams:
    return ctx.obj if isinstance(ctx.obj, Streams) else Streams.from_sys()


def _option_problem(fmt: Format, output: str | None, encoding: str | None, bom: bool) -> tuple[str, str] | None:
    """The usage error (exit 2) found before any input is read, as (message, option), or None."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            return f"unknown encoding {encoding!r}", "--encoding"
    if bom and fmt not in (Format.CSV, Format.TSV):
        return f"--bom applies to csv and tsv output, not {fmt.value}", "--bom"
    if output not in (None, "-") and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        return f"directory of {output} does not exist", "--output"
    return None


def _check_options(fmt: Format, output: str | None, encoding: str | None, bom: bool) -> None:
    """Usage errors (exit 2) found before any input is read: raised for typer to report."""
    problem = _option_problem(fmt, output, encoding, bom)
    if problem is not None:
        import typer

        raise typer.BadParameter(problem[0], param_hint=problem[1])


def _run(streams: Streams, debug: bool, body: Callable[[], ExitCode]) -> int:
    """Run ``body`` and turn Ctrl-C, a closed pipe and unexpected errors into an exit code."""
    try:
        code = int(body())
        streams.stdout.flush()
    except KeyboardInterrupt:
        streams.stderr.write("kzfacts: interrupted\n")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        # Python's SIGPIPE recipe: whatever is still buffered goes to /dev/null, not to a traceback.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, streams.stdout.fileno())
        except (OSError, ValueError):  # not a real file descriptor (tests)
            pass
        code = BROKEN_PIPE
    except KzfactsError as e:
        if debug:
            raise
        streams.stderr.write(f"kzfacts: error: {e}\n")
        code = ExitCode.INPUT_ERROR
    except Exception as e:
        if debug:
            raise
        streams.stderr.write(f"kzfacts: error: internal error ({type(e).__name__}: {e}); "
                             "rerun with --debug for a traceback\n")
        code = ExitCode.INPUT_ERROR
    return code


def _extracted(paths: Sequence[str], globs: Sequence[str] | None, encoding: str | None,
               streams: Streams, report: RunReport) -> Iterator[tuple[Document, Iterator[list[Claim]]]]:
    """Each readable input with its claims in batches, streamed as they are found (a long file's
    first claims are written before its end is read); each bad input is reported on stderr and
    skipped."""
    for item in iter_inputs(paths, glob_patterns=tuple(globs) if globs else DEFAULT_GLOBS):
        if isinstance(item, InputError):
            report.problem(item)
            continue
        try:
            document, text = read_document(item.path, encoding=encoding, doc=item.doc, stdin=streams.stdin)
        except InputError as e:
            report.problem(e)
            continue
        report.files_ok += 1
        yield document, _counted(iter_claim_batches(text, doc=document.doc), report)


def _counted(batches: Iterator[list[Claim]], report: RunReport) -> Iterator[list[Claim]]:
    for batch in batches:
        report.claims += len(batch)
        yield batch


def _extract(streams: Streams, *, paths: Sequence[str], fmt: Format, output: str | None,
             glob: Sequence[str] | None, encoding: str | None, bom: bool, debug: bool) -> int:
    """``extract`` once its options are read and checked (``fmt`` resolved): its exit status."""
    report = RunReport(stderr=streams.stderr, debug=debug)

    def body() -> ExitCode:
        with open_output(output, streams.stdout, bom=bom) as fp:
            sink = open_claim_sink(fmt, fp, terminal=streams.stdout_isatty and fp is streams.stdout)
            for document, claims in _extracted(paths, glob, encoding, streams, report):
                sink.add(document, claims)
            sink.close()
        return report.exit_code

    return _run(streams, debug, body)


@cache
def _build_app() -> "typer.Typer":
    """The typer application: imported and built on first use (``app``), ~100 M instructions."""
    import typer

    app = typer.Typer(
        name="kzfacts",
        help="Find every quantitative claim in news text, and flag figures that disagree across documents.",
        epilog="Examples:\n\n"
        "  kzfacts extract seeds/        (table on a terminal, JSON Lines in a pipe)\n"
        "  kzfacts extract a.txt b.txt --format csv -o claims.csv\n"
        "  cat a.txt | kzfacts extract -\n"
        "  kzfacts extract seeds/ -o claims.jsonl\n"
        "  kzfacts conflicts --claims claims.jsonl\n"
        "  kzfacts conflicts seeds/ --check   (exit 3 if the documents disagree)\n\n" + EXIT_CODES,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    # Options shared by both subcommands, defined once.
    FORMAT_HELP = "Output format. auto = table when stdout is a terminal, else jsonl (with -o: from the file's suffix)."
    FormatOpt = Annotated[Format, typer.Option("--format", "-f", help=FORMAT_HELP, case_sensitive=False)]
    OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE",
                                                   help="Write to FILE (atomically: all or nothing) instead of stdout.")]
    GlobOpt = Annotated[list[str] | None, typer.Option("--glob", metavar="PATTERN", show_default=False,
                                                       help="File names to read inside directories (repeatable; default *.txt and *.md).")]
    EncodingOpt = Annotated[str | None, typer.Option("--encoding", metavar="ENC",
                                                     help="Decode inputs with ENC instead of UTF-8 (e.g. latin-1).")]
    BomOpt = Annotated[bool, typer.Option("--bom", help="Start csv/tsv output with a UTF-8 BOM (for Excel).")]
    DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]

    def _version(value: bool) -> None:
        if value:
            from kzfacts import __version__, compiled_modules

            # as black does: whether the mypyc-compiled pipeline (setup.py) or pure Python is running
            typer.echo(f"kzfacts {__version__} (compiled: {'yes' if compiled_modules() else 'no'})")
            raise typer.Exit()

    @app.callback()
    def _root(
        version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                              help="Show the version and exit.")] = False,
    ) -> None:
        """Find every quantitative claim in news text, and flag figures that disagree across documents."""

    @app.command(epilog="Examples:\n\n  kzfacts extract seeds/ --format csv --bom -o claims.csv\n"
                 "  curl -s URL | kzfacts extract - --format jsonl\n\n" + EXIT_CODES)
    def extract(
        ctx: typer.Context,
        *,
        paths: Annotated[list[str], typer.Argument(metavar="PATH", show_default=False,
                                                   help="Files or directories (searched recursively); - reads stdin.")],
        fmt: FormatOpt = Format.AUTO,
        output: OutputOpt = None,
        glob: GlobOpt = None,
        encoding: EncodingOpt = None,
        bom: BomOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Find every quantitative claim (money, percentages, counts, measures...) in text files."""
        streams = _streams(ctx)
        fmt = resolve_format(fmt, stdout_isatty=streams.stdout_isatty, output=output)
        _check_options(fmt, output, encoding, bom)
        raise typer.Exit(_extract(streams, paths=paths, fmt=fmt, output=output, glob=glob, encoding=encoding,
                                  bom=bom, debug=debug))

    @app.command(epilog="Examples:\n\n  kzfacts conflicts seeds/ --all --format table\n"
                 "  kzfacts conflicts --claims claims.jsonl --tolerance 0.05 --check\n\n" + EXIT_CODES)
    def conflicts(
        ctx: typer.Context,
        *,
        paths: Annotated[list[str] | None, typer.Argument(metavar="PATH", show_default=False,
                                                          help="Files or directories to extract and compare; - reads stdin.")] = None,
        claims_files: Annotated[list[str] | None, typer.Option(
            "--claims", metavar="FILE", show_default=False,
            help="Compare claims saved by 'extract --format jsonl' (or json) instead of reading PATHs.")] = None,
        fmt: FormatOpt = Format.AUTO,
        tolerance: Annotated[float, typer.Option(min=0.0, help="Relative ± width given to approximate figures ('about', 'nearly').")] = 0.10,
        min_spread: Annotated[float, typer.Option("--min-spread", min=0.0,
                                                  help="Do not flag disagreeing groups whose relative spread is below this.")] = 0.0,
        show_all: Annotated[bool, typer.Option("--all", help="Show every compared group, not only conflicts.")] = False,
        check: Annotated[bool, typer.Option("--check", help="Exit with 3 when conflicts are found.")] = False,
        output: OutputOpt = None,
        glob: GlobOpt = None,
        encoding: EncodingOpt = None,
        bom: BomOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Flag figures that disagree across documents (same subject, kind and time, different values)."""
        if bool(paths) == bool(claims_files):
            raise typer.BadParameter("give either PATHs or --claims FILE, not both or neither", param_hint="PATH")
        streams = _streams(ctx)
        fmt = resolve_format(fmt, stdout_isatty=streams.stdout_isatty, output=output)
        _check_options(fmt, output, encoding, bom)
        report = RunReport(stderr=streams.stderr, debug=debug, check=check)

        from kzfacts import conflicts_report  # imported here: `extract` starts faster without them
        from kzfacts._gc import paused
        from kzfacts.conflicts import analyze

        def body() -> ExitCode:
            claims: list[Claim] = []
            if claims_files:
                for path in claims_files:
                    try:
                        claims.extend(read_claims(path, stdin=streams.stdin))
                        report.files_ok += 1
                    except InputError as e:
                        report.problem(e)
            else:
                for _, batches in _extracted(paths or [], glob, encoding, streams, report):
                    for batch in batches:
                        claims.extend(batch)
            with paused():  # (a million claims: each full collection walks them all, for nothing to find)
                return _report(claims)

        def _report(claims: list[Claim]) -> ExitCode:
            documents = len({c.doc for c in claims}) if claims_files else report.files_ok
            analysis = analyze(claims, tolerance=tolerance, min_spread=min_spread)
            report.claims, report.conflicts = analysis.claims_read, len(analysis.conflicts)
            with open_output(output, streams.stdout, bom=bom) as fp:
                if fmt is Format.TABLE:
                    console = table_console(fp, terminal=streams.stdout_isatty and fp is streams.stdout)
                    conflicts_report.render_table(console, analysis, show_all=show_all, documents=documents)
                elif fmt is Format.JSON:
                    conflicts_report.write_json(fp, analysis, show_all=show_all)
                elif fmt is Format.JSONL:
                    conflicts_report.write_jsonl(fp, analysis, show_all=show_all)
                else:
                    dialect = "excel-tab" if fmt is Format.TSV else "excel"
                    conflicts_report.write_csv(fp, analysis, show_all=show_all, dialect=dialect)
            if fmt is not Format.TABLE:
                counts = conflicts_report.summary_line(documents, analysis.claims_read, len(analysis.groups),
                                                       report.conflicts)
                streams.stderr.write(f"kzfacts: {counts}\n")
            return report.exit_code

        raise typer.Exit(_run(streams, debug, body))

    return app


def __getattr__(name: str) -> Any:
    """``app``, the typer application, built when first asked for."""
    if name == "app":
        return _build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The plain spellings of extract's options (tests/test_cli_fast.py): no abbreviations, no "-fcsv".
_PLAIN_FLAGS = {"--bom": "bom", "--debug": "debug"}
_PLAIN_VALUED = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output", "--encoding": "encoding",
                 "--glob": "glob"}
_PLAIN_FORMATS = {f.value: f for f in Format}


def _plain_extract_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``extract``'s parameters from a command line that click reads only one way, else None.

    ``extract``, then paths (``-`` or not starting with ``-``) and the options in the spellings
    above (``--opt VALUE`` or ``--opt=VALUE``), each at most once except ``--glob``, with a
    non-empty value that does not start with ``-`` (``-`` excepted), a format in lower case, and
    at least one path. Anything else (``--help``, ``--``, ``-fcsv``, ``JSON``, a repeated option, a
    usage error...) returns None: typer reads it, and reports what is wrong as it always did.
    """
    if len(args) < 2 or args[0] != "extract":
        return None
    params: dict[str, Any] = {"paths": [], "fmt": Format.AUTO, "output": None, "glob": None, "encoding": None,
                              "bom": False, "debug": False}
    seen: set[str] = set()
    i = 1
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            params["paths"].append(arg)
            continue
        flag = _PLAIN_FLAGS.get(arg)
        if flag is not None:
            if flag in seen:
                return None
            seen.add(flag)
            params[flag] = True
            continue
        name, eq, value = arg.partition("=")
        key = _PLAIN_VALUED.get(name)
        if key is None or (eq and not name.startswith("--")):
            return None
        if not eq:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if not value or (value.startswith("-") and value != "-"):
            return None
        if key == "glob":
            params["glob"] = [*(params["glob"] or ()), value]
            continue
        if key in seen:
            return None
        seen.add(key)
        if key == "fmt":
            fmt = _PLAIN_FORMATS.get(value)
            if fmt is None:
                return None
            params["fmt"] = fmt
        else:
            params[key] = value
    return params if params["paths"] else None


def _fast_extract(args: Sequence[str]) -> int | None:
    """Run a plain ``extract`` command line (``_plain_extract_args``) without typer: its exit
    status, or None (nothing done) when typer must read it."""
    params = _plain_extract_args(args)
    if params is None or os.environ.get("_KZFACTS_COMPLETE"):  # click's shell completion hook
        return None
    streams = Streams.from_sys()
    fmt = resolve_format(params["fmt"], stdout_isatty=streams.stdout_isatty, output=params["output"])
    if _option_problem(fmt, params["output"], params["encoding"], params["bom"]) is not None:
        return None  # a usage error: typer reports it
    return _extract(streams, paths=params["paths"], fmt=fmt, output=params["output"], glob=params["glob"],
                    encoding=params["encoding"], bom=params["bom"], debug=params["debug"])


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point: runs the app and returns its exit status."""
    # What import built (tables, tries, compiled patterns, typer) lives until exit: out of the
    # cyclic GC's sight, so that its collections during a long run do not walk it again and
    # again (4% of `extract` on 1 MB).
    gc.freeze()
    try:
        if argv is not None or os.name != "nt":  # (click expands wildcards in sys.argv on Windows)
            code = _fast_extract(list(argv) if argv is not None else sys.argv[1:])
            if code is not None:
                return code
        _build_app()(args=list(argv) if argv is not None else None, prog_name="kzfacts")
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    return ExitCode.OK
