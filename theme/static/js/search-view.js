// The search page's DOM: the filter checkboxes, chips, counts, result cards, the status sentence
// and the map's button. It builds and reads nodes and says nothing about when: search.js (the
// controller) decides that. Every text from the index goes in through textContent (dom.js).
import { element, part as partIn, parts } from "./dom.js";
import { chosenParts, filterLabels } from "./search-model.js";
import { t } from "./texts.js";

export function countText(number) {
  return t("resultaten", { n: number });
}

// {title, values} (search-model.js chosenParts) as one text: "Wijk: Overvecht of Zuid".
export function chosenText(labels, key, values) {
  const { title, values: names } = chosenParts(labels, key, values);
  return `${title}: ${names.join(` ${t("of")} `)}`;
}

function distanceText([key, values]) {
  const n = values.n?.toLocaleString(document.documentElement.lang);
  return t(key, { ...values, n });
}

export function statusText({ key, total, phrases, place }) {
  const wat = phrases.length ? " " + phrases.map(([phrase, values]) => t(phrase, values)).join(" ") : "";
  return t(key, { aantal: countText(total), wat, plaats: place });
}

// model: search-model.js resultModel.
export function resultCard(model) {
  const facts = model.facts.map((fact) => element("span", { class: fact.class }, fact.text ?? t(fact.key, fact.values)));
  if (model.distance) facts.push(element("span", { class: "finder-distance" }, t("afstand", { afstand: distanceText(model.distance) })));
  return element("li", { class: "card finder-card" },
    element("h3", { class: "card-title" }, element("a", { href: model.url }, model.title)),
    element("p", { class: "card-meta" },
      model.kind ? element("span", { class: `tag kind kind-${model.kind}` }, model.kindLabel) : null,
      model.subtypeLabel ? element("span", {}, model.subtypeLabel) : null,
      model.provider ? element("span", {}, model.provider) : null,
      model.place ? element("span", {}, model.place) : null,
    ),
    model.summary ? element("p", {}, model.summary) : null,
    element("p", { class: "card-facts" }, ...facts),
  );
}

// The checkboxes of every filter group, built from the data the page carries (at 10,000 offers
// every byte of the HTML counts for the first search).
function buildFilters(container, labels) {
  for (const [key, { title, values }] of labels.groups) {
    const items = [...values].map(([code, label]) => element("li", {}, element("label", {},
      element("input", { type: "checkbox", name: key, value: code }), " ", element("span", {}, label), " ",
      element("span", { class: "filter-count" }),
    )));
    container.append(element("details", { class: "filter-group", "data-group": key },
      element("summary", {}, `${title} `, element("span", { class: "finder-chosen", "data-chosen": "" })),
      element("fieldset", {}, element("legend", { class: "visually-hidden" }, title), element("ul", { class: "filter-values" }, ...items)),
    ));
  }
}

function chip(labels, key, value) {
  const text = chosenText(labels, key, [value]);
  return element("li", {}, element("button", {
    type: "button", class: "finder-chip", "data-remove-group": key, "data-remove-value": value,
    "aria-label": t("haalFilterWeg", { filter: text }),
  }, `${text} `, element("span", { "aria-hidden": "true" }, "×")));
}

