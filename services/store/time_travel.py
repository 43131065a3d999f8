"""Relations as they stood after a given event: the live projector's own fold (`project_batch`), up
to that position, into a throw-away schema inside a transaction that is rolled back."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine

from services.store.postgres import queries
from services.store.postgres.projection import project_batch
from services.store.postgres.rebuild import fresh_schema


async def relations_at_position(
    engine: AsyncEngine, position: int, as_of: date | None = None, batch_size: int = 5000
) -> list[queries.RelationRow]:
    schema = f"projection_at_{uuid.uuid4().hex[:12]}"
    async with engine.connect() as conn:
        transaction = await conn.begin()
        try:
            await fresh_schema(conn, schema)
            after, count = 0, 1
            while count:
                after, count = await project_batch(conn, schema, after, batch_size, upto=position)
            if as_of is not None:
                return await queries.relations_as_of(conn, as_of, schema)
            return await queries.relations(conn, schema=schema)
        finally:
            await transaction.rollback()
