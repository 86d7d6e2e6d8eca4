"""Write N synthetic but realistic news articles for benchmarks.

    python benchmarks/corpus.py 1000 /tmp/corpus [--seed 7] [--jsonl]

Every article is built from the team's own templates below (original prose, no copied text): a headline, a
byline and dateline, event paragraphs covering all 16 PLOVER types, real place names, counts in digits and in
words, quotes, background paragraphs, and now and then a "support our journalism" appeal. Lengths vary from
about 150 to 1,500 words. The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

# (city, country, demonym, region)
PLACES: list[tuple[str, str, str, str]] = [
    ("Kharkiv", "Ukraine", "Ukrainian", "the Kharkiv region"),
    ("Zaporizhzhia", "Ukraine", "Ukrainian", "the Zaporizhzhia region"),
    ("Khartoum", "Sudan", "Sudanese", "Khartoum state"),
    ("Omdurman", "Sudan", "Sudanese", "Khartoum state"),
    ("Mandalay", "Myanmar", "Myanmar", "the Mandalay region"),
    ("Bogota", "Colombia", "Colombian", "Cundinamarca"),
    ("Cali", "Colombia", "Colombian", "Valle del Cauca"),
    ("Port-au-Prince", "Haiti", "Haitian", "the Ouest department"),
    ("Niamey", "Niger", "Nigerien", "the Niamey region"),
    ("Mosul", "Iraq", "Iraqi", "Nineveh province"),
    ("Basra", "Iraq", "Iraqi", "Basra province"),
    ("Kabul", "Afghanistan", "Afghan", "Kabul province"),
    ("Lagos", "Nigeria", "Nigerian", "Lagos state"),
    ("Maiduguri", "Nigeria", "Nigerian", "Borno state"),
    ("Caracas", "Venezuela", "Venezuelan", "the Capital District"),
    ("Tbilisi", "Georgia", "Georgian", "the capital region"),
    ("Minsk", "Belarus", "Belarusian", "the Minsk region"),
    ("Tehran", "Iran", "Iranian", "Tehran province"),
    ("Dhaka", "Bangladesh", "Bangladeshi", "the Dhaka division"),
    ("Nairobi", "Kenya", "Kenyan", "Nairobi county"),
    ("Bamako", "Mali", "Malian", "the Bamako district"),
    ("Beirut", "Lebanon", "Lebanese", "Beirut governorate"),
    ("Manila", "Philippines", "Filipino", "Metro Manila"),
    ("Lima", "Peru", "Peruvian", "the Lima region"),
    ("Addis Ababa", "Ethiopia", "Ethiopian", "the capital"),
    ("Mekelle", "Ethiopia", "Ethiopian", "the Tigray region"),
    ("Mogadishu", "Somalia", "Somali", "the Banadir region"),
    ("Karachi", "Pakistan", "Pakistani", "Sindh province"),
    ("Peshawar", "Pakistan", "Pakistani", "Khyber Pakhtunkhwa"),
    ("Jakarta", "Indonesia", "Indonesian", "the Jakarta region"),
    ("Yerevan", "Armenia", "Armenian", "the capital"),
    ("Aden", "Yemen", "Yemeni", "Aden governorate"),
    ("Tripoli", "Libya", "Libyan", "the Tripoli district"),
    ("Goma", "Democratic Republic of Congo", "Congolese", "North Kivu province"),
    ("Santiago", "Chile", "Chilean", "the Santiago metropolitan region"),
    ("Dakar", "Senegal", "Senegalese", "the Dakar region"),
]
PARTNERS = ["France", "Germany", "Japan", "Turkey", "Qatar", "Egypt", "India", "Brazil", "Norway", "Canada", "Kenya"]
BODIES = ["the United Nations", "the European Union", "the African Union", "the World Health Organization"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
         "twenty", "dozens of", "hundreds of"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OFFICIALS = ["a police spokesman", "the regional governor", "a local official", "the health ministry",
             "witnesses", "a hospital director", "the interior ministry", "a military spokesperson"]  # fmt: skip
FIRST = ["Amina", "Daniel", "Sofia", "Omar", "Lena", "Tomas", "Grace", "Ibrahim", "Mei", "Carlos", "Nadia", "Pavel"]
LAST = ["Haddad", "Okafor", "Lindqvist", "Moreno", "Petrenko", "Nakamura", "Diallo", "Fischer", "Rahman", "Silva"]
OUTLETS = ["Wire", "Herald", "Dispatch", "Courier", "Observer"]

# One or more templates per PLOVER type. Slots: {city} {country} {demonym} {region} {partner} {body} {day}
# {n} (digits) {w} (a number word) {official}.
EVENTS: dict[str, list[str]] = {
    "AGREE": [
        "{country} and {partner} agreed on {day} to restore direct flights and reopen their consulates, "
        "the foreign ministry in {city} said.",
        "The {demonym} government pledged to release {w} political prisoners by the end of the month, {official} said.",
    ],
    "CONSULT": [
        "The foreign minister of {partner} met {demonym} officials in {city} on {day} to discuss border security.",
        "The president of {country} held a phone call with the leader of {partner} on {day}, officials said.",
    ],
    "SUPPORT": [
        "{partner} praised the {demonym} election commission for a peaceful vote, calling it a step forward.",
        "{body} endorsed the agreement signed in {city} and urged both sides to honour it.",
    ],
    "CONCEDE": [
        "The {demonym} government promised on {day} to ease the curfew in {city} after a week of unrest.",
        "Rebel commanders declared a unilateral ceasefire around {city} to allow aid convoys through.",
    ],
    "COOPERATE": [
        "{country} and {partner} exchanged {n} prisoners on {day} at a crossing near {city}.",
        "Police in {country} and {partner} carried out a joint operation against smugglers near {city}.",
    ],
    "AID": [
        "{partner} sent {n} tonnes of food and medicine to {city} on {day}, its embassy said.",
        "{body} delivered emergency shelter kits to {w} thousand displaced families in {region}.",
    ],
    "RETREAT": [
        "{demonym} troops withdrew from positions east of {city} on {day}, the defence ministry said.",
        "Authorities in {city} released {n} detained journalists late on {day}, their lawyers said.",
    ],
    "REQUEST": [
        "{body} called on the {demonym} authorities to allow humanitarian access to {city}.",
        "Opposition leaders demanded that the government of {country} hold new elections within six months.",
    ],
    "ACCUSE": [
        "{partner} accused {country} of violating the ceasefire near {city}, a charge the government denied.",
        "Rights groups condemned the {demonym} security forces for the killing of {w} protesters in {city}.",
    ],
    "REJECT": [
        "The {demonym} government rejected a proposal by {partner} to send observers to {city}.",
        "Rebel leaders refused to attend the talks in {city}, saying their demands had been ignored.",
    ],
    "THREATEN": [
        "The army chief of {country} threatened to arrest anyone who joined the banned march in {city}.",
        "{partner} warned {country} that it would impose sanctions if the crackdown in {city} continued.",
    ],
    "PROTEST": [
        "Thousands of people marched through {city} on {day} to protest against rising fuel prices.",
        "Teachers in {city} went on strike on {day}, demanding unpaid wages, union leaders said.",
        "About {n} students staged a sit-in outside the parliament in {city} on {day}.",
    ],
    "SANCTION": [
        "{body} imposed sanctions on {w} senior {demonym} officials over the crackdown in {city}.",
        "A court in {city} convicted {n} opposition activists of sedition on {day}.",
    ],
    "MOBILIZE": [
        "{country} deployed {n} additional troops to {region} on {day}, the defence ministry said.",
        "Police reinforcements were sent to {city} ahead of the planned demonstration.",
    ],
    "COERCE": [
        "Police in {city} detained {n} protesters on {day}, {official} said.",
        "Authorities in {country} imposed a curfew in {city} and blocked access to social media.",
        "Security forces arrested {w} journalists in {city} on {day}, a press freedom group said.",
    ],
    "ASSAULT": [
        "An air strike on a market in {city} killed {n} people and wounded {w} others on {day}, {official} said.",
        "Gunmen attacked a village near {city} on {day}, killing {w} civilians, according to {official}.",
        "Shelling killed {n} people in {city} and wounded {w} in {region} on {day}.",
        "A car bomb exploded outside a police station in {city} on {day}, killing {n} officers.",
    ],
}
QUOTES = [
    '"We have not slept for three nights," said a resident of {city} who asked not to be named. "Every night '
    'we hear the same sounds and every morning we count who is missing."',
    '"This is a serious moment for our country," a senior {demonym} official told reporters in {city}, '
    "adding that further talks were expected within weeks.",
    '"The situation remains very fragile," {official} said, speaking on condition of anonymity because '
    "they were not authorised to brief the media.",
]
BACKGROUND = [
    "{city} has been at the centre of tensions for more than a year. The economy of {country} has shrunk "
    "sharply since 2021, inflation has passed {n} percent, and many families depend on money sent from "
    "relatives abroad. Analysts say the government has struggled to pay public salaries on time.",
    "The conflict has displaced more than {n},000 people, according to estimates by aid agencies, many of "
    "whom now live in schools, mosques and churches in and around {city}. Fuel and clean water are scarce, "
    "and prices of basic goods have tripled since the spring.",
    "Diplomats in {city} say a lasting settlement will depend on whether regional powers, including "
    "{partner}, are willing to guarantee any deal. Previous agreements collapsed within months, and trust "
    "between the parties remains low.",
    "The road between {city} and the border is the main route for trade and aid. Drivers describe long "
    "queues at checkpoints, where they say they are often asked for money. The ministry of transport did "
    "not respond to a request for comment.",
    "Elections in {country} are due next year, but opposition parties say the conditions for a fair vote "
    "do not exist. The electoral commission has promised to publish a timetable in the coming weeks.",
]
BOILERPLATE = [
    "Dear readers, independent journalism costs money. If you value our reporting from {city} and beyond, "
    "please consider supporting us with a monthly donation. Donate now. Remind me later.",
    "Sign up for our morning newsletter to get the day's most important stories in your inbox. "
    "Read more: Related coverage. Share this article.",
    "Additional reporting by {first} {last}; editing by {first2} {last2}.",
]


def _slots(rng: random.Random) -> dict[str, str]:
    city, country, demonym, region = rng.choice(PLACES)
    partner = rng.choice([p for p in PARTNERS if p != country])
    return {
        "city": city,
        "country": country,
        "demonym": demonym,
        "region": region,
        "partner": partner,
        "body": rng.choice(BODIES),
        "day": rng.choice(DAYS),
        "n": str(rng.choice([2, 3, 4, 5, 7, 9, 12, 14, 17, 21, 25, 30, 40, 56, 80, 120, 300, 1500])),
        "w": rng.choice(WORDS),
        "official": rng.choice(OFFICIALS),
        "first": rng.choice(FIRST),
        "last": rng.choice(LAST),
        "first2": rng.choice(FIRST),
        "last2": rng.choice(LAST),
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def article(rng: random.Random, index: int) -> tuple[str, str, dt.date]:
    """(title, text, published) of one article."""
    slots = _slots(rng)
    published = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(730))
    target = rng.randint(150, 1500)
    types = list(EVENTS)
    lead_type = types[index % len(types)]  # every type leads some articles
    lead = _fill(rng.choice(EVENTS[lead_type]), slots)
    title = lead.split(",")[0].rstrip(".")[:90]
    byline = f"By {slots['first']} {slots['last']}"
    outlet = rng.choice(OUTLETS)
    paragraphs = [f"{slots['city'].upper()}, {slots['country']} ({outlet}) — {lead}"]
    words = len(lead.split()) + 10
    while words < target:
        roll = rng.random()
        local = {**slots, **{k: v for k, v in _slots(rng).items() if k in ("n", "w", "day", "official")}}
        if roll < 0.5:
            sentences = [_fill(rng.choice(EVENTS[rng.choice(types)]), local) for _ in range(rng.randint(1, 3))]
            paragraph = " ".join(sentences)
        elif roll < 0.65:
            paragraph = _fill(rng.choice(QUOTES), local)
        elif roll < 0.95:
            paragraph = _fill(rng.choice(BACKGROUND), local)
        else:
            # a story from elsewhere, as wire round-ups have
            other = _slots(rng)
            paragraph = "Elsewhere, " + rng.choice(EVENTS[rng.choice(types)]).format(**other)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    if rng.random() < 0.6:
        paragraphs.append(_fill(rng.choice(BOILERPLATE), slots))
    text = "\n\n".join([byline, *paragraphs]) + "\n"
    return title, text, published


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str, str, dt.date]]:
    """(name, title, text, published) of ``n`` articles, deterministic for a seed."""
    rng = random.Random(seed)
    for index in range(n):
        title, text, published = article(rng, index)
        yield f"{index:06d}", title, text, published


def write(n: int, outdir: Path, seed: int = 7, jsonl: bool = False) -> int:
    """Write ``n`` articles as ``.txt`` files (headline, blank line, body) or one ``corpus.jsonl``; return the
    number of words written."""
    outdir.mkdir(parents=True, exist_ok=True)
    total = 0
    handle = (outdir / "corpus.jsonl").open("w", encoding="utf-8") if jsonl else None
    try:
        for name, title, text, published in generate(n, seed):
            total += len(text.split())
            if handle is not None:
                record = {"id": f"bench-{name}", "title": title, "text": text, "published": published.isoformat()}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                (outdir / f"{name}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")
    finally:
        if handle is not None:
            handle.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jsonl", action="store_true", help="one corpus.jsonl (with published dates)")
    args = parser.parse_args()
    words = write(args.n, args.outdir, args.seed, args.jsonl)
    print(f"wrote {args.n} articles, {words} words, to {args.outdir}")


if __name__ == "__main__":
    main()
