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


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def report(problems: list[Problem]) -> list[str]:
    """The lines a provider reads: one per problem, then a count."""
    files = len({problem.path for problem in problems})
    lines = [problem.format() for problem in sorted(problems)]
    fix = "Los het op" if len(problems) == 1 else "Los ze op"
    lines.append(f"{plural(len(problems), 'probleem', 'problemen')} in {plural(files, 'bestand', 'bestanden')}. {fix} en probeer het opnieuw.")
    return lines
