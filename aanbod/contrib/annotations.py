"""Problems as GitHub Actions workflow commands, so a pull request shows them on the changed lines."""

from __future__ import annotations

from ..problems import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error") -> str:
    """One ``::error file=...,line=...::message`` line; ``level`` is error, warning or notice."""
    properties = [f"file={_property(problem.path)}"]
    if problem.line:
        properties.append(f"line={problem.line}")
    if problem.field:
        properties.append(f"title={_property(problem.field)}")
    message = problem.message[:1].upper() + problem.message[1:]
    return f"::{level} {','.join(properties)}::{_data(message)}"
