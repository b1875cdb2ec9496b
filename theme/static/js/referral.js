// "Aanmelden voor iemand": the referral form under an offer (offer page and Mijn lijstje).
// What the professional types lives only in this form while it is open: nothing goes into
// storage, nothing is sent by the site. The form makes (a) a mailto: link that opens their own
// e-mail program, (b) a note to print for the resident, and shows (c) who may refer.
// Every value is placed with textContent. The mail itself is built in referral-mail.js.
import { t } from "./texts.js";
import { mailtoLink, referralMail, isEmail } from "./referral-mail.js";

let copies = 0;

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The template's ids start with "ref-"; each copy gets its own, so two forms never share one.
function uniqueIds(root, suffix) {
  const rename = (value) => value.split(" ").map((id) => (id.startsWith("ref-") ? id + "-" + suffix : id)).join(" ");
  for (const node of root.querySelectorAll("[id], [for], [aria-describedby], [aria-labelledby]")) {
    for (const name of ["id", "for", "aria-describedby", "aria-labelledby"]) {
      if (node.hasAttribute(name)) node.setAttribute(name, rename(node.getAttribute(name)));
    }
  }
}

function factRow(list, label, values) {
  values = values.filter(Boolean);
  if (!values.length) return;
  list.appendChild(element("dt", "", label));
  const dd = element("dd");
  values.forEach((value, index) => {
    if (index) dd.appendChild(document.createElement("br"));
    dd.appendChild(document.createTextNode(value));
  });
  list.appendChild(dd);
}

function readFields(form) {
  const text = (name) => form.elements[name].value.trim();
  const days = [...form.querySelectorAll("input[name=days]:checked")].map((box) => box.closest("label").textContent.trim());
  return {
    name: text("name"), organisation: text("organisation"), phone: text("phone"), email: text("email"),
    resident: text("resident"), lookingFor: text("lookingFor"), days, consent: form.elements.consent.checked,
  };
}

function check(form, fields) {
  const problems = [];
  const show = (name, message) => {
    const field = form.elements[name];
    const error = form.querySelector("#" + CSS.escape(field.getAttribute("aria-describedby")));
    error.textContent = message || "";
    error.hidden = !message;
    if (message) {
      field.setAttribute("aria-invalid", "true");
      problems.push(field);
    } else {
      field.removeAttribute("aria-invalid");
    }
  };
  show("name", fields.name ? "" : t("vulNaamIn"));
  show("email", !fields.email || isEmail(fields.email) ? "" : t("geenEmail"));
  show("consent", fields.consent ? "" : t("toestemmingNodig"));
  return problems;
}

// The note for the resident: what, where, when, what to bring, what happens next, whom to call.
function fillNote(note, fields, offer, url) {
  const contact = offer.contact || {};
  const parts = [element("h2", "", t("briefTitel", { titel: offer.title }))];
  if (fields.resident) parts.push(element("p", "", t("briefVoor", { naam: fields.resident })));
  const by = [fields.name, fields.organisation, fields.phone].filter(Boolean).join(", ");
  parts.push(element("p", "", t("briefDoor", { wie: by })));
  const facts = element("dl");
  factRow(facts, t("briefWaar"), offer.addresses || []);
  factRow(facts, t("briefWanneer"), offer.times || []);
  factRow(facts, t("briefNeemMee"), offer.documents || []);
  factRow(facts, t("briefVerder"), (offer.steps || []).length ? offer.steps : [offer.apply]);
  parts.push(facts);
  const who = [contact.name, offer.provider].filter(Boolean).join(", ");
  if (contact.phone) parts.push(element("p", "", t("briefBel", { naam: who }) + ": " + contact.phone));
  parts.push(element("p", "", t("briefWebadres", { url })));
  note.replaceChildren(...parts);
}

// The print style shows only this note while <html data-printing="referral"> (site.css).
function printNote(note) {
  const root = document.documentElement;
  root.setAttribute("data-printing", "referral");
  note.classList.add("printing");
  window.addEventListener("afterprint", () => {
    root.removeAttribute("data-printing");
    note.classList.remove("printing");
  }, { once: true });
  window.print();
}

// Opens the form in ``place`` for one offer. record: the offer as aanbod/site/shortlist.py writes it;
// onClose(message): called after the form is cleared and removed.
export function openReferral({ place, template, id, record, url, onClose }) {
  const fragment = template.content.cloneNode(true);
  copies += 1;
  uniqueIds(fragment, id + "-" + copies);
  const form = fragment.querySelector("[data-referral-form]");
  form.querySelector("[data-ref-offer-title]").textContent = record.title;

  const referrers = form.querySelector("[data-ref-referrers]");
  if ((record.referrers || []).length) {
    referrers.querySelector("p").textContent = t("verwijzers");
    referrers.querySelector("ul").replaceChildren(...record.referrers.map((text) => element("li", "", text)));
    referrers.hidden = false;
  }

  const status = form.querySelector("[data-ref-status]");
  const result = form.querySelector("[data-ref-result]");
  const contact = record.contact || {};

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = readFields(form);
    const problems = check(form, fields);
    if (problems.length) {
      result.hidden = true;
      status.textContent = t("nogTeDoen", { n: problems.length });
      problems[0].focus();
      return;
    }
    const mail = referralMail(fields, { id, title: record.title, url, contactName: contact.name || "" }, t);
    const link = form.querySelector("[data-ref-mail]");
    link.href = mailtoLink(contact.email || "", mail.subject, mail.body);
    link.textContent = isEmail(contact.email || "") ? t("mailAan", { adres: contact.email }) : t("mailZonderAdres");
    const noAddress = form.querySelector("[data-ref-no-address]");
    noAddress.textContent = t("geenAdres");
    noAddress.hidden = isEmail(contact.email || "");
    fillNote(form.querySelector("[data-ref-note]"), fields, record, url);
    result.hidden = false;
    status.textContent = t("klaar");
    link.focus();
  });

  // A changed form makes the e-mail out of date: it is made again with "Maak de aanmelding".
  form.addEventListener("input", () => { result.hidden = true; });

  form.querySelector("[data-ref-print]").addEventListener("click", () => printNote(form.querySelector("[data-ref-note]")));

  form.querySelector("[data-ref-clear]").addEventListener("click", () => {
    form.reset();
    form.querySelector("[data-ref-note]").replaceChildren();
    form.remove();
    onClose(t("gewist"));
  });

  place.replaceChildren(form);
  form.querySelector("h3").focus();
  return form;
}
