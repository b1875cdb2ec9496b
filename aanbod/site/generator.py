"""The Pelican side: one Generator that sees all offers at once and writes every catalogue page.

``generate_context`` reads and validates the whole catalogue (a failed validation stops the
build with every problem listed); ``generate_output`` writes the pages, the open data files
and the search index.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator

from . import branding, contributing, data_page, map_library, shortlist, structured_data
from . import page_fingerprints
from .. import collector, exports, presentation
from ..build_cache import CacheFolder, Memo, OutputLedger, code_digest, digest
from ..content.fingerprints import Fingerprints
from ..contrib import editor_schema, editors_report, error_report, form, freshness, links, lookalikes, readability, review, scaffold
from ..search import search
from ..content import roles, rules
from ..content.catalogue import read_catalogue
from ..content.model import Offer
from ..exports import ical
from ..exports.reuse import ExportReuse
from ..content.history import build_today
from .i18n import LANGUAGE_NAMES, Languages
from ..content.markup import render_markdown
from .pages import access as offer_access
from ..content import availability_view as offer_availability
from .pages import offer as offer_page
from .pages import workers
from .pages.compact import CompactLoader
from .pages.icons import Sprite
from .pages.pagination import paginate
from .pages.parts import PageParts
from .pages.texts import TextIslands
from .progress import Progress
from ..problems import plural, report
from ..exports.publication import Publication
from ..urls import Urls
from .withdrawn import SimilarOffers

LATER_TEXTS = "teksten-later.json"  # beside the search page, in each language
# The pages that show offer cards (offer_list in _macros.html): their cards are rendered before the workers fork.
CARD_TEMPLATES = frozenset({"list", "provider", "withdrawn"})
# The build names this many stale or withdrawn offers, then counts the rest; the editors' report lists them all.
LOG_LINES = 20

log = logging.getLogger("aanbod")


class Page(NamedTuple):
    """A page to write in every language: where, with which template, and what it shows."""

    save_as: str
    template: str
    url: str
    context: dict

# Pelican shows only warnings by default; the build summary and progress are worth seeing.
log.setLevel(logging.INFO)


class OfferGenerator(Generator):
    def generate_context(self):
        self.today = build_today(self.settings["AANBOD_TODAY"], Path(self.path))
        build = self.settings.get("AANBOD_BUILD_CACHE")  # set by the plugin (pelican_plugin._start_cache)
        self.cache = build.cache if build else CacheFolder(None)
        self.ledger = build.ledger if build else OutputLedger(self.cache, Path(self.output_path), 0)
        self.settings_file = build.settings_file if build else ""
        self.sweeps = bool(build and build.sweeps)  # the build removes at its end what it did not write
        self.env.loader = CompactLoader(self.env.loader)
        # The templates do not change while a build runs: no look at each file's time whenever a page loads one.
        self.env.auto_reload = False
        catalogue, problems = read_catalogue(
            Path(self.path), Path(self.settings["AANBOD_SCHEMA_PATH"]), self.settings["AANBOD_MAX_FILE_BYTES"], self.today,
            cache=self.cache,  # only the files changed since the last build are validated again (content/incremental.py)
            workers=self._cores(),
        )
        if problems:
            # The build is the edge: show the provider's messages, then stop without a traceback.
            print("\n".join(report(problems)), file=sys.stderr)
            raise SystemExit(1)
        self.catalogue = catalogue
        self.cards: dict[tuple, str] = {}  # (language, SITEURL, offer id) -> the card's body (_render_cards)
        self.urls = Urls(self.settings)
        self.sprite = Sprite(Path(self.settings["THEME"]) / "static", "/" + self.settings["THEME_STATIC_DIR"])
        self.languages = Languages(self.settings["AANBOD_LANGUAGES"], Path(self.settings["THEME"]) / "translations")
        self.publication = Publication.from_settings(self.settings)
        self.text_islands = TextIslands(lambda language: self.get_template("_teksten").make_module({**self.context, "lang": language}))
        catalogue = self.catalogue = self._hold_back_expired(catalogue)
        self._prepare_contributing()
        self.context["catalogue"] = catalogue
        published, withdrawn = catalogue.published, catalogue.withdrawn
        log.info("Aanbod: %d gepubliceerd van %s.", len(published), plural(len(catalogue.providers), "aanbieder", "aanbieders"))
        for offer in withdrawn[:LOG_LINES]:
            log.info("Aanbod: niet gepubliceerd, status '%s': %s", offer.status, offer.source_path)
        if len(withdrawn) > LOG_LINES:
            log.info("Aanbod: en nog %d keer niet gepubliceerd aanbod.", len(withdrawn) - LOG_LINES)
        # The catalogue lives until the end: later collections skip it, and forked workers keep sharing its memory.
        collector.settle()

    def template_helpers(self) -> tuple[dict, dict]:
        """Globals and filters for every template: labels, URLs and Dutch formatting."""
        catalogue, urls = self.catalogue, self.urls
        filters = dict(presentation.FILTERS, markdown=render_markdown)
        parts = PageParts(lambda name, variables: self.env.get_template(name).make_module(variables), self.context)
        helpers = dict(
            offer_url=urls.offer,
            provider_url=urls.provider,
            term_url=urls.term,
            has_list_page=urls.has_list_page,
            field=lambda table, name: catalogue.schema.tables[table].field(name),
            terms=lambda taxonomy: catalogue.schema.taxonomies[taxonomy].terms,
            example_postcode=catalogue.example_postcode,
            # "Klopt er iets niet?" (issue 16), for an offer or a provider page: the same links in every language.
            report_links=_for_last(self._report_links, lambda provider, offer=None: (provider.id, offer.id if offer else None)),
            # A pictogram's link into the sprite; which code shows which pictogram is a role (aanbod/content/roles.py).
            icon_href=self.sprite.href,
            # A page's parts as macros made once per language and site URL, not an include per page
            # (aanbod/site/pages/parts.py): part("_offer_map.html").offer_map(offer).
            part=pass_context(lambda context, name: parts.module(name, self.languages.of(context), context.get("SITEURL", ""))),
            shared_macro=pass_context(lambda context, name, macro: parts.shared(name, macro, self.languages.of(context), context.get("SITEURL", ""))),
            structured_data=_for_last(lambda offer: structured_data.script_json(structured_data.offer_data(catalogue, offer, self.publication)),
                                      lambda offer: offer.id),
        )
        language_helpers, language_filters = self.language_helpers()
        return {**helpers, **language_helpers}, {**filters, **language_filters}

    def _write_later_texts(self):
        """The search page's texts for modules that load later, per language, as a JSON file.

        The texts are defined once, in theme/templates/_teksten.html (aanbod/site/pages/texts.py), and
        written with json, so the page itself carries only a first search's texts.
        """
        for language in self.languages.codes:
            texts = self.text_islands.group(language, "zoeken_later")
            path = Path(self.output_path) / self.languages.prefix(language) / self.settings["SEARCH_URL"] / LATER_TEXTS
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(texts, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def _write(self, writer, save_as: str, template: str, url: str, languages: tuple[str, ...] = (), **context):
        """Write the page once per language (or in ``languages``): the default at ``save_as``, the others under their folder (en/...)."""
        for language in languages or self.languages.codes:
            prefix = self.languages.prefix(language)
            writer.write_file(
                prefix + save_as, self.get_template(template), self.context,
                relative_urls=self.settings["RELATIVE_URLS"], url=prefix + url, page_name=(prefix + save_as).removesuffix("index.html"),
                lang=language, page_path=url, **context,
            )

    def language_helpers(self) -> tuple[dict, dict]:
        """Globals and filters that answer in the language of the page being rendered (aanbod/site/i18n.py)."""
        catalogue, languages = self.catalogue, self.languages

        def translate(context):
            language = languages.of(context)
            return lambda message: languages.gettext(language, message)

        def in_language(function):
            return pass_context(lambda context, value, *args: function(value, *args, _=translate(context)))

        public = self.settings["AANBOD_PUBLIC_URL"].rstrip("/")

        def version(code: str, path: str, site: str) -> dict:
            # 'url' is for links on the page; search engines need 'absolute' in hreflang alternates.
            return {"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": f"{site}/{path}", "absolute": f"{public}/{path}"}

        def alternates(context) -> list[dict]:
            """The page in every language it exists in: code, name in that language, URL and absolute URL."""
            site, page = context.get("SITEURL", ""), context.get("page")
            if context.get("page_path") is not None:
                return [version(code, f"{languages.prefix(code)}{context['page_path']}", site) for code in languages.codes]
            if page is not None and hasattr(page, "translations"):
                versions = sorted([page, *page.translations], key=lambda item: languages.codes.index(item.lang) if item.lang in languages.codes else 99)
                return [version(item.lang, item.url, site) for item in versions]
            return []

        # An offer appears on several list pages; its card's body depends only on the offer, the language and the
        # site URL (which differs by folder depth with RELATIVE_URLS). _render_cards fills this before the workers fork.
        cards = self.cards

        def remembered_card(context, offer, card_body):
            key = (languages.of(context), context.get("SITEURL", ""), offer.id)
            if key not in cards:
                cards[key] = card_body(offer)
            return cards[key]

        # The header and footer are the same on every page of one language (and site URL): rendered once each.
        parts: dict[tuple, Markup] = {}

        def shared_part(context, name: str) -> Markup:
            key = (languages.of(context), context.get("SITEURL", ""), name)
            if key not in parts:
                parts[key] = Markup(context.environment.get_template(name).render(context.get_all()))
            return parts[key]

        views = {code: offer_page.OfferViews(catalogue, code, lambda message, code=code: languages.gettext(code, message), self.urls.term,
                                             lambda singular, plural, count, code=code: languages.ngettext(code, singular, plural, count))
                 for code in languages.codes}
        helpers = dict(
            # An offer's facts and key facts in the page's language (aanbod/site/pages/offer.py).
            offer_view=pass_context(lambda context, offer: views[languages.of(context)].of(offer)),
            key_facts_of=pass_context(lambda context, offer: views[languages.of(context)].key_facts(offer)),
            language=pass_context(lambda context: languages.of(context)),
            language_prefix=pass_context(lambda context: languages.prefix(languages.of(context))),
            field_title=pass_context(lambda context, table, name: catalogue.schema.tables[table].title_of(name, languages.of(context))),
            # The title of the field that uses a taxonomy (search.field_of), to head its list.
            taxonomy_title=pass_context(lambda context, taxonomy: catalogue.schema.tables[search.field_of(taxonomy)[0]].title_of(search.field_of(taxonomy)[1], languages.of(context))),
            url=pass_context(lambda context, path="": f"{context.get('SITEURL', '')}/{languages.prefix(languages.of(context))}{path}"),
            label=pass_context(lambda context, taxonomy, code: catalogue.label(taxonomy, code, languages.of(context))),
            term_label=pass_context(lambda context, term: term.label_in(languages.of(context))),
            town=catalogue.town,  # a place name, the same in every language
            term_description=pass_context(lambda context, term: term.description_in(languages.of(context))),
            age_range=pass_context(lambda context, low, high: presentation.age_range(low, high, _=translate(context))),
            # Days and dagdelen in taxonomy order, as the shortlist's handout writes them.
            # Is there room, and closures that still matter (aanbod/site/pages/availability.py).
            availability=pass_context(lambda context, offer: offer_availability.availability_view(catalogue, offer, languages.of(context), translate(context))),
            offer_calendar_url=pass_context(lambda context, offer: f"{context.get('SITEURL', '')}/{self.publication.data_dir}/{ical.FOLDER}/{offer.id}.ics"),
            closure_lines=pass_context(lambda context, offer: offer_availability.closure_lines(offer, self.today, translate(context))),
            schedule_lines=pass_context(lambda context, offer: shortlist.schedule_lines(catalogue, offer, languages.of(context), translate(context))),
            # Issue 15: the offer's record as Mijn lijstje has it, for "Aanmelden voor iemand" (_offer_referral.html).
            referral_record=pass_context(lambda context, offer: shortlist.shortlist_record(catalogue, offer, self.urls.offer(offer.id), languages.of(context), translate(context))),
            alternates=pass_context(alternates),
            remembered_card=pass_context(remembered_card),
            shared_part=pass_context(shared_part),
            offer_access=pass_context(lambda context, offer: offer_access.offer_access(catalogue, offer, languages.of(context), translate(context))),
            map_points=pass_context(lambda context, offer: offer_page.map_points(offer, lambda taxonomy, code: catalogue.label(taxonomy, code, languages.of(context)))),
            # The JSON island of interface texts for scripts: text_island("lijstje", "kaart").
            text_island=pass_context(lambda context, *groups, later="": self.text_islands.island(languages.of(context), groups, later)),
            # SITE_TAGLINE_EN and so on: the tagline is the region's own text, so it is a setting, not a message.
            tagline=pass_context(lambda context: context.get(f"SITE_TAGLINE_{languages.of(context).upper()}") or context.get("SITE_TAGLINE", "")),
        )
        filters = {name: in_language(getattr(presentation, name)) for name in ("dutch_date", "euro", "yes_no")}
        return helpers, filters

    def generate_output(self, writer):
        self.ledger.forget()  # from here on the output changes: a build that stops halfway leaves no ledger
        self.fingerprints = Fingerprints(self.catalogue, self.today)
        if self.cache.enabled:  # a clean build keeps nothing, so it needs no fingerprints
            for offer in self.catalogue.offers:  # once, here: each process forked below would work them all out again
                self.fingerprints.offer(offer)
        self.data_digest = page_fingerprints.data_digest(self.settings, self.settings_file)
        self.page_fingerprints = page_fingerprints.PageFingerprints(self.fingerprints, page_fingerprints.site_digest(
            self.data_digest, self.settings, self.catalogue, Path(self.path)))
        self.ledger.site = self.page_fingerprints.site
        # The data files and the search index need no page: they are made in processes of their own while the
        # pages are rendered, instead of on one core after them: the data files first, then the search index, in
        # a process forked before the data files began, so it does not carry what they leave behind. In a rebuild
        # of the same site (only some records changed) most pages are kept and the search index, which Pagefind
        # makes again a part at a time, is the longest task: then both start at once, so neither waits for the
        # other or for this process's pages, lists and reports.
        parallel = self._cores() > 1
        data = lambda: self._beside(lambda: self._write_data_and_page(writer))  # noqa: E731
        index = lambda: self._beside(self._write_search_index)  # noqa: E731
        with ExitStack() as beside:
            if self.ledger.same_site:
                beside.enter_context(workers.alongside(index, enabled=parallel))
                beside.enter_context(workers.alongside(data, enabled=parallel))
            else:
                beside.enter_context(workers.in_turn(data, index, enabled=parallel))
            self._write_pages(writer, self._pages_to_write([*self._catalogue_pages(), *self._withdrawn_pages()]))
            # Inside the block: while the other processes still run.
            self._write_later_texts()
            self._copy_map_library()
            self._write_shortlist(writer)
            self._write_contributing_pages(writer)

    def _beside(self, work):
        work()
        self.ledger.hand_over()  # this may be a forked process: the parent's sweep must know what it kept

    def _write_data_and_page(self, writer):
        self._write_data_page(writer, self._write_data_files())

    def _cores(self) -> int:
        return self.settings["AANBOD_WORKERS"] or workers.available_cores()

    def _write_pages(self, writer, jobs: list[tuple[Page, tuple[str, ...]]]):
        """Render and write each page in its languages (``_pages_to_write``), in worker processes on every core
        (aanbod/site/pages/workers.py)."""
        progress = Progress("pagina's geschreven", len(jobs) * len(self.languages.codes))
        for template in {page.template for page, _ in jobs}:
            self.get_template(template)  # loaded and compiled once, before the workers start
        self._render_cards({offer.id for page, _ in jobs if page.template in CARD_TEMPLATES for offer in _offers_in(page.context)})
        workers.run(jobs, lambda job: self._write(writer, job[0].save_as, job[0].template, job[0].url, job[1], **job[0].context),
                    self._cores(), lambda count: progress.advance(count * len(self.languages.codes)))
        progress.finish()

    def _pages_to_write(self, pages: list[Page]) -> list[tuple[Page, tuple[str, ...]]]:
        """Each page with the languages it must be written in: those whose file the last build made otherwise."""
        codes = self.languages.codes
        if not self.ledger.enabled:
            return [(page, tuple(codes)) for page in pages]
        jobs, kept = [], 0
        for page in pages:
            fingerprints = self.page_fingerprints.of(page.template, page.save_as, page.url, codes, page.context)
            if fingerprints is None:
                jobs.append((page, tuple(codes)))
                continue
            languages = []
            for language, fingerprint in fingerprints.items():
                path = self.languages.prefix(language) + page.save_as
                if self.ledger.keeps_or_records(path, fingerprint):
                    kept += 1
                else:
                    languages.append(language)
            if languages:
                jobs.append((page, tuple(languages)))
        log.info("Aanbod: %d pagina's ongewijzigd uit de vorige bouw, %d opnieuw gemaakt.", kept, sum(len(languages) for _, languages in jobs))
        return jobs

    def _render_cards(self, offer_ids: set[str]):
        """The card body of every offer in ``offer_ids`` in every language, once, before the workers fork and share it.

        Each worker used to render the cards it met itself: about three times per card and language.
        """
        siteurl = self.context.get("SITEURL", "")
        for language in self.languages.codes:
            card_body = self.get_template("_macros").make_module({**self.context, "lang": language}).card_body
            for offer in self.catalogue.published:
                if offer.id in offer_ids:
                    self.cards[(language, siteurl, offer.id)] = card_body(offer)

    def _catalogue_pages(self) -> list[Page]:
        catalogue, urls = self.catalogue, self.urls
        published = catalogue.published
        groups = {taxonomy: catalogue.group_by(taxonomy, search.codes_of(taxonomy)) for taxonomy in self.settings["AANBOD_LIST_PAGES"]}
        pages = [Page("index.html", "home", "", dict(offers=published, groups=groups))]
        for offer in published:
            pages.append(Page(urls.offer_file(offer.id), "offer", urls.offer(offer.id), dict(offer=offer, provider=catalogue.providers[offer.provider])))
        providers = sorted(catalogue.providers.values(), key=lambda provider: provider.name.lower())
        pages.append(Page(self.settings["PROVIDERS_SAVE_AS"], "providers", self.settings["PROVIDERS_URL"], dict(providers=providers)))
        for provider in providers:
            pages.append(Page(urls.provider_file(provider.id), "provider", urls.provider(provider.id), dict(provider=provider, offers=catalogue.offers_of(provider.id))))
        size = self.settings["AANBOD_LIST_PAGE_SIZE"]
        for taxonomy, taxonomy_groups in groups.items():
            for term, offers in taxonomy_groups:
                for chunk, pagination in paginate(offers, size, lambda number: urls.term_page(taxonomy, term.code, number)):
                    pages.append(Page(urls.term_page_file(taxonomy, term.code, pagination.number), "list",
                                      urls.term_page(taxonomy, term.code, pagination.number),
                                      dict(taxonomy=taxonomy, term=term, offers=chunk, pagination=pagination)))
        languages = self.languages
        # Filter labels in each language; results found in the one index link to the page in the visitor's language.
        use = search.filter_use(catalogue)
        filter_groups = {code: search.filter_groups(catalogue, code, lambda message, code=code: languages.gettext(code, message), use) for code in languages.codes}
        pages.append(Page(self.settings["SEARCH_SAVE_AS"], "search", self.settings["SEARCH_URL"],
                          dict(LATER_TEXTS=LATER_TEXTS, filter_groups=filter_groups, index_root=_site_path(self.settings["SITEURL"]) + "/")))
        pages.append(Page("404.html", "404", "404.html", {}))
        return pages

    def _withdrawn_pages(self) -> list[Page]:
        """A withdrawn offer's URL keeps answering: it says the offer stopped and points to similar ones."""
        similar_to = SimilarOffers(self.catalogue)
        return [
            Page(self.urls.offer_file(offer.id), "withdrawn", self.urls.offer(offer.id),
                 dict(offer=offer, provider=self.catalogue.providers[offer.provider], similar=similar_to.of(offer)))
            for offer in self.catalogue.withdrawn
        ]

    def _write_data_files(self) -> list:
        data_folder = Path(self.output_path) / self.settings["AANBOD_DATA_DIR"]
        # Each offer's part of a data file is taken back from the last build while the offer and the site are unchanged.
        reuse = ExportReuse(self.ledger, self.cache, self.fingerprints, f"{self.settings['AANBOD_DATA_DIR']}/", self.data_digest)
        written = exports.write_all(self.catalogue, data_folder, self.publication, self.today, reuse)
        log.info("Aanbod: %d databestanden geschreven in %s.", sum(len(data_file.paths) for data_file in written), data_folder)
        if self.cache.enabled:
            log.info("Aanbod: databestanden: %s.", reuse.summary())
        return written

    def _write_data_page(self, writer, data_files: list):
        """The data page, generated from the schema; after the exports, so it can give their sizes."""
        folder = self.publication.data_dir
        self._write(writer, f"{folder}/index.html", "data", f"{folder}/", data=data_page.context(self.catalogue, data_files, self.publication))

    def _write_search_index(self):
        if not self.settings["AANBOD_SEARCH_INDEX"]:
            return
        site_path = _site_path(self.settings["SITEURL"])
        url_of = lambda offer: f"{site_path}/{self.urls.offer(offer.id)}"  # noqa: E731
        if not self.cache.enabled:  # a clean build: nothing to keep or remember
            count, located = search.write_index(self.catalogue, Path(self.output_path), url_of)
        else:
            made = self._write_search_index_with_cache(url_of)
            if made is None:
                return
            count, located = made
        log.info("Aanbod: zoekindex gemaakt met %d aanbod, waarvan %d met een plek op de kaart.", count, located)

    def _write_search_index_with_cache(self, url_of) -> tuple[int, int] | None:
        """Pagefind makes an index as a whole: the index is kept as a whole when no published offer changed, and
        otherwise Pagefind's files for each part whose documents are all as before come back from the cache, so
        only a changed offer's part is indexed again. None when the last build's index is kept."""
        folder = f"{search.BUNDLE_FOLDER}/"
        fingerprint = self.page_fingerprints.of_offers("search index", self.catalogue.published, self.data_digest)
        if self.ledger.keeps_folder(folder, fingerprint):
            log.info("Aanbod: zoekindex ongewijzigd uit de vorige bouw.")
            return None
        documents = Memo(self.cache, "search-documents", self.data_digest)
        parts = Memo(self.cache, "search-index-parts", self.data_digest)
        index = search.RememberedIndex(parts)
        # In a build that sweeps (aanbod/build_cache.py), index files whose bytes are as before are left as they are.
        unchanged = set() if self.sweeps else None
        made = search.write_index(self.catalogue, Path(self.output_path), url_of,
                                  document=lambda catalogue, offer: documents(self.fingerprints.offer(offer), lambda: search.offer_document(catalogue, offer)),
                                  unchanged=unchanged, index=index)
        documents.save()
        parts.save()
        self.ledger.record_folder(folder, fingerprint)
        for path in unchanged or ():
            self.ledger.unchanged(path.relative_to(self.output_path).as_posix())
        log.info("Aanbod: zoekindex: %d van de %d delen opnieuw door Pagefind (%d aanbod), %d uit de vorige bouw.",
                 len(index.runs), len(parts.used), sum(index.runs), len(parts.used) - len(index.runs))
        return made

    def _copy_map_library(self):
        """Leaflet, installed by npm, is served from this site: a map never needs another host for its code."""
        copied = map_library.copy_leaflet(Path(self.settings["AANBOD_MAP_LIBRARY"]), Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / map_library.FOLDER)
        if not copied:
            log.warning("Aanbod: de kaart werkt niet: Leaflet staat niet in %s. `make html` installeert het.", self.settings["AANBOD_MAP_LIBRARY"])

    def _write_shortlist(self, writer):
        """The "Mijn lijstje" page, and the small data files it looks saved offers up in."""
        save_as = self.settings["SHORTLIST_SAVE_AS"]
        languages = self.languages
        for code in languages.codes:  # each language's list page reads its own files, with labels in that language
            folder = Path(self.output_path) / languages.prefix(code) / Path(save_as).parent
            written = shortlist.write_data(self.catalogue, folder, lambda offer: self.urls.offer(offer.id),
                                           code, lambda message, code=code: languages.gettext(code, message),
                                           lambda path, offers, code=code: self._keeps(path, "shortlist", code, offers))
        self._write(writer, save_as, "shortlist", self.settings["SHORTLIST_URL"], buckets=len(written))

    def _keeps(self, path: Path, *what) -> bool:
        """Keep the last build's file at ``path`` if it was made from the same site and ``what`` (offers among it,
        by their fingerprints); else record the fingerprint the file is about to be written from."""
        if not self.ledger.enabled:
            return False
        return self.ledger.keeps_or_records(path.relative_to(self.output_path).as_posix(), self.page_fingerprints.of_file(*what))

    # --- Contributing (issue 5): freshness, lookalikes, the guide and form for providers, the region's look ---

    def _hold_back_expired(self, catalogue):
        """Offers verified too long ago are held back: the build names them, the editors' report lists them."""
        limits = freshness.Limits(self.today, self.settings["AANBOD_STALE_AFTER_MONTHS"], self.settings["AANBOD_EXPIRE_AFTER_MONTHS"])
        self.freshness_limits = limits
        self.freshness = freshness.assess(catalogue, limits)
        stale = [entry for entry in self.freshness if entry.state == freshness.STALE]
        expired = [entry for entry in self.freshness if entry.state == freshness.EXPIRED]
        if stale:
            # Nothing for whoever builds to do: the offer is still published, its provider is asked in pull
            # requests that touch it, and the editors' report lists every one. One line, not one per offer.
            log.info("Aanbod: %d keer aanbod is langer dan %d maanden niet gecontroleerd. De lijst staat in %s.",
                     len(stale), limits.stale_months, self.settings["FRESHNESS_CSV"])
        for entry in expired:
            log.warning("Aanbod: niet gepubliceerd, verlopen: gecontroleerd op %s (meer dan %d maanden geleden): %s", entry.verified_on.isoformat(), limits.expire_months, entry.path)
        self.lookalikes = lookalikes.new_in_catalogue(catalogue, review.added_files(Path(self.path)))
        for line in lookalikes.log_lines(self.lookalikes, self.settings["LOOKALIKES_CSV"]):
            log.warning("Aanbod: %s", line)
        return replace(catalogue, held_back=frozenset(entry.offer_id for entry in expired),
                       availability_since=offer_availability.since(self.today, self.settings["AANBOD_AVAILABILITY_WEEKS"]))

    def _report_links(self, provider, offer=None) -> error_report.ReportLinks:
        """The new-issue link and e-mail of "Klopt er iets niet?" for an offer page, or a provider page without ``offer``."""
        item = offer or provider
        page = self.urls.offer(offer.id) if offer else self.urls.provider(provider.id)
        return error_report.links(
            offer.title if offer else provider.name, item.id, provider.id,
            f"{self.settings['AANBOD_PUBLIC_URL'].rstrip('/')}/{page}",
            error_report.repository_path(item.source_path, Path(self.path), self.settings["AANBOD_REPOSITORY_CONTENT"]),
            self.settings["AANBOD_REPOSITORY_URL"] or "", self.settings["AANBOD_EDITORS_EMAIL"],
        )

    def _prepare_contributing(self):
        """Read the guide and check the region's colours and logo now, so a mistake stops the build early."""
        try:
            self.guide = contributing.read_guide(Path(self.settings["AANBOD_CONTRIBUTING_FILE"]))
            self.house_style = branding.colours_css(self.settings["AANBOD_COLOURS"], roles.kind_colours(self.catalogue.schema))
            logo = branding.copy_logo(self.settings["AANBOD_LOGO"], Path(self.output_path), self.settings["THEME_STATIC_DIR"], Path(self.settings["AANBOD_REPOSITORY_ROOT"]))
        except (branding.BrandingError, contributing.GuideError) as error:
            print(str(error), file=sys.stderr)
            raise SystemExit(1)
        self.context["AANBOD_LOGO_URL"] = logo
        self.context["contributing_guide"] = self.guide

    def _write_contributing_pages(self, writer):
        style = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "css" / "huisstijl.css"
        style.parent.mkdir(parents=True, exist_ok=True)
        style.write_text(self.house_style, encoding="utf-8")
        if self.guide:
            self._write(writer, self.settings["CONTRIBUTE_SAVE_AS"], "contributing", self.settings["CONTRIBUTE_URL"], guide=self.guide)
        self._write_form(writer)
        reports = freshness.by_provider(self.catalogue, self.freshness)
        freshness.write_csv(self.freshness, Path(self.output_path) / self.settings["FRESHNESS_CSV"])
        lookalikes.write_csv(self.lookalikes, Path(self.output_path) / self.settings["LOOKALIKES_CSV"])
        # Issue 16: broken links (the last `links` report), readability and completeness, per provider.
        scores = Memo(self.cache, "readability", code_digest())  # a text's scores depend on the text and the code only
        quality = editors_report.build(self.catalogue, reports, links.read_report(Path(self.settings["AANBOD_LINKS_REPORT"])),
                                       lambda text: scores(digest(text), lambda: readability.score(text)))
        scores.save()
        editors_report.write_csv(quality, Path(self.output_path) / self.settings["QUALITY_CSV"])
        self._write(writer, self.settings["FRESHNESS_SAVE_AS"], "freshness", self.settings["FRESHNESS_URL"],
                    reports=reports, limits=self.freshness_limits, entries=self.freshness, lookalikes=self.lookalikes, quality=quality)

    def _write_form(self, writer):
        """The "aanbod aanmelden" form: every field from the schema, the providers to choose from."""
        schema = self.catalogue.schema
        grouped, group, owner = schema.grouping.table, schema.grouping.field, schema.grouping.owner.name
        providers = sorted(self.catalogue.providers.values(), key=lambda provider: provider.name.lower())
        references = {owner: [(provider.id, provider.name) for provider in providers]}
        example_file = Path(self.path) / grouped.source["folder"] / "aanbieder" / "aanbod.yaml"
        availability_form = form.availability_form(schema, references[owner], self.catalogue.offers, self.settings["AANBOD_REPOSITORY_CONTENT"], self.path)
        offers_folder = Path(self.output_path) / self.settings["FORM_URL"] / form.OFFERS_FOLDER
        offers_folder.mkdir(parents=True, exist_ok=True)
        for provider_id, offers in availability_form["offers"].items():
            (offers_folder / f"{provider_id}.json").write_text(json.dumps(offers, ensure_ascii=False), encoding="utf-8")
        self._write(
            writer, self.settings["FORM_SAVE_AS"], "form", self.settings["FORM_URL"],
            widgets=form.widgets(schema, grouped, references, scaffold.defaults(schema)), form_rules=rules.form_rules(schema, grouped),
            provider_form=form.provider_form(schema, schema.tables[owner], self.settings["AANBOD_REPOSITORY_CONTENT"], self.path),
            sections=form.sections(schema, grouped),
            availability_form=availability_form, offers_url=f"{self.settings['FORM_URL']}{form.OFFERS_FOLDER}/",
            form_folder=f"{self.settings['AANBOD_REPOSITORY_CONTENT'].strip('/')}/{grouped.source['folder']}",
            modeline=editor_schema.modeline(schema, grouped, example_file),
            group_field=group, key_field=grouped.primary_key[0],
            repository=(self.settings["AANBOD_REPOSITORY_URL"] or "").rstrip("/"),
            branch=self.settings["AANBOD_REPOSITORY_BRANCH"],
        )


def _offers_in(context: dict):
    """The offers a page lists (its cards): every offer in a list or tuple in its context."""
    for value in context.values():
        if isinstance(value, (list, tuple)):
            yield from (item for item in value if isinstance(item, Offer))


def _site_path(siteurl: str) -> str:
    """The path part of SITEURL ('' for a site at the root of its host)."""
    without_scheme = siteurl.split("://", 1)[-1]
    return "/" + without_scheme.split("/", 1)[1].strip("/") if "/" in without_scheme else ""


def _for_last(function, key):
    """``function(*args)``, worked out once for the pages of one record in every language (``key(*args)`` names it)."""
    last: dict = {}

    def remembered(*args):
        wanted = key(*args)
        if last.get("key") != wanted:
            last.update(key=wanted, value=function(*args))
        return last["value"]

    return remembered
