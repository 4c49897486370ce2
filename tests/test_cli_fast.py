"""``kzfacts extract`` without typer (cli._fast_extract) reads and runs a command line as typer does.

A plain ``extract`` command line skips importing and building the typer app (a quarter of the
start-up of a small run). Two checks: any command line the plain reader accepts, typer reads to
the very same parameters (random command lines from the options' spellings, right and wrong);
and ``main`` writes the same bytes, files and exit status either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from unittest import mock

import pytest
from conftest import REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kzfacts import cli
from kzfacts.output import Format

runner = CliRunner()

TEXT = "Exports 12 and 7 tonnes.\nImports 300.\n"

# command lines built from the pieces click reads for extract (each option in each spelling, good
# and bad values) and near misses; plus lists of single tokens in any order
_PATHS = ["a.txt", "b c.md", "-", "", "-x", "x=y", "extract", "conflicts", "jsonl"]
_VALUES = ["jsonl", "JSON", "Csv", "csv", "table", "auto", "tsv", "json", "xml", "", "-", "-x", "out.csv", "*.md",
           "latin-1", "--bom", "a=b"]
_PIECES = st.one_of(
    st.sampled_from(_PATHS).map(lambda p: [p]),
    st.tuples(st.sampled_from(["--format", "-f", "--output", "-o", "--glob", "--encoding"]), st.sampled_from(_VALUES))
    .map(list),
    st.tuples(st.sampled_from(["--format=", "--output=", "--glob=", "--encoding=", "-f", "-o", "-f=", "--form="]),
              st.sampled_from(_VALUES)).map(lambda t: [t[0] + t[1]]),
    st.sampled_from(["--bom", "--debug", "--bom=1", "--debug=yes", "--help", "-h", "--version", "--", "-b",
                     "--claims", "--all", "--check", "--format", "-o"]).map(lambda t: [t]),
)
_TOKENS = [t for t in _PATHS + _VALUES] + ["--format", "-f", "--output", "-o", "--glob", "--encoding", "--bom",
                                            "--debug", "--format=csv", "-fjson", "--", "--help"]
_ARGS = st.one_of(
    st.lists(_PIECES, max_size=6).map(lambda pieces: [t for piece in pieces for t in piece]),
    st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(alphabet="-=fo.txa", max_size=4)), max_size=8),
)


def _typer_reads(argv: list[str]) -> dict | None:
    """The parameters typer's ``extract`` is called with for ``argv``, or None (a usage error, help...)."""
    seen: list[dict] = []

    def record(streams, **params):  # type: ignore[no-untyped-def]
        seen.append(params)
        return 0

    with mock.patch.object(cli, "_extract", record), mock.patch.object(cli, "_check_options"), \
            mock.patch.object(cli, "resolve_format", lambda fmt, **_: fmt):
        result = runner.invoke(cli.app, argv)
    if result.exit_code != 0 or not seen:
        return None
    return seen[0]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.sampled_from(["extract", "extract", "extract", "conflicts", "--version", "-f"]), rest=_ARGS)
def test_plain_reader_agrees_with_typer(first: str, rest: list[str]) -> None:
    argv = [first, *rest]
    plain = cli._plain_extract_args(argv)
    if plain is None:
        return  # typer reads it: nothing to compare
    typer_params = _typer_reads(argv)
    assert typer_params is not None, f"typer refuses {argv!r}, the plain reader accepted it as {plain!r}"
    assert list(typer_params["paths"]) == plain["paths"]
    assert typer_params["fmt"] is plain["fmt"]
    assert list(typer_params["glob"] or []) == list(plain["glob"] or [])
    for key in ("output", "encoding", "bom", "debug"):
        assert typer_params[key] == plain[key], key


