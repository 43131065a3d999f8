"""People in the text: mentions ("Kazakh Prime Minister Olzhas Bektenov", "Aref", "he",
"the Kyrgyz prime minister") and the entities they refer to.

A mention is read as [country] [title] [name]. A bare surname, a pronoun or a description
(country and title without a name) is resolved to an entity already met in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.normalize.domain.countries import match_country
from services.normalize.domain.lexicon import NAME_PARTICLES, NON_NAME_WORDS, PERSON_VERBS
from services.normalize.domain.titles import HEADS, MODIFIERS, match_title
from services.normalize.domain.tokens import Token, is_possessive

GROUP_HEADS = frozenset(
    {
        "delegation",
        "officials",
        "diplomats",
        "envoys",
        "negotiators",
        "representatives",
        "leaders",
        "counterparts",
        "ambassadors",
    }
)
PRONOUNS = frozenset({"he", "she"})
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "a", "an"})
RECENT = 50  # how far back a description looks for its person
OPENERS = PRONOUNS | DETERMINERS  # lower-case words that may start a mention


@dataclass(eq=False)
class Entity:
    name: str | None
    title: str | None
    country: str | None
    keys: set[str] = field(default_factory=set)  # lower-cased name tokens

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1].lower() if self.name else None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index
    end: int
    entity: Entity
    kind: str  # "name", "description", "pronoun"


class Registry:
    """The people of one article, in order of first mention."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.last_subject: Entity | None = None
        self.by_surname: dict[str, Entity] = {}
        self.by_key: dict[str, Entity] = {}

    def by_name(self, words: list[str]) -> Entity | None:
        lows = [w.lower() for w in words if w.lower() not in NAME_PARTICLES]
        if not lows:
            return None
        found = self.by_surname.get(lows[-1])
        if found is None and len(lows) == 1:
            found = self.by_key.get(lows[0])
        return found

    def index(self, ent: Entity) -> None:
        if ent.surname:
            self.by_surname[ent.surname] = ent
        for key in ent.keys:
            self.by_key[key] = ent

    def by_description(self, country: str | None, head: str) -> Entity | None:
        """The latest entity of that country; else the latest of that title whose country is unknown
        (and that country is then its country)."""
        recent = self.entities[-RECENT:]
        for ent in reversed(recent):
            if country and ent.country == country:
                return ent
        for ent in reversed(recent):
            if ent.name and ent.country is None and ent.title and head in ent.title.lower().split():
                ent.country = country
                return ent
        return None

    def add(self, name: str | None, title: str | None, country: str | None) -> Entity:
        ent = Entity(name, title, country, {w.lower() for w in (name or "").split() if len(w) > 2})
        self.entities.append(ent)
        self.index(ent)
        return ent


def is_name_token(tok: Token) -> bool:
    if not tok.is_cap or tok.lower in NON_NAME_WORDS or tok.lower in HEADS or tok.lower in MODIFIERS:
        return False
    text = tok.text
    return not (len(text) > 1 and text.isupper() and "." not in text)


def match_name(tokens: list[Token], i: int) -> int:
    """End (exclusive) of a person's name starting at i, or i when there is none."""
    n = len(tokens)
    j = i
    end = i
    while j < n and j - i < 6:
        tok = tokens[j]
        if is_name_token(tok) and not (j > i and match_country(tokens, j)):
            j += 1
            end = j
        elif tok.lower in NAME_PARTICLES and j > i and j + 1 < n and tokens[j + 1].is_cap:
            j += 1
        elif tok.lower.startswith(("al-", "el-")) and len(tok.text) > 3:
            j += 1
            end = j
        else:
            break
    return end


def _appositive(tokens: list[Token], k: int) -> tuple[str | None, str | None, int]:
    """ ", the Russian foreign minister," after a name: (title, country, end)."""
    n = len(tokens)
    if k + 2 >= n or tokens[k].text != ",":
        return None, None, k
    j = k + 1
    if tokens[j].lower in DETERMINERS:
        j += 1
    country = None
    hit = match_country(tokens, j) if j < n else None
    if hit:
        country = hit.code
        j = hit.end + (1 if hit.possessive else 0)
    title = match_title(tokens, j) if j < n else None
    if not title:
        return None, None, k
    return title.title, country or title.country, title.end


