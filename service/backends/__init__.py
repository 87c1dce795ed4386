"""Clients for the model back-ends (vLLM, the fallback model): pooled HTTP, deadlines, breakers."""

from service.backends.client import BackendClient, CircuitOpen

__all__ = ["BackendClient", "CircuitOpen"]
