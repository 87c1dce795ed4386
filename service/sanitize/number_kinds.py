"""What kind of number a digit string is: phone, resident ID or bank card, by shape and checksum.

The input is one candidate: whole digit groups of a run, as :mod:`service.sanitize.numbers` reads them
(``["138", "0013", "8000"]``). Checksummed types are tried first; a mobile number has none, so its shape
(``1[3-9]`` and eleven digits) is the test. Amounts, lists and read-backs are told apart by
:mod:`service.sanitize.amounts`.
"""

from __future__ import annotations

import re

from service.sanitize.amounts import is_amount_list, is_read_back
from service.sanitize.checksums import is_luhn_valid, is_resident_id15, is_resident_id18

__all__ = ["COUNTRY_CODES", "MAX_DIGITS", "canonical_number", "classify_number", "is_mobile"]

# Longest candidate: +86 or 0086 and a 12-digit landline is 16 digits; a bank card is 19.
MAX_DIGITS = 19
_MOBILE = re.compile(r"0?1[3-9][0-9]{9}")  # a leading 0 is how a mobile is dialled from another city
# Three-digit area codes are 010 and 02x with 8-digit numbers; four-digit ones (0755, 0915) take 7 or 8.
_LANDLINE = re.compile(r"(?:010|02[0-9])[2-9][0-9]{7}|0[3-9][0-9]{2}[2-9][0-9]{6,7}")
_AREA_CODE = re.compile(r"010|02[0-9]|0[3-9][0-9]{2}")
_LOCAL_LANDLINE = re.compile(r"[2-9][0-9]{6,7}")
COUNTRY_CODES = ("0086", "86")

# Issuer prefixes of payment cards (ISO/IEC 7812): Mastercard 2221-2720, Amex/JCB/Diners 3, Visa 4,
# Mastercard 5, UnionPay and Discover 6, and the 9 of older domestic debit cards. Luhn alone passes one
# random number in ten; years (2015 2016 2017 2018) and phone numbers read twice are not cards.
_CARD_ISSUER = re.compile(r"[3-69]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)")


def _is_landline(groups: list[str]) -> bool:
    """An area code and a subscriber number; when the speaker split them, the split must fall there."""
    digits = "".join(groups)
    if not _LANDLINE.fullmatch(digits):
        return False
    first = groups[0]
    return (
        len(groups) == 1
        or not _AREA_CODE.fullmatch(first)
        or _LOCAL_LANDLINE.fullmatch(digits[len(first) :]) is not None
    )


def is_mobile(digits: str) -> bool:
    """A mainland mobile number, maybe after 86 or 0086."""
    return _MOBILE.fullmatch(digits) is not None or any(
        digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix) :]) for prefix in COUNTRY_CODES
    )


def _is_phone(groups: list[str], *, at_run_start: bool, plus_before: bool) -> bool:
    digits = "".join(groups)
    if is_mobile(digits):
        return True
    for prefix in COUNTRY_CODES:
        # A landline's shape is loose (any 0xxx and 7 digits): after a bare 86 it is too easily a
        # chance reading (8640 0345 8640 …), so the country code must be written +86 or 0086.
        if (
            (plus_before or prefix == "0086")
            and digits.startswith(prefix)
            and _LANDLINE.fullmatch("0" + digits[len(prefix) :])
        ):
            return True
    # A landline has no checksum: inside a longer run (1101 0119 9003 0774 76) it is a fragment of
    # something else, so only the first number of a run may be one.
    return at_run_start and _is_landline(groups)


def _ends_in_mobile(groups: list[str]) -> bool:
    """True when the last groups alone are a mobile number (6500，13800138000 is a price and a phone).

    A legacy 15-digit ID has no check digit, so a price said before a phone can pass as one.
    """
    return any(_MOBILE.fullmatch("".join(groups[k:])) for k in range(1, len(groups)))


def classify_number(
    groups: list[str], *, at_run_start: bool, phone_context: bool, plus_before: bool
) -> str | None:
    """The PII type of one candidate number (its digit groups, maybe a final X), or None."""
    digits = "".join(groups)
    n = len(digits)
    if is_read_back(groups):
        return None  # two mentions, each found on its own
    if digits[-1] in "Xx":
        return "id_card" if is_resident_id18(digits) else None
    if n == 18 and is_resident_id18(digits):
        return "id_card"
    if n == 15 and is_resident_id15(digits) and not _ends_in_mobile(groups):
        return "id_card"
    if is_amount_list(groups):
        return None
    if _is_phone(groups, at_run_start=at_run_start, plus_before=plus_before):
        return "phone"
    # Luhn for every card scheme; UnionPay debit cards (BIN 62) are not all Luhn-valid, so the BIN is
    # enough there. American Express (34, 37) has 15 digits, Diners Club 14.
    if 16 <= n <= 19 and (digits.startswith("62") or (_CARD_ISSUER.match(digits) and is_luhn_valid(digits))):
        return "bank_card"
    if n == 15 and digits[:2] in ("34", "37") and is_luhn_valid(digits):
        return "bank_card"
    if n == 14 and digits[:2] in ("30", "36", "38", "39") and is_luhn_valid(digits):
        return "bank_card"  # Diners Club
    if plus_before and at_run_start and 8 <= n <= 15:
        return "phone"  # any other country, written the international way (+55 11 98456 5666)
    if phone_context and at_run_start and _LOCAL_LANDLINE.fullmatch(digits):
        return "phone"
    return None


def canonical_number(kind: str, digits: str) -> str:
    """Strip the country code so +86 138… and 138… share a placeholder."""
    if kind == "phone":
        for prefix in COUNTRY_CODES:
            if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
                return digits[len(prefix) :]
    return digits.upper()
