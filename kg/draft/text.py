"""The shape of a news text: its sentences, its headline-like lines, and personal names with their titles."""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
PREFIX = re.compile(r"(?:(?:Prof|Dr|dr|Drs|Dra|Ir|Hj|H|KH|Hm)\.\s?)+")
DEGREE = r"(?:[A-Z][a-z]{0,3}\.(?:\s?[A-Z][a-z]{0,3}\.?)+|S[ET]|MM|M[HT]|MBA|MAP|MSi|SH|SIP|SKM)(?![A-Za-z])"
DEGREES = re.compile(rf"(?:,\s?{DEGREE})+")
TOKEN = re.compile(r"(?:[A-Z][a-zA-Z'\u2019]*(?:-[A-Z][a-zA-Z'\u2019]*)?|[A-Z]{2,3})")
NICKNAME = re.compile(r"\s?\(([A-Z][a-z]+)\)")
STOP_WORDS = frozenset((
    *DAYS, *MONTHS,
    "Wali", "Walikota", "Wakil", "Kota", "Ketua", "Umum", "Sekretaris", "Bendahara", "Direktur", "Eksekutif",
    "Gubernur", "Bupati", "Menteri", "Presiden", "Kepala", "Dinas", "Badan", "Provinsi", "Kabupaten", "Pemerintah",
    "Pemkot", "Pemprov", "Komwil", "Komisariat", "Wilayah", "APEKSI", "Apeksi", "Asosiasi", "Hotel", "Gedung",
    "Balai", "Kegiatan", "Acara", "Menurut", "Dalam", "Sementara", "Selain", "Hadir", "Ia", "Dia", "Kami", "Kita",
    "Mereka", "Para", "Baca", "Juga", "Editor", "Pewarta", "Penulis", "Reporter", "Sharing", "Session", "Rakernas",
    "Munas", "Muskomwil", "Rakerkomwil", "Rakor", "Sosialisasi", "Rapat", "Musyawarah", "Nasional", "Kerja", "Sekda",
    "Sekjen", "Dirjen", "Kemendagri", "Wamendagri", "Mendagri", "Republik", "Indonesia", "MoU", "PKS", "Nota",
    "Kesepakatan", "Bersama", "Perjanjian", "Saat", "Usai", "Setelah", "Sebelum", "Pada", "Di", "Dan", "Yang",
    "Untuk", "Dengan", "Itu", "Ini", "Tahun", "Selasa", "Staf", "Ahli", "Asisten", "Kabag", "Kadis", "Camat",
    "Lurah", "DPRD", "Anggota", "Dewan", "Pengurus", "Jakarta", "Tengah", "Selatan", "Utara", "Barat", "Timur",
))


@dataclass(frozen=True)
class PersonName:
    """A personal name as written, with the titles and degrees around it split off."""

    start: int
    end: int
    name: str
    prefix: str
    suffix: str
    nickname: str


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs split after a full stop that ends a word (not "Dr." or "S.Sos.")."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for stop in re.finditer(r"(?<=[a-z0-9)\"”])[.!?](?=\s+[A-Z\"“(])", paragraph.group()):
            word = re.search(r"[\w.]*$", paragraph.group()[:stop.start()]).group()
            if len(word) < 3 or "." in word or word in ("dr", "Dr"):
                continue
            end = paragraph.start() + stop.end()
            spans.append((start, end))
            start = end + 1
        if start < paragraph.end():
            spans.append((start, paragraph.end()))
    return spans


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case without a full stop (headlines, captions): no facts are read from them."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'-]*", line.group())
        capitalised = sum(1 for w in words if w[0].isupper())
        if len(words) >= 4 and capitalised / len(words) >= 0.7 and not line.group().rstrip().endswith("."):
            spans.append(line.span())
    return spans


def name_at(text: str, start: int) -> PersonName | None:
    """The personal name that starts at `start` (after any titles), if two or more capitalised words do."""
    prefix = PREFIX.match(text, start)
    at = prefix.end() if prefix else start
    tokens = []
    position = at
    while len(tokens) < 6:
        token = TOKEN.match(text, position)
        if token is None or token.group().rstrip("'\u2019") in STOP_WORDS:
            break
        tokens.append(token)
        gap = re.match(r" (?=[A-Z])", text[token.end():token.end() + 2])
        if gap is None:
            break
        position = token.end() + 1
    if len(tokens) < 2:
        return None
    end = tokens[-1].end()
    name = text[at:end]
    degrees = DEGREES.match(text, end)
    suffix = degrees.group().lstrip(", ").strip() if degrees else ""
    after = degrees.end() if degrees else end
    nickname = NICKNAME.match(text, after)
    return PersonName(start, nickname.end() if nickname else after, name,
                      prefix.group().strip() if prefix else "", suffix, nickname.group(1) if nickname else "")


def name_before(text: str, end: int) -> PersonName | None:
    """The personal name that ends at `end` (titles and degrees included)."""
    window = text[max(0, end - 120):end]
    base = end - len(window)
    for match in re.finditer(r"(?<![\w.])(?:(?:Prof|Dr|dr|Drs|Ir|Hj|H)\.\s?)*[A-Z]", window):
        found = name_at(text, base + match.start())
        if found is not None and found.end == end:
            return found
    return None
