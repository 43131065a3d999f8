"""People in the text: mentions ("Kazakh Prime Minister Olzhas Bektenov", "Aref", "he",
"the Kyrgyz prime minister") and the entities they refer to.

A mention is read as [country] [title] [name]. A bare surname, a pronoun or a description
(country and title without a name) is resolved to an entity already met in the article.
"""

from __future__ import annotations

from services.normalize.domain.countries import FIRST_WORDS, CountryHit, match_country
from services.normalize.domain.entities import NOBLE, Entity, Mention, Registry
from services.normalize.domain.leaders import (
    TERMS,
    known_person_country,
    leader_country,
    leader_in_office,
    name_key,
)
from services.normalize.domain.lexicon import NON_NAME_WORDS, PERSON_VERBS
from services.normalize.domain.names import HONORIFICS, is_name_word, match_name, name_words, skip_honorifics
from services.normalize.domain.openings import (
    DETERMINERS,
    PRONOUNS,
    TITLE_WORDS,
    may_follow_opener,
    openings,
    opens_nothing,
)
from services.normalize.domain.person_cues import (
    NOT_OFFICIAL_ROLES,
    STYLES,
    UNNAMED_DELEGATES,
    excellency_style,
    indefinite,
    standalone,
    surname_he,
    unofficial_context,
)
from services.normalize.domain.person_lists import (
    PLURAL_HEADS,
    PLURAL_WORDS,
    listed_by_country,
    paired_description,
)
from services.normalize.domain.person_named import (
    appositive,
    compound_title,
    enrich,
    named_mention,
)
from services.normalize.domain.titles import match_title
from services.normalize.domain.tokens import Token, is_possessive, token_lower

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
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "for", "to", "via", "into", "toward", "towards"})


def find_mentions(
    tokens: list[Token], registry: Registry, quoted: set[int], lowered: frozenset[str] | None = None
) -> list[Mention]:
    """Mentions of people in one sentence, resolved against (and added to) the registry."""
    mentions: list[Mention] = []
    resume = 0  # reading goes on here after a mention
    # the readers of lists ("the Kyrgyz and Tajik leaders", "the presidents of A, X, and B, Y") need a
    # plural title in the sentence: one set test here instead of two calls at every opening
    lists = not PLURAL_WORDS.isdisjoint(map(token_lower, tokens) if lowered is None else lowered)
    for i in openings(tokens):
        if i < resume or i in quoted:
            continue
        tok = tokens[i]
        if not tok.is_cap and tok.lower in DETERMINERS and not may_follow_opener(tokens, i + 1):
            continue
        if tok.text == "He" and surname_he(tokens, i):
            end = match_name(tokens, i + 1, False)
            if end > i + 1:
                words = ["He", *name_words(tokens, i + 1, end)]
                ent = registry.by_name(words) or registry.add(" ".join(words), None, None)
                mentions.append(Mention(i, end, ent, "name"))
                resume = end
                continue
        if tok.text == "His" and (style := excellency_style(tokens, i)):  # "His (Royal) Highness stressed"
            referent = registry.styled.get(tokens[style].lower, registry.last_subject)
            if referent is not None:
                mentions.append(Mention(i, style + 1, referent, "pronoun"))
            resume = style + 1
            continue
        if (
            tok.text == "HE" and i + 1 < len(tokens) and not tokens[i + 1].is_cap
        ):  # "HE stressed": His Excellency
            referent = registry.styled.get("excellency", registry.last_subject)
            if referent is not None:
                mentions.append(Mention(i, i + 1, referent, "pronoun"))
            continue
        if tok.lower in PRONOUNS and tok.text != "HE":
            # "Wang flew to Chad, where he met ...": the person named first in the sentence
            named = next((m.entity for m in mentions if m.kind != "pronoun" and m.entity.name), None)
            referent = named or registry.last_subject
            if referent is not None:
                mentions.append(Mention(i, i + 1, referent, "pronoun"))
            continue
        if tok.lower in DETERMINERS and (
            i + 1 == len(tokens)
            or (opens_nothing(tokens[i + 1].text) and tokens[i + 1].lower not in PLURAL_HEADS)
        ):
            continue  # "The talks ...": a determiner before a word that opens nothing
        paired = (
            (paired_description(tokens, i, registry) or listed_by_country(tokens, i, registry))
            if lists
            else None
        )
        if paired is not None:
            mentions.extend(paired[0])
            resume = paired[1]
            continue
        mention, resume = _mention_at(tokens, i, registry)
        if mention is not None:
            _counterpart_title(mention.entity, mentions)
            mentions.append(mention)
            if tok.text == "His" and i + 1 < len(tokens) and tokens[i + 1].lower in STYLES:
                registry.styled[tokens[i + 1].lower] = mention.entity
    return mentions


