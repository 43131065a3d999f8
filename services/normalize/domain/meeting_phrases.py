"""Meeting phrases ("met", "held talks with", "spoke by phone") and the cues around them that say a
meeting was planned, denied or only background."""

from __future__ import annotations

import re

from services.normalize.domain.tokens import Token, token_lower

PHONE, VIRTUAL, IN_PERSON = "phone_call", "virtual", "in_person"
IN_SENTENCE = r"(?:[^.;]|(?<=[A-Z])\.)"  # any character but a sentence end; "U.S." stays inside
# Each pattern is a few fixed words with bounded gaps; none nests a repetition. A pattern is tried
# only on a sentence holding one of its gate words (lower-case tokens): a set test per sentence.
TRIGGER_TABLE: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:tele)?phoned\b|\bdiall?ed\b", PHONE, "phoned telephoned dialled dialed"),
    (
        r"\b(?:tele)?phone (?:call|conversation|talks?)\b|\b(?:by|over the|on the) (?:tele)?phone\b",
        PHONE,
        "phone telephone",
    ),
    (r"\bcall(?:ed)? (?:with|from)\b", PHONE, "call called"),
    (
        r"\b(?:spoken|spoke|talked) (?:with|to) "
        + IN_SENTENCE
        + r"{1,160}? (?:by|over the|on the|via) (?:tele)?phone\b",
        PHONE,
        "phone telephone",
    ),
    (
        r"\bvideo ?(?:call|conference|link|meeting|teleconference)\b|\bvideoconference\b|\bvideo-conference\b"
        r"|\bvia video\b",
        VIRTUAL,
        "video videocall videoconference videolink videomeeting video-conference",
    ),
    (r"\bvirtual (?:meeting|talks|summit|call)\b|\bonline (?:meeting|talks)\b", VIRTUAL, "virtual online"),
    (r"\bmet\b", IN_PERSON, "met"),
    (  # "Meeting in Cairo on Sunday, A and B discussed": at the start, or after a dateline's dash
        r"\bmeeting (?:with|between)\b|(?:^|[-–—] )meeting (?:in|on|at)\b",
        IN_PERSON,
        "meeting",
    ),
    (
        r"\btalks (?:[\w'’-]+ ){0,4}?(?:with|between)\b",
        IN_PERSON,
        "talks",
    ),  # "talks in Male last week between"
    (
        r"\bheld (?:[\w'-]+ ){0,2}talks\b|\bheld (?:a |an |their |his |her )?(?:[\w'-]+ ){0,2}"
        r"(?:meeting|consultations|negotiations|summit|t[eê]te-[aà]-t[eê]te)\b",
        IN_PERSON,
        "held",
    ),
    (r"\bconferred with\b", IN_PERSON, "conferred"),
    (r"\bagreed\b", IN_PERSON, "agreed"),
    (r"\bco-chair(?:ed)?\b", IN_PERSON, "co-chaired co-chair"),
    (  # "called on X at her office" or "... to discuss", not "called on X to end the war"
        r"\bcalled on\b(?!(?:(?! and | in | at )[^,.;]){0,80}?\bto\b(?! (?:discuss|review|exchange|explore|brief|talk|convey|deliver)))",
        IN_PERSON,
        "called",
    ),
    (r"\bbrought together\b", IN_PERSON, "brought"),
    (r"\b(?:in|at|during) an? (?:\w+ )?meeting (?:held )?(?:in|on|at)\b", IN_PERSON, "meeting"),
    (
        r"\b(?:wrapped up|concluded|completed) (?:\w+ ){0,4}(?:talks|meeting|negotiations|consultations)\b",
        IN_PERSON,
        "wrapped concluded completed",
    ),
    (r"\b(?:paid|made) (?:a )?courtesy (?:call|visit) (?:on|to)\b", IN_PERSON, "courtesy"),
    (r"\bjoined by\b", IN_PERSON, "joined"),
    (r"\b(?:gave|extended|accorded) (?:a |an )?(?:\w+ )?welcome\b|\bwelcome to\b", IN_PERSON, "welcome"),
    (r"\bsat down (?:with|together)\b|\bhuddled with\b", IN_PERSON, "sat huddled"),
    (r"\bspoke (?:\w+ )?(?:with|to)\b", PHONE, "spoke"),
    (
        r"\bhad (?:a )?(?:working |official )?(?:lunch|dinner|breakfast|luncheon) with\b"
        r"|\b(?:hosted|gave|held|offered) an? (?:official |working |state )?(?:lunch|dinner|luncheon|banquet)"
        r" (?:for|in (?:his |her )?hono(?:u)?r of)\b",
        IN_PERSON,
        "lunch dinner breakfast luncheon banquet",
    ),
    (r"\bdiscussed " + IN_SENTENCE + r"{1,80}? with\b", IN_PERSON, "discussed"),
    (r"\bexchanged views with\b", IN_PERSON, "exchanged"),
    (r"\b(?:received|hosted|welcomed|greeted)\b", IN_PERSON, "received hosted welcomed greeted"),
)
TRIGGERS: list[tuple[re.Pattern[str], str, frozenset[str]]] = [
    (re.compile(p, re.IGNORECASE), fmt, frozenset(gate.split())) for p, fmt, gate in TRIGGER_TABLE
]
CUE_WORDS = frozenset().union(*(gate for _, _, gate in TRIGGERS))
# gate word -> the indexes of the patterns it opens: one set intersection per sentence finds them
PATTERNS_OF_WORD: dict[str, tuple[int, ...]] = {
    word: tuple(n for n, (_, _, gate) in enumerate(TRIGGERS) if word in gate) for word in CUE_WORDS
}


