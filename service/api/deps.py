"""What routes need, as ``Annotated`` dependency aliases resolved from ``app.state``."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from service.errors import Unauthorized
from service.pipeline import Pipeline
from service.settings import Settings

__all__ = ["AppSettings", "Authorized", "PipelineDep"]


# async on purpose: FastAPI runs a plain `def` dependency in its threadpool, a thread hop per request
# (measured ~70-85 µs each on this CPU, docs/benchmarks.md); these do no blocking work.
async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


AppSettings = Annotated[Settings, Depends(_settings)]
PipelineDep = Annotated[Pipeline, Depends(_pipeline)]


async def _authorize(request: Request, settings: AppSettings) -> None:
    if not settings.auth_enabled:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("missing bearer token (Authorization: Bearer <key>)")
    # Constant-time comparison against every key: timing must not reveal a key's prefix.
    if not any(
        hmac.compare_digest(token.encode(), key.get_secret_value().encode()) for key in settings.api_keys
    ):
        raise Unauthorized("invalid API key")


Authorized = Depends(_authorize)
