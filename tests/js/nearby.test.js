// Distance ranking for "Bij jou in de buurt", run in Node: `node --test tests/js/` (make test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { distanceKm, nearestKm, normalisePostcode, rankByDistance } from "../../theme/static/js/nearby.js";

const UTRECHT_CS = [52.0894, 5.1101];
const AMERSFOORT_CS = [52.1534, 5.3731];

test("distance between two stations is the great-circle distance", () => {
  const km = distanceKm(UTRECHT_CS, AMERSFOORT_CS);
  assert.ok(Math.abs(km - 19.2) < 0.3, `got ${km}`);
  assert.equal(distanceKm(UTRECHT_CS, UTRECHT_CS), 0);
  assert.equal(distanceKm(UTRECHT_CS, AMERSFOORT_CS), distanceKm(AMERSFOORT_CS, UTRECHT_CS));
});

test("the nearest of several locations counts; no location means no distance", () => {
  const near = [52.09, 5.111];
  assert.equal(nearestKm([AMERSFOORT_CS, near], UTRECHT_CS), distanceKm(UTRECHT_CS, near));
  assert.equal(nearestKm([], UTRECHT_CS), null);
  assert.equal(nearestKm(undefined, UTRECHT_CS), null);
});

test("ranking keeps every result: nearest first, online last, ties in search order", () => {
  const results = [{ id: "online" }, { id: "far" }, { id: "tie-a" }, { id: "near" }, { id: "tie-b" }];
  const places = new Map([
    ["far", [AMERSFOORT_CS]],
    ["near", [[52.09, 5.111]]],
    ["tie-a", [[52.1, 5.12]]],
    ["tie-b", [[52.1, 5.12]]],
  ]);
  const ranked = rankByDistance(results, places, UTRECHT_CS);
  assert.deepEqual(ranked.map((result) => result.id), ["near", "tie-a", "tie-b", "far", "online"]);
  assert.equal(ranked.at(-1).distanceKm, null);
  assert.ok(ranked[0].distanceKm < ranked[1].distanceKm);
});

test("postcodes are written the Dutch way, anything else is refused", () => {
  assert.equal(normalisePostcode("3562jw"), "3562 JW");
  assert.equal(normalisePostcode(" 3562 Jw "), "3562 JW");
  for (const wrong of ["0562 JW", "3562", "3562 J", "35621 JW", "Utrecht", ""]) {
    assert.equal(normalisePostcode(wrong), null, wrong);
  }
});
