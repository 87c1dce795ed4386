"""Spoken-form utterances that carry PII, for the benchmark in spoken_pii.py.

A rental voice turn carries one value (sometimes two, or one read back to confirm) after a lead-in
people really use, or none: phone, landline, resident ID, bank card, plate, passport, permit, e-mail,
each valid by its checksum or shape (spoken_pii_values.py), said in one numeral style and one
separator style. The value's offsets are recorded, so the score can check what was masked.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from training.guard.spoken_pii_values import (
    NUMERAL_STYLES,
    SEPARATOR_STYLES,
    make_card,
    make_email,
    make_id18,
    make_landline,
    make_mobile,
    make_passport,
    make_permit,
    make_plate,
    render_digits,
    split_groups,
)

__all__ = ["PII_KINDS", "SpokenCase", "SpokenValue", "compose_positive"]


@dataclass(frozen=True, slots=True)
class SpokenValue:
    """One PII value said in an utterance, at ``[start, end)`` of its text."""

    kind: str  # a key of _LEAD_INS; "landline" is scored as the policy's "phone"
    start: int
    end: int
    numerals: str  # a key of NUMERAL_STYLES
    separator: str  # a key of SEPARATOR_STYLES


@dataclass(frozen=True, slots=True)
class SpokenCase:
    """One utterance: its PII values, or none for a hard negative, whose ``style`` names its composer."""

    text: str
    values: tuple[SpokenValue, ...] = ()
    style: str = ""


# Lead-ins per kind; "" is a bare value, kept only for kinds whose shape alone is the test.
_LEAD_INS = {
    "phone": (
        "我电话是",
        "我手机号是",
        "手机号码",
        "你打我电话，",
        "联系方式是",
        "我的号码是",
        "电话：",
        "打这个号",
        "我手机",
        "微信就是手机号，",
        "我的联系电话是",
        "",
    ),
    "landline": ("座机", "我座机号码是", "公司电话", "办公室电话是", "固话", "区号", ""),
    "id_card": ("身份证号是", "我身份证号码", "身份证", "证件号", "身份证号码是", "登记一下，身份证", ""),
    "bank_card": ("卡号是", "银行卡号", "我的银行卡", "工资卡卡号", "押金退到这个卡，", "信用卡号", ""),
    "plate": ("车牌是", "我车牌号", "车牌号码是", "停车要登记，车牌", "我的车是", ""),
    "passport": ("护照号", "我的护照号码是", "护照号码", "护照是"),
    "permit": ("港澳通行证号码是", "通行证", "台胞证号码", "回乡证", "港澳通行证", "通行证号码"),
    "email": ("邮箱是", "我的邮箱", "发我邮箱", "合同发到", "电子邮箱", "邮箱地址是"),
}
# Before the lead-in; some end in a numeral word (周一, 三个人) that must not join the value's digits.
_BEFORE = (
    "",
    "",
    "好的，",
    "嗯，",
    "那个，",
    "房子我挺满意的，",
    "我想预约看房，",
    "签合同的话，",
    "周一",
    "我们三个人住，",
    "星期三 ",
    "预算6500，",  # a number, then the value after only a comma
    "1502，",
)
_GLUE = ("", "", " ", "，", "嗯，", "，呃，", "是 ")
# After the value; some start with a numeral word (一直, 两个, 一下) said right after the last digit.
_AFTER = (
    "",
    "",
    "，你记一下",
    "，谢谢",
    "。",
    "，有房源联系我",
    "，下周一签合同",
    "，押金退这里",
    "一直能打通",
    "两个都行",
    "一下就好",
    "三个人登记",
    "，预算六千五",
    "，6500的也行",
    "，三月五号入住",
    "，住两年",
)
_X_SPOKEN = ("X", "x", "叉", "艾克斯", "大写的X")
_COUNTRY_CODES = ("+86 ", "加八六 ", "八六", "零零八六 ", "+86-")


def _say_number(rng: random.Random, value: str, kind: str, numerals: str, separator: str) -> str:
    seps = SEPARATOR_STYLES[separator]
    groups = split_groups(rng, value, kind) if separator != "none" else [value]
    said = render_digits(rng, groups[0], numerals)
    for group in groups[1:]:
        if separator in ("position", "confirm", "filler") and len(group) < 3:  # not digit by digit
            seps = SEPARATOR_STYLES["comma"]
        pause = rng.choice(seps).format(n="零一两三四五六七八九"[len(group) % 10])
        said += pause + render_digits(rng, group, numerals)
    return said


def _say_value(rng: random.Random, kind: str, numerals: str, separator: str) -> str:
    """The value as the ASR writes it; what this returns is exactly the span to be masked."""
    if kind == "phone":
        said = _say_number(rng, make_mobile(rng), "mobile", numerals, separator)
        if rng.random() < 0.15:
            said = rng.choice(_COUNTRY_CODES) + said
        return said
    if kind == "landline":
        return _say_number(rng, make_landline(rng), "landline", numerals, separator)
    if kind == "local_landline":  # no area code: a phone only because the lead-in says so
        number = make_landline(rng)
        subscriber = number[3:] if number[1] in "12" else number[4:]  # 010, 02x; else 0xxx
        return _say_number(rng, subscriber, "landline", numerals, separator)
    if kind == "id_card":
        value = make_id18(rng, force_x=rng.random() < 0.3)
        if value[17] != "X":
            return _say_number(rng, value, "id_card", numerals, separator)
        said = _say_number(rng, value[:17], "id_card", numerals, separator)
        pause = rng.choice(SEPARATOR_STYLES[separator]).format(n="一") if rng.random() < 0.3 else ""
        return said + pause + rng.choice(_X_SPOKEN)
    if kind == "bank_card":
        return _say_number(rng, make_card(rng), "bank_card", numerals, separator)
    if kind == "plate":
        plate = make_plate(rng)
        plate = plate.lower() if rng.random() < 0.1 else plate
        gap = rng.choice(("", "", " ", "·"))
        return (
            plate[0]
            + rng.choice(("", "", "", " "))
            + plate[1]
            + gap
            + render_digits(rng, plate[2:], numerals)
        )
    if kind in ("passport", "permit"):
        value = make_passport(rng) if kind == "passport" else make_permit(rng)
        head = 2 if value[1].isalpha() else 1
        letters = value[:head].lower() if rng.random() < 0.1 else value[:head]
        gap = rng.choice(("", "", " "))
        return letters + gap + _say_number(rng, value[head:], kind, numerals, separator)
    local, domain, tld = make_email(rng)
    at = rng.choice(("艾特", " at ", "@", " 艾特 ", "圈a"))
    dot = rng.choice(("点", "点", " dot ") if "at" in at else ("点", "点", " dot ", "."))
    if local.isdigit():  # a QQ number, dictated like a phone number
        said_local = _say_number(rng, local, "qq", numerals, separator)
    else:
        said_local = local.replace("_", rng.choice(("_", "下划线"))).replace(".", rng.choice((".", "点")))
    host = render_digits(rng, domain, numerals)
    if rng.random() < 0.1:
        host = rng.choice(("vip", "mail")) + dot + host
    return said_local + at + host + dot + tld


def _value(rng: random.Random, kind: str, offset: int) -> tuple[str, SpokenValue]:
    """A lead-in and a value as one piece of text; the value's offsets start at ``offset``."""
    numerals = rng.choice(tuple(s for s in NUMERAL_STYLES if not (kind == "email" and s == "mixed_groups")))
    separator = rng.choice(tuple(SEPARATOR_STYLES))
    if kind == "landline" and rng.random() < 0.2:
        kind, lead = "local_landline", rng.choice(("座机", "电话是", "座机号码", "办公室电话"))
    else:
        lead = rng.choice(_LEAD_INS[kind])
    head = lead + (rng.choice(_GLUE) if lead else "")
    said = _say_value(rng, kind, numerals, separator)
    start = offset + len(head)
    kind = "landline" if kind == "local_landline" else kind
    return head + said, SpokenValue(kind, start, start + len(said), numerals, separator)


def compose_positive(rng: random.Random, kind: str) -> SpokenCase:
    """One utterance with a value of ``kind``; one in six carries a second value, or says it twice."""
    text = rng.choice(_BEFORE)
    piece, value = _value(rng, kind, len(text))
    text += piece
    values = [value]
    extra = rng.random()
    if extra < 0.08:  # 电话…，身份证…
        text += rng.choice(("，", "；", "，还有", "。"))
        piece, second = _value(rng, rng.choice(tuple(_LEAD_INS)), len(text))
        text += piece
        values.append(second)
    elif extra < 0.16:  # read back to confirm: the same value again, maybe said differently
        said = text[value.start : value.end]
        text += rng.choice(("，对，就是", "，我再说一遍，", "，重复一下，"))
        values.append(
            SpokenValue(value.kind, len(text), len(text) + len(said), value.numerals, value.separator)
        )
        text += said
    return SpokenCase(text + rng.choice(_AFTER), tuple(values))


# The kinds of value the benchmark says; "landline" is the policy's "phone", said another way.
PII_KINDS: tuple[str, ...] = tuple(_LEAD_INS)
