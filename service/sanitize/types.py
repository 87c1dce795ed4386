"""Values the sanitize stage returns, and the fixed set of PII types it knows."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PII_TYPES", "Detection", "PiiSpan", "SanitizedText"]

# Fixed and small on purpose: each type is a Prometheus label value (intent_router_pii_masked_total{type}).
# Landlines are "phone" too; HK and Taiwan identity cards are "id_card"; HK/Macau/Taiwan travel permits
# are "permit"; WeChat IDs and QQ numbers are "account". docs/guard.md gives the policy for each.
PII_TYPES: tuple[str, ...] = (
    "phone",
    "id_card",
    "bank_card",
    "email",
    "plate",
    "passport",
    "permit",
    "account",
    "name",
    "address",
)


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One masked value: its type and where its placeholder sits in the *sanitized* text.

    Offsets point into the masked text (where ``placeholder`` now stands), never into the original,
    so nothing downstream can recover the value from them.
    """

    type: str  # one of PII_TYPES
    start: int
    end: int
    placeholder: str  # e.g. "<PHONE_1>"

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class SanitizedText:
    text: str
    spans: tuple[PiiSpan, ...]


@dataclass(frozen=True, slots=True)
class Detection:
    """A PII value found in the *original* text, before masking.

    ``key`` is the value in canonical form (digits only for numbers), so a number said once in
    Chinese numerals and once in digits gets one placeholder.
    """

    type: str
    start: int
    end: int
    key: str

    def __post_init__(self) -> None:
        if self.type not in PII_TYPES:
            raise ValueError(f"unknown PII type {self.type!r}; expected one of {PII_TYPES}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")
