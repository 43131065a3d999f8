"""Building the SQLAlchemy async engine from `DATABASE_URL` (plain `postgresql://` URLs are accepted)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from shared.settings import Settings


def async_url(url: str) -> str:
    for prefix in ("postgresql+asyncpg://", "postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


def database_url(settings: Settings) -> str:
    if settings.database_url is None:
        raise RuntimeError("DATABASE_URL is not set (run through `bilateral` to use the embedded PostgreSQL)")
    return settings.database_url.get_secret_value()


def engine_for(settings: Settings, pool_size: int = 5) -> AsyncEngine:
    """The statement cache is off: a replay renames schemas, which would invalidate cached plans."""
    return create_async_engine(
        async_url(database_url(settings)),
        pool_size=pool_size,
        max_overflow=5,
        pool_pre_ping=True,
        connect_args={"statement_cache_size": 0, "server_settings": {"application_name": "bilateral"}},
    )
