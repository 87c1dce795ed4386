"""Synthetic PII values and how a speaker says them, for the spoken-form benchmark (spoken_pii.py).

Every value is random but valid by the rule the masker is meant to apply: mobile numbers use prefixes
that carriers have issued, resident IDs carry a real province, a real birth date and the GB 11643 check
digit, bank cards pass Luhn (UnionPay BIN 62 included). Nothing here is a real person's value.

A value is said as groups of characters (:func:`split_groups`), each digit in one numeral style
(:data:`NUMERAL_STYLES`), the groups joined by one kind of separator (:data:`SEPARATOR_STYLES`).
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = [
    "NUMERAL_STYLES",
    "SEPARATOR_STYLES",
    "make_card",
    "make_email",
    "make_id18",
    "make_landline",
    "make_mobile",
    "make_passport",
    "make_permit",
    "make_plate",
    "render_digits",
    "split_groups",
]

# Prefixes issued to China Mobile, Unicom, Telecom and Broadnet (MIIT numbering plan).
_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 157 158 159 162 165 166 "
    "167 170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 190 191 192 193 195 "
    "196 197 198 199"
).split()
# Area code and the length of its subscriber numbers.
_AREA_CODES = (("010", 8), ("021", 8), ("020", 8), ("022", 8), ("0755", 8), ("0571", 8), ("0512", 8))
_AREA_CODES_7 = (("0915", 7), ("0898", 8), ("0931", 7))
_PROVINCES = "11 12 13 21 31 32 33 34 35 36 37 41 42 43 44 45 50 51 52 53 61 62 64 65".split()
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋蒙陕吉闽贵粤川宁琼"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_EMAIL_NAMES = ("zhangsan", "lixiaoming", "wangwei", "chen.jing", "liu_yang", "zhao", "sunli", "tom")
_EMAIL_DOMAINS = ("qq", "163", "126", "gmail", "outlook", "foxmail", "sina", "hotmail")


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + _digits(rng, 8)


def make_landline(rng: random.Random) -> str:
    area, n = rng.choice(_AREA_CODES + _AREA_CODES_7)
    return area + rng.choice("23456789") + _digits(rng, n - 1)


def make_id18(rng: random.Random, *, force_x: bool = False) -> str:
    """A GB 11643 resident ID; ``force_x`` draws until the check character is X (1 in 11 otherwise)."""
    while True:
        year, month, day = rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)
        body = (
            rng.choice(_PROVINCES)
            + f"{rng.randint(1, 20):02d}{rng.randint(1, 30):02d}"
            + f"{year:04d}{month:02d}{day:02d}"
            + _digits(rng, 3)
        )
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
        if not force_x or check == "X":
            return body + check


def _luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these double once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str(-total % 10)


def make_card(rng: random.Random) -> str:
    """UnionPay (62, 16 or 19 digits), Visa (4, 16) or Mastercard (51-55, 16), Luhn-valid."""
    issuer = rng.choice(("62", "62", "4", "5" + rng.choice("12345")))
    length = rng.choice((16, 19)) if issuer == "62" else 16
    return _luhn_complete(issuer + _digits(rng, length - len(issuer) - 1))


def make_plate(rng: random.Random) -> str:
    province, office = rng.choice(_PLATE_PROVINCES), rng.choice(_PLATE_LETTERS)
    if rng.random() < 0.2:  # new-energy: D (electric) or F (hybrid), then five digits
        return province + office + rng.choice("DF") + _digits(rng, 5)
    tail = list(_digits(rng, 5))
    if rng.random() < 0.4:
        tail[rng.randrange(5)] = rng.choice(_PLATE_LETTERS)
    return province + office + "".join(tail)


def make_passport(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return "E" + rng.choice(_PLATE_LETTERS) + _digits(rng, 7)
    return rng.choice("EEG") + _digits(rng, 8)


def make_permit(rng: random.Random) -> str:
    """HK/Macau permit C + 8, Taiwan permit L + 8, Home Return Permit H/M + 8."""
    return rng.choice("CCLHM") + _digits(rng, 8)


def make_email(rng: random.Random) -> tuple[str, str, str]:
    """(local part, domain, top-level domain); a QQ address's local part is the QQ number."""
    domain = rng.choice(_EMAIL_DOMAINS)
    if domain == "qq" and rng.random() < 0.6:
        local = rng.choice("123456789") + _digits(rng, rng.randint(7, 9))
    else:
        local = rng.choice(_EMAIL_NAMES) + (_digits(rng, rng.randint(1, 4)) if rng.random() < 0.5 else "")
    return local, domain, rng.choice(("com", "com", "com", "cn", "net"))


