"""The Pagefind search index, built from the catalogue itself.

Records come from the model, not from the site's pages: every published offer becomes a tiny
HTML document holding its words, the fields a result shows (Pagefind "meta") and its filter
values; ``pagefind_service`` hands them to Pagefind and gets the index files back in memory, and
``search_bundle`` publishes what the site loads, in a stable form.

A catalogue is indexed in parts, one Pagefind run after the other, and the search page merges
them (Pagefind's ``mergeIndex``). Two reasons, each with its own number (``part_count``):

- memory: Pagefind holds every document of a run in memory several times over (about 40 kB per
  offer), so one run over 100,000 offers needs about 4 GB. In a whole build of 100,000 offers a
  part of 25,000 took 1.9 to 2.1 GB, the largest share of the build's peak, so a part holds at most
  12,500 (``PART_SIZE``): eight parts, and a peak PSS of 4.2 GB instead of 4.75 (docs/performance.md);
- rebuilds: Pagefind makes an index as a whole, so one changed offer means its whole part goes
  through Pagefind again, while the other parts' files come back from the build cache. A catalogue
  of ``MIN_PART_SIZE`` offers or more is split into up to ``REBUILD_PARTS`` parts: at 10,000
  offers a rebuild indexes about 3,300. Each part costs a visitor's first search a little: at
  10,000 offers (three parts) 307 kB in 35 requests against 267 kB in 28 in one part, the first
  result as fast (scripts/bench_search.py, docs/performance.md).

An offer's part follows from a hash of its id, so parts are alike and an offer stays in its part
while the number of parts stays the same.

Filter names and values in the index are short URL words and schema codes; the search page
shows their Dutch labels, which it gets from ``filter_groups`` (and so from ``schema/``).
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import pagefind_service, search_bundle, search_places
from ..content import roles
from ..content.availability_view import availability_view
from ..content.markup import plain_text
from ..content.model import Catalogue, Offer
from ..presentation import N_, euro

BUNDLE_FOLDER = "pagefind"
PART_SIZE = 12_500
MIN_PART_SIZE = 2_500
REBUILD_PARTS = 4
# The folders of the second and later parts, relative to the bundle: the search page merges them.
PARTS_FILE = "delen.json"
ONLINE = "online"
# The combined day and dagdeel of every slot: "maandag ochtend" must mean Monday morning, not
# "some Monday and some morning". The search page uses it when both groups have a choice.
SLOT_FILTER = "tijd"
# An offer that names no income situation is open to every one: it gets every code of the taxonomy,
# so a professional who filters on Wajong also finds it (who may come, not who it is meant for).
EVERY = "*"
# Filters for professionals (issue 14), shown together under "Voor professionals", folded away so that
# residents are not burdened by them.
PROFESSIONAL = frozenset({"inkomen", "financiering"})
# "Er is plek": free places, checked recently enough to repeat (Catalogue.availability_role).
ROOM_FILTER, ROOM_VALUE = "plek", "ja"


@dataclass(frozen=True)
class FilterGroup:
    """One group of checkboxes on the search page: its name in the index and the URL, its Dutch title and values."""

    key: str
    title: str
    values: tuple[tuple[str, str], ...]  # (code, Dutch label), only values that published offers have
    professional: bool = False  # under "Voor professionals"

    @property
    def data(self) -> list:
        """[key, title, [[code, label], ...]]: what the search page builds its checkboxes from."""
        return [self.key, self.title, [list(value) for value in self.values]]


def _parts_of_day(offer: Offer) -> list[str]:
    return list(dict.fromkeys(slot["part_of_day"] for slot in offer.schedule))


# key: (table and field whose schema title heads the group, taxonomy with the labels, codes of an offer)
_GROUPS = {
    "soort": (("offers", "kind"), "kinds", lambda offer: [offer.kind]),
    "type": (("offers", "subtype"), "subtypes", lambda offer: [offer.subtype]),
    "werkveld": (("offers", "sectors"), "sectors", lambda offer: offer.sectors or ()),
    "voor": (("offers", "target_groups"), "target_groups", lambda offer: offer.target_groups),
    # Where an offer is only for residents of some municipalities (service_area), it counts for those, not for
    # where it is: an offer in Utrecht only for Houten residents is found under Houten, never under Utrecht.
    "gemeente": (("locations", "municipality"), "municipalities", lambda offer: _area(offer) + ([ONLINE] if offer.online else [])),
    "wijk": (("locations", "wijk"), "wijken", lambda offer: offer.wijken),
    "kosten": (None, None, lambda offer: ["gratis" if offer.is_free else "betaald"]),
    "verwijzing": (("offers", "referral_required"), None, lambda offer: ["ja" if offer.referral_required else "nee"]),
    "dag": (("schedules", "day"), "days", lambda offer: list(offer.schedule_by_day())),
    "dagdeel": (("schedules", "part_of_day"), "parts_of_day", _parts_of_day),
    "taal": (("offers", "languages"), "languages", lambda offer: offer.languages or ()),
    "toegankelijk": (("offers", "accessibility"), "accessibility", lambda offer: offer.accessibility or ()),
    "inkomen": (("offers", "income_situations"), "income_situations", lambda offer: offer.values.get("income_situations") or [EVERY]),
    "financiering": (("offers", "funding"), "funding", lambda offer: offer.values.get("funding") or ()),
}


def _area(offer: Offer) -> list[str]:
    """The municipalities whose residents an offer is for: its service area, else where its locations are."""
    return list(offer.values.get("service_area") or ()) or offer.municipalities


def _every(catalogue: Catalogue, key: str, codes) -> list[str]:
    """``codes`` with EVERY replaced by every code of the group's taxonomy."""
    codes = list(codes)
    if EVERY not in codes:
        return codes
    return catalogue.schema.taxonomies[_GROUPS[key][1]].codes


