"""Problems found in content files: values with a position, formatted only at the edge."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    code: str = "invalid"
    column: int = 0

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: " if self.field else ""
        message = self.message[:1].upper() + self.message[1:]
        return f"{where}: {what}{message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }


class ContentError(Exception):
    """Raised at the edge (the build) when content has problems; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "probleem" if count == 1 else "problemen"
        super().__init__(f"{count} {noun} in de inhoud:\n" + "\n".join(p.format() for p in self.problems))
