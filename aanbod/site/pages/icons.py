"""The pictograms as one SVG sprite (theme/static/img/iconen.svg), referenced by every page instead of inlined.

An inline pictogram costs 150 to 300 bytes, and a list page shows four or five on each card; a
``<use href>`` to the sprite costs about 90, and the browser fetches and caches the sprite once.
The link carries the sprite's content hash (``?v=``), so a changed sprite is fetched again at once.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SPRITE = "img/iconen.svg"  # inside the theme's static folder
FALLBACK = "punt"  # shown for a pictogram name the sprite has no symbol for
_SYMBOL = re.compile(r'<symbol id="([a-z][a-z0-9-]*)"')


class Sprite:
    def __init__(self, static_folder: Path, static_url: str):
        """``static_folder``: the theme's static files; ``static_url``: where the site serves them (/theme)."""
        text = (Path(static_folder) / SPRITE).read_text(encoding="utf-8")
        self.names = frozenset(_SYMBOL.findall(text))
        self.version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        self._url = f"{static_url}/{SPRITE}?v={self.version}"

    def href(self, name: str) -> str:
        """The ``<use href>`` of pictogram ``name``: its symbol, or the fallback dot."""
        return f"{self._url}#{name if name in self.names else FALLBACK}"
