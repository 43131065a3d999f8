"""People in the text: mentions ("Kazakh Prime Minister Olzhas Bektenov", "Aref", "he",
"the Kyrgyz prime minister") and the entities they refer to.

A mention is read as [country] [title] [name]. A bare surname, a pronoun or a description
(country and title without a name) is resolved to an entity already met in the article.
"""

from __future__ import annotations

from services.normalize.domain.countries import FIRST_WORDS, CountryHit, match_country
from services.normalize.domain.entities import NOBLE, Entity, Mention, Registry, name_keys
from services.normalize.domain.leaders import (
    TERMS,
    known_person_country,
    leader_country,
    leader_in_office,
    name_key,
)
from services.normalize.domain.lexicon import NAME_PARTICLES, NON_NAME_WORDS, PERSON_VERBS
from services.normalize.domain.names import HONORIFICS, is_name_word, match_name, name_words, skip_honorifics
from services.normalize.domain.openings import (
    DETERMINERS,
    PRONOUNS,
    TITLE_WORDS,
    may_follow_opener,
    openings,
    opens_nothing,
)
from services.normalize.domain.titles import HEADS, MODIFIERS, TitleHit, match_title
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
APPOSITION_STOP = frozenset({"and", "with", ",", ";", "said", "met", "by", "who", "which"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "for", "to", "via", "into", "toward", "towards"})


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
    title = _compound_title(tokens, j) if j < n else None
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


def _compound_title(tokens: list[Token], j: int) -> TitleHit | None:
    """A title at token j, two joined by "and" as one ("Crown Prince and Prime Minister")."""
    title = match_title(tokens, j)
    n = len(tokens)
    if title and title.end + 1 < n and tokens[title.end].lower == "and" and tokens[title.end + 1].is_cap:
        second = match_title(tokens, title.end + 1)
        if second is not None:
            joined = f"{title.title} and {second.title}"
            return second._replace(title=joined, start=title.start, country=title.country or second.country)
    return title


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
        if tok.text == "He" and _surname_he(tokens, i):
            end = match_name(tokens, i + 1, False)
            if end > i + 1:
                words = ["He", *name_words(tokens, i + 1, end)]
                ent = registry.by_name(words) or registry.add(" ".join(words), None, None)
                mentions.append(Mention(i, end, ent, "name"))
                resume = end
                continue
        if tok.text == "His" and (style := _excellency(tokens, i)):  # "His (Royal) Highness stressed"
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
            (_paired_description(tokens, i, registry) or _listed_by_country(tokens, i, registry))
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


STYLES = frozenset({"excellency", "majesty", "highness"})
# "a senior official of Benin's foreign ministry": someone at the table whose name is not given
UNNAMED_DELEGATES = frozenset({"official", "representative", "diplomat", "envoy", "minister"})
# ", founder of the R.Politik consultancy,": someone quoted, not an official
NOT_OFFICIAL_ROLES = frozenset(
    {"founder", "analyst", "economist", "professor", "researcher", "fellow", "expert"}
)
PLURAL_WORDS = frozenset({"leaders", "ministers", "counterparts", "presidents", "premiers", "prime"})


PLURAL_HEADS = {"leaders": "leader", "ministers": "minister", "counterparts": "counterpart"} | {
    "presidents": "president",
    "premiers": "premier",
    "prime": "prime",
}


def _paired_description(tokens: list[Token], i: int, registry: Registry) -> tuple[list[Mention], int] | None:
    """ "the Kyrgyz and Tajik leaders" (the people of those countries named before), "his French and
    British counterparts, Jean-Noel Barrot and Yvette Cooper" (each name takes its country in turn)."""
    n = len(tokens)
    j = i + 1 if tokens[i].lower in DETERMINERS else i
    if j + 3 >= n or tokens[j].text not in FIRST_WORDS:
        return None
    first = match_country(tokens, j)
    if first is None or first.kind != "adjective" or first.end + 2 >= n or tokens[first.end].lower != "and":
        return None
    second = match_country(tokens, first.end + 1) if tokens[first.end + 1].text in FIRST_WORDS else None
    if second is None or second.kind != "adjective" or second.end >= n:
        return None
    title = match_title(tokens, second.end) if tokens[second.end].lower in TITLE_WORDS else None
    if title is None or title.end > n or tokens[title.end - 1].lower not in PLURAL_HEADS:
        return None
    head = PLURAL_HEADS[tokens[title.end - 1].lower]
    singular = title.title[:-1] if title.title.endswith("s") else title.title
    codes = (first.code, second.code)
    names = _two_names(tokens, title.end)
    if names is not None:
        mentions = []
        for (a, b), code in zip(names, codes, strict=True):
            mention, _ = _named(tokens, a, b, name_words(tokens, a, b), registry, singular, code)
            mentions.append(mention)
        return mentions, names[1][1]
    people = [registry.by_description(code, head) for code in codes]
    found = [Mention(i, title.end, ent, "description") for ent in people if ent is not None and ent.name]
    return (found, title.end) if len(found) == 2 else None


