"""Check digits and plausibility tests that tell an identity or card number from a random digit string."""

from __future__ import annotations

import datetime

__all__ = [
    "is_hk_id",
    "is_luhn_valid",
    "is_resident_id15",
    "is_resident_id18",
    "is_tw_id",
]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB/T 2260 province-level codes (first two digits); 71/81/82/83 cover Taiwan, Hong Kong and Macau
# residence permits, which use the same 18-digit layout.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83".split()
)
_EARLIEST_BIRTH_YEAR = 1900


def is_luhn_valid(digits: str) -> bool:
    """True when ``digits`` (ASCII digits only) passes the Luhn mod-10 check used by bank cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_real_date(year: int, month: int, day: int) -> bool:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return _EARLIEST_BIRTH_YEAR <= year and born <= datetime.date.today()


def is_resident_id18(value: str) -> bool:
    """True for a GB 11643 18-character resident ID: known province, real birth date, valid check digit."""
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in _PROVINCES:
        return False
    if not _is_real_date(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    total = sum((ord(c) - 48) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return value[17].upper() == _ID_CHECK[total % 11]


def is_resident_id15(value: str) -> bool:
    """True for a legacy 15-digit resident ID (pre-1999): province code and a real 19YYMMDD birth date.

    The legacy form has no check digit, so this is the strongest test there is.
    """
    if len(value) != 15 or not value.isdigit() or value[:2] not in _PROVINCES:
        return False
    return _is_real_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


def _letter_value(ch: str) -> int:
    return ord(ch.upper()) - 55  # A=10 ... Z=35


# Taiwan's letter codes are not alphabetical past H (I, O, W, Z were added later).
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"


def is_tw_id(value: str) -> bool:
    """True for a Taiwan national ID (one letter, 1 or 2, eight digits) with a valid check digit."""
    if (
        len(value) != 10
        or value[0].upper() not in _TW_LETTERS
        or value[1] not in "12"
        or not value[1:].isdigit()
    ):
        return False
    code = _TW_LETTERS.index(value[0].upper()) + 10
    total = code // 10 + (code % 10) * 9
    total += sum(int(d) * w for d, w in zip(value[1:9], range(8, 0, -1), strict=True)) + int(value[9])
    return total % 10 == 0


def is_hk_id(value: str) -> bool:
    """True for a Hong Kong identity card number (``A123456(3)``, brackets optional) with a valid check."""
    core = value.replace("(", "").replace(")", "").upper()
    letters = core[:-7]
    digits, check = core[-7:-1], core[-1]
    if not (
        1 <= len(letters) <= 2
        and letters.isalpha()
        and digits.isdigit()
        and (check.isdigit() or check == "A")
    ):
        return False
    padded = [36] * (2 - len(letters)) + [_letter_value(c) for c in letters]
    total = sum(v * w for v, w in zip(padded + [int(d) for d in digits], range(9, 1, -1), strict=True))
    remainder = (11 - total % 11) % 11
    return check == ("A" if remainder == 10 else str(remainder))
