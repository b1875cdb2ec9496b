"""The part of CBOR (RFC 8949) that Pagefind's index files use: whole numbers, text, bytes, arrays, maps.

Pagefind writes its metadata and filter files with minicbor in the shortest form and with
definite lengths; ``encode`` writes the same form, so ``encode(decode(data)) == data`` for every
file it writes (``search_bundle`` checks that before it changes anything).
"""

from __future__ import annotations

import struct


class CborError(ValueError):
    """The bytes are not CBOR of the kinds this module reads."""


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for extra, size, form in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if number < 1 << (8 * size):
            return bytes([major << 5 | extra]) + struct.pack(form, number)
    raise CborError(f"number too large: {number}")


def encode(value) -> bytes:
    """int, str, bytes, list/tuple and dict, as shortest-form CBOR with definite lengths."""
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _encode(value, out: bytearray) -> None:
    if isinstance(value, bool) or value is None:
        raise CborError(f"unsupported value: {value!r}")
    if isinstance(value, int):
        out += _head(0, value) if value >= 0 else _head(1, -1 - value)
    elif isinstance(value, bytes):
        out += _head(2, len(value)) + value
    elif isinstance(value, str):
        data = value.encode("utf-8")
        out += _head(3, len(data)) + data
    elif isinstance(value, (list, tuple)):
        out += _head(4, len(value))
        for item in value:
            _encode(item, out)
    elif isinstance(value, dict):
        out += _head(5, len(value))
        for key, item in value.items():
            _encode(key, out)
            _encode(item, out)
    else:
        raise CborError(f"unsupported value: {value!r}")


def decode(data: bytes):
    """The one value ``data`` holds; raises ``CborError`` on anything else (trailing bytes included)."""
    value, end = _decode(memoryview(data), 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the value")
    return value


def _number(data: memoryview, position: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head)."""
    if position >= len(data):
        raise CborError("the data ends inside a value")
    first = data[position]
    major, extra = first >> 5, first & 0x1F
    if extra < 24:
        return major, extra, position + 1
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if extra not in sizes:
        raise CborError(f"unsupported head byte {first:#04x}")
    size = sizes[extra]
    if position + 1 + size > len(data):
        raise CborError("the data ends inside a value")
    return major, int.from_bytes(data[position + 1:position + 1 + size], "big"), position + 1 + size


def _decode(data: memoryview, position: int):
    major, argument, position = _number(data, position)
    if major == 0:
        return argument, position
    if major == 1:
        return -1 - argument, position
    if major in (2, 3):
        end = position + argument
        if end > len(data):
            raise CborError("the data ends inside a value")
        raw = bytes(data[position:end])
        return (raw if major == 2 else raw.decode("utf-8")), end
    if major == 4:
        items = []
        for _ in range(argument):
            item, position = _decode(data, position)
            items.append(item)
        return items, position
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, position = _decode(data, position)
            mapping[key], position = _decode(data, position)
        return mapping, position
    raise CborError(f"unsupported major type {major}")
