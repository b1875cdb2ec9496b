// The search page's state in its URL, run in Node: `node --test tests/js/` (make test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { chosenCount, stateFromUrl, urlFromState } from "../../theme/static/js/search-state.js";
import { groupCounts, pagefindFilters } from "../../theme/static/js/search-filters.js";

const KNOWN = new Map([
  ["soort", new Set(["werk", "leren", "doen"])],
  ["wijk", new Set(["overvecht", "zuid"])],
  ["dag", new Set(["maandag", "dinsdag"])],
  ["dagdeel", new Set(["ochtend", "middag"])],
]);

test("a URL and a state turn into each other, in the page's order", () => {
  const state = stateFromUrl("?q=fiets&wijk=zuid&soort=werk&wijk=overvecht", KNOWN);
  assert.deepEqual(state, { q: "fiets", filters: { soort: ["werk"], wijk: ["zuid", "overvecht"] } });
  assert.equal(urlFromState(state, KNOWN), "?q=fiets&soort=werk&wijk=overvecht&wijk=zuid");
  assert.equal(chosenCount(state), 3);
});

test("unknown groups, unknown values and repeats in a URL are ignored", () => {
  const state = stateFromUrl("?wijk=nergens&kleur=rood&soort=werk&soort=werk", KNOWN);
  assert.deepEqual(state, { q: "", filters: { soort: ["werk"] } });
  assert.equal(urlFromState({ q: "  ", filters: {} }, KNOWN), "");
});

test("filters: OR inside a group, AND across groups, a day plus a dagdeel is that slot", () => {
  assert.deepEqual(pagefindFilters({ soort: ["werk", "leren"], wijk: ["zuid"] }), {
    soort: { any: ["werk", "leren"] }, wijk: { any: ["zuid"] },
  });
  assert.deepEqual(pagefindFilters({ dag: ["maandag", "dinsdag"], dagdeel: ["ochtend"] }), {
    tijd: { any: ["maandag-ochtend", "dinsdag-ochtend"] },
  });
  assert.deepEqual(pagefindFilters({ dag: ["maandag"], soort: [] }), { dag: { any: ["maandag"] } });
});

test("counts of a group ignore what is chosen in that group itself", async () => {
  const asked = [];
  const pagefind = {
    async search(term, { filters }) {
      asked.push({ term, filters });
      return { results: [], filters: { wijk: { overvecht: 4, zuid: 2 } }, unfilteredResultCount: 0 };
    },
  };
  const counts = await groupCounts(pagefind, "koken", { wijk: ["zuid"], soort: ["werk"] }, "wijk", ["overvecht", "zuid"]);
  assert.deepEqual(counts, { overvecht: 4, zuid: 2 });
  assert.equal(asked.length, 1);
  assert.equal(asked[0].term, "koken");
  assert.deepEqual(asked[0].filters.soort, { any: ["werk"] });
  assert.ok(!asked[0].filters.wijk || !asked[0].filters.wijk.any, "the group's own choice must not narrow its counts");
});
