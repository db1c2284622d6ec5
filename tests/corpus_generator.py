"""A synthetic corpus in the style of Indonesian regional news, for benchmarks and scale tests.

Deterministic for a given count. Many cities (every reference city), a shared pool of mayors declared once
in the registry and used by id everywhere else, several successive mayors per city (positions change hands
with start years), events reported by one to four articles (the first declares the event, the others use its
id and sometimes disagree on the date, which gives the conflicts query work), venues declared by the first
article that names them, APEKSI and its Komwil as organisers, agreements signed at some events.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.slug import slugify

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
FIRST = ("Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indra", "Joko", "Kartika", "Lestari",
         "Mulyadi", "Nur", "Oki", "Putri", "Rahmat", "Sari", "Taufik", "Usman", "Wahyu", "Yusuf", "Zainal", "Rina")
LAST = ("Saputra", "Wijaya", "Harahap", "Siregar", "Nasution", "Pratama", "Hidayat", "Kusuma", "Santoso", "Lubis",
        "Rangkuti", "Tanjung", "Simanjuntak", "Setiawan", "Gunawan", "Rahman", "Sembiring", "Purba", "Daulay")
EVENT_KINDS = (("meeting", "Rapat koordinasi"), ("sharing-session", "Sharing session"),
               ("information-session", "Sosialisasi"), ("study-visit", "Kunjungan kerja"),
               ("regional-working-meeting", "Rakerkomwil"), ("coordination-meeting", "Rapat"))
TOPICS = ("pengelolaan sampah", "transportasi publik", "digitalisasi layanan", "penanganan banjir",
          "produk unggulan daerah", "pariwisata kota", "kesehatan masyarakat", "pendidikan vokasi")
TERMS = (2010, 2015, 2020, 2025)


@dataclass
class City:
    id: str
    name: str
    short: str
    mayors: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Event:
    id: str
    kind: str
    name: str
    city: City
    year: int
    month: int
    day: int
    venue: tuple[str, str]
    komwil: str
    topic: str
    reported: int = 0
    edition: int | None = None

    @property
    def series(self) -> str | None:
        """Each Komwil numbers its own Rakerkomwil: the series of the reference data."""
        return f"rakerkomwil-{self.komwil.removeprefix('komwil-')}-apeksi" if self.edition else None


def cities() -> list[City]:
    with (ROOT / "seeds" / "reference" / "cities.csv").open(encoding="utf-8") as rows:
        return [City(slugify(row["name"]), row["name"], row["name"].removeprefix("Kota "))
                for row in csv.DictReader(rows)]


def komwil_of() -> dict[str, str]:
    with (ROOT / "seeds" / "reference" / "komwil_membership.csv").open(encoding="utf-8") as rows:
        return {slugify(row["name"]): f"komwil-{row['komwil'].lower()}" for row in csv.DictReader(rows)}


class Generator:
    def __init__(self, articles: int):
        self.rng = random.Random(articles)
        self.count = articles
        self.cities = cities()
        self.komwil = komwil_of()
        self.people: dict[str, str] = {}
        self.venues_declared: set[str] = set()
        self.events: list[Event] = []
        self.editions: dict[str, int] = {}
        for city in self.cities:
            for year in TERMS:
                city.mayors.append((year, self.person()))

    def person(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            identifier = slugify(name)
            if identifier not in self.people:
                self.people[identifier] = name
                return identifier

    def event(self) -> Event:
        """A new event, or (about half the time) one already reported, until it has four reports."""
        open_events = [e for e in self.events[-200:] if e.reported < 4]
        if open_events and self.rng.random() < 0.5:
            return self.rng.choice(open_events)
        city = self.rng.choice(self.cities)
        kind, title = self.rng.choice(EVENT_KINDS)
        year, month, day = self.rng.randint(2011, 2025), self.rng.randint(1, 12), self.rng.randint(1, 27)
        topic = self.rng.choice(TOPICS)
        venue_name = f"Hotel {self.rng.choice(('Santika', 'Aston', 'Horison', 'Grand Mercure', 'Swiss-Belhotel'))} " \
                     f"{city.short}"
        komwil = self.komwil.get(city.id, "komwil-i")
        edition = None
        if kind == "regional-working-meeting":
            edition = self.editions[komwil] = self.editions.get(komwil, 0) + 1
            title = f"{title} ke-{edition}"
        event = Event(f"{slugify(title)}-{city.id}-{year}-{month:02d}-{day:02d}-{len(self.events)}", kind,
                      f"{title} {topic} di {city.short}", city, year, month, day,
                      (slugify(venue_name), venue_name), komwil, topic, edition=edition)
        self.events.append(event)
        return event

    def mayor(self, city: City, year: int) -> tuple[int, str]:
        return [term for term in city.mayors if term[0] <= year][-1] if year >= TERMS[0] else city.mayors[0]

    def article(self, n: int) -> tuple[str, str, str]:
        """(identifier, text, annotation) of article n."""
        event = self.event()
        first = event.reported == 0
        event.reported += 1
        identifier = f"berita-{n:05d}-{event.city.id}"
        start, mayor = self.mayor(event.city, event.year)
        guest_city = self.rng.choice([c for c in self.cities if c is not event.city])
        guest_start, guest = self.mayor(guest_city, event.year)
        day = event.day + (1 if not first and self.rng.random() < 0.15 else 0)
        date = f"{day} {MONTHS[event.month - 1]} {event.year}"
        published = f"{event.year}-{event.month:02d}-{min(event.day + 2, 28):02d}"
        venue_id, venue_name = event.venue
        s = {
            "open": f"{event.city.short.upper()} - Pemerintah {event.city.name} menggelar {event.name} "
                    f"pada {date} di {venue_name}",
            "mayor": f"Wali Kota {event.city.short} {self.people[mayor]} menjabat sejak {start}",
            "opened": f"Kegiatan itu dibuka oleh {self.people[mayor]} selaku tuan rumah",
            "guest": f"Hadir pula Wali Kota {guest_city.short} {self.people[guest]} yang menjabat sejak {guest_start}",
            "spoke": f"Menurut {self.people[guest]}, kerja sama soal {event.topic} perlu dilanjutkan ({n})",
            "komwil": f"Acara tersebut diselenggarakan oleh {event.komwil.replace('-', ' ').title()} APEKSI",
            "agreement": f"Kedua kota menandatangani kesepakatan bersama tentang {event.topic} ({n})",
        }
        signs = self.rng.random() < 0.2
        text = f"{event.name}\n\n" + "\n\n".join(
            f"{v}." for k, v in s.items() if k != "agreement" or signs) + "\n"
        lines = [
            f"# Generated article {n}: {'first report' if first else 'a later report'} of {event.id}.",
            "article:",
            f"  id: {identifier}",
            f"  text: ../articles/{identifier}.txt",
            f"  title: {event.name}",
            f'  published: "{published}"',
            "  language: id",
            "entities:",
            f"  - id: {event.city.id}",
            f"    aliases: [{event.city.short}]",
            f"    quote: Pemerintah {event.city.name}",
        ]
        if venue_id not in self.venues_declared:
            self.venues_declared.add(venue_id)
            lines += [f"  - id: {venue_id}", "    type: Venue", f"    name: {venue_name}", f"    quote: {s['open']}"]
        lines += ["events:", f"  - id: {event.id}"]
        if first:
            lines += [f"    type: {event.kind}", f"    name: {event.name}", "    status: held",
                      f"    city: {event.city.id}", f"    venue: {venue_id}",
                      f"    organiser:\n      value: {event.komwil}\n      quote: {s['komwil']}"]
            if event.series:
                lines += [f"    series: {event.series}", f"    edition: ke-{event.edition}"]
        lines += [f"    date: {date}", f"    quote: {s['open']}"]
        lines += [
            "positions:",
            f"  - holder: {mayor}\n    role: mayor\n    of: {event.city.id}\n    start: \"{start}\"\n"
            f"    quote: {s['mayor']}",
            f"  - holder: {guest}\n    role: mayor\n    of: {guest_city.id}\n    start: \"{guest_start}\"\n"
            f"    quote: {s['guest']}",
            "participations:",
            f"  - participant: {mayor}\n    role: opened\n    event: {event.id}\n    representing: {event.city.id}\n"
            f"    quote: {s['opened']}",
            f"  - participant: {guest}\n    role: spoke\n    event: {event.id}\n    quote: {s['spoke']}",
            f"  - participant: {guest_city.id}\n    role: attended\n    event: {event.id}\n    quote: {s['guest']}",
        ]
        if signs:
            lines += [
                "agreements:",
                f"  - id: kesepakatan-{event.city.id}-{guest_city.id}-{n}\n    type: joint-agreement\n"
                f"    name: Kesepakatan bersama {event.city.short} dan {guest_city.short} tentang {event.topic}\n"
                f"    topic: {event.topic}\n    signed_at: {event.id}\n"
                f"    parties: [{event.city.id}, {guest_city.id}]\n"
                f"    quote: {s['agreement']}",
            ]
        return identifier, text, "\n".join(lines) + "\n"

    def registry(self) -> str:
        lines = ["# Generated registry: the mayors every generated article uses by id.", "entities:"]
        for identifier, name in sorted(self.people.items()):
            lines += [f"  - id: {identifier}", "    type: Person", f"    name: {name}"]
        return "\n".join(lines) + "\n"


def make_corpus(folder: Path, count: int) -> list[str]:
    """Write a seeds folder with `count` generated articles; return their annotation file names."""
    shutil.copytree(ROOT / "seeds" / "reference", folder / "reference")
    (folder / "articles").mkdir(parents=True)
    (folder / "annotations").mkdir()
    generator = Generator(count)
    names = []
    for n in range(count):
        identifier, text, annotation = generator.article(n)
        (folder / "articles" / f"{identifier}.txt").write_text(text, encoding="utf-8")
        (folder / "annotations" / f"{identifier}.yaml").write_text(annotation, encoding="utf-8")
        names.append(f"{identifier}.yaml")
    (folder / "entities.yaml").write_text(generator.registry(), encoding="utf-8")
    return names
