"""Write a deterministic synthetic catalogue of N offers, for benchmarks.

    .venv/bin/python scripts/synthetic_catalogue.py --offers 10000 --out /tmp/catalogue-10k

The result is a content folder (providers/ and offers/<provider>/) that passes validation;
the same N always gives byte-identical files. Values come from the real taxonomies in schema/.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aanbod.schema import load_schema  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ACTIVITIES = ["koken", "fietsen repareren", "tuinieren", "schilderen", "wandelen", "naaien", "timmeren", "computerles",
              "voorlezen", "boodschappen doen", "koffie schenken", "dieren verzorgen", "schoonmaken", "inpakken",
              "sporten", "zingen", "fotograferen", "klussen", "winkelen in de kringloop", "taalles"]
PLACES = ["buurthuis", "werkplaats", "moestuin", "bibliotheek", "kringloopwinkel", "sporthal", "zorgboerderij", "wijkcentrum"]
STREETS = ["Hoofdstraat", "Kerkweg", "Dorpsstraat", "Stationsplein", "Molenweg", "Schoolstraat", "Parklaan", "Julianaweg"]
CENTRES = {  # municipality -> (latitude, longitude), roughly its centre
    "utrecht": (52.0907, 5.1214), "nieuwegein": (52.0292, 5.0808), "zeist": (52.0906, 5.2332), "houten": (52.0286, 5.1681),
    "ijsselstein": (52.0200, 5.0440), "de-bilt": (52.1100, 5.1800), "woerden": (52.0850, 4.8833), "stichtse-vecht": (52.1800, 5.0100),
    "bunnik": (52.0667, 5.1972), "de-ronde-venen": (52.2300, 4.9000), "lopik": (51.9722, 4.9464), "montfoort": (52.0458, 4.9528),
    "oudewater": (52.0250, 4.8681), "utrechtse-heuvelrug": (52.0333, 5.3833), "vijfheerenlanden": (51.9500, 5.0800),
    "wijk-bij-duurstede": (51.9750, 5.3417),
}


def _provider(index: int, municipality: str) -> str:
    return (f"id: aanbieder-{index:04d}\nname: Aanbieder {index}\ndescription: Een verzonnen organisatie om mee te meten.\n"
            f"website: https://aanbieder{index}.example.nl/\nemail: info@aanbieder{index}.example.nl\n"
            f"phone: 030 {100 + index % 900:03d} {1000 + index % 9000:04d}\nmunicipality: {municipality}\n")


def _offer(rng: random.Random, index: int, provider: str, schema) -> str:
    taxonomies = schema.taxonomies
    subtype = rng.choice(taxonomies["subtypes"].terms)
    activity, place = rng.choice(ACTIVITIES), rng.choice(PLACES)
    municipality = rng.choice(list(CENTRES)) if rng.random() < 0.3 else "utrecht"
    latitude, longitude = CENTRES[municipality]
    lines = [
        f"id: aanbod-{index:05d}",
        f"provider: {provider}",
        f"title: {activity.capitalize()} in de {place} {index}",
        f"summary: Je gaat {activity} samen met anderen, met een vaste begeleider.",
        "description: |",
        f"  In de {place} ga je {activity}. Je werkt in een klein team.",
        f"  Je leert op tijd komen en samenwerken. Nummer {index}.",
        f"kind: {subtype.extra['kind']}",
        f"subtype: {subtype.code}",
        f"sectors: [{rng.choice(taxonomies['sectors'].codes)}]",
        f"target_groups: [{', '.join(rng.sample(taxonomies['target_groups'].codes, 2))}]",
        f"referral_required: {rng.choice(['ja', 'nee'])}",
        "how_to_apply: Bel of mail ons. Je mag eerst een keer komen kijken.",
        f"cost_eur: {rng.choice(['0', '0', '0', '2.50', '15'])}",
        "online: nee",
        f"hours_per_week: {rng.randint(2, 24)}",
        f"languages: [{', '.join(rng.sample(taxonomies['languages'].codes, 2))}]",
        f"accessibility: [{rng.choice(taxonomies['accessibility'].codes)}]",
        "status: actief",
        f"verified_on: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        "locations:",
        f"  - street_address: {rng.choice(STREETS)} {rng.randint(1, 200)}",
        f"    postcode: {3500 + rng.randint(0, 99)} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
        f"    municipality: {municipality}",
    ]
    if municipality == "utrecht":
        lines.append(f"    wijk: {rng.choice(taxonomies['wijken'].codes)}")
    lines += [
        f"    latitude: {latitude + rng.uniform(-0.03, 0.03):.4f}",
        f"    longitude: {longitude + rng.uniform(-0.04, 0.04):.4f}",
        "schedule:",
        f"  {rng.choice(taxonomies['days'].codes)}: [{rng.choice(taxonomies['parts_of_day'].codes)}]",
    ]
    return "\n".join(lines) + "\n"


def write_catalogue(out: Path, offers: int, seed: int = 2026) -> Path:
    schema = load_schema(ROOT / "schema")
    rng = random.Random(seed)
    provider_count = max(1, offers // 25)
    municipalities = list(CENTRES)
    for index in range(provider_count):
        path = out / "providers" / f"aanbieder-{index:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_provider(index, municipalities[index % len(municipalities)]), encoding="utf-8")
    for index in range(offers):
        provider = f"aanbieder-{index % provider_count:04d}"
        path = out / "offers" / provider / f"aanbod-{index:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_offer(rng, index, provider, schema), encoding="utf-8")
    return out


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
