"""Redis stream names and consumer groups: versioned constants, the transport's contract."""

from typing import Final

ARTICLES_RAW: Final = "articles.raw.v1"
ARTICLES_ACCEPTED: Final = "articles.accepted.v1"
ARTICLES_REJECTED: Final = "articles.rejected.v1"
ARTICLES_NORMALIZED: Final = "articles.normalized.v1"
EVENTS_MEETINGS: Final = "events.meetings.v1"
EVENTS_STATEMENTS: Final = "events.statements.v1"

INGEST_GROUP: Final = "ingest"
NORMALIZE_GROUP: Final = "normalize"
STORE_GROUP: Final = "store"

ALL_STREAMS: Final = (
    ARTICLES_RAW,
    ARTICLES_ACCEPTED,
    ARTICLES_REJECTED,
    ARTICLES_NORMALIZED,
    EVENTS_MEETINGS,
    EVENTS_STATEMENTS,
)

# Which stream each service consumes, with which consumer group.
CONSUMER_GROUPS: Final = {
    "ingest": (ARTICLES_RAW, INGEST_GROUP),
    "normalize": (ARTICLES_ACCEPTED, NORMALIZE_GROUP),
    "store": (ARTICLES_NORMALIZED, STORE_GROUP),
}