def codes_of(taxonomy: str):
    """Which codes of ``taxonomy`` an offer has (for list pages too): _GROUPS is the one place that says it."""
    return next(codes for _, name, codes in _GROUPS.values() if name == taxonomy)


def field_of(taxonomy: str) -> tuple[str, str]:
    """The (table, field) that uses ``taxonomy``, whose title heads its filters and lists."""
    return next(field for field, name, _ in _GROUPS.values() if name == taxonomy)


# Values that no taxonomy lists, derived from a number and a yes/no field. (Online offers get
# the municipality 'online'.)
_DERIVED = {
    "kosten": (("gratis", N_("Gratis")), ("betaald", N_("Betaald"))),
    "verwijzing": (("nee", N_("Nee")), ("ja", N_("Ja"))),
    ROOM_FILTER: ((ROOM_VALUE, N_("Er is plek")),),
}
_DERIVED_TITLES = {"kosten": N_("Kosten"), ROOM_FILTER: N_("Plek")}


def offer_filters(catalogue: Catalogue, offer: Offer) -> dict[str, list[str]]:
    """The filter values of one offer, as codes; groups without a value are left out."""
    filters = {key: _every(catalogue, key, codes_of(offer)) for key, (_, _, codes_of) in _GROUPS.items()}
    filters[SLOT_FILTER] = [f"{slot['day']}-{slot['part_of_day']}" for slot in offer.schedule]
    return {key: values for key, values in filters.items() if values}


def document_filters(catalogue: Catalogue, offer: Offer) -> dict[str, list[str]]:
    """Everything the index files an offer under: its own codes, and "Er is plek", which depends on the build's today."""
    filters = offer_filters(catalogue, offer)
    if _has_room(catalogue, offer):
        filters[ROOM_FILTER] = [ROOM_VALUE]
    return filters


@dataclass(frozen=True)
class FilterUse:
    """Which codes published offers have in each group: the same in every language, so worked out once a build."""

    used: dict  # group key -> the codes some published offer has
    named: frozenset  # groups where some offer names codes: a group where every offer is open to all filters nothing
    room: bool  # some offer has room ("Er is plek")


def filter_use(catalogue: Catalogue) -> FilterUse:
    used: dict[str, set[str]] = {key: set() for key in _GROUPS}
    named: set[str] = set()
    for offer in catalogue.published:
        for key, (_field, _taxonomy, codes_of) in _GROUPS.items():
            codes = codes_of(offer)
            if EVERY not in codes:
                named.add(key)
            used[key].update(_every(catalogue, key, codes))
    return FilterUse(used, frozenset(named), any(_has_room(catalogue, offer) for offer in catalogue.published))


