/* Search as you type in the header's box: Pagefind's best results in a panel
   under the box, an ARIA combobox (arrows choose a result, Enter opens it,
   Escape closes the panel). Enter with no result chosen submits the form to
   the full search page with its filters.

   Pagefind is imported only when the reader first focuses or types in the
   box, so a page that is not searched fetches nothing more. The box keeps its
   own Pagefind instance (createInstance): the search page's UI merges the
   same bundles into the module's default one, and merging twice would list
   every result twice. */
(function () {
  "use strict";
  const form = document.querySelector(".bf-search-form");
  const box = form && form.querySelector(".bf-search-input");
  const panel = form && form.querySelector(".bf-search-panel");
  const status = form && form.querySelector(".bf-search-status");
  if (!box || !panel || !status || !window.DOMParser) { return; }

  const SHOWN = 8;             // results listed; the last row leads to all of them
  const EXCERPT_WORDS = 16;    // two lines of the panel
  const DEBOUNCE_MS = 200;
  const meta = document.querySelector('meta[name="bf-base"]');
  const root = new URL((meta ? meta.content : ".") + "/", window.location.href);
  const parser = new DOMParser();

  let engine = null;    // the Pagefind instance with every bundle merged, once asked for
  let asked = 0;        // number of the latest query: an answer to an older one is dropped
  let shownFor = null;  // the query whose results the panel holds
  let active = -1;      // index of the chosen option, -1 for none

  function load() {
    if (!engine) {
      const bundles = fetch(new URL("pagefind/bundles.json", root))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });
      engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), bundles])
        .then(async function ([pagefind, names]) {
          // The extra bundles of a large site, merged as the search page merges them.
          const options = { excerptLength: EXCERPT_WORDS };
          const instance = pagefind.createInstance(options);
          for (const name of Array.isArray(names) ? names : []) {
            await instance.mergeIndex(new URL(name + "/", root).pathname, options);
          }
          return instance;
        });
      engine.catch(function (error) {
        console.warn("Search as you type is off; Enter opens the search page.", error);
      });
    }
    return engine;
  }

  async function update() {
    const query = box.value.trim();
    const mine = ++asked;
    choose(-1);  // a chosen result belongs to the text before this change
    if (!query) {
      close();
      panel.replaceChildren();
      shownFor = null;
      return;
    }
    const pagefind = await load();
    const found = await pagefind.debouncedSearch(query, {}, DEBOUNCE_MS);
    if (found === null || mine !== asked) { return; }  // a newer query is under way
    const pages = await Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    if (mine !== asked) { return; }  // the fragments came after a newer query began
    render(query, found.results.length, pages);
  }

  function render(query, total, pages) {
    const rows = pages.map(function (page) {
      const title = document.createElement("span");
      title.className = "bf-search-title";
      title.textContent = (page.meta && page.meta.title) || page.url;
      const excerpt = marked(page.excerpt || "");
      excerpt.className = "bf-search-excerpt";
      return option(page.url, [title, excerpt]);
    });
    if (total) {
      const all = new URL(form.action);
      all.searchParams.set("q", query);
      const label = document.createElement("span");
      label.textContent = "All results for \u201c" + query + "\u201d";
      rows.push(option(all.href, [label]));
      rows[rows.length - 1].classList.add("bf-search-all");
    } else {
      const none = document.createElement("div");
      none.className = "bf-search-option bf-search-none";
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.textContent = "No results for \u201c" + query + "\u201d";
      rows.push(none);
    }
    rows.forEach(function (row, i) { row.id = "bf-search-option-" + i; });
    panel.replaceChildren.apply(panel, rows);
    shownFor = query;
    choose(-1);
    status.textContent = total === 0 ? "No results"
      : total + (total === 1 ? " result" : " results") + (total > SHOWN ? ", the first " + SHOWN + " listed" : "");
    if (document.activeElement === box) { open(); }
  }

  function option(url, children) {
    const a = document.createElement("a");
    a.className = "bf-search-option";
    a.href = url;
    a.tabIndex = -1;  // focus stays in the box; the arrows choose
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.append.apply(a, children);
    return a;
  }

  /* Pagefind's excerpt is the page's text, escaped, with <mark>s around the
     matches. It is parsed in an inert document (nothing in it runs or loads)
     and only its text and marks are kept. */
  function marked(excerpt) {
    const span = document.createElement("span");
    parser.parseFromString(excerpt, "text/html").body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        span.append(mark);
      } else {
        span.append(node.textContent);
      }
    });
    return span;
  }

  function choosable() { return Array.from(panel.querySelectorAll("a[role=option]")); }

  function choose(index) {
    const options = choosable();
    active = index;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === index)); });
    if (index >= 0) {
      const o = options[index];
      box.setAttribute("aria-activedescendant", o.id);
      // Into the panel's view; scrollIntoView would scroll the page as well.
      if (o.offsetTop < panel.scrollTop) {
        panel.scrollTop = o.offsetTop;
      } else if (o.offsetTop + o.offsetHeight > panel.scrollTop + panel.clientHeight) {
        panel.scrollTop = o.offsetTop + o.offsetHeight - panel.clientHeight;
      }
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function open() {
    if (!panel.children.length) { return; }
    panel.hidden = false;
    box.setAttribute("aria-expanded", "true");
  }

  function close() {
    panel.hidden = true;
    box.setAttribute("aria-expanded", "false");
    choose(-1);
  }

  function searchNow() {
    update().catch(function () {});  // load() has said why; the form still submits
  }

  box.addEventListener("focus", function () {
    load().catch(function () {});  // the index starts loading while the reader types
    if (!box.value.trim()) { return; }
    if (shownFor === box.value.trim()) { open(); } else { searchNow(); }
  });
  box.addEventListener("input", searchNow);

  box.addEventListener("keydown", function (e) {
    if (e.isComposing) { return; }
    const options = choosable();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!options.length || shownFor !== box.value.trim()) { return; }
      e.preventDefault();
      if (panel.hidden) { open(); return; }
      // Through the options and back to the box (none chosen), either way round.
      const step = e.key === "ArrowDown" ? 1 : -1;
      choose((active + 1 + step + options.length + 1) % (options.length + 1) - 1);
    } else if (e.key === "Enter") {
      if (!panel.hidden && active >= 0) {
        e.preventDefault();
        window.location.assign(options[active].href);
      }
    } else if (e.key === "Escape") {
      if (!panel.hidden) {
        e.preventDefault();  // a search box's Escape would also clear the text
        close();
      }
    }
  });

  document.addEventListener("pointerdown", function (e) {
    if (!form.contains(e.target)) { close(); }
  });
  form.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !form.contains(e.relatedTarget)) { close(); }  // Tab onward
  });
})();
