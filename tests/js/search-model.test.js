// What the search page shows, as data, run in Node: `node --test tests/js/` (make test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { chosenParts, distanceMessage, filterLabels, inLanguage, resultModel, statusModel } from "../../theme/static/js/search-model.js";

const LABELS = filterLabels([
  ["soort", "Soort", [["werk", "Werk"], ["doen", "Doen"]]],
  ["type", "Type", [["werkervaringsplek", "Werkervaringsplek"]]],
  ["wijk", "Wijk", [["overvecht", "Overvecht"], ["zuid", "Zuid"]]],
]);

test("filter labels: titles and labels by code, and the codes a URL may choose", () => {
  assert.equal(LABELS.title("wijk"), "Wijk");
  assert.equal(LABELS.value("wijk", "zuid"), "Zuid");
  assert.equal(LABELS.value("wijk", "onbekend"), "onbekend");
  assert.deepEqual([...LABELS.known.get("soort")], ["werk", "doen"]);
  assert.deepEqual(chosenParts(LABELS, "wijk", ["overvecht", "zuid"]), { title: "Wijk", values: ["Overvecht", "Zuid"] });
});

test("a result card's model: labels for codes, the provider's texts as texts, facts in order", () => {
  const data = {
    url: "/aanbod/fietsen/",
    meta: { title: "<b>Fietsen</b>", aanbieder: "Buurtwerk", plaats: "Utrecht", samenvatting: "Samen.", kosten: "Gratis", geen_plek: "ja" },
    filters: { soort: ["werk"], type: ["werkervaringsplek"], verwijzing: ["nee"] },
  };
  const model = resultModel(data, LABELS, 0.34);
  assert.equal(model.title, "<b>Fietsen</b>");
  assert.equal(model.kind, "werk");
  assert.equal(model.kindLabel, "Werk");
  assert.equal(model.subtypeLabel, "Werkervaringsplek");
  assert.deepEqual(model.facts, [{ text: "Gratis", class: null }, { key: "zelf", class: null }, { key: "geenPlek", class: "paused" }]);
  assert.deepEqual(model.distance, ["meter", { n: 300 }]);
  const bare = resultModel({ url: "/aanbod/x/" }, LABELS);
  assert.equal(bare.title, "/aanbod/x/");
  assert.deepEqual([bare.kind, bare.provider, bare.facts, bare.distance], [null, null, [], null]);
  assert.deepEqual(resultModel({ url: "/x/", filters: { verwijzing: ["ja"] } }, LABELS).facts, [{ key: "verwijzing", class: null }]);
  // Whether there is room: the index's words, the role as a class for the pictogram (issue 14).
  assert.deepEqual(resultModel({ url: "/x/", meta: { plek: "Vol", plek_rol: "full" } }, LABELS).facts,
    [{ text: "Vol", class: "availability availability-full" }]);
  // An offer with a service area says so on its card: sorting by distance knows no municipality (issue 14).
  assert.deepEqual(resultModel({ url: "/x/", meta: { alleen_voor: "Houten en Bunnik" } }, LABELS).facts,
    [{ key: "alleenVoor", values: { plaatsen: "Houten en Bunnik" }, class: "only-for" }]);
});

test("distances: under 100 m, whole hundreds of metres, tenths of a km up to 10 km", () => {
  assert.deepEqual(distanceMessage(0.05), ["binnen100", {}]);
  assert.deepEqual(distanceMessage(0.96), ["meter", { n: 1000 }]);
  assert.deepEqual(distanceMessage(2.345), ["km", { n: 2.3 }]);
  assert.deepEqual(distanceMessage(12.6), ["km", { n: 13 }]);
});

test("the status sentence names the words, the filters and the place", () => {
  assert.deepEqual(statusModel({ total: 0, term: "fiets", chosen: 0 }), { key: "geen", total: 0, phrases: [["voor", { woorden: "‘fiets’" }]], place: null });
  assert.deepEqual(statusModel({ total: 4, term: null, chosen: 2 }), { key: "gevonden", total: 4, phrases: [["filters", { n: 2 }]], place: null });
  assert.equal(statusModel({ total: 4, term: null, chosen: 0, near: "3562 JW" }).key, "dichtstbij");
});

test("the English page leads to the English pages; other URLs stay", () => {
  const data = { url: "/aanbod/fietsen/", meta: {} };
  assert.equal(inLanguage(data, "/", "/en/").url, "/en/aanbod/fietsen/");
  assert.equal(inLanguage(data, "/", "/"), data);
  assert.equal(inLanguage({ url: "https://elders.example/" }, "/site/", "/site/en/").url, "https://elders.example/");
});
