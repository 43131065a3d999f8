"""`bench pipeline`'s parts that need no server: its refusal to empty given servers, and its table."""

from __future__ import annotations

import pytest

from bilateral.bench._fresh import NotFresh, fresh_servers
from bilateral.bench._processes import ProcessCost, service_names
from bilateral.bench.pipeline import ThroughputReport, cost_table

pytestmark = pytest.mark.unit


def test_refuses_to_empty_servers_it_was_pointed_at_without_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing")
    with pytest.raises(NotFresh), fresh_servers(allow_emptying=False, name="test"):
        pytest.fail("must not get here")


def test_one_consumer_per_normalize_process() -> None:
    assert service_names(1) == ["ingest", "normalize", "store"]
    assert service_names(3) == ["ingest", "normalize-1", "normalize-2", "normalize-3", "store"]


def test_cost_table_gives_cpu_per_article_and_a_total() -> None:
    run = ThroughputReport(articles=1000, push_s=1.0, total_s=10.0, events=16000, projected=1000)
    table = cost_table(
        [ProcessCost("ingest", 90.0, 3.0), ProcessCost("store", 120.0, 7.0)],
        {"ingest": 1.0, "store": 2.0},
        {"postgres": 5.0},
        run,
    )
    lines = table.splitlines()
    assert lines[2].split() == ["ingest", "90", "2.0", "2.00", "20%"]
    assert lines[4].split() == ["postgres", "5.0", "5.00", "50%"]
    assert lines[5].split() == ["all", "12.0", "12.00", "120%"]
