"""The map library, copied from npm's install into the site, so maps never load code from another host.

Only what a browser needs is copied: the minified script, its stylesheet, the marker images
and the licence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# Inside the theme's static folder in the output, next to the site's own CSS and JavaScript.
FOLDER = "leaflet"
_FILES = ("leaflet.js", "leaflet.css")


def copy_leaflet(dist: Path, target: Path) -> bool:
    """Copy Leaflet's ``dist`` folder's browser files into ``target``; False when Leaflet is not installed."""
    dist = Path(dist)
    if not all((dist / name).is_file() for name in _FILES):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        shutil.copyfile(dist / name, target / name)
    shutil.copytree(dist / "images", target / "images", dirs_exist_ok=True)
    licence = dist.parent / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, target / "LICENSE.txt")
    return True
