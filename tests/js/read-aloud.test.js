// How "Voorlezen" cuts an offer page into pieces of speech, run in Node: `node --test tests/js/`.
// That a browser speaks them in Dutch is tests/test_read_aloud.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { speechPieces, spokenLines } from "../../theme/static/js/read-aloud.js";

test("every line ends with a pause, empty lines are skipped", () => {
  assert.deepEqual(spokenLines(["Fietsen repareren\n\n", "Kosten: gratis\nWat ga je doen?"]),
    ["Fietsen repareren.", "Kosten: gratis.", "Wat ga je doen?"]);
});

test("sentences are spoken one by one, a long one cut at a space", () => {
  assert.deepEqual(speechPieces(["Eén. Twee! Drie?"]), ["Eén.", "Twee!", "Drie?"]);
  const long = "woord ".repeat(50).trim() + ".";
  const pieces = speechPieces([long], 40);
  assert.ok(pieces.every((piece) => piece.length <= 40), pieces.join("|"));
  assert.equal(pieces.join(" "), long);
  assert.deepEqual(speechPieces(["x".repeat(10)], 4), ["xxxx", "xxxx", "xx"]);
});
