"""Undo the disguises an injection wears before any rule or model looks at it.

Attackers write ``ｉｇｎｏｒｅ``, ``i g n o r e``, ``іgnоre`` (Cyrillic і and о), ``ig\u200bnore``, ``1gn0r3``
or base64, hoping a filter keyed on the plain word misses it. :func:`normalize_for_guard` folds all of
these to plain lower-case text, appends any decoded payload, and records which disguises it saw: using
one is itself evidence (a tenant has no reason to hide a word from us).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["NormalizedText", "normalize_for_guard"]

_INVISIBLE = re.compile(
    "[\u0300-\u036f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]"
)
# Cyrillic and Greek letters that render like Latin ones (NFKC leaves them alone).
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁԛԝһӏкмтвнАВЕКМНОРСТУХІЈЅԌαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwhlkmtbhABEKMHOPCTYXIJSGabeikvoptuxABEZHIKMNOPTYX",
)
_CYRILLIC_GREEK = re.compile(r"[\u0370-\u04ff]")
_MIXED_SCRIPT = re.compile(r"[A-Za-z][\u0370-\u04ff]|[\u0370-\u04ff][A-Za-z]")
# NFKC is slow on Chinese text (full-width punctuation makes every string "not normalised"). Text made of
# ASCII, CJK, CJK punctuation and full-width forms only needs the full-width fold, done by a regex that
# touches only those characters; runs of anything else (math letters 𝐢𝐠𝐧𝐨𝐫𝐞, circled letters, ligatures)
# get NFKC run by run. Combining marks are removed with the invisible characters, so nothing composes
# across a run boundary.
_NEEDS_NFKC = re.compile(r"[^\x00-\x7f\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u2027\u00a0-\u00ff]+")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_LEET = str.maketrans("013457@$", "oieastas")
# A character-class start lets `re` scan in C; the full test is _LEET_TOKEN itself.
_LETTER_DIGIT = re.compile(r"[a-z0-9@$][a-z0-9@$]")
# Leetspeak is a short word with a few digits in it (1gn0r3); codes and hashes (e12345678, a3f9…) are not.
_LEET_TOKEN = re.compile(
    r"(?<![a-z0-9@$])(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0-9@$])[a-z0-9@$]{4,14}(?![a-z0-9@$])"
)
# Five or more single letters or CJK characters, each followed by the same kind of filler: "i g n o r e",
# "i.g.n.o.r.e", "忽 略 之 前". Shorter runs are ordinary text ("a b c").
_SPACED_LATIN = re.compile(r"\b(?:[a-z][ .\-_*|/]){4,}[a-z]\b")
_SPACED_CJK = re.compile(r"(?:[\u4e00-\u9fff][ .\-_*|/·]+){3,}[\u4e00-\u9fff]")
# Cheap gates for the two above: each starts with a character class, which `re` scans for in C.
_MAY_BE_SPACED_LATIN = re.compile(r"[a-z][ .\-_*|/][a-z][ .\-_*|/][a-z]")
_MAY_BE_SPACED_CJK = re.compile(r"[ .\-_*|/·][\u4e00-\u9fff][ .\-_*|/·]")
_SPACER = re.compile(r"[ .\-_*|/·]+")
# No look-behind at the start (it would disable the first-character scan); a match starts at the first
# character of its run anyway, because scanning goes left to right and the runs are maximal.
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-f]{2}[ :]?){8,}")
_ESCAPED = re.compile(r"(?:\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|%[0-9a-f]{2}){4,}")
_MAY_BE_HEX = re.compile(r"[0-9a-f]{2}[ :]?[0-9a-f]{2}[ :]?[0-9a-f]{2}[ :]?[0-9a-f]{2}")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The text to analyse, and the disguises removed from it.

    ``text`` is lower-case, folded, with decoded payloads appended after a newline; ``payloads`` holds
    those decoded strings alone.
    """

    text: str
    invisible: bool = False  # zero-width or bidi control characters
    homoglyphs: bool = False  # Cyrillic/Greek look-alikes
    spaced: bool = False  # letters or characters pulled apart with fillers
    payloads: tuple[str, ...] = ()  # decoded base64 / hex / escaped text

    @property
    def obfuscated(self) -> bool:
        return self.invisible or self.homoglyphs or self.spaced


