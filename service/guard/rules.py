"""The guard's signals: which exist, what reason each maps to, and how to find them in a text.

Each signal has a name and a few patterns, kept by family: :mod:`~service.guard.hijack_signals`,
:mod:`~service.guard.leak_signals`, :mod:`~service.guard.jailbreak_signals`, and the context signals in
:mod:`~service.guard.context_signals`. The model (:mod:`service.guard.model`) weighs the signals together
with n-grams into one calibrated score, so no single pattern blocks on its own unless the training data
taught it to. Each signal maps to one reason tag in :data:`GUARD_REASONS` (metric labels: keep that set
small and fixed). Speed notes are in :mod:`~service.guard.pattern_vocabulary`.
"""

from __future__ import annotations

import re

from service.guard.context_signals import FRAME, HARM
from service.guard.hijack_signals import HIJACK_SIGNALS
from service.guard.jailbreak_signals import JAILBREAK_SIGNALS
from service.guard.leak_signals import LEAK_SIGNALS
from service.guard.normalize import NormalizedText
from service.guard.pattern_vocabulary import SignalPatterns
from service.guard.redirect_signals import MIN_TASK_CHARS, REDIRECT

__all__ = ["GUARD_REASONS", "SIGNALS", "SIGNAL_REASONS", "find_signals"]

# fmt: off
GUARD_REASONS: tuple[str, ...] = (
    "instruction_override", "goal_hijacking", "prompt_extraction", "roleplay_jailbreak", "obfuscation",
    "encoded_payload",
    "model_score",  # the n-gram model alone pushed the score over the threshold
)
# fmt: on


_SIGNAL_PATTERNS: dict[str, SignalPatterns] = {**HIJACK_SIGNALS, **LEAK_SIGNALS, **JAILBREAK_SIGNALS}

_BASE_SIGNALS: tuple[str, ...] = (
    *_SIGNAL_PATTERNS,
    "frame",
    "harm_topic",
    "framed_harm",
    "redirect",
    "appended_redirect",
    "obfuscated",
    "encoded_payload",
)

SIGNAL_REASONS: dict[str, str] = {
    "override_rules": "instruction_override",
    "override_soft": "goal_hijacking",
    "forced_output": "goal_hijacking",
    "task_switch": "goal_hijacking",
    "prompt_leak": "prompt_extraction",
    "jailbreak_persona": "roleplay_jailbreak",
    "no_limits": "roleplay_jailbreak",
    "no_refusal": "roleplay_jailbreak",
    "persona_override": "roleplay_jailbreak",
    "refusal_suppression": "roleplay_jailbreak",
    "prefix_injection": "roleplay_jailbreak",
    "policy_evasion": "roleplay_jailbreak",
    "amoral_anyway": "roleplay_jailbreak",
    "threat_or_simulation": "roleplay_jailbreak",
    "pressure": "roleplay_jailbreak",
    "role_switch": "roleplay_jailbreak",
    "fake_authority": "instruction_override",
    "output_obfuscation": "obfuscation",
    "frame": "model_score",  # a story, persona or pretext frame is context, not a reason on its own
    "harm_topic": "model_score",  # a topic is no reason to block; named only if the model blocks
    "framed_harm": "roleplay_jailbreak",
    "redirect": "model_score",  # "just say yes or no: …" is a format request; context, like a frame
    "appended_redirect": "goal_hijacking",
    "obfuscated": "obfuscation",
    "encoded_payload": "encoded_payload",
}

