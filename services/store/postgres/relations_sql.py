"""The SQL that derives `meetings` from meeting reports and `relations` from meetings and statements.

One derivation serves the live projector (for the pairs a batch touched), replays, and the
time-travel queries (`as_of` keeps meetings and statements up to a date).
"""

from __future__ import annotations

from services.store.postgres.schemas import checked

REFRESH_MEETINGS = """
WITH keys AS (SELECT unnest(CAST(:keys AS text[])) AS meeting_key),
primary_report AS (
    SELECT DISTINCT ON (r.meeting_key) r.*
    FROM {s}.meeting_reports r JOIN keys USING (meeting_key)
    ORDER BY r.meeting_key, jsonb_array_length(r.participants) DESC, (r.location IS NULL), r.position
),
sources AS (
    SELECT r.meeting_key, array_agg(r.article_id ORDER BY r.position) AS sources,
           jsonb_agg(jsonb_build_object('article_id', r.article_id, 'evidence', r.evidence)
                     ORDER BY r.position) AS evidence,
           min(r.position) AS first_position, max(r.position) AS last_position,
           ARRAY(SELECT DISTINCT t FROM {s}.meeting_reports r2, unnest(r2.topics) t
                 WHERE r2.meeting_key = r.meeting_key ORDER BY t) AS topics
    FROM {s}.meeting_reports r JOIN keys USING (meeting_key)
    GROUP BY r.meeting_key
)
INSERT INTO {s}.meetings AS m (meeting_key, countries, date, participants, location, format, topics,
                               sources, evidence, first_position, last_position)
SELECT p.meeting_key, p.countries, p.date, p.participants, p.location, p.format, s.topics,
       s.sources, s.evidence, s.first_position, s.last_position
FROM primary_report p JOIN sources s USING (meeting_key)
ON CONFLICT (meeting_key) DO UPDATE SET
    countries = EXCLUDED.countries, date = EXCLUDED.date, participants = EXCLUDED.participants,
    location = EXCLUDED.location, format = EXCLUDED.format, topics = EXCLUDED.topics,
    sources = EXCLUDED.sources, evidence = EXCLUDED.evidence,
    first_position = EXCLUDED.first_position, last_position = EXCLUDED.last_position
"""

DROP_UNREPORTED_MEETINGS = """
WITH gone AS (
    DELETE FROM {s}.meetings m WHERE m.meeting_key = ANY(CAST(:keys AS text[]))
    AND NOT EXISTS (SELECT 1 FROM {s}.meeting_reports r WHERE r.meeting_key = m.meeting_key)
    RETURNING m.meeting_key
)
DELETE FROM {s}.meeting_pairs p USING gone WHERE p.meeting_key = gone.meeting_key
"""

_AS_OF = "(CAST(:as_of AS date) IS NULL OR {alias}.date <= CAST(:as_of AS date))"
# Only the given pairs: an index lookup per pair in the pair tables, whatever the tables' size.
_GIVEN_SCOPE = "JOIN wanted w ON (w.a, w.b) = (p.country_a, p.country_b)"
_GIVEN_ROWS = "SELECT a, b FROM wanted"
_ALL_ROWS = "SELECT a, b FROM meeting_agg UNION SELECT a, b FROM statement_agg"

# The relations derivation: one row per unordered country pair, grouped over the pairs each meeting
# and statement involves. Live projector (given pairs), replay (all pairs) and `--as-of` share it.
RELATIONS_SELECT = """
WITH wanted AS (SELECT * FROM unnest(CAST(:a AS text[]), CAST(:b AS text[])) AS w(a, b)),
meeting_pairs AS (
    SELECT p.meeting_key, p.country_a AS a, p.country_b AS b
    FROM {s}.meeting_pairs p {scope} JOIN {s}.meetings m USING (meeting_key) WHERE {meeting_as_of}
),
meeting_agg AS (
    SELECT mp.a, mp.b, count(*)::int AS meeting_count, min(m.date) AS first_meeting, max(m.date) AS last_meeting
    FROM meeting_pairs mp JOIN {s}.meetings m USING (meeting_key) GROUP BY mp.a, mp.b
),
pair_topics AS (
    SELECT mp.a, mp.b, array_agg(DISTINCT t ORDER BY t) AS topics
    FROM meeting_pairs mp JOIN {s}.meetings m USING (meeting_key), unnest(m.topics) t GROUP BY mp.a, mp.b
),
last_meeting AS (
    SELECT DISTINCT ON (mp.a, mp.b) mp.a, mp.b, m.participants
    FROM meeting_pairs mp JOIN {s}.meetings m USING (meeting_key)
    ORDER BY mp.a, mp.b, m.date DESC NULLS LAST, m.last_position DESC
),
statement_pairs AS (
    SELECT p.event_id, p.country_a AS a, p.country_b AS b
    FROM {s}.statement_pairs p {scope} JOIN {s}.statements st USING (event_id) WHERE {statement_as_of}
),
ranked_statements AS (
    SELECT sp.a, sp.b, st.*, row_number() OVER (
        PARTITION BY sp.a, sp.b ORDER BY st.date DESC NULLS LAST, st.position DESC) AS rank
    FROM statement_pairs sp JOIN {s}.statements st USING (event_id)
),
statement_agg AS (
    SELECT a, b, count(*)::int AS statement_count,
           jsonb_agg(jsonb_build_object('speaker', speaker_name, 'country', speaker_country, 'text', text,
                                        'date', date, 'article_id', article_id) ORDER BY rank)
               FILTER (WHERE rank <= 3) AS latest_statements
    FROM ranked_statements GROUP BY a, b
)
SELECT p.a AS country_a, p.b AS country_b, coalesce(ma.meeting_count, 0) AS meeting_count,
       ma.first_meeting, ma.last_meeting, coalesce(lm.participants, '[]'::jsonb) AS last_participants,
       coalesce(pt.topics, '{{}}') AS topics, coalesce(sa.statement_count, 0) AS statement_count,
       coalesce(sa.latest_statements, '[]'::jsonb) AS latest_statements
FROM ({rows}) p
LEFT JOIN meeting_agg ma USING (a, b) LEFT JOIN pair_topics pt USING (a, b)
LEFT JOIN last_meeting lm USING (a, b) LEFT JOIN statement_agg sa USING (a, b)
"""

