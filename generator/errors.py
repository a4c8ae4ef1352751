"""The exceptions core code raises; only `cli` prints them and picks the exit code.

Every problem names the file and, where one applies, the line, then the fix,
in the `file:line: message` form editors and CI logs understand.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input. Sorts by file, then line."""

    src_path: str
    line: int | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.src_path}:{self.line}" if self.line else self.src_path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class GeneratorError(Exception):
    """Base of everything the generator raises on purpose."""


class ContentError(GeneratorError):
    """One input file cannot be used as it is; the other files still build."""

    def __init__(self, src_path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.problem = Problem(str(src_path), line, message)

    def __str__(self) -> str:
        return str(self.problem)


class RegistryError(GeneratorError):
    """A curated registry is broken: no site can be built until it is fixed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems)


class BuildError(GeneratorError):
    """The build could not finish (MkDocs failed, output path refused, ...)."""


class Refused(GeneratorError):
    """`add` will not save this address (an HTTP error, not a page, no
    article text, ...): nothing was written."""
