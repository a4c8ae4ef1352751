/* The search page: Pagefind UI with filters for place, faction and date;
   a query from the header form (?q=) is searched at once. A large site is
   indexed in several bundles (pagefind/bundles.json lists the extra ones):
   Pagefind merges them, loading from each only the chunks a query needs. */
(function () {
  "use strict";
  var el = document.getElementById("bf-search");
  if (!el || typeof PagefindUI === "undefined") { return; }
  var meta = document.querySelector('meta[name="bf-base"]');
  var root = new URL((meta ? meta.content : ".") + "/", window.location.href);

  function start(bundles) {
    var ui = new PagefindUI({
      element: "#bf-search", showSubResults: true, showImages: false, resetStyles: true, autofocus: false,
      pageSize: 10, translations: { placeholder: "Search articles, places, factions, people" },
      mergeIndex: bundles.map(function (name) { return { bundlePath: new URL(name + "/", root).pathname }; })
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
    var header = document.querySelector(".bf-search-input");
    if (header && q) { header.value = q; }
  }

  fetch(new URL("pagefind/bundles.json", root))
    .then(function (r) { return r.ok ? r.json() : []; })
    .catch(function () { return []; })
    .then(function (bundles) { start(Array.isArray(bundles) ? bundles : []); });
})();
