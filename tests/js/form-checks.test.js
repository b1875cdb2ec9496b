// The form's checks of one value, run in Node: `node --test tests/js/` (make test). That they agree
// with the Python validator on real rules is tests/test_form_rules_parity.py; here each branch.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isDay, problem, startsLikeFormula } from "../../theme/static/js/form-checks.js";

const RULES = { formulaPrefix: " \t'\"", formulaStarts: "=+-@" };
const check = (rule, value, options = {}) => problem(rule, value, { rules: RULES, ...options });

test("an empty field is only a problem when it is required, and says what to do", () => {
  assert.equal(check({ type: "string" }, ""), null);
  assert.deepEqual(check({ type: "string", required: true }, ""), ["vulIn", {}]);
  assert.deepEqual(check({ type: "string", required: true }, "", { choice: true }), ["kiesEen", {}]);
  assert.deepEqual(check({ type: "list", required: true }, []), ["kiesMinstensEen", {}]);
  // A choice that depends on another field is required while it has options.
  assert.deepEqual(check({ type: "string" }, "", { required: true, choice: true }), ["kiesEen", {}]);
});

test("choices, lists and patterns", () => {
  const choices = { choices: { werk: "werk", doen: "doen" } };
  assert.equal(check(choices, "werk"), null);
  assert.deepEqual(check(choices, "spelen"), ["kiesEen", {}]);
  assert.deepEqual(check({ type: "list", itemPattern: "[a-z-]+" }, ["anja", "@piet"]), ["klopt", {}, true]);
  assert.deepEqual(check({ type: "string", pattern: "[0-9]{4} [A-Z]{2}" }, "3562jw"), ["klopt", {}, true]);
  assert.deepEqual(check({ type: "string", pattern: "[^@]+@[^@]+", format: "email" }, "geen-adres"), ["email", {}]);
});

test("numbers: syntax first, then the limits in the page's language", () => {
  const cost = { type: "number", syntax: "[0-9]+([.][0-9]+)?", minimum: 0, maximum: 2.5 };
  assert.equal(check(cost, "2,50"), null);
  assert.deepEqual(check(cost, "€ 2"), ["getal", {}]);
  assert.deepEqual(check(cost, "3"), ["maximum", { n: "2,5" }]);
  assert.deepEqual(check(cost, "3", { lang: "en" }), ["maximum", { n: "2.5" }]);
  assert.deepEqual(check({ type: "integer", syntax: "[0-9]+" }, "18.5"), ["heelGetal", {}]);
});

test("dates must exist on the calendar", () => {
  assert.ok(isDay("2028-02-29"));
  assert.ok(!isDay("2027-02-29"));
  assert.deepEqual(check({ type: "date", syntax: "[0-9]{4}-[0-9]{2}-[0-9]{2}" }, "2027-02-30"), ["datum", {}]);
});

test("length counts characters as Python does, not UTF-16 units", () => {
  const rule = { type: "string", maxLength: 3 };
  assert.equal(check(rule, "🍲🍲🍲"), null);
  assert.deepEqual(check(rule, "🍲🍲🍲🍲"), ["teLang", { lengte: 4, maximum: 3 }]);
});

test("a text that a spreadsheet would run as a formula is refused", () => {
  assert.ok(startsLikeFormula("=SOM(A1)", RULES));
  assert.ok(startsLikeFormula("  '+31", RULES));
  assert.ok(!startsLikeFormula("Koken = leuk", RULES));
  assert.ok(!startsLikeFormula("   ", RULES));
  assert.deepEqual(check({ type: "string", noFormula: true }, "@koken"), ["formule", {}]);
});
