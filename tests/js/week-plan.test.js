// The week plan of "Mijn lijstje" as data, run in Node: `node --test tests/js/` (make test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { buildPlan, cleanPlan, decodeShare, emptyPlan, encodeShare, forOffers, overlaps, searchQuery } from "../../theme/static/js/week-plan.js";

const DAYS = ["maandag", "dinsdag", "woensdag"];
const PARTS = ["ochtend", "middag", "avond"];
const OFFERS = {
  tuin: { slots: [{ day: "maandag", part: "ochtend", start: "09:30", end: "12:00" }, { day: "woensdag", part: "middag" }] },
  fiets: { slots: [{ day: "maandag", part: "ochtend" }] },
  taal: { slots: [{ day: "dinsdag", part: "avond", start: "19:00", end: "21:00" }] },
  los: {},
};

test("three offers fill their dagdelen; a shared dagdeel without separate clock times is a clash", () => {
  const result = buildPlan(emptyPlan(), ["tuin", "fiets", "taal", "los", "weg"], OFFERS, DAYS, PARTS);
  assert.deepEqual([...result.cells.keys()].sort(), ["dinsdag-avond", "maandag-ochtend", "woensdag-middag"]);
  assert.deepEqual(result.cells.get("maandag-ochtend"), [
    { id: "tuin", start: "09:30", end: "12:00" }, { id: "fiets", start: "", end: "" },
  ]);
  assert.deepEqual(result.clashes, [{ slot: "maandag-ochtend", ids: ["tuin", "fiets"] }]);
  assert.equal(result.active, 3);
  assert.deepEqual(result.unscheduled, ["los"]);
});

test("choosing a slot per offer removes the clash and changes the count", () => {
  const plan = { ...emptyPlan(), choices: { tuin: ["woensdag-middag"] } };
  const result = buildPlan(plan, ["tuin", "fiets"], OFFERS, DAYS, PARTS);
  assert.deepEqual(result.clashes, []);
  assert.equal(result.active, 2);
  assert.deepEqual(result.cells.get("maandag-ochtend"), [{ id: "fiets", start: "", end: "" }]);
});

test("clock times that do not overlap share a dagdeel without a clash", () => {
  assert.equal(overlaps({ start: "09:00", end: "10:30" }, { start: "11:00", end: "12:00" }), false);
  assert.equal(overlaps({ start: "09:00", end: "11:30" }, { start: "11:00", end: "12:00" }), true);
  assert.equal(overlaps({ start: "09:00", end: "10:00" }, { start: "", end: "" }), true);
  const offers = {
    a: { slots: [{ day: "dinsdag", part: "ochtend", start: "09:00", end: "10:30" }] },
    b: { slots: [{ day: "dinsdag", part: "ochtend", start: "11:00", end: "12:00" }] },
  };
  assert.deepEqual(buildPlan(emptyPlan(), ["a", "b"], offers, DAYS, PARTS).clashes, []);
});

test("free dagdelen count only where nothing is planned, in week order", () => {
  const plan = { ...emptyPlan(), free: ["woensdag-ochtend", "maandag-ochtend", "dinsdag-middag"] };
  const result = buildPlan(plan, ["fiets"], OFFERS, DAYS, PARTS);
  assert.deepEqual(result.free, ["dinsdag-middag", "woensdag-ochtend"]);
  assert.equal(searchQuery(result.free, DAYS, PARTS), "?dag=dinsdag&dag=woensdag&dagdeel=ochtend&dagdeel=middag");
  assert.equal(searchQuery([], DAYS, PARTS), "");
});

test("a share link carries the list, the chosen slots, the free dagdelen and the helper", () => {
  const plan = cleanPlan({
    choices: { tuin: ["woensdag-middag"], weg: ["maandag-avond"] },
    free: ["dinsdag-middag"],
    helper: { name: "Sanne de Vries", phone: "030 123 4567" },
  });
  const search = encodeShare(["tuin", "fiets"], plan);
  assert.equal(search, "?aanbod=tuin,fiets&kies=tuin:woensdag-middag&vrij=dinsdag-middag&begeleider=Sanne%20de%20Vries&telefoon=030%20123%204567");
  const back = decodeShare(search);
  assert.deepEqual(back.ids, ["tuin", "fiets"]);
  assert.deepEqual(back.plan, forOffers(plan, ["tuin", "fiets"]));
  assert.deepEqual(decodeShare("?aanbod=tuin").plan, emptyPlan());
});

test("typed text cannot break out of its parameter", () => {
  const plan = cleanPlan({ helper: { name: "A&vrij=maandag-ochtend", phone: "+31 6#1" } });
  const back = decodeShare(encodeShare(["a"], plan));
  assert.deepEqual(back.plan.helper, { name: "A&vrij=maandag-ochtend", phone: "+31 6#1" });
  assert.deepEqual(back.plan.free, []);
});

test("a hand-edited link or stored value becomes a valid plan", () => {
  const plan = decodeShare("?aanbod=a&kies=Kwaad:x,a:maandag-ochtend.<b>,a2&vrij=<script>,dinsdag-middag&begeleider=" + "x".repeat(200));
  assert.deepEqual(plan.plan.choices, { a: ["maandag-ochtend"], a2: [] });
  assert.deepEqual(plan.plan.free, ["dinsdag-middag"]);
  assert.equal(plan.plan.helper.name.length, 80);
  assert.deepEqual(cleanPlan("rommel"), emptyPlan());
  assert.deepEqual(cleanPlan({ choices: [], free: "x", helper: 3 }), emptyPlan());
});