def _listed_by_country(tokens: list[Token], i: int, registry: Registry) -> tuple[list[Mention], int] | None:
    """ "The presidents of Uruguay, Yamandu Orsi, and Paraguay, Santiago Pena," / "his counterparts
    from Honduras, Enrique Reina, and Namibia, Peya Mushelenga": each name takes the country before it."""
    n = len(tokens)
    j = i + 1 if tokens[i].lower in DETERMINERS else i
    if j + 5 >= n or tokens[j].lower not in TITLE_WORDS and tokens[j].lower not in PLURAL_HEADS:
        return None
    m = j
    while m < n and m - j < 3 and tokens[m].lower in MODIFIERS:
        m += 1
    if m >= n or tokens[m].lower not in PLURAL_HEADS:  # "presidents", "foreign ministers", "counterparts"
        return None
    k = m + 1
    pairs: list[tuple[str, int, int]] = []
    country = None
    if country is None and k < n and tokens[k].lower in ("of", "from"):
        hit = match_country(tokens, k + 1)
        country, k = (hit.code, hit.end) if hit else (None, k)
    while country is not None and k + 2 < n and tokens[k].text == ",":
        end = match_name(tokens, k + 1, False)
        if end - (k + 1) < 2:
            break
        pairs.append((country, k + 1, end))
        k = end
        nxt = k + 1 if k < n and tokens[k].text == "," else k
        nxt += 1 if nxt < n and tokens[nxt].lower == "and" else 0
        hit = match_country(tokens, nxt) if nxt < n and tokens[nxt].text in FIRST_WORDS else None
        if hit is None or hit.possessive:
            break
        country, k = hit.code, hit.end
    if len(pairs) < 2:
        return None
    singular = " ".join(
        [*(t.text.capitalize() for t in tokens[j:m]), PLURAL_HEADS[tokens[m].lower].capitalize()]
    )
    mentions = [
        _named(tokens, a, b, name_words(tokens, a, b), registry, singular, code)[0] for code, a, b in pairs
    ]
    return mentions, pairs[-1][2]


