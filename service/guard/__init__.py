"""Stage 2: detect prompt injection and jailbreaks before anything reaches a model."""

from service.guard.detector import DEFAULT_GUARD_MODEL_DIR, InjectionGuard
from service.guard.model import GuardModel, GuardModelError
from service.guard.rules import GUARD_REASONS
from service.guard.types import GuardVerdict

__all__ = [
    "DEFAULT_GUARD_MODEL_DIR",
    "GUARD_REASONS",
    "GuardModel",
    "GuardModelError",
    "GuardVerdict",
    "InjectionGuard",
]
