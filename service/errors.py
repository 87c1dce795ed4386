"""The gateway's exception types.

    IntentRouterError
    ├── InputRejected            bad request input (→ 4xx, names the field)
    ├── Unauthorized             missing or wrong bearer token (→ 401)
    ├── Overloaded               too many requests in flight in this worker (→ 503, Retry-After)
    ├── ConfigurationError       the settings cannot work with this back-end (stops start-up)
    ├── EmbeddedModelError       (service.classify.embedded) artefact missing, corrupt or off-taxonomy
    ├── GuardModelError          (service.guard.model) guard artefact missing or malformed
    └── BackendError             a model back-end did not give a usable answer (never reaches a client:
        │                        the pipeline degrades; `reason` becomes a metric label)
        ├── BackendTimeout       no answer before the deadline
        ├── BackendUnavailable   refused, reset, 5xx, or circuit breaker open
        └── BackendBadResponse   answered, but not with something we can use (garbage, off-taxonomy)

HTTP mapping lives in one place, ``service/api/errors.py``.
"""

from __future__ import annotations

__all__ = [
    "BackendBadResponse",
    "BackendError",
    "BackendTimeout",
    "BackendUnavailable",
    "ConfigurationError",
    "InputRejected",
    "IntentRouterError",
    "Overloaded",
    "Unauthorized",
]


class IntentRouterError(Exception):
    """Root of every error this package raises on purpose."""


class InputRejected(IntentRouterError):
    status_code = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Unauthorized(IntentRouterError):
    pass


class Overloaded(IntentRouterError):
    pass


class ConfigurationError(IntentRouterError):
    """Raised at start-up; the message says which setting to change."""


class BackendError(IntentRouterError):
    """``backend`` names the back-end ("vllm", "fallback"); ``outcome`` is the metric label."""

    outcome = "error"

    def __init__(self, backend: str, detail: str) -> None:
        super().__init__(f"{backend}: {detail}")
        self.backend = backend
        self.detail = detail


class BackendTimeout(BackendError):
    outcome = "timeout"


class BackendUnavailable(BackendError):
    outcome = "unavailable"


class BackendBadResponse(BackendError):
    outcome = "bad_response"