def _two_names(tokens: list[Token], k: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ ", A and B" right after a plural title: the token spans of the two names."""
    if k + 3 >= len(tokens) or tokens[k].text != ",":
        return None
    a = k + 1
    a_end = match_name(tokens, a, False)
    if a_end - a < 2 or a_end + 2 >= len(tokens) or tokens[a_end].lower != "and":
        return None
    b = a_end + 1
    b_end = match_name(tokens, b, False)
    return ((a, a_end), (b, b_end)) if b_end - b >= 2 else None


def _excellency(tokens: list[Token], i: int) -> int:
    """ "His Excellency" / "His (Royal) Highness" standing alone for the person so styled: the index
    of the style word, or 0."""
    k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].lower == "royal" else i + 1
    return k if k + 1 < len(tokens) and tokens[k].lower in STYLES and not tokens[k + 1].is_cap else 0


def _surname_he(tokens: list[Token], i: int) -> bool:
    """ "spokesperson He Yadong said": a capitalised "He" inside a sentence, before a name, is the
    Chinese surname, not the pronoun."""
    return (
        tokens[i].text == "He"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].text.isalpha()
        and tokens[i - 1].text.islower()
        and tokens[i + 1].is_cap
    )


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
    title = _compound_title(tokens, j) if j < n and tokens[j].lower in TITLE_WORDS else None
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
        return _named(tokens, start, name_end, words, registry, title.title, country)
    if title and country and _indefinite(tokens, i) and title.head not in GROUP_HEADS:
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


def _indefinite(tokens: list[Token], i: int) -> bool:
    """ "a Samoan official", "A senior Greek diplomat": an indefinite article before the description."""
    if tokens[i].lower in ("a", "an"):
        return True
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].lower in MODIFIERS:
        k -= 1
    return k >= 0 and tokens[k].lower in ("a", "an")


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
    return _named(tokens, start, name_end, words, registry, None, hit.code)


def _named(
    tokens: list[Token],
    start: int,
    name_end: int,
    words: list[str],
    registry: Registry,
    title: str | None,
    country: str | None,
) -> tuple[Mention, int]:
    n = len(tokens)
    app_title, app_country, app_end = _appositive(tokens, name_end)
    if app_country is None and name_end + 1 < n and tokens[name_end].lower == "of":
        # "President Denis Sassou Nguesso of the Republic of Congo"
        k = name_end + 1 + (tokens[name_end + 1].lower == "the")
        of_hit = match_country(tokens, k) if k < n else None
        if of_hit:
            app_country, app_end = of_hit.code, of_hit.end
    ent = registry.by_name(words, title)
    full = " ".join(words)
    if country is None and app_country is None:
        app_country = _country_before_comma(tokens, start)
    if ent is None:
        ent = registry.add(full, title or app_title, country or app_country)
    else:
        _enrich(ent, full, title or app_title, country or app_country)
        if ent.country is None and ent.title:
            ent.country = leader_country(ent.name, ent.title, registry.year)
        registry.index(ent)
    return Mention(start, name_end, ent, "name"), max(name_end, app_end)


def _country_before_comma(tokens: list[Token], start: int) -> str | None:
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


def _bare_name(
    tokens: list[Token], start: int, j: int, end: int, words: list[str], registry: Registry
) -> Mention | None:
    """A name without a title: a known surname, a name with an appositive, or a full name before a verb."""
    ent = registry.by_name(words)
    app_title, app_country, app_end = _appositive(tokens, end)
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
    if ent is None and end - j == 1 and _standalone(tokens, j):
        country = leader_in_office(words[0], registry.year)
        if country:  # "Putin and Erdogan discussed Syria": leaders known by their surname alone
            return Mention(start, end, registry.add(words[0], None, country), "name")
    if ent is not None:
        _enrich(ent, " ".join(words), app_title, app_country)
        registry.index(ent)
        return Mention(start, end, ent, "name")
    described = (
        end + 2 < len(tokens)
        and tokens[end].text == ","
        and (tokens[end + 1].lower in ("a", "an") or tokens[end + 1].lower in NOT_OFFICIAL_ROLES)
    ) or _unofficial_context(tokens, start, end)
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


NOT_OFFICIAL_BEFORE = NOT_OFFICIAL_ROLES | frozenset(
    {"commentator", "journalist", "scholar", "academic", "lecturer", "former", "opposition", "party"}
)
INSTITUTIONS = frozenset(
    {"institute", "center", "centre", "think-tank", "university", "consultancy", "foundation", "school"}
)


def _unofficial_context(tokens: list[Token], start: int, end: int) -> bool:
    """ "Foreign policy analyst X", "Progress Party leader X", "X, director of the Y Institute,":
    someone quoted who holds no office."""
    for k in range(start - 1, max(-1, start - 5), -1):
        low = tokens[k].lower
        if low in NOT_OFFICIAL_BEFORE:
            return True
        if not tokens[k].text.isalpha() or low in PERSON_VERBS:
            break
    if end < len(tokens) and tokens[end].text == ",":
        for k in range(end + 1, min(len(tokens), end + 12)):
            if tokens[k].text == ",":
                break
            if tokens[k].lower in INSTITUTIONS:
                return True
    return False


def _standalone(tokens: list[Token], j: int) -> bool:
    """A capitalised word with no capitalised neighbour ("Putin said", not "Major General")."""
    before = tokens[j - 1] if j > 0 else None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if before is not None and before.lower in NAME_PARTICLES and j > 1 and tokens[j - 2].is_cap:
        return False  # "Dar es Salaam": part of a longer name
    return not (before is not None and before.is_cap) and not (after is not None and after.is_cap)


def _enrich(ent: Entity, name: str, title: str | None, country: str | None) -> None:
    if ent.name and len(name.split()) > len(ent.name.split()):
        ent.name = name
        ent.keys |= name_keys(name)
    ent.title = ent.title or title
    ent.country = ent.country or country
