"""The region's look: its colours as a small stylesheet, and its logo, from the settings.

site.css holds the default colours as CSS custom properties; a fork sets AANBOD_COLOURS and
this module writes the overrides, so nobody edits the stylesheet to rebrand. Each kind's colour
comes from kinds.csv (column colour) as ``--kind-colour`` on the class ``kind-<code>``, which
site.css uses. Values are checked: a setting or a taxonomy can only ever produce colour declarations.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .. import containment

NAME = re.compile(r"[a-z][a-z0-9-]*")
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


class BrandingError(Exception):
    """A colour or logo setting that cannot be used; the message says which and why."""


def colours_css(colours: dict, kinds: dict | None = None) -> str:
    """The stylesheet: AANBOD_COLOURS as custom properties, and ``kinds`` (code -> colour, roles.kind_colours)."""
    if not isinstance(colours, dict):
        raise BrandingError("AANBOD_COLOURS moet een woordenboek zijn, zoals {\"brand\": \"#0b4f8a\"}.")
    lines = ["/* The region's colours (setting AANBOD_COLOURS); written by the build. */", ":root {"]
    for name, value in colours.items():
        if not (isinstance(name, str) and NAME.fullmatch(name)):
            raise BrandingError(f"AANBOD_COLOURS: '{name}' is geen goede naam. Gebruik kleine letters en streepjes, zoals brand-dark.")
        if not (isinstance(value, str) and COLOUR.fullmatch(value)):
            raise BrandingError(f"AANBOD_COLOURS: de kleur van '{name}' moet een hexadecimale kleur zijn, zoals #0b4f8a.")
        lines.append(f"  --{name}: {value};")
    lines.append("}")
    for code, value in (kinds or {}).items():
        # schema_checks already refuses such codes and colours; this keeps the stylesheet safe on its own.
        if not (NAME.fullmatch(code) and COLOUR.fullmatch(value)):
            raise BrandingError(f"kinds.csv: de soort '{code}' heeft geen goede code of kleur. Gebruik kleine letters en een kleur zoals #0b6e4f.")
        lines.append(f".kind-{code} {{ --kind-colour: {value}; }}")
    return "\n".join(lines) + "\n"


def copy_logo(logo: str | None, output: Path, folder: str, repository: Path | None = None) -> str | None:
    """Copy the logo into the site; returns its path inside the site, or None when there is no logo.

    The logo must lie inside ``repository`` (default: the working folder, where the build runs):
    a setting may not publish a file from elsewhere on the machine.
    """
    if not logo:
        return None
    source = Path(logo)
    if source.suffix.lower() not in LOGO_TYPES:
        raise BrandingError(f"AANBOD_LOGO: gebruik een SVG-, PNG-, JPEG- of WebP-bestand, niet {source.name}.")
    relative = f"{folder}/logo{source.suffix.lower()}"
    try:
        containment.within_repository(source, repository or Path.cwd(), "AANBOD_LOGO")
        target = containment.inside(Path(output), relative, "THEME_STATIC_DIR")
    except containment.ContainmentError as error:
        raise BrandingError(str(error)) from None
    if not source.is_file():
        raise BrandingError(f"AANBOD_LOGO: het bestand {source} bestaat niet.")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return relative