def has_meeting_cue(tokens: list[Token]) -> bool:
    """Whether a sentence holds a word every meeting phrase needs: most sentences do not."""
    return not CUE_WORDS.isdisjoint(map(token_lower, tokens))


FORMAT_PRIORITY = {VIRTUAL: 0, PHONE: 1, IN_PERSON: 2}  # "a video call with" is not a phone call
GUEST_VERBS = frozenset({"received", "hosted", "welcomed", "greeted"})
FUTURE_OR_DENIED = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|scheduled|expected|set|due|upcoming|next(?! day)|intends?|"
    r"hopes?|ready|may(?!\s\d)|might|could|should|invited|invitation|invite|proposed|possible|potential|ahead|prepare|chance|"
    r"preparing|forward|not|never|no|denied|denies|deny|postponed|cancell?ed|called off|refused|rejected|"
    r"failed|unconfirmed|reportedly|rumou?red|declined|without|whether|if|future|ruled out|claims?|claimed|"
    r"alleged|allegations|media reported|media reports|press reports)\b|n't\b|\bto\s(?-i:(?![A-Z]))(?:\w+\s){0,2}$",  # "to hold talks", not "to Podgorica for talks"
    re.IGNORECASE,
)
FUTURE_AFTER = re.compile(
    r"^[^,;]{0,100}\b(?P<cue>(?:is|are|was|were|be|been) (?:scheduled|planned|expected|due|set)|scheduled (?:for|to)"
    r"|planned (?:for|to)|expected (?:to|on|in)|next (?:week|month|year|\w+day)|tomorrow|soon"
    r"|(?:is|was|seemed) (?:un)?likely)\b",
    re.IGNORECASE,
)
CALLED_OFF = re.compile(
    r"\b(?:last met|first met|previously met|postponed|cancell?ed|called off|denied|did not take place|never took place|fabricated|"
    r"no such meeting|has not met|have not met|did not meet|baseless|unfounded|put off|rescheduled"
    r"|(?:was|were|is|has not been) not (?:arranged|planned|scheduled|held|on the (?:programme|program|agenda))"
    r"|citing unnamed|according to unconfirmed|unconfirmed reports?|has not confirmed|did not confirm"
    r"|fake news|dismissed as)\b",
    re.IGNORECASE,
)
# "the two leaders held talks": the people of the meeting reported just before.
THE_TWO = re.compile(
    r"\b(?:the|both) (?:two|three) (?:\w+ )?(?:leaders|ministers|presidents|sides|premiers|counterparts|"
    r"heads|officials|delegations|chiefs)\b",
    re.IGNORECASE,
)
# "the same day", "after the meeting": the day of the meeting reported just before.
SAME_DAY = re.compile(
    r"\b(?:the same day|that day|same occasion|(?:after|before|prior to|following) the (?:meeting|talks|signing|summit)"
    r"|(?:on the sidelines|at the end|in the margins) of the (?:meeting|talks)"
    r"|(?:earlier|later) (?:in|on) the day|(?:earlier|later) that (?:day|evening|morning|afternoon)"
    r"|that (?:evening|morning|afternoon)|hours later|the same (?:evening|morning|afternoon)"
    r"|^(?:on|in) the (?:sidelines|margins)\b)",
    re.IGNORECASE,
)
# "X also met Y", "X later held talks with Z" right after a dated meeting: the same day.
CONTINUED = re.compile(
    r"\b(?:also|later|then|separately) (?:met|held|received|hosted|spoke|talked|visited|called|paid|sat|had)\b",
    re.IGNORECASE,
)
PERFECT = re.compile(
    r"\b(?:have|has|had)\s(?:\w+\s)?(?:met|spoken|talked|discussed)\b|\b(?:have|has) (?:\w+ )?held\b"
    r"|\b(?:last|first|previously|once) met\b",
    re.IGNORECASE,
)
# "has already held phone talks": the present perfect tells of the past without placing it; a day
# named before the phrase belongs to another clause ("Lee, who took office on June 4, has held").
PRESENT_PERFECT = re.compile(r"\b(?:have|has)\s(?:\w+\s)?(?:met|held|spoken|talked)\b", re.IGNORECASE)


