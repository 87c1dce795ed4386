"""Phone, resident-ID and bank-card numbers, written or spoken, found in a digit view.

A number is one or more whole digit groups of a run (see :mod:`service.sanitize.digits`), never a slice
of a longer digit string: ``订单号213800138000`` holds no phone number. This module reads each run left
to right, longest number first, and brings in the words around it (电话, 订单号, 预算, 这几间);
:mod:`service.sanitize.number_kinds` says what kind of number a candidate is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.sanitize.amounts import (
    ends_an_amount,
    follows_an_amount_word,
    is_followed_by_list_word,
    is_followed_by_unit,
)
from service.sanitize.checksums import is_luhn_valid
from service.sanitize.digits import SEPARATOR, DigitGroup, find_digit_runs
from service.sanitize.number_kinds import (
    COUNTRY_CODES,
    MAX_DIGITS,
    canonical_number,
    classify_number,
    is_mobile,
)
from service.sanitize.types import Detection

__all__ = ["detect_numbers"]

# A number right after one of these names a listing, an order or a contract, not a person (policy in
# docs/guard.md). Allow the usual glue between the word and the number, hesitations included
# (订单号是，嗯，…). The word covers the first number after it, however it is grouped.
_REFERENCE_BEFORE = re.compile(
    r"(?:订单|单号|编号|房源号|房号|合同号|合同编号|工单|流水号|快递|尾号|验证码|密码|邮编|"
    rf"order|listing|ref)\s*(?:号码|号|码|编号)?\s*(?:是|为|[:：#])?{SEPARATOR}{{0,5}}$",
    re.IGNORECASE,
)
# A bare 7–8 digit local number is a phone only when introduced as one.
_PHONE_BEFORE = re.compile(
    r"(?:电话|座机|手机|号码|联系方式|打|拨|call|tel|phone)\s*(?:号码|号)?\s*(?:是|为|[:：])?"
    rf"{SEPARATOR}{{0,5}}$",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 16
# Between two numbers said one after the other there is a real pause: punctuation or a word. Spaces,
# dashes (杠 is one said aloud) and brackets are how one number is written in groups.
_WEAK_PAUSE = re.compile(r"(?:[\s\-‐‑–—_/()]|横?杠)*")


def _is_strong_pause(text: str, start: int, end: int) -> bool:
    return _WEAK_PAUSE.fullmatch(text, start, end) is None


def _is_strong_reading(kind: str, digits: str) -> bool:
    """A mobile number or an 18-character resident ID. A landline's shape is loose, a legacy ID has no
    check digit and Luhn passes one number in ten, so those do not displace another reading."""
    return (kind == "id_card" and len(digits) == 18) or (kind == "phone" and is_mobile(digits))


class _RunReader:
    """Reads the numbers of one run of digit groups, left to right, longest reading first."""

    def __init__(self, text: str, run: list[DigitGroup]) -> None:
        self.text = text
        self.plus_before = run[0].start > 0 and text[run[0].start - 1] in "+＋加"
        if is_followed_by_unit(text, run[-1].end):
            run = run[:-1]  # its last group is a quantity: 1502室, 2018年
        self.run = run
        # Several groups then 这几/都: a list, read as one number only with a check digit.
        self.listed = len(run) > 1 and is_followed_by_list_word(text, run[-1].end)

    def starts_free(self, i: int, free: int) -> bool:
        """May a landline (no checksum) start at group ``i``? At the run's start, right after the number
        before it, after a digit or two (一, 两: a count), or after a real pause (1502，0755 …). Inside
        1101 0119 9003 0774 it would be a fragment of something else."""
        run = self.run
        return sum(len(g.digits) for g in run[free:i]) <= 2 or _is_strong_pause(
            self.text, run[i - 1].end, run[i].start
        )

    def longest(self, i: int, *, free: int) -> tuple[int, str] | None:
        """The last group and the type of the longest number starting at group ``i``, or None."""
        run, text = self.run, self.text
        starts_free = self.starts_free(i, free)
        phone_context: bool | None = None  # looked up once a 7-8 digit candidate needs it
        groups: list[str] = []
        length = 0
        best: tuple[int, str] | None = None
        best_kind = ""
        for j in range(i, len(run)):
            groups.append(run[j].digits)
            length += len(run[j].digits)
            if length > MAX_DIGITS:
                break
            # A number glued to letters is part of a code (统一社会信用代码 …878J, MA1B…), not PII.
            if length < 7 or (
                run[j].end < len(text) and text[run[j].end].isascii() and text[run[j].end].isalpha()
            ):
                continue
            if phone_context is None and length <= 8 and starts_free:
                before = text[max(0, run[i].start - _CONTEXT_CHARS) : run[i].start]
                phone_context = _PHONE_BEFORE.search(before) is not None
            kind = classify_number(
                groups,
                at_run_start=starts_free,
                phone_context=bool(phone_context),
                plus_before=self.plus_before,
            )
            if kind is None or (self.listed and j > i and kind != "id_card"):
                continue
            if kind == best_kind == "bank_card" and not is_luhn_valid("".join(groups)):
                continue  # a Luhn-valid card, then more digits: the rest is another number
            if kind == "id_card" and best_kind == "phone" and length == 15:
                continue  # a phone, then a price: a legacy ID has no check digit to outweigh it
            best, best_kind = (j, kind), kind  # keep extending: the longest reading wins (+86 138…)
        return best

    def later_reading_wins(self, i: int, j: int, kind: str) -> bool:
        """True when a phone read at groups ``i..j`` loses to a number that starts after a real pause
        inside it, is written in groups with only spaces or dashes between them, and runs on past
        ``j``: in 1502，188 0204 4501 the phone is 188 0204 4501, not 1502 188 0204. Only a mobile
        number or a resident ID wins that way (``_is_strong_reading``), and never against a lead-in
        right before group ``i`` (座机 8640，…)."""
        run, text = self.run, self.text
        if kind != "phone" or j + 1 >= len(run):
            return False
        strong = [_is_strong_pause(text, run[m - 1].end, run[m].start) for m in range(i + 1, j + 2)]
        # Candidates: a real pause before group k, and none after it up to the group past j.
        starts = [k for k in range(i + 1, j + 1) if strong[k - i - 1] and not any(strong[k - i :])]
        before = text[max(0, run[i].start - _CONTEXT_CHARS) : run[i].start]
        if not starts or _PHONE_BEFORE.search(before):
            return False
        for k in starts:
            later = self.longest(k, free=k)
            if later is None or later[0] <= j:
                continue
            pauses = range(j + 2, later[0] + 1)
            if any(_is_strong_pause(text, run[m - 1].end, run[m].start) for m in pauses):
                continue  # said with pauses like the one before it: no sign where the number starts
            if _is_strong_reading(later[1], "".join(g.digits for g in run[k : later[0] + 1])):
                return True
        return False


def _detect_in_run(text: str, run: list[DigitGroup]) -> list[Detection]:
    reader = _RunReader(text, run)
    run = reader.run
    found: list[Detection] = []
    if not run:
        return found
    # 五千八 6300: the 8 belongs to 五千. 预算6500，138…: the first group is money.
    i = 1 if ends_an_amount(text, run[0].start) or follows_an_amount_word(text, run[0].start) else 0
    # After 订单号, 房源编号 … the first number of the run is the reference, whatever its shape.
    reference = _REFERENCE_BEFORE.search(text[max(0, run[0].start - _CONTEXT_CHARS) : run[0].start])
    free = i
    while i < len(run):
        best = reader.longest(i, free=free)
        if best is None or (best[0] > i and reader.later_reading_wins(i, *best)):
            i += 1
            continue
        j, kind = best
        if reference and i == 0:
            i = free = j + 1
            continue
        start, end = run[i].start, run[j].end
        digits = "".join(g.digits for g in run[i : j + 1])
        if i == 0 and start > 0 and text[start - 1] in "+＋(（":
            start -= 1  # the "+" or the bracket of "(010)" belongs to the number
        elif i == 0 and start > 0 and text[start - 1] == "加" and digits.startswith(COUNTRY_CODES):
            start -= 1  # 加八六 is "+86" said aloud; a bare 加 before a number is "add" (加我 138…)
        found.append(Detection(kind, start, end, canonical_number(kind, digits)))
        i = free = j + 1
    return found


def _find_repeats(runs: list[list[DigitGroup]], found: list[Detection]) -> list[Detection]:
    """Other mentions of a number already found: read back without its lead-in (…，我再说一遍，…)."""
    kinds = {d.key: d.type for d in found}
    shortest = min(len(key) for key in kinds)
    lengths = {len(key) + extra for key in kinds for extra in (0, 2, 4)}  # 86 or 0086 before a phone
    taken = [(d.start, d.end) for d in found]
    repeats: list[Detection] = []
    for run in runs:
        free = [g for g in run if all(g.end <= a or b <= g.start for a, b in taken)]
        if sum(len(g.digits) for g in free) < shortest:
            continue  # what is left of the run cannot hold any of the numbers
        i = 0
        while i < len(run):
            digits, match = "", None
            for j in range(i, len(run)):
                digits += run[j].digits
                if len(digits) > MAX_DIGITS:
                    break
                if len(digits) not in lengths:
                    continue
                key = digits.upper() if digits.upper() in kinds else canonical_number("phone", digits)
                if key in kinds and all(run[j].end <= a or b <= run[i].start for a, b in taken):
                    match = (j, Detection(kinds[key], run[i].start, run[j].end, key))
            if match is None:
                i += 1
                continue
            i = match[0] + 1
            repeats.append(match[1])
            taken.append((match[1].start, match[1].end))
    return repeats


def _unclaimed(run: list[DigitGroup], claimed: Sequence[Detection]) -> list[list[DigitGroup]]:
    """The parts of ``run`` outside the claimed spans: a digit belongs to one value only."""
    parts: list[list[DigitGroup]] = [[]]
    for group in run:
        if any(c.start < group.end and group.start < c.end for c in claimed):
            parts.append([])
        else:
            parts[-1].append(group)
    return [part for part in parts if part]


def detect_numbers(text: str, view: str, *, claimed: Sequence[Detection] = ()) -> list[Detection]:
    """Find phone, resident-ID and bank-card numbers; ``view`` is :func:`to_digit_view` of ``text``.

    Digits inside ``claimed`` (the documents found first: an e-mail's QQ number, a permit's digits)
    are not read again.
    """
    runs = find_digit_runs(view)
    if claimed:
        runs = [part for run in runs for part in _unclaimed(run, claimed)]
    # The shortest number we mask is a 7-digit local landline; "一个", "两居" and prices stop here.
    runs = [run for run in runs if sum(len(g.digits) for g in run) >= 7]
    found = [d for run in runs for d in _detect_in_run(text, run)]
    if found:
        found += _find_repeats(runs, found)
    return found
