"""Turning one extraction into the events the store appends, with ids that survive redelivery.

Event ids are UUID5s of (article, extractor version, what was reported), so normalizing the same
article twice with the same extractor yields the same events, which the store's append ignores.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from shared.events import (
    AnyEvent,
    ArticleIngested,
    ArticleNormalized,
    MeetingFacts,
    MeetingReported,
    StatementFacts,
    StatementReported,
    article_stream,
    derived_event_id,
    meeting_stream,
)
from shared.messages import NormalizedArticle

_WORD = re.compile(r"[a-z]{3,}")


def surname_key(name: str | None) -> str:
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    words = _WORD.findall(folded)
    return words[-1] if words else ""


def meeting_key(meeting: MeetingFacts, article_id: str) -> str:
    """Same countries, same day, same people: the same meeting, whichever article reports it.

    An undated meeting cannot be told apart from another one between the same people, so it stays
    its article's own.
    """
    surnames = sorted({surname_key(p.name) for p in meeting.participants} - {""})
    when = meeting.date.isoformat() if meeting.date else f"undated:{article_id}"
    basis = "|".join((",".join(meeting.countries), when, ",".join(surnames)))
    return hashlib.sha256(basis.encode()).hexdigest()[:24]


def derived_from(ingested: ArticleIngested, version: str, *what: str) -> dict[str, Any]:
    """The envelope and article fields every event derived from `ingested` by extractor `version`
    shares, with an id that depends only on those inputs and `what`."""
    article_id = ingested.article.article_id
    return {
        "event_id": derived_event_id(article_id, version, *what),
        "occurred_at": ingested.occurred_at,
        "correlation_id": article_id,
        "causation_id": str(ingested.event_id),
        "article_id": article_id,
        "extractor_version": version,
    }


def meeting_reported(
    ingested: ArticleIngested, meeting: MeetingFacts, index: int, version: str
) -> MeetingReported:
    key = meeting_key(meeting, ingested.article.article_id)
    return MeetingReported(
        **derived_from(ingested, version, "meeting", str(index), key),
        stream_id=meeting_stream(key),
        meeting_key=key,
        meeting=meeting,
    )


def statement_reported(
    ingested: ArticleIngested, statement: StatementFacts, index: int, version: str
) -> StatementReported:
    return StatementReported(
        **derived_from(ingested, version, "statement", str(index)),
        stream_id=article_stream(ingested.article.article_id),
        statement=statement,
    )


def normalized_article(
    ingested: ArticleIngested,
    meetings: tuple[MeetingFacts, ...],
    statements: tuple[StatementFacts, ...],
    version: str,
) -> NormalizedArticle:
    """ArticleNormalized first: the projection drops an article's older extraction when it sees it."""
    marker = ArticleNormalized(
        **derived_from(ingested, version, "normalized"),
        stream_id=article_stream(ingested.article.article_id),
        meeting_count=len(meetings),
        statement_count=len(statements),
    )
    events: list[AnyEvent] = [marker]
    events += [meeting_reported(ingested, m, i, version) for i, m in enumerate(meetings)]
    events += [statement_reported(ingested, s, i, version) for i, s in enumerate(statements)]
    return NormalizedArticle(article=ingested, events=tuple(events))
