"""Word lists for the article generator: people, offices, forums, and the sentences officials say.

Countries come from pycountry, with the adjectives and capitals the extractor's lexicon carries
(`services/normalize/domain/data/demonyms.csv`), so every country the generator names is one a
reader of the news would recognise. Names are drawn from several naming traditions and avoid
words that are also countries, cities or titles.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

import services.normalize.domain as extractor_domain

DEMONYMS = Path(extractor_domain.__file__).with_name("data") / "demonyms.csv"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str
    capital: str


def _short_name(code: str) -> str | None:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return None if "," in name or "(" in name else str(name)


@cache
def countries() -> tuple[Country, ...]:
    """Every country with a plain name, an adjective and a capital."""
    out = []
    with DEMONYMS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            name = _short_name(row.get("alpha3") or "")
            adjectives = [a for a in (row.get("adjectives") or "").split("|") if a]
            capitals = [c for c in (row.get("capitals") or "").split("|") if c]
            if name and adjectives and capitals:
                out.append(Country(row["alpha3"], name, adjectives[0], capitals[0]))
    return tuple(out)


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    """Ahmad Aigerim Alejandro Amara Anand Andrei Anna Arturo Aziz Beatriz Bogdan Carlos Chen
Claire Daniel Dmitri Elena Emeka Farid Fatima Fernando Giorgi Hassan Hiroshi Ingrid Ivan Jakob Jin-woo
Joao Kamala Kenji Khalid Laila Lars Leila Lucia Mahmoud Marek Maria Mehmet Miguel Min-jun Mohammed
Nadia Naledi Nikolai Olga Omar Pablo Pedro Priya Rahul Rashid Reza Rustam Sara Sergei Sipho Sofia Tamar
Tomasz Viktor Wei Yasmin Yusuf Zainab Zhanna"""
)
SURNAMES = _words(
    """Abdullayev Adeyemi Akhmetov Alvarez Andersson Barzani Bekov Castillo Chaudhry Costa Dlamini
Dumitrescu Eriksen Farahani Fernandes Gallardo Guliyev Haddad Hashemi Horvath Ibrahimov Ivanova Jansen
Kamau Karimov Kaur Kiplagat Kovalenko Kowalski Lindqvist Mahlangu Marchetti Mendoza Moreau Nakamura
Nazarbekov Novak Nwosu Okafor Oliveira Osei Petrov Popescu Qureshi Rahimi Ramirez Rossi Sadykov Santos
Sato Schneider Sharipov Suleimani Takahashi Tanaka Tembo Tran Usmonov Vargas Wojcik Yamamoto Yilmaz
Zhou"""
)
LEADER_TITLES = ["President", "Prime Minister", "Vice President"]
MINISTER_TITLES = [
    "Foreign Minister",
    "Trade Minister",
    "Energy Minister",
    "Defence Minister",
    "Economy Minister",
    "Deputy Foreign Minister",
]
AGENCIES = ["Reuters", "AFP", "AP", "Xinhua", "Anadolu", "IRNA", "Kazinform", "ANI", "Bernama", "EFE"]
FORUMS = [
    "the UN General Assembly",
    "the G20 summit",
    "the BRICS summit",
    "the Shanghai Cooperation Organisation meeting",
    "the OSCE ministerial council",
    "the Munich Security Conference",
    "the ASEAN Regional Forum",
    "the African Union summit",
    "the World Economic Forum",
    "the COP climate conference",
]
TOPICS = [
    "trade and investment",
    "energy cooperation",
    "transport corridors",
    "regional security",
    "water management",
    "grain exports",
    "tourism and visas",
    "digital connectivity",
    "nuclear energy",
    "migration",
    "climate finance",
    "defence procurement",
]
DIRECT_QUOTES = [
    "Our countries are bound by deep historical ties, and we intend to raise trade to {n} billion dollars",
    "We see {other} as a reliable partner in the region and beyond",
    "The agreements signed today open a new chapter in our relations",
    "We agreed to step up work on {topic} and to meet more often",
    "Nobody gains from instability on our borders, and we will keep talking",
    "There is huge untapped potential in our economic relations",
    "Our teams will finalise the road map for {topic} before the end of the year",
    "We count on {other} to support our bid at the international level",
]
PARTIAL_QUOTES = [
    "constructive and frank",
    "a turning point",
    "very productive",
    "friendly and substantive",
    "an important step forward",
    "businesslike",
]
INDIRECT_CLAUSES = [
    "bilateral trade had grown by {n} percent over the past year",
    "{country} was ready to expand cooperation on {topic}",
    "the two governments would set up a joint commission on {topic}",
    "his country supported a peaceful settlement of regional disputes",
    "the new rail link would cut freight times by half",
    "investors from {country} were welcome in the special economic zones",
    "both sides had agreed to simplify visa rules for business travellers",
    "the sides discussed a free trade agreement in detail",
]
SPOKESPEOPLE = ["foreign ministry spokesperson", "presidential spokesman", "government spokeswoman"]
SAYING_VERBS = ["said", "stressed", "noted", "told reporters", "added", "emphasised"]
BACKGROUND = [
    "Trade between {c1} and {c2} reached {n} billion dollars last year, according to official figures.",
    "{c1} is among the largest investors in the economy of {c2}.",
    "The two countries established diplomatic relations in {year}.",
    "Analysts say the rapprochement reflects a wider shift in regional alliances.",
    "A joint business forum gathered more than {n}0 companies from both sides.",
    "The talks covered the construction of a new pipeline and the modernisation of border crossings.",
    "Officials from both sides signed memorandums on customs, education and health care.",
    "Economists expect the new agreements to lift exports of grain, fertiliser and machinery.",
    "The region has seen a flurry of diplomatic activity in recent months.",
    "Observers noted that the visit was the first at this level in several years.",
    "The ministries of both countries are drafting a plan for cooperation until {later}.",
    "Local media described the atmosphere of the talks as warm.",
    "Both governments have pledged to double the number of direct flights.",
    "The sides also reviewed progress on a joint hydropower project on the border river.",
    "Exports from {c1} to {c2} are dominated by machinery, chemicals and foodstuffs.",
    "The border between the two countries was reopened to freight traffic in {year}.",
    "A delegation of regional governors and business leaders accompanied the minister.",
    "The programme of the visit included a tour of an industrial park and a university.",
    "Critics at home have questioned the cost of the proposed infrastructure projects.",
    "The opposition in {c1} has called for more transparency in the negotiations.",
    "Shipping companies have complained about delays at the ports of {c2}.",
    "The central bank of {c1} has signed a currency swap arrangement with its counterpart in {c2}.",
    "Energy prices and supply routes dominated the agenda throughout the week.",
    "Diplomats said a roadmap for the next five years is being prepared.",
]