def filter_groups(catalogue: Catalogue, language: str | None = None, _=N_, use: FilterUse | None = None) -> list[FilterGroup]:
    """The groups of the search page in schema order, each with the values that published offers have.

    Labels and titles are in ``language`` (taxonomy columns such as label_en, schema titles such as
    title_en); the few texts of this module go through ``_``. ``use`` is filter_use(catalogue), given when
    the groups are wanted in several languages."""
    use = use or filter_use(catalogue)
    groups = []
    for key, (field, taxonomy, _codes_of) in _GROUPS.items():
        if taxonomy:
            choices = [(term.code, term.label_in(language)) for term in catalogue.schema.taxonomies[taxonomy].terms]
        else:
            choices = [(code, _(label)) for code, label in _DERIVED[key]]
        if key == "gemeente":
            choices.append((ONLINE, _("Online")))
        values = tuple(choice for choice in choices if choice[0] in use.used[key]) if key in use.named else ()
        if values:
            groups.append(FilterGroup(key, _title(catalogue, key, field, language, _), values, key in PROFESSIONAL))
    if use.room:
        groups.append(FilterGroup(ROOM_FILTER, _(_DERIVED_TITLES[ROOM_FILTER]), tuple((code, _(label)) for code, label in _DERIVED[ROOM_FILTER])))
    return groups


def _has_room(catalogue: Catalogue, offer: Offer) -> bool:
    """Not paused, and free places checked recently enough: what the filter "Er is plek" finds."""
    return not offer.is_paused and catalogue.availability_role(offer) == roles.FREE


def _title(catalogue: Catalogue, key: str, field: tuple[str, str] | None, language: str | None = None, _=N_) -> str:
    if field is None:
        return _(_DERIVED_TITLES[key])
    table, name = field
    return catalogue.schema.tables[table].title_of(name, language)


def places_text(catalogue: Catalogue, offer: Offer) -> str:
    """Where an offer is, in a few words: 'Utrecht (Overvecht); Online'."""
    places = []
    for code in offer.municipalities:
        wijken = [catalogue.label("wijken", location.wijk) for location in offer.locations if location.municipality == code and location.wijk]
        label = catalogue.label("municipalities", code)
        places.append(f"{label} ({', '.join(dict.fromkeys(wijken))})" if wijken else label)
    if offer.online:
        places.append("Online")
    return "; ".join(places)


def offer_document(catalogue: Catalogue, offer: Offer) -> str:
    """The HTML document Pagefind indexes for one offer: words to find it by, result fields and filters."""
    label = catalogue.label
    provider = catalogue.providers[offer.provider]
    # Labels are words people search for ("dagbesteding", "Overvecht"), so they are part of the text.
    words = [
        offer.summary, plain_text(offer.description), provider.name,
        *(location.name or "" for location in offer.locations),
        label("kinds", offer.kind), label("subtypes", offer.subtype),
        *(label("sectors", code) for code in offer.sectors or ()),
        *(label("target_groups", code) for code in offer.target_groups),
        places_text(catalogue, offer),
    ]
    meta = {"aanbieder": provider.name, "plaats": places_text(catalogue, offer), "samenvatting": offer.summary, "kosten": euro(offer.cost_eur)}
    if offer.is_paused:  # a status with the role paused (statuses.csv): the card says there is no place now
        meta["geen_plek"] = "ja"
    else:
        room = availability_view(catalogue, offer)
        if room:  # the card shows it in words; plek_rol picks its pictogram (free, full, waiting, unknown)
            meta["plek"], meta["plek_rol"] = room.short, room.role
    if offer.values.get("service_area"):  # "Alleen voor inwoners van ...": also when sorted by distance, which knows no municipality
        meta["alleen_voor"] = ", ".join(label("municipalities", code) for code in offer.service_area)
    parts = [f'<h1 data-pagefind-meta="title">{escape(offer.title)}</h1>']
    parts += [f"<p>{escape(text)}</p>" for text in words if text]
    parts += [f'<data value="{escape(value)}" data-pagefind-meta="{key}[value]"></data>' for key, value in meta.items()]
    parts += [
        f'<data value="{escape(value)}" data-pagefind-filter="{key}[value]"></data>'
        for key, values in document_filters(catalogue, offer).items() for value in values
    ]
    body = "\n".join(parts)
    return f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>{escape(offer.title)}</title></head>\n<body data-pagefind-body>\n{body}\n</body></html>\n'


