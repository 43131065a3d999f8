"""Word lists shared by the readers: calendar words, name particles, words that never start a name,
verbs of saying."""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                       "sept": 9, "oct": 10, "nov": 11, "dec": 12}

NAME_PARTICLES = frozenset("al el bin ibn bint de da di del della van von der den la le du dos das".split())

NON_NAME_WORDS = frozenset(
    set(WEEKDAYS) | set(MONTHS) | set(MONTH_ABBREVIATIONS) | set(
        """the a an in on at during after before upon with by from for of to and or but as since until
        he she it they we i you his her their its our this that these those there here then
        however meanwhile also according both last next earlier later today yesterday tomorrow while
        when where which who what why how if although though despite following amid over under
        organization organisation union summit ministry council commission committee forum conference
        assembly bank fund party agency cooperation corridor republic revolution islamic kingdom state
        states nations united news office parliament government cabinet court army force forces group
        association palace house hall center centre airport university institute foundation company
        corporation initiative treaty agreement pact declaration program programme project day week
        games cup olympic olympics central asian asia european europe eurasian african africa middle east
        west north south gulf caspian arab western eastern latin pacific atlantic black sea
        mediterranean caucasus balkan balkans nordic baltic persian digital economic international
        global world joint national federal federation secretariat mission embassy consulate
        highlighting emphasizing stressing noting adding speaking addressing referring welcoming
        meeting talks press reporters reuters afp xinhua irna tass itar-tass ap sputnik anadolu
        dispatches mr mrs ms dr sir madam excellency his-excellency
        """.split()
    )
)

# Verbs that may directly follow a person's name (used to accept a full name without a title).
SAYING_VERBS = frozenset(
    """said says stated told stressed underscored underlined emphasized emphasised noted highlighted
    expressed reaffirmed reiterated congratulated hoped invited extended added announced affirmed
    asserted declared explained praised hailed echoed urged warned voiced confirmed described proposed
    suggested thanked condemned criticized criticised denounced appreciated lauded insisted argued
    claimed remarked commented acknowledged assured wrote tweeted pledged vowed promised outlined
    welcomed called pointed expressing""".split()
)
MEETING_VERBS = frozenset(
    """met meets received hosted held telephoned phoned spoke talked conferred discussed greeted visited
    welcomed""".split()
)
PERSON_VERBS = SAYING_VERBS | MEETING_VERBS | frozenset("has had was is also on".split())
