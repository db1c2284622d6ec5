"""People and their posts, from the patterns of Indonesian news: "Wali Kota Medan, Rico Waas", "Ketua Komwil I
APEKSI sekaligus Wali Kota Medan, Rico ...", "NAME, Wali Kota X", "Wakil Menteri Dalam Negeri NAME"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from kg.draft.gazetteer import Mention
from kg.draft.text import PersonName, name_at, name_before
from kg.namespaces import APK

ORGANISATIONS = (APK.Association, APK.Commission, APK.Organization)
PLACES = (APK.City, APK.Province)
MINISTRIES = {"Dalam Negeri": "kemendagri"}
HEADS = (APK.Province, APK.Organization, APK.Association)


@dataclass(frozen=True)
class Post:
    """A post word and what it is held in: a role of vocab.ttl and the classes its `of` may have."""

    pattern: str
    role: str
    held_in: tuple[URIRef, ...]


POSTS = [Post(p, r, h) for p, r, h in (
    (r"Wakil Wali ?[Kk]ota|Wawali(?:kota)?", "vice-mayor", (APK.City,)),
    (r"Wali ?[Kk]ota", "mayor", (APK.City,)),
    (r"Wakil Gubernur|Wagub", "vice-governor", (APK.Province,)),
    (r"Gubernur", "governor", (APK.Province,)),
    (r"Wakil Presiden", "vice-president", (APK.Country,)),
    (r"Presiden", "president", (APK.Country,)),
    (r"Wakil Menteri|Wamen", "deputy-minister", ()),
    (r"Menteri", "minister", ()),
    (r"Sekretaris Daerah|Sekda", "regional-secretary", PLACES),
    (r"Direktur Jenderal|Dirjen", "director-general", ORGANISATIONS),
    (r"Sekretaris Jenderal|Sekjen", "secretary-general", ORGANISATIONS),
    (r"Direktur Eksekutif", "executive-director", ORGANISATIONS),
    (r"Wakil Ketua(?: Umum)?", "vice-chair", (APK.Association, APK.Commission)),
    (r"Ketua(?: Umum| Dewan Pengurus)?", "chair", (APK.Association, APK.Commission)),
    (r"Sekretaris", "secretary", (APK.Association, APK.Commission)),
    (r"Bendahara", "treasurer", (APK.Association, APK.Commission)),
    (r"Kepala|Asisten|Staf Ahli|Kabag|Kadis", "official", PLACES),
)]
POST_RE = re.compile(r"(?<![\w-])(?:(?P<former>[Mm]antan) )?(?:" + "|".join(f"(?P<p{i}>{p.pattern})"
                                                                     for i, p in enumerate(POSTS)) + r")(?!\w)")
CHAIN = re.compile(r"\s+(?:sekaligus|yang juga|dan juga)\s+$")
BEFORE_HOLDER = re.compile(r"(?:,\s*|\s+)(?:yang juga menjabat(?: sebagai)?|yang juga|selaku|sebagai|terpilih sebagai|"
                           r"terpilih menjadi)\s+$|,\s*$")
NOW_HOLDS = re.compile(r"\s+yang kini menjabat(?: sebagai)?\s+$")
OFFICIAL_TITLE = re.compile(r"[^,.;]{0,110}")


@dataclass
class PostMention:
    """A post written in the text, with what it is held in; `holder` once linked to a name."""

    start: int
    end: int
    role: str
    of: str
    of_cls: URIRef
    title: str
    former: bool
    holder: PersonName | Mention | None = None
    how: str = ""


def find_posts(text: str, mentions: list[Mention], ministries: dict[str, str], skip: list[tuple[int, int]]
               ) -> list[PostMention]:
    """Every post word followed by the city, province or organisation it is held in."""
    starting = {m.start: m for m in mentions}
    posts = []
    for match in POST_RE.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        group = next(f"p{i}" for i in range(len(POSTS)) if match.group(f"p{i}"))
        post = POSTS[int(group[1:])]
        found = _held_in(text, post, match.end(), starting, ministries)
        if found is None:
            continue
        of, cls, end = found
        title = text[match.start(group):end] if post.role == "official" else ""
        posts.append(PostMention(match.start(), end, post.role, of, cls, title, bool(match.group("former"))))
    return posts


def _held_in(text: str, post: Post, at: int, starting: dict[int, Mention], ministries: dict[str, str]
             ) -> tuple[str, URIRef, int] | None:
    if post.role in ("minister", "deputy-minister"):
        for words, identifier in ministries.items():
            if text.startswith(" " + words, at):
                return identifier, APK.Organization, at + 1 + len(words)
        return None
    if post.role == "official":
        title = OFFICIAL_TITLE.match(text, at)
        for offset in range(at, title.end() + 1):
            mention = starting.get(offset)
            name = mention.of_class(PLACES) if mention else None
            if name is not None:
                return name.identifier, name.cls, mention.end
        return None
    mention = starting.get(at + 1) if text[at:at + 1] == " " else None
    mention = mention or next((m for m in starting.values() if m.start < at < m.end), None)
    if mention is None:
        return ("republik-indonesia", APK.Country, at) if post.held_in == (APK.Country,) else None
    name = mention.of_class(post.held_in)
    return (name.identifier, name.cls, mention.end) if name else None


def link_holders(text: str, posts: list[PostMention], people: list[Mention], people_or_places: list[Mention]
                 ) -> None:
    """Who holds each post: the name right after it, the name right before it, or the holder of the post it
    is chained to ("Ketua Komwil I APEKSI sekaligus Wali Kota Medan, NAME"; "NAME, mantan Wali Kota Madiun
    yang kini menjabat Wali Kota Batu")."""
    known_at = {m.start: m for m in people}
    known_end = {m.end: m for m in people}
    for post in posts:
        after = re.match(r",?\s?", text[post.end:post.end + 2]).end() + post.end
        head = next((m for m in people_or_places if m.start == after and m.cls in HEADS), None)
        if head is not None and re.match(r",?\s", text[head.end:head.end + 2]):
            after = head.end + re.match(r",?\s", text[head.end:head.end + 2]).end()
        post.holder = known_at.get(after) or name_at(text, after)
        post.how = "name after the post"
        before = BEFORE_HOLDER.search(text[max(0, post.start - 40):post.start])
        if post.holder is None and before:
            cut = post.start - len(before.group())
            post.holder = known_end.get(cut) or _after_places(text, name_before(text, cut), people_or_places)
            post.how = "name before the post"
    _chains(text, posts)


def _after_places(text: str, found: PersonName | None, mentions: list[Mention]) -> PersonName | None:
    """A name read backwards stops at a place or organisation ("Wali Kota Bogor Dimas ...": not "Bogor Dimas")."""
    if found is None:
        return None
    inside = [m for m in mentions if m.start < found.end and found.start < m.end and m.cls != APK.Person]
    if not inside:
        return found
    return name_at(text, inside[-1].end + 1)


def _chains(text: str, posts: list[PostMention]) -> None:
    for i, post in enumerate(posts):
        if post.holder is not None:
            continue
        if i + 1 < len(posts) and CHAIN.search(text[post.end:posts[i + 1].start] + " ") \
                and len(text[post.end:posts[i + 1].start]) < 20:
            for later in posts[i + 1:]:
                if later.holder is not None:
                    post.holder, post.how = later.holder, "chained to the next post ('sekaligus')"
                    break
        if post.holder is None and i > 0 and NOW_HOLDS.search(text[max(0, post.start - 30):post.start]) \
                and posts[i - 1].holder is not None:
            post.holder, post.how = posts[i - 1].holder, "holder of the post before ('yang kini menjabat')"


def posts_with_holders(text: str, mentions: list[Mention], people: list[Mention],
                       ministries: dict[str, str], skip: list[tuple[int, int]]) -> list[PostMention]:
    posts = find_posts(text, mentions, ministries, skip)
    link_holders(text, posts, people, mentions)
    return [p for p in posts if p.holder is not None]