def _decode_bytes(raw: bytes) -> str | None:
    """Decoded text when it is mostly printable UTF-8 (a payload), else None (a hash, an ID, noise)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    if len(text) < 4 or printable < 0.95 * len(text) or letters < 0.5 * len(text.replace(" ", "")):
        return None
    return text


_ESCAPE_UNIT = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|%([0-9a-f]{2})")


def _decode_escapes(escaped: str) -> str | None:
    """``\\x..`` and ``%..`` are UTF-8 bytes, ``\\u....`` are code points."""
    raw = bytearray()
    for m in _ESCAPE_UNIT.finditer(escaped):
        byte_hex = m.group(1) or m.group(3)
        if byte_hex is not None:
            raw += bytes.fromhex(byte_hex)
        else:
            raw += chr(int(m.group(2), 16)).encode("utf-8", "surrogatepass")
    return _decode_bytes(bytes(raw))


def _decode_payloads(text: str) -> tuple[str, list[str]]:
    """``text`` with every decodable payload cut out, and the decoded payloads."""
    found: list[str] = []
    cut: list[tuple[int, int]] = []
    for m in _BASE64.finditer(text):
        token = m.group()
        try:
            raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        decoded = _decode_bytes(raw)
        if decoded is not None:
            found.append(decoded)
            cut.append(m.span())
    lowered = text.lower()
    for m in _HEX.finditer(lowered) if _MAY_BE_HEX.search(lowered) else ():
        decoded = _decode_bytes(bytes.fromhex(re.sub("[ :]", "", m.group())))
        if decoded is not None:
            found.append(decoded)
            cut.append(m.span())
    for m in _ESCAPED.finditer(lowered) if "\\" in lowered or "%" in lowered else ():
        decoded = _decode_escapes(m.group())
        if decoded is not None:
            found.append(decoded)
            cut.append(m.span())
    for start, end in sorted(cut, reverse=True):
        text = text[:start] + " " + text[end:]
    return text, found


def _unleet(m: re.Match[str]) -> str:
    word = m.group()
    letters = sum(ch.isalpha() for ch in word)
    return word.translate(_LEET) if letters >= len(word) - letters else word


def _fold_width(text: str) -> str:
    if _NEEDS_NFKC.search(text):
        text = _NEEDS_NFKC.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _FULL_WIDTH.sub(lambda m: " " if m.group() == "\u3000" else chr(ord(m.group()) - 0xFEE0), text)


def _fold(text: str) -> str:
    folded = _fold_width(text)
    if _CYRILLIC_GREEK.search(folded):
        folded = folded.translate(_HOMOGLYPHS)
    return folded.lower()


def normalize_for_guard(text: str) -> NormalizedText:
    """Fold ``text`` for the guard: invisible characters out, NFKC, look-alikes to Latin, lower case,
    spaced-out words joined, whitespace collapsed, encoded payloads decoded and appended."""
    visible = _INVISIBLE.sub("", text)
    invisible = len(visible) != len(text)
    width_folded, decoded = _decode_payloads(_fold_width(visible))
    # Russian or Greek text is not a disguise; a look-alike inside a Latin word is.
    homoglyphs = (
        _CYRILLIC_GREEK.search(width_folded) is not None and _MIXED_SCRIPT.search(width_folded) is not None
    )
    folded = _fold(width_folded)
    # Leetspeak is folded but not flagged: "2b", "4k", "h5" are ordinary in listings.
    if _LETTER_DIGIT.search(folded):
        folded = _LEET_TOKEN.sub(_unleet, folded)
    joined = folded
    if _MAY_BE_SPACED_LATIN.search(joined):
        joined = _SPACED_LATIN.sub(lambda m: _SPACER.sub("", m.group()), joined)
    if _MAY_BE_SPACED_CJK.search(joined):
        joined = _SPACED_CJK.sub(lambda m: _SPACER.sub("", m.group()), joined)
    spaced = joined != folded
    payloads = [_WHITESPACE.sub(" ", _fold(p)).strip() for p in decoded]
    body = _WHITESPACE.sub(" ", joined).strip()
    if payloads:
        body = body + "\n" + "\n".join(payloads)
    return NormalizedText(body, invisible, homoglyphs, spaced, tuple(payloads))
