"""The hand-written templates the demo dataset is drawn from, one module per intent.

:data:`FAMILIES` maps an intent to its template families (family name → templates); a family's name
ends up in each of its rows' ``source``. A template uses
``{slot}`` for a slot value (:mod:`training.demo_slots`) and ``|`` for a pause, which
:mod:`training.demo_data` turns into nothing, a space or a comma, as ASR would. A template without slots is
also a seed phrase: the generator takes every one of those once before drawing at random.
"""

from __future__ import annotations

from training.demo_templates import book_viewing, consult, find_listing, negotiate, other, video_tour

__all__ = ["FAMILIES"]

# Same order as the taxonomy's intents (generation itself walks DemoConfig.targets, not this dict).
FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "find_listing": find_listing.FAMILIES,
    "book_viewing": book_viewing.FAMILIES,
    "consult": consult.FAMILIES,
    "negotiate": negotiate.FAMILIES,
    "video_tour": video_tour.FAMILIES,
    "other": other.FAMILIES,
}
