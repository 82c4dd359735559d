"""Every error a user can cause, under one base.

The CLI turns :class:`PackgenError` into a message and an exit code in one place
(``packgen.cli.main``); library callers catch it like any other exception.
"""

from __future__ import annotations

# Exit codes: 0 success, 1 the user's input is wrong (config, template, results),
# 2 command-line usage (click's own), 3 refused to overwrite, 4 could not write output.
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_REFUSED = 3
EXIT_OUTPUT = 4


class PackgenError(Exception):
    """Base of every error caused by what the user gave packgen."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *(f"  - {p}" for p in self.problems)])


class ConfigError(PackgenError):
    """Raised when an event config cannot be read or does not validate."""


class TemplateError(PackgenError):
    """Raised when a template is missing, unreadable or asks for something the config cannot fill."""


class InputFileError(PackgenError):
    """Raised when a file named by the config (invitee CSV, logo) is missing or unreadable."""


class OverwriteRefused(PackgenError):
    """Raised when writing would replace a file holding the organiser's own work."""

    exit_code = EXIT_REFUSED


class OutputError(PackgenError):
    """Raised when an output file or folder cannot be written."""

    exit_code = EXIT_OUTPUT


class ResultsError(PackgenError):
    """Raised when a results file cannot be read at all, or ``--strict`` finds a problem in one."""


class BatchFailed(PackgenError):
    """Raised when one or more events of a batch failed to build; each is listed with its reason and
    the others were built."""
