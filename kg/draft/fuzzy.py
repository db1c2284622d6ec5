"""Near-misses of known names (a one-letter difference in a person's name, "Pangkal Pinangg"), proposed with
the identifier they resemble and marked uncertain."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from kg.draft.gazetteer import Gazetteer, Mention, Name
from kg.draft.text import TOKEN
from kg.namespaces import APK

PERSON_CUTOFF = 88
PLACE_CUTOFF = 88
CITY_WORDS = re.compile(rf"(?<![\w-])(?:Kota|Wali Kota|Walikota) (?P<name>{TOKEN.pattern}(?: {TOKEN.pattern})?)")


def near_person(name: str, gazetteer: Gazetteer) -> Name | None:
    """The known person whose name is spelled almost like `name`."""
    people = {n.surface: n for names in gazetteer.by_surface.values() for n in names if n.cls == APK.Person}
    best = process.extractOne(name, list(people), scorer=fuzz.ratio, score_cutoff=PERSON_CUTOFF)
    if best is None:
        return None
    known = people[best[0]]
    return Name(name, known.identifier, APK.Person, f"near-miss of '{known.surface}' ({known.identifier}), "
                                                     f"similarity {best[1]:.0f}")


def near_places(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """City names after "Kota" or "Wali Kota" that the gazetteer does not know but spells almost alike."""
    covered = [(m.start, m.end) for m in mentions]
    cities = {n.surface: n for names in gazetteer.by_surface.values() for n in names
              if n.cls == APK.City and not n.surface.startswith(("Kota", "kota"))}
    found = []
    for match in CITY_WORDS.finditer(text):
        start, end = match.span("name")
        if any(a < end and start < b for a, b in covered):
            continue
        best = process.extractOne(match.group("name"), list(cities), scorer=fuzz.ratio, score_cutoff=PLACE_CUTOFF)
        if best is None:
            continue
        known = cities[best[0]]
        found.append(Mention(start, end, (Name(match.group("name"), known.identifier, APK.City,
                                               f"near-miss of '{known.surface}' ({known.identifier}), "
                                               f"similarity {best[1]:.0f}"),)))
    return found


def is_near_miss(name: Name) -> bool:
    return name.source.startswith("near-miss")
