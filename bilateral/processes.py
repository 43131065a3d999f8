"""Starting the services as real processes (for `bilateral demo`, the e2e tests and the benchmarks)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVICES = ("ingest", "normalize", "store")


def start_service(service: str, log_dir: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / f"{service}.log", "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bilateral.cli", "serve", service],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )


def stop_process(process: subprocess.Popen[bytes], timeout_s: float = 30.0) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return int(process.returncode)


@contextmanager
def running_services(
    log_dir: Path, services: tuple[str, ...] = SERVICES
) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    processes = {name: start_service(name, log_dir) for name in services}
    try:
        yield processes
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            stop_process(process)
