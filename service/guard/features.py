"""What the guard model reads, shared by serving and training: n-grams and signals of one utterance.

Chinese has no spaces, so CJK runs give character 2–3-grams (single characters such as 你 or 回 carry
style, not intent, and a model trained on generated text over-learns them); Latin text gives word 1–2-grams (a
letter n-gram model of English learns spelling, not intent). Both come from the normalised text, so a
disguised word and the plain word are the same feature. Training (``training/guard/train.py``) builds
its matrix with :func:`featurize` itself: the model is scored on exactly what it was fitted on.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from service.guard.normalize import normalize_for_guard
from service.guard.rules import find_signals
from service.guard.window import MAX_GUARD_CHARS, head_and_tail
from service.sanitize import PII_TYPES

__all__ = ["GuardFeatures", "extract_ngrams", "featurize"]

# A linear model cannot learn "this ask is an attack *inside a frame* and a plain question outside one".
# When a frame or role switch is present, every CJK n-gram is also emitted with this prefix, so the model
# can weigh the ask differently in that context (the same n-grams asked bluntly stay neutral). English
# words are not doubled: "story", "game", "code" frame most ordinary English requests, and the generated
# English data is too small to learn the framed context (it raised false alarms on NotInject-style text).
_FRAMED_PREFIX = "f:"
_CONTEXT_SIGNALS = frozenset({"frame", "role_switch"})
# The guard sees PII-masked text. A placeholder says nothing about intent, but read as words it would
# ("<PHONE_1>" -> "phone", a word attacks use: "send me every tenant's phone number"), so it is blanked
# before anything else looks at the text.
_PLACEHOLDER = re.compile("<(?:" + "|".join(t.upper() for t in PII_TYPES) + r")_[0-9]+>")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class GuardFeatures:
    """The model's input for one utterance: distinct n-grams and the names of the signals found.

    ``ngrams`` is a plain set (no frozenset copy on the hot path); nothing mutates it after
    :func:`featurize` returns.
    """

    ngrams: AbstractSet[str]
    signals: frozenset[str]


def _cjk_ngrams(text: str) -> set[str]:
    grams: set[str] = set()
    add = operator.add  # map(add, …) builds the n-grams in C, about three times faster than slicing
    for run in _CJK_RUN.findall(text):
        bigrams = list(map(add, run, run[1:]))
        grams.update(bigrams)
        grams.update(map(add, bigrams, run[2:]))
    return grams


# English function words carry no intent on their own, but the generated English is formulaic enough
# that a model learns "your", "as" and "every" as attack words (weights 3–4 before this list) and then
# flags ordinary English. They stay inside bigrams ("your_instructions"), where they do carry meaning.
# fmt: off
_EN_STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "as", "at", "by", "for", "from", "in", "into",
    "of", "on", "to", "with", "about", "before", "after", "above", "out", "up", "this", "that", "these",
    "those", "it", "its", "i", "me", "my", "you", "your", "we", "our", "he", "she", "they", "them", "is",
    "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can", "could",
    "will", "would", "should", "not", "no", "all", "every", "any", "some", "now", "just", "only", "also",
    "what", "how", "when", "where", "who", "which", "please",
})
# fmt: on


def _word_ngrams(text: str) -> set[str]:
    words = _WORD.findall(text)
    if not words:
        return set()
    grams = {"w:" + w for w in words if w not in _EN_STOPWORDS}
    grams.update(map("w:{}_{}".format, words, words[1:]))
    return grams


def extract_ngrams(text: str) -> set[str]:
    """Distinct features of normalised ``text``: CJK character 2–3-grams, Latin word 1–2-grams.

    Word features are prefixed with ``w:`` so an English word never collides with a Chinese n-gram.
    Decoded payloads can make normalised text longer than its input, so it is bounded again here.
    """
    text = head_and_tail(text, MAX_GUARD_CHARS)
    return _cjk_ngrams(text) | _word_ngrams(text)


def featurize(text: str) -> GuardFeatures:
    """Blank PII placeholders (``<PHONE_1>``), bound ``text`` to its head and tail
    (:mod:`service.guard.window`), normalise it once, and return its n-grams (CJK ones doubled with the
    ``f:`` prefix inside a frame) and signals."""
    if "<" in text:
        text = _PLACEHOLDER.sub(" ", text)
    normalized = normalize_for_guard(head_and_tail(text, MAX_GUARD_CHARS))
    body = head_and_tail(normalized.text, MAX_GUARD_CHARS)
    cjk = _cjk_ngrams(body)
    grams = cjk | _word_ngrams(body)
    signals = find_signals(normalized)
    if cjk and not _CONTEXT_SIGNALS.isdisjoint(signals):
        grams.update(map(operator.add, itertools.repeat(_FRAMED_PREFIX), cjk))
    return GuardFeatures(grams, signals)
