// The "Bewaar in mijn lijstje" and "Print" buttons of an offer page; the list itself is kept by
// shortlist-store.js.
import { t } from "./texts.js";
import { KEY, read, write, countText } from "./shortlist-store.js";

function setUpOfferTools(tools) {
  var offerId = tools.getAttribute("data-offer");
  var button = tools.querySelector("[data-shortlist-button]");
  var status = tools.querySelector("[data-shortlist-status]");

  function isSaved() {
    return read().indexOf(offerId) !== -1;
  }

  function showButton() {
    var saved = isSaved();
    button.querySelector("span").textContent = button.getAttribute(saved ? "data-text-unsave" : "data-text-save");
    button.classList.toggle("tool-active", saved);
  }

  function say(text) {
    status.textContent = text + " ";
    var link = document.createElement("a");
    link.href = status.getAttribute("data-shortlist-url");
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
}

const offerTools = document.querySelector(".offer-tools[data-offer]");
if (offerTools) setUpOfferTools(offerTools);
