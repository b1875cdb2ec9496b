// The map of an offer's locations: a button that opens it; the map's code, Leaflet and the
// tiles load only after that.
import { t } from "./texts.js";

const section = document.querySelector("[data-offer-map]");
if (section) {
  const button = section.querySelector("[data-map-toggle]");
  const container = section.querySelector("[data-map]");
  const status = section.querySelector("[data-map-status]");
  const points = JSON.parse(section.dataset.points);
  let view = null;

  button.addEventListener("click", async () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.textContent = t(open ? "verbergKaart" : "toonOpKaart");
    container.hidden = !open;
    if (!open || view) return;
    status.textContent = t("kaartLaden");
    try {
      const { drawMap, loadLeaflet } = await import("./map.js");
      view = drawMap(await loadLeaflet(section.dataset.leaflet), container, points);
      status.textContent = "";
    } catch (error) {
      status.textContent = t("kaartFoutAdressen");
    }
  });
}
