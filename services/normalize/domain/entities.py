"""The people of one article: entities with the names, titles and countries read so far, and the
registry that resolves later mentions (a surname, a description) to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from services.normalize.domain.leaders import known_person_country, leader_country
from services.normalize.domain.lexicon import NAME_PARTICLES
from services.normalize.domain.names import NAME_SUFFIXES
from services.normalize.domain.titles import HEADS

# Titles of rank worn together with an office ("Foreign Minister Prince Faisal" is "Prince Faisal").
NOBLE = frozenset({"prince", "princess", "sheikh", "sheikha", "sayyid"})
# Titles that name one government's office: "Treasury Secretary X" with no country is American.
TITLE_COUNTRIES = {
    "secretary of state": "USA",
    "treasury secretary": "USA",
    "secretary of the treasury": "USA",
    "commerce secretary": "USA",
    "defense secretary": "USA",
    "secretary of defense": "USA",
    "trade representative": "USA",
    "foreign secretary": "GBR",
    "home secretary": "GBR",
    "defence secretary": "GBR",
    "chancellor of the exchequer": "GBR",
}
# Descriptions that name an office by what it is rather than by its title.
ROLE_SYNONYMS = {
    "head of state": frozenset(
        {"president", "king", "emir", "amir", "sultan", "monarch", "queen", "emperor"}
    ),
    "head of government": frozenset({"prime", "premier", "chancellor"}),
}
MEMBERSHIPS = frozenset({"senator", "lawmaker", "general"})  # "Senator Wong" is still Foreign Minister Wong
HOME_LEADERS = frozenset({"president", "king", "emir", "amir", "sultan", "chancellor"})
HEAD_SYNONYMS = {
    "envoy": frozenset({"envoy", "ambassador"}),
    "ambassador": frozenset({"ambassador", "envoy"}),
    "diplomat": frozenset({"diplomat", "ambassador", "envoy"}),
    "premier": frozenset({"premier", "prime"}),
    "leader": frozenset(
        {"leader", "president", "prime", "premier", "chancellor", "king", "emir", "amir", "sultan"}
    ),
}
RECENT = 50  # how far back a description looks for its person


@dataclass(eq=False)
class Entity:
    name: str | None
    title: str | None
    country: str | None
    keys: set[str] = field(default_factory=set)  # lower-cased name tokens
    official: bool = True  # False for "X, a researcher at ...": someone who holds no office

    @property
    def surname(self) -> str | None:
        return _surname(self.name)


@lru_cache(maxsize=4096)
def _surname(name: str | None) -> str | None:
    """The last word of a name, suffixes ("Jr.") aside; cached, as the registry asks at every mention."""
    words = [w for w in (name or "").split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
    return words[-1].lower() if words else None


class Mention(NamedTuple):
    start: int  # token index
    end: int
    entity: Entity
    kind: str  # "name", "description", "pronoun"


class Registry:
    """The people of one article, in order of first mention."""

    def __init__(self, year: int | None = None) -> None:
        self.year = year
        self.entities: list[Entity] = []
        self.last_subject: Entity | None = None
        self.styled: dict[str, Entity] = {}  # "highness": who was introduced as "His Highness X"
        self.home: str | None = None  # the dateline's country: whose "the President" it is
        self.by_surname: dict[str, Entity] = {}
        self.by_key: dict[str, Entity] = {}

    def by_name(self, words: list[str], title: str | None = None) -> Entity | None:
        """The entity of that surname; not when both carry titles of different offices ("Prime
        Minister Anwar Ibrahim" is not "Sultan Ibrahim")."""
        lows = [low for w in words if (low := w.lower()) not in NAME_PARTICLES and low not in NAME_SUFFIXES]
        if not lows:
            return None
        found = self.by_surname.get(lows[-1])
        if found is None and len(lows) == 1:
            found = self.by_key.get(lows[0])
        if found is not None and (_other_first_name(lows, found) or _other_office(title, found)):
            return None
        return found

    def index(self, ent: Entity) -> None:
        if ent.surname:
            self.by_surname[ent.surname] = ent
        for key in ent.keys:
            self.by_key[key] = ent

    def by_description(self, country: str | None, head: str, title: str = "") -> Entity | None:
        """The latest entity of that country; else the latest of that title whose country is unknown
        (and that country is then its country). Among several, the one whose title shares the most
        words with the description's ("the Lebanese foreign minister" is the foreign minister, not the
        prime minister)."""
        recent = self.entities[-RECENT:]
        heads = ROLE_SYNONYMS.get(title.lower()) or HEAD_SYNONYMS.get(head, frozenset({head}))
        if country:  # "the Egyptian minister": the latest Egyptian minister, else the latest Egyptian
            same = [ent for ent in recent if ent.country == country]
            titled = [ent for ent in same if _has_head(ent, heads)]
            if titled or same:
                return _closest_title(titled or same, title)
        if country is None and self.home and "visiting" in title.lower().split():  # "the visiting minister"
            guests = [
                ent
                for ent in recent
                if ent.name and ent.country not in (None, self.home) and _has_head(ent, heads)
            ]
            if guests:
                return guests[-1]
        if country is None and self.home and head in HOME_LEADERS:  # "the President", in a WINDHOEK story
            own = [ent for ent in recent if ent.country == self.home and ent.name and _has_head(ent, heads)]
            if own:
                return own[-1]
        if country is None:  # "the minister": the last subject if that is their title, else the latest
            last = self.last_subject
            if last is not None and _has_head(last, heads):
                return last
            for ent in reversed(recent):
                if ent.name and _has_head(ent, heads):
                    return ent
        for ent in reversed(recent):
            if ent.name and ent.country is None and ent.title and head in ent.title.lower().split():
                ent.country = country
                return ent
        return None

    def add(self, name: str | None, title: str | None, country: str | None) -> Entity:
        if country is None and title:
            country = leader_country(name, title, self.year) or TITLE_COUNTRIES.get(title.lower())
        if country is None and name and " " in name:  # "Wang Yi, member of the Political Bureau"
            country = known_person_country(name, self.year)
        ent = Entity(name, title, country, name_keys(name or ""))
        ent.official = not _unofficial_title(title)
        self.entities.append(ent)
        self.index(ent)
        return ent


def name_keys(name: str) -> set[str]:
    """Lower-cased name words a later mention may use alone ("Xi", "Aref"), particles aside."""
    return {
        w.lower() for w in name.split() if len(w) > 1 and w.lower() not in NAME_PARTICLES and "." not in w
    }


def _other_first_name(lows: list[str], found: Entity) -> bool:
    """ "Gurbanguly Berdimuhamedov" is not "Serdar Berdimuhamedov"."""
    if len(lows) < 2 or not found.name or len(found.name.split()) < 2:
        return False
    first = found.name.split()[0].lower().rstrip(".")
    mine = lows[0].rstrip(".")
    if len(mine) == 1:  # "S. Muhriddin" is "Sirojiddin Muhriddin"
        return not first.startswith(mine)
    return lows[0] not in found.keys and mine != first


def _other_office(title: str | None, found: Entity) -> bool:
    """ "Sultan Ibrahim" is not "Prime Minister Anwar Ibrahim"."""
    mine, theirs = _office(title), _office(found.title)
    return mine is not None and theirs is not None and mine != theirs


@lru_cache(maxsize=1024)
def _office(title: str | None) -> str | None:
    """The office a title names, ranks aside: "Defence Minister Prince" is a minister."""
    words = [
        w for w in (title or "").lower().split() if w in HEADS and w not in NOBLE and w not in MEMBERSHIPS
    ]
    return words[-1] if words else None


def _closest_title(candidates: list[Entity], title: str) -> Entity:
    """The latest of the candidates whose title shares the most words with `title`."""
    words = set(title.lower().split())
    return max(reversed(candidates), key=lambda c: len(words & set((c.title or "").lower().split())))


OUT_OF_OFFICE = frozenset({"former", "ex-", "opposition", "shadow"})
PARTY_ADJECTIVES = frozenset(
    {"conservative", "labour", "liberal", "republican", "democratic", "socialist", "green"}
)


def _unofficial_title(title: str | None) -> bool:
    """ "Former Prime Minister", "Opposition Leader", "Conservative Leader": not serving officials."""
    words = (title or "").lower().split()
    if not OUT_OF_OFFICE.isdisjoint(words):
        return True
    return bool(words) and words[-1] == "leader" and not PARTY_ADJECTIVES.isdisjoint(words)


def _has_head(ent: Entity, heads: frozenset[str]) -> bool:
    return bool(ent.title) and not heads.isdisjoint((ent.title or "").lower().split())
