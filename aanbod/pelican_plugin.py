"""Wires Open Aanbod into Pelican's signals. Only this module, generator.py and page_reader.py know Pelican."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from . import assets

from .generator import OfferGenerator
from .page_reader import SafeMarkdownReader
from .settings import with_defaults


def _initialized(pelican):
    with_defaults(pelican.settings)
    # Offers come from untrusted pull requests: every template escapes by default, whatever the config says.
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    # Interface texts go through gettext (aanbod/i18n.py installs it per page language).
    extensions = [*environment.get("extensions", []), *([] if "jinja2.ext.i18n" in environment.get("extensions", []) else ["jinja2.ext.i18n"])]
    pelican.settings["JINJA_ENVIRONMENT"] = {**environment, "autoescape": True, "extensions": extensions}


def _generators(pelican):
    return OfferGenerator


def _readers(readers):
    for extension in SafeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SafeMarkdownReader


def _forget_disabled_markdown(generator):
    """Pelican warns that Python-Markdown is missing even though our reader handles .md files."""
    readers = getattr(generator, "readers", None)
    if readers is not None:
        for extension in ("md", "markdown"):
            readers.disabled_readers.pop(extension, None)


def _share_template_helpers(generators):
    """Every template (pages too) extends base.html, which needs the catalogue's labels and URLs."""
    offer_generator = next(generator for generator in generators if isinstance(generator, OfferGenerator))
    helpers, filters = offer_generator.template_helpers()
    gettext = offer_generator.languages.jinja_callables()
    for generator in generators:
        env = getattr(generator, "env", None)
        if env is not None:
            env.globals.update(helpers)
            env.filters.update(filters)
            env.install_gettext_callables(gettext["gettext"], gettext["ngettext"], newstyle=True)
            env.globals["_"] = offer_generator.languages.jinja_underscore()


def _compact_theme(pelican):
    """After every file is written: strip comments from the theme's stylesheets and scripts in the output."""
    assets.compact_theme(Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["THEME_STATIC_DIR"])


def connect():
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_generators)
    signals.readers_init.connect(_readers)
    signals.generator_init.connect(_forget_disabled_markdown)
    signals.all_generators_finalized.connect(_share_template_helpers)
    signals.finalized.connect(_compact_theme)
