// "Aanmelden voor iemand" on an offer page: a button that loads the form on the first click.
// The form's code (referral.js) and its template (on the Mijn lijstje page, _referral_form.html)
// are fetched only then, from this site, so every offer page stays small on a phone.
import { t } from "./texts.js";

let formTemplate = null;

// The template from the list page of this language; parsed, never executed (DOMParser runs no scripts).
function loadTemplate(url) {
  formTemplate ??= fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  }).then((html) => {
    const template = new DOMParser().parseFromString(html, "text/html").querySelector("template[data-referral-template]");
    if (!template) throw new Error(`${url}: no form template`);
    return template;
  });
  formTemplate.catch(() => { formTemplate = null; });
  return formTemplate;
}

function setUp(section) {
  const button = section.querySelector("[data-referral-open]");
  const place = section.querySelector("[data-referral-place]");
  const status = section.querySelector("[data-referral-status]");
  const record = JSON.parse(section.getAttribute("data-record"));
  const site = new URL(section.getAttribute("data-site"), window.location.href);
  const url = new URL(record.url, site).href;
  const formUrl = new URL(section.getAttribute("data-form"), window.location.href).href;

  button.addEventListener("click", () => {
    if (place.firstElementChild) {
      place.querySelector("h3").focus();
      return;
    }
    status.textContent = "";
    button.setAttribute("aria-busy", "true");
    Promise.all([import("./referral.js"), loadTemplate(formUrl)]).then(([referral, template]) => {
      button.setAttribute("aria-expanded", "true");
      referral.openReferral({
        place, template, id: section.getAttribute("data-offer"), record, url,
        onClose(message) {
          button.setAttribute("aria-expanded", "false");
          status.textContent = message;
          button.focus();
        },
      });
    }, () => {
      status.textContent = t("formulierFout");
    }).finally(() => button.removeAttribute("aria-busy"));
  });
}

const section = document.querySelector("section[data-referral]");
if (section) setUp(section);
