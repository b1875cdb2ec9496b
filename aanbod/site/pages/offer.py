"""What an offer page shows, worked out in Python once per offer and language; the templates only lay it out.

The facts used to be looked up by some 130 template calls per page (labels, joins, filters, the
page's language read from the context each time). Here they are plain values: the words in the
page's language, the provider's own words as written, and URL paths (the template adds the site's
and the language's prefix with ``url()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...content import availability_view, roles
from ... import presentation
from .. import shortlist
from ...content.model import Catalogue, Offer


@dataclass(frozen=True)
class KeyFact:
    """A fact a resident looks for first, as pictogram plus words (never colour alone)."""

    icon: str  # a symbol in theme/static/img/iconen.svg
    text: str
    css: str = ""  # extra classes: the kind's colour, paused


@dataclass(frozen=True)
class Place:
    name: str  # the location's name or street: the provider's words
    area: str  # "Utrecht (Overvecht)"


@dataclass(frozen=True)
class Address:
    name: str
    street: str
    town: str  # "3552 HJ Utrecht"
    wijk: str  # the wijk's label, "" if none
    wijk_path: str  # its list page, "" if none


@dataclass(frozen=True)
class ContactLine:
    label: str  # "Bel:"
    text: str
    href: str = ""
    external: bool = False  # a website: rel="nofollow noopener"


@dataclass(frozen=True)
class OfferView:
    kind: str
    subtype: str
    kind_path: str
    key_facts: tuple[KeyFact, ...]
    what: str
    places: tuple[Place, ...]
    schedule: tuple[str, ...]
    when: str  # hours a week, start and end, as sentences
    for_whom: str
    cost: str
    capacity: tuple[str, str] | None  # (term, description)
    languages: str
    accessibility: tuple[str, ...]
    contact: tuple[ContactLine, ...]
    addresses: tuple[Address, ...]
    status_description: str
    verified_on: str


class OfferViews:
    """Offer views and key facts in one language: ``_`` is that language's gettext."""

    def __init__(self, catalogue: Catalogue, language: str, _: Callable[[str], str], term_path: Callable[[str, str], str],
                 ngettext: Callable[[str, str, int], str]):
        """``term_path(taxonomy, code)``: the path of a term's list page; ``ngettext``: plurals in the language."""
        self.catalogue, self.language, self._, self.term_path, self.ngettext = catalogue, language, _, term_path, ngettext

    def label(self, taxonomy: str, code: str) -> str:
        return self.catalogue.label(taxonomy, code, self.language)

    def labels(self, taxonomy: str, codes) -> str:
        return ", ".join(self.label(taxonomy, code) for code in codes)

    def key_facts(self, offer: Offer) -> tuple[KeyFact, ...]:
        """Kind, costs, referral, the accessibility facts with a pictogram (aanbod/content/roles.py), room or paused."""
        _, schema = self._, self.catalogue.schema
        facts = [
            KeyFact(roles.kind_icon(schema, offer.kind), self.label("kinds", offer.kind), f"kind kind-{offer.kind}"),
            KeyFact("kosten", presentation.euro(offer.cost_eur, _=_)),
            KeyFact("verwijzing", _("Verwijzing nodig")) if offer.referral_required else KeyFact("zelf", _("Zelf aanmelden")),
        ]
        facts += [KeyFact(term.extra["pictogram"], term.label_in(self.language)) for term in roles.pictogram_terms(schema, offer.accessibility)]
        room = availability_view.availability_view(self.catalogue, offer, self.language, _)
        if room and not offer.is_paused:  # is there room (issue 14): words and a pictogram, never colour alone
            facts.append(KeyFact(room.pictogram, room.short, f"availability availability-{room.role}"))
        if offer.is_paused:
            facts.append(KeyFact("pauze", _("Tijdelijk geen plek"), "key-fact-paused"))
        return tuple(facts)

    def of(self, offer: Offer) -> OfferView:
        _, catalogue = self._, self.catalogue
        what = f"{self.label('kinds', offer.kind)}: {self.label('subtypes', offer.subtype)}"
        if offer.sectors:
            what += f" ({', '.join(self.label('sectors', code).lower() for code in offer.sectors)})"
        places = tuple(
            Place(location.name or location.street_address,
                  self.label("municipalities", location.municipality) + (f" ({self.label('wijken', location.wijk)})" if location.wijk else ""))
            for location in offer.locations
        )
        when = " ".join(sentence for sentence in (
            _("Ongeveer %(hours)s uur per week.") % {"hours": presentation.number(offer.hours_per_week)} if offer.hours_per_week else "",
            _("Begint op %(date)s.") % {"date": presentation.dutch_date(offer.start_date, _=_)} if offer.start_date else "",
            _("Stopt op %(date)s.") % {"date": presentation.dutch_date(offer.end_date, _=_)} if offer.end_date else "",
        ) if sentence)
        ages = presentation.age_range(offer.min_age, offer.max_age, _=_)
        for_whom = self.labels("target_groups", offer.target_groups) + (f"; {ages}" if ages else "")
        # places is the size of the group; whether there is room now is availability (issue 14), a key fact.
        capacity = None if offer.places is None else (
            _("Groepsgrootte"), self.ngettext("%(num)s persoon tegelijk", "%(num)s mensen tegelijk", offer.places) % {"num": offer.places})
        contact = []
        if offer.contact_name:
            contact.append(ContactLine(_("Contact:"), offer.contact_name))
        if offer.contact_phone:
            contact.append(ContactLine(_("Bel:"), offer.contact_phone, presentation.phone_link(offer.contact_phone)))
        if offer.contact_email:
            contact.append(ContactLine(_("Mail:"), offer.contact_email, f"mailto:{offer.contact_email}"))
        if offer.website:
            contact.append(ContactLine(_("Website:"), offer.website, offer.website, external=True))
        addresses = tuple(
            Address(location.name or "", location.street_address, f"{location.postcode} {catalogue.town(location)}",
                    self.label("wijken", location.wijk) if location.wijk else "",
                    self.term_path("wijken", location.wijk) if location.wijk else "")
            for location in offer.locations
        )
        status = catalogue.schema.taxonomy_of("offers", "status").get(offer.status) if offer.is_paused else None
        return OfferView(
            kind=self.label("kinds", offer.kind), subtype=self.label("subtypes", offer.subtype),
            kind_path=self.term_path("kinds", offer.kind), key_facts=self.key_facts(offer), what=what, places=places,
            schedule=tuple(shortlist.schedule_lines(catalogue, offer, self.language, _)), when=when, for_whom=for_whom,
            cost=presentation.euro(offer.cost_eur, _=_), capacity=capacity,
            languages=self.labels("languages", offer.languages or ()),
            accessibility=tuple(self.label("accessibility", code) for code in offer.accessibility or ()),
            contact=tuple(contact), addresses=addresses,
            status_description=status.description_in(self.language) if status is not None else "",
            verified_on=presentation.dutch_date(offer.verified_on, _=_),
        )


def map_points(offer: Offer, label: Callable[[str, str], str]) -> list[dict]:
    """The offer's locations with coordinates, for its map (offer-map.js): position, title and address.

    ``label(taxonomy, code)`` names a municipality in the page's language.
    """
    return [
        {
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "title": location.name or location.street_address,
            "note": f"{location.street_address}, {location.postcode} {label('municipalities', location.municipality)}",
        }
        for location in offer.locations
        if location.has_coordinates
    ]
