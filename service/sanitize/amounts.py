"""Digit groups that are amounts, lists or a number read back, not one identifier (policy: docs/guard.md).

A run of digit groups (see :mod:`service.sanitize.digits`) can hold a phone or card number, or prices,
rooms and years said one after another. A phone number has no checksum and Luhn passes one random
number in ten, so these tests keep lists from being read as one number. A resident ID's check digit
outweighs them.
"""

from __future__ import annotations

import itertools
import re

__all__ = [
    "ends_an_amount",
    "follows_an_amount_word",
    "is_amount_list",
    "is_followed_by_list_word",
    "is_followed_by_unit",
    "is_read_back",
]

# A digit right after a positional numeral or a decimal point ends an amount (五千八, 两万三, 89.5).
_AMOUNT_BEFORE = frozenset("十百千万亿点.")
# The number right after one of these is money (预算6500，13800138000: a budget, then a phone).
_AMOUNT_WORD_BEFORE = re.compile(
    r"(?:预算|月租|房租|租金|押金|价格|价位|报价|总价|首付|定金|订金|服务费|中介费|物业费|工资|月薪|收入)"
    r"\s*(?:是|为|在|大概|大约|差不多|[:：])?\s*$"
)
_CONTEXT_CHARS = 12
# A number directly followed by a measure word is a quantity (1502室, 2018年, 4999元); 号码 is no unit.
_UNIT_AFTER = re.compile(r"[年月日楼层室间套栋幢平米元块岁次]|号(?!码)")
# Several groups followed by 这几/都 are a list (1705、1302、602这几间; 1402，1802，505都朝南).
_LIST_AFTER = re.compile(r"\s*(?:这几|那几|这些|那些|等|都)")


def ends_an_amount(text: str, start: int) -> bool:
    """True when the digit at ``start`` follows 十百千万亿 or a decimal point: it is an amount's tail."""
    return start > 0 and text[start - 1] in _AMOUNT_BEFORE


def follows_an_amount_word(text: str, start: int) -> bool:
    """True when the digit at ``start`` comes right after 预算, 月租, 押金 …: it starts an amount."""
    return _AMOUNT_WORD_BEFORE.search(text[max(0, start - _CONTEXT_CHARS) : start]) is not None


def is_followed_by_unit(text: str, end: int) -> bool:
    """True when a measure word follows the digit group ending at ``end`` (1502室, 2018年)."""
    return _UNIT_AFTER.match(text, end) is not None


def is_followed_by_list_word(text: str, end: int) -> bool:
    """True when 这几, 那几, 这些, 那些, 等 or 都 follows the run ending at ``end``."""
    return _LIST_AFTER.match(text, end) is not None


def is_amount_list(groups: list[str]) -> bool:
    """Round amounts in a row (6200 6500 6800 7000), or rising prices with one ending (4999 5299 5599).

    Card groups are random: all ending in 00, or rising with one ending, happens about once in a million.
    """
    if len(groups) > 1 and all(3 <= len(g) <= 5 and g[0] != "0" and g.endswith("00") for g in groups):
        return True
    return (
        len(groups) > 2
        and all(3 <= len(g) <= 5 and g[-2:] == groups[0][-2:] for g in groups)
        and all(int(a) < int(b) for a, b in itertools.pairwise(groups))
    )


def is_read_back(groups: list[str]) -> bool:
    """True for a number said twice (…，对，就是…): its halves match and split at a group boundary."""
    digits = "".join(groups)
    half, odd = divmod(len(digits), 2)
    if odd or digits[:half] != digits[half:]:
        return False
    position = half
    for group in groups:
        position -= len(group)
        if position <= 0:
            return position == 0
    return False
