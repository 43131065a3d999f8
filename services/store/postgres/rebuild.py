"""Rebuilding the read model from position 0, set-based, for `bilateral replay`.

The live projector folds batch by batch in Python (domain.py). A replay reaches the same state with
a handful of set-based statements, which is what makes it fast:
1. each article's current extraction is its latest `ArticleNormalized` marker;
2. the meeting and statement reports of that extraction are inserted (in position ranges, for the
   progress bar), one report per (meeting, article), the latest winning, as in `fold_batch`;
3. `meetings` and `relations` are derived from the report tables in one pass each.
Payloads of an older `schema_version` go through the Python upcasters into a staging table first,
so the SQL only ever reads current-shape payloads. Tests compare the result with the live
projector's, table by table.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.postgres import relations_sql
from services.store.postgres.event_store import read_all
from services.store.postgres.projection import PROJECTED_TYPES
from services.store.postgres.read_models import create_read_model, create_secondary_indexes
from services.store.postgres.schemas import checked
from services.store.upcasting import current_version, upcast

Progress = Callable[[int, int], object]
"""Called after each range with (last position folded, events in the range); awaited if it returns
an awaitable."""

STAGING = "upcast_staging"


async def head_position(conn: AsyncConnection) -> int:
    """The last committed position. Appends are serialised (event_store.py), so every position up to
    it that will ever exist is already visible: nothing can commit below it later."""
    return int(
        (await conn.execute(text("SELECT coalesce(max(global_position), 0) FROM events"))).scalar_one()
    )


async def fresh_schema(conn: AsyncConnection, schema: str, indexes: bool = True) -> None:
    await conn.execute(text(f"DROP SCHEMA IF EXISTS {checked(schema)} CASCADE"))
    await create_read_model(conn, schema, indexes)


def _source(s: str) -> str:
    """The events of type :etype in (:after, :upto], current-shape payloads only."""
    return f"""
    SELECT e.global_position AS position, e.event_id, e.data FROM events e
    WHERE e.event_type = :etype AND e.global_position > :after AND e.global_position <= :upto
      AND e.schema_version >= :version
    UNION ALL
    SELECT position, event_id, data FROM {s}.{STAGING}
    WHERE event_type = :etype AND position > :after AND position <= :upto"""  # noqa: S608


def _text_array(json_path: str) -> str:
    return (
        f"ARRAY(SELECT x FROM jsonb_array_elements_text(coalesce({json_path}, '[]'::jsonb))"  # noqa: S608
        " WITH ORDINALITY AS t(x, n) ORDER BY n)"
    )


EXTRACTIONS = """
INSERT INTO {s}.article_extractions (article_id, extractor_version, position)
SELECT DISTINCT ON (r.data->>'article_id') r.data->>'article_id', r.data->>'extractor_version', r.position
FROM ({src}) r ORDER BY r.data->>'article_id', r.position DESC
"""

MEETING_REPORTS = """
INSERT INTO {s}.meeting_reports (meeting_key, article_id, extractor_version, position, countries, date,
                                 participants, location, format, topics, evidence)
SELECT DISTINCT ON (r.data->>'meeting_key', r.data->>'article_id')
       r.data->>'meeting_key', r.data->>'article_id', r.data->>'extractor_version', r.position,
       {countries}, CAST(r.data->'meeting'->>'date' AS date),
       coalesce(r.data->'meeting'->'participants', '[]'::jsonb),
       nullif(r.data->'meeting'->'location', 'null'::jsonb),
       coalesce(r.data->'meeting'->>'format', 'in_person'), {topics},
       coalesce(r.data->'meeting'->'evidence', '[]'::jsonb)
FROM ({src}) r JOIN {s}.article_extractions x
     ON x.article_id = r.data->>'article_id' AND x.extractor_version = r.data->>'extractor_version'
ORDER BY r.data->>'meeting_key', r.data->>'article_id', r.position DESC
ON CONFLICT (meeting_key, article_id) DO UPDATE SET
    extractor_version = EXCLUDED.extractor_version, position = EXCLUDED.position,
    countries = EXCLUDED.countries, date = EXCLUDED.date, participants = EXCLUDED.participants,
    location = EXCLUDED.location, format = EXCLUDED.format, topics = EXCLUDED.topics,
    evidence = EXCLUDED.evidence
"""

STATEMENTS = """
INSERT INTO {s}.statements (event_id, article_id, extractor_version, position, speaker_name, speaker_title,
                            speaker_country, mode, text, date, about, evidence)
