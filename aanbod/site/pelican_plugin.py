"""Wires Open Aanbod into Pelican's signals. Only this module, generator.py and page_reader.py know Pelican."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import log as pelican_log
from pelican import signals
from pelican.settings import DEFAULT_CONFIG
from rich.logging import RichHandler

from . import assets, build_log, fork_check, settings_check
from .. import collector, containment
from ..build_cache import CacheFolder, OutputLedger, build_start_ns

from .generator import OfferGenerator
from .page_reader import SafeMarkdownReader
from ..problems import report
from ..content.settings import with_defaults


def _initialized(pelican):
    # Whole Dutch lines from here on, never wrapped at 80 columns in a CI log (aanbod/site/build_log.py).
    build_log.replace_handlers(logging.getLogger(), RichHandler)
    pelican.aanbod_started = time.monotonic()
    source = _settings_file(pelican.settings)
    _check_fork(pelican.settings, source)
    with_defaults(pelican.settings)
    pelican.settings["AANBOD_REPOSITORY_ROOT"] = str(fork_check.repository_root(pelican.settings, source))
    # Offers come from untrusted pull requests: every template escapes by default, whatever the config says.
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    # Interface texts go through gettext (aanbod/site/i18n.py installs it per page language).
    extensions = [*environment.get("extensions", []), *([] if "jinja2.ext.i18n" in environment.get("extensions", []) else ["jinja2.ext.i18n"])]
    pelican.settings["JINJA_ENVIRONMENT"] = {**environment, "autoescape": True, "extensions": extensions}
    _start_cache(pelican, source)


class BuildCache:
    """This build's cache folder and output ledger (aanbod/build_cache.py), for the generator and the last step."""

    def __init__(self, cache: CacheFolder, ledger: OutputLedger, settings_file: str, sweeps: bool):
        self.cache, self.ledger, self.settings_file, self.sweeps = cache, ledger, settings_file, sweeps


def _start_cache(pelican, source: str):
    """With a cache, the build empties the output itself, at the end: it keeps the files it would make the same.

    Pelican would delete the whole output folder before anything is read; instead the build removes, after
    the last file is written, every file it neither wrote nor kept (OutputLedger.sweep), so the output is
    what a clean build writes. Pelican's own rule stays: an output folder that holds the content is never emptied.
    """
    settings = pelican.settings
    path = settings.get("AANBOD_CACHE_PATH")
    cache = CacheFolder(Path(settings["AANBOD_REPOSITORY_ROOT"]) / path if path else None)
    if cache.refused:
        logging.getLogger("aanbod").warning("Aanbod: %s", cache.refused)
    output, content = os.path.realpath(pelican.output_path), os.path.realpath(pelican.path)
    sweeps = cache.enabled and pelican.delete_outputdir and os.path.commonpath([output]) != os.path.commonpath([output, content])
    if sweeps:
        pelican.delete_outputdir = False
    ledger = OutputLedger(cache, Path(pelican.output_path), build_start_ns(cache), tuple(pelican.output_retention))
    settings["AANBOD_BUILD_CACHE"] = BuildCache(cache, ledger, source, sweeps)
    if cache.enabled:
        # Compiling the templates took about half a second of every build. Jinja keys each compiled template by a
        # hash of its source and its own bytecode version, so a changed template or Jinja is compiled again.
        folder = cache.path / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def _check_fork(settings: dict, source: str):
    """A fork's settings and schema/ are checked before anything is read or written; problems stop the build."""
    problems = fork_check.check(dict(settings), source, known=settings_check.pelican_names(DEFAULT_CONFIG))
    if problems:
        # The build is the edge, as for content problems: the messages, then a stop without a traceback.
        print("\n".join(report(problems)), file=sys.stderr)
        raise SystemExit(1)


def _settings_file(settings: dict) -> str:
    """The settings file, for messages. Pelican runs it as a module (pelican.settings.load_source) but keeps
    no path, so it is the loaded module that holds this build's SITENAME and PLUGINS."""
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.endswith(".py") and getattr(module, "PLUGINS", None) == settings.get("PLUGINS") and getattr(module, "SITENAME", None) == settings.get("SITENAME"):
            return path
    return "pelicanconf.py"


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


def _guard_output(generators):
    """Before the first page is written: every path setting leads inside the output folder (aanbod/containment.py)."""
    offer_generator = next(generator for generator in generators if isinstance(generator, OfferGenerator))
    try:
        containment.guard_settings(Path(offer_generator.output_path), offer_generator.settings)
    except containment.ContainmentError as error:
        print(str(error), file=sys.stderr)
        raise SystemExit(1) from None


def _compact_theme(pelican):
    """After every file is written: strip comments from the theme's stylesheets and scripts in the output."""
    assets.compact_theme(Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["THEME_STATIC_DIR"])


def _finish_cache(pelican):
    """After every file is written: remove what this build neither wrote nor kept, and save the ledger."""
    build = pelican.settings.get("AANBOD_BUILD_CACHE")
    if build is not None:
        build.ledger.sweep(remove_stale=build.sweeps)


def _say_done(pelican):
    """The last line in Dutch; Pelican's own ("Done: Processed 0 articles, ...") is printed after this signal,
    through its console, which has nothing else left to say in a build."""
    seconds = time.monotonic() - getattr(pelican, "aanbod_started", time.monotonic())
    print(build_log.done_line(pelican.settings["OUTPUT_PATH"], seconds), file=sys.stderr)
    pelican_log.console.quiet = True
    collector.release()  # what generate_context kept out of collections (aanbod/collector.py)


def connect():
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_generators)
    signals.readers_init.connect(_readers)
    signals.generator_init.connect(_forget_disabled_markdown)
    signals.all_generators_finalized.connect(_share_template_helpers)
    signals.all_generators_finalized.connect(_guard_output)
    signals.finalized.connect(_compact_theme)
    signals.finalized.connect(_finish_cache)
    signals.finalized.connect(_say_done)
