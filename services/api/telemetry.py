"""The API's metrics: the same stream and store gauges as every service, plus HTTP and intake counts."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import Counter, Histogram

from services.store.metrics import StoreMetrics
from shared.metrics import ServiceMetrics
from shared.settings import Settings
from shared.streams import ALL_STREAMS


class ApiMetrics(ServiceMetrics):
    """Samples every stream and group, so one scrape of the API shows the whole pipeline's lag."""

    def __init__(self, settings: Settings) -> None:
        super().__init__("api", ALL_STREAMS)
        self.store = StoreMetrics(self, settings)
        self.requests = Counter(
            "bilateral_http_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "bilateral_http_request_duration_seconds",
            "HTTP request duration",
            ["route"],
            registry=self.registry,
        )
        self.intake_outcomes = Counter(
            "bilateral_api_articles", "POST /articles outcomes", ["outcome"], registry=self.registry
        )

    async def observe(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = getattr(request.scope.get("route"), "path", "unmatched")
        self.requests.labels(request.method, route, str(response.status_code)).inc()
        self.latency.labels(route).observe(time.perf_counter() - started)
        return response
