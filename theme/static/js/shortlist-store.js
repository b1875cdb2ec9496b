// "Mijn lijstje" storage: offers saved on this device (localStorage), as a list of offer ids, and
// the week plan made with them (week-plan.js). Shared by shortlist.js (the buttons on an offer page)
// and shortlist-page.js (the list page).
import { t } from "./texts.js";
import { cleanPlan } from "./week-plan.js";

export const KEY = "open-aanbod-lijstje";
export const PLAN_KEY = "open-aanbod-weekplan";
const MAX = 100;
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function clean(ids) {
  const seen = new Set();
  return ids.filter((id) => {
    if (typeof id !== "string" || !ID.test(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  }).slice(0, MAX);
}

// Storage can be switched off or full (private windows): then nothing is saved, and the
// callers say so instead of failing.
export function read() {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(value) ? clean(value) : [];
  } catch (error) {
    return [];
  }
}

export function write(ids) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(clean(ids)));
    return true;
  } catch (error) {
    return false;
  }
}

export function readPlan() {
  try {
    return cleanPlan(JSON.parse(window.localStorage.getItem(PLAN_KEY) || "null"));
  } catch (error) {
    return cleanPlan(null);
  }
}

export function writePlan(plan) {
  try {
    window.localStorage.setItem(PLAN_KEY, JSON.stringify(cleanPlan(plan)));
    return true;
  } catch (error) {
    return false;
  }
}

export function countText(count) {
  return count === 0 ? t("leeg") : t("inLijstje", { n: count });
}
