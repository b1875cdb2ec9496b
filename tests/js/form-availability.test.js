// "Is er plek?" in Node: the checks of one entry (as aanbod/content/availability.py applies them), the lines for the
// provider's file and the GitHub link. The rules have the shape aanbod/contrib/form.py availability_form publishes;
// that the browser's entry passes validation is tests/test_form_browser.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { availabilityEntry, availabilityLink, availabilityProblems } from "../../theme/static/js/form-availability.js";

const RULES = {
  folder: "content/availability", modeline: "# yaml-language-server: $schema=../../schema/editor/availability.schema.json",
  state: "availability", date: "checked_on",
  onlyWith: { free_places: "free", waiting_weeks: "waiting" },
  roles: { plek: "free", vol: "full", wachtlijst: "waiting" },
  labels: { plek: "Er is plek", vol: "Vol", wachtlijst: "Wachtlijst" },
  fields: {
    availability: { type: "string", required: false, choices: { plek: "", vol: "", wachtlijst: "" } },
    free_places: { type: "integer", required: false, minimum: 1, maximum: 10000, syntax: "-?[0-9]+" },
    waiting_weeks: { type: "integer", required: false, minimum: 0, maximum: 520, syntax: "-?[0-9]+" },
    checked_on: { type: "date", required: false, syntax: "[0-9]{4}-[0-9]{2}-[0-9]{2}" },
  },
  providers: { "buurtwerk-noord": { file: true, offers: [] }, nieuw: { file: false, offers: [] } },
};
const TODAY = "2026-12-01";
const check = (values) => Object.fromEntries(availabilityProblems(RULES, { free_places: "", waiting_weeks: "", ...values }, TODAY));

test("a state and the day it was checked are needed; a number is optional", () => {
  assert.deepEqual(check({ availability: "plek", checked_on: TODAY }), {});
  assert.deepEqual(check({ availability: "", checked_on: "" }), { availability: ["kiesEen", {}], checked_on: ["vulIn", {}] });
  assert.deepEqual(check({ availability: "open", checked_on: TODAY }), { availability: ["kiesEen", {}] });
});

test("the day is a real day and not in the future", () => {
  assert.deepEqual(check({ availability: "vol", checked_on: "2026-12-02" }), { checked_on: ["inDeToekomst", {}] });
  assert.deepEqual(check({ availability: "vol", checked_on: "2026-02-30" }), { checked_on: ["datum", {}] });
});

test("a number belongs to its state and keeps its field's limits", () => {
  assert.deepEqual(check({ availability: "vol", free_places: "3", checked_on: TODAY }),
    { free_places: ["hoortBij", { staat: "Er is plek", gekozen: "Vol" }] });
  assert.deepEqual(check({ availability: "plek", waiting_weeks: "4", checked_on: TODAY }),
    { waiting_weeks: ["hoortBij", { staat: "Wachtlijst", gekozen: "Er is plek" }] });
  assert.deepEqual(check({ availability: "wachtlijst", waiting_weeks: "4", checked_on: TODAY }), {});
  assert.deepEqual(check({ availability: "plek", free_places: "0", checked_on: TODAY }), { free_places: ["minimum", { n: "1" }] });
  assert.deepEqual(check({ availability: "plek", free_places: "2,5", checked_on: TODAY }), { free_places: ["heelGetal", {}] });
});

test("the entry lists the filled-in keys under the offer id, in the published order", () => {
  const entry = availabilityEntry(RULES, "klusploeg-noord", { checked_on: TODAY, availability: "wachtlijst", waiting_weeks: "6", free_places: "" });
  assert.equal(entry, "klusploeg-noord:\n  availability: wachtlijst\n  waiting_weeks: 6\n  checked_on: 2026-12-01\n");
});

test("GitHub edits an existing file and makes a missing one with the entry in it", () => {
  const entry = "a:\n  availability: vol\n";
  assert.equal(availabilityLink("https://github.com/o/r", "main", RULES, "buurtwerk-noord", entry),
    "https://github.com/o/r/edit/main/content/availability/buurtwerk-noord.yaml");
  const url = new URL(availabilityLink("https://github.com/o/r", "main", RULES, "nieuw", entry));
  assert.equal(url.pathname, "/o/r/new/main");
  assert.equal(url.searchParams.get("filename"), "content/availability/nieuw.yaml");
  assert.equal(url.searchParams.get("value"), `${RULES.modeline}\n${entry}`);
});
