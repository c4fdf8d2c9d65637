"""The map's third-party files, served by faultline itself: no CDN, no tile server.

They come from the npm registry, pinned with their integrity hashes in package.json and
package-lock.json at the repository's root; `make assets` runs `npm ci` and then

    python -m faultline.web.assets node_modules

which copies the files listed in `VENDOR` into `faultline/web/static/vendor/` (ignored by git).

    leaflet 1.9.4 (BSD-2-Clause)               the map
    leaflet.markercluster 1.5.3 (MIT)          clusters of dense markers
    topojson-client 3.1.0 (ISC)                TopoJSON -> GeoJSON in the browser
    world-atlas 2.0.2 (ISC; Natural Earth)     country borders, 1:50m, drawn as the base layer
    swagger-ui-dist 5.35.0 (Apache-2.0)        the API's docs page, /docs

npm runs no install script (`--ignore-scripts`): swagger-ui-dist's telemetry dependency stays inert.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"

# (path under node_modules, path under static/vendor)
VENDOR: tuple[tuple[str, str], ...] = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js",
     "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css",
     "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster/MIT-LICENCE.txt", "markercluster/MIT-LICENCE.txt"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
    ("topojson-client/LICENSE", "topojson-client/LICENSE"),
    ("world-atlas/countries-50m.json", "world-atlas/countries-50m.json"),
    ("world-atlas/LICENSE", "world-atlas/LICENSE"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist/favicon-32x32.png", "swagger-ui/favicon-32x32.png"),
    ("swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"),
)  # fmt: skip

INSTALL_HINT = "run `make assets` (npm ci, then python -m faultline.web.assets node_modules)"


def missing_assets(directory: Path = VENDOR_DIR) -> list[str]:
    """The vendor files not installed under `directory` (empty when the map can be drawn)."""
    return [target for _, target in VENDOR if not (directory / target).is_file()]


def install_assets(node_modules: Path, directory: Path = VENDOR_DIR) -> list[str]:
    """Copy the `VENDOR` files from an npm `node_modules` folder into `directory`; return the
    targets copied. FileNotFoundError names the first file npm did not install."""
    sources = [(node_modules / source, directory / target) for source, target in VENDOR]
    for source, _ in sources:
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` first")
    for source, target in sources:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return [target for _, target in VENDOR]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m faultline.web.assets NODE_MODULES", file=sys.stderr)
        return 2
    try:
        copied = install_assets(Path(argv[0]))
    except OSError as error:
        print(f"faultline: error: {error}", file=sys.stderr)
        return 1
    print(f"faultline: {len(copied)} map assets installed in {VENDOR_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
