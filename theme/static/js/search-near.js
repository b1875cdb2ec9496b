// The "Bij jou in de buurt" panel of the search page; loaded when someone first opens or uses it.
// `place(point, label)` tells the search page where to measure from (null: stop sorting).
import { parts } from "./dom.js";
import { NearbyError, devicePosition, normalisePostcode, postcodePosition } from "./nearby.js";
import { loadLater, t } from "./texts.js";

await loadLater();

export function connect(panel, place) {
  const { status, stop } = parts(panel, { status: "near-status", stop: "near-stop" });
  const field = panel.querySelector("input[autocomplete=postal-code]");

  function stopped(message) {
    status.textContent = message;
    stop.hidden = true;
  }

  async function locate(find, label) {
    status.textContent = t("bezig");
    let point;
    try {
      point = await find();
    } catch (error) {
      status.textContent = error instanceof NearbyError ? error.message : t("mislukt");
      return;
    }
    status.textContent = t("bovenaan", { plaats: label });
    stop.hidden = false;
    place(point, label);
  }

  // One of the panel's buttons was pressed (the search page passes them on, so that a press
  // while this module was still loading is not lost).
  function press(button) {
    if ("locate" in button.dataset) {
      locate(devicePosition, t("jouwLocatie"));
    } else if ("postcode" in button.dataset) {
      const postcode = normalisePostcode(field.value);
      if (postcode) locate(() => postcodePosition(postcode), postcode);
      else status.textContent = t("postcodeVoorbeeld");
    } else if ("nearStop" in button.dataset) {
      stopped(t("gewoneVolgorde"));
      place(null, null);
    }
  }

  return { press, stopped };
}
