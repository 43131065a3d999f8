"""deploy/compose.yaml and deploy/Procfile run only `bilateral` commands that exist, with what they need."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from bilateral.cli import build_parser

pytestmark = pytest.mark.unit
DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8")))


def procfile() -> dict[str, list[str]]:
    """Process name -> argv, without the leading `NAME=value` environment assignments."""
    processes = {}
    for line in (DEPLOY / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            words = shlex.split(command)
            while words and "=" in words[0] and not words[0].startswith("-"):
                words.pop(0)
            processes[name.strip()] = words
    return processes


def bilateral_commands() -> list[list[str]]:
    commands = []
    for service in compose()["services"].values():
        for argv in (service.get("command"), service.get("healthcheck", {}).get("test", [None])[1:]):
            if argv and argv[0] == "bilateral":
                commands.append(argv)
    return commands + list(procfile().values())


def parses(argv: list[str]) -> bool:
    try:
        build_parser().parse_args(argv[1:])
    except SystemExit:
        return False
    return True


def test_every_command_named_exists() -> None:
    commands = bilateral_commands()
    assert len(commands) >= 13
    assert all(argv[0] == "bilateral" for argv in commands)
    assert [argv for argv in commands if not parses(argv)] == []


def test_the_check_itself_catches_a_missing_command() -> None:
    assert not parses(["bilateral", "serve", "nonexistent"])
    assert not parses(["bilateral", "launch"])


def test_compose_runs_the_whole_pipeline() -> None:
    services = compose()["services"]
    assert {"redis", "postgres", "migrate", "ingest", "normalize", "store", "api"} <= set(services)
    assert "--appendonly" in services["redis"]["command"]
    assert services["migrate"]["command"] == ["bilateral", "migrate"]
    assert services["normalize"]["deploy"]["replicas"] == 2
    for name in ("ingest", "normalize", "store", "api"):
        service = services[name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["healthcheck"]["test"][-1] == name, f"{name} checks its own heartbeat"
        assert service["command"][:3] == ["bilateral", "serve", name]
    for name in ("redis", "postgres"):
        assert services[name]["healthcheck"]["test"]


def test_procfile_runs_every_service() -> None:
    assert {name: argv[:3] for name, argv in procfile().items()} == {
        name: ["bilateral", "serve", name] for name in ("ingest", "normalize", "store", "api")
    }
