// The map of the results on the search page; loaded at the first click on its button. It shows
// the results in the list, at every location they have, and where the user is if they said so.
import { drawMap, loadLeaflet, showPoints } from "./map.js";
import { loadPlaces } from "./nearby.js";

export async function resultsMap(container, leaflet, placesUrl) {
  const [L, places] = await Promise.all([loadLeaflet(leaflet), loadPlaces(placesUrl)]);
  const view = drawMap(L, container, []);
  return {
    // shown: [{id, data}] of the result cards; here: [lat, lon] or null.
    show(shown, here) {
      const points = shown.flatMap(({ id, data }) => (places.get(id) || []).map(([lat, lon]) => ({
        lat, lon, title: data.meta?.title || data.url, url: data.url, note: data.meta?.plaats,
      })));
      showPoints(view, points, here);
    },
  };
}
