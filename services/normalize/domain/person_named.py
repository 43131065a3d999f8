"""A named mention: the name with its title, country and apposition ("Sergei Lavrov, minister of
Foreign Affairs of the Russian Federation,"), added to or merged with the article's registry."""

from __future__ import annotations

from services.normalize.domain.countries import match_country
from services.normalize.domain.entities import Entity, Mention, Registry, name_keys
from services.normalize.domain.leaders import leader_country
from services.normalize.domain.openings import DETERMINERS
from services.normalize.domain.titles import HEADS, TitleHit, match_title
from services.normalize.domain.tokens import Token, is_possessive

APPOSITION_STOP = frozenset({"and", "with", ",", ";", "said", "met", "by", "who", "which"})


def appositive(tokens: list[Token], k: int) -> tuple[str | None, str | None, int]:
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
    title = compound_title(tokens, j) if j < n else None
    if not title:
        return None, None, k
    if (
        tokens[k + 1].is_cap
        and tokens[k + 1].lower not in DETERMINERS
        and title.end < n
        and tokens[title.end].is_cap
        and not is_possessive(tokens[title.end])
    ):
        return None, None, k  # "A, President of Tajikistan B", "A, Qatari Premier B": B's title
    return title.title, country or title.country, title.end


def compound_title(tokens: list[Token], j: int) -> TitleHit | None:
    """A title at token j, two joined by "and" as one ("Crown Prince and Prime Minister")."""
    title = match_title(tokens, j)
    n = len(tokens)
    if title and title.end + 1 < n and tokens[title.end].lower == "and" and tokens[title.end + 1].is_cap:
        second = match_title(tokens, title.end + 1)
        if second is not None:
            joined = f"{title.title} and {second.title}"
            return second._replace(title=joined, start=title.start, country=title.country or second.country)
    return title


def named_mention(
    tokens: list[Token],
    start: int,
    name_end: int,
    words: list[str],
    registry: Registry,
    title: str | None,
    country: str | None,
) -> tuple[Mention, int]:
    n = len(tokens)
    app_title, app_country, app_end = appositive(tokens, name_end)
    if app_country is None and name_end + 1 < n and tokens[name_end].lower == "of":
        # "President Denis Sassou Nguesso of the Republic of Congo"
        k = name_end + 1 + (tokens[name_end + 1].lower == "the")
        of_hit = match_country(tokens, k) if k < n else None
        if of_hit:
            app_country, app_end = of_hit.code, of_hit.end
    ent = registry.by_name(words, title)
    full = " ".join(words)
    if country is None and app_country is None:
        app_country = country_before_comma(tokens, start)
    if ent is None:
        ent = registry.add(full, title or app_title, country or app_country)
    else:
        enrich(ent, full, title or app_title, country or app_country)
        if ent.country is None and ent.title:
            ent.country = leader_country(ent.name, ent.title, registry.year)
        registry.index(ent)
    return Mention(start, name_end, ent, "name"), max(name_end, app_end)


def country_before_comma(tokens: list[Token], start: int) -> str | None:
    """ "the chief of staff of Iran's armed forces, Major General X": the country of the phrase the
    name stands in apposition to."""
    if start < 2 or tokens[start - 1].text != ",":
        return None
    for k in range(start - 2, max(-1, start - 10), -1):
        low = tokens[k].lower
        if low in APPOSITION_STOP:
            return None
        hit = match_country(tokens, k) if tokens[k].is_cap else None
        if hit and hit.possessive:
            return hit.code
        if low in ("of", "the") and k > 0 and tokens[k - 1].lower in HEADS:
            continue
    return None


def enrich(ent: Entity, name: str, title: str | None, country: str | None) -> None:
    if ent.name and len(name.split()) > len(ent.name.split()):
        ent.name = name
        ent.keys |= name_keys(name)
    ent.title = ent.title or title
    ent.country = ent.country or country
