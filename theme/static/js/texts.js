// The texts that scripts write, in the page's language. Each page carries the ones its scripts
// need in a JSON island (<script type="application/json" id="texts">) that the templates
// render through gettext, so theme/translations is the one place where they are translated.
let texts = null;
let later = null;

function pageTexts() {
  texts ??= JSON.parse(document.getElementById("texts").textContent);
  return texts;
}

// Texts for modules that load only when needed (an empty result, near-me, the map) stay out of
// the page, which keeps a first search small; such a module awaits them before its first t().
export function loadLater() {
  const url = document.getElementById("texts").dataset.later;
  if (!url) return Promise.resolve();
  later ??= fetch(url).then((response) => {
    if (!response.ok) throw new Error(`Texts ${url}: ${response.status}`);
    return response.json();
  }).then((more) => { Object.assign(pageTexts(), more); });
  return later;
}

// t("gevonden", {n: 3}): the text with every {name} filled in. A pair [one, other] is a
// plural, chosen by values.n. A key the page does not carry is a bug, so it throws.
export function t(key, values = {}) {
  let text = pageTexts()[key];
  if (Array.isArray(text)) text = text[values.n === 1 ? 0 : 1];
  if (typeof text !== "string") throw new Error(`No text "${key}" in #texts on this page`);
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
