"""Stage 1: find personal data and replace it with typed placeholders."""

from service.sanitize.pii import detect_pii, mask_pii
from service.sanitize.types import PII_TYPES, Detection, PiiSpan, SanitizedText

__all__ = ["PII_TYPES", "Detection", "PiiSpan", "SanitizedText", "detect_pii", "mask_pii"]
