"""Write one text value as YAML that reads back as exactly that text, by our loader and by any editor.

Plain when that is safe (most titles and sentences), a ``|`` block for text with several
lines, double quotes (JSON escapes, which YAML shares) for everything else. Text that YAML
1.2 would read as a number, a boolean or null is quoted, so editors see text too.
theme/static/js/form.js does the same in the browser; tests read both back.
"""

from __future__ import annotations

import json
import re

_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_TYPED = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"
)
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def is_plain_safe(text: str) -> bool:
    return bool(
        text
        and text == text.strip()
        and not text.startswith(_INDICATORS)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _TYPED.match(text)
        and not _UNSAFE_CHARACTERS.search(text)
    )


def quoted(text: str) -> str:
    """Double quotes with JSON escapes; characters YAML reads as line breaks or refuses are escaped too."""
    return _UNSAFE_CHARACTERS.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def scalar(text: str, indent: str = "  ") -> str:
    """The text after ``key: ``; a block of several lines is indented by ``indent``."""
    lines = text.strip("\n").split("\n")
    if len(lines) > 1 and not _UNSAFE_CHARACTERS.search("".join(lines)) and not lines[0].startswith(" ") and all(line == line.rstrip() for line in lines):
        return "|\n" + "\n".join(indent + line if line else "" for line in lines)
    if is_plain_safe(text):
        return text
    return quoted(text)
