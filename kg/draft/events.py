"""Events from their names (Munas, Rakernas, Muskomwil, Rakerkomwil, Rakor, Sharing Session, Sosialisasi ...),
with the date, city, venue, organiser and host their sentence gives, and the participations it states."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.dates import PartialDate, Period, When
from kg.draft.dates import dates_in
from kg.draft.gazetteer import Mention
from kg.namespaces import APK

KINDS = [
    (r"Munaslub|Musyawarah Nasional Luar Biasa", "extraordinary-congress", "Munaslub", False),
    (r"Munas|Musyawarah Nasional", "national-congress", "Munas", False),
    (r"Rakernas|Rapat Kerja Nasional", "national-working-meeting", "Rakernas", False),
    (r"Muskomwil|Musyawarah Komisariat Wilayah(?: \(Muskomwil\))?", "regional-congress", "Muskomwil", True),
    (r"Rakerkomwil|Raker Komwil|Rapat Kerja Komisariat Wilayah(?: \((?:Rakerkomwil|Raker Komwil)\))?",
     "regional-working-meeting", "Rakerkomwil", True),
    (r"Rakor|Rapat Koordinasi", "coordination-meeting", "Rakor", False),
    (r"Sharing Session", "sharing-session", "Sharing Session", False),
    (r"[Ss]osialisasi", "information-session", "Sosialisasi", False),
    (r"[Ss]tudi [Bb]anding|[Ss]tudi pertautan|[Kk]unjungan kerja", "study-visit", "Studi banding", False),
    (r"[Rr]apat Dewan Pengurus", "meeting", "Rapat Dewan Pengurus", False),
    (r"menandatangani|[Pp]enandatanganan", "meeting", "Penandatanganan", False),
]
COMMON_WORDS = ("Sosialisasi", "Studi banding", "Penandatanganan")
APEKSI_KINDS = ("Munaslub", "Munas", "Rakernas", "Muskomwil", "Rakerkomwil", "Sharing Session")
ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan",
            "kesepuluh", "kesebelas")
NUMERAL = r"(?P<num>VI|IV|V|III|II|I|[1-6])(?![\w-])"
EVENT_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<k{i}>{k[0]})" for i, k in enumerate(KINDS)) + r")(?:\s\([A-Z][A-Za-z]+\))?"
    rf"(?:\s(?:Komwil\s)?{NUMERAL})?(?:\s(?P<apeksi>APEKSI|Apeksi))?(?:\s(?:Komwil\s)?(?P<num2>VI|IV|V|III|II|I|[1-6])(?![\w-]))?"
    r"(?:\s(?:Wilayah\s[A-Z]\w+))?(?:\s(?:Walikota|Wali Kota))?(?:\s(?P<roman>VI|IV|V|III|II|I)(?![\w-]))?"
    r"(?:\s(?P<written>ke-(?P<edition>\d+)|" + "|".join(ORDINALS) + r")(?![\w-]))?"
    r"(?:\s(?:[Tt]ahun\s)?(?P<year>20\d\d)(?!\d))?")
CONTEXT_EVENT = re.compile(r"(?<![\w-])(?:[Kk]egiatan|[Aa]cara|[Pp]ertemuan|[Ff]orum)(?: ini| tersebut| itu)")
RECENT = 600
REGIONAL_LABELS = ("Muskomwil", "Rakerkomwil")
NUMBERS = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI"}
PLANNED = re.compile(r"(?<!\w)(?:akan|nanti|rencana|berencana|dijadwalkan|mendatang)(?!\w)")
NOT_AN_EVENT = re.compile(r"\s(?:tentang|terkait)?\s*$")
ORGANISED = re.compile(r"\s(?:\([^)]*\)\s)?(?:menggelar|menyelenggarakan|mengadakan|melaksanakan)\s$")
VENUE_RE = re.compile(r"(?:[A-Z][\w'&-]* (?:and |dan |& )?){1,4}Convention Cent(?:er|re)|"
                      r"(?:Hotel|Gedung|Balai|Aula|Pendopo|Auditorium|Ballroom|Graha|Rumah Dinas)"
                      r"(?: [A-Z][\w'&-]*)+")
ROLE_WORDS = [
    (re.compile(r"(?<!\w)dibuka(?: secara resmi| langsung)? oleh\s"), "opened", "after"),
    (re.compile(r"(?<!\w)(?:membuka|meresmikan)(?!\w)"), "opened", "before"),
    (re.compile(r"(?<!\w)dipimpin(?: langsung)? oleh\s"), "chaired", "after"),
    (re.compile(r"(?<!\w)memimpin(?!\w)"), "chaired", "before"),
    (re.compile(r"(?<!\w)(?:Hadir sebagai narasumber|narasumber|pembicara)(?!\w)"), "spoke", "after"),
    (re.compile(r"(?<!\w)(?:Dalam sambutannya|dalam sambutannya),?\s"), "spoke", "after"),
    (re.compile(r"(?<!\w)(?:memaparkan|menyampaikan materi|menjadi narasumber)(?!\w)"), "spoke", "before"),
    (re.compile(r"(?<!\w)(?:menghadiri|turut hadir|hadir dalam|hadir pada|ikut serta)(?!\w)"), "attended", "before"),
    (re.compile(r"(?<![\w ])Hadir (?:dalam|pada) (?:kegiatan|acara) (?:tersebut|ini)\s|(?<!\w)turut hadir bersama\s"),
     "attended", "after"),
    (re.compile(r"(?<!\w)(?:dilakukan|diteken|ditandatangani)(?: langsung)? oleh\s"), "attended", "after"),
]


@dataclass
class Event:
    """One event as the drafter reads it: its kind, the words that name it, and what its sentences say."""

    kind: str
    label: str
    komwil: str
    edition: str
    year: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    date: tuple[int, int, str, When] | None = None
    status: str = "held"
    city: Mention | None = None
    venue: tuple[int, int, str] | None = None
    organiser: tuple[Mention, int, int] | None = None
    host: tuple[Mention, int, int] | None = None
    why: list[str] = field(default_factory=list)
    apeksi: bool = True
    edition_words: str = ""
    edition_span: tuple[int, int] = (0, 0)
    venue_city: Mention | None = None

    @property
    def name(self) -> str:
        komwil = f" Komwil {self.komwil}" if self.komwil and self.label not in REGIONAL_LABELS else \
            f" {self.komwil}" if self.komwil else ""
        edition = f" {self.edition_words}" if self.edition_words else ""
        year = f" {self.year}" if self.year else ""
        apeksi = " APEKSI" if self.apeksi or self.komwil else ""
        return f"{self.label}{komwil}{apeksi}{edition}{year}"


def find_events(text: str, sentences: list[tuple[int, int]], skip: list[tuple[int, int]],
                published: PartialDate | None) -> list[Event]:
    """The events the article names, one per kind and Komwil, with what their sentences say."""
    events: dict[tuple[str, str], Event] = {}
    for match in EVENT_RE.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        index = next(i for i in range(len(KINDS)) if match.group(f"k{i}"))
        _, kind, label, regional = KINDS[index]
        number = match.group("num") or match.group("num2") or ""
        komwil = NUMBERS.get(number, number) if regional else ""
        edition = match.group("edition") or (match.group("roman") or (number if not regional else ""))
        written = match.group("written") or match.group("roman") or (number if not regional else "")
        if match.group("written") and not match.group("edition"):
            edition = str(ORDINALS.index(match.group("written")) + 1)
        sentence = next((s for s in sentences if s[0] <= match.start() < s[1]), (match.start(), match.end()))
        if label in COMMON_WORDS and not _stated(text, sentence, match.end(), published, label):
            continue
        key = (kind, komwil)
        event = events.get(key) or next((e for k, e in events.items() if k[0] == kind and not komwil), None)
        if event is None:
            event = events[key] = Event(kind, label, komwil, NUMBERS.get(edition, edition), match.group("year") or "",
                                        apeksi=bool(match.group("apeksi")) or label in APEKSI_KINDS)
            event.why.append(f"event name '{match.group()}' ({kind})")
        event.mentions.append((match.start(), match.end()))
        if written and not event.edition_words:
            event.edition_words, event.edition_span = written, (match.start(), match.end())
        event.year = event.year or match.group("year") or ""
    return list(events.values())


def _stated(text: str, sentence: tuple[int, int], at: int, published: PartialDate | None, label: str) -> bool:
    """Whether a common word (sosialisasi, studi banding, penandatanganan) names an event here: dated, or
    (but for a signing) organised."""
    if dates_in(text, at, sentence[1], published, None):
        return True
    before = text[sentence[0]:at]
    return label != "Penandatanganan" and bool(
        re.search(r"(?:menggelar|menyelenggarakan|mengadakan|melakukan)\s\S+$", before))


def describe(event: Event, text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
             published: PartialDate | None) -> None:
    """Date, status, city, venue, organiser and host from the sentences that name the event."""
    for start, end in event.mentions:
        sentence = next((s for s in sentences if s[0] <= start < s[1]), (start, end))
        if PLANNED.search(text, sentence[0], sentence[1]):
            event.status = "planned"
        tense = "planned" if event.status == "planned" else "held"
        found = dates_in(text, end, sentence[1], published, tense)
        if found and (event.date is None or (isinstance(found[0][3], Period)
                                              and not isinstance(event.date[3], Period))):
            event.date = found[0]
        _place(event, text, end, sentence, mentions)
        _organiser(event, text, start, sentence, mentions)
        host_of(event, text, sentence, mentions)
    if not event.year and event.date is not None:
        when = event.date[3]
        first = when.start if isinstance(when, Period) else when if isinstance(when, PartialDate) else None
        event.year = str(first.year) if first else ""
    if not event.komwil and event.organiser is not None and event.organiser[0].cls == APK.Commission:
        event.komwil = event.organiser[0].identifier.removeprefix("komwil-").upper()


def _place(event: Event, text: str, end: int, sentence: tuple[int, int], mentions: list[Mention]) -> None:
    at = re.compile(r"\s(?:di|bertempat di|berlangsung di)\s").search(text, end, sentence[1])
    if at is None or at.start() - end > 200:
        return
    venue = VENUE_RE.match(text, at.end())
    after = venue.end() if venue else at.end()
    if venue and event.venue is None:
        event.venue = (venue.start(), venue.end(), venue.group())
    gap = re.match(r",\s|\sdi\s|\s", text[after:after + 4])
    city_at = after + gap.end() if venue and gap else after
    city = next((m for m in mentions if m.start == city_at and m.of_class((APK.City, APK.Province))), None)
    if venue and city is not None and event.venue_city is None:
        event.venue_city = city
    if city is not None and event.city is None:
        event.city = city


def _organiser(event: Event, text: str, start: int, sentence: tuple[int, int], mentions: list[Mention]) -> None:
    verb = ORGANISED.search(text[sentence[0]:start][-60:])
    if verb is None or event.organiser is not None:
        return
    before = [m for m in mentions if sentence[0] <= m.start and m.end <= start and
              m.of_class((APK.Association, APK.Commission, APK.Organization, APK.City))]
    commissions = [m for m in before if m.cls == APK.Commission]
    chosen = commissions[0] if commissions else before[-1] if before else None
    if chosen is not None:
        event.organiser = (chosen, chosen.start, start + 1)


def host_of(event: Event, text: str, sentence: tuple[int, int], mentions: list[Mention]) -> None:
    host = re.compile(r"tuan rumah").search(text, sentence[0], sentence[1])
    if host is None or event.host is not None:
        return
    cities = [m for m in mentions if sentence[0] <= m.start < host.start() and m.cls == APK.City]
    if cities:
        event.host = (cities[-1], cities[-1].start, host.end())


def event_at(events: list[Event], position: int, text: str, sentence: tuple[int, int]) -> Event | None:
    """The event a sentence is about: one it names, else (for "kegiatan ini", "acara tersebut") the last named."""
    named = [e for e in events if any(sentence[0] <= s < sentence[1] for s, _ in e.mentions)]
    if named:
        return named[0]
    if CONTEXT_EVENT.search(text, sentence[0], sentence[1]) or re.search(
            r"(?:diikuti|dihadiri)", text[sentence[0]:sentence[1]]):
        return _last_before(events, sentence[0], len(text))
    return _last_before(events, sentence[0], RECENT)


def _last_before(events: list[Event], position: int, reach: int) -> Event | None:
    """The event last named before `position`, within `reach` characters."""
    earlier = [(max(s for s, _ in e.mentions if s < position), i) for i, e in enumerate(events)
               if any(position - reach <= s < position for s, _ in e.mentions)]
    return events[max(earlier)[1]] if earlier else None


