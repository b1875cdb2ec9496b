"""Wires Open Aanbod into Pelican's signals. Only this module, generator.py and page_reader.py know Pelican."""

from __future__ import annotations

from pelican import signals

from .generator import OfferGenerator
from .page_reader import SafeMarkdownReader
from .settings import with_defaults


def _initialized(pelican):
    with_defaults(pelican.settings)
    # Offers come from untrusted pull requests: every template escapes by default, whatever the config says.
    pelican.settings["JINJA_ENVIRONMENT"] = {**pelican.settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}


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
    for generator in generators:
        env = getattr(generator, "env", None)
        if env is not None:
            env.globals.update(helpers)
            env.filters.update(filters)


def connect():
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_generators)
    signals.readers_init.connect(_readers)
    signals.generator_init.connect(_forget_disabled_markdown)
    signals.all_generators_finalized.connect(_share_template_helpers)
