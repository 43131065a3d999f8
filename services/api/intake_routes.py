"""`POST /articles`: the HTTP door to the stream intake (see `intake.py`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from services.api.intake import submit_article
from services.api.schemas import ArticleAccepted, ArticleRefused, IntakeUnavailable, RawArticle
from shared.streams import ARTICLES_RAW

router = APIRouter()
STATUS_CODES = {"accepted": 202, "duplicate": 200, "rejected": 422, "unavailable": 503, "timeout": 504}


@router.post(
    "/articles",
    tags=["intake"],
    status_code=202,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RawArticle.model_json_schema()}},
        }
    },
    responses={
        202: {"model": ArticleAccepted, "description": "accepted: the article id"},
        200: {"model": ArticleAccepted, "description": "a duplicate of an article already accepted"},
        413: {"description": "the request is larger than the intake takes"},
        422: {"model": ArticleRefused, "description": "rejected, with ingest's reason code"},
        503: {"model": IntakeUnavailable, "description": "ingest is not running; nothing was queued"},
        504: {"model": IntakeUnavailable, "description": "queued, but ingest did not answer in time"},
    },
)
async def post_article(request: Request) -> JSONResponse:
    """Submit one article (the JSON a stream producer would put in `data`) and wait for ingest's verdict.

    The body goes to the stream untouched: ingest validates it exactly as it validates `redis-cli`
    producers, so the reason codes are the same.
    """
    state = request.app.state
    body = await request.body()
    if len(body) > state.max_request_bytes:
        return JSONResponse(
            {"status": "rejected", "reason": "body_too_large", "detail": "request too large"}, 413
        )
    outcome = await submit_article(state.redis, body, state.reply_timeout_s)
    reply: dict[str, Any] = outcome.reply
    status = reply.get("status", "")
    state.metrics.sent(ARTICLES_RAW, 1 if outcome.kind != "unavailable" else 0)
    state.intake_outcomes.labels(status).inc()
    return JSONResponse(reply, STATUS_CODES.get(status, 502))
