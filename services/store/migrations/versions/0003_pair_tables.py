"""Pair tables: which country pairs each meeting and statement involves, filled from the read model.

They let the projector derive a pair's relation by index lookups instead of scanning every meeting
that shares a country with it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

from services.store.postgres.read_models import PAIR_DDL
from services.store.postgres.relations_sql import PAIRS_OF_MEETINGS, PAIRS_OF_STATEMENTS
from services.store.postgres.schemas import LIVE_SCHEMA

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in PAIR_DDL.format(s=LIVE_SCHEMA).split(";"):
        if statement.strip():
            op.execute(statement)
    op.execute(PAIRS_OF_MEETINGS.format(s=LIVE_SCHEMA).replace(":keys", "NULL"))
    op.execute(PAIRS_OF_STATEMENTS.format(s=LIVE_SCHEMA).replace(":ids", "NULL"))


def downgrade() -> None:
    op.execute(f"DROP TABLE IF EXISTS {LIVE_SCHEMA}.meeting_pairs, {LIVE_SCHEMA}.statement_pairs")
