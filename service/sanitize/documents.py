"""Identifiers with letters in them: e-mail, plates, passports, HK/Macau/Taiwan permits and ID cards,
and messaging accounts (WeChat IDs, QQ numbers) once their word is said.

All patterns run on the digit view (:func:`service.sanitize.digits.to_digit_view`), so ``京A幺二三四五``
and full-width ``ｅ１２３４５６７８`` are found too; offsets are those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from service.sanitize.checksums import is_hk_id, is_tw_id
from service.sanitize.digits import SEPARATOR
from service.sanitize.types import Detection

__all__ = ["detect_documents"]

_EDGE_L = r"(?<![A-Za-z0-9@._%+-])"
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# A passport or permit never follows a province character: there it is the letter of a plate (湘E…).
_DOC_EDGE_L = rf"(?<![A-Za-z0-9@._%+\-{_PROVINCES}])"


def _said_digits(count: str) -> str:
    """``count`` digits (a regex quantifier body: "8", "8,10"), maybe dictated in groups with pauses."""
    low, _, high = count.partition(",")
    repeat = f"{{{int(low) - 1},{int(high or low) - 1}}}"
    return rf"[0-9](?:{SEPARATOR}{{0,5}}[0-9]){repeat}"


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
# Dictated e-mail: "zhang san at qq dot com", "zhangsan艾特163点com", "幺二三四 五六七八 艾特 qq 点
# com" (a QQ number, paused like a phone number), "li艾特vip点163点com". Only well-known endings, so
# "meet at home" is not an address. A pause in the local part is never "_", which a local part holds:
# one way to read each character, so no backtracking blow-up.
# After 艾特 (or @) a dot may be said or written; after the English "at" it must be said (点, dot):
# "look at example.com" is prose, not an address.
_HOST = r"[A-Za-z0-9-]{2,30}"
_TLD = r"(?:com|cn|net|org|edu)(?![A-Za-z])"
_WRITTEN_OR_SAID_DOT = rf"(?:艾特|圈a|@)\s*(?:{_HOST}\s*(?:点|dot|\.)\s*){{1,3}}"
_SAID_DOT = rf"at\s*(?:{_HOST}\s*(?:点|dot)\s*){{1,3}}"
_SPOKEN_AT_DOMAIN = rf"(?:{_WRITTEN_OR_SAID_DOT}|{_SAID_DOT}){_TLD}"
# The local part is runs of digits, runs of letters, 下划线 and 点, and pauses between digits. Every
# piece starts with a different kind of character and each run is possessive (++): one way to read
# any text, so a long English sentence costs one pass. A run of letters ends only at a non-letter, so
# "12345678at qq点com" is read but "zhangsanat…" is not.
_SPOKEN_LOCAL = (
    rf"(?:[0-9]++|[A-Za-z._]++|下划线|点(?=[A-Za-z0-9])|(?<=[0-9])(?:(?!_){SEPARATOR}){{1,5}}(?=[0-9]))"
)
_SPOKEN_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9])(?=[A-Za-z0-9]){_SPOKEN_LOCAL}{{1,40}}\s*{_SPOKEN_AT_DOMAIN}", re.IGNORECASE
)
# GA 36-2018: province abbreviation, issuing-office letter (no I or O), then five characters, or six
# for new-energy plates (A–K: D/A–E electric, F/G–K hybrid; first for cars, last for lorries).
# 挂/学/警/港/澳 end special plates; consulate plates (闽20401领) put digits where the letter goes.
_PLATE = re.compile(
    rf"[{_PROVINCES}]\s?"
    r"(?:[A-HJ-NP-Za-hj-np-z]\s?[·•\-]?\s?"
    r"(?:[A-HJKa-hjk][A-HJ-NP-Za-hj-np-z0-9][0-9]{4}|[0-9]{5}[A-HJKa-hjk]"
    r"|[A-HJ-NP-Za-hj-np-z0-9]{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳])|[0-9]{5}领)" + _EDGE_R
)
# Chinese ordinary passport: E + 8 digits or E + letter + 7 digits (2012 e-passport); G is the older series.
# Said aloud, the letters come first and the digits follow in groups (E 幺二三四，五六七八).
_PASSPORT = re.compile(
    _DOC_EDGE_L
    + rf"(?:[EeGg]\s?{_said_digits('8')}|[Ee][A-HJ-NP-Za-hj-np-z]\s?{_said_digits('7')})"
    + _EDGE_R
)
# Any passport number once the word is said: "护照号码 D12345678", "passport no. 912803456".
_PASSPORT_AFTER_WORD = re.compile(
    r"(?:护照|passport)[^A-Za-z0-9\n]{0,8}(?:number|no\.?|#)?[^A-Za-z0-9\n]{0,4}"
    rf"([A-Za-z]{{0,2}}\s?{_said_digits('6,9')})" + _EDGE_R,
    re.IGNORECASE,
)
# 往来港澳通行证 C/W…, 往来台湾通行证 L…, 港澳居民来往内地通行证 H/M + 8 or 10 digits.
_PERMIT = re.compile(
    _DOC_EDGE_L
    + rf"(?:[CcWw]\s?[A-HJ-NP-Za-hj-np-z0-9]\s?{_said_digits('7')}|[Ll]\s?{_said_digits('8')}"
    + rf"|[HhMm]\s?(?:{_said_digits('10')}|{_said_digits('8')}))"
    + _EDGE_R
)
# 台胞证 numbers are bare digits: only after the word.
_PERMIT_AFTER_WORD = re.compile(
    rf"(?:台胞证|通行证|回乡证)[^A-Za-z0-9\n]{{0,6}}([A-Za-z]?\s?{_said_digits('8,10')})" + _EDGE_R
)
# A messaging account once its word is said: 微信号 wxid_ab12cd34, 我微信是 zhang_san88, QQ号 三四五 六七八
# 九零一. A WeChat ID is 6-20 letters, digits, _ or -, starting with a letter; a QQ number is 5-11 digits.
# A WeChat "ID" that is a phone number is left to the phone rule. Tenants hand these out as readily as
# their numbers, and they reach the person just as well.
_ACCOUNT_AFTER_WORD = re.compile(
    r"(?:(?:微信|vx|v信|wechat)(?:\s?(?:号|账号|id))?[^A-Za-z0-9\n]{0,4}(?P<wechat>[A-Za-z][A-Za-z0-9_-]{5,19})"
    rf"|qq(?:号码?|账号)?[^A-Za-z0-9\n]{{0,4}}(?P<qq>{_said_digits('5,11')}))" + _EDGE_R,
    re.IGNORECASE,
)
_TW_ID = re.compile(_EDGE_L + r"[A-Za-z][12][0-9]{8}" + _EDGE_R)
_HK_ID = re.compile(_EDGE_L + r"[A-Za-z]{1,2}[0-9]{6}(?:\([0-9Aa]\)|[0-9Aa])" + _EDGE_R)

# (type, pattern, validator, gates): the pattern runs when any of its gates passes.
_Rule = tuple[str, re.Pattern[str], Callable[[str], bool] | None, tuple[Callable[[str], bool], ...]]


# Each rule runs only when its cheap gate passes: `in` and character-class scans run in C, while the
# rules start with look-behinds that are tried at every position of the text.
def _has_at(view: str) -> bool:
    return "@" in view


# "at" and "." are everywhere in English; 点, "dot" and ".com" are not. Substring tests run in C.
_WRITTEN_TLDS = (".com", ".cn", ".net", ".org", ".edu")


# The part after the local part. It starts with a small set of characters, which the regex engine
# looks for quickly; the full pattern tries a local part at every word start.
_SPOKEN_DOMAIN = re.compile(_SPOKEN_AT_DOMAIN, re.IGNORECASE)


def _may_be_spoken_email(view: str) -> bool:
    lowered = view.lower()
    has_at = "艾特" in view or "圈a" in lowered or "at" in lowered or "@" in view
    has_dot = "点" in view or "dot" in lowered or any(tld in lowered for tld in _WRITTEN_TLDS)
    return has_at and has_dot and _SPOKEN_DOMAIN.search(view) is not None


def _has_passport_word(view: str) -> bool:
    return "护照" in view or "passport" in view.lower()


def _has_permit_word(view: str) -> bool:
    return "台胞证" in view or "通行证" in view or "回乡证" in view


_PROVINCE = re.compile(f"[{_PROVINCES}]")


def _has_account_word(view: str) -> bool:
    lowered = view.lower()
    return "微信" in view or "v信" in lowered or "vx" in lowered or "wechat" in lowered or "qq" in lowered


def _has_province(view: str) -> bool:
    return _PROVINCE.search(view) is not None


_LETTER_THEN_DIGIT = re.compile(r"[A-Za-z][0-9]")
_PAUSE_THEN_DIGIT = re.compile(r"\s[0-9]")
_DOCUMENT_LETTERS = frozenset("CcEeGgHhLlMmWw")


def _letter_then_digit(view: str) -> bool:
    return _LETTER_THEN_DIGIT.search(view) is not None


def _letters_pause_digit(view: str) -> bool:
    """A word of one or two letters that can start a passport or permit, one pause, then a digit
    (E 幺二三四…); "in 2024" is not one."""
    for m in _PAUSE_THEN_DIGIT.finditer(view):
        k = m.start()
        while k > 0 and view[k - 1].isascii() and view[k - 1].isalnum():
            k -= 1
        if 1 <= m.start() - k <= 2 and view[k] in _DOCUMENT_LETTERS:
            return True
    return False


_SAID_DOCUMENT = (_letter_then_digit, _letters_pause_digit)
_RULES: tuple[_Rule, ...] = (
    ("email", _EMAIL, None, (_has_at,)),
    ("email", _SPOKEN_EMAIL, None, (_may_be_spoken_email,)),
    ("passport", _PASSPORT_AFTER_WORD, None, (_has_passport_word,)),
    ("permit", _PERMIT_AFTER_WORD, None, (_has_permit_word,)),
    # Before the HK ID: E + letter + 7 digits is also a two-letter HK ID with a check digit that
    # passes one time in eleven; of equal length, the rule listed first wins.
    ("passport", _PASSPORT, None, _SAID_DOCUMENT),
    ("id_card", _TW_ID, is_tw_id, (_letter_then_digit,)),
    ("id_card", _HK_ID, is_hk_id, (_letter_then_digit,)),
    ("plate", _PLATE, None, (_has_province,)),
    ("permit", _PERMIT, None, _SAID_DOCUMENT),
)
# Cheap gate for all of them: every pattern above needs one of these.
_MAY_MATCH = re.compile(r"[@A-Za-z艾领微]")


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


def _accounts(view: str) -> list[Detection]:
    """WeChat IDs and QQ numbers after their word (see ``_ACCOUNT_AFTER_WORD``)."""
    found = []
    for m in _ACCOUNT_AFTER_WORD.finditer(view):
        group = "wechat" if m.group("wechat") is not None else "qq"
        value = m.group(group)
        key = re.sub(r"[^0-9A-Za-z_-]", "", value).lower()
        if group == "qq" or not re.fullmatch(r"1[3-9][0-9]{9}", key):
            found.append(Detection("account", m.start(group), m.end(group), f"{group}:{key}"))
    return found


def detect_documents(view: str) -> list[Detection]:
    """Find e-mail addresses, plates, passports, permits and HK/Taiwan ID cards in a digit view."""
    if not _MAY_MATCH.search(view):
        return []
    found: list[Detection] = _cjk_local_emails(view) if "@" in view else []
    if _has_account_word(view):
        found += _accounts(view)
    passed: dict[Callable[[str], bool], bool] = {}  # each gate once per text, on first use
    for kind, pattern, valid, gates in _RULES:
        for gate in gates:
            result = passed.get(gate)
            if result is None:
                result = passed[gate] = gate(view)
            if result:
                break
        else:
            continue
        for m in pattern.finditer(view):
            group = 1 if pattern.groups else 0
            value = m.group(group)
            if valid is None or valid(value):
                found.append(Detection(kind, m.start(group), m.end(group), _canonical(kind, value)))
    plates = [d for d in found if d.type == "plate"]
    if plates:  # 晋Q·G3424，6500: the G is the plate's, not the start of a passport
        found = [d for d in found if d.type == "plate" or not any(_overlap(d, p) for p in plates)]
    return found


def _overlap(a: Detection, b: Detection) -> bool:
    return a.start < b.end and b.start < a.end


_SPOKEN_SYMBOL = re.compile(r"\s+at\s+|\s+dot\s+|艾特|圈a|点|下划线", re.IGNORECASE)
_SYMBOL_OF = {"at": "@", "dot": ".", "艾特": "@", "圈a": "@", "点": ".", "下划线": "_"}


def _canonical(kind: str, value: str) -> str:
    """The value without pauses and in one spelling, so a value said twice gets one placeholder."""
    if kind == "email":
        spelled = _SPOKEN_SYMBOL.sub(lambda m: _SYMBOL_OF[m.group().strip().lower()], value)
        return re.sub(rf"(?!_){SEPARATOR}|[·•]", "", spelled).lower()
    if kind == "plate":
        return re.sub(r"[\s·•\-]", "", value).upper()
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()  # passports, permits, HK/Taiwan IDs
