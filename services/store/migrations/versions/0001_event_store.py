"""The event store, projection checkpoints and the relations read model.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op

from services.store.postgres.read_models import DDL
from services.store.postgres.schemas import LIVE_SCHEMA

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE events (
            global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            stream_id text NOT NULL,
            stream_version integer NOT NULL CHECK (stream_version > 0),
            event_type text NOT NULL,
            schema_version integer NOT NULL,
            data jsonb NOT NULL,
            metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
            correlation_id text,
            causation_id text,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (stream_id, stream_version)
        )
        """
    )
    op.execute("CREATE INDEX events_type_position ON events (event_type, global_position)")
    op.execute("CREATE INDEX events_correlation ON events (correlation_id)")
    op.execute(
        """
        CREATE TABLE checkpoints (
            name text PRIMARY KEY,
            position bigint NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    for statement in DDL.format(s=LIVE_SCHEMA).split(";"):
        if statement.strip():
            op.execute(statement)


def downgrade() -> None:
    op.execute(f"DROP SCHEMA IF EXISTS {LIVE_SCHEMA} CASCADE")
    op.execute("DROP TABLE IF EXISTS checkpoints")
    op.execute("DROP TABLE IF EXISTS events")