@pytest.mark.parametrize("argv", [
    ["extract", "a.txt"],
    ["extract", "a.txt", "b.txt", "--format", "jsonl"],
    ["extract", "-", "-f", "csv", "--bom"],
    ["extract", "--format=tsv", "a.txt", "--glob", "*.txt", "--glob=*.md", "--encoding", "latin-1", "--debug"],
    ["extract", "a.txt", "-o", "-"],
    ["extract", "a.txt", "--output=x.json"],
])
def test_plain_reader_reads(argv):
    plain = cli._plain_extract_args(argv)
    assert plain is not None and plain == _typer_reads(argv)


@pytest.mark.parametrize("argv", [
    ["extract"], ["extract", "--format", "jsonl"], ["extract", "a.txt", "--help"], ["extract", "a.txt", "--"],
    ["extract", "a.txt", "-fjsonl"], ["extract", "a.txt", "--format", "JSONL"], ["extract", "a.txt", "-f", "csv", "-f", "json"],
    ["extract", "a.txt", "--bom", "--bom"], ["extract", "a.txt", "-o"], ["extract", "a.txt", "-o", "-x"],
    ["--version"], ["conflicts", "a.txt"], [],
])
def test_plain_reader_leaves_the_rest_to_typer(argv):
    assert cli._plain_extract_args(argv) is None


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("Only 5.\n")
    (tmp_path / "c.md").write_text("Some 9 and 10%.\n")
    (tmp_path / "l1.txt").write_bytes("Caf\xe9 sold 40 cups.\n".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\0\1\2 12")
    return tmp_path


def _run_main(argv, fast: bool, capsys):  # type: ignore[no-untyped-def]
    if fast:
        code = cli.main(argv)
    else:  # typer's own reading of the same command line
        with mock.patch.object(cli, "_fast_extract", lambda args: None):
            code = cli.main(argv)
    out, err = capsys.readouterr()
    return int(code), out, err


@pytest.mark.usefixtures("fake_extractor")
@pytest.mark.parametrize("argv", [
    ["extract", "{d}/a.txt", "--format", "jsonl"],
    ["extract", "{d}/a.txt", "{d}/b.txt", "-f", "csv", "--bom"],
    ["extract", "{d}", "--glob", "*.txt", "--glob=*.md", "--format=tsv"],
    ["extract", "{d}", "--format", "json"],
    ["extract", "{d}", "-f", "table"],
    ["extract", "{d}/a.txt", "{d}/no-such.txt", "{d}/bin.txt"],
    ["extract", "{d}/l1.txt", "--encoding", "latin-1"],
    ["extract", "{d}/l1.txt"],
    ["extract", "{d}/a.txt", "-o", "{d}/out.csv"],
    ["extract", "{d}/a.txt", "--bom"],  # a usage error: typer reports it either way
    ["extract", "{d}/a.txt", "--encoding", "no-such-codec"],
    ["extract", "{d}/a.txt", "-o", "{d}/no/dir/out.json"],
])
def test_main_runs_plain_extract_as_typer_does(argv, inputs, capsys):
    argv = [a.format(d=inputs) for a in argv]
    typer_run = _run_main(argv, False, capsys)
    written = {p.name: p.read_bytes() for p in inputs.glob("out.*")}
    for p in inputs.glob("out.*"):
        p.unlink()
    fast_run = _run_main(argv, True, capsys)
    assert fast_run == typer_run
    assert {p.name: p.read_bytes() for p in inputs.glob("out.*")} == written


def test_plain_extract_does_not_import_typer(inputs):
    """(Not a timing: what the fast path is for, checked as a fact.)"""
    script = ("import sys; from kzfacts.cli import main; code = main(sys.argv[1:]); "
              "print(code, 'typer' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "KZFACTS_NO_CACHE": "1"}
    result = subprocess.run([sys.executable, "-c", script, "extract", str(inputs / "b.txt"), "-f", "jsonl"],
                            capture_output=True, text=True, cwd=REPO_ROOT, env=env, check=True)
    assert result.stderr.splitlines()[-1] == "0 False"
    assert result.stdout.startswith('{"id": "b:')


def test_format_values_are_the_enum():
    assert set(cli._PLAIN_FORMATS.values()) == set(Format)
