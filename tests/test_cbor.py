"""The CBOR subset of Pagefind's index files: examples from RFC 8949, appendix A, and round trips."""

from __future__ import annotations

import pytest

from aanbod.search import cbor

RFC_EXAMPLES = [
    (0, "00"), (23, "17"), (24, "1818"), (1000, "1903e8"), (1000000, "1a000f4240"), (1000000000000, "1b000000e8d4a51000"),
    (-1, "20"), (-1000, "3903e7"), ("", "60"), ("a", "6161"), ("\u00fc", "62c3bc"), (b"\x01\x02\x03\x04", "4401020304"),
    ([], "80"), ([1, [2, 3], [4, 5]], "8301820203820405"), ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
]


@pytest.mark.parametrize(("value", "hex_bytes"), RFC_EXAMPLES)
def test_encodes_and_decodes_the_rfc_examples(value, hex_bytes):
    assert cbor.encode(value).hex() == hex_bytes
    assert cbor.decode(bytes.fromhex(hex_bytes)) == value


def test_a_long_array_of_page_numbers_round_trips():
    value = ["soort", [["werk", list(range(0, 70000, 7))], ["leren", [65535, 65536, 2**32]]]]
    assert cbor.decode(cbor.encode(value)) == value


@pytest.mark.parametrize("hex_bytes", ["", "83010203ff", "9f01ff", "6261", "f5", "1c"])
def test_refuses_what_it_does_not_read(hex_bytes):
    # empty, trailing bytes, an indefinite array, text cut short, true, a reserved head
    with pytest.raises(cbor.CborError):
        cbor.decode(bytes.fromhex(hex_bytes))
