"""Text normalisation and character n-gram extraction for the embedded classifier.

Training (``training/embedded.py``) and serving (:mod:`service.classify.embedded`) both call
:func:`extract_ngrams` with the :class:`FeatureConfig` saved in the artefact, so the model is scored on
exactly the features it was fitted on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["FeatureConfig", "extract_ngrams", "normalize_text"]

# Words ASR leaves in voice turns that carry no intent. Longest first so that "我想问一下" is removed
# whole rather than leaving "想问一下" behind. "就是"/"那个" are left in on purpose: they are also
# content words ("就是这套", "那个视频"). Stripping these measured slightly better (docs/benchmarks.md).
_FILLERS = ("我想问一下", "想问一下", "请问一下", "你好", "您好", "喂", "嗯", "呃", "额", "哦", "噢")
_FILLER_RE = re.compile("|".join(map(re.escape, _FILLERS)))
# Optional: map every Arabic digit to "0" so "3500" and "4200" share n-grams. Off by default: it measured
# no better on val or handwritten_eval and worse on out-of-scope turns ("4.5分" then looks like a price).
_DIGIT_RE = re.compile(r"[0-9]")
# Anything that is not a letter or a digit: punctuation, emoji, symbols. Whitespace is handled apart
# because ASR puts spaces between phrases and that boundary is worth an n-gram.
_SPACE_RE = re.compile(r"\s+")
# PII placeholders from the sanitize stage (<PHONE_1>, <ID_CARD_2>): the classifier only ever sees
# masked text, and a masked value says nothing about intent. Left in, "phone" and "1" would become
# n-grams that no training turn has (measured: "我电话<PHONE_1>，想在望京找两居" went to other).
_PLACEHOLDER_RE = re.compile(r"<[A-Z][A-Z_]*_\d+>")
_BOUNDARY = " "


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """How text becomes features; saved in the artefact's ``meta.json``."""

    min_n: int = 1  # shortest character n-gram
    max_n: int = 2  # longest character n-gram; 3 fit unseen phrasings worse (docs/benchmarks.md)
    strip_fillers: bool = True  # drop _FILLERS before extracting n-grams
    fold_digits: bool = False  # map every Arabic digit to "0" (see _DIGIT_RE for why it is off)

    def __post_init__(self) -> None:
        if not 1 <= self.min_n <= self.max_n <= 6:
            raise ValueError(f"need 1 <= min_n <= max_n <= 6, got min_n={self.min_n}, max_n={self.max_n}")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> FeatureConfig:
        """Build from a ``meta.json`` mapping; raises ``ValueError`` naming an unknown or mistyped key."""
        known = {"min_n": int, "max_n": int, "strip_fillers": bool, "fold_digits": bool}
        unknown = set(raw) - set(known)
        if unknown:
            raise ValueError(f"unknown feature config keys {sorted(unknown)}")
        for key, value in raw.items():
            if type(value) is not known[key]:
                raise ValueError(f"feature config {key!r} must be {known[key].__name__}, got {value!r}")
        return cls(**raw)


def normalize_text(text: str, config: FeatureConfig) -> str:
    """Drop PII placeholders; NFKC, lower-case, optionally drop fillers and fold digits, drop punctuation.

    Runs of whitespace become one space; the result has no leading or trailing space.
    """
    text = unicodedata.normalize("NFKC", _PLACEHOLDER_RE.sub(_BOUNDARY, text)).lower()
    if config.strip_fillers:
        text = _FILLER_RE.sub(_BOUNDARY, text)
    if config.fold_digits:
        text = _DIGIT_RE.sub("0", text)
    kept = [ch if ch.isalnum() else _BOUNDARY for ch in text]
    return _SPACE_RE.sub(_BOUNDARY, "".join(kept)).strip()


def extract_ngrams(text: str, config: FeatureConfig) -> list[str]:
    """Character n-grams of the normalised text, each phrase padded with a boundary mark.

    Padding with a space marks how a phrase starts and ends ("^找房" differs from "在找房" in the
    middle). N-grams never span two phrases, so ASR's arbitrary segmentation is not learnt as content.
    Returns n-grams in text order, repeated as often as they occur (the caller counts them).
    """
    grams: list[str] = []
    for phrase in normalize_text(text, config).split(_BOUNDARY):
        if not phrase:
            continue
        padded = f"{_BOUNDARY}{phrase}{_BOUNDARY}"
        for n in range(config.min_n, config.max_n + 1):
            if n == 1:
                grams.extend(phrase)  # unigrams of the boundary mark itself carry nothing
                continue
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
