/* The search page: Pagefind UI with filters for place, faction and date;
   a query from the header form (?q=) is searched at once. */
(function () {
  "use strict";
  var el = document.getElementById("bf-search");
  if (!el || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#bf-search", showSubResults: true, showImages: false, resetStyles: true, autofocus: false,
    pageSize: 10, translations: { placeholder: "Search articles, places, factions, people" }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
  var header = document.querySelector(".bf-search-input");
  if (header && q) { header.value = q; }
})();