def _counterpart_title(person: Entity, before: list[Mention]) -> None:
    """ "Foreign Minister X ... his Lebanese counterpart Y": Y is a foreign minister too."""
    if not person.title or person.title.lower() not in ("counterpart", "counterparts"):
        return
    titled = [
        m.entity.title for m in before if m.entity.title and "counterpart" not in m.entity.title.lower()
    ]
    if titled:
        person.title = titled[-1]


def _mention_at(tokens: list[Token], i: int, registry: Registry) -> tuple[Mention | None, int]:
    """The mention starting at token i (or None) and where reading goes on."""
    n = len(tokens)
    start = i
    j = i + 1 if tokens[i].lower in DETERMINERS else i
    honoured = False
    if j < n and (tokens[j].lower in HONORIFICS or tokens[j].text == "HE"):
        j, honoured = skip_honorifics(tokens, j)
    country = None
    hit = match_country(tokens, j) if j < n and tokens[j].text in FIRST_WORDS else None
    if hit and (named := _surname_not_country(tokens, j, hit, registry)) is not None:
        return Mention(
            start, hit.end, named, "name"
        ), hit.end  # "held talks with Montenegro" (Luis Montenegro)
    if hit:
        country = hit.code
        j = hit.end + (1 if hit.possessive else 0)
    title = compound_title(tokens, j) if j < n and tokens[j].lower in TITLE_WORDS else None
    if title:
        country = country or title.country
        j = title.end
        if j < n and (tokens[j].lower in HONORIFICS or tokens[j].text == "HE"):
            j, more = skip_honorifics(tokens, j)
            honoured = honoured or more
        if j + 1 < n and tokens[j].lower in NOBLE and tokens[j + 1].is_cap:  # "Minister ... Sheikh Mohammed"
            j, honoured = j + 1, True
        rank = match_title(tokens, j) if j < n and tokens[j].lower in TITLE_WORDS else None
        if rank is not None and rank.end < n and is_name_word(tokens[rank.end].text):
            j = rank.end  # "Defense Minister Brigadier General Aziz Nasirzadeh": a rank after the office
    name_end = match_name(tokens, j, honoured) if j < n else j
    if name_end == j and title and j + 1 < n and tokens[j].text == "He":
        # "Vice Premier He Lifeng": the Chinese surname He, not the pronoun
        after = match_name(tokens, j + 1, honoured)
        name_end = after if after > j + 1 else j
    if name_end == j and title and j + 2 < n and tokens[j].text == ",":
        # "his Indonesian counterpart, Sjafrie Sjamsoeddin," / "Minister of ..., Nasser Bourita,"
        k = j + 1
        if k + 1 < n and tokens[k].lower in ("his", "her") and tokens[k + 1].lower in STYLES:
            k += 2  # "..., His Excellency Nawaf Salam"
        k, more = skip_honorifics(tokens, k)
        if k + 1 < n and tokens[k].lower in (
            "senator",
            "ambassador",
            "general",
        ):  # ", Senator Kamina Johnson Smith,"
            k, more = k + 1, True
        more = more or k > j + 1
        if k + 1 < n and tokens[k].lower in NOBLE:  # "the Emir of Qatar, Sheikh Tamim ...,"
            k, more = k + 1, True
        end = match_name(tokens, k, more)
        if end - k >= 2 and not match_country(tokens, k):
            j, name_end = k, end
    if name_end == j and title and j < n and _lowercase_office_holder(tokens[j], title.title, registry.year):
        name_end = j + 1  # "President obama": a known office holder written in lower case
    if name_end > j:
        words = name_words(tokens, j, name_end)
        if not title:
            return _untitled(tokens, start, j, name_end, words, registry, hit)
        return named_mention(tokens, start, name_end, words, registry, title.title, country)
    if title and country and indefinite(tokens, i) and title.head not in GROUP_HEADS:
        if title.head not in UNNAMED_DELEGATES:
            return None, title.end  # "a guest of the Canadian presidency": nobody in particular
        return Mention(start, title.end, registry.add(None, title.title, country), "description"), title.end
    if title and country:
        ent = registry.by_description(country, title.head, title.title)
        if ent is None or title.head in GROUP_HEADS:
            ent = registry.add(None, title.title, country)
        return Mention(start, title.end, ent, "description"), title.end
    if title and tokens[i].lower == "the" and title.head not in GROUP_HEADS:
        ent = registry.by_description(None, title.head, title.title)
        return (Mention(start, title.end, ent, "description") if ent else None), title.end
    return None, max(i + 1, hit.end if hit else i + 1)


