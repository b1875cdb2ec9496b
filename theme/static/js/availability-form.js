// "Is er plek?" on the form page: choose the organisation, then its offer, the state, the number that goes with it
// and the day; the page shows the entry for the provider's availability file and a GitHub link to that file.
// The rules and the offers per provider come from the JSON island the form names (aanbod/contrib/form.py availability_form);
// the checks and the text are in form-availability.js.
import { announce, element, part, showText } from "./dom.js";
import { availabilityEntry, availabilityLink, availabilityProblems } from "./form-availability.js";
import { t } from "./texts.js";

function setUp(form) {
  const rules = JSON.parse(document.getElementById(form.dataset.availabilityRules).textContent);
  const provider = form.querySelector("[data-provider]");
  const offer = form.querySelector("[data-offer]");
  const fields = [...form.querySelectorAll("[data-field]")];
  const touched = new WeakSet();
  let showAll = false;

  const today = new Date().toLocaleDateString("sv");
  const dateField = fields.find((field) => rules.keys[field.dataset.field] === rules.date);
  if (dateField && !dateField.value) dateField.value = today;

  // The chosen provider's offers, from the small file the build writes for it (aanbod/contrib/form.py OFFERS_FOLDER).
  // A later choice wins over an answer that arrives late.
  let asked = 0;
  async function fillOffers() {
    const ask = ++asked;
    offer.replaceChildren(element("option", { value: "" }, t("kies")));
    offer.disabled = true;
    if (!provider.value) return;
    let offers;
    try {
      const response = await fetch(`${form.dataset.offers}${encodeURIComponent(provider.value)}.json`);
      if (!response.ok) throw new Error(String(response.status));
      offers = await response.json();
    } catch (error) {
      if (ask === asked) announce(part(form, "form-status"), t("aanbodLadenMislukt"));
      return;
    }
    if (ask !== asked) return;
    offer.append(...offers.map(([id, title]) => element("option", { value: id }, `${title} (${id})`)));
    offer.disabled = offers.length === 0;
    update();
  }

  function show(field, message) {
    const visible = Boolean(message) && (showAll || touched.has(field));
    showText(document.getElementById(`${field.id}-error`), visible ? message : "");
    if (visible) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    return message ? { field, message } : null;
  }

  function update() {
    const values = Object.fromEntries(fields.map((field) => [rules.keys[field.dataset.field], field.value.trim()]));
    const problems = availabilityProblems(rules, values, today);
    const found = [
      show(provider, provider.value ? null : t("kiesEen")),
      show(offer, offer.value ? null : t("kiesEen")),
      ...fields.map((field) => {
        const wrong = problems.get(rules.keys[field.dataset.field]);
        return show(field, wrong ? t(wrong[0], wrong[1]) : null);
      }),
    ].filter(Boolean);
    const entry = availabilityEntry(rules, offer.value || "<aanbod>", values);
    part(form, "yaml").value = entry;
    part(form, "file-name").textContent = `${rules.folder}/${provider.value || "<aanbieder>"}.yaml`;
    part(form, "form-status").textContent = found.length ? t("nogTeDoen", { n: found.length }) : t("plekKlaar");
    const summary = part(form, "form-errors");
    summary.querySelector("ul").replaceChildren(...found.map(({ field, message }) => element("li", {},
      element("a", { href: `#${field.id}` }, `${field.dataset.label}: ${message}`))));
    summary.hidden = !(showAll && found.length);
    const github = part(form, "github-link");
    if (github && found.length) {
      github.href = `#${summary.id}`;
      github.setAttribute("aria-disabled", "true");
    } else if (github) {
      github.href = availabilityLink(form.dataset.repository, form.dataset.branch, rules, provider.value, entry);
      github.removeAttribute("aria-disabled");
    }
    return found;
  }

  function touch(event) {
    if (event.target.matches("select, input")) touched.add(event.target);
    if (event.target === provider) fillOffers();
    update();
  }

  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("submit", (event) => event.preventDefault());

  part(form, "github-link")?.addEventListener("click", (event) => {
    showAll = true;
    if (update().length) {
      event.preventDefault();
      part(form, "form-errors").focus();
    }
  });

  part(form, "copy-yaml").addEventListener("click", async () => {
    showAll = true;
    if (update().length) {
      part(form, "form-errors").focus();
      return;
    }
    const text = part(form, "yaml");
    const status = part(form, "form-status");
    try {
      await navigator.clipboard.writeText(text.value);
      announce(status, t("klembord"));
    } catch (error) {
      text.select();
      announce(status, t("geselecteerd"));
    }
  });

  offer.disabled = true;
  update();
}

for (const form of document.querySelectorAll("form[data-availability-rules]")) setUp(form);
