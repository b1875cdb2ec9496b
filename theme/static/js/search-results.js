// Result cards and the sentences around them, built as DOM nodes: every text from the index
// goes in through textContent, so nothing a provider wrote can become markup.
import { t } from "./teksten.js";

export function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return node;
}

export function formatDistance(km) {
  if (km < 0.1) return t("binnen100");
  if (km < 1) return t("meter", { n: Math.round(km * 10) * 100 });
  const rounded = km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
  return t("km", { n: rounded.toLocaleString(document.documentElement.lang) });
}

function first(data, key) {
  return (data.filters?.[key] || [])[0];
}

// data: a Pagefind fragment (meta written by aanbod/search.py); labels: group -> code -> Dutch label.
export function resultCard(data, labels, distanceKm = null) {
  const meta = data.meta || {};
  const kind = first(data, "soort");
  const subtype = first(data, "type");
  const referral = first(data, "verwijzing");
  const facts = element("p", { class: "card-facts" },
    meta.kosten ? element("span", {}, meta.kosten) : null,
    referral ? element("span", {}, t(referral === "ja" ? "verwijzing" : "zelf")) : null,
    meta.geen_plek === "ja" ? element("span", { class: "paused" }, t("geenPlek")) : null,
    meta.plek ? element("span", { class: `availability availability-${meta.plek_rol}` }, meta.plek) : null,
    distanceKm !== null ? element("span", { class: "finder-distance" }, t("afstand", { afstand: formatDistance(distanceKm) })) : null,
  );
  return element("li", { class: "card finder-card" },
    element("h3", { class: "card-title" }, element("a", { href: data.url }, meta.title || data.url)),
    element("p", { class: "card-meta" },
      kind ? element("span", { class: `tag kind kind-${kind}` }, labels.value("soort", kind)) : null,
      subtype ? element("span", {}, labels.value("type", subtype)) : null,
      meta.aanbieder ? element("span", {}, meta.aanbieder) : null,
      meta.plaats ? element("span", {}, meta.plaats) : null,
    ),
    meta.samenvatting ? element("p", {}, meta.samenvatting) : null,
    facts,
  );
}

export function quoted(text) {
  return `‘${text}’`;
}

export function count(number) {
  return t("resultaten", { n: number });
}

// One sentence for the screen reader's live region and for everyone: what was found, for what.
export function statusText({ total, term, chosen, near }) {
  const parts = [];
  if (term) parts.push(t("voor", { woorden: quoted(term) }));
  if (chosen) parts.push(t("filters", { n: chosen }));
  const wat = parts.length ? " " + parts.join(" ") : "";
  if (!total) return t("geen", { wat });
  return t(near ? "dichtstbij" : "gevonden", { aantal: count(total), wat, plaats: near });
}

export function chosenLabel(labels, key, values) {
  return `${labels.title(key)}: ${values.map((value) => labels.value(key, value)).join(` ${t("of")} `)}`;
}
