"""The gateway's exception types.

    IntentRouterError
    ├── Unauthorized             missing or wrong bearer token (→ 401)
    ├── ConfigurationError       the settings cannot work with this back-end (stops start-up)
    ├── EmbeddedModelError       (service.classify.embedded) artefact missing, corrupt or off-taxonomy
    ├── GuardModelError          (service.guard.model) guard artefact missing or malformed
    └── BackendError             a model back-end did not give a usable answer (never reaches a client:
        │                        the pipeline degrades; `reason` becomes a metric label)
        ├── BackendTimeout       no answer before the deadline
        ├── BackendUnavailable   refused, reset, 5xx, or circuit breaker open
        └── BackendBadResponse   answered, but not with something we can use (garbage, off-taxonomy)

HTTP mapping lives in one place, ``service/api/errors.py``. Bad input, oversize bodies and load
shedding are answered before any of these is raised: by request validation and by the middleware in
``service/api/middleware.py``, through the same error body.
"""

from __future__ import annotations

__all__ = [
    "BackendBadResponse",
    "BackendError",
    "BackendTimeout",
    "BackendUnavailable",
    "ConfigurationError",
    "IntentRouterError",
    "Unauthorized",
]


class IntentRouterError(Exception):
    """Root of every error this package raises on purpose."""


class Unauthorized(IntentRouterError):
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
