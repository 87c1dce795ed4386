"""Mask personal data in one utterance or model reply (policy: docs/guard.md).

The detectors each return :class:`Detection` values on the original text; this module settles overlaps
and writes the typed, numbered placeholders. It runs on the event loop for every request and every
fallback reply, so it stays pure regex and arithmetic: tens of microseconds per utterance.
"""

from __future__ import annotations

from service.sanitize.digits import to_digit_view
from service.sanitize.documents import detect_documents
from service.sanitize.numbers import detect_numbers
from service.sanitize.persons import detect_persons
from service.sanitize.types import Detection, PiiSpan, SanitizedText

__all__ = ["detect_pii", "mask_pii"]


def detect_pii(text: str) -> list[Detection]:
    """Every PII value in ``text``, non-overlapping, in text order; offsets into ``text``.

    Where two detections overlap the longer wins (an e-mail holding a phone number is one e-mail),
    then the one found first.
    """
    view = to_digit_view(text)
    documents = detect_documents(view)
    candidates = documents + detect_numbers(text, view, claimed=documents) + detect_persons(text)
    if not candidates:
        return []
    candidates.sort(key=lambda d: d.start - d.end)  # longest first; sort is stable
    kept: list[Detection] = []
    for det in candidates:
        if all(det.end <= k.start or k.end <= det.start for k in kept):
            kept.append(det)
    kept.sort(key=lambda d: d.start)
    return kept


def mask_pii(text: str) -> SanitizedText:
    """Replace each PII value with a typed, numbered placeholder (``<PHONE_1>``, ``<ID_CARD_2>``).

    The same value gets the same placeholder within one call, even when said once in digits and once in
    Chinese numerals. Returned spans point into the masked text. Never raises on any ``str``.
    """
    detections = detect_pii(text)
    if not detections:
        return SanitizedText(text=text, spans=())
    numbering: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    out: list[str] = []
    spans: list[PiiSpan] = []
    pos = 0
    length = 0
    for det in detections:
        out.append(text[pos : det.start])
        length += det.start - pos
        placeholder = numbering.get((det.type, det.key))
        if placeholder is None:
            counts[det.type] = counts.get(det.type, 0) + 1
            placeholder = f"<{det.type.upper()}_{counts[det.type]}>"
            numbering[(det.type, det.key)] = placeholder
        spans.append(
            PiiSpan(type=det.type, start=length, end=length + len(placeholder), placeholder=placeholder)
        )
        out.append(placeholder)
        length += len(placeholder)
        pos = det.end
    out.append(text[pos:])
    return SanitizedText(text="".join(out), spans=tuple(spans))
