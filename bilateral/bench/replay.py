"""`bilateral bench replay`: events per second of `bilateral replay`, in a scratch database.

Generates articles' events (ingested, normalized marker, meetings shared between articles,
statements), stores them in `<database>_bench` beside the configured database (never in the real
store), then times the rebuild and prints the figure.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from tqdm import tqdm

from bilateral.commands.replay import replay_with_progress
from bilateral.runtime import servers
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import async_url, database_url
from services.store.postgres.event_store import EventStore
from services.store.postgres.projection import PROJECTED_TYPES
from shared.events import (
    Article,
    ArticleIngested,
    ArticleNormalized,
    Event,
    MeetingFacts,
    MeetingReported,
    Participant,
    StatementFacts,
    StatementReported,
    article_stream,
    derived_event_id,
    meeting_stream,
)

COUNTRIES = ("ARM", "AZE", "BRA", "CHN", "EGY", "FRA", "IND", "IRN", "JPN", "KAZ", "RUS", "TUR", "USA", "ZAF")
TOPICS = ("trade", "energy", "security", "transport", "health", "education")
VERSION = "bench"


def _meeting(rng: random.Random, day: date) -> MeetingFacts:
    a, b = sorted(rng.sample(COUNTRIES, 2))
    return MeetingFacts(
        participants=(Participant(name=f"Leader {a}", country=a), Participant(name=f"Leader {b}", country=b)),
        countries=(a, b),
        date=day,
        topics=tuple(sorted(rng.sample(TOPICS, 2))),
    )


def article_events(index: int, rng: random.Random, meetings: list[MeetingFacts]) -> list[Event]:
    """One article: ingested, its extraction marker, two meeting reports (often a meeting another
    article reported too) and two statements."""
    article_id = f"bench-{index:07d}"
    when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=index)
    article = Article(article_id=article_id, body=f"Article {index} about diplomacy.", published_at=when)
    ingested = ArticleIngested(
        event_id=derived_event_id(article_id, "ingested"),
        stream_id=article_stream(article_id),
        occurred_at=when,
        correlation_id=article_id,
        article=article,
    )
    envelope: dict[str, Any] = {
        "occurred_at": when,
        "correlation_id": article_id,
        "causation_id": str(ingested.event_id),
    }
    earlier = (
        rng.choice(meetings)
        if meetings and rng.random() < 0.5
        else _meeting(rng, when.date() - timedelta(days=1))
    )
    chosen = [earlier, _meeting(rng, when.date())]
    events: list[Event] = [
        ingested,
        ArticleNormalized(
            event_id=derived_event_id(article_id, VERSION, "normalized"),
            stream_id=article_stream(article_id),
            article_id=article_id,
            extractor_version=VERSION,
            meeting_count=2,
            statement_count=2,
            **envelope,
        ),
    ]
    for i, meeting in enumerate(chosen):
        key = f"{'-'.join(meeting.countries)}-{meeting.date}-{meeting.topics[0]}"
        meetings.append(meeting)
        events.append(
            MeetingReported(
                event_id=derived_event_id(article_id, VERSION, "meeting", str(i)),
                stream_id=meeting_stream(key),
                article_id=article_id,
                meeting_key=key,
                extractor_version=VERSION,
                meeting=meeting,
                **envelope,
            )
        )
        speaker = Participant(name=f"Minister {meeting.countries[0]}", country=meeting.countries[0])
        events.append(
            StatementReported(
                event_id=derived_event_id(article_id, VERSION, "statement", str(i)),
                stream_id=article_stream(article_id),
                article_id=article_id,
                extractor_version=VERSION,
                statement=StatementFacts(
                    speaker=speaker, mode="indirect", text="Relations are growing.", about=meeting.countries
                ),
                **envelope,
            )
        )
    return events


def synthetic_events(articles: int, seed: int = 11) -> list[Event]:
    rng = random.Random(seed)
    meetings = [_meeting(rng, date(2025, 1, 1))]
    return [event for index in range(articles) for event in article_events(index, rng, meetings)]


async def projected_count(conn: AsyncConnection) -> int:
    query = text("SELECT count(*) FROM events WHERE event_type = ANY(CAST(:t AS text[]))")
    return int((await conn.execute(query, {"t": list(PROJECTED_TYPES)})).scalar_one())


def _scratch_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))


async def _create_database(url: str) -> None:
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    name = urlsplit(_scratch_url(url)).path.lstrip("/")
    try:
        async with admin.connect() as conn:
            if not await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()


async def bench(url: str, articles: int, range_size: int) -> None:
    await _create_database(url)
    scratch = _scratch_url(url)
    await upgrade_to_head(scratch)
    engine = create_async_engine(async_url(scratch), connect_args={"statement_cache_size": 0})
    try:
        async with engine.begin() as conn:
            await conn.execute(text("TRUNCATE events, checkpoints RESTART IDENTITY"))
        events = synthetic_events(articles)
        store = EventStore(engine)
        with tqdm(total=len(events), unit="event", desc="storing", file=sys.stderr) as bar:
            for start in range(0, len(events), 5000):
                bar.update(await store.append_idempotent(events[start : start + 5000]))
        async with engine.connect() as conn:
            projected = await projected_count(conn)
        result = await replay_with_progress(engine, range_size)
        print(
            f"replay: {result.events:,} stored events ({projected:,} projected) in {result.seconds:.2f}s"
            f" = {result.events_per_s:,.0f} events/s ({projected / result.seconds:,.0f} projected events/s)"
        )
    finally:
        await engine.dispose()


def run(args: argparse.Namespace) -> int:
    with servers() as settings:
        asyncio.run(bench(database_url(settings), args.articles, args.range_size))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("replay", help="events per second of a projection rebuild")
    parser.add_argument("--articles", type=int, default=20_000, help="articles to generate (6 events each)")
    parser.add_argument("--range-size", type=int, default=200_000, help="positions folded per step")
    parser.set_defaults(run=run)
