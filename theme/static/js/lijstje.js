// "Mijn lijstje": offers saved on this device (localStorage), as a list of offer ids.
// Window.Lijstje is the storage, shared with lijstje-pagina.js; this file also runs the
// "Bewaar in mijn lijstje" and "Print" buttons of an offer page.
import { t } from "./teksten.js";

(function () {
  "use strict";
  var KEY = "open-aanbod-lijstje";
  var MAX = 100;
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

  function clean(ids) {
    var seen = {};
    return ids.filter(function (id) {
      if (typeof id !== "string" || !ID.test(id) || seen[id]) return false;
      seen[id] = true;
      return true;
    }).slice(0, MAX);
  }

  // Storage can be switched off or full (private windows): then nothing is saved, and the
  // callers say so instead of failing.
  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? clean(value) : [];
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(clean(ids)));
      return true;
    } catch (error) {
      return false;
    }
  }

  function countText(count) {
    return count === 0 ? t("leeg") : t("inLijstje", { n: count });
  }

  window.Lijstje = { key: KEY, read: read, write: write, clean: clean, countText: countText };

  var tools = document.querySelector(".offer-tools[data-offer]");
  if (!tools) return;
  var offerId = tools.getAttribute("data-offer");
  var button = tools.querySelector("[data-lijstje-knop]");
  var status = tools.querySelector("[data-lijstje-status]");

  function isSaved() {
    return read().indexOf(offerId) !== -1;
  }

  function showButton() {
    var saved = isSaved();
    button.querySelector("span").textContent = button.getAttribute(saved ? "data-tekst-weghalen" : "data-tekst-bewaar");
    button.classList.toggle("tool-actief", saved);
  }

  function say(text) {
    status.textContent = text + " ";
    var link = document.createElement("a");
    link.href = status.getAttribute("data-lijstje-url");
    link.textContent = t("bekijkLijstje");
    status.appendChild(link);
  }

  button.addEventListener("click", function () {
    var ids = read();
    var saved = ids.indexOf(offerId) !== -1;
    var next = saved ? ids.filter(function (id) { return id !== offerId; }) : ids.concat([offerId]);
    if (!write(next)) {
      status.textContent = t("bewaartNiets");
      return;
    }
    showButton();
    say(t(saved ? "uitLijstje" : "bewaardInLijstje") + " " + countText(next.length));
  });

  // Another tab may change the list: keep the button honest.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) showButton();
  });

  tools.querySelectorAll("[data-print]").forEach(function (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  });

  showButton();
})();
