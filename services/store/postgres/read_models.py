"""The read models (`relations`, `meetings`, `statements`) and how a batch of changes is written.

They live in a schema of their own (`projection`), so a replay can build a fresh copy in another schema
and swap the two by renaming, in one transaction, while queries keep reading the old one.
Schema names are never user input: they come from `LIVE_SCHEMA` or from `rebuild_schema()`.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from services.store.domain import Pair, ReportChanges, pairs_of
from services.store.postgres import relations_sql
from services.store.postgres.schemas import LIVE_SCHEMA, checked

DDL = """
CREATE SCHEMA IF NOT EXISTS {s};
CREATE TABLE IF NOT EXISTS {s}.article_extractions (
    article_id text PRIMARY KEY, extractor_version text NOT NULL, position bigint NOT NULL);
CREATE TABLE IF NOT EXISTS {s}.meeting_reports (
    meeting_key text NOT NULL, article_id text NOT NULL, extractor_version text NOT NULL,
    position bigint NOT NULL, countries text[] NOT NULL, date date, participants jsonb NOT NULL,
    location jsonb, format text NOT NULL, topics text[] NOT NULL, evidence jsonb NOT NULL,
    PRIMARY KEY (meeting_key, article_id));
CREATE INDEX IF NOT EXISTS meeting_reports_article ON {s}.meeting_reports (article_id);
CREATE TABLE IF NOT EXISTS {s}.statements (
    event_id uuid PRIMARY KEY, article_id text NOT NULL, extractor_version text NOT NULL,
    position bigint NOT NULL, speaker_name text, speaker_title text, speaker_country text,
    mode text, text text NOT NULL, date date, about text[] NOT NULL, evidence jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS statements_article ON {s}.statements (article_id);
CREATE INDEX IF NOT EXISTS statements_about ON {s}.statements USING gin (about);
CREATE TABLE IF NOT EXISTS {s}.meetings (
    meeting_key text PRIMARY KEY, countries text[] NOT NULL, date date, participants jsonb NOT NULL,
    location jsonb, format text NOT NULL, topics text[] NOT NULL, sources text[] NOT NULL,
    evidence jsonb NOT NULL, first_position bigint NOT NULL, last_position bigint NOT NULL);
CREATE INDEX IF NOT EXISTS meetings_countries ON {s}.meetings USING gin (countries);
CREATE TABLE IF NOT EXISTS {s}.relations (
    country_a text NOT NULL, country_b text NOT NULL, meeting_count integer NOT NULL,
    first_meeting date, last_meeting date, last_participants jsonb NOT NULL, topics text[] NOT NULL,
    statement_count integer NOT NULL, latest_statements jsonb NOT NULL,
    PRIMARY KEY (country_a, country_b));
"""

# Which country pairs each meeting and statement involves, so that a pair's relation is derived by
# index lookups. Rows are deleted with their meeting or statement by the same statement (no foreign
# key: its per-row checks would double the cost of a replay's bulk load).
PAIR_DDL = """
CREATE TABLE IF NOT EXISTS {s}.meeting_pairs (
    country_a text NOT NULL, country_b text NOT NULL, meeting_key text NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS meeting_pairs_pair ON {s}.meeting_pairs (country_a, country_b, meeting_key);
CREATE INDEX IF NOT EXISTS meeting_pairs_meeting ON {s}.meeting_pairs (meeting_key);
CREATE TABLE IF NOT EXISTS {s}.statement_pairs (
    country_a text NOT NULL, country_b text NOT NULL, event_id uuid NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS statement_pairs_pair ON {s}.statement_pairs (country_a, country_b, event_id);
CREATE INDEX IF NOT EXISTS statement_pairs_statement ON {s}.statement_pairs (event_id);
"""


_INDEX = ("CREATE INDEX", "CREATE UNIQUE INDEX")  # built after a bulk load (the pair tables' keys too)


def _ddl(schema: str) -> list[str]:
    return [
        statement.strip()
        for statement in (DDL + PAIR_DDL).format(s=checked(schema)).split(";")
        if statement.strip()
    ]


async def create_read_model(conn: AsyncConnection, schema: str = LIVE_SCHEMA, indexes: bool = True) -> None:
    """`indexes=False` leaves out the secondary indexes (a bulk load adds them afterwards, faster)."""
    for statement in _ddl(schema):
        if indexes or not statement.startswith(_INDEX):
            await conn.execute(text(statement))


async def create_secondary_indexes(conn: AsyncConnection, schema: str) -> None:
    for statement in _ddl(schema):
        if statement.startswith(_INDEX):
            await conn.execute(text(statement))


async def stored_versions(conn: AsyncConnection, schema: str, article_ids: set[str]) -> dict[str, str]:
    if not article_ids:
        return {}
    rows = await conn.execute(
        text(
            f"SELECT article_id, extractor_version FROM {checked(schema)}.article_extractions"  # noqa: S608
            " WHERE article_id = ANY(CAST(:ids AS text[]))"
        ),
        {"ids": sorted(article_ids)},
    )
    return {article_id: version for article_id, version in rows}


RETRACT_MEETINGS = """
DELETE FROM {s}.meeting_reports r USING unnest(CAST(:articles AS text[]), CAST(:versions AS text[])) AS v(a, ver)
WHERE r.article_id = v.a AND r.extractor_version <> v.ver RETURNING r.meeting_key, r.countries
"""
RETRACT_STATEMENTS = """
WITH gone AS (
    DELETE FROM {s}.statements st USING unnest(CAST(:articles AS text[]), CAST(:versions AS text[])) AS v(a, ver)
    WHERE st.article_id = v.a AND st.extractor_version <> v.ver RETURNING st.event_id, st.about
), unpaired AS (
    DELETE FROM {s}.statement_pairs p USING gone WHERE p.event_id = gone.event_id
)
SELECT about FROM gone
"""
UPSERT_EXTRACTIONS = """
INSERT INTO {s}.article_extractions (article_id, extractor_version, position)
SELECT * FROM unnest(CAST(:articles AS text[]), CAST(:versions AS text[]), CAST(:positions AS bigint[]))
ON CONFLICT (article_id) DO UPDATE SET extractor_version = EXCLUDED.extractor_version,
                                       position = EXCLUDED.position
"""
INSERT_MEETING_REPORTS = """
INSERT INTO {s}.meeting_reports (meeting_key, article_id, extractor_version, position, countries, date,
                                 participants, location, format, topics, evidence)
SELECT k, a, v, p, string_to_array(c, ','), CAST(d AS date), CAST(pa AS jsonb),
       nullif(CAST(l AS jsonb), 'null'::jsonb), f, coalesce(string_to_array(nullif(t, ''), ','), '{{}}'),
       CAST(e AS jsonb)
FROM unnest(CAST(:k AS text[]), CAST(:a AS text[]), CAST(:v AS text[]), CAST(:p AS bigint[]),
            CAST(:c AS text[]), CAST(:d AS text[]), CAST(:pa AS text[]), CAST(:l AS text[]),
            CAST(:f AS text[]), CAST(:t AS text[]), CAST(:e AS text[])) AS x(k, a, v, p, c, d, pa, l, f, t, e)
ON CONFLICT (meeting_key, article_id) DO UPDATE SET
    extractor_version = EXCLUDED.extractor_version, position = EXCLUDED.position,
    date = EXCLUDED.date, participants = EXCLUDED.participants, location = EXCLUDED.location,
    format = EXCLUDED.format, topics = EXCLUDED.topics, evidence = EXCLUDED.evidence
"""
INSERT_STATEMENTS = """
INSERT INTO {s}.statements (event_id, article_id, extractor_version, position, speaker_name, speaker_title,
                            speaker_country, mode, text, date, about, evidence)
SELECT CAST(i AS uuid), a, v, p, sn, st, sc, m, tx, CAST(d AS date),
       coalesce(string_to_array(nullif(ab, ''), ','), '{{}}'), CAST(e AS jsonb)
FROM unnest(CAST(:i AS text[]), CAST(:a AS text[]), CAST(:v AS text[]), CAST(:p AS bigint[]),
            CAST(:sn AS text[]), CAST(:st AS text[]), CAST(:sc AS text[]), CAST(:m AS text[]),
            CAST(:tx AS text[]), CAST(:d AS text[]), CAST(:ab AS text[]), CAST(:e AS text[]))
     AS x(i, a, v, p, sn, st, sc, m, tx, d, ab, e)
ON CONFLICT (event_id) DO NOTHING
"""


def _columns(rows: list[tuple], names: str) -> dict[str, list]:
    keys = names.split()
    return {key: [row[i] for row in rows] for i, key in enumerate(keys)}


async def _retract(conn: AsyncConnection, s: str, changes: ReportChanges) -> None:
    if not changes.current_versions:
        return
    articles = sorted(changes.current_versions)
    params = {
        "articles": articles,
        "versions": [changes.current_versions[a][0] for a in articles],
        "positions": [changes.current_versions[a][1] for a in articles],
    }
    for key, countries in await conn.execute(text(RETRACT_MEETINGS.format(s=s)), params):
        changes.touched_meetings.add(key)
        changes.touched_pairs |= pairs_of(countries)
    for (about,) in await conn.execute(text(RETRACT_STATEMENTS.format(s=s)), params):
        changes.touched_pairs |= pairs_of(about)
    await conn.execute(text(UPSERT_EXTRACTIONS.format(s=s)), params)


async def _insert_reports(conn: AsyncConnection, s: str, changes: ReportChanges) -> None:
    if changes.meeting_rows:
        rows = [
            (*r[:4], ",".join(r[4]), r[5], r[6], r[7], r[8], ",".join(r[9]), r[10])
            for r in changes.meeting_rows
        ]
        await conn.execute(text(INSERT_MEETING_REPORTS.format(s=s)), _columns(rows, "k a v p c d pa l f t e"))
    if changes.statement_rows:
        rows = [(*r[:10], ",".join(r[10]), r[11]) for r in changes.statement_rows]
        await conn.execute(
            text(INSERT_STATEMENTS.format(s=s)), _columns(rows, "i a v p sn st sc m tx d ab e")
        )
        ids = {"ids": [r[0] for r in changes.statement_rows]}
        await conn.execute(text(relations_sql.for_schema(relations_sql.PAIRS_OF_STATEMENTS, s)), ids)


async def _refresh_derived(conn: AsyncConnection, s: str, meetings: set[str], pairs: set[Pair]) -> None:
    if meetings:
        keys = {"keys": sorted(meetings)}
        await conn.execute(text(relations_sql.for_schema(relations_sql.REFRESH_MEETINGS, s)), keys)
        await conn.execute(text(relations_sql.for_schema(relations_sql.DROP_UNREPORTED_MEETINGS, s)), keys)
        await conn.execute(text(relations_sql.for_schema(relations_sql.PAIRS_OF_MEETINGS, s)), keys)
    if pairs:
        ordered = sorted(pairs)
        params = {
            "a": [a for a, _ in ordered],
            "b": [b for _, b in ordered],
            "as_of": None,
        }
        await conn.execute(text(relations_sql.upsert_relations(s)), params)
        await conn.execute(text(relations_sql.for_schema(relations_sql.DROP_EMPTY_RELATIONS, s)), params)


async def apply_reports(conn: AsyncConnection, schema: str, changes: ReportChanges) -> None:
    """The report tables only (`meetings` and `relations` are derived from them)."""
    s = checked(schema)
    await _retract(conn, s, changes)
    await _insert_reports(conn, s, changes)


async def apply_changes(conn: AsyncConnection, schema: str, changes: ReportChanges) -> None:
    await apply_reports(conn, schema, changes)
    await _refresh_derived(conn, checked(schema), changes.touched_meetings, changes.touched_pairs)
