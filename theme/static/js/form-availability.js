// "Is er plek?": one offer's entry for its provider's availability file, checked as aanbod/content/availability.py checks
// it, by the rules the build publishes (aanbod/contrib/form.py availability_form: each key's field rules, which role each
// state has, which number belongs to which role). Pure, so node tests run it; availability-form.js shows it.
import { problem } from "./form-checks.js";

// values: key in the file -> text ("" when empty). today: "YYYY-MM-DD". Answers key -> [textKey, values].
export function availabilityProblems(rules, values, today) {
  const found = new Map();
  for (const [key, rule] of Object.entries(rules.fields)) {
    const required = key === rules.state || key === rules.date; // a state needs the day it was checked
    const wrong = problem(rule, values[key] ?? "", { required, choice: key === rules.state, rules: {} });
    if (wrong) found.set(key, wrong);
  }
  const day = values[rules.date] ?? "";
  if (!found.has(rules.date) && day > today) found.set(rules.date, ["inDeToekomst", {}]);
  const state = values[rules.state] ?? "";
  for (const [key, role] of Object.entries(rules.onlyWith)) {
    if (found.has(key) || !values[key] || found.has(rules.state) || rules.roles[state] === role) continue;
    const fits = Object.keys(rules.roles).find((code) => rules.roles[code] === role);
    found.set(key, ["hoortBij", { staat: rules.labels[fits], gekozen: rules.labels[state] }]);
  }
  return found;
}

// The lines for the file: the offer id, then its keys in the published order, digits and dates plain
// (as aanbod/contrib/availability_file.py render writes them; every value here is a code, a number or a date).
export function availabilityEntry(rules, offerId, values) {
  const lines = [`${offerId}:`];
  for (const key of Object.keys(rules.fields)) {
    if (values[key]) lines.push(`  ${key}: ${values[key]}`);
  }
  return lines.join("\n") + "\n";
}

// Where GitHub opens the provider's file: for editing when it exists, else as a new file holding this entry.
export function availabilityLink(repository, branch, rules, provider, entry) {
  const path = `${rules.folder}/${provider}.yaml`;
  if (rules.providers[provider]?.file) return `${repository}/edit/${encodeURIComponent(branch)}/${path}`;
  const value = `${rules.modeline}\n${entry}`;
  return `${repository}/new/${encodeURIComponent(branch)}?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(value)}`;
}
