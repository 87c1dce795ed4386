"""A digit view of an utterance: spoken Chinese numerals read as ASCII digits, offsets unchanged.

Speech-to-text writes phone and ID numbers the way people say them: ``幺三八 零零一三 八零零零``, or with
fillers between the groups (``一三八，嗯，零零一三``). :func:`to_digit_view` maps every digit-like
character to one ASCII character, so the view has the same length as the original and a match in the
view masks exactly the original characters. :func:`find_digit_runs` then groups digits that are only
separated by spaces, dashes, commas or fillers, because a number is spoken in groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SEPARATOR", "DigitGroup", "find_digit_runs", "to_digit_view"]

# One character in, one character out. 幺 is how "1" is read out in phone numbers, 两 is "2" before a
# measure word; 〇 and 零 are both zero. Positional numerals (十, 百, 千, 万) are left alone: they make
# prices and counts (八千, 两千五), never identifiers, and keeping them breaks a run so such amounts
# cannot glue onto a neighbouring number.
_SPOKEN_DIGITS = {
    "零": "0",
    "〇": "0",
    "○": "0",
    "一": "1",
    "幺": "1",
    "壹": "1",
    "二": "2",
    "两": "2",
    "贰": "2",
    "三": "3",
    "叁": "3",
    "四": "4",
    "肆": "4",
    "五": "5",
    "伍": "5",
    "六": "6",
    "陆": "6",
    "七": "7",
    "柒": "7",
    "八": "8",
    "捌": "8",
    "九": "9",
    "玖": "9",
}
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
# 叉 is how the X check digit of a resident ID is read out; it only counts right after 17 digits.
_VIEW_MAP = {**_FULL_WIDTH, **_SPOKEN_DIGITS, "叉": "X"}
# A numeral that starts or ends a word is no digit: 一直, 一下, 两个, 三个人, 一居室, 二手, 周一, 第一.
# Read as digits they would glue onto the number next to them (电话13800138000一直打不通 has no
# 12-digit number in it). 幺 starts no word, so it is always a digit.
_MEASURE_WORDS = "个人室居厅卫楼层套间栋年月天周岁次位只张家辆台块元分秒手"
_YI_WORDS = "直下起定般样共些会半"  # 一直, 一下, 一起 …
_NUMERALS = "".join(c for c in _SPOKEN_DIGITS if c != "幺")
_WORD_BEFORE_NUMERAL = "周期第统唯之初"  # 周一, 星期三, 第一, 统一, 唯一, 之一, 初五
# Only these characters change, and they are a few per cent of a Chinese sentence. The pattern starts
# with one character class, which the regex engine scans for in a tight loop; the word tests are
# look-arounds after it, so they run only at those characters (several times faster than
# str.translate, or than an alternation, which is tried at every position).
_VIEW_CHARS = re.compile(
    f"[叉幺\uff01-\uff5e{_NUMERALS}]"
    f"(?<![{_WORD_BEFORE_NUMERAL}][{_NUMERALS}])"
    f"(?!(?<=[{_NUMERALS}])(?:[{_MEASURE_WORDS}]|号(?!码))|(?<=一)[{_YI_WORDS}])"
)

# Between two digit groups: whitespace, dashes, commas, brackets round an area code, pauses the ASR
# writes as punctuation (。…？), hesitations (嗯, 呃, 那个, 就是, 我想想, 等一下) and the confirmations a
# caller says while dictating (幺三八，对，零零幺三，对吧，…). At most five in a row (，然后，那个，):
# a longer gap ends the number. A dot is a decimal point (89.5平, 0755-7654.321 is no phone), so it
# ends a run.
SEPARATOR = (
    r"(?:[\s\-‐‑–—_,，、/()。…？?]|横?杠|嗯|呃|额|啊|哦|噢|呢|那个|这个|就是|然后|后面|接着|接下来|再|"
    r"对吧|对的|对|是的|是|好的|我想想|想想|等一下|等等|稍等|我看看|我看一下|"
    # 幺三八，中间四位零零幺三，最后四位八零零零: the numeral before 位 stays Chinese in the view.
    r"(?:中间|后面|最后|后|末)[一二三四五六七八九十两]位)"
)
# The X check digit of a resident ID, as ASR writes it: a letter, 叉, or 艾克斯 (read as "  X" in
# the view, see to_digit_view), maybe after a pause or 大写的 ("capital").
_X_CHECK = rf"(?:{SEPARATOR}|大写的?|字母){{0,8}}[Xx](?![A-Za-z])"
# A digit before a positional numeral is the head of an amount (一万一千, 五千): it ends the run.
_DIGIT = r"[0-9](?![十百千万亿])"
_RUN = re.compile(rf"{_DIGIT}(?:{SEPARATOR}{{0,5}}{_DIGIT})*(?:{_X_CHECK})?")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")


@dataclass(frozen=True, slots=True)
class DigitGroup:
    """Consecutive digits (an 18th-place ``X`` included) at ``[start, end)`` of the original text."""

    digits: str
    start: int
    end: int


def to_digit_view(text: str) -> str:
    """Return ``text`` with spoken and full-width digits as ASCII, full-width ASCII folded, same length."""
    if text.isascii():
        return text
    if "艾克斯" in text:  # the letter X said aloud: two spaces (pauses) and an X, same length
        text = text.replace("艾克斯", "  X")
    return _VIEW_CHARS.sub(lambda m: _VIEW_MAP[m.group()], text)


def find_digit_runs(view: str) -> list[list[DigitGroup]]:
    """Split a digit view into runs of digit groups that only separators divide.

    Each run is the list of its groups, in order; a number is always one or more whole groups of a run.
    """
    runs: list[list[DigitGroup]] = []
    for run in _RUN.finditer(view):
        base = run.start()
        runs.append(
            [DigitGroup(g.group(), base + g.start(), base + g.end()) for g in _GROUP.finditer(run.group())]
        )
    return runs
