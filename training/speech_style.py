"""How a caller's turn reads once speech-to-text has written it down.

The demo generator (:mod:`training.demo_data`) uses these to make clean templates look like ASR output:
numbers spoken the way ASR writes them (mostly Chinese numerals, "幺" for one in digit strings), filler
words before and after a turn, courtesy words, homophone slips, and the phrases that lead into a phone
number. Changing any value or the order of a tuple changes the generated dataset (every choice is drawn
from a seeded RNG), so regenerate ``data/intents`` after editing.
"""

from __future__ import annotations

import random

__all__ = [
    "ASR_SLIPS",
    "CONTACT_LEADS",
    "COURTESIES",
    "FILLERS_AFTER",
    "FILLERS_BEFORE",
    "phone_number",
    "say_digits",
    "say_number",
]

_DIGITS = "零一二三四五六七八九"


def say_number(n: int, rng: random.Random) -> str:
    """Render ``n`` (< 100,000) as ASR would: "三千五", "三千五百", "两千" or "3500"."""
    if rng.random() < 0.2:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    units = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
    places = [(n // value % 10, unit) for value, unit in units if n >= value]
    nonzero = [i for i, (d, _) in enumerate(places) if d]
    # Colloquial "三千五" for 3500: two leading non-zero places and nothing after them.
    if len(nonzero) == 2 and nonzero[1] == 1 and rng.random() < 0.7:
        (a, unit), (b, _) = places[0], places[1]
        return ("两" if a == 2 else _DIGITS[a]) + unit + _DIGITS[b]
    out, pending_zero = "", False
    for i, (d, unit) in enumerate(places):
        if not d:
            pending_zero = bool(out)
            continue
        out += "零" if pending_zero else ""
        pending_zero = False
        out += ("两" if d == 2 and i == 0 and unit in "千万百" else _DIGITS[d]) + unit
    return out


def say_digits(digits: str, rng: random.Random) -> str:
    """Read a room or line number digit by digit, with ASR's "幺" for one most of the time."""
    one = "幺" if rng.random() < 0.8 else "一"
    return "".join(one if c == "1" else _DIGITS[int(c)] for c in digits)


def phone_number(rng: random.Random) -> str:
    """A plausible mainland mobile number, in digits or read out digit by digit."""
    digits = rng.choice(("13", "15", "17", "18", "19")) + "".join(rng.choice("0123456789") for _ in range(9))
    return digits if rng.random() < 0.5 else say_digits(digits, rng)


FILLERS_BEFORE = (
    "嗯",
    "嗯嗯",
    "那个",
    "就是",
    "就是说",
    "啊",
    "呃",
    "额",
    "你好",
    "您好",
    "喂",
    "喂你好",
    "我想问一下",
    "请问",
    "麻烦问一下",
    "哎",
    "对了",
    "然后",
    "那",
    "嗯那个",
    "呃就是",
    "哦",
    "你好我想问一下",
    "那个就是",
    "小助手",
    "哈喽",
)
COURTESIES = ("谢谢", "谢谢啊", "麻烦了", " 谢谢", " 好吗", " 嗯")
FILLERS_AFTER = (
    "啊",
    "呀",
    "呢",
    "吧",
    "哈",
    "嘛",
    "哦",
    "好吧",
    "行吗",
    "可以吗",
    "嗯",
    "那个",
    *COURTESIES,
)
# Homophone slips an ASR engine makes on this vocabulary: one replaced at a time.
ASR_SLIPS = (
    ("押金", "压金"),
    ("视频", "事频"),
    ("两居", "两局"),
    ("一居", "一局"),
    ("合租", "和租"),
    ("整租", "正租"),
    ("物业", "无业"),
    ("暖气", "暖器"),
    ("中介", "中街"),
    ("房租", "房足"),
    ("租金", "组金"),
    ("地铁", "地贴"),
    ("看房", "看方"),
    ("预约", "预曰"),
    ("便宜", "便益"),
    ("的", "得"),
    ("吗", "嘛"),
    ("在", "再"),
    ("那", "哪"),
    ("取消", "取销"),
    ("房东", "房冬"),
    ("带看", "代看"),
    ("出租车", "出组车"),
    ("天气", "天起"),
    ("优惠", "有会"),
    ("播放", "拨放"),
)

CONTACT_LEADS = ("我电话", "我电话是", "我手机号", "我手机号是", "我的号码是", "联系电话", "你记一下我电话")
