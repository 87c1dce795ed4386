"""A streamed reply, cut into whole sentences and masked before any of it leaves the gateway.

Text-to-speech can start on the first sentence, so the fallback model's reply is streamed sentence by
sentence. Masking a fragment would miss a phone number split across two chunks, so nothing is released
before its sentence is complete; and the masker sees the whole reply so far each time, so placeholders
are numbered across sentences exactly as :func:`service.sanitize.mask_pii` numbers a whole reply.
"""

from __future__ import annotations

from service.sanitize import SanitizedText, mask_pii

__all__ = ["SentenceMasker"]

# Strong sentence ends only. A comma or an ASCII full stop can sit inside a number as spoken
# ("幺三八，零零幺三") or inside an e-mail address, and cutting there would split the value.
_SENTENCE_ENDS = frozenset("。！？!?；;\n…")


class SentenceMasker:
    """Feed raw text deltas; get back masked text, one or more whole sentences at a time."""

    def __init__(self) -> None:
        self._raw = ""
        self._complete = 0  # characters of the raw reply that end in a sentence end
        self._released = SanitizedText("", ())  # the raw reply up to _complete, masked: all returned so far

    @property
    def said(self) -> str:
        """Everything returned so far, as one text."""
        return self._released.text

    def feed(self, delta: str) -> str:
        """Masked text of the sentences that ``delta`` completed ("" while a sentence is open)."""
        # Every sentence end before this delta was released by an earlier call: scan the delta only.
        start = len(self._raw)
        self._raw += delta
        ends = [i for i in range(start, len(self._raw)) if self._raw[i] in _SENTENCE_ENDS]
        if not ends:
            return ""
        self._complete = ends[-1] + 1
        return self._release(self._raw[: self._complete])

    def close(self) -> str:
        """Masked text of whatever is left once the reply has ended."""
        self._complete = len(self._raw)
        return self._release(self._raw)

    def masked(self) -> SanitizedText:
        """The whole reply so far, masked, with what was found (for the metrics)."""
        if self._complete == len(self._raw):
            return self._released  # masked already, when it was released
        return mask_pii(self._raw)

    def _release(self, raw: str) -> str:
        masked = mask_pii(raw)
        # Earlier sentences mask the same way whatever follows them (cuts fall only on sentence ends,
        # which no masked value contains), so the new text is what lies past the released prefix.
        new = masked.text[len(self._released.text) :]
        self._released = masked
        return new
