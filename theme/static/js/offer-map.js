// The map of an offer's locations: a button that opens it; the map's code, Leaflet and the
// tiles load only after that.
import { parts } from "./dom.js";
import { t } from "./texts.js";

const section = document.querySelector("[data-offer-map]");
if (section) {
  const { button, container, status } = parts(section, { button: "map-toggle", container: "map", status: "map-status" });
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
