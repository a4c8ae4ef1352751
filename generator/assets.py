"""Third-party browser assets (Leaflet, Natural Earth outlines) read from
node_modules, installed by `npm ci` from the pinned package-lock.json, and
served from the site itself: the map makes no third-party request."""
from __future__ import annotations

from pathlib import Path

from .errors import Problem

# docs path → path under node_modules
VENDOR = {
    "assets/vendor/leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "assets/vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "assets/vendor/leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "assets/vendor/leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "assets/vendor/leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "assets/vendor/leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "assets/vendor/leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "assets/vendor/topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "assets/vendor/countries-50m.json": "world-atlas/countries-50m.json",
    "assets/vendor/countries-110m.json": "world-atlas/countries-110m.json",  # coarse, for small maps
}


def read_vendor(node_modules: Path) -> tuple[dict[str, bytes], list[Problem]]:
    files, missing = {}, []
    for dest, src in VENDOR.items():
        path = node_modules / src
        if path.is_file():
            files[dest] = path.read_bytes()
        else:
            missing.append(src)
    problems = []
    if missing:
        problems.append(Problem(str(node_modules), None, f"map assets missing ({', '.join(missing[:3])}...): run "
                                                         f"`npm ci` (make site does); the map page will be empty",
                                "warning"))
    return files, problems