# Reason-level aggregates: ``any_goal_hijacking`` fires whenever any goal-hijacking signal does. A signal
# written for one attack family learns its weight from that family alone, so an unseen family that trips
# it gets little credit; the aggregate learns from every family of its kind. Family-held-out evaluation
# (training/guard/generalise.py) measured what this buys; see docs/guard.md §2. Only reasons with two or
# more signals get one (for a single signal the aggregate would be a copy). ``role_switch`` is left out:
# it is context (你扮演一下中介 trips it), like a frame.
_NOT_AGGREGATED = frozenset({"role_switch"})
_AGGREGATED = {s: r for s, r in SIGNAL_REASONS.items() if r != "model_score" and s not in _NOT_AGGREGATED}
_AGGREGATES: dict[str, str] = {
    reason: f"any_{reason}" for reason in GUARD_REASONS if sum(r == reason for r in _AGGREGATED.values()) >= 2
}
SIGNAL_REASONS.update({name: reason for reason, name in _AGGREGATES.items()})
SIGNALS: tuple[str, ...] = (*_BASE_SIGNALS, *_AGGREGATES.values())

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")
_SENTENCE_END = re.compile(r"[.?!;:\n]")
_LATIN_RUN = re.compile(r"[a-z][^\u3400-\u9fff]*")
_Compiled = tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]


def _compile(signal: SignalPatterns) -> _Compiled:
    return tuple(map(re.compile, signal.zh)), tuple(map(re.compile, signal.en))


_COMPILED = tuple((name, _compile(signal)) for name, signal in _SIGNAL_PATTERNS.items())
_HARM_COMPILED = _compile(HARM)
_FRAME_COMPILED = _compile(FRAME)
_REDIRECT_COMPILED = tuple(map(re.compile, REDIRECT.en))


def _matches(compiled: _Compiled, text: str, latin: str, *, has_cjk: bool) -> bool:
    zh, en = compiled
    return (has_cjk and any(p.search(text) for p in zh)) or (bool(latin) and any(p.search(latin) for p in en))


def _latin_part(text: str, *, has_cjk: bool) -> str:
    """The Latin stretches of a mixed text, one per line: English patterns scan only these (an English
    phrase never spans a CJK character), so a long Chinese text with "DAN" in it costs microseconds."""
    return "\n".join(_LATIN_RUN.findall(text)) if has_cjk else text


def _redirect_signals(latin: str) -> set[str]:
    """``redirect`` where a redirect clause is anywhere in the Latin text, plus ``appended_redirect`` when
    one starts after the first sentence end that is at least
    :data:`~service.guard.redirect_signals.MIN_TASK_CHARS` in: a task, then the turn."""
    hits: set[str] = set()
    task_end = _SENTENCE_END.search(latin, MIN_TASK_CHARS)
    for pattern in _REDIRECT_COMPILED:
        if pattern.search(latin) is None:
            continue
        hits.add("redirect")
        if task_end is not None and pattern.search(latin, task_end.end()) is not None:
            hits.add("appended_redirect")
            break
    return hits


def find_signals(normalized: NormalizedText) -> frozenset[str]:
    """Names (from :data:`SIGNALS`) of every signal present in the normalised text."""
    text = normalized.text
    has_cjk = _CJK.search(text) is not None
    latin = _latin_part(text, has_cjk=has_cjk) if _LATIN.search(text) else ""
    hits = {name for name, compiled in _COMPILED if _matches(compiled, text, latin, has_cjk=has_cjk)}
    # "frame" is the Chinese frame alone: in English, "story", "game" or "code" frame most ordinary
    # requests, and English frames only count next to a concrete harm (framed_harm).
    zh_framed = has_cjk and any(p.search(text) for p in _FRAME_COMPILED[0])
    if zh_framed:
        hits.add("frame")
    if _matches(_HARM_COMPILED, text, latin, has_cjk=has_cjk):
        hits.add("harm_topic")
        if zh_framed or (bool(latin) and any(p.search(latin) for p in _FRAME_COMPILED[1])):
            hits.add("framed_harm")
    if latin:
        hits |= _redirect_signals(latin)
    if normalized.obfuscated:
        hits.add("obfuscated")
    if normalized.payloads:
        hits.add("encoded_payload")
    hits.update([_AGGREGATES[_AGGREGATED[s]] for s in hits if _AGGREGATED.get(s) in _AGGREGATES])
    return frozenset(hits)
