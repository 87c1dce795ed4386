"""Hard negatives for the spoken-form benchmark: numbers a rental caller says that are not PII.

Prices, dates, times, floors, layouts, areas, durations, years, counts, verification codes, partial
numbers, and listing, order or contract numbers after their reference word, in the same spoken styles
(Chinese numerals, groups, fillers) as the PII in spoken_pii.py. Each composer returns one utterance;
the masker must leave every one of them untouched (policy: docs/guard.md §1).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from training.guard.spoken_pii_values import (
    SEPARATOR_STYLES,
    make_id18,
    make_mobile,
    render_digits,
    split_groups,
)

__all__ = ["NEGATIVE_COMPOSERS", "say_number"]

_ZH = "零一二三四五六七八九"
_UNITS = ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"))


def say_number(n: int, *, clipped: bool = False, liang: bool = False) -> str:
    """An integer as a positional Chinese numeral: 6500 -> 六千五百, or 六千五 when ``clipped``."""
    if n < 10:
        return _ZH[n]
    for unit, name in _UNITS:
        if n >= unit:
            head, rest = divmod(n, unit)
            lead = "两" if liang and head == 2 and unit >= 1000 else say_number(head)
            if unit == 10 and head == 1:
                lead = ""  # 十五, not 一十五
            if rest == 0:
                return lead + name
            if clipped and rest * 10 % unit == 0 and rest < unit:
                return lead + name + _ZH[rest * 10 // unit]  # 六千五
            gap = "零" if rest < unit // 10 else ""
            return lead + name + gap + say_number(rest)
    raise AssertionError(n)


def _price(rng: random.Random) -> int:
    return rng.choice((rng.randint(15, 150) * 100, rng.randint(2, 20) * 500))


def _say_price(rng: random.Random, n: int) -> str:
    form = rng.random()
    if form < 0.4:
        return say_number(n, clipped=True, liang=rng.random() < 0.5)
    if form < 0.7:
        return str(n)
    return f"{n / 10000:g}万" if n >= 10000 else say_number(n)


def _prices(rng: random.Random) -> str:
    a, b = sorted((_price(rng), _price(rng)))
    return rng.choice(
        (
            f"预算{_say_price(rng, a)}左右，押一付三",
            f"月租{_say_price(rng, a)}，能便宜点吗",
            f"{_say_price(rng, a)}到{_say_price(rng, b)}之间的都行",
            f"押金{_say_price(rng, a)}，服务费{_say_price(rng, rng.randint(3, 20) * 100)}",
            f"嗯，那个，{_say_price(rng, a)}，{_say_price(rng, b)}，都可以",
        )
    )


def _price_list(rng: random.Random) -> str:
    start = rng.randint(20, 80) * 100
    step = rng.choice((200, 300, 500, 1000))
    amounts = [start + k * step for k in range(rng.randint(3, 5))]
    sep = rng.choice((" ", "、", "，", " 或者 ", "，嗯，"))
    said = [str(n) if rng.random() < 0.6 else say_number(n, clipped=True) for n in amounts]
    return f"预算{sep.join(said)}都行"


def _dates(rng: random.Random) -> str:
    year, month, day = rng.randint(2018, 2027), rng.randint(1, 12), rng.randint(1, 28)
    hour = rng.randint(1, 6)
    said_year = render_digits(rng, str(year), rng.choice(("chinese", "arabic", "chinese_mixed")))
    return rng.choice(
        (
            f"{said_year}年{say_number(month)}月{say_number(day)}号下午{say_number(hour)}点半看房",
            f"{month}月{day}号能搬进去吗",
            f"合同从{said_year}年{month}月签到{year + 1}年{month}月",
            f"{say_number(month)}月{say_number(day)}号，{say_number(month)}月{say_number(day + 1)}号都有空",
            f"日期是{render_digits(rng, f'{year} {month:02d} {day:02d}', 'chinese')}",
        )
    )


def _times(rng: random.Random) -> str:
    hour = rng.randint(1, 11)
    return rng.choice(
        (
            f"下午{say_number(hour)}点半",
            f"晚上{say_number(hour)}点{say_number(rng.randint(1, 5) * 10)}分到",
            f"{hour}:{rng.choice(('00', '30', '15'))}可以吗",
            f"早上{say_number(hour)}点到{say_number(hour + 1)}点之间",
        )
    )


def _layout(rng: random.Random) -> str:
    floor, area = rng.randint(2, 33), rng.randint(30, 160)
    room = f"{floor}{rng.randint(1, 4):02d}"
    metres = rng.randint(3, 9) * 100
    return rng.choice(
        (
            f"{say_number(floor)}楼，{say_number(area)}点五平，三室一厅",
            f"{floor}楼{render_digits(rng, room, 'chinese_yao')}室",
            f"{render_digits(rng, str(rng.randint(1, 12)), 'chinese')}号楼{say_number(rng.randint(1, 4))}单元"
            f"{render_digits(rng, room, 'chinese_yao')}",
            f"{say_number(floor)}层，{area}平米，两室一厅一卫",
            f"{floor}楼 {floor + 1}楼 {floor + 2}楼都可以",
            f"{rng.randint(1, 9)}号线 {rng.randint(10, 16)}号线都行，离地铁{say_number(metres)}米",
        )
    )


def _durations_counts(rng: random.Random) -> str:
    built = rng.randint(1995, 2020)
    return rng.choice(
        (
            f"住{say_number(rng.randint(1, 3), liang=True)}年，{say_number(rng.randint(2, 4))}个人",
            f"租期一年半，养了{rng.choice('两三')}只猫",
            f"房龄{say_number(rng.randint(5, 25))}年，{render_digits(rng, str(built), 'chinese')}年的房子",
            f"看了{say_number(rng.randint(3, 12))}套，等了{say_number(rng.randint(10, 40))}分钟",
            f"一 二 三 四 五 六 七，这{say_number(rng.randint(3, 7))}天都能看房",
        )
    )


def _spoken(rng: random.Random, value: str, kind: str) -> str:
    numerals = rng.choice(("arabic", "chinese", "chinese_yao", "chinese_mixed"))
    seps = SEPARATOR_STYLES[rng.choice(("none", "space", "comma", "filler"))]
    return "".join(
        (rng.choice(seps) if i else "") + render_digits(rng, g, numerals)
        for i, g in enumerate(split_groups(rng, value, kind))
    )


def _references(rng: random.Random) -> str:
    # A phone- or ID-shaped number is still a reference number once its word says so.
    value, kind = rng.choice(((make_mobile(rng), "mobile"), (make_id18(rng), "id_card")))
    word = rng.choice(
        ("订单号", "房源编号", "合同编号", "工单号", "快递单号", "流水号", "房源号", "订单编号")
    )
    glue = rng.choice(("", "是", "：", "是，嗯，", " ", "，就是"))
    return f"{word}{glue}{_spoken(rng, value, kind)}{rng.choice(('', '的房子还在吗', '，帮我查一下'))}"


def _partials_codes(rng: random.Random) -> str:
    code = "".join(rng.choice("0123456789") for _ in range(rng.choice((4, 6))))
    return rng.choice(
        (
            f"手机尾号{render_digits(rng, code[:4], 'chinese_yao')}",
            f"尾号是{code[:4]}的那张卡",
            f"验证码是{render_digits(rng, code, rng.choice(('chinese_yao', 'arabic', 'chinese')))}",
            f"验证码 {render_digits(rng, code[:3], 'chinese')} {render_digits(rng, code[3:], 'chinese')}",
            f"邮编{render_digits(rng, '1000' + code[:2], 'chinese_yao')}",
            f"密码{render_digits(rng, code, 'chinese')}",
        )
    )


def _number_lists(rng: random.Random) -> str:
    floors = sorted(rng.sample(range(2, 30), 4))
    return rng.choice(
        (
            "预算" + " ".join(say_number(p, clipped=True) for p in (3000, 4000, 5000)) + "都行",
            "、".join(str(f) for f in floors) + "楼都可以",
            "，".join(say_number(f) + "楼" for f in floors) + "，都行",
            "、".join(render_digits(rng, str(f), "chinese") for f in floors) + "号楼都看过了",
            f"{rng.randint(1, 3)}0{rng.randint(1, 9)}、{rng.randint(4, 6)}0{rng.randint(1, 9)}、"
            f"{rng.randint(7, 9)}0{rng.randint(1, 9)}这几间",
        )
    )


def _more_lists(rng: random.Random) -> str:
    # Lists whose digits, run together, have a phone's or a card's length: rooms on high floors,
    # marketing prices, years.
    rooms = [f"{rng.randint(13, 19)}0{rng.randint(1, 6)}" for _ in range(2)] + [
        f"{rng.randint(5, 9)}0{rng.randint(1, 6)}"
    ]
    first_year = rng.randint(2010, 2020)
    base = rng.randint(30, 70)
    return rng.choice(
        (
            "、".join(render_digits(rng, r, rng.choice(("arabic", "chinese_yao"))) for r in rooms)
            + "这几间都看过了",
            "，".join(rooms) + "都是朝南的",
            "预算" + " ".join(f"{base + k * 3}99" for k in range(4)) + "的都可以",
            "、".join(render_digits(rng, str(first_year + k), "chinese") for k in range(4)) + "年的房子都行",
            " ".join(str(first_year + k) for k in range(4)) + "这几年涨了不少",
            f"百分之{say_number(rng.randint(10, 99))}，{say_number(rng.randint(2, 9))}成新",
        )
    )


def _english(rng: random.Random) -> str:
    # The assistant hears English too: "at" and "dot" in prose, numbers that are times and amounts.
    floor = rng.randint(10, 30)
    return rng.choice(
        (
            f"look at example.com for the {rng.randint(2, 4)} bedroom listings",
            f"I'm at the station, see you at {rng.randint(1, 9)} pm",
            f"my budget is {_price(rng)} per month, {rng.randint(1, 3)} bedrooms",
            f"room {floor}0{rng.randint(1, 6)}, floor {floor}, about {rng.randint(40, 120)} sqm",
            f"call me at {rng.randint(7, 10)} tomorrow, we can move in on March {rng.randint(1, 28)}",
        )
    )


# Composer name -> composer; the benchmark reports untouched rates per name.
NEGATIVE_COMPOSERS: dict[str, Callable[[random.Random], str]] = {
    "price": _prices,
    "price_list": _price_list,
    "date": _dates,
    "time": _times,
    "floor_room_area": _layout,
    "duration_count_year": _durations_counts,
    "reference_number": _references,
    "partial_or_code": _partials_codes,
    "number_list": _number_lists,
    "room_price_year_list": _more_lists,
    "english": _english,
}