def find_mentions(tokens: list[Token], registry: Registry, quoted: set[int]) -> list[Mention]:
    """Mentions of people in one sentence, resolved against (and added to) the registry."""
    mentions: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        if i in quoted:
            i += 1
            continue
        tok = tokens[i]
        if not tok.is_cap and tok.lower not in OPENERS:
            i += 1
            continue
        if tok.lower in PRONOUNS:
            if registry.last_subject is not None:
                mentions.append(Mention(i, i + 1, registry.last_subject, "pronoun"))
            i += 1
            continue
        start = i
        j = i + 1 if tok.lower in DETERMINERS else i
        country = None
        hit = match_country(tokens, j) if j < n else None
        if hit:
            country = hit.code
            j = hit.end + (1 if hit.possessive else 0)
        title = match_title(tokens, j) if j < n else None
        if title:
            country = country or title.country
            j = title.end
        name_end = match_name(tokens, j) if j < n else j
        if name_end > j:
            words = [t.text for t in tokens[j:name_end]]
            if not title:  # "Azerbaijan's Nakhchivan", "Lao People's": a place, not a person
                mention = None if hit else _bare_name(tokens, start, j, name_end, words, registry)
                if mention:
                    mentions.append(mention)
                    i = mention.end
                else:
                    i = name_end
                continue
            app_title, app_country, app_end = _appositive(tokens, name_end)
            if app_country is None and name_end + 1 < n and tokens[name_end].lower == "of":
                # "President Denis Sassou Nguesso of the Republic of Congo"
                k = name_end + 1 + (tokens[name_end + 1].lower == "the")
                of_hit = match_country(tokens, k) if k < n else None
                if of_hit:
                    app_country, app_end = of_hit.code, of_hit.end
            ent = registry.by_name(words)
            full = " ".join(words)
            if ent is None:
                ent = registry.add(full, title.title if title else app_title, country or app_country)
            else:
                _enrich(ent, full, title.title if title else app_title, country or app_country)
                registry.index(ent)
            mentions.append(Mention(start, name_end, ent, "name"))
            i = max(name_end, app_end)
            continue
        if title and country:
            ent = registry.by_description(country, title.head)
            if ent is None or title.head in GROUP_HEADS:
                ent = registry.add(None, title.title, country)
            mentions.append(Mention(start, title.end, ent, "description"))
            i = title.end
            continue
        if title and tok.lower == "the" and title.head not in GROUP_HEADS:
            ent = registry.by_description(None, title.head)
            if ent is not None:
                mentions.append(Mention(start, title.end, ent, "description"))
            i = title.end
            continue
        i = max(i + 1, hit.end if hit else i + 1)
    return mentions


def _bare_name(
    tokens: list[Token], start: int, j: int, end: int, words: list[str], registry: Registry
) -> Mention | None:
    """A name without a title: a known surname, a name with an appositive, or a full name before a verb."""
    ent = registry.by_name(words)
    app_title, app_country, app_end = _appositive(tokens, end)
    if ent is not None:
        _enrich(ent, " ".join(words), app_title, app_country)
        registry.index(ent)
        return Mention(start, end, ent, "name")
    if app_title:
        return Mention(start, end, registry.add(" ".join(words), app_title, app_country), "name")
    after = tokens[end].lower if end < len(tokens) else ""
    if (
        end - j >= 2
        and (after in PERSON_VERBS or after in ("and", ","))
        and not is_possessive(tokens[end] if end < len(tokens) else None)
    ):
        return Mention(start, end, registry.add(" ".join(words), None, None), "name")
    return None


def _enrich(ent: Entity, name: str, title: str | None, country: str | None) -> None:
    if ent.name and len(name.split()) > len(ent.name.split()):
        ent.name = name
        ent.keys |= {w.lower() for w in name.split() if len(w) > 2}
    ent.title = ent.title or title
    ent.country = ent.country or country