LATER_EVENT = re.compile(
    r"\b(?:ahead of|before|in preparation for|preparations for|upcoming)\b", re.IGNORECASE
)


def is_blocked(text: str, start: int, end: int) -> bool:
    """Planned, invited, denied or cancelled: a cue in the clause before the phrase or right after."""
    clause_start = max(
        text.rfind(";", 0, start), text.rfind(":", 0, start), text.rfind(" but ", 0, start), start - 60, 0
    )  # "did not travel to Oslo, but she spoke by telephone with Eide": the cue is in another clause
    window = text[clause_start:start]
    if FUTURE_OR_DENIED.search(window) or FUTURE_OR_DENIED.search(text[start:end]):
        return True
    after = text[end : end + 120]
    future = FUTURE_AFTER.search(after)
    # "met X to coordinate ahead of a summit next week": the later event is in the future, not the meeting
    return future is not None and not LATER_EVENT.search(after, 0, future.start("cue"))


MAX_TRIGGERS = 8
OBJECT_STOP = frozenset(
    {"who", "which", "whose", ";", "said", "says", "told", "saying", "adding", "after", "before"}
)


def meeting_triggers(text: str, words: frozenset[str]) -> list[tuple[int, int, str]]:
    """The meeting phrases of the sentence (whose lower-case words are `words`), left to right,
    overlaps removed (video before phone); at most MAX_TRIGGERS, far more than any sentence holds."""
    opened = sorted({n for word in CUE_WORDS.intersection(words) for n in PATTERNS_OF_WORD[word]})
    matches = sorted(
        (m.start(), FORMAT_PRIORITY[TRIGGERS[n][1]], m.end(), TRIGGERS[n][1])
        for n in opened
        for m in TRIGGERS[n][0].finditer(text)
    )
    found: list[tuple[int, int, str]] = []
    for start, priority, end, fmt in matches:
        if found and start < found[-1][1]:
            if priority < FORMAT_PRIORITY[found[-1][2]]:
                found[-1] = (start, end, fmt)
            continue
        found.append((start, end, fmt))
        if len(found) == MAX_TRIGGERS:
            break
    return found


def for_a_later_event(text: str, at: int) -> bool:
    """ "met X to prepare for the summit next week": the future time dates the summit, not the
    meeting."""
    return bool(LATER_EVENT.search(text, max(0, at - 60), at))


class Gated:
    """A pattern tried only on sentences holding one of its gate words (a set test, far cheaper
    than a case-insensitive regex scan)."""

    def __init__(self, pattern: re.Pattern[str], gate: frozenset[str]) -> None:
        self.pattern = pattern
        self.gate = gate

    def search(self, text: str, words: frozenset[str], end: int | None = None) -> re.Match[str] | None:
        if self.gate.isdisjoint(words):
            return None
        return self.pattern.search(text, 0, len(text) if end is None else end)


CALLED_OFF_CUE = Gated(
    CALLED_OFF,
    frozenset({"postponed", "cancelled", "canceled", "called", "denied", "did", "never", "fabricated", "no"})
    | frozenset({"baseless", "unfounded", "put", "rescheduled", "not", "last", "first", "previously"})
    | frozenset({"citing", "unconfirmed", "confirmed", "fake", "dismissed"})
    | frozenset({"has", "have"}),
)
PERFECT_CUE = Gated(PERFECT, frozenset({"have", "has", "had", "last", "first", "previously", "once"}))
PRESENT_PERFECT_CUE = Gated(PRESENT_PERFECT, frozenset({"have", "has"}))
THE_TWO_CUE = Gated(THE_TWO, frozenset({"two", "three"}))
SAME_DAY_CUE = Gated(
    SAME_DAY,
    frozenset({"same", "day", "after", "before", "prior", "following", "sidelines", "end", "margins"})
    | frozenset({"evening", "morning", "afternoon", "hours"}),
)
DAY_SHIFT_CUE = Gated(
    re.compile(
        r"\b(?:the (?:next|following) day|a day later|the day before|a day earlier|the previous day)\b",
        re.IGNORECASE,
    ),
    frozenset({"day"}),
)
CONTINUED_CUE = Gated(CONTINUED, frozenset({"also", "later", "then", "separately"}))
