// The search page's controller: search as you type, filters with counts, "Bij jou in de buurt" and
// a map, on Pagefind's JavaScript API. It holds the state, keeps it in the URL (search-state.js),
// answers events and runs the searches; search-view.js builds the nodes and search-model.js says
// what they show. What is not needed for a first search (the empty state, distances, the map)
// loads when it is needed.
import { groupCounts, pagefindFilters } from "./search-filters.js";
import { inLanguage, resultModel, statusModel } from "./search-model.js";
import { chosenCount, stateFromUrl, urlFromState } from "./search-state.js";
import { createView } from "./search-view.js";
import { t } from "./texts.js";

// Waiting this long after a keystroke before searching keeps the list from flickering; the
// index files for the words typed so far already load during the wait (preload).
const DEBOUNCE_MS = 150;
// One or two letters would fetch index files for words nobody is typing.
const PRELOAD_FROM = 3;
const PAGE_SIZE = 10;

// A large catalogue's index comes in parts (delen.json names the second and later ones); Pagefind
// searches them as one, adding up the counts of every filter.
async function loadPagefind(bundle) {
  const parts = fetch(bundle + "delen.json").then((response) => (response.ok ? response.json() : []));
  const [pagefind, more] = await Promise.all([import(bundle + "pagefind.js"), parts]);
  // No web worker: it would be one more 40 kB download, and a search takes milliseconds.
  // Result URLs in the index already hold the site's path, so nothing is put in front.
  await pagefind.options({ noWorker: true, baseUrl: "/" });
  pagefind.init();
  await Promise.all(more.map((folder) => pagefind.mergeIndex(bundle + folder, { baseUrl: "/" })));
  return pagefind;
}

const term = (state) => state.q.trim() || null;

