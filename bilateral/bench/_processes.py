"""The services as separate processes for a benchmark, with what each one cost: peak RSS and CPU time.

Several normalize processes can run side by side (one consumer group, a consumer name each).
Peak RSS is the kernel's high-water mark (`VmHWM` in /proc/<pid>/status), read before a process
stops, so no sampling can miss a peak. CPU time is user + system time from /proc/<pid>/stat.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from bilateral.processes import start_service, stop_process


@dataclass(frozen=True)
class ProcessCost:
    name: str
    peak_rss_mb: float
    cpu_s: float


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def service_names(normalize_workers: int) -> list[str]:
    if normalize_workers == 1:
        return ["ingest", "normalize", "store"]
    return ["ingest", *(f"normalize-{i + 1}" for i in range(normalize_workers)), "store"]


@contextmanager
def bench_services(log_dir: Path, normalize_workers: int) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """Start ingest, `normalize_workers` normalize processes and store; stop them all on exit."""
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name in service_names(normalize_workers):
            service = name.split("-")[0]
            consumer = {"BILATERAL_CONSUMER": f"bench-{name}-{os.getpid()}"}
            processes[name] = start_service(service, log_dir / name, env=consumer)
        yield processes
    finally:
        for process in processes.values():
            stop_process(process)


def costs(processes: dict[str, subprocess.Popen[bytes]]) -> list[ProcessCost]:
    return [ProcessCost(name, peak_rss_mb(p.pid), cpu_seconds(p.pid)) for name, p in processes.items()]


def server_pids(data_dir: Path | None) -> dict[str, list[int]]:
    """The embedded Redis and PostgreSQL processes in `data_dir` (none when the servers are external)."""
    if data_dir is None:
        return {}
    found: dict[str, list[int]] = {}
    redis_pidfile, pg_pidfile = data_dir / "redis" / "redis.pid", data_dir / "pg" / "postmaster.pid"
    if redis_pidfile.exists():
        found["redis"] = [int(redis_pidfile.read_text().split()[0])]
    if pg_pidfile.exists():
        postmaster = psutil.Process(int(pg_pidfile.read_text().split()[0]))
        found["postgres"] = [postmaster.pid] + [child.pid for child in postmaster.children(recursive=True)]
    return found


ServerCpu = dict[str, dict[int, float]]


def server_cpu(data_dir: Path | None) -> ServerCpu:
    """CPU time of each embedded server's processes so far, by pid."""
    snapshot: ServerCpu = {}
    for name, pids in server_pids(data_dir).items():
        snapshot[name] = {}
        for pid in pids:
            try:
                snapshot[name][pid] = cpu_seconds(pid)
            except psutil.NoSuchProcess:
                continue
    return snapshot


def server_cpu_spent(before: ServerCpu, after: ServerCpu) -> dict[str, float]:
    """CPU seconds each server spent between two snapshots (backends that exited meanwhile are missed)."""
    return {
        name: sum(seconds - before.get(name, {}).get(pid, 0.0) for pid, seconds in pids.items())
        for name, pids in after.items()
    }
