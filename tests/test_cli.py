"""The ``kzfacts`` command: formats, stdin, bad inputs, exit codes, -o, pipes.

Most tests use ``fake_extractor`` (conftest) so their exact output does not depend on the real
pipeline; the tests marked "real pipeline" check the extractor end to end.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest
from conftest import (
    BAD_ROOT,
    BINARY_FILE,
    CLAIM_41BN,
    EMPTY_FILE,
    LATIN1_FILE,
    NO_TEXT_DIR,
    REPO_ROOT,
    SEEDS_ROOT,
    MockStreams,
    fake_batches,
    fake_extract,
)
from typer.testing import CliRunner

import kzfacts.pipeline
from kzfacts import __version__
from kzfacts.cli import BROKEN_PIPE, RunReport, app, main
from kzfacts.errors import ExitCode
from kzfacts.output import write_jsonl

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("fake_extractor")

TEXT = "Exports 12 and 7 tonnes.\nImports 300.\n"
# what --version must say: is the pipeline a mypyc-built extension module (setup.py) or source?
COMPILED = "no" if kzfacts.pipeline.__file__.endswith(".py") else "yes"


def claims_json(doc: str, text: str = TEXT) -> list[str]:
    return [json.dumps(c.to_dict(), ensure_ascii=False) for c in fake_extract(text, doc=doc)]


@pytest.fixture
def two_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("Only 5.\n")
    return tmp_path


def invoke(args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


# --- version and help ---


def test_version():
    result = invoke(["--version"])
    assert (result.exit_code, result.stdout) == (0, f"kzfacts {__version__} (compiled: {COMPILED})\n")


def test_main_returns_exit_code(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kzfacts {__version__} (compiled: {COMPILED})\n"
    assert main(["extract", "no/such/file.txt"]) == ExitCode.INPUT_ERROR


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["conflicts", "--help"]])
def test_help_lists_exit_codes(args):
    result = invoke(args, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Exit codes: 0 every input was read; 1 some input could not be read" in result.stdout
    assert "3 conflicts found (conflicts --check); 130 interrupted" in result.stdout


def test_help_mentions_both_commands_and_examples():
    out = invoke(["--help"], env={"COLUMNS": "200"}).stdout
    assert "extract " in out and "conflicts " in out
    assert "kzfacts extract seeds/" in out and "kzfacts conflicts seeds/ --check" in out


def test_no_arguments_shows_help():
    result = invoke([])
    assert result.exit_code == ExitCode.USAGE
    assert "Usage: kzfacts" in result.output


# --- formats ---


def test_stdin_jsonl():
    result = invoke(["extract", "-", "--format", "jsonl"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(line + "\n" for line in claims_json("stdin"))
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["12", "7", "300"]
    assert result.stderr == ""


def test_auto_is_jsonl_when_not_a_tty(two_files):
    auto = invoke(["extract", two_files / "a.txt"])
    explicit = invoke(["extract", two_files / "a.txt", "-f", "jsonl"])
    assert auto.exit_code == 0
    assert auto.stdout == explicit.stdout == "".join(line + "\n" for line in claims_json("a"))


def test_auto_is_table_on_a_tty(two_files):
    streams = MockStreams(stdout_isatty=True)
    result = invoke(["extract", two_files / "a.txt"], obj=streams)
    assert result.exit_code == 0
    out = streams.out()
    assert f"a ({two_files / 'a.txt'})" in out
    assert "line:col" in out and "2:9" in out and "300" in out
    assert out.rstrip().endswith("3 claims in 1 documents")
    assert result.stdout == ""  # everything went to the injected stream


def test_json_format_exact(two_files):
    a, b = two_files / "a.txt", two_files / "b.txt"
    result = invoke(["extract", a, b, "--format", "json"])
    assert result.exit_code == 0
    docs = [json.dumps({"doc": d, "path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                        "chars": len(p.read_text())}) for d, p in (("a", a), ("b", b))]
    claims = claims_json("a") + claims_json("b", "Only 5.\n")
    assert result.stdout == (
        '{"tool": {"name": "kzfacts", "version": "' + __version__ + '"},\n'
        ' "documents": [\n  ' + ",\n  ".join(docs) + "\n ],\n"
        ' "claims": [\n  ' + ",\n  ".join(claims) + "\n ]}\n"
    )


@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_exact_bytes(fmt, sep):
    result = invoke(["extract", "-", "--format", fmt], input="Only 5.\n")
    assert result.exit_code == 0
    header = sep.join(["id", "doc", "start", "end", "line", "col", "text", "sentence", "value", "value_high",
                       "unit", "noun", "kind", "normalized_value", "normalized_unit", "qualifier", "low", "high",
                       "change", "subject", "time"])
    row = sep.join(["stdin:5-6", "stdin", "5", "6", "1", "6", "5", "Only 5.", "5.0", "", "", "", "count", "5.0",
                    "", "exact", "", "", "", "", ""])
    assert result.stdout_bytes == (header + "\r\n" + row + "\r\n").encode()


def test_csv_bom():
    result = invoke(["extract", "-", "--format", "csv", "--bom"], input="1\n")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfid,doc,")


def test_bom_only_for_csv():
    result = invoke(["extract", "-", "--format", "jsonl", "--bom"], input="1\n")
    assert result.exit_code == ExitCode.USAGE
    assert "--bom applies to csv and tsv output, not jsonl" in result.stderr
    assert result.stdout == ""


def test_unknown_encoding_is_a_usage_error():
    result = invoke(["extract", "-", "--encoding", "klingon"], input="1\n")
    assert result.exit_code == ExitCode.USAGE
    assert "unknown encoding 'klingon'" in result.stderr


# --- bad inputs ---


def test_two_files_one_bad(two_files):
    result = invoke(["extract", two_files / "missing.txt", two_files / "a.txt"])
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == f"kzfacts: error: {two_files / 'missing.txt'}: no such file or directory; check the path\n"
    assert result.stdout == "".join(line + "\n" for line in claims_json("a"))  # the good file is still there


def test_latin1_error_then_ok_with_encoding():
    bad = invoke(["extract", LATIN1_FILE, EMPTY_FILE])
    assert bad.exit_code == ExitCode.INPUT_ERROR
    assert bad.stderr == (f"kzfacts: error: {LATIN1_FILE}: not valid UTF-8 at byte 3; "
                          "re-save it as UTF-8 or pass --encoding latin-1\n")
    good = invoke(["extract", LATIN1_FILE, "--encoding", "latin-1", "-f", "json"])
    assert (good.exit_code, good.stderr) == (0, "")
    assert json.loads(good.stdout)["documents"][0]["chars"] == len("Café costs £15.\n")


def test_binary_file_is_a_warning_not_a_failure(two_files):
    result = invoke(["extract", BINARY_FILE, two_files / "b.txt"])
    assert result.exit_code == ExitCode.OK
    assert result.stderr == f"kzfacts: warning: {BINARY_FILE}: looks binary, skipped; kzfacts reads text files only\n"
    assert json.loads(result.stdout)["text"] == "5"


def test_empty_file_is_fine():
    result = invoke(["extract", EMPTY_FILE, "-f", "jsonl"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_directory_without_text_files():
    result = invoke(["extract", NO_TEXT_DIR])
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == (f"kzfacts: error: {NO_TEXT_DIR}: no files matching *.txt, *.md in this directory; "
                             "pass --glob PATTERN\n")
    assert invoke(["extract", NO_TEXT_DIR, "--glob", "*.dat"]).exit_code == 0


def test_bad_fixture_directory_reports_each_problem_once():
    result = invoke(["extract", BAD_ROOT, "-f", "json"])
    assert result.exit_code == ExitCode.INPUT_ERROR
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["warning", "error"]
    assert [d["doc"] for d in json.loads(result.stdout)["documents"]] == ["bom_crlf", "empty"]


def test_internal_error_is_one_line_without_traceback(monkeypatch):
    def broken(text, *, doc):
        raise RuntimeError("kaput")

    monkeypatch.setattr("kzfacts.cli.iter_claim_batches", broken)
    result = invoke(["extract", "-"], input="1")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == "kzfacts: error: internal error (RuntimeError: kaput); rerun with --debug for a traceback\n"
    debug = invoke(["extract", "-", "--debug"], input="1")
    assert isinstance(debug.exception, RuntimeError)  # --debug lets the traceback through


def test_debug_prints_traceback_for_bad_input():
    result = invoke(["extract", LATIN1_FILE, "--debug"])
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "Traceback" in result.stderr and "kzfacts: error:" in result.stderr


# --- -o, Ctrl-C, pipes ---


def test_output_file_is_written_and_stdout_stays_empty(two_files, tmp_path):
    target = tmp_path / "out" / "claims.csv"
    target.parent.mkdir()
    result = invoke(["extract", two_files / "a.txt", "-o", target])  # auto + .csv suffix -> csv
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_bytes().startswith(b"id,doc,start,")
    assert target.read_bytes().count(b"\r\n") == 4
    assert os.listdir(target.parent) == ["claims.csv"]


def test_interrupted_run_leaves_no_partial_output(two_files, tmp_path_factory, monkeypatch):
    target = tmp_path_factory.mktemp("out") / "claims.jsonl"
    target.write_text("previous run\n")
    calls = []

    def interrupted(text, *, doc):
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return fake_batches(text, doc=doc)

    monkeypatch.setattr("kzfacts.cli.iter_claim_batches", interrupted)
    result = invoke(["extract", two_files, "-o", target])
    assert result.exit_code == ExitCode.INTERRUPTED
    assert calls == ["a", "b"]  # a.txt was already written to the temp file when b.txt was interrupted
    assert result.stderr == "kzfacts: interrupted\n"
    assert target.read_text() == "previous run\n"
    assert os.listdir(target.parent) == ["claims.jsonl"]  # no temp file left behind


def test_output_directory_must_exist(tmp_path):
    result = invoke(["extract", "-", "-o", tmp_path / "nope" / "x.jsonl"], input="1")
    assert result.exit_code == ExitCode.USAGE
    assert "does not exist" in result.stderr


class ClosedPipe(io.StringIO):
    def write(self, s):
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_closed_pipe_same_code_for_every_writer(fmt):
    streams = MockStreams(stdin=b"1 2 3")
    streams.stdout = ClosedPipe()
    result = invoke(["extract", "-", "-f", fmt], obj=streams)
    assert (result.exit_code, streams.err(), result.stderr) == (BROKEN_PIPE, "", "")


def test_real_pipe_closed_early_exits_quietly(tmp_path):
    """`kzfacts extract BIG | head -1` in a real process: no traceback, no 'Exception ignored'."""
    big = tmp_path / "big.txt"
    big.write_text("1 2 3 4 5 6 7 8 9 10\n" * 2_000)  # ~7 MB of JSON Lines, far more than a pipe holds
    script = ("import sys, conftest, kzfacts.cli as cli; cli.iter_claim_batches = conftest.fake_batches; "
              "sys.exit(cli.main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "tests")}
    proc = subprocess.Popen([sys.executable, "-c", script, "extract", str(big), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == BROKEN_PIPE, stderr
    assert json.loads(first)["text"] == "1"
    assert stderr == ""


# --- conflicts ---


def _trade(doc: str, figure: str, value: float):
    s = f"Kazakhstan's trade with China hit {figure} in 2023."
    return replace(CLAIM_41BN, doc=doc, sentence=s, text=figure, start=s.index(figure), end=s.index(figure) + len(figure),
                   value=value, normalized_value=value * 1e9, subject="Kazakhstan's trade with China")


@pytest.fixture
def claims_file(tmp_path):
    path = tmp_path / "claims.jsonl"
    with path.open("w", encoding="utf-8") as fp:
        write_jsonl(fp, [_trade("a", "$41 billion", 41.0), _trade("b", "$31 billion", 31.0)])
    return path


def test_conflicts_from_claims_file_json(claims_file):
    result = invoke(["conflicts", "--claims", claims_file, "--format", "json"])
    assert result.exit_code == 0, result.output
    (conflict,) = json.loads(result.stdout)["conflicts"]
    assert conflict["docs"] == ["a", "b"] and conflict["conflicting"] is True
    assert result.stderr == "kzfacts: 2 documents read, 2 claims, 1 group compared, 1 conflict\n"


def test_conflicts_check_exits_3(claims_file):
    assert invoke(["conflicts", "--claims", claims_file, "--check", "-f", "jsonl"]).exit_code == 3
    loose = invoke(["conflicts", "--claims", claims_file, "--check", "--min-spread", "0.5", "-f", "jsonl"])
    assert (loose.exit_code, loose.stdout) == (0, "")


def test_conflicts_table_on_a_tty(claims_file):
    streams = MockStreams(stdout_isatty=True)
    result = invoke(["conflicts", "--claims", claims_file], obj=streams)
    assert result.exit_code == 0
    assert "CONFLICT" in streams.out() and "$31 billion" in streams.out()
    assert streams.err() == ""  # the table carries its own summary


def test_conflicts_csv_crlf(claims_file):
    result = invoke(["conflicts", "--claims", claims_file, "-f", "csv"])
    assert result.stdout_bytes.startswith(b"group,subject,kind,")
    assert result.stdout_bytes.count(b"\r\n") == 3


def test_conflicts_bad_claims_file_names_the_line(claims_file, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x"}\n')
    result = invoke(["conflicts", "--claims", bad, "--claims", claims_file, "-f", "jsonl"])
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr.splitlines()[0] == (f"kzfacts: error: {bad}:1: not a claim record (missing 'normalized'); "
                                             "pass the output of 'kzfacts extract --format jsonl'")
    assert len(result.stdout.splitlines()) == 1  # the good file was still compared


@pytest.mark.parametrize("args", [["conflicts"], ["conflicts", "x.txt", "--claims", "c.jsonl"]])
def test_conflicts_needs_paths_or_claims(args):
    result = invoke(args)
    assert result.exit_code == ExitCode.USAGE
    assert "give either PATHs or --claims FILE" in result.stderr


def test_conflicts_from_paths_counts_documents(two_files):
    result = invoke(["conflicts", two_files, "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"conflicts": []}
    assert result.stderr.startswith("kzfacts: 2 documents read, 4 claims, ")


# --- RunReport ---


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (RunReport(stderr=io.StringIO()), ExitCode.OK),
        (RunReport(stderr=io.StringIO(), files_skipped=2), ExitCode.OK),
        (RunReport(stderr=io.StringIO(), conflicts=2), ExitCode.OK),
        (RunReport(stderr=io.StringIO(), check=True, conflicts=2), ExitCode.CONFLICTS_FOUND),
        (RunReport(stderr=io.StringIO(), check=True, conflicts=2, files_failed=1), ExitCode.INPUT_ERROR),
    ],
)
def test_run_report_exit_code(report, code):
    assert report.exit_code is code


# --- the real pipeline (no fake extractor) ---


@pytest.mark.parametrize("fake_extractor", [None])  # override the module-wide fake
def test_real_pipeline_extracts_money(fake_extractor, tmp_path):
    (tmp_path / "trade.txt").write_text("Trade hit $41 billion in 2023.\n")
    result = invoke(["extract", tmp_path / "trade.txt", "-f", "jsonl"])
    assert result.exit_code == 0
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    money = [c for c in claims if c["text"] == "$41 billion"]
    assert money and money[0]["kind"] == "money" and money[0]["normalized"]["value"] == 41e9
    assert money[0]["id"] == "trade:10-21"


def test_real_process_on_seeds_piped_into_head():
    """`python -m kzfacts extract seeds/ --format jsonl | head -1`, with the real pipeline."""
    proc = subprocess.Popen([sys.executable, "-m", "kzfacts", "extract", str(SEEDS_ROOT), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO_ROOT)
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert code in (ExitCode.OK, BROKEN_PIPE)
    assert json.loads(first)["doc"] == "000_3120fda80079806d"
