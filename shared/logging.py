"""structlog set-up shared by every process: JSON when not on a terminal, key=value on one.

The article id is bound as `correlation_id` with `bound_correlation(...)` (contextvars), so every log
line a handler writes while working on an article carries it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import structlog

_URL_SECRET = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]*):(?P<secret>[^@\s]+)@")
_QUERY_SECRET = re.compile(r"(?P<key>[?&](?:password|sslpassword)=)[^&\s\"']+", re.IGNORECASE)


def redact(text: str) -> str:
    """Hide passwords in URLs (`redis://user:secret@host` becomes `redis://user:***@host`, and
    `?password=secret` becomes `?password=***`)."""
    return _QUERY_SECRET.sub(r"\g<key>***", _URL_SECRET.sub(r"\g<scheme>\g<user>:***@", text))


def _redacted(renderer: Any) -> Any:
    """The rendered line, redacted as a whole: tracebacks and nested values included."""

    def render(logger: Any, name: str, event_dict: MutableMapping[str, Any]) -> str:
        return redact(renderer(logger, name, event_dict))

    return render


def _redact_secrets(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key, value in event_dict.items():
        if isinstance(value, str) and "://" in value:
            event_dict[key] = redact(value)
    return event_dict


def configure_logging(service: str, level: str = "INFO") -> None:
    renderer: Any = (
        structlog.dev.ConsoleRenderer(colors=False)
        if sys.stderr.isatty()
        else structlog.processors.JSONRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _redact_secrets,
            structlog.processors.format_exc_info,
            _redacted(renderer),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)
    _route_stdlib_logging(renderer, logging.getLevelName(level.upper()))


def _route_stdlib_logging(renderer: Any, level: int) -> None:
    """Libraries log through `logging` (FastStream's own lines among them): give them the same
    JSON lines, redaction and service/correlation fields as structlog's."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)  # FastStream sets its loggers to DEBUG for per-message lines
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, _redacted(renderer)],
            foreign_pre_chain=[
                structlog.contextvars.merge_contextvars,
                structlog.stdlib.add_logger_name,
                structlog.processors.add_log_level,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
                _redact_secrets,
                structlog.processors.format_exc_info,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    for name in ("faststream", "faststream.access", "faststream.access.redis"):
        library_logger = logging.getLogger(name)
        library_logger.handlers = [handler]
        library_logger.propagate = False


@contextmanager
def bound_correlation(correlation_id: str) -> Iterator[None]:
    with structlog.contextvars.bound_contextvars(correlation_id=correlation_id):
        yield
