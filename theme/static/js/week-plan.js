// The week plan of "Mijn lijstje", as plain data: which offer fills which dagdeel, clashes, the
// dagdelen the resident marked as free, and how the plan travels in a share link. No DOM here, so
// Node can test it (tests/js/week-plan.test.js); shortlist-page.js draws it.
//
// A slot is "<day>-<dagdeel>" with the codes of schema/taxonomies/days.csv and parts_of_day.csv,
// the same key the search index uses for its combined day + dagdeel filter (aanbod/search/search.py).

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const SLOT = /^[a-z]+-[a-z]+$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const MAX_TEXT = 80;

export function slotKey(day, part) {
  return day + "-" + part;
}

// The plan as kept on the device and in a link. choices: offer id -> the slots the resident goes
// to, only for offers where they chose (no entry means every slot of the offer). free: slots the
// resident marked as free. helper: the professional's name and phone, for the printed plan.
export function emptyPlan() {
  return { choices: {}, free: [], helper: { name: "", phone: "" } };
}

function cleanText(value) {
  return typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, MAX_TEXT) : "";
}

function cleanSlots(values) {
  return Array.isArray(values) ? [...new Set(values.filter((value) => typeof value === "string" && SLOT.test(value)))] : [];
}

// Whatever was stored or came in a link (an old version, a hand-edited URL) becomes a valid plan.
export function cleanPlan(value) {
  const plan = emptyPlan();
  if (!value || typeof value !== "object") return plan;
  if (value.choices && typeof value.choices === "object") {
    for (const [id, slots] of Object.entries(value.choices)) {
      if (ID.test(id)) plan.choices[id] = cleanSlots(slots);
    }
  }
  plan.free = cleanSlots(value.free);
  if (value.helper && typeof value.helper === "object") {
    plan.helper = { name: cleanText(value.helper.name), phone: cleanText(value.helper.phone) };
  }
  return plan;
}

// The slots an offer runs at, from its list-page record: [{day, part, start?, end?}].
function offerSlots(offer) {
  return (offer && Array.isArray(offer.slots) ? offer.slots : []).map((slot) => ({
    key: slotKey(slot.day, slot.part),
    start: TIME.test(slot.start || "") ? slot.start : "",
    end: TIME.test(slot.end || "") ? slot.end : "",
  }));
}

// The slots of an offer the resident goes to: their choice where they made one, else all.
export function chosenSlots(plan, id, offer) {
  const all = offerSlots(offer);
  if (!(id in plan.choices)) return all;
  const chosen = new Set(plan.choices[id]);
  return all.filter((slot) => chosen.has(slot.key));
}

function minutes(time) {
  const [hours, mins] = time.split(":").map(Number);
  return hours * 60 + mins;
}

// Two activities in one dagdeel clash unless both have clock times that do not overlap
// (09:00-10:30 and 11:00-12:00 fit in one morning).
export function overlaps(a, b) {
  if (!(a.start && a.end && b.start && b.end)) return true;
  return minutes(a.start) < minutes(b.end) && minutes(b.start) < minutes(a.end);
}

// ids: the list's order. offers: id -> record (missing for offers no longer on the site).
// days, parts: codes in taxonomy order. Returns
//   cells: slot -> [{id, start, end}] in list order,
//   clashes: [{slot, ids}] in week order, active: how many dagdelen have something,
//   free: marked free slots that are still empty, in week order,
//   unscheduled: ids of offers without known days.
export function buildPlan(plan, ids, offers, days, parts) {
  const cells = new Map();
  const unscheduled = [];
  for (const id of ids) {
    const offer = offers[id];
    if (!offer) continue;
    if (!offerSlots(offer).length) {
      unscheduled.push(id);
      continue;
    }
    for (const slot of chosenSlots(plan, id, offer)) {
      if (!cells.has(slot.key)) cells.set(slot.key, []);
      cells.get(slot.key).push({ id, start: slot.start, end: slot.end });
    }
  }
  const week = days.flatMap((day) => parts.map((part) => slotKey(day, part)));
  const clashes = [];
  for (const key of week) {
    const entries = cells.get(key) || [];
    const clashing = entries.filter((entry, index) => entries.some((other, j) => j !== index && overlaps(entry, other)));
    if (clashing.length) clashes.push({ slot: key, ids: clashing.map((entry) => entry.id) });
  }
  const free = new Set(plan.free);
  return {
    cells,
    clashes,
    active: week.filter((key) => cells.has(key)).length,
    free: week.filter((key) => free.has(key) && !cells.has(key)),
    unscheduled,
  };
}

// The search page's URL for the free slots: its day and dagdeel filters (search-state.js). The
// search combines them as every chosen day in every chosen dagdeel, so two free slots on different
// days and dagdelen also find the two other combinations; the page says so.
export function searchQuery(free, days, parts) {
  const params = new URLSearchParams();
  const chosen = free.map((key) => key.split("-"));
  for (const day of days) if (chosen.some(([d]) => d === day)) params.append("dag", day);
  for (const part of parts) if (chosen.some(([, p]) => p === part)) params.append("dagdeel", part);
  const query = params.toString();
  return query ? "?" + query : "";
}

// The list and its plan in a share link: ?aanbod=a,b&kies=a:maandag-ochtend.woensdag-ochtend
// &vrij=dinsdag-middag&begeleider=Naam&telefoon=030... Readable: ids and slots are plain codes
// (letters, digits, hyphens), so commas and colons stay as they are; only what the professional
// typed for the printed plan is percent-encoded.
export function encodeShare(ids, plan) {
  const params = [];
  if (ids.length) params.push("aanbod=" + ids.join(","));
  const choices = ids.filter((id) => id in plan.choices).map((id) => id + ":" + plan.choices[id].join("."));
  if (choices.length) params.push("kies=" + choices.join(","));
  if (plan.free.length) params.push("vrij=" + plan.free.join(","));
  if (plan.helper.name) params.push("begeleider=" + encodeURIComponent(plan.helper.name));
  if (plan.helper.phone) params.push("telefoon=" + encodeURIComponent(plan.helper.phone));
  return params.length ? "?" + params.join("&") : "";
}

// The reverse of encodeShare; ids are cleaned by the caller (shortlist-store.js clean()).
export function decodeShare(search) {
  const params = new URLSearchParams(search);
  const ids = (params.get("aanbod") || "").split(",").filter(Boolean);
  const choices = {};
  for (const part of (params.get("kies") || "").split(",").filter(Boolean)) {
    const [id, slots = ""] = part.split(":");
    choices[id] = slots.split(".").filter(Boolean);
  }
  const plan = cleanPlan({
    choices,
    free: (params.get("vrij") || "").split(",").filter(Boolean),
    helper: { name: params.get("begeleider") || "", phone: params.get("telefoon") || "" },
  });
  return { ids, plan };
}

// The plan kept for the offers still in the list: choices of removed offers are dropped.
export function forOffers(plan, ids) {
  const choices = {};
  for (const id of ids) if (id in plan.choices) choices[id] = plan.choices[id];
  return { ...plan, choices };
}