UPSERT_RELATIONS = """
INSERT INTO {s}.relations AS r (country_a, country_b, meeting_count, first_meeting, last_meeting,
                                last_participants, topics, statement_count, latest_statements)
{select}
ON CONFLICT (country_a, country_b) DO UPDATE SET
    meeting_count = EXCLUDED.meeting_count, first_meeting = EXCLUDED.first_meeting,
    last_meeting = EXCLUDED.last_meeting, last_participants = EXCLUDED.last_participants,
    topics = EXCLUDED.topics, statement_count = EXCLUDED.statement_count,
    latest_statements = EXCLUDED.latest_statements
"""

DROP_EMPTY_RELATIONS = """
DELETE FROM {s}.relations WHERE meeting_count = 0 AND statement_count = 0
AND (country_a, country_b) IN (SELECT * FROM unnest(CAST(:a AS text[]), CAST(:b AS text[])))
"""


EVERY_PAIR: dict[str, object] = {"a": [], "b": [], "as_of": None}

# The pair tables: which unordered country pairs each meeting and statement involves (`keys`/`ids`:
# only those; NULL: all of them).
PAIRS_OF_MEETINGS = """
INSERT INTO {s}.meeting_pairs (country_a, country_b, meeting_key)
SELECT DISTINCT c1, c2, m.meeting_key FROM {s}.meetings m, unnest(m.countries) c1, unnest(m.countries) c2
WHERE c1 < c2 AND (CAST(:keys AS text[]) IS NULL OR m.meeting_key = ANY(CAST(:keys AS text[])))
ON CONFLICT DO NOTHING
"""
PAIRS_OF_STATEMENTS = """
INSERT INTO {s}.statement_pairs (country_a, country_b, event_id)
SELECT DISTINCT c1, c2, st.event_id FROM {s}.statements st, unnest(st.about) c1, unnest(st.about) c2
WHERE c1 < c2 AND (CAST(:ids AS uuid[]) IS NULL OR st.event_id = ANY(CAST(:ids AS uuid[])))
ON CONFLICT DO NOTHING
"""


def relations_select(schema: str, given_pairs: bool) -> str:
    """Parameters: `as_of` (a date or None) and, with `given_pairs`, `a` and `b` (the pairs, as two
    arrays)."""
    return RELATIONS_SELECT.format(
        s=checked(schema),
        meeting_as_of=_AS_OF.format(alias="m"),
        statement_as_of=_AS_OF.format(alias="st"),
        scope=_GIVEN_SCOPE if given_pairs else "",
        rows=_GIVEN_ROWS if given_pairs else _ALL_ROWS,
    )


def upsert_relations(schema: str, given_pairs: bool = True) -> str:
    return UPSERT_RELATIONS.format(s=checked(schema), select=relations_select(schema, given_pairs))


def for_schema(sql: str, schema: str) -> str:
    return sql.format(s=checked(schema))


# Every meeting at once, set-based (a replay's derivation): the same choices as REFRESH_MEETINGS.
ALL_MEETINGS = """
WITH primary_report AS (
    SELECT DISTINCT ON (r.meeting_key) r.*
    FROM {s}.meeting_reports r
    ORDER BY r.meeting_key, jsonb_array_length(r.participants) DESC, (r.location IS NULL), r.position
),
sources AS (
    SELECT r.meeting_key, array_agg(r.article_id ORDER BY r.position) AS sources,
           jsonb_agg(jsonb_build_object('article_id', r.article_id, 'evidence', r.evidence)
                     ORDER BY r.position) AS evidence,
           min(r.position) AS first_position, max(r.position) AS last_position
    FROM {s}.meeting_reports r GROUP BY r.meeting_key
),
meeting_topics AS (
    SELECT r.meeting_key, array_agg(DISTINCT t ORDER BY t) AS topics
    FROM {s}.meeting_reports r, unnest(r.topics) t GROUP BY r.meeting_key
)
INSERT INTO {s}.meetings (meeting_key, countries, date, participants, location, format, topics,
                          sources, evidence, first_position, last_position)
SELECT p.meeting_key, p.countries, p.date, p.participants, p.location, p.format,
       coalesce(t.topics, '{{}}'), s.sources, s.evidence, s.first_position, s.last_position
FROM primary_report p JOIN sources s USING (meeting_key) LEFT JOIN meeting_topics t USING (meeting_key)
"""
