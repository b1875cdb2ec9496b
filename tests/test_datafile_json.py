"""aanbod/exports/datafile.py: write_json streams large files in pieces; the bytes must be json_bytes's exactly."""

from __future__ import annotations

import json

import pytest

from aanbod.exports.datafile import json_bytes, write_json

DOCUMENTS = [
    [],
    {},
    [{"id": "a", "namen": ["é", "ü"], "getal": 1.5, "ja": True, "leeg": None}, "tekst", 3, [[1], []]],
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"titel": "Koken \"samen\""}}, {}], "meer": {"diep": [1, {"x": 2}]}},
    {"offers": [], "aantal": 0},
    {1: "een getal als sleutel", "a": [1]},  # json turns the key into text: written whole, not in pieces
    {True: "ja", None: "niets"},
    "alleen tekst",
    42,
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_streamed_json_is_byte_for_byte_what_json_writes(tmp_path, document):
    path = write_json(tmp_path / "sub" / "data.json", document)
    assert path.read_bytes() == json_bytes(document)
    assert path.read_bytes() == (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def test_readable_json_stays_indented(tmp_path):
    path = write_json(tmp_path / "descriptor.json", {"naam": "aanbod", "velden": [1, 2]}, readable=True)
    assert path.read_text(encoding="utf-8") == '{\n  "naam": "aanbod",\n  "velden": [\n    1,\n    2\n  ]\n}\n'


ENCODED = [
    ({"offers": [b'{"id":"a"}', {"id": "b"}]}, {"offers": [{"id": "a"}, {"id": "b"}]}, 2),
    ([b'{"x":[1,2]}', b"3", "tekst"], [{"x": [1, 2]}, 3, "tekst"], 2),
    # As the change feed: pages, their items, and an item's document already encoded.
    ({"next": "n", "items": [{"state": "updated", "id": "a", "data": '{"id":"a","é":"ü"}'.encode(), "modified": 3}]},
     {"next": "n", "items": [{"state": "updated", "id": "a", "data": {"id": "a", "é": "ü"}, "modified": 3}]}, 3),
    # Several items of a list joined by commas (an offer's map features).
    ({"features": [b'{"n":1},{"n":2}', b'{"n":3}']}, {"features": [{"n": 1}, {"n": 2}, {"n": 3}]}, 2),
]


@pytest.mark.parametrize("document, decoded, depth", ENCODED)
def test_encoded_json_inside_a_document_is_placed_as_it_is(tmp_path, document, decoded, depth):
    """The build cache keeps each offer's part of a large file as bytes; the file is what encoding it all gives."""
    path = write_json(tmp_path / "data.json", document, depth=depth)
    assert path.read_bytes() == json_bytes(decoded)
