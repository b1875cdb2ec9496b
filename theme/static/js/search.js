// Starts Pagefind's search interface on the search page and keeps the query in the URL,
// so a result list can be bookmarked, shared and reached with the back button.
(function () {
  var element = document.getElementById("zoeken");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#zoeken",
    bundlePath: element.getAttribute("data-bundle"),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    translations: { placeholder: "Zoek bijvoorbeeld: koken, fietsen, tuin" },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
  element.addEventListener("input", function (event) {
    if (!event.target.matches("input[type=text], input[type=search]")) return;
    var params = new URLSearchParams(window.location.search);
    if (event.target.value) params.set("q", event.target.value); else params.delete("q");
    var search = params.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  });
})();
