/* Maps of the briefing: the full map with its day control (.bf-map[data-control]),
   the home page thumbnail (.bf-map[data-places]) and the locator on place
   pages (.bf-locator). No tile server: Natural Earth outlines from this site;
   the full map's places and their changes of control from data/control.json
   (see generator/render/exports.py: control_changes), from which the holder
   of every place as of any day is worked out here. */
(function () {
  "use strict";
  var base = (document.querySelector('meta[name="bf-base"]') || {}).content || ".";
  function site(path) { return base.replace(/\/?$/, "/") + path; }
  var SIDES = {
    opposition: ["#d84315", "Syrian opposition and allies"],
    government: ["#1565c0", "Syrian government and allies"],
    sdf: ["#f9a825", "Syrian Democratic Forces"],
    "islamic-state": ["#212121", "Islamic State"],
    turkey: ["#6a1b9a", "Turkey"],
    "united-states": ["#00838f", "United States"],
    israel: ["#5d4037", "Israel"]
  };
  var OTHER = ["#8d6e63", "Other holders"];
  var LOST = ["#9e9e9e", "Lost by a side, new holder not reported"];
  var NONE = ["#ffffff", "No reported change of control by this day"];
  var SYRIA = [[32.0, 35.4], [37.5, 42.6]];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var PLAY_MS = 900;
  var outlines = {};

  /* Natural Earth at 1:50m for the full map; the coarse 1:110m (a fifth of
     the bytes) for the home thumbnail and place locators. */
  function loadOutline(scale) {
    if (!outlines[scale]) {
      outlines[scale] = fetch(site("assets/vendor/countries-" + scale + ".json"))
        .then(function (r) { return r.json(); })
        .then(function (topo) { return topojson.feature(topo, topo.objects.countries); });
    }
    return outlines[scale];
  }

  function baseMap(el, options, scale) {
    var map = L.map(el, Object.assign({ attributionControl: true, zoomSnap: 0.25 }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    map.fitBounds(SYRIA, { padding: [8, 8] });
    loadOutline(scale || "110m").then(function (countries) {
      L.geoJSON(countries, {
        interactive: false,
        style: function (f) {
          var syria = String(f.id) === "760";
          return { color: "#607d8b", weight: syria ? 1.5 : 0.7, fillColor: syria ? "#fafafa" : "#eceff1", fillOpacity: 1 };
        }
      }).addTo(map).bringToBack();
    });
    return map;
  }

  function formatDay(iso) {
    if (!iso) { return "date unknown"; }
    var parts = iso.split("-");
    return parseInt(parts[2], 10) + " " + MONTHS[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function link(url, text) {
    if (!url) { return document.createTextNode(text); }
    var a = element("a", null, text);
    a.href = site(url);
    return a;
  }

  /* The control data, read: who holds each place as of day k. */
  function Control(data) {
    this.data = data;
    this.last = data.days.length - 1;
  }

  /* The latest change of each place on or before day k: {place index: change},
     a change being [place, day, holder, lost_by, status, since] (see
     control_changes). Changes come by day; one no report dates counts on
     the latest day only. */
  Control.prototype.asOf = function (k) {
    var state = {}, last = this.last;
    this.data.changes.forEach(function (c) {
      if (c[1] === null ? k === last : c[1] <= k) { state[c[0]] = c; }
    });
    return state;
  };

  Control.prototype.style = function (change) {
    if (!change) { return NONE; }
    if (change[2] < 0) { return LOST; }
    return SIDES[this.data.holders[change[2]][1]] || OTHER;
  };

  Control.prototype.holder = function (change) {
    return change && change[2] >= 0 ? this.data.holders[change[2]] : null;
  };

  /* Who lost a place where no holder is reported: [name, side, url], unnamed where no report names them. */
  Control.prototype.loser = function (change) {
    return change[3] >= 0 ? this.data.holders[change[3]] : ["unnamed forces", null, null];
  };

  Control.prototype.describe = function (change, day) {
    if (!change) { return "No reported change of control by " + formatDay(day); }
    var since = change[5] === null ? "date unknown" : formatDay(this.data.days[change[5]]);
    var holder = this.holder(change);
    return holder ? "Held by " + holder[0] + " since " + since
      : "Lost by " + this.loser(change)[0] + " (" + since + "), new holder not reported";
  };

  function markerAt(p, radius, fill) {
    return L.circleMarker([p[3], p[2]], { radius: radius, color: "#fff", weight: 1.5, fillColor: fill,
      fillOpacity: 0.95, className: "bf-marker" });
  }

  /* Capitals no report names: a small dark dot under their label, for orientation. */
  function dotAt(p) {
    return L.circleMarker([p[3], p[2]], { radius: 2.5, stroke: false, fillColor: "#455a64", fillOpacity: 1,
      interactive: false, className: "bf-dot" });
  }

  /* The home page's thumbnail: the latest day only, from places.geojson (a
     fifth of control.json's bytes at 10,000 articles). */
  function thumbnail(el, places) {
    var map = baseMap(el, { zoomControl: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
      boxZoom: false, keyboard: false, touchZoom: false }, "110m");
    places.features.forEach(function (f) {
      var side = f.properties.side, c = f.geometry.coordinates;
      var item = SIDES[side] || (side === "no-change" ? NONE : /^lost-by-/.test(side) ? LOST : OTHER);
      markerAt([f.properties.name, null, c[0], c[1]], 5, item[0])
        .setStyle({ color: item === NONE ? "#546e7a" : "#fff" }).addTo(map);
    });
    el.setAttribute("data-markers", String(places.features.length));
    el.addEventListener("click", function () { window.location.href = el.getAttribute("data-link") || site("map/"); });
  }

  /* Labels of the main places (the data lists them first), placed in that
     order beside their dot where they cover no label placed before, nor,
     but for capitals, another place's dot, inside the map; a label with no
     room is hidden until the reader zooms in. Placed again at each move. */
  function Labels(map, places) {
    var items = [];
    places.forEach(function (p, i) {
      if (p[2] === null) { return; }
      var text = element("span", null, p[0]);
      var marker = L.marker([p[3], p[2]], { icon: L.divIcon({ className: "bf-label", html: text, iconSize: null,
        iconAnchor: [0, 0] }), interactive: false, keyboard: false }).addTo(map);
      var el = marker.getElement();
      el.setAttribute("data-place", p[0]);
      items.push({ latlng: L.latLng(p[3], p[2]), el: el, w: el.offsetWidth, h: el.offsetHeight, capital: !!p[5], i: i });
    });
    function overlaps(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
    function layout() {
      var size = map.getSize(), view = { x: 0, y: 0, w: size.x, h: size.y };
      var inView = function (box) {
        var corner = map.layerPointToContainerPoint([box.x, box.y]);
        return corner.x >= view.x && corner.y >= view.y && corner.x + box.w <= view.w && corner.y + box.h <= view.h;
      };
      var placed = [], dots = items.map(function (it) {
        var pt = map.latLngToLayerPoint(it.latlng);
        return { x: pt.x - 5, y: pt.y - 5, w: 10, h: 10, i: it.i };
      });
      items.forEach(function (it) {
        var pt = map.latLngToLayerPoint(it.latlng), gap = 9;
        var offsets = [[gap, -it.h / 2], [-gap - it.w, -it.h / 2], [-it.w / 2, -gap - it.h], [-it.w / 2, gap - 2]];
        var fits = function (strict) {
          for (var k = 0; k < offsets.length; k++) {
            var box = { x: pt.x + offsets[k][0], y: pt.y + offsets[k][1], w: it.w, h: it.h };
            if (!inView(box) || placed.some(function (b) { return overlaps(box, b); })) { continue; }
            if (strict && dots.some(function (d) { return d.i !== it.i && overlaps(box, d); })) { continue; }
            return [offsets[k], box];
          }
          return null;
        };
        var found = fits(true) || (it.capital ? fits(false) : null);
        it.el.style.display = found ? "" : "none";
        if (found) {
          it.el.style.marginLeft = found[0][0] + "px";
          it.el.style.marginTop = found[0][1] + "px";
          placed.push(found[1]);
        }
      });
    }
    map.on("zoomend moveend viewreset resize", layout);
    layout();
  }

  /* The legend (below the map, not over it: on the map it hides markers):
     each colour the map uses on some day, with the places it colours on the day shown. */
  function Legend(el, control) {
    var rows = [], seen = [NONE];
    control.data.changes.forEach(function (c) {
      var item = control.style(c);
      if (seen.indexOf(item) < 0) { seen.push(item); }
    });
    var order = Object.keys(SIDES).map(function (k) { return SIDES[k]; }).concat([OTHER, LOST, NONE]);
    var box = element("div", "bf-legend");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Legend: places of each holder on the day shown");
    order.filter(function (item) { return seen.indexOf(item) >= 0; }).forEach(function (item) {
      var row = element("span", "bf-legend-item"), dot = element("i"), count = element("b", "bf-legend-count");
      var holders = element("span", "bf-legend-holders");
      dot.style.background = item[0];
      row.appendChild(dot);
      row.appendChild(document.createTextNode(item[1] + ": "));
      row.appendChild(count);
      row.appendChild(holders);
      row.setAttribute("data-colour", item[0]);
      box.appendChild(row);
      rows.push([item, count, holders]);
    });
    el.insertAdjacentElement("afterend", box);
    /* counts: Map of colour (a style) to its places; byHolder: holder name to its places. */
    this.update = function (counts, byHolder) {
      rows.forEach(function (r) {
        r[1].textContent = String(counts.get(r[0]) || 0);
        var named = Object.keys(byHolder).filter(function (name) { return byHolder[name][0] === r[0]; })
          .sort(function (a, b) { return byHolder[b][1] - byHolder[a][1] || (a < b ? -1 : 1); });
        // Where a colour stands for several holders, how many places each holds.
        r[2].textContent = named.length > 1 || (named.length === 1 && named[0] !== r[0][1]) ?
          " (" + named.map(function (name) { return name + " " + byHolder[name][1]; }).join(", ") + ")" : "";
      });
    };
  }

  /* The places with a reported holder as of the day, under the map: what the
     map shows, for a reader without it (or a screen reader). */
  function PlaceList(el, control) {
    var heading = element("h2", null, ""), summary = element("p", "bf-asof-summary"), changed = element("p");
    summary.setAttribute("aria-live", "polite");
    this.quiet = function (quiet) { summary.setAttribute("aria-live", quiet ? "off" : "polite"); };
    var wrap = element("div", "md-typeset__scrollwrap"), inner = element("div", "md-typeset__table");
    var table = element("table"), body = element("tbody");
    var head = element("tr");
    ["Place", "Holder", "Since", "Status"].forEach(function (name) { head.appendChild(element("th", null, name)); });
    table.appendChild(element("thead")).appendChild(head);
    table.appendChild(body);
    inner.appendChild(table);
    wrap.appendChild(inner);
    [heading, summary, changed, wrap].forEach(function (x) { el.appendChild(x); });
    var places = control.data.places;
    var byName = places.map(function (p, i) { return i; }).filter(function (i) { return places[i][4] > 0; })
      .sort(function (a, b) { return places[a][0] < places[b][0] ? -1 : places[a][0] > places[b][0] ? 1 : 0; });

    this.update = function (k, state) {
      var day = control.data.days[k], today = [], listed = 0;
      heading.textContent = "Places as of " + formatDay(day);
      body.textContent = "";
      byName.forEach(function (i) {
        var c = state[i];
        if (!c) { return; }
        listed += 1;
        var holder = control.holder(c), row = element("tr");
        row.setAttribute("data-place", places[i][0]);
        row.appendChild(element("td")).appendChild(link(places[i][1], places[i][0]));
        var cell = row.appendChild(element("td"));
        if (holder) { cell.appendChild(link(holder[2], holder[0])); } else {
          cell.appendChild(document.createTextNode("unknown (lost by "));
          cell.appendChild(link(control.loser(c)[2], control.loser(c)[0]));
          cell.appendChild(document.createTextNode(")"));
        }
        row.appendChild(element("td", null, c[5] === null ? "date unknown" : formatDay(control.data.days[c[5]])));
        var status = control.data.statuses[c[4]];
        row.appendChild(element("td")).appendChild(element("span", "bf-badge bf-" + status, status));
        if (c[5] === k) {
          row.className = "bf-changed";
          today.push(places[i][0]);
        }
        body.appendChild(row);
      });
      var others = byName.length - listed;
      summary.textContent = "As of " + formatDay(day) + ": " + listed + (listed === 1 ? " place has" : " places have") +
        " a reported holder" + (others ? "; " + others + " other " + (others === 1 ? "place" : "places") +
        " with events " + (others === 1 ? "has" : "have") + " no reported change of control by then." : ".");
      changed.textContent = today.length ? "Changed on this day: " + today.join(", ") + "." : "No change of control reported on this day.";
    };
  }

  /* The day control: a slider over the days with events, step buttons, the
     day shown, and play; the day is kept in the address as ?as_of=. */
  /* onPlay(playing) is told when play starts and stops. The day shown is no
     live region: the slider's value text says it, and the list's summary
     speaks once a step (not at all while playing). */
  function DayControl(el, days, onChange, onPlay) {
    var self = this, timer = null;
    var prev = element("button", "md-button bf-step", "‹"), next = element("button", "md-button bf-step", "›");
    var play = element("button", "md-button bf-play", "Play"), slider = element("input", "bf-asof-slider");
    var shown = element("span", "bf-asof-day"), note = element("p", "bf-asof-note");
    prev.type = next.type = play.type = "button";
    prev.setAttribute("aria-label", "Previous day");
    next.setAttribute("aria-label", "Next day");
    play.setAttribute("aria-label", "Play the days in turn");
    play.setAttribute("aria-pressed", "false");
    slider.type = "range";
    slider.min = "0";
    slider.max = String(days.length - 1);
    slider.step = "1";
    slider.id = "bf-asof-slider";
    var label = element("label", "bf-asof-label", "Day shown");
    label.htmlFor = slider.id;
    note.hidden = true;
    // The day and its controls on two rows: a phone gives the slider the width.
    var top = element("div", "bf-asof-top"), row = element("div", "bf-asof-row");
    [label, shown].forEach(function (x) { top.appendChild(x); });
    [prev, slider, next, play].forEach(function (x) { row.appendChild(x); });
    el.appendChild(top);
    el.appendChild(row);
    el.insertAdjacentElement("afterend", note);
    el.hidden = false;

    function show(k, fromReader) {
      k = Math.max(0, Math.min(days.length - 1, k));
      self.k = k;
      slider.value = String(k);
      slider.setAttribute("aria-valuetext", formatDay(days[k]));
      shown.textContent = "As of " + formatDay(days[k]);
      // aria-disabled, not disabled: a disabled button would drop the keyboard's focus to the page.
      prev.setAttribute("aria-disabled", String(k === 0));
      next.setAttribute("aria-disabled", String(k === days.length - 1));
      if (fromReader) {
        note.hidden = true;
        var url = new URL(window.location.href);
        url.searchParams.set("as_of", days[k]);
        window.history.replaceState(null, "", url.pathname + url.search + url.hash);
      }
      onChange(k);
    }
    function stop() {
      if (!timer) { return; }
      clearInterval(timer);
      timer = null;
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
      onPlay(false);
      onChange(self.k);  // said once, where play stopped
    }
    function step(by) {
      stop();
      if (self.k + by >= 0 && self.k + by < days.length) { show(self.k + by, true); }
    }
    slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10), true); });
    prev.addEventListener("click", function () { step(-1); });
    next.addEventListener("click", function () { step(1); });
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      onPlay(true);
      if (self.k === days.length - 1) { show(0, true); }
      play.textContent = "Pause";
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        show(self.k + 1, true);
        if (self.k === days.length - 1) { stop(); }
      }, PLAY_MS);
    });

    /* The day an address asks for: the last day with events on or before it. */
    var asked = new URLSearchParams(window.location.search).get("as_of");
    var k = days.length - 1;
    if (asked !== null) {
      var valid = /^\d{4}-\d{2}-\d{2}$/.test(asked);
      var before = days.filter(function (d) { return d <= asked; }).length;
      if (!valid) {
        note.textContent = "“" + asked + "” is not a day (YYYY-MM-DD): the latest day is shown.";
      } else if (!before) {
        k = 0;
        note.textContent = "No event is dated on or before " + asked + ": the first day with events is shown.";
      } else {
        k = before - 1;
      }
      note.hidden = valid && before > 0;
    }
    show(k, false);
  }

  function fullMap(el, control) {
    var map = baseMap(el, {}, "50m"), data = control.data, markers = {}, drawn = 0, k = control.last;
    data.places.forEach(function (p, i) {
      if (p[2] === null) { return; }
      if (!p[4]) { dotAt(p).addTo(map); return; }
      markers[i] = markerAt(p, 8, NONE[0]).addTo(map);  // coloured by update()
      markers[i].bindPopup(function () {
        var box = element("div");
        var a = box.appendChild(link(p[1], p[0]));
        a.className = "bf-popup-link";
        box.appendChild(element("div", null, control.describe(control.asOf(k)[i], data.days[k]) + " · " + p[4] +
          (p[4] === 1 ? " event" : " events")));
        return box;
      });
      drawn += 1;
    });
    new Labels(map, data.places);
    var legend = new Legend(el, control);
    var list = new PlaceList(document.getElementById("bf-asof-places"), control);

    function update(day) {
      k = day;
      var state = control.asOf(k), counts = new Map(), byHolder = {};
      Object.keys(markers).forEach(function (i) {
        var item = control.style(state[i]), holder = control.holder(state[i]);
        markers[i].setStyle({ fillColor: item[0], color: item === NONE ? "#546e7a" : "#fff" });
        counts.set(item, (counts.get(item) || 0) + 1);
        if (holder) { byHolder[holder[0]] = [item, ((byHolder[holder[0]] || [])[1] || 0) + 1]; }
      });
      legend.update(counts, byHolder);
      list.update(k, state);
      el.setAttribute("data-as-of", data.days[k] || "");
      map.closePopup();
    }
    var controls = document.getElementById("bf-asof");
    if (data.days.length && controls) {
      new DayControl(controls, data.days, update, list.quiet);
    } else {
      update(k);
    }
    el.setAttribute("data-markers", String(drawn));
  }

  function locator(el) {
    var lat = parseFloat(el.getAttribute("data-lat")), lon = parseFloat(el.getAttribute("data-lon"));
    var map = baseMap(el, { zoomControl: false, scrollWheelZoom: false });
    L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 2, fillColor: "#d84315", fillOpacity: 1,
      className: "bf-marker" }).addTo(map);
  }

  function init() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll(".bf-map[data-control], .bf-map[data-places]").forEach(function (el) {
      var thumb = el.hasAttribute("data-places");
      fetch(el.getAttribute(thumb ? "data-places" : "data-control")).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (data) {
        if (thumb) { thumbnail(el, data); } else { fullMap(el, new Control(data)); }
      }).catch(function (error) {
        var message = element("p", "bf-asof-note", "The map's data could not be read (" + error.message +
          "); the Control page lists the latest holder of every place.");
        el.insertAdjacentElement("afterend", message);
        console.warn("briefing map:", error);
      });
    });
    document.querySelectorAll(".bf-locator").forEach(locator);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
