/* Maps of the briefing: the full map (.bf-map[data-places]), the home page
   thumbnail and the locator on place pages (.bf-locator). No tile server:
   Natural Earth outlines from this site, markers from places.geojson. */
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
  var NO_CHANGE = ["#ffffff", "Events, no change of control reported"];
  var LOST = ["#9e9e9e", "Lost by a side, new holder not reported"];
  var SYRIA = [[32.0, 35.4], [37.5, 42.6]];
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

  function style(side) {
    if (SIDES[side]) { return SIDES[side]; }
    return side === "no-change" ? NO_CHANGE : LOST;
  }
  function colour(side) { return style(side)[0]; }

  function popup(p) {
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = site(p.url);
    a.textContent = p.name;
    a.className = "bf-popup-link";
    box.appendChild(a);
    var line = document.createElement("div");
    line.textContent = (p.holder ? "Held by " + p.holder + (p.since ? " since " + p.since : "") : p.latest) +
      " · " + p.events + (p.events === 1 ? " event" : " events");
    box.appendChild(line);
    return box;
  }

  /* Below the map, not over it (a legend on the map hides markers); only
     the colours the map uses. */
  function legend(el, features) {
    var seen = [];
    features.forEach(function (f) {
      var item = style(f.properties.side);
      if (seen.indexOf(item) < 0) { seen.push(item); }
    });
    var div = document.createElement("div");
    div.className = "bf-legend";
    seen.forEach(function (item) {
      var row = document.createElement("span");
      var dot = document.createElement("i");
      dot.style.background = item[0];
      row.appendChild(dot);
      row.appendChild(document.createTextNode(item[1]));
      div.appendChild(row);
    });
    el.insertAdjacentElement("afterend", div);
  }

  function fullMap(el) {
    var thumb = el.classList.contains("bf-map-thumb");
    var map = baseMap(el, thumb ? { zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false } : {}, thumb ? "110m" : "50m");
    fetch(el.getAttribute("data-places")).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: thumb ? 5 : 8, color: "#fff", weight: 1.5,
            fillColor: colour(f.properties.side), fillOpacity: 0.95, className: "bf-marker" });
        },
        onEachFeature: function (f, marker) { if (!thumb) { marker.bindPopup(popup(f.properties)); } }
      }).addTo(map);
      el.setAttribute("data-markers", String(layer.getLayers().length));
      if (!thumb) { legend(el, data.features); }
    });
    if (thumb) {
      el.addEventListener("click", function () { window.location.href = el.getAttribute("data-link") || site("map/"); });
    }
  }

  function locator(el) {
    var lat = parseFloat(el.getAttribute("data-lat")), lon = parseFloat(el.getAttribute("data-lon"));
    var map = baseMap(el, { zoomControl: false, scrollWheelZoom: false });
    L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 2, fillColor: "#d84315", fillOpacity: 1,
      className: "bf-marker" }).addTo(map);
  }

  function init() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll(".bf-map[data-places]").forEach(fullMap);
    document.querySelectorAll(".bf-locator").forEach(locator);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