def split_groups(rng: random.Random, value: str, kind: str) -> list[str]:
    """Cut ``value`` where speakers pause: 3-4-4 or 4-4-3 for a phone, 6-8-4 for an ID, 4s for a card."""
    area = 3 if value[1:2] in ("1", "2") else 4  # 010 and 02x, else 0xxx (for a full landline)
    layouts = {
        "mobile": ((11,), (3, 4, 4), (3, 4, 4), (4, 4, 3), (3, 3, 5), (3, 2, 2, 2, 2), (5, 6), (1,) * 11),
        "qq": ((len(value),), (3, len(value) - 3), (4, len(value) - 4)),
        "landline": ((len(value),), (area, len(value) - area), (area, 4, len(value) - area - 4)),
        "id_card": ((18,), (6, 8, 4), (6, 4, 4, 4), (3, 3, 4, 4, 4), (6, 8, 3, 1), (9, 9)),
        "bank_card": (
            (len(value),),
            (4,) * (len(value) // 4) + ((len(value) % 4,) if len(value) % 4 else ()),
        ),
    }
    options = layouts.get(kind, ((len(value),), (2,) * (len(value) // 2) + (len(value) % 2,)))
    # Landline area codes have 3 or 4 digits and subscribers 7 or 8: keep the layouts that fit.
    fitting = [sizes for sizes in options if sum(sizes) == len(value) and min(sizes) >= 0]
    sizes = rng.choice(fitting) if fitting else (len(value),)
    groups, pos = [], 0
    for size in sizes:
        if size:
            groups.append(value[pos : pos + size])
            pos += size
    return groups


_ZH = "零一二三四五六七八九"
_FORMAL = "零壹贰叁肆伍陆柒捌玖"


def _yao(rng: random.Random, d: str) -> str:
    return "幺" if d == "1" else _ZH[int(d)]


def _mixed_speech(rng: random.Random, d: str) -> str:
    # One speaker, inconsistent ASR: 幺 or 一 for 1, 〇 or 零 for 0, now and then 两 for 2.
    if d == "1":
        return rng.choice("幺一")
    if d == "0":
        return rng.choice("零〇")
    if d == "2":
        return rng.choice("二二两")
    return _ZH[int(d)]


# Numeral style -> how one ASCII digit is written. "mixed_groups" picks a style per group (see render_digits).
NUMERAL_STYLES: dict[str, Callable[[random.Random, str], str]] = {
    "arabic": lambda rng, d: d,
    "chinese": lambda rng, d: _ZH[int(d)],
    "chinese_yao": _yao,
    "chinese_mixed": _mixed_speech,
    "formal": lambda rng, d: _FORMAL[int(d)],
    "full_width": lambda rng, d: chr(ord(d) + 0xFEE0),
    "mixed_groups": lambda rng, d: d,  # placeholder; chosen per group
    "mixed_digits": lambda rng, d: d if rng.random() < 0.5 else _ZH[int(d)],  # 1三8 零0幺3
}
# Separator style -> the strings a speaker or the ASR puts between two groups.
SEPARATOR_STYLES: dict[str, tuple[str, ...]] = {
    "none": ("",),
    "space": (" ", " ", "  "),
    "comma": ("，", ", ", "、", "，"),
    "dash": ("-", "杠", " - "),
    "filler": (
        "，嗯，",
        " 呃 ",
        "，那个，",
        "，就是",
        " 啊 ",
        "，然后",
        "…嗯…",
        "，额，",
        "，我想想，",
        "，等一下，",
    ),
    "confirm": ("，对，", "，对吧，", "，对的，", "，嗯对，", "。对，", "，是的，"),
    "position": ("，中间{n}位", "，后面{n}位是", "，最后{n}位"),  # {n}: the next group's length, in words
}


def render_digits(rng: random.Random, text: str, numerals: str) -> str:
    """Write ``text``'s ASCII digits in one numeral style; other characters (letters, X) stay."""
    if numerals == "mixed_groups":
        numerals = rng.choice(("arabic", "chinese", "chinese_yao"))
    say = NUMERAL_STYLES[numerals]
    return "".join(say(rng, c) if c.isdigit() else c for c in text)
