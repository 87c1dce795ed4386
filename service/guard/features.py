"""The n-gram features the guard model reads, shared by serving and training.

Chinese has no spaces, so CJK runs give character 2–3-grams (single characters such as 你 or 回 carry
style, not intent, and a model trained on generated text over-learns them); Latin text gives word 1–2-grams (a
letter n-gram model of English learns spelling, not intent). Both come from the normalised text, so a
disguised word and the plain word are the same feature. Training (``training/guard/train.py``) builds
its matrix with this very function: the model is scored on exactly what it was fitted on.
"""

from __future__ import annotations

import itertools
import operator
import re

__all__ = ["MAX_FEATURE_CHARS", "extract_ngrams"]

# Long jailbreak templates are 1,000+ characters; the head and tail carry the instruction, and capping
# keeps the guard's worst case inside its latency budget (docs/benchmarks.md).
MAX_FEATURE_CHARS = 600
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _bounded(text: str) -> str:
    if len(text) <= MAX_FEATURE_CHARS:
        return text
    half = MAX_FEATURE_CHARS // 2
    return text[:half] + "\n" + text[-half:]


def extract_ngrams(text: str) -> set[str]:
    """Distinct features of normalised ``text``: CJK character 2–3-grams, Latin word 1–2-grams.

    Word features are prefixed with ``w:`` so an English word never collides with a Chinese n-gram.
    """
    text = _bounded(text)
    grams: set[str] = set()
    add = operator.add  # map(add, …) builds the n-grams in C, about three times faster than slicing
    for run in _CJK_RUN.findall(text):
        bigrams = list(map(add, run, run[1:]))
        grams.update(bigrams)
        grams.update(map(add, bigrams, run[2:]))
    words = _WORD.findall(text)
    if words:
        grams.update(map(add, itertools.repeat("w:"), words))
        grams.update(map("w:{}_{}".format, words, words[1:]))
    return grams
