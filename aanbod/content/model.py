"""The catalogue as read-only objects for pages, exports and the search index. No I/O here.

Records hold their typed values in a mapping keyed by the schema's field names, so adding a
field to ``schema/`` needs no change here: ``offer.title`` reads ``offer.values["title"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import cached_property
from types import MappingProxyType

from . import roles
from .schema import CatalogueSchema


@dataclass(frozen=True)
class Record:
    values: MappingProxyType
    source_path: str = ""
    # When the source file was last changed, from git (UTC); None outside git or for uncommitted files.
    modified: datetime | None = field(default=None, kw_only=True)

    def __getattr__(self, name):
        values = object.__getattribute__(self, "values")
        if name in values:
            return values[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class Location(Record):
    @property
    def has_coordinates(self) -> bool:
        return self.values.get("latitude") is not None and self.values.get("longitude") is not None


@dataclass(frozen=True)
class Provider(Record):
    pass


@dataclass(frozen=True)
class Offer(Record):
    locations: tuple[Location, ...] = ()
    schedule: tuple[MappingProxyType, ...] = ()
    closures: tuple[MappingProxyType, ...] = ()  # in the order the provider wrote them (validation: in time order)
    # The role of its status (statuses.csv, column role): published, paused or withdrawn.
    status_role: str = field(default="", kw_only=True)

    @property
    def is_published(self) -> bool:
        return self.status_role in roles.ON_SITE

    @property
    def is_paused(self) -> bool:
        return self.status_role == roles.PAUSED

    @property
    def is_free(self) -> bool:
        return self.values["cost_eur"] == 0

    @property
    def municipalities(self) -> list[str]:
        return _unique(location.municipality for location in self.locations)

    @property
    def wijken(self) -> list[str]:
        return _unique(location.wijk for location in self.locations if location.wijk)

    @property
    def last_modified(self) -> datetime:
        """The git time of the file, else the day the provider last verified it (midnight UTC)."""
        return self.modified or datetime.combine(self.values["verified_on"], time(), timezone.utc)

    def schedule_by_day(self) -> dict[str, list[str]]:
        days: dict[str, list[str]] = {}
        for slot in self.schedule:
            days.setdefault(slot["day"], []).append(slot["part_of_day"])
        return days

    def slot_times(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(day, dagdeel) -> (start, end) for the slots with clock times."""
        return {(slot["day"], slot["part_of_day"]): (slot["start_time"], slot["end_time"])
                for slot in self.schedule if slot.get("start_time") and slot.get("end_time")}


def _unique(values) -> list:
    return list(dict.fromkeys(values))


