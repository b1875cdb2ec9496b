"""Write a deterministic synthetic catalogue of N offers, for benchmarks.

    .venv/bin/python scripts/synthetic_catalogue.py --offers 10000 --out /tmp/catalogue-10k

``read_for_benchmark`` reads one back for a benchmark script.

The result is a content folder (providers/ and offers/<provider>/) that passes validation;
the same N always gives byte-identical files. Values come from the real taxonomies in schema/.

The text is meant to cost what real text costs: like the sample offers in content/, each offer has
a description of 4 to 10 sentences (some with a list), one to three locations with their own
address, one to four days with one or two dagdelen, and its own title and id. Most titles carry
no number; a few do, as course levels do ("Engels 2"). About 2% of the offers are paused and
about 1.6% withdrawn, as in the catalogue measured in issue 10.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aanbod.content import roles  # noqa: E402
from aanbod.content.schema import load_schema  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# (as a title says it, as a sentence says it): the search benchmark types the first word of some.
ACTIVITIES = [
    ("Koken", "koken"), ("Fietsen repareren", "fietsen repareren"), ("Tuinieren", "tuinieren"), ("Schilderen", "schilderen"),
    ("Wandelen", "wandelen"), ("Naaien", "naaien en kleding herstellen"), ("Timmeren", "timmeren"), ("Computerles", "leren werken met de computer"),
    ("Voorlezen", "voorlezen aan kinderen"), ("Boodschappen doen", "boodschappen doen voor buren"), ("Koffie schenken", "koffie schenken"),
    ("Dieren verzorgen", "dieren verzorgen"), ("Schoonmaken", "schoonmaken"), ("Inpakken", "producten inpakken"), ("Sporten", "sporten"),
    ("Zingen", "zingen in een koor"), ("Fotograferen", "fotograferen"), ("Klussen", "klussen in huizen en tuinen"),
    ("Kringloopwinkel", "werken in de kringloopwinkel"), ("Taalles", "Nederlands leren"), ("Bakken", "brood en taart bakken"),
    ("Fietskoerier", "pakketten rondbrengen op de fiets"), ("Buurtkeuken", "koken voor de buurt"), ("Administratie", "helpen met de administratie"),
    ("Groenonderhoud", "het groen in de wijk onderhouden"), ("Houtbewerking", "meubels maken van oud hout"), ("Receptie", "bezoekers ontvangen"),
    ("Magazijnwerk", "werken in het magazijn"), ("Muziek maken", "muziek maken met anderen"), ("Zwemmen", "zwemmen"),
]
COURSES = ["Engels", "Rekenen", "Nederlands", "Computerles", "Fietsles", "Budgetcursus", "Solliciteren"]
AUDIENCES = ["voor beginners", "voor jongeren", "voor vrouwen", "in de ochtend", "op zaterdag", "met begeleiding", "in een kleine groep",
             "voor nieuwkomers", "voor 55-plussers", "samen met buren"]
PLACES = ["Buurthuis", "Werkplaats", "Moestuin", "Bibliotheek", "Kringloopwinkel", "Sporthal", "Zorgboerderij", "Wijkcentrum", "Atelier", "Keuken"]
ADJECTIVES = ["Groene", "Blije", "Oude", "Nieuwe", "Hoge", "Lage", "Gouden", "Zonnige", "Stille", "Vrolijke", "Kleine", "Grote", "Rode",
              "Blauwe", "Witte", "Warme", "Open", "Verre"]
NOUNS = ["Linde", "Spaak", "Brug", "Haven", "Hoek", "Akker", "Molen", "Schuur", "Kade", "Tuin", "Poort", "Boog", "Wilg", "Eik", "Ster",
         "Zon", "Hof", "Steeg", "Wei", "Kamer", "Stek", "Bron"]
STREET_NAMES = ["Zamenhof", "Kerk", "Dorps", "Stations", "Molen", "School", "Park", "Juliana", "Beatrix", "Oranje", "Linden", "Eiken",
                "Vondel", "Rembrandt", "Vermeer", "Spinoza", "Erasmus", "Marnix", "Wilhelmina", "Emma", "Amstel", "Vecht", "Lek", "Rijn",
                "Kromme Rijn", "Leidse", "Amsterdamse", "Biltse", "Gageldonk", "Overvecht", "Kanaal", "Haven", "Bloemen", "Tulpen",
                "Rozen", "Hazel", "Merel", "Lijster", "Zwaluw", "Specht"]
STREET_ENDS = ["straat", "weg", "laan", "plein", "dreef", "kade", "singel", "hof"]
FIRST_NAMES = ["Ahmed", "Fatima", "Sanne", "Mohamed", "Lotte", "Joost", "Ayse", "Pieter", "Noor", "Kees", "Yusuf", "Ingrid", "Bram", "Samira"]
CENTRES = {  # municipality -> (latitude, longitude), roughly its centre; other regions' get _centre()
    "utrecht": (52.0907, 5.1214), "nieuwegein": (52.0292, 5.0808), "zeist": (52.0906, 5.2332), "houten": (52.0286, 5.1681),
    "ijsselstein": (52.0200, 5.0440), "de-bilt": (52.1100, 5.1800), "woerden": (52.0850, 4.8833), "stichtse-vecht": (52.1800, 5.0100),
    "bunnik": (52.0667, 5.1972), "de-ronde-venen": (52.2300, 4.9000), "lopik": (51.9722, 4.9464), "montfoort": (52.0458, 4.9528),
    "oudewater": (52.0250, 4.8681), "utrechtse-heuvelrug": (52.0333, 5.3833), "vijfheerenlanden": (51.9500, 5.0800),
    "wijk-bij-duurstede": (51.9750, 5.3417),
}
OPENINGS = [
    "In {place} gaan we {activity}.", "Bij {place} kun je {activity}.", "Wil je {activity}, dan ben je welkom in {place}.",
    "Elke week gaan we in {place} samen {activity}.", "In {place} kun je elke week {activity}.",
]
SENTENCES = [
    "Je werkt in een klein team met een vaste begeleider.", "De begeleider legt alles rustig uit.", "Je mag langzaam beginnen.",
    "Je kiest zelf hoeveel dagdelen je komt.", "Er is altijd koffie en thee.", "Je hoeft geen ervaring te hebben.",
    "We werken met mensen uit de buurt.", "Na een paar weken kijken we samen hoe het gaat.", "Als je klaar bent, krijg je een certificaat.",
    "De groep is klein: hooguit acht mensen.", "Je kunt hier ook Nederlands oefenen.", "Tussen de middag eten we samen.",
    "Je leert op tijd komen en afspraken nakomen.", "Wat we maken, gaat naar bewoners die het zelf niet kunnen kopen.",
    "Je mag eerst een keer komen kijken.", "We letten goed op veiligheid en je krijgt de kleding die je nodig hebt.",
    "Heb je een vraag, dan kun je altijd bij ons terecht.", "Het is rustig en er is een stille ruimte als het even te veel wordt.",
    "Je bouwt aan je eigen ritme, stap voor stap.", "Veel deelnemers vinden na een tijd betaald werk of een opleiding.",
    "We houden rekening met je gezondheid en je afspraken.", "Je krijgt een vast aanspreekpunt dat je kent.",
]
LEARN = ["op tijd komen en afspraken nakomen", "werken met gereedschap", "samenwerken met collega's", "plannen en overzicht houden",
         "hygiënisch werken", "omgaan met klanten", "vragen stellen als iets niet duidelijk is", "je werk netjes afmaken"]
SUMMARIES = [
    "Je gaat {activity} samen met anderen, met een vaste begeleider.", "Je gaat {activity} in je eigen tempo, op een rustige plek.",
    "Samen {activity} in de buurt, zonder dat je ervaring nodig hebt.", "Je leert {activity} en werkt aan je ritme.",
]
APPLY = [
    "Bel of mail {name}. Je mag eerst een keer komen kijken.", "Vraag je begeleider om een verwijzing. Daarna bellen we je.",
    "Loop binnen tijdens de openingstijden of stuur een mail.", "Meld je aan via het formulier op onze website.",
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ë", "e").replace("é", "e")).strip("-")


def _letters(number: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': a house letter for the n-th building at one number."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _provider(index: int, municipality: str) -> str:
    return (f"id: aanbieder-{index:04d}\nname: Aanbieder {index}\ndescription: Een verzonnen organisatie om mee te meten.\n"
            f"website: https://aanbieder{index}.example.nl/\nemail: info@aanbieder{index}.example.nl\n"
            f"phone: 030 {100 + index % 900:03d} {1000 + index % 9000:04d}\nmunicipality: {municipality}\n")


def _centre(index: int) -> tuple[float, float]:
    """A made-up centre for a municipality without one in CENTRES: spread over the middle of the Netherlands."""
    return 52.0 + 0.06 * (index % 6), 5.0 + 0.08 * (index // 6 % 6)


class _Generator:
    """Draws offers from one seeded random source; titles and addresses are never repeated."""

    def __init__(self, schema, seed: int):
        self.rng = random.Random(seed)
        self.taxonomies = schema.taxonomies
        self.statuses = {role: roles.status(schema, role) for role in ("published", "paused", "withdrawn")}
        # The region from schema/taxonomies, so a fork measures its own: most offers in the municipality with
        # the most wijken (Utrecht's sample: utrecht), the rest anywhere in the region.
        self.municipalities = {term.code: term.label for term in self.taxonomies["municipalities"].terms}
        self.wijken_of = {code: {} for code in self.municipalities}
        for term in self.taxonomies["wijken"].terms:
            self.wijken_of[term.extra["municipality"]][term.code] = term.label
        self.main = max(self.municipalities, key=lambda code: len(self.wijken_of[code]))
        self.centres = {code: CENTRES.get(code) or _centre(index) for index, code in enumerate(self.municipalities)}
        self.titles: set[str] = set()
        self.addresses: set[tuple[str, str]] = set()

    def place_name(self) -> str:
        rng = self.rng
        return f"{rng.choice(PLACES)} De {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"

    def title(self, activity: str, place: str, area: str) -> str:
        rng = self.rng
        for _ in range(6):
            pattern = rng.random()
            if pattern < 0.08:
                title = f"{rng.choice(COURSES)} {rng.randint(1, 4)} in {area}"
            elif pattern < 0.4:
                title = f"{activity} in {place}"
            elif pattern < 0.7:
                title = f"{activity} {rng.choice(AUDIENCES)} in {area}"
            else:
                title = f"{activity} bij {place}"
            if title not in self.titles:
                break
        if title in self.titles:  # only when every draw was taken: then a number makes it unique
            title = f"{title} {len(self.titles)}"
        self.titles.add(title)
        return title

    def address(self, municipality: str) -> tuple[str, str]:
        rng = self.rng
        street = f"{rng.choice(STREET_NAMES)}{rng.choice(STREET_ENDS)} {rng.randint(1, 250)}"
        # 80,000 addresses a municipality: at 100,000 offers Utrecht alone needs more, so a taken
        # address gets a house letter (12a, 12b, ...), as real buildings with several entrances do.
        suffix, candidate = 0, street
        while (candidate, municipality) in self.addresses:
            suffix += 1
            candidate = f"{street}{_letters(suffix)}"
        self.addresses.add((candidate, municipality))
        return candidate, f"{3400 + rng.randint(0, 599)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"

    def location(self, lines: list[str], municipality: str) -> None:
        rng = self.rng
        street, postcode = self.address(municipality)
        latitude, longitude = self.centres[municipality]
        lines += [f"  - name: {self.place_name()}", f"    street_address: {street}", f"    postcode: {postcode}", f"    municipality: {municipality}"]
        if self.wijken_of[municipality]:
            lines.append(f"    wijk: {rng.choice(list(self.wijken_of[municipality]))}")
        lines += [f"    latitude: {latitude + rng.uniform(-0.03, 0.03):.4f}", f"    longitude: {longitude + rng.uniform(-0.04, 0.04):.4f}"]

    def description(self, verb: str, place: str) -> list[str]:
        rng = self.rng
        sentences = [rng.choice(OPENINGS).format(place=place, activity=verb)]
        sentences += rng.sample(SENTENCES, rng.randint(3, 9))
        split = rng.randint(2, len(sentences))
        lines = ["description: |", "  " + " ".join(sentences[:split])]
        if split < len(sentences):
            lines += ["", "  " + " ".join(sentences[split:])]
        if rng.random() < 0.4:
            lines += ["", "  Wat je leert:"] + [f"  - {item}" for item in rng.sample(LEARN, 3)]
        return lines

    def offer(self, provider: str) -> tuple[str, str]:
        rng, taxonomies = self.rng, self.taxonomies
        activity, verb = rng.choice(ACTIVITIES)
        subtype = rng.choice(taxonomies["subtypes"].terms)
        municipality = self.main if rng.random() < 0.7 else rng.choice(list(self.municipalities))
        wijken = self.wijken_of[municipality]
        area = wijken[rng.choice(list(wijken))] if wijken else self.municipalities[municipality]
        place = self.place_name()
        title = self.title(activity, place, area)
        contact = rng.choice(FIRST_NAMES)
        status = self.statuses["withdrawn" if rng.random() < 0.016 else "paused" if rng.random() < 0.02 else "published"]
        lines = [
            f"id: {_slug(title)}",
            f"provider: {provider}",
            f"title: {title}",
            f"summary: {rng.choice(SUMMARIES).format(activity=verb)}",
            *self.description(verb, place),
            f"kind: {subtype.extra['kind']}",
            f"subtype: {subtype.code}",
            f"sectors: [{', '.join(rng.sample(taxonomies['sectors'].codes, rng.randint(1, 2)))}]",
            f"target_groups: [{', '.join(rng.sample(taxonomies['target_groups'].codes, rng.randint(1, 4)))}]",
        ]
        if rng.random() < 0.5:
            lines.append(f"min_age: {rng.choice([16, 18, 18, 23])}")
        lines += [
            f"referral_required: {rng.choice(['ja', 'nee'])}",
            f"how_to_apply: {rng.choice(APPLY).format(name=contact)}",
            f"cost_eur: {rng.choice(['0', '0', '0', '2.50', '15'])}",
        ]
        if rng.random() < 0.3:
            lines.append("compensation: Je krijgt een vrijwilligersvergoeding van 5 euro per dagdeel.")
        lines += [
            f"online: {'ja' if rng.random() < 0.03 else 'nee'}",
            f"hours_per_week: {rng.randint(2, 24)}",
            f"places: {rng.randint(2, 20)}",
            f"languages: [{', '.join(['nl', *rng.sample([code for code in taxonomies['languages'].codes if code != 'nl'], rng.randint(0, 2))])}]",
            f"accessibility: [{rng.choice(taxonomies['accessibility'].codes)}]",
            f"contact_name: {contact}",
            f"contact_email: {contact.lower()}@{provider}.example.nl",
            f"contact_phone: 030 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            f"website: https://{provider}.example.nl/{_slug(title)}",
            f"status: {status}",
            f"verified_on: 2026-{rng.randint(6, 11):02d}-{rng.randint(1, 20):02d}",
            "locations:",
        ]
        self.location(lines, municipality)
        for _ in range(rng.choices([0, 1, 2], weights=[6, 3, 1])[0]):
            self.location(lines, municipality if rng.random() < 0.7 else rng.choice(list(self.municipalities)))
        lines.append("schedule:")
        for day in sorted(rng.sample(range(len(taxonomies["days"].codes)), rng.randint(1, 4))):
            parts = sorted(rng.sample(taxonomies["parts_of_day"].codes, rng.randint(1, 2)), key=taxonomies["parts_of_day"].codes.index)
            lines.append(f"  {taxonomies['days'].codes[day]}: [{', '.join(parts)}]")
        return _slug(title), "\n".join(lines) + "\n"


def write_catalogue(out: Path, offers: int, seed: int = 2026, schema_folder: Path = ROOT / "schema") -> Path:
    schema = load_schema(schema_folder)
    generator = _Generator(schema, seed)
    provider_count = max(1, offers // 25)
    municipalities = list(generator.municipalities)
    for index in range(provider_count):
        path = out / "providers" / f"aanbieder-{index:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_provider(index, municipalities[index % len(municipalities)]), encoding="utf-8")
    # Availability (content/availability/<provider>.yaml) for about a third of the offers, from a random source of its
    # own so the offers stay the same as before it existed.
    chance = random.Random(seed + 1)
    availability: dict[str, list[str]] = {}
    for index in range(offers):
        provider = f"aanbieder-{index % provider_count:04d}"
        offer_id, text = generator.offer(provider)
        path = out / "offers" / provider / f"{offer_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if chance.random() < 0.33:
            state = chance.choice(["plek", "vol", "wachtlijst"])
            count = {"plek": f"  free_places: {chance.randint(1, 6)}\n", "wachtlijst": f"  waiting_weeks: {chance.randint(1, 12)}\n"}.get(state, "")
            availability.setdefault(provider, []).append(f"{offer_id}:\n  availability: {state}\n{count}  checked_on: 2026-11-{chance.randint(1, 20):02d}\n")
    for provider, entries in availability.items():
        path = out / "availability" / f"{provider}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(entries), encoding="utf-8")
    return out


def read_for_benchmark(parser: argparse.ArgumentParser):
    """The catalogue named on a benchmark's command line (a content folder; ``parser`` may have more options),
    read and validated, with the time that took, and the parsed arguments; (None, arguments) after saying why on
    stderr when it has problems."""
    import time

    from aanbod.content.catalogue import read_catalogue

    parser.add_argument("content", type=Path)
    arguments = parser.parse_args()
    started = time.perf_counter()
    catalogue, problems = read_catalogue(arguments.content, ROOT / "schema")
    if problems:
        print(f"{len(problems)} problemen in {arguments.content}", file=sys.stderr)
        return None, arguments
    print(f"{len(catalogue.offers)} offers ({len(catalogue.published)} published) read and validated "
          f"in {time.perf_counter() - started:.2f} s")
    return catalogue, arguments


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=1000, help="number of offers (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (providers/ and offers/)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    write_catalogue(args.out, args.offers, args.seed)
    print(f"{args.offers} aanbod geschreven in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
