"""Agreements (MoU, Kesepakatan Bersama, PKS) with the parties their sentence names, and the relations the
text states: a Komwil of APEKSI, a city of a province, a list of cities as members of a Komwil."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from kg.draft.events import Event
from kg.draft.gazetteer import Mention
from kg.draft.proposal import Proposal
from kg.namespaces import APK
from kg.slug import slugify

KINDS = [
    (r"MoU|Nota Kesepahaman|memorandum of understanding", "mou", "MoU"),
    (r"[Kk]esepakatan [Bb]ersama", "joint-agreement", "Kesepakatan Bersama"),
    (r"Perjanjian Kerja ?[Ss]ama|PKS", "cooperation-agreement", "Perjanjian Kerja Sama"),
]
AGREEMENT_RE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<a{i}>{k[0]})" for i, k in enumerate(KINDS)) + r")(?!\w)")
TOPIC = re.compile(r"\s(?:\([A-Z]+\)\s)?(?:tentang|terkait|mengenai)\s(?P<topic>[^,.;\"]{4,120}?)"
                   r"(?=[,.;\"]|\s(?:di|pada|yang|antara|dengan|oleh|dalam|Kamis|Senin|Selasa|Rabu|Jumat|Sabtu|"
                   r"Minggu)\s|$)")
DOCUMENT = re.compile(r"\sNomor\s[\w/.-]+[\w]")
SIGNED = re.compile(r"(?<!\w)(?:penandatanganan|menandatangani|ditandatangani|diteken|meneken)(?!\w)")
PARTIES = (APK.City, APK.Organization, APK.Association, APK.Commission, APK.Province)
MAX_ID = 70


def find(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], events: list[Event],
         event_blocks: list[Proposal]) -> list[Proposal]:
    proposals = []
    for sentence in sentences:
        for match in AGREEMENT_RE.finditer(text, sentence[0], sentence[1]):
            index = next(i for i in range(len(KINDS)) if match.group(f"a{i}"))
            proposal = _agreement(text, match, KINDS[index], sentence, mentions, events, event_blocks)
            if proposal is not None:
                proposals.append(proposal)
                break
    return proposals


def _agreement(text: str, match: re.Match[str], kind: tuple[str, str, str], sentence: tuple[int, int],
               mentions: list[Mention], events: list[Event], event_blocks: list[Proposal]) -> Proposal | None:
    _, agreement_type, label = kind
    parties = _parties(text, match, sentence, mentions)
    after = max([match.end(), *(p.end for p in parties if p.start > match.start())])
    topic = TOPIC.match(text, after)
    if topic is not None and topic.end() > sentence[1]:
        topic = None
    if topic is None and not parties:
        return None
    about = topic.group("topic").strip() if topic else ""
    named = _joined([text[p.start:p.end] for p in parties])
    name = " ".join(f"{label} {named} {('tentang ' + about) if about else ''}".split())
    fields: dict[str, object] = {"id": _identifier(name), "type": agreement_type, "name": name}
    if about:
        fields["topic"] = about
    if parties:
        fields["parties"] = [p.identifier for p in parties]
    end = max([topic.end() if topic else match.end(), *(p.end for p in parties)])
    start = min([match.start(), *(p.start for p in parties)])
    rule = f"agreement word '{match.group()}' ({agreement_type})"
    link = _event_link(text, match, sentence, events, event_blocks)
    if link is not None:
        fields[link[0]] = link[1]
        start = min(start, link[2])
        rule += f"; {link[0]} the event of its sentence"
    document = DOCUMENT.match(text, match.end())
    if document is not None:
        fields["document"] = document.group().strip()
        end = max(end, document.end())
    return Proposal("agreements", fields, (start, end), rule + (f"; parties {named}" if parties else ""))


def _joined(names: list[str]) -> str:
    return " dan ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " dan " + names[-1]


def _identifier(name: str) -> str:
    identifier = slugify(name)
    while len(identifier) > MAX_ID and "-" in identifier:
        identifier = identifier.rsplit("-", 1)[0]
    return identifier


def _parties(text: str, match: re.Match[str], sentence: tuple[int, int], mentions: list[Mention]) -> list[Mention]:
    """The cities and organisations the sentence names as signing it ("A dan B menandatangani MoU") or after
    "antara" or "dengan", next to the agreement."""
    signers = _signers(text, match, sentence, mentions)
    window = re.compile(r"\s(?:antara|dengan)\s").search(text, match.end(), min(sentence[1], match.end() + 40))
    if window is None:
        return signers
    named: list[Mention] = []
    for mention in mentions:
        if window.end() <= mention.start < min(sentence[1], window.end() + 120) and mention.of_class(PARTIES):
            gap = text[named[-1].end:mention.start] if named else text[window.end():mention.start]
            if (named and not re.fullmatch(r",?\s(?:dan\s)?|,\s", gap)) or (not named and gap.strip()):
                break
            named.append(mention)
    return [*signers, *(m for m in named if m.identifier not in {s.identifier for s in signers})]


def _signers(text: str, match: re.Match[str], sentence: tuple[int, int], mentions: list[Mention]) -> list[Mention]:
    """The cities or organisations just before "menandatangani" when the agreement is its object."""
    verb = re.compile(r"\s(?:menandatangani|meneken)\s$").search(text, sentence[0], match.start())
    if verb is None:
        return []
    run: list[Mention] = []
    for mention in reversed([m for m in mentions if sentence[0] <= m.start and m.end <= verb.start()]):
        end = run[-1].start if run else verb.start()
        if not mention.of_class(PARTIES) or not re.fullmatch(
                r"(?:,\s|\s(?:dan|serta)\s)?(?:Pemerintah\s)?(?:Kota\s)?", text[mention.end:end]):
            break
        run.append(mention)
    return list(reversed(run))


def _event_link(text: str, match: re.Match[str], sentence: tuple[int, int], events: list[Event],
                event_blocks: list[Proposal]) -> tuple[str, str, int] | None:
    for event, block in zip(events, event_blocks, strict=True):
        for start, end in event.mentions:
            if sentence[0] <= start < sentence[1]:
                if event.kind == "information-session" and 0 <= match.start() - end < 3:
                    return "presented_at", str(block.fields["id"]), start
                if SIGNED.search(text, sentence[0], sentence[1]):
                    return "signed_at", str(block.fields["id"]), min(start, match.start())
    return None


def relations(text: str, mentions: list[Mention]) -> list[Proposal]:
    """A Komwil followed by APEKSI (part_of); a city followed by its province (in_province)."""
    found = []
    for mention in mentions:
        if mention.cls == APK.Commission and text[mention.start:mention.end].endswith((" APEKSI", " Apeksi")):
            found.append(Proposal("relations", {"subject": mention.identifier, "relation": "part_of",
                                                "object": "apeksi"}, (mention.start, mention.end),
                                  "a Komwil named with APEKSI"))
    for first, second in itertools.pairwise(mentions):
        gap = text[first.end:second.start]
        if first.cls == APK.Commission and second.identifier == "apeksi" and gap in (" ", ""):
            found.append(Proposal("relations", {"subject": first.identifier, "relation": "part_of",
                                                "object": "apeksi"}, (first.start, second.end),
                                  "a Komwil followed by APEKSI"))
        if first.cls == APK.Organization and second.cls == APK.Organization and gap == " ":
            found.append(Proposal("relations", {"subject": first.identifier, "relation": "part_of",
                                                "object": second.identifier}, (first.start, second.end),
                                  "an office followed by the organisation it belongs to"))
        province = second.of_class((APK.Province,))
        if first.cls == APK.City and province and gap == ", " and \
                text[second.start:second.end].startswith("Provinsi"):
            found.append(Proposal("relations", {"subject": first.identifier, "relation": "in_province",
                                                "object": province.identifier}, (first.start, second.end),
                                  "a city followed by 'Provinsi ...'"))
    return found


def city_lists(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], events: list[Event],
               event_blocks: list[Proposal], event_of: Callable[[tuple[int, int]], Event | None]
               ) -> list[Proposal]:
    """A list of three or more cities: members of the Komwil the sentence names, or the cities that took part
    in the event it is about; every block quotes the one list."""
    found = []
    ids = {id(e): str(b.fields["id"]) for e, b in zip(events, event_blocks, strict=True)}
    for sentence in sentences:
        for run in _runs(text, [m for m in mentions if sentence[0] <= m.start < sentence[1]]):
            komwil = next((m for m in mentions if sentence[0] <= m.start < sentence[1] and m.cls == APK.Commission),
                          None)
            start, end = run[0].start, run[-1].end
            if komwil is not None and "anggota" in text[sentence[0]:sentence[1]]:
                span = (min(start, komwil.start), max(end, komwil.end))
                found.append(Proposal("relations", {"subject": [m.identifier for m in run], "relation": "member_of",
                                                    "object": komwil.identifier}, span,
                                      f"a list of {len(run)} cities, members ('anggota') of {komwil.identifier}"))
                continue
            event = event_of(sentence)
            verb = re.compile(r"(?:diikuti|dihadiri|hadir|diwakili)").search(text, sentence[0], start)
            if event is not None and verb is not None:
                span = (verb.start(), end)
                found += [Proposal("participations", {"participant": m.identifier, "role": "attended",
                                                      "event": ids[id(event)]}, span,
                                   f"a list of {len(run)} cities after '{verb.group()}'") for m in run]
    return found


def _runs(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Cities written one after another, joined by commas and "dan"."""
    runs: list[list[Mention]] = []
    current: list[Mention] = []
    for mention in mentions:
        if mention.cls != APK.City:
            continue
        if current and re.fullmatch(r",\s?(?:dan\s|serta\s)?(?:Kota\s)?|\s(?:dan|serta)\s(?:Kota\s)?",
                                    text[current[-1].end:mention.start]):
            current.append(mention)
            continue
        if len(current) >= 3:
            runs.append(current)
        current = [mention]
    if len(current) >= 3:
        runs.append(current)
    return runs
