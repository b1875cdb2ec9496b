// What the search page shows, as plain data: the filter labels, each result card and the status
// sentence. Pure (no DOM, no fetch): texts are named by their key for t() with their values, and
// search-view.js turns them into nodes. Node tests run this module.

// The filter groups as aanbod/search/search.py publishes them ([key, title, [[code, label], ...]]): the
// Dutch (or English) labels for chips and cards, and the codes each group offers.
export function filterLabels(groupData) {
  const groups = new Map(groupData.map(([key, title, values]) => [key, { title, values: new Map(values) }]));
  return {
    groups,
    // key -> Set of codes: what a URL may choose (search-state.js).
    known: new Map([...groups].map(([key, group]) => [key, new Set(group.values.keys())])),
    title: (key) => groups.get(key)?.title ?? key,
    value: (key, code) => groups.get(key)?.values.get(code) ?? code,
  };
}

// One index serves every language: its URLs lead to the Dutch pages at indexRoot, and on the
// English search page (pageRoot ".../en/") they are moved to the same page in English.
export function inLanguage(data, indexRoot, pageRoot) {
  if (pageRoot === indexRoot || !data.url.startsWith(indexRoot)) return data;
  return { ...data, url: pageRoot + data.url.slice(indexRoot.length) };
}

export function quoted(text) {
  return `‘${text}’`;
}

// A chosen group as a chip or tip says it: {title: "Wijk", values: ["Overvecht", "Zuid"]}.
export function chosenParts(labels, key, values) {
  return { title: labels.title(key), values: values.map((value) => labels.value(key, value)) };
}

// A distance as the card says it: [textKey, {n}]; n is a number the view writes in the page's language.
export function distanceMessage(km) {
  if (km < 0.1) return ["binnen100", {}];
  if (km < 1) return ["meter", { n: Math.round(km * 10) * 100 }];
  return ["km", { n: km < 10 ? Math.round(km * 10) / 10 : Math.round(km) }];
}

function first(data, key) {
  return (data.filters?.[key] || [])[0] ?? null;
}

// data: a Pagefind fragment (meta written by aanbod/search/search.py); labels: filterLabels(...).
// Texts the provider wrote stay texts (the view puts them in through textContent); facts are
// {text} (the provider's words) or {key, values} (an interface text), each with a class or null.
export function resultModel(data, labels, distanceKm = null) {
  const meta = data.meta || {};
  const kind = first(data, "soort");
  const subtype = first(data, "type");
  const referral = first(data, "verwijzing");
  const facts = [];
  if (meta.kosten) facts.push({ text: meta.kosten, class: null });
  if (referral) facts.push({ key: referral === "ja" ? "verwijzing" : "zelf", class: null });
  if (meta.geen_plek === "ja") facts.push({ key: "geenPlek", class: "paused" });
  // Is there room (issue 14): words from the index, a pictogram by CSS for the role (free, full, waiting, unknown).
  if (meta.plek) facts.push({ text: meta.plek, class: `availability availability-${meta.plek_rol}` });
  // Sorting by distance knows no municipality, so the card itself says who may come (issue 14).
  if (meta.alleen_voor) facts.push({ key: "alleenVoor", values: { plaatsen: meta.alleen_voor }, class: "only-for" });
  return {
    url: data.url,
    title: meta.title || data.url,
    kind,
    kindLabel: kind ? labels.value("soort", kind) : null,
    subtypeLabel: subtype ? labels.value("type", subtype) : null,
    provider: meta.aanbieder || null,
    place: meta.plaats || null,
    summary: meta.samenvatting || null,
    facts,
    distance: distanceKm === null ? null : distanceMessage(distanceKm),
  };
}

// The one sentence for everyone and for the screen reader's live region: what was found, for what.
// {key: the sentence, total, phrases: [[textKey, values], ...] (for which words, how many filters), place}.
export function statusModel({ total, term, chosen, near }) {
  const phrases = [];
  if (term) phrases.push(["voor", { woorden: quoted(term) }]);
  if (chosen) phrases.push(["filters", { n: chosen }]);
  const key = !total ? "geen" : near ? "dichtstbij" : "gevonden";
  return { key, total, phrases, place: near ?? null };
}
