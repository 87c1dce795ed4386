"""Phone, resident-ID and bank-card numbers, written or spoken, found in a digit view.

A number is one or more whole digit groups of a run (see :mod:`service.sanitize.digits`), never a slice
of a longer digit string: ``订单号213800138000`` holds no phone number. Checksummed types are tried
first; a mobile number has none, so its shape (``1[3-9]`` and eleven digits) is the test.
"""

from __future__ import annotations

import re

from service.sanitize.checksums import is_luhn_valid, is_resident_id15, is_resident_id18
from service.sanitize.digits import DigitGroup, find_digit_runs
from service.sanitize.types import Detection

__all__ = ["detect_numbers"]

# Longest candidate: +86 or 0086 and a 12-digit landline is 16 digits; a bank card is 19.
_MAX_DIGITS = 19
_MOBILE = re.compile(r"0?1[3-9][0-9]{9}")  # a leading 0 is how a mobile is dialled from another city
# Three-digit area codes are 010 and 02x with 8-digit numbers; four-digit ones (0755, 0915) take 7 or 8.
_LANDLINE = re.compile(r"(?:010|02[0-9])[2-9][0-9]{7}|0[3-9][0-9]{2}[2-9][0-9]{6,7}")
_AREA_CODE = re.compile(r"010|02[0-9]|0[3-9][0-9]{2}")
_LOCAL_LANDLINE = re.compile(r"[2-9][0-9]{6,7}")
_COUNTRY_CODES = ("0086", "86")

# A number right after one of these names a listing, an order or a contract, not a person (policy in
# docs/guard.md). Allow the usual glue between the word and the number.
_REFERENCE_BEFORE = re.compile(
    r"(?:订单|单号|编号|房源号|房号|合同号|合同编号|工单|流水号|快递|尾号|验证码|密码|邮编|"
    r"order|listing|ref)\s*(?:号码|号|码|编号)?\s*(?:是|为|[:：#])?\s*$",
    re.IGNORECASE,
)
# A bare 7–8 digit local number is a phone only when introduced as one.
_PHONE_BEFORE = re.compile(
    r"(?:电话|座机|手机|号码|联系方式|打|拨|call|tel|phone)\s*(?:号码|号)?\s*(?:是|为|[:：])?\s*$",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 12


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


def _is_phone(groups: list[str], *, at_run_start: bool) -> bool:
    digits = "".join(groups)
    if _MOBILE.fullmatch(digits):
        return True
    for prefix in _COUNTRY_CODES:
        if digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix) :]):
            return True
        if digits.startswith(prefix) and _LANDLINE.fullmatch("0" + digits[len(prefix) :]):
            return True
    # A landline has no checksum: inside a longer run (1101 0119 9003 0774 76) it is a fragment of
    # something else, so only the first number of a run may be one.
    return at_run_start and _is_landline(groups)


def _classify(groups: list[str], *, at_run_start: bool, phone_context: bool, plus_before: bool) -> str | None:
    """The PII type of one candidate number (its digit groups, maybe a final X), or None."""
    digits = "".join(groups)
    n = len(digits)
    if digits[-1] in "Xx":
        return "id_card" if is_resident_id18(digits) else None
    if n == 18 and is_resident_id18(digits):
        return "id_card"
    if n == 15 and is_resident_id15(digits):
        return "id_card"
    if _is_phone(groups, at_run_start=at_run_start):
        return "phone"
    # Luhn for every card scheme; UnionPay debit cards (BIN 62) are not all Luhn-valid, so the BIN is
    # enough there. American Express (34, 37) has 15 digits, Diners Club 14.
    if 16 <= n <= 19 and digits[0] != "0" and (is_luhn_valid(digits) or digits.startswith("62")):
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


def _canonical(kind: str, digits: str) -> str:
    """Strip the country code so +86 138… and 138… share a placeholder."""
    if kind == "phone":
        for prefix in _COUNTRY_CODES:
            if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
                return digits[len(prefix) :]
    return digits.upper()


def _detect_in_run(text: str, run: list[DigitGroup]) -> list[Detection]:
    found: list[Detection] = []
    plus_before = run[0].start > 0 and text[run[0].start - 1] in "+＋"
    i = 0
    while i < len(run):
        before = text[max(0, run[i].start - _CONTEXT_CHARS) : run[i].start]
        if _REFERENCE_BEFORE.search(before):
            i += 1
            continue
        phone_context = _PHONE_BEFORE.search(before) is not None
        groups: list[str] = []
        best: tuple[int, str] | None = None
        for j in range(i, len(run)):
            groups.append(run[j].digits)
            if sum(map(len, groups)) > _MAX_DIGITS:
                break
            # A number glued to letters is part of a code (统一社会信用代码 …878J, MA1B…), not PII.
            if run[j].end < len(text) and text[run[j].end].isascii() and text[run[j].end].isalpha():
                continue
            kind = _classify(
                groups, at_run_start=i == 0, phone_context=phone_context, plus_before=plus_before
            )
            if kind is not None:
                best = (j, kind)  # keep extending: the longest reading wins (+86 138…)
        if best is None:
            i += 1
            continue
        j, kind = best
        start, end = run[i].start, run[j].end
        if i == 0 and start > 0 and text[start - 1] in "+＋(（":
            start -= 1  # the "+" or the bracket of "(010)" belongs to the number
        digits = "".join(g.digits for g in run[i : j + 1])
        found.append(Detection(kind, start, end, _canonical(kind, digits)))
        i = j + 1
    return found


def detect_numbers(text: str, view: str) -> list[Detection]:
    """Find phone, resident-ID and bank-card numbers; ``view`` is :func:`to_digit_view` of ``text``."""
    found: list[Detection] = []
    for run in find_digit_runs(view):
        # The shortest number we mask is a 7-digit local landline; "一个", "两居" and prices stop here.
        if sum(len(g.digits) for g in run) >= 7:
            found.extend(_detect_in_run(text, run))
    return found
