// The referral e-mail as data, run in Node: `node --test tests/js/` (make test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { isEmail, mailtoLink, referralMail } from "../../theme/static/js/referral-mail.js";

// The page's texts are gettext'ed Dutch in _teksten.html; a stand-in that shows key and values.
const t = (key, values = {}) => key + (Object.keys(values).length ? " " + JSON.stringify(values) : "");
const OFFER = { id: "tuin", title: "Tuinieren", url: "https://example.nl/aanbod/tuin/", contactName: "Els" };

test("the e-mail holds the offer's id and address and every typed field once", () => {
  const fields = {
    name: "Sanne", organisation: "Buurtteam Noord", phone: "030 1", email: "sanne@example.nl",
    resident: " J.K. ", lookingFor: "Buiten werken", days: ["maandag", "dinsdag"], consent: true,
  };
  const mail = referralMail(fields, OFFER, t);
  assert.equal(mail.subject, 'mailOnderwerpAanmelding {"titel":"Tuinieren","id":"tuin"}');
  assert.deepEqual(mail.body.split("\n"), [
    'mailAanhef {"naam":"Els"}', "",
    'mailIntro {"titel":"Tuinieren"}', 'mailAanbod {"id":"tuin"}', 'mailWebadres {"url":"https://example.nl/aanbod/tuin/"}', "",
    'mailBewoner {"naam":"J.K."}', 'mailZoekt {"wat":"Buiten werken"}', 'mailDagen {"dagen":"maandag, dinsdag"}', "",
    "mailToestemming", "", "mailVraag", "", "mailGroet",
    "Sanne", "Buurtteam Noord", "030 1", "sanne@example.nl",
  ]);
});

test("fields left empty leave no line", () => {
  const mail = referralMail({ name: "Sanne", resident: "  ", days: [], consent: true }, { ...OFFER, contactName: "" }, t);
  assert.deepEqual(mail.body.split("\n"), [
    "mailAanhefAlgemeen", "",
    'mailIntro {"titel":"Tuinieren"}', 'mailAanbod {"id":"tuin"}', 'mailWebadres {"url":"https://example.nl/aanbod/tuin/"}', "",
    "mailToestemming", "", "mailVraag", "", "mailGroet", "Sanne",
  ]);
});

test("the mailto link opens the offer's address with subject and body, CRLF line breaks", () => {
  const link = mailtoLink("info@tuin.example.nl", "Aanmelding & vraag", "Regel 1\nRegel 2");
  assert.equal(link, "mailto:info@tuin.example.nl?subject=Aanmelding%20%26%20vraag&body=Regel%201%0D%0ARegel%202");
  const url = new URL(link);
  assert.equal(url.searchParams.get("body"), "Regel 1\r\nRegel 2");
});

test("an address that is not an e-mail address is left out, never injected", () => {
  assert.equal(isEmail("info@tuin.example.nl"), true);
  for (const bad of ["", "geen adres", "a@b", "x@y.nl?bcc=z@w.nl", "x@y.nl,z@w.nl", "<x@y.nl>"]) {
    assert.equal(isEmail(bad), false, bad);
    assert.ok(mailtoLink(bad, "s", "b").startsWith("mailto:?subject="), bad);
  }
});
