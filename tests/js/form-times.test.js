// Clock times on the schedule grid, run in Node: the checks (as aanbod/content/timetable.py applies them) and the
// schedule item the file gets (as timetable.join_slot writes it). That the browser's file passes validation
// is tests/test_form_browser.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { timeProblem } from "../../theme/static/js/form-checks.js";
import { slot, yamlDocument } from "../../theme/static/js/form-yaml.js";

const CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9]";
const TIMES = { start: { pattern: CLOCK }, end: { pattern: CLOCK }, spans: { ochtend: ["06:00", "12:30"], middag: ["12:00", "18:00"] } };

test("times are optional, but the start and the end go together", () => {
  assert.equal(timeProblem(TIMES, "ochtend", "", ""), null);
  assert.deepEqual(timeProblem(TIMES, "ochtend", "09:30", ""), ["end", "beideTijden", {}]);
  assert.deepEqual(timeProblem(TIMES, "ochtend", "", "12:00"), ["start", "beideTijden", {}]);
});

test("each time is written as the schema's pattern says", () => {
  assert.deepEqual(timeProblem(TIMES, "ochtend", "9:30", "12:00"), ["start", "tijd", {}]);
  assert.deepEqual(timeProblem(TIMES, "ochtend", "09:30", "24:00"), ["end", "tijd", {}]);
  assert.equal(timeProblem(TIMES, "ochtend", "09:30", "12:00"), null);
});

test("the end comes after the start, and both lie inside the dagdeel", () => {
  assert.deepEqual(timeProblem(TIMES, "middag", "16:00", "13:00"), ["end", "eindNaBegin", {}]);
  assert.deepEqual(timeProblem(TIMES, "middag", "13:00", "13:00"), ["end", "eindNaBegin", {}]);
  assert.deepEqual(timeProblem(TIMES, "middag", "11:00", "13:00"), ["start", "buitenDagdeel", { van: "12:00", tot: "18:00" }]);
  assert.deepEqual(timeProblem(TIMES, "ochtend", "09:00", "13:00"), ["end", "buitenDagdeel", { van: "06:00", tot: "12:30" }]);
  assert.equal(timeProblem(TIMES, "ochtend", "06:00", "12:30"), null);
  // A dagdeel without a span in parts_of_day.csv only needs its times in order.
  assert.equal(timeProblem(TIMES, "nacht", "01:00", "05:00"), null);
});

test("a schedule item carries its times only when both are given", () => {
  assert.equal(slot("ochtend", "09:30", "12:00"), "ochtend 09:30-12:00");
  assert.equal(slot("ochtend", "", ""), "ochtend");
  assert.equal(slot("ochtend", "09:30", ""), "ochtend");
  const text = yamlDocument({ modeline: "# m", mappings: [{ key: "schedule", rows: [["maandag", [slot("ochtend", "09:30", "12:00"), slot("middag", "", "")]], ["dinsdag", []]] }] });
  assert.equal(text, "# m\nschedule:\n  maandag: [ochtend 09:30-12:00, middag]\n");
});
