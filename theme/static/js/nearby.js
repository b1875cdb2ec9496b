// "Bij jou in de buurt": where the user is, and how far each result is from there.
// The device location stays on the device. A postcode is looked up at PDOK (the Dutch
// government's location service) only when the user presses the button for it.

import { loadLater, t } from "./texts.js";

// No fetch at import: the distance functions are pure, and tests run them in Node. The two
// functions that can fail load their texts first.

const PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free";
const EARTH_KM = 6371;

export class NearbyError extends Error {}

export function distanceKm(from, to) {
  const radians = (degrees) => (degrees * Math.PI) / 180;
  const dLat = radians(to[0] - from[0]);
  const dLon = radians(to[1] - from[1]);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from[0])) * Math.cos(radians(to[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

// The distance to the nearest location of an offer; null for an offer without one (online).
export function nearestKm(points, from) {
  if (!points || !points.length) return null;
  return Math.min(...points.map((point) => distanceKm(from, point)));
}

// Every result stays: the nearest first, offers without a location last, ties in search order.
export function rankByDistance(results, places, from) {
  return results
    .map((result, index) => ({ result, index, km: nearestKm(places.get(result.id), from) }))
    .sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.index - b.index)
    .map(({ result, km }) => Object.assign(result, { distanceKm: km }));
}

let placesFile = null;

// plaatsen.json, written with the search index (aanbod/search/search_places.py): page id -> whole
// numbers counted from `origin`, `scale` to a degree. Read as page id -> [[lat, lon], ...].
export function loadPlaces(url) {
  if (!placesFile) {
    placesFile = fetch(url)
      .then((response) => {
        if (!response.ok) throw new NearbyError("places");
        return response.json();
      })
      .then(({ scale, origin, pages }) => new Map(Object.entries(pages).map(([id, numbers]) => {
        const points = [];
        for (let index = 0; index < numbers.length; index += 2) {
          points.push([(origin[0] + numbers[index]) / scale, (origin[1] + numbers[index + 1]) / scale]);
        }
        return [id, points];
      })))
      .catch((error) => {
        placesFile = null;
        throw error;
      });
  }
  return placesFile;
}

export async function devicePosition() {
  await loadLater();
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new NearbyError(t("geenLocatie")));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve([position.coords.latitude, position.coords.longitude]),
      (error) => reject(new NearbyError(error.code === error.PERMISSION_DENIED
        ? t("geenToestemming") : t("locatieOnbekend"))),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
}

// "3562jw", "3562 JW " -> "3562 JW"; null when it is not a Dutch postcode.
export function normalisePostcode(text) {
  const match = /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$/.exec(text);
  return match ? `${match[1]} ${match[2].toUpperCase()}` : null;
}

export async function postcodePosition(postcode) {
  await loadLater();
  const params = new URLSearchParams({ q: postcode.replace(" ", ""), fq: "type:postcode", rows: "1", fl: "centroide_ll" });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10000);
  let data;
  try {
    const response = await fetch(`${PDOK}?${params}`, { signal: controller.signal, credentials: "omit", referrerPolicy: "no-referrer" });
    if (!response.ok) throw new Error(String(response.status));
    data = await response.json();
  } catch (error) {
    throw new NearbyError(t("postcodeFout"));
  } finally {
    clearTimeout(timer);
  }
  const point = /POINT\(\s*([-0-9.]+)\s+([-0-9.]+)\s*\)/.exec(data?.response?.docs?.[0]?.centroide_ll || "");
  if (!point) throw new NearbyError(t("postcodeOnbekend", { postcode }));
  return [Number(point[2]), Number(point[1])];
}
