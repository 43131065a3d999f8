"""Log lines are JSON off a terminal, carry the service and, while an article is handled, its id."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from shared.logging import bound_correlation, configure_logging

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    yield
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()
    logging.getLogger().handlers.clear()


def test_lines_carry_the_service_and_the_article_as_correlation_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("normalize")
    log = structlog.get_logger()
    with bound_correlation("5c39e925"):
        log.info("article.normalized", meetings=3)
        logging.getLogger("faststream").info("a library's line")
    log.info("batch.done")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["event"] for line in lines] == ["article.normalized", "a library's line", "batch.done"]
    assert all(line["service"] == "normalize" for line in lines)
    assert [line.get("correlation_id") for line in lines] == ["5c39e925", "5c39e925", None]
