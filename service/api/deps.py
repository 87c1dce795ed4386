"""What routes need from ``app.state``, and the bearer-token check.

The accessors are plain functions the endpoints call, not ``Depends``: FastAPI resolves each
dependency on every request, about 25–50 µs each here (docs/benchmarks.md, gateway speed), for what is
an attribute read. Authorization is a dependency because it can reject the request, and it is only
attached to the router when API keys are configured (see :func:`service.app.create_app`).
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request

from service.errors import Unauthorized
from service.pipeline import Pipeline
from service.settings import Settings

__all__ = ["Authorized", "app_pipeline", "app_settings"]


def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def app_pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


# async on purpose: FastAPI runs a plain `def` dependency in its threadpool, a thread hop per request.
async def _authorize(request: Request) -> None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("missing bearer token (Authorization: Bearer <key>)")
    # Constant-time comparison against every key: timing must not reveal a key's prefix.
    keys = app_settings(request).api_keys
    if not any(hmac.compare_digest(token.encode(), key.get_secret_value().encode()) for key in keys):
        raise Unauthorized("invalid API key")


Authorized = Depends(_authorize)
