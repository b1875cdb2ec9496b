// The search page: search as you type, filters with counts, "Bij jou in de buurt" and a map,
// on Pagefind's JavaScript API. Its state lives in the URL (search-state.js). What is not needed
// for a first search (the empty state, distances, the map) loads when it is needed.
import { chosenCount, showStateInPage, stateFromPage, stateFromUrl, urlFromState } from "./search-state.js";
import { groupCounts, pagefindFilters } from "./search-filters.js";
import { chosenLabel, element, resultCard, statusText } from "./search-results.js";
import { t } from "./teksten.js";

// Waiting this long after a keystroke before searching keeps the list from flickering; the
// index files for the words typed so far already load during the wait (preload).
const DEBOUNCE_MS = 150;
// One or two letters would fetch index files for words nobody is typing.
const PRELOAD_FROM = 3;
const PAGE_SIZE = 10;

const root = document.getElementById("zoeken");
if (root) start(root);

// The filter groups come as data from aanbod/search.py ([key, title, [[code, label], ...]]), in one
// container per section (the professionals' groups in their own): the checkboxes are built here, and
// the Dutch labels kept for chips and result cards.
function buildFilters(containers) {
  const groups = new Map();
  for (const container of containers) {
    for (const [key, title, values] of JSON.parse(container.dataset.filterGroups)) {
      groups.set(key, { title, values: new Map(values) });
      const items = values.map(([code, label]) => element("li", {}, element("label", {},
        element("input", { type: "checkbox", name: key, value: code }), " ", element("span", {}, label), " ",
        element("span", { class: "filter-count" }),
      )));
      container.append(element("details", { class: "filter-group", "data-group": key },
        element("summary", {}, title + " ", element("span", { class: "finder-chosen", "data-chosen": "" })),
        element("fieldset", {}, element("legend", { class: "visually-hidden" }, title), element("ul", { class: "filter-values" }, ...items)),
      ));
    }
  }
  return {
    groups,
    title: (key) => groups.get(key)?.title ?? key,
    value: (key, code) => groups.get(key)?.values.get(code) ?? code,
  };
}

