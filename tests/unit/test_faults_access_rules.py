"""Access rules that need no server: secrets stay out of reprs and logs, TLS settings reach the
Redis connections, query commands can read with their own role, schema names cannot inject SQL."""

from __future__ import annotations

import json
import logging

import pytest
import structlog
from redis.asyncio.connection import SSLConnection

from services.store.postgres.schemas import checked
from shared.logging import configure_logging, redact
from shared.redis_connection import broker_for, client_for, tls_options
from shared.settings import Settings

pytestmark = pytest.mark.unit
SECRET = "s3cret-Pa55"
REDIS = f"redis://bilateral:{SECRET}@redis.internal:6379/0"
DATABASE = f"postgresql://bilateral_store:{SECRET}@db.internal:5432/bilateral"


@pytest.fixture(autouse=True)
def restore_logging() -> object:
    yield
    structlog.reset_defaults()
    logging.getLogger().handlers.clear()


def settings(**env: str) -> Settings:
    return Settings(REDIS_URL=env.pop("REDIS_URL", REDIS), DATABASE_URL=DATABASE, **env)


def test_settings_never_show_their_secrets() -> None:
    configured = settings(DATABASE_READ_URL=DATABASE.replace("bilateral_store", "reader"))
    for shown in (repr(configured), str(configured), json.dumps(configured.model_dump(mode="json"))):
        assert SECRET not in shown
    assert configured.require_urls() == (REDIS, DATABASE)


def test_no_log_line_shows_a_password(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("test")
    log = structlog.get_logger()
    log.info("connecting", url=REDIS, database=DATABASE, query_form="rediss://h:6380/0?password=" + SECRET)
    log.info("configured", settings=settings(), nested={"urls": [REDIS, DATABASE]})
    try:
        raise ConnectionError(f"could not reach {DATABASE}")
    except ConnectionError:
        log.exception("connection.failed")
    logged = capsys.readouterr().err
    assert logged.count("\n") == 3
    assert SECRET not in logged
    assert "redis://bilateral:***@redis.internal" in logged


@pytest.mark.parametrize(
    "url, expected",
    [
        (REDIS, "redis://bilateral:***@redis.internal:6379/0"),
        (f"redis://:{SECRET}@h:6379", "redis://:***@h:6379"),
        (f"rediss://h:6380/0?password={SECRET}&db=1", "rediss://h:6380/0?password=***&db=1"),
        ("unix:///run/redis.sock", "unix:///run/redis.sock"),
    ],
)
def test_redact(url: str, expected: str) -> None:
    assert redact(url) == expected


def test_plain_redis_urls_get_no_tls_options() -> None:
    assert tls_options(settings(BILATERAL_REDIS_CA="/etc/ca.pem")) == {}


def test_tls_settings_reach_both_kinds_of_redis_connection() -> None:
    configured = settings(
        REDIS_URL=f"rediss://bilateral:{SECRET}@redis.internal:6380/0",
        BILATERAL_REDIS_CA="/etc/bilateral/ca.pem",
        BILATERAL_REDIS_CERT="/etc/bilateral/client.pem",
        BILATERAL_REDIS_KEY="/etc/bilateral/client.key",
    )
    expected = {
        "ssl_ca_certs": "/etc/bilateral/ca.pem",
        "ssl_certfile": "/etc/bilateral/client.pem",
        "ssl_keyfile": "/etc/bilateral/client.key",
        "ssl_cert_reqs": "required",
        "ssl_check_hostname": True,
    }
    client = client_for(configured)
    pool = client.connection_pool
    assert pool.connection_class is SSLConnection
    assert {k: pool.connection_kwargs[k] for k in expected} == expected
    assert (pool.connection_kwargs["username"], pool.connection_kwargs["password"]) == ("bilateral", SECRET)
    assert tls_options(configured) == expected
    assert broker_for(configured) is not None


def test_query_commands_read_with_their_own_url_when_one_is_set() -> None:
    reader = DATABASE.replace("bilateral_store", "bilateral_query")
    assert settings().read_database_url() == DATABASE
    assert settings(DATABASE_READ_URL=reader).read_database_url() == reader


@pytest.mark.parametrize(
    "name",
    [
        "projection; DROP TABLE events",
        'projection"',
        "projection.relations",
        "projection --",
        "Projection",
        "1projection",
        "",
        "p" * 64,
        "projection\x00",
        "projection\n",
    ],
)
def test_schema_names_that_could_inject_sql_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a schema name"):
        checked(name)


def test_the_project_schema_names_pass() -> None:
    assert [checked(n) for n in ("projection", "projection_rebuild", "faults_fold")] == [
        "projection",
        "projection_rebuild",
        "faults_fold",
    ]


def test_query_settings_swap_in_the_read_url() -> None:
    reader = DATABASE.replace("bilateral_store", "bilateral_query")
    assert settings().for_queries().database_url == settings().database_url
    for_queries = settings(DATABASE_READ_URL=reader).for_queries()
    assert for_queries.database_url is not None and for_queries.database_url.get_secret_value() == reader
    assert SECRET not in repr(for_queries)
