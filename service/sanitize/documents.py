"""Identifiers with letters in them: e-mail, plates, passports, HK/Macau/Taiwan permits and ID cards.

All patterns run on the digit view (:func:`service.sanitize.digits.to_digit_view`), so ``京A幺二三四五``
and full-width ``ｅ１２３４５６７８`` are found too; offsets are those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from service.sanitize.checksums import is_hk_id, is_tw_id
from service.sanitize.types import Detection

__all__ = ["detect_documents"]

_EDGE_L = r"(?<![A-Za-z0-9@._%+-])"
_EDGE_R = r"(?![A-Za-z0-9])"

_DOMAIN = r"@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])"
# The local part and domain may hold CJK (luxiaolei_小磊@小磊.com, RFC 6531). A local part that starts
# with an ASCII letter or digit starts there: 邮箱是zhang@… masks from the z.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][\w.%+-]*" + _DOMAIN)
# A local part that starts with CJK (啦啦啦@126.com, 张三@example.cn) has no visible start: Chinese has
# no spaces, so 邮箱是啦啦啦@… runs on into the words before it. It is the run of word characters before
# the @ (at most 64, RFC 5321), cut after the last lead-in word (邮箱, 地址, 是, 发到 …) when there is one.
_CJK_LOCAL_EMAIL = re.compile(r"[^\W\x00-\x7f][\w.%+-]{0,63}" + _DOMAIN)
_LEAD_IN = re.compile(
    r"(?:电子邮箱|邮箱地址|邮件地址|电子邮件|邮箱|邮件|信箱|email|e-mail|mail|地址|账号|联系|发送到|发到|发给|"
    r"寄到|是|为|到|给|至|在|用|的|和|或|我|请)",
    re.IGNORECASE,
)
# Dictated e-mail: "zhang san at qq dot com", "zhangsan艾特163点com". Only well-known endings, so
# "meet at home" is not an address.
_SPOKEN_EMAIL = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9._]{1,40}\s*(?:艾特|圈a|at)\s*[A-Za-z0-9-]{2,30}"
    r"\s*(?:点|dot)\s*(?:com|cn|net|org|edu)(?:\s*(?:点|dot)\s*cn)?(?![A-Za-z])",
    re.IGNORECASE,
)
# GA 36-2018: province abbreviation, issuing-office letter (no I or O), then five characters, or six
# for new-energy plates (A–K: D/A–E electric, F/G–K hybrid; first for cars, last for lorries).
# 挂/学/警/港/澳 end special plates; consulate plates (闽20401领) put digits where the letter goes.
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"(?:[A-HJ-NP-Za-hj-np-z]\s?[·•\-]?\s?"
    r"(?:[A-HJKa-hjk][A-HJ-NP-Za-hj-np-z0-9][0-9]{4}|[0-9]{5}[A-HJKa-hjk]"
    r"|[A-HJ-NP-Za-hj-np-z0-9]{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳])|[0-9]{5}领)" + _EDGE_R
)
# Chinese ordinary passport: E + 8 digits or E + letter + 7 digits (2012 e-passport); G is the older series.
_PASSPORT = re.compile(_EDGE_L + r"(?:[EeGg][0-9]{8}|[Ee][A-HJ-NP-Za-hj-np-z][0-9]{7})" + _EDGE_R)
# Any passport number once the word is said: "护照号码 D12345678", "passport no. 912803456".
_PASSPORT_AFTER_WORD = re.compile(
    r"(?:护照|passport)[^A-Za-z0-9\n]{0,8}(?:number|no\.?|#)?[^A-Za-z0-9\n]{0,4}([A-Za-z]{0,2}[0-9]{6,9})"
    + _EDGE_R,
    re.IGNORECASE,
)
# 往来港澳通行证 C/W…, 往来台湾通行证 L…, 港澳居民来往内地通行证 H/M + 8 or 10 digits.
_PERMIT = re.compile(
    _EDGE_L + r"(?:[CcWw][A-HJ-NP-Za-hj-np-z0-9][0-9]{7}|[Ll][0-9]{8}|[HhMm][0-9]{8}(?:[0-9]{2})?)" + _EDGE_R
)
# 台胞证 numbers are bare digits: only after the word.
_PERMIT_AFTER_WORD = re.compile(
    r"(?:台胞证|通行证|回乡证)[^A-Za-z0-9\n]{0,6}([A-Za-z]?[0-9]{8,10})" + _EDGE_R
)
_TW_ID = re.compile(_EDGE_L + r"[A-Za-z][12][0-9]{8}" + _EDGE_R)
_HK_ID = re.compile(_EDGE_L + r"[A-Za-z]{1,2}[0-9]{6}(?:\([0-9Aa]\)|[0-9Aa])" + _EDGE_R)

_Rule = tuple[str, re.Pattern[str], Callable[[str], bool] | None, Callable[[str], bool]]


# Each rule runs only when its cheap gate passes: `in` and character-class scans run in C, while the
# rules start with look-behinds that are tried at every position of the text.
def _has_at(view: str) -> bool:
    return "@" in view


def _may_be_spoken_email(view: str) -> bool:
    lowered = view.lower()
    return ("艾特" in view or "圈a" in lowered or "at" in lowered) and ("点" in view or "dot" in lowered)


def _has_passport_word(view: str) -> bool:
    return "护照" in view or "passport" in view.lower()


def _has_permit_word(view: str) -> bool:
    return "台胞证" in view or "通行证" in view or "回乡证" in view


_LETTER_THEN_DIGIT = re.compile(r"[A-Za-z][0-9]")
_PROVINCE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]")


def _letter_then_digit(view: str) -> bool:
    return _LETTER_THEN_DIGIT.search(view) is not None


def _has_province(view: str) -> bool:
    return _PROVINCE.search(view) is not None


_RULES: tuple[_Rule, ...] = (
    ("email", _EMAIL, None, _has_at),
    ("email", _SPOKEN_EMAIL, None, _may_be_spoken_email),
    ("passport", _PASSPORT_AFTER_WORD, None, _has_passport_word),
    ("permit", _PERMIT_AFTER_WORD, None, _has_permit_word),
    ("id_card", _TW_ID, is_tw_id, _letter_then_digit),
    ("id_card", _HK_ID, is_hk_id, _letter_then_digit),
    ("plate", _PLATE, None, _has_province),
    ("passport", _PASSPORT, None, _letter_then_digit),
    ("permit", _PERMIT, None, _letter_then_digit),
)
# Cheap gate for all of them: every pattern above needs one of these.
_MAY_MATCH = re.compile(r"[@A-Za-z艾领]")


def _cjk_local_emails(view: str) -> list[Detection]:
    """E-mail addresses whose local part starts with a non-ASCII character (see ``_CJK_LOCAL_EMAIL``)."""
    found = []
    for m in _CJK_LOCAL_EMAIL.finditer(view):
        at = view.index("@", m.start())
        start = max((lead.end() for lead in _LEAD_IN.finditer(view, m.start(), at)), default=m.start())
        if start < at:
            key = re.sub(r"[\s·•\-()]", "", view[start : m.end()]).lower()
            found.append(Detection("email", start, m.end(), key))
    return found


def detect_documents(view: str) -> list[Detection]:
    """Find e-mail addresses, plates, passports, permits and HK/Taiwan ID cards in a digit view."""
    if not _MAY_MATCH.search(view):
        return []
    found: list[Detection] = _cjk_local_emails(view) if "@" in view else []
    letter_then_digit = _letter_then_digit(view)
    for kind, pattern, valid, gate in _RULES:
        if not (letter_then_digit if gate is _letter_then_digit else gate(view)):
            continue
        for m in pattern.finditer(view):
            group = 1 if pattern.groups else 0
            value = m.group(group)
            if valid is None or valid(value):
                key = re.sub(r"[\s·•\-()]", "", value).lower()
                found.append(Detection(kind, m.start(group), m.end(group), key))
    return found