def _surname_not_country(tokens: list[Token], j: int, hit: CountryHit, registry: Registry) -> Entity | None:
    """A one-word country name that is the surname of someone already named in full, used as a person:
    not possessive, not after a place preposition."""
    if hit.end != j + 1 or hit.possessive or (j > 0 and tokens[j - 1].lower in PLACE_PREPOSITIONS):
        return None
    ent = registry.by_surname.get(tokens[j].lower)
    return ent if ent is not None and ent.name and len(ent.name.split()) >= 2 else None


def _lowercase_office_holder(tok: Token, title: str, year: int | None) -> bool:
    """ "President obama": the surname, in lower case, of someone who held that office."""
    low = tok.lower
    return (
        tok.text.isalpha()
        and low not in PERSON_VERBS
        and low not in NON_NAME_WORDS
        and name_key(low) in TERMS
        and leader_country(low, title, year) is not None
    )


def _untitled(
    tokens: list[Token],
    start: int,
    j: int,
    name_end: int,
    words: list[str],
    registry: Registry,
    hit: CountryHit | None,
) -> tuple[Mention | None, int]:
    """A name with no title. After a country's possessive it is a person only when known or a full
    name ("Egypt's Badr Abdelatty"), else a place ("Azerbaijan's Nakhchivan")."""
    if hit is None:
        mention = _bare_name(tokens, start, j, name_end, words, registry)
        return mention, (mention.end if mention else name_end)
    if not hit.possessive:
        return None, name_end
    after = tokens[name_end] if name_end < len(tokens) else None
    known = registry.by_name(words)
    if known is None and (name_end - j < 2 or (after is not None and (after.is_cap or is_possessive(after)))):
        return None, name_end
    return named_mention(tokens, start, name_end, words, registry, None, hit.code)


def _bare_name(
    tokens: list[Token], start: int, j: int, end: int, words: list[str], registry: Registry
) -> Mention | None:
    """A name without a title: a known surname, a name with an appositive, or a full name before a verb."""
    ent = registry.by_name(words)
    app_title, app_country, app_end = appositive(tokens, end)
    if app_country is None and end + 1 < len(tokens) and tokens[end].lower == "of":
        of_hit = match_country(tokens, end + 1)  # "Gabriela Sommerfeld of Ecuador"
        if of_hit and not of_hit.possessive:
            app_country = of_hit.code
    if ent is None and app_title is None and start > 0 and tokens[start - 1].lower in PLACE_PREPOSITIONS:
        return None  # "in New York": a place; "from Peter Szijjarto, Minister of ...": a person
    if (
        ent is None
        and j > 0
        and tokens[j - 1].lower == "the"
        and (app_title is None or (j > 1 and tokens[j - 2].lower in PLACE_PREPOSITIONS))
    ):
        return None  # "the Suwalki Gap", "in The Hague, a government spokesman said": not a person
    if ent is None and end - j >= 2 and (known := known_person_country(" ".join(words), registry.year)):
        person = registry.add(" ".join(words), app_title, app_country or known)  # "Recep Tayyip Erdogan sat"
        return Mention(start, end, person, "name")
    if ent is None and end - j == 1 and standalone(tokens, j):
        country = leader_in_office(words[0], registry.year)
        if country:  # "Putin and Erdogan discussed Syria": leaders known by their surname alone
            return Mention(start, end, registry.add(words[0], None, country), "name")
    if ent is not None:
        enrich(ent, " ".join(words), app_title, app_country)
        registry.index(ent)
        return Mention(start, end, ent, "name")
    described = (
        end + 2 < len(tokens)
        and tokens[end].text == ","
        and (tokens[end + 1].lower in ("a", "an") or tokens[end + 1].lower in NOT_OFFICIAL_ROLES)
    ) or unofficial_context(tokens, start, end)
    if app_title is None and described and end - j >= 2:
        # "Rohan Mehra, a fellow at a think tank": a person, but no official
        ent = registry.add(" ".join(words), None, None)
        ent.official = False
        return Mention(start, end, ent, "name")
    if app_title or (app_country and end - j >= 2):  # "Laura Sarabia of Colombia"
        return Mention(start, end, registry.add(" ".join(words), app_title, app_country), "name")
    after = tokens[end].lower if end < len(tokens) else ""
    if (
        end - j >= 2
        and (after in PERSON_VERBS or after in ("and", ","))
        and not is_possessive(tokens[end] if end < len(tokens) else None)
    ):
        return Mention(start, end, registry.add(" ".join(words), None, None), "name")
    return None
