// The referral e-mail, as plain data: subject, body and the mailto: link that opens it in the
// professional's own e-mail program. Nothing is sent by the site. No DOM here, so Node can test it
// (tests/js/referral-mail.test.js); referral.js reads the form and shows the link.
//
// Only what the professional typed goes in, plus the offer's own public facts (title, id, web
// address). Empty fields leave no line, so the provider never reads "Naam: (leeg)".

const EMAIL = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/;

export function isEmail(value) {
  return typeof value === "string" && EMAIL.test(value);
}

function clean(value) {
  return typeof value === "string" ? value.trim() : "";
}

// fields: {name, organisation, phone, email, resident, lookingFor, days: [labels], consent}.
// offer: {id, title, url, contactName}. t(key, values): the page's texts (texts.js).
export function referralMail(fields, offer, t) {
  const lines = [];
  lines.push(offer.contactName ? t("mailAanhef", { naam: offer.contactName }) : t("mailAanhefAlgemeen"), "");
  lines.push(t("mailIntro", { titel: offer.title }));
  lines.push(t("mailAanbod", { id: offer.id }));
  lines.push(t("mailWebadres", { url: offer.url }), "");
  const about = [];
  if (clean(fields.resident)) about.push(t("mailBewoner", { naam: clean(fields.resident) }));
  if (clean(fields.lookingFor)) about.push(t("mailZoekt", { wat: clean(fields.lookingFor) }));
  if (fields.days && fields.days.length) about.push(t("mailDagen", { dagen: fields.days.join(", ") }));
  if (about.length) lines.push(...about, "");
  if (fields.consent) lines.push(t("mailToestemming"), "");
  lines.push(t("mailVraag"), "", t("mailGroet"));
  for (const key of ["name", "organisation", "phone", "email"]) {
    if (clean(fields[key])) lines.push(clean(fields[key]));
  }
  return { subject: t("mailOnderwerpAanmelding", { titel: offer.title, id: offer.id }), body: lines.join("\n") };
}

// RFC 6068: the address as is (checked), subject and body percent-encoded, line breaks as CRLF.
export function mailtoLink(to, subject, body) {
  const address = isEmail(to) ? to : "";
  const encode = (text) => encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
  return "mailto:" + address + "?subject=" + encode(subject) + "&body=" + encode(body);
}
