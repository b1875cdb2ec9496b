// The YAML the form writes, run in Node: `node --test tests/js/` (make test). The browser tests
// read whole files back with Python (tests/test_form_browser.py); these pin each quoting decision.
import assert from "node:assert/strict";
import { test } from "node:test";

import { scalar, slug, yamlDocument, yamlValue } from "../../theme/static/js/form-yaml.js";

test("text stays plain only where YAML reads it back as the same text", () => {
  assert.equal(scalar("Samen koken", "  "), "Samen koken");
  for (const text of ["ja: nee", "nee #1", "- eerst", "@team", "no", "NULL", "010", "1e3", ".inf", " spatie", "eind:", "'quote"]) {
    assert.equal(scalar(text, "  "), JSON.stringify(text), text);
  }
  assert.equal(scalar("tab\there", "  "), '"tab\\there"');
  assert.equal(scalar("regel\u2028scheiding", "  "), '"regel\\u2028scheiding"');
  assert.equal(scalar("\ufeffbom", "  "), '"\\ufeffbom"');
});

test("several lines become a block; a line that would change does not", () => {
  assert.equal(scalar("\nEerste regel.\n\nDerde regel.\n", "  "), "|\n  Eerste regel.\n\n  Derde regel.");
  assert.equal(scalar("regel \nnog een", "  "), JSON.stringify("regel \nnog een"));
  assert.equal(scalar(" ingesprongen\nregel", "  "), JSON.stringify(" ingesprongen\nregel"));
});

test("codes, numbers and lists are written as the schema reads them", () => {
  assert.equal(yamlValue({ type: "number", value: "2,50" }, ""), "2.50");
  assert.equal(yamlValue({ type: "list", value: ["ggz", "bijstand"] }, ""), "[ggz, bijstand]");
  assert.equal(yamlValue({ type: "string", value: "no", code: true }, ""), "no");
  assert.equal(yamlValue({ type: "string", value: "no" }, ""), "\"no\"");
  assert.equal(yamlValue({ type: "date", value: "2027-03-01" }, ""), "2027-03-01");
});

test("a document leaves out what is empty, lists items and the schedule in order", () => {
  const text = yamlDocument({
    modeline: "# yaml-language-server: $schema=../../schema/editor/offer.schema.json",
    fields: [{ name: "title", type: "string", value: "Koken" }, { name: "summary", type: "string", value: "" }],
    lists: [{
      key: "locations",
      items: [
        [{ name: "name", type: "string", value: "Buurthuis" }, { name: "wijk", type: "string", value: "", code: true },
          { name: "postcode", type: "string", value: "3562 JW" }],
        [{ name: "name", type: "string", value: "" }],
      ],
    }, { key: "empty", items: [[{ name: "name", type: "string", value: "" }]] }],
    mappings: [{ key: "schedule", rows: [["maandag", ["ochtend", "middag"]], ["dinsdag", []], ["woensdag", ["avond"]]] }],
  });
  assert.equal(text, [
    "# yaml-language-server: $schema=../../schema/editor/offer.schema.json",
    "title: Koken",
    "locations:",
    "  - name: Buurthuis",
    "    postcode: 3562 JW",
    "schedule:",
    "  maandag: [ochtend, middag]",
    "  woensdag: [avond]",
    "",
  ].join("\n"));
});

test("a name becomes a code that is safe as a file name", () => {
  assert.equal(slug("Café De Spaak: fietsen!"), "cafe-de-spaak-fietsen");
  assert.equal(slug("  --Één--  "), "een");
  assert.equal(slug("a".repeat(79) + " b"), "a".repeat(79));
});
