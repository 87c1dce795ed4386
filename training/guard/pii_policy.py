"""Score :func:`service.sanitize.mask_pii` on ``pii_cases.jsonl`` against our written policy.

The cases come from other libraries' test suites, and their edge cases disagree with each other (one
calls a checksum-failing ID valid because it only checks the format, another calls a checksum-valid ID
invalid because its county was abolished). docs/guard.md decides each kind of disagreement once; this
module applies those decisions by the case's attributes, never by its text, and reports the numbers
both as labelled by the source and as adjudicated by the policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from service.sanitize import PII_TYPES, detect_pii

__all__ = ["PiiScore", "expected_type", "score_pii_cases"]

# Source label -> our type. Labels missing here are outside the policy: nothing is expected to be masked.
_LABEL_TO_TYPE = {
    "CN_MOBILE": "phone",
    "CN_LANDLINE": "phone",
    "PHONE_NUMBER": "phone",
    "CN_ID_CARD": "id_card",
    "CN_ID_CARD_15": "id_card",
    "TW_ID": "id_card",
    "HK_ID": "id_card",
    "BANK_CARD": "bank_card",
    "CREDIT_CARD": "bank_card",
    "EMAIL": "email",
    "CN_PLATE": "plate",
    "CN_PASSPORT": "passport",
    "PASSPORT": "passport",
    "CN_NAME": "name",
    "CN_ADDRESS": "address",
}
# Company registration codes (统一社会信用代码) and postcodes identify no person.
OUT_OF_POLICY = ("CN_USCC", "CN_POSTCODE")


# A record the policy leaves open: neither masking nor passing it is an error.
UNSCORED = "unscored"


def expected_type(record: dict[str, object], *, by_policy: bool) -> str | None:
    """The type a whole-record case should be masked as, None when nothing should be, or UNSCORED."""
    label = str(record["label"])
    if label == "none":
        # A checksum-valid number that a strict validator rejects for its region code at birth year: we
        # mask when the check digit, province and date pass, so either outcome follows the policy.
        return UNSCORED if by_policy and record.get("gb11643_checksum_ok") is True else None
    kind = _LABEL_TO_TYPE.get(label)
    if kind is None or not by_policy:
        return kind
    if kind == "id_card" and record.get("gb11643_checksum_ok") is False:
        return None  # format-only examples: a wrong check digit is not an ID
    text = str(record["text"])
    if kind == "bank_card" and record.get("luhn_ok") is False and not text.startswith("62"):
        return None  # Luhn-invalid, and not a UnionPay BIN
    if record.get("level") == "string" and kind in ("name", "address"):
        return None  # names and addresses only when introduced (我叫…, 住在…号)
    if record.get("level") == "string" and label == "PASSPORT":
        return None  # a bare foreign passport number is any digit string; needs the word "passport"
    if kind == "bank_card" and sum(c.isdigit() for c in text) < 14:
        return None  # personal cards have 14 to 19 digits; shorter ones are corporate account numbers
    if label == "PHONE_NUMBER" and "+" not in text and not _MAINLAND_NUMBER.search(text):
        return None  # a foreign number is masked in international form (+country code) only
    if kind == "email" and record.get("level") == "string" and not _has_valid_tld(text):
        return None  # a top-level domain has at least two letters
    return kind


_MAINLAND_NUMBER = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|0[1-9][0-9]{8,10})(?![0-9])")


def _has_valid_tld(text: str) -> bool:
    tail = text.rsplit(".", 1)[-1]
    return len(tail) >= 2 and tail.isascii() and tail.isalpha()


# Travel documents: one source files 通行证 (permit) numbers under passports.
_SAME_FAMILY = {"passport": ("passport", "permit"), "permit": ("permit", "passport")}


@dataclass(frozen=True, slots=True)
class PiiScore:
    """Per-type counts; ``by_policy`` tells which expectations were used."""

    by_policy: bool
    true_positives: dict[str, int]
    false_negatives: dict[str, int]
    false_positives: dict[str, int]
    misses: tuple[str, ...]  # "source :: label", for the report; never the case text

    def precision(self, kind: str) -> float | None:
        tp, fp = self.true_positives.get(kind, 0), self.false_positives.get(kind, 0)
        return tp / (tp + fp) if tp + fp else None

    def recall(self, kind: str) -> float | None:
        tp, fn = self.true_positives.get(kind, 0), self.false_negatives.get(kind, 0)
        return tp / (tp + fn) if tp + fn else None

    def total(self) -> tuple[int, int, int]:
        return (
            sum(self.true_positives.values()),
            sum(self.false_negatives.values()),
            sum(self.false_positives.values()),
        )


def _expected_spans(record: dict[str, object], *, by_policy: bool) -> list[tuple[int, int, str]]:
    spans = record.get("spans")
    if str(record["label"]) == "MIXED" and isinstance(spans, list):
        out = []
        for s in spans:
            kind = _LABEL_TO_TYPE.get(str(s["type"]))
            if kind is not None:
                out.append((int(s["start"]), int(s["end"]), kind))
        return out
    kind = expected_type(record, by_policy=by_policy)
    if kind is None or kind == UNSCORED:
        return []
    if isinstance(spans, list) and spans:
        return [(int(s["start"]), int(s["end"]), kind) for s in spans]
    count = record.get("expected_count")
    n = int(count) if isinstance(count, int) else 1
    return [(-1, -1, kind)] * n  # offsets unknown: matched by type and count


def score_pii_cases(records: Iterable[dict[str, object]], *, by_policy: bool) -> PiiScore:
    """Match detections to expected spans (overlap and same type, or type alone when offsets are unknown)."""
    tp = dict.fromkeys(PII_TYPES, 0)
    fn = dict.fromkeys(PII_TYPES, 0)
    fp = dict.fromkeys(PII_TYPES, 0)
    misses: list[str] = []
    for record in records:
        found = [(d.start, d.end, d.type) for d in detect_pii(str(record["text"]))]
        expected = _expected_spans(record, by_policy=by_policy)
        if by_policy and str(record["label"]) == "MIXED":
            # A mixed case lists only the types its library tests (JioNLP's phone test ignores e-mail).
            tested = {kind for _, _, kind in expected}
            found = [f for f in found if f[2] in tested]
        if by_policy and expected_type(record, by_policy=True) == UNSCORED:
            found = []
        for start, end, kind in expected:
            family = _SAME_FAMILY.get(kind, (kind,)) if by_policy else (kind,)
            hit = next(
                (f for f in found if f[2] in family and (start < 0 or (f[0] < end and start < f[1]))),
                None,
            )
            if hit is None:
                fn[kind] += 1
                misses.append(f"missed {kind}: {record['source']}")
            else:
                tp[kind] += 1
                found.remove(hit)
        for _, _, kind in found:
            fp[kind] += 1
            misses.append(f"extra {kind}: {record['source']}")
    return PiiScore(by_policy, tp, fn, fp, tuple(misses))