SELECT r.event_id, r.data->>'article_id', r.data->>'extractor_version', r.position,
       r.data->'statement'->'speaker'->>'name', r.data->'statement'->'speaker'->>'title',
       r.data->'statement'->'speaker'->>'country', r.data->'statement'->>'mode',
       coalesce(r.data->'statement'->>'text', ''), CAST(r.data->'statement'->>'date' AS date), {about},
       coalesce(r.data->'statement'->'evidence', '[]'::jsonb)
FROM ({src}) r JOIN {s}.article_extractions x
     ON x.article_id = r.data->>'article_id' AND x.extractor_version = r.data->>'extractor_version'
ON CONFLICT (event_id) DO NOTHING
"""


async def _stage_old_payloads(conn: AsyncConnection, s: str, upto: int) -> None:
    """Upcast, in Python, the payloads stored under an older schema version."""
    await conn.execute(
        text(f"CREATE TABLE {s}.{STAGING} (position bigint, event_id uuid, event_type text, data jsonb)")
    )
    for event_type in PROJECTED_TYPES:
        version = current_version(event_type)
        if version <= 1:
            continue
        old = await conn.execute(
            text(
                "SELECT global_position FROM events WHERE event_type = :t AND schema_version < :v"
                " AND global_position <= :upto ORDER BY global_position"
            ),
            {"t": event_type, "v": version, "upto": upto},
        )
        positions = old.scalars().all()
        for start in range(0, len(positions), 5000):
            chunk = positions[start : start + 5000]
            span = chunk[-1] - chunk[0] + 1
            events = await read_all(conn, chunk[0] - 1, span, types=(event_type,), upto=chunk[-1])
            await conn.execute(
                text(
                    f"INSERT INTO {s}.{STAGING} SELECT * FROM unnest(CAST(:p AS bigint[]),"  # noqa: S608
                    " CAST(:i AS uuid[]), CAST(:t AS text[]), CAST(:d AS jsonb[]))"
                ),
                {
                    "p": [e.global_position for e in events if e.schema_version < version],
                    "i": [e.event_id for e in events if e.schema_version < version],
                    "t": [e.event_type for e in events if e.schema_version < version],
                    "d": [
                        json.dumps(upcast(e.event_type, e.schema_version, e.data))
                        for e in events
                        if e.schema_version < version
                    ],
                },
            )


def _params(event_type: str, after: int, upto: int) -> dict[str, object]:
    return {"etype": event_type, "version": current_version(event_type), "after": after, "upto": upto}


async def bulk_fold(
    conn: AsyncConnection, schema: str, upto: int, range_size: int = 200_000, on_range: Progress | None = None
) -> None:
    """Fold events 1..`upto` into `schema` (made by `fresh_schema(..., indexes=False)`), then derive
    its tables and add the secondary indexes."""
    s = checked(schema)
    src = _source(s)
    # Fresh tables have no statistics: the planner would guess huge row counts and JIT-compile
    # every query for longer than it takes to run. Sorts stay in memory.
    await conn.execute(text("SET LOCAL jit = off"))
    await conn.execute(text("SET LOCAL work_mem = '64MB'"))
    await _stage_old_payloads(conn, s, upto)
    await conn.execute(text(EXTRACTIONS.format(s=s, src=src)), _params("ArticleNormalized", 0, upto))
    await conn.execute(text(f"ANALYZE {s}.article_extractions"))
    meetings = MEETING_REPORTS.format(
        s=s,
        src=src,
        countries=_text_array("r.data->'meeting'->'countries'"),
        topics=_text_array("r.data->'meeting'->'topics'"),
    )
    statements = STATEMENTS.format(s=s, src=src, about=_text_array("r.data->'statement'->'about'"))
    for after in range(0, upto, range_size):
        end = min(after + range_size, upto)
        await conn.execute(text(meetings), _params("MeetingReported", after, end))
        await conn.execute(text(statements), _params("StatementReported", after, end))
        if on_range is not None and inspect.isawaitable(reported := on_range(end, end - after)):
            await reported
    await conn.execute(text(f"DROP TABLE {s}.{STAGING}"))
    await conn.execute(text(relations_sql.for_schema(relations_sql.ALL_MEETINGS, s)))
    await conn.execute(text(relations_sql.for_schema(relations_sql.PAIRS_OF_MEETINGS, s)), {"keys": None})
    await conn.execute(text(relations_sql.for_schema(relations_sql.PAIRS_OF_STATEMENTS, s)), {"ids": None})
    await conn.execute(text(relations_sql.upsert_relations(s, given_pairs=False)), relations_sql.EVERY_PAIR)
    await create_secondary_indexes(conn, s)
