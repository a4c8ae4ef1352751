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
  var OTHER = ["#9e9e9e", "Lost by a side, holder not reported / other"];
  var SYRIA = [[32.2, 35.5], [37.4, 42.5]];
  var outline = null;

  function loadOutline() {
    if (!outline) {
      outline = fetch(site("assets/vendor/countries-50m.json"))
        .then(function (r) { return r.json(); })
        .then(function (topo) { return topojson.feature(topo, topo.objects.countries); });
    }
    return outline;
  }

  function baseMap(el, options) {
    var map = L.map(el, Object.assign({ attributionControl: true, zoomSnap: 0.25 }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    map.fitBounds(SYRIA);
    loadOutline().then(function (countries) {
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

  function colour(side) { return (SIDES[side] || OTHER)[0]; }

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

  function legend(map) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "bf-legend");
      Object.keys(SIDES).concat(["other"]).forEach(function (k) {
        var item = SIDES[k] || OTHER;
        var row = document.createElement("div");
        var dot = document.createElement("i");
        dot.style.background = item[0];
        row.appendChild(dot);
        row.appendChild(document.createTextNode(item[1]));
        div.appendChild(row);
      });
      return div;
    };
    control.addTo(map);
  }

  function fullMap(el) {
    var thumb = el.classList.contains("bf-map-thumb");
    var map = baseMap(el, thumb ? { zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false } : {});
    fetch(el.getAttribute("data-places")).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: thumb ? 5 : 8, color: "#fff", weight: 1.5,
            fillColor: colour(f.properties.side), fillOpacity: 0.95, className: "bf-marker" });
        },
        onEachFeature: function (f, marker) { if (!thumb) { marker.bindPopup(popup(f.properties)); } }
      }).addTo(map);
      el.setAttribute("data-markers", String(layer.getLayers().length));
    });
    if (thumb) {
      el.addEventListener("click", function () { window.location.href = el.getAttribute("data-link") || site("map/"); });
    } else {
      legend(map);
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
