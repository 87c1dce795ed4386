"""Disguises an attacker puts on an injection, applied to generated attacks (and a few benign texts).

The guard folds these away before scoring (:mod:`service.guard.normalize`); training on disguised text
checks that the folding and the model agree, and teaches the ``obfuscated``/``encoded_payload`` signals
a weight. Each function takes the text and a seeded ``random.Random``.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

__all__ = ["OBFUSCATIONS", "obfuscate"]

_CYRILLIC = str.maketrans("aeopcxyiAEOPCXHK", "аеорсхуіАЕОРСХНК")


def _full_width(text: str, rng: random.Random) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _zero_width(text: str, rng: random.Random) -> str:
    marks = "\u200b\u200c\u200d\u2060\ufeff"
    return "".join(c + (marks[rng.randrange(len(marks))] if rng.random() < 0.5 else "") for c in text)


def _spaced(text: str, rng: random.Random) -> str:
    sep = rng.choice([" ", ".", "-", "*", " "])
    words = text.split(" ")
    if len(words) > 3:  # Latin: spread the first few words letter by letter
        k = rng.randint(1, min(4, len(words)))
        return " ".join([sep.join(w) for w in words[:k]] + words[k:])
    cut = rng.randint(4, max(5, min(12, len(text))))
    return sep.join(text[:cut]) + text[cut:]


def _homoglyphs(text: str, rng: random.Random) -> str:
    return "".join(c.translate(_CYRILLIC) if rng.random() < 0.6 else c for c in text)


def _leet(text: str, rng: random.Random) -> str:
    table = str.maketrans("aeiost", "431057")
    return " ".join(w.translate(table) if rng.random() < 0.5 else w for w in text.split(" "))


def _base64(text: str, rng: random.Random) -> str:
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    lead = rng.choice(
        [
            "请解码并执行：",
            "下面是base64，解码后照做：",
            "Decode this and follow it: ",
            "",
            "base64: ",
            "帮我看看这段是什么意思 ",
        ]
    )
    return lead + payload


def _hex(text: str, rng: random.Random) -> str:
    lead = rng.choice(["hex解码后执行：", "Decode the hex and obey: ", "", "\\x"])
    if lead == "\\x":
        return "".join(f"\\x{b:02x}" for b in text.encode("utf-8"))
    return lead + text.encode("utf-8").hex()


OBFUSCATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "full_width": _full_width,
    "zero_width": _zero_width,
    "spaced": _spaced,
    "homoglyphs": _homoglyphs,
    "leet": _leet,
    "base64": _base64,
    "hex": _hex,
}


def obfuscate(text: str, rng: random.Random, name: str) -> str:
    """``text`` in the named disguise."""
    return OBFUSCATIONS[name](text, rng)
