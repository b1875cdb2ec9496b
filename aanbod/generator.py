"""The Pelican side: one Generator that sees all offers at once and writes every catalogue page.

``generate_context`` reads and validates the whole catalogue (a failed validation stops the
build with every problem listed); ``generate_output`` writes the pages, the open data files
and the search index.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from pelican.generators import Generator

from . import exports, presentation, search
from .catalogue import read_catalogue
from .history import head_commit_date
from .problems import report
from .markup import render_markdown
from .urls import Urls

log = logging.getLogger("aanbod")
# Pelican shows only warnings by default; the build summary and progress are worth seeing.
log.setLevel(logging.INFO)


class OfferGenerator(Generator):
    def generate_context(self):
        catalogue, problems = read_catalogue(
            Path(self.path), Path(self.settings["AANBOD_SCHEMA_PATH"]), self.settings["AANBOD_MAX_FILE_BYTES"]
        )
        if problems:
            # The build is the edge: show the provider's messages, then stop without a traceback.
            print("\n".join(report(problems)), file=sys.stderr)
            raise SystemExit(1)
        self.catalogue = catalogue
        self.urls = Urls(self.settings)
        self.today = self.settings["AANBOD_TODAY"] or head_commit_date(Path(self.path)) or date.today()
        self.context["catalogue"] = catalogue
        published, withdrawn = catalogue.published, catalogue.withdrawn
        log.info("Aanbod: %d gepubliceerd van %d aanbieders.", len(published), len(catalogue.providers))
        for offer in withdrawn:
            log.info("Aanbod: niet gepubliceerd, status '%s': %s", offer.status, offer.source_path)

    def template_helpers(self) -> tuple[dict, dict]:
        """Globals and filters for every template: labels, URLs and Dutch formatting."""
        catalogue, urls = self.catalogue, self.urls
        filters = dict(presentation.FILTERS, markdown=render_markdown)
        helpers = dict(
            label=catalogue.label,
            offer_url=urls.offer,
            provider_url=urls.provider,
            term_url=urls.term,
            has_list_page=urls.has_list_page,
            field=lambda table, name: catalogue.schema.tables[table].field(name),
            terms=lambda taxonomy: catalogue.schema.taxonomies[taxonomy].terms,
            age_range=presentation.age_range,
        )
        return helpers, filters

    def _write(self, writer, save_as: str, template: str, url: str, **context):
        writer.write_file(
            save_as, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=url, page_name=save_as.removesuffix("index.html"), **context,
        )

    def generate_output(self, writer):
        self._write_catalogue_pages(writer)
        self._write_data_files()
        self._write_search_index()

    def _write_catalogue_pages(self, writer):
        catalogue, urls = self.catalogue, self.urls
        published = catalogue.published
        groups = {taxonomy: catalogue.group_by(taxonomy, _codes_getter(taxonomy)) for taxonomy in self.settings["AANBOD_LIST_PAGES"]}
        self._write(writer, "index.html", "home", "", offers=published, groups=groups)
        for count, offer in enumerate(published, start=1):
            provider = catalogue.providers[offer.provider]
            self._write(writer, urls.offer_file(offer.id), "offer", urls.offer(offer.id), offer=offer, provider=provider)
            if count % 500 == 0:
                log.info("Aanbod: %d van %d pagina's geschreven.", count, len(published))
        providers = sorted(catalogue.providers.values(), key=lambda provider: provider.name.lower())
        self._write(writer, self.settings["PROVIDERS_SAVE_AS"], "providers", self.settings["PROVIDERS_URL"], providers=providers)
        for provider in providers:
            self._write(writer, urls.provider_file(provider.id), "provider", urls.provider(provider.id), provider=provider, offers=catalogue.offers_of(provider.id))
        for taxonomy, taxonomy_groups in groups.items():
            for term, offers in taxonomy_groups:
                self._write(writer, urls.term_file(taxonomy, term.code), "list", urls.term(taxonomy, term.code), taxonomy=taxonomy, term=term, offers=offers)
        self._write(writer, self.settings["SEARCH_SAVE_AS"], "search", self.settings["SEARCH_URL"])
        self._write(writer, "404.html", "404", "404.html")

    def _write_data_files(self):
        data_folder = Path(self.output_path) / self.settings["AANBOD_DATA_DIR"]
        written = exports.write_all(self.catalogue, data_folder)
        log.info("Aanbod: %d databestanden geschreven in %s.", len(written), data_folder)

    def _write_search_index(self):
        if not self.settings["AANBOD_SEARCH_INDEX"]:
            return
        site_path = _site_path(self.settings["SITEURL"])
        count = search.write_index(self.catalogue, Path(self.output_path), lambda offer: f"{site_path}/{self.urls.offer(offer.id)}")
        log.info("Aanbod: zoekindex gemaakt met %d aanbod.", count)


def _site_path(siteurl: str) -> str:
    """The path part of SITEURL ('' for a site at the root of its host)."""
    without_scheme = siteurl.split("://", 1)[-1]
    return "/" + without_scheme.split("/", 1)[1].strip("/") if "/" in without_scheme else ""


def _codes_getter(taxonomy: str):
    """Which codes of ``taxonomy`` an offer has, for the list pages."""
    getters = {
        "kinds": lambda offer: [offer.kind],
        "wijken": lambda offer: offer.wijken,
        "municipalities": lambda offer: offer.municipalities,
        "target_groups": lambda offer: offer.target_groups,
        "sectors": lambda offer: offer.sectors,
        "subtypes": lambda offer: [offer.subtype],
    }
    return getters[taxonomy]
