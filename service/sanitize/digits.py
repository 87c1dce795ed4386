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

__all__ = ["DigitGroup", "find_digit_runs", "to_digit_view"]

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
# Only these characters change, and they are a few per cent of a Chinese sentence: a regex that visits
# just them is several times faster than str.translate, which does a dict lookup for every character.
_VIEW_CHARS = re.compile("[叉" + "".join(_SPOKEN_DIGITS) + "\uff01-\uff5e]")

# Between two digit groups: whitespace, dashes, commas, brackets round an area code, and the
# hesitations ASR keeps in (嗯, 呃, 那个, 就是). At most four separators in a row: a longer gap ends the
# number. A dot is a decimal point (89.5平, 0755-7654.321 is no phone), so it ends a run.
_SEPARATOR = r"(?:[\s\-‐‑–—_,，、/()]|杠|嗯|呃|额|啊|哦|呢|那个|就是|然后)"
_RUN = re.compile(rf"[0-9](?:{_SEPARATOR}{{0,4}}[0-9])*(?:[Xx](?![A-Za-z]))?")
_GROUP = re.compile(r"[0-9]+[Xx]?")


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
