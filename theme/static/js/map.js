// Maps as progressive enhancement. Leaflet is served from this site (copied from npm by the
// build) and loads only when someone opens a map; OpenStreetMap's tiles are the only thing
// that comes from another host, and only after that click.

import { element } from "./dom.js";
import { loadLater, t } from "./texts.js";

await loadLater();

const TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

let library = null;

function load(element, attribute, url) {
  return new Promise((resolve, reject) => {
    element[attribute] = url;
    element.addEventListener("load", resolve, { once: true });
    element.addEventListener("error", () => reject(new Error(`${url} did not load`)), { once: true });
    document.head.append(element);
  });
}

// base: the folder with leaflet.js and leaflet.css, ending in "/".
export function loadLeaflet(base) {
  if (!library) {
    const style = Object.assign(document.createElement("link"), { rel: "stylesheet" });
    const script = document.createElement("script");
    // The stylesheet must be in place first: Leaflet finds its marker images through it.
    library = load(style, "href", base + "leaflet.css")
      .then(() => load(script, "src", base + "leaflet.js"))
      .then(() => window.L)
      .catch((error) => {
        library = null;
        throw error;
      });
  }
  return library;
}

// points: [{lat, lon, title, url, note}]; an element per popup keeps every text escaped.
export function drawMap(L, container, points, here = null) {
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
  const layer = L.layerGroup().addTo(map);
  const view = { map, layer, L };
  showPoints(view, points, here);
  return view;
}

export function showPoints(view, points, here = null) {
  const { map, layer, L } = view;
  layer.clearLayers();
  const corners = [];
  for (const point of points) {
    const marker = L.marker([point.lat, point.lon], { title: point.title, alt: point.title, keyboard: true });
    marker.bindPopup(popup(point));
    layer.addLayer(marker);
    corners.push([point.lat, point.lon]);
  }
  if (here) {
    L.circleMarker(here, { radius: 9, weight: 3, color: "#083a66", fillColor: "#ffbf47", fillOpacity: 1 })
      .bindTooltip(t("hier"))
      .addTo(layer);
    corners.push(here);
  }
  if (corners.length === 1) map.setView(corners[0], 15);
  else if (corners.length) map.fitBounds(corners, { padding: [30, 30], maxZoom: 15 });
}

function popup(point) {
  return element("div", {},
    point.url ? element("a", { href: point.url }, point.title) : element("strong", {}, point.title),
    point.note ? element("p", {}, point.note) : null);
}