function start(root) {
  const bundle = root.dataset.bundle;
  const places = bundle + "plaatsen.json";
  const form = root.querySelector("form");
  const input = form.elements.q;
  const part = (name) => root.querySelector(`[data-${name}]`);
  const view = {
    status: part("status"), results: part("results"), empty: part("empty"), more: part("more"),
    active: part("active"), clear: part("clear"), total: part("chosen-total"),
    mapSection: part("map-section"), mapToggle: part("map-toggle"), map: part("map"),
  };
  const labels = buildFilters(root.querySelectorAll("[data-filter-groups]"));
  const known = new Map([...labels.groups].map(([key, group]) => [key, new Set(group.values.keys())]));
  // One index serves every language: its URLs lead to the Dutch pages at the root, and on the
  // English search page (data-page-root ".../en/") they are moved to the same page in English.
  const indexRoot = root.dataset.indexRoot || "/";
  const pageRoot = root.dataset.pageRoot || indexRoot;
  const inLanguage = (data) => (pageRoot !== indexRoot && data.url.startsWith(indexRoot)
    ? { ...data, url: pageRoot + data.url.slice(indexRoot.length) } : data);
  const kindLinks = [...document.querySelectorAll('[data-browse="kinds"] a')].map((link) => [link.textContent.trim(), link.getAttribute("href")]);

  // A large catalogue's index comes in parts (delen.json names the second and later ones); Pagefind
  // searches them as one, adding up the counts of every filter.
  const parts = fetch(bundle + "delen.json").then((response) => (response.ok ? response.json() : []));
  const pagefindReady = Promise.all([import(bundle + "pagefind.js"), parts]).then(async ([pagefind, more]) => {
    // No web worker: it would be one more 40 kB download, and a search takes milliseconds.
    // Result URLs in the index already hold the site's path, so nothing is put in front.
    await pagefind.options({ noWorker: true, baseUrl: "/" });
    pagefind.init();
    await Promise.all(more.map((folder) => pagefind.mergeIndex(bundle + folder, { baseUrl: "/" })));
    return pagefind;
  });

  let sequence = 0;
  let timer = null;
  let lastChange = null;
  let shown = [];
  let ranked = [];
  let near = null;
  let mapView = null;

  function currentState() {
    return stateFromPage(root, known);
  }

  function term(state) {
    return state.q.trim() || null;
  }

  function remember(state, mode) {
    const url = location.pathname + urlFromState(state, known);
    if (mode === "none" || url === location.pathname + location.search) return;
    history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
  }

  function chip(key, value) {
    const text = chosenLabel(labels, key, [value]);
    const button = Object.assign(document.createElement("button"), { type: "button", className: "finder-chip" });
    Object.assign(button.dataset, { removeGroup: key, removeValue: value });
    button.setAttribute("aria-label", t("haalFilterWeg", { filter: text }));
    const cross = Object.assign(document.createElement("span"), { textContent: "×" });
    cross.setAttribute("aria-hidden", "true");
    button.append(text + " ", cross);
    const item = document.createElement("li");
    item.append(button);
    return item;
  }

  function showChosen(state) {
    const total = chosenCount(state);
    view.total.textContent = total ? t("gekozen", { n: total }) : "";
    view.clear.hidden = !total;
    for (const group of root.querySelectorAll("[data-group]")) {
      const chosen = (state.filters[group.dataset.group] || []).length;
      group.querySelector("[data-chosen]").textContent = chosen ? t("gekozen", { n: chosen }) : "";
    }
    view.active.replaceChildren(...Object.entries(state.filters).flatMap(([key, values]) => values.map((value) => chip(key, value))));
  }

  async function showCounts(pagefind, state, group, mine = sequence) {
    const boxes = [...group.querySelectorAll("input[type=checkbox]")];
    const counts = await groupCounts(pagefind, term(state), state.filters, group.dataset.group, boxes.map((box) => box.value));
    if (mine !== sequence) return;
    for (const box of boxes) {
      const number = counts[box.value] || 0;
      const label = box.closest("label");
      label.querySelector(".filter-count").textContent = `(${number})`;
      label.classList.toggle("filter-none", number === 0 && !box.checked);
    }
  }

  function refreshOpenCounts(pagefind, state, mine) {
    const open = [...root.querySelectorAll("[data-group]")].filter((group) => group.open);
    return Promise.all(open.map((group) => showCounts(pagefind, state, group, mine)));
  }

  // Counts every finished update (results, empty state and counts all shown) and names the words
  // it showed: tests and the benchmark wait for these instead of guessing a time.
  function finished(mine, state) {
    if (mine !== sequence) return;
    root.dataset.updates = String(Number(root.dataset.updates || 0) + 1);
    root.dataset.shownQuery = state.q;
  }

  // Cards appear one by one as their data arrives, in result order: the first is on screen as
  // soon as its own small file is in, not after the slowest of the page. `replace`: a new list.
  async function renderMore(mine, replace = false) {
    const from = replace ? 0 : shown.length;
    const next = ranked.slice(from, from + PAGE_SIZE);
    const datas = next.map((result) => result.data().then(inLanguage));
    const clear = () => {
      view.results.replaceChildren();
      shown = [];
    };
    if (replace && !next.length) {
      clear();
      performance.mark("zoeken-getoond");
    }
    for (const [index, result] of next.entries()) {
      const data = await datas[index];
      if (mine !== sequence) return false;
      if (replace && index === 0) clear();
      view.results.append(resultCard(data, labels, result.distanceKm ?? null));
      shown.push({ id: result.id, data });
      if (replace && index === 0) performance.mark("zoeken-getoond");
    }
    view.more.hidden = shown.length >= ranked.length;
    mapView?.show(shown, near?.point ?? null);
    return true;
  }

  async function showEmpty(pagefind, state, mine) {
    const { emptyState } = await import("./search-empty.js");
    const box = await emptyState(pagefind, { term: term(state), chosen: state.filters, labels, kindLinks });
    if (mine !== sequence) return;
    view.empty.replaceChildren(box);
    view.empty.hidden = false;
  }

  async function byDistance(results) {
    try {
      const nearby = await import("./nearby.js");
      return nearby.rankByDistance(results, await nearby.loadPlaces(places), near.point);
    } catch (error) {
      stopNear(t("afstandenFout"));
      return results;
    }
  }

  async function update(mode) {
    const mine = ++sequence;
    clearTimeout(timer);
    const state = currentState();
    remember(state, mode);
    showChosen(state);
    const words = term(state);
    const filters = pagefindFilters(state.filters);
    const pagefind = await pagefindReady;
    if (mine !== sequence) return;
    performance.mark("zoeken-start");
    if (!words && !Object.keys(filters).length && !near) {
      reset();
      await refreshOpenCounts(pagefind, state, mine);
      finished(mine, state);
      return;
    }
    const response = await pagefind.search(words, { filters });
    if (mine !== sequence) return;
    ranked = near ? await byDistance(response.results) : response.results;
    if (mine !== sequence) return;
    view.empty.hidden = true;
    if (!(await renderMore(mine, true))) return;
    view.status.textContent = statusText({ total: ranked.length, term: words, chosen: chosenCount(state), near: near?.label });
    view.mapSection.hidden = !ranked.length;
    if (!ranked.length) await showEmpty(pagefind, state, mine);
    await refreshOpenCounts(pagefind, state, mine);
    finished(mine, state);
  }

  function reset() {
    ranked = [];
    shown = [];
    view.results.replaceChildren();
    view.empty.hidden = true;
    view.more.hidden = true;
    view.mapSection.hidden = true;
    view.status.textContent = "";
  }

  // Typing: replace the URL while the words change, so the back button skips keystrokes.
  input.addEventListener("input", () => {
    performance.mark("zoeken-invoer");
    const mode = lastChange === "typing" ? "replace" : "push";
    lastChange = "typing";
    // A search still running for the words before this keystroke must not show its results.
    sequence += 1;
    clearTimeout(timer);
    const state = currentState();
    const words = term(state);
    if (words && words.length >= PRELOAD_FROM) {
      pagefindReady.then((pagefind) => pagefind.preload(words, { filters: pagefindFilters(state.filters) }));
    }
    timer = setTimeout(() => update(mode), DEBOUNCE_MS);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(lastChange === "typing" ? "replace" : "push");
    lastChange = "submit";
  });

  root.addEventListener("change", (event) => {
    if (event.target.type !== "checkbox") return;
    lastChange = "filter";
    update("push");
  });

  for (const group of root.querySelectorAll("[data-group]")) {
    group.addEventListener("toggle", async () => {
      if (group.open) showCounts(await pagefindReady, currentState(), group);
    });
  }

  function uncheck(key, value = null) {
    for (const box of root.querySelectorAll(`input[name="${key}"]`)) {
      if (value === null || box.value === value) box.checked = false;
    }
  }

  // After a button that changed the search disappears, focus goes to the chip that took its
  // place, or to the sentence that says what is found now; never back to the top of the page.
  function changed(chipIndex = 0) {
    lastChange = "filter";
    update("push");
    (view.active.children[chipIndex]?.querySelector("button") ?? view.status).focus();
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const data = button.dataset;
    if (data.removeGroup) {
      uncheck(data.removeGroup, data.removeValue ?? null);
      changed([...view.active.children].indexOf(button.closest("li")));
    } else if ("clearTerm" in data) {
      input.value = "";
      changed();
    } else if (data.kind) {
      uncheck("soort");
      uncheck("type");
      root.querySelector(`input[name="soort"][value="${data.kind}"]`).checked = true;
      changed();
    } else if ("clearFilters" in data) {
      for (const box of root.querySelectorAll("input[type=checkbox]")) box.checked = false;
      changed();
    } else if (button === view.clear) {
      for (const box of root.querySelectorAll("input[type=checkbox]")) box.checked = false;
      lastChange = "filter";
      update("push");
    } else if (button === view.more && !("loading" in view.more.dataset)) {
      showMore();
    }
  });

  // The next page of results; focus goes to its first result, so a keyboard user reads on from there.
  async function showMore() {
    const before = shown.length;
    view.more.dataset.loading = "";
    await renderMore(sequence);
    delete view.more.dataset.loading;
    view.results.children[before]?.querySelector("a")?.focus();
  }

  window.addEventListener("popstate", () => {
    showStateInPage(stateFromUrl(location.search, known), root);
    lastChange = "history";
    openChosenGroups();
    update("none");
  });

  function openChosenGroups() {
    const state = currentState();
    for (const group of root.querySelectorAll("[data-group]")) {
      if ((state.filters[group.dataset.group] || []).length) group.open = true;
    }
  }

  // --- Bij jou in de buurt: its code loads when the panel is first opened or used ---
  const nearbyPanel = part("nearby");
  let nearModule = null;
  function nearPanel() {
    nearModule ??= import("./search-near.js")
      .then((module) => module.connect(nearbyPanel, (point, label) => {
        near = point ? { point, label } : null;
        update("none");
      }))
      .catch((error) => {
        nearModule = null;
        throw error;
      });
    return nearModule;
  }
  async function pressNear(button) {
    try {
      (await nearPanel()).press(button);
    } catch (error) {
      part("near-status").textContent = t("werktNiet");
    }
  }
  if (!navigator.geolocation) part("locate").hidden = true;
  nearbyPanel.addEventListener("toggle", () => nearPanel().catch(() => {}));
  nearbyPanel.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (button) pressNear(button);
  });
  nearbyPanel.querySelector("input[autocomplete=postal-code]").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    pressNear(part("postcode"));
  });

  function stopNear(message) {
    near = null;
    nearPanel().then((panel) => panel.stopped(message), () => {});
  }

  // --- The map of the results shown; its code, Leaflet and the tiles load at the first click ---
  view.mapToggle.addEventListener("click", async () => {
    const open = view.mapToggle.getAttribute("aria-expanded") !== "true";
    view.mapToggle.setAttribute("aria-expanded", String(open));
    view.mapToggle.textContent = t(open ? "verbergKaart" : "toonKaart");
    view.map.hidden = !open;
    if (!open || mapView) return;
    try {
      const { resultsMap } = await import("./search-map.js");
      mapView = await resultsMap(view.map, root.dataset.leaflet, places);
      mapView.show(shown, near?.point ?? null);
    } catch (error) {
      view.map.textContent = t("kaartFout");
    }
  });

  showStateInPage(stateFromUrl(location.search, known), root);
  openChosenGroups();
  update("replace");
}
