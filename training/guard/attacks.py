"""Every attack composer of the guard's training data, by name: the registry ``generate.py`` draws from.

Every composer takes a seeded ``random.Random`` and returns ``(text, category, lang)``. The composers
describe attack *shapes* (drop the rules, then a new order; a persona without limits; a request for the
hidden prompt; a task with a redirect to a fixed output appended), each with many interchangeable
wordings, so the model learns the shape rather than one sentence. None of it comes from ../shared/eval
(which is for measuring only).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from training.guard.direct_attacks import DIRECT_COMPOSERS
from training.guard.hijack_families import HIJACK_COMPOSERS
from training.guard.jailbreak_families import JAILBREAK_COMPOSERS
from training.guard.persona_attacks import PERSONA_COMPOSERS
from training.guard.pressure_jailbreaks import PRESSURE_COMPOSERS
from training.guard.redirect_attacks import REDIRECT_COMPOSERS
from training.guard.rule_list_jailbreaks import RULE_LIST_COMPOSERS

__all__ = ["ATTACK_COMPOSERS", "compose_attack"]

Sample = tuple[str, str, str]  # text, category, lang

ATTACK_COMPOSERS: dict[str, Callable[[random.Random], Sample]] = {
    **DIRECT_COMPOSERS,  # override, hijack, leak, authority, forged headers, embedded in a rental turn
    **PERSONA_COMPOSERS,  # DAN-style templates, role-play and framed harmful asks
    **JAILBREAK_COMPOSERS,  # longer templates of the public families
    **HIJACK_COMPOSERS,  # indirect extraction, multi-step and output-format hijacks
    **REDIRECT_COMPOSERS,  # a task, then an appended redirect to a fixed output (no trigger words)
    **RULE_LIST_COMPOSERS,  # refusal suppression, style and prefix injection, distractors
    **PRESSURE_COMPOSERS,  # urgency pretexts and forged answer transcripts
}


def compose_attack(rng: random.Random, composer: str) -> Sample:
    """One attack utterance from the named composer."""
    return ATTACK_COMPOSERS[composer](rng)
