"""Every error becomes the same JSON body (:class:`ErrorResponse`), here and only here."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.schemas import ErrorInfo, ErrorResponse
from service.errors import IntentRouterError, Unauthorized

__all__ = ["error_response", "install_error_handlers"]

log = logging.getLogger(__name__)

_TYPES = {400: "invalid_request_error", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
          413: "payload_too_large", 422: "invalid_request_error", 503: "overloaded"}  # fmt: skip


def error_response(
    status: int, message: str, *, param: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorResponse(
        error=ErrorInfo(message=message, type=_TYPES.get(status, "error"), param=param, code=status)
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _param(loc: tuple[int | str, ...]) -> str | None:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0]
    param = _param(tuple(first.get("loc", ())))
    if first.get("type") == "json_invalid":
        return error_response(
            400,
            f"request body is not valid JSON: {first.get('ctx', {}).get('error', '')}".rstrip(": "),
            param="body",
        )
    if first.get("type") == "missing":
        message = f"field '{param}' is required"
    else:
        # pydantic's message says what was wrong; the input itself is never echoed (it may be PII).
        message = f"field '{param}': {first.get('msg', 'invalid value')}"
    return error_response(422, message, param=param)


async def _router_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, Unauthorized):
        return error_response(401, str(exc), headers={"www-authenticate": "Bearer"})
    # A BackendError escaping the pipeline is a bug: the pipeline degrades on every one of them.
    log.error("unhandled %s: %s", type(exc).__name__, exc)
    return error_response(500, "internal error")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(IntentRouterError, _router_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
