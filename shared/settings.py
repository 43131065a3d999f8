"""Settings from the environment (pydantic-settings). Built in a composition root, never at import.

Secrets (the URLs, which may carry passwords) are `SecretStr`: the settings' repr and any log line
that prints them show `**********`, never the value.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_consumer_name() -> str:
    """Unique per process, so `--workers N` and several hosts never share a pending list."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    # `redis://[user[:password]@]host:port/db`, `rediss://...` for TLS, or `unix:///path.sock`.
    redis_url: SecretStr | None = Field(default=None, alias="REDIS_URL")
    # TLS (`rediss://`): the CA that signed the server's certificate, and a client certificate and key
    # when the server asks for one (`tls-auth-clients yes`).
    redis_ca: Path | None = Field(default=None, alias="BILATERAL_REDIS_CA")
    redis_cert: Path | None = Field(default=None, alias="BILATERAL_REDIS_CERT")
    redis_key: Path | None = Field(default=None, alias="BILATERAL_REDIS_KEY")
    redis_check_hostname: bool = Field(default=True, alias="BILATERAL_REDIS_CHECK_HOSTNAME")
    # The store writes with DATABASE_URL (a role in `bilateral_writer`); query commands read with
    # DATABASE_READ_URL (a role in `bilateral_reader`) when it is set.
    database_url: SecretStr | None = Field(default=None, alias="DATABASE_URL")
    database_read_url: SecretStr | None = Field(default=None, alias="DATABASE_READ_URL")
    data_dir: Path = Field(default=Path(".data"), alias="BILATERAL_DATA_DIR")
    consumer_name: str = Field(default_factory=default_consumer_name, alias="BILATERAL_CONSUMER")
    batch_size: int = Field(default=100, alias="BILATERAL_BATCH_SIZE", ge=1, le=10_000)
    max_deliveries: int = Field(default=5, alias="BILATERAL_MAX_DELIVERIES", ge=1)
    reclaim_idle_ms: int = Field(default=30_000, alias="BILATERAL_RECLAIM_IDLE_MS", ge=100)
    max_body_bytes: int = Field(default=256 * 1024, alias="BILATERAL_MAX_BODY_BYTES")
    dedupe_ttl_s: int = Field(default=7 * 24 * 3600, alias="BILATERAL_DEDUPE_TTL_S")
    projector_poll_s: float = Field(default=0.05, alias="BILATERAL_PROJECTOR_POLL_S")
    log_level: str = Field(default="INFO", alias="BILATERAL_LOG_LEVEL")

    def require_urls(self) -> tuple[str, str]:
        if self.redis_url is None or self.database_url is None:
            raise RuntimeError("REDIS_URL and DATABASE_URL must be set (or use the embedded servers)")
        return self.redis_url.get_secret_value(), self.database_url.get_secret_value()

    def for_queries(self) -> Settings:
        """These settings with DATABASE_URL replaced by DATABASE_READ_URL, if that is set: what query
        commands run with, so that they connect as a role in `bilateral_reader`."""
        if self.database_read_url is None:
            return self
        return self.model_copy(update={"database_url": self.database_read_url})

    def read_database_url(self) -> str:
        """The URL query commands use: DATABASE_READ_URL if set, else DATABASE_URL."""
        url = self.database_read_url or self.database_url
        if url is None:
            raise RuntimeError(
                "DATABASE_URL is not set (run through `bilateral` to use the embedded PostgreSQL)"
            )
        return url.get_secret_value()