def part_count(offers: int, part_size: int = PART_SIZE) -> int:
    """Parts of at most ``part_size`` offers, and up to REBUILD_PARTS parts of at least MIN_PART_SIZE."""
    return max(1, math.ceil(offers / part_size), min(REBUILD_PARTS, offers // MIN_PART_SIZE))


def part_of(offer_id: str, parts: int) -> int:
    """The part an offer is indexed in: 0 for the first, whose folder is the bundle itself."""
    return int(hashlib.sha1(offer_id.encode("utf-8")).hexdigest(), 16) % parts


def part_folder(number: int) -> str:
    return "" if number == 0 else f"deel-{number + 1}/"


def pagefind_index(documents: list[tuple[str, str]], language: str) -> dict[str, bytes]:
    """Pagefind's files for ``documents`` (URL, HTML), normalized (search_bundle.normalize) for publishing."""
    return search_bundle.normalize(pagefind_service.index(documents, language))


class RememberedIndex:
    """``pagefind_index`` for a part, taken back from ``memo`` (aanbod/build_cache.py) while the part's documents are
    the same; ``runs`` holds the size of every part that went through Pagefind."""

    def __init__(self, memo):
        self.memo, self.runs = memo, []

    def __call__(self, documents: list[tuple[str, str]], language: str) -> dict[str, bytes]:
        def run():
            self.runs.append(len(documents))
            return pagefind_index(documents, language)
        return self.memo(_documents_digest(language, documents), run)


def _documents_digest(language: str, documents: list[tuple[str, str]]) -> str:
    """A digest of a part's documents. Not ``digest(documents)``: its repr of about 10 MB per part took a third of a
    second each; this hashes the text as it is, each piece after its length, so no two lists give the same bytes."""
    hashed = hashlib.blake2b(language.encode("utf-8"), digest_size=16)
    for url, html in documents:
        for text in (url, html):
            data = text.encode("utf-8", "surrogatepass")
            hashed.update(len(data).to_bytes(8, "big"))
            hashed.update(data)
    return hashed.hexdigest()


def write_index(catalogue: Catalogue, site: Path, url_of, part_size: int = PART_SIZE, document=offer_document,
                unchanged: set[Path] | None = None, index=pagefind_index) -> tuple[int, int]:
    """Index every published offer into ``site/pagefind`` and write the places file next to it.

    Returns the number of indexed offers and the number of offers with a place on the map. ``document(catalogue,
    offer)`` is offer_document, or the same remembered from an earlier build (aanbod/build_cache.py Memo);
    ``index(documents, language)`` is ``pagefind_index``, or the same remembered for a part whose documents did not change.
    Without ``unchanged`` the old bundle is removed first; with it (a rebuild whose build removes what it did
    not write), files that already hold their new bytes are left as they are and added to it.
    """
    site = Path(site)
    bundle = site / BUNDLE_FOLDER
    published = catalogue.published
    urls = {offer.id: url_of(offer) for offer in published}
    parts = part_count(len(published), part_size)
    members: list[list[Offer]] = [[] for _ in range(parts)]
    for offer in sorted(published, key=lambda offer: urls[offer.id]):
        members[part_of(offer.id, parts)].append(offer)
    if bundle.exists() and unchanged is None:
        shutil.rmtree(bundle)
    count, taken, pages = 0, set(), {}
    for number, offers in enumerate(members):
        documents = [(urls[offer.id], document(catalogue, offer)) for offer in offers]
        files = index(documents, "nl")
        count += search_bundle.publish(files, bundle / part_folder(number), taken, scripts=number == 0, unchanged=unchanged, published=pages)
    (bundle / PARTS_FILE).write_text(json.dumps([part_folder(number) for number in range(1, parts)]), encoding="utf-8")
    located = search_places.write_places(bundle, {urls[offer.id]: offer for offer in published}, search_places.ids_of(pages))
    return count, located
