"""Comparing read models in tests: every table of a read-model schema, rows in key order."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

TABLE_KEYS = {
    "article_extractions": "article_id",
    "meeting_reports": "meeting_key, article_id",
    "statements": "event_id",
    "meetings": "meeting_key",
    "relations": "country_a, country_b",
    "meeting_pairs": "country_a, country_b, meeting_key",
    "statement_pairs": "country_a, country_b, event_id",
}


async def snapshot(engine: AsyncEngine, schema: str = "projection") -> dict[str, list[Any]]:
    """Every read-model table, rows in key order, as comparable values."""
    out = {}
    async with engine.connect() as conn:
        for table, key in TABLE_KEYS.items():
            rows = await conn.execute(text(f"SELECT * FROM {schema}.{table} ORDER BY {key}"))  # noqa: S608
            out[table] = [tuple(json.dumps(v, default=str, sort_keys=True) for v in row) for row in rows]
    return out
