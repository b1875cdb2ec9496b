// The live-region helper of dom.js, run in Node with a stand-in for a node and for the next frame.
import assert from "node:assert/strict";
import { test } from "node:test";

import { announce, showText } from "../../theme/static/js/dom.js";

test("a new message is set at once; the same message again is emptied and set in the next frame", () => {
  const frames = [];
  globalThis.requestAnimationFrame = (callback) => frames.push(callback);
  const region = { textContent: "" };
  announce(region, "Bewaard.");
  assert.equal(region.textContent, "Bewaard.");
  announce(region, "Bewaard.");
  assert.equal(region.textContent, "Bewaard.");
  assert.equal(frames.length, 0, "without repeat, an unchanged text stays quiet");
  announce(region, "Bewaard.", { repeat: true });
  assert.equal(region.textContent, "");
  frames.shift()();
  assert.equal(region.textContent, "Bewaard.");
});

test("a text is shown only when it says something", () => {
  const node = { textContent: "oud", hidden: false };
  showText(node, "");
  assert.deepEqual(node, { textContent: "", hidden: true });
  showText(node, "Vul dit in.");
  assert.deepEqual(node, { textContent: "Vul dit in.", hidden: false });
});