function start(root) {
  const { bundle, leaflet } = root.dataset;
  const places = bundle + "plaatsen.json";
  const indexRoot = root.dataset.indexRoot || "/";
  const pageRoot = root.dataset.pageRoot || indexRoot;
  const view = createView(root);
  const { labels, part } = view;
  const pagefindReady = loadPagefind(bundle);

  // Every update takes the next number; an answer for an older number is dropped, so a slow
  // search for the words before a keystroke never shows its results.
  let sequence = 0;
  let timer = null;
  // What changed the search last: typing replaces the URL (the back button skips keystrokes),
  // anything else pushes a new entry.
  let lastChange = null;
  let shown = [];
  let ranked = [];
  let near = null;
  let mapView = null;

  const currentState = () => view.readState();

  function remember(state, mode) {
    const url = location.pathname + urlFromState(state, labels.known);
    if (mode === "none" || url === location.pathname + location.search) return;
    history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
  }

  async function showCounts(pagefind, state, group, mine = sequence) {
    const counts = await groupCounts(pagefind, term(state), state.filters, group.dataset.group, view.codesOf(group));
    if (mine === sequence) view.showCounts(group, counts);
  }

  function refreshOpenCounts(pagefind, state, mine) {
    return Promise.all(view.groups().filter((group) => group.open).map((group) => showCounts(pagefind, state, group, mine)));
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
    const datas = next.map((result) => result.data().then((data) => inLanguage(data, indexRoot, pageRoot)));
    const clear = () => {
      view.clearResults();
      shown = [];
    };
    if (replace && !next.length) {
      clear();
      performance.mark("search-shown");
    }
    for (const [index, result] of next.entries()) {
      const data = await datas[index];
      if (mine !== sequence) return false;
      if (replace && index === 0) clear();
      view.addResult(resultModel(data, labels, result.distanceKm ?? null));
      shown.push({ id: result.id, data });
      if (replace && index === 0) performance.mark("search-shown");
    }
    view.showMoreButton(shown.length < ranked.length);
    mapView?.show(shown, near?.point ?? null);
    return true;
  }

  async function showEmpty(pagefind, state, mine) {
    const { emptyState } = await import("./search-empty.js");
    const box = await emptyState(pagefind, { term: term(state), chosen: state.filters, labels, kindLinks: view.kindLinks() });
    if (mine === sequence) view.showEmpty(box);
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
    view.showChosen(state, chosenCount(state));
    const words = term(state);
    const filters = pagefindFilters(state.filters);
    const pagefind = await pagefindReady;
    if (mine !== sequence) return;
    performance.mark("search-start");
    if (!words && !Object.keys(filters).length && !near) {
      ranked = [];
      shown = [];
      view.reset();
      await refreshOpenCounts(pagefind, state, mine);
      finished(mine, state);
      return;
    }
    const response = await pagefind.search(words, { filters });
    if (mine !== sequence) return;
    ranked = near ? await byDistance(response.results) : response.results;
    if (mine !== sequence) return;
    view.hideEmpty();
    if (!(await renderMore(mine, true))) return;
    view.showStatus(statusModel({ total: ranked.length, term: words, chosen: chosenCount(state), near: near?.label }));
    view.showMapSection(ranked.length > 0);
    if (!ranked.length) await showEmpty(pagefind, state, mine);
    await refreshOpenCounts(pagefind, state, mine);
    finished(mine, state);
  }

  function changed(chipIndex = 0) {
    lastChange = "filter";
    update("push");
    view.focusAfterChange(chipIndex);
  }

  // The next page of results; focus goes to its first card.
  async function showMore() {
    const before = shown.length;
    part.more.dataset.loading = "";
    await renderMore(sequence);
    delete part.more.dataset.loading;
    view.focusResult(before);
  }

  view.field.addEventListener("input", () => {
    performance.mark("search-input");
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

  view.field.form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(lastChange === "typing" ? "replace" : "push");
    lastChange = "submit";
  });

  root.addEventListener("change", (event) => {
    if (event.target.type !== "checkbox") return;
    lastChange = "filter";
    update("push");
  });

  for (const group of view.groups()) {
    group.addEventListener("toggle", async () => {
      if (group.open) showCounts(await pagefindReady, currentState(), group);
    });
  }

  // The buttons of chips, the empty state's tips, "remove all filters" and "show more".
  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const data = button.dataset;
    if (data.removeGroup) {
      view.uncheck(data.removeGroup, data.removeValue ?? null);
      changed(view.chipIndex(button));
    } else if ("clearTerm" in data) {
      view.field.value = "";
      changed();
    } else if (data.kind) {
      view.uncheck("soort");
      view.uncheck("type");
      view.check("soort", data.kind);
      changed();
    } else if ("clearFilters" in data) {
      view.uncheck();
      changed();
    } else if (button === part.clear) {
      view.uncheck();
      lastChange = "filter";
      update("push");
    } else if (button === part.more && !("loading" in part.more.dataset)) {
      showMore();
    }
  });

  window.addEventListener("popstate", () => {
    view.showState(stateFromUrl(location.search, labels.known));
    lastChange = "history";
    view.openChosenGroups(currentState());
    update("none");
  });

  // --- Bij jou in de buurt: its code loads when the panel is first opened or used ---
  let nearModule = null;
  function nearPanel() {
    nearModule ??= import("./search-near.js")
      .then((module) => module.connect(part.nearby, (point, label) => {
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
      part.nearStatus.textContent = t("werktNiet");
    }
  }
  function stopNear(message) {
    near = null;
    nearPanel().then((panel) => panel.stopped(message), () => {});
  }
  if (!navigator.geolocation) part.locate.hidden = true;
  part.nearby.addEventListener("toggle", () => nearPanel().catch(() => {}));
  part.nearby.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (button) pressNear(button);
  });
  part.postcodeField.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    pressNear(part.postcode);
  });

  // --- The map of the results shown; its code, Leaflet and the tiles load at the first click ---
  part.mapToggle.addEventListener("click", async () => {
    if (!view.toggleMap() || mapView) return;
    try {
      const { resultsMap } = await import("./search-map.js");
      mapView = await resultsMap(part.map, leaflet, places);
      mapView.show(shown, near?.point ?? null);
    } catch (error) {
      part.map.textContent = t("kaartFout");
    }
  });

  view.showState(stateFromUrl(location.search, labels.known));
  view.openChosenGroups(currentState());
  update("replace");
}

const root = document.getElementById("search");
if (root) start(root);
