// The empty state of the search page: what to change when nothing is found. It names a filter
// to remove (with the results that gives), searching without the words, or a related kind.
// Loaded only when a search finds nothing.
import { element } from "./dom.js";
import { groupCounts, pagefindFilters } from "./search-filters.js";
import { quoted } from "./search-model.js";
import { chosenText, countText } from "./search-view.js";
import { loadLater, t } from "./texts.js";

await loadLater();

async function resultCount(pagefind, term, filters) {
  return (await pagefind.search(term, { filters })).results.length;
}

// How many results there would be without each chosen group, most first; only groups that help.
async function withoutEachGroup(pagefind, term, chosen) {
  const keys = Object.keys(chosen).filter((key) => chosen[key].length);
  const counts = await Promise.all(keys.map(async (key) => [key, await resultCount(pagefind, term, pagefindFilters(chosen, [key]))]));
  return counts.filter(([, total]) => total > 0).sort((a, b) => b[1] - a[1]);
}

function tip(button, text, data) {
  return element("li", {}, element("button", { type: "button", class: "finder-link", ...data }, button), ` (${text})`);
}

// kindLinks: [[label, href]] of the list page of every kind.
export async function emptyState(pagefind, { term, chosen, labels, kindLinks }) {
  const anyChosen = Object.keys(chosen).length > 0;
  const [removals, withoutTerm, withoutFilters, kindCounts] = await Promise.all([
    withoutEachGroup(pagefind, term, chosen),
    term && anyChosen ? resultCount(pagefind, null, pagefindFilters(chosen)) : 0,
    anyChosen ? resultCount(pagefind, term, {}) : 0,
    groupCounts(pagefind, term, chosen, "soort", []),
  ]);
  const tips = element("ul", { class: "finder-tips" });
  for (const [key, total] of removals) {
    tips.append(tip(t("haalWeg", { filter: quoted(chosenText(labels, key, chosen[key])) }), t("dan", { aantal: countText(total) }), { "data-remove-group": key }));
  }
  if (!removals.length && withoutFilters) {
    tips.append(tip(t("haalAllesWeg"), t("dan", { aantal: countText(withoutFilters) }), { "data-clear-filters": "" }));
  }
  if (term && withoutTerm) {
    tips.append(tip(t("zonder", { woorden: quoted(term) }), t("dan", { aantal: countText(withoutTerm) }), { "data-clear-term": "" }));
  }
  for (const [kind, total] of Object.entries(kindCounts)) {
    if (total > 0 && !(chosen.soort || []).includes(kind)) {
      tips.append(tip(t("kijkBij", { soort: labels.value("soort", kind) }), countText(total), { "data-kind": kind }));
    }
  }
  const box = element("div", {}, element("h3", {}, t("geenAanbod")));
  if (tips.children.length) box.append(element("p", {}, t("probeer")), tips);
  if (term) box.append(element("p", {}, t("spelling")));
  box.append(
    element("p", {}, t("soorten")),
    element("ul", { class: "term-links" }, ...kindLinks.map(([label, href]) => element("li", {}, element("a", { href }, label)))),
  );
  return box;
}