@dataclass(frozen=True)
class Catalogue:
    schema: CatalogueSchema
    providers: MappingProxyType
    offers: tuple[Offer, ...]
    tables: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    # Ids of offers not published although their status allows it: verified too long ago (see freshness.py).
    held_back: frozenset = frozenset()
    # The earliest availability_checked_on the site still believes (the build's today minus a setting); None: any.
    availability_since: date | None = None

    # Pages, list pages, search and shortlist all ask for these many times per build (once per
    # provider, per term, per language); a catalogue never changes, so each is worked out once.
    @cached_property
    def published(self) -> tuple[Offer, ...]:
        return tuple(offer for offer in self.offers if offer.is_published and offer.id not in self.held_back)

    @cached_property
    def _published_by_provider(self) -> dict[str, list[Offer]]:
        grouped: dict[str, list[Offer]] = {}
        for offer in self.published:
            grouped.setdefault(offer.provider, []).append(offer)
        return grouped

    @property
    def withdrawn(self) -> list[Offer]:
        return [offer for offer in self.offers if not offer.is_published]

    @property
    def last_modified(self) -> datetime | None:
        """The latest change to any offer or provider: the data's modification date."""
        times = [offer.last_modified for offer in self.offers]
        times += [provider.modified for provider in self.providers.values() if provider.modified]
        return max(times, default=None)

    @cached_property
    def _child_rows(self) -> dict[str, dict[str, tuple]]:
        """Table -> offer id -> its rows, for the offers' list tables that have no attribute of their own
        (intake steps): indexed once, so a page asks in constant time at 100,000 offers."""
        grouped: dict[str, dict[str, list]] = {}
        for child in self.schema.children_of("offers"):
            rows = grouped.setdefault(child.name, {})
            for values in self.tables.get(child.name, ()):
                rows.setdefault(values[child.source["parent_field"]], []).append(values)
        return {name: {key: tuple(rows) for key, rows in by_offer.items()} for name, by_offer in grouped.items()}

    def rows_of(self, table: str, offer_id: str) -> tuple:
        """The rows of a table nested in offers (``intake_steps``) that belong to one offer, in the provider's order."""
        return self._child_rows.get(table, {}).get(offer_id, ())

    def availability_is_current(self, offer: Offer) -> bool:
        """The provider said whether there is room, and checked it recently enough for the site to repeat it."""
        checked = offer.values.get("availability_checked_on")
        return bool(offer.values.get("availability")) and checked is not None and (self.availability_since is None or checked >= self.availability_since)

    def availability_role(self, offer: Offer) -> str:
        """free, full or waiting (availability.csv, column role) when current; "" when unknown or too old."""
        return roles.availability_role(self.schema, offer.values.get("availability")) if self.availability_is_current(offer) else ""

    def offers_of(self, provider_id: str) -> list[Offer]:
        return list(self._published_by_provider.get(provider_id, ()))

    def label(self, taxonomy: str, code: str, language: str | None = None) -> str:
        return self.schema.label(taxonomy, code, language)

    @cached_property
    def example_postcode(self) -> str:
        """A postcode from the region's own offers, for placeholders ("zoals ..."): a fork shows its own,
        never the sample's. The schema's example when no published offer has an address."""
        postcodes = (location.postcode for offer in self.published for location in offer.locations)
        return next(postcodes, None) or str(self.schema.tables["locations"].field("postcode").get("example", ""))

    def town(self, location: Location) -> str:
        """The postal town (woonplaats) of an address; the municipality's name where the content has none."""
        return location.values.get("locality") or self.label("municipalities", location.municipality)

    def group_by(self, taxonomy: str, codes_of) -> list[tuple]:
        """(term, offers) for every term in the taxonomy, in taxonomy order, with its published offers."""
        terms = self.schema.taxonomies[taxonomy].terms
        # One pass over the offers, not one per term: the wijken and municipalities are many at 100,000 offers.
        offers_by_code: dict[str, list[Offer]] = {term.code: [] for term in terms}
        for offer in self.published:
            for code in dict.fromkeys(codes_of(offer) or ()):
                if code in offers_by_code:
                    offers_by_code[code].append(offer)
        return [(term, offers_by_code[term.code]) for term in terms]


def build_catalogue(schema: CatalogueSchema, typed: dict, paths: dict, modified: dict | None = None) -> Catalogue:
    """Assemble records from validated, typed rows. ``paths`` and ``modified`` map (table, id) to the source file and its git time."""
    modified = modified or {}
    locations: dict[str, list[Location]] = {}
    for values in typed["locations"]:
        locations.setdefault(values["offer_id"], []).append(Location(MappingProxyType(values)))
    closures: dict[str, list] = {}
    for values in typed.get("closures", ()):
        closures.setdefault(values["offer_id"], []).append(MappingProxyType(values))
    schedule: dict[str, list] = {}
    for values in typed["schedules"]:
        schedule.setdefault(values["offer_id"], []).append(MappingProxyType(values))
    providers = {
        values["id"]: Provider(MappingProxyType(values), paths.get(("providers", values["id"]), ""), modified=modified.get(("providers", values["id"])))
        for values in typed["providers"]
    }
    offers = tuple(
        Offer(
            MappingProxyType(values),
            paths.get(("offers", values["id"]), ""),
            tuple(locations.get(values["id"], ())),
            tuple(schedule.get(values["id"], ())),
            tuple(closures.get(values["id"], ())),
            modified=modified.get(("offers", values["id"])),
            status_role=roles.status_role(schema, values["status"]),
        )
        for values in sorted(typed["offers"], key=lambda values: values["id"])
    )
    tables = MappingProxyType({name: tuple(MappingProxyType(row) for row in rows) for name, rows in typed.items()})
    return Catalogue(schema, MappingProxyType(providers), offers, tables)
