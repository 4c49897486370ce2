"""Exceptions the library raises and the exit codes the CLI documents.

Library exceptions subclass builtins (as pint's do), so callers can catch ``ValueError``
without knowing kzfacts. The library never exits, prints or configures logging; ``cli.py``
turns these into one stderr line and an ``ExitCode``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the ``kzfacts`` command."""

    OK = 0  #: every input was read
    INPUT_ERROR = 1  #: some input could not be read; the others were still processed
    USAGE = 2  #: bad command line (typer/click's own code)
    CONFLICTS_FOUND = 3  #: ``conflicts --check`` found conflicting figures
    INTERRUPTED = 130  #: Ctrl-C
    BROKEN_PIPE = 141  #: stdout closed early (``| head``): 128 + SIGPIPE, as a shell reports it


class KzfactsError(Exception):
    """Base of every error kzfacts raises on purpose."""


class InputError(ValueError, KzfactsError):
    """An input that cannot be read as text: names the path and what to do about it."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        msg = f"{path}: {problem}"
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)


class SkippedInput(InputError):
    """An input skipped on purpose (e.g. a binary file): a warning, not a failure."""


class ClaimsFileError(InputError):
    """A ``--claims`` file whose records are not claims."""