export function createView(root) {
  const part = parts(root, {
    status: "status", results: "results", empty: "empty", more: "more", active: "active", clear: "clear",
    total: "chosen-total", mapSection: "map-section", mapToggle: "map-toggle", map: "map",
    nearby: "nearby", nearStatus: "near-status", locate: "locate", postcode: "postcode",
  });
  part.postcodeField = part.nearby.querySelector("input[autocomplete=postal-code]");
  // One container of filter groups per section (the professionals' groups in their own, issue 14); one set
  // of labels for all of them.
  const sections = [...root.querySelectorAll("[data-filter-groups]")].map((container) => [container, JSON.parse(container.dataset.filterGroups)]);
  const labels = filterLabels(sections.flatMap(([, groupData]) => groupData));
  for (const [container, groupData] of sections) buildFilters(container, filterLabels(groupData));
  const field = root.querySelector("input[name=q]");
  const boxes = (selector = "") => [...root.querySelectorAll(`input[type=checkbox]${selector}`)];
  const groups = () => [...root.querySelectorAll("[data-group]")];

  return {
    part,
    labels,
    field,
    groups,
    // [[label, href]] of the list page of every kind, for the empty state.
    kindLinks: () => [...document.querySelectorAll('[data-browse="kinds"] a')].map((link) => [link.textContent.trim(), link.getAttribute("href")]),

    // The state as the form holds it: {q, filters: {group: [code, ...]}}.
    readState() {
      const filters = {};
      for (const key of labels.known.keys()) {
        const chosen = boxes(`[name="${key}"]:checked`).map((box) => box.value);
        if (chosen.length) filters[key] = chosen;
      }
      return { q: field.value, filters };
    },
    showState(state) {
      field.value = state.q;
      for (const box of boxes()) box.checked = (state.filters[box.name] || []).includes(box.value);
    },
    uncheck(key = null, value = null) {
      for (const box of boxes(key === null ? "" : `[name="${key}"]`)) {
        if (value === null || box.value === value) box.checked = false;
      }
    },
    check(key, value) {
      const box = boxes(`[name="${key}"]`).find((each) => each.value === value);
      if (box) box.checked = true;
    },
    openChosenGroups(state) {
      for (const group of groups()) {
        if ((state.filters[group.dataset.group] || []).length) group.open = true;
      }
    },

    showChosen(state, total) {
      part.total.textContent = total ? t("gekozen", { n: total }) : "";
      part.clear.hidden = !total;
      for (const group of groups()) {
        const chosen = (state.filters[group.dataset.group] || []).length;
        partIn(group, "chosen").textContent = chosen ? t("gekozen", { n: chosen }) : "";
      }
      part.active.replaceChildren(...Object.entries(state.filters).flatMap(([key, values]) => values.map((value) => chip(labels, key, value))));
    },
    // The codes of a group's checkboxes, in the page's order.
    codesOf: (group) => [...group.querySelectorAll("input[type=checkbox]")].map((box) => box.value),
    // counts: code -> number of results with it. A value that would give nothing is dimmed.
    showCounts(group, counts) {
      for (const box of group.querySelectorAll("input[type=checkbox]")) {
        const number = counts[box.value] || 0;
        const label = box.closest("label");
        label.querySelector(".filter-count").textContent = `(${number})`;
        label.classList.toggle("filter-none", number === 0 && !box.checked);
      }
    },

    cardCount: () => part.results.children.length,
    clearResults: () => part.results.replaceChildren(),
    addResult: (model) => part.results.append(resultCard(model)),
    showStatus: (model) => { part.status.textContent = statusText(model); },
    showMoreButton: (shown) => { part.more.hidden = !shown; },
    showMapSection: (shown) => { part.mapSection.hidden = !shown; },
    showEmpty(box) {
      part.empty.replaceChildren(box);
      part.empty.hidden = false;
    },
    hideEmpty: () => { part.empty.hidden = true; },
    reset() {
      part.results.replaceChildren();
      part.empty.hidden = true;
      part.more.hidden = true;
      part.mapSection.hidden = true;
      part.status.textContent = "";
    },

    // After a button that changed the search disappears, focus goes to the chip that took its
    // place, or to the sentence that says what is found now; never back to the top of the page.
    focusAfterChange(chipIndex = 0) {
      (part.active.children[chipIndex]?.querySelector("button") ?? part.status).focus();
    },
    chipIndex: (button) => [...part.active.children].indexOf(button.closest("li")),
    // The first card of a new page of results, so a keyboard user reads on from there.
    focusResult: (index) => part.results.children[index]?.querySelector("a")?.focus(),

    // The map's button: open or closed; true when it is open now.
    toggleMap() {
      const open = part.mapToggle.getAttribute("aria-expanded") !== "true";
      part.mapToggle.setAttribute("aria-expanded", String(open));
      part.mapToggle.textContent = t(open ? "verbergKaart" : "toonKaart");
      part.map.hidden = !open;
      return open;
    },
  };
}
