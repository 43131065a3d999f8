"""Least-privilege roles: `bilateral_writer` appends and reads events, `bilateral_reader` only reads.

Both are NOLOGIN group roles; operators create the LOGIN users that belong to them (see
docs/access.md). The writer has no UPDATE, DELETE or TRUNCATE on `events`: the event store is
append-only by permission, not only by convention. It keeps full rights on the read models and the
checkpoints, which the projector and the relay update. Migrations, replays (which create and swap
schemas) and `bilateral migrate` run as the database owner, not as either role.

Roles are cluster-wide, so their creation is idempotent (several databases may share a cluster).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

from services.store.postgres.schemas import LIVE_SCHEMA

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WRITER = "bilateral_writer"
READER = "bilateral_reader"


def _create_role(name: str) -> None:
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN
                CREATE ROLE {name} NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- created meanwhile by a migration of another database in the same cluster
        END
        $$
        """
    )


def upgrade() -> None:
    for role in (WRITER, READER):
        _create_role(role)
        op.execute(f"GRANT USAGE ON SCHEMA public, {LIVE_SCHEMA} TO {role}")
        op.execute(f"GRANT SELECT ON events, checkpoints, alembic_version TO {role}")
        op.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {LIVE_SCHEMA} TO {role}")
    op.execute(f"GRANT INSERT ON events TO {WRITER}")
    op.execute(
        "DO $$ BEGIN EXECUTE format('GRANT USAGE ON SEQUENCE %s TO " + WRITER + "',"
        " pg_get_serial_sequence('events', 'global_position')); END $$"
    )
    op.execute(f"GRANT INSERT, UPDATE ON checkpoints TO {WRITER}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {LIVE_SCHEMA} TO {WRITER}")
    # Tables later migrations create in the projection schema get the same rights.
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {LIVE_SCHEMA}"
        f" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {WRITER}"
    )
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {LIVE_SCHEMA} GRANT SELECT ON TABLES TO {READER}")


def downgrade() -> None:
    """Revokes this database's grants; the roles stay, other databases of the cluster may use them."""
    for role in (WRITER, READER):
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {LIVE_SCHEMA} REVOKE ALL ON TABLES FROM {role}")
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {LIVE_SCHEMA} FROM {role}")
        op.execute(f"REVOKE ALL ON events, checkpoints, alembic_version FROM {role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE USAGE ON SCHEMA public, {LIVE_SCHEMA} FROM {role}")
